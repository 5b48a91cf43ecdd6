"""GUI fixtures: real widgets off-screen, ops run inline (SyncRunner)."""

from __future__ import annotations

import pytest

from app.i18n import set_language
from app.ui.app_settings import Settings
from app.ui.context import UiContext
from app.ui.fonts import install_fonts
from app.ui.ops import SyncRunner


@pytest.fixture(autouse=True)
def _english_and_fonts(qapp):
    install_fonts(qapp)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def runner(world, qapp) -> SyncRunner:
    return SyncRunner(world.db)


@pytest.fixture
def ctx(world, runner) -> UiContext:
    return UiContext(runner, world.admin, world.commission_id, Settings())
