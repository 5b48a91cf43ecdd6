"""The one error dialog: a plain message for people, copyable details for support."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import KenesError
from app.i18n import _
from app.ui.ops import Failure


def error_text(error: BaseException) -> str:
    if isinstance(error, KenesError):
        return error.user_message()
    return _("Something went wrong. The details were written to the log; "
             "please send them to your administrator.")


def show_failure(parent: QWidget | None, failure: Failure) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Kenes"))
    box.setText(error_text(failure.error))
    if not isinstance(failure.error, KenesError):
        box.setDetailedText(failure.details)  # the user can copy it; no personal data
    box.setObjectName("errorDialog")
    box.open()  # window-modal, non-blocking: tests can read and close it
