"""The dashboard's figures: next meeting, overdue measures, children by category and the
latest audit entries."""

from __future__ import annotations

import datetime as dt

from app.domain.roles import Role
from app.models.enums import CatalogKind, MeetingStatus
from app.services import catalogs, children, dashboard, measures, meetings, users
from tests.services.helpers import (
    approve_members,
    child_case,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru


def test_next_meeting(s, world):
    approve_members(s, world)
    assert dashboard.next_meeting(s, world.commission_id, on=days(0)) is None
    plan(s, world, days(-30))  # past and never started: not "next"
    later = plan(s, world, days(20))
    sooner = plan(s, world, days(6))
    meetings.add_organisational_item(s, world.admin, sooner.id, title=ru("Plan for the year"))
    meetings.add_general_item(s, world.admin, sooner.id, title=ru("Bullying"),
                              reporter="Education department")
    found = dashboard.next_meeting(s, world.commission_id, on=days(0))
    assert (found.id, found.date, found.place, found.items) == (
        sooner.id, days(6), ru("Akimat, hall 2"), 2)
    assert found.label == sooner.label
    assert dashboard.next_meeting(s, world.commission_id, on=days(7)).id == later.id
    # A meeting in progress comes first, even when it began on an earlier day.
    started = plan(s, world, days(-1))
    meetings.start_meeting(s, world.admin, started.id)
    current = dashboard.next_meeting(s, world.commission_id, on=days(0))
    assert (current.id, current.status) == (started.id, MeetingStatus.IN_PROGRESS)


def test_overdue_summary_matches_the_control_list(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(-60))
    mark_all_present(s, world.admin, meeting.id, members)
    school = decide_case(s, world, meeting.id, [days(-3), days(-30), days(-1), days(5)]
                         ).measures
    police = decide_case(s, world, meeting.id, [days(-20), days(-2)], body="Police").measures
    measures.report_measure(s, world.admin, school[2].id, reported_on=days(-1), text=ru("Done"))
    summary = dashboard.overdue_summary(s, world.commission_id, on=days(0), first=3)
    overdue = measures.control_list(s, world.commission_id, on=days(0), view="overdue")
    assert summary.count == len(overdue) == 4
    assert [(b.body, b.count) for b in summary.by_body] == [
        ("Police", 2), ("School No. 5", 2)]
    assert [m.id for m in summary.first] == [school[1].id, police[0].id, school[0].id]
    assert [m.days_overdue for m in summary.first] == [30, 20, 3]
    assert dashboard.overdue_summary(s, world.commission_id, on=days(-60)).count == 0


def test_children_by_category(s, world):
    cats = catalogs.entries(s, CatalogKind.CATEGORY)
    a = child_case(s, world, surname="Abenov").child_id
    b = child_case(s, world, surname="Bekova").child_id
    c = child_case(s, world, surname="Serikov").child_id
    for child, cat in ((a, cats[0]), (b, cats[0]), (c, cats[0]), (a, cats[2]), (b, cats[2]),
                       (c, cats[5])):
        children.add_category(s, world.admin, child, cat.id, days(-10))
    gone = children.add_category(s, world.admin, c, cats[3].id, days(-10))
    children.remove_category(s, world.admin, gone)
    counts = dashboard.children_by_category(s, world.commission_id)
    assert [(x.category_id, x.children) for x in counts] == [
        (cats[0].id, 3), (cats[2].id, 2), (cats[5].id, 1)]
    assert counts[0].name("ru") == cats[0].name_ru
    assert counts[0].name("kk") == cats[0].name_kk
    assert dashboard.children_by_category(s, "another-commission") == []


def test_recent_activity(s, world):
    approve_members(s, world)
    secretary = users.create_user(s, world.admin, login="aigerim", full_name="Aigerim",
                                  role=Role.SECRETARY, password="long enough secret")
    meetings.plan_meeting(s, secretary.actor(), world.commission_id, date=days(3),
                          place=ru("Hall"))
    users.log_in(s, "nobody-here", "wrong password")
    latest = dashboard.recent_activity(s, limit=3)
    assert [(e.action, e.login) for e in latest] == [
        ("auth.failed", None), ("meeting.plan", "aigerim"), ("user.create", "admin")]
    assert latest[0].seq > latest[1].seq > latest[2].seq
    assert latest[0].at.tzinfo is not None
    assert abs(latest[0].at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert len(dashboard.recent_activity(s, limit=100)) > 3
