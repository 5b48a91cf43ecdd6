"""Canonical JSON (docs/package-format.md): one text per value, anything else refused."""

from __future__ import annotations

import pytest

from app.sync import canonical


def test_round_trip_is_byte_exact_with_sorted_keys_and_raw_unicode():
    value = {"b": [1, None, True], "a": "Әлия Қасымқызы", "c": {"z": -3, "y": ""}}
    text = canonical.dumps(value)
    assert text == '{"a":"Әлия Қасымқызы","b":[1,null,true],"c":{"y":"","z":-3}}'.encode()
    assert canonical.loads(text) == value
    assert canonical.dumps_checked(value).encode() == text


@pytest.mark.parametrize("text", [
    b'{"a":1.5}', b'{"a":[1e3]}', b'{"a":NaN}', b'{"a":Infinity}', b'{"a":-0.0}',
    b'{"b":1,"a":2}', b'{"a": 1}', b'{"a":"\\u00e9"}', b"[1,2] ", b"\xff",
])
def test_floats_and_other_forms_are_refused(text):
    with pytest.raises(canonical.NotCanonical):
        canonical.loads(text)


def test_dumps_refuses_floats_and_non_string_keys():
    for value in ({"a": 0.5}, {1: "x"}, [[{"a": float("nan")}]]):
        with pytest.raises(canonical.NotCanonical):
            canonical.dumps(value)
