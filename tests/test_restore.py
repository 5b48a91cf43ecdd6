"""Restore and backups: a backup is checked and swapped in atomically, stale -wal/-shm go,
a restored database starts a new origin (change numbers never reused, even after a
crash), a kill -9 during a restore leaves the old or the new database; daily backups keep
the last N; reading a backup writes nothing beside it (read-only media)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from app import keyslots
from app.cli import main
from app.db import backups, open_database, unlock
from app.db.create import create_database
from app.errors import StorageError
from app.integrity import check_file
from app.services import catalogs, setup
from tests.sync.exchange_world import add_child

PASSWORD = "a long admin password"


class _Office:
    """Enough of tests.sync.exchange_world.Office for add_child."""

    def __init__(self, db, admin, commission_id, territory_id):
        self.db, self.admin, self.commission_id = db, admin, commission_id
        self.territory_id = territory_id

    def session(self):
        return self.db.session()


def _build(db):
    with db.session() as s:
        territory = catalogs.find_territory(s, "Баянаульский район")
        made = setup.initialise(s, commission_ru="КДН", commission_kk="КІЖҚҚК",
                                territory_id=territory, admin_login="admin",
                                admin_name="Admin", admin_password=PASSWORD)
    return made, territory


def _make(path, encrypted=True):
    created = create_database(path, _build, encrypted=encrypted)
    return created.key


def _office(db, path_key_made):
    (made, territory) = path_key_made
    return _Office(db, made.admin.actor(), made.commission.id, territory)


def _children(db) -> list[str]:
    with db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql("SELECT surname FROM child").scalars())


def _state(db) -> tuple[str, int]:
    with db.engine.connect() as conn:
        return tuple(conn.exec_driver_sql("SELECT origin, seq FROM sync_state").one())


@pytest.fixture
def live(tmp_path):
    """An encrypted database with one child, a backup of it, then a second child."""
    path = tmp_path / "kenes.db"
    created = create_database(path, _build)
    db = open_database(path, created.key)
    office = _office(db, created.result)
    add_child(office, "Первый")
    backup = backups.make_backup(db, tmp_path / "usb")
    add_child(office, "Второй")
    origin, _seq = _state(db)
    db.close()
    return path, created.key, backup, origin


def test_restore_puts_the_backup_in_place_with_a_new_origin(live, monkeypatch, capsys):
    path, key, backup, origin = live
    Path(f"{path}-wal").write_bytes(b"stale garbage from another life")  # left beside
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    assert main(["restore", "--db", str(path), "--user", "admin", str(backup)]) == 0
    assert "new origin" in capsys.readouterr().out
    db = open_database(path, unlock(path, "admin", PASSWORD))
    assert _children(db) == ["Первый"]
    new_origin, seq = _state(db)
    assert new_origin != origin and seq == 0  # the restore's audit entry is not synced
    db.close()
    assert main(["check", "--db", str(path), "--user", "admin"]) == 0
    kept = [b for b in backups.list_backups(path.parent / "backups")
            if b.label == "before-restore"]
    assert len(kept) == 1 and kept[0].encrypted  # the database as it was, kept


def test_crash_then_restore_never_reuses_a_change_number(live, tmp_path):
    """Changes made, the process killed (nothing closed, the origin registry not updated),
    the backup restored, new changes: no (origin, seq) is written twice."""
    path, key, backup, _origin = live
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from app.db import open_database
        db = open_database(Path({str(path)!r}), bytes.fromhex({key.hex()!r}))
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE child SET school_ru = 'Школа 7'")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=120).returncode == -9
    db = open_database(path, key)
    with db.engine.connect() as conn:
        before = {(o, s): d for o, s, d in conn.exec_driver_sql(
            "SELECT origin, seq, data FROM change_log")}
    db.dispose()  # "crashed": no close, no registry update
    restored = backups.restore(path, backup, backup_key=key, live_key=key)
    db = open_database(path, key)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE child SET school_ru = 'Другая школа'")
        after = {(o, s): d for o, s, d in conn.exec_driver_sql(
            "SELECT origin, seq, data FROM change_log")}
    db.close()
    reused = {k for k in after if k in before and after[k] != before[k]}
    assert reused == set()
    assert {o for o, _s in after if (o, _s) not in before} == {restored.origin}


def test_a_plain_backup_goes_into_an_encrypted_database_encrypted(live, tmp_path):
    path, key, _backup, _origin = live
    plain = tmp_path / "plain.db"
    _make(plain, encrypted=False)
    backups.restore(path, plain, backup_key=None, live_key=key)
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    db = open_database(path, key)  # the live key still opens it
    assert _children(db) == []
    db.close()


def test_a_damaged_backup_is_named_and_nothing_changes(live, tmp_path, monkeypatch,
                                                       capsys):
    path, key, backup, _origin = live
    before = path.read_bytes()
    broken = tmp_path / "broken.db"
    data = bytearray(backup.read_bytes())
    data[5000:5100] = bytes(100)
    broken.write_bytes(bytes(data))
    shutil.copyfile(f"{backup}.keys", f"{broken}.keys")
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    assert main(["restore", "--db", str(path), "--user", "admin", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".kenes.db.restore*"))


def test_checking_a_backup_writes_nothing_beside_it(live):
    """What a read-only USB stick needs: no -wal, -shm or journal next to the backup."""
    _path, key, backup, _origin = live
    before = sorted(p.name for p in backup.parent.iterdir())
    backups.check_backup(backup, key)
    assert sorted(p.name for p in backup.parent.iterdir()) == before


KILL = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from app.db import backups
    point = sys.argv[1]
    real_replace = os.replace
    def replace(src, dst):
        if point == "before-swap" and str(dst).endswith("kenes.db"):
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)
        if point == "after-swap" and str(dst).endswith("kenes.db"):
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    key = bytes.fromhex(sys.argv[4])
    backups.restore(Path(sys.argv[2]), Path(sys.argv[3]), backup_key=key, live_key=key)
""")


