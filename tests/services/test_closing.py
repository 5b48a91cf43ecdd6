"""Closing a meeting: what it refuses, who may do it, and the numbered amendments that
correct it afterwards; plus one audit entry and change-log rows for every write."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.domain.bilingual import Bilingual
from app.domain.roles import Role
from app.errors import PermissionDenied, StateError, ValidationError
from app.models.enums import AbsenceReason, InviteeRole, MeetingStatus, VoteChoice
from app.services import (
    attendance,
    closing,
    decisions,
    measures,
    meetings,
    users,
    voting,
)
from app.services.context import today
from tests.services.helpers import (
    approve_members,
    child_case,
    counts,
    days,
    decide_case,
    mark_all_present,
    measure_input,
    plan,
)
from tests.text import ru


@pytest.fixture
def held(s, world):
    """A meeting with everyone present and one decided child's case, not yet closed."""
    members = approve_members(s, world, 5)
    meeting = plan(s, world, days(-2), starts_at=dt.time(10, 0))
    mark_all_present(s, world.admin, meeting.id, members)
    decision = decide_case(s, world, meeting.id, [days(30)])
    return members, meeting, decision


def test_closing_refuses_while_an_item_is_pending_and_names_it(s, world, held):
    members, meeting, _ = held
    pending = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Summer camps"),
                                        reporter="Education")
    with pytest.raises(StateError) as refused:
        closing.close_meeting(s, world.admin, meeting.id)
    assert refused.value.params == {"number": 2}
    assert "Item 2" in refused.value.user_message("en")
    assert meetings.get_meeting(s, meeting.id).status is not MeetingStatus.CLOSED

    meetings.postpone_item(s, world.admin, pending.id)
    with pytest.raises(ValidationError):  # the meeting cannot end before it starts
        closing.close_meeting(s, world.admin, meeting.id, ends_at=dt.time(9, 0))
    closed = closing.close_meeting(s, world.admin, meeting.id, ends_at=dt.time(12, 30))
    assert closed.status is MeetingStatus.CLOSED and closed.ends_at == dt.time(12, 30)
    closed_at = s.execute(text("SELECT closed_at FROM meeting WHERE id = :i"),
                          {"i": meeting.id}).scalar_one()
    assert closed_at is not None
    with pytest.raises(StateError):
        closing.close_meeting(s, world.admin, meeting.id)


def test_closing_refuses_when_a_decided_items_votes_no_longer_add_up(s, world):
    members = approve_members(s, world, 5)
    meeting = plan(s, world, days(-2))
    mark_all_present(s, world.admin, meeting.id, members[:4])
    decide_case(s, world, meeting.id, [])
    # A member marked present after the vote: the recorded votes no longer add up.
    attendance.mark_present(s, world.admin, meeting.id, members[4].id)
    with pytest.raises(StateError) as refused:
        closing.close_meeting(s, world.admin, meeting.id)
    assert refused.value.params == {"number": 1}
    attendance.mark_absent(s, world.admin, meeting.id, members[4].id,
                           reason=AbsenceReason.LEAVE)
    assert closing.close_meeting(s, world.admin, meeting.id).status is MeetingStatus.CLOSED


def test_a_member_can_neither_close_nor_amend(s, world, held):
    _, meeting, decision = held
    member = users.create_user(s, world.admin, login="member2", full_name="A Member",
                               role=Role.MEMBER, password="long enough secret").actor()
    with pytest.raises(PermissionDenied):
        closing.close_meeting(s, member, meeting.id)
    assert meetings.get_meeting(s, meeting.id).status is not MeetingStatus.CLOSED
    closing.close_meeting(s, world.admin, meeting.id)
    with pytest.raises(PermissionDenied):
        closing.amend(s, member, meeting.id, target_table="decision", target_id=decision.id,
                      field="text_ru", new_text="x", reason=ru("y"))


def test_a_closed_meeting_refuses_edits(s, world, held):
    members, meeting, decision = held
    item_id = decision.agenda_item_id
    closing.close_meeting(s, world.admin, meeting.id)
    case = child_case(s, world, surname="Other")
    refused = [
        lambda: meetings.add_child_case_item(s, world.admin, meeting.id, case.id),
        lambda: meetings.add_general_item(s, world.admin, meeting.id, title=ru("t"), reporter="r"),
        lambda: meetings.add_organisational_item(s, world.admin, meeting.id, title=ru("t")),
        lambda: meetings.build_agenda(s, world.admin, meeting.id),
        lambda: meetings.move_item(s, world.admin, item_id, 1),
        lambda: meetings.record_item_notes(s, world.admin, item_id, heard=ru("changed")),
        lambda: meetings.postpone_item(s, world.admin, item_id),
        lambda: meetings.invite(s, world.admin, meeting.id, full_name="X",
                                role=InviteeRole.OTHER),
        lambda: meetings.set_presiding(s, world.admin, meeting.id,
                                       presiding_id=members[2].id),
        lambda: attendance.mark_present(s, world.admin, meeting.id, members[0].id),
        lambda: attendance.mark_absent(s, world.admin, meeting.id, members[0].id,
                                       reason=AbsenceReason.ILLNESS),
        lambda: attendance.mark_left(s, world.admin, meeting.id, members[0].id,
                                     left_item_id=item_id),
        lambda: attendance.recuse(s, world.admin, item_id, members[0].id),
        lambda: voting.cast_votes(s, world.admin, item_id, {members[0].id: VoteChoice.AGAINST}),
        lambda: voting.vote_all_for(s, world.admin, item_id),
        lambda: voting.add_dissent(s, world.admin, item_id, members[0].id, ru("No")),
        lambda: decisions.record_decision(s, world.admin, item_id, text=ru("Other"),
                                          measures=[measure_input(s, days(30))]),
    ]
    before = counts(s)
    for call in refused:
        with pytest.raises(StateError) as err:
            call()
        assert "amendment" in err.value.user_message("en")
    assert counts(s) == before  # nothing written, nothing audited
    assert meetings.agenda(s, meeting.id)[0].heard == Bilingual()


