"""`kenes copy`: an office's whole database into a new, empty one — typically its SQLite
file onto the office's server — with its origins and change log intact.

Every table is copied row for row through the models' column types (SQLAlchemy turns
SQLite's 0/1 into booleans, its date strings into dates, and back), in foreign-key order,
in one transaction on the target. What the source's origins wrote stays as it was (the
change log, per-row stamps, what each peer acknowledged), so peers see no difference.
Then the copy starts a new origin of its own: if anyone went on writing in the source
too, the two could otherwise hand out the same (origin, seq) with different content.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, Table, insert, inspect, select, text
from sqlalchemy.exc import DBAPIError

from app.db_location import Location, open_existing, remove_database, require_empty
from app.errors import StorageError
from app.i18n import N_

BATCH = 5000


def copy_database(source: Location, target: Location) -> dict[str, int]:
    """Copy `source` into the new database `target`: {table: rows copied}."""
    from app.db import open_database

    if str(source) == str(target):
        raise StorageError(N_("The source and the target are the same database."))
    src = open_existing(source)
    try:
        require_empty(target)
        dst = open_database(target)
        try:
            counts = _copy_rows(src, dst)
        except BaseException:
            dst.dispose()
            remove_database(target)
            raise
        _new_origin(dst)
        dst.close()
    finally:
        src.close()
    return counts


def _tables() -> list[Table]:
    import app.models  # noqa: F401  (registers every table)
    from app.models import Base

    return list(Base.metadata.sorted_tables)


def _copy_rows(src, dst) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts: dict[str, int] = {}
    with src.read_engine.connect() as read, dst.engine.begin() as write:
        _require_same_tables(read, write)
        # The new database's own first origin and state give way to the source's.
        for name in ("sync_state", "sync_origin"):
            write.execute(text(f"DELETE FROM {name}"))
        for table in _tables():
            counts[table.name] = n = 0
            for batch in _batches(read, table):
                try:
                    write.execute(insert(table), batch)
                except DBAPIError as exc:
                    raise StorageError(N_("Row {row} of table {table} cannot be copied: "
                                          "{reason}"), table=table.name, row=n + 1,
                                       reason=str(exc.orig).splitlines()[0]) from None
                n += len(batch)
            counts[table.name] = n
        # While the rows went in, capture stood aside (sync_state.applying = 1, copied
        # first): they are the source's changes, already in its change log.
        write.execute(text("UPDATE sync_state SET applying = 0"))
    return counts


def _batches(conn: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    order = list(table.primary_key.columns) or list(table.columns)
    rows = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    batch: list[dict[str, object]] = []
    for row in rows.mappings():
        values = dict(row)
        if table.name == "sync_state":
            values["applying"] = 1
            values["place"] = None  # the copy is somewhere else
        batch.append(values)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _require_same_tables(read: Connection, write: Connection) -> None:
    ours = {t.name for t in _tables()}
    theirs = set(inspect(read).get_table_names()) - {"alembic_version"}
    theirs = {t for t in theirs if not t.startswith("sqlite_")}
    if theirs - ours:
        raise StorageError(N_("The source has tables this Kenes does not know ({tables}); "
                              "copy with the Kenes that made it."),
                           tables=", ".join(sorted(theirs - ours)))


def _new_origin(db) -> None:  # type: ignore[no-untyped-def]
    """The copy writes under an origin of its own from now on."""
    from app.sync import epoch_server

    with db.engine.begin() as conn:
        place = epoch_server.place(conn) if db.is_server else None
        epoch_server.start_new_origin(conn, "copied", place)
