"""Change capture by SQLite triggers (SYNC.md "Change capture").

Triggers, not an ORM hook: every write to a synced table — ORM, bulk `update()`,
raw SQL, even the sqlite3 shell — appends to `change_log` inside the same
transaction, with a gap-free seq for the current origin and a fresh HLC stamp.
The triggers are generated from the live schema, so a migration that changes a
synced table calls `install(conn)` again; `kenes check` compares them with what
`expected_triggers` would generate and names any that are missing or stale.

HLC: 48-bit Unix milliseconds shifted left 16 bits plus a counter, computed in SQL
as max(last + 1, now_ms << 16) so it never goes backwards on this database.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

TRIGGER_PREFIX = "capture_"
SYNC_COLUMNS = {"id", "deleted"}
_STATE = "(SELECT {col} FROM sync_state WHERE id = 1)"
_NOW_HLC = "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) << 16)"
_TICK = (
    "SELECT RAISE(ABORT, 'sync_state is missing: change capture cannot run') "
    "WHERE NOT EXISTS (SELECT 1 FROM sync_state WHERE id = 1);\n"
    f"  UPDATE sync_state SET seq = seq + 1, hlc = max(hlc + 1, {_NOW_HLC}) WHERE id = 1;"
)
_CAPTURING = f"coalesce({_STATE.format(col='applying')}, 0) = 0"


def synced_tables(conn: Connection) -> list[str]:
    """Tables that carry an `id` and a `deleted` tombstone are exchanged."""
    names = conn.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )).scalars()
    return [n for n in names if set(_columns(conn, n)) >= SYNC_COLUMNS]


def _columns(conn: Connection, table: str) -> list[str]:
    return [row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def _changed(cols: Iterable[str]) -> str:
    return " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in cols)


def _changed_values(cols: list[str]) -> str:
    parts = [f"SELECT '{c}' AS k, NEW.\"{c}\" AS v WHERE OLD.\"{c}\" IS NOT NEW.\"{c}\""
             for c in cols]
    return "\n      UNION ALL ".join(parts)


def _changed_names(cols: list[str]) -> str:
    parts = [f"SELECT '{c}' AS k WHERE OLD.\"{c}\" IS NOT NEW.\"{c}\"" for c in cols]
    return "\n      UNION ALL ".join(parts)


def trigger_sql(table: str, columns: list[str]) -> dict[str, str]:
    """The CREATE TRIGGER statements for one synced table, by trigger name."""
    cols = [c for c in columns if c != "id"]
    new_values = ", ".join(f"'{c}', NEW.\"{c}\"" for c in cols)
    t = table
    return {
        f"{TRIGGER_PREFIX}{t}_insert": f"""CREATE TRIGGER {TRIGGER_PREFIX}{t}_insert
AFTER INSERT ON "{t}" WHEN {_CAPTURING}
BEGIN
  {_TICK}
  INSERT INTO change_log (origin, seq, hlc, tbl, row_id, op, data, base)
    SELECT origin, seq, hlc, '{t}', NEW.id, 'I', json_object({new_values}), '{{}}'
    FROM sync_state WHERE id = 1;
  INSERT INTO sync_row (tbl, row_id, origin, created_hlc, hlc, stamps)
    SELECT '{t}', NEW.id, origin, hlc, hlc, '{{}}' FROM sync_state WHERE id = 1;
END""",
        f"{TRIGGER_PREFIX}{t}_update": f"""CREATE TRIGGER {TRIGGER_PREFIX}{t}_update
AFTER UPDATE ON "{t}" WHEN {_CAPTURING} AND ({_changed(cols)})
BEGIN
  {_TICK}
  INSERT INTO change_log (origin, seq, hlc, tbl, row_id, op, data, base)
    SELECT s.origin, s.seq, s.hlc, '{t}', NEW.id, 'U',
      (SELECT json_group_object(k, v) FROM (
      {_changed_values(cols)})),
      (SELECT json_group_object(k, coalesce(json_extract(r.stamps, '$.' || k), r.created_hlc))
       FROM (
      {_changed_names(cols)}))
    FROM sync_state AS s LEFT JOIN sync_row AS r ON r.tbl = '{t}' AND r.row_id = NEW.id
    WHERE s.id = 1;
  UPDATE sync_row SET hlc = {_STATE.format(col='hlc')},
    stamps = json_patch(stamps, (SELECT json_group_object(k, {_STATE.format(col='hlc')}) FROM (
      {_changed_names(cols)})))
    WHERE tbl = '{t}' AND row_id = NEW.id;
END""",
        f"{TRIGGER_PREFIX}{t}_delete": f"""CREATE TRIGGER {TRIGGER_PREFIX}{t}_delete
AFTER DELETE ON "{t}" WHEN {_CAPTURING}
BEGIN
  {_TICK}
  INSERT INTO change_log (origin, seq, hlc, tbl, row_id, op, data, base)
    SELECT origin, seq, hlc, '{t}', OLD.id, 'D', '{{}}', '{{}}' FROM sync_state WHERE id = 1;
  UPDATE sync_row SET hlc = {_STATE.format(col='hlc')} WHERE tbl = '{t}' AND row_id = OLD.id;
END""",
        f"{TRIGGER_PREFIX}{t}_id_fixed": f"""CREATE TRIGGER {TRIGGER_PREFIX}{t}_id_fixed
BEFORE UPDATE OF id ON "{t}" WHEN OLD.id IS NOT NEW.id
BEGIN
  SELECT RAISE(ABORT, 'row ids never change');
END""",
    }


# Append-only logs: nothing may rewrite history (kenes check still verifies the chain,
# since a trigger can be dropped by anyone holding the file).
GUARD_TRIGGERS = {
    "guard_audit_log_update": "CREATE TRIGGER guard_audit_log_update BEFORE UPDATE ON audit_log"
    "\nBEGIN\n  SELECT RAISE(ABORT, 'the audit log is append-only');\nEND",
    "guard_audit_log_delete": "CREATE TRIGGER guard_audit_log_delete BEFORE DELETE ON audit_log"
    "\nBEGIN\n  SELECT RAISE(ABORT, 'the audit log is append-only');\nEND",
    "guard_change_log_update": "CREATE TRIGGER guard_change_log_update BEFORE UPDATE ON "
    "change_log\nBEGIN\n  SELECT RAISE(ABORT, 'the change log is append-only');\nEND",
}


def expected_triggers(conn: Connection) -> dict[str, str]:
    expected = dict(GUARD_TRIGGERS)
    for table in synced_tables(conn):
        expected.update(trigger_sql(table, _columns(conn, table)))
    return expected


def installed_triggers(conn: Connection) -> dict[str, str]:
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    return {name: sql for name, sql in rows}


def install(conn: Connection) -> None:
    """(Re)create every capture and guard trigger to match the current schema."""
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL's triggers arrive with the new change log (trigger_problems)
    for name in installed_triggers(conn):
        if name.startswith(TRIGGER_PREFIX) or name in GUARD_TRIGGERS:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for sql in expected_triggers(conn).values():
        conn.exec_driver_sql(sql)


def trigger_problems(conn: Connection) -> list[str]:
    """Names of triggers that are missing or differ from what the schema needs."""
    if conn.dialect.name != "sqlite":
        return ["PostgreSQL databases do not capture changes yet (they arrive with the "
                "new change log)"]
    have = installed_triggers(conn)
    problems = []
    for name, sql in expected_triggers(conn).items():
        if name not in have:
            problems.append(f"trigger {name} is missing")
        elif have[name] != sql:
            problems.append(f"trigger {name} does not match the schema")
    return problems
