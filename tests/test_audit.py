"""The audit log: one entry per action, hash-chained, refusing edits, checked by `kenes check`."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from app.cli import main
from app.models.enums import Sex
from app.services import audit, children
from app.services.children import ChildInput


def _count(db, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def _register(world, surname: str = "Сейткали", iin: str | None = None):
    with world.db.session() as s:
        return children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname=surname, first_name="Айгерім", birth_date=dt.date(2013, 5, 6),
            sex=Sex.FEMALE, iin=iin)).child


def test_each_action_writes_one_entry_and_its_change_rows(world):
    audits, changes = _count(world.db, "audit_log"), _count(world.db, "change_log")
    kid = _register(world)
    assert _count(world.db, "audit_log") == audits + 1
    assert _count(world.db, "change_log") == changes + 1  # one child row
    with world.db.session() as s:
        children.add_representative(s, world.admin, kid.id, full_name="Сейткали Гүлнар",
                                    relation="mother", phone="+7 700 000 00 00")
    assert _count(world.db, "audit_log") == audits + 2
    assert _count(world.db, "change_log") == changes + 2


def test_entries_hold_ids_not_personal_data(world):
    kid = _register(world, surname="Жұмабекова", iin="130506600016")
    with world.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_log")).all()
    dump = repr(rows)
    assert kid.id in dump
    assert "Жұмабекова" not in dump and "130506600016" not in dump and "Айгерім" not in dump


def test_the_chain_verifies_and_the_log_refuses_edits(world):
    _register(world)
    with world.db.session() as s:
        assert audit.verify(s) == []
    conn = sqlite3.connect(world.db.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_log SET action = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
    conn.close()


def _tamper(path, sql: str) -> None:
    """What someone holding the file could do: drop the guard, edit, put it back."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER guard_audit_log_update")
    conn.execute("DROP TRIGGER guard_audit_log_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_kenes_check_names_the_changed_entry(world, capsys):
    for name in ("Ахметов", "Нұрланов", "Серіков"):
        _register(world, surname=name)
    with world.db.engine.connect() as conn:
        seq, action = conn.execute(text(
            "SELECT seq, action FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1")).one()
    world.db.dispose()
    assert main(["check", "--db", str(world.db.path)]) == 0
    _tamper(world.db.path, f"UPDATE audit_log SET entity_id = 'someone-else' WHERE seq = {seq}")
    capsys.readouterr()
    assert main(["check", "--db", str(world.db.path)]) == 3
    err = capsys.readouterr().err
    assert f"audit entry #{seq} ({action}" in err
    assert "was changed after it was written" in err
    assert "guard_audit_log_update is missing" in err


def test_kenes_check_names_a_removed_entry(world, capsys):
    for name in ("Ахметов", "Нұрланов"):
        _register(world, surname=name)
    world.db.dispose()
    _tamper(world.db.path, "DELETE FROM audit_log WHERE seq = 2")
    assert main(["check", "--db", str(world.db.path)]) == 3
    assert "audit entry #3" in capsys.readouterr().err
