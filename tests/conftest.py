"""Shared fixtures: a fresh, migrated, set-up database per test, without Qt."""

from __future__ import annotations

import os
import shutil
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
    with db.session() as s:
        result = setup.initialise(
            s, commission_ru="Комиссия по делам несовершеннолетних и защите их прав акимата "
            "Баянаульского района", commission_kk="Баянауыл ауданы әкімдігінің кәмелетке "
            "толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссиясы",
            territory_id=find_territory(s, "Баянаульский район"), admin_login="admin",
            admin_name="Admin", admin_password=ADMIN_PASSWORD)
    db.dispose()
    os.environ.pop("KENES_DATA_DIR")
    return folder / "kenes.db", result


@pytest.fixture
def world(_template, tmp_path) -> World:
    path, result = _template
    target = tmp_path / "kenes.db"
    shutil.copyfile(path, target)
    db = open_database(target)
    yield World(db, result.admin.actor(), result.commission.id, result.office_id)
    db.close()


@pytest.fixture
def db(world) -> Database:
    return world.db
