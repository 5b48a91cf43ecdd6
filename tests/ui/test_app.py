"""The application shell: first start, log in, lock, language, the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.db import open_database, unlock_with_recovery_key
from app.i18n import tr
from app.peek import first_look
from app.ui import app_settings as keys
from app.ui.app import Controller
from app.ui.app_settings import Settings
from app.ui.idle_lock import IdleLock
from app.ui.login import LoginDialog
from app.ui.ops import SyncRunner
from app.ui.welcome import WelcomeWindow
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "new.db")
    yield db
    db.dispose()  # the welcome window may have replaced the file by an encrypted one


def _controller(db) -> Controller:
    return Controller(db, Settings(), runner=SyncRunner(db))


def test_first_start_creates_the_commission_and_opens_the_main_window(qtbot, empty_db):
    controller = _controller(empty_db)
    controller.start()
    welcome = controller.welcome
    assert isinstance(welcome, WelcomeWindow)
    qtbot.addWidget(welcome)
    # Qt's key simulation is ASCII-only; Cyrillic goes in as the text an input method sets.
    welcome.name_ru.setText("Комиссия по делам несовершеннолетних акимата Майского района")
    welcome.name_kk.setText("Май ауданы әкімдігінің кәмелетке толмағандар комиссиясы")
    welcome.territory.setCurrentIndex(welcome.territory.findText("Майский район",
                                                                 Qt.MatchFlag.MatchContains))
    welcome.admin_name.setText("Әлия Серікқызы")
    qtbot.keyClicks(welcome.password, "a strong password")
    qtbot.keyClicks(welcome.password_again, "a different one")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert "differ" in welcome.message.text()
    assert controller.window is None
    welcome.password_again.setText("a strong password")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    window = controller.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    assert window.user_label.text() == "User: admin (Administrator)"
    assert "Майского района" in window.commission_label.text()
    assert window.db_label.text() == str(empty_db.path)
    assert controller.welcome is None
    # The new database is encrypted; its recovery key is shown once, over the window.
    dialog = controller.recovery_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    key = unlock_with_recovery_key(empty_db.path, dialog.key_label.text())
    assert key == controller.db.key and first_look(empty_db.path).encrypted
    controller.db.close()


def test_a_bad_commission_form_says_why_and_creates_nothing(qtbot, empty_db):
    controller = _controller(empty_db)
    controller.start()
    welcome = controller.welcome
    qtbot.addWidget(welcome)
    welcome.password.setText("a strong password")
    welcome.password_again.setText("a strong password")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)  # names empty
    assert welcome.message.text() == "This field is required."
    assert controller.window is None and not controller.has_accounts()


def test_log_in_wrong_then_right(qtbot, world):
    controller = _controller(world.db)
    controller.start()
    dialog = controller.login_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, LoginDialog)
    qtbot.keyClicks(dialog.login_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "not the password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.message.text() == "Wrong login or password."
    assert controller.window is None
    qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert controller.window is not None and controller.window.isVisible()
    qtbot.addWidget(controller.window)


def _logged_in(qtbot, world) -> Controller:
    controller = _controller(world.db)
    with world.db.session() as s:
        from app.services.users import log_in

        user = log_in(s, "admin", ADMIN_PASSWORD)
    controller.open_main(user)
    qtbot.addWidget(controller.window)
    return controller


def test_lock_hides_the_window_until_the_same_user_unlocks(qtbot, world):
    controller = _logged_in(qtbot, world)
    window = controller.window
    session_window = QWidget()  # a running session's window, or its projector
    qtbot.addWidget(session_window)
    session_window.show()
    window.sig_lock_requested.emit()
    assert not window.isVisible() and not session_window.isVisible()
    dialog = controller.lock_dialog
    qtbot.addWidget(dialog)
    assert dialog.login_edit.text() == "admin" and dialog.login_edit.isReadOnly()
    dialog.password_edit.setText("wrong")
    dialog._submit()
    assert not window.isVisible()
    dialog.password_edit.setText(ADMIN_PASSWORD)
    dialog._submit()
    assert window.isVisible() and session_window.isVisible()


def test_idle_time_fires_the_lock_and_activity_postpones_it(qtbot):
    idle = IdleLock(1)
    idle.timer.setInterval(60_000)
    idle.timer.start()
    qtbot.wait(20)
    before = idle.timer.remainingTime()
    idle.eventFilter(idle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                     Qt.KeyboardModifier.NoModifier))
    assert idle.timer.remainingTime() > before
    idle.timer.start(30)
    with qtbot.waitSignal(idle.sig_idle, timeout=2000):
        pass
    idle.set_minutes(0)
    assert not idle.timer.isActive()


def test_navigation_shortcuts_and_screens(qtbot, world):
    controller = _logged_in(qtbot, world)
    window = controller.window
    assert window.nav.count() == len(window.specs) == 9
    assert window.current_key() == "dashboard"
    window.show_screen("meetings")
    assert window.current_key() == "meetings"
    assert window.screens["meetings"]._loaded
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+1", "Ctrl+9", "Ctrl+L", "Ctrl+Shift+P"} <= shortcuts
    assert window.nav.accessibleName() == "Navigation"


def test_switching_to_kazakh_rebuilds_the_window_in_kazakh(qtbot, world):
    controller = _logged_in(qtbot, world)
    controller.window.show_screen("measures")
    controller.switch_language("kk")
    window = controller.window
    qtbot.addWidget(window)
    assert window.current_key() == "measures"
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[1] == tr("kk", "Children") != "Children"
    assert titles[2] == "Отырыстар"
    assert Settings().language() == "kk"
    controller.switch_language("en")


def test_window_geometry_is_remembered(qtbot, world):
    # The off-screen display is 800x800 and narrower than the window: change the height.
    controller = _logged_in(qtbot, world)
    controller.window.resize(controller.window.width(), 555)
    controller.window.close()
    assert Settings().get(keys.WINDOW_GEOMETRY) is not None
    again = _logged_in(qtbot, world)
    assert again.window.height() == 555
    QApplication.processEvents()


def test_every_screen_can_be_built_and_shown(qtbot, world):
    """Screens are built lazily: make sure each one builds and loads."""
    controller = _logged_in(qtbot, world)
    window = controller.window
    for spec in window.specs:
        window.show_screen(spec.key)
        assert window.current_key() == spec.key
        assert window.stack.currentWidget() is window.screens[spec.key]
        assert window.screens[spec.key]._loaded


def test_smoke_opens_the_window_in_the_language_asked(world, monkeypatch, qapp):
    """`kenes --lang kk smoke`: the window itself in Kazakh, not in the saved setting."""
    from app.i18n import set_language
    from app.ui import app as app_module
    from app.ui.main_window import MainWindow

    seen: list[str] = []
    close = MainWindow.close
    monkeypatch.setattr(MainWindow, "close", lambda self: (
        seen.append(self.nav.item(0).text()), close(self))[1])
    path = world.db.path
    world.db.close()
    try:
        code, platform = app_module.smoke(path, "admin", ADMIN_PASSWORD, lang="kk")
    finally:
        set_language("en")
    assert (code, platform) == (0, "offscreen")
    assert seen == [tr("kk", "Dashboard")] and seen[0] != "Dashboard"
