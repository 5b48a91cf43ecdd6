"""Export: everything a peer has not acknowledged and may see, as one `.kenes` file.

The peer's acknowledgement is its knowledge vector (the `knowledge` rows under its
office id), learnt from the packages it sent us. For every origin we hold, the package
carries the range (acknowledged + 1 .. held], filtered to the peer's scope; the range
itself is declared in full, so the peer also learns which changes were not for it.
A lost package is healed by the next one, which starts from the same acknowledgement.

The caller commits (the package_log row) and then calls `app.sync.epoch.remember`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import audit_anchor
from app.domain.ids import new_id
from app.errors import StateError
from app.i18n import N_
from app.models.exchange import PackageLog, Peer
from app.sync import canonical, package
from app.sync.keys import OfficeKeys, get_peer, now_iso
from app.sync.scope import Scope

RECORD_FIELDS = ("origin", "seq", "hlc", "tbl", "row_id", "op", "data", "base")


def own_office(s: Session) -> tuple[str, str]:
    """(office id, current origin)."""
    row = s.execute(text("SELECT office_id, origin FROM sync_state WHERE id = 1")).one()
    return row[0], row[1]


def held_vector(s: Session) -> dict[str, int]:
    """Highest contiguous seq held per origin: the change log (imports insert only
    contiguous runs), raised by declared ranges whose changes were not for us."""
    office_id, _origin = own_office(s)
    held = dict(s.execute(text(
        "SELECT origin, max(seq) FROM change_log GROUP BY origin")).all())
    for origin, seq in s.execute(text(
            "SELECT origin, seq FROM knowledge WHERE office_id = :o"), {"o": office_id}):
        held[origin] = max(seq, held.get(origin, 0))
    return held


def acknowledged(s: Session, office_id: str) -> dict[str, int]:
    return dict(s.execute(text("SELECT origin, seq FROM knowledge WHERE office_id = :o"),
                          {"o": office_id}).all())


def schema_version(s: Session) -> str:
    return s.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


def link_state(s: Session, peer_id: str, direction: str) -> tuple[int, str | None]:
    """(last link seq, hash of that package) on the link with `peer_id`."""
    row = s.execute(text(
        "SELECT link_seq, hash FROM package_log WHERE peer_office_id = :p AND direction = :d "
        "ORDER BY link_seq DESC LIMIT 1"), {"p": peer_id, "d": direction}).first()
    return (row[0], row[1]) if row else (0, None)


@dataclass(frozen=True)
class Export:
    data: bytes
    package_id: str
    records: int
    ranges: list[dict[str, Any]]


def pending(s: Session, peer: Peer) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """(ranges, records) not yet acknowledged by `peer`, limited to its scope."""
    held, acked = held_vector(s), acknowledged(s, peer.office_id)
    scope = Scope(s, peer.territory_id)
    ranges, records = [], []
    for origin in sorted(held):
        lo, hi = acked.get(origin, 0) + 1, held[origin]
        if hi < lo:
            continue
        rows = s.execute(text(
            "SELECT origin, seq, hlc, tbl, row_id, op, data, base FROM change_log "
            "WHERE origin = :o AND seq BETWEEN :lo AND :hi ORDER BY seq"),
            {"o": origin, "lo": lo, "hi": hi}).all()
        by_table: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            by_table[r.tbl].add(r.row_id)
        visible = {t: scope.visible_ids(s, t, ids) for t, ids in by_table.items()}
        kept = [[r.origin, r.seq, r.hlc, r.tbl, r.row_id, r.op, canonical.parse(r.data),
                 canonical.parse(r.base)] for r in rows if r.row_id in visible[r.tbl]]
        ranges.append({"origin": origin, "from": lo, "to": hi, "count": len(kept)})
        records.extend(kept)
    return ranges, records


def build_manifest(*, schema: str, package_id: str, created: str, sender: OfficeKeys,
                   recipient_office: str, recipient_key: X25519PublicKey,
                   ranges: list[dict[str, Any]], knowledge: dict[str, int], link_seq: int,
                   previous_hash: str | None, payload: dict[str, Any]) -> dict[str, Any]:
    """Every field of SYNC.md "Package" (see docs/package-format.md)."""
    head = package.header(recipient_key)
    return {
        "format": package.FORMAT_VERSION,
        "schema": schema,
        "package_id": package_id,
        "created": created,
        "sender": {"office_id": sender.office_id, "sign_key_id": sender.sign_key_id.hex(),
                   "card_version": sender.version},
        "sender_card": sender.signed_card,
        "recipient": {"office_id": recipient_office, "enc_key_id": head[-8:].hex()},
        "header": head.hex(),
        "ranges": ranges,
        "knowledge": knowledge,
        "link": {"seq": link_seq, "previous_hash": previous_hash},
        "payload": payload,
    }


def export(s: Session, keys: OfficeKeys, peer_office_id: str, *,
           progress: Callable[[int, int], None] | None = None) -> Export:
    """The package of everything `peer_office_id` has not acknowledged. `progress(done,
    of)` is told after each step (read, encode, seal); raising there stops the export
    with nothing written."""
    step = progress or (lambda _done, _of: None)
    peer = get_peer(s, peer_office_id)
    if not peer.trusted:
        raise StateError(N_("Office {office} is not trusted yet: compare its fingerprint "
                            "and add it with --trust first."), office=peer_office_id)
    if peer.revoked_at:
        raise StateError(N_("Office {office} is revoked; nothing is sent to it."),
                         office=peer_office_id)
    step(0, 3)
    ranges, records = pending(s, peer)
    step(1, 3)
    payload, raw_size = package.encode_records(records)
    if raw_size > package.MAX_PAYLOAD:
        raise StateError(N_("The {count} changes waiting for office {office} are more than "
                            "one package may carry ({limit} MB); nothing was written."),
                         count=len(records), office=peer_office_id,
                         limit=package.MAX_PAYLOAD // 1024 ** 2)
    step(2, 3)
    link_seq, previous = link_state(s, peer.office_id, "out")
    recipient_key = X25519PublicKey.from_public_bytes(peer.enc_public)
    package_id, created = new_id(), now_iso()
    manifest = build_manifest(
        schema=schema_version(s), package_id=package_id, created=created, sender=keys,
        recipient_office=peer.office_id, recipient_key=recipient_key, ranges=ranges,
        knowledge=held_vector(s), link_seq=link_seq + 1, previous_hash=previous,
        payload=package.payload_fields(payload, raw_size, len(records)))
    # The audit chain's head travels signed: the recipient keeps the newest it saw from
    # us and flags one that goes backwards (app/audit_anchor.py).
    manifest["audit_head"] = audit_anchor.head(s).as_dict()
    audit_anchor.after_commit(s, "package_export")
    data = package.seal(manifest, payload, keys.signing, recipient_key)
    step(3, 3)
    s.add(PackageLog(package_id=package_id, direction="out", peer_office_id=peer.office_id,
                     link_seq=link_seq + 1, created_at=created, processed_at=created,
                     counts=json.dumps({"records": len(records)}),
                     hash=hashlib.sha256(data).hexdigest()))
    s.flush()
    return Export(data, package_id, len(records), ranges)
