"""The vote on an agenda item: ballots, the outcome under the commission's rules, and
dissenting opinions. Counting and quorum live in app.domain.voting; this module only
gathers who was present, who recused and who voted how."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.voting import (
    MajorityRule,
    QuorumRule,
    VoteOutcome,
    all_present_for,
    compute_outcome,
)
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import AgendaItem, Commission, DissentingOpinion, Meeting, Vote
from app.models.enums import ItemStatus, VoteChoice
from app.services import audit
from app.services.attendance import member_at, members_at, present_at_item, recused_at_item
from app.services.closing import ensure_item_open
from app.services.context import Actor, clean_bilingual, get, require


def item_outcome(s: Session, item_id: str) -> VoteOutcome:
    """The outcome of an item as its ballots stand, with the meeting's presiding member
    deciding a tie."""
    item = get(s, AgendaItem, item_id)
    meeting = get(s, Meeting, item.meeting_id)
    commission = get(s, Commission, meeting.commission_id)
    return compute_outcome(
        members_in_force=len(members_at(s, meeting)),
        present=present_at_item(s, item.id),
        recused=recused_at_item(s, item.id),
        ballots=ballots_of(s, item.id),
        presiding=meeting.presiding_id,
        quorum_rule=QuorumRule(commission.quorum_rule),
        majority_rule=MajorityRule(commission.majority_rule),
    )


def ballots_of(s: Session, item_id: str) -> dict[str, VoteChoice]:
    return {v.membership_id: VoteChoice(v.choice) for v in s.scalars(select(Vote).where(
        Vote.agenda_item_id == item_id, Vote.deleted.is_(False)))}


def _replace_ballots(s: Session, item: AgendaItem,
                     ballots: Mapping[str, VoteChoice | None]) -> int:
    """Make the item's ballots exactly `ballots` (None or missing: no ballot)."""
    if item.status != ItemStatus.PENDING:
        # The decision stores the counts it was adopted with; they must not drift.
        raise StateError(N_("Item {number} is already decided or postponed; its votes can "
                            "no longer be changed."), number=item.position)
    meeting = get(s, Meeting, item.meeting_id)
    present = present_at_item(s, item.id)
    recused = recused_at_item(s, item.id)
    members = {m.id for m in members_at(s, meeting)}  # once, not once per ballot
    wanted: dict[str, VoteChoice] = {}
    for member, choice in ballots.items():
        if choice is None:
            continue
        try:
            wanted[member] = VoteChoice(choice)
        except ValueError:
            raise ValidationError(N_("A vote is for, against or abstained."),
                                  field="ballots") from None
        if member not in members:
            raise ValidationError(N_("This person is not a member of the composition in "
                                     "force on the meeting date."), field="ballots")
        # Refused rather than stored and flagged: the secretary fixes the slip at once.
        if member not in present:
            raise ValidationError(N_("A vote was given for a member who is not present at "
                                     "this item."), field="ballots")
        if member in recused:
            raise ValidationError(N_("A member who declared a conflict of interest does not "
                                     "vote on this item."), field="ballots")
    # Tombstones included: unique (item, member) means a removed ballot is revived.
    rows = {v.membership_id: v for v in s.scalars(select(Vote).where(
        Vote.agenda_item_id == item.id))}
    for member, row in rows.items():
        if member not in wanted and not row.deleted:
            row.deleted = True
    for member, choice in wanted.items():
        row = rows.get(member)
        if row is None:
            s.add(Vote(agenda_item_id=item.id, membership_id=member, choice=choice))
        else:
            row.deleted = False
            row.choice = choice
    s.flush()
    return len(wanted)


def cast_votes(s: Session, actor: Actor, item_id: str,
               ballots: Mapping[str, VoteChoice | None]) -> VoteOutcome:
    """Replace the item's ballots with `ballots`; a member mapped to None, or left out,
    has no ballot afterwards."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    count = _replace_ballots(s, item, ballots)
    audit.record(s, actor, "vote.cast", "agenda_item", item.id, ballots=count)
    return item_outcome(s, item.id)


def vote_all_for(s: Session, actor: Actor, item_id: str,
                 exceptions: Mapping[str, VoteChoice | None] | None = None) -> VoteOutcome:
    """All present voted for, except the members in `exceptions` (None: no ballot);
    the usual way protocols are typed. Recused members get no ballot."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    ballots = all_present_for(present_at_item(s, item.id), recused_at_item(s, item.id),
                              exceptions or {})
    count = _replace_ballots(s, item, ballots)
    audit.record(s, actor, "vote.all_for", "agenda_item", item.id, ballots=count)
    return item_outcome(s, item.id)


def add_dissent(s: Session, actor: Actor, item_id: str, membership_id: str,
                text: Bilingual) -> str:
    """A member's dissenting opinion on an item, printed with the protocol."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    member_at(s, get(s, Meeting, item.meeting_id), membership_id)
    if membership_id not in present_at_item(s, item.id):
        raise ValidationError(N_("Only a member present at this item can give a dissenting "
                                 "opinion on it."), field="membership_id")
    row = DissentingOpinion(agenda_item_id=item.id, membership_id=membership_id,
                            text=clean_bilingual(text, "text", max_len=10_000, required=True))
    s.add(row)
    s.flush()
    audit.record(s, actor, "vote.dissent", "dissenting_opinion", row.id, item_id=item.id,
                 membership_id=membership_id)
    return row.id
