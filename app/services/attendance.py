"""Who is at the meeting, item by item: presence with late arrival and early leave,
absence with its reason, declared conflicts of interest, and the quorum of each item."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.voting import QuorumRule, quorum_required
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import AgendaItem, Attendance, Commission, Meeting, Recusal, Vote
from app.models.enums import AbsenceReason, MemberRole
from app.services import audit
from app.services.closing import ensure_item_open, ensure_open
from app.services.commissions import MemberInfo, members_on
from app.services.context import Actor, clean_bilingual, clean_text, get, require


@dataclass(frozen=True, slots=True)
class AttendanceInfo:
    membership_id: str
    full_name: str
    role: MemberRole
    present: bool
    absence_reason: AbsenceReason | None
    reason_note: Bilingual
    arrived_item_id: str | None
    left_item_id: str | None


@dataclass(frozen=True, slots=True)
class ItemQuorum:
    members_in_force: int
    present: int
    recused: int  # recused members among those present
    required: int
    has_quorum: bool


def members_at(s: Session, meeting: Meeting) -> tuple[MemberInfo, ...]:
    """The composition in force on the meeting's date: the only people who count."""
    return members_on(s, meeting.commission_id, meeting.date)


def member_at(s: Session, meeting: Meeting, membership_id: str,
              field: str = "membership_id") -> MemberInfo:
    for m in members_at(s, meeting):
        if m.id == membership_id:
            return m
    raise ValidationError(N_("This person is not a member of the composition in force on "
                             "the meeting date."), field=field)


def item_of(s: Session, meeting_id: str, item_id: str, field: str = "item_id") -> AgendaItem:
    item = get(s, AgendaItem, item_id)
    if item.meeting_id != meeting_id:
        raise ValidationError(N_("This item is not on this meeting's agenda."), field=field)
    return item


def _row(s: Session, meeting_id: str, membership_id: str) -> Attendance | None:
    # Tombstones included: the unique (meeting, member) constraint counts them, so a
    # removed row is revived rather than inserted again.
    return s.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                             Attendance.membership_id == membership_id))


def _save(s: Session, meeting_id: str, membership_id: str, **values: object) -> Attendance:
    row = _row(s, meeting_id, membership_id)
    if row is None:
        row = Attendance(meeting_id=meeting_id, membership_id=membership_id)
        s.add(row)
    row.deleted = False
    for key, value in values.items():
        setattr(row, key, value)
    s.flush()
    return row


def mark_present(s: Session, actor: Actor, meeting_id: str, membership_id: str, *,
                 arrived_item_id: str | None = None) -> AttendanceInfo:
    """Present from the start, or from `arrived_item_id` on (a late arrival)."""
    require(actor, Permission.RECORD_MEETING)
    meeting = ensure_open(s, meeting_id)
    member = member_at(s, meeting, membership_id)
    arrived_at = 0
    if arrived_item_id is not None:
        arrived_at = item_of(s, meeting.id, arrived_item_id, "arrived_item_id").position
    # A recorded early leave survives a corrected arrival if it still comes after it.
    old = _row(s, meeting.id, membership_id)
    left_item_id = None
    if (old is not None and not old.deleted and old.present and old.left_item_id
            and get(s, AgendaItem, old.left_item_id).position >= arrived_at):
        left_item_id = old.left_item_id
    row = _save(s, meeting.id, membership_id, present=True, absence_reason=None,
                reason_note=Bilingual(), arrived_item_id=arrived_item_id, left_item_id=left_item_id)
    audit.record(s, actor, "attendance.present", "attendance", row.id,
                 meeting_id=meeting.id, late=arrived_item_id is not None)
    return _info(member, row)


def mark_absent(s: Session, actor: Actor, meeting_id: str, membership_id: str, *,
                reason: AbsenceReason, note: Bilingual | None = None) -> AttendanceInfo:
    require(actor, Permission.RECORD_MEETING)
    meeting = ensure_open(s, meeting_id)
    member = member_at(s, meeting, membership_id)
    try:
        reason = AbsenceReason(reason)
    except ValueError:
        raise ValidationError(N_("Choose the reason of absence from the list."),
                              field="reason") from None
    note = clean_bilingual(note, "note", max_len=500)
    if reason == AbsenceReason.OTHER and not note:
        raise ValidationError(N_("Say why the member is absent."), field="note")
    row = _save(s, meeting.id, membership_id, present=False, absence_reason=reason,
                reason_note=note, arrived_item_id=None, left_item_id=None)
    audit.record(s, actor, "attendance.absent", "attendance", row.id,
                 meeting_id=meeting.id, reason=reason.value)
    return _info(member, row)


