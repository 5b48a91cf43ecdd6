"""Decisions and their measures, with execution reports and effectiveness assessments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.bilingual import Bilingual
from app.models.base import Base, Synced, bilingual, enum_column
from app.models.enums import Effectiveness, MeasureState


class Decision(Synced, Base):
    """What the commission resolved on an item; numbered "meeting/sequence" (12/3)."""

    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    number: Mapped[int]
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), index=True)
    template_id: Mapped[str | None] = mapped_column(ForeignKey("catalog_item.id"))
    text_ru: Mapped[str | None] = mapped_column(Text)
    text_kk: Mapped[str | None] = mapped_column(Text)
    text: Mapped[Bilingual] = bilingual("text")
    circumstances_ru: Mapped[str | None] = mapped_column(Text)
    circumstances_kk: Mapped[str | None] = mapped_column(Text)
    circumstances: Mapped[Bilingual] = bilingual("circumstances")
    rights_violations_ru: Mapped[str | None] = mapped_column(Text)
    rights_violations_kk: Mapped[str | None] = mapped_column(Text)
    rights_violations: Mapped[Bilingual] = bilingual("rights_violations")
    causes_ru: Mapped[str | None] = mapped_column(Text)
    causes_kk: Mapped[str | None] = mapped_column(Text)
    causes: Mapped[Bilingual] = bilingual("causes")
    # The vote as counted when the decision was recorded (the protocol prints it).
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    abstained: Mapped[int] = mapped_column(default=0)
    adopted: Mapped[bool] = mapped_column(default=False)


class Measure(Synced, Base):
    __tablename__ = "measure"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decision.id"), index=True)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), index=True)
    kind_id: Mapped[str] = mapped_column(ForeignKey("catalog_item.id"))
    text_ru: Mapped[str | None] = mapped_column(Text)
    text_kk: Mapped[str | None] = mapped_column(Text)
    text: Mapped[Bilingual] = bilingual("text")
    responsible_body_ru: Mapped[str | None] = mapped_column(String(300), index=True)
    responsible_body_kk: Mapped[str | None] = mapped_column(String(300), index=True)
    responsible_body: Mapped[Bilingual] = bilingual("responsible_body")
    responsible_person: Mapped[str | None] = mapped_column(String(300))
    deadline: Mapped[dt.date] = mapped_column(index=True)
    state: Mapped[MeasureState] = mapped_column(
        enum_column(MeasureState), default=MeasureState.ASSIGNED
    )
    cancelled_on: Mapped[dt.date | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class MeasureReport(Synced, Base):
    """The execution report of a measure, and whether the commission accepted it."""

    __tablename__ = "measure_report"

    measure_id: Mapped[str] = mapped_column(ForeignKey("measure.id"), index=True)
    reported_on: Mapped[dt.date]
    text_ru: Mapped[str | None] = mapped_column(Text)
    text_kk: Mapped[str | None] = mapped_column(Text)
    text: Mapped[Bilingual] = bilingual("text")
    reported_by: Mapped[str | None] = mapped_column(String(300))
    accepted: Mapped[bool | None]
    decided_on: Mapped[dt.date | None]


class Assessment(Synced, Base):
    """The commission's assessment of a measure's effectiveness, at control."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("measure_id", "assessed_on", "agenda_item_id"),)

    measure_id: Mapped[str] = mapped_column(ForeignKey("measure.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"))
    assessed_on: Mapped[dt.date]
    result: Mapped[Effectiveness] = mapped_column(enum_column(Effectiveness))
    next_review: Mapped[dt.date | None]
    comment_ru: Mapped[str | None] = mapped_column(Text)
    comment_kk: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[Bilingual] = bilingual("comment")
