"""Alembic, driven from code: migrations ship inside the package (app/migrations),
run at every start, and are preceded by a backup of the file.

Developer use:  python -m app.migrate revision "what changed"   (autogenerate)
"""

from __future__ import annotations

import re
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from app.errors import StorageError
from app.i18n import N_

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


_REVISION = re.compile(r"^revision(?:: *str)? *= *['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision(?::[^=\n]*)? *= *(?:None|['\"]([^'\"]+)['\"])", re.M)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.attributes["connection"] = connection
    return cfg


@cache
def shipped_revisions() -> dict[str, str | None]:
    """{revision: down_revision} read from the scripts' text: at every start this tells
    whether a database is at head without importing Alembic and every script (a
    noticeable part of the start-up time); Alembic runs only when there is work."""
    found: dict[str, str | None] = {}
    for script in SCRIPT_LOCATION.glob("versions/*.py"):
        source = script.read_text("utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            found[revision.group(1)] = down.group(1)
    return found


def head_revision() -> str:
    revisions = shipped_revisions()
    heads = set(revisions) - set(revisions.values())
    assert len(heads) == 1, f"the migrations must have exactly one head, not {heads}"
    return heads.pop()


def current_revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
    if current is not None and current not in shipped_revisions():
        raise StorageError(
            N_("The database was made by a newer version of Kenes; please update Kenes."))
    if current is not None:
        db.backup_to(backup_name(db.path, f"before-{head[:8]}"))
    from alembic import command

    with db.engine.begin() as conn:  # one transaction: all migrations or none
        command.upgrade(alembic_config(conn), "head")


def _autogenerate(message: str) -> None:
    from alembic import command

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
