"""Import a `.kenes` package (SYSTEM.md "Import"), every check in order, in one transaction.

1. Header: known format, addressed to one of this office's keys.
2. Decrypt (the header is the HPKE info); the manifest repeats the header; the sender is a
   trusted, unrevoked peer (a rotated card signed by the known key is accepted on the
   way); the Ed25519 signature; recipient office and key; payload hash and size; schema
   version; package not imported before (re-import: `AlreadyImported`, a no-op) and not
   older than the last one received on this link (replay); no stamp more than a day
   ahead of the local clock.
3. Apply inside a savepoint with `sync_state.applying = 1` (the capture triggers stay
   quiet; the change-log rows are inserted with their own origin and seq): already held
   (origin, seq) are skipped, ranges that do not follow what is held are held back and
   reported; field by field, a base equal to the local stamp fast-forwards, anything
   else is a conflict whose deterministic winner (higher HLC, then origin id) is applied
   and whose loser goes to the conflict inbox; changes to a closed meeting's records
   go to the inbox instead. Then the scope check: every row written must be visible to
   this office and to the sender, or the whole package is refused.
4. Advance the local HLC; record knowledge, the package and an audit entry.

Any refusal raises `PackageRefused` before anything is written or rolls the savepoint
back, so the database is exactly as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import app.models as m
from app import audit_anchor
from app.domain.chunks import chunks
from app.domain.ids import new_id
from app.errors import ValidationError
from app.i18n import N_
from app.models.exchange import Conflict, PackageLog, Peer
from app.services import audit
from app.services.context import Actor
from app.sync import canonical, keys, package
from app.sync.errors import AlreadyImported, PackageRefused
from app.sync.exporter import held_vector, own_office, schema_version
from app.sync.scope import Scope

DAY_MS = 86_400_000
OPS = {"I", "U", "D"}
_SCALARS = {str, int, bool, type(None)}  # what a column holds; a list or object never
PROGRESS_EVERY = 2_000  # records between two progress calls
Progress = Callable[[int, int], None]
"""progress(done, total) as records are applied; raising (Cancelled) stops the import and
nothing of it stays."""


@dataclass
class ImportResult:
    package_id: str
    sender: str
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    closed_meeting: int = 0
    missing_rows: int = 0
    gaps: list[dict[str, Any]] = field(default_factory=list)
    audit_backwards: dict[str, Any] | None = None  # the sender's audit head went back

    def counts(self) -> dict[str, Any]:
        return {"applied": self.applied, "skipped": self.skipped, "conflicts": self.conflicts,
                "closed_meeting": self.closed_meeting, "missing_rows": self.missing_rows,
                "gaps": len(self.gaps)}


def _refuse(message: str, **params: object) -> PackageRefused:
    return PackageRefused(message, **params)


def import_package(s: Session, passphrase: str, data: bytes, *, actor: Actor,
                   now_ms: int | None = None, progress: Progress | None = None
                   ) -> ImportResult:
    """Check and apply one package in the caller's transaction; see the module doc."""
    # 1. header
    kid = package.read_header(data)
    if kid.hex() not in keys.own_enc_key_ids(s):
        raise _refuse(N_("This package is meant for another office (key {key_id}); it was "
                         "not imported."), key_id=kid.hex())
    # 2. decrypt and verify
    own = keys.unlock(s, passphrase, enc_key_id=kid)
    opened = package.open_(data, own.encryption)
    mf = opened.manifest
    sender, rotated = _trusted_sender(s, mf)
    sign_public = (bytes.fromhex(rotated["card"]["sign_public"]) if rotated
                   else sender.sign_public)
    package.verify_signature(opened, sign_public)
    _check_manifest(s, mf, kid, sign_public)
    records = package.decode_records(opened)
    package_id = mf["package_id"]
    if s.execute(text("SELECT 1 FROM package_log WHERE package_id = :p AND direction = 'in'"),
                 {"p": package_id}).first():
        raise AlreadyImported()
    last_link = s.execute(text(
        "SELECT max(link_seq) FROM package_log WHERE peer_office_id = :p AND direction = 'in'"),
        {"p": sender.office_id}).scalar() or 0
    if mf["link"]["seq"] <= last_link:
        raise _refuse(N_("This package from {office} is older than one already imported "
                         "from it (a replay); it was not imported."), office=sender.office_id)
    plan = _plan(s, mf, records)
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    limit = (now_ms + DAY_MS) << 16
    if any(r[2] > limit for r in records):
        ahead = max(r[2] for r in records) >> 16
        raise _refuse(N_("The package has changes stamped {date}, more than a day ahead of "
                         "this computer's clock. Check the date and time on the computer "
                         "that made it (or on this one); nothing was imported."),
                      date=dt.datetime.fromtimestamp(ahead / 1000, dt.UTC).isoformat(
                          timespec="minutes"))
    # 3. apply
    result = ImportResult(package_id, sender.office_id)
    result.gaps = plan.gaps
    try:
        with s.begin_nested():
            _apply_all(s, plan, result, package_id, sender, rotated, records, mf, data,
                       actor, progress)
    except IntegrityError:
        raise _refuse(N_("The package refers to records this office does not hold (its "
                         "changes depend on others that were not sent); nothing was "
                         "imported. Ask the sender to export again.")) from None
    return result


