"""The session's small dialogs: a reason of absence, a dissenting opinion, postponing,
closing the meeting. Each opens window-modal and reports through `accepted`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.meetings import MeetingInfo


class _Dialog(QDialog):
    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("okButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self, ok_text: str) -> None:
        self.ok.setText(ok_text)
        self.layout_.addWidget(self.buttons)


class AbsenceNoteDialog(_Dialog):
    def __init__(self, member: str, parent: QWidget | None = None) -> None:
        super().__init__("absenceNoteDialog", _("Absent for another reason"), parent)
        self.note = QLineEdit()
        self.note.setObjectName("absenceNote")
        self.note.setAccessibleName(_("Reason"))
        self.form.addRow(QLabel(member))
        self.form.addRow(_("Reason"), self.note)
        self.finish(_("Mark absent"))


class DissentDialog(_Dialog):
    def __init__(self, member: str, parent: QWidget | None = None) -> None:
        super().__init__("dissentDialog", _("Dissenting opinion"), parent)
        self.text = QPlainTextEdit()
        self.text.setObjectName("dissentText")
        self.text.setAccessibleName(_("Dissenting opinion"))
        self.text.setTabChangesFocus(True)
        self.form.addRow(QLabel(_("Dissenting opinion of {name}").format(name=member)))
        self.form.addRow(self.text)
        self.finish(_("Record"))
        self.resize(620, 300)


class PostponeDialog(_Dialog):
    def __init__(self, later: list[MeetingInfo], parent: QWidget | None = None) -> None:
        super().__init__("postponeDialog", _("Postpone the item"), parent)
        self.target = QComboBox()
        self.target.setObjectName("postponeTarget")
        self.target.setAccessibleName(_("Postpone to"))
        for m in later:
            self.target.addItem(_("Meeting {label} of {date}").format(
                label=m.label, date=f"{m.date:%d.%m.%Y}"), m.id)
        self.target.addItem(_("A later meeting, not yet planned"), None)
        self.form.addRow(_("Postpone to"), self.target)
        self.finish(_("Postpone"))

    def target_id(self) -> str | None:
        return self.target.currentData()


class CloseDialog(_Dialog):
    def __init__(self, starts_at: dt.time | None, parent: QWidget | None = None) -> None:
        super().__init__("closeDialog", _("Close the meeting"), parent)
        explain = QLabel(_("Closing checks that every item is decided or postponed and that "
                           "the votes add up, then locks the meeting: later corrections "
                           "are made by numbered amendments."))
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.ends_at = QTimeEdit(QTime.currentTime())
        self.ends_at.setObjectName("endsAt")
        self.ends_at.setDisplayFormat("HH:mm")
        self.ends_at.setAccessibleName(_("The meeting ended at"))
        if starts_at is not None and QTime.currentTime().toPython() <= starts_at:
            self.ends_at.setTime(QTime(starts_at.hour, starts_at.minute).addSecs(3600))
        self.form.addRow(_("The meeting ended at"), self.ends_at)
        self.finish(_("Close the meeting"))

    def end_time(self) -> dt.time:
        value = self.ends_at.time().toPython()
        return value.replace(second=0, microsecond=0)
