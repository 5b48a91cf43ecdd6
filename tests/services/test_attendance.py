"""Attendance item by item: roll call, absence reasons, late arrival and early leave,
recusals, and the quorum of each item."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import StateError, ValidationError
from app.models.enums import AbsenceReason, MemberRole
from app.services import attendance, meetings
from tests.services.helpers import approve_members, days, plan
from tests.text import ru


def _three_items(s, world, meeting_id):
    return [meetings.add_organisational_item(s, world.admin, meeting_id, title=ru(f"Item {n}"))
            for n in (1, 2, 3)]


def test_roll_call_shows_every_member_and_absence_reasons(s, world):
    members = approve_members(s, world, 5)
    meeting = plan(s, world, days(3))
    attendance.mark_present(s, world.admin, meeting.id, members[0].id)
    attendance.mark_absent(s, world.admin, meeting.id, members[1].id,
                           reason=AbsenceReason.ILLNESS)
    attendance.mark_absent(s, world.admin, meeting.id, members[2].id,
                           reason=AbsenceReason.OTHER, note=ru("Court hearing"))
    with pytest.raises(ValidationError) as no_note:
        attendance.mark_absent(s, world.admin, meeting.id, members[3].id,
                               reason=AbsenceReason.OTHER)
    assert no_note.value.field == "note"

    calls = attendance.roll_call(s, meeting.id)
    assert [c.membership_id for c in calls] == [m.id for m in members]
    assert calls[0].present and calls[0].role is MemberRole.CHAIR
    assert (calls[1].present, calls[1].absence_reason) == (False, AbsenceReason.ILLNESS)
    assert calls[2].reason_note == ru("Court hearing")
    # Unmarked: not present, and no reason, so the secretary sees who is left to mark.
    assert [(c.present, c.absence_reason) for c in calls[3:]] == [(False, None)] * 2

    # Marked present again later: the absence reason goes.
    back = attendance.mark_present(s, world.admin, meeting.id, members[1].id)
    assert back.present and back.absence_reason is None


def test_only_members_in_force_on_the_meeting_date_count(s, world):
    old = approve_members(s, world, 5, effective_from=dt.date(2024, 1, 1))
    approve_members(s, world, 6, effective_from=days(30))
    meeting = plan(s, world, days(3))  # the old composition is in force
    attendance.mark_present(s, world.admin, meeting.id, old[0].id)
    later = plan(s, world, days(40))
    with pytest.raises(ValidationError) as wrong:
        attendance.mark_present(s, world.admin, later.id, old[0].id)
    assert wrong.value.field == "membership_id"
    assert len(attendance.roll_call(s, later.id)) == 6


def test_a_late_arrival_restores_the_quorum(s, world):
    members = approve_members(s, world, 7)  # more than half: 4 needed
    meeting = plan(s, world, days(3))
    first, second, third = _three_items(s, world, meeting.id)
    for m in members[:3]:
        attendance.mark_present(s, world.admin, meeting.id, m.id)
    late = attendance.mark_present(s, world.admin, meeting.id, members[3].id,
                                   arrived_item_id=second.id)
    assert late.arrived_item_id == second.id

    q1 = attendance.item_quorum(s, first.id)
    assert (q1.members_in_force, q1.present, q1.required, q1.has_quorum) == (7, 3, 4, False)
    assert attendance.item_quorum(s, second.id).has_quorum
    assert attendance.item_quorum(s, third.id).has_quorum
    assert members[3].id not in attendance.present_at_item(s, first.id)
    assert attendance.present_at_item(s, third.id) == {m.id for m in members[:4]}

    # Moving the arrival item to the top makes the member present from the start.
    meetings.move_item(s, world.admin, second.id, 1)
    assert attendance.item_quorum(s, first.id).has_quorum


def test_an_early_leave_breaks_the_quorum_from_the_next_item(s, world):
    members = approve_members(s, world, 7)
    meeting = plan(s, world, days(3))
    first, second, third = _three_items(s, world, meeting.id)
    with pytest.raises(StateError):  # not marked present yet
        attendance.mark_left(s, world.admin, meeting.id, members[0].id, left_item_id=first.id)
    for m in members[:4]:
        attendance.mark_present(s, world.admin, meeting.id, m.id)
    attendance.mark_left(s, world.admin, meeting.id, members[0].id, left_item_id=first.id)
    assert attendance.item_quorum(s, first.id).has_quorum
    assert not attendance.item_quorum(s, second.id).has_quorum
    assert members[0].id not in attendance.present_at_item(s, third.id)

    late = members[4].id
    attendance.mark_present(s, world.admin, meeting.id, late, arrived_item_id=third.id)
    with pytest.raises(ValidationError):  # leaving before arriving
        attendance.mark_left(s, world.admin, meeting.id, late, left_item_id=second.id)


def test_a_recusal_does_not_count_towards_the_quorum(s, world):
    members = approve_members(s, world, 7)
    meeting = plan(s, world, days(3))
    item, other = _three_items(s, world, meeting.id)[:2]
    for m in members[:4]:
        attendance.mark_present(s, world.admin, meeting.id, m.id)
    attendance.recuse(s, world.admin, item.id, members[2].id, reason="Relative of the child")
    assert attendance.recused_at_item(s, item.id) == {members[2].id}
    q = attendance.item_quorum(s, item.id)
    assert (q.present, q.recused, q.has_quorum) == (4, 1, False)
    assert attendance.item_quorum(s, other.id).has_quorum  # only that item

    attendance.withdraw_recusal(s, world.admin, item.id, members[2].id)
    assert attendance.item_quorum(s, item.id).has_quorum
    with pytest.raises(StateError):
        attendance.withdraw_recusal(s, world.admin, item.id, members[2].id)
    # Declared again after a withdrawal: the same row comes back.
    attendance.recuse(s, world.admin, item.id, members[2].id)
    assert attendance.recused_at_item(s, item.id) == {members[2].id}
