"""--db takes a path or a URL, and a URL is never taken for a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.db_location import ServerLocation, parse_location
from app.errors import StorageError


@pytest.mark.parametrize("value, expected", [
    ("kenes.db", Path("kenes.db")),
    ("/data/kenes.db", Path("/data/kenes.db")),
    (r"C:\Users\secretary\kenes.db", Path(r"C:\Users\secretary\kenes.db")),
    ("sqlite:///kenes.db", Path("kenes.db")),
    ("sqlite:////srv/kenes.db", Path("/srv/kenes.db")),
])
def test_files(value, expected):
    assert parse_location(value) == expected


@pytest.mark.parametrize("value", [
    "postgresql://kenes@127.0.0.1:5432/region",
    "postgres://kenes@db.office.local/region",
    "postgresql+psycopg://kenes:secret@host/region?sslmode=verify-full",
])
def test_servers(value):
    location = parse_location(value)
    assert isinstance(location, ServerLocation)
    assert location.sqlalchemy_url().drivername == "postgresql+psycopg"
    assert location.database == "region"
    assert "secret" not in str(location)  # shown and logged without the password
    assert str(location).startswith("postgresql://")


@pytest.mark.parametrize("value, message", [
    ("mysql://kenes@host/region", "not mysql://"),
    ("postgresql://kenes@host", "must name a database"),
    ("postgresql://kenes@host:notaport/region", "not a valid database address"),
    ("sqlite://", "names a file"),
])
def test_refused(value, message):
    with pytest.raises(StorageError, match=message):
        parse_location(value)


def test_a_url_never_becomes_a_folder(tmp_path, monkeypatch, capsys):
    """The bug this fixes: `kenes demo --db postgresql://…` reported success and wrote a
    SQLite file into a new folder named `postgresql:`. Now a server that cannot be
    reached is an error, and nothing is written where the command ran."""
    from app.pg import database

    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setattr(database, "CONNECT_TIMEOUT_S", 2)
    monkeypatch.setenv("KENES_PASSWORD", "demo-password")
    # Port 9 on loopback: nothing listens there (connection refused at once).
    code = main(["demo", "--db", "postgresql://kenes@127.0.0.1:9/region",
                 "--children", "5", "--meetings", "1"])
    assert code == 1
    assert "Cannot connect to the database server postgresql://kenes@127.0.0.1:9/region" \
        in capsys.readouterr().err
    assert list(here.iterdir()) == []


def test_an_unknown_scheme_is_one_clear_line(tmp_path, monkeypatch, capsys):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["check", "--db", "mysql://kenes@host/region"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kenes: Kenes works with a SQLite file or a PostgreSQL server")
    assert list(here.iterdir()) == []
