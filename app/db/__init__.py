"""The database: engine, sessions, pragmas, migrations at start, keys of an encrypted file.

Session lifetime is the caller's (DESIGN.md): `with db.session() as s:` is one
transaction, committed when the block ends and rolled back if it raises. What depends on
the engine being SQLite/SQLCipher sits in `app.db.sqlite`.

An encrypted database (docs/encryption.md) is opened with its raw key, which comes out of
a key slot (`app.keyslots`): `unlock(path, login, password)` gives it, counting wrong
passwords in the login guard. Services that change a password stage the new slot in the
session (`stage_slot`); it is written just before the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from app import audit_anchor, keyslots
from app.db import sqlite
from app.db_location import ServerLocation, parse_location
from app.errors import AuthenticationError, LoginDelayed, StorageError
from app.files import create_private, make_private, private_dir, write_private
from app.i18n import N_
from app.keyslots import KeySlots
from app.login_guard import LoginGuard

BUSY_TIMEOUT_MS = 10_000


class DatabaseBusy(StorageError):
    """Another Kenes (window or command) held the write lock for longer than we wait."""

    default_message = N_("The database is busy: another Kenes window or command is "
                         "writing to it. Nothing was changed; try again in a moment.")
ANALYSIS_LIMIT = 1000  # rows sampled per index by ANALYZE
SlotChange = Callable[[KeySlots, bytes], None]


def _configure(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
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

    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> Exception | None:  # type: ignore[no-untyped-def]
        # Still locked after waiting busy_timeout: said in the person's language, never
        # the driver's "(sqlite3.OperationalError) database is locked … sqlalche.me".
        text = str(context.original_exception).lower()
        if "database is locked" in text or "database is busy" in text:
            return DatabaseBusy()
        return None


class Database:
    is_server = False  # a SQLite file; app/pg/database.py has the server's twin

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path, self.key = path, key
        # Writes begin IMMEDIATE: a user action takes the write lock up front instead of
        # failing half-way with "database is locked" when another process writes.
        self.engine = sqlite.engine(path, key)
        _configure(self.engine, "BEGIN IMMEDIATE")
        # The login guard and the key travel in each session's info (services.users).
        info = {"login_guard": LoginGuard(path), "database": self}
        self._factory = sessionmaker(self.engine, expire_on_commit=False, info=info)
        event.listen(self._factory, "before_commit", _write_staged_slots)
        event.listen(self._factory, "after_soft_rollback", _undo_staged_slots)
        event.listen(self._factory, "after_commit", _write_anchors)
        # Reads (table models, screens) begin DEFERRED: under WAL they never wait for,
        # nor block, the writer.
        self.read_engine = sqlite.engine(path, key)
        _configure(self.read_engine, "BEGIN")
        self._read_factory = sessionmaker(self.read_engine, expire_on_commit=False,
                                          info=info)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

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
        """Consistent copy through SQLite's online backup API, safe while in use. An
        encrypted database gives an encrypted copy, with its key slots beside it
        (`target.keys`), so that it opens with the passwords of its time."""
        if not target.parent.exists():
            private_dir(target.parent)
        if self.key is not None:
            slots = KeySlots.load(self.path)
            if slots is not None:
                slots.save(keyslots.keys_path(target))
        sqlite.copy(self.path, self.key, target)
        # The chain's head, anchored, and the anchors kept with the copy.
        if _has_audit_log(self):
            audit_anchor.write(self, "backup")
            anchors = audit_anchor.anchors_path(self.path)
            if anchors.exists():
                write_private(audit_anchor.anchors_path(target), anchors.read_bytes())


def _has_audit_log(db: Database) -> bool:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'"
                                    ).first() is not None


# -- key slots staged by services, written when the transaction commits ------------------

def stage_slot(s: Session, change: SlotChange) -> bool:
    """Change the key slots in this transaction (a new account, a new password): the
    change runs just before the commit. False for a plain database (nothing to do)."""
    db = s.info.get("database")
    if db is None or db.key is None:
        return False
    s.info.setdefault("slot_changes", []).append(change)
    return True


def _write_staged_slots(s: Session) -> None:
    changes = s.info.pop("slot_changes", None)
    if not changes:
        return
    db = s.info["database"]
    slots = KeySlots.load(db.path)
    if slots is None:
        raise StorageError(N_("The key file of this encrypted database is missing or "
                              "damaged: {path}."), path=str(keyslots.keys_path(db.path)))
    s.info["slots_before"] = slots.to_bytes()
    for change in changes:
        change(slots, db.key)
    slots.save()


def _write_anchors(s: Session) -> None:
    reasons = s.info.pop("anchor_reasons", None)
    if reasons:
        audit_anchor.write(s.info["database"], "+".join(sorted(set(reasons))))


def _undo_staged_slots(s: Session, _previous: object) -> None:
    before = s.info.pop("slots_before", None)
    s.info.pop("slot_changes", None)
    if before is not None:  # the commit failed after the slots were written
        write_private(keyslots.keys_path(s.info["database"].path), before)


# -- opening --------------------------------------------------------------------------

def unlock(path: Path, login: str, password: str) -> bytes:
    """The key of an encrypted database from `login`'s slot. Wrong passwords count in
    the login guard exactly as at the login window; they are audited when the database
    is next opened (services.users.log_in)."""
    guard = LoginGuard(path)
    wait = guard.wait_left(login)
    if wait > 0:
        import math

        raise LoginDelayed(seconds=math.ceil(wait))
    slots = KeySlots.load(path)
    if slots is None:
        raise StorageError(N_("The key file of this encrypted database is missing or "
                              "damaged: {path}."), path=str(keyslots.keys_path(path)))
    key = slots.unlock(login, password)
    if key is None:
        guard.failed(login, pending_audit=True)
        raise AuthenticationError()
    return key


def unlock_with_recovery_key(path: Path, recovery_key: str) -> bytes:
    slots = KeySlots.load(path)
    if slots is None:
        raise StorageError(N_("The key file of this encrypted database is missing or "
                              "damaged: {path}."), path=str(keyslots.keys_path(path)))
    key = slots.unlock_with_recovery_key(recovery_key)
    if key is None:
        raise AuthenticationError(N_("This recovery key does not open this database."))
    return key


def open_database(path: Path | str | ServerLocation, key: bytes | None = None, *,
                  migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to head, backing up first.
    A server location (`postgresql://…`) opens app.pg's twin of Database; `key` opens
    an encrypted file."""
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
    require_database_file(path, key)
    if path.exists():  # older installs wrote 0644: the data is the children's
        make_private(path, f"{path}-wal", f"{path}-shm")
    else:
        create_private(path)
    db = Database(path, key)
    try:
        if migrate:
            migrations.upgrade(db)
        epoch.ensure_own_epoch(db)
        db.refresh_statistics()
    except Exception:
        db.dispose()
        raise
    return db


def require_database_file(path: Path, key: bytes | None = None) -> None:
    """Refuse, without writing a byte, a file that is not an empty or Kenes database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if key is None and keyslots.is_encrypted(path):
        raise StorageError(N_("{path} is encrypted: log in to open it."), path=str(path))
    tables = sqlite.check_file(path, key)
    if tables and "alembic_version" not in tables:
        raise StorageError(N_("{path} is not a Kenes database."), path=str(path))


def backup_name(path: Path, label: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return private_dir(path.parent / "backups") / f"{path.stem}-{stamp}-{label}.db"
