"""Editable catalogs: organisation kinds, categories, sources, measure kinds,
decision templates and articles, seeded from resources/catalogs."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced, enum_column
from app.models.enums import CatalogKind


class CatalogItem(Synced, Base):
    __tablename__ = "catalog_item"
    __table_args__ = (UniqueConstraint("catalog", "code"),)

    catalog: Mapped[CatalogKind] = mapped_column(enum_column(CatalogKind))
    code: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    name_kk: Mapped[str] = mapped_column(String(300))
    # Decision templates carry the text of the decision in both languages.
    text_ru: Mapped[str | None] = mapped_column(Text)
    text_kk: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, lang: str) -> str:
        return {"ru": self.name_ru, "kk": self.name_kk}.get(lang, self.name_en)
