"""Invitations to the minors' legal representatives: one PDF, one letter per person."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from app.i18n import N_, tr
from app.reports import labels as L
from app.reports.data import InvitationDoc, InvitationsDoc
from app.reports.layout import (
    Meta,
    commission_header,
    esc,
    grid,
    para,
    sign_off,
    styles,
    title_block,
    write_pdf,
)

TO_BRING = (
    N_("an identity document"),
    N_("the child's birth certificate or identity document"),
    N_("a reference on the child from the school or college"),
    N_("documents on the family's situation that you consider important"),
)
RIGHTS = (
    N_("to read the materials of the case and make extracts from them"),
    N_("to give explanations in Kazakh, in Russian or in your native language, and to use "
       "an interpreter free of charge"),
    N_("to present evidence, make motions and challenges"),
    N_("to have the assistance of a lawyer"),
    N_("to appeal the resolution of the commission"),
)


def build_invitations(doc: InvitationsDoc, lang: str, out: Path) -> Path:
    title = tr(lang, "Invitations to meeting No. {number}").format(number=doc.number)
    meta = Meta(title=title, author=doc.commission.name(lang), lang=lang,
                subject=tr(lang, "Invitations to the legal representatives of minors"))
    out_story: list[Flowable] = []
    for n, inv in enumerate(doc.invitations):
        if n:
            out_story.append(PageBreak())
        out_story += invitation(doc, inv, lang)
    if not out_story:
        out_story = commission_header(doc.commission, lang) + [
            para(tr(lang, "No legal representatives are to be invited to this meeting."))]
    return write_pdf(out, out_story, meta)


def invitation(doc: InvitationsDoc, inv: InvitationDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = commission_header(doc.commission, lang)
    to = "<b>{}</b> {}".format(esc(tr(lang, "To:")), esc(inv.name))
    if inv.address:
        to += f"<br/>{esc(inv.address)}"
    out.append(Paragraph(to, st.right))
    out += title_block(tr(lang, "INVITATION"))
    relation = L.label(lang, L.RELATION, inv.relation)
    text = tr(lang, "The commission invites you, as {relation} of the minor {child}, to its "
                    "meeting at which the case concerning the minor will be considered.")
    out.append(para(text.format(relation=relation, child=inv.child), st.text))
    rows = [(tr(lang, "Date"), L.date(doc.date)),
            (tr(lang, "Time"), L.time(doc.starts_at) or "—"),
            (tr(lang, "Place"), doc.place),
            (tr(lang, "Question on the agenda"),
             tr(lang, "item {n}").format(n=inv.item)
             + (", " + tr(lang, "Case No. {code}").format(code=inv.case_code)
                if inv.case_code else ""))]
    out.append(grid([tr(lang, "Meeting"), tr(lang, "No. {number}").format(number=doc.number)],
                    rows, (0.35, 0.65)))
    out.append(Spacer(1, 6))
    out.append(Paragraph(esc(tr(lang, "Please bring:")), st.heading))
    out += [para("• " + tr(lang, s), st.text) for s in TO_BRING]
    out.append(para(tr(lang, "The minor should come to the meeting together with you."),
                    st.text))
    out.append(Paragraph(esc(tr(lang, "Your rights at the meeting:")), st.heading))
    out += [para("• " + tr(lang, s), st.text) for s in RIGHTS]
    out.append(Spacer(1, 4))
    out.append(para(tr(lang, "If you cannot come for a good reason, tell the secretary of the "
                             "commission in advance."), st.text))
    sign_off(out, [(tr(lang, "Secretary of the commission"), doc.secretary.name)])
    return out
