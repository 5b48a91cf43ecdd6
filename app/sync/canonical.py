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
    """Not canonical JSON; `reason` says how: "form" (any other departure), "depth"
    (nested deeper than MAX_DEPTH) or "text" (a lone surrogate, no valid UTF-8)."""

    def __init__(self, message: str, reason: str = "form") -> None:
        super().__init__(message)
        self.reason = reason


# Kenes's own documents nest four or five levels; anything much deeper is hostile (the
# parser would recurse until Python's stack limit).
MAX_DEPTH = 32


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
    except RecursionError:
        raise NotCanonical("nested too deeply", "depth") from None
    except ValueError as exc:
        raise NotCanonical(str(exc)) from None


def depth(data: bytes | bytearray) -> int:
    """How deeply arrays and objects nest in JSON text (strings skipped), without
    parsing it: checked before a small document (a manifest) is parsed at all."""
    deepest = level = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            level += 1
            deepest = max(deepest, level)
        elif byte in (0x5D, 0x7D):
            level -= 1
    return deepest


def loads(data: bytes | bytearray, *, max_depth: int | None = None) -> Any:
    """Parse, and refuse anything that is not exactly in canonical form. (Floats are
    refused while parsing; keys of parsed JSON are strings: nothing else to walk.)
    With `max_depth`, deeper nesting is refused before parsing."""
    if max_depth is not None and depth(data) > max_depth:
        raise NotCanonical(f"nested deeper than {max_depth} levels", "depth")
    try:
        value = parse(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise NotCanonical(str(exc), "text") from None
    try:
        again = dumps_checked(value).encode("utf-8")
    except UnicodeEncodeError:  # "\ud800": a lone surrogate is no Unicode text
        raise NotCanonical("a lone surrogate in a string", "text") from None
    except RecursionError:
        raise NotCanonical("nested too deeply", "depth") from None
    if again != data:
        raise NotCanonical("not in canonical form")
    return value
