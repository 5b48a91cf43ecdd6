"""What every form shares: date inputs, inline messages, and a dialog that saves
through one op and shows the service's error next to the field it names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.ops import Failure

DATE_FORMAT = "dd.MM.yyyy"
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"


def date_edit(value: dt.date | None = None, name: str | None = None,
              accessible: str | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value) if value else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    if name:
        edit.setObjectName(name)
    if accessible:
        edit.setAccessibleName(accessible)
    return edit


def message_label(name: str, style: str = ERROR_STYLE, *, hidden: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setVisible(not hidden)
    return label


def set_message(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


class FormDialog(QDialog):
    """A form that saves through one op: Save/Cancel, a message line for errors, and
    the focus moved to the field a ValidationError names. Subclasses add rows with
    `add_row` and implement `submit`, which calls `run`."""

    sig_saved = Signal(object)
    """(object): what the service returned."""

    def __init__(self, ctx: UiContext, title: str, name: str, parent: QWidget | None = None,
                 *, message_name: str = "dialogMessage", save_name: str = "saveButton"
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.fields: dict[str, QWidget] = {}
        self.message = message_label(message_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        self.ok_button.setObjectName(save_name)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

    def finish_layout(self, *above: QWidget, ok_text: str | None = None) -> None:
        """Put `above` (what the form is about) over the form; the message line and the
        buttons go last, after anything a subclass added under the form."""
        for index, widget in enumerate(above):
            self.layout_.insertWidget(index, widget)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        if ok_text:
            self.ok_button.setText(ok_text)

    def add_row(self, field: str, name: str, label: str, widget: QWidget,
                shown: QWidget | None = None) -> QWidget:
        widget.setObjectName(name)
        widget.setAccessibleName(label)
        self.fields[field] = widget
        self.form.addRow(label, shown or widget)
        return widget

    def submit(self) -> None:
        raise NotImplementedError

    def run(self, work: Callable[[Any], Any], changes: Iterable[str]) -> None:
        self.message.setText("")
        self.ok_button.setEnabled(False)
        self.ctx.runner.run(work, on_done=self._done, on_error=self._failed, changes=changes)

    def _done(self, result: object) -> None:
        self.ok_button.setEnabled(True)
        self.sig_saved.emit(result)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(error_text(failure.error))
        if isinstance(failure.error, ValidationError) and failure.error.field in self.fields:
            self.fields[failure.error.field].setFocus()
