"""Importing children from .xlsx: every row is checked first and a bad row writes
nothing; a good file imports; importing it again adds nobody; likely duplicates come back
for a decision; the column mapping is guessed, remembered per layout, or read from JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.domain.iin import Sex, make_iin
from app.domain.roles import Role
from app.errors import PermissionDenied, ValidationError
from app.models import Child
from app.reports.xlsx_read import read_sheet
from app.services import child_import, children, import_mapping
from app.services.context import Actor, today
from app.services.import_mapping import ColumnMapping

HEADERS = ["№", "Фамилия", "Имя", "Отчество", "ИИН", "Дата рождения", "Пол", "Район",
           "Школа", "Класс", "Адрес"]
SURNAMES = ("Ахметов", "Иванов", "Серікбаев", "Ким", "Жумабеков", "Петров", "Нұрланов")
NAMES = ("Арман", "Данияр", "Тимур", "Алихан", "Ерлан", "Максим", "Әли")
DISTRICTS = ("Баянаульский район", "Баянауыл ауданы", "г. Экибастуз", "Аксу", "")


def _row(n: int, *, iin: bool = True) -> list[object]:
    """A valid row for a boy numbered n (unique IIN and name)."""
    born = today() - dt.timedelta(days=6 * 365 + 20 + (n * 37) % (11 * 365))
    return [n, f"{SURNAMES[n % 7]}{n}", NAMES[n % 7], "Серикович" if n % 3 else None,
            make_iin(born, Sex.MALE, n) if iin else None, born, "М" if n % 2 else "муж",
            DISTRICTS[n % 5], f"СОШ № {n % 40}", n % 11 + 1, f"ул. Абая, {n}"]


def _write(path, rows, headers=HEADERS, title: str | None = "Список учащихся"):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _count(world) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(Child))


def _import(world, path, *, write=True, mapping: ColumnMapping | None = None,
            duplicates=(), actor=None):
    sheet = read_sheet(path)
    with world.db.session() as s:
        return child_import.import_children(
            s, actor or world.admin, world.commission_id, sheet,
            mapping or import_mapping.guess_mapping(sheet.headers), write=write,
            import_duplicates=duplicates)


# The 20 bad rows: (row of the file, what is wrong, the column at fault).
BAD = {
    7: (1, "", "B"), 31: (2, None, "C"), 52: (4, "061211600013", "E"),
    77: (4, "12345", "E"), 98: (5, "31.02.2012", "F"), 120: (5, "когда-то", "F"),
    145: (6, "X", "G"), 166: (7, "Марс", "H"), 190: (9, "5" * 25, "J"),
    210: (1, "А" * 120, "B"), 233: (6, "?", "G"), 251: (7, "Атлантида", "H"),
    274: (4, "0612116000", "E"), 299: (2, "", "C"), 318: (5, "2999-01-01", "F"),
    340: (5, dt.datetime(1990, 5, 5), "F"), 366: (10, "x" * 600, "K"),
    388: (3, "П" * 150, "D"), 420: (8, "ш" * 400, "I"), 471: (6, "женский?", "G"),
}


def test_twenty_bad_rows_among_500_write_nothing_and_are_all_reported(world, tmp_path):
    rows = [_row(n) for n in range(1, 501)]
    for number, (index, value, _column) in BAD.items():
        rows[number - 3][index] = value  # sheet row = title + header + position
    path = _write(tmp_path / "bad.xlsx", rows)
    before = _count(world)
    report = _import(world, path)
    assert report.rows == 500
    assert not report.ok and report.written == 0 and report.ids == ()
    assert report.bad_rows == tuple(sorted(BAD))
    for number, (_index, _value, column) in BAD.items():
        found = [p for p in report.problems if p.row == number]
        assert [p.column[0] for p in found] == [column], (number, found)
        assert found[0].column.startswith(f"{column} (") and found[0].text()
    assert _count(world) == before


def test_a_good_file_imports_and_a_second_import_adds_nobody(world, tmp_path):
    rows = [_row(n, iin=n % 25 != 0) for n in range(1, 501)]
    rows[0][4] = int(rows[0][4])  # a number cell: the IIN's leading zero is lost in Excel
    path = _write(tmp_path / "good.xlsx", rows)
    before = _count(world)
    report = _import(world, path)
    assert report.ok and report.written == 500 == len(report.ids)
    assert _count(world) == before + 500
    with world.db.session() as s:
        first = children.get_child(s, world.admin, report.ids[0])
        assert first.iin == f"{rows[0][4]:012d}"
        assert first.district_id is not None and first.grade == "2"
        assert first.surname == "Иванов1" and first.patronymic == "Серикович"

    again = _import(world, path)
    assert again.ok and again.written == 0 and again.to_import == ()
    assert len(again.already_registered) == 480  # every row with an IIN
    assert {d.reason for d in again.duplicates} == {"name_in_db"}  # the 20 without one
    assert len(again.duplicates) == 20
    assert _count(world) == before + 500


def test_likely_duplicates_come_back_for_a_decision(world, tmp_path):
    with world.db.session() as s:
        known = _row(900)
        children.register_child(s, world.admin, world.commission_id, children.ChildInput(
            surname=known[1], first_name=known[2], birth_date=known[5], sex=Sex.MALE))
    a, b = _row(901), _row(902)
    b[4] = a[4]  # the same IIN as the row before
    c = _row(903)
    c[1:3], c[5] = known[1:3], known[5]  # the name and birth date of a registered child
    d, e = _row(904), _row(905, iin=False)
    e[1:3], e[5] = d[1:3], d[5]  # the same name and birth date as row d
    path = _write(tmp_path / "dupes.xlsx", [a, b, c, d, e])
    checked = _import(world, path, write=False)
    assert checked.ok and checked.written == 0
    by_row = {x.row: x for x in checked.duplicates}
    assert {r: x.reason for r, x in by_row.items()} == {
        4: "iin_in_file", 5: "name_in_db", 7: "name_in_file"}
    assert by_row[4].other_row == 3 and not by_row[4].can_import
    assert by_row[5].child_id and by_row[5].other_name.startswith(known[1])
    assert by_row[7].other_row == 6 and by_row[7].can_import
    assert checked.to_import == (3, 6)
    assert "row 3" in by_row[4].text("en")

    before = _count(world)
    done = _import(world, path, duplicates={4, 5, 7})  # row 4 cannot be imported
    assert done.written == 4 and done.to_import == (3, 5, 6, 7)
    assert _count(world) == before + 4


def test_headings_in_kazakh_and_a_full_name_column_are_understood(world, tmp_path):
    headers = ["Аты-жөні", "ЖСН", "Туған күні", "Жынысы", "Аудан", "Мектеп", "Сынып"]
    born = today().replace(day=1) - dt.timedelta(days=10 * 365)
    iin = make_iin(born, Sex.FEMALE, 77)
    path = _write(tmp_path / "kk.xlsx", [["Сейтова Айгерім Қанатқызы", int(iin), None, None,
                                          "Баянауыл ауданы", "№ 3 мектеп", "9Ә"]],
                  headers=headers, title=None)
    sheet = read_sheet(path)
    mapping = import_mapping.guess_mapping(sheet.headers)
    assert mapping.as_dict() == {"full_name": 0, "iin": 1, "birth_date": 2, "sex": 3,
                                 "district": 4, "school": 5, "grade": 6}
    report = _import(world, path)
    assert report.ok and report.written == 1, report.problems
    with world.db.session() as s:
        child = children.get_child(s, world.admin, report.ids[0])
    # Date of birth and sex came from the IIN.
    assert (child.surname, child.first_name, child.patronymic) == (
        "Сейтова", "Айгерім", "Қанатқызы")
    assert (child.iin, child.birth_date, child.sex) == (iin, born, Sex.FEMALE)


def test_the_mapping_is_remembered_per_layout(tmp_path):
    headers = ("Ф.И.О. ребёнка", "Д.Р.", "Пол", "ИИН", "Учебное заведение")
    assert import_mapping.remembered_mapping(headers) is None
    mapping = ColumnMapping.of({"full_name": 0, "birth_date": 1, "sex": 2, "iin": 3,
                                "school": 4})
    import_mapping.remember_mapping(headers, mapping)
    assert import_mapping.remembered_mapping(headers) == mapping
    assert import_mapping.initial_mapping(headers) == mapping
    # The same headings spelt in another case are the same layout; other ones are not.
    assert import_mapping.remembered_mapping(tuple(h.upper() for h in headers)) == mapping
    assert import_mapping.remembered_mapping(headers[:-1]) is None
    stored = json.loads((tmp_path / "data" / "import-mappings.json").read_text("utf-8"))
    assert list(stored["layouts"].values())[0]["columns"]["iin"] == 3


def test_a_mapping_file_names_columns_by_heading_letter_or_number(tmp_path):
    file = tmp_path / "mapping.json"
    file.write_text(json.dumps({"surname": "фамилия", "first_name": "C", "birth_date": 6,
                                "sex": "Пол"}, ensure_ascii=False), "utf-8")
    mapping = import_mapping.mapping_from_file(file, HEADERS)
    assert mapping.as_dict() == {"surname": 1, "first_name": 2, "birth_date": 5, "sex": 6}
    file.write_text(json.dumps({"nickname": "A"}), "utf-8")
    with pytest.raises(ValidationError, match="unknown field"):
        import_mapping.mapping_from_file(file, HEADERS)
    file.write_text(json.dumps({"surname": "B", "first_name": "C"}), "utf-8")
    with pytest.raises(ValidationError) as exc:
        import_mapping.mapping_from_file(file, HEADERS)  # no date of birth, no IIN
    assert exc.value.field == "birth_date"


def test_refusals(world, tmp_path):
    path = _write(tmp_path / "one.xlsx", [_row(1)])
    viewer = Actor(user_id=None, login="viewer", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        _import(world, path, actor=viewer)
    (tmp_path / "not.xlsx").write_text("just text")
    with pytest.raises(ValidationError, match="not an Excel workbook"):
        read_sheet(tmp_path / "not.xlsx")
    with pytest.raises(ValidationError, match="no header row"):
        read_sheet(_write(tmp_path / "empty.xlsx", [], headers=[], title=None))


def test_an_iin_in_a_number_cell_gets_its_leading_zero_back():
    assert child_import.iin_text(61211600012) == "061211600012"
    assert child_import.iin_text(61211600012.0) == "061211600012"
    assert child_import.iin_text(" 0612 1160 0012 ") == "061211600012"
    assert child_import.iin_text(None) is None


@pytest.mark.parametrize(("value", "expected"), [
    (dt.datetime(2012, 3, 4), dt.date(2012, 3, 4)), ("04.03.2012", dt.date(2012, 3, 4)),
    ("2012-03-04", dt.date(2012, 3, 4)), ("4/3/2012", dt.date(2012, 3, 4)),
    (40972, dt.date(2012, 3, 4)), (None, None), ("", None)])
def test_dates_in_the_forms_lists_use(value, expected):
    assert child_import.parse_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("М", Sex.MALE), ("м.", Sex.MALE), ("Ер", Sex.MALE), ("ұл", Sex.MALE),
    ("Ж", Sex.FEMALE), ("жен.", Sex.FEMALE), ("Қыз", Sex.FEMALE), ("female", Sex.FEMALE),
    (None, None)])
def test_sex_in_the_forms_lists_use(value, expected):
    assert child_import.parse_sex(value) == expected
