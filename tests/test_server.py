"""`kenes server init|migrate|backup` and `kenes copy` against a real PostgreSQL."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import inspect, text

from app.cli import main
from app.db import open_database
from app.db_location import parse_location
from app.migrate import alembic_config, head_revision, shipped_revisions
from app.pg.admin import find_tool
from app.pg.database import ServerDatabase
from app.services import children, users
from tests.conftest import ADMIN_PASSWORD
from tests.services.test_children import child


@pytest.fixture
def empty(pg_server):
    """An empty database on the test server, as an administrator would make it."""
    name = f"empty_{id(object())}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


def _tables(url: str) -> set[str]:
    db = ServerDatabase(parse_location(url))
    try:
        with db.engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        db.dispose()


def _scalar(url: str, sql: str):  # type: ignore[no-untyped-def]
    db = ServerDatabase(parse_location(url))
    try:
        with db.engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        db.dispose()


def test_server_init_then_kenes_init(empty, capsys, monkeypatch):
    assert main(["server", "init", "--db", empty]) == 0
    out = capsys.readouterr().out
    assert f"Kenes schema {head_revision()} on PostgreSQL" in out
    assert "connection encrypted" in out  # TLS by default
    assert "postgresql+psycopg" not in out
    assert {"child", "change_log", "alembic_version"} <= _tables(empty)
    assert _scalar(empty, "SELECT count(*) FROM pg_indexes "
                   "WHERE indexname = 'ix_child_search_trgm'") == 1

    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)
    assert main(["init", "--db", empty, "--commission", "КДН", "--territory",
                 "Баянаульский район", "--admin", "admin"]) == 0
    assert "administrator admin" in capsys.readouterr().out
    assert main(["init", "--db", empty, "--commission", "КДН", "--territory",
                 "Баянаульский район", "--admin", "admin"]) == 1
    assert "already holds a Kenes database" in capsys.readouterr().err


def test_a_refused_init_leaves_the_server_database_empty(empty, capsys, monkeypatch):
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)
    assert main(["init", "--db", empty, "--commission", "КДН", "--territory",
                 "Atlantis", "--admin", "admin"]) == 1
    assert "Atlantis" in capsys.readouterr().err
    assert _tables(empty) == set()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_backup_is_a_pg_dump_that_restores_as_a_new_origin(world, tmp_path, pg_server,
                                                            capsys):
    url = world.db.location.url
    out = tmp_path / "office.dump"
    assert main(["server", "backup", "--db", url, "--out", str(out)]) == 0
    assert f"Backup written to {out}" in capsys.readouterr().out
    listing = subprocess.run([str(find_tool("pg_restore")), "--list", str(out)],
                             capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public child" in listing
    assert main(["server", "backup", "--db", url, "--out", str(out)]) == 1  # no overwrite

    restored = pg_server.create_database("restored")
    try:
        subprocess.run([str(find_tool("pg_restore")), "--no-owner", "--dbname", restored,
                        str(out)],
                       check=True, capture_output=True)
        with world.db.engine.connect() as conn:
            origin = conn.execute(text("SELECT origin FROM sync_state")).scalar()
        db = open_database(restored)
        with db.engine.connect() as conn:
            new_origin, reason = conn.execute(text(
                "SELECT s.origin, o.reason FROM sync_state s JOIN sync_origin o "
                "ON o.origin = s.origin")).one()
        db.close()
        assert new_origin != origin and reason == "moved"  # never the same (origin, seq)
    finally:
        pg_server.drop_database("restored")


def test_migrate_backs_up_first_and_workstations_never_migrate(empty, tmp_path, capsys):
    """A database one revision behind: a workstation refuses it with the administrator's
    command, writing nothing; `kenes server migrate` backs up, then migrates."""
    from alembic import command

    previous = shipped_revisions()[head_revision()]
    db = ServerDatabase(parse_location(empty))
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), previous)
    db.dispose()

    from app.errors import StorageError

    with pytest.raises(StorageError, match="kenes server migrate"):
        open_database(empty)
    assert _scalar(empty, "SELECT version_num FROM alembic_version") == previous

    folder = tmp_path / "backups"
    assert main(["server", "migrate", "--db", empty, "--backup-dir", str(folder)]) == 0
    assert "migrated; the backup from before is" in capsys.readouterr().out
    (backup,) = folder.glob("*-before-migrate.dump")
    assert backup.stat().st_size > 0
    assert _scalar(empty, "SELECT version_num FROM alembic_version") == head_revision()
    assert main(["server", "migrate", "--db", empty, "--backup-dir", str(folder)]) == 0
    assert "already at this version" in capsys.readouterr().out
    assert len(list(folder.iterdir())) == 1


def test_server_commands_want_a_server(tmp_path, capsys):
    assert main(["server", "init", "--db", str(tmp_path / "k.db")]) == 1
    assert "postgresql://user@host/dbname" in capsys.readouterr().err


def test_copy_a_sqlite_office_onto_the_server(world, empty, capsys):
    """Every row, the change log and the origins arrive; the copy writes under a new
    origin of its own; people log in with their passwords."""
    with world.db.session() as s:
        children.register_children(s, world.admin, world.commission_id,
                                   [child(first_name=f"Бала{i}", iin=None) for i in range(30)])
    source = f"sqlite:///{world.db.path}"
    with world.db.engine.connect() as conn:
        src_log = conn.execute(text(
            "SELECT origin, seq, hlc, tbl, row_id, op FROM change_log ORDER BY origin, seq"
        )).all()
        src_origins = set(conn.execute(text("SELECT origin FROM sync_origin")).scalars())
        src_origin = conn.execute(text("SELECT origin FROM sync_state")).scalar()
        src_children = conn.execute(text("SELECT count(*) FROM child")).scalar()
        src_audit = conn.execute(text("SELECT hash FROM audit_log ORDER BY seq")).scalars().all()
    assert len(src_log) >= 30

    assert main(["copy", "--from", source, "--to", empty]) == 0
    assert "Copied" in capsys.readouterr().out
    db = open_database(empty)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text(
                "SELECT origin, seq, hlc, tbl, row_id, op FROM change_log "
                "ORDER BY origin, seq")).all() == src_log
            origins = dict(conn.execute(text("SELECT origin, reason FROM sync_origin")).all())
            state = conn.execute(text("SELECT origin, applying FROM sync_state")).one()
            assert conn.execute(text("SELECT count(*) FROM child")).scalar() == src_children
            assert conn.execute(text(
                "SELECT hash FROM audit_log ORDER BY seq")).scalars().all() == src_audit
        assert src_origins < set(origins)
        assert state.origin not in src_origins and origins[state.origin] == "copied"
        assert state.origin != src_origin and state.applying == 0
        with db.session() as s:
            assert users.log_in(s, "admin", ADMIN_PASSWORD) is not None
    finally:
        db.close()

    assert main(["copy", "--from", source, "--to", empty]) == 1  # only into an empty one
    assert "already holds a Kenes database" in capsys.readouterr().err
