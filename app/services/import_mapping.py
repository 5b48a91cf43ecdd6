"""Which column of a children's list holds which field: guessed from the headings (in
Russian, Kazakh or English), remembered per file layout in the data folder (headings only,
never a row), or written by hand as JSON for the command line. Used by the import in
app/services/child_import.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import column_index_from_string

from app.domain.text import fold
from app.errors import ValidationError
from app.files import write_private
from app.i18n import N_, current_language, tr
from app.paths import data_dir
from app.reports.xlsx_read import layout_key

FIELDS = ("surname", "first_name", "patronymic", "full_name", "iin", "birth_date", "sex",
          "district", "school", "grade", "address")
FIELD_LABELS = {
    "surname": N_("Surname"),
    "first_name": N_("First name"),
    "patronymic": N_("Patronymic"),
    "full_name": N_("Full name (in one column)"),
    "iin": N_("IIN"),
    "birth_date": N_("Date of birth"),
    "sex": N_("Sex"),
    "district": N_("District"),
    "school": N_("School"),
    "grade": N_("Grade"),
    "address": N_("Address"),
}
# Headings people write, folded (app.domain.text.fold): Russian, Kazakh, English.
_HEADINGS = {
    "surname": ("фамилия", "тегі", "surname", "last name", "family name"),
    "first_name": ("имя", "аты", "first name", "given name", "name"),
    "patronymic": ("отчество", "әкесінің аты", "patronymic", "middle name"),
    "full_name": ("фио", "ф.и.о.", "ф. и. о.", "фамилия имя отчество", "фамилия, имя, "
                  "отчество", "т.а.ә.", "аты-жөні", "толық аты-жөні", "full name",
                  "ребенок", "несовершеннолетний"),
    "iin": ("иин", "жсн", "iin", "иин ребенка"),
    "birth_date": ("дата рождения", "туған күні", "туған жылы", "date of birth",
                   "birth date", "д.р.", "дата рожд."),
    "sex": ("пол", "жынысы", "sex", "gender"),
    "district": ("район", "аудан", "district", "район/город", "территория"),
    "school": ("школа", "мектеп", "организация образования", "учебное заведение",
               "school", "оо"),
    "grade": ("класс", "сынып", "grade", "курс", "класс/курс"),
    "address": ("адрес", "мекенжай", "мекен-жайы", "адрес проживания", "address"),
}
MAPPINGS_FILE = "import-mappings.json"


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column (0-based) holds which field; fields not in the file are absent."""

    columns: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, columns: dict[str, int]) -> ColumnMapping:
        return cls(tuple((f, columns[f]) for f in FIELDS if columns.get(f) is not None))

    def get(self, name: str) -> int | None:
        return dict(self.columns).get(name)

    def as_dict(self) -> dict[str, int]:
        return dict(self.columns)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping the headings suggest (exact headings first, then words in them)."""
    folded = [fold(h).strip(" :*") for h in headers]
    found: dict[str, int] = {}
    for exact in (True, False):
        for name, words in _HEADINGS.items():
            if name in found:
                continue
            for index, heading in enumerate(folded):
                if not heading or index in found.values():
                    continue
                keys = [fold(w) for w in words]
                if (heading in keys) if exact else any(
                        re.search(rf"(^|\W){re.escape(k)}($|\W)", heading) for k in keys
                        if len(k) > 3):
                    found[name] = index
                    break
    if "full_name" in found and {"surname", "first_name"} <= found.keys():
        del found["full_name"]
    return ColumnMapping.of(found)


def check_mapping(mapping: ColumnMapping, headers: Sequence[str]) -> None:
    """Refuse a mapping that cannot give a name, a date of birth and a sex."""
    cols = mapping.as_dict()
    for name, index in cols.items():
        if not 0 <= index < max(1, len(headers)):
            raise ValidationError(N_("The column chosen for {what} is not in the file."),
                                  field=name, what=field_name(name))
    if len(set(cols.values())) != len(cols):
        raise ValidationError(N_("One column is chosen for two fields."), field="mapping")
    if "full_name" not in cols and not {"surname", "first_name"} <= cols.keys():
        raise ValidationError(N_("Choose the columns with the surname and the first name, "
                                 "or the one with the full name."), field="surname")
    for needed in ("birth_date", "sex"):
        if needed not in cols and "iin" not in cols:
            raise ValidationError(N_("Choose the column with the {what} (or the IIN, "
                                     "which encodes it)."), field=needed,
                                  what=field_name(needed))


def field_name(name: str, lang: str | None = None) -> str:
    return tr(lang or current_language(), FIELD_LABELS[name]).lower()


def _mappings_path() -> Path:
    return data_dir() / MAPPINGS_FILE


def _load_all() -> dict:
    try:
        data = json.loads(_mappings_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("layouts", {}) if isinstance(data, dict) else {}


def remembered_mapping(headers: Sequence[str]) -> ColumnMapping | None:
    """The mapping last used for files with these headings, if any."""
    entry = _load_all().get(layout_key(list(headers)))
    if not isinstance(entry, dict) or not isinstance(entry.get("columns"), dict):
        return None
    columns = {k: v for k, v in entry["columns"].items()
               if k in FIELDS and isinstance(v, int) and 0 <= v < len(headers)}
    return ColumnMapping.of(columns)


def remember_mapping(headers: Sequence[str], mapping: ColumnMapping) -> None:
    """Keep the mapping for this file layout (headings only, never a row of data)."""
    layouts = _load_all()
    layouts[layout_key(list(headers))] = {
        "headers": list(headers), "columns": mapping.as_dict(),
        "saved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    write_private(_mappings_path(), json.dumps({"version": 1, "layouts": layouts},
                                               ensure_ascii=False, indent=1).encode())


def initial_mapping(headers: Sequence[str]) -> ColumnMapping:
    """What the mapping dialog starts from: the remembered mapping, else a guess."""
    return remembered_mapping(headers) or guess_mapping(headers)


def mapping_from_file(path: Path, headers: Sequence[str]) -> ColumnMapping:
    """A mapping written by hand as JSON: {"surname": "Фамилия", "iin": "D",
    "birth_date": 3, ...}; a column is named by its heading, its letter or its number
    (from 1)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(N_("The mapping file {path} cannot be read: {reason}."),
                              field="mapping", path=str(path), reason=str(exc)) from None
    if not isinstance(data, dict):
        raise ValidationError(N_("The mapping file must hold an object of field: column."),
                              field="mapping")
    folded = [fold(h) for h in headers]
    columns: dict[str, int] = {}
    for name, ref in data.items():
        if name not in FIELDS:
            raise ValidationError(N_("The mapping names an unknown field {name}; known: "
                                     "{known}."), field="mapping", name=name,
                                  known=", ".join(FIELDS))
        if isinstance(ref, int) and not isinstance(ref, bool) and ref >= 1:
            columns[name] = ref - 1
        elif isinstance(ref, str) and fold(ref) in folded:
            columns[name] = folded.index(fold(ref))
        elif isinstance(ref, str) and re.fullmatch(r"[A-Za-z]{1,3}", ref.strip()):
            columns[name] = column_index_from_string(ref.strip().upper()) - 1
        else:
            raise ValidationError(N_("The mapping's column {ref} for {name} is not in the "
                                     "file."), field="mapping", ref=str(ref), name=name)
    mapping = ColumnMapping.of(columns)
    check_mapping(mapping, headers)
    return mapping
