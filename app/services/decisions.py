"""Decisions on agenda items and the measures they assign.

A decision stores the vote as counted when it was recorded (the protocol prints those
numbers); only an adopted decision assigns measures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.voting import VoteWarning
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import AgendaItem, Case, Decision, Measure, Meeting
from app.models.enums import CatalogKind, ItemStatus, MeasureState
from app.services import audit
from app.services.catalogs import require_entry
from app.services.closing import ensure_item_open
from app.services.context import Actor, check_date, clean_bilingual, clean_text, get, require
from app.services.voting import item_outcome

LONG_TEXT = 10_000
OPEN_STATES = (MeasureState.ASSIGNED, MeasureState.IN_PROGRESS)


def effective_state(state: MeasureState, deadline: dt.date, today: dt.date) -> MeasureState:
    """OVERDUE is derived, never stored: an open measure whose deadline has passed."""
    if state in OPEN_STATES and deadline < today:
        return MeasureState.OVERDUE
    return state


@dataclass(frozen=True, slots=True)
class MeasureInput:
    kind_id: str
    text: Bilingual
    responsible_body: Bilingual
    deadline: dt.date
    responsible_person: str | None = None


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: str
    decision_id: str
    child_id: str | None
    kind_id: str
    text: Bilingual
    responsible_body: Bilingual
    responsible_person: str | None
    deadline: dt.date
    state: MeasureState

    def effective_state(self, today: dt.date) -> MeasureState:
        return effective_state(self.state, self.deadline, today)


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    id: str
    meeting_id: str
    agenda_item_id: str
    number: int
    label: str  # "12/3": meeting number / decision number
    child_id: str | None
    template_id: str | None
    text: Bilingual
    votes_for: int
    votes_against: int
    abstained: int
    adopted: bool
    measures: tuple[MeasureInfo, ...]


def measure_info(m: Measure) -> MeasureInfo:
    return MeasureInfo(m.id, m.decision_id, m.child_id, m.kind_id, m.text, m.responsible_body,
                       m.responsible_person, m.deadline, MeasureState(m.state))


def item_child_id(s: Session, item: AgendaItem) -> str | None:
    """The child an item is about: through its case, or the measure it controls."""
    if item.case_id:
        return get(s, Case, item.case_id).child_id
    if item.measure_id:
        return get(s, Measure, item.measure_id).child_id
    return None


def _info(s: Session, d: Decision) -> DecisionInfo:
    meeting = get(s, Meeting, d.meeting_id)
    # UUIDv7 ids are time-ordered: measures come back in the order they were given.
    measures = s.scalars(select(Measure).where(
        Measure.decision_id == d.id, Measure.deleted.is_(False)).order_by(Measure.id))
    return DecisionInfo(d.id, d.meeting_id, d.agenda_item_id, d.number,
                        f"{meeting.number}/{d.number}", d.child_id, d.template_id, d.text,
                        d.votes_for, d.votes_against, d.abstained, d.adopted,
                        tuple(measure_info(m) for m in measures))


def _clean_measure(s: Session, m: MeasureInput, row: int, meeting_date: dt.date
                   ) -> MeasureInput:
    try:
        require_entry(s, CatalogKind.MEASURE_KIND, m.kind_id, "kind_id")
        check_date(m.deadline, "deadline", not_before=meeting_date)
        return MeasureInput(
            kind_id=m.kind_id, deadline=m.deadline,
            text=clean_bilingual(m.text, "text", max_len=LONG_TEXT, required=True),
            responsible_body=clean_bilingual(m.responsible_body, "responsible_body",
                                             max_len=300, required=True),
            responsible_person=clean_text(m.responsible_person, "responsible_person",
                                          max_len=300))
    except ValidationError as exc:
        exc.params.setdefault("row", row)  # which measure of the list is at fault
        raise


def record_decision(s: Session, actor: Actor, item_id: str, *, text: Bilingual,
                    template_id: str | None = None, measures: Sequence[MeasureInput] = (),
                    circumstances: Bilingual | None = None,
                    rights_violations: Bilingual | None = None,
                    causes: Bilingual | None = None) -> DecisionInfo:
    """Record what was resolved on an item, with the vote as it stands now."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    if item.status != ItemStatus.PENDING:
        raise StateError(N_("Item {number} is already decided or postponed."),
                         number=item.position)
    meeting = get(s, Meeting, item.meeting_id)
    text = clean_bilingual(text, "text", max_len=LONG_TEXT, required=True)
    if template_id is not None:
        require_entry(s, CatalogKind.DECISION_TEMPLATE, template_id, "template_id")
    extra = {name: clean_bilingual(value, name, max_len=LONG_TEXT) for name, value in (
        ("circumstances", circumstances), ("rights_violations", rights_violations),
        ("causes", causes))}
    outcome = item_outcome(s, item.id)
    # Checked here as well as at closing: once recorded, the votes are frozen.
    if outcome.has_quorum and VoteWarning.VOTES_DONT_ADD_UP in outcome.warnings:
        raise ValidationError(N_("The votes recorded ({votes}) do not add up to the {entitled} "
                                 "members present and entitled to vote; record every vote "
                                 "first."), field="votes", entitled=outcome.entitled,
                              votes=outcome.votes_for + outcome.votes_against
                              + outcome.abstained)
    if measures and not outcome.adopted:
        raise ValidationError(N_("The decision was not adopted, so it cannot assign "
                                 "measures."), field="measures")
    clean = [_clean_measure(s, m, row, meeting.date)
             for row, m in enumerate(measures, start=1)]
    # Tombstones keep their numbers (the unique constraint counts them too).
    number = 1 + (s.scalar(select(func.max(Decision.number))
                           .where(Decision.meeting_id == meeting.id)) or 0)
    child_id = item_child_id(s, item)
    decision = Decision(meeting_id=meeting.id, agenda_item_id=item.id, number=number,
                        child_id=child_id, template_id=template_id, text=text,
                        votes_for=outcome.votes_for, votes_against=outcome.votes_against,
                        abstained=outcome.abstained, adopted=outcome.adopted, **extra)
    s.add(decision)
    s.flush()
    for m in clean:
        s.add(Measure(decision_id=decision.id, child_id=child_id, kind_id=m.kind_id,
                      text=m.text, responsible_body=m.responsible_body,
                      responsible_person=m.responsible_person, deadline=m.deadline,
                      state=MeasureState.ASSIGNED))
    item.status = ItemStatus.DECIDED
    s.flush()
    audit.record(s, actor, "decision.record", "decision", decision.id, item_id=item.id,
                 adopted=outcome.adopted, result=outcome.result.value, measures=len(clean))
    return _info(s, decision)


def get_decision(s: Session, decision_id: str) -> DecisionInfo:
    return _info(s, get(s, Decision, decision_id))


def decisions_of_meeting(s: Session, meeting_id: str) -> list[DecisionInfo]:
    rows = s.scalars(select(Decision).where(
        Decision.meeting_id == meeting_id, Decision.deleted.is_(False))
        .order_by(Decision.number))
    return [_info(s, d) for d in rows]
