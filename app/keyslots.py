"""Key slots: the random key of an encrypted database, wrapped once per account and once
for the recovery key, in a small file beside it (`kenes.db.keys`, 0600) that can be read
before the database is open (docs/encryption.md).

    slot    = {"kind": "user"|"recovery", "login", "salt", "nonce", "wrapped"}
    wrapped = ChaCha20-Poly1305(key = Argon2id(secret, salt), nonce, database key,
                                aad = "kenes-key-slot/1/" + kind + "/" + login)

The associated data binds a slot to its login: a slot moved to another login does not
open. Unknown logins still run one Argon2id (against a stand-in salt), so the time an
attempt takes does not tell whether the login has a slot. Plain JSON and pyca
cryptography only — no SQLAlchemy: the login window uses it before the database layer
is loaded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.files import write_private

SUFFIX = ".keys"
FORMAT = 1
KEY_BYTES = 32
RECOVERY_BYTES = 20  # 160 bits: 32 base32 letters in 8 groups of 4
# The same cost as a password hash (services.users): about 0.25 s per try.
KDF = {"name": "argon2id", "memory_kib": 64 * 1024, "iterations": 3, "lanes": 4}
RECOVERY = "recovery"


def keys_path(db_path: Path | str) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def is_encrypted(db_path: Path | str) -> bool:
    """A key file beside it, and the file (if written yet) not a plain SQLite one: a key
    file left beside a plain database (a restore killed half-way) is ignored."""
    if not keys_path(db_path).is_file():
        return False
    try:
        with open(db_path, "rb") as fh:
            return fh.read(16) != b"SQLite format 3\x00"
    except FileNotFoundError:
        return True


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> str:
    """A short public name of a database key (tells which key a backup needs)."""
    return hashlib.sha256(b"kenes-database-key-id\x00" + key).hexdigest()[:16]


def _kek(secret: str, salt: bytes, kdf: dict) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=kdf["iterations"], lanes=kdf["lanes"],
                    memory_cost=kdf["memory_kib"]).derive(secret.encode("utf-8"))


def _aad(kind: str, login: str) -> bytes:
    return f"kenes-key-slot/{FORMAT}/{kind}/{login}".encode()


def _wrap(key: bytes, secret: str, kind: str, login: str) -> dict:
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = ChaCha20Poly1305(_kek(secret, salt, KDF)).encrypt(nonce, key, _aad(kind, login))
    return {"kind": kind, "login": login, "salt": salt.hex(), "nonce": nonce.hex(),
            "wrapped": wrapped.hex()}


def _unwrap(slot: dict, secret: str, kdf: dict) -> bytes | None:
    try:
        kek = _kek(secret, bytes.fromhex(slot["salt"]), kdf)
        return ChaCha20Poly1305(kek).decrypt(bytes.fromhex(slot["nonce"]),
                                             bytes.fromhex(slot["wrapped"]),
                                             _aad(slot["kind"], slot["login"]))
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def normal_login(login: str) -> str:
    return (login or "").strip().lower()


# -- the recovery key ---------------------------------------------------------------------

def new_recovery_key() -> str:
    """32 letters and digits in 8 groups of 4, to print and keep in the safe."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode()
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normal_recovery_key(text: str) -> str:
    """As typed: any case, spaces or dashes; O read as 0 is not in base32, so O→0 is not
    needed, but 0→O, 1→I and 8→B are the usual misreadings and are forgiven."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


# -- the file -----------------------------------------------------------------------------

@dataclass
class KeySlots:
    path: Path
    key_id: str
    kdf: dict
    slots: list[dict] = field(default_factory=list)
    commission: dict = field(default_factory=dict)

    # reading
    @classmethod
    def load(cls, db_path: Path | str) -> KeySlots | None:
        path = keys_path(db_path)
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT or not isinstance(data.get("slots"), list):
                return None
            return cls(path, str(data["key_id"]), dict(data["kdf"]), list(data["slots"]),
                       dict(data.get("commission") or {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def logins(self) -> set[str]:
        return {s["login"] for s in self.slots if s.get("kind") == "user"}

    def _slot(self, kind: str, login: str) -> dict | None:
        return next((s for s in self.slots if s.get("kind") == kind
                     and s.get("login") == login), None)

    def unlock(self, login: str, password: str) -> bytes | None:
        """The database key if `password` opens `login`'s slot; None otherwise, after
        the same work either way."""
        login = normal_login(login)
        slot = self._slot("user", login)
        if slot is None:  # the same Argon2id on a stand-in, then fail
            stand_in = {"kind": "user", "login": login, "salt": hashlib.sha256(
                self.key_id.encode() + login.encode()).hexdigest()[:32],
                        "nonce": "00" * 12, "wrapped": "00" * (KEY_BYTES + 16)}
            _unwrap(stand_in, password or "", self.kdf)
            return None
        return self._checked(_unwrap(slot, password or "", self.kdf))

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes | None:
        slot = self._slot(RECOVERY, RECOVERY)
        if slot is None:
            return None
        return self._checked(_unwrap(slot, normal_recovery_key(recovery_key), self.kdf))

    def _checked(self, key: bytes | None) -> bytes | None:
        return key if key is not None and key_id(key) == self.key_id else None

    # writing (the key is known: the database is open)
    def set_user(self, key: bytes, login: str, password: str) -> None:
        self._replace(_wrap(key, password, "user", normal_login(login)))

    def remove_user(self, login: str) -> None:
        self.slots = [s for s in self.slots
                      if not (s.get("kind") == "user" and s.get("login") == normal_login(login))]

    def set_recovery(self, key: bytes) -> str:
        recovery = new_recovery_key()
        self._replace(_wrap(key, recovery, RECOVERY, RECOVERY))
        return recovery

    def _replace(self, slot: dict) -> None:
        self.slots = [s for s in self.slots
                      if not (s.get("kind") == slot["kind"] and s.get("login") == slot["login"])]
        self.slots.append(slot)

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "kind": "kenes-key-slots", "key_id": self.key_id,
                           "kdf": self.kdf, "commission": self.commission,
                           "slots": sorted(self.slots, key=lambda s: (s["kind"], s["login"]))},
                          ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    def save(self, path: Path | None = None) -> None:
        write_private(path or self.path, self.to_bytes())


def create(db_path: Path | str, key: bytes) -> tuple[KeySlots, str]:
    """A new slot file for `key` with its recovery slot (accounts add theirs as they are
    created). Returns it, not yet saved, and the recovery key, to be shown once."""
    slots = KeySlots(keys_path(db_path), key_id(key), dict(KDF), [], {})
    recovery = slots.set_recovery(key)
    return slots, recovery
