import pytest

from app.domain.voting import (
    Ballot,
    Choice,
    MajorityRule,
    OutcomeResult,
    QuorumRule,
    VoteWarning,
    all_present_for,
    compute_outcome,
    quorum_required,
)

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN
MEMBERS = [f"m{i}" for i in range(1, 10)]  # m1..m9; m1 presides unless a test says otherwise


def _ballots(*choices: Choice | None) -> dict[str, Choice | None]:
    """Ballots for m1, m2, ... in order."""
    return {MEMBERS[i]: c for i, c in enumerate(choices)}


@pytest.mark.parametrize(
    ("rule", "n", "required"),
    [
        (QuorumRule.MORE_THAN_HALF, 7, 4),
        (QuorumRule.MORE_THAN_HALF, 8, 5),
        (QuorumRule.MORE_THAN_HALF, 9, 5),
        (QuorumRule.AT_LEAST_HALF, 7, 4),
        (QuorumRule.AT_LEAST_HALF, 8, 4),
        (QuorumRule.AT_LEAST_HALF, 9, 5),
        (QuorumRule.TWO_THIRDS, 7, 5),
        (QuorumRule.TWO_THIRDS, 8, 6),
        (QuorumRule.TWO_THIRDS, 9, 6),
    ],
)
def test_quorum_rules(rule: QuorumRule, n: int, required: int) -> None:
    assert quorum_required(n, rule) == required
    present = MEMBERS[:required]
    ok = compute_outcome(
        members_in_force=n,
        present=present,
        recused=[],
        ballots=dict.fromkeys(present, F),
        presiding="m1",
        quorum_rule=rule,
    )
    assert ok.has_quorum and ok.result is OutcomeResult.ADOPTED
    short = compute_outcome(
        members_in_force=n,
        present=present[:-1],
        recused=[],
        ballots=dict.fromkeys(present[:-1], F),
        presiding="m1",
        quorum_rule=rule,
    )
    assert not short.has_quorum and short.result is OutcomeResult.NO_QUORUM


@pytest.mark.parametrize("rule", list(QuorumRule))
def test_empty_composition_never_has_quorum(rule: QuorumRule) -> None:
    assert quorum_required(0, rule) == 1
    with pytest.raises(ValueError):
        quorum_required(-1, rule)


def test_simple_adoption() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots=_ballots(F, F, F, A, X),
        presiding="m1",
    )
    assert (out.votes_for, out.votes_against, out.abstained, out.not_voted) == (3, 1, 1, 0)
    assert (out.present, out.absent, out.entitled, out.quorum_required) == (5, 2, 5, 4)
    assert out.has_quorum and out.adopted and out.result is OutcomeResult.ADOPTED
    assert not out.tie_broken_by_presiding
    assert out.warnings == ()


def test_rejection() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots=_ballots(F, A, A, A, X),
        presiding="m1",
    )
    assert out.has_quorum and not out.adopted
    assert out.result is OutcomeResult.REJECTED
    assert out.warnings == ()


@pytest.mark.parametrize(("presiding_vote", "adopted"), [(F, True), (A, False)])
def test_tie_broken_by_presiding(presiding_vote: Choice, adopted: bool) -> None:
    other = A if presiding_vote is F else F
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:4],
        recused=[],
        ballots=_ballots(presiding_vote, other, other, presiding_vote),
        presiding="m1",
    )
    assert (out.votes_for, out.votes_against) == (2, 2)
    assert out.tie_broken_by_presiding
    assert out.adopted is adopted
    assert out.result is (OutcomeResult.ADOPTED if adopted else OutcomeResult.REJECTED)
    assert out.warnings == ()


def test_tie_with_presiding_recused_is_not_adopted_and_warns() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=["m1"],
        ballots=_ballots(None, F, F, A, A),
        presiding="m1",
    )
    assert (out.votes_for, out.votes_against, out.entitled) == (2, 2, 4)
    assert not out.adopted and not out.tie_broken_by_presiding
    assert out.result is OutcomeResult.REJECTED
    assert out.warnings == (VoteWarning.TIE_WITHOUT_PRESIDING_VOTE,)


def test_tie_with_presiding_abstaining_or_absent_warns() -> None:
    abstaining = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots=_ballots(X, F, F, A, A),
        presiding="m1",
    )
    assert not abstaining.adopted
    assert abstaining.warnings == (VoteWarning.TIE_WITHOUT_PRESIDING_VOTE,)
    absent = compute_outcome(
        members_in_force=7,
        present=MEMBERS[1:5],
        recused=[],
        ballots={"m2": F, "m3": F, "m4": A, "m5": A},
        presiding="m1",
    )
    assert not absent.adopted
    assert absent.warnings == (VoteWarning.TIE_WITHOUT_PRESIDING_VOTE,)


