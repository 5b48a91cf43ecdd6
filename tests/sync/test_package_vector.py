"""The test vector of docs/package-format.md, and RFC 9180 agreement.

`deterministic_hpke` is RFC 9180 base-mode single-shot Seal written out from pyca
primitives with a *fixed* ephemeral key, used only here so the vector's bytes are
reproducible; the test proves the library's HPKE opens it, i.e. both agree.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.sync import exporter, package
from app.sync.keys import OfficeKeys

SENDER_SEED, RECIPIENT_SEED, EPHEMERAL_SEED = bytes([1]) * 32, bytes([2]) * 32, bytes([3]) * 32


def _raw(pub) -> bytes:
    return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _extract(salt: bytes, ikm: bytes) -> bytes:
    h = hmac.HMAC(salt or bytes(32), hashes.SHA256())
    h.update(ikm)
    return h.finalize()


def _expand(prk: bytes, info: bytes, n: int) -> bytes:
    return HKDFExpand(hashes.SHA256(), n, info).derive(prk)


def _labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, n: int) -> bytes:
    return _expand(prk, n.to_bytes(2, "big") + b"HPKE-v1" + suite + label + info, n)


def deterministic_hpke(ephemeral: X25519PrivateKey):
    def encrypt(plaintext: bytes, recipient: X25519PublicKey, info: bytes) -> bytes:
        kem = b"KEM" + (0x0020).to_bytes(2, "big")
        suite = b"HPKE" + (0x0020).to_bytes(2, "big") + (1).to_bytes(2, "big") + \
            (3).to_bytes(2, "big")
        enc = _raw(ephemeral.public_key())
        dh = ephemeral.exchange(recipient)
        eae_prk = _labeled_extract(kem, b"", b"eae_prk", dh)
        shared = _labeled_expand(kem, eae_prk, b"shared_secret", enc + _raw(recipient), 32)
        context = (b"\x00" + _labeled_extract(suite, b"", b"psk_id_hash", b"")
                   + _labeled_extract(suite, b"", b"info_hash", info))
        secret = _labeled_extract(suite, shared, b"secret", b"")
        key = _labeled_expand(suite, secret, b"key", context, 32)
        nonce = _labeled_expand(suite, secret, b"base_nonce", context, 12)
        return enc + ChaCha20Poly1305(key).encrypt(nonce, plaintext, b"")
    return encrypt


def vector() -> tuple[bytes, X25519PrivateKey]:
    sender_sign = Ed25519PrivateKey.from_private_bytes(SENDER_SEED)
    recipient = X25519PrivateKey.from_private_bytes(RECIPIENT_SEED)
    sender = OfficeKeys(1, "01900000-0000-7000-8000-000000000001", sender_sign,
                        X25519PrivateKey.from_private_bytes(bytes([4]) * 32),
                        {"card": {}, "signature": "", "rotation_signature": None})
    records = [["01900000-0000-7000-8000-0000000000aa", 1, 7000000000000 << 16, "child",
                "01900000-0000-7000-8000-0000000000c1", "I",
                {"surname": "Әлиев", "first_name": "Нұрлан", "deleted": 0}, {}]]
    payload, raw = package.encode_records(records)
    manifest = exporter.build_manifest(
        schema="d6e33aad13c1", package_id="01900000-0000-7000-8000-0000000000f1",
        created="2026-01-01T00:00:00.000000+00:00", sender=sender,
        recipient_office="01900000-0000-7000-8000-000000000002",
        recipient_key=recipient.public_key(),
        ranges=[{"origin": records[0][0], "from": 1, "to": 1, "count": 1}],
        knowledge={records[0][0]: 1}, link_seq=1, previous_hash=None,
        payload=package.payload_fields(payload, raw, 1))
    data = package.seal(manifest, payload, sender_sign, recipient.public_key(),
                        encrypt=deterministic_hpke(
                            X25519PrivateKey.from_private_bytes(EPHEMERAL_SEED)))
    return data, recipient


def test_vector_is_reproducible_and_opens_with_the_library_hpke():
    data, recipient = vector()
    again, _ = vector()
    assert data == again
    opened = package.open_(data, recipient)  # the library's RFC 9180 decrypt
    package.verify_signature(opened, _raw(Ed25519PrivateKey.from_private_bytes(
        SENDER_SEED).public_key()))
    assert package.decode_records(opened)[0][6]["surname"] == "Әлиев"
    assert data[:15].hex() == "4b454e45530001" + hashlib.sha256(
        _raw(recipient.public_key())).digest()[:8].hex()
    documented = (Path(__file__).parents[2] / "docs" / "package-format.md").read_text("utf-8")
    assert hashlib.sha256(data).hexdigest() in documented
    assert str(len(data)) in documented
