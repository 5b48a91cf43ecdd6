"""Exports of what a list shows (registry with its filters, the measures control list,
the decisions of a period): the rows, read in one pass, for app/reports/xlsx_exports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.text import fold
from app.errors import ValidationError
from app.i18n import N_
from app.models import (
    AgendaItem,
    CatalogItem,
    Child,
    ChildCategory,
    Commission,
    Decision,
    Measure,
    Meeting,
    RegisterEntry,
    Territory,
)
from app.models.base import shown_in
from app.models.enums import (
    CatalogKind,
    MeasureState,
)
from app.services import audit, registry
from app.services.context import Actor, get, require, today
from app.services.decisions import OPEN_STATES
from app.services.measures import ControlView
from app.services.measures_queries import MeasureRow, control_ids, measure_rows
from app.services.registry import RegistryFilter, RegistryRow
from app.services.statistics import (
    Label,
    catalog_label,
    check_period,
    plain_label,
    subtree,
)

_NONE = ""  # the key of the "not stated" row
EXPORT_PAGE = registry.MAX_PAGE


def record_export(s: Session, actor: Actor, what: str, commission_id: str, **details: object
                  ) -> None:
    """Log an export of personal data (Law 94-V): which list, never its content."""
    require(actor, Permission.VIEW)
    audit.record(s, actor, f"export.{what}", "commission", commission_id, **details)


def registry_export(s: Session, actor: Actor, commission_id: str, flt: RegistryFilter, *,
                    lang: str, on: dt.date | None = None) -> Iterator[RegistryRow]:
    """Every child the registry filter finds, as the registry lists them (the same rows,
    columns and order as app.services.registry.find_children), streamed: the caller
    writes them as they come, so 100,000 children are never all in memory.

    One pass over the commission's children in name order instead of the screen's pages
    of correlated sub-queries: the few children with risk categories, a register entry or
    an overdue measure are read first into small maps, and the filter's conditions on them
    are applied to each row as it streams (tests hold the two paths equal)."""
    require(actor, Permission.VIEW)
    get(s, Commission, commission_id)
    if flt.register_status not in registry.REGISTER_STATUSES:
        raise ValidationError(N_("Choose the register status from the list."),
                              field="register_status")
    return _registry_rows(s, commission_id, flt, lang, on or today())


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _registry_rows(s: Session, commission_id: str, flt: RegistryFilter, lang: str,
                   on: dt.date) -> Iterator[RegistryRow]:
    cat_name = (CatalogItem.name_en if lang == "en" else
                CatalogItem.name_kk if lang == "kk" else CatalogItem.name_ru)
    categories: dict[str, list[str]] = defaultdict(list)
    in_category: set[str] = set()
    for child_id, category_id, name in s.execute(
            select(ChildCategory.child_id, ChildCategory.category_id, cat_name)
            .join(CatalogItem, ChildCategory.category_id == CatalogItem.id)
            .where(ChildCategory.deleted.is_(False))
            .order_by(ChildCategory.child_id, CatalogItem.sort_order)):
        categories[child_id].append(name)
        if category_id == flt.category_id:
            in_category.add(child_id)
    registered = set(s.scalars(select(RegisterEntry.child_id).where(
        RegisterEntry.removed_on.is_(None), RegisterEntry.deleted.is_(False))))
    overdue: dict[str, int] = {child_id: n for child_id, n in s.execute(
        select(Measure.child_id, func.count()).where(
            Measure.child_id.is_not(None), Measure.deleted.is_(False),
            Measure.state.in_([m.value for m in OPEN_STATES]), Measure.deadline < on)
        .group_by(Measure.child_id))}
    districts = {t.id: (t.name_kk if lang == "kk" else t.name_ru)
                 for t in s.scalars(select(Territory))}
    conds = [Child.commission_id == commission_id, Child.deleted.is_(False)]
    conds += [Child.search_key.like(_like(w), escape="\\") for w in fold(flt.text).split()]
    if flt.district_id:
        conds.append(Child.district_id == flt.district_id)
    curator = fold(flt.curator)
    rows = s.connection().execute(
        select(Child.id, Child.surname, Child.first_name, Child.patronymic, Child.iin,
               Child.birth_date, Child.district_id, shown_in(Child, "school", lang),
               Child.curator_name,
               Child.search_key)
        .where(*conds).order_by(Child.search_key, Child.id)
        .execution_options(yield_per=EXPORT_PAGE))
    for cid, surname, first, patronymic, iin, born, district, school, cur, key in rows:
        if flt.category_id and cid not in in_category:
            continue
        on_register = cid in registered
        if (flt.register_status == "on" and not on_register) or \
                (flt.register_status == "off" and on_register):
            continue
        late = overdue.get(cid, 0)
        if flt.has_overdue_measures and not late:
            continue
        if curator and (not cur or curator not in fold(cur)):
            continue
        name = " ".join(p for p in (surname, first, patronymic) if p)
        yield RegistryRow(cid, name, born, iin, districts.get(district or ""), school,
                          ", ".join(categories.get(cid, ())), on_register, cur, late, key)


@dataclass(frozen=True, slots=True)
class MeasureLine:
    """A line of the measures control list, as exported."""

    row: MeasureRow
    kind: Label
    state: MeasureState  # effective on the export's day (overdue derived)


def measures_export(s: Session, actor: Actor, commission_id: str, *, view: ControlView,
                    body: str | None = None, on: dt.date | None = None) -> list[MeasureLine]:
    """The measures control list (app.services.measures.control_query) with kind names."""
    require(actor, Permission.VIEW)
    on = on or today()
    ids = control_ids(s, commission_id, on=on, view=view, body=body)
    kinds = {c.id: catalog_label(c) for c in s.scalars(select(CatalogItem).where(
        CatalogItem.catalog == CatalogKind.MEASURE_KIND))}
    return [MeasureLine(r, kinds.get(r.kind_id, plain_label("")), r.effective_state(on))
            for r in measure_rows(s, ids)]


@dataclass(frozen=True, slots=True)
class DecisionLine:
    meeting_date: dt.date
    meeting_label: str  # "12/2026"
    label: str  # "12/3"
    item: int  # the item's number on the agenda
    child_name: str | None
    template: Label | None
    text: Bilingual
    adopted: bool
    votes_for: int
    votes_against: int
    abstained: int
    measures: int


def decisions_export(s: Session, actor: Actor, commission_id: str, date_from: dt.date,
                     date_to: dt.date, *, district_id: str | None = None
                     ) -> list[DecisionLine]:
    """The decisions taken at the commission's meetings in the period, in meeting and
    decision order; with a district, those about a child of that district."""
    require(actor, Permission.VIEW)
    check_period(date_from, date_to)
    measures = (select(func.count(Measure.id)).where(Measure.decision_id == Decision.id,
                                                     Measure.deleted.is_(False))
                .scalar_subquery())
    q = (select(Decision, Meeting.date, Meeting.number, Meeting.year, AgendaItem.position,
                Child.surname, Child.first_name, Child.patronymic, measures)
         .join(Meeting, Decision.meeting_id == Meeting.id)
         .join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
         .outerjoin(Child, Decision.child_id == Child.id)
         .where(Meeting.commission_id == commission_id, Meeting.deleted.is_(False),
                Decision.deleted.is_(False), Meeting.date >= date_from,
                Meeting.date <= date_to)
         .order_by(Meeting.date, Meeting.number, Decision.number))
    if district_id:
        get(s, Territory, district_id)
        q = q.where(Child.district_id.in_(subtree(s, district_id)))
    templates = {c.id: catalog_label(c) for c in s.scalars(select(CatalogItem).where(
        CatalogItem.catalog == CatalogKind.DECISION_TEMPLATE))}
    out = []
    for d, date, number, year, position, surname, first, patronymic, count in s.execute(q):
        name = " ".join(p for p in (surname, first, patronymic) if p) or None
        out.append(DecisionLine(date, f"{number}/{year}", f"{number}/{d.number}", position,
                                name, templates.get(d.template_id or ""), d.text,
                                bool(d.adopted), d.votes_for, d.votes_against, d.abstained,
                                count or 0))
    return out
