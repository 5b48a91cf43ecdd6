"""Quorum and vote outcome of one agenda item, under configurable rules.

Members are opaque string ids. A recused member (conflict of interest) neither votes nor
counts towards the item's quorum. Absent is not abstained: both are reported separately.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum


class QuorumRule(StrEnum):
    MORE_THAN_HALF = "more_than_half"  # present > n/2 (the default)
    AT_LEAST_HALF = "at_least_half"  # present >= n/2
    TWO_THIRDS = "two_thirds"  # present >= 2n/3


class MajorityRule(StrEnum):
    OF_VOTING = "of_voting"  # for > against; abstentions are not votes against (the default)
    OF_PRESENT = "of_present"  # for > half of those present and entitled to vote


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class OutcomeResult(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


class VoteWarning(StrEnum):
    VOTES_DONT_ADD_UP = "votes_dont_add_up"  # for + against + abstained != entitled
    BALLOT_FROM_ABSENT = "ballot_from_absent"
    BALLOT_FROM_RECUSED = "ballot_from_recused"
    TIE_WITHOUT_PRESIDING_VOTE = "tie_without_presiding_vote"


@dataclass(frozen=True, slots=True)
class Ballot:
    member: str
    choice: Choice | None  # None: present but no vote recorded


@dataclass(frozen=True, slots=True)
class VoteOutcome:
    votes_for: int
    votes_against: int
    abstained: int
    not_voted: int  # present, entitled, but no ballot
    recused: int  # recused members among those present
    present: int
    absent: int
    entitled: int  # present minus recused
    quorum_required: int
    has_quorum: bool
    adopted: bool
    tie_broken_by_presiding: bool
    result: OutcomeResult
    warnings: tuple[VoteWarning, ...]


def quorum_required(members_in_force: int, rule: QuorumRule) -> int:
    """The smallest number present that makes a quorum (integer arithmetic, no floats)."""
    n = members_in_force
    if n < 0:
        raise ValueError("members_in_force cannot be negative")
    if n == 0:
        return 1  # an empty composition can never have a quorum
    match rule:
        case QuorumRule.MORE_THAN_HALF:
            return n // 2 + 1
        case QuorumRule.AT_LEAST_HALF:
            return (n + 1) // 2  # ceil(n / 2)
        case QuorumRule.TWO_THIRDS:
            return (2 * n + 2) // 3  # ceil(2n / 3)
    raise ValueError(f"unknown quorum rule: {rule!r}")


def compute_outcome(
    *,
    members_in_force: int,
    present: Collection[str],
    recused: Collection[str],
    ballots: Mapping[str, Choice | None],
    presiding: str | None,
    quorum_rule: QuorumRule = QuorumRule.MORE_THAN_HALF,
    majority_rule: MajorityRule = MajorityRule.OF_VOTING,
) -> VoteOutcome:
    """Count the ballots of one item and decide whether it is adopted.

    Ballots from absent or recused members are not counted but are flagged, so a data-entry
    slip shows up instead of silently changing the result.
    """
    present_set = set(present)
    recused_set = set(recused) & present_set  # recusal of an absent member changes nothing
    entitled_set = present_set - recused_set
    found: set[VoteWarning] = set()

    counted: dict[str, Choice] = {}
    for member, choice in ballots.items():
        if choice is None:
            continue  # "no vote recorded" is consistent with being absent or recused
        if member not in present_set:
            found.add(VoteWarning.BALLOT_FROM_ABSENT)
        elif member in recused_set:
            found.add(VoteWarning.BALLOT_FROM_RECUSED)
        else:
            counted[member] = choice

    votes_for = sum(1 for c in counted.values() if c is Choice.FOR)
    votes_against = sum(1 for c in counted.values() if c is Choice.AGAINST)
    abstained = sum(1 for c in counted.values() if c is Choice.ABSTAIN)
    entitled = len(entitled_set)
    if votes_for + votes_against + abstained != entitled:
        found.add(VoteWarning.VOTES_DONT_ADD_UP)

    required = quorum_required(members_in_force, quorum_rule)
    has_quorum = entitled >= required

    if majority_rule is MajorityRule.OF_VOTING:
        wins = votes_for > votes_against
        tie = votes_for == votes_against and votes_for > 0
    else:
        wins = 2 * votes_for > entitled
        tie = 2 * votes_for == entitled and votes_for > 0

    adopted = False
    tie_broken = False
    if has_quorum:
        if tie:
            # The presiding member's vote decides a tie; abstaining or not voting decides nothing.
            casting = counted.get(presiding) if presiding is not None else None
            if casting in (Choice.FOR, Choice.AGAINST):
                tie_broken = True
                adopted = casting is Choice.FOR
            else:
                found.add(VoteWarning.TIE_WITHOUT_PRESIDING_VOTE)
        else:
            adopted = wins

    if not has_quorum:
        result = OutcomeResult.NO_QUORUM
    elif adopted:
        result = OutcomeResult.ADOPTED
    else:
        result = OutcomeResult.REJECTED

    return VoteOutcome(
        votes_for=votes_for,
        votes_against=votes_against,
        abstained=abstained,
        not_voted=entitled - len(counted),
        recused=len(recused_set),
        present=len(present_set),
        absent=max(0, members_in_force - len(present_set)),
        entitled=entitled,
        quorum_required=required,
        has_quorum=has_quorum,
        adopted=adopted,
        tie_broken_by_presiding=tie_broken,
        result=result,
        # Enum order keeps the tuple stable regardless of ballot order.
        warnings=tuple(w for w in VoteWarning if w in found),
    )


def all_present_for(
    present: Collection[str],
    recused: Collection[str],
    exceptions: Mapping[str, Choice | None],
) -> dict[str, Choice]:
    """Ballots for "all present voted for, except ...": the usual way protocols are typed.

    Every present, non-recused member votes FOR unless listed in exceptions; an exception of
    None removes that member's ballot. Exceptions naming absent or recused members are kept
    so that compute_outcome flags them rather than the slip vanishing here.
    """
    recused_set = set(recused)
    ballots = {m: Choice.FOR for m in present if m not in recused_set}
    for member, choice in exceptions.items():
        if choice is None:
            ballots.pop(member, None)
        else:
            ballots[member] = choice
    return ballots