@pytest.mark.parametrize("point", ["before-swap", "after-swap"])
def test_kill_9_during_a_restore_leaves_the_old_or_the_new_database(live, point):
    path, key, backup, _origin = live
    done = subprocess.run([sys.executable, "-c", KILL, point, str(path), str(backup),
                           key.hex()], timeout=120)
    assert done.returncode == -9
    db = open_database(path, key)
    expected = {"before-swap": ["Второй", "Первый"], "after-swap": ["Первый"]}[point]
    assert _children(db) == expected
    db.close()
    assert check_file(path, key) == []


def test_daily_backups_once_a_day_and_the_last_n_kept(tmp_path):
    path = tmp_path / "kenes.db"
    key = _make(path)
    db = open_database(path, key)
    folder = tmp_path / "daily"
    first = backups.daily_backup(db, folder, keep=2)
    assert first is not None and backups.daily_backup(db, folder, keep=2) is None
    for day in ("20250101T000000Z", "20250102T000000Z", "20250103T000000Z"):
        old = folder / f"kenes-{day}-daily.db"
        shutil.copyfile(first, old)
        shutil.copyfile(f"{first}.keys", f"{old}.keys")
    backups.daily_backup(db, folder, keep=2)
    names = sorted(b.path.name for b in backups.list_backups(folder))
    assert names == sorted([first.name, "kenes-20250103T000000Z-daily.db"])
    assert not (folder / "kenes-20250101T000000Z-daily.db.keys").exists()
    db.close()
    for info in backups.list_backups(folder):
        assert info.encrypted and keyslots.KeySlots.load(info.path) is not None


def test_a_read_only_folder_is_named(tmp_path, monkeypatch):
    path = tmp_path / "kenes.db"
    db = open_database(path, _make(path))
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setattr(backups.os, "access", lambda p, mode: False)
    with pytest.raises(StorageError, match="is read-only"):
        backups.make_backup(db, folder)
    db.close()


def test_the_origin_registry_is_untouched_json(live):
    """(sanity) the registry the epoch logic keeps stays valid JSON after a restore."""
    path, key, backup, _origin = live
    backups.restore(path, backup, backup_key=key, live_key=key)
    from app.paths import data_dir

    json.loads((data_dir() / "origins.json").read_text())
    db = open_database(path, key)
    with db.engine.connect() as conn:
        reasons = conn.execute(text("SELECT reason FROM sync_origin")).scalars().all()
    db.close()
    assert "restored" in reasons
