"""The `kenes` command line: exit status 0 on success, one clear line on stderr otherwise."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys

import pytest

from app.cli import main
from app.db import open_database, unlock
from app.db_location import ServerLocation, parse_location
from app.services import users
from tests.backends import BACKENDS

INIT = ["init", "--commission", "КДНиЗП акимата города Павлодара",
        "--commission-kk", "Павлодар қаласы әкімдігінің КІЖҚҚК", "--territory", "Павлодарская область",
        "--admin", "admin"]


@pytest.fixture(params=BACKENDS)
def new_db(request, tmp_path):
    """Where a new database goes: a file that does not exist yet, or an empty database
    on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "k.db")
    server = request.getfixturevalue("pg_server")
    name = f"new_{id(request)}"
    url = server.create_database(name)
    request.addfinalizer(lambda: server.drop_database(name))
    return url


def nothing_at(location: str) -> bool:
    """No file there, or no table in the server's database."""
    from sqlalchemy import inspect

    from app.pg.database import ServerDatabase

    where = parse_location(location)
    if not isinstance(where, ServerLocation):
        return not where.exists()
    db = ServerDatabase(where)
    try:
        with db.engine.connect() as conn:
            return inspect(conn).get_table_names() == []
    finally:
        db.dispose()
def _open(where, password):
    """A database `kenes init` made: a file is encrypted, opened with the
    administrator's key; a server database is the server's."""
    location = parse_location(where)
    if isinstance(location, ServerLocation):
        return open_database(location)
    return open_database(location, unlock(location, "admin", password))


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("KENES_PASSWORD", "a long admin password")
    return "a long admin password"


def test_init_creates_a_working_database(tmp_path, password, capsys):
    path = tmp_path / "k.db"
    assert main([*INIT, "--db", str(path)]) == 0
    assert "Created" in capsys.readouterr().out
    db = _open(path, password)
    with db.session() as s:
        assert users.log_in(s, "admin", password) is not None
    db.close()
    assert main(["check", "--db", str(path), "--user", "admin"]) == 0


def test_init_reads_the_password_from_stdin(tmp_path, monkeypatch):
    monkeypatch.delenv("KENES_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("from stdin please\n"))
    path = tmp_path / "k.db"
    assert main([*INIT, "--db", str(path), "--password-stdin"]) == 0
    db = _open(path, "from stdin please")
    with db.session() as s:
        assert users.log_in(s, "admin", "from stdin please") is not None
    db.close()


@pytest.mark.parametrize(("args", "message"), [
    (["--territory", "Atlantis"], "There is no territory named Atlantis"),
    (["--admin", "A B"], "A login is 3 to 64"),
])
def test_bad_init_says_why_and_leaves_no_file(new_db, password, capsys, args, message,
                                              tmp_path):
    argv = [*INIT, "--db", new_db]
    for flag, value in zip(args[::2], args[1::2], strict=True):
        argv[argv.index(flag) + 1] = value
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert nothing_at(new_db)
    if not new_db.startswith("postgresql"):  # no temporary left beside it either
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_init_without_password_and_on_an_existing_file(new_db, monkeypatch, capsys):
    monkeypatch.delenv("KENES_PASSWORD", raising=False)
    assert main([*INIT, "--db", new_db]) == 1
    assert "KENES_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("KENES_PASSWORD", "a long admin password")
    assert main([*INIT, "--db", new_db]) == 0
    db = _open(new_db, "a long admin password")
    with db.session() as s:
        assert users.log_in(s, "admin", "a long admin password") is not None
    db.close()
    assert main([*INIT, "--db", new_db]) == 1
    assert "already" in capsys.readouterr().err


def test_messages_follow_the_chosen_language(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KENES_PASSWORD", raising=False)
    assert main(["--lang", "ru", *INIT, "--db", str(tmp_path / "k.db")]) == 1
    err = capsys.readouterr().err
    assert "KENES_PASSWORD" in err and "Give the" not in err


def test_backup_is_a_consistent_copy(world, tmp_path, capsys):
    out = tmp_path / "copy.db"
    assert main(["backup", "--db", str(world.db.path), "--out", str(out)]) == 0
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM commission").fetchone() == (1,)
    conn.close()
    assert main(["backup", "--db", str(world.db.path), "--out", str(out)]) == 1
    assert main(["backup", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "x")]) == 1
    assert "There is no database" in capsys.readouterr().err


def test_check_names_a_foreign_key_problem(world, capsys):
    world.db.dispose()
    conn = sqlite3.connect(world.db.path)
    conn.execute("UPDATE commission SET territory_id = 'gone'")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(world.db.path)]) == 3
    assert "foreign key: commission row 1 refers to a missing territory" in capsys.readouterr().err


def test_check_names_a_missing_change_capture_trigger(world, capsys):
    world.db.dispose()
    conn = sqlite3.connect(world.db.path)
    conn.execute("DROP TRIGGER capture_child_update")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(world.db.path)]) == 3
    assert "trigger capture_child_update is missing" in capsys.readouterr().err


def test_the_console_script_runs_and_has_help(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app.cli", "check", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "--db" in result.stdout
    result = subprocess.run([sys.executable, "-m", "app.cli", "check", "--db",
                             str(tmp_path / "missing.db")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "There is no database" in result.stderr


def test_init_with_a_passphrase_creates_the_office_keys(tmp_path, password, monkeypatch,
                                                        capsys):
    from app.sync import keys

    monkeypatch.setattr(keys, "KDF_PARAMS", {"memory_kib": 8 * 1024, "iterations": 1,
                                             "lanes": 1})
    monkeypatch.setenv("KENES_PASSPHRASE", "office pass phrase")
    path = tmp_path / "k.db"
    assert main([*INIT, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    db = _open(path, password)
    with db.read_session() as s:
        fingerprint = keys.card_fingerprint(keys.active_card(s)["card"])
        assert keys.unlock(s, "office pass phrase") is not None
    db.close()
    assert f"Fingerprint: {fingerprint}" in out


def test_init_with_a_short_passphrase_leaves_no_file(new_db, password, monkeypatch, capsys):
    monkeypatch.setenv("KENES_PASSPHRASE", "short")
    assert main([*INIT, "--db", new_db]) == 1
    assert "too short" in capsys.readouterr().err
    assert nothing_at(new_db)
