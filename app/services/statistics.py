"""Statistics for a period and, optionally, a district (DOMAIN.md "Reports"), and the
lists the Excel exports write. Read-only; Session in, frozen dataclasses out.

What is counted (the period is inclusive, `on` is the day measure states are judged):

- meetings held: the commission's meetings dated in the period that are in progress or
  closed, or have a decision recorded; their agenda items, decisions and measures;
- children considered: distinct children of the child's-case items decided at them;
- cases received: cases with `received_on` in the period;
- measures assigned: the measures of decisions taken at those meetings, each in its
  state on `on` (overdue is derived: open with the deadline passed), and its latest
  assessment of effectiveness;
- register: entries put on, and entries removed, with the date in the period.

With a district, only what concerns a child whose district lies in that territory (the
district itself or anything under it) is counted: a meeting counts when one of its items
is about such a child; general and organisational questions, which name no child, drop
out. A child counts in the district and school recorded on the child's card now.

Every figure is an `int` in a `StatTable` row; row, column and table names come as
`Label`s in English, Russian and Kazakh, so the same statistics feed the screen (in the
UI language) and a workbook (in its own language).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.domain.chunks import chunks
from app.domain.roles import Permission
from app.domain.text import fold
from app.errors import NotFound, ValidationError
from app.i18n import N_, tr
from app.labels import LABELS
from app.models import (
    AgendaItem,
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
from app.models.enums import (
    CatalogKind,
    Effectiveness,
    ItemKind,
    ItemStatus,
    MeasureState,
    MeetingKind,
    MeetingStatus,
)
from app.services import registry
from app.services.context import Actor, check_date, get, require, today
from app.services.decisions import effective_state

_NONE = ""  # the key of the "not stated" row
EXPORT_PAGE = registry.MAX_PAGE


@dataclass(frozen=True, slots=True)
class Label:
    """A name in the three languages of Kenes."""

    en: str
    ru: str
    kk: str

    def name(self, lang: str) -> str:
        return {"ru": self.ru, "kk": self.kk}.get(lang, self.en)


def message(msgid: str) -> Label:
    """A label from the one gettext catalog (the English source is the msgid)."""
    return Label(msgid, tr("ru", msgid), tr("kk", msgid))


def plain_label(text: str) -> Label:
    return Label(text, text, text)


@dataclass(frozen=True, slots=True)
class StatRow:
    key: str  # a code, an id, a school's name, or "YYYY-MM"; "" for "not stated"
    label: Label
    values: tuple[int, ...]
    month: dt.date | None = None  # rows by month: the month's first day


@dataclass(frozen=True, slots=True)
class StatTable:
    key: str
    title: Label
    head: Label  # the heading of the row names
    columns: tuple[Label, ...]
    rows: tuple[StatRow, ...]
    total: tuple[int, ...]
    chart: tuple[int, ...] = (0,)  # the columns drawn as bars
    chart_rows: int = 0  # draw only the first N rows (0: all)
    note: Label | None = None

    def row(self, key: str) -> StatRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def value(self, key: str, column: int) -> int:
        row = self.row(key)
        return row.values[column] if row else 0


@dataclass(frozen=True, slots=True)
class Summary:
    meetings: int
    items: int
    children_considered: int
    cases: int
    decisions: int
    decisions_adopted: int
    measures_assigned: int
    measures_done: int
    measures_overdue: int
    measures_effective: int
    put_on_register: int
    removed_from_register: int

    def figures(self) -> tuple[tuple[str, Label, int], ...]:
        """(field, label, value) in the order the report shows them."""
        return tuple((name, message(text), getattr(self, name)) for name, text in _SUMMARY)


_SUMMARY = (
    ("meetings", N_("Meetings held")),
    ("items", N_("Agenda items considered")),
    ("children_considered", N_("Children considered (each counted once)")),
    ("cases", N_("Cases received")),
    ("decisions", N_("Decisions recorded")),
    ("decisions_adopted", N_("Decisions adopted")),
    ("measures_assigned", N_("Measures assigned")),
    ("measures_done", N_("Measures done (report accepted)")),
    ("measures_overdue", N_("Measures overdue")),
    ("measures_effective", N_("Measures assessed effective")),
    ("put_on_register", N_("Children put on the register")),
    ("removed_from_register", N_("Children removed from the register")),
)


@dataclass(frozen=True, slots=True)
class Statistics:
    commission_ru: str
    commission_kk: str
    date_from: dt.date
    date_to: dt.date
    on: dt.date  # measure states as of this day
    district_id: str | None
    district: Label | None  # None: the whole commission
    summary: Summary
    meetings_by_kind: StatTable
    items_by_kind: StatTable
    cases_by_category: StatTable  # rows: categories, columns: sources and the total
    decisions_by_type: StatTable
    measures_by_kind: StatTable
    by_district: StatTable
    by_school: StatTable
    by_month: StatTable

    def commission(self, lang: str) -> str:
        return self.commission_kk if lang == "kk" else self.commission_ru

    @property
    def tables(self) -> tuple[StatTable, ...]:
        return (self.meetings_by_kind, self.items_by_kind, self.cases_by_category,
                self.decisions_by_type, self.measures_by_kind, self.by_district,
                self.by_school, self.by_month)


# -- what is read ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Place:
    district_id: str | None
    school: str | None


@dataclass(frozen=True, slots=True)
class _Item:
    meeting_id: str
    month: dt.date
    kind: ItemKind
    status: ItemStatus
    child_id: str | None


@dataclass(frozen=True, slots=True)
class _Measure:
    month: dt.date
    kind_id: str
    state: MeasureState  # effective state on `on`
    result: Effectiveness | None  # the latest assessment
    child_id: str | None


def _month(d: dt.date) -> dt.date:
    return d.replace(day=1)


def subtree(s: Session, root_id: str) -> set[str]:
    """A territory and every territory under it."""
    out, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [t for t in s.scalars(select(Territory.id).where(
            Territory.parent_id.in_(frontier), Territory.deleted.is_(False))) if t not in out]
        out.update(frontier)
    return out


_TERRITORY_WORDS = re.compile(r"\b(район|р-н|ауданы|аудан|город|г|каласы|district|city)\b\.?")


def territory_key(name: str) -> str:
    """A territory's name folded and without "район", "ауданы", "город"...: what people
    write in lists ("Баянаул", "г. Экибастуз")."""
    return " ".join(_TERRITORY_WORDS.sub(" ", fold(name)).split())


def territory_names(s: Session, commission_id: str) -> dict[str, str | None]:
    """Folded names (full, and by `territory_key`) -> territory id. The commission's own
    territories win over others; a name two territories share maps to None."""
    own = subtree(s, get(s, Commission, commission_id).territory_id)
    found: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    for tid, ru, kk in s.execute(select(Territory.id, Territory.name_ru, Territory.name_kk)
                                 .where(Territory.deleted.is_(False))):
        for key in {fold(ru), fold(kk), territory_key(ru), territory_key(kk)} - {""}:
            found[tid not in own].setdefault(key, set()).add(tid)
    names: dict[str, str | None] = {}
    for group in reversed(found):  # others first, so that the commission's own win
        for key, ids in group.items():
            names[key] = next(iter(ids)) if len(ids) == 1 else None
    return names


def find_district(s: Session, commission_id: str, name: str) -> str:
    """A territory's id by a name as people write it (any language, "район" or not)."""
    names = territory_names(s, commission_id)
    found = names.get(fold(name)) or names.get(territory_key(name))
    if found is None:
        raise NotFound(N_("There is no territory named {name}."), name=name)
    return found


