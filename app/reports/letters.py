"""Letters to the responsible bodies: one PDF per body with its measures and deadlines."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from app.errors import StorageError
from app.i18n import N_, tr
from app.reports import labels as L
from app.reports.data import LetterDoc, LettersDoc
from app.reports.layout import (
    Meta,
    commission_header,
    esc,
    grid,
    measure_cell,
    para,
    place_and_date,
    sign_off,
    styles,
    title_block,
    write_pdf,
)

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+|\s+')


def file_name(n: int, body: str) -> str:
    """"03-Школа-гимназия_№_1.pdf": numbered, readable, safe on Windows too."""
    slug = _UNSAFE.sub("_", body).strip("._") or "body"
    return f"{n:02d}-{slug[:60]}.pdf"


def build_letters(doc: LettersDoc, lang: str, out: Path) -> Path:
    """Write one letter per body into the folder `out`; returns the folder."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise StorageError(N_("{path} is not a folder."), path=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    for n, letter in enumerate(doc.letters, 1):
        build_letter(doc, letter, lang, folder / file_name(n, letter.body))
    return folder


def build_letter(doc: LettersDoc, letter: LetterDoc, lang: str, out: Path) -> Path:
    title = tr(lang, "Letter on the measures of meeting No. {number}").format(number=doc.number)
    meta = Meta(title=f"{title} — {letter.body}", author=doc.commission.name(lang), lang=lang,
                subject=tr(lang, "Measures assigned by the commission to a responsible body"))
    return write_pdf(out, story(doc, letter, lang), meta)


def story(doc: LettersDoc, letter: LetterDoc, lang: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = commission_header(doc.commission, lang)
    out.append(Paragraph("<b>{}</b> {}".format(esc(tr(lang, "To:")), esc(letter.body)), st.right))
    out.append(place_and_date("", L.date(doc.issued or doc.date)))
    out += title_block(tr(lang, "On the execution of the decisions of the commission"))
    text = tr(lang, "At its meeting No. {number} of {date} the commission assigned the "
                    "measures below to your organisation. Please take them and report on their "
                    "execution to the commission by the deadlines given.")
    out.append(para(text.format(number=doc.number, date=L.date(doc.date)), st.text))
    rows = []
    for n, m in enumerate(letter.measures, 1):
        person = (tr(lang, "Responsible person:") + " " + m.person) if m.person else None
        rows.append((n, m.decision or "", m.child or "—", measure_cell(m.kind, m.text, person),
                     L.date(m.deadline)))
    out.append(grid([tr(lang, "No."), tr(lang, "Decision"), tr(lang, "Minor"),
                     tr(lang, "Measure"), tr(lang, "Deadline")], rows,
                    (0.06, 0.12, 0.29, 0.39, 0.14)))
    sign_off(out, [(tr(lang, "Presiding member"), doc.presiding.name)])
    return out
