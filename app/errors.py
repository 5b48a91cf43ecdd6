"""Typed errors whose messages are written for the user.

A message is an English source string with `{placeholders}`; it is translated
when shown (`user_message`), so one error can be shown in Russian, Kazakh or
English. Placeholders carry ids and numbers, never personal data.
"""

from __future__ import annotations

from app.i18n import N_, current_language, tr


class KenesError(Exception):
    """Base of every error a user may see."""

    default_message = N_("The operation could not be completed.")

    def __init__(self, message: str | None = None, /, **params: object) -> None:
        self.message = message or self.default_message
        self.params = params
        super().__init__(self.user_message("en"))

    def user_message(self, lang: str | None = None) -> str:
        text = tr(lang or current_language(), self.message)
        return text.format(**self.params) if self.params else text


class ValidationError(KenesError):
    """Input that cannot be accepted; `field` names the input at fault."""

    default_message = N_("The data entered is not valid.")

    def __init__(self, message: str | None = None, /, *, field: str | None = None,
                 **params: object) -> None:
        self.field = field
        super().__init__(message, **params)


class PermissionDenied(KenesError):
    default_message = N_("Your role does not allow this action.")


class NotFound(KenesError):
    default_message = N_("The record was not found; it may have been deleted.")


class StateError(KenesError):
    """The action does not fit the current state (a closed meeting, say)."""

    default_message = N_("This action is not possible in the current state.")


class AuthenticationError(KenesError):
    default_message = N_("Wrong login or password.")


class LoginDelayed(AuthenticationError):
    """Too many wrong passwords for a login in a row: the next try must wait."""

    default_message = N_("Too many wrong passwords for this login. Wait {seconds} s and "
                         "try again.")


class StorageError(KenesError):
    """The database file cannot be opened, migrated or checked."""

    default_message = N_("The database cannot be used.")
