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


def test_a_database_from_a_newer_release_is_refused(tmp_path):
    """An unknown revision means a newer Kenes wrote it: don't touch it."""
    path = tmp_path / "k.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
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


NEXT_REVISION = '''"""add a note to children (test-only)"""
import sqlalchemy as sa
from alembic import op

from app.sync import capture

revision = "test_next"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("child") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    capture.install(op.get_bind())  # a synced table changed: regenerate its triggers
'''


def test_an_older_database_is_backed_up_then_migrated(tmp_path, monkeypatch, request):
    """A release with one more migration opens a database of the previous release."""
    import shutil

    from app import migrate
    from app.sync import capture

    path = tmp_path / "k.db"
    open_database(path).close()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.SCRIPT_LOCATION, scripts)
    (scripts / "versions" / "test_next.py").write_text(
        NEXT_REVISION.format(head=head_revision()))
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", scripts)
    migrate.shipped_revisions.cache_clear()
    request.addfinalizer(migrate.shipped_revisions.cache_clear)

    db = open_database(path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == "test_next"
        assert capture.trigger_problems(conn) == []
        assert "'note', NEW.\"note\"" in capture.installed_triggers(conn)[
            "capture_child_insert"]
    db.close()
    backups = list((tmp_path / "backups").glob("k-*-before-test_nex.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() != ("test_next",)
    assert "note" not in [r[1] for r in old.execute("PRAGMA table_info(child)")]
    old.close()


def test_the_quick_head_check_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from app.migrate import alembic_config, shipped_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert shipped_revisions() == {s.revision: s.down_revision
                                   for s in script.walk_revisions()}
