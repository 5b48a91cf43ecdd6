"""The encrypted database (SQLCipher): no child's name or IIN in the file, its WAL or a
backup; key slots per account and a recovery key; password change rewraps, an admin
resets; `kenes encrypt` converts a plain database; copies of it start a new origin."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from app import keyslots
from app.cli import main
from app.db import open_database, unlock, unlock_with_recovery_key
from app.db.create import commission_names, create_database
from app.domain.iin import Sex
from app.errors import AuthenticationError, StorageError
from app.keyslots import KeySlots
from app.peek import first_look
from app.services import catalogs, children, setup, users
from app.services.children import ChildInput

PASSWORD = "a long admin password"
SURNAME, FIRST = "Жұмабекова", "Аружан"
IIN = "110321610004"  # synthetic: its check digit fits, born 21.03.2011, a girl


def _build(db):
    with db.session() as s:
        made = setup.initialise(
            s, commission_ru="КДНиЗП района", commission_kk="Аудан КІЖҚҚК",
            territory_id=catalogs.find_territory(s, "Баянаульский район"),
            admin_login="admin", admin_name="Admin", admin_password=PASSWORD)
        children.register_children(s, made.admin.actor(), made.commission.id, [ChildInput(
            surname=SURNAME, first_name=FIRST, patronymic=None,
            birth_date=dt.date(2011, 3, 21), sex=Sex.FEMALE, iin=IIN, district_id=None,
            grade="7")])
    return made


def _leaks(*paths) -> list[str]:
    """Which secrets the raw bytes of these files (and `strings` of them) still show."""
    found = []
    for path in paths:
        raw = path.read_bytes()
        for secret in (SURNAME, FIRST, IIN):
            for encoding in ("utf-8", "utf-16-le"):
                if secret.encode(encoding) in raw:
                    found.append(f"{path.name}: {secret} ({encoding})")
        out = subprocess.run(["strings", "-a", "-e", "S", str(path)], capture_output=True,
                             check=True).stdout.decode("utf-8", "replace")
        found += [f"{path.name}: strings shows {s}" for s in (SURNAME, IIN) if s in out]
    return found


def test_strings_on_the_database_its_wal_and_a_backup_find_no_child(tmp_path):
    path = tmp_path / "kenes.db"
    created = create_database(path, _build, commission=commission_names)
    db = open_database(path, created.key)
    with db.engine.begin() as conn:  # something in the WAL too
        conn.exec_driver_sql("UPDATE child SET school_ru = 'Школа №2 ' || surname")
    wal = tmp_path / "kenes.db-wal"
    assert wal.stat().st_size > 0
    db.backup_to(tmp_path / "backup.db")
    assert _leaks(path, wal, tmp_path / "backup.db") == []
    db.close()
    # The same on a plain database finds the child: the check above can fail.
    plain = tmp_path / "plain.db"
    create_database(plain, _build, encrypted=False)
    assert any(SURNAME in leak for leak in _leaks(plain))


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "kenes.db"
    created = create_database(path, _build, commission=commission_names)
    return path, created


def test_slots_open_with_the_password_and_nothing_else(encrypted):
    path, created = encrypted
    assert unlock(path, "ADMIN", PASSWORD) == created.key
    with pytest.raises(AuthenticationError):
        unlock(path, "admin", "wrong password")
    with pytest.raises(AuthenticationError):
        unlock(path, "nobody", PASSWORD)
    assert unlock_with_recovery_key(path, created.recovery_key.lower().replace("-", " ")) \
        == created.key
    with pytest.raises(AuthenticationError, match="recovery key does not open"):
        unlock_with_recovery_key(path, keyslots.new_recovery_key())
    with pytest.raises(StorageError, match="encrypted: log in"):
        open_database(path)


def test_an_unknown_login_costs_the_same_argon2id(encrypted, monkeypatch):
    path, _created = encrypted
    calls = []
    real = keyslots._kek
    monkeypatch.setattr(keyslots, "_kek", lambda *a: calls.append(a[2]) or real(*a))
    for login in ("admin", "nobody"):
        with pytest.raises(AuthenticationError):
            unlock(path, login, "wrong password")
    assert calls == [keyslots.KDF, keyslots.KDF]


def test_a_slot_moved_to_another_login_does_not_open(encrypted):
    path, _created = encrypted
    data = json.loads(keyslots.keys_path(path).read_text())
    for slot in data["slots"]:
        if slot["login"] == "admin":
            slot["login"] = "intruder"
    keyslots.keys_path(path).write_text(json.dumps(data))
    with pytest.raises(AuthenticationError):
        unlock(path, "intruder", PASSWORD)


def test_password_change_rewraps_and_an_admin_resets(encrypted):
    path, created = encrypted
    db = open_database(path, created.key)
    with db.session() as s:
        admin = users.log_in(s, "admin", PASSWORD).actor()
        users.create_user(s, admin, login="secretary", full_name="S", role="secretary",
                          password="first password")
    assert unlock(path, "secretary", "first password") == created.key
    with db.session() as s:
        me = users.log_in(s, "secretary", "first password").actor()
        users.change_password(s, me, old_password="first password",
                              new_password="second password")
    with pytest.raises(AuthenticationError):
        unlock(path, "secretary", "first password")
    assert unlock(path, "secretary", "second password") == created.key
    with db.session() as s:
        users.reset_password(s, admin, login="secretary", new_password="third password")
    assert unlock(path, "secretary", "third password") == created.key
    db.close()


def test_a_failed_transaction_leaves_the_slots_as_they_were(encrypted):
    path, created = encrypted
    before = keyslots.keys_path(path).read_bytes()
    db = open_database(path, created.key)
    with pytest.raises(RuntimeError), db.session() as s:
        admin = users.log_in(s, "admin", PASSWORD).actor()
        users.create_user(s, admin, login="ghost", full_name="G", role="member",
                          password="ghost password")
        raise RuntimeError("the action fails after the account was added")
    db.close()
    assert "ghost" not in KeySlots.load(path).logins()
    assert keyslots.keys_path(path).read_bytes() == before


def test_the_login_window_reads_the_key_file(encrypted):
    path, _created = encrypted
    look = first_look(path)
    assert look is not None and look.has_accounts and look.encrypted
    assert look.name("kk") == "Аудан КІЖҚҚК"


def test_a_backup_opens_with_its_own_key_slots(encrypted, tmp_path):
    path, created = encrypted
    db = open_database(path, created.key)
    db.backup_to(tmp_path / "b" / "copy.db")
    db.close()
    assert unlock(tmp_path / "b" / "copy.db", "admin", PASSWORD) == created.key


def test_kenes_encrypt_converts_a_plain_database(tmp_path, monkeypatch, capsys):
    path = tmp_path / "kenes.db"
    created = create_database(path, _build, encrypted=False)
    db = open_database(path)
    with db.session() as s:
        users.create_user(s, created.result.admin.actor(), login="chair", full_name="C",
                          role="chair", password="chair password")
    db.close()
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    assert main(["encrypt", "--db", str(path), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    key = unlock(path, "admin", PASSWORD)
    recovery = next(line.split()[-1] for line in out.splitlines() if "-" in line.split()[-1]
                    and len(line.split()[-1]) == 39)
    assert unlock_with_recovery_key(path, recovery) == key
    assert "chair" in out  # must have its password reset
    assert _leaks(path) == []
    assert not list(tmp_path.glob(".kenes.db.*"))  # the plain copy is gone
    db = open_database(path, key)
    with db.session() as s:
        assert s.execute(__import__("sqlalchemy").text(
            "SELECT count(*) FROM child WHERE iin = :i"), {"i": IIN}).scalar() == 1
    db.close()
    assert main(["check", "--db", str(path), "--user", "admin"]) == 0


def test_init_is_encrypted_by_default_and_unencrypted_warns(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    args = ["init", "--commission", "КДН", "--territory", "Павлодарская область",
            "--admin", "admin"]
    assert main([*args, "--db", str(tmp_path / "a.db")]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out and keyslots.is_encrypted(tmp_path / "a.db")
    assert main([*args, "--db", str(tmp_path / "b.db"), "--unencrypted"]) == 0
    captured = capsys.readouterr()
    assert "NOT be encrypted" in captured.err and not keyslots.is_encrypted(tmp_path / "b.db")
    assert (tmp_path / "b.db").read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_killed_init_leaves_no_database(tmp_path):
    """SIGKILL while the new database is being built: nothing under the final name."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from app.db import create\n"
        "def build(db):\n"
        "    with db.session() as s: s.execute(__import__('sqlalchemy').text('SELECT 1'))\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"create.create_database(Path({str(tmp_path / 'k.db')!r}), build)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -9
    assert not (tmp_path / "k.db").exists()
    assert not keyslots.keys_path(tmp_path / "k.db").exists()
    assert first_look(tmp_path / "k.db") is None


