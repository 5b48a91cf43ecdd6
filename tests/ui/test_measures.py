"""Measures screen: the control lists show exactly the right measures, the body filter,
recording a report and an assessment through the dialogs, accepting and returning a
report, opening the child card, and the lazy model."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt

from app.domain.roles import Role
from app.models.enums import Effectiveness, MeasureState
from app.services import measures, users
from app.services.measures import VIEWS
from app.ui.measures import model as model_module
from app.ui.measures.screen import MeasuresScreen
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan
from tests.text import ru


@pytest.fixture
def data(world):
    """School measures in several states and two police measures; a meeting 60 days ago."""
    with world.db.session() as s:
        members = approve_members(s, world)
        meeting = plan(s, world, days(-60))
        mark_all_present(s, world.admin, meeting.id, members)
        school = list(decide_case(s, world, meeting.id, [
            days(-10),  # 0 overdue
            days(-5),   # 1 reported, awaiting the commission's decision
            days(-25),  # 2 accepted, never assessed
            days(0),    # 3 due today
            days(40),   # 4 a later month
        ]).measures)
        measures.report_measure(s, world.admin, school[1].id, reported_on=days(-6),
                                text=ru("Visited the family"))
        r = measures.report_measure(s, world.admin, school[2].id, reported_on=days(-30),
                                    text=ru("Done"))
        measures.decide_report(s, world.admin, r.id, accepted=True, on=days(-29))
        police = list(decide_case(s, world, meeting.id, [days(-12), days(3)], body="Police",
                                  ).measures)
    return school, police


@pytest.fixture
def screen(ctx, qtbot, data):
    widget = MeasuresScreen(ctx)
    qtbot.addWidget(widget)
    ctx.runner.sig_changed.connect(widget.on_changed)  # as the main window wires it
    widget.resize(1200, 700)
    widget.show()
    widget.ensure_loaded()
    return widget


def shown(screen) -> list[str]:
    model = screen.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.line(r).row.id for r in range(model.rowCount())]


def expected(world, view, body=None) -> list[str]:
    with world.db.session() as s:
        return [m.id for m in measures.control_list(s, world.commission_id, on=days(0),
                                                    view=view, body=body)]


def state(world, measure_id) -> MeasureState:
    with world.db.session() as s:
        return measures.get_measure(s, measure_id).state


def test_each_view_shows_exactly_its_measures(screen, world, data, qtmodeltester):
    school, police = data
    assert screen.current_view() == "overdue"
    assert shown(screen) == [police[0].id, school[0].id]
    for i, view in enumerate(VIEWS):
        screen.tabs.setCurrentIndex(i)
        assert screen.current_view() == view
        assert shown(screen) == expected(world, view), view
        assert screen.tabs.tabText(i).endswith(f"({len(expected(world, view))})")
        qtmodeltester.check(screen.model)
    screen.set_view("awaiting_assessment")
    assert shown(screen) == [school[2].id, school[1].id]
    screen.set_view("all")
    assert len(shown(screen)) == 7
    line = screen.model.line(0)
    assert line.row.child_name == "Akhmetov Arman"
    assert line.kind  # the catalog name of the kind
    overdue = [screen.model.line(r) for r in range(7) if screen.model.line(r).row.id ==
               school[0].id][0]
    assert overdue.state is MeasureState.OVERDUE  # derived, shown as such


def test_body_filter(screen, world, data):
    school, police = data
    combo = screen.body_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All bodies", "Police", "School No. 5"]
    combo.setCurrentIndex(combo.findText("Police"))
    assert shown(screen) == [police[0].id]
    assert screen.tabs.tabText(0) == "Past the deadline (1)"
    screen.set_view("all")
    assert shown(screen) == expected(world, "all", "Police") == [p.id for p in police]
    combo.setCurrentIndex(combo.findText("School No. 5"))
    assert shown(screen) == expected(world, "all", "School No. 5")
    assert len(shown(screen)) == 5
    combo.setCurrentIndex(0)
    assert len(shown(screen)) == 7


def test_record_a_report_then_accept_it_and_assess(screen, world, data, qtbot):
    school, _police = data
    assert screen.select_measure(school[0].id)
    assert screen.accept_button.isEnabled() is False  # no report to decide on yet
    qtbot.mouseClick(screen.report_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.reported_by.text() == "School No. 5"  # prefilled with the body
    # The service's errors show in the dialog, which stays open.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "This field is required."
    assert dialog.isVisible()
    dialog.reported_on.setDate(QDate(days(-1)))
    qtbot.keyClicks(dialog.text.editor(), "Individual plan drawn up with the family")
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with world.db.session() as s:
        [report] = measures.reports_of(s, school[0].id)
    assert (report.reported_on, report.text, report.reported_by, report.accepted) == (
        days(-1), ru("Individual plan drawn up with the family"), "School No. 5", None)
    assert state(world, school[0].id) is MeasureState.REPORTED
    # No longer overdue: the list refreshed from the change signal.
    assert school[0].id not in shown(screen)
    assert screen.tabs.tabText(0) == "Past the deadline (1)"

    screen.set_view("all")
    assert screen.select_measure(school[0].id)
    assert "Individual plan drawn up" in screen.details.toPlainText()
    assert screen.accept_button.isEnabled()
    qtbot.mouseClick(screen.accept_button, Qt.MouseButton.LeftButton)
    assert state(world, school[0].id) is MeasureState.ACCEPTED
    assert screen.selected().id == school[0].id  # the selection survives the refresh
    assert not screen.report_button.isEnabled()  # accepted: no more reports

    screen.set_view("awaiting_assessment")
    assert school[0].id in shown(screen)
    assert screen.select_measure(school[0].id)
    qtbot.mouseClick(screen.assess_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Choose the assessment from the list."
    dialog.result_combo.setCurrentIndex(dialog.result_combo.findText("Partly effective"))
    qtbot.mouseClick(dialog.review_check, Qt.MouseButton.LeftButton)
    assert dialog.next_review.isEnabled()
    dialog.next_review.setDate(QDate(days(30)))
    qtbot.keyClicks(dialog.comment.editor(), "Attends school again")
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        [a] = measures.assessments_of(s, school[0].id)
    assert (a.result, a.assessed_on, a.next_review, a.comment) == (
        Effectiveness.PARTLY, days(0), days(30), ru("Attends school again"))
    assert school[0].id not in shown(screen)  # assessed, next review in a month
    screen.set_view("all")
    screen.select_measure(school[0].id)
    row = screen.model.row_of(school[0].id)
    assert screen.model.line(row).row.last_result is Effectiveness.PARTLY
    assert "Partly effective" in screen.details.toPlainText()


def test_return_a_report(screen, world, data, qtbot):
    school, _police = data
    screen.set_view("all")
    assert screen.select_measure(school[1].id)
    assert screen.return_button.isEnabled()
    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)
    assert state(world, school[1].id) is MeasureState.IN_PROGRESS
    with world.db.session() as s:
        assert [r.accepted for r in measures.reports_of(s, school[1].id)] == [False]
    assert not screen.return_button.isEnabled()
    screen.set_view("overdue")
    assert school[1].id in shown(screen)  # back in progress, and past its deadline


def test_double_click_opens_the_child(screen, data, qtbot):
    school, _police = data
    screen.set_view("all")
    row = screen.model.row_of(school[3].id)
    index = screen.model.index(row, 1)
    screen.view.scrollTo(index)
    rect = screen.view.visualRect(index)
    # A double click is a press and release, then the double-click event.
    qtbot.mouseClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(screen.sig_open_child) as blocker:
        qtbot.mouseDClick(screen.view.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert blocker.args == [school[3].child_id]


def test_a_viewer_cannot_report_or_assess(ctx, qtbot, data, world):
    with world.db.session() as s:
        viewer = users.create_user(s, world.admin, login="viewer", full_name="Viewer",
                                   role=Role.VIEWER, password="long enough secret")
        member = users.create_user(s, world.admin, login="inspector", full_name="Inspector",
                                   role=Role.MEMBER, password="long enough secret")
    for actor, reports in ((viewer.actor(), False), (member.actor(), True)):
        widget = MeasuresScreen(dataclasses.replace(ctx, actor=actor))
        qtbot.addWidget(widget)
        widget.show()
        widget.ensure_loaded()
        assert widget.report_button.isVisible() is reports
        assert not widget.accept_button.isVisible()
        assert not widget.assess_button.isVisible()
        assert widget.model.rowCount() == 2


def test_the_model_loads_pages_lazily(screen, world, monkeypatch, qtmodeltester):
    monkeypatch.setattr(model_module, "PAGE", 3)
    screen.set_view("all")
    model = screen.model
    assert model.rowCount() == 3 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 6
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 7 and not model.canFetchMore(QModelIndex())
    assert [model.line(r).row.id for r in range(7)] == expected(world, "all")
    screen.set_view("overdue")
    screen.set_view("all")
    qtmodeltester.check(model)  # it fetches the remaining pages itself
    assert model.rowCount() == 7
