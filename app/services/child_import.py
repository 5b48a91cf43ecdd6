"""Importing children from a list in Excel (schools and police send them).

1. The file is read (app.reports.xlsx_read) and its columns are mapped to the child's
   fields (app/services/import_mapping.py: remembered per file layout, else guessed
   from the headings in Russian, Kazakh or English).
2. Every row is checked before anything is written; the report names each problem by
   sheet row and column. One bad row and nothing is written.
3. Likely duplicates are not created silently: a row whose IIN is already registered is
   skipped ("already registered"), so importing the same file twice adds nobody; the
   same IIN twice in the file keeps the first row; the same name and date of birth as a
   registered child (or an earlier row) is skipped unless the user decides to import it.
4. The rows to import are written in one transaction through children.register_children
   (all or nothing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from openpyxl.utils.datetime import from_excel
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.chunks import chunks
from app.domain.iin import IinProblem, Sex, parse_iin, validate_iin
from app.domain.roles import Permission
from app.domain.text import fold
from app.errors import ValidationError
from app.i18n import N_, current_language, tr
from app.models import Child, Commission, Territory
from app.reports.xlsx_read import SheetRows
from app.services import children
from app.services.children import ChildInput
from app.services.context import Actor, clean_text, get, require, today
from app.services.import_mapping import ColumnMapping, check_mapping
from app.services.statistics import territory_key, territory_names

_MALE = {fold(w) for w in ("м", "m", "муж", "муж.", "мужской", "male", "мальчик", "ер",
                           "ұл", "ер бала", "ұл бала")}
_FEMALE = {fold(w) for w in ("ж", "f", "жен", "жен.", "женский", "female", "девочка",
                             "әйел", "қыз", "қыз бала")}
_DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%y")
# The same messages as the child's form (app.services.children).
_IIN_ERRORS = {
    IinProblem.FORMAT: N_("An IIN has exactly 12 digits."),
    IinProblem.CHECK_DIGIT: N_("This IIN is not valid: its check digit is wrong."),
    IinProblem.UNCHECKABLE: N_("This IIN is not valid: no check digit fits it."),
}
_CHILD_FIELD = {"district_id": "district"}  # ChildInput field -> mapped field


# -- the report --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Problem:
    """A cell that cannot be imported (or, in `warnings`, a doubt about it)."""

    row: int  # the sheet row
    column: str  # "C (Дата рождения)"; "" when no single column is at fault
    field: str
    message: str  # English source, with {placeholders}
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        text = tr(lang or current_language(), self.message)
        return text.format(**dict(self.params)) if self.params else text


@dataclass(frozen=True, slots=True)
class Registered:
    row: int
    iin: str
    child_id: str
    full_name: str  # as registered


DUPLICATE_REASONS = {
    "iin_in_file": N_("The same IIN as row {other_row}: only the first row is imported."),
    "name_in_db": N_("A child with the same name and date of birth is registered: {name}."),
    "name_in_file": N_("The same name and date of birth as row {other_row}."),
}


@dataclass(frozen=True, slots=True)
class Duplicate:
    row: int
    reason: str  # a key of DUPLICATE_REASONS
    full_name: str
    birth_date: dt.date
    iin: str | None
    other_row: int | None  # the earlier row of the file
    child_id: str | None  # the registered child
    other_name: str | None
    can_import: bool  # False: the same IIN cannot be registered twice

    def text(self, lang: str | None = None) -> str:
        return tr(lang or current_language(), DUPLICATE_REASONS[self.reason]).format(
            other_row=self.other_row, name=self.other_name or "")


@dataclass(frozen=True, slots=True)
class ImportReport:
    rows: int  # data rows in the file
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    already_registered: tuple[Registered, ...]
    duplicates: tuple[Duplicate, ...]
    to_import: tuple[int, ...]  # the sheet rows that are (or would be) written
    written: int = 0
    ids: tuple[str, ...] = field(default=())
    # Every row read without a problem, for `write_checked` (not shown, not compared).
    parsed: tuple[tuple[int, ChildInput], ...] = field(default=(), repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.problems}))


# -- reading one row ---------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return " ".join(str(value).split())


def parse_date(value: object) -> dt.date | None:
    """A date from a date cell, an Excel day number or text like 21.03.2011."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # the days Excel can show
            moment = from_excel(value)
            return moment.date() if isinstance(moment, dt.datetime) else None
        raise ValueError(value)
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_sex(value: object) -> Sex | None:
    text = fold(_text(value)).strip(". ")
    if not text:
        return None
    if text in _MALE or text + "." in _MALE:
        return Sex.MALE
    if text in _FEMALE or text + "." in _FEMALE:
        return Sex.FEMALE
    raise ValueError(value)


