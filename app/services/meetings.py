"""Meetings and their agenda: planning and numbering, the presiding member, agenda items
of the four kinds, control items proposed for due measures, notes, invited persons,
and postponing an item to another meeting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.errors import NotFound, StateError, ValidationError
from app.i18n import N_
from app.models import (
    AgendaItem,
    Case,
    Commission,
    Decision,
    InvitedPerson,
    Measure,
    MeasureReport,
    Meeting,
)
from app.models.enums import (
    CaseStatus,
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeasureState,
    MeetingKind,
    MeetingStatus,
    MemberRole,
)
from app.services import audit
from app.services.attendance import item_of, member_at
from app.services.closing import ensure_item_open, ensure_open
from app.services.commissions import act_in_force
from app.services.context import (
    Actor,
    check_date,
    check_record_language,
    clean_bilingual,
    clean_text,
    get,
    require,
    required_text,
)
from app.services.decisions import MeasureInfo, item_child_id, measure_info

TITLE_MAX = 1000
LONG_TEXT = 10_000
_LABEL = re.compile(r"^\s*(\d{1,6})\s*/\s*(\d{4})\s*$")


class _Unset(Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET  # "leave this field as it is", distinct from None ("clear it")


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    id: str
    commission_id: str
    year: int
    number: int
    date: dt.date
    place: Bilingual
    kind: MeetingKind
    starts_at: dt.time | None
    ends_at: dt.time | None
    status: MeetingStatus
    presiding_id: str | None
    secretary_id: str | None
    working_language: str = "ru"

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


@dataclass(frozen=True, slots=True)
class ItemInfo:
    id: str
    meeting_id: str
    position: int
    kind: ItemKind
    title: Bilingual
    case_id: str | None
    measure_id: str | None
    child_id: str | None
    reporter: str | None
    heard: Bilingual
    spoke: Bilingual
    rights_explained: bool
    motions: Bilingual
    status: ItemStatus
    postponed_to_id: str | None


@dataclass(frozen=True, slots=True)
class InviteeInfo:
    id: str
    meeting_id: str
    agenda_item_id: str | None
    full_name: str
    role: InviteeRole
    organisation: Bilingual
    present: bool


def _info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(m.id, m.commission_id, m.year, m.number, m.date, m.place,
                       MeetingKind(m.kind), m.starts_at, m.ends_at, MeetingStatus(m.status),
                       m.presiding_id, m.secretary_id, m.working_language)


def item_info(s: Session, i: AgendaItem) -> ItemInfo:
    return ItemInfo(i.id, i.meeting_id, i.position, ItemKind(i.kind), i.title, i.case_id,
                    i.measure_id, item_child_id(s, i), i.reporter, i.heard, i.spoke,
                    i.rights_explained, i.motions, ItemStatus(i.status), i.postponed_to_id)


def _check_time(value: dt.time | None, field: str) -> dt.time | None:
    if value is not None and not isinstance(value, dt.time):
        raise ValidationError(N_("This is not a valid time."), field=field)
    return value


# -- meetings ---------------------------------------------------------------------------

def plan_meeting(s: Session, actor: Actor, commission_id: str, *, date: dt.date,
                 place: Bilingual, kind: MeetingKind = MeetingKind.REGULAR,
                 starts_at: dt.time | None = None,
                 working_language: str | None = None) -> MeetingInfo:
    """Plan a meeting, numbered per commission and year; the chair presides and the
    secretary keeps the protocol unless `set_presiding` says otherwise. It is held in
    the commission's working language unless `working_language` says otherwise."""
    require(actor, Permission.PREPARE_MEETING)
    commission = get(s, Commission, commission_id)
    language = check_record_language(working_language or commission.working_language,
                                     "working_language")
    check_date(date, "date")
    try:
        kind = MeetingKind(kind)
    except ValueError:
        raise ValidationError(N_("Choose the type of meeting from the list."),
                              field="kind") from None
    act = act_in_force(s, commission_id, date)
    if act is None:
        raise StateError(N_("No composition of the commission is in force on {date}; "
                            "approve one first."), date=date.isoformat())
    by_role = {m.role: m.id for m in act.members}
    # Tombstones keep their numbers (the unique constraint counts them too).
    number = 1 + (s.scalar(select(func.max(Meeting.number)).where(
        Meeting.commission_id == commission_id, Meeting.year == date.year)) or 0)
    meeting = Meeting(commission_id=commission_id, year=date.year, number=number, date=date,
                      place=clean_bilingual(place, "place", max_len=500, required=True),
                      kind=kind, working_language=language,
                      starts_at=_check_time(starts_at, "starts_at"),
                      status=MeetingStatus.PLANNED,
                      presiding_id=by_role.get(MemberRole.CHAIR),
                      secretary_id=by_role.get(MemberRole.SECRETARY))
    s.add(meeting)
    s.flush()
    audit.record(s, actor, "meeting.plan", "meeting", meeting.id, number=meeting.label)
    return _info(meeting)


