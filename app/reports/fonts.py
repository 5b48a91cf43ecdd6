"""DejaVu Sans for every document: ReportLab's built-in fonts have no Cyrillic, and a
frozen app finds no system fonts, so the TTFs ship in resources/fonts and are embedded."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_lock = threading.Lock()  # documents are built off the GUI thread, maybe two at once
_done = False


def register_fonts() -> None:
    """Register regular and bold once per process; <b> in paragraphs maps to bold."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        folder = resources_dir() / "fonts"
        pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)  # no oblique face shipped: italics stay upright
        addMapping(REGULAR, 1, 1, BOLD)
        _done = True
