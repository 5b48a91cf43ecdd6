"""Making database files: a new one (atomically, encrypted by default) and an encrypted
copy of a plain one (`kenes encrypt`).

A new database is built under a temporary name beside its final one and renamed into
place only when complete: a killed `kenes init` or demo leaves no half-made file for a
later command to take for a database. The key file is renamed first, so a database file
never stands without its keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from app import keyslots
from app.audit_anchor import SUFFIX as ANCHORS_SUFFIX
from app.db import Database, open_database, sqlite
from app.errors import StorageError
from app.i18n import N_
from app.keyslots import KeySlots
from app.login_guard import SUFFIX as GUARD_SUFFIX

T = TypeVar("T")
COMPANIONS = ("-wal", "-shm", keyslots.SUFFIX, GUARD_SUFFIX, ANCHORS_SUFFIX)


@dataclass(frozen=True)
class Created(Generic[T]):
    result: T
    key: bytes | None  # None: a plain database
    recovery_key: str | None  # shown once, to print and keep in the safe


def remove_database_files(path: Path) -> None:
    """The database and everything that belongs to it (WAL, key and login files)."""
    for suffix in ("", *COMPANIONS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.new")


def create_database(path: Path, build: Callable[[Database], T], *, encrypted: bool = True,
                    commission: Callable[[Database], dict] | None = None) -> Created[T]:
    """A new database at `path`, filled by `build(db)` (which must create the first
    account: its key slot is written with it). `commission(db)` gives the names the
    login window shows before the database is open (kept in the key file)."""
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(N_("{path} already exists; choose another file."), path=str(path))
    tmp = temporary_name(path)
    remove_database_files(tmp)  # what a killed earlier attempt left
    key = keyslots.new_key() if encrypted else None
    recovery = None
    if key is not None:
        slots, recovery = keyslots.create(tmp, key)
        slots.save()
    try:
        db = open_database(tmp, key)
        try:
            result = build(db)
            if key is not None and commission is not None:
                slots = KeySlots.load(tmp)
                assert slots is not None
                slots.commission = commission(db)
                slots.save()
        finally:
            db.close()
        if key is not None:
            os.replace(keyslots.keys_path(tmp), keyslots.keys_path(path))
        Path(f"{path}{GUARD_SUFFIX}").unlink(missing_ok=True)  # a stale one of a removed file
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
    except BaseException:
        remove_database_files(tmp)
        raise
    return Created(result, key, recovery)


def commission_names(db: Database) -> dict:
    """{"ru", "kk"}: the commission the login window names (services.commissions)."""
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT name_ru, name_kk FROM commission WHERE NOT deleted "
                                   "ORDER BY name_ru LIMIT 1").first()
    return {"ru": row[0], "kk": row[1]} if row else {}


@dataclass(frozen=True)
class Encrypted:
    recovery_key: str
    without_slot: tuple[str, ...]  # active logins whose password must be reset


def encrypt_database(db: Database, login: str, password: str) -> Encrypted:
    """Replace the plain database `db` (open; `login` and `password` verified by the
    caller) by an encrypted copy. The plain file is kept beside it until the copy has
    been checked (every table's rows counted alike, integrity ok), then removed. Only
    `login` gets a key slot now: the passwords of the others are not known; an
    administrator resets them."""
    if db.key is not None:
        raise StorageError(N_("{path} is already encrypted."), path=str(db.path))
    path = db.path
    key = keyslots.new_key()
    tmp = temporary_name(path)
    remove_database_files(tmp)
    plain_copy = path.with_name(f".{path.name}.plain")
    try:
        sqlite.copy(path, None, plain_copy)  # consistent, WAL included
        sqlite.encrypt_copy(plain_copy, key, tmp)
        slots, recovery = keyslots.create(tmp, key)
        slots.set_user(key, login, password)
        slots.commission = commission_names(db)
        _same_rows(plain_copy, tmp, key)
        with db.engine.connect() as conn:
            logins = [r[0] for r in conn.exec_driver_sql(
                "SELECT login FROM app_user WHERE active ORDER BY login")]
        db.dispose()
        slots.save(keyslots.keys_path(path))
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
    except BaseException:
        remove_database_files(tmp)
        raise
    finally:
        plain_copy.unlink(missing_ok=True)
    others = tuple(x for x in logins if x != keyslots.normal_login(login))
    return Encrypted(recovery, others)


def _same_rows(plain: Path, encrypted: Path, key: bytes) -> None:
    """The encrypted copy holds the same tables with the same number of rows, and
    passes SQLite's integrity check; otherwise nothing is replaced."""
    def counts(conn) -> dict[str, int]:  # type: ignore[no-untyped-def]
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}

    a, b = sqlite.connect(plain, None), sqlite.connect(encrypted, key)
    try:
        same = counts(a) == counts(b)
        ok = b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        a.close()
        b.close()
    if not (same and ok):
        raise StorageError(N_("The encrypted copy of {path} did not check out; the "
                              "database was left as it was."), path=str(plain))
