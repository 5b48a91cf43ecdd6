"""Where a database is: a SQLite file (a path, or `sqlite:///path`) or a PostgreSQL
server (`postgresql://user@host/dbname`). A database is one or the other.

A URL is never taken for a path: anything that starts like `scheme://` is a URL, and a
scheme Kenes does not serve is refused (before this, `--db postgresql://…` made a folder
named `postgresql:`). Windows paths (`C:\\…`) have no `//` after the colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import StorageError
from app.i18n import N_

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_SERVER_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
DRIVER = "postgresql+psycopg"  # psycopg 3 (README: Dependencies and why)


@dataclass(frozen=True, slots=True)
class ServerLocation:
    """A PostgreSQL database. `url` is the SQLAlchemy URL string as given, with the
    driver made psycopg; `str()` shows it without a password."""

    url: str

    def sqlalchemy_url(self):  # type: ignore[no-untyped-def]  # sqlalchemy.engine.URL
        from sqlalchemy.engine import make_url

        return make_url(self.url)

    @property
    def database(self) -> str:
        return self.sqlalchemy_url().database or ""

    def __str__(self) -> str:
        url = self.sqlalchemy_url().set(drivername="postgresql")
        return url.render_as_string(hide_password=True)


Location = Path | ServerLocation


def parse_location(value: str | Path | ServerLocation) -> Location:
    """A `--db` value (or a Settings entry) as a file path or a server location."""
    if isinstance(value, Path | ServerLocation):
        return value
    text = value.strip()
    if not _URL.match(text):
        return Path(text)
    scheme, rest = text.split("://", 1)
    scheme = scheme.lower()
    if scheme in ("sqlite", "sqlite+pysqlite"):
        # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy reads them.
        if not rest.startswith("/") or len(rest) == 1:
            raise StorageError(N_("A SQLite URL names a file: sqlite:///kenes.db or "
                                  "sqlite:////full/path/kenes.db."))
        return Path(rest[1:])
    if scheme.split("+")[0] in ("postgresql", "postgres") and (
            scheme in _SERVER_SCHEMES):
        location = ServerLocation(f"{DRIVER}://{rest}")
        try:
            url = location.sqlalchemy_url()
        except Exception:  # SQLAlchemy's ArgumentError: a malformed URL
            raise StorageError(N_("{url} is not a valid database address."),
                               url=_without_secret(text)) from None
        if not url.database:
            raise StorageError(N_("The server address must name a database: "
                                  "postgresql://user@host/dbname."))
        return location
    raise StorageError(N_("Kenes works with a SQLite file or a PostgreSQL server, not "
                          "{scheme}://."), scheme=scheme)


def _without_secret(text: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def open_existing(location: Location, key: bytes | None = None):  # type: ignore[no-untyped-def]  # app.db.Database
    """Open a database that must exist already (a file, or a Kenes database on a
    server: an empty server database is not set up behind the person's back). `key`:
    an encrypted file's (app.db.unlock)."""
    from app.db import open_database

    if isinstance(location, ServerLocation):
        from app.pg.database import open_server

        return open_server(location, migrate=False)
    if not location.is_file():
        raise StorageError(N_("There is no database at {path}."), path=str(location))
    return open_database(location, key)


def require_empty(location: Location) -> None:
    """A new database goes where there is none: no file, or an empty server database."""
    if isinstance(location, ServerLocation):
        from app.pg.admin import require_empty_database

        require_empty_database(location)
    elif location.exists() and (location.is_dir() or location.stat().st_size > 0):
        raise StorageError(N_("{path} already exists; choose another file."),
                           path=str(location))


def remove_database(location: Location) -> None:
    """Undo a database that was being made (after require_empty said there was none)."""
    if isinstance(location, ServerLocation):
        from app.pg.admin import drop_kenes_schema

        drop_kenes_schema(location)
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)


def is_server(location: object) -> bool:
    return isinstance(location, ServerLocation)


def location_of(db) -> Location:  # type: ignore[no-untyped-def]  # either Database
    return db.location if db.is_server else db.path


def describe(location: Location) -> str:
    """What to show a person: the file's path or the server address without password."""
    return str(location)
