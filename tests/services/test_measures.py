"""Measures after the meeting: reports, acceptance, derived OVERDUE, cancellation,
effectiveness assessments and the control lists."""

from __future__ import annotations

import pytest

from app.domain.roles import Role
from app.errors import PermissionDenied, StateError, ValidationError
from app.models import Measure
from app.models.enums import Effectiveness, MeasureState
from app.services import closing, measures, meetings, users
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan
from tests.text import ru


@pytest.fixture
def meeting(s, world):
    """A meeting 60 days ago with everyone present."""
    members = approve_members(s, world)
    info = plan(s, world, days(-60))
    mark_all_present(s, world.admin, info.id, members)
    return info


def test_report_accept_and_derived_overdue(s, world, meeting):
    m = decide_case(s, world, meeting.id, [days(-10)]).measures[0]
    assert m.state is MeasureState.ASSIGNED
    assert m.effective_state(days(0)) is MeasureState.OVERDUE  # derived, never stored
    assert m.effective_state(days(-10)) is MeasureState.ASSIGNED  # the deadline day itself

    with pytest.raises(ValidationError):  # a report from the future
        measures.report_measure(s, world.admin, m.id, reported_on=days(1), text=ru("Done"))
    with pytest.raises(ValidationError):  # before the measure was assigned
        measures.report_measure(s, world.admin, m.id, reported_on=days(-61), text=ru("Done"))
    first = measures.report_measure(s, world.admin, m.id, reported_on=days(-5),
                                    text=ru("Partly done"), reported_by="School No. 5")
    reported = measures.get_measure(s, m.id)
    assert reported.state is MeasureState.REPORTED
    assert reported.effective_state(days(0)) is MeasureState.REPORTED

    measures.decide_report(s, world.admin, first.id, accepted=False, on=days(-4))
    back = measures.get_measure(s, m.id)
    assert back.state is MeasureState.IN_PROGRESS
    assert back.effective_state(days(0)) is MeasureState.OVERDUE
    with pytest.raises(StateError):
        measures.decide_report(s, world.admin, first.id, accepted=True, on=days(-3))

    second = measures.report_measure(s, world.admin, m.id, reported_on=days(-2), text=ru("Done"))
    with pytest.raises(ValidationError):  # decided before it was reported
        measures.decide_report(s, world.admin, second.id, accepted=True, on=days(-3))
    measures.decide_report(s, world.admin, second.id, accepted=True, on=days(-1))
    done = measures.get_measure(s, m.id)
    assert done.state is MeasureState.ACCEPTED
    assert done.effective_state(days(0)) is MeasureState.ACCEPTED
    assert [(r.accepted, r.decided_on) for r in measures.reports_of(s, m.id)] == [
        (False, days(-4)), (True, days(-1))]
    with pytest.raises(StateError):
        measures.report_measure(s, world.admin, m.id, reported_on=days(0), text=ru("More"))
    with pytest.raises(StateError):
        measures.cancel_measure(s, world.admin, m.id, reason="No longer needed")


def test_cancelled_measure_is_never_overdue_and_takes_no_reports(s, world, meeting):
    m = decide_case(s, world, meeting.id, [days(-10)]).measures[0]
    with pytest.raises(ValidationError):
        measures.cancel_measure(s, world.admin, m.id, reason=" ")
    cancelled = measures.cancel_measure(s, world.admin, m.id, reason="The family moved")
    assert cancelled.state is MeasureState.CANCELLED
    stored = s.get(Measure, m.id)
    assert (stored.cancel_reason, stored.cancelled_on) == ("The family moved", days(0))
    assert cancelled.effective_state(days(0)) is MeasureState.CANCELLED
    with pytest.raises(StateError):
        measures.report_measure(s, world.admin, m.id, reported_on=days(0), text=ru("Done"))
    with pytest.raises(StateError):
        measures.assess_measure(s, world.admin, m.id, result=Effectiveness.EFFECTIVE,
                                on=days(0))


