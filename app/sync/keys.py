"""Office keys, office cards and peers (SYNC.md "Offices and keys").

Each office has an Ed25519 signing key and an X25519 encryption key. The private keys
are never stored in clear: Argon2id (64 MiB, 3 iterations, 4 lanes) turns the passphrase
and a random salt into a 32-byte key that seals both raw private keys with
ChaCha20-Poly1305; salt and parameters are stored beside them, so stronger parameters
later still open old keys.

The office card is the public half: office id, name, territory, role, both public keys,
created, version — signed by the office's own signing key. A rotated card also carries
the previous signing key and a signature by it, so a peer that trusts the old key
accepts the new one without a new phone call. A peer is applied only once a person
has compared the fingerprint and marked it trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.i18n import N_
from app.models.exchange import OfficeKey, Peer
from app.sync import canonical
from app.sync.errors import KeyError_

CARD_KIND = "kenes-office-card"
# Argon2id parameters for new seals (memory in KiB). Stored with each seal.
KDF_PARAMS = {"memory_kib": 64 * 1024, "iterations": 3, "lanes": 4}
MIN_MEMORY_KIB, MIN_ITERATIONS = 64 * 1024, 3


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def raw_public(key: Any) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_raw: bytes) -> bytes:
    """8 bytes: the start of SHA-256 of a raw public key."""
    return hashlib.sha256(public_raw).digest()[:8]


def fingerprint(sign_public: bytes, enc_public: bytes) -> str:
    """SHA-256 of both public keys, as 12 groups of 4 decimal digits (read by phone)."""
    digest = hashlib.sha256(sign_public + enc_public).digest()
    groups = [int.from_bytes(digest[i:i + 2], "big") % 10000 for i in range(0, 24, 2)]
    return " ".join(f"{g:04d}" for g in groups)


def _norm_fingerprint(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


# --- sealing ----------------------------------------------------------------------------

def _derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=params["iterations"],
                    lanes=params["lanes"], memory_cost=params["memory_kib"]
                    ).derive(passphrase.encode("utf-8"))


def seal(passphrase: str, secret: bytes, aad: bytes,
         params: dict[str, int] | None = None) -> tuple[str, bytes, bytes]:
    """(kdf JSON, nonce, ciphertext) of `secret` under the passphrase."""
    if not passphrase:
        raise ValidationError(N_("A passphrase is needed to protect the office keys."))
    params = dict(params or KDF_PARAMS)
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, params)
    kdf = json.dumps({"alg": "argon2id", "salt": salt.hex(), **params}, sort_keys=True)
    return kdf, nonce, ChaCha20Poly1305(key).encrypt(nonce, secret, aad)


def unseal(passphrase: str, kdf: str, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    spec = json.loads(kdf)
    key = _derive(passphrase, bytes.fromhex(spec["salt"]), spec)
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, sealed, aad)
    except InvalidTag:
        raise KeyError_(N_("Wrong passphrase for the office keys.")) from None


# --- cards -------------------------------------------------------------------------------

def card_signing_bytes(card: dict[str, Any]) -> bytes:
    return canonical.dumps(card)


def verify_card(signed: dict[str, Any]) -> dict[str, Any]:
    """The card if its self-signature holds (and its rotation signature, if any)."""
    try:
        card = signed["card"]
        if card.get("kind") != CARD_KIND:
            raise ValueError
        body = card_signing_bytes(card)
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(card["sign_public"])).verify(
            bytes.fromhex(signed["signature"]), body)
        if card.get("previous_sign_public"):
            Ed25519PublicKey.from_public_bytes(
                bytes.fromhex(card["previous_sign_public"])).verify(
                bytes.fromhex(signed["rotation_signature"]), body)
    except (KeyError, TypeError, ValueError, AttributeError, InvalidSignature):
        raise ValidationError(N_("The office card is damaged or its signature does not "
                                 "match.")) from None
    return card


def parse_card(data: bytes) -> dict[str, Any]:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError(N_("This file is not an office card.")) from None


def card_fingerprint(card: dict[str, Any]) -> str:
    return fingerprint(bytes.fromhex(card["sign_public"]), bytes.fromhex(card["enc_public"]))


# --- this office ---------------------------------------------------------------------------

@dataclass(frozen=True)
class OfficeIdentity:
    office_id: str
    name: str
    territory_id: str
    role: str  # region | district


REGION_KINDS = {"oblast", "city_republican"}


def own_identity(s: Session) -> OfficeIdentity:
    office_id = s.execute(text("SELECT office_id FROM sync_state WHERE id = 1")).scalar()
    row = s.execute(text(
        "SELECT c.name_ru, c.territory_id, t.kind FROM commission c "
        "JOIN territory t ON t.id = c.territory_id WHERE NOT c.deleted ORDER BY c.id LIMIT 1"
    )).first()
    if not office_id or row is None:
        raise KeyError_(N_("This database is not set up as an office yet."))
    return OfficeIdentity(office_id, row[0], row[1],
                          "region" if row[2] in REGION_KINDS else "district")


@dataclass(frozen=True)
class OfficeKeys:
    """Unlocked keys of one generation (held in memory only while needed)."""

    version: int
    office_id: str
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey
    signed_card: dict[str, Any]

    @property
    def sign_key_id(self) -> bytes:
        return key_id(raw_public(self.signing))

    @property
    def enc_key_id(self) -> bytes:
        return key_id(raw_public(self.encryption))


def _aad(office_id: str, version: int, sign_public: bytes, enc_public: bytes) -> bytes:
    return canonical.dumps({"office_id": office_id, "version": version,
                            "sign_public": sign_public.hex(), "enc_public": enc_public.hex()})


def _store(s: Session, passphrase: str, ident: OfficeIdentity, version: int,
           signing: Ed25519PrivateKey, encryption: X25519PrivateKey,
           previous: Ed25519PrivateKey | None) -> dict[str, Any]:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    sign_pub, enc_pub = raw_public(signing), raw_public(encryption)
    card = {"kind": CARD_KIND, "office_id": ident.office_id, "name": ident.name,
            "territory_id": ident.territory_id, "role": ident.role,
            "sign_public": sign_pub.hex(), "enc_public": enc_pub.hex(),
            "created": now_iso(), "version": version,
            "previous_sign_public": raw_public(previous).hex() if previous else None}
    body = card_signing_bytes(card)
    signed = {"card": card, "signature": signing.sign(body).hex(),
              "rotation_signature": previous.sign(body).hex() if previous else None}
    raw = (signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
           + encryption.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
    kdf, nonce, sealed = seal(passphrase, raw,
                              _aad(ident.office_id, version, sign_pub, enc_pub))
    s.execute(text("UPDATE office_key SET active = :no"), {"no": False})
    s.add(OfficeKey(version=version, office_id=ident.office_id, sign_public=sign_pub,
                    enc_public=enc_pub, enc_key_id=key_id(enc_pub).hex(), kdf=kdf,
                    nonce=nonce, sealed=sealed, card=canonical.dumps(signed).decode(),
                    created_at=card["created"], active=True))
    s.flush()
    return signed


def has_keys(s: Session) -> bool:
    return s.scalar(select(OfficeKey.version).limit(1)) is not None


def create_office_keys(s: Session, passphrase: str,
                       identity: OfficeIdentity | None = None) -> dict[str, Any]:
    """Create this office's first keys (at `kenes init`); returns the signed card."""
    if has_keys(s):
        raise KeyError_(N_("This office already has keys; rotate them instead."))
    return _store(s, passphrase, identity or own_identity(s), 1, Ed25519PrivateKey.generate(),
                  X25519PrivateKey.generate(), None)