def test_amendments_are_numbered_and_keep_the_original(s, world, held):
    members, meeting, decision = held
    with pytest.raises(StateError):  # an open meeting is edited, not amended
        closing.amend(s, world.admin, meeting.id, target_table="decision",
                      target_id=decision.id, field="text_ru", new_text="x", reason=ru("y"))
    closing.close_meeting(s, world.admin, meeting.id)
    original = decision.text.ru

    first = closing.amend(s, world.admin, meeting.id, target_table="decision",
                          target_id=decision.id, field="text_ru",
                          new_text="Warn the minor and his mother", reason=ru("Typo"))
    assert (first.number, first.original_text, first.amended_on) == (1, original, today())
    second = closing.amend(s, world.admin, meeting.id, target_table="decision",
                           target_id=decision.id, field="text_ru",
                           new_text="Warn the minor and his father", reason=ru("Wrong parent"))
    assert second.number == 2
    assert second.original_text == "Warn the minor and his mother"
    item = closing.amend(s, world.admin, meeting.id, target_table="agenda_item",
                         target_id=decision.agenda_item_id, field="heard_ru",
                         new_text="Inspector's report", reason=ru("Omitted"))
    assert item.number == 3 and item.original_text is None
    measure_id = decision.measures[0].id
    closing.amend(s, world.admin, meeting.id, target_table="measure", target_id=measure_id,
                  field="responsible_body_ru", new_text="School No. 7", reason=ru("Wrong school"))

    # The records themselves are untouched; current_text gives the amended wording.
    assert decisions.get_decision(s, decision.id).text.ru == original
    assert measures.get_measure(s, measure_id).responsible_body == ru("School No. 5")
    assert closing.current_text(s, "decision", decision.id, "text_ru") == (
        "Warn the minor and his father")
    assert closing.current_text(s, "decision", decision.id, "causes_ru") is None
    assert [a.number for a in closing.amendments(s, meeting.id)] == [1, 2, 3, 4]

    with pytest.raises(ValidationError) as same:
        closing.amend(s, world.admin, meeting.id, target_table="decision",
                      target_id=decision.id, field="text_ru",
                      new_text="Warn the minor and his father", reason=ru("Again"))
    assert same.value.field == "new_text"
    with pytest.raises(ValidationError) as field:
        closing.amend(s, world.admin, meeting.id, target_table="decision",
                      target_id=decision.id, field="adopted", new_text="1", reason=ru("Cheat"))
    assert field.value.field == "field"
    with pytest.raises(ValidationError) as table:
        closing.amend(s, world.admin, meeting.id, target_table="vote", target_id="x",
                      field="choice", new_text="for", reason=ru("Cheat"))
    assert table.value.field == "target_table"
    with pytest.raises(ValidationError) as reason:
        closing.amend(s, world.admin, meeting.id, target_table="decision",
                      target_id=decision.id, field="causes_ru", new_text="Neglect", reason=ru(""))
    assert reason.value.field == "reason"

    # A record of another meeting cannot be amended through this one.
    other = plan(s, world, days(-1))
    mark_all_present(s, world.admin, other.id, members)
    foreign = decide_case(s, world, other.id, [])
    with pytest.raises(ValidationError) as wrong:
        closing.amend(s, world.admin, meeting.id, target_table="decision",
                      target_id=foreign.id, field="text_ru", new_text="x", reason=ru("y"))
    assert wrong.value.field == "target_id"


def test_every_write_leaves_one_audit_entry_and_change_log_rows(s, world, needs_capture):
    members = approve_members(s, world, 5)
    case = child_case(s, world)

    def one_entry(call):
        audit_before, log_before = counts(s)
        result = call()
        audit_after, log_after = counts(s)
        assert audit_after == audit_before + 1
        assert log_after > log_before
        return result

    meeting = one_entry(lambda: plan(s, world, days(-2)))
    item = one_entry(lambda: meetings.add_child_case_item(s, world.admin, meeting.id,
                                                           case.id))
    one_entry(lambda: meetings.start_meeting(s, world.admin, meeting.id))
    for m in members:
        one_entry(lambda m=m: attendance.mark_present(s, world.admin, meeting.id, m.id))
    one_entry(lambda: meetings.record_item_notes(s, world.admin, item.id, heard=ru("Report")))
    one_entry(lambda: attendance.recuse(s, world.admin, item.id, members[4].id))
    one_entry(lambda: voting.vote_all_for(s, world.admin, item.id))
    one_entry(lambda: voting.add_dissent(s, world.admin, item.id, members[3].id, ru("No")))
    decision = one_entry(lambda: decisions.record_decision(
        s, world.admin, item.id, text=ru("Warn"), measures=[measure_input(s, days(30))]))
    measure_id = decision.measures[0].id
    report = one_entry(lambda: measures.report_measure(s, world.admin, measure_id,
                                                       reported_on=days(0), text=ru("Done")))
    one_entry(lambda: measures.decide_report(s, world.admin, report.id, accepted=True,
                                             on=days(0)))
    one_entry(lambda: closing.close_meeting(s, world.admin, meeting.id))
    one_entry(lambda: closing.amend(s, world.admin, meeting.id, target_table="decision",
                                    target_id=decision.id, field="text_ru", new_text="Warned",
                                    reason=ru("Wording")))
    actions = s.execute(text("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 3")
                        ).scalars().all()
    assert actions == ["meeting.amend", "meeting.close", "measure.decide_report"]
