"""The children's registry: one filtered, keyset-paginated query over the children.

Filtering happens in SQL. The text filter matches the folded `Child.search_key`
("surname first patronymic iin", case-, ё- and Kazakh-letter-insensitive, see
app.domain.text.fold); every word of the query must occur in it. Pages follow the
order (search_key, id) and continue *after* the last row seen, so page N costs what
page 1 costs, whatever N. Only the rows of a page pay for their district, categories,
register status and overdue count (correlated sub-queries over indexed columns).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from app import db_sql
from app.db_sql import folded
from app.domain.text import fold
from app.errors import ValidationError
from app.i18n import N_, current_language
from app.models import (
    CatalogItem,
    Child,
    ChildCategory,
    Commission,
    Measure,
    RegisterEntry,
    Territory,
)
from app.models.base import shown_in
from app.models.enums import CatalogKind
from app.services.context import get, today
from app.services.decisions import OPEN_STATES

RegisterStatus = Literal["any", "on", "off"]
REGISTER_STATUSES: tuple[str, ...] = ("any", "on", "off")
PAGE = 200
MAX_PAGE = 5000
_OPEN_MEASURE = tuple(state.value for state in OPEN_STATES)


@dataclass(frozen=True, slots=True)
class RegistryFilter:
    text: str = ""
    district_id: str | None = None
    category_id: str | None = None
    register_status: RegisterStatus = "any"
    curator: str = ""
    has_overdue_measures: bool = False

    @property
    def is_empty(self) -> bool:
        return self == RegistryFilter()


@dataclass(frozen=True, slots=True)
class RegistryRow:
    id: str
    full_name: str
    birth_date: dt.date
    iin: str | None
    district: str | None
    school: str | None
    categories: str  # names, comma-joined, in catalog order
    on_register: bool
    curator_name: str | None
    overdue_count: int
    search_key: str

    @property
    def cursor(self) -> tuple[str, str]:
        """Pass as `after=` to get the page that follows this row."""
        return (self.search_key, self.id)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    name: str


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a filter's SQL looks like, without its values: statements are built once
    per shape (and per language) and then run with the values bound."""

    words: int
    district: bool
    category: bool
    register_status: str
    curator: bool
    overdue: bool

    @property
    def small_set(self) -> bool:
        return self.category or self.register_status == "on" or self.overdue or self.curator


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_search_text(flt: RegistryFilter) -> None:
    """A NUL or another control character is in no name or IIN; SQLite would end the
    LIKE pattern at a NUL and match every child. Refused with a message instead."""
    for name, value in (("text", flt.text), ("curator", flt.curator)):
        if _CONTROL.search(value or ""):
            raise ValidationError(N_("The search text holds a control character (such as "
                                     "NUL) that no name or IIN has; remove it."), field=name)


