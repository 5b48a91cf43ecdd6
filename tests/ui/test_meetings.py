"""The Meetings screen: planning a meeting, building its agenda (cases, questions,
control items, invited persons), reordering by keyboard and by drag, opening the
session, amending a closed meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog

from app.domain.bilingual import Bilingual
from app.models.enums import InviteeRole, ItemKind, MeetingKind, MeetingStatus
from app.services import children, closing, decisions, meetings, voting
from app.ui.meetings.screen import MeetingsScreen
from app.ui.session.window import SessionWindow
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru


@pytest.fixture
def screen(ctx, qtbot):
    widget = MeetingsScreen(ctx)
    ctx.runner.sig_changed.connect(widget.on_changed)  # as the main window wires it
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts work in the active window
    widget.ensure_loaded()
    yield widget
    if widget.session_window is not None:
        widget.session_window.close()


@pytest.fixture
def members(world):
    with world.db.session() as s:
        return approve_members(s, world)


def agenda_of(world, meeting_id):
    with world.db.read_session() as s:
        return meetings.agenda(s, meeting_id)


def test_plan_a_meeting(screen, world, members, qtbot):
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.dialog
    assert dialog.objectName() == "planMeetingDialog" and dialog.isVisible()
    dialog.date.setDate(days(5))
    dialog.place.editor().setText("")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text()  # the place is required
    dialog.place.editor().setText("Акимат, зал № 2")
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.FIELD.value))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with world.db.read_session() as s:
        (meeting,) = meetings.meetings_of(s, world.commission_id)
    assert (meeting.date, meeting.place, meeting.kind, meeting.starts_at) == (
        days(5), ru("Акимат, зал № 2"), MeetingKind.FIELD, dt.time(10, 0))
    assert screen.current_meeting().id == meeting.id
    assert screen.session_button.text() == "Start the session"


def test_build_an_agenda_and_reorder_it(screen, world, members, qtbot, qtmodeltester):
    with world.db.session() as s:
        earlier = plan(s, world, days(-40))
        mark_all_present(s, world.admin, earlier.id, members)
        decide_case(s, world, earlier.id, [days(-30), days(-20)])
        closing.close_meeting(s, world.admin, earlier.id)
        meeting = plan(s, world, days(-1))
        first = child_case(s, world, surname="Zhumabaev")
        second = child_case(s, world, surname="Omarov")
        children.add_representative(s, world.admin, first.child_id,
                                    full_name="Жумабаева Айгуль", relation="mother")
    screen.reload()
    screen.select_meeting(meeting.id)

    # Two children's cases, found by name, added in one go (Ctrl-click the second).
    screen.ask_case()
    dialog = screen.dialog
    assert dialog.objectName() == "addCaseDialog"
    assert {c.case_id for c in dialog.model.rows} >= {first.id, second.id}
    qtmodeltester.check(dialog.model)
    qtbot.keyClicks(dialog.search, "zhumab")
    dialog.refresh()
    assert [c.case_id for c in dialog.model.rows] == [first.id]
    dialog.search.clear()
    dialog.refresh()
    dialog.table.clearSelection()
    for case in (first, second):
        row = [c.case_id for c in dialog.model.rows].index(case.id)
        rect = dialog.table.visualRect(dialog.model.index(row, 1))
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, rect.center())
    assert set(dialog.selected_ids()) == {first.id, second.id}
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    # A general question with its reporter, an organisational one, the control items.
    screen.ask_question(True)
    dialog = screen.dialog
    dialog.title.editor().setText("О профилактике буллинга в школах района")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "required" in dialog.message.text()  # no reporter
    dialog.reporter.setText("Отдел образования")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    screen.ask_question(False)
    screen.dialog.title.editor().setText("План работы на квартал")
    qtbot.mouseClick(screen.dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.control_button, Qt.MouseButton.LeftButton)

    kinds = [i.kind for i in agenda_of(world, meeting.id)]
    assert kinds == [ItemKind.CHILD_CASE, ItemKind.CHILD_CASE, ItemKind.GENERAL,
                     ItemKind.ORGANISATIONAL, ItemKind.CONTROL, ItemKind.CONTROL]
    assert [i.id for i in screen.items.rows] == [i.id for i in agenda_of(world, meeting.id)]
    qtmodeltester.check(screen.items)
    qtmodeltester.check(screen.meetings)

    # Keyboard: the organisational question goes to the top with Ctrl+Up, three times.
    org = agenda_of(world, meeting.id)[3]
    screen.select_item(org.id)
    screen.item_view.setFocus()
    for _ in range(3):
        qtbot.keyClick(screen.item_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert agenda_of(world, meeting.id)[0].id == org.id
    assert screen.current_item().id == org.id  # the selection follows the item
    qtbot.keyClick(screen.item_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert agenda_of(world, meeting.id)[1].id == org.id

    # Drag: drop the last control item into the gap before the first row.
    before = agenda_of(world, meeting.id)
    last = before[-1]
    mime = screen.items.mimeData([screen.items.index(len(before) - 1, 0)])
    screen.items.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    after = agenda_of(world, meeting.id)
    assert after[0].id == last.id and [i.id for i in after[1:]] == [i.id for i in before[:-1]]
    # ...and onto an item: it takes that item's place.
    mime = screen.items.mimeData([screen.items.index(0, 0)])
    screen.items.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1,
                              screen.items.index(2, 0))
    assert agenda_of(world, meeting.id)[2].id == last.id


def test_invite_persons_to_an_item(screen, world, members, qtbot, qtmodeltester):
    with world.db.session() as s:
        meeting = plan(s, world, days(-1))
        case = child_case(s, world, surname="Zhumabaev")
        children.add_representative(s, world.admin, case.child_id,
                                    full_name="Жумабаева Айгуль", relation="mother")
        item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    screen.reload()
    screen.select_meeting(meeting.id)
    screen.select_item(item.id)
    screen.item_view.setFocus()
    qtbot.keyClick(screen.item_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.dialog
    assert dialog.objectName() == "inviteesDialog"
    # The child and the mother are proposed from the child's card, ticked.
    assert [(s_.full_name, s_.role) for s_ in dialog.suggestions] == [
        ("Zhumabaev Arman", InviteeRole.CHILD),
        ("Жумабаева Айгуль", InviteeRole.LEGAL_REPRESENTATIVE)]
    qtbot.mouseClick(dialog.invite_ticked, Qt.MouseButton.LeftButton)
    assert dialog.suggestions == []  # invited: no longer proposed
    dialog.name.setText("Сериков Б.")
    dialog.role.setCurrentIndex(dialog.role.findData(InviteeRole.POLICE.value))
    dialog.organisation.editor().setText("ОП района")
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)  # empty: refused
    assert dialog.message.text()
    qtmodeltester.check(dialog.model)
    with world.db.read_session() as s:
        invited = meetings.invitees(s, meeting.id)
    assert [(p.full_name, p.role, p.organisation, p.agenda_item_id) for p in invited] == [
        ("Zhumabaev Arman", InviteeRole.CHILD, Bilingual(), item.id),
        ("Жумабаева Айгуль", InviteeRole.LEGAL_REPRESENTATIVE, Bilingual(), item.id),
        ("Сериков Б.", InviteeRole.POLICE, ru("ОП района"), item.id)]
    assert [r.full_name for r in dialog.model.rows] == [p.full_name for p in invited]


def test_start_and_resume_the_session(screen, world, members, qtbot):
    with world.db.session() as s:
        meeting = plan(s, world, days(-1))
        meetings.add_organisational_item(s, world.admin, meeting.id, title=ru("Plan"))
    screen.reload()
    screen.select_meeting(meeting.id)
    with qtbot.waitSignal(screen.sig_session_opened) as opened:
        qtbot.keyClick(screen.meeting_view, Qt.Key.Key_F5)
    assert opened.args == [meeting.id]
    assert isinstance(screen.session_window, SessionWindow)
    assert screen.session_window.isVisible()
    with world.db.read_session() as s:
        assert meetings.get_meeting(s, meeting.id).status is MeetingStatus.IN_PROGRESS
    assert screen.session_button.text() == "Resume the session"
    first = screen.session_window
    screen.open_session()  # the same meeting: the same window
    assert screen.session_window is first


def test_a_closed_meeting_is_amended_by_numbered_amendments(screen, world, members, qtbot,
                                                             qtmodeltester):
    with world.db.session() as s:
        meeting = plan(s, world, days(-1))
        mark_all_present(s, world.admin, meeting.id, members)
        item = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Bullying"),
                                         reporter="Education")
        voting.vote_all_for(s, world.admin, item.id)
        decision = decisions.record_decision(s, world.admin, item.id, text=ru("Take note"))
        closing.close_meeting(s, world.admin, meeting.id)
    screen.reload()
    screen.select_meeting(meeting.id)
    assert not screen.case_button.isEnabled() and not screen.items.movable
    assert screen.session_button.text() == "View the meeting"
    qtbot.mouseClick(screen.amend_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog.objectName() == "amendmentDialog"
    dialog.choose("decision", decision.id, "text_ru")
    assert dialog.current.toPlainText() == "Take note"
    dialog.new_text.setPlainText("Принять информацию к сведению")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "This field is required."  # no reason given
    dialog.reason.editor().setText("Опечатка")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "No. 1" in dialog.message.text()
    dialog.choose("decision", decision.id, "text_ru")
    assert dialog.current.toPlainText() == "Принять информацию к сведению"
    dialog.new_text.setPlainText("Принять информацию к сведению.")
    dialog.reason.editor().setText("Точка")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtmodeltester.check(dialog.model)
    with world.db.read_session() as s:
        made = closing.amendments(s, meeting.id)
        assert decisions.get_decision(s, decision.id).text == ru("Take note")  # kept as signed
    assert [(a.number, a.original_text, a.new_text) for a in made] == [
        (1, "Take note", "Принять информацию к сведению"),
        (2, "Принять информацию к сведению", "Принять информацию к сведению.")]
    assert [a.number for a in dialog.model.rows] == [1, 2]


def test_the_session_hides_while_the_application_is_locked(screen, world, members, qtbot):
    with world.db.session() as s:
        meeting = plan(s, world, days(-1))
        meetings.add_organisational_item(s, world.admin, meeting.id, title=ru("Plan"))
    screen.reload()
    screen.select_meeting(meeting.id)
    screen.open_session()
    window = screen.session_window
    screen.set_session_visible(False)
    assert not window.isVisible()
    screen.set_session_visible(True)
    assert window.isVisible()
