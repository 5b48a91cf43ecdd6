"""The first look at a database file before the database layer is loaded."""

from __future__ import annotations

import sqlite3

from app.peek import first_look


def test_a_set_up_database_has_accounts_and_its_commission_name(world):
    look = first_look(world.db.path)
    assert look is not None and look.has_accounts
    assert look.name("ru").startswith("Комиссия по делам несовершеннолетних")
    assert look.name("kk").startswith("Баянауыл ауданы")


def test_anything_else_is_left_to_the_ordinary_path(tmp_path):
    missing = tmp_path / "missing.db"
    text = tmp_path / "notes.db"
    text.write_text("not a database", "utf-8")
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    for path in (missing, text, foreign, tmp_path):
        assert first_look(path) is None
    assert not missing.exists()  # looking creates nothing


def test_a_database_without_accounts_yet_says_so(world):
    with sqlite3.connect(world.db.path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'app_user'")]
        for name in names:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM app_user")
    look = first_look(world.db.path)
    assert look is not None and not look.has_accounts
