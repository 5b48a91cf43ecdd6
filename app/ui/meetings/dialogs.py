"""Planning dialogs: a new meeting, a child's case for the agenda, a general or
organisational question, the persons invited to an item. Each saves through one op and
shows the service's message in the dialog, next to the input at fault."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.bilingual import Bilingual
from app.errors import ValidationError
from app.i18n import _, current_language
from app.labels import label
from app.models.enums import InviteeRole, MeetingKind
from app.services import meetings, planning
from app.services.meetings import ItemInfo
from app.services.planning import InviteeSuggestion
from app.ui.bilingual import BilingualEdit, working_language
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import DATE_FORMAT, FormDialog
from app.ui.meetings.models import INVITEE_COLUMNS, case_columns
from app.ui.ops import Failure
from app.ui.table import ListModel

SEARCH_DELAY_MS = 250


class _Dialog(FormDialog):
    """The meetings' forms: the shared FormDialog, with their object names."""

    def __init__(self, ctx: UiContext, name: str, title: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ctx, title, name, parent, save_name="okButton")

    def finish(self, ok_text: str) -> None:
        self.finish_layout(ok_text=ok_text)


class PlanMeetingDialog(_Dialog):
    def __init__(self, ctx: UiContext, *, place: Bilingual | None = None,
                 on: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "planMeetingDialog", _("Plan a meeting"), parent)
        self.date = QDateEdit(QDate(on or dt.date.today() + dt.timedelta(days=7)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.place = BilingualEdit(working_language(ctx), max_length=500)
        self.place.setValue(place)
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(label(kind), kind.value)
        self.starts_at = QTimeEdit(QTime(10, 0))
        self.starts_at.setDisplayFormat("HH:mm")
        self.add_row("date", "meetingDate", _("Date"), self.date)
        self.add_row("place", "meetingPlace", _("Place"), self.place)
        self.add_row("kind", "meetingKind", _("Type"), self.kind)
        self.add_row("starts_at", "meetingStartsAt", _("Starts at"), self.starts_at)
        self.finish(_("Plan"))
        self.resize(560, 260)

    def submit(self) -> None:
        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        values = dict(date=self.date.date().toPython(), place=self.place.value(),
                      kind=MeetingKind(self.kind.currentData()),
                      starts_at=self.starts_at.time().toPython().replace(second=0))
        self.run(lambda s: meetings.plan_meeting(s, actor, commission_id, **values),
                 changes={"meeting"})


class QuestionDialog(_Dialog):
    """A general question (a body reports) or an organisational one."""

    def __init__(self, ctx: UiContext, meeting_id: str, *, general: bool,
                 parent: QWidget | None = None) -> None:
        title = _("Add a general question") if general else _("Add an organisational question")
        super().__init__(ctx, "questionDialog", title, parent)
        self.meeting_id, self.general = meeting_id, general
        self.title = BilingualEdit(working_language(ctx), max_length=1000)
        self.add_row("title", "questionTitle", _("Question"), self.title)
        self.reporter = QLineEdit()
        if general:
            self.add_row("reporter", "questionReporter", _("Who reports"), self.reporter)
        self.finish(_("Add to the agenda"))
        self.resize(680, 200)

    def submit(self) -> None:
        actor, mid, title, reporter = (self.ctx.actor, self.meeting_id, self.title.value(),
                                       self.reporter.text())
        if self.general:
            work = lambda s: meetings.add_general_item(  # noqa: E731
                s, actor, mid, title=title, reporter=reporter)
        else:
            work = lambda s: meetings.add_organisational_item(  # noqa: E731
                s, actor, mid, title=title)
        self.run(work, changes={"agenda_item"})


class AddCaseDialog(_Dialog):
    """Open cases of the commission, searched by the child's name or the case number;
    the selected ones (several with Ctrl or Shift) go on the agenda."""

    def __init__(self, ctx: UiContext, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "addCaseDialog", _("Add a child's case"), parent)
        self.meeting_id = meeting_id
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Surname, name, IIN or case number"))
        self.add_row("search", "caseSearch", _("Find"), self.search)
        self.model = ListModel(case_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setAccessibleName(_("Open cases"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.submit())
        self.layout_.addWidget(self.table, 1)
        self.finish(_("Add to the agenda"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.resize(1000, 560)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        term, mid = self.search.text(), self.meeting_id
        self.model.set_rows(self.ctx.runner.read(
            lambda s: planning.open_cases_for(s, mid, search=term)))
        self.table.resizeColumnsToContents()
        if self.model.rows:
            self.table.selectRow(0)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].case_id for r in rows]

    def submit(self) -> None:
        ids, actor, mid = self.selected_ids(), self.ctx.actor, self.meeting_id
        if not ids:
            self.message.setText(_("Choose a case in the list."))
            return
        self.run(lambda s: [meetings.add_child_case_item(s, actor, mid, case_id)
                            for case_id in ids], changes={"agenda_item"})


class InviteesDialog(QDialog):
    """Who is invited to one item: the child and the legal representatives (from the
    child's card) and the school are proposed; anyone else is added by hand."""

    sig_invited = Signal()
    """(): someone was invited."""

    def __init__(self, ctx: UiContext, item: ItemInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setObjectName("inviteesDialog")
        self.setWindowTitle(_("Invited to item {number}").format(number=item.position))
        self.model = ListModel(INVITEE_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("inviteesTable")
        self.table.setAccessibleName(_("Invited persons"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.suggested = QListWidget()
        self.suggested.setObjectName("suggestedInvitees")
        self.suggested.setAccessibleName(_("Proposed from the child's card"))
        self.invite_ticked = QPushButton(_("Invite the ticked persons"))
        self.invite_ticked.setObjectName("inviteSuggestedButton")
        self.name = QLineEdit()
        self.name.setObjectName("inviteeName")
        self.name.setAccessibleName(_("Full name"))
        self.role = QComboBox()
        self.role.setObjectName("inviteeRole")
        self.role.setAccessibleName(_("Role"))
        for role in InviteeRole:
            self.role.addItem(label(role), role.value)
        self.organisation = BilingualEdit(working_language(ctx))
        self.organisation.setObjectName("inviteeOrganisation")
        self.organisation.setAccessibleName(_("Organisation"))
        self.invite_button = QPushButton(_("Invite"))
        self.invite_button.setObjectName("inviteButton")
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(_("Full name"), self.name)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Organisation"), self.organisation)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.invite_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel(item.title.shown(current_language()))
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        layout.addWidget(QLabel(_("Invited")))
        layout.addWidget(self.table, 1)
        self.suggested_caption = QLabel(_("Proposed from the child's card"))
        layout.addWidget(self.suggested_caption)
        layout.addWidget(self.suggested)
        layout.addWidget(self.invite_ticked)
        layout.addWidget(QLabel(_("Someone else")))
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.invite_ticked.clicked.connect(self._invite_suggested)
        self.invite_button.clicked.connect(self._invite_other)
        self.name.returnPressed.connect(self._invite_other)
        self.suggestions: list[InviteeSuggestion] = []
        self.resize(760, 620)
        self.reload()

    def reload(self) -> None:
        item = self.item
        invited, suggestions = self.ctx.runner.read(lambda s: (
            [p for p in meetings.invitees(s, item.meeting_id) if p.agenda_item_id == item.id],
            planning.suggested_invitees(s, item.id)))
        self.model.set_rows(invited)
        self.table.resizeColumnsToContents()
        self.suggestions = suggestions
        self.suggested.clear()
        for sug in suggestions:
            entry = QListWidgetItem(f"{sug.full_name} — {label(sug.role)}")
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.suggested.addItem(entry)
        for widget in (self.suggested, self.invite_ticked, self.suggested_caption):
            widget.setVisible(bool(suggestions))

    def _invite(self, people: list[tuple[str, InviteeRole, Bilingual | None]]) -> None:
        actor, item = self.ctx.actor, self.item
        self.message.setText("")

        def work(s):  # type: ignore[no-untyped-def]
            return [meetings.invite(s, actor, item.meeting_id, full_name=name, role=role,
                                    item_id=item.id, organisation=org)
                    for name, role, org in people]

        self.ctx.runner.run(work, on_done=self._done, on_error=self._failed,
                            changes={"invited_person"})

    def _invite_suggested(self) -> None:
        ticked = [s for n, s in enumerate(self.suggestions)
                  if self.suggested.item(n).checkState() == Qt.CheckState.Checked]
        if ticked:
            self._invite([(s.full_name, s.role, s.organisation) for s in ticked])

    def _invite_other(self) -> None:
        self._invite([(self.name.text(), InviteeRole(self.role.currentData()),
                       self.organisation.value())])

    def _done(self, _result: object) -> None:
        self.name.clear()
        self.organisation.setValue(None)
        self.reload()
        self.sig_invited.emit()

    def _failed(self, failure: Failure) -> None:
        self.message.setText(error_text(failure.error))
        if isinstance(failure.error, ValidationError) and failure.error.field == "full_name":
            self.name.setFocus()