def test_recusal_lowers_entitled_and_loses_quorum() -> None:
    # 7 in force need 4; 4 present but one recused leaves 3 entitled: no quorum.
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:4],
        recused=["m4"],
        ballots=_ballots(F, F, F),
        presiding="m1",
    )
    assert (out.present, out.recused, out.entitled, out.quorum_required) == (4, 1, 3, 4)
    assert not out.has_quorum and not out.adopted
    assert out.result is OutcomeResult.NO_QUORUM
    assert out.warnings == ()


def test_recusal_of_absent_member_changes_nothing() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:4],
        recused=["m7"],
        ballots=_ballots(F, F, F, F),
        presiding="m1",
    )
    assert (out.recused, out.entitled, out.absent) == (0, 4, 3)
    assert out.adopted


def test_absent_and_abstained_counted_separately() -> None:
    out = compute_outcome(
        members_in_force=9,
        present=MEMBERS[:6],
        recused=[],
        ballots=_ballots(F, F, F, X, X, A),
        presiding="m1",
    )
    assert out.absent == 3
    assert out.abstained == 2
    assert out.not_voted == 0
    assert out.adopted


def test_no_quorum_even_with_unanimous_for() -> None:
    out = compute_outcome(
        members_in_force=9,
        present=MEMBERS[:4],
        recused=[],
        ballots=_ballots(F, F, F, F),
        presiding="m1",
    )
    assert out.votes_for == 4 and out.quorum_required == 5
    assert not out.has_quorum and not out.adopted
    assert out.result is OutcomeResult.NO_QUORUM


def test_no_votes_at_all_is_not_adopted() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots={},
        presiding="m1",
    )
    assert out.not_voted == 5
    assert not out.adopted and not out.tie_broken_by_presiding
    assert out.result is OutcomeResult.REJECTED
    assert out.warnings == (VoteWarning.VOTES_DONT_ADD_UP,)


def test_of_present_and_of_voting_differ_with_abstentions() -> None:
    kwargs = dict(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots=_ballots(F, F, A, X, X),
        presiding="m1",
    )
    of_voting = compute_outcome(**kwargs, majority_rule=MajorityRule.OF_VOTING)
    of_present = compute_outcome(**kwargs, majority_rule=MajorityRule.OF_PRESENT)
    assert of_voting.adopted and of_voting.result is OutcomeResult.ADOPTED
    assert not of_present.adopted and of_present.result is OutcomeResult.REJECTED


def test_of_present_tie_broken_by_presiding() -> None:
    # 4 entitled, 2 for: exactly half is a tie under OF_PRESENT although for > against.
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:4],
        recused=[],
        ballots=_ballots(A, F, F, X),
        presiding="m1",
        majority_rule=MajorityRule.OF_PRESENT,
    )
    assert out.tie_broken_by_presiding and not out.adopted


def test_votes_dont_add_up_when_someone_recorded_no_vote() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=[],
        ballots=_ballots(F, F, F, None),  # m4 has an empty ballot, m5 none at all
        presiding="m1",
    )
    assert out.not_voted == 2
    assert out.votes_for + out.votes_against + out.abstained == 3 != out.entitled
    assert out.adopted
    assert out.warnings == (VoteWarning.VOTES_DONT_ADD_UP,)


def test_ballots_from_absent_and_recused_are_ignored_and_flagged() -> None:
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:5],
        recused=["m5"],
        ballots={**_ballots(F, A, A, A, F), "m7": F, "m8": F, "m9": F},
        presiding="m1",
    )
    assert (out.votes_for, out.votes_against) == (1, 3)
    assert out.result is OutcomeResult.REJECTED
    assert out.warnings == (VoteWarning.BALLOT_FROM_ABSENT, VoteWarning.BALLOT_FROM_RECUSED)


def test_all_present_for_with_exceptions() -> None:
    ballots = all_present_for(
        present=MEMBERS[:6],
        recused=["m6"],
        exceptions={"m2": A, "m3": X, "m4": None},
    )
    assert ballots == {"m1": F, "m2": A, "m3": X, "m5": F}
    out = compute_outcome(
        members_in_force=7,
        present=MEMBERS[:6],
        recused=["m6"],
        ballots=ballots,
        presiding="m1",
    )
    assert (out.votes_for, out.votes_against, out.abstained, out.not_voted) == (2, 1, 1, 1)
    assert out.adopted
    assert out.warnings == (VoteWarning.VOTES_DONT_ADD_UP,)


def test_all_present_for_keeps_stray_exceptions_for_compute_outcome_to_flag() -> None:
    ballots = all_present_for(present=["m1", "m2"], recused=[], exceptions={"m9": A})
    assert ballots == {"m1": F, "m2": F, "m9": A}


def test_ballot_is_frozen() -> None:
    ballot = Ballot(member="m1", choice=None)
    with pytest.raises(AttributeError):
        ballot.choice = F  # type: ignore[misc]
