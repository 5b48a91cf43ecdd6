"""Meetings: the commission's meetings and their agendas. Planning and the live
session screen come with the meeting issue; this shows what exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.labels import label
from app.services import meetings
from app.ui.context import UiContext
from app.ui.ops import Changed
from app.ui.screen import Screen
from app.ui.table import Column, ListModel

MEETING_COLUMNS = (
    Column(N_("No."), lambda m: m.label),
    Column(N_("Date"), lambda m: m.date),
    Column(N_("Kind"), lambda m: label(m.kind)),
    Column(N_("Place"), lambda m: m.place),
    Column(N_("Status"), lambda m: label(m.status)),
)
ITEM_COLUMNS = (
    Column(N_("No."), lambda i: i.position, Qt.AlignmentFlag.AlignRight),
    Column(N_("Kind"), lambda i: label(i.kind)),
    Column(N_("Question"), lambda i: i.title),
    Column(N_("Status"), lambda i: label(i.status)),
)


class MeetingsScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.meetings = ListModel(MEETING_COLUMNS, self)
        self.items = ListModel(ITEM_COLUMNS, self)
        self.meeting_view = self._view(self.meetings, "meetingsTable", _("Meetings"))
        self.item_view = self._view(self.items, "agendaTable", _("Agenda"))
        self.meeting_view.selectionModel().currentRowChanged.connect(self._show_agenda)
        self.agenda_title = QLabel()
        self.agenda_title.setObjectName("agendaTitle")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.agenda_title)
        lower_layout.addWidget(self.item_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.meeting_view)
        splitter.addWidget(lower)
        layout.addWidget(splitter)

    def _view(self, model: ListModel, name: str, accessible: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        return view

    def reload(self) -> None:
        rows = self.ctx.runner.read(lambda s: meetings.meetings_of(s, self.ctx.commission_id))
        self.meetings.set_rows(sorted(rows, key=lambda m: m.date, reverse=True))
        self.meeting_view.resizeColumnsToContents()
        if rows:
            self.meeting_view.selectRow(0)

    def _show_agenda(self) -> None:
        index = self.meeting_view.currentIndex()
        if not index.isValid():
            self.items.set_rows([])
            return
        meeting = self.meetings.row(index)
        self.agenda_title.setText(_("Agenda of meeting {label}").format(label=meeting.label))
        self.items.set_rows(self.ctx.runner.read(lambda s: meetings.agenda(s, meeting.id)))
        self.item_view.resizeColumnsToContents()

    def on_changed(self, changed: Changed) -> None:
        if self._loaded and changed.touches("meeting", "agenda_item", "decision"):
            self.reload()
