"""What the secretary does in the session, each an op through the runner whose result
the window shows: marks of the roll call, the item's ticks, votes, recusals, dissenting
opinions, the decision, postponing, closing. A mixin of SessionWindow (window.py), which
owns the layout, the navigation and the autosave."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.domain.bilingual import Bilingual
from app.i18n import _, current_language
from app.models.enums import AbsenceReason, ItemStatus, MeetingStatus
from app.services import attendance, closing, meetings, session, voting
from app.services.session import SessionView
from app.ui.session.amend import AmendmentDialog
from app.ui.session.dialogs import AbsenceNoteDialog, CloseDialog, DissentDialog, PostponeDialog

REASONS = {"leave": AbsenceReason.LEAVE, "illness": AbsenceReason.ILLNESS,
           "business_trip": AbsenceReason.BUSINESS_TRIP, "other": AbsenceReason.OTHER}
ROLL, ITEM, DECISION = range(3)  # the window's pages


class SessionActions:
    """Mixed into SessionWindow; `self` is the window."""

    def _typed(self, text: str) -> Bilingual:
        """Text typed during the session: in the meeting's working language."""
        return Bilingual.of(self.meeting.working_language, text)

    # -- the roll call ---------------------------------------------------------------------------
    def mark(self, membership_id: str, action: str) -> None:
        mid, actor, item_id = self.meeting_id, self.ctx.actor, self.current_id
        if action == "other":
            name = next((m.full_name for m in self.view.people.roll
                         if m.membership_id == membership_id), "") if self.view and \
                self.view.people else ""
            dialog = AbsenceNoteDialog(name, self)
            dialog.accepted.connect(lambda: self._people_op(
                lambda s: attendance.mark_absent(s, actor, mid, membership_id,
                                                 reason=AbsenceReason.OTHER,
                                                 note=self._typed(dialog.note.text())),
                ("attendance",)))
            self._open(dialog)
            return
        if action == "present":
            work = lambda s: attendance.mark_present(s, actor, mid, membership_id)  # noqa: E731
        elif action in REASONS:
            work = lambda s: attendance.mark_absent(  # noqa: E731
                s, actor, mid, membership_id, reason=REASONS[action])
        elif action == "arrived":
            work = lambda s: attendance.mark_present(  # noqa: E731
                s, actor, mid, membership_id, arrived_item_id=item_id)
        elif action == "left":
            work = lambda s: attendance.mark_left(  # noqa: E731
                s, actor, mid, membership_id, left_item_id=item_id)
        else:
            raise ValueError(action)
        self._people_op(work, ("attendance",))

    # -- the item ----------------------------------------------------------------------------------
    def set_rights_explained(self, explained: bool) -> None:
        item_id, actor = self.current_id, self.ctx.actor
        if item_id is None or self.read_only:
            return

        def done(info) -> None:  # type: ignore[no-untyped-def]
            if self.view and self.view.context and self.view.context.item.id == info.id:
                self.view = replace(self.view, context=replace(self.view.context, item=info))

        self._run(lambda s: meetings.record_item_notes(s, actor, item_id,
                                                       rights_explained=explained),
                  done, ("agenda_item",))

    def set_invitee_present(self, invitee_id: str, present: bool) -> None:
        actor = self.ctx.actor
        if self.read_only:
            return

        def done(info) -> None:  # type: ignore[no-untyped-def]
            if self.view and self.view.context:
                c = self.view.context
                invitees = tuple(info if p.id == info.id else p for p in c.invitees)
                self.view = replace(self.view, context=replace(c, invitees=invitees))

        self._run(lambda s: meetings.set_invitee_present(s, actor, invitee_id, present),
                  done, ("invited_person",))

    # -- the vote ----------------------------------------------------------------------------------
    def all_for(self) -> None:
        if not self.vote.votes_locked:
            item_id, actor = self.current_id, self.ctx.actor
            self._people_op(lambda s: voting.vote_all_for(s, actor, item_id), ("vote",))

    def cast_vote(self, membership_id: str, choice: object) -> None:
        if self.view is None or self.view.people is None:
            return
        ballots: dict[str, Any] = dict(self.view.people.ballots)
        ballots[membership_id] = choice
        item_id, actor = self.current_id, self.ctx.actor
        self._people_op(lambda s: voting.cast_votes(s, actor, item_id, ballots), ("vote",))

    def toggle_recusal(self, membership_id: str) -> None:
        if self.view is None or self.view.people is None:
            return
        item_id, actor = self.current_id, self.ctx.actor
        if membership_id in self.view.people.recused:
            work = lambda s: attendance.withdraw_recusal(  # noqa: E731
                s, actor, item_id, membership_id)
        else:
            work = lambda s: attendance.recuse(s, actor, item_id, membership_id)  # noqa: E731
        self._people_op(work, ("recusal", "vote"))

    def ask_dissent(self, membership_id: str) -> None:
        if self.view is None or self.view.people is None or self.read_only:
            return
        name = next((m.full_name for m in self.view.people.roll
                     if m.membership_id == membership_id), "")
        dialog = DissentDialog(name, self)
        item_id, actor = self.current_id, self.ctx.actor
        dialog.accepted.connect(lambda: self._people_op(
            lambda s: voting.add_dissent(s, actor, item_id, membership_id,
                                         self._typed(dialog.text.toPlainText())),
            ("dissenting_opinion",)))
        self._open(dialog)

    # -- decision, postponement ----------------------------------------------------------------
    def _add_measure(self) -> None:
        if not self.decision.measures.read_only:
            self.tabs.setCurrentIndex(DECISION)
            self.decision.add_measure()

    def record_decision(self) -> None:
        c = self.view.context if self.view else None
        if c is None or self.read_only or c.item.status is not ItemStatus.PENDING:
            return
        draft, actor, item_id = self.decision.draft(), self.ctx.actor, c.item.id
        self.autosaver.flush()  # notes typed last go first
        self._view_op(lambda s: session.record_draft(s, actor, item_id, draft),
                      ("decision", "measure", "agenda_item"))

    def ask_postpone(self) -> None:
        c = self.view.context if self.view else None
        if c is None or self.read_only or c.item.status is not ItemStatus.PENDING:
            return
        m = self.meeting
        later = [x for x in self.ctx.runner.read(
            lambda s: meetings.meetings_of(s, m.commission_id))
            if x.id != m.id and x.status is not MeetingStatus.CLOSED and x.date >= m.date]
        dialog = PostponeDialog(later, self)
        actor, item_id = self.ctx.actor, c.item.id
        self.autosaver.flush()
        dialog.accepted.connect(lambda: self._view_op(
            lambda s: meetings.postpone_item(s, actor, item_id,
                                             to_meeting_id=dialog.target_id()),
            ("agenda_item",)))
        self._open(dialog)

    # -- closing -------------------------------------------------------------------------------
    def ask_close(self) -> None:
        if self.read_only:
            return
        dialog = CloseDialog(self.meeting.starts_at, self)
        dialog.accepted.connect(lambda: self.close_meeting(dialog.end_time()))
        self._open(dialog)

    def close_meeting(self, ends_at) -> None:  # type: ignore[no-untyped-def]
        self.save_now()
        mid, actor, lang = self.meeting_id, self.ctx.actor, current_language()
        spent = {self._clock_item: self.seconds_on_item()} if self._clock_item else {}
        item_id = self.current_id

        def work(s):  # type: ignore[no-untyped-def]
            if spent:
                session.autosave(s, actor, [session.Autosave(k, seconds=v)
                                            for k, v in spent.items()])
            closing.close_meeting(s, actor, mid, ends_at=ends_at)
            return session.session_view(s, actor, mid, item_id=item_id, lang=lang)

        def done(view: SessionView) -> None:
            self.show_view(view)
            self.save_status.setText(_("The meeting is closed. Corrections are made by "
                                       "numbered amendments."))
            self.sig_meeting_closed.emit(mid)

        self._run(work, done, ("meeting",))

    def open_amendments(self) -> None:
        if self.meeting_closed:
            self._open(AmendmentDialog(self.ctx, self.meeting_id, self))