def _apply_all(s: Session, plan, result: ImportResult, package_id: str,  # type: ignore[no-untyped-def]
               sender, rotated, records, mf, data: bytes, actor: Actor,
               progress: Progress | None) -> None:
    """Step 3 and 4, in the savepoint: rows, clock, knowledge, log and audit."""
    if rotated:
        keys.update_from_rotation(s, sender, rotated)
    _apply(s, plan, result, package_id, sender, progress)
    # 4. clock, knowledge, log, audit
    top = max((r[2] for r in records), default=0)
    s.execute(text("UPDATE sync_state SET hlc = max(hlc, :h) WHERE id = 1"), {"h": top})
    office_id, _ = own_office(s)
    _raise_knowledge(s, office_id, plan.new_held)
    _raise_knowledge(s, sender.office_id, mf["knowledge"])
    s.add(PackageLog(package_id=package_id, direction="in", peer_office_id=sender.office_id,
                     link_seq=mf["link"]["seq"], created_at=mf["created"],
                     processed_at=keys.now_iso(), counts=json.dumps(result.counts()),
                     hash=hashlib.sha256(data).hexdigest()))
    audit.record(s, actor, "sync.import", "package", package_id, sender=sender.office_id,
                 **result.counts())
    database = s.info.get("database")
    if database is not None:
        result.audit_backwards = audit_anchor.receive_peer_head(
            database.path, sender.office_id, mf.get("audit_head"), package_id)
        if result.audit_backwards is not None:
            audit.record(s, actor, "sync.audit_head_backwards", "package", package_id,
                         **result.audit_backwards)
    s.flush()


def _trusted_sender(s: Session, mf: dict[str, Any]) -> tuple[Peer, dict[str, Any] | None]:
    """The sending peer, and its newer card if the package is signed by rotated keys."""
    try:
        sender_id = mf["sender"]["office_id"]
    except (KeyError, TypeError):
        raise _refuse(N_("The package's manifest is incomplete; it was not imported.")) from None
    peer = s.get(Peer, sender_id) if isinstance(sender_id, str) else None
    if peer is None or not peer.trusted:
        raise _refuse(N_("The package comes from office {office}, which is not trusted here. "
                         "Compare its fingerprint and add its card first; nothing was "
                         "imported."), office=str(sender_id))
    if peer.revoked_at:
        raise _refuse(N_("The package comes from office {office}, which was revoked on "
                         "{date}; it was not imported."), office=sender_id,
                      date=peer.revoked_at[:10])
    card = mf.get("sender_card")
    try:
        if card["card"]["sign_public"] != peer.sign_public.hex():
            keys.verify_card(card)
            if keys.accepts_rotation(peer, card):
                return peer, card
    except (KeyError, TypeError, ValidationError):
        pass
    return peer, None


def _raise_knowledge(s: Session, office_id: str, vector: dict[str, Any]) -> None:
    for origin, seq in vector.items():
        if not (isinstance(origin, str) and isinstance(seq, int)):
            raise _refuse(N_("The package's manifest is incomplete; it was not imported."))
        s.execute(text(
            "INSERT INTO knowledge (office_id, origin, seq) VALUES (:o, :g, :q) "
            "ON CONFLICT (office_id, origin) DO UPDATE SET seq = max(seq, excluded.seq)"),
            {"o": office_id, "g": origin, "q": seq})