class _Reader:
    """Reads the period's records once; the tables are counted from them in Python (a
    commission's year is hundreds of items, not millions)."""

    def __init__(self, s: Session, commission_id: str, date_from: dt.date, date_to: dt.date,
                 on: dt.date, districts: set[str] | None) -> None:
        self.s, self.commission_id, self.on = s, commission_id, on
        self.date_from, self.date_to = date_from, date_to
        self.districts = districts
        self.places: dict[str, _Place] = {}
        self.school_labels: dict[str, Label] = {}  # a school's key: its Russian name
        decided = (select(Decision.id).where(Decision.meeting_id == Meeting.id,
                                             Decision.deleted.is_(False)).exists())
        meetings = s.execute(select(Meeting.id, Meeting.date, Meeting.kind).where(
            Meeting.commission_id == commission_id, Meeting.deleted.is_(False),
            Meeting.date >= date_from, Meeting.date <= date_to,
            (Meeting.status != MeetingStatus.PLANNED) | decided)).all()
        self.meeting_kind = {m.id: MeetingKind(m.kind) for m in meetings}
        self.meeting_month = {m.id: _month(m.date) for m in meetings}
        ids = list(self.meeting_kind)
        self.items = self._items(ids)
        self.decisions = self._decisions(ids)
        self.measures = self._measures(ids)
        self.cases = self._cases()
        self.put_on, self.removed = self._register()
        self._load_places()
        if districts is not None:
            self._keep_district()

    def _items(self, meeting_ids: list[str]) -> list[_Item]:
        controlled = aliased(Measure)
        out = []
        for chunk in chunks(meeting_ids):
            rows = self.s.execute(
                select(AgendaItem.meeting_id, AgendaItem.kind, AgendaItem.status,
                       func.coalesce(Case.child_id, controlled.child_id))
                .outerjoin(Case, AgendaItem.case_id == Case.id)
                .outerjoin(controlled, AgendaItem.measure_id == controlled.id)
                .where(AgendaItem.meeting_id.in_(chunk), AgendaItem.deleted.is_(False)))
            out += [_Item(m, self.meeting_month[m], ItemKind(k), ItemStatus(st), c)
                    for m, k, st, c in rows]
        return out

    def _decisions(self, meeting_ids: list[str]) -> list[tuple[str, dt.date, str | None,
                                                             bool, str | None]]:
        out = []
        for chunk in chunks(meeting_ids):
            rows = self.s.execute(
                select(Decision.id, Decision.meeting_id, Decision.template_id,
                       Decision.adopted, Decision.child_id)
                .where(Decision.meeting_id.in_(chunk), Decision.deleted.is_(False)))
            out += [(d, self.meeting_month[m], t, bool(a), c) for d, m, t, a, c in rows]
        return out

    def _measures(self, meeting_ids: list[str]) -> list[_Measure]:
        raw = []
        for chunk in chunks(meeting_ids):
            raw += self.s.execute(
                select(Measure.id, Decision.meeting_id, Measure.kind_id, Measure.state,
                       Measure.deadline, Measure.child_id)
                .join(Decision, Measure.decision_id == Decision.id)
                .where(Decision.meeting_id.in_(chunk), Decision.deleted.is_(False),
                       Measure.deleted.is_(False))).all()
        latest: dict[str, Effectiveness] = {}
        for chunk in chunks([r.id for r in raw]):
            for measure_id, result in self.s.execute(
                    select(Assessment.measure_id, Assessment.result)
                    .where(Assessment.measure_id.in_(chunk), Assessment.deleted.is_(False))
                    .order_by(Assessment.assessed_on, Assessment.id)):
                latest[measure_id] = Effectiveness(result)  # the latest wins
        return [_Measure(self.meeting_month[r.meeting_id], r.kind_id,
                         effective_state(MeasureState(r.state), r.deadline, self.on),
                         latest.get(r.id), r.child_id) for r in raw]

    def _cases(self) -> list[tuple[dt.date, str, str, str]]:
        rows = self.s.execute(select(Case.received_on, Case.category_id, Case.source_id,
                                     Case.child_id).where(
            Case.commission_id == self.commission_id, Case.deleted.is_(False),
            Case.received_on >= self.date_from, Case.received_on <= self.date_to))
        return [(_month(d), cat, src, child) for d, cat, src, child in rows]

    def _register(self) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
        base = (select(RegisterEntry.put_on, RegisterEntry.removed_on, RegisterEntry.child_id)
                .join(Child, RegisterEntry.child_id == Child.id)
                .where(Child.commission_id == self.commission_id, Child.deleted.is_(False),
                       RegisterEntry.deleted.is_(False)))
        put_on, removed = [], []
        period = (self.date_from, self.date_to)
        for on, off, child in self.s.execute(base.where(
                (RegisterEntry.put_on.between(*period))
                | (RegisterEntry.removed_on.between(*period)))):
            if self.date_from <= on <= self.date_to:
                put_on.append((_month(on), child))
            if off is not None and self.date_from <= off <= self.date_to:
                removed.append((_month(off), child))
        return put_on, removed

    def _load_places(self) -> None:
        wanted = {c for c in (
            *(i.child_id for i in self.items), *(d[4] for d in self.decisions),
            *(m.child_id for m in self.measures), *(c[3] for c in self.cases),
            *(c for _m, c in self.put_on), *(c for _m, c in self.removed)) if c}
        for chunk in chunks(sorted(wanted)):
            for child_id, district_id, ru, kk in self.s.execute(
                    select(Child.id, Child.district_id, Child.school_ru, Child.school_kk)
                    .where(Child.id.in_(chunk))):
                ru, kk = (ru or "").strip() or None, (kk or "").strip() or None
                key = ru or kk
                if key is not None:
                    self.school_labels.setdefault(key, Label(key, key, kk or key))
                self.places[child_id] = _Place(district_id, key)

    def in_district(self, child_id: str | None) -> bool:
        place = self.places.get(child_id or "")
        return place is not None and place.district_id in (self.districts or ())

    def _keep_district(self) -> None:
        keep = self.in_district
        self.items = [i for i in self.items if keep(i.child_id)]
        self.decisions = [d for d in self.decisions if keep(d[4])]
        self.measures = [m for m in self.measures if keep(m.child_id)]
        self.cases = [c for c in self.cases if keep(c[3])]
        self.put_on = [r for r in self.put_on if keep(r[1])]
        self.removed = [r for r in self.removed if keep(r[1])]
        concerned = {i.meeting_id for i in self.items}
        self.meeting_kind = {k: v for k, v in self.meeting_kind.items() if k in concerned}

    def considered(self) -> list[_Item]:
        """The child's-case items decided: each names a child considered."""
        return [i for i in self.items if i.kind == ItemKind.CHILD_CASE and
                i.status == ItemStatus.DECIDED and i.child_id]

    def place(self, child_id: str | None) -> _Place:
        return self.places.get(child_id or "", _Place(None, None))


