"""What the exchange screen shows: peers with their link state, the conflict inbox and
the history of imported packages (read-only)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.roles import Permission, Role
from app.errors import PermissionDenied, StorageError
from app.files import write_private
from app.i18n import N_
from app.models.exchange import Peer
from app.services import audit
from app.services.context import Actor, require
from app.sync import conflicts, exporter, importer, keys
from app.sync.importer import ImportResult, Progress


@dataclass(frozen=True)
class PeerStatus:
    office_id: str
    name: str
    role: str
    fingerprint: str
    trusted: bool
    revoked: bool
    last_sent: str | None
    last_received: str | None
    acknowledged: int  # changes the peer confirmed holding (sum over origins)
    pending: int  # changes waiting to be sent (0 for an untrusted or revoked peer)


@dataclass(frozen=True)
class ImportRow:
    package_id: str
    processed_at: str
    peer_office_id: str
    peer_name: str
    applied: int
    skipped: int
    conflicts: int


def _last(s: Session, peer: str, direction: str) -> str | None:
    return s.execute(text(
        "SELECT processed_at FROM package_log WHERE peer_office_id = :p AND direction = :d "
        "ORDER BY link_seq DESC LIMIT 1"), {"p": peer, "d": direction}).scalar()


def peer_statuses(s: Session, actor: Actor) -> list[PeerStatus]:
    require(actor, Permission.VIEW)
    out = []
    for p in keys.peers(s):
        revoked = p.revoked_at is not None
        pending = (0 if revoked or not p.trusted
                   else len(exporter.pending(s, s.get(Peer, p.office_id))[1]))
        out.append(PeerStatus(
            p.office_id, p.name, p.role, p.fingerprint, p.trusted, revoked,
            _last(s, p.office_id, "out"), _last(s, p.office_id, "in"),
            sum(exporter.acknowledged(s, p.office_id).values()), pending))
    return out


def open_conflicts(s: Session, actor: Actor) -> list[conflicts.ConflictInfo]:
    require(actor, Permission.VIEW)
    return conflicts.open_conflicts(s)


def import_history(s: Session, actor: Actor, limit: int = 200) -> list[ImportRow]:
    require(actor, Permission.VIEW)
    names = {p.office_id: p.name for p in keys.peers(s)}
    rows = s.execute(text(
        "SELECT package_id, processed_at, peer_office_id, counts FROM package_log "
        "WHERE direction = 'in' ORDER BY processed_at DESC LIMIT :n"), {"n": limit}).all()
    out = []
    for r in rows:
        counts = json.loads(r.counts or "{}")
        out.append(ImportRow(r.package_id, r.processed_at, r.peer_office_id,
                             names.get(r.peer_office_id, r.peer_office_id),
                             int(counts.get("applied", 0)), int(counts.get("skipped", 0)),
                             int(counts.get("conflicts", 0))))
    return out


# --- actions of the exchange screen (the same steps as `kenes sync export|import`) ------

def write_file(path: Path, data: bytes) -> None:
    """Write through a .part file and rename: never half a package under its name."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise StorageError(N_("Cannot write {path}: {reason}."), path=str(path),
                           reason=exc.strerror or exc.__class__.__name__) from exc


def export_to_file(s: Session, actor: Actor, passphrase: str, peer_office_id: str,
                   path: Path, progress: Progress | None = None) -> int:
    """Write the package for `peer_office_id` to `path`; the number of changes in it.
    The caller then calls `app.sync.epoch.remember` (after the commit)."""
    require(actor, Permission.EXCHANGE)
    out = exporter.export(s, keys.unlock(s, passphrase), peer_office_id, progress=progress)
    audit.record(s, actor, "sync.export", "package", out.package_id, to=peer_office_id,
                 records=out.records)
    write_file(path, out.data)  # inside the transaction: no log row without a file
    return out.records


def import_file(s: Session, actor: Actor, passphrase: str, path: Path,
                progress: Progress | None = None) -> ImportResult:
    require(actor, Permission.EXCHANGE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorageError(N_("Cannot read {path}: {reason}."), path=str(path),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    return importer.import_package(s, passphrase, data, actor=actor, progress=progress)


def resolve_conflict(s: Session, actor: Actor, conflict_id: str,
                     reverse: bool) -> conflicts.ConflictInfo:
    if actor.role != Role.ADMIN:
        raise PermissionDenied()
    return conflicts.resolve(s, actor, conflict_id, reverse)
