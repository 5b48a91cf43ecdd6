"""The statistical workbook: a title sheet with the key figures, then one sheet per
table of app.services.statistics, each with a native Excel bar chart.

Cells are typed (numbers as numbers, dates and months as dates), header rows are frozen
and repeated on every printed page, pages are landscape and fit to the width. Every
label is in the workbook's language. Plain data in, file out: no Session, no Qt.

Layout of a table sheet (the tests read it back by these constants):
row 1 the title, row 2 the commission, row 3 the period and territory, row 4 a note,
row HEADER_ROW the column headings, the rows from HEADER_ROW + 1, then the total row;
the chart sits under the table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.i18n import N_, tr
from app.reports.xlsx_common import (
    DATE_FORMAT,
    HEADER_ALIGN,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    INT_FORMAT,
    LABEL_ALIGN,
    LINE_HEIGHT,
    MONTH_FORMAT,
    NOTE_FONT,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOTAL_BORDER,
    VALUE_ALIGN,
    WRAP,
    Progress,
    lines,
    print_setup,
    save,
    sheet_name,
    width,
)

if TYPE_CHECKING:
    from app.services.outcomes import Outcomes
    from app.services.statistics import Statistics, StatTable

HEADER_ROW = 6
TITLE_FIGURES_ROW = 9  # the title sheet's key figures start under this heading row
CHART_ROW_CM = 0.75
LEFT = Alignment(horizontal="left")
MAX_CHART_CM = 24.0


def _date(d: dt.date) -> str:
    return f"{d:%d.%m.%Y}"


def _territory(stats: Statistics, lang: str) -> str:
    if stats.district is None:
        return tr(lang, "the whole commission")
    return stats.district.name(lang)


def build_statistics(stats: Statistics, path: Path, lang: str,
                     progress: Progress | None = None, outcomes: Outcomes | None = None
                     ) -> Path:
    """Write the workbook to `path` (atomically); `progress(done, total)`, called after
    each sheet, may raise Cancelled to stop before anything is written. With `outcomes`,
    their sheets follow the tables (app/reports/xlsx_outcomes.py)."""
    from app.reports.xlsx_outcomes import outcome_sheets

    wb = Workbook()
    used: set[str] = set()
    title = wb.active
    title.title = sheet_name(tr(lang, "Report"), used)
    tables = stats.tables
    total = len(tables) + 1 + (outcomes is not None)  # title, tables, outcomes; then saved
    names = [sheet_name(t.title.name(lang), used) for t in tables]
    links = [(name, t.title.name(lang)) for name, t in zip(names, tables, strict=True)]
    for n, (table, name) in enumerate(zip(tables, names, strict=True), start=1):
        _table_sheet(wb.create_sheet(name), stats, table, lang)
        if progress:
            progress(n, total)
    if outcomes is not None:
        extra = outcome_sheets(wb, outcomes, lang, used)
        links += [(name, wb[name]["A1"].value) for name in extra]
        if progress:
            progress(total - 1, total)
    _title_sheet(title, stats, lang, links)
    if progress:
        progress(total, total)
    wb.properties.title = tr(lang, "Statistical report")
    wb.properties.creator = "Kenes"
    return save(wb, path)


def _title_sheet(ws, stats: Statistics, lang: str,  # type: ignore[no-untyped-def]
                 links: list[tuple[str, str]]) -> None:
    """Key figures, then a link to every other sheet: (sheet name, its title)."""
    ws["A1"] = tr(lang, "Statistical report")
    ws["A1"].font = TITLE_FONT
    ws["A2"] = stats.commission(lang)
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:C2")
    ws.row_dimensions[2].height = 48
    rows = ((N_("Period from"), stats.date_from), (N_("Period to"), stats.date_to),
            (N_("Territory"), _territory(stats, lang)),
            (N_("Measure states as of"), stats.on))
    for n, (label, value) in enumerate(rows, start=4):
        ws.cell(n, 1, tr(lang, label)).font = HEADER_FONT
        cell = ws.cell(n, 2, value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
            cell.alignment = LEFT
    head = TITLE_FIGURES_ROW
    for col, text in ((1, tr(lang, "Key figures")), (2, tr(lang, "Count"))):
        cell = ws.cell(head, col, text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
    figures = stats.summary.figures()
    for n, (_field, label, value) in enumerate(figures, start=head + 1):
        ws.cell(n, 1, label.name(lang))
        ws.cell(n, 2, value).number_format = INT_FORMAT
    row = head + len(figures) + 2
    ws.cell(row, 1, tr(lang, "Tables")).font = SUBTITLE_FONT
    for n, (name, text) in enumerate(links, start=row + 1):
        cell = ws.cell(n, 1, text)
        cell.hyperlink = f"#'{name}'!A1"
        cell.style = "Hyperlink"
    ws.column_dimensions["A"].width = width(*(f[1].name(lang) for f in figures),
                                            tr(lang, "Measure states as of"), most=55)
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 30
    ws.freeze_panes = None
    print_setup(ws)
    ws.page_setup.orientation = "portrait"


def _table_sheet(ws, stats: Statistics, table: StatTable, lang: str) -> None:  # type: ignore[no-untyped-def]
    ws["A1"] = table.title.name(lang)
    ws["A1"].font = TITLE_FONT
    ws["A2"] = stats.commission(lang)
    ws["A3"] = tr(lang, "Period: {start} – {end}; territory: {territory}").format(
        start=_date(stats.date_from), end=_date(stats.date_to),
        territory=_territory(stats, lang))
    if table.note is not None:
        ws["A4"] = table.note.name(lang)
        ws["A4"].font = NOTE_FONT
    headings = [table.head.name(lang), *(c.name(lang) for c in table.columns)]
    for col, text in enumerate(headings, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = (
            HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGN)
    first = HEADER_ROW + 1
    for n, row in enumerate(table.rows, start=first):
        if row.month is not None:
            cell = ws.cell(n, 1, row.month)
            cell.number_format = MONTH_FORMAT
            cell.alignment = LEFT
        else:
            ws.cell(n, 1, row.label.name(lang)).alignment = LABEL_ALIGN
        for col, value in enumerate(row.values, start=2):
            cell = ws.cell(n, col, value)
            cell.number_format, cell.alignment = INT_FORMAT, VALUE_ALIGN
    total_row = first + len(table.rows)
    ws.cell(total_row, 1, tr(lang, "Total")).font = HEADER_FONT
    for col, value in enumerate(table.total, start=2):
        cell = ws.cell(total_row, col, value)
        cell.number_format, cell.font = INT_FORMAT, HEADER_FONT
    for col in range(1, len(headings) + 1):
        ws.cell(total_row, col).border = TOTAL_BORDER
    label_width = width(headings[0], *(r.label.name(lang) for r in table.rows), least=14,
                        most=48)
    ws.column_dimensions["A"].width = label_width
    widths = [label_width]
    for col, text in enumerate(headings[1:], start=2):
        longest_word = max((len(w) for w in text.split()), default=0)
        widths.append(min(22, max(11, longest_word * 1.2 + 2, len(text) / 2 + 3)))
        ws.column_dimensions[get_column_letter(col)].width = widths[-1]
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * 1.1 * max(
        lines(t, w * 0.9) for t, w in zip(headings, widths, strict=True))
    for n, row in enumerate(table.rows, start=first):
        wrapped = lines(row.label.name(lang), label_width)
        if wrapped > 1:
            ws.row_dimensions[n].height = LINE_HEIGHT * wrapped
    ws.freeze_panes = ws.cell(first, 2).coordinate
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    if table.rows:
        _chart(ws, table, lang, first, total_row)


def _chart(ws, table: StatTable, lang: str, first: int, total_row: int) -> None:  # type: ignore[no-untyped-def]
    shown = len(table.rows) if not table.chart_rows else min(table.chart_rows,
                                                             len(table.rows))
    last = first + shown - 1
    by_month = table.rows[0].month is not None
    chart = BarChart()
    chart.type = "col" if by_month else "bar"
    chart.style = 10
    chart.title = table.title.name(lang)
    chart.grouping = "clustered"
    for column in table.chart:
        data = Reference(ws, min_col=column + 2, max_col=column + 2, min_row=HEADER_ROW,
                         max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, max_col=1, min_row=first, max_row=last))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format = "0"
    if not by_month:
        chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top to bottom
    else:
        chart.x_axis.number_format = MONTH_FORMAT
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                     showLegendKey=False, showPercent=False)
    chart.legend.position = "b"
    series = len(table.chart)
    per_row = CHART_ROW_CM * (1 + 0.5 * (series - 1))
    chart.height = min(MAX_CHART_CM, 5 + per_row * shown) if not by_month else 9
    chart.width = 24
    ws.add_chart(chart, f"A{total_row + 3}")
