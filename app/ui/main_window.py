"""The main window: lays out the screens and wires them; nothing else lives here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.db_location import Location
from app.i18n import _
from app.labels import label
from app.ui import app_settings as keys
from app.ui.about import AboutDialog
from app.ui.context import UiContext
from app.ui.errors import show_failure
from app.ui.ops import Changed
from app.ui.screen import Screen
from app.ui.screens import screen_specs


class MainWindow(QMainWindow):
    sig_lock_requested = Signal()
    """(): the user asked to lock the application."""
    sig_language_requested = Signal(str)
    """(lang): the user chose another interface language."""
    sig_change_password_requested = Signal()
    """(): the user asked to change their password."""
    sig_idle_lock_changed = Signal(int)
    """(minutes): the idle-lock time was changed in the settings (0 = never)."""
    sig_restore_requested = Signal(object)
    """(Path): an administrator confirmed restoring this backup (Settings › Backups)."""

    def __init__(self, ctx: UiContext, *, commission_name: str, db_path: Location) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Kenes — {commission_name}")
        self.specs = screen_specs()
        self.screens: dict[str, Screen] = {}
        self._build(commission_name, db_path)
        self._wire()
        geometry = ctx.settings.get(keys.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self.show_screen(self.specs[0].key)

    def _build(self, commission_name: str, db_path: Location) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Navigation"))
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        for number, spec in enumerate(self.specs, start=1):
            # A screen is built when first shown (a fast start): an empty slot until then.
            self.stack.addWidget(QWidget())
            self.nav.addItem(_(spec.title))
            action = QAction(_(spec.title), self)
            if number <= 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
                action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))
            action.triggered.connect(lambda _c=False, k=spec.key: self.show_screen(k))
            self.addAction(action)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._row_changed)

        bar = self.statusBar()
        self.user_label = QLabel(_("User: {login} ({role})").format(
            login=self.ctx.actor.login, role=label(self.ctx.actor.role)))
        self.commission_label = QLabel(commission_name)
        self.db_label = QLabel(str(db_path))
        self.busy_label = QLabel()
        for widget, name in ((self.user_label, "statusUser"),
                             (self.commission_label, "statusCommission"),
                             (self.db_label, "statusDatabase"), (self.busy_label, "statusBusy")):
            widget.setObjectName(name)
            bar.addPermanentWidget(widget)

        for text, shortcut, signal in (
                (_("Lock"), "Ctrl+L", self.sig_lock_requested),
                (_("Change password"), "Ctrl+Shift+P", self.sig_change_password_requested)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(signal)
            self.addAction(action)
        quit_action = QAction(_("Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        about_action = QAction(_("About Kenes"), self)
        about_action.setShortcut(QKeySequence("F1"))
        about_action.triggered.connect(lambda: AboutDialog(self.ctx, self).open())
        self.addAction(about_action)

    def _wire(self) -> None:
        """The window's own wiring; `_wire_screen` wires each screen as it is built."""
        runner = self.ctx.runner
        runner.sig_changed.connect(self._changed)
        runner.sig_error.connect(lambda failure: show_failure(self, failure))
        runner.sig_busy.connect(self._busy)

    def _wire_screen(self, key: str, screen: Screen) -> None:
        """All cross-screen wiring in one place."""
        if key == "settings":
            screen.sig_language_chosen.connect(self.sig_language_requested)  # type: ignore[attr-defined]
            screen.sig_idle_lock_changed.connect(self.sig_idle_lock_changed)  # type: ignore[attr-defined]
            screen.sig_restore_requested.connect(self.sig_restore_requested)  # type: ignore[attr-defined]
        if key != "children" and hasattr(screen, "sig_open_child"):
            screen.sig_open_child.connect(self._open_child)

    def screen(self, key: str) -> Screen:
        """The screen for `key`, built on first use."""
        if key not in self.screens:
            index = self._index(key)
            screen = self.specs[index].factory(self.ctx)
            screen.setObjectName(f"screen_{key}")
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.screens[key] = screen
            self._wire_screen(key, screen)
        return self.screens[key]

    def _index(self, key: str) -> int:
        return [s.key for s in self.specs].index(key)

    def _open_child(self, child_id: str) -> None:
        self.show_screen("children")
        self.screen("children").open_child(child_id)  # type: ignore[attr-defined]

    def _changed(self, changed: Changed) -> None:
        for screen in self.screens.values():
            screen.on_changed(changed)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(_("Working…") if busy else "")
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

    def show_screen(self, key: str) -> None:
        self.nav.setCurrentRow(self._index(key))

    def current_key(self) -> str:
        return self.specs[self.stack.currentIndex()].key

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        screen = self.screen(self.specs[row].key)
        self.stack.setCurrentIndex(row)
        screen.ensure_loaded()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
