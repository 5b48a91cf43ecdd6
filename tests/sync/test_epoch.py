"""A copied or restored database starts a new origin, so (origin, seq) is never reused."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import text

from app.db import open_database
from app.models.enums import Sex
from app.services import children
from app.services.children import ChildInput


def _origin_seq(db) -> tuple[str, int]:
    with db.engine.connect() as conn:
        return tuple(conn.execute(text("SELECT origin, seq FROM sync_state")).one())


def _write(world, db, name: str) -> None:
    with db.session() as s:
        children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname=name, first_name="Тест", birth_date=dt.date(2014, 1, 1), sex=Sex.MALE))


def test_reopening_keeps_the_origin(world):
    origin, seq = _origin_seq(world.db)
    world.db.close()
    again = open_database(world.db.path)
    assert _origin_seq(again) == (origin, seq)
    again.close()


def test_a_copy_starts_a_new_origin(world, tmp_path):
    origin, _ = _origin_seq(world.db)
    world.db.close()
    shutil.copyfile(world.db.path, tmp_path / "copy.db")
    copy = open_database(tmp_path / "copy.db")
    new_origin, seq = _origin_seq(copy)
    assert new_origin != origin and seq == 0
    _write(world, copy, "Копия")
    assert _origin_seq(copy) == (new_origin, 1)
    with copy.engine.connect() as conn:
        reasons = conn.execute(text("SELECT reason FROM sync_origin ORDER BY started_at")
                               ).scalars().all()
    assert reasons[-1] == "copied"
    copy.close()
    original = open_database(world.db.path)  # the original keeps its own origin
    assert _origin_seq(original)[0] == origin
    original.close()


def test_a_restored_backup_starts_a_new_origin(world, tmp_path):
    origin, _ = _origin_seq(world.db)
    world.db.backup_to(tmp_path / "backup.db")
    _write(world, world.db, "ПослеБэкапа")  # seq moves on past the backup
    world.db.close()
    shutil.copyfile(tmp_path / "backup.db", world.db.path)  # restore over the file
    restored = open_database(world.db.path)
    new_origin, seq = _origin_seq(restored)
    assert new_origin != origin and seq == 0
    restored.close()
