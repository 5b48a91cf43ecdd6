"""Alembic, driven from code: migrations ship inside the package (app/migrations),
run at every start, and are preceded by a backup of the file.

Developer use:  python -m app.migrate revision "what changed"   (autogenerate)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from app.errors import StorageError
from app.i18n import N_

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(db) -> None:  # type: ignore[no-untyped-def]  # app.db.Database; avoids a cycle
    """Bring the database to head; back up first when it holds data."""
    from app.db import backup_name

    head = head_revision()
    with db.engine.connect() as conn:
        current = current_revision(conn)
        tables = set(inspect(conn).get_table_names())
    if current == head:
        return
    if current is None and tables:
        raise StorageError(N_("{path} is not a Kenes database."), path=str(db.path))
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise StorageError(
            N_("The database was made by a newer version of Kenes; please update Kenes."))
    if current is not None:
        db.backup_to(backup_name(db.path, f"before-{head[:8]}"))
    with db.engine.begin() as conn:  # one transaction: all migrations or none
        command.upgrade(alembic_config(conn), "head")


def _autogenerate(message: str) -> None:
    from app.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "head.db")
        upgrade(db) if any(SCRIPT_LOCATION.glob("versions/*.py")) else None
        with db.engine.begin() as conn:
            command.revision(alembic_config(conn), message=message, autogenerate=True)
        db.close()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "revision":
        _autogenerate(sys.argv[2])
    else:
        sys.exit("usage: python -m app.migrate revision MESSAGE")
