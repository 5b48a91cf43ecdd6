"""Declarative base, shared column types and the sync mixin."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    DateTime,
    Enum,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, composite, mapped_column

from app.domain.bilingual import Bilingual
from app.domain.ids import new_id

# Stable constraint names so that Alembic's batch mode on SQLite can find them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stored as naive UTC, returned as aware UTC: the zone is never guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):  # type: ignore[override]
        return None if value is None else value.replace(tzinfo=dt.UTC)


# HLC stamps are 64-bit (48-bit milliseconds << 16 + a counter): SQLite's INTEGER holds
# them, PostgreSQL's INTEGER is 32-bit, so there they are BIGINT.
HLC = Integer().with_variant(BigInteger(), "postgresql")


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Store an enum by its value as plain text (no CHECK constraint to migrate)."""
    return Enum(enum_cls, native_enum=False, create_constraint=False, length=32,
                values_callable=lambda members: [m.value for m in members])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Rows exchanged between offices (SYNC.md "Change capture").

    The id is a UUIDv7; deletion is a tombstone (`deleted`), never a hard delete.
    The origin office, HLC stamps and per-field stamps live beside the row in
    `sync_row`, maintained by triggers (app/sync/capture.py) in the same transaction.
    """

    __synced__ = True

    id: Mapped[str] = mapped_column(
        String(36), primary_key=True, default=new_id, sort_order=-1
    )
    deleted: Mapped[bool] = mapped_column(default=False, server_default=false())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def bilingual(name: str) -> Mapped[Bilingual]:
    """The composite of a text held in Russian and Kazakh (app/domain/bilingual.py):
    declare the two plain columns `<name>_ru` and `<name>_kk` beside it."""
    return composite(Bilingual, f"{name}_ru", f"{name}_kk")


def shown_in(model: type, name: str, lang: str):  # type: ignore[no-untyped-def]
    """SQL for a bilingual text as a screen shows it: in `lang`, else the other language
    (the Python side is `Bilingual.shown`)."""
    first = "kk" if lang == "kk" else "ru"
    second = "ru" if first == "kk" else "kk"
    return func.coalesce(getattr(model, f"{name}_{first}"), getattr(model, f"{name}_{second}"))
