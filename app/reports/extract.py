"""The child's history: every case, decision, measure, report and assessment."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from app.i18n import tr
from app.reports import labels as L
from app.reports.data import ChildExtractDoc
from app.reports.layout import (
    Meta,
    commission_header,
    esc,
    grid,
    measure_cell,
    para,
    sign_off,
    styles,
    title_block,
    write_pdf,
)


def build_extract(doc: ChildExtractDoc, lang: str, out: Path) -> Path:
    title = tr(lang, "Extract on the minor {name}").format(name=doc.child.name)
    meta = Meta(title=title, author=doc.commission.name(lang), lang=lang,
                subject=tr(lang, "History of the minor in the records of the commission"))
    return write_pdf(out, story(doc, lang), meta)


def _heading(text: str) -> Paragraph:
    return Paragraph(esc(text), styles().heading)


def _personal(doc: ChildExtractDoc, lang: str) -> list[tuple[str, str]]:
    c = doc.child
    reps = "; ".join(f"{r.name} ({L.label(lang, L.RELATION, r.relation)})"
                     + (f", {r.phone}" if r.phone else "") for r in doc.representatives)
    register = "; ".join(
        tr(lang, "on the register from {date}: {reason}").format(
            date=L.date(e.put_on), reason=e.reason)
        + ("; " + tr(lang, "removed {date}: {reason}").format(
            date=L.date(e.removed_on), reason=e.removal_reason or "")
           if e.removed_on else "")
        for e in doc.register)
    rows = [(tr(lang, "Full name"), c.name),
            (tr(lang, "Date of birth"), L.date(c.birth_date)),
            (tr(lang, "Sex"), L.label(lang, L.SEX, c.sex)),
            (tr(lang, "IIN"), c.iin or "—"),
            (tr(lang, "Address"), c.address or "—"),
            (tr(lang, "School, grade"), c.school or "—"),
            (tr(lang, "Legal representatives"), reps or "—"),
            (tr(lang, "Risk categories"), "; ".join(doc.categories) or "—"),
            (tr(lang, "Preventive register"), register or tr(lang, "not on the register")),
            (tr(lang, "Accompanying specialist"), doc.curator or "—"),
            (tr(lang, "Consent to personal data processing"), doc.consent or "—")]
    return rows


def story(doc: ChildExtractDoc, lang: str) -> list[Flowable]:
    out: list[Flowable] = commission_header(doc.commission, lang)
    out += title_block(tr(lang, "EXTRACT FROM THE RECORDS OF THE COMMISSION"),
                       tr(lang, "history of the minor as of {date}").format(
                           date=L.date(doc.on)))
    out.append(grid([tr(lang, "Data"), tr(lang, "Value")], _personal(doc, lang), (0.3, 0.7)))
    none = tr(lang, "none")

    out.append(_heading(tr(lang, "Cases")))
    rows = [(c.code, L.date(c.received_on), c.source,
             c.category + (f"; {c.article}" if c.article else ""), c.description,
             L.label(lang, L.CASE_STATUS, c.status)
             + (f" {L.date(c.closed_on)}" if c.closed_on else ""))
            for c in doc.cases]
    out.append(grid([tr(lang, "No."), tr(lang, "Received"), tr(lang, "Source"),
                     tr(lang, "Category"), tr(lang, "Description"), tr(lang, "Status")],
                    rows, (0.10, 0.15, 0.17, 0.21, 0.22, 0.15)) if rows else para(none))

    out.append(_heading(tr(lang, "Decisions")))
    rows = [(d.number, L.date(d.date), d.case_code or "—", d.text,
             tr(lang, "adopted") if d.adopted else tr(lang, "not adopted"))
            for d in doc.decisions]
    out.append(grid([tr(lang, "No."), tr(lang, "Date"), tr(lang, "Case"), tr(lang, "Decision"),
                     tr(lang, "Result")], rows, (0.08, 0.15, 0.13, 0.46, 0.18))
               if rows else para(none))

    out.append(_heading(tr(lang, "Measures")))
    # Reports and assessments below refer to a measure by its number in this table.
    rows = [(n, m.decision or "", measure_cell(m.kind, m.text),
             m.body + (f"; {m.person}" if m.person else ""), L.date(m.deadline),
             L.label(lang, L.MEASURE_STATE, m.state)) for n, m in enumerate(doc.measures, 1)]
    out.append(grid([tr(lang, "No."), tr(lang, "Decision"), tr(lang, "Measure"),
                     tr(lang, "Responsible"), tr(lang, "Deadline"), tr(lang, "State")], rows,
                    (0.07, 0.11, 0.32, 0.19, 0.15, 0.16)) if rows else para(none))

    out.append(_heading(tr(lang, "Execution reports")))
    verdict = {True: tr(lang, "accepted"), False: tr(lang, "not accepted"),
               None: tr(lang, "not yet decided")}
    rows = [(L.date(r.on), r.measure or "", r.text, r.by or "—", verdict[r.accepted])
            for r in doc.reports]
    out.append(grid([tr(lang, "Date"), tr(lang, "Measure"), tr(lang, "Report"),
                     tr(lang, "Reported by"), tr(lang, "Result")], rows,
                    (0.15, 0.13, 0.35, 0.20, 0.17)) if rows else para(none))

    out.append(_heading(tr(lang, "Assessments of effectiveness")))
    rows = [(L.date(a.on), a.measure or "", L.label(lang, L.EFFECTIVENESS, a.result),
             L.date(a.next_review) or "—", a.comment or "") for a in doc.assessments]
    out.append(grid([tr(lang, "Date"), tr(lang, "Measure"), tr(lang, "Assessment"),
                     tr(lang, "Next review"), tr(lang, "Comment")], rows,
                    (0.15, 0.13, 0.18, 0.15, 0.39)) if rows else para(none))
    if doc.signed_by:
        sign_off(out, [(tr(lang, "Secretary of the commission"), doc.signed_by.name)])
    return out
