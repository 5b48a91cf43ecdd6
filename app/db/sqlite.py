"""SQLite and SQLCipher: the engine, raw connections, file checks, copies.

Everything that depends on the file being SQLite lives here, behind five functions that
`app.db` uses (`engine`, `connect`, `check_file`, `copy`, `encrypt_copy`); a server
engine (PostgreSQL, issue 18) supplies its own. An encrypted database is opened by
SQLCipher (the `sqlcipher3` wheel, through SQLAlchemy's pysqlcipher dialect) with a raw
256-bit key (`PRAGMA key = "x'…'"`: no passphrase KDF at open, the key slots did that);
a plain one by Python's own sqlite3.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.pool import QueuePool

from app.errors import StorageError
from app.files import create_private
from app.i18n import N_

MAGIC = b"SQLite format 3\x00"


def _cipher():  # type: ignore[no-untyped-def]
    from sqlcipher3 import dbapi2

    return dbapi2


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def errors(key: bytes | None) -> tuple[type[Exception], ...]:
    """The driver's base error classes (sqlite3's and sqlcipher3's are distinct)."""
    return (sqlite3.Error, _cipher().Error) if key else (sqlite3.Error,)


def engine(path: Path, key: bytes | None) -> Engine:
    if key is None:
        return create_engine(f"sqlite:///{path}")
    # The dialect runs `PRAGMA key` first on every new connection. Its default pool
    # keeps one connection per thread (for old drivers); sqlcipher3 is as thread-safe
    # as sqlite3, so the file pool of the plain dialect is used.
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    return create_engine(url, poolclass=QueuePool)


def connect(path: Path, key: bytes | None = None, *, read_only: bool = False,
            immutable: bool = False) -> Any:
    """A raw DB-API connection, keyed when `key` is given. `immutable` reads a file that
    nobody writes (a backup) without creating -wal/-shm: read-only media work."""
    if read_only or immutable:
        query = "immutable=1" if immutable else "mode=ro"
        target, uri = f"{path.resolve().as_uri()}?{query}", True
    else:
        target, uri = str(path), False
    conn = (_cipher() if key else sqlite3).connect(target, uri=uri)
    if key:
        # A wrong key (a plain file, another database) is an answer here, not an event
        # for SQLCipher to log on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
    return conn


def check_file(path: Path, key: bytes | None, *, immutable: bool = False) -> set[str]:
    """The tables of an existing database file, without writing a byte. Raises
    StorageError naming the problem: not a database, encrypted without its key, the
    wrong key, damaged."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if key is None and head != MAGIC:
        raise StorageError(N_("{path} is not a Kenes database (or it is encrypted and "
                              "its key file is missing)."), path=str(path))
    try:
        conn = connect(path, key, read_only=True, immutable=immutable)
        try:
            return {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except errors(key) as exc:
        if key is not None and head != MAGIC and "not a database" in str(exc):
            raise StorageError(N_("{path} cannot be opened with this key: it belongs to "
                                  "another database, or it is damaged."),
                               path=str(path)) from None
        if "readonly" in str(exc).lower() or "unable to open" in str(exc).lower():
            raise StorageError(N_("{path} cannot be opened for reading here (read-only "
                                  "media or a folder without access)."),
                               path=str(path)) from None
        raise StorageError(N_("{path} is damaged or not a Kenes database."),
                           path=str(path)) from None


def copy(src: Path, key: bytes | None, target: Path, *, source_immutable: bool = False
         ) -> None:
    """A consistent copy through SQLite's online backup API, safe while the database is
    in use; encrypted with the same key when `key` is given. Written to `target.part`
    (0600) and renamed: a half-written copy never carries the final name.
    `source_immutable`: the source is a backup, read without creating anything beside it."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private(tmp)
    try:
        source = connect(src, key, immutable=source_immutable)
        try:
            dest = connect(tmp, key)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def encrypt_copy(src: Path, key: bytes, target: Path) -> None:
    """An encrypted copy of a plain database (SQLCipher's sqlcipher_export: schema,
    triggers and rows), written to `target` (which must not exist)."""
    export_copy(src, None, key, target)


def export_copy(src: Path, src_key: bytes | None, key: bytes, target: Path) -> None:
    """A copy of `src` (plain, or under `src_key`) encrypted under `key`, written to
    `target` (which must not exist) by sqlcipher_export; the source is read as immutable."""
    create_private(target)
    conn = _cipher().connect(f"{src.resolve().as_uri()}?immutable=1", uri=True)
    try:
        if src_key is not None:
            conn.execute(_key_pragma(src_key))
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    _fsync(target)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
