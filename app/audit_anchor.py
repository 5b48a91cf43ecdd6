"""Anchors of the audit chain: its head (entry count and hash) written outside the file.

The audit log is hash-chained (app.services.audit), but a chain alone can be cut at the
end, emptied, or rewritten with every later hash recomputed, and it still verifies. So
at every meeting close, backup and package export, the head is written down where
editing the database does not reach it:

- in `kenes.db.anchors` beside the database (0600), MACed with a key derived from the
  database key (HMAC-SHA256, HKDF "kenes audit anchor") when the database is encrypted —
  whoever holds the file cannot forge one; a plain database's anchors carry no MAC;
- in every exchange package (the signed manifest's `audit_head`): the receiving office
  keeps each sender's latest head and flags one that goes backwards.

`kenes check` verifies that the newest anchor is a prefix of the chain, and names a
truncation or a rewrite. Limits (docs/encryption.md): someone who holds the key and the
files can rewrite the chain and its local anchors together; only heads that left the
machine (packages received by other offices, anchors kept with backups) still tell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.files import write_private
from app.i18n import N_

SUFFIX = ".anchors"
BACKWARDS = N_("Warning: the audit log of office {office} went back from {had} to {now} "
               "entries since an earlier package: it was cut or rewritten there. The "
               "package was imported; check with that office.")
KEEP = 200  # anchors kept in the file (the newest)


@dataclass(frozen=True, slots=True)
class Head:
    count: int  # entries in the chain (= the last seq)
    hash: str  # the last entry's hash ("0"*64 for an empty chain)

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "hash": self.hash}


def anchors_path(db_path: Path | str) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def head(conn: Any) -> Head:
    """The chain's head, read through a SQLAlchemy connection or session."""
    from sqlalchemy import text

    row = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    return Head(row[0], row[1]) if row else Head(0, "0" * 64)


def _mac_key(db_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"kenes audit anchor").derive(db_key)


def _mac(db_key: bytes, anchor: dict[str, Any]) -> str:
    body = json.dumps({k: anchor[k] for k in ("count", "hash", "at", "reason")},
                      sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_mac_key(db_key), body, hashlib.sha256).hexdigest()


def load(db_path: Path | str) -> dict[str, Any]:
    try:
        data = json.loads(anchors_path(db_path).read_text("utf-8"))
    except (OSError, ValueError):
        return {"anchors": [], "peers": {}}
    if not isinstance(data, dict):
        return {"anchors": [], "peers": {}}
    data.setdefault("anchors", [])
    data.setdefault("peers", {})
    return data


def _save(db_path: Path | str, data: dict[str, Any]) -> None:
    data["anchors"] = data["anchors"][-KEEP:]
    write_private(anchors_path(db_path), json.dumps(data, indent=1, sort_keys=True).encode())


def write(db: Any, reason: str) -> Head:
    """Write the committed chain's head down (`db` is app.db.Database)."""
    with db.engine.connect() as conn:
        now = head(conn)
    anchor: dict[str, Any] = {**now.as_dict(), "reason": reason,
                              "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    anchor["mac"] = _mac(db.key, anchor) if db.key is not None else None
    data = load(db.path)
    data["anchors"].append(anchor)
    _save(db.path, data)
    return now


def after_commit(s: Any, reason: str) -> None:
    """Anchor the head once this session's transaction has committed (a rolled-back
    transaction leaves no anchor naming entries that do not exist)."""
    s.info.setdefault("anchor_reasons", []).append(reason)


def problems(conn: Any, db_path: Path, db_key: bytes | None) -> list[str]:
    """What the anchors say about the chain: a forged anchor, a truncation, a rewrite."""
    from sqlalchemy import text

    found: list[str] = []
    valid = []
    for anchor in load(db_path)["anchors"]:
        try:
            ok = db_key is None or hmac.compare_digest(str(anchor.get("mac")),
                                                       _mac(db_key, anchor))
        except (KeyError, TypeError):
            ok = False
        if ok:
            valid.append(anchor)
        else:
            found.append(f"audit anchor of {anchor.get('at')} does not verify: it was "
                         "forged or belongs to another database")
    if not valid:
        return found
    newest = max(valid, key=lambda a: (a["count"], a["at"]))
    count = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    if newest["count"] == 0:
        return found
    row = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"),
                       {"s": newest["count"]}).first()
    if row is None or count < newest["count"]:
        found.append(f"audit log: truncated: the anchor of {newest['at']} "
                     f"({newest['reason']}) counts {newest['count']} entries, the log "
                     f"holds {count}")
    elif row[0] != newest["hash"]:
        found.append(f"audit log: entry #{newest['count']} differs from the anchor of "
                     f"{newest['at']} ({newest['reason']}): entries up to it were "
                     "rewritten")
    return found


def set_aside(db_path: Path, target: Path) -> None:
    """A restored database starts its anchors afresh; the old ones go with the saved
    database (they describe its chain)."""
    source = anchors_path(db_path)
    if source.exists():
        source.replace(anchors_path(target))


# -- heads received in packages ------------------------------------------------------

def receive_peer_head(db_path: Path, office_id: str, claimed: Any, package_id: str
                      ) -> dict[str, Any] | None:
    """Keep the sender's newest audit head; return what went backwards, if it did."""
    if not (isinstance(claimed, dict) and isinstance(claimed.get("count"), int)
            and isinstance(claimed.get("hash"), str)):
        return None
    data = load(db_path)
    known = data["peers"].get(office_id)
    backwards = None
    if known is not None and (claimed["count"] < known["count"] or (
            claimed["count"] == known["count"] and claimed["hash"] != known["hash"])):
        backwards = {"office": office_id, "had": known["count"], "now": claimed["count"],
                     "package": package_id}
    if known is None or claimed["count"] >= known["count"]:
        data["peers"][office_id] = {"count": claimed["count"], "hash": claimed["hash"],
                                    "package": package_id}
        _save(db_path, data)
    return backwards
