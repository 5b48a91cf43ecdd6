"""The child card: who the child is, and one timeline of everything that happened.

The timeline gathers, across every meeting, the child's cases, decisions, measures,
execution reports and assessments, with the register entries and risk categories,
ordered by date. Titles carry data only (numbers, catalog names); what kind of entry
it is and its state are codes that the UI translates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.i18n import current_language
from app.models import (
    AgendaItem,
    Assessment,
    Case,
    CatalogItem,
    Child,
    ChildCategory,
    Decision,
    Measure,
    MeasureReport,
    Meeting,
    RegisterEntry,
    Territory,
)
from app.services import children
from app.services.children import ChildInfo, RepresentativeInfo
from app.services.context import Actor, get, require, today
from app.services.decisions import measure_info

# Kinds, in the order entries of the same day are shown.
KINDS = ("case", "category", "register", "decision", "measure", "report", "assessment")
_ORDER = {k: n for n, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date
    kind: str  # one of KINDS
    title: str  # data only: a number, a catalog name, a responsible body
    details: str  # the text: description, decision, measure, report, comment, reason
    meeting_label: str | None  # "12/2026": the meeting the entry belongs to
    state: str | None  # a code: case/measure state, "adopted", "accepted", a result...
    ref_id: str  # the id of the record shown
    due: dt.date | None = None  # a measure's deadline, an assessment's next review


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    id: str  # the child_category row
    category_id: str
    name: str
    since: dt.date


@dataclass(frozen=True, slots=True)
class RegisterInfo:
    id: str
    put_on: dt.date
    reason: Bilingual
    removed_on: dt.date | None
    removal_reason: Bilingual


@dataclass(frozen=True, slots=True)
class ChildCard:
    child: ChildInfo
    district: str | None
    representatives: tuple[RepresentativeInfo, ...]
    categories: tuple[CategoryInfo, ...]
    register: tuple[RegisterInfo, ...]  # oldest first
    timeline: tuple[TimelineEntry, ...]

    @property
    def on_register(self) -> bool:
        return any(r.removed_on is None for r in self.register)


def _name(item: CatalogItem | None, lang: str) -> str:
    return item.name(lang) if item is not None else ""


def _catalog(s: Session, ids: set[str]) -> dict[str, CatalogItem]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return {c.id: c for c in s.scalars(select(CatalogItem).where(CatalogItem.id.in_(wanted)))}


def child_timeline(s: Session, child_id: str, *, lang: str | None = None,
                   on: dt.date | None = None) -> list[TimelineEntry]:
    """Every case, decision, measure, report and assessment of the child across
    meetings, with register entries and risk categories, by date (oldest first).
    `on` is the day a measure counts as overdue after (default: today)."""
    lang = lang or current_language()
    on = on or today()
    out: list[TimelineEntry] = []

    cases = list(s.scalars(select(Case).where(Case.child_id == child_id,
                                              Case.deleted.is_(False))))
    decisions = list(s.execute(
        select(Decision, Meeting).join(Meeting, Decision.meeting_id == Meeting.id)
        .where(Decision.child_id == child_id, Decision.deleted.is_(False))))
    measures = list(s.execute(
        select(Measure, Meeting)
        .join(Decision, Measure.decision_id == Decision.id)
        .join(Meeting, Decision.meeting_id == Meeting.id)
        .where(Measure.child_id == child_id, Measure.deleted.is_(False))))
    measure_ids = [m.id for m, _ in measures]
    reports = list(s.scalars(select(MeasureReport).where(
        MeasureReport.measure_id.in_(measure_ids), MeasureReport.deleted.is_(False))))
    assessments = list(s.execute(
        select(Assessment, Meeting)
        .outerjoin(AgendaItem, Assessment.agenda_item_id == AgendaItem.id)
        .outerjoin(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Assessment.measure_id.in_(measure_ids), Assessment.deleted.is_(False))))
    categories = list(s.scalars(select(ChildCategory).where(
        ChildCategory.child_id == child_id, ChildCategory.deleted.is_(False))))
    names = _catalog(s, {c.category_id for c in cases} | {m.kind_id for m, _ in measures}
                     | {c.category_id for c in categories})

    for c in cases:
        out.append(TimelineEntry(
            c.received_on, "case", f"{c.number}/{c.year} — {_name(names.get(c.category_id), lang)}",
            c.description.shown(lang), None, str(c.status), c.id))
    for d, meeting in decisions:
        out.append(TimelineEntry(
            meeting.date, "decision", f"{meeting.number}/{d.number}", d.text.shown(lang),
            meeting.label,
            "adopted" if d.adopted else "not_adopted", d.id))
    by_measure: dict[str, tuple[Measure, Meeting]] = {}
    for m, meeting in measures:
        by_measure[m.id] = (m, meeting)
        out.append(TimelineEntry(
            meeting.date, "measure",
            f"{_name(names.get(m.kind_id), lang)} — {m.responsible_body.shown(lang)}",
            m.text.shown(lang),
            meeting.label, measure_info(m).effective_state(on).value, m.id, due=m.deadline))
    for r in reports:
        m, meeting = by_measure[r.measure_id]
        state = "pending" if r.accepted is None else ("accepted" if r.accepted
                                                      else "not_accepted")
        title = _name(names.get(m.kind_id), lang)
        if r.reported_by:
            title += f" — {r.reported_by}"
        out.append(TimelineEntry(r.reported_on, "report", title, r.text.shown(lang),
                                 meeting.label,
                                 state, r.id))
    for a, control_meeting in assessments:
        m, meeting = by_measure[a.measure_id]
        label = control_meeting.label if control_meeting is not None else meeting.label
        out.append(TimelineEntry(a.assessed_on, "assessment", _name(names.get(m.kind_id), lang),
                                 a.comment.shown(lang), label, str(a.result), a.id,
                                 due=a.next_review))
    for e in s.scalars(select(RegisterEntry).where(RegisterEntry.child_id == child_id,
                                                   RegisterEntry.deleted.is_(False))):
        out.append(TimelineEntry(e.put_on, "register", "", e.reason.shown(lang), None,
                                 "put_on", e.id))
        if e.removed_on is not None:
            out.append(TimelineEntry(e.removed_on, "register", "", e.removal_reason.shown(lang),
                                     None, "removed", e.id))
    for c in categories:
        out.append(TimelineEntry(c.since, "category", _name(names.get(c.category_id), lang),
                                 "", None, None, c.id))
    out.sort(key=lambda e: (e.date, _ORDER[e.kind], e.state == "removed", e.ref_id))
    return out


def child_card(s: Session, actor: Actor, child_id: str, *, lang: str | None = None,
               on: dt.date | None = None) -> ChildCard:
    """Everything the child card shows, read in one go."""
    require(actor, Permission.VIEW)
    lang = lang or current_language()
    child = get(s, Child, child_id)
    info = children.get_child(s, actor, child_id)
    district = None
    if child.district_id:
        t = s.get(Territory, child.district_id)
        district = None if t is None else (t.name_kk if lang == "kk" else t.name_ru)
    cats = s.execute(
        select(ChildCategory, CatalogItem)
        .join(CatalogItem, ChildCategory.category_id == CatalogItem.id)
        .where(ChildCategory.child_id == child_id, ChildCategory.deleted.is_(False))
        .order_by(ChildCategory.since, CatalogItem.sort_order))
    register = s.scalars(select(RegisterEntry).where(
        RegisterEntry.child_id == child_id, RegisterEntry.deleted.is_(False))
        .order_by(RegisterEntry.put_on, RegisterEntry.id))
    return ChildCard(
        child=info, district=district,
        representatives=tuple(children.representatives(s, child_id)),
        categories=tuple(CategoryInfo(c.id, c.category_id, item.name(lang), c.since)
                         for c, item in cats),
        register=tuple(RegisterInfo(r.id, r.put_on, r.reason, r.removed_on, r.removal_reason)
                       for r in register),
        timeline=tuple(child_timeline(s, child_id, lang=lang, on=on)))
