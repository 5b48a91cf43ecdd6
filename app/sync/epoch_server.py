"""Origins (epochs) of a database on a server: never reuse (origin, seq) with new content.

A file is recognised as a copy through the data folder's registry (app/sync/epoch.py);
a server database has no such folder, and many workstations share it. It knows where it
is instead: the cluster's system identifier (unique per initdb) and the database's oid.
The place is stored with the origin; a database restored from a dump, or copied to
another database or server, opens in another place and starts a new origin.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text

from app.domain.ids import new_id


def place(conn: Connection) -> str:
    system = conn.execute(text("SELECT system_identifier FROM pg_control_system()")).scalar()
    oid = conn.execute(text(
        "SELECT oid FROM pg_database WHERE datname = current_database()")).scalar()
    return f"{system}/{oid}"


def ensure_own_epoch(db) -> str | None:  # type: ignore[no-untyped-def]  # ServerDatabase
    """Start a new origin if this database was restored or copied; returns the reason."""
    with db.engine.begin() as conn:
        here = place(conn)
        stored = conn.execute(text(
            "SELECT place FROM sync_state WHERE id = 1 FOR UPDATE")).scalar()
        if stored == here:
            return None
        if stored is None:  # made here (created, or copied in by `kenes copy`)
            conn.execute(text("UPDATE sync_state SET place = :p WHERE id = 1"), {"p": here})
            return None
        start_new_origin(conn, "moved", here)
        return "moved"


def start_new_origin(conn: Connection, reason: str, here: str | None = None) -> str:
    origin = new_id()
    conn.execute(text("UPDATE sync_state SET origin = :o, seq = 0, place = :p WHERE id = 1"),
                 {"o": origin, "p": here})
    conn.execute(text(
        "INSERT INTO sync_origin (origin, office_id, started_at, reason) "
        "SELECT :o, office_id, :t, :r FROM sync_state WHERE id = 1"),
        {"o": origin, "t": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
         "r": reason})
    return origin
