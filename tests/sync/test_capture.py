"""No write escapes the change log: ORM, bulk statements and raw SQL alike."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text, update

import app.models as m
from app.models.enums import CatalogKind, MemberRole, Sex
from app.services import cases, catalogs, children, commissions
from app.services.children import ChildInput
from app.sync import capture
from tests.text import ru

LOCAL_TABLES = {"alembic_version", "audit_log", "app_user", "change_log", "sync_origin",
                "sync_row", "sync_state", "office_key", "peer", "package_log", "knowledge",
                "conflict"}


def _log(conn) -> list[tuple]:
    return conn.execute(text(
        "SELECT origin, seq, hlc, tbl, row_id, op, data, base FROM change_log ORDER BY seq"
    )).all()


def _replay(conn) -> dict[str, dict[str, dict]]:
    """Rebuild every synced table from the change log alone."""
    state: dict[str, dict[str, dict]] = {}
    for _o, _seq, _hlc, tbl, row_id, op, data, _base in _log(conn):
        rows = state.setdefault(tbl, {})
        if op == "I":
            rows[row_id] = json.loads(data)
        elif op == "U":
            rows[row_id].update(json.loads(data))
        else:
            rows.pop(row_id)
    return state


def _actual(conn, table: str) -> dict[str, dict]:
    result = conn.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
    return {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in result}


def test_every_table_is_either_synced_or_declared_local(db):
    with db.engine.connect() as conn:
        synced = set(capture.synced_tables(conn))
    assert synced == set(m.synced_tables())
    assert set(m.Base.metadata.tables) == synced | (LOCAL_TABLES - {"alembic_version"})
    with db.engine.connect() as conn:
        assert capture.trigger_problems(conn) == []


def test_orm_writes_replay_to_the_same_data(world):
    """A realistic mix of service calls; the change log alone rebuilds every table."""
    with world.db.session() as s:
        org = catalogs.entries(s, CatalogKind.ORGANISATION_KIND)[0].id
        commissions.approve_composition(
            s, world.admin, world.commission_id, issuing_body=ru("Акимат"), number="12",
            act_date=dt.date(2026, 1, 10), effective_from=dt.date(2026, 1, 15),
            members=[commissions.MemberInput(f"Член {i}", ru("должность"), org,
                                             role) for i, role in enumerate(
                [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER])])
        kid = children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname="Әлиев", first_name="Нұрлан", birth_date=dt.date(2012, 3, 4),
            sex=Sex.MALE)).child
        children.update_child(s, world.admin, kid.id, ChildInput(
            surname="Әлиев", first_name="Нұрлан", birth_date=dt.date(2012, 3, 4),
            sex=Sex.MALE, school=ru("Школа № 3"), grade="8Б"))
        cat = catalogs.entries(s, CatalogKind.CATEGORY)[0].id
        link = children.add_category(s, world.admin, kid.id, cat, dt.date(2026, 2, 1))
        children.remove_category(s, world.admin, link)
        cases.open_case(s, world.admin, kid.id, received_on=dt.date(2026, 2, 2),
                        source_id=catalogs.entries(s, CatalogKind.SOURCE)[0].id,
                        category_id=cat, description=ru("Сообщение школы"))
    with world.db.engine.connect() as conn:
        replayed = _replay(conn)
        for table in m.synced_tables():
            assert replayed.get(table, {}) == _actual(conn, table), table


def _minimal_row(conn, table: str) -> dict:
    """A row that satisfies NOT NULL for every column (foreign keys are off here)."""
    row = {}
    for _cid, name, ctype, notnull, _default, _pk in conn.exec_driver_sql(
            f'PRAGMA table_info("{table}")'):
        ctype = ctype.upper()
        if name == "id":
            row[name] = f"{table}-1"
        elif name == "deleted":
            row[name] = 0
        elif "INT" in ctype or "BOOL" in ctype:
            row[name] = 1
        elif ctype == "DATE":
            row[name] = "2026-01-01"
        elif not notnull:
            row[name] = None
        else:
            row[name] = "x"
    return row


@pytest.mark.parametrize("table", m.synced_tables())
def test_raw_and_bulk_statements_are_captured(db, table):
    """Insert, column updates, a bulk update and a delete on every synced table:
    one change-log row each, seqs gap-free, and the log replays to the table."""
    tbl = m.Base.metadata.tables[table]
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # no parents needed
        before = conn.execute(text("SELECT seq FROM sync_state")).scalar_one()
        row = _minimal_row(conn, table)
        conn.exec_driver_sql(  # raw SQL, as from the sqlite3 shell
            f'INSERT INTO "{table}" ({", ".join(row)}) VALUES ({", ".join("?" * len(row))})',
            tuple(row.values()))
        # A raw UPDATE (sqlite3-shell style) and an SQLAlchemy bulk update.
        conn.exec_driver_sql(f'UPDATE "{table}" SET deleted = 1 WHERE id = ?', (f"{table}-1",))
        conn.execute(update(tbl).where(tbl.c.id == f"{table}-1").values(deleted=False))
        # An UPDATE that changes nothing is not a change.
        conn.execute(update(tbl).where(tbl.c.id == f"{table}-1").values(deleted=False))
        after_updates = conn.execute(text("SELECT seq FROM sync_state")).scalar_one()
        assert after_updates - before == 3
        replayed = _replay(conn)[table][f"{table}-1"]
        assert replayed == _actual(conn, table)[f"{table}-1"]
        conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE id = ?', (f"{table}-1",))
        ops = [r[5] for r in _log(conn) if r[4] == f"{table}-1"]
        assert ops == ["I", "U", "U", "D"]
        seqs = [r[1] for r in _log(conn)]
        assert seqs == list(range(1, len(seqs) + 1))
        conn.rollback()


def test_update_records_the_replaced_stamps_as_base(world):
    with world.db.session() as s:
        kid = children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname="Иванов", first_name="Пётр", birth_date=dt.date(2011, 1, 1),
            sex=Sex.MALE)).child
    with world.db.session() as s:  # a later action: a later stamp
        children.update_child(s, world.admin, kid.id, ChildInput(
            surname="Иванов", first_name="Павел", birth_date=dt.date(2011, 1, 1),
            sex=Sex.MALE))
    with world.db.engine.connect() as conn:
        rows = [r for r in _log(conn) if r[4] == kid.id]
        insert_hlc, upd = rows[0][2], rows[1]
        assert json.loads(upd[6]) == {"first_name": "Павел", "search_key": "иванов павел"}
        assert json.loads(upd[7]) == {"first_name": insert_hlc, "search_key": insert_hlc}
        assert upd[2] > insert_hlc
        stamps = conn.execute(text("SELECT stamps FROM sync_row WHERE row_id = :i"),
                              {"i": kid.id}).scalar_one()
        assert json.loads(stamps) == {"first_name": upd[2], "search_key": upd[2]}


def test_ids_never_change(db):
    with db.engine.begin() as conn, pytest.raises(Exception, match="row ids never change"):
        conn.exec_driver_sql("UPDATE territory SET id = 'other' WHERE rowid = 1")


def test_a_failed_action_leaves_no_change_and_no_gap(world):
    with world.db.engine.connect() as conn:
        before = conn.execute(text("SELECT seq FROM sync_state")).scalar_one()
    with pytest.raises(RuntimeError), world.db.session() as s:
        children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname="Петров", first_name="Иван", birth_date=dt.date(2012, 1, 1),
            sex=Sex.MALE))
        raise RuntimeError("power cut")
    with world.db.session() as s:
        children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname="Сидоров", first_name="Иван", birth_date=dt.date(2012, 1, 1),
            sex=Sex.MALE))
    with world.db.engine.connect() as conn:
        seqs = [r[1] for r in _log(conn)]
        assert seqs == list(range(1, len(seqs) + 1))
        assert conn.execute(text("SELECT count(*) FROM child WHERE surname = 'Петров'")
                            ).scalar_one() == 0
        assert conn.execute(text("SELECT seq FROM sync_state")).scalar_one() == before + 1