def get_meeting(s: Session, meeting_id: str) -> MeetingInfo:
    return _info(get(s, Meeting, meeting_id))


def find_meeting(s: Session, commission_id: str, label: str) -> MeetingInfo:
    """A meeting by its number as people write it: "12/2026"."""
    match = _LABEL.match(label or "")
    if match is None:
        raise ValidationError(N_("Write the meeting number as number/year, e.g. 12/2026."),
                              field="label")
    meeting = s.scalar(select(Meeting).where(
        Meeting.commission_id == commission_id, Meeting.number == int(match[1]),
        Meeting.year == int(match[2]), Meeting.deleted.is_(False)))
    if meeting is None:
        raise NotFound(N_("There is no meeting {label}."), label=match[1] + "/" + match[2])
    return _info(meeting)


def meetings_of(s: Session, commission_id: str, year: int | None = None) -> list[MeetingInfo]:
    q = select(Meeting).where(Meeting.commission_id == commission_id,
                              Meeting.deleted.is_(False))
    if year is not None:
        q = q.where(Meeting.year == year)
    return [_info(m) for m in s.scalars(q.order_by(Meeting.year, Meeting.number))]


def set_presiding(s: Session, actor: Actor, meeting_id: str, *, presiding_id: str,
                  secretary_id: str | None = None) -> MeetingInfo:
    """Who presides (say, the deputy chair when the chair is away) and, optionally, who
    keeps the protocol; both must be members in force on the meeting date."""
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    member_at(s, meeting, presiding_id, "presiding_id")
    if secretary_id is not None:
        member_at(s, meeting, secretary_id, "secretary_id")
    if presiding_id == (secretary_id or meeting.secretary_id):
        raise ValidationError(N_("The presiding member and the secretary must be different "
                                 "people."), field="presiding_id")
    meeting.presiding_id = presiding_id
    if secretary_id is not None:
        meeting.secretary_id = secretary_id
    s.flush()
    audit.record(s, actor, "meeting.set_presiding", "meeting", meeting.id,
                 presiding_id=presiding_id, secretary_id=meeting.secretary_id)
    return _info(meeting)


def start_meeting(s: Session, actor: Actor, meeting_id: str) -> MeetingInfo:
    require(actor, Permission.RECORD_MEETING)
    meeting = ensure_open(s, meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise StateError(N_("This meeting has already started."))
    meeting.status = MeetingStatus.IN_PROGRESS
    s.flush()
    audit.record(s, actor, "meeting.start", "meeting", meeting.id)
    return _info(meeting)


# -- agenda -----------------------------------------------------------------------------

def _live_items(s: Session, meeting_id: str) -> list[AgendaItem]:
    return list(s.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position)))


def _append(s: Session, meeting: Meeting, **values: object) -> AgendaItem:
    last = s.scalar(select(func.max(AgendaItem.position)).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False))) or 0
    item = AgendaItem(meeting_id=meeting.id, position=last + 1, status=ItemStatus.PENDING,
                      rights_explained=False, **values)
    s.add(item)
    s.flush()
    return item


def first_line(text: str, limit: int = TITLE_MAX) -> str:
    """The first line of a text, shortened with an ellipsis to `limit` characters."""
    lines = text.strip().splitlines()
    line = lines[0].strip() if lines else ""
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def add_child_case_item(s: Session, actor: Actor, meeting_id: str, case_id: str, *,
                        title: Bilingual | None = None) -> ItemInfo:
    """A child's case; without a title the first line of the case description is used
    (the heading "Case No." is added by the documents, in their own language)."""
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    case = get(s, Case, case_id)
    if case.commission_id != meeting.commission_id:
        raise ValidationError(N_("This case belongs to another commission."), field="case_id")
    if case.status != CaseStatus.OPEN:
        raise ValidationError(N_("This case is closed; reopen it to consider it again."),
                              field="case_id")
    if case.received_on > meeting.date:
        raise ValidationError(N_("This case was received after the meeting date."),
                              field="case_id")
    if any(i.case_id == case.id for i in _live_items(s, meeting.id)):
        raise ValidationError(N_("This case is already on the agenda of this meeting."),
                              field="case_id")
    title = clean_bilingual(title, "title", max_len=TITLE_MAX) or Bilingual(
        *(first_line(t) if t else None for t in (case.description.ru, case.description.kk)))
    item = _append(s, meeting, kind=ItemKind.CHILD_CASE, title=title, case_id=case.id)
    audit.record(s, actor, "meeting.add_item", "agenda_item", item.id, meeting_id=meeting.id,
                 kind=ItemKind.CHILD_CASE.value, case_id=case.id)
    return item_info(s, item)


