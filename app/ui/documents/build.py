"""Which documents the app builds, and how: the same service and builder calls as the
command line (app/documents_cli.py), split in two steps so the database is not held
while a PDF is laid out:

1. `read_data(s, actor, request)` reads the data in one transaction (the documents
   service checks VIEW and writes the audit entry);
2. `write_files(data, request, folder)` lays the PDF(s) out into `folder`, no Session.

No widgets here; the chooser runs both steps off the GUI thread through the op runner.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import StateError
from app.i18n import N_

DOC_LANGUAGES = ("ru", "kk")
LANGUAGE_TITLES = {"ru": N_("Russian language"), "kk": N_("Kazakh language")}


class DocKind(enum.StrEnum):
    PROTOCOL = "protocol"
    REDACTED = "redacted_protocol"
    RESOLUTION = "resolution"
    AGENDA = "agenda"
    INVITATIONS = "invitations"
    LETTERS = "letters"
    EXTRACT = "extract"


TITLES = {
    DocKind.PROTOCOL: N_("Protocol of the meeting"),
    DocKind.REDACTED: N_("Protocol, redacted copy (initials, no IIN)"),
    DocKind.RESOLUTION: N_("Resolution on an item"),
    DocKind.AGENDA: N_("Agenda"),
    DocKind.INVITATIONS: N_("Invitations to the legal representatives"),
    DocKind.LETTERS: N_("Letters to the responsible bodies"),
    DocKind.EXTRACT: N_("Child's history extract"),
}
MEETING_KINDS = (DocKind.PROTOCOL, DocKind.REDACTED, DocKind.RESOLUTION, DocKind.AGENDA,
                 DocKind.INVITATIONS, DocKind.LETTERS)
# What a meeting's outcome makes: issued once the meeting is closed (the decisions are
# final then; later corrections are numbered amendments, which these documents show).
AFTER_CLOSING = frozenset({DocKind.PROTOCOL, DocKind.REDACTED, DocKind.RESOLUTION,
                           DocKind.LETTERS})


def default_language(ui_language: str) -> str:
    """A document's language unless the user picks another: the UI's if it is one the
    documents are written in, else Russian."""
    return ui_language if ui_language in DOC_LANGUAGES else "ru"


@dataclass(frozen=True, slots=True)
class Request:
    kind: DocKind
    lang: str
    meeting_id: str | None = None
    item: int | None = None  # the agenda position, for a resolution
    child_id: str | None = None


@dataclass(frozen=True, slots=True)
class Built:
    """One PDF built: its file, and what tells it apart from its siblings (the body a
    letter goes to); `label` is None for a single document."""

    path: Path
    label: str | None = None


def read_data(s: Any, actor: Any, req: Request) -> Any:
    """The document's data, read (and the access audited) in the caller's transaction."""
    from app.services import documents

    if req.kind is DocKind.EXTRACT:
        return documents.extract_data(s, actor, _need(req.child_id), req.lang)
    meeting_id = _need(req.meeting_id)
    if req.kind in (DocKind.PROTOCOL, DocKind.REDACTED):
        return documents.protocol_data(s, actor, meeting_id, req.lang,
                                       redacted=req.kind is DocKind.REDACTED)
    if req.kind is DocKind.RESOLUTION:
        return documents.resolution_data(s, actor, meeting_id, int(_need(req.item)),
                                         req.lang)
    if req.kind is DocKind.AGENDA:
        return documents.agenda_data(s, actor, meeting_id, req.lang)
    if req.kind is DocKind.INVITATIONS:
        return documents.invitations_data(s, actor, meeting_id, req.lang)
    return documents.letters_data(s, actor, meeting_id, req.lang)


def write_files(data: Any, req: Request, folder: Path) -> tuple[Built, ...]:
    """Lay the document(s) out into `folder` with the same builders as the CLI."""
    folder = Path(folder)
    lang = req.lang
    if req.kind is DocKind.LETTERS:
        from app.reports.letters import build_letter, file_name

        if not data.letters:
            raise StateError(N_("No measures were assigned to responsible bodies at this "
                                "meeting: there are no letters to write."))
        return tuple(Built(build_letter(data, letter, lang, folder / file_name(n, letter.body)),
                           letter.body)
                     for n, letter in enumerate(data.letters, 1))
    out = folder / f"{req.kind.value}-{lang}.pdf"
    if req.kind in (DocKind.PROTOCOL, DocKind.REDACTED):
        from app.reports.protocol import build_protocol

        # The data of a redacted request is already redacted by the service.
        return (Built(build_protocol(data, lang, out)),)
    if req.kind is DocKind.RESOLUTION:
        from app.reports.resolution import build_resolution

        return (Built(build_resolution(data, lang, out)),)
    if req.kind is DocKind.AGENDA:
        from app.reports.agenda import build_agenda

        return (Built(build_agenda(data, lang, out)),)
    if req.kind is DocKind.INVITATIONS:
        from app.reports.invitation import build_invitations

        return (Built(build_invitations(data, lang, out)),)
    from app.reports.extract import build_extract

    return (Built(build_extract(data, lang, out)),)


def _need(value: Any) -> Any:
    if value is None:
        raise ValueError("the request lacks what its document needs")
    return value
