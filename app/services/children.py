"""Children: registration with IIN checks and duplicate search, representatives,
risk categories, the register, curator and consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.ids import new_id
from app.domain.iin import IinMismatch, IinProblem, Sex, iin_mismatches, validate_iin
from app.domain.roles import Permission
from app.domain.text import fold
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import (
    Child,
    ChildCategory,
    Commission,
    LegalRepresentative,
    RegisterEntry,
    Territory,
)
from app.models.enums import CatalogKind
from app.services import audit
from app.services.catalogs import require_entry
from app.services.context import (
    Actor,
    check_date,
    clean_bilingual,
    clean_text,
    get,
    require,
    required_text,
    today,
)
from app.services.notices import Notice

ADULT_AGE = 18
LANGUAGES = ("kk", "ru", "other")

_IIN_ERRORS = {
    IinProblem.FORMAT: N_("An IIN has exactly 12 digits."),
    IinProblem.CHECK_DIGIT: N_("This IIN is not valid: its check digit is wrong."),
    IinProblem.UNCHECKABLE: N_("This IIN is not valid: no check digit fits it."),
}
_IIN_WARNINGS = {
    IinMismatch.BIRTH_DATE: N_("The IIN encodes another date of birth; check both."),
    IinMismatch.SEX: N_("The IIN encodes the other sex; check both."),
}


@dataclass(frozen=True, slots=True)
class ChildInput:
    surname: str
    first_name: str
    birth_date: dt.date
    sex: Sex
    patronymic: str | None = None
    iin: str | None = None
    address: Bilingual | None = None
    district_id: str | None = None
    school: Bilingual | None = None
    grade: str | None = None
    language: str | None = None
    family_situation: str | None = None


@dataclass(frozen=True, slots=True)
class ChildInfo:
    id: str
    commission_id: str
    surname: str
    first_name: str
    patronymic: str | None
    iin: str | None
    birth_date: dt.date
    sex: Sex
    address: Bilingual
    district_id: str | None
    school: Bilingual
    grade: str | None
    language: str | None
    family_situation: str | None
    curator_name: str | None
    curator_position: Bilingual
    curator_assigned_on: dt.date | None
    consent_by: str | None
    consent_on: dt.date | None
    consent_basis: Bilingual

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    id: str
    full_name: str
    birth_date: dt.date
    iin: str | None
    reason: str  # "iin" or "name_and_birth_date"


@dataclass(frozen=True, slots=True)
class ChildResult:
    child: ChildInfo
    notices: tuple[Notice, ...]
    duplicates: tuple[DuplicateCandidate, ...]


def _info(c: Child) -> ChildInfo:
    return ChildInfo(**{f.name: getattr(c, f.name) for f in fields(ChildInfo)})


def search_key(surname: str, first_name: str, patronymic: str | None, iin: str | None) -> str:
    return fold(" ".join(p for p in (surname, first_name, patronymic, iin) if p))


def validate_child(s: Session, data: ChildInput, *, on: dt.date | None = None,
                   districts: frozenset[str] | None = None
                   ) -> tuple[ChildInput, tuple[Notice, ...]]:
    """Normalise and check one child's data; errors raise, doubts come back as notices.
    `districts`, when given, is the set of live territory ids (batch callers load it once)."""
    on = on or today()
    if not isinstance(data.sex, Sex):
        try:
            data = replace(data, sex=Sex(data.sex))
        except ValueError:
            raise ValidationError(N_("Choose the sex."), field="sex") from None
    check_date(data.birth_date, "birth_date", not_after=on)
    if _age(data.birth_date, on) >= ADULT_AGE:
        raise ValidationError(N_("The commission registers minors: the child must be under "
                                 "{age} years old."), field="birth_date", age=ADULT_AGE)
    iin = (data.iin or "").strip() or None
    notices: list[Notice] = []
    if iin is not None:
        problem = validate_iin(iin)
        if problem is not None:
            raise ValidationError(_IIN_ERRORS[problem], field="iin")
        notices += [Notice(f"iin_{m.value}", _IIN_WARNINGS[m])
                    for m in iin_mismatches(iin, data.birth_date, data.sex)]
    if data.district_id is not None:
        if districts is None:
            get(s, Territory, data.district_id)
        elif data.district_id not in districts:
            raise ValidationError(N_("Choose the district from the list."), field="district_id")
    if data.language is not None and data.language not in LANGUAGES:
        raise ValidationError(N_("Choose the language from the list."), field="language")
    clean = replace(
        data, iin=iin,
        surname=required_text(data.surname, "surname", max_len=100),
        first_name=required_text(data.first_name, "first_name", max_len=100),
        patronymic=clean_text(data.patronymic, "patronymic", max_len=100),
        address=clean_bilingual(data.address, "address", max_len=500),
        school=clean_bilingual(data.school, "school", max_len=300),
        grade=clean_text(data.grade, "grade", max_len=20),
        family_situation=clean_text(data.family_situation, "family_situation", max_len=10_000))
    return clean, tuple(notices)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def find_duplicates(s: Session, *, iin: str | None, surname: str, first_name: str,
                    birth_date: dt.date, exclude_id: str | None = None
                    ) -> list[DuplicateCandidate]:
    """Likely duplicates: the same IIN, or the same name and date of birth."""
    name = fold(f"{surname} {first_name}")
    conds = [Child.birth_date == birth_date]
    if iin:
        conds = [or_(Child.iin == iin.strip(), *conds)]
    q = select(Child).where(Child.deleted.is_(False), *conds)
    if exclude_id:
        q = q.where(Child.id != exclude_id)
    found = []
    for c in s.scalars(q):
        if iin and c.iin == iin.strip():
            reason = "iin"
        elif fold(f"{c.surname} {c.first_name}") == name:
            reason = "name_and_birth_date"
        else:
            continue
        found.append(DuplicateCandidate(c.id, _info(c).full_name, c.birth_date, c.iin, reason))
    return found


def _refuse_same_iin(dupes: Sequence[DuplicateCandidate]) -> None:
    if any(d.reason == "iin" for d in dupes):
        raise ValidationError(N_("A child with this IIN is already registered."), field="iin")


def register_child(s: Session, actor: Actor, commission_id: str, data: ChildInput
                   ) -> ChildResult:
    """Register a child. The same IIN twice is refused; the same name and date of birth
    is registered with a notice (two children may share them) and the candidates."""
    require(actor, Permission.EDIT_CHILDREN)
    get(s, Commission, commission_id)
    data, notices = validate_child(s, data)
    dupes = find_duplicates(s, iin=data.iin, surname=data.surname,
                            first_name=data.first_name, birth_date=data.birth_date)
    _refuse_same_iin(dupes)
    child = Child(commission_id=commission_id,
                  search_key=search_key(data.surname, data.first_name, data.patronymic,
                                        data.iin),
                  **{f.name: getattr(data, f.name) for f in fields(ChildInput)})
    s.add(child)
    s.flush()
    if dupes:
        notices += (Notice("possible_duplicate",
                           N_("A child with the same name and date of birth is already "
                              "registered; check that this is not the same child.")),)
    audit.record(s, actor, "child.register", "child", child.id)
    return ChildResult(_info(child), notices, tuple(dupes))


def update_child(s: Session, actor: Actor, child_id: str, data: ChildInput) -> ChildResult:
    require(actor, Permission.EDIT_CHILDREN)
    child = get(s, Child, child_id)
    data, notices = validate_child(s, data)
    dupes = find_duplicates(s, iin=data.iin, surname=data.surname, first_name=data.first_name,
                            birth_date=data.birth_date, exclude_id=child_id)
    _refuse_same_iin(dupes)
    for f in fields(ChildInput):
        setattr(child, f.name, getattr(data, f.name))
    child.search_key = search_key(data.surname, data.first_name, data.patronymic, data.iin)
    s.flush()
    audit.record(s, actor, "child.update", "child", child.id)
    return ChildResult(_info(child), notices, tuple(dupes))


def register_children(s: Session, actor: Actor, commission_id: str,
                      rows: Sequence[ChildInput]) -> list[str]:
    """Register many children at once (imports, the demo): all are validated first,
    then written in one statement; any error writes nothing. Same-IIN rows are refused."""
    require(actor, Permission.EDIT_CHILDREN)
    get(s, Commission, commission_id)
    on = today()
    districts = frozenset(s.scalars(select(Territory.id).where(Territory.deleted.is_(False))))
    clean = []
    seen_iins: set[str] = set()
    known = set(s.scalars(select(Child.iin).where(Child.iin.is_not(None),
                                                  Child.deleted.is_(False))))
    for number, row in enumerate(rows, start=1):
        try:
            data, _ = validate_child(s, row, on=on, districts=districts)
        except ValidationError as exc:
            exc.params.setdefault("row", number)
            raise
        if data.iin and (data.iin in known or data.iin in seen_iins):
            raise ValidationError(N_("Row {row}: a child with this IIN is already registered."),
                                  field="iin", row=number)
        if data.iin:
            seen_iins.add(data.iin)
        clean.append(data)
    ids = [new_id() for _ in clean]
    # Core executemany on the session's connection: the ORM's bulk path would split the
    # rows into thousands of statements. The capture triggers see every row all the same.
    s.connection().execute(insert(Child.__table__), [
        {"id": i, "commission_id": commission_id, "deleted": False,
         "search_key": search_key(d.surname, d.first_name, d.patronymic, d.iin),
         **_columns(d)} for i, d in zip(ids, clean, strict=True)])
    audit.record(s, actor, "child.register_many", "commission", commission_id, count=len(ids))
    return ids


def _columns(d: ChildInput) -> dict[str, object]:
    """The table's columns for a child's data: a bilingual field is two columns."""
    out: dict[str, object] = {}
    for f in fields(ChildInput):
        value = getattr(d, f.name)
        if isinstance(value, Bilingual):
            out[f"{f.name}_ru"], out[f"{f.name}_kk"] = value.ru, value.kk
        else:
            out[f.name] = value
    return out


def get_child(s: Session, actor: Actor, child_id: str) -> ChildInfo:
    require(actor, Permission.VIEW)
    return _info(get(s, Child, child_id))


@dataclass(frozen=True, slots=True)
class RepresentativeInfo:
    id: str
    child_id: str
    full_name: str
    relation: str
    phone: str | None
    address: Bilingual


RELATIONS = ("mother", "father", "guardian", "trustee", "foster_parent", "grandparent", "other")


def add_representative(s: Session, actor: Actor, child_id: str, *, full_name: str,
                       relation: str, phone: str | None = None,
                       address: Bilingual | None = None) -> RepresentativeInfo:
    require(actor, Permission.EDIT_CHILDREN)
    get(s, Child, child_id)
    if relation not in RELATIONS:
        raise ValidationError(N_("Choose the relation from the list."), field="relation")
    rep = LegalRepresentative(child_id=child_id, relation=relation,
                              full_name=required_text(full_name, "full_name", max_len=300),
                              phone=clean_text(phone, "phone", max_len=50),
                              address=clean_bilingual(address, "address", max_len=500))
    s.add(rep)
    s.flush()
    audit.record(s, actor, "child.add_representative", "legal_representative", rep.id,
                 child_id=child_id)
    return RepresentativeInfo(rep.id, child_id, rep.full_name, rep.relation, rep.phone,
                              rep.address)


def representatives(s: Session, child_id: str) -> list[RepresentativeInfo]:
    rows = s.scalars(select(LegalRepresentative).where(
        LegalRepresentative.child_id == child_id, LegalRepresentative.deleted.is_(False)))
    return [RepresentativeInfo(r.id, r.child_id, r.full_name, r.relation, r.phone, r.address)
            for r in rows]


def add_category(s: Session, actor: Actor, child_id: str, category_id: str,
                 since: dt.date) -> str:
    require(actor, Permission.EDIT_CHILDREN)
    get(s, Child, child_id)
    require_entry(s, CatalogKind.CATEGORY, category_id, "category_id")
    check_date(since, "since", not_after=today())
    if s.scalar(select(ChildCategory.id).where(
            ChildCategory.child_id == child_id, ChildCategory.category_id == category_id,
            ChildCategory.deleted.is_(False))):
        raise ValidationError(N_("The child already has this category."), field="category_id")
    row = ChildCategory(child_id=child_id, category_id=category_id, since=since)
    s.add(row)
    s.flush()
    audit.record(s, actor, "child.add_category", "child_category", row.id, child_id=child_id)
    return row.id


def remove_category(s: Session, actor: Actor, child_category_id: str) -> None:
    require(actor, Permission.EDIT_CHILDREN)
    row = get(s, ChildCategory, child_category_id)
    row.deleted = True  # tombstone: the exchange carries the removal
    audit.record(s, actor, "child.remove_category", "child_category", row.id)


def put_on_register(s: Session, actor: Actor, child_id: str, *, on: dt.date,
                    reason: Bilingual) -> str:
    require(actor, Permission.EDIT_CHILDREN)
    get(s, Child, child_id)
    check_date(on, "on", not_after=today())
    if _open_entry(s, child_id) is not None:
        raise StateError(N_("The child is already on the register."))
    entry = RegisterEntry(child_id=child_id, put_on=on,
                          reason=clean_bilingual(reason, "reason", max_len=1000,
                                                 required=True))
    s.add(entry)
    s.flush()
    audit.record(s, actor, "child.register_put_on", "register_entry", entry.id,
                 child_id=child_id)
    return entry.id


def remove_from_register(s: Session, actor: Actor, child_id: str, *, on: dt.date,
                         reason: Bilingual) -> None:
    require(actor, Permission.EDIT_CHILDREN)
    entry = _open_entry(s, child_id)
    if entry is None:
        raise StateError(N_("The child is not on the register."))
    check_date(on, "on", not_after=today(), not_before=entry.put_on)
    entry.removed_on = on
    entry.removal_reason = clean_bilingual(reason, "reason", max_len=1000, required=True)
    audit.record(s, actor, "child.register_remove", "register_entry", entry.id,
                 child_id=child_id)


def _open_entry(s: Session, child_id: str) -> RegisterEntry | None:
    return s.scalar(select(RegisterEntry).where(
        RegisterEntry.child_id == child_id, RegisterEntry.removed_on.is_(None),
        RegisterEntry.deleted.is_(False)))


def on_register(s: Session, child_id: str) -> bool:
    return _open_entry(s, child_id) is not None


def assign_curator(s: Session, actor: Actor, child_id: str, *, name: str,
                   position: Bilingual, on: dt.date) -> ChildInfo:
    require(actor, Permission.EDIT_CHILDREN)
    child = get(s, Child, child_id)
    child.curator_name = required_text(name, "curator_name", max_len=300)
    child.curator_position = clean_bilingual(position, "curator_position", max_len=300,
                                             required=True)
    child.curator_assigned_on = check_date(on, "curator_assigned_on", not_after=today())
    audit.record(s, actor, "child.assign_curator", "child", child.id)
    return _info(child)


def record_consent(s: Session, actor: Actor, child_id: str, *, given_by: str, on: dt.date,
                   basis: Bilingual) -> ChildInfo:
    """Consent to personal-data processing (Law 94-V): who gave it, when, on what basis."""
    require(actor, Permission.EDIT_CHILDREN)
    child = get(s, Child, child_id)
    child.consent_by = required_text(given_by, "consent_by", max_len=300)
    child.consent_on = check_date(on, "consent_on", not_after=today())
    child.consent_basis = clean_bilingual(basis, "consent_basis", max_len=300, required=True)
    audit.record(s, actor, "child.record_consent", "child", child.id)
    return _info(child)
