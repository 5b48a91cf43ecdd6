"""Approving a new composition: the act (issuing body, number, dates) and its members,
prefilled from the current composition so that a renewal changes only what changes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.bilingual import Bilingual, other_language
from app.errors import ValidationError
from app.i18n import N_, _, current_language
from app.labels import label
from app.models.enums import CatalogKind, MemberRole
from app.services import catalogs, commissions
from app.services.commissions import ActInfo, MemberInfo, MemberInput
from app.services.context import today
from app.ui.bilingual import LANGUAGE_NAMES, BilingualEdit, working_language
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE, date_edit
from app.ui.ops import Failure

# The position in the working language, then in the other one (a second column, DOMAIN.md
# "Languages of the record").
NAME, POSITION, POSITION_OTHER, ORGANISATION, ROLE_COLUMN = range(5)
HEADERS = (N_("Full name"), N_("Position"), N_("Position"), N_("Organisation kind"),
           N_("Role"))
NAME_WIDTH, ORGANISATION_WIDTH = 300, 320


class ElidingComboBox(QComboBox):
    """A combo box that elides its current text when narrower than it (a table cell),
    instead of cutting it off mid-letter; the full text is in the tooltip."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(0, field.width() - 4))
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class ActDialog(QDialog):
    sig_approved = Signal(object)
    """(ActInfo): the new composition was approved."""

    def __init__(self, ctx: UiContext, members: Sequence[MemberInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("actDialog")
        self.setWindowTitle(_("Approve a new composition"))
        lang = current_language()
        self.working = working_language(ctx)
        self.languages = (self.working, other_language(self.working))
        entries = ctx.runner.read(lambda s: catalogs.entries(
            s, CatalogKind.ORGANISATION_KIND, include_inactive=True))
        self._kinds = [(e.id, e.name(lang)) for e in entries if e.active]
        self._all_kinds = {e.id: e.name(lang) for e in entries}

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.issuing_body = BilingualEdit(self.working)
        self.number = QLineEdit()
        self.act_date = date_edit(today())
        self.effective_from = date_edit(today())
        for name, widget, title in (
                ("issuingBody", self.issuing_body, _("Issued by")),
                ("actNumber", self.number, _("Act No.")),
                ("actDate", self.act_date, _("Act date")),
                ("effectiveFrom", self.effective_from, _("In force from"))):
            widget.setObjectName(name)
            widget.setAccessibleName(title)
            form.addRow(title, widget)
        self.issuing_body.editor().setPlaceholderText(
            _("e.g. Akimat of the district, resolution"))
        layout.addLayout(form)

        members_title = QLabel(_("Members"))
        members_title.setStyleSheet("font-weight: bold")
        layout.addWidget(members_title)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("actMembers")
        self.table.setAccessibleName(_("Members"))
        headers = [_(h) for h in HEADERS]
        for column, language in zip((POSITION, POSITION_OTHER), self.languages, strict=True):
            headers[column] = _("{field} ({language})").format(
                field=headers[column], language=_(LANGUAGE_NAMES[language]))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.verticalHeader().defaultSectionSize() + 6)  # room for the combos
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(POSITION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(POSITION_OTHER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(NAME, NAME_WIDTH)
        self.table.setColumnWidth(ORGANISATION, ORGANISATION_WIDTH)
        layout.addWidget(self.table, 1)

        row_buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add member"))
        self.add_button.setObjectName("addMember")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button = QPushButton(_("Remove member"))
        self.remove_button.setObjectName("removeMember")
        self.remove_button.clicked.connect(self.remove_member)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setObjectName("moveMemberUp")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setObjectName("moveMemberDown")
        self.down_button.clicked.connect(lambda: self._move(1))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)

        self.message = QLabel()
        self.message.setObjectName("actMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Approve"))
        self.ok_button.setObjectName("approveAct")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for m in members:
            self.add_member(m.full_name, m.position, m.organisation_kind_id, m.role)
        self.resize(1180, 660)

    # -- the members table -------------------------------------------------------------
    def add_member(self, full_name: str = "", position: Bilingual | None = None,
                   organisation_kind_id: str | None = None,
                   role: MemberRole = MemberRole.MEMBER) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._set_row(row, (full_name, position or Bilingual(), organisation_kind_id, role))
        if not full_name:
            self.table.setCurrentCell(row, NAME)
            self.table.scrollToItem(self.table.item(row, NAME))
        return row

    def remove_member(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        mine, theirs = self.row_values(row), self.row_values(other)
        self._set_row(row, theirs)
        self._set_row(other, mine)
        self.table.setCurrentCell(other, self.table.currentColumn())

    def _set_row(self, row: int, values: tuple[str, Bilingual, str | None, MemberRole]
                 ) -> None:
        full_name, position, kind_id, role = values
        working, other = self.languages
        for column, text in ((NAME, full_name), (POSITION, position.get(working) or ""),
                             (POSITION_OTHER, position.get(other) or "")):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        kinds = ElidingComboBox()
        kinds.setObjectName(f"memberOrganisation{row}")
        kinds.setAccessibleName(_("Organisation kind"))
        kinds.addItem("", None)
        for kid, name in self._kinds:
            kinds.addItem(name, kid)
        if kind_id and kinds.findData(kind_id) < 0:  # an entry since made inactive
            kinds.addItem(self._all_kinds.get(kind_id, "?"), kind_id)
        kinds.setCurrentIndex(max(0, kinds.findData(kind_id)) if kind_id else 0)
        kinds.setToolTip(kinds.currentText())
        kinds.currentTextChanged.connect(kinds.setToolTip)
        kinds.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        kinds.setMinimumContentsLength(12)
        roles = QComboBox()
        roles.setObjectName(f"memberRole{row}")
        roles.setAccessibleName(_("Role"))
        for value in MemberRole:
            roles.addItem(label(value), value.value)
        roles.setCurrentIndex(roles.findData(MemberRole(role).value))
        self.table.setCellWidget(row, ORGANISATION, kinds)
        self.table.setCellWidget(row, ROLE_COLUMN, roles)

    def row_values(self, row: int) -> tuple[str, Bilingual, str | None, MemberRole]:
        def text(column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        kinds = self.table.cellWidget(row, ORGANISATION)
        roles = self.table.cellWidget(row, ROLE_COLUMN)
        working, other = self.languages
        position = Bilingual(**{working: text(POSITION).strip(), other: text(POSITION_OTHER).strip()})
        return (text(NAME), position, kinds.currentData(),
                MemberRole(roles.currentData()))

    def organisation_combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, ORGANISATION)  # type: ignore[return-value]

    def role_combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, ROLE_COLUMN)  # type: ignore[return-value]

    # -- approving ----------------------------------------------------------------------
    def _members(self) -> list[MemberInput] | None:
        """The filled-in rows; None (with the row pointed out) when one is half filled."""
        members = []
        for row in range(self.table.rowCount()):
            full_name, position, kind_id, role = self.row_values(row)
            if not full_name.strip() and not position and kind_id is None:
                continue  # an empty row left over: ignored
            for column, missing in ((NAME, not full_name.strip()),
                                    (POSITION, not position),
                                    (ORGANISATION, kind_id is None)):
                if missing:
                    self._show_error(_("Row {row}: fill in the full name, the position and "
                                       "the organisation kind.").format(row=row + 1))
                    self.table.setCurrentCell(row, column)
                    self.table.setFocus()
                    return None
            members.append(MemberInput(full_name, position, kind_id, role))
        return members

    def submit(self) -> None:
        self.message.setText("")
        members = self._members()
        if members is None:
            return
        values = dict(issuing_body=self.issuing_body.value(), number=self.number.text(),
                      act_date=self.act_date.date().toPython(),
                      effective_from=self.effective_from.date().toPython(), members=members)
        actor, cid = self.ctx.actor, self.ctx.commission_id
        self.ok_button.setEnabled(False)
        self.ctx.runner.run(
            lambda s: commissions.approve_composition(s, actor, cid, **values),
            on_done=self._done, on_error=self._failed,
            changes={"composition_act", "membership"})

    def _done(self, act: ActInfo) -> None:
        self.ok_button.setEnabled(True)
        self.sig_approved.emit(act)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.ok_button.setEnabled(True)
        self._show_error(error_text(failure.error))
        field = getattr(failure.error, "field", None) if isinstance(
            failure.error, ValidationError) else None
        widget = {"issuing_body": self.issuing_body, "number": self.number,
                  "act_date": self.act_date, "effective_from": self.effective_from}.get(
            field or "", self.table if field else None)
        if widget is not None:
            widget.setFocus()

    def _show_error(self, text: str) -> None:
        self.message.setText(text)

