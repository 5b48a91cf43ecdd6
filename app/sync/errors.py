"""Errors of the exchange, with messages for the user (app/errors.py)."""

from __future__ import annotations

from app.errors import KenesError, StateError
from app.i18n import N_


class PackageRefused(KenesError):
    """A package that is not imported: damaged, altered, replayed or not for us.
    Nothing of it is applied."""

    default_message = N_("The package was refused.")


class AlreadyImported(PackageRefused):
    default_message = N_("This package was already imported; nothing to do.")


class KeyError_(StateError):
    default_message = N_("The office keys cannot be used.")
