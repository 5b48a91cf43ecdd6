"""Broken workbooks reach the person as a message naming the problem, never as the
library's exception: a sheet's XML removed, control characters in the XML, a date cell
out of Excel's range. Nothing is imported (the import reads the sheet first)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import ValidationError
from app.reports.xlsx_read import read_sheet


def _workbook(path: Path, extra=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Фамилия", "Имя", "Дата рождения", "Пол"])
    ws.append(["Серикова", "Айым", "01.02.2012", "Ж"])
    if extra:
        extra(ws)
    wb.save(path)
    return path


def _rewrite(path: Path, change) -> Path:
    """Copy the .xlsx with its parts passed through `change(name, data)` (None drops)."""
    out = path.with_name("broken-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item, data)
    return out


def test_a_workbook_without_its_sheet_xml(tmp_path):
    broken = _rewrite(_workbook(tmp_path / "a.xlsx"),
                      lambda name, data: None if name == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(ValidationError) as info:
        read_sheet(broken)
    text = info.value.user_message("en")
    assert "broken-a.xlsx" in text and ("damaged" in text or "not an Excel" in text)


def test_control_characters_in_the_sheet(tmp_path):
    def poison(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return data.replace("Серикова".encode(), "Сер\x01икова".encode())
        return data
    path = _workbook(tmp_path / "b.xlsx", lambda ws: ws.cell(2, 1, "Серикова"))
    broken = _rewrite(path, poison)
    with pytest.raises(ValidationError, match="control characters"):
        read_sheet(broken)


@pytest.mark.filterwarnings("ignore:Cell C3 is marked as a date")
def test_a_date_out_of_range_is_a_problem_of_its_row(world, tmp_path):
    """A date cell whose serial is past 9999: the row is reported, nothing raised."""
    from app.services import child_import, import_mapping

    def far(ws):
        cell = ws.cell(3, 3, 99_999_999)
        cell.number_format = "dd.mm.yyyy"
        ws.cell(3, 1, "Ахметов")
        ws.cell(3, 2, "Ерлан")
        ws.cell(3, 4, "М")
    sheet = read_sheet(_workbook(tmp_path / "c.xlsx", far))
    with world.db.session() as s:
        report = child_import.import_children(
            s, world.admin, world.commission_id, sheet,
            import_mapping.guess_mapping(sheet.headers), write=True)
    assert report.written == 0
    assert [(p.row, p.text("en")) for p in report.problems if p.row == 3] == [
        (3, "This is not a date; write it as dd.mm.yyyy.")]
