"""Log in and change password."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.errors import error_text
from app.ui.ops import Failure, OpRunner

if TYPE_CHECKING:
    from app.services.users import UserInfo


def _users():  # type: ignore[no-untyped-def]
    # Imported on first use: the login window shows before the database layer is loaded.
    from app.services import users

    return users


class LoginDialog(QDialog):
    """Asks for a login and password; `user` holds who logged in when accepted.

    With `locked_login` it is the idle lock: only that user may unlock."""

    sig_submitted = Signal(str)
    """(login): the password check started (it takes a quarter of a second)."""
    sig_refused = Signal()
    """(): the login or the password was wrong."""

    def __init__(self, runner: OpRunner, parent: QWidget | None = None, *,
                 locked_login: str | None = None, commission_name: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.user: UserInfo | None = None
        # Replaces the check through the runner while no database is open (the first
        # login to an encrypted one, app.ui.startup): called with (login, password),
        # it answers through _done / _failed.
        self.check: Callable[[str, str], None] | None = None
        self.locked_login = locked_login
        self.setWindowTitle(_("Kenes — locked") if locked_login else _("Kenes — log in"))
        self.setObjectName("loginDialog")
        layout = QVBoxLayout(self)
        if commission_name:
            title = QLabel(commission_name)
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: bold")
            layout.addWidget(title)
        form = QFormLayout()
        self.login_edit = QLineEdit(locked_login or "")
        self.login_edit.setObjectName("login")
        self.login_edit.setAccessibleName(_("Login"))
        self.login_edit.setReadOnly(bool(locked_login))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setAccessibleName(_("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Login"), self.login_edit)
        form.addRow(_("Password"), self.password_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Unlock") if locked_login else _("Log in"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if locked_login else self.login_edit).setFocus()

    def _submit(self) -> None:
        login, password = self.login_edit.text(), self.password_edit.text()
        if self.check is not None:
            self.check(login, password)
            return
        self.runner.run(lambda s: _users().log_in(s, login, password), on_done=self._done,
                        on_error=self._failed)
        self.sig_submitted.emit(login)  # after: the check has started on its thread

    def _done(self, user: UserInfo | None) -> None:
        if user is None or (self.locked_login and user.login != self.locked_login):
            self.sig_refused.emit()
            self.message.setText(_("Wrong login or password."))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.user = user
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.sig_refused.emit()  # a delayed login, say: the prepared window is dropped
        self.message.setText(error_text(failure.error))
        self.password_edit.clear()


class ChangePasswordDialog(QDialog):
    def __init__(self, runner: OpRunner, actor, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.runner, self.actor = runner, actor
        self.setWindowTitle(_("Change password"))
        self.setObjectName("changePasswordDialog")
        form = QFormLayout(self)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for name, edit, label in (("oldPassword", self.old, _("Current password")),
                                  ("newPassword", self.new, _("New password")),
                                  ("newPasswordAgain", self.again, _("New password again"))):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, edit)
        self.message = QLabel()
        self.message.setObjectName("passwordMessage")
        self.message.setStyleSheet("color: #b00020")
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _submit(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText(_("The two new passwords differ."))
            return
        old, new = self.old.text(), self.new.text()
        self.runner.run(lambda s: _users().change_password(s, self.actor, old_password=old,
                                                        new_password=new),
                        on_done=lambda _r: self.accept(),
                        on_error=lambda f: self.message.setText(error_text(f.error)))
