"""Settings › Backups: the list in the chosen folder, making a backup, restoring one as
an administrator (the app asks for a login again, on the restored data), and what a
viewer may not do. Screenshots in Russian and Kazakh."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.domain.roles import Role
from app.i18n import set_language
from app.ui.app import Controller
from app.ui.app_settings import Settings
from app.ui.ops import SyncRunner
from app.ui.settings.screen import SettingsScreen
from tests.conftest import ADMIN_PASSWORD


def _page(ctx, qtbot):
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1000, 640)
    screen.show()
    screen.ensure_loaded()
    screen.tabs.setCurrentWidget(screen.backups)
    return screen, screen.backups


def test_make_a_backup_into_a_chosen_folder(ctx, qtbot, tmp_path):
    _screen, page = _page(ctx, qtbot)
    usb = tmp_path / "usb"
    usb.mkdir()
    page.ask_folder = lambda: str(usb)
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert page.folder.text() == str(usb) and page.table.rowCount() == 0
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert "Backup written" in page.message.text()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "made by hand"
    assert len(list(usb.glob("*.db"))) == 1
    with ctx.runner.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = "
                                 "'db.backup'")).scalar() == 1
    assert not page.restore_button.isEnabled()  # nothing selected
    page.table.selectRow(0)
    assert page.restore_button.isEnabled()


def test_a_viewer_may_neither_make_nor_restore(ctx, qtbot):
    viewer = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=Role.VIEWER))
    _screen, page = _page(viewer, qtbot)
    assert not page.make_button.isEnabled() and not page.restore_button.isEnabled()


def test_an_unwritable_folder_is_said_and_nothing_is_made(ctx, qtbot, tmp_path, monkeypatch):
    from app.db import backups

    _screen, page = _page(ctx, qtbot)
    stick = tmp_path / "stick"
    stick.mkdir()
    page.ask_folder = lambda: str(stick)
    page.choose_folder()
    monkeypatch.setattr(backups.os, "access", lambda _p, _m: False)
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert "read-only" in page.message.text()
    assert list(stick.iterdir()) == []


def test_restore_as_administrator_then_log_in_again(qtbot, world, tmp_path):
    from app.services.users import log_in

    db = world.db
    controller = Controller(db, Settings(), runner=SyncRunner(db))
    with db.session() as s:
        user = log_in(s, "admin", ADMIN_PASSWORD)
    controller.open_main(user)
    window = controller.window
    qtbot.addWidget(window)
    window.show_screen("settings")
    settings = window.screen("settings")
    page = settings.backups
    page.ask_folder = lambda: str(tmp_path / "usb")
    page.choose_folder()
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    with db.session() as s:  # entered after the backup: the restore takes it away
        s.execute(text("UPDATE commission SET name_ru = 'Переименована'"))
    page.reload()
    page.table.selectRow(0)
    page.ask_restore = lambda _info: True
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert controller.window is None and controller.user is None
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    with controller.db.engine.connect() as conn:
        name = conn.execute(text("SELECT name_ru FROM commission")).scalar()
        reasons = conn.execute(text("SELECT reason FROM sync_origin")).scalars().all()
        restored = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = "
                                     "'db.restore'")).scalar()
    assert name != "Переименована" and "restored" in reasons and restored == 1
    controller.runner.wait()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_screenshot(ctx, qtbot, tmp_path, lang):
    set_language(lang)
    try:
        _screen, page = _page(ctx, qtbot)
        page.ask_folder = lambda: str(tmp_path / "usb")
        page.choose_folder()
        page.make_backup()
        page.table.selectRow(0)
        folder = os.environ.get("KENES_SHOTS")
        target = Path(folder) if folder else tmp_path
        assert _screen.grab().save(str(target / f"settings-backups-{lang}.png"))
        assert page.table.horizontalHeaderItem(0).text() != "Made"
    finally:
        set_language("en")
