"""Shared fixtures: a fresh, migrated, set-up database per test, without Qt."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db import Database, open_database
from app.services import setup
from app.services.catalogs import find_territory
from app.services.context import Actor

ADMIN_PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class World:
    db: Database
    admin: Actor
    commission_id: str
    office_id: str
    backend: str = "sqlite"
    server: object = None  # the PostgreSQL test server (tests/pg_cluster.py), if on it

    def another_database(self, path):  # type: ignore[no-untyped-def]
        """A copy of this world's database: a file at `path`, or on the server a new
        database copied from the same template."""
        if self.server is not None:
            return open_database(self.server.test_database())  # type: ignore[attr-defined]
        self.db.backup_to(path)
        return open_database(path)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Each test gets its own data folder (origin registry, backups), and messages in
    English unless a test asks for another language."""
    from app.i18n import set_language

    monkeypatch.setenv("KENES_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KENES_LANG", "en")
    set_language("en")


@pytest.fixture(scope="session")
def _template(tmp_path_factory):
    """Migrate and set up once; tests get a copy (a migration per test is slow)."""
    folder = tmp_path_factory.mktemp("template")
    os.environ["KENES_DATA_DIR"] = str(folder / "data")
    db = open_database(folder / "kenes.db")
    result = _initialise(db)
    db.dispose()
    os.environ.pop("KENES_DATA_DIR")
    return folder / "kenes.db", result


def _initialise(db: Database):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return setup.initialise(
            s, commission_ru="Комиссия по делам несовершеннолетних и защите их прав акимата "
            "Баянаульского района", commission_kk="Баянауыл ауданы әкімдігінің кәмелетке "
            "толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссиясы",
            territory_id=find_territory(s, "Баянаульский район"), admin_login="admin",
            admin_name="Admin", admin_password=ADMIN_PASSWORD)


@pytest.fixture
def backend() -> str:
    """The database a test's `world` lives in. SQLite here; the service, sync and CLI
    tests parametrize it over "sqlite" and "postgresql" (tests/backends.py)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server():
    """One throw-away PostgreSQL server for the whole run, started when a test first
    needs it and stopped at the end (tests/pg_cluster.py)."""
    from tests.pg_cluster import TempCluster

    cluster = TempCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def _pg_template(pg_server):
    """The same set-up as `_template`, once, in a template database on the server."""
    from tests.pg_cluster import TEMPLATE

    folder = tempfile.mkdtemp(prefix="kenes-pg-template-")
    os.environ["KENES_DATA_DIR"] = folder
    db = open_database(pg_server.create_database(TEMPLATE))
    result = _initialise(db)  # each copy starts its own origin on open (epoch_server)
    db.dispose()
    os.environ.pop("KENES_DATA_DIR")
    shutil.rmtree(folder, ignore_errors=True)
    return result


@pytest.fixture
def world(backend, request, tmp_path) -> World:
    if backend == "postgresql":
        result = request.getfixturevalue("_pg_template")
        db = open_database(request.getfixturevalue("pg_server").test_database())
    else:
        path, result = request.getfixturevalue("_template")
        target = tmp_path / "kenes.db"
        shutil.copyfile(path, target)
        db = open_database(target)
    server = request.getfixturevalue("pg_server") if backend == "postgresql" else None
    yield World(db, result.admin.actor(), result.commission.id, result.office_id, backend,
                server)
    db.close()
    if server is not None:
        server.drop_database(db.location.database)


@pytest.fixture
def db(world) -> Database:
    return world.db
