"""A .kenes file opened with the app (double-click: `kenes --import FILE`) is imported
on the Exchange screen once someone allowed to exchange has logged in."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from app.services import users
from app.services.context import SYSTEM
from app.ui.app import Controller
from app.ui.app_settings import Settings
from app.ui.exchange.screen import ExchangeScreen
from app.ui.ops import SyncRunner
from tests.conftest import ADMIN_PASSWORD
from tests.sync import conftest as sync_fixtures
from tests.sync.exchange_world import PASS, add_child, send

fast_kdf = sync_fixtures.fast_kdf  # the exchange fixtures: offices A, R, B
offices = sync_fixtures.offices


def _open_with_package(qtbot, db, path, login: str, password: str) -> Controller:  # type: ignore[no-untyped-def]
    controller = Controller(db, Settings(), runner=SyncRunner(db))
    controller.package_to_import = path
    with db.session() as s:
        user = users.log_in(s, login, password)
    controller.open_main(user)
    qtbot.addWidget(controller.window)
    return controller


def _count(db, surname: str) -> int:  # type: ignore[no-untyped-def]
    with db.read_session() as s:
        return s.execute(text("SELECT count(*) FROM child WHERE surname = :s"),
                         {"s": surname}).scalar()


def test_the_opened_package_is_imported_after_the_login(qtbot, offices, tmp_path, monkeypatch):
    a, r = offices["A"], offices["R"]
    add_child(a, "Пакетов")
    path = tmp_path / "from-a.kenes"
    path.write_bytes(send(a, r))
    asked = []
    monkeypatch.setattr(ExchangeScreen, "ask_passphrase", lambda self: asked.append(1) or PASS)
    controller = _open_with_package(qtbot, r.db, path, "admin", ADMIN_PASSWORD)
    window = controller.window
    qtbot.waitUntil(lambda: window.current_key() == "exchange")
    screen = window.screens["exchange"]
    qtbot.waitUntil(lambda: screen.status.text().startswith("Imported"))
    assert asked == [1] and _count(r.db, "Пакетов") == 1
    assert controller.package_to_import is None  # once: a language switch does not redo it


def test_an_account_that_may_not_exchange_is_told_and_nothing_is_imported(
        qtbot, offices, tmp_path, monkeypatch):
    a, r = offices["A"], offices["R"]
    add_child(a, "Непринятый")
    path = tmp_path / "from-a.kenes"
    path.write_bytes(send(a, r))
    with r.db.session() as s:
        users.create_user(s, SYSTEM, login="viewer", full_name="Viewer", role="viewer",
                          password="viewer password")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda _parent, _title, message: warned.append(message)))
    controller = _open_with_package(qtbot, r.db, path, "viewer", "viewer password")
    qtbot.waitUntil(lambda: bool(warned))
    assert "from-a.kenes was not imported" in warned[0]
    assert controller.window.current_key() != "exchange" and _count(r.db, "Непринятый") == 0
