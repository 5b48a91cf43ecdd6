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


class ImportCancelled(KenesError):
    """The person cancelled a long import: its transaction rolled back."""

    default_message = N_("The import was cancelled; nothing of the package was imported.")


class ExportCancelled(KenesError):
    """The person cancelled a long export: no file, no log entry."""

    default_message = N_("The export was cancelled; no file was written.")


class KeyError_(StateError):
    default_message = N_("The office keys cannot be used.")
