"""The database file: engine, sessions, SQLite pragmas, migrations at start.

Session lifetime is the caller's (DESIGN.md): `with db.session() as s:` is one
transaction, committed when the block ends and rolled back if it raises.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.db_location import ServerLocation, parse_location
from app.errors import StorageError
from app.files import create_private, make_private, private_dir
from app.i18n import N_
from app.login_guard import LoginGuard

BUSY_TIMEOUT_MS = 10_000
ANALYSIS_LIMIT = 1000  # rows sampled per index by ANALYZE


def _configure(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (SQLAlchemy's
        # documented recipe), so that reads inside a unit of work are isolated too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(begin)


class Database:
    is_server = False  # a SQLite file; app/pg/database.py has the server's twin

    def __init__(self, path: Path) -> None:
        self.path = path
        # Writes begin IMMEDIATE: a user action takes the write lock up front instead of
        # failing half-way with "database is locked" when another process writes.
        self.engine = create_engine(f"sqlite:///{path}")
        _configure(self.engine, "BEGIN IMMEDIATE")
        # The login guard travels in each session's info (services.users.log_in).
        info = {"login_guard": LoginGuard(path)}
        self._factory = sessionmaker(self.engine, expire_on_commit=False, info=info)
        # Reads (table models, screens) begin DEFERRED: under WAL they never wait for,
        # nor block, the writer.
        self.read_engine = create_engine(f"sqlite:///{path}")
        _configure(self.read_engine, "BEGIN")
        self._read_factory = sessionmaker(self.read_engine, expire_on_commit=False,
                                          info=info)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit at the end, roll back on any error."""
        with self._factory() as s, s.begin():
            yield s

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A consistent read that takes no write lock; anything written is rolled back."""
        with self._read_factory() as s:
            try:
                yield s
            finally:
                s.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()

    def close(self) -> None:
        from app.sync import epoch

        epoch.remember(self)
        self.dispose()

    def refresh_statistics(self) -> None:
        """ANALYZE, sampled: the query planner needs table sizes to pick good plans
        (without them the dashboard counts categories by scanning every child: 60 ms, not
        7, at 100k). With analysis_limit it reads a sample of each index, a few ms."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def backup_to(self, target: Path) -> None:
        """Consistent copy through SQLite's online backup API, safe while in use."""
        if not target.parent.exists():
            private_dir(target.parent)
        tmp = target.with_name(target.name + ".part")
        tmp.unlink(missing_ok=True)
        create_private(tmp)
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(target)  # atomic: a half-written backup never carries the final name


def open_database(path: Path | str | ServerLocation, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to head, backing up first.
    A server location (`postgresql://…`) opens app.pg's twin of Database."""
    from app import migrate as migrations
    from app.sync import epoch

    location = parse_location(path)
    if isinstance(location, ServerLocation):
        from app.pg.database import open_server

        return open_server(location, migrate=migrate)  # type: ignore[return-value]
    path = location
    if path.exists() and path.is_dir():
        raise StorageError(N_("{path} is a folder, not a database file."), path=str(path))
    if not path.parent.exists():
        private_dir(path.parent)
    _require_sqlite_file(path)
    if path.exists():  # older installs wrote 0644: the data is the children's
        make_private(path, f"{path}-wal", f"{path}-shm")
    else:
        create_private(path)
    db = Database(path)
    try:
        if migrate:
            migrations.upgrade(db)
        epoch.ensure_own_epoch(db)
        db.refresh_statistics()
    except Exception:
        db.dispose()
        raise
    return db


def _require_sqlite_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not an empty or Kenes database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StorageError(N_("{path} is not a Kenes database."), path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StorageError(N_("{path} is damaged or not a Kenes database."),
                           path=str(path)) from None
    if tables and "alembic_version" not in tables:
        raise StorageError(N_("{path} is not a Kenes database."), path=str(path))


def backup_name(path: Path, label: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return private_dir(path.parent / "backups") / f"{path.stem}-{stamp}-{label}.db"
