"""The QApplication with Kenes's name, icon and fonts: light enough to create before the
database layer is imported."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir
from app.ui.fonts import install_fonts

ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The Kenes icon from its PNG sizes (no SVG plugin needed; files load when drawn)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resources_dir() / "icons" / f"kenes-{size}.png"), QSize(size, size))
    return icon


def qt_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kenes")
    app.setOrganizationName("Kenes")
    app.setWindowIcon(app_icon())
    install_fonts(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]
