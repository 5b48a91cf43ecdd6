"""What the meeting-planning screen needs: the open cases that can go on an agenda, and
the persons to invite to an item (the child, the representatives, the school)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.text import fold
from app.i18n import current_language
from app.models import (
    AgendaItem,
    Case,
    CatalogItem,
    Child,
    Meeting,
)
from app.models.enums import CaseStatus, InviteeRole
from app.services import children, meetings
from app.services.context import get


@dataclass(frozen=True, slots=True)
class CaseChoice:
    """An open case that can be put on a meeting's agenda."""

    case_id: str
    label: str  # "14/2026"
    child_id: str
    child_name: str
    birth_date: dt.date
    received_on: dt.date
    category: str
    first_line: str


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def open_cases_for(s: Session, meeting_id: str, *, search: str = "", limit: int = 200,
                   lang: str | None = None) -> list[CaseChoice]:
    """Open cases of the meeting's commission received by the meeting date and not yet on
    its agenda, newest first; `search` matches the child's name or IIN, or the case
    number ("14/2026")."""
    lang = lang or current_language()
    meeting = get(s, Meeting, meeting_id)
    on_agenda = select(AgendaItem.case_id).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False),
        AgendaItem.case_id.is_not(None))
    q = (select(Case, Child).join(Child, Case.child_id == Child.id)
         .where(Case.commission_id == meeting.commission_id, Case.deleted.is_(False),
                Case.status == CaseStatus.OPEN, Case.received_on <= meeting.date,
                Case.id.not_in(on_agenda)))
    term = (search or "").strip()
    if term:
        number, _, year = term.partition("/")
        if number.strip().isdigit() and (not year or year.strip().isdigit()):
            q = q.where(Case.number == int(number))
            if year.strip():
                q = q.where(Case.year == int(year))
        else:
            q = q.where(Child.search_key.like(_like(fold(term)), escape="\\"))
    rows = s.execute(q.order_by(Case.received_on.desc(), Case.id.desc()).limit(limit)).all()
    names = {c.id: c for c in s.scalars(select(CatalogItem).where(
        CatalogItem.id.in_({case.category_id for case, _ in rows})))}
    out = []
    for case, child in rows:
        category = names.get(case.category_id)
        name = " ".join(p for p in (child.surname, child.first_name, child.patronymic) if p)
        out.append(CaseChoice(case.id, f"{case.number}/{case.year}", child.id, name,
                              child.birth_date, case.received_on,
                              category.name(lang) if category else "",
                              meetings.first_line(case.description.shown(lang), 200)))
    return out


@dataclass(frozen=True, slots=True)
class InviteeSuggestion:
    full_name: str
    role: InviteeRole
    organisation: Bilingual | None


def suggested_invitees(s: Session, item_id: str) -> list[InviteeSuggestion]:
    """Who is usually invited to an item about a child: the child, the legal
    representatives (from the child's card) and the school; none already invited."""
    item = get(s, AgendaItem, item_id)
    info = meetings.item_info(s, item)
    if info.child_id is None:
        return []
    child = get(s, Child, info.child_id)
    already = {(p.full_name, p.role) for p in meetings.invitees(s, item.meeting_id)
               if p.agenda_item_id == item.id}
    name = " ".join(p for p in (child.surname, child.first_name, child.patronymic) if p)
    out = [InviteeSuggestion(name, InviteeRole.CHILD, None)]
    out += [InviteeSuggestion(r.full_name, InviteeRole.LEGAL_REPRESENTATIVE, None)
            for r in children.representatives(s, child.id)]
    if child.school:
        lang = get(s, Meeting, item.meeting_id).working_language
        out.append(InviteeSuggestion(child.school.shown(lang), InviteeRole.SCHOOL,
                                     child.school))
    return [o for o in out if (o.full_name, o.role) not in already]
