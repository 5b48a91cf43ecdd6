"""Outcomes of measures as worksheets: one by kind of measure, one by responsible body,
each share beside its n and its 95% interval, and a bar chart of the share of children
with no new case within 12 months. The same sheets go into the statistical workbook
(app/reports/xlsx_statistics.py) and make the `kenes outcomes` workbook. Plain data in, file out: no Session, no Qt.

Layout of an outcome sheet (the tests read it back by these constants): row 1 the
title, row 2 the commission, row 3 the period and territory, row 4 the note on small
numbers, row HEADER_ROW the headings, then a row per group and the total row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter

from app.i18n import N_, tr
from app.reports.xlsx_common import (
    HEADER_ALIGN,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    INT_FORMAT,
    LABEL_ALIGN,
    LINE_HEIGHT,
    NOTE_FONT,
    TITLE_FONT,
    TOTAL_BORDER,
    VALUE_ALIGN,
    Progress,
    lines,
    print_setup,
    save,
    sheet_name,
    width,
)

if TYPE_CHECKING:
    from app.domain.outcomes import Share
    from app.services.outcomes import OutcomeRow, Outcomes

HEADER_ROW = 6
PERCENT = "0%"
CHART_SHARE_COLUMN = 7  # G: no new case within 12 months
COLUMNS = (
    N_("Measures"), N_("Children"),
    N_("No new case within 6 months"), N_("n (followed 6 months)"), N_("Interval (95%)"),
    N_("No new case within 12 months"), N_("n (followed 12 months)"), N_("Interval (95%)"),
    N_("Median days to removal from the register"), N_("n (on the register)"),
    N_("Removed since"),
    N_("Assessed effective"), N_("n (assessed)"), N_("Interval (95%)"),
)
SMALL_NOTE = N_("A share is shown only when it rests on at least 5 children (or measures); "
                "n is always shown. The interval is where the true share lies with a "
                "probability of 95% (Wilson). A new case is one received in the 6 (12) months "
                "after the child's first measure of the group in the period; only children "
                "followed that long count. The median time to removal counts children "
                "still on the register for as long as they were followed (Kaplan–Meier).")


def _date(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d:%d.%m.%Y}"


def territory(outcomes: Outcomes, lang: str) -> str:
    if outcomes.district is None:
        return tr(lang, "the whole commission")
    return outcomes.district.name(lang)


def interval_text(share: Share) -> str | None:
    bounds = share.interval
    if bounds is None:
        return None
    return f"{round(bounds[0] * 100)}–{round(bounds[1] * 100)}%"


def _share_cells(ws, row: int, col: int, share: Share) -> None:  # type: ignore[no-untyped-def]
    cell = ws.cell(row, col, share.value)
    cell.number_format, cell.alignment = PERCENT, VALUE_ALIGN
    n = ws.cell(row, col + 1, share.n)
    n.number_format, n.alignment = INT_FORMAT, VALUE_ALIGN
    ws.cell(row, col + 2, interval_text(share)).alignment = VALUE_ALIGN


def _row_cells(ws, n: int, row: OutcomeRow, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws.cell(n, 1, row.label.name(lang)).alignment = LABEL_ALIGN
    for col, value in ((2, row.measures), (3, row.children)):
        cell = ws.cell(n, col, value)
        cell.number_format, cell.alignment = INT_FORMAT, VALUE_ALIGN
    _share_cells(ws, n, 4, row.no_new_case_6m)
    _share_cells(ws, n, 7, row.no_new_case_12m)
    removal = row.removal
    median: object = removal.median_days
    if removal.shown and median is None:
        median = tr(lang, "not reached")
    for col, value in ((10, median), (11, removal.n), (12, removal.events)):
        cell = ws.cell(n, col, value)
        cell.number_format, cell.alignment = INT_FORMAT, VALUE_ALIGN
    _share_cells(ws, n, 13, row.effective)


def outcome_sheet(ws, outcomes: Outcomes, rows: Sequence[OutcomeRow], title: str,  # type: ignore[no-untyped-def]
                  head: str, lang: str) -> None:
    """One outcome table: `rows` then the total."""
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    ws["A2"] = outcomes.commission(lang)
    ws["A3"] = tr(lang, "Period: {start} – {end}; territory: {territory}").format(
        start=_date(outcomes.date_from), end=_date(outcomes.date_to),
        territory=territory(outcomes, lang)) + "; " + tr(
        lang, "followed up to {date}").format(date=_date(outcomes.on))
    ws["A4"] = tr(lang, SMALL_NOTE)
    ws["A4"].font = NOTE_FONT
    headings = [head, *(tr(lang, c) for c in COLUMNS)]
    for col, text in enumerate(headings, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = (
            HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGN)
    first = HEADER_ROW + 1
    for n, row in enumerate(rows, start=first):
        _row_cells(ws, n, row, lang)
    total_row = first + len(rows)
    _row_cells(ws, total_row, outcomes.total, lang)
    for col in range(1, len(headings) + 1):
        ws.cell(total_row, col).border = TOTAL_BORDER
        ws.cell(total_row, col).font = HEADER_FONT
    label_width = width(head, *(r.label.name(lang) for r in rows), least=16, most=48)
    ws.column_dimensions["A"].width = label_width
    widths = [label_width]
    for col, text in enumerate(headings[1:], start=2):
        longest_word = max((len(w) for w in text.split()), default=0)
        widths.append(min(18, max(9, longest_word * 1.2 + 2, len(text) / 3 + 3)))
        ws.column_dimensions[get_column_letter(col)].width = widths[-1]
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * 1.1 * max(
        lines(t, w * 0.9) for t, w in zip(headings, widths, strict=True))
    for n, row in enumerate(rows, start=first):
        wrapped = lines(row.label.name(lang), label_width)
        if wrapped > 1:
            ws.row_dimensions[n].height = LINE_HEIGHT * wrapped
    ws.freeze_panes = ws.cell(first, 2).coordinate
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    if rows:
        _chart(ws, title, first, first + len(rows) - 1, total_row, lang)


def _chart(ws, title: str, first: int, last: int, total_row: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title
    chart.add_data(Reference(ws, min_col=CHART_SHARE_COLUMN, max_col=CHART_SHARE_COLUMN,
                             min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, max_col=1, min_row=first, max_row=last))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format = PERCENT
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.scaling.orientation = "maxMin"
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                     showLegendKey=False, showPercent=False)
    chart.legend.position = "b"
    chart.height = min(24.0, 5 + 0.75 * (last - first + 1))
    chart.width = 24
    ws.add_chart(chart, f"A{total_row + 3}")


def outcome_sheets(wb: Workbook, outcomes: Outcomes, lang: str, used: set[str]
                   ) -> list[str]:
    """Add the two outcome sheets to `wb`; returns their names."""
    names = []
    for key, head, rows in (
            (N_("Outcomes by kind of measure"), N_("Kind of measure"), outcomes.by_kind),
            (N_("Outcomes by responsible body"), N_("Responsible body"), outcomes.by_body)):
        name = sheet_name(tr(lang, key), used)
        outcome_sheet(wb.create_sheet(name), outcomes, rows, tr(lang, key), tr(lang, head),
                      lang)
        names.append(name)
    return names


def build_outcomes(outcomes: Outcomes, path: Path, lang: str,
                   progress: Progress | None = None) -> Path:
    """The outcomes workbook, saved atomically."""
    wb = Workbook()
    used: set[str] = set()
    wb.remove(wb.active)
    outcome_sheets(wb, outcomes, lang, used)
    if progress:
        progress(1, 1)  # may cancel: nothing is written yet
    wb.properties.title = tr(lang, "Outcomes of measures")
    wb.properties.creator = "Kenes"
    return save(wb, path)