def _shape_and_params(commission_id: str, flt: RegistryFilter, on: dt.date
                      ) -> tuple[_Shape, dict[str, object]]:
    check_search_text(flt)
    if flt.register_status not in REGISTER_STATUSES:
        raise ValidationError(N_("Choose the register status from the list."),
                              field="register_status")
    words = fold(flt.text).split()
    curator = fold(flt.curator)
    params: dict[str, object] = {"commission_id": commission_id, "on": on}
    params.update({f"word{n}": _like(w) for n, w in enumerate(words)})
    if flt.district_id:
        params["district_id"] = flt.district_id
    if flt.category_id:
        params["category_id"] = flt.category_id
    if curator:
        params["curator"] = _like(curator)
    shape = _Shape(len(words), bool(flt.district_id), bool(flt.category_id),
                   flt.register_status, bool(curator), flt.has_overdue_measures)
    return shape, params


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    """The WHERE terms of a filter shape, with its values as bound parameters.

    Two plans, chosen here rather than left to SQLite's guesses (it keeps no statistics):
    - a filter that names a small set of children (a category, on the register, with
      overdue measures, a curator) drives from that set: its ids are looked up by primary
      key and only those rows are sorted. The commission term is written
      `commission_id || ''` so that SQLite cannot prefer walking the whole commission in
      name order;
    - any other filter walks the commission's children in name order on
      `ix_child_registry` (commission_id, deleted, search_key, id, district_id), tests
      the text and district on the index entries and stops after one page.
    """
    conds: list[ColumnElement[bool]] = []
    if shape.category:
        conds.append(Child.id.in_(select(ChildCategory.child_id).where(
            ChildCategory.category_id == bindparam("category_id"),
            ChildCategory.deleted.is_(False))))
    if shape.register_status == "on":
        conds.append(Child.id.in_(select(RegisterEntry.child_id).where(
            RegisterEntry.removed_on.is_(None), RegisterEntry.deleted.is_(False))))
    if shape.overdue:
        conds.append(Child.id.in_(select(Measure.child_id).where(
            Measure.deleted.is_(False), Measure.state.in_(_OPEN_MEASURE),
            Measure.deadline < bindparam("on"))))
    if shape.curator:
        # Few children have a curator: one pass over the table finds them, folding
        # (app/db_sql.py) only where there is a name.
        conds.append(Child.id.in_(select(Child.id).where(case(
            (Child.curator_name.is_(None), False),
            else_=folded(Child.curator_name).like(bindparam("curator"), escape="\\")))))
    commission = Child.commission_id.concat("") if shape.small_set else Child.commission_id
    conds += [commission == bindparam("commission_id"), Child.deleted.is_(False)]
    for n in range(shape.words):
        conds.append(Child.search_key.like(bindparam(f"word{n}"), escape="\\"))
    if shape.district:
        conds.append(Child.district_id == bindparam("district_id"))
    if shape.register_status == "off":
        conds.append(~exists().where(RegisterEntry.child_id == Child.id,
                                     RegisterEntry.removed_on.is_(None),
                                     RegisterEntry.deleted.is_(False)))
    return conds


def _name_column(model: type, lang: str):  # type: ignore[no-untyped-def]
    return model.name_kk if lang == "kk" else model.name_ru  # English falls back to Russian


@lru_cache(maxsize=256)
def _page_statement(shape: _Shape, lang: str, after: bool) -> Select:
    cat_name = (CatalogItem.name_en if lang == "en" else _name_column(CatalogItem, lang))
    ordered_names = (select(cat_name.label("name"))
                     .join(ChildCategory, ChildCategory.category_id == CatalogItem.id)
                     .where(ChildCategory.child_id == Child.id,
                            ChildCategory.deleted.is_(False))
                     .order_by(CatalogItem.sort_order).correlate(Child).subquery())
    categories = (select(func.aggregate_strings(ordered_names.c.name, ", "))
                  .scalar_subquery())
    on_register = exists().where(RegisterEntry.child_id == Child.id,
                                 RegisterEntry.removed_on.is_(None),
                                 RegisterEntry.deleted.is_(False))
    overdue = (select(func.count()).select_from(Measure)
               .where(Measure.child_id == Child.id, Measure.deleted.is_(False),
                      Measure.state.in_(_OPEN_MEASURE), Measure.deadline < bindparam("on"))
               .scalar_subquery())
    district = (select(_name_column(Territory, lang)).where(Territory.id == Child.district_id)
                .scalar_subquery())
    q = (select(Child.id, Child.surname, Child.first_name, Child.patronymic, Child.iin,
                Child.birth_date, district.label("district"),
                shown_in(Child, "school", lang).label("school"),
                categories.label("categories"), on_register.label("on_register"),
                Child.curator_name, overdue.label("overdue"), Child.search_key)
         .where(*_conditions(shape)))
    if after:
        q = q.where(tuple_(Child.search_key, Child.id)
                    > tuple_(bindparam("after_key"), bindparam("after_id")))
    return q.order_by(Child.search_key, Child.id).limit(bindparam("limit"))