def test_reset_password_by_an_admin_and_with_the_recovery_key(encrypted, monkeypatch,
                                                              capsys):
    path, created = encrypted
    db = open_database(path, created.key)
    with db.session() as s:
        admin = users.log_in(s, "admin", PASSWORD).actor()
        users.create_user(s, admin, login="chair", full_name="C", role="chair",
                          password="chair password")
    db.close()
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    monkeypatch.setenv("KENES_NEW_PASSWORD", "a new chair password")
    assert main(["user", "reset-password", "--db", str(path), "--user", "admin",
                 "--login", "chair"]) == 0
    assert unlock(path, "chair", "a new chair password") == created.key
    # Every administrator's password lost: the recovery key stands in.
    monkeypatch.delenv("KENES_PASSWORD")
    monkeypatch.setenv("KENES_RECOVERY_KEY", created.recovery_key)
    monkeypatch.setenv("KENES_NEW_PASSWORD", "a new admin password")
    assert main(["user", "reset-password", "--db", str(path), "--login", "admin"]) == 0
    assert unlock(path, "admin", "a new admin password") == created.key
    monkeypatch.setenv("KENES_RECOVERY_KEY", keyslots.new_recovery_key())
    assert main(["user", "reset-password", "--db", str(path), "--login", "admin"]) == 1
    assert "recovery key does not open" in capsys.readouterr().err
