"""Typed settings: declared keys with defaults, stored by QSettings in the data folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from app.i18n import language_from_environment
from app.paths import data_dir

T = TypeVar("T")
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    default: T
    kind: type


LANGUAGE = Key[str | None]("ui/language", None, str)
IDLE_LOCK_MINUTES = Key[int]("security/idle_lock_minutes", 10, int)
WINDOW_GEOMETRY = Key[QByteArray | None]("window/geometry", None, QByteArray)
LAST_SCREEN = Key[int]("window/last_screen", 0, int)
BACKUP_FOLDER = Key[str | None]("backups/folder", None, str)  # None: backups/ beside the db
BACKUP_KEEP = Key[int]("backups/keep", 7, int)  # daily backups kept


class Settings:
    def __init__(self) -> None:
        # An INI file in the data folder: portable, and tests redirect it with the folder.
        self._qs = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
        if self._qs.value("meta/version", 0, int) != SETTINGS_VERSION:
            self._qs.setValue("meta/version", SETTINGS_VERSION)

    def get(self, key: Key[T]) -> T:
        if not self._qs.contains(key.name):
            return key.default
        value = self._qs.value(key.name, key.default, key.kind)
        return key.default if value is None else value

    def set(self, key: Key[T], value: T) -> None:
        if value is None:
            self._qs.remove(key.name)
        else:
            self._qs.setValue(key.name, value)
        self._qs.sync()

    def language(self) -> str:
        return self.get(LANGUAGE) or system_language()


def system_language() -> str:
    """KENES_LANG, else the system's language when Kenes speaks it, else Russian: the
    same rule as the command line's (app.i18n.language_from_environment)."""
    return language_from_environment()