def add_general_item(s: Session, actor: Actor, meeting_id: str, *, title: Bilingual,
                     reporter: str) -> ItemInfo:
    """A general question on which a body reports (bullying prevention in schools, say)."""
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    item = _append(s, meeting, kind=ItemKind.GENERAL,
                   title=clean_bilingual(title, "title", max_len=TITLE_MAX, required=True),
                   reporter=required_text(reporter, "reporter", max_len=300))
    audit.record(s, actor, "meeting.add_item", "agenda_item", item.id, meeting_id=meeting.id,
                 kind=ItemKind.GENERAL.value)
    return item_info(s, item)


def add_organisational_item(s: Session, actor: Actor, meeting_id: str, *, title: Bilingual
                            ) -> ItemInfo:
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    item = _append(s, meeting, kind=ItemKind.ORGANISATIONAL,
                   title=clean_bilingual(title, "title", max_len=TITLE_MAX, required=True))
    audit.record(s, actor, "meeting.add_item", "agenda_item", item.id, meeting_id=meeting.id,
                 kind=ItemKind.ORGANISATIONAL.value)
    return item_info(s, item)


def due_measures(s: Session, meeting_id: str) -> list[MeasureInfo]:
    """Measures to control at this meeting: of the same commission, deadline before the
    meeting date, neither cancelled nor accepted, no accepted report, not on the agenda."""
    meeting = get(s, Meeting, meeting_id)
    on_agenda = select(AgendaItem.measure_id).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False),
        AgendaItem.measure_id.is_not(None))
    accepted_report = select(MeasureReport.id).where(
        MeasureReport.measure_id == Measure.id, MeasureReport.accepted.is_(True),
        MeasureReport.deleted.is_(False)).exists()
    rows = s.scalars(
        select(Measure)
        .join(Decision, Measure.decision_id == Decision.id)
        .join(Meeting, Decision.meeting_id == Meeting.id)
        .where(Meeting.commission_id == meeting.commission_id,
               Measure.deleted.is_(False), Decision.deleted.is_(False),
               Measure.deadline < meeting.date,
               Measure.state.not_in([MeasureState.CANCELLED, MeasureState.ACCEPTED]),
               ~accepted_report, Measure.id.not_in(on_agenda))
        .order_by(Measure.deadline, Measure.id))
    return [measure_info(m) for m in rows]


def _control_title(m: MeasureInfo) -> Bilingual:
    # Data only (the measure, the body, the deadline), in each language the measure has:
    # the heading "Control of execution" comes from the item kind, translated by the
    # documents.
    def line(lang: str) -> str | None:
        text = m.text.get(lang)
        if text is None:
            return None
        body = m.responsible_body.get(lang) or m.responsible_body.shown(lang)
        tail = f" — {body}, {m.deadline:%d.%m.%Y}"
        return first_line(text, TITLE_MAX - len(tail)) + tail

    return Bilingual(line("ru"), line("kk"))


def build_agenda(s: Session, actor: Actor, meeting_id: str) -> list[ItemInfo]:
    """Append one control item per due measure; returns the whole agenda in order."""
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    due = due_measures(s, meeting.id)
    for m in due:
        _append(s, meeting, kind=ItemKind.CONTROL, title=_control_title(m), measure_id=m.id)
    audit.record(s, actor, "meeting.build_agenda", "meeting", meeting.id, added=len(due))
    return agenda(s, meeting.id)


def agenda(s: Session, meeting_id: str) -> list[ItemInfo]:
    return [item_info(s, i) for i in _live_items(s, meeting_id)]


def move_item(s: Session, actor: Actor, item_id: str, new_position: int) -> list[ItemInfo]:
    """Move an item to another place (1-based); the others close up around it."""
    require(actor, Permission.PREPARE_MEETING)
    item = ensure_item_open(s, item_id)
    items = _live_items(s, item.meeting_id)
    if not isinstance(new_position, int) or not 1 <= new_position <= len(items):
        raise ValidationError(N_("The position must be from 1 to {count}."),
                              field="new_position", count=len(items))
    items.remove(item)
    items.insert(new_position - 1, item)
    for position, row in enumerate(items, start=1):
        if row.position != position:
            row.position = position
    s.flush()
    audit.record(s, actor, "meeting.move_item", "agenda_item", item.id,
                 meeting_id=item.meeting_id, position=new_position)
    return agenda(s, item.meeting_id)


