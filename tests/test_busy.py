"""A busy database: a write that still finds the lock taken after waiting gets a message
in the person's language, not the driver's text, and changes nothing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

import app.db as database
from app.db import DatabaseBusy, open_database


def test_a_locked_database_is_said_in_words(world, monkeypatch):
    from app.i18n import set_language

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    path = world.db.path
    world.db.dispose()
    db = open_database(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        with pytest.raises(DatabaseBusy) as info, db.session() as s:
            s.execute(text("UPDATE commission SET name_ru = 'X'"))
        set_language("ru")
        message = info.value.user_message()
        assert "занята" in message and "sqlite" not in message.lower()
    finally:
        set_language("en")
        other.execute("ROLLBACK")
        other.close()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name_ru FROM commission")).scalar() != "X"
    db.close()
