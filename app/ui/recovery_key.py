"""The recovery key, shown once when an encrypted database is created: to print (or write
down) and keep in the safe. It opens the database if every password is lost
(docs/encryption.md); Kenes cannot show it again."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, commission_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key, self.commission_name = recovery_key, commission_name
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(_("Recovery key"))
        layout = QVBoxLayout(self)
        text = QLabel(self.explanation())
        text.setWordWrap(True)
        layout.addWidget(text)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAccessibleName(_("Recovery key"))
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(
            self.key_label.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(self.key_label)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.clicked.connect(self._print)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        done = buttons.addButton(_("I have kept it"), QDialogButtonBox.ButtonRole.AcceptRole)
        done.setObjectName("recoveryKeyKept")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(560, 260)

    @staticmethod
    def explanation() -> str:
        return _("The database is encrypted. This recovery key opens it if every password "
                 "is lost. Print it or write it down, and keep it in the safe: Kenes shows "
                 "it only now and cannot show it again.")

    def sheet(self) -> QTextDocument:
        """The page that is printed: commission, date, the key, what it is for."""
        doc = QTextDocument()
        made = _("Made on {date}").format(date=dt.date.today().strftime("%d.%m.%Y"))
        parts = ("<h2>", html.escape(_("Kenes — recovery key")), "</h2><p>",
                 html.escape(self.commission_name), "</p><p>", html.escape(made),
                 "</p><p style='font-family: DejaVu Sans Mono; font-size: 18pt'>",
                 html.escape(self.recovery_key), "</p><p>",
                 html.escape(self.explanation()), "</p>")
        doc.setHtml("".join(parts))
        return doc

    def print_to(self, printer: QPrinter) -> None:
        self.sheet().print_(printer)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
