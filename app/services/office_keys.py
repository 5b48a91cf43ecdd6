"""This office's keys and card, and the offices it trusts (the steps of `kenes office` and
`kenes peer`, for the exchange screen).

A peer becomes trusted only when the fingerprint a person compared by phone matches its
card (app/sync/keys.py checks it); a newer card signed by a known peer's previous key
replaces the old one as `keys.add_peer` does. Audit details hold ids, versions and
flags only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.roles import Permission
from app.errors import StorageError, ValidationError
from app.i18n import N_
from app.models.exchange import Peer
from app.services import audit
from app.services.context import Actor, require
from app.services.exchange_status import write_file
from app.sync import canonical, keys

CARD_SUFFIX = ".card"
MIN_PASSPHRASE = 8
MAX_CARD_BYTES = 64 * 1024  # a card is well under 2 KB; refuse to read a big file whole


@dataclass(frozen=True)
class OwnCard:
    """This office's active card, or `has_keys` False before the keys are made."""

    has_keys: bool
    office_id: str | None = None
    name: str | None = None
    role: str | None = None
    fingerprint: str | None = None
    version: int | None = None


# What adding a card would do to the peer list.
NEW, SAME, ROTATION, REPLACEMENT = "new", "same", "rotation", "replacement"


@dataclass(frozen=True)
class CardPreview:
    """A verified card read from a file, before anything is written."""

    data: bytes  # the file as read: what the person saw is what gets added
    office_id: str
    name: str
    role: str
    fingerprint: str
    version: int
    change: str  # NEW | SAME | ROTATION | REPLACEMENT
    trusted: bool  # the office is already trusted here
    revoked: bool


def _own(signed: dict[str, Any]) -> OwnCard:
    card = signed["card"]
    return OwnCard(True, card["office_id"], card["name"], card["role"],
                   keys.card_fingerprint(card), card["version"])


def own_card(s: Session, actor: Actor) -> OwnCard:
    require(actor, Permission.VIEW)
    return _own(keys.active_card(s)) if keys.has_keys(s) else OwnCard(False)


def save_card(s: Session, actor: Actor, path: Path) -> OwnCard:
    """Write this office's public card to `path` (`kenes office card --out`)."""
    require(actor, Permission.EXCHANGE)
    signed = keys.active_card(s)
    write_file(path, canonical.dumps(signed))
    audit.record(s, actor, "office.card_saved", "office", signed["card"]["office_id"],
                 version=signed["card"]["version"])
    return _own(signed)


def _check_passphrase(passphrase: str, repeated: str) -> None:
    if passphrase != repeated:
        raise ValidationError(N_("The two passphrases are not the same. Type the same "
                                 "passphrase twice."), field="repeated")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(N_("The passphrase is too short: at least {n} characters."),
                              field="passphrase", n=MIN_PASSPHRASE)


def create_keys(s: Session, actor: Actor, passphrase: str, repeated: str) -> OwnCard:
    """This office's first keys, sealed under a new passphrase typed twice."""
    require(actor, Permission.EXCHANGE)
    _check_passphrase(passphrase, repeated)
    signed = keys.create_office_keys(s, passphrase)
    audit.record(s, actor, "office.keys_created", "office", signed["card"]["office_id"],
                 version=signed["card"]["version"])
    return _own(signed)


def rotate_keys(s: Session, actor: Actor, passphrase: str) -> OwnCard:
    """New keys under the same passphrase; the new card is signed by the old key too."""
    require(actor, Permission.EXCHANGE)
    signed = keys.rotate(s, passphrase)
    audit.record(s, actor, "office.keys_rotated", "office", signed["card"]["office_id"],
                 version=signed["card"]["version"])
    return _own(signed)


# --- other offices ----------------------------------------------------------------------

def read_card_file(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CARD_BYTES + 1)
    except OSError as exc:
        raise StorageError(N_("Cannot read {path}: {reason}."), path=str(path),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    if len(data) > MAX_CARD_BYTES:
        raise ValidationError(N_("This file is not an office card."))
    return data


def _verified(s: Session, data: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """(signed card, card) if the card holds and may be added here; as keys.add_peer checks."""
    signed = keys.parse_card(data)
    if not isinstance(signed, dict):
        raise ValidationError(N_("This file is not an office card."))
    card = keys.verify_card(signed)
    if card.get("role") not in ("region", "district"):
        raise ValidationError(N_("The office card names an unknown role."))
    own = s.execute(text("SELECT office_id FROM sync_state WHERE id = 1")).scalar()
    if card["office_id"] == own:
        raise ValidationError(N_("This is the card of this office itself."))
    return signed, card


def preview_card(s: Session, actor: Actor, data: bytes) -> CardPreview:
    """What the card in `data` says and what adding it would change; writes nothing."""
    require(actor, Permission.EXCHANGE)
    signed, card = _verified(s, data)
    peer = s.get(Peer, card["office_id"])
    if peer is None:
        change = NEW
    elif (card["sign_public"] == peer.sign_public.hex()
          and card["enc_public"] == peer.enc_public.hex()):
        change = SAME
    elif keys.accepts_rotation(peer, signed):
        change = ROTATION
    else:
        change = REPLACEMENT
    return CardPreview(data, card["office_id"], card["name"], card["role"],
                       keys.card_fingerprint(card), card["version"], change,
                       bool(peer and peer.trusted), bool(peer and peer.revoked_at))


def add_office(s: Session, actor: Actor, data: bytes, confirmed: str | None
               ) -> keys.PeerInfo:
    """Add (or update) an office from its card. `confirmed` is the fingerprint the person
    compared with the other office: it must match, and then the office is trusted;
    None adds it not trusted (or applies a rotation signed by the key already known)."""
    require(actor, Permission.EXCHANGE)
    signed, _card = _verified(s, data)
    if confirmed is not None and not confirmed.strip():
        raise ValidationError(N_("Type the fingerprint the other office read to you."),
                              field="fingerprint")
    info = keys.add_peer(s, signed, trust=confirmed)
    audit.record(s, actor, "peer.add", "peer", info.office_id, version=info.card_version,
                 trusted=info.trusted)
    return info


def trust_office(s: Session, actor: Actor, office_id: str, confirmed: str) -> keys.PeerInfo:
    """Trust a known office once its fingerprint was compared by phone."""
    require(actor, Permission.EXCHANGE)
    peer = keys.get_peer(s, office_id)
    if not confirmed.strip():
        raise ValidationError(N_("Type the fingerprint the other office read to you."),
                              field="fingerprint")
    info = keys.add_peer(s, json.loads(peer.card), trust=confirmed)
    audit.record(s, actor, "peer.trust", "peer", info.office_id, version=info.card_version)
    return info


def revoke_office(s: Session, actor: Actor, office_id: str) -> keys.PeerInfo:
    """Refuse every further package of the office; nothing is exported to it."""
    require(actor, Permission.EXCHANGE)
    info = keys.revoke_peer(s, office_id)
    audit.record(s, actor, "peer.revoke", "peer", info.office_id)
    return info
