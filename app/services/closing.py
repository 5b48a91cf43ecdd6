"""Closing a meeting, and the numbered amendments that correct it afterwards.

`ensure_open` is the one gate every write to a meeting's records passes through: once
closed, the protocol is signed, and only an amendment (which keeps the original text)
changes what it says. Measures, reports and assessments are followed up after the
meeting and do not pass through this gate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit_anchor
from app.domain.bilingual import RECORD_LANGUAGES, Bilingual
from app.domain.roles import Permission
from app.domain.voting import VoteWarning
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import AgendaItem, Amendment, Decision, Measure, Meeting
from app.models.base import utcnow
from app.models.enums import ItemStatus, MeetingStatus
from app.services import audit
from app.services.context import Actor, clean_bilingual, get, require, required_text, today

if TYPE_CHECKING:
    from app.services.meetings import MeetingInfo

LONG_TEXT = 10_000



def _each_language(fields: dict[str, int]) -> dict[str, int]:
    """An amendment corrects one language of a bilingual text: it names the column."""
    return {f"{name}_{lang}": size for name, size in fields.items()
            for lang in RECORD_LANGUAGES}


# What an amendment may correct: table -> (model, {column: max length}).
AMENDABLE: dict[str, tuple[type, dict[str, int]]] = {
    "agenda_item": (AgendaItem, _each_language({"title": 1000, "heard": LONG_TEXT,
                                                "spoke": LONG_TEXT, "motions": LONG_TEXT})),
    "decision": (Decision, _each_language({"text": LONG_TEXT, "circumstances": LONG_TEXT,
                                           "rights_violations": LONG_TEXT,
                                           "causes": LONG_TEXT})),
    "measure": (Measure, {**_each_language({"text": LONG_TEXT, "responsible_body": 300}),
                          "responsible_person": 300}),
}


def ensure_open(s: Session, meeting_id: str) -> Meeting:
    """The meeting, if its records may still be changed."""
    meeting = get(s, Meeting, meeting_id)
    if meeting.status == MeetingStatus.CLOSED:
        raise StateError(N_("This meeting is closed; its records can only be corrected by "
                            "an amendment."))
    return meeting


def ensure_item_open(s: Session, item_id: str) -> AgendaItem:
    """An agenda item, if its meeting is still open."""
    item = get(s, AgendaItem, item_id)
    ensure_open(s, item.meeting_id)
    return item


def close_meeting(s: Session, actor: Actor, meeting_id: str, *,
                  ends_at: dt.time | None = None) -> MeetingInfo:
    """Close the meeting once every item is decided or postponed and every decided
    item's votes add up; from then on only amendments change its records."""
    # Imported here: those modules import ensure_open from this one.
    from app.services.meetings import get_meeting
    from app.services.voting import item_outcome

    require(actor, Permission.CLOSE_MEETING)
    meeting = ensure_open(s, meeting_id)
    if ends_at is not None:
        if not isinstance(ends_at, dt.time):
            raise ValidationError(N_("This is not a valid time."), field="ends_at")
        if meeting.starts_at is not None and ends_at <= meeting.starts_at:
            raise ValidationError(N_("The meeting cannot end before it starts."),
                                  field="ends_at")
    items = s.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position)).all()
    for item in items:
        if item.status == ItemStatus.PENDING:
            raise StateError(N_("Item {number} of the agenda is still pending: record its "
                                "decision or postpone it."), number=item.position)
    for item in items:
        if item.status != ItemStatus.DECIDED:
            continue
        outcome = item_outcome(s, item.id)
        # Without a quorum nothing is put to the vote, so there is nothing to add up.
        if outcome.has_quorum and VoteWarning.VOTES_DONT_ADD_UP in outcome.warnings:
            raise StateError(N_("The votes on item {number} do not add up to the members "
                                "present and entitled to vote; correct them first."),
                             number=item.position)
    if ends_at is not None:
        meeting.ends_at = ends_at
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = utcnow()
    s.flush()
    audit.record(s, actor, "meeting.close", "meeting", meeting.id, items=len(items))
    audit_anchor.after_commit(s, "meeting_close")
    return get_meeting(s, meeting.id)


