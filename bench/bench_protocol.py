"""A 40-item protocol through Kenes's builder against a bare ReportLab document with the
same text, the same number of tables and the same number of pages.

    python -m bench.bench_protocol [--quick]

Kenes: app.reports.protocol.build_protocol (labels through the catalogs, header, "page N
of M" footer, metadata, atomic write). Baseline: SimpleDocTemplate straight to the file,
Paragraphs and Tables of the same texts in the same font, nothing else. Target: at most
1.5x the baseline.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from app.reports import samples
from app.reports.data import MeetingDoc
from app.reports.fonts import BOLD, REGULAR, register_fonts
from app.reports.protocol import build_protocol

ITEMS = 40


def _baseline(doc: MeetingDoc, out: Path) -> None:
    """The same content as plain flowables: no translation, no page decoration."""
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=10.5, leading=13.5, spaceAfter=3)
    # The same fonts, sizes and spacing as Kenes's page, so the pages come out alike.
    head = ParagraphStyle("h", parent=body, fontName=BOLD, spaceBefore=8, spaceAfter=4)
    bold = ParagraphStyle("l", parent=body, fontName=BOLD, spaceBefore=2, spaceAfter=1)
    cell = ParagraphStyle("c", parent=body, fontSize=9, leading=11, spaceAfter=0)
    cell_bold = ParagraphStyle("cb", parent=cell, fontName=BOLD)
    def keep() -> CondPageBreak:  # a fresh one each time: flowables keep layout state
        return CondPageBreak(bold.leading + 3 * body.leading)

    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR),
                        ("GRID", (0, 0), (-1, -1), 0.5, "#999999"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 4),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])

    def table(rows, widths):
        t = Table([[c if isinstance(c, list) else Paragraph(str(c), cell) for c in r]
                   for r in rows],
                  colWidths=[w * mm for w in widths], repeatRows=1, spaceBefore=2,
                  spaceAfter=6)
        t.setStyle(style)
        return t

    story = [Paragraph(doc.commission.name_ru.upper(), bold),
             Paragraph(f"ПРОТОКОЛ № {doc.number}", bold),
             table([(doc.place, doc.date.isoformat())], (110, 60)),
             Paragraph(f"Председательствующий: {doc.presiding.name}", body),
             Paragraph(f"Секретарь: {doc.secretary.name}", body),
             Paragraph("Присутствовали члены комиссии:", head),
             table([("№", "Ф. И. О.", "Должность")]
                   + [(i, p.name, p.position) for i, p in enumerate(doc.present, 1)],
                   (14, 68, 88)),
             Paragraph("Отсутствовали члены комиссии:", head),
             table([("№", "Ф. И. О.", "Должность", "Причина")]
                   + [(i, a.name, a.position, a.reason) for i, a in enumerate(doc.absent, 1)],
                   (14, 63, 60, 33)),
             Paragraph("Приглашённые:", head),
             table([("№", "Ф. И. О.", "Роль", "Вопрос")]
                   + [(i, p.name, p.role, p.item) for i, p in enumerate(doc.invited, 1)],
                   (14, 68, 68, 20)),
             Paragraph(f"Присутствуют {len(doc.present)} из {doc.members_in_force} членов "
                       "комиссии; кворум имеется, заседание правомочно.", body),
             Paragraph("ПОВЕСТКА ДНЯ:", head)]
    story += [Paragraph(f"{i.position}. Материал № {i.case_code}: {i.title} "
                        f"(докладчик: {i.reporter})", body) for i in doc.items]
    for i in doc.items:
        # Kenes keeps a heading or a label with the lines under it the same way.
        story += [CondPageBreak(35 * mm),
                  Paragraph(f"{i.position}. Материал № {i.case_code}: {i.title}", head),
                  Paragraph(f"Несовершеннолетний: {i.child}", body),
                  keep(), Paragraph("СЛУШАЛИ:", bold),
                  Paragraph(f"{i.reporter} — {i.heard}", body),
                  keep(), Paragraph("ВЫСТУПИЛИ:", bold), Paragraph(i.spoke, body),
                  Paragraph("Присутствующим разъяснены их права и обязанности.", body),
                  Paragraph("Ходатайств не заявлено.", body),
                  keep(), Paragraph(f"ПОСТАНОВИЛИ (решение № {i.decision_number}):", bold),
                  Paragraph(i.decision, body),
                  table([("№", "Мера", "Ответственный", "Срок")]
                        + [(n, [Paragraph(f"{m.kind}.", cell_bold), Paragraph(m.text, cell)],
                            m.body, m.deadline.isoformat())
                           for n, m in enumerate(i.measures, 1)], (13.6, 85, 46, 25.4)),
                  Paragraph(f"ГОЛОСОВАЛИ: за — {i.votes_for}, против — {i.votes_against}, "
                            f"воздержались — {i.abstained}.", body),
                  Paragraph("Решение принято.", bold)]
        for d in i.dissents:
            story += [keep(), Paragraph(f"Особое мнение ({d.who}):", bold),
                      Paragraph(d.text, body)]
    story.append(table([("Председательствующий", "", doc.presiding.name),
                        ("Секретарь", "", doc.secretary.name)], (51, 42, 77)))
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm).build(story)


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def _shape(path: Path) -> int:
    return len(PdfReader(path).pages)


def run_once(folder: Path) -> dict[str, tuple[float, float]]:
    """One timed build of each, interleaved (for bench/run.py's median-of-runs)."""
    register_fonts()  # loading the TTFs once per process is the same for both
    doc = samples.meeting(ITEMS)
    kenes = _timed(build_protocol, doc, "ru", folder / "kenes.pdf")
    base = _timed(_baseline, doc, folder / "baseline.pdf")
    return {f"protocol, {ITEMS} items (s)": (kenes, base)}


def run(quick: bool) -> list[tuple[str, float, float]]:
    """(figure, Kenes seconds, baseline seconds): medians of 3 runs (quick) or 9."""
    runs = 3 if quick else 9
    samples_: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="kenes-bench-protocol-") as tmp:
        folder = Path(tmp)
        run_once(folder)  # warm-up: imports, font parsing, the catalogs
        pages = (_shape(folder / "kenes.pdf"), _shape(folder / "baseline.pdf"))
        for _ in range(runs):
            for figure, pair in run_once(folder).items():
                samples_.setdefault(figure, []).append(pair)
    if abs(pages[0] - pages[1]) > 1:
        print(f"warning: pages differ (Kenes {pages[0]}, baseline {pages[1]})", file=sys.stderr)
    return [(f"{figure}, {pages[0]} pages", statistics.median(k for k, _ in pairs),
             statistics.median(b for _, b in pairs)) for figure, pairs in samples_.items()]


if __name__ == "__main__":
    for figure, kenes, base in run("--quick" in sys.argv):
        print(f"{figure}: Kenes {kenes:.3f} s, baseline {base:.3f} s, "
              f"ratio {kenes / base:.2f}x")
