"""Change-capture bookkeeping (SYNC.md): local, never exchanged as rows themselves."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import HLC, Base


class SyncState(Base):
    """One row: this database's current origin, its last seq and HLC.

    Triggers read and advance it; `applying` is set while an import writes rows that
    already carry their own (origin, seq), so they are not captured again.
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(36))
    office_id: Mapped[str | None] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[int] = mapped_column(HLC, default=0)
    applying: Mapped[int] = mapped_column(Integer, default=0)
    # On a server: the cluster and database the origin was started in (epoch_server).
    place: Mapped[str | None] = mapped_column(String(64))


class ChangeLog(Base):
    """Every committed change: gap-free seq per origin, the HLC, the changed fields
    with their new values (`data`) and the stamps they replaced (`base`), both JSON."""

    __tablename__ = "change_log"

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    hlc: Mapped[int] = mapped_column(HLC)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(1))  # I, U or D
    data: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)


class SyncRow(Base):
    """Per-row sync metadata: the origin that created it, its latest HLC and the
    per-field stamps (JSON {field: hlc}; a field absent there carries `created_hlc`)."""

    __tablename__ = "sync_row"

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36))
    created_hlc: Mapped[int] = mapped_column(HLC)
    hlc: Mapped[int] = mapped_column(HLC)
    stamps: Mapped[str] = mapped_column(Text, default="{}")


class SyncOrigin(Base):
    """Every origin (epoch) this database has written under; see app/sync/epoch.py."""

    __tablename__ = "sync_origin"

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_id: Mapped[str | None] = mapped_column(String(36))
    started_at: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(64))
