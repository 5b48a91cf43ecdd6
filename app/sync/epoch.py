"""Origins (epochs): never reuse (origin, seq) with new content.

A database restored from a backup, or copied to another place, would go on
numbering changes from where the copy stood, and a peer that already saw those
numbers would take new content for old. So each data folder keeps a registry of
the origins it has written under — path and highest seq seen — and a database
that is a copy (its origin is registered for another file that still exists) or
a restored backup (its seq is behind the registry) starts a new origin on open.
Exports (SYNC.md) call `remember` too, so every seq that left the office is known.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import text

from app.domain.ids import new_id
from app.files import write_private
from app.paths import data_dir

REGISTRY = "origins.json"


def _registry_path() -> Path:
    return data_dir() / REGISTRY


def _load() -> dict[str, dict[str, object]]:
    try:
        return json.loads(_registry_path().read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save(registry: dict[str, dict[str, object]]) -> None:
    write_private(_registry_path(), json.dumps(registry, indent=1, sort_keys=True).encode())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def _state(conn) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    row = conn.execute(text("SELECT origin, seq FROM sync_state WHERE id = 1")).one()
    return row[0], row[1]


def ensure_own_epoch(db) -> str | None:  # type: ignore[no-untyped-def]  # app.db.Database
    """Start a new origin if this file is a copy or a restored backup; returns the reason."""
    if getattr(db, "is_server", False):
        from app.sync import epoch_server

        return epoch_server.ensure_own_epoch(db)
    registry = _load()
    path = Path(db.path).resolve()
    with db.engine.begin() as conn:
        origin, seq = _state(conn)
        entry = registry.get(origin)
        reason = None
        if entry is not None:
            other = Path(str(entry["path"]))
            if (not _same_file(other, path) and other.exists()
                    and _holds(other, origin, db.key)):
                reason = "copied"
            elif _same_file(other, path) and int(entry["seq"]) > seq:  # type: ignore[call-overload]
                reason = "restored"
        if reason:
            origin, seq = new_id(), 0
            conn.execute(text(
                "UPDATE sync_state SET origin = :o, seq = 0 WHERE id = 1"), {"o": origin})
            conn.execute(text(
                "INSERT INTO sync_origin (origin, office_id, started_at, reason) "
                "SELECT :o, office_id, :t, :r FROM sync_state WHERE id = 1"),
                {"o": origin, "t": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "r": reason})
    registry[origin] = {"path": str(path), "seq": seq}
    _save(registry)
    return reason


def remember(db) -> None:  # type: ignore[no-untyped-def]
    """Record the current high-water seq (call after exports and on close)."""
    if getattr(db, "is_server", False):
        return  # a server database knows its own place (epoch_server)
    with db.engine.connect() as conn:
        origin, seq = _state(conn)
    registry = _load()
    entry = registry.get(origin, {})
    registry[origin] = {"path": str(Path(db.path).resolve()),
                        "seq": max(seq, int(entry.get("seq", 0)))}  # type: ignore[call-overload]
    _save(registry)


def _holds(path: Path, origin: str, key: bytes | None) -> bool:
    """Does the database at `path` still write under `origin`? (read-only peek; a copy
    of an encrypted database has the same key)"""
    from app.db import sqlite

    try:
        conn = sqlite.connect(path, key, read_only=True)
        try:
            row = conn.execute("SELECT origin FROM sync_state WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite.errors(key):
        return False
    return row is not None and row[0] == origin