# -- the tables --------------------------------------------------------------------------

def _table(key: str, title: str, head: str, columns: Iterable[Label | str],
           rows: Iterable[StatRow], *, total: Sequence[int] | None = None,
           chart: tuple[int, ...] = (0,), chart_rows: int = 0, note: str | None = None
           ) -> StatTable:
    rows = tuple(rows)
    cols = tuple(c if isinstance(c, Label) else message(c) for c in columns)
    sums = tuple(total) if total is not None else tuple(
        sum(r.values[n] for r in rows) for n in range(len(cols)))
    return StatTable(key, message(title), message(head), cols, rows, sums, chart, chart_rows,
                     message(note) if note else None)


def _enum_label(code: object) -> Label:
    return message(LABELS[type(code), code.value])  # type: ignore[attr-defined]


def _catalog(s: Session, kind: CatalogKind, used: set[str]) -> list[CatalogItem]:
    """Active entries in catalog order, plus inactive ones that are counted."""
    rows = s.scalars(select(CatalogItem).where(
        CatalogItem.catalog == kind, CatalogItem.deleted.is_(False))
        .order_by(CatalogItem.sort_order, CatalogItem.code))
    return [c for c in rows if c.active or c.id in used]


def catalog_label(c: CatalogItem) -> Label:
    return Label(c.name_en, c.name_ru, c.name_kk)


