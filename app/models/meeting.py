"""A meeting and everything recorded at it: agenda, attendance, invited persons,
recusals, votes, dissenting opinions and the numbered amendments made after closing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.bilingual import Bilingual
from app.models.base import Base, Synced, UtcDateTime, bilingual, enum_column
from app.models.enums import (
    AbsenceReason,
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeetingKind,
    MeetingStatus,
    VoteChoice,
)


class Meeting(Synced, Base):
    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("commission_id", "year", "number"),)

    commission_id: Mapped[str] = mapped_column(ForeignKey("commission.id"), index=True)
    year: Mapped[int]
    number: Mapped[int]
    date: Mapped[dt.date] = mapped_column(index=True)
    place_ru: Mapped[str | None] = mapped_column(String(500))
    place_kk: Mapped[str | None] = mapped_column(String(500))
    place: Mapped[Bilingual] = bilingual("place")
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    # The language the meeting is held and recorded in; the commission's by default.
    working_language: Mapped[str] = mapped_column(String(2), default="ru",
                                                  server_default="ru")
    starts_at: Mapped[dt.time | None]
    ends_at: Mapped[dt.time | None]
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.PLANNED
    )
    presiding_id: Mapped[str | None] = mapped_column(ForeignKey("membership.id"))
    secretary_id: Mapped[str | None] = mapped_column(ForeignKey("membership.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The live session: the item on screen, so a restarted session resumes there.
    # An agenda_item id without a FOREIGN KEY constraint, so the column is added by a plain
    # ALTER TABLE instead of rebuilding the meeting table (app/services/session.py checks it).
    current_item_id: Mapped[str | None] = mapped_column(String(36))

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


class AgendaItem(Synced, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int]
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind))
    title_ru: Mapped[str | None] = mapped_column(String(1000))
    title_kk: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[Bilingual] = bilingual("title")
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    # A control item checks one measure of an earlier decision.
    measure_id: Mapped[str | None] = mapped_column(
        ForeignKey("measure.id", use_alter=True), index=True
    )
    reporter: Mapped[str | None] = mapped_column(String(300))
    heard_ru: Mapped[str | None] = mapped_column(Text)
    heard_kk: Mapped[str | None] = mapped_column(Text)
    heard: Mapped[Bilingual] = bilingual("heard")
    spoke_ru: Mapped[str | None] = mapped_column(Text)
    spoke_kk: Mapped[str | None] = mapped_column(Text)
    spoke: Mapped[Bilingual] = bilingual("spoke")
    rights_explained: Mapped[bool] = mapped_column(default=False)
    motions_ru: Mapped[str | None] = mapped_column(Text)
    motions_kk: Mapped[str | None] = mapped_column(Text)
    motions: Mapped[Bilingual] = bilingual("motions")
    status: Mapped[ItemStatus] = mapped_column(enum_column(ItemStatus), default=ItemStatus.PENDING)
    postponed_to_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    # The live session (app/services/session.py): seconds spent on the item so far, and the
    # draft decision and measures (JSON) typed before the vote, saved as they are typed.
    time_spent_s: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    draft: Mapped[str | None] = mapped_column(Text)


class Attendance(Synced, Base):
    """A member at a meeting; late arrival and early leave name the item."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "membership_id"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    present: Mapped[bool]
    absence_reason: Mapped[AbsenceReason | None] = mapped_column(enum_column(AbsenceReason))
    reason_note_ru: Mapped[str | None] = mapped_column(String(500))
    reason_note_kk: Mapped[str | None] = mapped_column(String(500))
    reason_note: Mapped[Bilingual] = bilingual("reason_note")
    arrived_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"))
    left_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"))


class InvitedPerson(Synced, Base):
    __tablename__ = "invited_person"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    role: Mapped[InviteeRole] = mapped_column(enum_column(InviteeRole))
    organisation_ru: Mapped[str | None] = mapped_column(String(300))
    organisation_kk: Mapped[str | None] = mapped_column(String(300))
    organisation: Mapped[Bilingual] = bilingual("organisation")
    present: Mapped[bool] = mapped_column(default=False)


class Recusal(Synced, Base):
    """A member's declared conflict of interest on an item: no vote, no quorum count."""

    __tablename__ = "recusal"
    __table_args__ = (UniqueConstraint("agenda_item_id", "membership_id"),)

    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    reason: Mapped[str | None] = mapped_column(String(500))


class Vote(Synced, Base):
    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("agenda_item_id", "membership_id"),)

    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    choice: Mapped[VoteChoice] = mapped_column(enum_column(VoteChoice))


class DissentingOpinion(Synced, Base):
    __tablename__ = "dissenting_opinion"

    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    text_ru: Mapped[str | None] = mapped_column(Text)
    text_kk: Mapped[str | None] = mapped_column(Text)
    text: Mapped[Bilingual] = bilingual("text")


class Amendment(Synced, Base):
    """A numbered correction to a closed meeting; the original text is kept."""

    __tablename__ = "amendment"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    number: Mapped[int]
    target_table: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    original_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str] = mapped_column(Text)
    reason_ru: Mapped[str | None] = mapped_column(Text)
    reason_kk: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[Bilingual] = bilingual("reason")
    amended_on: Mapped[dt.date]
    user_id: Mapped[str] = mapped_column(String(36))
