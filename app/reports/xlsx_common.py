"""What the Excel builders share: formats, styles, sheet names, progress with cancel,
and saving so that a file is either complete or absent."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from app.errors import KenesError
from app.files import make_private
from app.i18n import N_

DATE_FORMAT = "DD.MM.YYYY"
MONTH_FORMAT = "MM.YYYY"
INT_FORMAT = "0"
FONT = "Calibri"
HEADER_FONT = Font(name=FONT, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TITLE_FONT = Font(name=FONT, bold=True, size=14)
SUBTITLE_FONT = Font(name=FONT, bold=True, size=12)
NOTE_FONT = Font(name=FONT, italic=True, color="555555")
LINE_HEIGHT = 15  # points per line of 11-point text
THIN = Side(style="thin", color="999999")
HEADER_BORDER = Border(bottom=THIN)
TOTAL_BORDER = Border(top=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
LABEL_ALIGN = Alignment(wrap_text=True, vertical="center")
VALUE_ALIGN = Alignment(vertical="center")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
MAX_SHEET_NAME = 31
PAPER_A4 = "9"  # the page-setup code of A4 paper
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

Progress = Callable[[int, int], None]
"""progress(done, total): called as the work advances; raising `Cancelled` stops it."""


class Cancelled(KenesError):
    """The user cancelled a long export; nothing was written."""

    default_message = N_("Cancelled: no file was written.")


def sheet_name(text: str, used: set[str]) -> str:
    """A valid, unique worksheet name (at most 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub(" ", text).strip().strip("'")[:MAX_SHEET_NAME] or "Sheet"
    name, n = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def width(*texts: object, least: float = 8, most: float = 60) -> float:
    """A column width that fits the longest line of these texts (in characters)."""
    longest = max((len(line) for t in texts if t is not None
                   for line in str(t).splitlines()), default=0)
    return max(least, min(most, longest * 1.1 + 2))


def lines(text: str, column_width: float) -> int:
    """How many lines a wrapped text takes in a column of this width (an estimate: Excel
    and LibreOffice do not grow a row for wrapped text written by a library)."""
    per_line = max(1, int(column_width * 0.95) - 1)
    count = 0
    for paragraph in str(text).splitlines() or [""]:
        length = 0
        count += 1
        for word in paragraph.split():
            if length and length + 1 + len(word) > per_line:
                count += 1
                length = len(word)
            else:
                length += (1 if length else 0) + len(word)
    return max(1, count)


def part_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def save(wb: Workbook, path: Path) -> Path:
    """Save through a temporary file renamed into place: a crash or a cancel never
    leaves a half-written workbook under the final name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = part_path(path)
    try:
        wb.save(tmp)
        make_private(tmp)  # a workbook of the registry holds IINs
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def discard(wb: Workbook) -> None:
    """Drop a write-only workbook that will not be saved, with its temporary files."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                rows.close()
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def print_setup(ws, title_rows: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Landscape A4, fit to the page width, header rows repeated, page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "&P / &N"
    if title_rows:
        ws.print_title_rows = title_rows
