"""The queries behind the measures screen: the ids of every control list agree with
measures.control_list, rows carry what the screen shows, bodies to filter by."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.models.enums import Effectiveness, MeasureState
from app.services import measures, measures_queries
from app.services.measures import VIEWS
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan
from tests.text import ru


@pytest.fixture
def data(s, world):
    """Measures in every state, for two bodies, on a meeting 60 days ago."""
    members = approve_members(s, world)
    meeting = plan(s, world, days(-60))
    mark_all_present(s, world.admin, meeting.id, members)
    ms = list(decide_case(s, world, meeting.id, [
        days(-10),  # 0 overdue
        days(-5),   # 1 reported, awaiting the commission
        days(-20),  # 2 accepted and assessed, no review planned
        days(-25),  # 3 accepted, never assessed
        days(-30),  # 4 accepted, assessed, review due
        days(0),    # 5 due today
        days(40),   # 6 a later month
        days(-15),  # 7 cancelled
    ]).measures)
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
    police = decide_case(s, world, meeting.id, [days(-12), days(3)], body="Police",
                         ).measures
    return ms, list(police)


@pytest.mark.parametrize("body", [None, "School No. 5", "Police", " Police ", "Nobody"])
def test_control_ids_agree_with_control_list(s, world, data, body):
    for on in (days(0), days(-28), days(45)):
        for view in VIEWS:
            expected = [m.id for m in measures.control_list(
                s, world.commission_id, on=on, view=view, body=body)]
            assert measures_queries.control_ids(
                s, world.commission_id, on=on, view=view, body=body) == expected, (view, on)


def test_control_ids_pick_the_right_measures(s, world, data):
    ms, police = data

    def ids(view, **kw):
        return measures_queries.control_ids(s, world.commission_id, on=days(0), view=view,
                                            **kw)

    assert ids("overdue") == [police[0].id, ms[0].id]
    assert ids("overdue", body="Police") == [police[0].id]
    assert ids("awaiting_assessment") == [ms[4].id, ms[3].id, ms[1].id]
    assert len(ids("all")) == 10
    with pytest.raises(ValidationError):
        ids("everything")


def test_rows_carry_what_the_screen_shows(s, world, data):
    ms, police = data
    wanted = [ms[4].id, ms[1].id, police[0].id, "no-such-id"]
    rows = measures_queries.measure_rows(s, wanted)
    assert [r.id for r in rows] == wanted[:3]  # the order given; unknown ids skipped
    assessed, reported, overdue = rows
    assert reported.child_name == "Akhmetov Arman"
    assert reported.decision_label == "1/1"
    assert reported.pending_report_id == measures.reports_of(s, ms[1].id)[0].id
    assert reported.state is MeasureState.REPORTED
    assert reported.last_result is None
    assert (assessed.last_result, assessed.next_review) == (Effectiveness.TOO_EARLY, days(-1))
    assert assessed.pending_report_id is None  # its report was accepted
    assert overdue.responsible_body == ru("Police")
    assert overdue.decision_label == "1/2"
    assert overdue.effective_state(days(0)) is MeasureState.OVERDUE
    assert overdue.effective_state(days(-12)) is MeasureState.ASSIGNED


def test_rows_page_through_many_ids(s, world, data, monkeypatch):
    monkeypatch.setattr(measures_queries, "_IN_LIST", 3)  # several IN (...) chunks
    all_ids = measures_queries.control_ids(s, world.commission_id, on=days(0), view="all")
    rows = measures_queries.measure_rows(s, list(reversed(all_ids)))
    assert [r.id for r in rows] == list(reversed(all_ids))


def test_responsible_bodies(s, world, data):
    assert measures_queries.responsible_bodies(s, world.commission_id) == [
        "Police", "School No. 5"]
