"""Catalogs and territories: seeded from resources/catalogs, editable by an admin."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.roles import Permission
from app.errors import NotFound, ValidationError
from app.i18n import N_
from app.models import CatalogItem, Territory
from app.models.enums import CatalogKind, TerritoryKind
from app.paths import resources_dir
from app.services import audit
from app.services.context import Actor, clean_text, get, require, required_text

# Seeded rows get the same id in every office (UUIDv5 of catalog and code), so the
# shared catalogs of two offices are one set of rows when they exchange data.
SEED_NAMESPACE = uuid.UUID("6b2f1c1e-8d7a-4c59-9a57-0c1d6f2b7e11")


def seed_id(kind: str, code: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}:{code}"))


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    id: str
    catalog: CatalogKind
    code: str
    name_en: str
    name_ru: str
    name_kk: str
    text_ru: str | None
    text_kk: str | None
    active: bool

    def name(self, lang: str) -> str:
        return {"ru": self.name_ru, "kk": self.name_kk}.get(lang, self.name_en)


@dataclass(frozen=True, slots=True)
class TerritoryInfo:
    id: str
    name_ru: str
    name_kk: str
    kind: TerritoryKind
    parent_id: str | None


def _entry(c: CatalogItem) -> CatalogEntry:
    return CatalogEntry(c.id, CatalogKind(c.catalog), c.code, c.name_en, c.name_ru, c.name_kk,
                        c.text_ru, c.text_kk, c.active)


@cache
def _seed_file(name: str) -> list[dict]:
    return json.loads((resources_dir() / "catalogs" / f"{name}.json").read_text("utf-8"))


def seed_defaults(s: Session, actor: Actor) -> int:
    """Add the shipped catalog entries and territories that are not there yet."""
    require(actor, Permission.MANAGE_SETTINGS)
    added = 0
    for kind in CatalogKind:
        for order, item in enumerate(_seed_file(kind.value)):
            row_id = seed_id(kind.value, item["code"])
            if s.get(CatalogItem, row_id) is None:
                s.add(CatalogItem(
                    id=row_id, catalog=kind, code=item["code"], name_en=item["en"],
                    name_ru=item["ru"], name_kk=item["kk"], text_ru=item.get("text_ru"),
                    text_kk=item.get("text_kk"), sort_order=order, active=True))
                added += 1
    added += _seed_territories(s, _seed_file("territories"), None)
    s.flush()
    audit.record(s, actor, "catalog.seed", added=added)
    return added


def _seed_territories(s: Session, items: list[dict], parent_id: str | None) -> int:
    added = 0
    for item in items:
        row_id = seed_id("territory", item["code"])
        if s.get(Territory, row_id) is None:
            s.add(Territory(id=row_id, name_ru=item["ru"], name_kk=item["kk"],
                            kind=TerritoryKind(item["kind"]), parent_id=parent_id))
            s.flush()  # children reference the parent
            added += 1
        added += _seed_territories(s, item.get("children", []), row_id)
    return added


def entries(s: Session, kind: CatalogKind, *, include_inactive: bool = False
            ) -> list[CatalogEntry]:
    q = select(CatalogItem).where(CatalogItem.catalog == kind, CatalogItem.deleted.is_(False))
    if not include_inactive:
        q = q.where(CatalogItem.active.is_(True))
    return [_entry(c) for c in s.scalars(q.order_by(CatalogItem.sort_order, CatalogItem.code))]


def entry_id(s: Session, kind: CatalogKind, code: str) -> str:
    """The id of a catalog entry by its code (for the command line and the demo)."""
    row_id = s.scalar(select(CatalogItem.id).where(
        CatalogItem.catalog == kind, CatalogItem.code == code, CatalogItem.deleted.is_(False)))
    if row_id is None:
        raise NotFound(N_("There is no catalog entry {code}."), code=code)
    return row_id


def require_entry(s: Session, kind: CatalogKind, row_id: str | None, field: str) -> CatalogItem:
    """Validate that `row_id` is a live, active entry of the expected catalog."""
    row = s.get(CatalogItem, row_id) if row_id else None
    if row is None or row.deleted or row.catalog != kind or not row.active:
        raise ValidationError(N_("Choose a value from the list."), field=field)
    return row


def save_entry(s: Session, actor: Actor, kind: CatalogKind, *, code: str, name_en: str,
               name_ru: str, name_kk: str, text_ru: str | None = None,
               text_kk: str | None = None, active: bool = True, entry_id: str | None = None
               ) -> CatalogEntry:
    """Add an entry, or edit one (`entry_id`)."""
    require(actor, Permission.MANAGE_SETTINGS)
    code = required_text(code, "code", max_len=64)
    fields = dict(
        name_en=required_text(name_en, "name_en", max_len=300),
        name_ru=required_text(name_ru, "name_ru", max_len=300),
        name_kk=required_text(name_kk, "name_kk", max_len=300),
        text_ru=clean_text(text_ru, "text_ru", max_len=10_000),
        text_kk=clean_text(text_kk, "text_kk", max_len=10_000),
        active=bool(active))
    clash = s.scalar(select(CatalogItem.id).where(
        CatalogItem.catalog == kind, CatalogItem.code == code))
    if clash is not None and clash != entry_id:
        raise ValidationError(N_("This code is already used in the catalog."), field="code")
    if entry_id is None:
        row = CatalogItem(catalog=kind, code=code, sort_order=len(entries(s, kind)) + 1,
                          **fields)
        s.add(row)
        action = "catalog.add"
    else:
        row = get(s, CatalogItem, entry_id)
        row.code = code
        for key, value in fields.items():
            setattr(row, key, value)
        action = "catalog.edit"
    s.flush()
    audit.record(s, actor, action, "catalog_item", row.id, catalog=kind.value)
    return _entry(row)


def territories(s: Session, parent_id: str | None = None) -> list[TerritoryInfo]:
    q = select(Territory).where(Territory.deleted.is_(False))
    q = q.where(Territory.parent_id.is_(None) if parent_id is None
                else Territory.parent_id == parent_id)
    return [TerritoryInfo(t.id, t.name_ru, t.name_kk, TerritoryKind(t.kind), t.parent_id)
            for t in s.scalars(q.order_by(Territory.name_ru))]


def find_territory(s: Session, name: str) -> str:
    """A territory's id by its code or its Russian, Kazakh or English name (any case)."""
    wanted = (name or "").strip().casefold()
    for item in _flatten(_seed_file("territories")):
        if wanted in (item[k].casefold() for k in ("en", "ru", "kk", "code")):
            return seed_id("territory", item["code"])
    for t in s.scalars(select(Territory).where(Territory.deleted.is_(False))):
        if wanted in (t.name_ru.casefold(), t.name_kk.casefold()):
            return t.id
    raise NotFound(N_("There is no territory named {name}."), name=name)


def shipped_territories() -> list[tuple[str, str, str, int]]:
    """(id, Russian name, Kazakh name, depth) of the seeded territories, before any
    database exists (the first-start screen offers them)."""
    out: list[tuple[str, str, str, int]] = []

    def walk(items: list[dict], depth: int) -> None:
        for item in items:
            out.append((seed_id("territory", item["code"]), item["ru"], item["kk"], depth))
            walk(item.get("children", []), depth + 1)

    walk(_seed_file("territories"), 0)
    return out


def _flatten(items: list[dict]) -> list[dict]:
    out = []
    for item in items:
        out.append(item)
        out.extend(_flatten(item.get("children", [])))
    return out
