"""DejaVu Sans, shipped in resources/fonts, so Kazakh letters render on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

FAMILY = "DejaVu Sans"


def install_fonts(app: QApplication, point_size: int = 10) -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
    font = QFont(FAMILY, point_size)
    app.setFont(font)