def _meetings_table(r: _Reader) -> StatTable:
    meetings = Counter(r.meeting_kind.values())
    items = Counter(r.meeting_kind[i.meeting_id] for i in r.items)
    return _table("meetings_by_kind", N_("Meetings by type"), N_("Type of meeting"),
                  (N_("Meetings held"), N_("Agenda items")),
                  (StatRow(k.value, _enum_label(k), (meetings[k], items[k]))
                   for k in MeetingKind))


def _items_table(r: _Reader) -> StatTable:
    count = Counter((i.kind, i.status) for i in r.items)
    rows = [StatRow(k.value, _enum_label(k),
                    (sum(n for (kind, _st), n in count.items() if kind == k),
                     count[k, ItemStatus.DECIDED], count[k, ItemStatus.POSTPONED]))
            for k in ItemKind]
    return _table("items_by_kind", N_("Agenda items by kind"), N_("Kind of item"),
                  (N_("On the agenda"), N_("Items decided"), N_("Items postponed")), rows)


def _cases_table(s: Session, r: _Reader) -> StatTable:
    pairs = Counter((cat, src) for _m, cat, src, _c in r.cases)
    categories = _catalog(s, CatalogKind.CATEGORY, {c for c, _ in pairs})
    sources = _catalog(s, CatalogKind.SOURCE, {src for _, src in pairs})
    rows = [StatRow(c.code, catalog_label(c),
                    (*(pairs[c.id, src.id] for src in sources),
                     sum(n for (cat, _s), n in pairs.items() if cat == c.id)))
            for c in categories]
    return _table("cases_by_category", N_("Cases by category and source"), N_("Category"),
                  (*(catalog_label(src) for src in sources), N_("Total")), rows,
                  chart=(len(sources),))


