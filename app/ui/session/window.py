"""The live session: one full-screen window from which the chair and the secretary run
the whole meeting, with the keyboard alone if they like.

    F2 roll call · F3 the item · F4 decision and vote · PgDown / Alt+Right next item ·
    PgUp / Alt+Left previous item · F5 all present for · Ctrl+M add a measure ·
    Ctrl+Enter record the decision · Ctrl+P postpone · F7 projector · F11 full screen ·
    Ctrl+S save now · Ctrl+Shift+E close the meeting

Everything typed is saved as it is typed (autosave.py); each action (a mark of the roll,
a vote, a decision) is one op through the runner, whose result carries what the screen
shows next, so the screen never reads half-written data and never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from time import monotonic
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.domain.voting import OutcomeResult
from app.i18n import _, current_language
from app.labels import label
from app.models.enums import CatalogKind, ItemStatus, MeetingStatus
from app.services import (
    catalogs,
    measures_queries,
    meetings,
    session,
)
from app.services.session import ItemPeople, SessionView
from app.ui.context import UiContext
from app.ui.errors import error_text, show_failure
from app.ui.ops import Failure
from app.ui.session.actions import DECISION, ITEM, ROLL, SessionActions
from app.ui.session.autosave import Autosaver
from app.ui.session.decision_panel import DecisionPanel, VotePanel, outcome_texts
from app.ui.session.item_panel import ItemPanel
from app.ui.session.models import AgendaLine, agenda_model
from app.ui.session.projector import ProjectorWindow, public_title
from app.ui.session.rollcall import RollCallPanel
from app.ui.session.widgets import STYLE, ElidedLabel, KeyTable

TIME_SAVE_MS = 10_000  # the time spent is saved at least this often


def clock(seconds: int) -> str:
    minutes, sec = divmod(max(seconds, 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{sec:02d}" if hours else f"{minutes:02d}:{sec:02d}"


class SessionWindow(SessionActions, QWidget):
    sig_meeting_closed = Signal(str)
    """(meeting_id): the meeting was closed from the session."""
    sig_view_shown = Signal()
    """(): the screen shows a new state (an item, a vote, a mark): tests and the bench
    wait on it."""

    def __init__(self, ctx: UiContext, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.setObjectName("sessionWindow")
        self.setStyleSheet(STYLE)
        self.autosaver = Autosaver(ctx, self)
        self.autosaver.sig_saved.connect(self._saved)
        self.autosaver.sig_failed.connect(self._save_failed)
        self.view: SessionView | None = None
        self.meeting_closed = False
        # Read-only: a closed meeting, or a user whose role does not record meetings.
        self.can_record = allows(ctx.actor.role, Permission.RECORD_MEETING)
        self.read_only = not self.can_record
        self.projector: ProjectorWindow | None = None
        self.dialog: Any = None  # the dialog open now (tests find it here)
        self._clock_item: str | None = None
        self._clock_base = 0
        self._clock_start = monotonic()
        self._build()
        self._shortcuts()
        self._load()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_clock)
        self._tick.start()
        self._time_save = QTimer(self, interval=TIME_SAVE_MS)
        self._time_save.timeout.connect(self._save_time)
        self._time_save.start()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.meeting_title = ElidedLabel()
        self.meeting_title.setObjectName("meetingTitle")
        self.quorum = QLabel()
        self.quorum.setObjectName("quorumBadge")
        self.quorum.setAccessibleName(_("Quorum"))
        self.timer = QLabel()
        self.timer.setObjectName("itemTimer")
        self.projector_button = QPushButton(_("Projector (F7)"))
        self.projector_button.setObjectName("projectorButton")
        self.projector_button.setCheckable(True)
        self.close_button = QPushButton(_("Close the meeting…"))
        self.close_button.setObjectName("closeMeetingButton")
        self.amend_button = QPushButton(_("Amend…"))
        self.amend_button.setObjectName("amendButton")
        self.protocol_button = QPushButton(_("Protocol…"))  # shown once the meeting is closed
        self.protocol_button.setObjectName("protocolButton")
        header = QHBoxLayout()
        header.addWidget(self.meeting_title, 1)
        header.addWidget(self.quorum)
        header.addWidget(self.projector_button)
        header.addWidget(self.close_button)
        header.addWidget(self.amend_button)
        header.addWidget(self.protocol_button)

        self.agenda = agenda_model(self)
        self.agenda_view = KeyTable("sessionAgenda", _("Agenda"))
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.fit(2, fixed={1: 30})
        self.agenda_view.horizontalHeader().hide()  # a list: number, state, question
        self.agenda_view.keys[Qt.Key.Key_Return] = self._go_selected
        self.agenda_view.keys[Qt.Key.Key_Enter] = self._go_selected
        self.agenda_view.clicked.connect(lambda _i: self._go_selected())
        self.prev_button = QPushButton(_("◀ Previous"))
        self.prev_button.setObjectName("previousItemButton")
        self.prev_button.setToolTip("PgUp, Alt+Left")
        self.next_button = QPushButton(_("Next ▶"))
        self.next_button.setObjectName("nextItemButton")
        self.next_button.setToolTip("PgDown, Alt+Right")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        agenda_caption = QLabel(_("Agenda"))
        agenda_caption.setBuddy(self.agenda_view)
        side_layout.addWidget(agenda_caption)
        side_layout.addWidget(self.agenda_view, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        side_layout.addLayout(nav)

        self.item_heading = ElidedLabel()
        self.item_heading.setObjectName("itemHeading")
        self.item_title = QLabel()
        self.item_title.setObjectName("itemTitle")
        self.item_title.setWordWrap(True)
        self.roll = RollCallPanel()
        self.item_panel = ItemPanel()
        self.decision = DecisionPanel()
        self.vote = VotePanel()
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.decision)
        upper.addWidget(self.vote)
        upper.setSizes([540, 600])
        self.record_button = QPushButton(_("Record the decision (Ctrl+Enter)"))
        self.record_button.setObjectName("recordDecisionButton")
        self.postpone_button = QPushButton(_("Postpone… (Ctrl+P)"))
        self.postpone_button.setObjectName("postponeButton")
        self.decision.measure_buttons.addWidget(self.record_button)
        self.decision.measure_buttons.addWidget(self.postpone_button)
        decision_page = QSplitter(Qt.Orientation.Vertical)
        decision_page.addWidget(upper)
        decision_page.addWidget(self.decision.measures_box)
        decision_page.setSizes([380, 200])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionPages")
        self.tabs.addTab(self.roll, _("Roll call (F2)"))
        self.tabs.addTab(self.item_panel, _("Item (F3)"))
        self.tabs.addTab(decision_page, _("Decision and vote (F4)"))
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.item_heading, 1)
        heading.addWidget(self.timer)
        main_layout.addLayout(heading)
        main_layout.addWidget(self.item_title)
        main_layout.addWidget(self.tabs, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(side)
        split.addWidget(main)
        split.setStretchFactor(1, 1)
        split.setSizes([210, 1140])

        self.save_status = QLabel()
        self.save_status.setObjectName("saveStatus")
        self.initials_box = QCheckBox(_("Projector: the child's initials"))
        self.initials_box.setObjectName("projectorInitials")
        self.initials_box.setChecked(True)
        self.full_titles_box = QCheckBox(_("Projector: full titles"))
        self.full_titles_box.setObjectName("projectorFullTitles")
        footer = QHBoxLayout()
        footer.addWidget(self.save_status, 1)
        footer.addWidget(self.initials_box)
        footer.addWidget(self.full_titles_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(header)
        layout.addWidget(split, 1)
        layout.addLayout(footer)

        self.prev_button.clicked.connect(self.previous_item)
        self.next_button.clicked.connect(self.next_item)
        self.projector_button.toggled.connect(self._toggle_projector)
        self.close_button.clicked.connect(self.ask_close)
        self.amend_button.clicked.connect(self.open_amendments)
        self.protocol_button.clicked.connect(self.open_documents)
        self.record_button.clicked.connect(self.record_decision)
        self.postpone_button.clicked.connect(self.ask_postpone)
        self.initials_box.toggled.connect(self._update_projector)
        self.full_titles_box.toggled.connect(self._update_projector)
        self.roll.sig_mark.connect(self.mark)
        self.item_panel.sig_note_edited.connect(self._note_edited)
        self.item_panel.sig_rights_toggled.connect(self.set_rights_explained)
        self.item_panel.sig_invitee_toggled.connect(self.set_invitee_present)
        self.decision.sig_draft_edited.connect(self._draft_edited)
        self.vote.sig_vote.connect(self.cast_vote)
        self.vote.sig_all_for.connect(self.all_for)
        self.vote.sig_recusal.connect(self.toggle_recusal)
        self.vote.sig_dissent.connect(self.ask_dissent)

    def _shortcuts(self) -> None:
        bindings: list[tuple[str, Callable[[], None]]] = [
            ("PgDown", self.next_item), ("Alt+Right", self.next_item),
            ("PgUp", self.previous_item), ("Alt+Left", self.previous_item),
            ("F2", lambda: self.show_page(ROLL)), ("F3", lambda: self.show_page(ITEM)),
            ("F4", lambda: self.show_page(DECISION)), ("F5", self.all_for),
            ("Ctrl+M", self._add_measure), ("Ctrl+Return", self.record_decision),
            ("Ctrl+Enter", self.record_decision), ("Ctrl+P", self.ask_postpone),
            ("Ctrl+D", self.vote._dissent), ("F7", self.projector_button.toggle),
            ("F11", self._toggle_full_screen), ("Ctrl+S", self.save_now),
            ("Ctrl+Shift+E", self.ask_close),
        ]
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    # -- loading and showing -------------------------------------------------------------------
    def _load(self) -> None:
        lang, mid, actor = current_language(), self.meeting_id, self.ctx.actor

        def read(s):  # type: ignore[no-untyped-def]
            info = meetings.get_meeting(s, mid)
            return (info, session.session_view(s, actor, mid, lang=lang),
                    catalogs.entries(s, CatalogKind.DECISION_TEMPLATE),
                    catalogs.entries(s, CatalogKind.MEASURE_KIND),
                    measures_queries.responsible_bodies(s, info.commission_id,
                                                        info.working_language))

        self.meeting, view, templates, kinds, bodies = self.ctx.runner.read(read)
        self.meeting_closed = self.meeting.status is MeetingStatus.CLOSED
        self.read_only = self.meeting_closed or not self.can_record
        self.decision.set_catalogs(templates, kinds, bodies)
        self.show_view(view)
        self.show_page(ITEM if view.context is not None else ROLL)

    @property
    def current_id(self) -> str | None:
        return self.view.context.item.id if self.view and self.view.context else None

    def show_view(self, view: SessionView) -> None:
        same = self.view is not None and self.current_id == view.state.current_item_id \
            and view.context is not None
        self.view = view
        self.positions = {i.id: i.position for i in view.agenda}
        m = view.context.meeting if view.context else self.meeting
        self.meeting = m
        self.meeting_closed = m.status is MeetingStatus.CLOSED
        self.read_only = self.meeting_closed or not self.can_record
        title = _("Meeting {label} · {date}").format(label=m.label, date=f"{m.date:%d.%m.%Y}")
        if self.meeting_closed:
            title += " · " + label(m.status)
        self.meeting_title.setText(title)
        self.meeting_title.setToolTip(f"{title} · {m.place.shown(m.working_language)}")
        self.close_button.setVisible(not self.read_only)
        self.amend_button.setVisible(self.meeting_closed)
        self.protocol_button.setVisible(self.meeting_closed)
        self.setWindowTitle(_("Kenes — meeting {label}").format(label=m.label))
        current = view.state.current_item_id
        lines = [AgendaLine(i, i.id == current, i.title.shown(self.meeting.working_language))
                 for i in view.agenda]
        self.agenda_view.show_rows(lines, select=next(
            (row for row, line in enumerate(lines) if line.current), 0))
        c = view.context
        if c is None:
            self.item_heading.setText(_("The agenda is empty."))
            self.item_title.setText("")
        else:
            item = c.item
            self.item_heading.setText(_("Item {number} of {count} · {kind} · {status}").format(
                number=item.position, count=c.count, kind=label(item.kind),
                status=label(item.status)))
            self.item_title.setText(item.title.shown(self.meeting.working_language))
            self.item_panel.show_item(c, read_only=self.read_only, keep_notes=same)
            self.decision.show_item(c, read_only=self.read_only, keep_draft=same)
            pending = item.status is ItemStatus.PENDING and not self.read_only
            self.record_button.setEnabled(pending)
            self.postpone_button.setEnabled(pending)
            if self._clock_item != item.id:
                self._clock_item = item.id
                self._clock_base = view.state.spent(item.id)
                self._clock_start = monotonic()
        if view.people is not None:
            self._show_people(view.people)
        self.prev_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setEnabled(self._neighbour(+1) is not None)
        self._show_clock()
        self._update_projector()
        self.sig_view_shown.emit()

    def _show_people(self, people: ItemPeople) -> None:
        if self.view is None or people.item_id != self.current_id:
            return  # an answer about an item left meanwhile
        self.view = replace(self.view, people=people)
        c = self.view.context
        locked = self.read_only or c is None or c.item.status is not ItemStatus.PENDING
        self.roll.show_people(people, self.positions, read_only=self.read_only)
        self.vote.show_people(people, votes_locked=locked, closed=self.read_only)
        q = people.quorum
        text = (_("Quorum: {present} of {members}, {required} needed") if q.has_quorum
                else _("No quorum: {present} of {members}, {required} needed")).format(
            present=q.present - q.recused, members=q.members_in_force, required=q.required)
        if q.recused:
            text += " " + _("({recused} recused)").format(recused=q.recused)
        self.quorum.setText(text)
        self.quorum.setProperty("ok", "true" if q.has_quorum else "false")
        self.quorum.style().unpolish(self.quorum)
        self.quorum.style().polish(self.quorum)
        self._update_projector()

    def show_page(self, page: int) -> None:
        self.tabs.setCurrentIndex(page)
        focus = {ROLL: self.roll.table, ITEM: self.item_panel.heard,
                 DECISION: self.decision.template}[page]
        if page == DECISION and self.decision.template.isEnabled() is False:
            focus = self.vote.table
        focus.setFocus()

    # -- the clock ---------------------------------------------------------------------------
    def seconds_on_item(self) -> int:
        if self._clock_item is None:
            return 0
        if self.read_only:
            return self._clock_base
        return self._clock_base + int(monotonic() - self._clock_start)

    def _show_clock(self) -> None:
        if self._clock_item is None:
            self.timer.setText("")
            return
        total = sum(s for i, s in self.view.state.seconds if i != self._clock_item) \
            if self.view else 0
        self.timer.setText(_("Item {item} · total {total}").format(
            item=clock(self.seconds_on_item()), total=clock(total + self.seconds_on_item())))

    def _save_time(self) -> None:
        if self._clock_item is not None and not self.read_only:
            self.autosaver.seconds(self._clock_item, self.seconds_on_item())
            self.autosaver.flush()

    # -- running ops ---------------------------------------------------------------------------
    def _run(self, work: Callable[[Any], Any], on_done: Callable[[Any], None],
             changes: tuple[str, ...] = ()) -> None:
        self.ctx.runner.run(work, on_done=on_done, on_error=self._failed, changes=changes)

    def _failed(self, failure: Failure) -> None:
        self.save_status.setText(error_text(failure.error))
        show_failure(self, failure)

    def _people_op(self, write: Callable[[Any], Any], changes: tuple[str, ...]) -> None:
        item_id = self.current_id
        if item_id is None or self.read_only:
            return

        self._run(lambda s: session.people_after(s, item_id, lambda: write(s)),
                  self._people_done, changes)

    def _people_done(self, people: ItemPeople) -> None:
        self._show_people(people)
        self.sig_view_shown.emit()

    def _view_op(self, write: Callable[[Any], Any], changes: tuple[str, ...]) -> None:
        """An action that changes what the item shows (a decision, a postponement)."""
        mid, actor, lang = self.meeting_id, self.ctx.actor, current_language()
        item_id = self.current_id

        def work(s):  # type: ignore[no-untyped-def]
            write(s)
            return session.session_view(s, actor, mid, item_id=item_id, lang=lang)

        self._run(work, self.show_view, changes)

    # -- moving between items -----------------------------------------------------------------
    def _neighbour(self, step: int) -> str | None:
        if self.view is None or self.current_id is None:
            return None
        ids = [i.id for i in self.view.agenda]
        at = ids.index(self.current_id) + step
        return ids[at] if 0 <= at < len(ids) else None

    def next_item(self) -> None:
        target = self._neighbour(+1)
        if target:
            self.go_to(target)

    def previous_item(self) -> None:
        target = self._neighbour(-1)
        if target:
            self.go_to(target)

    def _go_selected(self) -> None:
        row = self.agenda_view.current_row()
        if 0 <= row < len(self.agenda.rows):
            self.go_to(self.agenda.rows[row].item.id)

    def go_to(self, item_id: str) -> None:
        if item_id == self.current_id:
            return
        mid, actor, lang = self.meeting_id, self.ctx.actor, current_language()
        if self.read_only:  # browsing: nothing to save
            self.show_view(self.ctx.runner.read(
                lambda s: session.session_view(s, actor, mid, item_id=item_id, lang=lang)))
            return
        left = self.current_id
        spent = {left: self.seconds_on_item()} if left else {}
        self.autosaver.flush()  # what was typed on the item left is saved first
        agenda = self.view.agenda if self.view else ()
        self._run(lambda s: session.go_to_item(s, actor, mid, item_id, spent=spent, lang=lang,
                                               with_agenda=not agenda),
                  lambda view: self.show_view(view if view.agenda
                                              else replace(view, agenda=agenda)))

    # -- autosave --------------------------------------------------------------------------------
    def _note_edited(self, field: str, text: str) -> None:
        if self.current_id and not self.read_only:
            self.autosaver.note(self.current_id, field, text)
            self.save_status.setText(_("Saving…"))

    def _draft_edited(self) -> None:
        if self.current_id and not self.read_only:
            self.autosaver.draft(self.current_id, self.decision.draft())
            self.save_status.setText(_("Saving…"))

    def _saved(self) -> None:
        if not self.autosaver.pending:
            self.save_status.setText(_("Everything typed is saved."))

    def _save_failed(self, failure: Failure) -> None:
        self.save_status.setText(_("Not saved: {error}").format(
            error=error_text(failure.error)))

    def save_now(self) -> None:
        self._save_time()
        self.autosaver.flush()

    # -- projector, window -----------------------------------------------------------------------
    def _toggle_projector(self, on: bool) -> None:
        if on:
            if self.projector is None:
                self.projector = ProjectorWindow()
            self._update_projector()
            self.projector.present()
        elif self.projector is not None:
            self.projector.hide()

    def projector_texts(self) -> tuple[str, str]:
        """(title, result) as the projector shows them."""
        c = self.view.context if self.view else None
        if c is None:
            return "", ""
        title = public_title(c, full=self.full_titles_box.isChecked(),
                             with_initials=self.initials_box.isChecked())
        result = ""
        counts = _("for {votes_for} · against {against} · abstained {abstained}")
        if c.decision is not None:
            d = c.decision
            result = (_("Adopted") if d.adopted else _("Not adopted")) + ": " + counts.format(
                votes_for=d.votes_for, against=d.votes_against, abstained=d.abstained)
        elif c.item.status is ItemStatus.POSTPONED:
            result = label(ItemStatus.POSTPONED)
        elif self.view and self.view.people and self.view.people.ballots:
            o = self.view.people.outcome
            head = outcome_texts(o)[0] if o.result is not OutcomeResult.NO_QUORUM \
                else _("No quorum")
            result = head + ": " + counts.format(
                votes_for=o.votes_for, against=o.votes_against, abstained=o.abstained)
        return title, result

    def _update_projector(self) -> None:
        if self.projector is None or self.view is None or self.view.context is None:
            return
        title, result = self.projector_texts()
        c = self.view.context
        self.projector.show_state(meeting=_("Meeting {label}").format(label=c.meeting.label),
                                  position=c.item.position, count=c.count,
                                  kind=label(c.item.kind), title=title, result=result)

    def _toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.open()

    def open_documents(self) -> None:
        """The protocol (or another document of the meeting), once it is closed."""
        from app.ui.documents.chooser import DocumentChooser

        if self.meeting_closed:
            self._open(DocumentChooser.for_meeting(self.ctx, self.meeting, self))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Leaving the session saves what is unsaved (the session can be reopened)."""
        if not self.read_only and self._clock_item is not None:
            self.autosaver.seconds(self._clock_item, self.seconds_on_item())
        self.autosaver.flush()
        self.ctx.runner.wait()
        if self.projector is not None:
            self.projector.close()
        super().closeEvent(event)
