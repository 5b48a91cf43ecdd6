"""What the dashboard shows: the next meeting, overdue measures, children by category
and the latest actions of the audit log. Read-only; Session in, frozen dataclasses out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.models import (
    AgendaItem,
    AuditEntry,
    CatalogItem,
    Child,
    ChildCategory,
    Measure,
    Meeting,
    User,
)
from app.models.base import shown_in
from app.models.enums import MeetingKind, MeetingStatus
from app.services.measures import control_query


@dataclass(frozen=True, slots=True)
class NextMeeting:
    id: str
    number: int
    year: int
    date: dt.date
    place: Bilingual
    kind: MeetingKind
    starts_at: dt.time | None
    status: MeetingStatus
    items: int  # agenda items so far

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


@dataclass(frozen=True, slots=True)
class OverdueMeasure:
    id: str
    child_id: str | None
    text: Bilingual
    responsible_body: Bilingual
    deadline: dt.date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class BodyCount:
    body: str
    count: int


@dataclass(frozen=True, slots=True)
class OverdueSummary:
    count: int
    by_body: tuple[BodyCount, ...]  # most overdue measures first
    first: tuple[OverdueMeasure, ...]  # the longest overdue first


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category_id: str
    code: str
    name_en: str
    name_ru: str
    name_kk: str
    children: int

    def name(self, lang: str) -> str:
        return {"ru": self.name_ru, "kk": self.name_kk}.get(lang, self.name_en)


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    seq: int
    at: dt.datetime  # aware, UTC
    login: str | None  # None: the system, or a login attempt for an unknown account
    action: str  # "child.register", ...
    entity: str | None


def next_meeting(s: Session, commission_id: str, *, on: dt.date) -> NextMeeting | None:
    """The meeting in progress, else the first planned one on or after `on`."""
    items = (select(func.count(AgendaItem.id))
             .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.deleted.is_(False))
             .scalar_subquery())
    row = s.execute(
        select(Meeting, items)
        .where(Meeting.commission_id == commission_id, Meeting.deleted.is_(False),
               or_(Meeting.status == MeetingStatus.IN_PROGRESS,
                   (Meeting.status == MeetingStatus.PLANNED) & (Meeting.date >= on)))
        # In progress first (False sorts before True), then by date.
        .order_by(Meeting.status != MeetingStatus.IN_PROGRESS, Meeting.date, Meeting.number)
        .limit(1)).first()
    if row is None:
        return None
    m, count = row
    return NextMeeting(m.id, m.number, m.year, m.date, m.place, MeetingKind(m.kind),
                       m.starts_at, MeetingStatus(m.status), count)


def overdue_summary(s: Session, commission_id: str, *, on: dt.date, first: int = 5,
                    lang: str = "ru") -> OverdueSummary:
    """Open measures whose deadline has passed: how many, by body (named in `lang`
    where the measure has it), and the oldest few."""
    def overdue(*columns: object) -> Select:
        return control_query(commission_id, on=on, view="overdue", columns=columns)

    body = shown_in(Measure, "responsible_body", lang)
    by_body = s.execute(overdue(body, func.count(Measure.id)).group_by(body)).all()
    bodies = tuple(sorted((BodyCount(b, n) for b, n in by_body),
                          key=lambda c: (-c.count, (c.body or '').casefold())))
    oldest = s.scalars(overdue(Measure).order_by(Measure.deadline, Measure.id)
                       .limit(max(0, first)))
    return OverdueSummary(
        sum(c.count for c in bodies), bodies,
        tuple(OverdueMeasure(m.id, m.child_id, m.text, m.responsible_body, m.deadline,
                             (on - m.deadline).days) for m in oldest))


def children_by_category(s: Session, commission_id: str) -> list[CategoryCount]:
    """Children of the commission per risk category (only categories that have children),
    the largest first. A child with two categories counts in both."""
    rows = s.execute(
        select(CatalogItem, func.count(func.distinct(ChildCategory.child_id)))
        .join(ChildCategory, ChildCategory.category_id == CatalogItem.id)
        .join(Child, ChildCategory.child_id == Child.id)
        .where(Child.commission_id == commission_id, Child.deleted.is_(False),
               ChildCategory.deleted.is_(False), CatalogItem.deleted.is_(False))
        .group_by(CatalogItem.id))
    out = [CategoryCount(c.id, c.code, c.name_en, c.name_ru, c.name_kk, n) for c, n in rows]
    return sorted(out, key=lambda c: (-c.children, c.code))


def recent_activity(s: Session, *, limit: int = 10) -> list[ActivityEntry]:
    """The latest audit entries, newest first, with the login of who acted."""
    rows = s.execute(
        select(AuditEntry.seq, AuditEntry.at, User.login, AuditEntry.action, AuditEntry.entity)
        .outerjoin(User, AuditEntry.user_id == User.id)
        .order_by(AuditEntry.seq.desc()).limit(max(0, limit)))
    return [ActivityEntry(seq, dt.datetime.fromisoformat(at), login, action, entity)
            for seq, at, login, action, entity in rows]