def mark_left(s: Session, actor: Actor, meeting_id: str, membership_id: str, *,
              left_item_id: str) -> AttendanceInfo:
    """An early leave: present at `left_item_id`, absent from the next item on."""
    require(actor, Permission.RECORD_MEETING)
    meeting = ensure_open(s, meeting_id)
    member = member_at(s, meeting, membership_id)
    left = item_of(s, meeting.id, left_item_id, "left_item_id")
    row = _row(s, meeting.id, membership_id)
    if row is None or row.deleted or not row.present:
        raise StateError(N_("Mark the member present before recording an early leave."))
    if row.arrived_item_id and get(s, AgendaItem, row.arrived_item_id).position > left.position:
        raise ValidationError(N_("The member cannot leave before arriving."),
                              field="left_item_id")
    row.left_item_id = left.id
    s.flush()
    audit.record(s, actor, "attendance.left", "attendance", row.id, meeting_id=meeting.id)
    return _info(member, row)


def _info(m: MemberInfo, row: Attendance | None) -> AttendanceInfo:
    if row is None or row.deleted:
        return AttendanceInfo(m.id, m.full_name, m.role, False, None, Bilingual(), None, None)
    reason = AbsenceReason(row.absence_reason) if row.absence_reason else None
    return AttendanceInfo(m.id, m.full_name, m.role, row.present, reason, row.reason_note,
                          row.arrived_item_id, row.left_item_id)


def roll_call(s: Session, meeting_id: str) -> list[AttendanceInfo]:
    """Every member in force, in the order of the act; unmarked ones show as not present
    with no reason, so the secretary sees who is still to be marked."""
    meeting = get(s, Meeting, meeting_id)
    rows = {a.membership_id: a for a in s.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.deleted.is_(False)))}
    return [_info(m, rows.get(m.id)) for m in members_at(s, meeting)]


def present_at_item(s: Session, item_id: str) -> frozenset[str]:
    """Membership ids present at an item, honouring late arrival and early leave."""
    item = get(s, AgendaItem, item_id)
    meeting = get(s, Meeting, item.meeting_id)
    in_force = {m.id for m in members_at(s, meeting)}
    positions = dict(s.execute(select(AgendaItem.id, AgendaItem.position).where(
        AgendaItem.meeting_id == meeting.id)).all())
    present = set()
    for a in s.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.present.is_(True),
            Attendance.deleted.is_(False))):
        if a.membership_id not in in_force:
            continue
        if a.arrived_item_id and positions[a.arrived_item_id] > item.position:
            continue
        if a.left_item_id and positions[a.left_item_id] < item.position:
            continue
        present.add(a.membership_id)
    return frozenset(present)


def _recusal(s: Session, item_id: str, membership_id: str) -> Recusal | None:
    # Tombstones included, as for attendance: unique (item, member).
    return s.scalar(select(Recusal).where(Recusal.agenda_item_id == item_id,
                                          Recusal.membership_id == membership_id))


def recuse(s: Session, actor: Actor, item_id: str, membership_id: str, *,
           reason: str | None = None) -> str:
    """A declared conflict of interest: the member neither votes on the item nor counts
    towards its quorum. A ballot already recorded for the member is removed."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    member_at(s, get(s, Meeting, item.meeting_id), membership_id)
    reason = clean_text(reason, "reason", max_len=500)
    row = _recusal(s, item.id, membership_id)
    if row is None:
        row = Recusal(agenda_item_id=item.id, membership_id=membership_id)
        s.add(row)
    row.deleted = False
    row.reason = reason
    vote = s.scalar(select(Vote).where(Vote.agenda_item_id == item.id,
                                       Vote.membership_id == membership_id,
                                       Vote.deleted.is_(False)))
    if vote is not None:
        vote.deleted = True
    s.flush()
    audit.record(s, actor, "attendance.recuse", "recusal", row.id, item_id=item.id,
                 membership_id=membership_id)
    return row.id


def withdraw_recusal(s: Session, actor: Actor, item_id: str, membership_id: str) -> None:
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    row = _recusal(s, item.id, membership_id)
    if row is None or row.deleted:
        raise StateError(N_("This member has not declared a conflict of interest on this "
                            "item."))
    row.deleted = True  # tombstone: the exchange carries the withdrawal
    s.flush()
    audit.record(s, actor, "attendance.withdraw_recusal", "recusal", row.id, item_id=item.id)


def recused_at_item(s: Session, item_id: str) -> frozenset[str]:
    return frozenset(s.scalars(select(Recusal.membership_id).where(
        Recusal.agenda_item_id == item_id, Recusal.deleted.is_(False))))


def item_quorum(s: Session, item_id: str) -> ItemQuorum:
    item = get(s, AgendaItem, item_id)
    meeting = get(s, Meeting, item.meeting_id)
    rule = QuorumRule(get(s, Commission, meeting.commission_id).quorum_rule)
    n = len(members_at(s, meeting))
    present = present_at_item(s, item.id)
    recused = recused_at_item(s, item.id) & present
    required = quorum_required(n, rule)
    return ItemQuorum(n, len(present), len(recused), required,
                      len(present) - len(recused) >= required)
