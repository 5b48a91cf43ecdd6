"""Settings › Backups: the backups in the chosen folder (a USB stick, say), making one
now, how many daily ones to keep, and restoring one (an administrator; the app then asks
for a login again, since the restored database may hold other accounts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import backups
from app.db.backups import BackupInfo
from app.domain.clock import local as to_local
from app.domain.roles import Permission, allows
from app.i18n import _
from app.services import backups as backup_service
from app.ui import app_settings as keys
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE
from app.ui.ops import Failure

MAX_KEEP = 365


def backup_folder(ctx: UiContext) -> Path:
    """The folder chosen in the settings, else `backups` beside the database."""
    chosen = ctx.settings.get(keys.BACKUP_FOLDER)
    return Path(chosen) if chosen else backups.default_folder(ctx.runner.db.path)


def kind_label(label: str) -> str:
    if label == backups.DAILY:
        return _("daily")
    if label == "manual":
        return _("made by hand")
    if label == "before-restore":
        return _("before a restore")
    if label.startswith("before-"):
        return _("before an update")
    return label


class BackupsPage(QWidget):
    sig_restore_requested = Signal(object)
    """(Path): put this backup in place of the database (asked and confirmed)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: list[BackupInfo] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("backupFolder")
        self.folder.setAccessibleName(_("Backup folder"))
        self.folder.setReadOnly(True)
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.setObjectName("chooseBackupFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        form.addRow(_("Backup folder"), folder_row)
        self.keep = QSpinBox()
        self.keep.setObjectName("backupKeep")
        self.keep.setAccessibleName(_("Daily backups kept"))
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setValue(ctx.settings.get(keys.BACKUP_KEEP))
        self.keep.valueChanged.connect(lambda n: ctx.settings.set(keys.BACKUP_KEEP, n))
        form.addRow(_("Daily backups kept"), self.keep)
        hint = QLabel(_("Kenes makes a backup at the first start of each day. Backups of an "
                        "encrypted database are encrypted; the .keys file beside each one "
                        "lets it open with the passwords of its day."))
        hint.setWordWrap(True)
        form.addRow(hint)
        layout.addLayout(form)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backupList")
        self.table.setAccessibleName(_("Backups"))
        self.table.setHorizontalHeaderLabels([_("Made"), _("Kind"), _("Size"), _("Encrypted")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.make_button = QPushButton(_("Make a backup now"))
        self.make_button.setObjectName("makeBackup")
        self.make_button.clicked.connect(self.make_backup)
        self.restore_button = QPushButton(_("Restore…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.message = QLabel()
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)
        self.make_button.setEnabled(allows(ctx.actor.role, Permission.EXCHANGE))
        self.may_restore = allows(ctx.actor.role, Permission.MANAGE_USERS)
        self.restore_button.setEnabled(False)

    # -- data -------------------------------------------------------------------------
    def reload(self) -> None:
        if self.ctx.runner.db.is_server:  # backed up on the server: kenes server backup
            for widget in (self.make_button, self.restore_button, self.choose_button,
                           self.keep, self.table):
                widget.setEnabled(False)
            self._say(_("This database is on the office server; it is backed up there."))
            return
        folder = backup_folder(self.ctx)
        self.folder.setText(str(folder))
        self.shown = backups.list_backups(folder)
        self.table.setRowCount(len(self.shown))
        for row, info in enumerate(self.shown):
            cells = (to_local(info.made).strftime("%d.%m.%Y %H:%M"), kind_label(info.label),
                     _("{size} MB").format(size=f"{info.size / 1024 / 1024:.1f}"),
                     _("yes") if info.encrypted else _("no"))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.may_restore and self.selected() is not None)

    # -- actions ----------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = self.ask_folder()
        if chosen:
            self.ctx.settings.set(keys.BACKUP_FOLDER, chosen)
            self.reload()

    def ask_folder(self) -> str:
        """The folder dialog (tests replace this method)."""
        return QFileDialog.getExistingDirectory(self, _("Backup folder"), self.folder.text())

    def make_backup(self) -> None:
        actor, folder, db = self.ctx.actor, backup_folder(self.ctx), self.ctx.runner.db
        self._say("")
        self.make_button.setEnabled(False)
        self.ctx.runner.run(lambda _none: backup_service.make(actor, db, folder), write=None,
                            on_done=self._made, on_error=self._failed)

    def _made(self, path: Path) -> None:
        actor = self.ctx.actor
        self.ctx.runner.run(lambda s: backup_service.record_made(s, actor, path))
        self.make_button.setEnabled(True)
        self._say(_("Backup written: {name}.").format(name=path.name))
        self.reload()

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self.may_restore:
            return
        if self.ask_restore(info):
            self.sig_restore_requested.emit(info.path)

    def ask_restore(self, info: BackupInfo) -> bool:
        """The confirmation (tests replace this method)."""
        made = to_local(info.made).strftime("%d.%m.%Y %H:%M")
        answer = QMessageBox.question(self, _("Restore"), _(
            "Put the backup of {made} in place of the database? Everything entered since "
            "then is replaced (the database as it is now is kept among the backups). "
            "Kenes then asks for a login again.").format(made=made))
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, failure: Failure) -> None:
        self.make_button.setEnabled(allows(self.ctx.actor.role, Permission.EXCHANGE))
        self._say(error_text(failure.error), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
