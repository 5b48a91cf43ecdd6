"""The schema built by migrations is exactly the models' schema."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.db import open_database
from app.errors import StorageError
from app.migrate import current_revision, head_revision
from app.models import Base


def test_migrations_match_the_models(tmp_path):
    db = open_database(tmp_path / "fresh.db")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert current_revision(conn) == head_revision()
    db.close()


def test_a_database_at_head_is_not_backed_up_again(tmp_path):
    open_database(tmp_path / "k.db").close()
    open_database(tmp_path / "k.db").close()
    assert not (tmp_path / "backups").exists()


def test_an_older_schema_is_backed_up_then_migrated(tmp_path):
    """Simulate an older database by pointing alembic_version at a past revision."""
    path = tmp_path / "k.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE legacy_marker (x)")  # the backup must hold this
    conn.execute("UPDATE alembic_version SET version_num = 'older'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="newer version of Kenes"):
        open_database(path)
    assert not (tmp_path / "backups").exists()  # refused before anything was touched


def test_not_a_kenes_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a Kenes database"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello")
    with pytest.raises(StorageError, match="not a Kenes database"):
        open_database(path)
