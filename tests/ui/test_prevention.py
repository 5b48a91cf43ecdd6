"""Prevention screen: F5 shows the service's outcomes in the tables and the charts (no
bar for a group under five, its n still shown), the district narrows them, Ctrl+S writes
the workbook, and the main window reaches the screen with Ctrl+6."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from app.i18n import set_language, tr
from app.reports.xlsx_outcomes import HEADER_ROW
from app.services import outcomes
from app.services.context import today
from app.ui.prevention.chart import share_text
from app.ui.prevention.screen import PreventionScreen
from tests.services.outcome_history import PERIOD, build_history


@pytest.fixture
def history(world):
    with world.db.session() as s:
        return build_history(s, world)


@pytest.fixture
def screen(ctx, qtbot, history):
    widget = PreventionScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # shortcuts work in the active window
    widget.ensure_loaded()
    widget.date_from.setDate(QDate(PERIOD[0]))
    widget.date_to.setDate(QDate(PERIOD[1]))
    widget.show_button.setFocus()
    with qtbot.waitSignal(widget.sig_figures_shown):
        qtbot.keyClick(widget, Qt.Key.Key_F5)
    return widget


def _cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_f5_shows_the_outcomes_of_the_service(screen, world):
    with world.db.read_session() as s:
        expected = outcomes.compute(s, world.admin, world.commission_id, *PERIOD,
                                    on=today())
    assert screen.outcomes == expected
    model = screen.kind_model
    assert model.rowCount() == len(expected.by_kind) + 1  # the rows, then all measures
    warning = expected.by_kind[0]
    assert _cells(model, 0)[:3] == [warning.label.en, str(warning.measures),
                                    str(warning.children)]
    assert _cells(model, 0)[4] == share_text(warning.no_new_case_12m)
    assert _cells(model, model.rowCount() - 1)[0] == "All measures"
    # The Centre's three children: n, and no share.
    centre = screen.body_model.rows.index(next(r for r in expected.by_body
                                               if r.key == "Centre"))
    assert _cells(screen.body_model, centre)[4] == "n = 3: too few"


def test_the_chart_draws_no_bar_for_fewer_than_five(screen):
    screen.tabs.setCurrentIndex(0)
    rows = {r.label: r for r in screen.kind_chart.rows()}
    warning = rows["Warning to the minor"]
    psy = rows["Referral for psychological help"]
    assert warning.bar.width() > 0 and warning.whisker is not None
    low, high = warning.whisker
    assert low < warning.bar.right() < high  # the interval is around the share
    assert psy.bar.width() == 0 and psy.whisker is None
    assert "n = 3" in screen.kind_chart.accessibleDescription()
    image = screen.grab()
    assert not image.isNull()


def test_a_district_narrows_the_figures(screen, qtbot, history):
    _h, _c, other = history
    index = screen.district.findData(other)
    assert index > 0
    with qtbot.waitSignal(screen.sig_figures_shown):
        screen.district.setCurrentIndex(index)
    assert [(r.key, r.children) for r in screen.outcomes.by_kind] == [
        ("minor_psychological_help", 1)]


def test_ctrl_s_writes_the_workbook_in_the_language_chosen(screen, qtbot, tmp_path):
    target = tmp_path / "outcomes.xlsx"
    screen.ask_path = lambda _title, _suggested: target
    screen.book_lang.setCurrentIndex(screen.book_lang.findData("kk"))
    with qtbot.waitSignal(screen.sig_file_written):
        qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    by_kind = load_workbook(target).worksheets[0]
    assert by_kind["A1"].value == tr("kk", "Outcomes by kind of measure")
    assert by_kind.cell(HEADER_ROW + 1, 2).value == screen.outcomes.by_kind[0].measures
    assert str(target) in screen.message.text()


def test_the_screen_speaks_kazakh(ctx, qtbot, history):
    set_language("kk")
    widget = PreventionScreen(ctx)
    qtbot.addWidget(widget)
    widget.ensure_loaded()
    assert widget.tabs.tabText(0) == tr("kk", "By kind of measure") != "By kind of measure"
    heading = widget.kind_model.headerData(4, Qt.Orientation.Horizontal,
                                           Qt.ItemDataRole.ToolTipRole)
    assert heading == tr("kk", "No new case, 12 months")
    # Shown wrapped, so that every column fits.
    assert widget.kind_model.headerData(4, Qt.Orientation.Horizontal).replace(
        "\n", " ") == heading


def test_ctrl_6_opens_prevention(qtbot, ctx):
    from pathlib import Path

    from app.ui.main_window import MainWindow

    window = MainWindow(ctx, commission_name="КДН", db_path=Path("kenes.db"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "prevention"
    assert window.screens["prevention"]._loaded
