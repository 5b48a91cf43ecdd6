"""Reports screen: the figures and charts it shows are the service's; the .xlsx button and
the list exports write their files (and a cancel writes none); the import dialog maps the
columns, checks every row, reports, and imports all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select, text

from app.domain.iin import Sex, make_iin
from app.models import Child
from app.reports.xlsx_statistics import TITLE_FIGURES_ROW
from app.services import children, import_mapping, statistics
from app.services.context import today
from app.ui.progress import ProgressTask
from app.ui.reports import screen as screen_module
from app.ui.reports.screen import ReportsScreen
from tests.services.helpers import (
    approve_members,
    days,
    decide_case,
    mark_all_present,
    plan,
)
from tests.text import ru

HEADERS = ["Фамилия", "Имя", "ИИН", "Дата рождения", "Пол", "Район"]


@pytest.fixture
def data(world):
    with world.db.session() as s:
        members = approve_members(s, world)
        past = plan(s, world, days(-40))
        mark_all_present(s, world.admin, past.id, members)
        first = decide_case(s, world, past.id, [days(-10), days(30)])
        decide_case(s, world, past.id, [days(20)], body="Police")
        children.put_on_register(s, world.admin, first.child_id, on=days(-5),
                                 reason=ru("Decision of the commission"))
    return first


@pytest.fixture
def screen(ctx, qtbot, data):
    widget = ReportsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.ensure_loaded()
    widget.date_from.setDate(QDate(days(-100)))
    widget.date_to.setDate(QDate(days(0)))
    qtbot.mouseClick(widget.show_button, Qt.MouseButton.LeftButton)
    return widget


def _stats(world, district_id=None):
    with world.db.read_session() as s:
        return statistics.compute(s, world.admin, world.commission_id, days(-100), days(0),
                                  district_id=district_id)


def test_the_screen_shows_the_service_figures(screen, world, qtmodeltester):
    stats = _stats(world)
    assert stats.summary.meetings == 1 and stats.summary.decisions == 2
    assert stats.summary.measures_overdue == 1 and stats.summary.put_on_register == 1
    for name, _label, value in stats.summary.figures():
        assert screen.summary_labels[name].text() == str(value), name
    assert screen.tabs.count() == len(stats.tables)
    for n, table in enumerate(stats.tables):
        model = screen.models[n]
        qtmodeltester.check(model)
        assert model.rowCount() == len(table.rows) + 1
        assert model.columnCount() == len(table.columns) + 1
        for r, row in enumerate(table.rows):
            assert model.index(r, 0).data() == row.label.name("en")
            assert [model.index(r, c + 1).data() for c in range(len(row.values))] == \
                [str(v) for v in row.values]
        last = len(table.rows)
        assert model.index(last, 0).data() == "Total"
        assert [model.index(last, c + 1).data() for c in range(len(table.total))] == \
            [str(v) for v in table.total]
        shown = table.rows[:table.chart_rows] if table.chart_rows else table.rows
        assert screen.charts[n].data() == [(r.label.name("en"), r.values[table.chart[0]])
                                           for r in shown]
        assert screen.tabs.tabText(n) == table.title.en


def test_the_district_picker_narrows_the_figures(screen, world, qtbot):
    with world.db.session() as s:
        district = statistics.find_district(s, world.commission_id, "Баянаульский район")
        children.register_child(s, world.admin, world.commission_id, children.ChildInput(
            surname="Omarov", first_name="Ali", birth_date=days(-3000), sex=Sex.MALE,
            district_id=district))
    index = screen.district.findData(district)
    assert index > 0
    with qtbot.waitSignal(screen.sig_figures_shown) as shown:
        screen.district.setCurrentIndex(index)
    assert shown.args[0].district_id == district
    # The decided children have no district: nothing is counted for Bayanaul.
    assert screen.summary_labels["decisions"].text() == "0"
    assert shown.args[0].summary == _stats(world, district).summary


def test_the_xlsx_button_writes_the_figures_shown(screen, world, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(screen, "ask_path", lambda *_a: target)
    screen.book_lang.setCurrentIndex(screen.book_lang.findData("kk"))  # not the UI's language
    with qtbot.waitSignal(screen.sig_file_written):
        qtbot.mouseClick(screen.xlsx_button, Qt.MouseButton.LeftButton)
    stats = screen.stats
    book = load_workbook(target)
    title = book.worksheets[0]
    for n, (_f, label, value) in enumerate(stats.summary.figures(), start=TITLE_FIGURES_ROW + 1):
        assert (title.cell(n, 1).value, title.cell(n, 2).value) == (label.name("kk"), value)
        assert label.name("kk") != label.name("en")
        assert screen.summary_labels[_f].text() == str(value)
    assert str(target) in screen.message.text()
    assert screen.progress is None and screen.xlsx_button.isEnabled()


def test_cancel_writes_no_workbook(screen, tmp_path, monkeypatch, qtbot):
    class CancelAtThird(ProgressTask):
        def callback(self, done: int, total: int) -> None:
            if done >= 3:  # the user presses Cancel in the progress dialog
                self.dialog.findChild(QPushButton).click()
            super().callback(done, total)

    monkeypatch.setattr(screen_module, "ProgressTask", CancelAtThird)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(screen, "ask_path", lambda *_a: out / "report.xlsx")
    qtbot.mouseClick(screen.xlsx_button, Qt.MouseButton.LeftButton)
    assert "Cancelled" in screen.message.text()
    assert not list(out.iterdir())  # neither the workbook nor a part of it
    assert screen.xlsx_button.isEnabled()


@pytest.mark.parametrize(("button", "what", "rows"), [
    ("registry_button", "registry", 2), ("measures_button", "measures", 3),
    ("decisions_button", "decisions", 2)])
def test_list_exports(screen, world, tmp_path, monkeypatch, qtbot, button, what, rows):
    target = tmp_path / f"{what}.xlsx"
    monkeypatch.setattr(screen, "ask_path", lambda *_a: target)
    with qtbot.waitSignal(screen.sig_file_written):
        qtbot.mouseClick(getattr(screen, button), Qt.MouseButton.LeftButton)
    sheet = load_workbook(target).active
    assert sheet.max_row == rows + 1
    assert f"{rows} rows" in screen.message.text()
    with world.db.session() as s:
        logged = s.execute(text("SELECT count(*) FROM audit_log WHERE action = :a"),
                           {"a": f"export.{what}"}).scalar()
    assert logged == 1


def _xlsx(path, rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _kid(n: int) -> list[object]:
    born = today() - dt.timedelta(days=9 * 365 + n)
    return [f"Сапаров{n}", "Ерлан", make_iin(born, Sex.MALE, n), born, "М",
            "Баянаульский район"]


def _count(world) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(Child))


@pytest.fixture
def dialog(screen, qtbot):
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    return screen.import_dialog


def _read(dialog, qtbot, path):
    dialog.file_edit.setText(str(path))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)


def test_import_dialog_reports_every_bad_row_and_writes_nothing(dialog, world, qtbot,
                                                                tmp_path):
    rows = [_kid(n) for n in range(1, 11)]
    rows[2][3] = "31.02.2015"
    rows[6][4] = "?"
    before = _count(world)
    _read(dialog, qtbot, _xlsx(tmp_path / "bad.xlsx", rows))
    assert dialog.combos["surname"].currentData() == 0  # guessed from the headings
    assert dialog.combos["district"].currentData() == 5
    assert dialog.combos["patronymic"].currentData() is None
    with qtbot.waitSignal(dialog.sig_checked) as checked:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    report = checked.args[0]
    assert report.bad_rows == (4, 8)
    assert dialog.problems.rowCount() == 2
    assert [dialog.problems.index(r, 1).data() for r in range(2)] == [
        "D (Дата рождения)", "E (Пол)"]
    assert "2 of 10 rows have problems" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert _count(world) == before


def test_import_dialog_maps_checks_and_imports(dialog, screen, world, qtbot, tmp_path,
                                               qtmodeltester):
    headers = ["Ученик", "Имя", "ИИН", "Дата рождения", "Пол", "Район"]
    rows = [_kid(n) for n in range(1, 6)]
    path = _xlsx(tmp_path / "good.xlsx", rows, headers)
    _read(dialog, qtbot, path)
    # The first heading is not one the guess knows: map it by hand.
    assert dialog.combos["surname"].currentData() is None
    dialog.combos["surname"].setCurrentIndex(dialog.combos["surname"].findData(0))
    before = _count(world)
    with qtbot.waitSignal(dialog.sig_checked):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "5 children to register" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert import_mapping.remembered_mapping(headers).get("surname") == 0
    with qtbot.waitSignal(dialog.sig_imported) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].written == 5
    assert _count(world) == before + 5
    assert "Registered 5 children" in dialog.summary.text()

    # The same file again: the remembered mapping is offered; everyone is registered.
    dialog.close()
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    again = screen.import_dialog
    _read(again, qtbot, path)
    assert again.combos["surname"].currentData() == 0
    with qtbot.waitSignal(again.sig_checked):
        qtbot.mouseClick(again.check_button, Qt.MouseButton.LeftButton)
    assert again.registered.rowCount() == 5
    qtmodeltester.check(again.registered)
    assert not again.import_button.isEnabled()


def test_a_likely_duplicate_is_imported_only_when_ticked(dialog, world, qtbot, tmp_path,
                                                        qtmodeltester):
    twin = _kid(1)
    with world.db.session() as s:
        children.register_child(s, world.admin, world.commission_id, children.ChildInput(
            surname=twin[0], first_name=twin[1], birth_date=twin[3], sex=Sex.MALE))
    _read(dialog, qtbot, _xlsx(tmp_path / "twins.xlsx", [_kid(1), _kid(2)]))
    with qtbot.waitSignal(dialog.sig_checked):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    model = dialog.duplicates
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert "1 children to register" in dialog.summary.text()
    box = model.index(0, 0)
    assert model.flags(box) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "2 children to register" in dialog.summary.text()
    before = _count(world)
    with qtbot.waitSignal(dialog.sig_imported) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].written == 2 and _count(world) == before + 2


def test_a_file_that_is_not_a_workbook_is_explained(dialog, qtbot, tmp_path):
    junk = tmp_path / "list.xlsx"
    junk.write_text("not a workbook")
    _read(dialog, qtbot, junk)
    assert "not an Excel workbook" in dialog.summary.text()
    assert not dialog.check_button.isEnabled()


def test_a_hidden_screen_counts_again_when_shown(screen, ctx, world, qtbot):
    ctx.runner.sig_changed.connect(screen.on_changed)  # as the main window wires it
    assert screen.summary_labels["put_on_register"].text() == "1"
    screen.hide()
    kid = _kid(7)
    ctx.runner.run(lambda s: children.put_on_register(
        s, world.admin, children.register_child(s, world.admin, world.commission_id,
                                                children.ChildInput(
                                                    surname=kid[0], first_name=kid[1],
                                                    birth_date=kid[3], sex=Sex.MALE)
                                                ).child.id, on=days(-1), reason=ru("Decision")),
        changes={"child", "register_entry"})
    assert screen.summary_labels["put_on_register"].text() == "1"  # not counted while hidden
    with qtbot.waitSignal(screen.sig_figures_shown):
        screen.show()
    assert screen.summary_labels["put_on_register"].text() == "2"
