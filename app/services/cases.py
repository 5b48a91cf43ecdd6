"""Cases (материалы): opened for a child from a source, numbered per commission and year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.errors import StateError
from app.i18n import N_
from app.models import Case, Child
from app.models.enums import CaseStatus, CatalogKind
from app.services import audit
from app.services.catalogs import require_entry
from app.services.context import Actor, check_date, clean_bilingual, get, require, today


@dataclass(frozen=True, slots=True)
class CaseInfo:
    id: str
    commission_id: str
    child_id: str
    year: int
    number: int
    received_on: dt.date
    source_id: str
    category_id: str
    article_id: str | None
    description: Bilingual
    status: CaseStatus

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


def _info(c: Case) -> CaseInfo:
    return CaseInfo(c.id, c.commission_id, c.child_id, c.year, c.number, c.received_on,
                    c.source_id, c.category_id, c.article_id, c.description,
                    CaseStatus(c.status))


def open_case(s: Session, actor: Actor, child_id: str, *, received_on: dt.date,
              source_id: str, category_id: str, description: Bilingual,
              article_id: str | None = None) -> CaseInfo:
    require(actor, Permission.EDIT_CHILDREN)
    child = get(s, Child, child_id)
    check_date(received_on, "received_on", not_after=today(), not_before=child.birth_date)
    require_entry(s, CatalogKind.SOURCE, source_id, "source_id")
    require_entry(s, CatalogKind.CATEGORY, category_id, "category_id")
    if article_id is not None:
        require_entry(s, CatalogKind.ARTICLE, article_id, "article_id")
    year = received_on.year
    number = 1 + (s.scalar(select(func.max(Case.number)).where(
        Case.commission_id == child.commission_id, Case.year == year)) or 0)
    case = Case(commission_id=child.commission_id, child_id=child_id, year=year, number=number,
                received_on=received_on, source_id=source_id, category_id=category_id,
                article_id=article_id,
                description=clean_bilingual(description, "description", max_len=10_000,
                                            required=True))
    s.add(case)
    s.flush()
    audit.record(s, actor, "case.open", "case_file", case.id, child_id=child_id)
    return _info(case)


def close_case(s: Session, actor: Actor, case_id: str, *, on: dt.date) -> CaseInfo:
    require(actor, Permission.EDIT_CHILDREN)
    case = get(s, Case, case_id)
    if case.status == CaseStatus.CLOSED:
        raise StateError(N_("The case is already closed."))
    case.closed_on = check_date(on, "on", not_before=case.received_on, not_after=today())
    case.status = CaseStatus.CLOSED
    audit.record(s, actor, "case.close", "case_file", case.id)
    return _info(case)


def cases_of_child(s: Session, child_id: str) -> list[CaseInfo]:
    rows = s.scalars(select(Case).where(Case.child_id == child_id, Case.deleted.is_(False))
                     .order_by(Case.received_on))
    return [_info(c) for c in rows]


def get_case(s: Session, case_id: str) -> CaseInfo:
    return _info(get(s, Case, case_id))
