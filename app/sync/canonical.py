"""Canonical JSON (docs/package-format.md): what is signed and hashed must have one form.

Rules: UTF-8; object keys sorted by code point; no whitespace (separators "," and ":");
non-ASCII characters written as themselves, not escaped; only null, true, false,
integers, strings, arrays and objects — floats are refused (their text form is not
unique across implementations).
"""

from __future__ import annotations

import json
from typing import Any


class NotCanonical(ValueError):
    pass


def _check(value: Any) -> None:
    if isinstance(value, float):
        raise NotCanonical("floats are not allowed in canonical JSON")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise NotCanonical("object keys must be strings")
            _check(v)
    elif isinstance(value, list | tuple):
        for v in value:
            _check(v)


def dumps(value: Any) -> bytes:
    _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def dumps_checked(value: Any) -> str:
    """The canonical text of a value taken out of `loads` (so already checked)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def _no_float(text: str) -> Any:
    raise NotCanonical(f"floats are not allowed in canonical JSON ({text})")


def parse(text: str) -> Any:
    """A value from JSON text that canonical form can hold: floats are refused while
    parsing, and parsed keys are strings, so `dumps_checked` may write it."""
    try:
        return json.loads(text, parse_float=_no_float, parse_constant=_no_float)
    except ValueError as exc:
        raise NotCanonical(str(exc)) from None


def loads(data: bytes) -> Any:
    """Parse, and refuse anything that is not exactly in canonical form. (Floats are
    refused while parsing; keys of parsed JSON are strings: nothing else to walk.)"""
    try:
        value = parse(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise NotCanonical(str(exc)) from None
    if dumps_checked(value).encode("utf-8") != data:
        raise NotCanonical("not in canonical form")
    return value