def iin_text(value: object) -> str | None:
    """The IIN as 12 digits; a number cell has lost its leading zero, which comes back."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value < 10**12:
            return f"{int(value):012d}"
        return str(value)
    return "".join(_text(value).split())


class _Rows:
    """Turns sheet rows into ChildInput, collecting every problem on the way."""

    def __init__(self, s: Session, commission_id: str, sheet: SheetRows,
                 mapping: ColumnMapping) -> None:
        self.s, self.sheet, self.mapping = s, sheet, mapping
        self.on = today()
        self.districts = frozenset(s.scalars(select(Territory.id).where(
            Territory.deleted.is_(False))))
        self.territory = territory_names(s, commission_id)
        # The sheet's texts (school, address) are in the commission's working language.
        self.lang = get(s, Commission, commission_id).working_language
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def column(self, name: str) -> str:
        index = self.mapping.get(name)
        return self.sheet.column_name(index) if index is not None else ""

    def problem(self, row: int, which: str, message: str, /, **params: object) -> None:
        self.problems.append(Problem(row, self.column(which), which, message,
                                     tuple(params.items())))

    def cell(self, values: tuple[object, ...], name: str) -> object:
        index = self.mapping.get(name)
        return values[index] if index is not None and index < len(values) else None

    def text(self, row: int, values: tuple[object, ...], name: str, max_len: int,
             *, required: bool = False) -> str | None:
        try:
            return clean_text(_text(self.cell(values, name)), name, max_len=max_len,
                              required=required)
        except ValidationError as exc:
            self.problem(row, name, exc.message, **exc.params)
            return None

    def parse(self, row: int, values: tuple[object, ...]) -> ChildInput | None:
        before = len(self.problems)
        surname, first_name, patronymic = self._names(row, values)
        iin = iin_text(self.cell(values, "iin"))
        encoded = None
        if iin is not None:
            problem = validate_iin(iin)
            if problem is not None:
                self.problem(row, "iin", _IIN_ERRORS[problem])
                iin = None
            else:
                encoded = parse_iin(iin)
        birth = self._birth_date(row, values, encoded)
        sex = self._sex(row, values, encoded)
        district_id = self._district(row, values)
        school = self.text(row, values, "school", 300)
        grade = self.text(row, values, "grade", 20)
        address = self.text(row, values, "address", 500)
        if surname is None or first_name is None or birth is None or sex is None:
            return None
        data = ChildInput(surname=surname, first_name=first_name, patronymic=patronymic,
                          birth_date=birth, sex=sex, iin=iin, district_id=district_id,
                          school=Bilingual.of(self.lang, school), grade=grade,
                          address=Bilingual.of(self.lang, address))
        try:
            data, notices = children.validate_child(self.s, data, on=self.on,
                                                    districts=self.districts)
        except ValidationError as exc:
            name = _CHILD_FIELD.get(exc.field or "", exc.field or "")
            if name in ("surname", "first_name", "patronymic") and "full_name" in \
                    self.mapping.as_dict():
                name = "full_name"
            if not any(p.row == row and p.field == name for p in self.problems[before:]):
                self.problem(row, name, exc.message, **exc.params)
            return None
        for notice in notices:
            self.warnings.append(Problem(row, self.column("iin"), "iin", notice.message))
        return data if len(self.problems) == before else None

    def _names(self, row: int, values: tuple[object, ...]
               ) -> tuple[str | None, str | None, str | None]:
        if self.mapping.get("surname") is not None:
            return (self.text(row, values, "surname", 100, required=True),
                    self.text(row, values, "first_name", 100, required=True),
                    self.text(row, values, "patronymic", 100))
        words = _text(self.cell(values, "full_name")).split()
        if len(words) < 2:
            self.problem(row, "full_name", N_("Write at least the surname and the first "
                                              "name."))
            return None, None, None
        parts = (words[0], words[1], " ".join(words[2:]) or None)
        if any(len(p or "") > 100 for p in parts):
            self.problem(row, "full_name", N_("This text is too long: at most {max} "
                                              "characters."), max=100)
            return None, None, None
        return parts

    def _birth_date(self, row: int, values: tuple[object, ...], encoded) -> dt.date | None:  # type: ignore[no-untyped-def]
        raw = self.cell(values, "birth_date")
        try:
            value = parse_date(raw)
        except (ValueError, OverflowError):
            self.problem(row, "birth_date", N_("This is not a date; write it as "
                                               "dd.mm.yyyy."))
            return None
        if value is None and encoded is not None:
            value = encoded.birth_date
        if value is None:
            self.problem(row, "birth_date" if self.mapping.get("birth_date") is not None
                         else "iin", N_("The date of birth is missing."))
        return value

    def _sex(self, row: int, values: tuple[object, ...], encoded) -> Sex | None:  # type: ignore[no-untyped-def]
        try:
            value = parse_sex(self.cell(values, "sex"))
        except ValueError:
            self.problem(row, "sex", N_("Write the sex as М or Ж (male or female)."))
            return None
        if value is None and encoded is not None:
            value = encoded.sex
        if value is None:
            self.problem(row, "sex" if self.mapping.get("sex") is not None else "iin",
                         N_("The sex is missing."))
        return value

    def _district(self, row: int, values: tuple[object, ...]) -> str | None:
        name = _text(self.cell(values, "district"))
        if not name:
            return None
        found = self.territory.get(fold(name)) or self.territory.get(territory_key(name))
        if found is None:
            self.problem(row, "district", N_("There is no district named {name} in the "
                                             "list of territories."), name=name)
        return found


# -- the import --------------------------------------------------------------------------

def _full_name(c: ChildInput) -> str:
    return " ".join(p for p in (c.surname, c.first_name, c.patronymic) if p)


def check_children(s: Session, actor: Actor, commission_id: str, sheet: SheetRows,
                   mapping: ColumnMapping, *, import_duplicates: Collection[int] = ()
                   ) -> ImportReport:
    """Check every row and sort out the registered and the likely duplicates; writes
    nothing. Run it in a read session: a long list is checked without holding the
    write lock, so other windows and commands go on writing meanwhile."""
    require(actor, Permission.EDIT_CHILDREN)
    check_mapping(mapping, sheet.headers)
    reader = _Rows(s, commission_id, sheet, mapping)
    parsed: list[tuple[int, ChildInput]] = []
    for row, values in sheet.rows:
        data = reader.parse(row, values)
        if data is not None:
            parsed.append((row, data))
    registered, duplicates, chosen = _sort_out(s, parsed, set(import_duplicates))
    return ImportReport(len(sheet.rows), tuple(reader.problems), tuple(reader.warnings),
                        registered, duplicates, tuple(row for row, _ in chosen),
                        parsed=tuple(parsed))


def write_checked(s: Session, actor: Actor, commission_id: str, report: ImportReport, *,
                  import_duplicates: Collection[int] = ()) -> ImportReport:
    """Register the rows of a checked report, in one short write transaction: only who
    was registered since the check is looked up again (a few queries), then the rows go
    in with one statement. A report with problems writes nothing."""
    require(actor, Permission.EDIT_CHILDREN)
    if report.problems:
        return report
    report = choose(s, report, import_duplicates)
    chosen = [(row, d) for row, d in report.parsed if row in set(report.to_import)]
    if not chosen:
        return report
    ids = children.register_children(s, actor, commission_id, [d for _, d in chosen])
    return dataclasses.replace(report, written=len(ids), ids=tuple(ids))


def choose(s: Session, report: ImportReport, import_duplicates: Collection[int]
           ) -> ImportReport:
    """The report sorted out again against the database as it is now, with the likely
    duplicates the user chose to import (a few queries; the rows are not read again)."""
    registered, duplicates, chosen = _sort_out(s, list(report.parsed),
                                               set(import_duplicates))
    return dataclasses.replace(report, already_registered=registered,
                               duplicates=duplicates,
                               to_import=tuple(row for row, _ in chosen))


def import_children(s: Session, actor: Actor, commission_id: str, sheet: SheetRows,
                    mapping: ColumnMapping, *, write: bool,
                    import_duplicates: Collection[int] = ()) -> ImportReport:
    """Check every row; with `write`, and only when no row has a problem, register the
    rows to import (all in this transaction). `import_duplicates` names the sheet rows
    of likely duplicates the user decided to import all the same. (The CLI and the
    screen check in a read session and call `write_checked` in a short write one.)"""
    report = check_children(s, actor, commission_id, sheet, mapping,
                            import_duplicates=import_duplicates)
    if not write:
        return report
    return write_checked(s, actor, commission_id, report,
                         import_duplicates=import_duplicates)


def _sort_out(s: Session, parsed: list[tuple[int, ChildInput]], wanted: set[int]
              ) -> tuple[tuple[Registered, ...], tuple[Duplicate, ...],
                         list[tuple[int, ChildInput]]]:
    """Which rows are already registered, which look like duplicates, which to import."""
    iins = sorted({d.iin for _, d in parsed if d.iin})
    known: dict[str, tuple[str, str]] = {}
    for chunk in chunks(iins):
        for cid, iin, surname, first, patronymic in s.execute(
                select(Child.id, Child.iin, Child.surname, Child.first_name,
                       Child.patronymic).where(Child.iin.in_(chunk),
                                               Child.deleted.is_(False))):
            known[iin] = (cid, " ".join(p for p in (surname, first, patronymic) if p))
    births = sorted({d.birth_date for _, d in parsed})
    same_name: dict[tuple[str, dt.date], tuple[str, str]] = {}
    for chunk in chunks(births):
        for cid, surname, first, patronymic, born in s.execute(
                select(Child.id, Child.surname, Child.first_name, Child.patronymic,
                       Child.birth_date).where(Child.birth_date.in_(chunk),
                                               Child.deleted.is_(False))):
            same_name.setdefault((fold(f"{surname} {first}"), born), (
                cid, " ".join(p for p in (surname, first, patronymic) if p)))
    registered: list[Registered] = []
    duplicates: list[Duplicate] = []
    chosen: list[tuple[int, ChildInput]] = []
    iin_rows: dict[str, int] = {}
    name_rows: dict[tuple[str, dt.date], int] = {}
    for row, d in parsed:
        key = (fold(f"{d.surname} {d.first_name}"), d.birth_date)
        name = _full_name(d)
        if d.iin and d.iin in known:
            registered.append(Registered(row, d.iin, *known[d.iin]))
            continue
        if d.iin and d.iin in iin_rows:
            duplicates.append(Duplicate(row, "iin_in_file", name, d.birth_date, d.iin,
                                        iin_rows[d.iin], None, None, False))
            continue
        if d.iin:
            iin_rows[d.iin] = row
        duplicate = None
        if key in same_name:
            cid, other = same_name[key]
            duplicate = Duplicate(row, "name_in_db", name, d.birth_date, d.iin, None, cid,
                                  other, True)
        elif key in name_rows:
            duplicate = Duplicate(row, "name_in_file", name, d.birth_date, d.iin,
                                  name_rows[key], None, None, True)
        name_rows.setdefault(key, row)
        if duplicate is not None:
            duplicates.append(duplicate)
            if row not in wanted:
                continue
        chosen.append((row, d))
    return tuple(registered), tuple(duplicates), chosen
