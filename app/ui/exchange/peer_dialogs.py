"""The exchange screen's dialogs about offices: confirming another office's fingerprint
before it is trusted, and a new passphrase typed twice for this office's keys."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.services.office_keys import REPLACEMENT
from app.ui.forms import WARNING_STYLE, message_label, set_message

# The office's place in the hierarchy, as stored on its card.
OFFICE_ROLES = {"region": N_("Regional office"), "district": N_("District office")}


def role_name(role: str | None) -> str:
    return _(OFFICE_ROLES[role]) if role in OFFICE_ROLES else (role or "")


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def in_lines(fingerprint: str, groups: int = 6) -> str:
    """The groups of a fingerprint, `groups` to a line (two lines of six for 12 groups)."""
    parts = fingerprint.split()
    return "\n".join(" ".join(parts[i:i + groups]) for i in range(0, len(parts), groups))


def fingerprint_label(fingerprint: str, name: str) -> QLabel:
    """The fingerprint as the CLI prints it (groups of four digits), large enough to read
    aloud on the phone, and selectable."""
    label = QLabel(fingerprint)
    label.setObjectName(name)
    label.setAccessibleName(_("Fingerprint"))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


@dataclass(frozen=True)
class TrustAnswer:
    """What the person decided: `confirmed` is the fingerprint they compared (trust the
    office), or None to add the office without trusting it yet."""

    confirmed: str | None


class TrustDialog(QDialog):
    """Office name, role and fingerprint; trusted only after the person typed the
    fingerprint the other office read by phone, or ticked that every group matches."""

    def __init__(self, name: str, role: str, fingerprint: str, *, adding: bool,
                 change: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setWindowTitle(_("Add an office") if adding else _("Trust an office"))
        self.fingerprint = fingerprint
        self.answer: TrustAnswer | None = None

        form = QFormLayout()
        office = QLabel(name)
        office.setObjectName("trustOffice")
        office.setWordWrap(True)
        form.addRow(_("Office"), office)
        form.addRow(_("Role"), QLabel(role_name(role)))
        form.addRow(_("Fingerprint"), fingerprint_label(in_lines(fingerprint),
                                                         "trustFingerprint"))

        how = QLabel(_("Call the office and ask them to read the fingerprint shown on their "
                       "Exchange screen. Type what they read, or tick the box if every "
                       "group matches. Trust the office only if it matches."))
        how.setWordWrap(True)
        self.warning = message_label("trustWarning", WARNING_STYLE, hidden=True)
        if change == REPLACEMENT:
            set_message(self.warning, _("This card has other keys than the card known here "
                                        "for this office. Trust it only if the office "
                                        "confirms that it made new keys."))
        self.typed = QLineEdit()
        self.typed.setObjectName("fingerprintEdit")
        self.typed.setAccessibleName(_("Fingerprint read by the office"))
        self.typed.setPlaceholderText(_("The 48 digits the office read to you"))
        self.matches = QCheckBox(_("The office read me exactly this fingerprint"))
        self.matches.setObjectName("fingerprintMatches")
        self.message = message_label("trustMessage", hidden=True)

        buttons = QDialogButtonBox()
        self.trust_button = QPushButton(_("Trust"))
        self.trust_button.setObjectName("trustOkButton")
        buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.untrusted_button: QPushButton | None = None
        if adding:
            self.untrusted_button = QPushButton(_("Add without trust"))
            self.untrusted_button.setObjectName("addUntrustedButton")
            buttons.addButton(self.untrusted_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.untrusted_button.clicked.connect(self._add_untrusted)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        self.trust_button.clicked.connect(self._trust)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(how)
        layout.addWidget(QLabel(_("Fingerprint read by the office")))
        layout.addWidget(self.typed)
        layout.addWidget(self.matches)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.typed.textChanged.connect(self._update)
        self.matches.toggled.connect(self._update)
        for label in (how, self.warning, self.message):
            label.setMinimumWidth(520)  # wrapped text: a width, and the height follows
        self._update()

    def _update(self) -> None:
        self.trust_button.setEnabled(bool(digits(self.typed.text()))
                                     or self.matches.isChecked())
        set_message(self.message, None)

    def _trust(self) -> None:
        typed = self.typed.text().strip()
        if typed and digits(typed) != digits(self.fingerprint):
            set_message(self.message, _("The fingerprint you typed does not match this card. "
                                        "Check it again with the other office; until then "
                                        "do not trust it."))
            self.adjustSize()
            return
        if not typed and not self.matches.isChecked():
            return
        self.answer = TrustAnswer(typed or self.fingerprint)
        self.accept()

    def _add_untrusted(self) -> None:
        self.answer = TrustAnswer(None)
        self.accept()


class NewPassphraseDialog(QDialog):
    """A new passphrase for the office keys, typed twice (the service compares them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle(_("Create office keys"))
        about = QLabel(_("The office keys sign and open the exchange packages. They are "
                         "kept locked by a passphrase: choose one of at least 8 characters "
                         "and keep it safe. Without it no package can be made or read."))
        about.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("passphraseEdit")
        self.second = QLineEdit()
        self.second.setObjectName("repeatPassphraseEdit")
        form = QFormLayout()
        for edit, label in ((self.first, _("Passphrase")),
                            (self.second, _("Passphrase again"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create keys"))
        self.ok_button.setObjectName("createKeysOkButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def passphrases(self) -> tuple[str, str]:
        return self.first.text(), self.second.text()
