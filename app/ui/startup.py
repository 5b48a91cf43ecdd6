"""Starting fast: the login window appears before the database layer is loaded.

Importing SQLAlchemy, the models, the services and the screens takes most of a second;
typing a login and a password takes longer. So the login window is built from a first
look at the file (app.peek, plain sqlite3), and a thread opens the database (with its
backup and migrations) and imports the rest meanwhile. The password is checked once that
is done: a person who types faster only waits for the remainder. An encrypted database
(its key file gives the first look) opens only with the key the password unwraps: the
thread imports the modules meanwhile, and the password opens the file (_Unlocker).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db_location import Location
from app.i18n import set_language
from app.peek import FirstLook, first_look
from app.ui.app_settings import Settings
from app.ui.errors import error_text
from app.ui.login import LoginDialog
from app.ui.ops import Failure
from app.ui.qt_app import qt_application
from app.ui.qt_i18n import install_qt_translations

if TYPE_CHECKING:
    from app.db import Database
    from app.ui.app import Controller
    from app.ui.ops import OpRunner

log = logging.getLogger("kenes.ui")

# What the first minute needs, loaded while the password is typed: the controller and
# its windows, and the first screen with its services.
PRELOAD = ("app.ui.app", "app.ui.dashboard.screen")
FIRST_PAINT_WAIT_MS = 500


class PendingRunner:
    """Stands in for the op runner until the database is open; ops asked before that
    run, in order, as soon as it is."""

    def __init__(self) -> None:
        self.runner: OpRunner | None = None
        self._queued: list[tuple[Callable[[Any], Any], dict[str, Any]]] = []

    def run(self, work: Callable[[Any], Any], **options: Any) -> None:
        if self.runner is not None:
            self.runner.run(work, **options)
        else:
            self._queued.append((work, options))

    def attach(self, runner: OpRunner) -> None:
        self.runner = runner
        queued, self._queued = self._queued, []
        for work, options in queued:
            runner.run(work, **options)


class _Loader(QObject):
    """Opens the database and imports PRELOAD on a plain thread; reports on the GUI
    thread (the signals are queued across threads)."""

    sig_ready = Signal(object)
    """(Database): open, migrated, and the modules imported."""
    sig_failed = Signal(object)
    """(BaseException): the database could not be opened."""

    def __init__(self, path: Location, encrypted: bool = False) -> None:
        super().__init__()
        self.path, self.encrypted = path, encrypted
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._load, name="kenes-start", daemon=True)

    def _load(self) -> None:
        try:
            from app.db import open_database

            # An encrypted file opens with the password's key: only the modules now.
            db = None if self.encrypted else open_database(self.path)
            for name in PRELOAD:
                importlib.import_module(name)
        except BaseException as exc:  # reported to the person, never lost on a thread
            log.exception("opening %s failed", self.path)
            self.done.set()
            self.sig_failed.emit(exc)
        else:
            self.done.set()
            if db is not None:
                self.sig_ready.emit(db)


class _Unlocker(QObject):
    """The first login to an encrypted database, on a thread: the password unwraps the
    key (Argon2id), the database opens with it (migrations included), the account logs
    in. Reports on the GUI thread."""

    sig_done = Signal(object, object)
    """(Database | None, UserInfo | None): opened and logged in, or a wrong password."""
    sig_failed = Signal(object)
    """(BaseException): a delay in force, or a file that cannot be opened."""

    def __init__(self, path: Path, loader: _Loader) -> None:
        super().__init__()
        self.path, self.loader = path, loader

    def start(self, login: str, password: str) -> None:
        threading.Thread(target=self._run, args=(login, password), name="kenes-unlock",
                         daemon=True).start()

    def _run(self, login: str, password: str) -> None:
        try:
            self.loader.done.wait()
            from app.db import open_database, unlock
            from app.errors import AuthenticationError, LoginDelayed
            from app.services import users

            try:
                key = unlock(self.path, login, password)
            except LoginDelayed:
                raise
            except AuthenticationError:
                self.sig_done.emit(None, None)
                return
            db = open_database(self.path, key)
            with db.session() as s:
                user = users.log_in(s, login, password)
        except BaseException as exc:
            log.exception("unlocking %s failed", self.path)
            self.sig_failed.emit(exc)
        else:
            self.sig_done.emit(db, user)


class FastStart(QObject):
    """The login window at once; the controller takes over when the database is open."""

    def __init__(self, path: Location, look: FirstLook, settings: Settings,
                 package: Path | None = None) -> None:
        super().__init__()
        self.settings, self.package = settings, package
        self.controller: Controller | None = None
        self.exit_code = 0
        lang = settings.language()
        set_language(lang)
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        self.runner = PendingRunner()
        self.dialog = LoginDialog(self.runner, commission_name=look.name(lang))  # type: ignore[arg-type]
        self.dialog.accepted.connect(self._logged_in)
        self.dialog.rejected.connect(QApplication.instance().quit)
        self.loader = _Loader(path, look.encrypted)
        self.loader.sig_ready.connect(self._opened)
        self.loader.sig_failed.connect(self._failed)
        if look.encrypted:
            self.unlocker = _Unlocker(path, self.loader)
            self.unlocker.sig_done.connect(self._unlocked)
            self.unlocker.sig_failed.connect(self._unlock_failed)
            self.dialog.check = self.unlocker.start

    def start(self) -> None:
        self.dialog.installEventFilter(self)
        self.dialog.open()
        # In case no paint ever comes (a minimised start): load anyway.
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._load)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The loading thread takes the interpreter's lock most of the time: start it once
        # the login window has painted, not while it is being drawn.
        if watched is self.dialog and event.type() == QEvent.Type.Paint:
            self.dialog.removeEventFilter(self)
            QTimer.singleShot(0, self._load)
        return False

    def _load(self) -> None:
        if self.loader.thread.ident is None:  # not started yet
            self.loader.thread.start()

    def _opened(self, db: Database) -> None:
        from app.ui.app import Controller

        self.controller = Controller(db, self.settings)
        self.controller.package_to_import = self.package
        self.controller.adopt_login(self.dialog)
        self.runner.attach(self.controller.runner)

    def _unlocked(self, db: Database | None, user: object) -> None:
        if db is None:  # a wrong password: the dialog says so, nothing was opened
            self.dialog._done(None)
            return
        self.dialog.check = None  # from now on the open database checks passwords
        self._opened(db)
        self.dialog._done(user)  # type: ignore[arg-type]

    def _unlock_failed(self, error: BaseException) -> None:
        from app.errors import LoginDelayed

        if isinstance(error, LoginDelayed):
            self.dialog._failed(Failure(error, ""))
        else:
            self._failed(error)

    def _logged_in(self) -> None:
        assert self.controller is not None  # the password is checked only once it exists
        self.controller.open_main(self.dialog.user)

    def _failed(self, error: BaseException) -> None:
        self.dialog.hide()
        QMessageBox.critical(None, "Kenes", error_text(error))
        self.exit_code = 1
        QApplication.instance().quit()


def run_gui(db_path: Location, package: Path | None = None) -> int:
    """`kenes` without a sub-command: the login window at once on a set-up database;
    otherwise (first start, a file to refuse) the ordinary path of app.ui.app. With a
    `package` (a .kenes file opened from the file manager), it is imported after the
    login, on the Exchange screen."""
    app = qt_application()
    settings = Settings()
    look = first_look(db_path)
    if look is None or not look.has_accounts:
        from app.ui.app import run_first_gui

        return run_first_gui(db_path, settings, package)
    start = FastStart(db_path, look, settings, package)
    QTimer.singleShot(0, start.start)
    code = app.exec()
    if start.controller is not None:
        start.controller.runner.wait()
        start.controller.db.close()
    return start.exit_code or code
