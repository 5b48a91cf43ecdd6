"""Meetings: the commission's meetings, planning one and building its agenda (children's
cases, general and organisational questions, the control items proposed for due
measures; reordered by drag and drop or Ctrl+Up/Down; persons invited per item), and
opening the live session (app/ui/session)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.enums import MeetingStatus
from app.services import meetings
from app.services.meetings import ItemInfo, MeetingInfo
from app.ui.context import UiContext
from app.ui.meetings.dialogs import AddCaseDialog, InviteesDialog, PlanMeetingDialog, QuestionDialog
from app.ui.meetings.models import MEETING_COLUMNS, AgendaModel
from app.ui.ops import Changed
from app.ui.screen import Screen
from app.ui.table import ListModel, table_view


class AgendaView(QTableView):
    """Ctrl+Up / Ctrl+Down move the current item; dragging moves it too."""

    def __init__(self, move: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.move = move

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move(-1 if event.key() == Qt.Key.Key_Up else +1)
            event.accept()
            return
        super().keyPressEvent(event)


class MeetingsScreen(Screen):
    sig_session_opened = Signal(str)
    """(meeting_id): the live session of a meeting was opened in its own window."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session_window = None  # app.ui.session.window.SessionWindow, once opened
        self.dialog = None  # the dialog open now (tests find it here)
        self.meetings = ListModel(MEETING_COLUMNS, self)
        self.items = AgendaModel(self.move_to, self)
        self.meeting_view = QTableView()
        self._setup(self.meeting_view, self.meetings, "meetingsTable", _("Meetings"))
        self.item_view = AgendaView(self.move_by)
        self._setup(self.item_view, self.items, "agendaTable", _("Agenda"))
        self.item_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.item_view.setDragEnabled(True)
        self.item_view.setAcceptDrops(True)
        self.item_view.setDropIndicatorShown(True)
        self.item_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.meeting_view.selectionModel().currentRowChanged.connect(self._show_agenda)

        self.plan_button = self._button("planButton", _("Plan a meeting…"), "Ctrl+N",
                                        self.ask_plan)
        self.session_button = self._button("sessionButton", _("Start the session"), "F5",
                                           self.open_session)
        self.amend_button = self._button("amendButton", _("Amendments…"), None,
                                         self.open_amendments)
        self.documents_button = self._button("documentsButton", _("Documents…"), "Ctrl+D",
                                             self.open_documents)
        self.case_button = self._button("addCaseButton", _("Child's case…"), "Ctrl+Shift+K",
                                        self.ask_case)
        self.general_button = self._button("addGeneralButton", _("General question…"),
                                           "Ctrl+Shift+G", lambda: self.ask_question(True))
        self.org_button = self._button("addOrganisationalButton",
                                       _("Organisational question…"), "Ctrl+Shift+O",
                                       lambda: self.ask_question(False))
        self.control_button = self._button("proposeControlButton",
                                           _("Propose control items"), "Ctrl+Shift+M",
                                           self.propose_control)
        self.invite_button = self._button("inviteesButton", _("Invited persons…"), "Ctrl+I",
                                          self.ask_invitees)
        self.up_button = self._button("moveUpButton", _("Move up"), None,
                                      lambda: self.move_by(-1))
        self.down_button = self._button("moveDownButton", _("Move down"), None,
                                        lambda: self.move_by(+1))
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button.setToolTip("Ctrl+Down")

        top = QHBoxLayout()
        for button in (self.plan_button, self.session_button, self.amend_button,
                       self.documents_button):
            top.addWidget(button)
        top.addStretch(1)
        self.agenda_title = QLabel()
        self.agenda_title.setObjectName("agendaTitle")
        builder = QGridLayout()
        for n, button in enumerate((self.case_button, self.general_button, self.org_button,
                                    self.control_button, self.invite_button, self.up_button,
                                    self.down_button)):
            builder.addWidget(button, n // 4, n % 4)
        self.agenda_hint = QLabel(_("Drag an item, or press Ctrl+Up / Ctrl+Down, to change "
                                    "the order."))
        self.agenda_hint.setObjectName("agendaHint")
        self.agenda_hint.setWordWrap(True)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.meeting_view)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.agenda_title)
        lower_layout.addLayout(builder)
        lower_layout.addWidget(self.item_view, 1)
        lower_layout.addWidget(self.agenda_hint)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([260, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    def _setup(self, view: QTableView, model: ListModel, name: str, accessible: str) -> None:
        table_view(model, name, accessible, view)

    def _button(self, name: str, text: str, shortcut: str | None, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: slot())
        if shortcut:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False: button.isEnabled() and slot())
            self.addAction(action)
            button.setToolTip(shortcut)
        return button

    # -- what is selected --------------------------------------------------------------------
    def current_meeting(self) -> MeetingInfo | None:
        index = self.meeting_view.currentIndex()
        return self.meetings.row(index) if index.isValid() else None

    def current_item(self) -> ItemInfo | None:
        index = self.item_view.currentIndex()
        return self.items.row(index) if index.isValid() else None

    def select_meeting(self, meeting_id: str) -> None:
        for row, m in enumerate(self.meetings.rows):
            if m.id == meeting_id:
                self.meeting_view.selectRow(row)
                return

    def select_item(self, item_id: str) -> None:
        for row, i in enumerate(self.items.rows):
            if i.id == item_id:
                self.item_view.selectRow(row)
                return

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.current_meeting()
        rows = self.ctx.runner.read(lambda s: meetings.meetings_of(s, self.ctx.commission_id))
        self.meetings.set_rows(sorted(rows, key=lambda m: (m.date, m.number), reverse=True))
        self.meeting_view.resizeColumnsToContents()
        if keep is not None and any(m.id == keep.id for m in rows):
            self.select_meeting(keep.id)
        elif rows:
            # The meeting to work on: the next one still open, else the latest.
            open_ = [m for m in self.meetings.rows if m.status is not MeetingStatus.CLOSED]
            self.select_meeting((open_[-1] if open_ else self.meetings.rows[0]).id)
        self._show_agenda()

    def _show_agenda(self) -> None:
        meeting = self.current_meeting()
        keep = self.current_item()
        if meeting is None:
            self.items.set_rows([])
            self.agenda_title.setText("")
        else:
            self.agenda_title.setText(_("Agenda of meeting {label}").format(
                label=meeting.label))
            self.items.set_rows(self.ctx.runner.read(
                lambda s: meetings.agenda(s, meeting.id)))
            self.item_view.resizeColumnsToContents()
            if keep is not None:
                self.select_item(keep.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        meeting = self.current_meeting()
        editable = meeting is not None and meeting.status is not MeetingStatus.CLOSED
        self.items.movable = editable
        for button in (self.case_button, self.general_button, self.org_button,
                       self.control_button, self.invite_button, self.up_button,
                       self.down_button):
            button.setEnabled(editable)
        self.session_button.setEnabled(meeting is not None)
        self.documents_button.setEnabled(meeting is not None)
        self.amend_button.setEnabled(meeting is not None
                                     and meeting.status is MeetingStatus.CLOSED)
        self.session_button.setText({
            None: _("Start the session"), MeetingStatus.PLANNED: _("Start the session"),
            MeetingStatus.IN_PROGRESS: _("Resume the session"),
            MeetingStatus.CLOSED: _("View the meeting"),
        }[meeting.status if meeting else None])

    def on_changed(self, changed: Changed) -> None:
        if self._loaded and changed.touches("meeting", "agenda_item", "decision"):
            self.reload()

    # -- planning ----------------------------------------------------------------------------------
    def _open(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialog = dialog
        dialog.open()

    def ask_plan(self) -> None:
        latest = self.meetings.rows[0] if self.meetings.rows else None
        dialog = PlanMeetingDialog(self.ctx, place=latest.place if latest else None,
                                   parent=self)
        dialog.sig_saved.connect(lambda m: (self.reload(), self.select_meeting(m.id)))
        self._open(dialog)

    def ask_case(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self._open(AddCaseDialog(self.ctx, meeting.id, self))

    def ask_question(self, general: bool) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self._open(QuestionDialog(self.ctx, meeting.id, general=general, parent=self))

    def propose_control(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            actor = self.ctx.actor
            self.ctx.runner.run(lambda s: meetings.build_agenda(s, actor, meeting.id),
                                changes={"agenda_item"})

    def ask_invitees(self) -> None:
        item = self.current_item()
        if item is not None:
            self._open(InviteesDialog(self.ctx, item, self))

    def move_by(self, step: int) -> None:
        item = self.current_item()
        if item is not None and 1 <= item.position + step <= len(self.items.rows):
            self.move_to(item.id, item.position + step)

    def move_to(self, item_id: str, position: int) -> None:
        if not self.items.movable:
            return
        actor = self.ctx.actor

        def done(_agenda: object) -> None:
            self.select_item(item_id)
            self.item_view.setFocus()

        self.ctx.runner.run(lambda s: meetings.move_item(s, actor, item_id, position),
                            on_done=done, changes={"agenda_item"})

    # -- the session -------------------------------------------------------------------------------
    def open_session(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        if meeting.status is MeetingStatus.PLANNED:
            actor = self.ctx.actor
            self.ctx.runner.run(lambda s: meetings.start_meeting(s, actor, meeting.id),
                                on_done=lambda m: self._show_session(m.id),
                                changes={"meeting"})
        else:
            self._show_session(meeting.id)

    def _show_session(self, meeting_id: str) -> None:
        from app.ui.session.window import SessionWindow  # its cost is paid when used

        window = self.session_window
        if window is not None and window.meeting_id == meeting_id and window.isVisible():
            window.raise_()
            window.activateWindow()
            return
        if window is not None:
            window.close()
        self.session_window = SessionWindow(self.ctx, meeting_id)
        self.session_window.sig_meeting_closed.connect(lambda _m: self.reload())
        self.session_window.showFullScreen()
        self.sig_session_opened.emit(meeting_id)

    def set_session_visible(self, visible: bool) -> None:
        """Hide the session window while the application is locked, show it again after
        (the main window's lock hides only itself)."""
        window = self.session_window
        if window is None:
            return
        if not visible:
            self._session_was_shown = window.isVisible()
            window.hide()
            if window.projector is not None:
                window.projector.hide()
        elif getattr(self, "_session_was_shown", False):
            window.showFullScreen()
            if window.projector_button.isChecked() and window.projector is not None:
                window.projector.present()

    def open_amendments(self) -> None:
        from app.ui.session.amend import AmendmentDialog

        meeting = self.current_meeting()
        if meeting is not None and meeting.status is MeetingStatus.CLOSED:
            self._open(AmendmentDialog(self.ctx, meeting.id, self))

    def open_documents(self) -> None:
        """Choose a document of the selected meeting, its language, and preview it."""
        from app.ui.documents.chooser import DocumentChooser

        meeting = self.current_meeting()
        if meeting is not None:
            self._open(DocumentChooser.for_meeting(self.ctx, meeting, self))