def _unlock_row(row: OfficeKey, passphrase: str) -> OfficeKeys:
    raw = unseal(passphrase, row.kdf, row.nonce, row.sealed,
                 _aad(row.office_id, row.version, row.sign_public, row.enc_public))
    return OfficeKeys(row.version, row.office_id, Ed25519PrivateKey.from_private_bytes(raw[:32]),
                      X25519PrivateKey.from_private_bytes(raw[32:]), json.loads(row.card))


def unlock(s: Session, passphrase: str, *, enc_key_id: bytes | None = None) -> OfficeKeys:
    """The active keys, or the generation whose encryption key has `enc_key_id`."""
    q = select(OfficeKey)
    q = (q.where(OfficeKey.enc_key_id == enc_key_id.hex()) if enc_key_id is not None
         else q.where(OfficeKey.active.is_(True)))
    row = s.scalars(q).first()
    if row is None:
        if enc_key_id is not None:
            raise KeyError_(N_("No key of this office has id {key_id}."), key_id=enc_key_id.hex())
        raise KeyError_(N_("This office has no keys yet."))
    return _unlock_row(row, passphrase)


def own_enc_key_ids(s: Session) -> set[str]:
    return set(s.scalars(select(OfficeKey.enc_key_id)))


def active_card(s: Session) -> dict[str, Any]:
    row = s.scalars(select(OfficeKey).where(OfficeKey.active.is_(True))).first()
    if row is None:
        raise KeyError_(N_("This office has no keys yet."))
    return json.loads(row.card)