def _decisions_table(s: Session, r: _Reader) -> StatTable:
    recorded = Counter(d[2] for d in r.decisions)
    adopted = Counter(d[2] for d in r.decisions if d[3])
    templates = _catalog(s, CatalogKind.DECISION_TEMPLATE, set(recorded))
    rows = [StatRow(t.code, catalog_label(t), (recorded[t.id], adopted[t.id]))
            for t in templates]
    if recorded[None]:
        rows.append(StatRow(_NONE, message(N_("Without a template")),
                            (recorded[None], adopted[None])))
    return _table("decisions_by_type", N_("Decisions by type"), N_("Type of decision"),
                  (N_("Recorded"), N_("Adopted")), rows)


_MEASURE_COLUMNS = (N_("Measures assigned"), N_("Being carried out, in time"),
                    N_("Reported, not yet accepted"), N_("Done (accepted)"),
                    N_("Measures overdue"), N_("Cancelled measures"),
                    N_("Assessed effective"), N_("Assessed partly effective"),
                    N_("Assessed not effective"), N_("Too early to assess"))
_STATE_COLUMN = {MeasureState.ASSIGNED: 1, MeasureState.IN_PROGRESS: 1,
                 MeasureState.REPORTED: 2, MeasureState.ACCEPTED: 3,
                 MeasureState.OVERDUE: 4, MeasureState.CANCELLED: 5}
_RESULT_COLUMN = {Effectiveness.EFFECTIVE: 6, Effectiveness.PARTLY: 7,
                  Effectiveness.NOT_EFFECTIVE: 8, Effectiveness.TOO_EARLY: 9}


def _measure_values(measures: Iterable[_Measure]) -> tuple[int, ...]:
    values = [0] * len(_MEASURE_COLUMNS)
    for m in measures:
        values[0] += 1
        values[_STATE_COLUMN[m.state]] += 1
        if m.result is not None:
            values[_RESULT_COLUMN[m.result]] += 1
    return tuple(values)


