"""The resolution on a child (DOMAIN.md "The resolution"): one per decision."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.i18n import tr
from app.reports import labels as L
from app.reports.data import ResolutionDoc
from app.reports.layout import (
    Meta,
    bold,
    commission_header,
    esc,
    labelled,
    para,
    place_and_date,
    sign_off,
    styles,
    title_block,
    write_pdf,
)
from app.reports.protocol import measures_table

COPIES_WITHIN_DAYS = 3


def build_resolution(doc: ResolutionDoc, lang: str, out: Path) -> Path:
    title = tr(lang, "Resolution No. {number}").format(number=doc.number)
    meta = Meta(title=title, author=doc.commission.name(lang), lang=lang,
                subject=tr(lang, "Resolution of the commission on a minor"))
    return write_pdf(out, story(doc, lang), meta)


def _child_line(doc: ResolutionDoc, lang: str) -> str:
    c = doc.child
    parts = [c.name]
    if c.birth_date:
        parts.append(tr(lang, "date of birth {date}").format(date=L.date(c.birth_date)))
    if c.iin:
        parts.append(tr(lang, "IIN {iin}").format(iin=c.iin))
    if c.address:
        parts.append(tr(lang, "address: {address}").format(address=c.address))
    if c.school:
        parts.append(tr(lang, "studies at: {school}").format(school=c.school))
    return "; ".join(parts)


def story(doc: ResolutionDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = commission_header(doc.commission, lang)
    out += title_block(tr(lang, "RESOLUTION No. {number}").format(number=doc.number),
                       tr(lang, "adopted at meeting No. {number}").format(
                           number=doc.meeting_number))
    when = L.date(doc.date) + (f", {L.time(doc.starts_at)}" if doc.starts_at else "")
    out.append(place_and_date(doc.place, when))
    out.append(labelled(tr(lang, "Presiding:"), doc.presiding.name))
    out.append(labelled(tr(lang, "Secretary:"), doc.secretary.name))
    out.append(labelled(tr(lang, "Members of the commission present:"),
                        ", ".join(p.name for p in doc.present)))
    if doc.absent:
        absent = ", ".join(f"{a.name} ({L.label(lang, L.ABSENCE, a.reason)})"
                           for a in doc.absent)
        out.append(labelled(tr(lang, "Members of the commission absent:"), absent))
    others = [f"{p.name} — {L.label(lang, L.INVITEE_ROLE, p.role)}"
              + (f", {p.organisation}" if p.organisation else "") for p in doc.others_present]
    out.append(labelled(tr(lang, "Also present:"), "; ".join(others) if others
                        else tr(lang, "no one")))
    question = doc.question
    if doc.case_code:
        question = tr(lang, "Case No. {code}").format(code=doc.case_code) + f": {question}"
    out.append(labelled(tr(lang, "Question considered:"), question))
    out.append(labelled(tr(lang, "Minor:"), _child_line(doc, lang)))
    out.append(Paragraph(esc(tr(lang, "THE COMMISSION ESTABLISHED:")), st.heading))
    out.append(para(doc.circumstances or doc.heard or "—", st.text))
    out.append(labelled(tr(lang, "Violations of the child's rights found:"),
                        doc.rights_violations or tr(lang, "none found")))
    out.append(labelled(tr(lang, "Causes and conditions that contributed to them:"),
                        doc.causes or tr(lang, "not established")))
    out.append(Paragraph(esc(tr(lang, "Having considered the materials and heard those "
                                      "present, the commission RESOLVED:")), st.heading))
    out.append(para(doc.decision, st.text))
    if doc.measures:
        out.append(Paragraph(esc(tr(lang, "Measures to be taken by the responsible bodies:")),
                             st.heading))
        out.append(measures_table(doc.measures, lang))
    vote = tr(lang, "for — {for_}, against — {against}, abstained — {abstained}.").format(
        for_=doc.votes_for, against=doc.votes_against, abstained=doc.abstained)
    out.append(labelled(tr(lang, "VOTED:"), vote))
    if not doc.adopted:
        out.append(bold(tr(lang, "The decision is not adopted.")))
    out.append(labelled(tr(lang, "Appeal:"), tr(
        lang, "This resolution may be appealed to a higher commission or to a court within "
              "{days} days of the day a copy of it is received.").format(days=doc.appeal_days)))
    # The list of copies is compact and goes with the signatures, never alone on a page.
    copies = "; ".join(f"{n}) {who}" for n, who in enumerate(doc.copies_to, 1)) or "—"
    copies_note = labelled(tr(lang, "Copies are delivered within {days} days to:").format(
        days=COPIES_WITHIN_DAYS), copies, st.note)
    sign_off(out, [(tr(lang, "Presiding member"), doc.presiding.name),
                   (tr(lang, "Secretary"), doc.secretary.name)],
             after=[Spacer(1, 4 * mm), copies_note])
    return out
