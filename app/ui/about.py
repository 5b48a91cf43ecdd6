"""About Kenes (F1): the version, the database schema, the office, where the data lives,
and the data folder and the log one click away."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db_location import Location, location_of
from app.i18n import _
from app.paths import data_dir
from app.ui.context import UiContext
from app.ui.qt_app import app_icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

def log_file() -> Path:
    return data_dir() / "kenes.log"  # app/logs.py writes it


@dataclass(frozen=True)
class AboutInfo:
    version: str
    schema: str | None
    schema_head: str
    office_id: str | None
    fingerprint: str | None  # of the office's active keys; None before they are made
    database: Location
    data_folder: Path
    log: Path


def about_info(s: Session, database: Location) -> AboutInfo:
    from app import __version__
    from app.migrate import current_revision, head_revision
    from app.sync import keys
    from app.sync.exporter import own_office

    office, _origin = own_office(s)
    fingerprint = (keys.card_fingerprint(keys.active_card(s)["card"]) if keys.has_keys(s)
                   else None)
    return AboutInfo(version=__version__, schema=current_revision(s.connection()),
                     schema_head=head_revision(), office_id=office, fingerprint=fingerprint,
                     database=database, data_folder=data_dir(), log=log_file())


def schema_text(info: AboutInfo) -> str:
    if info.schema == info.schema_head:
        return _("{revision} (up to date)").format(revision=info.schema)
    return _("{revision}; this version of Kenes expects {head}").format(
        revision=info.schema or "—", head=info.schema_head)


class AboutDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Kenes"))
        database = location_of(ctx.runner.db)
        self.info = ctx.runner.read(lambda s: about_info(s, database))
        info = self.info

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b>Kenes</b> {info.version}")
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 15pt;")
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(title, 1)

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        built = f"Python {platform.python_version()}, Qt {pyside_version}"
        for key, caption, value in (
                ("version", _("Version"), info.version),
                ("schema", _("Database schema"), schema_text(info)),
                ("office", _("Office ID"), info.office_id or "—"),
                # What another office compares, by phone, before trusting our packages.
                ("fingerprint", _("Office fingerprint"),
                 info.fingerprint or _("no office keys yet")),
                ("database", _("Database"), str(info.database)),
                ("data_folder", _("Data folder"), str(info.data_folder)),
                ("built", _("Built with"), built)):
            field = QLabel(value)
            field.setObjectName(f"about_{key}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(caption)
            form.addRow(caption, field)
            self.fields[key] = field

        self.open_folder = QPushButton(_("Open data folder"))
        self.open_folder.setObjectName("aboutOpenFolder")
        self.open_folder.clicked.connect(lambda: self.open_path(info.data_folder))
        self.open_log = QPushButton(_("Open log"))
        self.open_log.setObjectName("aboutOpenLog")
        self.open_log.setEnabled(info.log.is_file())
        self.open_log.clicked.connect(lambda: self.open_path(info.log))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_log, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def open_path(self, path: Path) -> bool:
        """The system's file manager for a folder, its viewer for the log."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
