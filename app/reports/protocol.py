"""The meeting protocol (DOMAIN.md "The protocol"), full or redacted."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.i18n import tr
from app.reports import labels as L
from app.reports.data import ItemDoc, MeasureDoc, MeetingDoc, PersonDoc
from app.reports.layout import (
    Meta,
    bold,
    commission_header,
    esc,
    grid,
    heading,
    labelled,
    measure_cell,
    para,
    place_and_date,
    section,
    sign_off,
    styles,
    title_block,
    write_pdf,
)
from app.reports.redact import redact


def build_protocol(doc: MeetingDoc, lang: str, out: Path, *, redacted: bool = False) -> Path:
    """Write the protocol of `doc` in `lang` to `out`; `redacted` (or a doc that is
    already redacted) gives the variant for wider circulation."""
    if redacted:
        doc = redact(doc)
    title = tr(lang, "Protocol No. {number}").format(number=doc.number)
    mark = tr(lang, "Redacted copy") if doc.redacted else None
    meta = Meta(title=title, author=doc.commission.name(lang), lang=lang, mark=mark,
                subject=tr(lang, "Protocol of the meeting of the commission"))
    return write_pdf(out, story(doc, lang), meta)


def story(doc: MeetingDoc, lang: str) -> list[Flowable]:
    st = styles()
    kind = L.label(lang, L.MEETING_KIND, doc.kind)
    subtitle = kind[:1].upper() + kind[1:]
    if doc.redacted:
        subtitle += " — " + tr(lang, "redacted copy")
    out: list[Flowable] = commission_header(doc.commission, lang)
    out += title_block(tr(lang, "PROTOCOL No. {number}").format(number=doc.number), subtitle)
    out.append(place_and_date(doc.place, L.date(doc.date)))
    times = [tr(lang, "Start: {time}.").format(time=L.time(doc.starts_at))]
    if doc.ends_at:
        times.append(tr(lang, "End: {time}.").format(time=L.time(doc.ends_at)))
    out.append(para(" ".join(times)))
    out.append(labelled(tr(lang, "Presiding:"), _person(doc.presiding)))
    out.append(labelled(tr(lang, "Secretary:"), _person(doc.secretary)))
    out += _attendance(doc, lang)
    out.append(Paragraph(esc(_quorum_statement(doc, lang)), st.text))
    out += _agenda(doc, lang)
    for item in doc.items:
        out += _item(item, lang)
    out += _amendments(doc, lang)
    sign_off(out, [(tr(lang, "Presiding member"), doc.presiding.name),
                   (tr(lang, "Secretary"), doc.secretary.name)])
    return out


def _person(p: PersonDoc) -> str:
    return f"{p.name}, {p.position}" if p.position else p.name


def _member_note(p: PersonDoc, lang: str) -> str:
    notes = []
    if p.arrived_at:
        notes.append(tr(lang, "arrived at item {n}").format(n=p.arrived_at))
    if p.left_after:
        notes.append(tr(lang, "left after item {n}").format(n=p.left_after))
    return p.position + (f" ({'; '.join(notes)})" if notes else "")


def _attendance(doc: MeetingDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph(esc(tr(lang, "Members of the commission present ({n}):")
                                         .format(n=len(doc.present))), st.heading)]
    out.append(grid([tr(lang, "No."), tr(lang, "Full name"), tr(lang, "Position")],
                    [(i, p.name, _member_note(p, lang)) for i, p in enumerate(doc.present, 1)],
                    (0.08, 0.40, 0.52)))
    if doc.absent:
        out.append(Paragraph(esc(tr(lang, "Members of the commission absent ({n}):")
                                 .format(n=len(doc.absent))), st.heading))
        rows = [(i, a.name, a.position, L.label(lang, L.ABSENCE, a.reason)
                 + (f" ({a.note})" if a.note else ""))
                for i, a in enumerate(doc.absent, 1)]
        out.append(grid([tr(lang, "No."), tr(lang, "Full name"), tr(lang, "Position"),
                         tr(lang, "Reason")], rows, (0.08, 0.37, 0.35, 0.20)))
    else:
        out.append(para(tr(lang, "All members of the commission are present.")))
    if doc.invited:
        out.append(Paragraph(esc(tr(lang, "Invited:")), st.heading))
        rows = []
        for i, p in enumerate(doc.invited, 1):
            role = L.label(lang, L.INVITEE_ROLE, p.role)
            if p.organisation:
                role += f", {p.organisation}"
            if not p.present:
                role += " ({})".format(tr(lang, "did not appear"))
            item = str(p.item) if p.item else tr(lang, "all")
            rows.append((i, p.name, role, item))
        out.append(grid([tr(lang, "No."), tr(lang, "Full name"), tr(lang, "Role"),
                         tr(lang, "Item")], rows, (0.08, 0.40, 0.40, 0.12)))
    return out


def _quorum_statement(doc: MeetingDoc, lang: str) -> str:
    values = {"present": doc.present_count, "total": doc.members_in_force,
              "required": doc.quorum_required}
    if doc.has_quorum:
        text = tr(lang, "{present} of {total} members of the commission are present; the "
                        "quorum ({required}) is present and the meeting is competent.")
    else:
        text = tr(lang, "{present} of {total} members of the commission are present; there "
                        "is no quorum ({required}): questions may be heard, but no decision "
                        "is adopted.")
    return text.format(**values)


def _agenda(doc: MeetingDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph(esc(tr(lang, "AGENDA:")), st.heading)]
    for item in doc.items:
        line = f"{item.position}. {_title(item, lang)}"
        if item.reporter:
            line += " ({}: {})".format(tr(lang, "reporter"), item.reporter)
        out.append(para(line, st.text))
    return out


def _title(item: ItemDoc, lang: str) -> str:
    if item.kind == "child_case" and item.case_code:
        return tr(lang, "Case No. {code}").format(code=item.case_code) + f": {item.title}"
    if item.kind in ("control", "organisational"):
        return f"{L.label(lang, L.ITEM_KIND, item.kind)}: {item.title}"
    return item.title


def _item(item: ItemDoc, lang: str) -> list[Flowable]:
    st = styles()
    # The heading, the minor and the controlled measure start on one page (the break is
    # conditional: a KeepTogether would lay the item out twice).
    head = heading(f"{item.position}. {_title(item, lang)}", space=35 * mm)
    if item.child:
        head.append(labelled(tr(lang, "Minor:"), item.child))
    if item.controlled:
        # The title already quotes the measure; this line adds where it came from.
        m = item.controlled
        parts = [m.kind]
        if m.decision:
            parts.append(tr(lang, "decision No. {number}").format(number=m.decision))
        parts.append("{}: {}".format(tr(lang, "responsible"), m.body)
                     + (f", {m.person}" if m.person else ""))
        parts.append("{} {}".format(tr(lang, "deadline"), L.date(m.deadline)))
        head.append(labelled(tr(lang, "Measure under control:"), "; ".join(parts)))
    out = head
    if item.reporter or item.heard:
        heard = " — ".join(t for t in (item.reporter, item.heard) if t)
        out += section(tr(lang, "HEARD:"), heard)
    if item.spoke:
        out += section(tr(lang, "SPOKE:"), item.spoke)
    if item.kind == "child_case" and not item.postponed:
        out.append(para(tr(lang, "The minor and the legal representatives present were "
                                 "informed of their rights and duties.")
                        if item.rights_explained else
                        tr(lang, "No explanation of rights is recorded."), st.text))
        out.append(labelled(tr(lang, "Motions:"), item.motions) if item.motions else
                   para(tr(lang, "No motions were made."), st.text))
    for r in item.reports:
        verdict = {True: tr(lang, "accepted"), False: tr(lang, "not accepted"),
                   None: tr(lang, "not yet decided")}[r.accepted]
        by = f" ({r.by})" if r.by else ""
        out.append(labelled(tr(lang, "Report of {date}{by}:").format(date=L.date(r.on), by=by),
                            f"{r.text} — {verdict}"))
    for a in item.assessments:
        text = L.label(lang, L.EFFECTIVENESS, a.result)
        if a.next_review:
            text += "; " + tr(lang, "next review {date}").format(date=L.date(a.next_review))
        if a.comment:
            text += f". {a.comment}"
        out.append(labelled(tr(lang, "Effectiveness of the measure:"), text))
    if item.postponed:
        text = (tr(lang, "The question is postponed to meeting No. {number}.")
                .format(number=item.postponed_to) if item.postponed_to
                else tr(lang, "The question is postponed."))
        out.append(para(text, st.text))
        return out
    if item.decision is None:
        return out
    out += _resolved(item, lang)
    return out


def _resolved(item: ItemDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = []
    if not item.has_quorum:
        out.append(para(tr(lang, "There was no quorum on this question: it was heard, and no "
                                 "decision was adopted."), st.text))
        return out
    label = tr(lang, "RESOLVED:")
    if item.decision_number:
        label = tr(lang, "RESOLVED (decision No. {number}):").format(number=item.decision_number)
    out += section(label, item.decision)
    if item.measures:
        out.append(measures_table(item.measures, lang))
    vote = tr(lang, "for — {for_}, against — {against}, abstained — {abstained}.").format(
        for_=item.votes_for, against=item.votes_against, abstained=item.abstained)
    if item.tie_broken:
        vote += " " + tr(lang, "The votes were equal; the presiding member's vote decided.")
    if item.recused:
        vote += " " + tr(lang, "Did not vote (conflict of interest declared): {names}.").format(
            names=", ".join(item.recused))
    out.append(labelled(tr(lang, "VOTED:"), vote))
    out.append(bold(tr(lang, "The decision is adopted.") if item.adopted
                    else tr(lang, "The decision is not adopted.")))
    for d in item.dissents:
        out += section(tr(lang, "Dissenting opinion of {name}:").format(name=d.who), d.text)
    out.append(Spacer(1, 4))
    return out


def measures_table(measures: tuple[MeasureDoc, ...], lang: str):
    rows = []
    for i, m in enumerate(measures, 1):
        who = m.body + (f"; {m.person}" if m.person else "")
        what = measure_cell(m.kind, m.text)
        rows.append((i, what, who, L.date(m.deadline)))
    return grid([tr(lang, "No."), tr(lang, "Measure"), tr(lang, "Responsible"),
                 tr(lang, "Deadline")], rows, (0.08, 0.50, 0.27, 0.15))


def _amendments(doc: MeetingDoc, lang: str) -> list[Flowable]:
    if not doc.amendments:
        return []
    st = styles()
    rows = [(a.number, a.what, a.new_text, a.reason, L.date(a.on)) for a in doc.amendments]
    return [Paragraph(esc(tr(lang, "AMENDMENTS TO THE PROTOCOL:")), st.heading),
            grid([tr(lang, "No."), tr(lang, "What is corrected"), tr(lang, "New text"),
                  tr(lang, "Reason"), tr(lang, "Date")], rows, (0.08, 0.2, 0.34, 0.24, 0.14))]
