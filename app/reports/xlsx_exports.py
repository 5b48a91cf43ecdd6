"""Exports of what a list shows: the children's registry (with its filters), the
measures control list and the decisions of a period, as .xlsx in openpyxl's write-only
mode (rows stream to disk as they come, so 100,000 children never sit in memory).

One header row (frozen, repeated on printed pages, with an auto-filter), then one row
per record; cells are typed: numbers as numbers, dates as dates, the IIN as text (its
leading zero matters). Plain data in, file out: no Session, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.i18n import N_, tr
from app.labels import LABELS
from app.reports.xlsx_common import (
    DATE_FORMAT,
    HEADER_ALIGN,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    LINE_HEIGHT,
    WRAP,
    Progress,
    discard,
    lines,
    print_setup,
    save,
    sheet_name,
)

if TYPE_CHECKING:
    from app.services.exports import DecisionLine, MeasureLine
    from app.services.registry import RegistryRow

PROGRESS_EVERY = 2000  # rows between progress calls
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class _Column:
    title: str  # English source, translated per workbook
    width: float
    kind: str = "text"  # text | date | int | wrap


class _Sheet:
    """A write-only sheet with a styled header row and typed cells."""

    def __init__(self, wb: Workbook, title: str, columns: Sequence[_Column], lang: str
                 ) -> None:
        self.ws = wb.create_sheet(title)
        self.columns = columns
        for n, c in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(n)].width = c.width
        self.ws.freeze_panes = "A2"
        print_setup(self.ws, "1:1")
        titles = [tr(lang, c.title) for c in columns]
        self.ws.row_dimensions[1].height = LINE_HEIGHT * 1.1 * max(
            lines(text, c.width) for text, c in zip(titles, columns, strict=True))
        header = []
        for c in columns:
            cell = WriteOnlyCell(self.ws, tr(lang, c.title))
            cell.font, cell.fill, cell.border, cell.alignment = (
                HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGN)
            header.append(cell)
        self.ws.append(header)
        self.rows = 0
        # Dates and wrapped texts need a styled cell; one per column serves every row
        # (the write-only writer serialises a cell as soon as it is appended, and a date
        # format survives a new value), so a styled column costs what a plain one does.
        # A sheet with wrapped texts aligns every cell to the top of its row.
        top = any(c.kind == "wrap" for c in columns)
        self._styled: list[tuple[int, WriteOnlyCell]] = []
        for n, c in enumerate(columns):
            if c.kind in ("date", "wrap") or top:
                cell = WriteOnlyCell(self.ws)
                if c.kind == "date":
                    cell.number_format = DATE_FORMAT
                if top:
                    cell.alignment = WRAP if c.kind == "wrap" else TOP
                self._styled.append((n, cell))

    def append(self, values: list[Any]) -> None:
        wrapped = 1
        for n, cell in self._styled:
            value = values[n]
            if value is not None:
                if self.columns[n].kind == "wrap":
                    wrapped = max(wrapped, lines(value, self.columns[n].width))
                cell.value = value
                values[n] = cell
        if wrapped > 1:  # spreadsheets do not grow a row for text a library wrapped
            self.ws.row_dimensions[self.rows + 2].height = LINE_HEIGHT * min(wrapped, 12)
        self.ws.append(values)
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"


def _write(path: Path, lang: str, title: str, columns: Sequence[_Column],
           rows: Iterable[Any], to_values: Callable[[int, Any], list[Any]],
           progress: Progress | None, total: int | None) -> int:
    wb = Workbook(write_only=True)
    wb.properties.title = tr(lang, title)
    wb.properties.creator = "Kenes"
    sheet = _Sheet(wb, sheet_name(tr(lang, title), set()), columns, lang)
    rows = iter(rows)
    try:
        if progress:
            progress(0, total or 0)
        for n, row in enumerate(rows, start=1):
            sheet.append(to_values(n, row))
            if progress and n % PROGRESS_EVERY == 0:
                progress(n, total or 0)
        sheet.finish()
        if progress:  # the last chance to cancel: nothing is on disk yet
            progress(sheet.rows, total or sheet.rows)
        save(wb, path)
    except BaseException:
        close = getattr(rows, "close", None)
        if close is not None:  # a generator reading the database stops reading now
            close()
        discard(wb)
        raise
    return sheet.rows


REGISTRY_COLUMNS = (
    _Column(N_("No."), 7, "int"),
    _Column(N_("Full name"), 36),
    _Column(N_("Date of birth"), 13, "date"),
    _Column(N_("IIN"), 15),
    _Column(N_("District"), 24),
    _Column(N_("School"), 28),
    _Column(N_("Risk categories"), 36),
    _Column(N_("On the register"), 12),
    _Column(N_("Curator"), 26),
    _Column(N_("Overdue measures"), 12, "int"),
)


def write_registry(rows: Iterable[RegistryRow], path: Path, lang: str, *,
                   progress: Progress | None = None, total: int | None = None) -> int:
    """The registry's columns, one row per child; returns the number of children."""
    yes = tr(lang, "yes")

    def values(n: int, r: RegistryRow) -> list[Any]:
        return [n, r.full_name, r.birth_date, r.iin, r.district, r.school,
                r.categories or None, yes if r.on_register else None, r.curator_name,
                r.overdue_count]

    return _write(path, lang, N_("Children"), REGISTRY_COLUMNS, rows, values, progress,
                  total)


