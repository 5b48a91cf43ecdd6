"""Dashboard screen: its figures match the services; the chart has one bar per category
with children; recent activity reads as text."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QPointF

from app.models.enums import CatalogKind
from app.services import catalogs, children, dashboard, meetings
from app.ui.dashboard.activity import ACTIONS
from app.ui.dashboard.chart import BarChart
from app.ui.dashboard.screen import DashboardScreen
from app.ui.ops import Changed
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru


@pytest.fixture
def data(world):
    with world.db.session() as s:
        members = approve_members(s, world)
        past = plan(s, world, days(-60))
        mark_all_present(s, world.admin, past.id, members)
        school = decide_case(s, world, past.id, [days(-10), days(-40), days(30)]).measures
        police = decide_case(s, world, past.id, [days(-3)], body="Police").measures
        upcoming = plan(s, world, days(9))
        meetings.add_organisational_item(s, world.admin, upcoming.id, title=ru("Plan"))
        cats = catalogs.entries(s, CatalogKind.CATEGORY)
        kids = [child_case(s, world, surname=n).child_id for n in ("Abenov", "Bekova")]
        for kid in kids:
            children.add_category(s, world.admin, kid, cats[1].id, days(-5))
        children.add_category(s, world.admin, kids[0], cats[4].id, days(-5))
    return upcoming, school, police, cats


@pytest.fixture
def screen(ctx, qtbot, data):
    widget = DashboardScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.ensure_loaded()
    return widget


def test_figures_match_the_services(screen, world, data, qtmodeltester):
    upcoming, school, police, cats = data
    with world.db.session() as s:
        meeting = dashboard.next_meeting(s, world.commission_id, on=days(0))
        overdue = dashboard.overdue_summary(s, world.commission_id, on=days(0))
        latest = dashboard.recent_activity(s, limit=12)
    assert meeting.id == upcoming.id
    text = screen.meeting_label.text()
    assert f"No. {upcoming.label} — {days(9):%d.%m.%Y}" in text
    assert "Place: Akimat, hall 2" in text
    assert "Items on the agenda: 1" in text

    assert overdue.count == 3
    assert screen.overdue_count.text() == "3 overdue"
    listed = html.unescape(screen.overdue_label.text())
    assert "School No. 5\u00a0— 2" in listed and "Police\u00a0— 1" in listed
    # The longest overdue first, with its deadline and days.
    assert listed.index(f"{days(-40):%d.%m.%Y} (40 d.)") < listed.index(
        f"{days(-10):%d.%m.%Y} (10 d.)") < listed.index(f"{days(-3):%d.%m.%Y} (3 d.)")

    rows = screen.activity.rows
    assert [r.seq for r in rows] == [e.seq for e in latest]
    shown = [screen.activity.data(screen.activity.index(0, c)) for c in range(3)]
    assert shown[1] == "admin"
    assert shown[2] == ACTIONS["child.add_category"] == "Added a risk category to a child"
    qtmodeltester.check(screen.activity)


def test_chart_has_one_bar_per_category_with_children(screen, data):
    *_rest, cats = data
    bars = screen.chart.bars()
    assert [(b.label, b.value) for b in bars] == [(cats[1].name_en, 2), (cats[4].name_en, 1)]
    assert bars[0].rect.width() > bars[1].rect.width() > 0
    assert screen.chart.isVisible() and not screen.chart_empty.isVisible()


def test_nothing_planned_nothing_overdue(ctx, qtbot):
    widget = DashboardScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.ensure_loaded()
    assert widget.meeting_label.text() == "No meeting planned."
    assert widget.overdue_count.text() == "0 overdue"
    assert widget.overdue_label.text() == "No measure is overdue."
    assert widget.chart.bars() == []
    assert not widget.chart.isVisible() and widget.chart_empty.isVisible()


def test_refreshes_on_change(screen, world, data):
    with world.db.session() as s:
        kid = child_case(s, world, surname="Serikov").child_id
        children.add_category(s, world.admin, kid,
                              catalogs.entries(s, CatalogKind.CATEGORY)[7].id, days(-1))
    screen.on_changed(Changed(frozenset({"child_category"})))
    assert len(screen.chart.bars()) == 3


def test_bar_chart_elides_long_labels_without_clipping(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    long = "Семья в трудной жизненной ситуации — очень длинное название категории " * 3
    chart.set_data([(long, 120), ("Қысқа", 7), ("Zero", 0)])
    chart.resize(420, chart.minimumSizeHint().height())
    chart.show()
    bars = chart.bars()
    assert bars[0].shown.endswith("…") and bars[0].label == long
    assert bars[1].shown == "Қысқа"
    assert bars[2].rect.width() == 0
    assert all(b.rect.right() < chart.width() for b in bars)
    assert bars[-1].rect.bottom() <= chart.height()
    assert chart.bar_at(QPointF(10, bars[1].rect.center().y())).label == "Қысқа"
    image = chart.grab()  # paints without error
    assert not image.isNull()
