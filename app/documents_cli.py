"""`kenes protocol|resolution|agenda|invitations|letters|extract`: documents from the
command line, through the same services and builders as the desktop app.

Each command logs in (--user, password in KENES_PASSWORD or --password-stdin), reads the
data in one transaction (which also records the access in the audit log), then writes the
file atomically.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import DB_HELP, EXIT_OK, open_as_user
from app.errors import StorageError
from app.i18n import N_, _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.context import Actor

DOC_LANGS = ("ru", "kk")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "protocol", "the protocol of a meeting", _protocol)
    _meeting(p)
    p.add_argument("--redacted", action="store_true",
                   help="children and relatives only as initials, no IIN (wider circulation)")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")

    p = _command(sub, "resolution", "the resolution on a decided child's case", _resolution)
    _meeting(p)
    p.add_argument("--item", type=int, required=True, help="the item's number on the agenda")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")

    p = _command(sub, "agenda", "the agenda of a meeting", _agenda)
    _meeting(p)
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")

    p = _command(sub, "invitations", "invitations to the legal representatives (one PDF)",
                 _invitations)
    _meeting(p)
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")

    p = _command(sub, "letters", "letters to the responsible bodies (one PDF per body)",
                 _letters)
    _meeting(p)
    p.add_argument("--out", type=Path, required=True, help="folder to write the letters into")

    p = _command(sub, "extract", "the history of a child: cases, decisions, measures",
                 _extract)
    p.add_argument("--child", required=True, help="the child's id")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")


def _command(sub: argparse._SubParsersAction, name: str, help_text: str,
             build: Callable) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=f"Write {help_text}.")
    # SUPPRESS: `kenes --db X protocol ...` keeps X (see app.cli._db_arg).
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH|URL", help=DB_HELP)
    p.add_argument("--user", required=True, help="your login")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (default: KENES_PASSWORD)")
    # Its own dest: the global --lang chooses the language of messages, not documents.
    p.add_argument("--lang", dest="doc_lang", choices=DOC_LANGS, required=True,
                   help="language of the document")
    p.set_defaults(func=lambda args: _run(args, build))
    return p


def _meeting(p: argparse.ArgumentParser) -> None:
    p.add_argument("--meeting", required=True, help="meeting number, e.g. 12/2026")


def _run(args: argparse.Namespace, build: Callable) -> int:
    db, actor = open_as_user(args)
    try:
        with db.session() as s:
            make = build(s, actor, args)
    finally:
        db.close()
    try:
        written = make()
    except OSError as exc:
        raise StorageError(N_("Cannot write {path}: {reason}."), path=str(args.out),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    print(_("Written {path}.").format(path=written))
    return EXIT_OK


# Each builder reads in the transaction and returns what writes the file after it: the
# database is not held open while the PDF is laid out.

def _meeting_id(s: Session, actor: Actor, args: argparse.Namespace) -> str:
    from app.services import documents, meetings

    return meetings.find_meeting(s, documents.commission_for(s, actor), args.meeting).id


def _protocol(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.protocol import build_protocol
    from app.services import documents

    doc = documents.protocol_data(s, actor, _meeting_id(s, actor, args), args.doc_lang,
                                  redacted=args.redacted)
    return lambda: build_protocol(doc, args.doc_lang, args.out)


def _resolution(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.resolution import build_resolution
    from app.services import documents

    doc = documents.resolution_data(s, actor, _meeting_id(s, actor, args), args.item,
                                    args.doc_lang)
    return lambda: build_resolution(doc, args.doc_lang, args.out)


def _agenda(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.agenda import build_agenda
    from app.services import documents

    doc = documents.agenda_data(s, actor, _meeting_id(s, actor, args), args.doc_lang)
    return lambda: build_agenda(doc, args.doc_lang, args.out)


def _invitations(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.invitation import build_invitations
    from app.services import documents

    doc = documents.invitations_data(s, actor, _meeting_id(s, actor, args), args.doc_lang)
    return lambda: build_invitations(doc, args.doc_lang, args.out)


def _letters(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.letters import build_letters
    from app.services import documents

    doc = documents.letters_data(s, actor, _meeting_id(s, actor, args), args.doc_lang)
    return lambda: build_letters(doc, args.doc_lang, args.out)


def _extract(s: Session, actor: Actor, args: argparse.Namespace) -> Callable[[], Path]:
    from app.reports.extract import build_extract
    from app.services import documents

    doc = documents.extract_data(s, actor, args.child, args.doc_lang)
    return lambda: build_extract(doc, args.doc_lang, args.out)
