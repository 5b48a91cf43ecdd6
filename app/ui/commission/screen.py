"""Commission: the composition in force on any date, its act and quorum, the history of
acts, and approving a new composition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import N_, _, current_language
from app.labels import label
from app.models.enums import CatalogKind
from app.services import catalogs, commissions
from app.services.commissions import ActInfo, QuorumInfo
from app.services.context import today
from app.ui.commission.act_dialog import ActDialog
from app.ui.commission.labels import QUORUM
from app.ui.context import UiContext
from app.ui.forms import DATE_FORMAT
from app.ui.ops import Changed
from app.ui.screen import Screen
from app.ui.table import Column, ListModel, table_view


@dataclass(frozen=True, slots=True)
class MemberRow:
    number: int
    full_name: str
    position: str
    organisation: str
    role: str


MEMBER_COLUMNS = (
    Column(N_("No."), lambda m: m.number, Qt.AlignmentFlag.AlignRight),
    Column(N_("Full name"), lambda m: m.full_name),
    Column(N_("Position"), lambda m: m.position),
    Column(N_("Organisation kind"), lambda m: m.organisation),
    Column(N_("Role"), lambda m: m.role),
)
ACT_COLUMNS = (
    Column(N_("Act No."), lambda a: a.number),
    Column(N_("Act date"), lambda a: a.act_date),
    Column(N_("In force from"), lambda a: a.effective_from),
    Column(N_("Number of members"), lambda a: len(a.members), Qt.AlignmentFlag.AlignRight),
    Column(N_("Issued by"), lambda a: a.issuing_body.shown(current_language())),
)
POSITION, ORGANISATION = 2, 3  # position takes the room left; long text elides (tooltip)
ORGANISATION_MAX = 300


def act_text(act: ActInfo) -> str:
    return _("Act No. {number} of {date}, {body}; in force from {start}").format(
        number=act.number, date=f"{act.act_date:%d.%m.%Y}",
        body=act.issuing_body.shown(current_language()),
        start=f"{act.effective_from:%d.%m.%Y}")


def quorum_text(q: QuorumInfo) -> str:
    return _("Quorum: at least {required} of {members} members present ({rule})").format(
        required=q.required, members=q.members_in_force, rule=_(QUORUM[q.rule]).lower())


class CommissionScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.act_dialog: ActDialog | None = None
        self._acts: list[ActInfo] = []
        self._org_names: dict[str, str] = {}
        self._syncing = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        date_label = QLabel(_("Composition on"))
        self.date_edit = QDateEdit(QDate(today()))
        self.date_edit.setObjectName("compositionDate")
        self.date_edit.setAccessibleName(_("Composition on"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        date_label.setBuddy(self.date_edit)
        self.today_button = QPushButton(_("Today"))
        self.today_button.setObjectName("compositionToday")
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate(today())))
        self.approve_button = QPushButton(_("Approve a new composition…"))
        self.approve_button.setObjectName("approveComposition")
        self.approve_button.setShortcut(QKeySequence("Ctrl+N"))
        self.approve_button.setToolTip(_("Approve a new composition") + " (Ctrl+N)")
        self.approve_button.clicked.connect(self.open_act_dialog)
        self.approve_button.setVisible(allows(ctx.actor.role, Permission.MANAGE_COMPOSITION))
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.today_button)
        top.addStretch(1)
        layout.addLayout(top)

        self.act_label = QLabel()
        self.act_label.setObjectName("actInForce")
        self.act_label.setWordWrap(True)
        self.act_label.setStyleSheet("font-weight: bold")
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        layout.addWidget(self.act_label)
        layout.addWidget(self.quorum_label)

        self.members = ListModel(MEMBER_COLUMNS, self)
        self.member_view = table_view(self.members, "membersTable", _("Members"))
        header = self.member_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(MEMBER_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(POSITION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Interactive)
        self.acts = ListModel(ACT_COLUMNS, self)
        self.act_view = table_view(self.acts, "actsTable", _("History of acts"))
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_title = QLabel(_("History of acts"))
        history_title.setStyleSheet("font-weight: bold")
        title_row = QHBoxLayout()
        title_row.addWidget(history_title)
        title_row.addStretch(1)
        title_row.addWidget(self.approve_button)
        history_layout.addLayout(title_row)
        history_layout.addWidget(self.act_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.member_view)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.date_edit.dateChanged.connect(self._date_changed)
        self.act_view.selectionModel().currentRowChanged.connect(self._act_selected)
        self.setTabOrder(self.date_edit, self.today_button)
        self.setTabOrder(self.today_button, self.member_view)
        self.setTabOrder(self.member_view, self.approve_button)
        self.setTabOrder(self.approve_button, self.act_view)

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        lang = current_language()
        cid = self.ctx.commission_id

        def load(s):  # type: ignore[no-untyped-def]
            kinds = catalogs.entries(s, CatalogKind.ORGANISATION_KIND, include_inactive=True)
            return {k.id: k.name(lang) for k in kinds}, commissions.acts(s, cid)

        self._org_names, self._acts = self.ctx.runner.read(load)
        self._syncing = True
        self.acts.set_rows(self._acts)
        self._syncing = False
        self.act_view.resizeColumnsToContents()
        self._show_date(self.date_edit.date().toPython())

    def on_changed(self, changed: Changed) -> None:
        if self._loaded and changed.touches("composition_act", "membership", "commission",
                                            "catalog_item"):
            self.reload()

    def shown_date(self) -> dt.date:
        return self.date_edit.date().toPython()

    def _date_changed(self, date: QDate) -> None:
        if not self._syncing and self._loaded:
            self._show_date(date.toPython())

    def _show_date(self, on: dt.date) -> None:
        cid = self.ctx.commission_id
        act, quorum = self.ctx.runner.read(
            lambda s: (commissions.act_in_force(s, cid, on), commissions.quorum_on(s, cid, on)))
        self._show_act(act, quorum)
        row = next((i for i, a in enumerate(self._acts) if act and a.id == act.id), None)
        self._syncing = True
        if row is None:
            self.act_view.clearSelection()
            self.act_view.setCurrentIndex(QModelIndex())
        else:
            self.act_view.selectRow(row)
        self._syncing = False

    def _act_selected(self) -> None:
        """A row of the history: show that act, as of the day it took effect."""
        if self._syncing:
            return
        index = self.act_view.currentIndex()
        if not index.isValid():
            return
        act = self.acts.row(index)
        cid = self.ctx.commission_id
        quorum = self.ctx.runner.read(
            lambda s: commissions.quorum_on(s, cid, act.effective_from))
        self._syncing = True
        self.date_edit.setDate(QDate(act.effective_from))
        self._syncing = False
        self._show_act(act, quorum)

    def _show_act(self, act: ActInfo | None, quorum: QuorumInfo) -> None:
        if act is None:
            self.act_label.setText(_("No composition is in force on this date."))
            self.quorum_label.setText("")
            self.members.set_rows([])
            return
        self.act_label.setText(act_text(act))
        self.quorum_label.setText(quorum_text(quorum))
        self.members.set_rows([
            MemberRow(n, m.full_name, m.position.shown(current_language()), self._org_names.get(m.organisation_kind_id, ""),
                      label(m.role)) for n, m in enumerate(act.members, start=1)])
        self.member_view.resizeColumnToContents(ORGANISATION)
        if self.member_view.columnWidth(ORGANISATION) > ORGANISATION_MAX:
            self.member_view.setColumnWidth(ORGANISATION, ORGANISATION_MAX)

    # -- approving a new composition --------------------------------------------------
    def open_act_dialog(self) -> ActDialog:
        """Open the dialog, prefilled from the latest act so a renewal changes only what
        changes."""
        base = self._acts[0].members if self._acts else ()
        self.act_dialog = ActDialog(self.ctx, base, self)
        self.act_dialog.sig_approved.connect(self._approved)
        self.act_dialog.open()
        return self.act_dialog

    def _approved(self, act: ActInfo) -> None:
        # Show the new composition from the day it takes effect; the change signal that
        # follows reloads the history (and with it this date).
        self._syncing = True
        self.date_edit.setDate(QDate(act.effective_from))
        self._syncing = False
