"""The schema on a server: created in an empty database, migrated only on purpose.

A workstation never migrates the office's database by itself: the others may still run
the older Kenes, and a migration wants a backup first. `kenes server migrate` does both
(app/pg/admin.py). Creating and migrating hold a transaction-scoped advisory lock, so two
workstations starting on an empty database at once don't both create it.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

from app.errors import StorageError
from app.i18n import N_
from app.migrate import alembic_config, current_revision, head_revision, shipped_revisions
from app.pg.database import MIGRATION_LOCK, ServerDatabase


def revision(db: ServerDatabase) -> tuple[str | None, bool]:
    """(the database's revision, whether it holds any table)."""
    with db.engine.connect() as conn:
        return current_revision(conn), bool(inspect(conn).get_table_names())


def require_current(db: ServerDatabase, *, create: bool) -> None:
    current, has_tables = revision(db)
    if current == head_revision():
        return
    if current is None:
        if has_tables:
            raise StorageError(N_("The database {server} is not a Kenes database."),
                               server=str(db.location))
        if not create:
            raise StorageError(N_("There is no Kenes database at {server}."),
                               server=str(db.location))
        upgrade(db)
        return
    require_known(current)
    raise StorageError(N_("The database on {server} is from an older version of Kenes. "
                          "The administrator upgrades it with: kenes server migrate"),
                       server=str(db.location))


def require_known(current: str) -> None:
    if current not in shipped_revisions():
        raise StorageError(
            N_("The database was made by a newer version of Kenes; please update Kenes."))


def upgrade(db: ServerDatabase) -> bool:
    """All migrations to head in one transaction (PostgreSQL's DDL is transactional);
    False when there was nothing to do."""
    from alembic import command

    with db.engine.begin() as conn:
        _lock(conn)
        if current_revision(conn) == head_revision():  # another workstation was faster
            return False
        command.upgrade(alembic_config(conn), "head")
    return True


def _lock(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
