"""The append-only, hash-chained audit log.

Each entry's hash is SHA-256 over the previous entry's hash and this entry's
canonical JSON, so changing or removing any entry breaks every hash after it,
and `verify` names the first entry that no longer matches.
Details hold ids, codes and counts only — never names, IINs or free text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.services.context import Actor

GENESIS = "0" * 64


def _canonical(seq: int, at: str, user_id: str | None, action: str, entity: str | None,
               entity_id: str | None, details: str) -> bytes:
    body = {"seq": seq, "at": at, "user_id": user_id, "action": action, "entity": entity,
            "entity_id": entity_id, "details": details}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(prev_hash: str, seq: int, at: str, user_id: str | None, action: str,
               entity: str | None, entity_id: str | None, details: str) -> str:
    payload = prev_hash.encode() + b"\n" + _canonical(
        seq, at, user_id, action, entity, entity_id, details)
    return hashlib.sha256(payload).hexdigest()


def record(s: Session, actor: Actor, action: str, entity: str | None = None,
           entity_id: str | None = None, **details: object) -> None:
    """Append one entry, in the caller's transaction."""
    last = s.execute(select(AuditEntry.seq, AuditEntry.hash)
                     .order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    body = json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    s.add(AuditEntry(seq=seq, at=at, user_id=actor.user_id, action=action, entity=entity,
                     entity_id=entity_id, details=body, prev_hash=prev,
                     hash=entry_hash(prev, seq, at, actor.user_id, action, entity, entity_id,
                                     body)))
    s.flush()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    action: str
    at: str
    problem: str

    def __str__(self) -> str:
        return f"audit entry #{self.seq} ({self.action} at {self.at}): {self.problem}"


def verify(s: Session) -> list[ChainProblem]:
    """Walk the chain; report the first break (later hashes follow from it)."""
    prev, expected_seq = GENESIS, 1
    rows = s.execute(text(
        "SELECT seq, at, user_id, action, entity, entity_id, details, prev_hash, hash "
        "FROM audit_log ORDER BY seq"))
    for seq, at, user_id, action, entity, entity_id, details, prev_hash, digest in rows:
        if seq != expected_seq:
            return [ChainProblem(seq, action, at,
                                 f"entries #{expected_seq}..#{seq - 1} are missing")]
        if prev_hash != prev:
            return [ChainProblem(seq, action, at, "does not follow the previous entry")]
        if entry_hash(prev, seq, at, user_id, action, entity, entity_id, details) != digest:
            return [ChainProblem(seq, action, at, "was changed after it was written")]
        prev, expected_seq = digest, seq + 1
    return []
