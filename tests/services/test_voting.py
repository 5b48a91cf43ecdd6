"""Votes on an item: outcome under the commission's rules, tie broken by the presiding
member, recusal, absent vs abstained, no quorum, and who may record votes."""

from __future__ import annotations

import pytest

from app.domain.roles import Role
from app.domain.voting import OutcomeResult, VoteWarning
from app.errors import PermissionDenied, StateError, ValidationError
from app.models.enums import AbsenceReason, ItemStatus, VoteChoice
from app.services import attendance, decisions, meetings, users, voting
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    mark_all_present,
    measure_input,
    plan,
)
from tests.text import ru

F, A, X = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN



@pytest.fixture
def setup(s, world):
    """Seven members (quorum 4), a meeting on a child's case; nobody marked yet."""
    members = approve_members(s, world, 7)
    meeting = plan(s, world, days(3))
    item = meetings.add_child_case_item(s, world.admin, meeting.id, child_case(s, world).id)
    return members, meeting, item


def test_absent_is_not_abstained(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    attendance.mark_absent(s, world.admin, meeting.id, members[5].id,
                           reason=AbsenceReason.ILLNESS)
    # members[6] is not marked at all: absent too.
    out = voting.cast_votes(s, world.admin, item.id, {
        members[0].id: F, members[1].id: F, members[2].id: F, members[3].id: A,
        members[4].id: X})
    assert (out.votes_for, out.votes_against, out.abstained) == (3, 1, 1)
    assert (out.present, out.absent, out.entitled) == (5, 2, 5)
    assert out.result is OutcomeResult.ADOPTED and out.warnings == ()

    decision = decisions.record_decision(s, world.admin, item.id, text=ru("Warn"))
    assert (decision.votes_for, decision.votes_against, decision.abstained) == (3, 1, 1)
    assert decision.adopted


def test_a_tie_is_broken_by_the_presiding_member(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:6])
    chair = meeting.presiding_id
    assert chair == members[0].id
    ballots = {m.id: (F if i < 3 else A) for i, m in enumerate(members[:6])}
    out = voting.cast_votes(s, world.admin, item.id, ballots)
    assert (out.votes_for, out.votes_against) == (3, 3)
    assert out.adopted and out.tie_broken_by_presiding

    # The chair on the other side of the same tie: rejected.
    flipped = {m: (A if c is F else F) for m, c in ballots.items()}
    out = voting.cast_votes(s, world.admin, item.id, flipped)
    assert not out.adopted and out.tie_broken_by_presiding
    assert out.result is OutcomeResult.REJECTED

    # Another member presiding (and voting for): the tie goes the other way again.
    meetings.set_presiding(s, world.admin, meeting.id, presiding_id=members[4].id)
    assert voting.item_outcome(s, item.id).adopted


def test_a_recused_member_neither_votes_nor_counts(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    voting.vote_all_for(s, world.admin, item.id)
    attendance.recuse(s, world.admin, item.id, members[4].id)
    out = voting.item_outcome(s, item.id)
    # The recused member's ballot went with the recusal.
    assert (out.votes_for, out.recused, out.entitled) == (4, 1, 4)
    assert out.warnings == () and out.adopted
    with pytest.raises(ValidationError):
        voting.cast_votes(s, world.admin, item.id, {members[4].id: A})
    # "All for" skips the recused member.
    assert voting.vote_all_for(s, world.admin, item.id).votes_for == 4

    # One more recusal and only 3 of 7 may vote: no quorum.
    attendance.recuse(s, world.admin, item.id, members[3].id)
    out = voting.item_outcome(s, item.id)
    assert out.result is OutcomeResult.NO_QUORUM and not out.adopted


def test_without_a_quorum_nothing_is_adopted(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:3])
    out = voting.vote_all_for(s, world.admin, item.id)
    assert out.votes_for == 3 and not out.has_quorum
    assert out.result is OutcomeResult.NO_QUORUM and not out.adopted
    with pytest.raises(ValidationError) as refused:
        decisions.record_decision(s, world.admin, item.id, text=ru("Warn"),
                                  measures=[measure_input(s, days(30))])
    assert refused.value.field == "measures"
    heard = decisions.record_decision(s, world.admin, item.id, text=ru("Heard; no quorum"))
    assert not heard.adopted and heard.measures == ()


def test_ballots_are_replaced_and_checked(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    out = voting.vote_all_for(s, world.admin, item.id, {members[1].id: A, members[2].id: None})
    assert (out.votes_for, out.votes_against, out.not_voted) == (3, 1, 1)
    assert VoteWarning.VOTES_DONT_ADD_UP in out.warnings
    assert voting.ballots_of(s, item.id) == {
        members[0].id: F, members[1].id: A, members[3].id: F, members[4].id: F}

    # The mapping replaces the item's ballots: members left out lose theirs.
    voting.cast_votes(s, world.admin, item.id, {members[0].id: X, members[1].id: None})
    assert voting.ballots_of(s, item.id) == {members[0].id: X}

    with pytest.raises(ValidationError):  # absent at this item
        voting.cast_votes(s, world.admin, item.id, {members[6].id: F})
    with pytest.raises(ValidationError):  # not a member at all
        voting.cast_votes(s, world.admin, item.id, {"someone": F})
    with pytest.raises(ValidationError):
        voting.cast_votes(s, world.admin, item.id, {members[0].id: "maybe"})
    assert voting.ballots_of(s, item.id) == {members[0].id: X}  # nothing changed


def test_votes_are_frozen_once_the_decision_is_recorded(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    voting.vote_all_for(s, world.admin, item.id)
    decisions.record_decision(s, world.admin, item.id, text=ru("Warn"))
    assert meetings.agenda(s, meeting.id)[0].status is ItemStatus.DECIDED
    with pytest.raises(StateError):
        voting.cast_votes(s, world.admin, item.id, {members[0].id: A})


def test_a_member_cannot_record_votes(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    member = users.create_user(s, world.admin, login="member1", full_name="A Member",
                               role=Role.MEMBER, password="long enough secret").actor()
    with pytest.raises(PermissionDenied):
        voting.cast_votes(s, member, item.id, {members[0].id: F})
    with pytest.raises(PermissionDenied):
        voting.vote_all_for(s, member, item.id)
    assert voting.ballots_of(s, item.id) == {}


def test_dissenting_opinion_from_a_present_member(s, world, setup):
    members, meeting, item = setup
    mark_all_present(s, world.admin, meeting.id, members[:5])
    dissent = voting.add_dissent(s, world.admin, item.id, members[3].id,
                                 ru("The measure is too harsh"))
    assert isinstance(dissent, str) and dissent
    with pytest.raises(ValidationError):
        voting.add_dissent(s, world.admin, item.id, members[6].id, ru("Absent member"))
    with pytest.raises(ValidationError):
        voting.add_dissent(s, world.admin, item.id, members[3].id, ru("  "))
