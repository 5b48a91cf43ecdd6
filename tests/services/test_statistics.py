"""Statistics on a small demo commission equal counts made independently through the
other services (meetings, agenda, decisions, measures) and plain queries."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import pytest
from sqlalchemy import select

from app.db import open_database
from app.demo import build_demo
from app.domain.roles import Role
from app.errors import NotFound, ValidationError
from app.models import Case, CatalogItem, Child, Commission, RegisterEntry
from app.models.enums import (
    CatalogKind,
    Effectiveness,
    ItemKind,
    ItemStatus,
    MeasureState,
    MeetingKind,
    MeetingStatus,
)
from app.services import (
    catalogs,
    decisions,
    exports,
    measures,
    meetings,
    registry,
    statistics,
)
from app.services.context import Actor, today
from app.services.registry import RegistryFilter

PASSWORD = "statistics-demo"
VIEWER = Actor(user_id=None, login="viewer", role=Role.VIEWER)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats-demo")
    old = os.environ.get("KENES_DATA_DIR")
    os.environ["KENES_DATA_DIR"] = str(folder / "data")
    build_demo(folder / "demo.db", children=300, meetings=6, seed=7, password=PASSWORD,
               encrypted=False)
    db = open_database(folder / "demo.db")
    with db.session() as s:
        commission_id = s.scalar(select(Commission.id))
    yield db, commission_id
    db.engine.dispose()
    if old is None:
        os.environ.pop("KENES_DATA_DIR", None)
    else:
        os.environ["KENES_DATA_DIR"] = old


PERIOD = (today() - dt.timedelta(days=400), today())


@pytest.fixture(scope="module")
def stats(demo):
    db, commission_id = demo
    with db.read_session() as s:
        return statistics.compute(s, VIEWER, commission_id, *PERIOD)


@pytest.fixture
def s(demo):
    db, _ = demo
    with db.read_session() as session:
        yield session


def _held(s, commission_id):
    return [m for m in meetings.meetings_of(s, commission_id)
            if PERIOD[0] <= m.date <= PERIOD[1] and m.status != MeetingStatus.PLANNED]


def test_meetings_and_items_match_the_agenda(demo, stats, s):
    _, commission_id = demo
    held = _held(s, commission_id)
    assert len(held) == 6 and stats.summary.meetings == 6
    by_kind = Counter(m.kind for m in held)
    for kind in MeetingKind:
        assert stats.meetings_by_kind.value(kind.value, 0) == by_kind[kind]
    items = [i for m in held for i in meetings.agenda(s, m.id)]
    assert stats.summary.items == len(items) > 0
    assert stats.meetings_by_kind.total == (len(held), len(items))
    for kind in ItemKind:
        of_kind = [i for i in items if i.kind == kind]
        assert stats.items_by_kind.row(kind.value).values == (
            len(of_kind), sum(i.status == ItemStatus.DECIDED for i in of_kind),
            sum(i.status == ItemStatus.POSTPONED for i in of_kind))
    considered = {i.child_id for i in items
                  if i.kind == ItemKind.CHILD_CASE and i.status == ItemStatus.DECIDED}
    assert stats.summary.children_considered == len(considered) > 0


def test_decisions_by_template(demo, stats, s):
    _, commission_id = demo
    found = [d for m in _held(s, commission_id) for d in decisions.decisions_of_meeting(s, m.id)]
    assert stats.summary.decisions == len(found) > 0
    assert stats.summary.decisions_adopted == sum(d.adopted for d in found)
    codes = {e.id: e.code for e in catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)}
    by_code = Counter(codes.get(d.template_id, "") for d in found)
    table = stats.decisions_by_type
    assert {r.key: r.values[0] for r in table.rows if r.values[0]} == \
        {k: v for k, v in by_code.items() if v}
    assert table.total[0] == len(found)


def test_measures_states_and_effectiveness(demo, stats, s):
    _, commission_id = demo
    found = [m for mt in _held(s, commission_id)
             for d in decisions.decisions_of_meeting(s, mt.id) for m in d.measures]
    on = stats.on
    states = Counter(m.effective_state(on) for m in found)
    latest = {m.id: (measures.assessments_of(s, m.id) or [None])[-1] for m in found}
    effective = sum(1 for a in latest.values() if a and a.result == Effectiveness.EFFECTIVE)
    summary = stats.summary
    assert summary.measures_assigned == len(found) > 0
    assert summary.measures_done == states[MeasureState.ACCEPTED] > 0
    assert summary.measures_overdue == states[MeasureState.OVERDUE]
    assert summary.measures_effective == effective > 0
    total = stats.measures_by_kind.total
    assert total[0] == len(found)
    assert total[3] == states[MeasureState.ACCEPTED]
    assert total[4] == states[MeasureState.OVERDUE]
    assert total[5] == states[MeasureState.CANCELLED]
    assert total[6:] == tuple(sum(1 for a in latest.values() if a and a.result == r)
                              for r in Effectiveness)
    # Every measure is in exactly one state column.
    assert sum(total[1:6]) == total[0]


def test_cases_by_category_and_source(demo, stats, s):
    _, commission_id = demo
    rows = s.execute(select(CatalogItem.code, Case.source_id).join(
        CatalogItem, Case.category_id == CatalogItem.id).where(
        Case.commission_id == commission_id, Case.received_on >= PERIOD[0],
        Case.received_on <= PERIOD[1])).all()
    assert stats.summary.cases == len(rows) > 0
    table = stats.cases_by_category
    sources = catalogs.entries(s, CatalogKind.SOURCE)
    assert [c.en for c in table.columns[:-1]] == [e.name_en for e in sources]
    for code, n in Counter(code for code, _ in rows).items():
        assert table.value(code, len(sources)) == n
    police = next(i for i, e in enumerate(sources) if e.code == "police")
    assert table.total[police] == sum(1 for _, src in rows if src == sources[police].id)
    assert table.total[-1] == len(rows)


def test_register_and_breakdowns_add_up(demo, stats, s):
    _, commission_id = demo
    entries = s.execute(select(RegisterEntry.put_on, RegisterEntry.removed_on)
                        .join(Child, RegisterEntry.child_id == Child.id)
                        .where(Child.commission_id == commission_id)).all()
    assert stats.summary.put_on_register == sum(PERIOD[0] <= a <= PERIOD[1] for a, _ in entries)
    assert stats.summary.removed_from_register == sum(
        b is not None and PERIOD[0] <= b <= PERIOD[1] for _, b in entries)
    summary = stats.summary
    expected = (summary.children_considered, summary.cases, summary.decisions,
                summary.measures_assigned, summary.measures_overdue, summary.put_on_register,
                summary.removed_from_register)
    assert stats.by_district.total == expected
    assert stats.by_school.total == expected
    assert stats.by_month.total == (summary.meetings, summary.items,
                                    summary.children_considered, summary.cases,
                                    summary.decisions, summary.measures_assigned,
                                    summary.put_on_register, summary.removed_from_register)
    months = [r.month for r in stats.by_month.rows]
    assert months[0] == PERIOD[0].replace(day=1) and months[-1] == PERIOD[1].replace(day=1)
    assert sum(r.values[0] for r in stats.by_month.rows) == summary.meetings


def test_a_district_narrows_every_figure_to_its_children(demo, stats, s):
    db, commission_id = demo
    busiest = max((r for r in stats.by_district.rows if r.key),
                  key=lambda r: (r.values[1], r.values[2]))
    with db.read_session() as session:
        narrow = statistics.compute(session, VIEWER, commission_id, *PERIOD,
                                    district_id=busiest.key)
        lines = exports.decisions_export(session, VIEWER, commission_id, *PERIOD,
                                            district_id=busiest.key)
    assert narrow.district is not None and narrow.district.ru == busiest.label.ru
    n = narrow.summary
    assert (n.children_considered, n.cases, n.decisions, n.measures_assigned,
            n.measures_overdue, n.put_on_register, n.removed_from_register) == busiest.values
    assert len(lines) == n.decisions
    assert n.meetings <= stats.summary.meetings
    assert n.items < stats.summary.items  # general questions name no child
    assert [r.key for r in narrow.by_district.rows] == [busiest.key]


def test_a_period_without_meetings_counts_zero(demo):
    db, commission_id = demo
    with db.read_session() as s:
        empty = statistics.compute(s, VIEWER, commission_id, dt.date(2001, 1, 1),
                                   dt.date(2001, 3, 31))
    assert all(value == 0 for _field, _label, value in empty.summary.figures())
    assert [r.key for r in empty.by_month.rows] == ["2001-01", "2001-02", "2001-03"]
    assert empty.by_school.rows == ()


def test_refusals(demo):
    db, commission_id = demo
    with db.read_session() as s:
        with pytest.raises(ValidationError) as exc:
            statistics.compute(s, VIEWER, commission_id, dt.date(2026, 2, 1),
                               dt.date(2026, 1, 1))
        assert exc.value.field == "date_to"
        with pytest.raises(NotFound):
            statistics.compute(s, VIEWER, commission_id, *PERIOD, district_id="nowhere")
        assert statistics.find_district(s, commission_id, "г. Экибастуз") == \
            statistics.find_district(s, commission_id, "Екібастұз қаласы")
        with pytest.raises(NotFound):
            statistics.find_district(s, commission_id, "Atlantis")


def test_exports_list_what_the_lists_show(demo, s):
    _, commission_id = demo
    rows = list(exports.registry_export(s, VIEWER, commission_id, RegistryFilter(),
                                           lang="ru"))
    assert len(rows) == 300
    assert [r.search_key for r in rows] == sorted(r.search_key for r in rows)
    on = list(exports.registry_export(s, VIEWER, commission_id,
                                         RegistryFilter(register_status="on"), lang="kk"))
    assert 0 < len(on) < 300 and all(r.on_register for r in on)
    lines = exports.measures_export(s, VIEWER, commission_id, view="all")
    assert len(lines) == len(measures.control_list(s, commission_id, on=today(), view="all"))
    assert all(line.kind.ru for line in lines)
    every = exports.decisions_export(s, VIEWER, commission_id, dt.date(2000, 1, 1), today())
    assert len(every) > 0
    assert [d.meeting_date for d in every] == sorted(d.meeting_date for d in every)
    assert sum(d.measures for d in every) == len(lines)


def _screen_pages(s, commission_id, flt, lang):
    """What the registry screen lists, page after page."""
    out, after = [], None
    while True:
        page = registry.find_children(s, commission_id, flt, after=after, limit=70,
                                      lang=lang)
        out += page
        if len(page) < 70:
            return out
        after = page[-1].cursor


def test_the_registry_export_lists_what_the_registry_screen_lists(demo, s):
    _, commission_id = demo
    rows = list(exports.registry_export(s, VIEWER, commission_id, RegistryFilter(),
                                           lang="ru"))
    busy = next(r for r in rows if r.categories and r.on_register)
    late = next(r for r in rows if r.overdue_count)
    curated = next(r for r in rows if r.curator_name)
    category = next(c for c in registry.filter_choices(s, commission_id, lang="ru").categories
                    if c.name in busy.categories.split(", "))
    district = s.scalar(select(Child.district_id).where(Child.id == busy.id))
    filters = [
        RegistryFilter(), RegistryFilter(text="ов"), RegistryFilter(text=busy.full_name),
        RegistryFilter(text=busy.iin or "0"), RegistryFilter(text="zzz"),
        RegistryFilter(district_id=district), RegistryFilter(category_id=category.id),
        RegistryFilter(register_status="on"), RegistryFilter(register_status="off"),
        RegistryFilter(has_overdue_measures=True),
        RegistryFilter(curator=curated.curator_name.split()[0].upper()),
        RegistryFilter(text="а", district_id=district, register_status="off"),
    ]
    assert late.overdue_count > 0
    for flt in filters:
        for lang in ("ru", "kk", "en"):
            exported = list(exports.registry_export(s, VIEWER, commission_id, flt,
                                                       lang=lang))
            assert exported == _screen_pages(s, commission_id, flt, lang), (flt, lang)
    assert len(rows) == 300
    with pytest.raises(ValidationError):
        exports.registry_export(s, VIEWER, commission_id,
                                   RegistryFilter(register_status="maybe"), lang="ru")