def _measures_table(s: Session, r: _Reader) -> StatTable:
    by_kind: dict[str, list[_Measure]] = defaultdict(list)
    for m in r.measures:
        by_kind[m.kind_id].append(m)
    kinds = _catalog(s, CatalogKind.MEASURE_KIND, set(by_kind))
    return _table("measures_by_kind", N_("Measures by kind"), N_("Kind of measure"),
                  _MEASURE_COLUMNS,
                  (StatRow(k.code, catalog_label(k), _measure_values(by_kind[k.id]))
                   for k in kinds),
                  chart=(0, 3, 4), note=N_("States as of the date shown on the title "
                                           "sheet; effectiveness by the latest assessment."))


_PLACE_COLUMNS = (N_("Children considered"), N_("Cases received"), N_("Decisions"),
                  N_("Measures assigned"), N_("Measures overdue"),
                  N_("Taken onto the register"), N_("Taken off the register"))


def _place_counts(r: _Reader, key_of) -> dict[str | None, list[int]]:  # type: ignore[no-untyped-def]
    """The place columns, counted per key (a district id or a school)."""
    values: dict[str | None, list[int]] = defaultdict(lambda: [0] * len(_PLACE_COLUMNS))
    children: dict[str | None, set[str]] = defaultdict(set)
    for i in r.considered():
        children[key_of(r.place(i.child_id))].add(i.child_id or "")
    for key, kids in children.items():
        values[key][0] = len(kids)
    for _m, _cat, _src, child in r.cases:
        values[key_of(r.place(child))][1] += 1
    for d in r.decisions:
        values[key_of(r.place(d[4]))][2] += 1
    for m in r.measures:
        values[key_of(r.place(m.child_id))][3] += 1
        if m.state == MeasureState.OVERDUE:
            values[key_of(r.place(m.child_id))][4] += 1
    for _m, child in r.put_on:
        values[key_of(r.place(child))][5] += 1
    for _m, child in r.removed:
        values[key_of(r.place(child))][6] += 1
    return values


def _district_table(s: Session, r: _Reader, commission_territory: str) -> StatTable:
    values = _place_counts(r, lambda p: p.district_id)
    wanted = r.districts if r.districts is not None else subtree(s, commission_territory)
    ids = (wanted | {k for k in values if k}) if r.districts is None else wanted
    names = {t.id: Label(t.name_ru, t.name_ru, t.name_kk) for chunk in chunks(sorted(ids))
             for t in s.scalars(select(Territory).where(Territory.id.in_(chunk)))}
    rows = sorted((StatRow(i, names[i], tuple(values.get(i, [0] * len(_PLACE_COLUMNS))))
                   for i in names), key=lambda row: row.label.ru.casefold())
    # The commission's own territory heads the list: it is where unlocated children are.
    rows.sort(key=lambda row: row.key != commission_territory)
    if values.get(None):
        rows.append(StatRow(_NONE, message(N_("Not stated")), tuple(values[None])))
    return _table("by_district", N_("By district"), N_("District"), _PLACE_COLUMNS, rows,
                  chart=(0, 1), note=N_("Children are counted in the district recorded "
                                        "on their card; decisions and measures on general "
                                        "questions name no child and count as not stated."))


def _school_table(r: _Reader) -> StatTable:
    values = _place_counts(r, lambda p: p.school)
    rows = sorted((StatRow(k, r.school_labels.get(k) or plain_label(k), tuple(v))
                   for k, v in values.items() if k),
                  key=lambda row: (-row.values[0], -row.values[1], row.key.casefold()))
    if values.get(None):
        rows.append(StatRow(_NONE, message(N_("Not stated")), tuple(values[None])))
    return _table("by_school", N_("By school"), N_("School"), _PLACE_COLUMNS, rows,
                  chart=(0, 1), chart_rows=15,
                  note=N_("Schools as recorded on the children's cards, the most children "
                          "considered first; the chart shows the first 15."))


