"""Decisions: numbering per meeting, stored vote counts, measures only when adopted."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import StateError, ValidationError
from app.models.enums import CatalogKind, ItemStatus, MeasureState, VoteChoice
from app.services import catalogs, decisions, meetings, voting
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    measure_input,
    plan,
)
from tests.text import ru


def test_decisions_are_numbered_per_meeting(s, world):
    members = approve_members(s, world)
    plan(s, world, dt.date(2030, 3, 1))
    plan(s, world, dt.date(2030, 3, 2))
    third = plan(s, world, dt.date(2030, 3, 3))
    assert third.label == "3/2030"
    mark_all_present(s, world.admin, third.id, members)
    first = decide_case(s, world, third.id, [])
    second = decide_case(s, world, third.id, [dt.date(2030, 6, 1)])
    assert (first.label, second.label) == ("3/1", "3/2")
    assert [d.id for d in decisions.decisions_of_meeting(s, third.id)] == [first.id, second.id]

    first_of_year = plan(s, world, dt.date(2031, 1, 15))
    mark_all_present(s, world.admin, first_of_year.id, members)
    assert decide_case(s, world, first_of_year.id, []).label == "1/1"


def test_an_adopted_decision_assigns_measures_for_the_child(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(2))
    mark_all_present(s, world.admin, meeting.id, members)
    case = child_case(s, world)
    item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    voting.vote_all_for(s, world.admin, item.id)
    template = catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)[0].id
    decision = decisions.record_decision(
        s, world.admin, item.id, text=ru("Warn the minor"), template_id=template,
        circumstances=ru("Missed 40 lessons"), causes=ru("  "),
        measures=[measure_input(s, days(30), "Individual plan", "School No. 5"),
                  measure_input(s, days(60), "Psychologist", "Health centre")])
    assert decision.adopted and decision.votes_for == 7
    assert decision.child_id == case.child_id and decision.template_id == template
    assert [(m.text, m.responsible_body, m.state, m.child_id) for m in decision.measures] == [
        (ru("Individual plan"), ru("School No. 5"), MeasureState.ASSIGNED, case.child_id),
        (ru("Psychologist"), ru("Health centre"), MeasureState.ASSIGNED, case.child_id)]
    assert meetings.agenda(s, meeting.id)[0].status is ItemStatus.DECIDED
    assert decisions.get_decision(s, decision.id) == decision
    with pytest.raises(StateError):  # one decision per item
        decisions.record_decision(s, world.admin, item.id, text=ru("Again"))


def test_measures_are_validated(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(2))
    mark_all_present(s, world.admin, meeting.id, members)
    item = meetings.add_child_case_item(s, world.admin, meeting.id, child_case(s, world).id)
    voting.vote_all_for(s, world.admin, item.id)
    good = measure_input(s, days(30))
    with pytest.raises(ValidationError) as early:
        decisions.record_decision(s, world.admin, item.id, text=ru("Warn"),
                                  measures=[good, measure_input(s, days(1))])
    assert early.value.field == "deadline" and early.value.params["row"] == 2
    bad_kind = decisions.MeasureInput(catalogs.entries(s, CatalogKind.SOURCE)[0].id, ru("x"),
                                      ru("y"), days(30))
    with pytest.raises(ValidationError) as kind:
        decisions.record_decision(s, world.admin, item.id, text=ru("Warn"), measures=[bad_kind])
    assert kind.value.field == "kind_id"
    with pytest.raises(ValidationError):
        decisions.record_decision(s, world.admin, item.id, text=ru(" "), measures=[good])
    # Nothing was written by the refused calls: the item is still open for a decision.
    assert decisions.decisions_of_meeting(s, meeting.id) == []
    assert meetings.agenda(s, meeting.id)[0].status is ItemStatus.PENDING


def test_a_decision_waits_until_the_votes_add_up(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(2))
    mark_all_present(s, world.admin, meeting.id, members[:5])
    item = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Summer camps"),
                                     reporter="Department of education")
    voting.cast_votes(s, world.admin, item.id, {m.id: VoteChoice.FOR
                                                for m in members[:4]})
    with pytest.raises(ValidationError) as short:
        decisions.record_decision(s, world.admin, item.id, text=ru("Take note"))
    assert short.value.params == {"votes": 4, "entitled": 5}
    voting.vote_all_for(s, world.admin, item.id)
    decision = decisions.record_decision(s, world.admin, item.id, text=ru("Take note"))
    assert decision.child_id is None and decision.votes_for == 5