def record_item_notes(s: Session, actor: Actor, item_id: str, *,
                      reporter: str | None | _Unset = UNSET,
                      heard: Bilingual | None | _Unset = UNSET,
                      spoke: Bilingual | None | _Unset = UNSET,
                      rights_explained: bool | _Unset = UNSET,
                      motions: Bilingual | None | _Unset = UNSET) -> ItemInfo:
    """What the protocol says about an item: HEARD, SPOKE, rights explained, motions.
    Only the fields given change; None clears one."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    changed = []
    if reporter is not UNSET:
        item.reporter = clean_text(reporter, "reporter", max_len=300)
        changed.append("reporter")
    for name, value in (("heard", heard), ("spoke", spoke), ("motions", motions)):
        if value is not UNSET:
            setattr(item, name, clean_bilingual(value, name, max_len=LONG_TEXT))
            changed.append(name)
    if rights_explained is not UNSET:
        if not isinstance(rights_explained, bool):
            raise ValidationError(N_("Answer yes or no."), field="rights_explained")
        if rights_explained and item.kind != ItemKind.CHILD_CASE:
            raise ValidationError(N_("Rights are explained when a child's case is "
                                     "considered."), field="rights_explained")
        item.rights_explained = rights_explained
        changed.append("rights_explained")
    s.flush()
    audit.record(s, actor, "meeting.item_notes", "agenda_item", item.id, fields=changed)
    return item_info(s, item)


def postpone_item(s: Session, actor: Actor, item_id: str, *,
                  to_meeting_id: str | None = None) -> ItemInfo:
    """Postpone an undecided item; with a target meeting, the same question is appended
    to that meeting's agenda (the original stays, marked postponed, for the protocol)."""
    require(actor, Permission.PREPARE_MEETING)
    item = ensure_item_open(s, item_id)
    if item.status != ItemStatus.PENDING:
        raise StateError(N_("Item {number} is already decided or postponed."),
                         number=item.position)
    new_item = None
    if to_meeting_id is not None:
        source = get(s, Meeting, item.meeting_id)
        target = ensure_open(s, to_meeting_id)
        if target.id == source.id or target.commission_id != source.commission_id:
            raise ValidationError(N_("Choose another meeting of this commission."),
                                  field="to_meeting_id")
        if target.date < source.date:
            raise ValidationError(N_("An item can only be postponed to a later meeting."),
                                  field="to_meeting_id")
        new_item = _append(s, target, kind=item.kind, title=item.title, case_id=item.case_id,
                           measure_id=item.measure_id, reporter=item.reporter)
    item.status = ItemStatus.POSTPONED
    item.postponed_to_id = to_meeting_id
    s.flush()
    audit.record(s, actor, "meeting.postpone_item", "agenda_item", item.id,
                 to_meeting_id=to_meeting_id, new_item_id=new_item.id if new_item else None)
    return item_info(s, item)


# -- invited persons --------------------------------------------------------------------

def _invitee_info(p: InvitedPerson) -> InviteeInfo:
    return InviteeInfo(p.id, p.meeting_id, p.agenda_item_id, p.full_name,
                       InviteeRole(p.role), p.organisation, p.present)


def invite(s: Session, actor: Actor, meeting_id: str, *, full_name: str, role: InviteeRole,
           item_id: str | None = None, organisation: Bilingual | None = None
           ) -> InviteeInfo:
    """Invite a person (the child, a parent, the school, ...) to the meeting or one item."""
    require(actor, Permission.PREPARE_MEETING)
    meeting = ensure_open(s, meeting_id)
    try:
        role = InviteeRole(role)
    except ValueError:
        raise ValidationError(N_("Choose the role of the invited person from the list."),
                              field="role") from None
    if item_id is not None:
        item_of(s, meeting.id, item_id)
    person = InvitedPerson(meeting_id=meeting.id, agenda_item_id=item_id, role=role,
                           full_name=required_text(full_name, "full_name", max_len=300),
                           organisation=clean_bilingual(organisation, "organisation",
                                                        max_len=300),
                           present=False)
    s.add(person)
    s.flush()
    audit.record(s, actor, "meeting.invite", "invited_person", person.id,
                 meeting_id=meeting.id, role=role.value)
    return _invitee_info(person)


def set_invitee_present(s: Session, actor: Actor, invitee_id: str, present: bool
                        ) -> InviteeInfo:
    require(actor, Permission.RECORD_MEETING)
    person = get(s, InvitedPerson, invitee_id)
    ensure_open(s, person.meeting_id)
    person.present = bool(present)
    s.flush()
    audit.record(s, actor, "meeting.invitee_present", "invited_person", person.id,
                 present=person.present)
    return _invitee_info(person)


def invitees(s: Session, meeting_id: str) -> list[InviteeInfo]:
    # UUIDv7 ids are time-ordered: people come back in the order they were invited.
    rows = s.scalars(select(InvitedPerson).where(
        InvitedPerson.meeting_id == meeting_id, InvitedPerson.deleted.is_(False))
        .order_by(InvitedPerson.id))
    return [_invitee_info(p) for p in rows]