def _month_table(r: _Reader, summary: Summary) -> StatTable:
    months = []
    m = _month(r.date_from)
    while m <= r.date_to:
        months.append(m)
        m = _month(m + dt.timedelta(days=31))
    meetings = Counter(r.meeting_month[k] for k in r.meeting_kind)
    items = Counter(i.month for i in r.items)
    kids: dict[dt.date, set[str]] = defaultdict(set)
    for i in r.considered():
        kids[i.month].add(i.child_id or "")
    cases = Counter(c[0] for c in r.cases)
    decisions = Counter(d[1] for d in r.decisions)
    measures = Counter(x.month for x in r.measures)
    put_on = Counter(x[0] for x in r.put_on)
    removed = Counter(x[0] for x in r.removed)
    rows = [StatRow(f"{m:%Y-%m}", plain_label(f"{m:%m.%Y}"),
                    (meetings[m], items[m], len(kids[m]), cases[m], decisions[m], measures[m],
                     put_on[m], removed[m]), month=m) for m in months]
    total = (summary.meetings, summary.items, summary.children_considered, summary.cases,
             summary.decisions, summary.measures_assigned, summary.put_on_register,
             summary.removed_from_register)
    return _table("by_month", N_("By month"), N_("Month"),
                  (N_("Meetings held"), N_("Agenda items"), N_("Children considered"),
                   N_("Cases received"), N_("Decisions"), N_("Measures assigned"),
                   N_("Taken onto the register"), N_("Taken off the register")), rows,
                  total=total, chart=(3, 2),
                  note=N_("A child considered in two months counts in each of them and "
                          "once in the total."))


def compute(s: Session, actor: Actor, commission_id: str, date_from: dt.date,
            date_to: dt.date, *, district_id: str | None = None, on: dt.date | None = None
            ) -> Statistics:
    """Every figure of the statistical report for the period (inclusive)."""
    require(actor, Permission.VIEW)
    check_period(date_from, date_to)
    commission = get(s, Commission, commission_id)
    on = on or today()
    district = None
    districts = None
    if district_id:
        territory = get(s, Territory, district_id)
        district = Label(territory.name_ru, territory.name_ru, territory.name_kk)
        districts = subtree(s, district_id)
    r = _Reader(s, commission_id, date_from, date_to, on, districts)
    summary = Summary(
        meetings=len(r.meeting_kind), items=len(r.items),
        children_considered=len({i.child_id for i in r.considered()}),
        cases=len(r.cases), decisions=len(r.decisions),
        decisions_adopted=sum(1 for d in r.decisions if d[3]),
        measures_assigned=len(r.measures),
        measures_done=sum(1 for m in r.measures if m.state == MeasureState.ACCEPTED),
        measures_overdue=sum(1 for m in r.measures if m.state == MeasureState.OVERDUE),
        measures_effective=sum(1 for m in r.measures if m.result == Effectiveness.EFFECTIVE),
        put_on_register=len(r.put_on), removed_from_register=len(r.removed))
    return Statistics(
        commission.name_ru, commission.name_kk, date_from, date_to, on, district_id, district,
        summary, _meetings_table(r), _items_table(r), _cases_table(s, r),
        _decisions_table(s, r), _measures_table(s, r),
        _district_table(s, r, commission.territory_id), _school_table(r),
        _month_table(r, summary))


# -- the lists the exports write ---------------------------------------------------------

def district_choices(s: Session, commission_id: str, *, lang: str) -> list[tuple[str, str]]:
    """(id, name) of the territories a report can be narrowed to (the registry's)."""
    return [(c.id, c.name) for c in registry.filter_choices(s, commission_id,
                                                            lang=lang).districts]


def check_period(date_from: dt.date, date_to: dt.date) -> None:
    check_date(date_from, "date_from")
    check_date(date_to, "date_to")
    if date_to < date_from:
        raise ValidationError(N_("The end of the period cannot be before its start."),
                              field="date_to")