def rotate(s: Session, passphrase: str) -> dict[str, Any]:
    """New keys; the new card is signed by the old signing key too."""
    old = unlock(s, passphrase)
    ident = own_identity(s)
    return _store(s, passphrase, ident, old.version + 1, Ed25519PrivateKey.generate(),
                  X25519PrivateKey.generate(), old.signing)


# --- peers --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeerInfo:
    office_id: str
    name: str
    territory_id: str
    role: str
    fingerprint: str
    trusted: bool
    revoked_at: str | None
    card_version: int


def _info(p: Peer) -> PeerInfo:
    return PeerInfo(p.office_id, p.name, p.territory_id, p.role, p.fingerprint, p.trusted,
                    p.revoked_at, p.card_version)


def _apply_card(p: Peer, card: dict[str, Any], signed: dict[str, Any]) -> None:
    p.name, p.territory_id, p.role = card["name"], card["territory_id"], card["role"]
    p.sign_public = bytes.fromhex(card["sign_public"])
    p.enc_public = bytes.fromhex(card["enc_public"])
    p.fingerprint = card_fingerprint(card)
    p.card_version = card["version"]
    p.card = canonical.dumps(signed).decode()


def add_peer(s: Session, signed: dict[str, Any], trust: str | None = None) -> PeerInfo:
    """Add (or update) a peer from its card; trusted only if `trust` is its fingerprint."""
    card = verify_card(signed)
    if card["role"] not in ("region", "district"):
        raise ValidationError(N_("The office card names an unknown role."))
    if card["office_id"] == s.execute(text("SELECT office_id FROM sync_state")).scalar():
        raise ValidationError(N_("This is the card of this office itself."))
    fp = card_fingerprint(card)
    if trust is not None and _norm_fingerprint(trust) != _norm_fingerprint(fp):
        raise ValidationError(N_("The fingerprint does not match the card: {fingerprint}. "
                                 "Check it again with the other office."), fingerprint=fp)
    p = s.get(Peer, card["office_id"])
    if p is None:
        p = Peer(office_id=card["office_id"], trusted=False, added_at=now_iso())
        _apply_card(p, card, signed)
        s.add(p)
    elif card["version"] > p.card_version and accepts_rotation(p, signed):
        _apply_card(p, card, signed)
    elif card["sign_public"] != p.sign_public.hex() or card["enc_public"] != p.enc_public.hex():
        if trust is None:
            raise ValidationError(N_("This card has other keys than the one already known "
                                     "for the office; confirm its fingerprint to replace it."))
        _apply_card(p, card, signed)
    if trust is not None:
        p.trusted = True
    s.flush()
    return _info(p)


def accepts_rotation(p: Peer, signed: dict[str, Any]) -> bool:
    """Is `signed` a newer card of peer `p` signed by the key we know (checked already
    for its own signatures by verify_card)?"""
    card = signed["card"]
    return (card["office_id"] == p.office_id and card["version"] > p.card_version
            and card.get("previous_sign_public") == p.sign_public.hex())


def update_from_rotation(s: Session, p: Peer, signed: dict[str, Any]) -> bool:
    """Replace a peer's card by its signed successor; False if it is not one."""
    try:
        card = verify_card(signed)
    except ValidationError:
        return False
    if not accepts_rotation(p, signed):
        return False
    _apply_card(p, card, signed)
    s.flush()
    return True


def peers(s: Session) -> list[PeerInfo]:
    return [_info(p) for p in s.scalars(select(Peer).order_by(Peer.name))]


def get_peer(s: Session, office_id: str) -> Peer:
    p = s.get(Peer, office_id)
    if p is None:
        raise NotFound(N_("No office {office} is known here."), office=office_id)
    return p


def revoke_peer(s: Session, office_id: str) -> PeerInfo:
    p = get_peer(s, office_id)
    if p.revoked_at is None:
        p.revoked_at = now_iso()
        s.flush()
    return _info(p)
