"""First start: create a commission with its administrator, or open a demo commission."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.services import catalogs
from app.ui.errors import error_text
from app.ui.ops import OpRunner

DEMO_PASSWORD_MIN = 8


class WelcomeWindow(QWidget):
    sig_create_requested = Signal(object)
    """(dict): create the commission and its administrator in a new, encrypted database
    (the keyword arguments of services.setup.initialise)."""
    sig_demo_requested = Signal(str)
    """(password): build the demo commission, its accounts with this password."""

    def __init__(self, runner: OpRunner) -> None:
        super().__init__()
        self.runner = runner
        self.setObjectName("welcomeWindow")
        self.setWindowTitle(_("Welcome to Kenes"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Kenes keeps the work of a commission on juvenile affairs: its "
                         "meetings, the children it considers, its decisions and measures. "
                         "Create your commission, or look around a demo one first."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self._create_box(), 3)
        row.addWidget(self._demo_box(), 2)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("welcomeMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.resize(900, 480)
        self._load_territories()

    def _create_box(self) -> QGroupBox:
        box = QGroupBox(_("Create a commission"))
        form = QFormLayout(box)
        self.name_ru = QLineEdit()
        self.name_kk = QLineEdit()
        self.territory = QComboBox()
        self.admin_login = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.password = QLineEdit()
        self.password_again = QLineEdit()
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for name, widget, label in (
                ("nameRu", self.name_ru, _("Name in Russian")),
                ("nameKk", self.name_kk, _("Name in Kazakh")),
                ("territory", self.territory, _("Territory")),
                ("adminLogin", self.admin_login, _("Administrator's login")),
                ("adminName", self.admin_name, _("Administrator's full name")),
                ("adminPassword", self.password, _("Password")),
                ("adminPasswordAgain", self.password_again, _("Password again"))):
            widget.setObjectName(name)
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.create_button = QPushButton(_("Create"))
        self.create_button.setObjectName("createCommission")
        self.create_button.clicked.connect(self._create)
        form.addRow(self.create_button)
        return box

    def _demo_box(self) -> QGroupBox:
        box = QGroupBox(_("Open a demo commission"))
        form = QFormLayout(box)
        text = QLabel(_("A synthetic commission with a year of meetings, children, decisions "
                        "and measures. Nothing in it is about real people. Every demo "
                        "account (admin, chair, secretary, member, viewer) gets this "
                        "password."))
        text.setWordWrap(True)
        form.addRow(text)
        self.demo_password = QLineEdit()
        self.demo_password.setObjectName("demoPassword")
        self.demo_password.setAccessibleName(_("Password for the demo accounts"))
        self.demo_password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Password"), self.demo_password)
        self.demo_button = QPushButton(_("Open the demo"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.clicked.connect(self._demo)
        form.addRow(self.demo_button)
        return box

    def _load_territories(self) -> None:
        kk = current_language() == "kk"
        for territory_id, name_ru, name_kk, depth in catalogs.shipped_territories():
            self.territory.addItem("    " * depth + (name_kk if kk else name_ru), territory_id)

    def _create(self) -> None:
        if self.password.text() != self.password_again.text():
            self.message.setText(_("The two passwords differ."))
            return
        values = dict(commission_ru=self.name_ru.text(), commission_kk=self.name_kk.text(),
                      territory_id=self.territory.currentData(),
                      admin_login=self.admin_login.text(), admin_name=self.admin_name.text(),
                      admin_password=self.password.text())
        self.create_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.message.setText("")
        self.sig_create_requested.emit(values)

    def _failed(self, failure) -> None:  # type: ignore[no-untyped-def]
        self.create_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        self.message.setText(error_text(failure.error))

    def _demo(self) -> None:
        if len(self.demo_password.text()) < DEMO_PASSWORD_MIN:
            self.message.setText(_("The password must have at least {n} characters.").format(
                n=DEMO_PASSWORD_MIN))
            return
        self.demo_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.message.setText(_("Building the demo commission…"))
        self.sig_demo_requested.emit(self.demo_password.text())
