"""Territories, commissions and their compositions (acts and memberships)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.bilingual import Bilingual
from app.models.base import Base, Synced, bilingual, enum_column
from app.models.enums import MemberRole, TerritoryKind


class Territory(Synced, Base):
    __tablename__ = "territory"

    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TerritoryKind] = mapped_column(enum_column(TerritoryKind))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("territory.id"), index=True)


class Commission(Synced, Base):
    __tablename__ = "commission"

    name_ru: Mapped[str] = mapped_column(String(500))
    name_kk: Mapped[str] = mapped_column(String(500))
    name: Mapped[Bilingual] = bilingual("name")
    territory_id: Mapped[str] = mapped_column(ForeignKey("territory.id"), index=True)
    # Configurable rules (DOMAIN.md "Quorum and voting"); values of app.domain.voting.
    quorum_rule: Mapped[str] = mapped_column(String(32), default="more_than_half")
    majority_rule: Mapped[str] = mapped_column(String(32), default="of_voting")
    # The language its secretary types in (DOMAIN.md "Languages of the record").
    working_language: Mapped[str] = mapped_column(String(2), default="ru",
                                                  server_default="ru")

    territory: Mapped[Territory] = relationship()


class CompositionAct(Synced, Base):
    """An act approving a composition; it replaces the previous one from `effective_from`."""

    __tablename__ = "composition_act"

    commission_id: Mapped[str] = mapped_column(ForeignKey("commission.id"), index=True)
    issuing_body_ru: Mapped[str | None] = mapped_column(String(300))
    issuing_body_kk: Mapped[str | None] = mapped_column(String(300))
    issuing_body: Mapped[Bilingual] = bilingual("issuing_body")
    number: Mapped[str] = mapped_column(String(50))
    act_date: Mapped[dt.date]
    effective_from: Mapped[dt.date] = mapped_column(index=True)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="act", order_by="Membership.sort_order"
    )


class Membership(Synced, Base):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("act_id", "sort_order"),)

    act_id: Mapped[str] = mapped_column(ForeignKey("composition_act.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    position_ru: Mapped[str | None] = mapped_column(String(500))
    position_kk: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[Bilingual] = bilingual("position")
    organisation_kind_id: Mapped[str] = mapped_column(ForeignKey("catalog_item.id"))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole))
    sort_order: Mapped[int] = mapped_column(default=0)

    act: Mapped[CompositionAct] = relationship(back_populates="memberships")
