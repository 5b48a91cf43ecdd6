"""Starting the desktop application: first start, log in, the main window, the lock,
switching language. `kenes` without a sub-command starts in app.ui.startup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db import Database, open_database
from app.db_location import Location, location_of, remove_database
from app.domain.roles import Permission, allows
from app.errors import KenesError
from app.i18n import _, set_language
from app.services import commissions, users
from app.services.users import UserInfo
from app.ui import app_settings as keys
from app.ui.app_settings import Settings
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.idle_lock import IdleLock
from app.ui.login import ChangePasswordDialog, LoginDialog
from app.ui.main_window import MainWindow
from app.ui.ops import OpRunner
from app.ui.qt_app import qt_application
from app.ui.qt_i18n import install_qt_translations
from app.ui.welcome import WelcomeWindow


class Controller(QObject):
    """Moves between the welcome window, the login and the main window."""

    def __init__(self, db: Database, settings: Settings, runner: OpRunner | None = None
                 ) -> None:
        super().__init__()
        self.db, self.settings = db, settings
        self.runner = runner or OpRunner(db)
        self.window: MainWindow | None = None
        self.welcome: WelcomeWindow | None = None
        self.user: UserInfo | None = None
        self.commission_id: str | None = None
        self.commission_name = ""
        self.package_to_import: Path | None = None  # a .kenes file opened with the app
        self.prepared: MainWindow | None = None  # see prepare_main
        self.idle = IdleLock(settings.get(keys.IDLE_LOCK_MINUTES), self)
        self.idle.sig_idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.apply_language(settings.language())

    def apply_language(self, lang: str) -> None:
        set_language(lang)
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]

    def has_accounts(self) -> bool:
        return self.runner.read(users.any_accounts)

    def start(self) -> None:
        if self.has_accounts():
            self.ask_login()
        else:
            self.show_welcome()

    # -- first start ---------------------------------------------------------------
    def show_welcome(self) -> None:
        self.welcome = WelcomeWindow(self.runner)
        self.welcome.sig_create_requested.connect(self._create)
        self.welcome.sig_demo_requested.connect(self._build_demo)
        self.welcome.show()

    def _release_empty_file(self) -> Path:
        """Close the empty database the welcome window stands on and remove it (it holds
        no accounts: nothing to lose), so that a new one is built in its place."""
        from app.db.create import remove_database_files

        path = location_of(self.db)
        self.db.close()
        remove_database(path)
        if isinstance(path, Path):
            remove_database_files(path)  # its key and login files too
        return path

    def _build_failed(self, failure) -> None:  # type: ignore[no-untyped-def]
        self.db = open_database(location_of(self.db))  # the empty one, for another try
        self.runner.db = self.db
        if self.welcome is not None:
            self.welcome._failed(failure)

    def _create(self, values: dict) -> None:
        """A new commission in a new database, encrypted (app.db.create)."""
        from app.db.create import Created, commission_names, create_database
        from app.services import setup

        if self.db.is_server:  # an empty server database: set up where it is
            self.runner.run(lambda s: setup.initialise(s, **values),
                            on_done=lambda made: self._created(Created(made, None, None)),
                            on_error=lambda f: self.welcome and self.welcome._failed(f))
            return
        path = self._release_empty_file()

        def build(db: Database):  # type: ignore[no-untyped-def]
            with db.session() as s:
                return setup.initialise(s, **values)

        self.runner.run(lambda _none: create_database(path, build, commission=commission_names),
                        write=None, on_done=self._created, on_error=self._build_failed)

    def _created(self, created) -> None:  # type: ignore[no-untyped-def]
        if not self.db.is_server:  # the new file replaced the empty one
            self.db = open_database(self.db.path, created.key)
            self.runner.db = self.db
        self._close_welcome()
        self.open_main(created.result.admin)
        self.show_recovery_key(created.recovery_key)

    def show_recovery_key(self, recovery_key: str | None) -> None:
        """Shown once, modal over what is open, to print and keep in the safe."""
        if recovery_key:
            from app.ui.recovery_key import RecoveryKeyDialog

            _id, name = self._commission()
            self.recovery_dialog = RecoveryKeyDialog(recovery_key, name, self.window)
            self.recovery_dialog.open()

    def _build_demo(self, password: str) -> None:
        from app.demo import build_demo
        from app.demo.generator import DEMO_YEARS

        path = self._release_empty_file()
        self.runner.run(lambda _none: build_demo(path, password=password, years=DEMO_YEARS),
                        write=None, on_done=lambda summary: self._demo_built(summary, password),
                        on_error=self._build_failed)

    def _demo_built(self, summary, password: str) -> None:  # type: ignore[no-untyped-def]
        from app.db import unlock

        location = location_of(self.db)
        key = unlock(location, "admin", password) if summary.recovery_key else None
        self.db = open_database(location, key)
        self.runner.db = self.db
        self._close_welcome()
        self.ask_login()
        self.show_recovery_key(summary.recovery_key)

    def _close_welcome(self) -> None:
        if self.welcome is not None:
            self.welcome.close()
            self.welcome.deleteLater()
            self.welcome = None

    # -- log in, lock ------------------------------------------------------------------
    def _commission(self) -> tuple[str, str]:
        info = self.runner.read(lambda s: commissions.list_commissions(s))
        if not info:
            raise KenesError(_("This database has no commission."))
        first = info[0]
        from app.i18n import current_language

        return first.id, first.name(current_language())

    def ask_login(self) -> None:
        self.commission_id, self.commission_name = self._commission()
        dialog = LoginDialog(self.runner, commission_name=self.commission_name)
        dialog.accepted.connect(lambda: self.open_main(dialog.user))
        dialog.rejected.connect(QApplication.instance().quit)
        self.adopt_login(dialog)
        dialog.open()

    def adopt_login(self, dialog: LoginDialog) -> None:
        """The first login: while the password is checked, prepare the main window."""
        self.login_dialog = dialog
        dialog.sig_submitted.connect(self.prepare_main)
        dialog.sig_refused.connect(self._discard_prepared)

    def lock(self) -> None:
        if self.window is None or self.user is None or getattr(self, "_locked", False):
            return
        self._locked = True
        # Every window goes: the main one, a running session, its projector, dialogs.
        hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in hidden:
            widget.hide()
        dialog = LoginDialog(self.runner, locked_login=self.user.login,
                             commission_name=self.commission_name)

        def unlocked() -> None:
            self._locked = False
            for widget in hidden:
                widget.show()

        dialog.accepted.connect(unlocked)
        dialog.rejected.connect(QApplication.instance().quit)
        self.lock_dialog = dialog
        dialog.open()

    # -- the main window ---------------------------------------------------------------
    def build_main(self, user: UserInfo) -> MainWindow:
        """The main window for `user`, wired and showing its first screen, not yet shown."""
        if self.commission_id is None:
            self.commission_id, self.commission_name = self._commission()
        ctx = UiContext(self.runner, user.actor(), self.commission_id, self.settings)
        window = MainWindow(ctx, commission_name=self.commission_name,
                            db_path=location_of(self.db))
        window.sig_lock_requested.connect(self.lock)
        window.sig_language_requested.connect(self.switch_language)
        window.sig_change_password_requested.connect(self._change_password)
        window.sig_idle_lock_changed.connect(self.idle.set_minutes)
        window.sig_restore_requested.connect(self.restore)
        return window

    def prepare_main(self, login: str) -> None:
        """Build, hidden, the main window of the account being logged into while its
        password is checked on the op thread (Argon2id, about 0.25 s, releases the
        interpreter): the window then only has to be shown. It is shown only if the
        check passes for that very account, and dropped otherwise."""
        self._discard_prepared()
        if self.window is not None:
            return
        account = self.runner.read(lambda s: users.account_to_log_in(s, login))
        if account is not None:
            self.prepared = self.build_main(account)

    def _discard_prepared(self) -> None:
        window, self.prepared = self.prepared, None
        if window is not None:
            window.deleteLater()

    def _take_prepared(self, user: UserInfo) -> MainWindow | None:
        window, self.prepared = self.prepared, None
        if window is not None and window.ctx.actor == user.actor():
            return window
        if window is not None:
            window.deleteLater()
        return None

    def open_main(self, user: UserInfo | None) -> None:
        if user is None:
            return
        self.user = user
        self.window = self._take_prepared(user) or self.build_main(user)
        self.window.show()
        self.idle.set_minutes(self.settings.get(keys.IDLE_LOCK_MINUTES))
        self.daily_backup()
        if self.package_to_import is not None:
            QTimer.singleShot(0, self.import_opened_package)

    # -- backups -----------------------------------------------------------------------
    def backup_folder(self) -> Path:
        from app.db import backups

        chosen = self.settings.get(keys.BACKUP_FOLDER)
        return Path(chosen) if chosen else backups.default_folder(self.db.path)

    def daily_backup(self) -> None:
        """The first start of the day makes a backup (off the GUI thread); a folder that
        cannot be written (a USB stick not plugged in) is said in the status bar."""
        from app.db import backups

        if getattr(self, "_daily_done", False) or self.db.is_server:
            return  # a server database is backed up on the server (kenes server backup)
        self._daily_done = True
        db, folder, keep = self.db, self.backup_folder(), self.settings.get(keys.BACKUP_KEEP)
        window = self.window
        self.runner.run(lambda _none: backups.daily_backup(db, folder, keep), write=None,
                        on_error=lambda f: window is not None and window.statusBar().showMessage(
                            _("The daily backup could not be made: {reason}").format(
                                reason=error_text(f.error))))

    def restore(self, backup: Path) -> None:
        """Settings › Backups: every window closes, the backup is put in place, and the
        login is asked again on the restored database."""
        from app.services import backups as backup_service

        assert self.user is not None
        actor = self.user.actor()
        self.runner.wait()
        try:
            done = backup_service.restore(actor, self.db, backup)
        except KenesError as exc:
            self.db = open_database(self.db.path, self.db.key)
            self.runner.db = self.db
            QMessageBox.warning(self.window, _("Kenes"), exc.user_message())
            return
        self.db = open_database(self.db.path, done.key)
        self.runner.db = self.db
        with self.db.session() as s:
            backup_service.record_restored(s, actor, done)
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        if self.window is not None:
            self.window.deleteLater()
        self.window, self.user, self.commission_id = None, None, None
        self.ask_login()

    def import_opened_package(self) -> None:
        """The .kenes file the app was opened with, imported on the Exchange screen
        (which asks for the office passphrase and shows the outcome)."""
        path, self.package_to_import = self.package_to_import, None
        if path is None or self.window is None or self.user is None:
            return
        if not allows(self.user.role, Permission.EXCHANGE):
            QMessageBox.warning(self.window, _("Kenes"), _(
                "Your account may not import exchange packages, so {name} was not "
                "imported. Ask the secretary or the chair.").format(name=path.name))
            return
        self.window.show_screen("exchange")
        self.window.screen("exchange").import_path(path)  # type: ignore[attr-defined]

    def switch_language(self, lang: str) -> None:
        """Rebuild the main window in the new language, on the same screen."""
        self.settings.set(keys.LANGUAGE, lang)
        self.apply_language(lang)
        self.commission_id, self.commission_name = self._commission()
        old = self.window
        screen = old.current_key() if old else None
        geometry = old.saveGeometry() if old else None
        self.open_main(self.user)
        if old is not None:
            old.hide()
            old.deleteLater()
        if self.window is not None:
            if geometry is not None:
                self.window.restoreGeometry(geometry)
            if screen:
                self.window.show_screen(screen)

    def _change_password(self) -> None:
        if self.window is not None and self.user is not None:
            ChangePasswordDialog(self.runner, self.user.actor(), self.window).open()


def run_first_gui(db_path: Location, settings: Settings, package: Path | None = None) -> int:
    """The start without a login window to show at once: a new or empty database gets
    the welcome window; a file that cannot be opened gets its message."""
    app = qt_application()
    try:
        db = open_database(db_path)
    except KenesError as exc:
        QMessageBox.critical(None, "Kenes", exc.user_message())
        return 1
    controller = Controller(db, settings)
    controller.package_to_import = package
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    controller.runner.wait()
    controller.db.close()
    return code


def smoke(db_path: Location, login: str, password: str, lang: str | None = None,
          key: bytes | None = None) -> tuple[int, str]:
    """Open the main window on a database, wait until it is shown and populated, exit:
    (exit status, the Qt platform that showed it). `lang`: the interface language
    (default: the user's setting); `key`: an encrypted database's."""
    from app.services.users import log_in

    app = qt_application()
    settings = Settings()
    db = open_database(db_path, key)
    controller = Controller(db, settings)
    if lang:
        controller.apply_language(lang)
    with db.session() as s:
        user = log_in(s, login, password)
    if user is None:
        db.close()
        raise KenesError(_("Wrong login or password."))
    controller.open_main(user)
    window = controller.window
    assert window is not None
    app.processEvents()
    ok = window.isVisible() and all(
        screen._loaded for key, screen in window.screens.items() if key == window.current_key())
    controller.runner.wait()
    window.close()
    db.close()
    return (0 if ok else 1), app.platformName()
