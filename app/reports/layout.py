"""The A4 page every document shares: commission header, running header, "page N of M"
footer, signature blocks, tables, PDF metadata, and the atomic write.

"N of M" needs the page count before the first page is final. A second layout pass
would double the build time, so the canvas keeps each finished page's state and draws
the header and footer of every page once the count is known (the NumberedCanvas recipe).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app.i18n import tr
from app.reports.data import CommissionHeader
from app.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 15 * mm, 20 * mm, 20 * mm
WIDTH = PAGE_W - LEFT - RIGHT
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#999999")
HEAD_BG = colors.HexColor("#EEEEEE")


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    text: ParagraphStyle  # justified running text
    small: ParagraphStyle
    note: ParagraphStyle  # smaller running text: lists of copies, footnotes
    commission: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    label_head: ParagraphStyle  # like heading, without keepWithNext (see heading())
    label: ParagraphStyle  # a bold label on its own line (HEARD:), see section()
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    right: ParagraphStyle


def _styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=13.5,
                          alignment=TA_LEFT, spaceAfter=3)
    return Styles(
        body=base,
        # Left-aligned: without hyphenation, justified Russian and Kazakh text (long words)
        # opens wide gaps.
        text=ParagraphStyle("text", parent=base),
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5, textColor=GREY),
        note=ParagraphStyle("note", parent=base, fontSize=9, leading=11.5),
        commission=ParagraphStyle("commission", parent=base, fontName=BOLD, fontSize=11,
                                  leading=14, alignment=TA_CENTER, spaceAfter=2),
        title=ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=14, leading=18,
                             alignment=TA_CENTER, spaceBefore=8, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=8),
        heading=ParagraphStyle("heading", parent=base, fontName=BOLD, spaceBefore=8,
                               spaceAfter=4, keepWithNext=1),
        label_head=ParagraphStyle("label_head", parent=base, fontName=BOLD, spaceBefore=8,
                                  spaceAfter=4),
        label=ParagraphStyle("label", parent=base, fontName=BOLD, spaceBefore=2, spaceAfter=1),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=11, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", parent=base, fontName=BOLD, fontSize=9,
                                 leading=11, spaceAfter=0),
        right=ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
    )


_cache: list[Styles] = []


def styles() -> Styles:
    if not _cache:
        _cache.append(_styles())
    return _cache[0]


def esc(text: object) -> str:
    """Escape user text for a Paragraph; line breaks typed by the user are kept, and a
    number stays on the line of its sign ("№ 2" never splits)."""
    return escape(str(text or "")).replace("\n", "<br/>").replace("№ ", "№&nbsp;")


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(esc(text), style or styles().body)


def bold(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(f"<b>{esc(text)}</b>", style or styles().body)


def labelled(label: str, text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """"<b>HEARD:</b> text" — a bold label followed by user text."""
    return Paragraph(f"<b>{esc(label)}</b> {esc(text)}", style or styles().text)


def section(label: str, text: object) -> list[Flowable]:
    """A bold label on its own line and the text under it, as protocols are typed.

    Two single-font paragraphs lay out much faster than one mixing bold and regular
    (ReportLab's fast path), and a conditional page break keeps the label off the foot
    of a page without keepWithNext, which would lay the text out twice.
    """
    st = styles()
    return [CondPageBreak(st.label.leading + 3 * st.text.leading),
            Paragraph(esc(label), st.label), Paragraph(esc(text), st.text)]


def heading(text: str, *, space: float = 25 * mm) -> list[Flowable]:
    """A heading that starts a new page when less than `space` is left under it."""
    st = styles()
    return [CondPageBreak(space), Paragraph(esc(text), st.label_head)]


def measure_cell(kind: str, text: str, extra: str | None = None) -> list[Flowable]:
    """The measure's kind in bold over its text: separate single-font paragraphs, which
    ReportLab lays out several times faster than one mixing fonts."""
    st = styles()
    cell = [Paragraph(esc(f"{kind}."), st.cell_head), Paragraph(esc(text), st.cell)]
    if extra:
        cell.append(Paragraph(esc(extra), st.cell))
    return cell


def commission_header(commission: CommissionHeader, lang: str) -> list[Flowable]:
    st = styles()
    return [Paragraph(esc(commission.name(lang)).upper(), st.commission),
            HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=2,
                       spaceAfter=6)]


def title_block(title: str, subtitle: str | None = None) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [Paragraph(esc(title), st.title)]
    if subtitle:
        out.append(Paragraph(esc(subtitle), st.subtitle))
    return out


def place_and_date(place: str, when: str) -> Table:
    """The line under the title: place on the left, date on the right."""
    st = styles()
    t = Table([[para(place, st.body), para(when, st.right)]],
              colWidths=[WIDTH * 0.65, WIDTH * 0.35])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def grid(header: Sequence[str], rows: Sequence[Sequence[object]],
         widths: Sequence[float]) -> Table:
    """A ruled table with a repeated header row; every cell wraps. A cell is text, a
    flowable or a list of flowables."""
    st = styles()
    data = [[Paragraph(esc(h), st.cell_head) for h in header]]
    data += [[c if isinstance(c, Flowable | list) else para(c, st.cell) for c in row]
             for row in rows]
    t = Table(data, colWidths=[WIDTH * w for w in widths], repeatRows=1, spaceBefore=2,
              spaceAfter=6)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def sign_off(story: list[Flowable], rows: Sequence[tuple[str, str]],
             after: Sequence[Flowable] = ()) -> None:
    """Append the signature block: role, a line to sign on, the name. It stays on one
    page with the paragraph before it (no one signs a page with nothing else on it) and
    with `after` (the list of copies, say)."""
    st = styles()
    data = [[para(role, st.body), "", para(name, st.body)] for role, name in rows]
    t = Table(data, colWidths=[WIDTH * 0.30, WIDTH * 0.25, WIDTH * 0.45],
              rowHeights=[10 * mm] * len(rows))
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the empty cell too: no Helvetica
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("LEFTPADDING", (2, 0), (2, -1), 8),
    ]))
    last = [story.pop()] if story and isinstance(story[-1], Paragraph) else []
    story.append(KeepTogether([*last, Spacer(1, 6 * mm), t, *after]))


class NumberedCanvas(Canvas):
    """Holds finished pages until the end, then stamps "page N of M" on each."""

    def __init__(self, *args: object, decorate: Callable[[Canvas, int, int], None],
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


@dataclass(frozen=True, slots=True)
class Meta:
    title: str  # PDF title, also the running header on pages 2..M
    author: str  # the commission
    subject: str
    lang: str
    mark: str | None = None  # e.g. "Redacted copy", in every footer


def _decorator(meta: Meta, lang: str) -> Callable[[Canvas, int, int], None]:
    footer = tr(lang, "Page {page} of {pages}")

    def decorate(c: Canvas, page: int, pages: int) -> None:
        c.saveState()
        c.setFillColor(GREY)
        if page > 1:
            c.setFont(REGULAR, 8)
            c.drawString(LEFT, PAGE_H - TOP + 6 * mm, meta.title)
            c.setStrokeColor(LINE)
            c.setLineWidth(0.4)
            c.line(LEFT, PAGE_H - TOP + 4.5 * mm, PAGE_W - RIGHT, PAGE_H - TOP + 4.5 * mm)
        c.setFont(REGULAR, 8.5)
        c.drawCentredString(PAGE_W / 2, BOTTOM - 10 * mm, footer.format(page=page, pages=pages))
        if meta.mark:
            c.setFont(BOLD, 8.5)
            c.drawRightString(PAGE_W - RIGHT, BOTTOM - 10 * mm, meta.mark)
        c.restoreState()

    return decorate


def write_pdf(out: Path, story: list[Flowable], meta: Meta) -> Path:
    """Build into a temporary file beside `out`, then rename: a crash or an error never
    leaves half a PDF under the real name, and an existing file stays intact."""
    register_fonts()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
            bottomMargin=BOTTOM, title=meta.title, author=meta.author, subject=meta.subject,
            creator="Kenes", lang=meta.lang, displayDocTitle=1,
            # Otherwise the canvas starts in Helvetica: an unembedded font in the file.
            initialFontName=REGULAR, initialFontSize=10)
        frame = Frame(LEFT, BOTTOM, WIDTH, PAGE_H - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=partial(NumberedCanvas,
                                             decorate=_decorator(meta, meta.lang)))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
