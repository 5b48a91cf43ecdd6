"""A case (материал) about a child: where it came from, what it is about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.bilingual import Bilingual
from app.models.base import Base, Synced, bilingual, enum_column
from app.models.enums import CaseStatus


class Case(Synced, Base):
    __tablename__ = "case_file"  # "case" is an SQL keyword
    __table_args__ = (UniqueConstraint("commission_id", "year", "number"),)

    commission_id: Mapped[str] = mapped_column(ForeignKey("commission.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    year: Mapped[int]
    number: Mapped[int]
    received_on: Mapped[dt.date]
    source_id: Mapped[str] = mapped_column(ForeignKey("catalog_item.id"))
    category_id: Mapped[str] = mapped_column(ForeignKey("catalog_item.id"), index=True)
    article_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    description_ru: Mapped[str | None] = mapped_column(Text)
    description_kk: Mapped[str | None] = mapped_column(Text)
    description: Mapped[Bilingual] = bilingual("description")
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus), default=CaseStatus.OPEN)
    closed_on: Mapped[dt.date | None]