@lru_cache(maxsize=64)
def _count_statement(shape: _Shape) -> Select:
    return (select(func.count(literal_column("1"))).select_from(Child)
            .where(*_conditions(shape)))


def _execute(s: Session, statement: Select, shape: _Shape, params: dict[str, object]):  # type: ignore[no-untyped-def]
    """Run on the session's connection (plain rows, no ORM loading)."""
    if shape.curator:
        db_sql.prepare(s)
    return s.connection().execute(statement, params)


def find_children(s: Session, commission_id: str, flt: RegistryFilter, *,
                  after: tuple[str, str] | None = None, limit: int = PAGE,
                  lang: str | None = None, on: dt.date | None = None) -> list[RegistryRow]:
    """One page of the registry in name order: the `limit` rows that follow `after`
    (a row's `cursor`), or the first page. `lang` names districts and categories
    (default: the UI language); `on` is the day measures become overdue after."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be 1..{MAX_PAGE}")
    shape, params = _shape_and_params(commission_id, flt, on or today())
    params["limit"] = limit
    if after is not None:
        params["after_key"], params["after_id"] = after
    statement = _page_statement(shape, lang or current_language(), after is not None)
    out = []
    for r in _execute(s, statement, shape, params):
        full_name = " ".join(p for p in (r.surname, r.first_name, r.patronymic) if p)
        out.append(RegistryRow(r.id, full_name, r.birth_date, r.iin, r.district, r.school,
                               r.categories or "", bool(r.on_register), r.curator_name,
                               r.overdue or 0, r.search_key))
    return out


def count_children(s: Session, commission_id: str, flt: RegistryFilter, *,
                   on: dt.date | None = None) -> int:
    """How many children the filter finds. A full scan when the text filter is used:
    call it once the user pauses, not on every keystroke."""
    shape, params = _shape_and_params(commission_id, flt, on or today())
    return _execute(s, _count_statement(shape), shape, params).scalar() or 0


@dataclass(frozen=True, slots=True)
class FilterChoices:
    districts: tuple[Choice, ...]
    categories: tuple[Choice, ...]


def filter_choices(s: Session, commission_id: str, *, lang: str | None = None
                   ) -> FilterChoices:
    """What the registry's district and category filters offer: the commission's
    territory with everything under it, plus any other district a child lives in;
    the active risk categories in catalog order."""
    lang = lang or current_language()
    commission = get(s, Commission, commission_id)
    territory_ids = _subtree(s, commission.territory_id)
    used = set(s.scalars(select(Child.district_id).distinct().where(
        Child.commission_id == commission_id, Child.district_id.is_not(None))))
    wanted = list(dict.fromkeys([*territory_ids, *sorted(used - set(territory_ids))]))
    names = {t.id: (t.name_kk if lang == "kk" else t.name_ru)
             for t in s.scalars(select(Territory).where(Territory.id.in_(wanted),
                                                        Territory.deleted.is_(False)))}
    head, rest = wanted[:1], sorted((i for i in wanted[1:] if i in names), key=names.get)
    districts = tuple(Choice(i, names[i]) for i in head + rest if i in names)
    cats = s.scalars(select(CatalogItem).where(
        CatalogItem.catalog == CatalogKind.CATEGORY, CatalogItem.deleted.is_(False),
        CatalogItem.active.is_(True)).order_by(CatalogItem.sort_order, CatalogItem.code))
    return FilterChoices(districts, tuple(Choice(c.id, c.name(lang)) for c in cats))


def _subtree(s: Session, root_id: str) -> list[str]:
    out, frontier = [root_id], [root_id]
    while frontier:
        frontier = list(s.scalars(select(Territory.id).where(
            Territory.parent_id.in_(frontier), Territory.deleted.is_(False))))
        out += frontier
    return out
