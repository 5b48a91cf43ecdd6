"""The Excel files: the statistical workbook of a demo commission holds the service
figures cell by cell, with charts, frozen and repeated headers and print settings; the
list exports open back in openpyxl with typed cells; a cancelled export writes nothing."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.db import open_database
from app.demo import build_demo
from app.domain.roles import Role
from app.models import Commission
from app.reports import xlsx_exports
from app.reports.xlsx_common import Cancelled, part_path
from app.reports.xlsx_statistics import HEADER_ROW, TITLE_FIGURES_ROW, build_statistics
from app.services import exports, statistics
from app.services.context import Actor, today
from app.services.registry import RegistryFilter

VIEWER = Actor(user_id=None, login="viewer", role=Role.VIEWER)
PERIOD = (today() - dt.timedelta(days=400), today())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx-demo")
    old = os.environ.get("KENES_DATA_DIR")
    os.environ["KENES_DATA_DIR"] = str(folder / "data")
    build_demo(folder / "demo.db", children=300, meetings=6, seed=7, password="xlsx-demo",
               encrypted=False)
    db = open_database(folder / "demo.db")
    with db.session() as s:
        commission_id = s.scalar(select(Commission.id))
    with db.read_session() as s:
        stats = statistics.compute(s, VIEWER, commission_id, *PERIOD)
    yield db, commission_id, stats
    db.engine.dispose()
    if old is None:
        os.environ.pop("KENES_DATA_DIR", None)
    else:
        os.environ["KENES_DATA_DIR"] = old


def _values(ws, row: int, width: int) -> list[object]:
    return [ws.cell(row, col).value for col in range(1, width + 1)]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_statistical_workbook_equals_the_service_figures(demo, tmp_path, lang):
    _, _, stats = demo
    path = build_statistics(stats, tmp_path / f"report-{lang}.xlsx", lang)
    wb = load_workbook(path)
    title = wb.worksheets[0]
    assert title["A2"].value == stats.commission(lang)
    assert title["B4"].value.date() == stats.date_from  # dates are dates
    assert title["B5"].value.date() == stats.date_to
    for n, (_field, label, value) in enumerate(stats.summary.figures(),
                                               start=TITLE_FIGURES_ROW + 1):
        assert _values(title, n, 2) == [label.name(lang), value]
        assert type(title.cell(n, 2).value) is int
    sheets = wb.worksheets[1:]
    assert len(sheets) == len(stats.tables) == 8
    for ws, table in zip(sheets, stats.tables, strict=True):
        width = len(table.columns) + 1
        assert ws["A1"].value == table.title.name(lang)
        assert _values(ws, HEADER_ROW, width) == [table.head.name(lang),
                                                  *(c.name(lang) for c in table.columns)]
        for n, row in enumerate(table.rows, start=HEADER_ROW + 1):
            cells = _values(ws, n, width)
            if row.month is not None:
                assert cells[0] == dt.datetime.combine(row.month, dt.time())
                assert ws.cell(n, 1).number_format == "MM.YYYY"
            else:
                assert cells[0] == row.label.name(lang)
            assert cells[1:] == list(row.values)
            assert all(type(v) is int for v in cells[1:])
        total_row = HEADER_ROW + 1 + len(table.rows)
        assert _values(ws, total_row, width)[1:] == list(table.total)
        assert ws.cell(total_row + 1, 1).value is None  # nothing after the total
        # Frozen headings and row names, headings repeated on printed pages, landscape.
        assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        # A native chart of the table's charted columns.
        assert len(ws._charts) == 1
        assert len(ws._charts[0].series) == len(table.chart)
    with zipfile.ZipFile(path) as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 8


def test_the_workbook_speaks_its_language(demo, tmp_path):
    _, _, stats = demo
    category = stats.cases_by_category.rows[0].label
    for lang in ("ru", "kk"):
        ws = load_workbook(build_statistics(stats, tmp_path / f"{lang}.xlsx", lang))
        cases = ws.worksheets[3]
        assert cases.cell(HEADER_ROW + 1, 1).value == category.name(lang)
    assert category.ru != category.kk


def test_a_cancelled_workbook_is_not_written(demo, tmp_path):
    _, _, stats = demo
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if done == 3:
            raise Cancelled()

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        build_statistics(stats, target, "ru", progress=progress)
    assert calls == [(1, 9), (2, 9), (3, 9)]
    assert not target.exists() and not part_path(target).exists()


def test_exports_open_back_with_typed_cells(demo, tmp_path):
    db, commission_id, _ = demo
    with db.read_session() as s:
        rows = exports.registry_export(s, VIEWER, commission_id, RegistryFilter(),
                                          lang="ru")
        assert xlsx_exports.write_registry(rows, tmp_path / "registry.xlsx", "ru") == 300
        lines = exports.measures_export(s, VIEWER, commission_id, view="all")
        xlsx_exports.write_measures(lines, tmp_path / "measures.xlsx", "kk")
        found = exports.decisions_export(s, VIEWER, commission_id, *PERIOD)
        xlsx_exports.write_decisions(found, tmp_path / "decisions.xlsx", "ru")

    ws = load_workbook(tmp_path / "registry.xlsx").active
    data = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(data) == 300 and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:J301"
    assert [r[0] for r in data] == list(range(1, 301))
    for number, name, born, iin, *_rest, overdue in data:
        assert type(number) is int and type(overdue) is int
        assert isinstance(born, dt.datetime) and isinstance(name, str)
        assert iin is None or (isinstance(iin, str) and len(iin) == 12)
    assert ws["C2"].number_format == "DD.MM.YYYY"
    assert sum(1 for r in data if r[3] and r[3].startswith("0")) > 0  # leading zeros kept

    ws = load_workbook(tmp_path / "measures.xlsx").active
    measures = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(measures) == len(lines) > 0
    for line, row in zip(lines, measures, strict=True):
        assert row[0] == line.row.decision_label
        assert row[6] == dt.datetime.combine(line.row.deadline, dt.time())
        assert row[2] == line.kind.kk

    ws = load_workbook(tmp_path / "decisions.xlsx").active
    decided = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(decided) == len(found) > 0
    for d, row in zip(found, decided, strict=True):
        assert row[0] == dt.datetime.combine(d.meeting_date, dt.time())
        assert row[2] == d.label
        assert row[3:4] == (d.item,) and type(row[3]) is int
        assert row[8:] == (d.votes_for, d.votes_against, d.abstained, d.measures)
        assert all(type(v) is int for v in row[8:])


def test_a_cancelled_export_leaves_no_file(demo, tmp_path, monkeypatch):
    db, commission_id, _ = demo
    monkeypatch.setattr(xlsx_exports, "PROGRESS_EVERY", 50)
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 100:
            raise Cancelled()

    target = tmp_path / "registry.xlsx"
    with db.read_session() as s:
        rows = exports.registry_export(s, VIEWER, commission_id, RegistryFilter(),
                                          lang="ru")
        with pytest.raises(Cancelled):
            xlsx_exports.write_registry(rows, target, "ru", progress=progress, total=300)
    assert seen == [0, 50, 100]
    assert not target.exists() and not part_path(target).exists()
