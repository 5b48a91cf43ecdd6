"""A whole meeting through the session window, with the keyboard where a secretary would
use it: five items (two children's cases, a general question, two control items), a
recusal that breaks the quorum and a late arrival that restores it, a tie broken by the
presiding member, a dissenting opinion, a postponed item, an early leave; then the
meeting is closed, and what was stored is checked through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.voting import OutcomeResult
from app.models.enums import (
    AbsenceReason,
    CatalogKind,
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    VoteChoice,
)
from app.services import (
    attendance,
    catalogs,
    children,
    closing,
    decisions,
    meetings,
    session,
    voting,
)
from app.ui.meetings.screen import MeetingsScreen
from app.ui.session import window as window_module
from app.ui.session.models import BODY, DEADLINE, KIND, TEXT
from app.ui.session.projector import ProjectorWindow
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Clock:
    """The window's clock, moved by hand: the time spent per item is exact."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(window_module, "monotonic", fake)
    return fake


@pytest.fixture
def setting(world):
    """Seven members (the chair presides); an earlier meeting whose two measures are due
    for control; a later meeting to postpone to; two children's cases and a general
    question on the agenda of the meeting, with the control items proposed."""
    with world.db.session() as s:
        members = approve_members(s, world)
        earlier = plan(s, world, days(-40))
        mark_all_present(s, world.admin, earlier.id, members)
        controlled = decide_case(s, world, earlier.id, [days(-30), days(-20)],
                                 body="School No. 9")
        closing.close_meeting(s, world.admin, earlier.id)
        later = plan(s, world, days(20))
        meeting = plan(s, world, days(-1))
        case_a = child_case(s, world, surname="Nurlanov")
        children.add_representative(s, world.admin, case_a.child_id,
                                    full_name="Нурланова Айгерим", relation="mother")
        case_b = child_case(s, world, surname="Bekov")
        one = meetings.add_child_case_item(s, world.admin, meeting.id, case_a.id)
        meetings.add_child_case_item(s, world.admin, meeting.id, case_b.id)
        meetings.add_general_item(s, world.admin, meeting.id,
                                  title=ru("О профилактике буллинга в школах района"),
                                  reporter="Отдел образования")
        meetings.build_agenda(s, world.admin, meeting.id)
        meetings.invite(s, world.admin, meeting.id, full_name="Nurlanov Arman",
                        role=InviteeRole.CHILD, item_id=one.id)
    return members, meeting, later, controlled


def key(qtbot, widget, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, mods)


def select(table, row: int) -> None:
    table.setFocus()
    table.selectRow(row)


