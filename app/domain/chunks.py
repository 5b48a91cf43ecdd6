"""Long id lists cut into pieces an SQL `IN (...)` can take."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_LIST = 500  # under SQLite's 999 bound parameters of older builds


def chunks(values: Sequence[T], size: int = IN_LIST) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield list(values[start:start + size])
