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


def loads(data: bytes) -> Any:
    """Parse, and refuse anything that is not exactly in canonical form."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotCanonical(str(exc)) from None
    if dumps(value) != data:
        raise NotCanonical("not in canonical form")
    return value
