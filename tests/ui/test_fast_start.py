"""`kenes` shows the login window before the database layer is loaded, and the rest
follows while the password is typed (app/ui/startup.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.peek import first_look
from app.ui.app_settings import Settings
from app.ui.startup import FastStart
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _submit(start: FastStart, password: str) -> None:
    start.dialog.login_edit.setText("admin")
    start.dialog.password_edit.setText(password)
    start.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _fast_start(qtbot, path: Path) -> FastStart:  # type: ignore[no-untyped-def]
    look = first_look(path)
    assert look is not None
    start = FastStart(path, look, Settings())
    qtbot.addWidget(start.dialog)
    start.start()
    return start


def test_login_window_comes_before_the_database_layer(world):
    world.db.dispose()
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "fast_start_script.py"),
         str(world.db.path), ADMIN_PASSWORD],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "login shown: True", "sqlalchemy loaded: False", "main window: True"]


def test_wrong_then_right_password_once_the_database_is_open(qtbot, world):
    world.db.dispose()
    start = _fast_start(qtbot, world.db.path)
    assert start.dialog.isVisible()
    assert "Баянаульского района" in start.dialog.findChildren(
        type(start.dialog.message))[0].text()  # the commission's name is the title
    qtbot.waitUntil(lambda: start.controller is not None, timeout=30_000)
    controller = start.controller
    _submit(start, "not the password")
    # While the password is checked on the op thread, the window is prepared, hidden.
    guessed = controller.prepared
    assert guessed is not None and not guessed.isVisible()
    assert guessed.screens["dashboard"]._loaded
    qtbot.waitUntil(lambda: start.dialog.message.text() != "", timeout=10_000)
    assert start.dialog.message.text() == "Wrong login or password."
    assert controller.window is None and controller.prepared is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(guessed))  # dropped, never shown
    _submit(start, ADMIN_PASSWORD)
    prepared = controller.prepared
    assert prepared is not None and prepared is not guessed
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert window is prepared  # shown as prepared, not built again
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.screens["dashboard"]._loaded)
    assert window.isVisible() and start.exit_code == 0
    start.controller.runner.wait()
    start.controller.db.close()


def test_a_database_that_cannot_be_opened_is_reported_and_the_app_ends(
        qtbot, world, monkeypatch):
    # A database from a newer release: the first look accepts it, opening refuses it.
    with world.db.session() as s:
        s.connection().exec_driver_sql("UPDATE alembic_version SET version_num = 'ffffffff'")
    world.db.dispose()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    start = _fast_start(qtbot, world.db.path)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "newer" in shown[0].lower() or "version" in shown[0].lower(), shown
    assert start.exit_code == 1 and start.controller is None
    assert not start.dialog.isVisible()


@pytest.fixture
def encrypted_db(world, tmp_path):
    """A copy of the world's database, converted by `kenes encrypt` (as its admin)."""
    import shutil

    from app.db import open_database
    from app.db.create import encrypt_database

    world.db.dispose()
    path = tmp_path / "encrypted.db"
    shutil.copyfile(world.db.path, path)
    db = open_database(path)
    encrypt_database(db, "admin", ADMIN_PASSWORD)
    return path


def test_encrypted_the_login_window_still_comes_before_the_database_layer(encrypted_db):
    assert first_look(encrypted_db).encrypted
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "fast_start_script.py"),
         str(encrypted_db), ADMIN_PASSWORD],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "login shown: True", "sqlalchemy loaded: False", "main window: True"]


def test_encrypted_a_wrong_password_opens_nothing_the_right_one_opens_it(qtbot,
                                                                         encrypted_db):
    start = _fast_start(qtbot, encrypted_db)
    assert "Баянаульского района" in start.dialog.findChildren(
        type(start.dialog.message))[0].text()  # from the key file: the file is sealed
    _submit(start, "not the password")
    qtbot.waitUntil(lambda: start.dialog.message.text() != "", timeout=30_000)
    assert start.dialog.message.text() == "Wrong login or password."
    assert start.controller is None  # nothing was opened
    _submit(start, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: start.controller is not None
                    and start.controller.window is not None, timeout=30_000)
    window = start.controller.window
    qtbot.addWidget(window)
    assert window.isVisible() and start.controller.db.key is not None
    with start.controller.db.engine.connect() as conn:  # the failure before the open
        details = conn.exec_driver_sql(
            "SELECT details FROM audit_log WHERE action = 'auth.failed'").scalars().all()
    assert any('"before_open":true' in d for d in details)
    start.controller.runner.wait()
    start.controller.db.close()
