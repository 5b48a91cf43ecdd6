"""A rotating log in the data folder for unexpected errors (never personal data)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app.files import make_private
from app.paths import data_dir

_configured = False


def configure_logging() -> None:
    global _configured
    if _configured:
        return
    path = data_dir() / "kenes.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    make_private(path)  # rotated copies are renames of it: they keep the mode
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("kenes")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _configured = True
