"""Amendments: the numbered corrections of a closed meeting, which keep the original."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import N_, _, current_language
from app.services import closing, session
from app.services.session import AmendTarget
from app.ui.bilingual import LANGUAGE_NAMES, BilingualEdit, working_language
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.ops import Failure
from app.ui.table import Column, ListModel

TABLES = {"agenda_item": N_("Item"), "decision": N_("Decision"), "measure": N_("Measure")}
FIELDS = {"title": N_("Title"), "heard": N_("Heard"), "spoke": N_("Spoke"),
          "motions": N_("Motions"), "text": N_("Text"),
          "circumstances": N_("Circumstances established"),
          "rights_violations": N_("Violations of the child's rights"),
          "causes": N_("Causes and conditions"), "responsible_body": N_("Responsible body"),
          "responsible_person": N_("Responsible person")}


def part_label(field: str) -> str:
    """"Heard (Kazakh)": an amendment corrects one language of a bilingual text."""
    base, _sep, lang = field.rpartition("_")
    if lang in LANGUAGE_NAMES and base in FIELDS:
        return _("{field} ({language})").format(field=_(FIELDS[base]),
                                                language=_(LANGUAGE_NAMES[lang]))
    return _(FIELDS.get(field, field))


AMENDMENT_COLUMNS = (
    Column(N_("No."), lambda a: a.number),
    Column(N_("Record"), lambda a: _(TABLES.get(a.target_table, a.target_table))),
    Column(N_("Part"), lambda a: part_label(a.field)),
    Column(N_("New text"), lambda a: a.new_text),
    Column(N_("Reason"), lambda a: a.reason.shown(current_language())),
    Column(N_("Date"), lambda a: a.amended_on),
)


def target_text(t: AmendTarget) -> str:
    return _("Item {number}: {record}, {part} — {about}").format(
        number=t.position, record=_(TABLES[t.table]).lower(), part=part_label(t.field).lower(),
        about=t.about)


class AmendmentDialog(QDialog):
    sig_amended = Signal(object)
    """(AmendmentInfo): an amendment was recorded."""

    def __init__(self, ctx: UiContext, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.setObjectName("amendmentDialog")
        self.setWindowTitle(_("Amend the closed meeting"))
        self.model = ListModel(AMENDMENT_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("amendmentsTable")
        self.table.setAccessibleName(_("Amendments made"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.target = QComboBox()
        self.target.setObjectName("amendTarget")
        self.target.setAccessibleName(_("What to correct"))
        self.current = QPlainTextEdit()
        self.current.setObjectName("amendCurrent")
        self.current.setAccessibleName(_("The text as it stands"))
        self.current.setReadOnly(True)
        self.new_text = QPlainTextEdit()
        self.new_text.setObjectName("amendNewText")
        self.new_text.setAccessibleName(_("The corrected text"))
        self.new_text.setTabChangesFocus(True)
        self.reason = BilingualEdit(working_language(ctx))
        self.reason.setObjectName("amendReason")
        self.reason.setAccessibleName(_("Reason of the amendment"))
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(_("What to correct"), self.target)
        form.addRow(_("The text as it stands"), self.current)
        form.addRow(_("The corrected text"), self.new_text)
        form.addRow(_("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Close)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Record the amendment"))
        self.ok.setObjectName("amendButton")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption = QLabel(_("Amendments made (the original records are kept as they were "
                           "signed)"))
        caption.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(form, 2)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.targets: list[AmendTarget] = []
        self.target.currentIndexChanged.connect(self._show_current)
        self.resize(900, 640)
        self.reload()

    def reload(self) -> None:
        made, targets = self.ctx.runner.read(lambda s: (
            closing.amendments(s, self.meeting_id), session.amend_targets(s, self.meeting_id)))
        self.model.set_rows(made)
        self.table.resizeColumnsToContents()
        self.targets = targets
        self.target.blockSignals(True)
        self.target.clear()
        for t in targets:
            self.target.addItem(target_text(t))
        self.target.blockSignals(False)
        self._show_current()

    def chosen(self) -> AmendTarget | None:
        row = self.target.currentIndex()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def choose(self, table: str, target_id: str, field: str) -> None:
        for row, t in enumerate(self.targets):
            if (t.table, t.target_id, t.field) == (table, target_id, field):
                self.target.setCurrentIndex(row)
                return

    def _show_current(self) -> None:
        t = self.chosen()
        text = "" if t is None else self.ctx.runner.read(
            lambda s: closing.current_text(s, t.table, t.target_id, t.field))
        self.current.setPlainText(text or "")
        self.new_text.setPlainText(text or "")

    def submit(self) -> None:
        t = self.chosen()
        if t is None:
            return
        new_text, reason = self.new_text.toPlainText(), self.reason.value()
        self.message.setText("")
        self.ok.setEnabled(False)
        self.ctx.runner.run(
            lambda s: closing.amend(s, self.ctx.actor, self.meeting_id, target_table=t.table,
                                    target_id=t.target_id, field=t.field, new_text=new_text,
                                    reason=reason),
            on_done=self._done, on_error=self._failed, changes={"amendment"})

    def _done(self, amendment) -> None:  # type: ignore[no-untyped-def]
        self.ok.setEnabled(True)
        self.reason.setValue(None)
        self.reload()
        self.message.setStyleSheet("color: #1b5e20")
        self.message.setText(_("Amendment No. {number} recorded.").format(
            number=amendment.number))
        self.sig_amended.emit(amendment)

    def _failed(self, failure: Failure) -> None:
        self.ok.setEnabled(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(failure.error))
        if isinstance(failure.error, ValidationError):
            widget = {"new_text": self.new_text, "reason": self.reason}.get(
                failure.error.field or "")
            if widget is not None:
                widget.setFocus()
