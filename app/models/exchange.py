"""Exchange between offices (SYNC.md): office keys, peers, packages, knowledge, conflicts.

All local: none of these tables has a `deleted` column, so change capture ignores them
and they never travel in a package as rows.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import HLC, Base


class OfficeKey(Base):
    """One generation of this office's keys; the newest `active` one signs.

    Private keys are sealed (app/sync/keys.py): `sealed` is ChaCha20-Poly1305 over the raw
    32-byte Ed25519 and X25519 private keys, under a key derived by Argon2id from the
    passphrase with `kdf` (JSON: salt, memory, iterations, lanes) and `nonce`.
    """

    __tablename__ = "office_key"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    office_id: Mapped[str] = mapped_column(String(36))
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    enc_public: Mapped[bytes] = mapped_column(LargeBinary)
    enc_key_id: Mapped[str] = mapped_column(String(16), index=True)
    kdf: Mapped[str] = mapped_column(Text)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    card: Mapped[str] = mapped_column(Text)  # the signed card, canonical JSON
    created_at: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)


class Peer(Base):
    """Another office, known by its card; nothing of it is applied unless `trusted`."""

    __tablename__ = "peer"

    office_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    territory_id: Mapped[str] = mapped_column(String(36))
    role: Mapped[str] = mapped_column(String(16))  # region | district
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    enc_public: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(80))
    card_version: Mapped[int] = mapped_column(Integer)
    card: Mapped[str] = mapped_column(Text)
    trusted: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[str | None] = mapped_column(String(32))


class PackageLog(Base):
    """Every package made or imported: direction `out` or `in`."""

    __tablename__ = "package_log"

    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3), primary_key=True)
    peer_office_id: Mapped[str] = mapped_column(String(36), index=True)
    link_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    processed_at: Mapped[str] = mapped_column(String(32))
    counts: Mapped[str] = mapped_column(Text)  # JSON
    hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the .kenes bytes


class Knowledge(Base):
    """Highest contiguous seq per origin held by an office: by a peer (from the vectors
    in its packages, i.e. acknowledged) or by this office itself (office_id = own id)."""

    __tablename__ = "knowledge"

    office_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class Conflict(Base):
    """A field that two offices changed concurrently, or a change to a closed meeting:
    the automatic choice (`applied`: incoming or local) waits for a person."""

    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(16))  # concurrent | closed_meeting
    local_value: Mapped[str] = mapped_column(Text)  # JSON
    incoming_value: Mapped[str] = mapped_column(Text)  # JSON
    local_hlc: Mapped[int] = mapped_column(HLC)
    incoming_hlc: Mapped[int] = mapped_column(HLC)
    incoming_origin: Mapped[str] = mapped_column(String(36))
    applied: Mapped[str] = mapped_column(String(8))  # incoming | local
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    resolved_by: Mapped[str | None] = mapped_column(String(36))
