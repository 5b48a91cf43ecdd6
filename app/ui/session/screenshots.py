"""Screenshots of the live session (called by app.ui.screenshots, `make screenshots`).

The demo's planned meeting is started, the roll called (two members away), and its
first child's case heard, drafted from a template and voted on; the window is grabbed
at 1366x768 on each of its pages.
"""

from __future__ import annotations

from pathlib import Path

SIZE = (1366, 768)


def prepare(db, actor) -> str:  # type: ignore[no-untyped-def]
    """Start the demo's planned meeting and bring it to the vote on its first case."""
    from app.models.enums import AbsenceReason, ItemKind, MeetingStatus
    from app.services import attendance, commissions, meetings, voting

    with db.session() as s:
        commission = commissions.list_commissions(s)[0]
        planned = [m for m in meetings.meetings_of(s, commission.id)
                   if m.status is MeetingStatus.PLANNED]
        meeting = planned[0]
        meetings.start_meeting(s, actor, meeting.id)
        roll = attendance.roll_call(s, meeting.id)
        for n, member in enumerate(roll):
            if n == len(roll) - 1:
                attendance.mark_absent(s, actor, meeting.id, member.membership_id,
                                       reason=AbsenceReason.ILLNESS)
            elif n == len(roll) - 2:
                attendance.mark_absent(s, actor, meeting.id, member.membership_id,
                                       reason=AbsenceReason.BUSINESS_TRIP)
            else:
                attendance.mark_present(s, actor, meeting.id, member.membership_id)
        item = next(i for i in meetings.agenda(s, meeting.id)
                    if i.kind is ItemKind.CHILD_CASE)
        meetings.record_item_notes(
            s, actor, item.id, rights_explained=True,
            heard="Инспектор ПДН ОП Павлодарского района сообщил, что несовершеннолетний "
                  "систематически пропускает занятия без уважительной причины.",
            spoke="Мать несовершеннолетнего пояснила, что сын после уроков не приходит "
                  "домой; обещала усилить контроль.")
        voting.vote_all_for(s, actor, item.id)
        return meeting.id


def capture(out: Path, db, user, commission_id: str,  # type: ignore[no-untyped-def]
            langs: tuple[str, ...]) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from app.i18n import set_language
    from app.services import session
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.ops import SyncRunner
    from app.ui.session.window import DECISION, SessionWindow

    app = QApplication.instance()
    written: list[Path] = []
    meeting_id = prepare(db, user.actor())
    for lang in langs:
        set_language(lang)
        ctx = UiContext(SyncRunner(db), user.actor(), commission_id, Settings())
        window = SessionWindow(ctx, meeting_id)
        window.resize(*SIZE)
        window.show()
        items = [i.id for i in window.view.agenda]
        window.go_to(items[0])
        window.show_page(DECISION)
        window.decision.template.setCurrentIndex(1)
        window.decision._template_chosen(1)
        for row, body in enumerate(("КГУ «Школа-гимназия № 7»", "ОП Павлодарского района")):
            if row < window.decision.measures.rowCount():
                window.decision.measures.setData(window.decision.measures.index(row, 2),
                                                 body)
        window.vote.table.selectRow(0)
        window.autosaver.flush()
        app.processEvents()
        target = out / f"session-{lang}.png"
        window.grab().save(str(target))
        written.append(target)
        for page, name in ((1, "item"), (0, "roll")):
            window.show_page(page)
            app.processEvents()
            extra = out / f"session-{name}-{lang}.png"
            window.grab().save(str(extra))
            written.append(extra)
        window.close()  # saves the draft; the next language starts from a clean one
        window.deleteLater()
        with db.session() as s:
            session.clear_draft(s, user.actor(), items[0])
    return written
