"""The `.kenes` package: bytes in and out (docs/package-format.md is the specification).

    header    = b"KENES\\x00" || version (1 byte, = 1) || recipient key id (8 bytes)
    file      = header || HPKE-Seal(recipient X25519 public key, info = header, aad = "",
                                    plaintext)      -- RFC 9180 base mode, single shot:
                                                       enc (32 bytes) || ciphertext
    plaintext = u32be(len M) || M || u32be(len S) || S || u32be(len P) || P
    M = manifest, canonical JSON;  S = Ed25519 signature of M (64 bytes);
    P = payload, zlib-compressed canonical JSON {"records": [[origin, seq, hlc, tbl,
        row_id, op, data, base], ...]}

Only the header is in clear. It is also the HPKE `info` (changing it makes decryption
fail) and is repeated in the manifest (`header`), compared after decryption.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.i18n import N_
from app.sync import canonical
from app.sync.errors import PackageRefused

MAGIC = b"KENES\x00"
FORMAT_VERSION = 1
HEADER_LEN = len(MAGIC) + 1 + 8
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
ENC_LEN = 32
# Hard limits, whatever a package declares (docs/package-format.md "Limits"): memory stays
# under 256 MB while a hostile package is refused. 128 MiB of change records is about
# 250,000 changes; a package file of 64 MiB is seven times the largest one measured.
MAX_FILE = 64 * 1024 ** 2
MAX_MANIFEST = 1024 ** 2
MAX_PAYLOAD = 128 * 1024 ** 2
INFLATE_STEP = 1024 ** 2

Encrypt = Callable[[bytes, X25519PublicKey, bytes], bytes]


def key_id(public_raw: bytes) -> bytes:
    return hashlib.sha256(public_raw).digest()[:8]


def header(recipient: X25519PublicKey) -> bytes:
    raw = recipient.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return MAGIC + bytes([FORMAT_VERSION]) + key_id(raw)


def hpke_encrypt(plaintext: bytes, recipient: X25519PublicKey, info: bytes) -> bytes:
    return SUITE.encrypt(plaintext, recipient, info=info)


def _lp(part: bytes) -> bytes:
    return struct.pack(">I", len(part)) + part


def encode_records(records: list[list[Any]]) -> tuple[bytes, int]:
    """(zlib payload, uncompressed size) of the change records. Their data and base
    come from `canonical.parse` (the exporter reads them so), which refused floats."""
    raw = canonical.dumps_checked({"records": records}).encode("utf-8")
    return zlib.compress(raw, 6), len(raw)


def payload_fields(payload: bytes, uncompressed: int, count: int) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload),
            "compression": "zlib", "uncompressed_size": uncompressed, "records": count}


def seal(manifest: dict[str, Any], payload: bytes, signing: Ed25519PrivateKey,
         recipient: X25519PublicKey, *, encrypt: Encrypt = hpke_encrypt) -> bytes:
    """The .kenes bytes. `manifest["header"]` must be the hex of `header(recipient)`."""
    head = header(recipient)
    if manifest.get("header") != head.hex():
        raise ValueError("the manifest must repeat the outer header")
    body = canonical.dumps(manifest)
    plaintext = _lp(body) + _lp(signing.sign(body)) + _lp(payload)
    return head + encrypt(plaintext, recipient, head)


# --- reading ---------------------------------------------------------------------------

def read_header(data: bytes) -> bytes:
    """The recipient key id, after checking magic, version and size."""
    if len(data) > MAX_FILE:
        raise PackageRefused(N_("This package is {size} MB, more than the {limit} MB Kenes "
                                "accepts; it was not imported."),
                             size=len(data) // 1024 ** 2, limit=MAX_FILE // 1024 ** 2)
    if len(data) < HEADER_LEN or not data.startswith(MAGIC):
        raise PackageRefused(N_("This file is not a Kenes exchange package."))
    if data[len(MAGIC)] != FORMAT_VERSION:
        raise PackageRefused(N_("This package has format version {version}, which this "
                                "version of Kenes cannot read; update Kenes."),
                             version=data[len(MAGIC)])
    return data[len(MAGIC) + 1:HEADER_LEN]


@dataclass(frozen=True)
class Opened:
    header: bytes
    manifest_bytes: bytes
    manifest: dict[str, Any]
    signature: bytes
    payload: bytes


_DAMAGED = N_("The package is damaged or was altered after it was made "
              "(it cannot be decrypted or its parts do not fit); it was not imported.")
_TOO_DEEP = {
    "manifest": N_("The package's manifest nests lists and objects more than {limit} levels "
                   "deep, which no Kenes package does; it was refused and nothing was "
                   "imported."),
    "changes": N_("The package's changes nest lists and objects more than Kenes can read; "
                  "it was refused and nothing was imported."),
}
_BAD_TEXT = {
    "manifest": N_("The package's manifest holds text that is not valid Unicode (a lone "
                   "surrogate or broken UTF-8); it was refused and nothing was imported."),
    "changes": N_("The package's changes hold text that is not valid Unicode (a lone "
                  "surrogate or broken UTF-8); it was refused and nothing was imported."),
}


def _unreadable(exc: canonical.NotCanonical, part: str) -> PackageRefused:
    """The refusal that names what is wrong with a part that is not canonical JSON."""
    if exc.reason == "depth":
        return PackageRefused(_TOO_DEEP[part], limit=canonical.MAX_DEPTH)
    if exc.reason == "text":
        return PackageRefused(_BAD_TEXT[part])
    return PackageRefused(_DAMAGED)


def _parts(plaintext: bytes) -> list[bytes]:
    parts, pos = [], 0
    for _ in range(3):
        if pos + 4 > len(plaintext):
            raise PackageRefused(_DAMAGED)
        (n,) = struct.unpack(">I", plaintext[pos:pos + 4])
        pos += 4
        if pos + n > len(plaintext):
            raise PackageRefused(_DAMAGED)
        parts.append(plaintext[pos:pos + n])
        pos += n
    if pos != len(plaintext):
        raise PackageRefused(_DAMAGED)
    return parts


def open_(data: bytes, recipient: X25519PrivateKey) -> Opened:
    """Decrypt and split; checks that the manifest repeats the outer header."""
    head = data[:HEADER_LEN]
    try:
        plaintext = SUITE.decrypt(data[HEADER_LEN:], recipient, info=head)
    except Exception:  # InvalidTag, or a malformed encapsulated key
        raise PackageRefused(_DAMAGED) from None
    body, signature, payload = _parts(plaintext)
    if len(body) > MAX_MANIFEST:
        raise PackageRefused(_DAMAGED)
    try:
        manifest = canonical.loads(body, max_depth=canonical.MAX_DEPTH)
        if not isinstance(manifest, dict):
            raise canonical.NotCanonical("not an object")
    except canonical.NotCanonical as exc:
        raise _unreadable(exc, "manifest") from None
    if manifest.get("header") != head.hex():
        raise PackageRefused(N_("The package's outer header does not match the one inside "
                                "it: the header was swapped; it was not imported."))
    return Opened(head, body, manifest, signature, payload)


def verify_signature(opened: Opened, sign_public: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(opened.signature,
                                                               opened.manifest_bytes)
    except (InvalidSignature, ValueError):
        raise PackageRefused(N_("The package's signature does not match the sending "
                                "office's key: it is forged or altered; it was not "
                                "imported.")) from None


def _inflate(payload: bytes, limit: int) -> bytes:
    """zlib-inflate step by step, refusing the moment the output passes `limit` (the
    declared size, itself capped): a small package that inflates to gigabytes (a
    "zip bomb") costs at most `limit` bytes of memory before it is refused. The steps are
    kept apart and joined only once complete: a growing buffer would be copied as it
    grows, and twice the limit would be held for a moment."""
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    size = 0
    pending = payload
    try:
        while True:
            piece = inflater.decompress(pending, INFLATE_STEP)
            pieces.append(piece)
            size += len(piece)
            if size > limit:
                raise PackageRefused(N_("The package's changes inflate to more than the "
                                        "size it declares (a compression bomb or damage); "
                                        "it was refused and nothing was imported."))
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not piece):
                break
    except zlib.error:
        raise PackageRefused(_DAMAGED) from None
    if size != limit or not inflater.eof or inflater.unused_data:
        raise PackageRefused(_DAMAGED)
    return b"".join(pieces)


def decode_records(opened: Opened) -> list[list[Any]]:
    """Check the payload against the manifest and return the change records."""
    info = opened.manifest.get("payload") or {}
    if (info.get("sha256") != hashlib.sha256(opened.payload).hexdigest()
            or info.get("size") != len(opened.payload)):
        raise PackageRefused(N_("The package's contents do not match its manifest "
                                "(hash or size); it was not imported."))
    if info.get("compression") != "zlib":
        raise PackageRefused(N_("The package uses an unknown compression {name}."),
                             name=str(info.get("compression")))
    limit = info.get("uncompressed_size")
    if not isinstance(limit, int) or limit <= 0:
        raise PackageRefused(_DAMAGED)
    if limit > MAX_PAYLOAD:
        raise PackageRefused(N_("The package declares {size} MB of changes, more than the "
                                "{limit} MB Kenes accepts in one package; it was not "
                                "imported."), size=limit // 1024 ** 2,
                             limit=MAX_PAYLOAD // 1024 ** 2)
    raw = _inflate(opened.payload, limit)
    try:
        records = canonical.loads(raw)["records"]
    except canonical.NotCanonical as exc:
        raise _unreadable(exc, "changes") from None
    except (KeyError, TypeError):
        raise PackageRefused(_DAMAGED) from None
    if not isinstance(records, list) or len(records) != info.get("records"):
        raise PackageRefused(_DAMAGED)
    return records
