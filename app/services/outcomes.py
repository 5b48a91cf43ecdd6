"""Outcomes of measures (DOMAIN.md "Decisions and measures"): which measures actually
helped. Read-only; Session in, frozen dataclasses out.

What is counted, for a period (inclusive) and, optionally, a district:

- the measures assigned at the commission's meetings dated in the period, except
  cancelled ones (they were not carried out). With a district, only measures about a
  child of that district (its card, now) count.
- per measure kind and per responsible body (and in total):
  * measures — how many;
  * children — distinct children the measures concern (a measure on a general question
    names no child: it counts only among the measures and their assessments);
  * no new case within 6 / 12 months — per child, from the child's first measure of the
    group in the period (the index date): did a case arrive in the 6 (12) calendar months
    after it? Only children whose 6 (12) months are over by `on` are counted: a child
    measured last month has not shown yet whether the measure worked, and counting them
    as "no new case" would flatter every recent measure;
  * time to removal from the register — of the children on the register at the index
    date, the Kaplan–Meier median of the days until they were taken off it (children
    still on it count as followed so far, app/domain/outcomes.py);
  * assessed effective — of the measures the commission has assessed (its latest
    assessment that is not "too early to say"), how many were assessed effective.

Every share carries its n, and has no value when n < 5 (app.domain.outcomes.Share).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db_sql import iso_date
from app.domain.outcomes import Share, TimeToEvent, add_months, km_median
from app.domain.roles import Permission
from app.i18n import N_
from app.models import (
    Assessment,
    Case,
    CatalogItem,
    Child,
    Commission,
    Decision,
    Measure,
    Meeting,
    RegisterEntry,
    Territory,
)
from app.models.enums import CatalogKind, Effectiveness, MeasureState
from app.services.context import Actor, get, require, today
from app.services.statistics import (
    Label,
    catalog_label,
    check_period,
    message,
    plain_label,
    subtree,
)


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    key: str  # a measure kind's code, a responsible body as written; "" for the total
    label: Label
    measures: int
    children: int
    no_new_case_6m: Share
    no_new_case_12m: Share
    removal: TimeToEvent
    effective: Share


@dataclass(frozen=True, slots=True)
class Outcomes:
    commission_ru: str
    commission_kk: str
    date_from: dt.date
    date_to: dt.date
    on: dt.date  # follow-up is counted up to this day
    district_id: str | None
    district: Label | None  # None: the whole commission
    by_kind: tuple[OutcomeRow, ...]
    by_body: tuple[OutcomeRow, ...]
    total: OutcomeRow

    def commission(self, lang: str) -> str:
        return self.commission_kk if lang == "kk" else self.commission_ru


# The columns of a measure row (see _measures): a plain tuple, as SQLite gives it.
_KIND, _BODY, _CHILD, _ON, _NEXT_CASE, _REGISTER, _RESULT = range(1, 8)


def _text(column):  # type: ignore[no-untyped-def]
    """A code read as its stored text. Dates are read as ISO text too (iso_date): tens
    of thousands of them are compared (ISO dates sort as dates), never parsed one by one."""
    return type_coerce(column, String)


def _measures(s: Session, commission_id: str, date_from: dt.date, date_to: dt.date,
              districts: set[str] | None, on: dt.date) -> list[tuple]:
    """The period's measures, oldest meeting first, each with what followed the day it
    was assigned — the child's first case received after it, the register entry open on
    it (None: none; "": not closed yet; else the day it was closed), and the measure's
    latest assessment other than "too early" (by `on`). One query: the three are
    correlated subqueries (an index probe each), several times faster than fetching
    those tables and matching them in Python."""
    next_case = (select(func.min(Case.received_on))
                 .where(Case.child_id == Measure.child_id, Case.deleted.is_(False),
                        Case.received_on > Meeting.date).scalar_subquery())
    register = (select(func.coalesce(iso_date(RegisterEntry.removed_on), ""))
                .where(RegisterEntry.child_id == Measure.child_id,
                       RegisterEntry.deleted.is_(False), RegisterEntry.put_on <= Meeting.date,
                       or_(RegisterEntry.removed_on.is_(None),
                           RegisterEntry.removed_on > Meeting.date))
                .limit(1).scalar_subquery())
    result = (select(Assessment.result)
              .where(Assessment.measure_id == Measure.id, Assessment.deleted.is_(False),
                     Assessment.result != Effectiveness.TOO_EARLY,
                     Assessment.assessed_on <= on)
              .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
              .limit(1).scalar_subquery())
    # A body is grouped by its Russian name, or its Kazakh one when it has no other.
    body = func.coalesce(Measure.responsible_body_ru, Measure.responsible_body_kk)
    q = (select(Measure.id, Measure.kind_id, body, Measure.child_id,
                iso_date(Meeting.date), iso_date(next_case), register, _text(result))
         .select_from(Measure)
         .join(Decision, Measure.decision_id == Decision.id)
         .join(Meeting, Decision.meeting_id == Meeting.id)
         .where(Meeting.commission_id == commission_id, Meeting.deleted.is_(False),
                Decision.deleted.is_(False), Measure.deleted.is_(False),
                Meeting.date >= date_from, Meeting.date <= date_to,
                Measure.state != MeasureState.CANCELLED)
         .order_by(Meeting.date))
    if districts is not None:
        q = q.join(Child, Measure.child_id == Child.id).where(
            Child.district_id.in_(sorted(districts)))
    return s.connection().execute(q).all()  # Core: no ORM row loading


class _Groups:
    """The measures by kind, by body and in all, counted in one pass over the rows.
    The rows come oldest first, so a child's first row in a group is its index measure."""

    def __init__(self, rows: list[tuple], on: dt.date) -> None:
        self.on = on.isoformat()
        effective = Effectiveness.EFFECTIVE.value
        self.first: dict[tuple[int, str], dict[str, tuple]] = defaultdict(dict)
        self.measures: Counter[tuple[int, str]] = Counter()
        self.assessed: Counter[tuple[int, str]] = Counter()
        self.effective: Counter[tuple[int, str]] = Counter()
        for r in rows:
            keys = ((_KIND, r[_KIND]), (_BODY, r[_BODY]), (0, ""))
            for key in keys:
                self.measures[key] += 1
            if r[_RESULT] is not None:
                for key in keys:
                    self.assessed[key] += 1
                    self.effective[key] += r[_RESULT] == effective
            child = r[_CHILD]
            if child is not None:
                for key in keys:
                    self.first[key].setdefault(child, r)
        days = {r[_ON] for r in rows}
        self.later = {months: {d: add_months(dt.date.fromisoformat(d), months).isoformat()
                               for d in days} for months in (6, 12)}

    def keys(self, column: int) -> list[str]:
        return [key for c, key in self.measures if c == column]

    def row(self, column: int, key: str, label: Label, shown_key: str | None = None
            ) -> OutcomeRow:
        """The figures of one group; the row is keyed `shown_key` (a kind's code) or
        `key`."""
        group = (column, key)
        first = self.first.get(group, {})
        on, six, twelve = self.on, self.later[6], self.later[12]
        followed6 = clean6 = followed12 = clean12 = 0
        removals = []
        for r in first.values():  # one pass: this loop is most of the time outcomes take
            index, next_case, register = r[_ON], r[_NEXT_CASE], r[_REGISTER]
            until = six[index]
            if until <= on:
                followed6 += 1
                clean6 += next_case is None or next_case > until
                until = twelve[index]
                if until <= on:
                    followed12 += 1
                    clean12 += next_case is None or next_case > until
            if register is not None:  # on the register on the index date
                removed = register != "" and register <= on
                days = (dt.date.fromisoformat(register if removed else on)
                        - dt.date.fromisoformat(index)).days
                removals.append((days, removed))
        return OutcomeRow(shown_key or key, label, self.measures[group], len(first),
                          Share(clean6, followed6), Share(clean12, followed12),
                          km_median(removals),
                          Share(self.effective[group], self.assessed[group]))


