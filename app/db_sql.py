"""SQL that differs between SQLite and PostgreSQL, behind one construct each.

- `folded(column)`: the column folded the way app.domain.text.fold folds what a person
  types (case-, ё- and Kazakh-letter-insensitive), for text search.
- `iso_date(column)`: a date as its ISO text (YYYY-MM-DD), for code that compares many
  dates as strings without parsing each.

SQLite knows no Cyrillic lower(): Kenes registers `kenes_fold` (Python's fold) on the
connection before a statement that uses it. PostgreSQL's lower() follows the database's
locale, which an administrator chose, so there the same folding is an explicit
translate() of every letter a name is written with, locale-free. On both, the children's
name filter needs neither: it matches the stored, already folded `search_key` (on
PostgreSQL through a pg_trgm index, app/migrations/…_issue18_registry_trigram.py).
"""

from __future__ import annotations

from functools import cache

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

from app.domain.text import fold

FOLD_FUNCTION = "kenes_fold"
# The letters names are written with: Russian and Kazakh Cyrillic, Latin.
_LETTERS = ("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class folded(FunctionElement):
    """folded(column): the column as app.domain.text.fold would fold it."""

    type = String()
    inherit_cache = True


@compiles(folded, "sqlite")
def _fold_sqlite(element, compiler, **kw) -> str:  # type: ignore[no-untyped-def]
    return f"{FOLD_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(folded, "postgresql")
def _fold_postgresql(element, compiler, **kw) -> str:  # type: ignore[no-untyped-def]
    source, target = translation()
    return (f"translate({compiler.process(element.clauses, **kw)}, "
            f"'{source}', '{target}')")


@cache
def translation() -> tuple[str, str]:
    """(from, to) for translate(): each upper- and lower-case letter to its fold."""
    source, target = [], []
    for upper in _LETTERS:
        for letter in dict.fromkeys((upper, upper.lower())):
            folded_letter = fold(letter)
            if len(folded_letter) == 1 and folded_letter != letter:
                source.append(letter)
                target.append(folded_letter)
    return "".join(source), "".join(target)


class iso_date(FunctionElement):
    """iso_date(date column): 'YYYY-MM-DD'. SQLite stores dates so; PostgreSQL's text
    form of a date follows the server's DateStyle, so there it is formatted."""

    type = String()
    inherit_cache = True


@compiles(iso_date, "sqlite")
def _iso_sqlite(element, compiler, **kw) -> str:  # type: ignore[no-untyped-def]
    return compiler.process(element.clauses, **kw)


@compiles(iso_date, "postgresql")
def _iso_postgresql(element, compiler, **kw) -> str:  # type: ignore[no-untyped-def]
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"


def prepare(s: Session) -> None:
    """Make `folded()` usable on this session's connection (SQLite registers it)."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)  # type: ignore[union-attr]
