"""`kenes check`: integrity, foreign keys, migration head, change capture and audit chain.

Each problem is one line naming exactly what is wrong (a table and rowid, a trigger,
an audit entry), so whoever reads it knows where to look.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from app import audit_anchor
from app.db import Database
from app.db_location import ServerLocation
from app.migrate import current_revision, head_revision
from app.sync import capture


def check(db: Database) -> list[str]:
    from app.services import audit

    problems: list[str] = []
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # a server checks its pages and keys itself
            problems += _file_problems(conn)
        current, head = current_revision(conn), head_revision()
        if current != head:
            problems.append(f"migration: database is at {current}, this Kenes expects {head}")
        else:
            problems += [f"change capture: {p}" for p in capture.trigger_problems(conn)]
            problems += _change_log_gaps(conn)
    if current == head:
        with db.session() as s:
            problems += [str(p) for p in audit.verify(s)]
        with db.engine.connect() as conn:
            problems += audit_anchor.problems(conn, db.path, db.key)
    return problems


def _file_problems(conn) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
        if line != "ok":
            problems.append(f"integrity: {line}")
    for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: {table} row {rowid} refers to a missing {parent}")
    return problems


def _change_log_gaps(conn) -> list[str]:  # type: ignore[no-untyped-def]
    """Local seqs must run 1..N without holes, and end where sync_state says."""
    problems = []
    origin, seq = conn.execute(text("SELECT origin, seq FROM sync_state WHERE id = 1")).one()
    count, top = conn.execute(text(
        "SELECT count(*), coalesce(max(seq), 0) FROM change_log WHERE origin = :o"),
        {"o": origin}).one()
    if count != top or top != seq:
        problems.append(f"change log: origin {origin} holds {count} changes up to seq {top}, "
                        f"but {seq} were written")
    return problems


def check_file(path: Path | ServerLocation, key: bytes | None = None) -> list[str]:
    """Check a file without migrating it (a check must not change what it checks)."""
    from app.db import require_database_file

    if isinstance(path, ServerLocation):
        from app.pg.database import ServerDatabase, reachable

        server = ServerDatabase(path)
        try:
            reachable(server)
            return check(server)  # type: ignore[arg-type]
        finally:
            server.dispose()

    require_database_file(path, key)
    db = Database(path, key)
    try:
        return check(db)
    finally:
        db.dispose()