def _kind_rows(s: Session, g: _Groups) -> tuple[OutcomeRow, ...]:
    kinds = s.scalars(select(CatalogItem).where(
        CatalogItem.catalog == CatalogKind.MEASURE_KIND, CatalogItem.id.in_(g.keys(_KIND)))
        .order_by(CatalogItem.sort_order, CatalogItem.code))
    return tuple(g.row(_KIND, k.id, catalog_label(k), k.code) for k in kinds)


def _body_rows(g: _Groups) -> tuple[OutcomeRow, ...]:
    rows = [g.row(_BODY, body, plain_label(body)) for body in g.keys(_BODY)]
    # The bodies with most children first: they are where the figures say most.
    return tuple(sorted(rows, key=lambda r: (-r.children, -r.measures, r.key.casefold())))


def compute(s: Session, actor: Actor, commission_id: str, date_from: dt.date,
            date_to: dt.date, *, district_id: str | None = None, on: dt.date | None = None
            ) -> Outcomes:
    """The outcomes of the measures assigned in the period (see the module's note)."""
    require(actor, Permission.VIEW)
    check_period(date_from, date_to)
    commission = get(s, Commission, commission_id)
    on = on or today()
    district, districts = None, None
    if district_id:
        territory = get(s, Territory, district_id)
        district = Label(territory.name_ru, territory.name_ru, territory.name_kk)
        districts = subtree(s, district_id)
    g = _Groups(_measures(s, commission_id, date_from, date_to, districts, on), on)
    return Outcomes(commission.name_ru, commission.name_kk, date_from, date_to, on,
                    district_id, district, _kind_rows(s, g), _body_rows(g),
                    g.row(0, "", message(N_("All measures"))))


