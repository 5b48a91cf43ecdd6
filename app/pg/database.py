"""A Kenes database on a PostgreSQL server: the engine, sessions and opening.

The same interface as app.db.Database (engine, read_engine, session(), read_session(),
dispose(), close(), refresh_statistics()), so services, the CLI and the screens do not
know which backend they run on.

Connections are encrypted unless the address says otherwise: `sslmode=require` is added
when the URL names no sslmode (a Unix socket on the same machine needs none). The
password comes from the URL, libpq's own places (PGPASSWORD, ~/.pgpass or
%APPDATA%\\postgresql\\pgpass.conf) or, in the desktop app, the OS keyring or a question.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.db_location import ServerLocation
from app.errors import StorageError
from app.i18n import N_

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 10_000  # like SQLite's busy_timeout: wait for a lock, then say so
MIGRATION_LOCK = 0x4B454E4553  # "KENES": one workstation creates or migrates at a time


class ServerDatabase:
    is_server = True
    path = None  # not a file: code that needs one (epoch registry, file backup) asks

    def __init__(self, location: ServerLocation, password: str | None = None) -> None:
        self.location = location
        url = location.sqlalchemy_url()
        if password:
            url = url.set(password=password)
        self.engine = create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4,
                                    connect_args=connect_args(location))
        _configure(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        # One server, one pool: reads need no engine of their own (no file locks here).
        self.read_engine = self.engine

    def __str__(self) -> str:
        return str(self.location)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit at the end, roll back on any error."""
        with self._factory() as s, s.begin():
            yield s

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read; anything written is rolled back."""
        with self._factory() as s:
            try:
                yield s
            finally:
                s.rollback()

    def dispose(self) -> None:
        self.engine.dispose()

    def close(self) -> None:
        self.dispose()

    def refresh_statistics(self) -> None:
        """Nothing to do at every start: the server's autovacuum keeps the planner's
        statistics; `kenes server migrate` runs ANALYZE after a migration."""


def connect_args(location: ServerLocation) -> dict[str, object]:
    url = location.sqlalchemy_url()
    args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S,
                               "application_name": "kenes"}
    host = url.query.get("host") or url.host or ""
    if "sslmode" not in url.query and not str(host).startswith("/"):
        args["sslmode"] = "require"
    return args


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
            cur.execute("SET TIME ZONE 'UTC'")
        dbapi_conn.commit()


def reachable(db: ServerDatabase) -> None:
    """Connect once, turning the driver's failure into a message for a person."""
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StorageError(N_("Cannot connect to the database server {server}: {reason}"),
                           server=str(db.location), reason=reason) from None


def tables(db: ServerDatabase) -> set[str]:
    with db.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def open_server(location: ServerLocation, *, migrate: bool = True,
                password: str | None = None) -> ServerDatabase:
    """Open a Kenes database on a server. An empty database gets the schema (as a new
    file does); one at an older revision is left for the administrator's `kenes server
    migrate` (it has a backup step, and other workstations may still run the older
    Kenes); one from a newer Kenes is refused."""
    from app.pg import schema
    from app.sync import epoch

    db = ServerDatabase(location, password)
    try:
        reachable(db)
        schema.require_current(db, create=migrate)
        epoch.ensure_own_epoch(db)
    except BaseException:
        db.dispose()
        raise
    return db