def _check_manifest(s: Session, mf: dict[str, Any], kid: bytes, sign_public: bytes) -> None:
    office_id, _ = own_office(s)
    try:
        ok = (mf["format"] == package.FORMAT_VERSION
              and mf["recipient"]["office_id"] == office_id
              and mf["recipient"]["enc_key_id"] == kid.hex()
              and mf["sender"]["sign_key_id"] == keys.key_id(sign_public).hex())
        schema = mf["schema"]
        if not (isinstance(mf["package_id"], str) and isinstance(mf["link"]["seq"], int)
                and isinstance(mf["ranges"], list) and isinstance(mf["knowledge"], dict)):
            ok = False
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise _refuse(N_("The package is addressed to another office or its manifest does "
                         "not fit; it was not imported."))
    if schema != schema_version(s):
        from app import migrate

        if schema not in migrate.shipped_revisions():
            raise _refuse(N_("The package was made by a newer version of Kenes (database "
                             "version {version}); update Kenes to import it."), version=schema)


@dataclass
class _Plan:
    apply: list[list[Any]]
    new_held: dict[str, int]
    gaps: list[dict[str, Any]]
    skipped: int


def _plan(s: Session, mf: dict[str, Any], records: list[list[Any]]) -> _Plan:
    """Which records to apply: contiguous after what is held; the rest skipped or held."""
    held = held_vector(s)
    ranges: dict[str, tuple[int, int]] = {}
    for r in mf["ranges"]:
        try:
            origin, lo, hi = r["origin"], r["from"], r["to"]
            valid = isinstance(origin, str) and isinstance(lo, int) and isinstance(hi, int)
        except (KeyError, TypeError):
            valid = False
        if not valid or lo < 1 or hi < lo or origin in ranges:
            raise _refuse(N_("The package's manifest is incomplete; it was not imported."))
        ranges[origin] = (lo, hi)
    tables = set(m.synced_tables())
    plan = _Plan([], {}, [], 0)
    last: dict[str, int] = {}
    for rec in records:
        if not (isinstance(rec, list) and len(rec) == 8 and rec[0] in ranges
                and isinstance(rec[1], int) and isinstance(rec[2], int) and rec[3] in tables
                and isinstance(rec[4], str) and rec[5] in OPS and isinstance(rec[6], dict)
                and isinstance(rec[7], dict)
                and all(type(v) in _SCALARS for v in rec[6].values())):
            raise _refuse(N_("The package holds a change this version of Kenes cannot "
                             "read; it was not imported."))
        lo, hi = ranges[rec[0]]
        if not lo <= rec[1] <= hi or rec[1] <= last.get(rec[0], 0):
            raise _refuse(N_("The package's changes do not match its manifest; it was not "
                             "imported."))
        last[rec[0]] = rec[1]
    for origin, (lo, hi) in ranges.items():
        have = held.get(origin, 0)
        if lo > have + 1:
            plan.gaps.append({"origin": origin, "expected": have + 1, "got": lo})
        elif hi > have:
            plan.new_held[origin] = hi
    for rec in records:
        if rec[0] in plan.new_held and rec[1] > held.get(rec[0], 0):
            plan.apply.append(rec)
        else:
            plan.skipped += 1
    # HLC order respects causality across origins (and seq order within one).
    plan.apply.sort(key=lambda r: (r[2], r[0], r[1]))
    return plan


class _Columns:
    def __init__(self, s: Session) -> None:
        self.s = s
        self.cache: dict[str, set[str]] = {}

    def __call__(self, table: str) -> set[str]:
        """The table's columns a change may set (all but the id)."""
        if table not in self.cache:
            self.cache[table] = {r[1] for r in self.s.connection().exec_driver_sql(
                f'PRAGMA table_info("{table}")')} - {"id"}
        return self.cache[table]


_VIA_ITEM = {"recusal", "vote", "dissenting_opinion"}
_VIA_MEETING = {"agenda_item", "attendance", "invited_person", "decision", "amendment"}


def _closed_meeting(s: Session, table: str, row_id: str) -> bool:
    if table == "meeting":
        sql, key = "SELECT status FROM meeting WHERE id = :i", row_id
    elif table in _VIA_MEETING and table != "amendment":
        sql = (f'SELECT m.status FROM meeting m JOIN "{table}" x ON x.meeting_id = m.id '
               "WHERE x.id = :i")
        key = row_id
    elif table in _VIA_ITEM:
        sql = (f'SELECT m.status FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id '
               f'JOIN "{table}" x ON x.agenda_item_id = a.id WHERE x.id = :i')
        key = row_id
    else:
        return False
    return s.execute(text(sql), {"i": key}).scalar() == "closed"