@dataclass(frozen=True, slots=True)
class AmendmentInfo:
    id: str
    meeting_id: str
    number: int
    target_table: str
    target_id: str
    field: str
    original_text: str | None
    new_text: str
    reason: Bilingual
    amended_on: dt.date


def _info(a: Amendment) -> AmendmentInfo:
    return AmendmentInfo(a.id, a.meeting_id, a.number, a.target_table, a.target_id, a.field,
                         a.original_text, a.new_text, a.reason, a.amended_on)


def _meeting_of(s: Session, target_table: str, row: object) -> str:
    if target_table == "measure":
        return get(s, Decision, row.decision_id).meeting_id  # type: ignore[attr-defined]
    return row.meeting_id  # type: ignore[attr-defined]


def amend(s: Session, actor: Actor, meeting_id: str, *, target_table: str, target_id: str,
          field: str, new_text: str, reason: Bilingual) -> AmendmentInfo:
    """Correct one text of a closed meeting by a numbered amendment; the record itself is
    never modified, so the signed protocol can always be shown as it was."""
    require(actor, Permission.AMEND_MEETING)
    meeting = get(s, Meeting, meeting_id)
    if meeting.status != MeetingStatus.CLOSED:
        raise StateError(N_("Only a closed meeting is amended; while the meeting is open, "
                            "edit the record itself."))
    if target_table not in AMENDABLE:
        raise ValidationError(N_("This record cannot be amended."), field="target_table")
    model, fields = AMENDABLE[target_table]
    if field not in fields:
        raise ValidationError(N_("This part of the record cannot be amended."), field="field")
    target = get(s, model, target_id)
    if _meeting_of(s, target_table, target) != meeting.id:
        raise ValidationError(N_("This record does not belong to the meeting being amended."),
                              field="target_id")
    new_text = required_text(new_text, "new_text", max_len=fields[field])
    original = current_text(s, target_table, target_id, field)
    if new_text == original:
        raise ValidationError(N_("The new text is the same as the current one."),
                              field="new_text")
    # Tombstones keep their numbers (the unique constraint counts them too).
    number = 1 + (s.scalar(select(func.max(Amendment.number))
                           .where(Amendment.meeting_id == meeting.id)) or 0)
    entry = Amendment(meeting_id=meeting.id, number=number, target_table=target_table,
                    target_id=target_id, field=field, original_text=original,
                    new_text=new_text,
                    reason=clean_bilingual(reason, "reason", max_len=LONG_TEXT, required=True),
                    amended_on=today(), user_id=actor.user_id or actor.login)
    s.add(entry)
    s.flush()
    audit.record(s, actor, "meeting.amend", "amendment", entry.id, meeting_id=meeting.id,
                 number=number, target_table=target_table, target_id=target_id, field=field)
    return _info(entry)


def amendments(s: Session, meeting_id: str) -> list[AmendmentInfo]:
    rows = s.scalars(select(Amendment).where(
        Amendment.meeting_id == meeting_id, Amendment.deleted.is_(False))
        .order_by(Amendment.number))
    return [_info(a) for a in rows]


def current_text(s: Session, target_table: str, target_id: str, field: str) -> str | None:
    """The text as it stands now: the latest amendment's, else the record's own."""
    if target_table not in AMENDABLE or field not in AMENDABLE[target_table][1]:
        raise ValidationError(N_("This part of the record cannot be amended."), field="field")
    latest = s.scalar(select(Amendment.new_text).where(
        Amendment.target_table == target_table, Amendment.target_id == target_id,
        Amendment.field == field, Amendment.deleted.is_(False))
        .order_by(Amendment.number.desc()).limit(1))
    if latest is not None:
        return latest
    return getattr(get(s, AMENDABLE[target_table][0], target_id), field)


def current_bilingual(s: Session, target_table: str, target_id: str, name: str) -> Bilingual:
    """Both languages of a bilingual text as they stand now (amendments applied)."""
    return Bilingual(*(current_text(s, target_table, target_id, f"{name}_{lang}")
                       for lang in ("ru", "kk")))
