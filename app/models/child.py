"""The child and what hangs on the child: representatives, risk categories,
register entries; curator and consent are fields of the child."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.bilingual import Bilingual
from app.models.base import Base, Synced, bilingual, enum_column
from app.models.enums import Sex


class Child(Synced, Base):
    __tablename__ = "child"
    # The registry lists a commission's live children by search key, page by page
    # (app/services/registry.py): without it SQLite sorts 100k rows per keystroke.
    __table_args__ = (Index("ix_child_registry", "commission_id", "deleted", "search_key",
                            "id", "district_id"),)

    commission_id: Mapped[str] = mapped_column(ForeignKey("commission.id"), index=True)
    surname: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str | None] = mapped_column(String(100))
    iin: Mapped[str | None] = mapped_column(String(12), index=True)
    birth_date: Mapped[dt.date]
    sex: Mapped[Sex] = mapped_column(enum_column(Sex))
    address_ru: Mapped[str | None] = mapped_column(String(500))
    address_kk: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[Bilingual] = bilingual("address")
    district_id: Mapped[str | None] = mapped_column(ForeignKey("territory.id"), index=True)
    school_ru: Mapped[str | None] = mapped_column(String(300))
    school_kk: Mapped[str | None] = mapped_column(String(300))
    school: Mapped[Bilingual] = bilingual("school")
    grade: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(8))
    family_situation: Mapped[str | None] = mapped_column(Text)
    curator_name: Mapped[str | None] = mapped_column(String(300))
    curator_position_ru: Mapped[str | None] = mapped_column(String(300))
    curator_position_kk: Mapped[str | None] = mapped_column(String(300))
    curator_position: Mapped[Bilingual] = bilingual("curator_position")
    curator_assigned_on: Mapped[dt.date | None]
    consent_by: Mapped[str | None] = mapped_column(String(300))
    consent_on: Mapped[dt.date | None]
    consent_basis_ru: Mapped[str | None] = mapped_column(String(300))
    consent_basis_kk: Mapped[str | None] = mapped_column(String(300))
    consent_basis: Mapped[Bilingual] = bilingual("consent_basis")
    # Folded "surname first patronymic iin" for case- and letter-insensitive search.
    search_key: Mapped[str] = mapped_column(String(400), index=True)


class LegalRepresentative(Synced, Base):
    __tablename__ = "legal_representative"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    relation: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(50))
    address_ru: Mapped[str | None] = mapped_column(String(500))
    address_kk: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[Bilingual] = bilingual("address")


class ChildCategory(Synced, Base):
    """A risk category of the child, from `since`."""

    __tablename__ = "child_category"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    category_id: Mapped[str] = mapped_column(ForeignKey("catalog_item.id"), index=True)
    since: Mapped[dt.date]


class RegisterEntry(Synced, Base):
    """Put on the register on a date for a reason; removed on a date for a reason."""

    __tablename__ = "register_entry"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    put_on: Mapped[dt.date]
    reason_ru: Mapped[str | None] = mapped_column(String(1000))
    reason_kk: Mapped[str | None] = mapped_column(String(1000))
    reason: Mapped[Bilingual] = bilingual("reason")
    removed_on: Mapped[dt.date | None]
    removal_reason_ru: Mapped[str | None] = mapped_column(String(1000))
    removal_reason_kk: Mapped[str | None] = mapped_column(String(1000))
    removal_reason: Mapped[Bilingual] = bilingual("removal_reason")
