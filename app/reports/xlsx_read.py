"""Reading a list from an .xlsx file (read-only mode: rows stream from the file).

The header row is the first row with at least two filled cells among the first rows
(lists from schools often start with a title line), unless the caller names it. Rows
come back with their sheet row numbers, so a report can say "row 17, column C". Fully
empty rows are skipped. No Session, no Qt.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from app.domain.text import fold
from app.errors import ValidationError
from app.i18n import N_

HEADER_SEARCH = 10  # rows looked at for the header
MAX_ROWS = 200_000
MAX_COLUMNS = 60

Value = object  # str | int | float | datetime | bool | None, as openpyxl reads them


@dataclass(frozen=True, slots=True)
class SheetRows:
    path: Path
    sheet: str
    header_row: int  # 1-based sheet row of the headings
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Value, ...]], ...]  # (sheet row number, cells)

    @property
    def layout(self) -> str:
        return layout_key(self.headers)

    def column_name(self, index: int) -> str:
        """"C (Дата рождения)": the letter and the heading of a 0-based column."""
        letter = get_column_letter(index + 1)
        heading = self.headers[index] if index < len(self.headers) else ""
        return f"{letter} ({heading})" if heading else letter


def layout_key(headers: tuple[str, ...] | list[str]) -> str:
    """A file layout's fingerprint: the hash of its folded headings, in order."""
    text = "\x1f".join(fold(h) for h in headers).rstrip("\x1f")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _filled(values: tuple[Value, ...]) -> int:
    return sum(1 for v in values if _text(v))


def _rows(ws, path: Path):  # type: ignore[no-untyped-def]
    """The sheet's rows, numbered; a damaged part of the file or a cell that cannot be
    read becomes a message naming it, not the library's exception."""
    number = 0
    rows = ws.iter_rows(values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except (KeyError, zipfile.BadZipFile, EOFError):
            raise ValidationError(N_("{path} is damaged: a part of the workbook is missing. "
                                     "Open it in Excel and save it again."), field="path",
                                  path=path.name) from None
        except SyntaxError:  # ElementTree's ParseError and lxml's errors derive from it
            raise ValidationError(N_("{path} is damaged: the sheet holds characters that "
                                     "are not allowed in a workbook (control characters) "
                                     "or broken markup. Open it in Excel and save it "
                                     "again."), field="path", path=path.name) from None
        except (OverflowError, ValueError):
            raise ValidationError(N_("Row {row} holds a date or a number Excel cannot show "
                                     "(a date before 1900 or after 9999?); correct it and "
                                     "import again."), field="path", row=number + 1) from None
        number += 1
        yield number, values


def read_sheet(path: Path, *, sheet: str | None = None, header_row: int | None = None
               ) -> SheetRows:
    """The header and every non-empty row of one worksheet (the first by default)."""
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ValidationError(N_("There is no file {path}."), field="path",
                              path=str(path)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ValidationError(N_("{path} is not an Excel workbook (.xlsx); an old .xls "
                                 "file must be saved as .xlsx first."), field="path",
                              path=path.name) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise ValidationError(N_("The workbook has no sheet named {sheet}."),
                                  field="sheet", sheet=sheet)
        if not wb.worksheets:  # the sheet's part is gone: openpyxl skips what is missing
            raise ValidationError(N_("{path} is damaged: a part of the workbook is missing. "
                                     "Open it in Excel and save it again."), field="path",
                                  path=path.name)
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows: list[tuple[int, tuple[Value, ...]]] = []
        header: tuple[Value, ...] | None = None
        head_at = 0
        for number, values in _rows(ws, path):
            values = tuple(values[:MAX_COLUMNS])
            if header is None:
                wanted = (number == header_row) if header_row else (
                    _filled(values) >= 2 or number >= HEADER_SEARCH)
                if wanted and _filled(values):
                    header, head_at = values, number
                continue
            if not _filled(values):
                continue
            rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise ValidationError(N_("The list has more than {n} rows; split it into "
                                         "several files."), field="path", n=MAX_ROWS)
    finally:
        wb.close()
    if header is None:
        raise ValidationError(N_("The sheet has no header row with column names."),
                              field="path")
    headers = [_text(h) for h in header]
    while headers and not headers[-1]:
        headers.pop()
    width = max([len(headers), *(len(v) for _n, v in rows)], default=0)
    headers += [""] * (width - len(headers))
    padded = tuple((n, v + (None,) * (width - len(v))) for n, v in rows)
    return SheetRows(path, ws.title, head_at, tuple(headers), padded)
