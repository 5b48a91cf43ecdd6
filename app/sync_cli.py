"""`kenes office|peer|sync|conflicts`: exchange between offices from the command line.

Every command logs in (--user, password in KENES_PASSWORD or --password-stdin); commands
that use the office's private keys read the passphrase from KENES_PASSPHRASE.
The lead wires `add_parser` into app/cli.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import DB_HELP, EXIT_OK, open_as_user
from app.errors import StorageError, ValidationError
from app.i18n import N_, _

if TYPE_CHECKING:

    from app.db import Database
    from app.services.context import Actor


def add_parser(sub: argparse._SubParsersAction) -> None:
    office = sub.add_parser("office", help="this office's keys and card").add_subparsers(
        dest="office_cmd", required=True)
    p = _cmd(office, "init-keys", "create this office's keys (once)", _init_keys)
    p = _cmd(office, "card", "write this office's public card", _card)
    p.add_argument("--out", type=Path, required=True)
    _cmd(office, "rotate-keys", "new keys, announced by a card signed with the old ones",
         _rotate)

    peer = sub.add_parser("peer", help="other offices").add_subparsers(dest="peer_cmd",
                                                                      required=True)
    p = _cmd(peer, "add", "add an office from its card", _peer_add)
    p.add_argument("card", type=Path)
    p.add_argument("--trust", metavar="FINGERPRINT",
                   help="the fingerprint compared with the other office (trusts it)")
    _cmd(peer, "list", "offices known here", _peer_list)
    p = _cmd(peer, "revoke", "refuse every further package of an office", _peer_revoke)
    p.add_argument("office")

    sync = sub.add_parser("sync", help="exchange packages").add_subparsers(dest="sync_cmd",
                                                                          required=True)
    p = _cmd(sync, "export", "write a package for an office", _export)
    p.add_argument("--to", required=True, metavar="OFFICE")
    p.add_argument("--out", type=Path, required=True)
    p = _cmd(sync, "import", "import a package", _import)
    p.add_argument("file", type=Path)
    _cmd(sync, "status", "per office: last sent, received, acknowledged, pending", _status)

    conflicts = sub.add_parser("conflicts", help="the conflict inbox").add_subparsers(
        dest="conflicts_cmd", required=True)
    _cmd(conflicts, "list", "open conflicts", _conflicts_list)
    p = _cmd(conflicts, "resolve", "confirm or reverse the automatic choice", _resolve)
    p.add_argument("conflict")
    p.add_argument("--reverse", action="store_true", help="apply the other value instead")


def _cmd(sub: argparse._SubParsersAction, name: str, help_text: str,
         run: Callable) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH|URL", help=DB_HELP)
    p.add_argument("--user", required=True, help="your login")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (default: KENES_PASSWORD)")
    p.set_defaults(func=lambda args: _run(args, run))
    return p


def passphrase() -> str:
    value = os.environ.get("KENES_PASSPHRASE")
    if not value:
        raise ValidationError(N_("Give the office keys' passphrase in KENES_PASSPHRASE."))
    return value


def _run(args: argparse.Namespace, run: Callable) -> int:
    db, actor = open_as_user(args)
    try:
        return run(db, actor, args)
    finally:
        db.close()


def _require_admin(actor: Actor) -> None:
    from app.domain.roles import Role
    from app.errors import PermissionDenied

    if actor.role != Role.ADMIN:
        raise PermissionDenied()


def _require_exchange(actor: Actor) -> None:
    """Keys and offices: whoever exchanges packages (admin, chair, secretary), as on the
    Exchange screen (app/services/office_keys.py)."""
    from app.domain.roles import Permission
    from app.services.context import require

    require(actor, Permission.EXCHANGE)


def _init_keys(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import keys

    _require_exchange(actor)
    with db.session() as s:
        signed = keys.create_office_keys(s, passphrase())
    print(_("Keys created. Fingerprint: {fp}").format(fp=keys.card_fingerprint(signed["card"])))
    return EXIT_OK


def _card(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import canonical, keys

    with db.read_session() as s:
        signed = keys.active_card(s)
    from app.services.exchange_status import write_file

    write_file(args.out, canonical.dumps(signed))
    print(_("Written {path}. Fingerprint: {fp}").format(
        path=args.out, fp=keys.card_fingerprint(signed["card"])))
    return EXIT_OK


def _rotate(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import keys

    _require_exchange(actor)
    with db.session() as s:
        signed = keys.rotate(s, passphrase())
    print(_("New keys, card version {v}. Fingerprint: {fp}. Send the new card to the "
            "other offices.").format(v=signed["card"]["version"],
                                     fp=keys.card_fingerprint(signed["card"])))
    return EXIT_OK


def _peer_add(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import keys

    _require_exchange(actor)
    try:
        data = args.card.read_bytes()
    except OSError as exc:
        raise StorageError(N_("Cannot read {path}: {reason}."), path=str(args.card),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    with db.session() as s:
        info = keys.add_peer(s, keys.parse_card(data), trust=args.trust)
    print(f"{info.office_id}  {info.name}  {info.role}  {info.fingerprint}  "
          + (_("trusted") if info.trusted else _("NOT trusted: compare the fingerprint and "
                                                 "add again with --trust")))
    return EXIT_OK


def _peer_list(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import keys

    with db.read_session() as s:
        for p in keys.peers(s):
            state = (_("revoked") if p.revoked_at else _("trusted") if p.trusted
                     else _("not trusted"))
            print(f"{p.office_id}  {p.name}  {p.role}  v{p.card_version}  {p.fingerprint}  "
                  f"{state}")
    return EXIT_OK


def _peer_revoke(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import keys

    _require_exchange(actor)
    with db.session() as s:
        info = keys.revoke_peer(s, args.office)
    print(_("Office {office} revoked.").format(office=info.office_id))
    return EXIT_OK


def _export(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.services import exchange_status
    from app.sync import epoch

    with db.session() as s:
        records = exchange_status.export_to_file(s, actor, passphrase(), args.to, args.out)
    epoch.remember(db)
    print(_("Written {path}: {n} changes.").format(path=args.out, n=records))
    return EXIT_OK


def _import(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app import audit_anchor
    from app.services import exchange_status

    with db.session() as s:
        res = exchange_status.import_file(s, actor, passphrase(), args.file)
    print(_("Imported: {applied} changes applied, {skipped} already here, {conflicts} "
            "conflicts, {closed} for closed meetings.").format(
        applied=res.applied, skipped=res.skipped, conflicts=res.conflicts,
        closed=res.closed_meeting))
    for gap in res.gaps:
        print(_("Held back: changes of origin {origin} from {got}; {expected} is missing. "
                "The next package from that office will fill the gap.").format(**gap))
    if res.audit_backwards is not None:
        print(_(audit_anchor.BACKWARDS).format(**res.audit_backwards), file=sys.stderr)
    return EXIT_OK



def _status(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    for line in status_lines(db, actor):
        print(line)
    return EXIT_OK


def status_lines(db: Database, actor: Actor) -> list[str]:
    """What the Exchange screen shows of each office, as lines."""
    from app.services import exchange_status

    with db.read_session() as s:
        peers = exchange_status.peer_statuses(s, actor)
        inbox = exchange_status.open_conflicts(s, actor)
    lines = [_("{name} ({office}): sent {sent}, received {received}, acknowledged "
               "{acknowledged} changes, pending {pending}").format(
        name=p.name, office=p.office_id, sent=p.last_sent or "-",
        received=p.last_received or "-", acknowledged=p.acknowledged, pending=p.pending)
        for p in peers]
    lines.append(_("open conflicts: {count}").format(count=len(inbox)))
    return lines


def _conflicts_list(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.record_labels import field_label, table_label
    from app.sync import conflicts

    with db.read_session() as s:
        for c in conflicts.open_conflicts(s):
            print(f"{c.id}  {table_label(c.tbl)}: {field_label(c.tbl, c.field)} ({c.tbl}."
                  f"{c.field}) {c.row_id}  {c.reason}  applied={c.applied}  "
                  f"local={json.dumps(c.local_value, ensure_ascii=False)}  "
                  f"incoming={json.dumps(c.incoming_value, ensure_ascii=False)}")
    return EXIT_OK


def _resolve(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.sync import conflicts

    _require_admin(actor)
    with db.session() as s:
        info = conflicts.resolve(s, actor, args.conflict, args.reverse)
    print(_("Conflict {id}: {status}.").format(id=info.id, status=info.status))
    return EXIT_OK
