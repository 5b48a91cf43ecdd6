"""Where Kenes keeps its files: the user's data folder and the resources folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.files import private_dir

APP_DIR_NAME = "Kenes"


def resources_dir() -> Path:
    """Fonts, catalogs and translations; inside the bundle when frozen by PyInstaller."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The per-user data folder, as Qt's AppDataLocation would choose it.

    KENES_DATA_DIR overrides it (tests, portable installs).
    """
    override = os.environ.get("KENES_DATA_DIR")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / APP_DIR_NAME
    return private_dir(path)


def default_db_path() -> Path:
    return data_dir() / "kenes.db"


def backups_dir() -> Path:
    return private_dir(data_dir() / "backups")
