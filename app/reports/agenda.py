"""The agenda of a meeting, circulated before it: children appear only as initials."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from app.i18n import tr
from app.reports import labels as L
from app.reports.data import AgendaDoc, AgendaLine
from app.reports.layout import (
    Meta,
    commission_header,
    esc,
    grid,
    place_and_date,
    sign_off,
    styles,
    title_block,
    write_pdf,
)


def build_agenda(doc: AgendaDoc, lang: str, out: Path) -> Path:
    title = tr(lang, "Agenda of meeting No. {number}").format(number=doc.number)
    meta = Meta(title=title, author=doc.commission.name(lang), lang=lang,
                subject=tr(lang, "Agenda of the meeting of the commission"))
    return write_pdf(out, story(doc, lang), meta)


def _question(line: AgendaLine, lang: str) -> Paragraph:
    st = styles()
    text = esc(line.title)
    if line.kind in ("control", "organisational"):
        text = f"<b>{esc(L.label(lang, L.ITEM_KIND, line.kind))}:</b> {text}"
    if line.case_code:
        case = tr(lang, "Case No. {code}").format(code=line.case_code)
        minor = tr(lang, "minor")
        who = f", {minor} {line.child}" if line.child else ""
        text = f"<b>{esc(case)}</b>{esc(who)}: {text}"
    return Paragraph(text, st.cell)


def story(doc: AgendaDoc, lang: str) -> list[Flowable]:
    st = styles()
    kind = L.label(lang, L.MEETING_KIND, doc.kind)
    out: list[Flowable] = commission_header(doc.commission, lang)
    out += title_block(tr(lang, "AGENDA"),
                       tr(lang, "of meeting No. {number}").format(number=doc.number)
                       + f" ({kind})")
    when = L.date(doc.date) + (f", {L.time(doc.starts_at)}" if doc.starts_at else "")
    out.append(place_and_date(doc.place, when))
    if not doc.items:
        out.append(Paragraph(esc(tr(lang, "No questions are on the agenda yet.")), st.body))
    else:
        rows = [(line.position, _question(line, lang), line.reporter or "")
                for line in doc.items]
        out.append(grid([tr(lang, "No."), tr(lang, "Question"), tr(lang, "Reporter")], rows,
                        (0.08, 0.62, 0.30)))
    sign_off(out, [(tr(lang, "Chair of the commission"), doc.chair.name),
                   (tr(lang, "Secretary"), doc.secretary.name)])
    return out