class _Batch:
    """New rows inserted with executemany, table by table, and their change-log and
    sync_row rows: most of a large package is rows the receiver does not hold yet, and
    one statement per row would be most of the import's time. Anything else (updates,
    deletes, merges) flushes the batch first, so it sees every row before it."""

    def __init__(self, cur: Any) -> None:
        self.cur = cur
        self.rows: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
        self.log: list[tuple[Any, ...]] = []
        self.sync_rows: list[tuple[Any, ...]] = []

    def flush(self) -> None:
        if self.log:
            self.cur.executemany(
                "INSERT INTO change_log (origin, seq, hlc, tbl, row_id, op, data, base) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.log)
        for (tbl, names), rows in self.rows.items():
            quoted = ", ".join(f'"{n}"' for n in names)
            self.cur.executemany(f'INSERT INTO "{tbl}" ({quoted}) VALUES '
                                 f'({", ".join("?" * len(names))})', rows)
        if self.sync_rows:
            self.cur.executemany(
                "INSERT OR REPLACE INTO sync_row (tbl, row_id, origin, created_hlc, hlc, "
                "stamps) VALUES (?, ?, ?, ?, ?, '{}')", self.sync_rows)
        self.log, self.sync_rows = [], []
        self.rows.clear()


def _present(cur: Any, records: list[list[Any]]) -> dict[str, set[str]]:
    """{table: ids among the records' rows that this database holds now}."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        wanted[rec[3]].add(rec[4])
    held: dict[str, set[str]] = {}
    for tbl, ids in wanted.items():
        found: set[str] = set()
        for chunk in chunks(list(ids)):
            found.update(r[0] for r in cur.execute(
                f'SELECT id FROM "{tbl}" WHERE id IN ({", ".join("?" * len(chunk))})', chunk))
        held[tbl] = found
    return held


def _apply(s: Session, plan: _Plan, result: ImportResult, package_id: str,
           sender: Peer, progress: Progress | None = None) -> None:
    conn = s.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    s.execute(text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
    cur = conn.connection.driver_connection.cursor()  # the same transaction, no wrapping
    columns = _Columns(s)
    present = _present(cur, plan.apply)
    batch = _Batch(cur)
    touched: dict[str, set[str]] = defaultdict(set)
    result.skipped = plan.skipped
    total = len(plan.apply)
    for done, rec in enumerate(plan.apply):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        origin, seq, hlc, tbl, row_id, op, data, base = rec
        if not data.keys() <= columns(tbl):
            raise _refuse(N_("The package changes a field this version of Kenes does not "
                             "know ({table}); it was not imported."), table=tbl)
        batch.log.append((origin, seq, hlc, tbl, row_id, op, canonical.dumps_checked(data),
                          canonical.dumps_checked(base) if base else "{}"))  # new rows: {}
        held = present[tbl]
        if op == "I" and row_id not in held:
            batch.rows[(tbl, ("id", *data))].append((row_id, *data.values()))
            batch.sync_rows.append((tbl, row_id, origin, hlc, hlc))
            held.add(row_id)
            touched[tbl].add(row_id)
            result.applied += 1
            continue
        batch.flush()
        if op == "D":
            _delete(s, rec, result, package_id, row_id in held)
            held.discard(row_id)
        elif row_id not in held:  # an update of a row we never received (outside our scope)
            result.missing_rows += 1
        else:
            meta = conn.exec_driver_sql(
                "SELECT origin, created_hlc, hlc, stamps FROM sync_row WHERE tbl = ? AND "
                "row_id = ?", (tbl, row_id)).first()
            _merge(s, rec, meta, result, package_id, op == "I")
            touched[tbl].add(row_id)
    batch.flush()
    if progress is not None:
        progress(total, total)
    s.execute(text("UPDATE sync_state SET applying = 0 WHERE id = 1"))
    _check_scope(s, touched, sender)


def _delete(s: Session, rec: list[Any], result: ImportResult, package_id: str,
            exists: bool) -> None:
    conn = s.connection()
    _origin, _seq, hlc, tbl, row_id = rec[:5]
    if exists and _closed_meeting(s, tbl, row_id):
        _inbox(s, package_id, rec, "id", row_id, 0, "closed_meeting", "local")
        result.closed_meeting += 1
        return
    conn.exec_driver_sql(f'DELETE FROM "{tbl}" WHERE id = ?', (row_id,))
    conn.exec_driver_sql("UPDATE sync_row SET hlc = max(hlc, ?) WHERE tbl = ? AND "
                         "row_id = ?", (hlc, tbl, row_id))
    result.applied += 1


def _merge(s: Session, rec: list[Any], meta: Any, result: ImportResult, package_id: str,
           reinsert: bool) -> None:
    conn = s.connection()
    origin, _seq, hlc, tbl, row_id, _op, data, base = rec
    if not data:
        return
    names = list(data)
    local = conn.exec_driver_sql(
        f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{tbl}" WHERE id = ?',
        (row_id,)).first()
    created = meta[1] if meta else 0
    stamps = json.loads(meta[3]) if meta else {}
    closed = _closed_meeting(s, tbl, row_id)
    sets: dict[str, Any] = {}
    for name, value, current in zip(names, data.values(), local, strict=True):
        stamp = stamps.get(name, created)
        if closed:
            _inbox(s, package_id, rec, name, current, stamp, "closed_meeting", "local")
            result.closed_meeting += 1
        elif not reinsert and base.get(name) == stamp:
            sets[name], stamps[name] = value, hlc  # fast-forward
        elif current == value:
            stamps[name] = max(stamp, hlc)
        elif (hlc, origin) > (stamp, _stamp_origin(s, tbl, row_id, stamp, meta)):
            sets[name], stamps[name] = value, hlc
            _inbox(s, package_id, rec, name, current, stamp, "concurrent", "incoming")
            result.conflicts += 1
        else:
            _inbox(s, package_id, rec, name, current, stamp, "concurrent", "local")
            result.conflicts += 1
    if sets:
        assignments = ", ".join(f'"{n}" = ?' for n in sets)
        conn.exec_driver_sql(f'UPDATE "{tbl}" SET {assignments} WHERE id = ?',
                             (*sets.values(), row_id))
    if meta:
        conn.exec_driver_sql(
            "UPDATE sync_row SET hlc = max(hlc, ?), stamps = ? WHERE tbl = ? AND row_id = ?",
            (hlc, json.dumps(stamps, sort_keys=True), tbl, row_id))
    result.applied += 1


def _stamp_origin(s: Session, tbl: str, row_id: str, stamp: int, meta: Any) -> str:
    """The origin that wrote a stamp (only needed to break an HLC tie)."""
    if meta and stamp == meta[1]:
        return meta[0]
    found = s.execute(text("SELECT origin FROM change_log WHERE tbl = :t AND row_id = :r "
                           "AND hlc = :h ORDER BY origin LIMIT 1"),
                      {"t": tbl, "r": row_id, "h": stamp}).scalar()
    return found or ""


def _inbox(s: Session, package_id: str, rec: list[Any], name: str, local: Any,
           local_hlc: int, reason: str, applied: str) -> None:
    incoming = rec[6].get(name) if rec[5] != "D" else None
    s.add(Conflict(id=new_id(), package_id=package_id, tbl=rec[3], row_id=rec[4], field=name,
                   reason=reason, local_value=json.dumps(local, ensure_ascii=False),
                   incoming_value=json.dumps(incoming, ensure_ascii=False),
                   local_hlc=local_hlc, incoming_hlc=rec[2], incoming_origin=rec[0],
                   applied=applied, status="open", created_at=keys.now_iso()))


def _own_territory(s: Session) -> str:
    return keys.active_card(s)["card"]["territory_id"]


def _check_scope(s: Session, touched: dict[str, set[str]], sender: Peer) -> None:
    """Every row written must be visible to this office and be one the sender may hold."""
    mine, theirs = Scope(s, _own_territory(s)), Scope(s, sender.territory_id)
    for table, ids in touched.items():
        outside = ids - (mine.visible_ids(s, table, ids) & theirs.visible_ids(s, table, ids))
        if outside:
            raise _refuse(N_("The package carries {count} records ({table}) outside the "
                             "territory this office may see, such as another district's "
                             "children; it was refused and nothing was imported."),
                          count=len(outside), table=table)
