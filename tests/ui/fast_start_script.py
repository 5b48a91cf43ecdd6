"""Run by test_fast_start in a fresh interpreter: `kenes` on DB with PASSWORD typed.

Prints, one per line: whether SQLAlchemy was loaded when the login window showed, and
whether the main window came up populated after the password."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QDialogButtonBox

from app.peek import first_look
from app.ui.app_settings import Settings
from app.ui.qt_app import qt_application
from app.ui.startup import FastStart


def wait(app, condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError
        app.processEvents()
        time.sleep(0.005)


def main(path: Path, password: str) -> None:
    app = qt_application()
    look = first_look(path)
    assert look is not None
    start = FastStart(path, look, Settings())
    load = start.loader._load
    seen = {}

    def observed_load() -> None:  # what was there when the loading began
        seen["login shown"] = start.dialog.isVisible()
        seen["sqlalchemy loaded"] = "sqlalchemy" in sys.modules
        load()

    start.loader._load = observed_load
    start.loader.thread = type(start.loader.thread)(target=observed_load, daemon=True)
    start.start()
    wait(app, lambda: seen)
    for key, value in seen.items():
        print(f"{key}: {value}")
    start.dialog.login_edit.setText("admin")
    start.dialog.password_edit.setText(password)
    # Typed faster than the load: the check waits for it, nothing is lost.
    start.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    wait(app, lambda: start.controller is not None and start.controller.window is not None)
    app.processEvents()
    window = start.controller.window
    print(f"main window: {window.isVisible() and window.screens['dashboard']._loaded}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