def type_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Type into a cell of the measures table as a user does: F2, the text, Enter.
    (qtbot.keyClicks is for ASCII only; Cyrillic goes through the editor's setText.)"""
    index = view.model().index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    key(qtbot, view, Qt.Key.Key_F2)
    (editor,) = view.itemDelegate().open_editors
    assert isinstance(editor, QLineEdit) and editor.hasFocus()
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        editor.setText(text)
        editor.textEdited.emit(text)
    key(qtbot, editor, Qt.Key.Key_Return)


def test_a_whole_meeting(ctx, world, setting, qtbot, clock, qtmodeltester):
    members, meeting, later, controlled = setting
    m = [x.id for x in members]  # m[0] the chair (presides), m[1] the secretary
    screen = MeetingsScreen(ctx)
    ctx.runner.sig_changed.connect(screen.on_changed)
    qtbot.addWidget(screen)
    screen.show()
    screen.ensure_loaded()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)  # shortcuts work in the active window
    screen.select_meeting(meeting.id)
    key(qtbot, screen.meeting_view, Qt.Key.Key_F5)  # start the session
    w = screen.session_window
    assert w is not None and w.isVisible()
    qtbot.addWidget(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    items = [i.id for i in w.view.agenda]
    assert [i.kind for i in w.view.agenda] == [
        ItemKind.CHILD_CASE, ItemKind.CHILD_CASE, ItemKind.GENERAL, ItemKind.CONTROL,
        ItemKind.CONTROL]
    assert w.current_id == items[0]

    # -- the roll call: one key per member, the selection moves on by itself -----------
    key(qtbot, w.focusWidget(), Qt.Key.Key_F2)
    assert w.tabs.currentIndex() == window_module.ROLL
    roll = w.roll.table
    select(roll, 0)
    for k in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1,  # chair..member 4
              Qt.Key.Key_3, Qt.Key.Key_4):  # member 5 ill, member 6 on a business trip
        key(qtbot, roll, k)
    # member 7 is late: not marked yet
    assert "Quorum: 4 of 7, 4 needed" in w.quorum.text()
    assert w.quorum.property("ok") == "true"
    qtmodeltester.check(w.roll.model)
    qtmodeltester.check(w.agenda)

    # -- item 1, a child's case: notes, rights, the child present --------------------------
    key(qtbot, roll, Qt.Key.Key_F3)
    assert QApplication.focusWidget() is w.item_panel.heard
    assert "Nurlanov Arman" in w.item_panel.about.toPlainText()
    assert "Нурланова Айгерим" in w.item_panel.about.toPlainText()
    qtmodeltester.check(w.item_panel.timeline)
    w.item_panel.heard.insertPlainText("Инспектор ОП сообщил о пропусках занятий.")
    w.item_panel.spoke.insertPlainText("Мать пояснила, что сын ")
    qtbot.keyClicks(w.item_panel.spoke, "(14)")
    w.item_panel.motions.insertPlainText("Ходатайств не поступило.")
    qtbot.mouseClick(w.item_panel.rights, Qt.MouseButton.LeftButton)
    invitee = w.item_panel.invitees.item(0)
    invitee.setCheckState(Qt.CheckState.Checked)  # the child came

    # -- a recusal breaks the quorum; the late member restores it -------------------------
    key(qtbot, w.item_panel.heard, Qt.Key.Key_F4)
    assert w.tabs.currentIndex() == window_module.DECISION
    votes = w.vote.table
    qtmodeltester.check(w.vote.model)
    select(votes, [v.membership_id for v in w.vote.model.rows].index(m[2]))
    key(qtbot, votes, Qt.Key.Key_4)  # member 3 declares a conflict of interest
    assert "No quorum: 3 of 7, 4 needed" in w.quorum.text()
    assert w.quorum.property("ok") == "false"
    assert w.vote.outcome.text().startswith("No quorum")
    key(qtbot, votes, Qt.Key.Key_F2)
    select(roll, 6)
    key(qtbot, roll, Qt.Key.Key_6)  # member 7 arrives, at this item
    assert "Quorum: 4 of 7, 4 needed (1 recused)" in w.quorum.text()

    # -- the decision from a template, with the measures it proposes ----------------------
    key(qtbot, roll, Qt.Key.Key_F4)
    assert QApplication.focusWidget() is w.decision.template
    key(qtbot, w.decision.template, Qt.Key.Key_Down)  # the first template
    text = w.decision.text.toPlainText()
    assert "Nurlanov Arman" in text and "{child}" not in text
    table = w.decision.table
    assert w.decision.measures.rowCount() == 2  # the template's two measure kinds
    qtmodeltester.check(w.decision.measures)
    type_cell(qtbot, table, 0, BODY, "School No. 5")
    type_cell(qtbot, table, 1, BODY, "Школа № 5, социальный педагог")
    type_cell(qtbot, table, 1, TEXT, "Individual plan for 3 months")
    # The draft is saved as typed (before any vote), and survives going away and back.
    w.autosaver.flush()
    with world.db.read_session() as s:
        draft = session.draft_of(s, items[0])
    assert draft.text == text and len(draft.measures) == 2
    assert draft.measures[1].responsible_body == "Школа № 5, социальный педагог"
    key(qtbot, votes, Qt.Key.Key_F5)  # all present for
    assert w.vote.outcome.text() == "Adopted"
    assert "For 4" in w.vote.counts.text() and "recused 1" in w.vote.counts.text()
    clock.now += 95
    key(qtbot, table, Qt.Key.Key_Return, CTRL)  # record the decision
    assert w.view.context.item.status is ItemStatus.DECIDED
    assert "recorded (adopted)" in w.decision.recorded.text()
    assert not w.record_button.isEnabled()

    # -- item 2: a tie that the presiding member decides, a dissent, an early leave -------
    key(qtbot, votes, Qt.Key.Key_PageDown)
    assert w.current_id == items[1]
    assert "Quorum: 5 of 7, 5 needed" not in w.quorum.text()  # 5 present, no recusal
    assert "Quorum: 5 of 7" in w.quorum.text()
    w.item_panel.heard.insertPlainText("Заслушан классный руководитель.")
    key(qtbot, w.item_panel.heard, Qt.Key.Key_F4)
    w.decision.text.insertPlainText("Ходатайствовать о помещении в Центр адаптации.")
    key(qtbot, w.decision.text, Qt.Key.Key_M, CTRL)  # add a measure
    assert w.decision.measures.rowCount() == 1
    type_cell(qtbot, table, 0, BODY, "Juvenile police inspector")
    key(qtbot, votes, Qt.Key.Key_F5)
    order = [v.membership_id for v in w.vote.model.rows]
    for member, k in ((m[3], Qt.Key.Key_2), (m[6], Qt.Key.Key_2), (m[1], Qt.Key.Key_3)):
        select(votes, order.index(member))
        key(qtbot, votes, k)
    assert w.vote.outcome.text() == "Adopted: the presiding member's vote decided the tie"
    select(votes, order.index(m[3]))
    key(qtbot, votes, Qt.Key.Key_5)  # member 4's dissenting opinion
    dialog = w.dialog
    assert dialog.objectName() == "dissentDialog"
    dialog.text.setPlainText("Считаю меру преждевременной.")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "Считаю меру преждевременной." in w.vote.dissents.text()
    clock.now += 240
    key(qtbot, votes, Qt.Key.Key_Return, CTRL)
    assert w.view.context.decision is not None
    key(qtbot, votes, Qt.Key.Key_F2)
    select(roll, 3)
    key(qtbot, roll, Qt.Key.Key_7)  # member 4 leaves after this item

    # -- item 3, the general question (Alt+Right) -----------------------------------------
    key(qtbot, roll, Qt.Key.Key_Right, ALT)
    assert w.current_id == items[2]
    assert "Quorum: 4 of 7, 4 needed" in w.quorum.text()
    assert not w.item_panel.motions.isVisible() and not w.item_panel.rights.isVisible()
    assert w.item_panel.reporter.text() == "Отдел образования"
    key(qtbot, roll, Qt.Key.Key_F3)
    w.item_panel.heard.insertPlainText("Отдел образования доложил о работе служб примирения.")
    key(qtbot, w.item_panel.heard, Qt.Key.Key_F4)
    templates = [w.decision.template.itemData(i) for i in range(w.decision.template.count())]
    with world.db.read_session() as s:
        assign = catalogs.entry_id(s, CatalogKind.DECISION_TEMPLATE,
                                   "general_question_assign_bodies")
    w.decision.template.setCurrentIndex(templates.index(assign) - 1)
    key(qtbot, w.decision.template, Qt.Key.Key_Down)
    assert w.decision.measures.rowCount() == 1
    type_cell(qtbot, table, 0, BODY, "Education department")
    key(qtbot, votes, Qt.Key.Key_F5)
    key(qtbot, votes, Qt.Key.Key_Return, CTRL)

    # -- item 4, a control item: postponed to the later meeting ----------------------------
    key(qtbot, votes, Qt.Key.Key_PageDown)
    assert w.current_id == items[3]
    assert "Measure under control" in w.item_panel.about.toPlainText()
    key(qtbot, votes, Qt.Key.Key_P, CTRL)
    dialog = w.dialog
    assert dialog.objectName() == "postponeDialog"
    assert dialog.target_id() == later.id
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert w.view.context.item.status is ItemStatus.POSTPONED
    assert not w.record_button.isEnabled() and not w.vote.all_for.isEnabled()

    # -- item 5, the other control item: a slip in the votes is warned about ---------------
    key(qtbot, votes, Qt.Key.Key_PageDown)
    assert w.current_id == items[4]
    key(qtbot, votes, Qt.Key.Key_F5)
    select(votes, 0)
    key(qtbot, votes, Qt.Key.Key_0)  # the chair's vote removed by mistake
    assert w.vote.warning.isVisible()
    assert "do not add up" in w.vote.warning.text()
    key(qtbot, votes, Qt.Key.Key_1)
    assert not w.vote.warning.isVisible()
    w.decision.text.setPlainText("Информацию принять к сведению, меру снять с контроля.")
    w.decision.text.setFocus()
    key(qtbot, w.decision.text, Qt.Key.Key_Return, CTRL)  # from the text itself
    assert w.view.context.decision is not None
    assert w.decision.text.toPlainText().endswith("с контроля.")  # no newline typed

    # -- the projector shows the item and the result, the child only by initials ------------
    key(qtbot, votes, Qt.Key.Key_F7)
    assert isinstance(w.projector, ProjectorWindow) and w.projector.isVisible()
    key(qtbot, votes, Qt.Key.Key_PageUp)  # back to item 4 (postponed)
    key(qtbot, votes, Qt.Key.Key_Left, ALT)
    key(qtbot, votes, Qt.Key.Key_PageUp)
    key(qtbot, votes, Qt.Key.Key_Left, ALT)  # item 1
    assert w.current_id == items[0]
    assert w.projector.title.text() == f"case No. {w.view.context.case_label}\u00a0— N.\u00a0A."
    assert w.projector.item.text() == "Item 1 of 5 · Child's case"
    assert w.projector.result.text() == "Adopted:\nfor\u00a04 · against\u00a00 · abstained\u00a00"
    assert w.projector_texts()[1] == "Adopted: for 4 · against 0 · abstained 0"
    assert "Nurlanov" not in w.projector.title.text()
    w.initials_box.setChecked(False)
    assert "N. A." not in w.projector.title.text()
    key(qtbot, votes, Qt.Key.Key_F7)
    assert not w.projector.isVisible()

    # -- closing ---------------------------------------------------------------------------
    key(qtbot, votes, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = w.dialog
    assert dialog.objectName() == "closeDialog"
    dialog.ends_at.setTime(dialog.ends_at.time().fromString("12:30", "HH:mm"))
    with qtbot.waitSignal(w.sig_meeting_closed):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert w.meeting_closed and not w.close_button.isVisible() and w.amend_button.isVisible()
    assert w.item_panel.heard.isReadOnly()
    assert screen.current_meeting().status is MeetingStatus.CLOSED

    # -- what was stored -------------------------------------------------------------------
    with world.db.read_session() as s:
        assert meetings.get_meeting(s, meeting.id).status is MeetingStatus.CLOSED
        assert meetings.get_meeting(s, meeting.id).ends_at == dt.time(12, 30)
        roll_call = {a.membership_id: a for a in attendance.roll_call(s, meeting.id)}
        assert [roll_call[x].present for x in m] == [True] * 4 + [False] * 2 + [True]
        assert roll_call[m[4]].absence_reason is AbsenceReason.ILLNESS
        assert roll_call[m[5]].absence_reason is AbsenceReason.BUSINESS_TRIP
        assert roll_call[m[6]].arrived_item_id == items[0]  # late, at item 1
        assert roll_call[m[3]].left_item_id == items[1]  # left after item 2
        assert attendance.recused_at_item(s, items[0]) == {m[2]}
        assert attendance.present_at_item(s, items[2]) == {m[0], m[1], m[2], m[6]}

        agenda = meetings.agenda(s, meeting.id)
        assert [i.status for i in agenda] == [
            ItemStatus.DECIDED, ItemStatus.DECIDED, ItemStatus.DECIDED,
            ItemStatus.POSTPONED, ItemStatus.DECIDED]
        first = agenda[0]
        # Typed in the meeting's working language (Russian here), the Kazakh left empty.
        assert first.heard == ru("Инспектор ОП сообщил о пропусках занятий.")
        assert first.spoke == ru("Мать пояснила, что сын (14)")
        assert first.motions == ru("Ходатайств не поступило.") and first.rights_explained
        assert [p.present for p in meetings.invitees(s, meeting.id)] == [True]
        assert agenda[2].heard.ru.startswith("Отдел образования доложил")
        assert agenda[3].postponed_to_id == later.id
        moved = meetings.agenda(s, later.id)
        assert [(i.kind, i.measure_id) for i in moved] == [
            (ItemKind.CONTROL, agenda[3].measure_id)]

        found = {d.agenda_item_id: d for d in decisions.decisions_of_meeting(s, meeting.id)}
        assert set(found) == {items[0], items[1], items[2], items[4]}
        one, two, three, five = (found[i] for i in (items[0], items[1], items[2], items[4]))
        assert (one.votes_for, one.votes_against, one.abstained, one.adopted) == (4, 0, 0, True)
        assert "Nurlanov Arman" in one.text.ru and one.template_id is not None
        # Left as the template gave it: the template's Kazakh text came with it.
        assert one.text.kk and "Nurlanov Arman" in one.text.kk
        assert [(x.responsible_body, x.deadline) for x in one.measures] == [
            (ru("School No. 5"), meeting.date + dt.timedelta(days=30)),
            (ru("Школа № 5, социальный педагог"), meeting.date + dt.timedelta(days=30))]
        assert one.measures[1].text == ru("Individual plan for 3 months")
        assert (two.votes_for, two.votes_against, two.abstained, two.adopted) == (2, 2, 1, True)
        assert voting.item_outcome(s, items[1]).tie_broken_by_presiding
        assert voting.ballots_of(s, items[1]) == {
            m[0]: VoteChoice.FOR, m[2]: VoteChoice.FOR, m[1]: VoteChoice.ABSTAIN,
            m[3]: VoteChoice.AGAINST, m[6]: VoteChoice.AGAINST}
        assert [x.responsible_body for x in two.measures] == [ru("Juvenile police inspector")]
        assert (three.votes_for, three.adopted, len(three.measures)) == (4, True, 1)
        assert three.measures[0].responsible_body == ru("Education department")
        assert (five.votes_for, five.adopted, five.measures) == (4, True, ())
        assert voting.item_outcome(s, items[0]).result is OutcomeResult.ADOPTED
        # The drafts became decisions and are gone; the time spent per item is kept.
        assert all(session.draft_of(s, i).empty for i in items)
        state = session.session_state(s, meeting.id)
        assert state.spent(items[0]) == 95 and state.spent(items[1]) == 240
        dissent = session.item_people(s, items[1]).dissents
        assert [(d.membership_id, d.text) for d in dissent] == [
            (m[3], ru("Считаю меру преждевременной."))]


def test_the_session_resumes_where_it_was(ctx, world, setting, qtbot, clock):
    members, meeting, _later, _ = setting
    with world.db.session() as s:
        meetings.start_meeting(s, world.admin, meeting.id)
        mark_all_present(s, world.admin, meeting.id, members)
    w = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(w)
    w.show()
    items = [i.id for i in w.view.agenda]
    w.go_to(items[2])
    w.item_panel.heard.insertPlainText("Half a sentence")
    w.decision.text.setPlainText("Draft decision")
    w.decision.add_measure()
    clock.now += 42
    w.close()  # saves what is unsaved
    again = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(again)
    assert again.current_id == items[2]
    assert again.item_panel.heard.toPlainText() == "Half a sentence"
    assert again.decision.text.toPlainText() == "Draft decision"
    assert again.decision.measures.rowCount() == 1
    assert again.seconds_on_item() == 42
    with world.db.read_session() as s:
        assert session.session_state(s, meeting.id).spent(items[2]) == 42


def test_measure_cells_are_saved_while_they_are_typed(ctx, world, setting, qtbot):
    members, meeting, _later, _ = setting
    with world.db.session() as s:
        meetings.start_meeting(s, world.admin, meeting.id)
    w = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.show_page(window_module.DECISION)
    w.decision.add_measure()
    view = w.decision.table
    view.setCurrentIndex(w.decision.measures.index(0, BODY))
    key(qtbot, view, Qt.Key.Key_F2)
    (editor,) = view.itemDelegate().open_editors
    qtbot.keyClicks(editor, "School")  # the cell is still open: nothing committed by hand
    with qtbot.waitSignal(w.autosaver.sig_saved, timeout=3000):
        pass
    with world.db.read_session() as s:
        assert session.draft_of(s, w.current_id).measures[0].responsible_body == "School"
    assert w.decision.measures.rows[0].kind_id is not None
    assert w.decision.measures.rows[0].deadline == meeting.date + dt.timedelta(days=30)
    for column in (KIND, DEADLINE):
        assert w.decision.measures.data(w.decision.measures.index(0, column))


def test_a_rejected_draft_with_measures_is_refused_with_a_message(ctx, world, setting, qtbot,
                                                                  monkeypatch):
    members, meeting, _later, _ = setting
    with world.db.session() as s:
        meetings.start_meeting(s, world.admin, meeting.id)
        mark_all_present(s, world.admin, meeting.id, members)
    shown = []
    monkeypatch.setattr(window_module, "show_failure", lambda _p, f: shown.append(f))
    w = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(w)
    w.show()
    w.decision.text.setPlainText("Warn")
    w.decision.add_measure()
    w.all_for()
    w.record_decision()  # the measure has no responsible body
    assert shown and shown[-1].error.field == "responsible_body"
    assert w.view.context.item.status is ItemStatus.PENDING
    assert "required" in w.save_status.text()


def test_a_closed_meeting_is_browsed_read_only(ctx, world, setting, qtbot):
    members, meeting, _later, _ = setting
    with world.db.session() as s:
        mark_all_present(s, world.admin, meeting.id, members)
        for item in meetings.agenda(s, meeting.id):
            voting.vote_all_for(s, world.admin, item.id)
            decisions.record_decision(s, world.admin, item.id, text=ru("Resolved"))
        closing.close_meeting(s, world.admin, meeting.id)
    w = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(w)
    w.show()
    items = [i.id for i in w.view.agenda]
    w.next_item()
    assert w.current_id == items[1]
    assert w.item_panel.heard.isReadOnly() and w.decision.text.isReadOnly()
    assert not w.vote.all_for.isEnabled() and not w.roll.buttons["present"].isEnabled()
    w.open_amendments()
    assert w.dialog.objectName() == "amendmentDialog"
    w.dialog.close()


def test_a_member_sees_the_session_but_cannot_record(world, setting, qtbot):
    from app.domain.roles import Role
    from app.services.context import Actor
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.ops import SyncRunner

    members, meeting, _later, _ = setting
    with world.db.session() as s:
        meetings.start_meeting(s, world.admin, meeting.id)
    member = Actor(world.admin.user_id, "member", Role.MEMBER)
    ctx = UiContext(SyncRunner(world.db), member, world.commission_id, Settings())
    w = window_module.SessionWindow(ctx, meeting.id)
    qtbot.addWidget(w)
    w.show()
    assert w.read_only and not w.meeting_closed
    assert w.item_panel.heard.isReadOnly() and w.decision.text.isReadOnly()
    assert not w.vote.all_for.isEnabled() and not w.roll.buttons["present"].isEnabled()
    assert not w.close_button.isVisible()
    w.next_item()  # browsing still works
    assert w.current_id == w.view.agenda[1].id
