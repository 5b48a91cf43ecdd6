"""Meetings and their agenda: numbering, presiding member, items, control items for due
measures, notes, invited persons, postponement."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.bilingual import Bilingual
from app.errors import NotFound, StateError, ValidationError
from app.models.enums import (
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeetingKind,
    MeetingStatus,
    MemberRole,
)
from app.services import cases, measures, meetings
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru


def test_meetings_are_numbered_per_commission_and_year(s, world):
    members = approve_members(s, world)
    first = plan(s, world, dt.date(2026, 3, 10))
    second = plan(s, world, dt.date(2026, 11, 5), kind=MeetingKind.FIELD,
                  starts_at=dt.time(10, 0))
    next_year = plan(s, world, dt.date(2027, 1, 20))
    assert [first.label, second.label, next_year.label] == ["1/2026", "2/2026", "1/2027"]
    assert second.kind is MeetingKind.FIELD and second.starts_at == dt.time(10, 0)
    # The chair presides and the secretary keeps the protocol by default.
    by_role = {m.role: m.id for m in members}
    assert first.presiding_id == by_role[MemberRole.CHAIR]
    assert first.secretary_id == by_role[MemberRole.SECRETARY]
    assert first.status is MeetingStatus.PLANNED

    assert meetings.find_meeting(s, world.commission_id, " 2/2026 ").id == second.id
    assert [m.label for m in meetings.meetings_of(s, world.commission_id, 2026)] == [
        "1/2026", "2/2026"]
    assert len(meetings.meetings_of(s, world.commission_id)) == 3
    with pytest.raises(ValidationError) as bad:
        meetings.find_meeting(s, world.commission_id, "2026-2")
    assert bad.value.field == "label"
    with pytest.raises(NotFound):
        meetings.find_meeting(s, world.commission_id, "3/2026")


def test_a_meeting_needs_a_composition_in_force(s, world):
    with pytest.raises(StateError):
        plan(s, world, dt.date(2026, 3, 10))
    approve_members(s, world, effective_from=dt.date(2026, 1, 1))
    with pytest.raises(StateError):
        plan(s, world, dt.date(2025, 12, 31))
    assert plan(s, world, dt.date(2026, 1, 1)).label == "1/2026"
    with pytest.raises(ValidationError) as empty_place:
        meetings.plan_meeting(s, world.admin, world.commission_id, date=dt.date(2026, 2, 1),
                              place=ru("  "))
    assert empty_place.value.field == "place"


def test_presiding_member_can_be_changed_but_not_to_the_secretary(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(5))
    deputy = members[2].id
    changed = meetings.set_presiding(s, world.admin, meeting.id, presiding_id=deputy)
    assert changed.presiding_id == deputy
    assert changed.secretary_id == members[1].id
    with pytest.raises(ValidationError):
        meetings.set_presiding(s, world.admin, meeting.id, presiding_id=members[1].id)
    with pytest.raises(ValidationError):
        meetings.set_presiding(s, world.admin, meeting.id, presiding_id="not-a-member")
    started = meetings.start_meeting(s, world.admin, meeting.id)
    assert started.status is MeetingStatus.IN_PROGRESS
    with pytest.raises(StateError):
        meetings.start_meeting(s, world.admin, meeting.id)


def test_agenda_items_of_each_kind_in_order_and_moved(s, world):
    approve_members(s, world)
    meeting = plan(s, world, days(5))
    case = child_case(s, world)
    child_item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    general = meetings.add_general_item(s, world.admin, meeting.id,
                                        title=ru("Bullying prevention in the district's schools"),
                                        reporter="Department of education")
    org = meetings.add_organisational_item(s, world.admin, meeting.id,
                                           title=ru("Work plan for the next quarter"))
    assert child_item.title == ru("Skips school")  # the description's first line
    assert child_item.child_id == case.child_id and child_item.kind is ItemKind.CHILD_CASE
    assert general.child_id is None and general.reporter == "Department of education"
    assert [i.position for i in (child_item, general, org)] == [1, 2, 3]

    with pytest.raises(ValidationError):  # the same case twice on one agenda
        meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    with pytest.raises(ValidationError) as no_reporter:
        meetings.add_general_item(s, world.admin, meeting.id, title=ru("x"), reporter="")
    assert no_reporter.value.field == "reporter"

    moved = meetings.move_item(s, world.admin, org.id, 1)
    assert [i.id for i in moved] == [org.id, child_item.id, general.id]
    assert [i.position for i in moved] == [1, 2, 3]
    assert [i.id for i in meetings.agenda(s, meeting.id)] == [org.id, child_item.id, general.id]
    with pytest.raises(ValidationError):
        meetings.move_item(s, world.admin, org.id, 4)


def test_a_closed_case_or_one_received_after_the_meeting_is_refused(s, world):
    approve_members(s, world)
    meeting = plan(s, world, days(-30))
    late = child_case(s, world, received_on=days(-10))
    with pytest.raises(ValidationError):
        meetings.add_child_case_item(s, world.admin, meeting.id, late.id)
    closed = child_case(s, world, received_on=days(-40), surname="Bekov")
    cases.close_case(s, world.admin, closed.id, on=days(-35))
    with pytest.raises(ValidationError):
        meetings.add_child_case_item(s, world.admin, meeting.id, closed.id)


def test_control_items_are_proposed_exactly_for_due_measures(s, world):
    members = approve_members(s, world)
    earlier = plan(s, world, days(-60))
    mark_all_present(s, world.admin, earlier.id, members)
    later = plan(s, world, days(10))

    # Due, and put on the later agenda before the other measures exist.
    on_agenda = decide_case(s, world, earlier.id, [days(-3)]).measures[0]
    first_build = meetings.build_agenda(s, world.admin, later.id)
    assert [i.measure_id for i in first_build] == [on_agenda.id]

    ms = decide_case(s, world, earlier.id, [
        days(-10),  # 0 overdue, never reported
        days(-5),   # 1 reported, report not yet decided
        days(-20),  # 2 accepted
        days(-15),  # 3 cancelled
        days(20),   # 4 deadline after the meeting
        days(10),   # 5 deadline on the meeting day: not before it
        days(-8),   # 6 report rejected: back in progress
    ]).measures
    measures.report_measure(s, world.admin, ms[1].id, reported_on=days(-6), text=ru("Done"))
    report = measures.report_measure(s, world.admin, ms[2].id, reported_on=days(-25),
                                     text=ru("Done"))
    measures.decide_report(s, world.admin, report.id, accepted=True, on=days(-24))
    measures.cancel_measure(s, world.admin, ms[3].id, reason="The family moved away")
    rejected = measures.report_measure(s, world.admin, ms[6].id, reported_on=days(-9),
                                       text=ru("Partly"))
    measures.decide_report(s, world.admin, rejected.id, accepted=False, on=days(-7))

    expected = [ms[0].id, ms[6].id, ms[1].id]  # by deadline
    assert [m.id for m in meetings.due_measures(s, later.id)] == expected

    items = meetings.build_agenda(s, world.admin, later.id)
    assert [i.measure_id for i in items] == [on_agenda.id, *expected]
    assert all(i.kind is ItemKind.CONTROL and i.status is ItemStatus.PENDING for i in items)
    assert items[1].child_id == ms[0].child_id is not None
    assert "Measure due" in items[1].title.ru and "School No. 5" in items[1].title.ru
    assert items[1].title.kk is None  # the measure has no Kazakh text
    # Built again: nothing new is due.
    assert meetings.due_measures(s, later.id) == []
    assert len(meetings.build_agenda(s, world.admin, later.id)) == 4


def test_item_notes_change_only_what_is_given(s, world):
    approve_members(s, world)
    meeting = plan(s, world, days(5))
    case_item = meetings.add_child_case_item(s, world.admin, meeting.id,
                                             child_case(s, world).id)
    noted = meetings.record_item_notes(s, world.admin, case_item.id,
                                       reporter="Inspector Serikov", heard=ru("The report"),
                                       rights_explained=True, motions=ru("None"))
    assert (noted.reporter, noted.heard, noted.rights_explained, noted.motions) == (
        "Inspector Serikov", ru("The report"), True, ru("None"))
    again = meetings.record_item_notes(s, world.admin, case_item.id, spoke=ru("The father"),
                                       motions=None)
    assert again.heard == ru("The report") and again.spoke == ru("The father")
    assert again.motions == Bilingual() and again.rights_explained is True

    general = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Summer"),
                                        reporter="Akimat")
    with pytest.raises(ValidationError) as rights:
        meetings.record_item_notes(s, world.admin, general.id, rights_explained=True)
    assert rights.value.field == "rights_explained"


def test_invited_persons(s, world):
    approve_members(s, world)
    meeting = plan(s, world, days(5))
    other = plan(s, world, days(6))
    item = meetings.add_child_case_item(s, world.admin, meeting.id, child_case(s, world).id)
    mother = meetings.invite(s, world.admin, meeting.id, full_name="Akhmetova Aigul",
                             role=InviteeRole.LEGAL_REPRESENTATIVE, item_id=item.id)
    school = meetings.invite(s, world.admin, meeting.id, full_name="Karimova D.",
                             role="school", organisation=ru("School No. 5"))
    assert school.role is InviteeRole.SCHOOL and not school.present
    assert meetings.set_invitee_present(s, world.admin, mother.id, True).present
    assert [(p.id, p.present) for p in meetings.invitees(s, meeting.id)] == [
        (mother.id, True), (school.id, False)]
    with pytest.raises(ValidationError):  # an item of another meeting
        meetings.invite(s, world.admin, other.id, full_name="X", role=InviteeRole.OTHER,
                        item_id=item.id)
    with pytest.raises(ValidationError):
        meetings.invite(s, world.admin, meeting.id, full_name="X", role="neighbour")


def test_postponing_an_item_to_another_meeting(s, world):
    approve_members(s, world)
    meeting = plan(s, world, days(5))
    target = plan(s, world, days(35))
    earlier = plan(s, world, days(1))
    meetings.add_organisational_item(s, world.admin, target.id, title=ru("Already there"))
    case = child_case(s, world)
    item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id,
                                        title=ru("Truancy of A."))
    with pytest.raises(ValidationError):
        meetings.postpone_item(s, world.admin, item.id, to_meeting_id=earlier.id)

    postponed = meetings.postpone_item(s, world.admin, item.id, to_meeting_id=target.id)
    assert postponed.status is ItemStatus.POSTPONED
    assert postponed.postponed_to_id == target.id
    moved = meetings.agenda(s, target.id)[-1]
    assert (moved.position, moved.kind, moved.case_id, moved.title, moved.status) == (
        2, ItemKind.CHILD_CASE, case.id, ru("Truancy of A."), ItemStatus.PENDING)
    # The original stays on its agenda, marked postponed, for the protocol.
    assert meetings.agenda(s, meeting.id)[0].status is ItemStatus.POSTPONED
    with pytest.raises(StateError):
        meetings.postpone_item(s, world.admin, item.id, to_meeting_id=target.id)

    undated = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Q"), reporter="R")
    later = meetings.postpone_item(s, world.admin, undated.id)
    assert later.status is ItemStatus.POSTPONED and later.postponed_to_id is None