def test_assessment_at_a_control_item(s, world, meeting):
    m = decide_case(s, world, meeting.id, [days(-10)]).measures[0]
    control_meeting = plan(s, world, days(-1))
    control = meetings.build_agenda(s, world.admin, control_meeting.id)[0]
    assert control.measure_id == m.id
    other = meetings.add_organisational_item(s, world.admin, control_meeting.id, title=ru("Plan"))

    with pytest.raises(ValidationError) as wrong_item:
        measures.assess_measure(s, world.admin, m.id, result=Effectiveness.PARTLY,
                                on=days(-1), item_id=other.id)
    assert wrong_item.value.field == "item_id"
    with pytest.raises(ValidationError) as review:
        measures.assess_measure(s, world.admin, m.id, result=Effectiveness.PARTLY,
                                on=days(-1), next_review=days(-1))
    assert review.value.field == "next_review"
    a = measures.assess_measure(s, world.admin, m.id, result=Effectiveness.PARTLY,
                                on=days(-1), next_review=days(60), comment=ru("Attends again"),
                                item_id=control.id)
    assert (a.result, a.agenda_item_id, a.next_review) == (
        Effectiveness.PARTLY, control.id, days(60))
    with pytest.raises(ValidationError):  # the same measure, date and item again
        measures.assess_measure(s, world.admin, m.id, result=Effectiveness.EFFECTIVE,
                                on=days(-1), item_id=control.id)
    assert [x.id for x in measures.assessments_of(s, m.id)] == [a.id]


def test_measures_stay_writable_after_the_meeting_closes(s, world, meeting):
    m = decide_case(s, world, meeting.id, [days(-10)]).measures[0]
    closing.close_meeting(s, world.admin, meeting.id)
    report = measures.report_measure(s, world.admin, m.id, reported_on=days(-3), text=ru("Done"))
    measures.decide_report(s, world.admin, report.id, accepted=True, on=days(-2))
    measures.assess_measure(s, world.admin, m.id, result=Effectiveness.EFFECTIVE, on=days(-1))
    assert measures.get_measure(s, m.id).state is MeasureState.ACCEPTED


def test_a_member_reports_but_does_not_accept(s, world, meeting):
    m = decide_case(s, world, meeting.id, [days(10)]).measures[0]
    member = users.create_user(s, world.admin, login="police", full_name="Inspector",
                               role=Role.MEMBER, password="long enough secret").actor()
    report = measures.report_measure(s, member, m.id, reported_on=days(0), text=ru("Visited"))
    with pytest.raises(PermissionDenied):
        measures.decide_report(s, member, report.id, accepted=True, on=days(0))
    with pytest.raises(PermissionDenied):
        measures.cancel_measure(s, member, m.id, reason="x")


def test_control_lists(s, world, meeting):
    today = days(0)
    ms = decide_case(s, world, meeting.id, [
        days(-10),  # 0 overdue
        days(-5),   # 1 reported, awaiting the commission
        days(-20),  # 2 accepted and assessed, no review planned
        days(-25),  # 3 accepted, never assessed
        days(-30),  # 4 accepted, assessed, review due
        today,      # 5 due this month, not overdue today
        days(40),   # 6 a later month
        days(-15),  # 7 cancelled
    ]).measures
    measures.report_measure(s, world.admin, ms[1].id, reported_on=days(-6), text=ru("Done"))
    for i in (2, 3, 4):
        r = measures.report_measure(s, world.admin, ms[i].id, reported_on=days(-40),
                                    text=ru("Done"))
        measures.decide_report(s, world.admin, r.id, accepted=True, on=days(-39))
    measures.assess_measure(s, world.admin, ms[2].id, result=Effectiveness.EFFECTIVE,
                            on=days(-30))
    measures.assess_measure(s, world.admin, ms[4].id, result=Effectiveness.TOO_EARLY,
                            on=days(-30), next_review=days(-1))
    measures.cancel_measure(s, world.admin, ms[7].id, reason="Moved away")
    other = decide_case(s, world, meeting.id, [days(-12)], body="Police").measures[0]

    def ids(view, **kw):
        return [m.id for m in measures.control_list(s, world.commission_id, on=today,
                                                    view=view, **kw)]

    by_deadline = sorted([*ms, other], key=lambda m: (m.deadline, m.id))
    assert ids("all") == [m.id for m in by_deadline]
    assert ids("overdue") == [other.id, ms[0].id]
    assert ids("overdue", body="Police") == [other.id]
    assert ids("overdue", body=" School No. 5 ") == [ms[0].id]
    assert ids("awaiting_assessment") == [ms[4].id, ms[3].id, ms[1].id]
    # Open measures (not accepted, not cancelled) with a deadline in this month.
    still_open = [other, ms[0], ms[1], ms[5]]
    assert ids("due_this_month") == [
        m.id for m in still_open if (m.deadline.year, m.deadline.month) == (
            today.year, today.month)]
    assert ms[5].id in ids("due_this_month")
    with pytest.raises(ValidationError):
        measures.control_list(s, world.commission_id, on=today, view="everything")


def test_measures_of_a_child(s, world, meeting):
    first = decide_case(s, world, meeting.id, [days(30), days(10)])
    decide_case(s, world, meeting.id, [days(20)])  # another child
    assert [m.deadline for m in measures.measures_of_child(s, first.child_id)] == [
        days(10), days(30)]
