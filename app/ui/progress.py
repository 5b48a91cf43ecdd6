"""Progress and cancel for long work on the op runner's thread (workbooks, exports,
exchange packages)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import _

SHOW_AFTER_MS = 400


class ProgressTask(QObject):
    """A progress dialog fed from the worker thread. `callback(done, total)` is what the
    work calls; after the user pressed Cancel it raises `cancelled_error`, which stops
    the work (which then writes nothing: no file, and its transaction rolls back)."""

    sig_progress = Signal(int, int)
    """(done, total): work advanced; emitted on the worker thread, shown on the GUI's."""

    def __init__(self, parent: QWidget, text: str,
                 cancelled_error: Callable[[], Exception]) -> None:
        super().__init__(parent)
        self.cancelled_error = cancelled_error
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(text, _("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle(_("Kenes"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.sig_progress.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.dialog.setValue(0)

    def callback(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise self.cancelled_error()
        self.sig_progress.emit(done, total)

    def cancel(self) -> None:
        self.cancelled.set()

    def _show(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            return
        self.dialog.setMaximum(max(total, done, 1))
        self.dialog.setValue(done)

    def finish(self) -> None:
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()