MEASURE_COLUMNS = (
    _Column(N_("Decision"), 10),
    _Column(N_("Child"), 30),
    _Column(N_("Kind of measure"), 32, "wrap"),
    _Column(N_("Measure"), 50, "wrap"),
    _Column(N_("Responsible body"), 30, "wrap"),
    _Column(N_("Responsible person"), 24),
    _Column(N_("Deadline"), 13, "date"),
    _Column(N_("State"), 16),
    _Column(N_("Last assessment"), 18),
    _Column(N_("Next review"), 13, "date"),
)


def write_measures(rows: Iterable[MeasureLine], path: Path, lang: str, *,
                   progress: Progress | None = None, total: int | None = None) -> int:
    def values(_n: int, line: MeasureLine) -> list[Any]:
        r = line.row
        result = (tr(lang, LABELS[type(r.last_result), r.last_result.value])
                  if r.last_result is not None else None)
        return [r.decision_label, r.child_name, line.kind.name(lang), r.text.shown(lang),
                r.responsible_body.shown(lang), r.responsible_person, r.deadline,
                tr(lang, LABELS[type(line.state), line.state.value]), result, r.next_review]

    return _write(path, lang, N_("Measures"), MEASURE_COLUMNS, rows, values, progress,
                  total)


DECISION_COLUMNS = (
    _Column(N_("Meeting date"), 13, "date"),
    _Column(N_("Meeting"), 10),
    _Column(N_("Decision"), 10),
    _Column(N_("Item"), 7, "int"),
    _Column(N_("Child"), 30),
    _Column(N_("Type of decision"), 36, "wrap"),
    _Column(N_("Decision text"), 60, "wrap"),
    _Column(N_("Adopted"), 10),
    _Column(N_("For"), 7, "int"),
    _Column(N_("Against"), 8, "int"),
    _Column(N_("Abstained"), 10, "int"),
    _Column(N_("Measures"), 10, "int"),
)


def write_decisions(rows: Iterable[DecisionLine], path: Path, lang: str, *,
                    progress: Progress | None = None, total: int | None = None) -> int:
    def values(_n: int, d: DecisionLine) -> list[Any]:
        return [d.meeting_date, d.meeting_label, d.label, d.item, d.child_name,
                d.template.name(lang) if d.template else None, d.text.shown(lang),
                tr(lang, "yes") if d.adopted else tr(lang, "no"), d.votes_for,
                d.votes_against, d.abstained, d.measures]

    return _write(path, lang, N_("Decisions"), DECISION_COLUMNS, rows, values, progress,
                  total)
