"""Run as a separate process by bench_startup: open a window, report, exit.

    python -m bench.startup_probe bare            a bare PySide6 main window
    python -m bench.startup_probe kenes DB PASS   Kenes as `kenes` starts: the login
                                                  window, the password, the main window

Times are seconds since the parent started the process (BENCH_T0, wall clock), so the
interpreter start is included. Prints one line of key=value pairs.
"""

from __future__ import annotations

import os
import resource
import sys
import time

T0 = float(os.environ.get("BENCH_T0") or time.time())


def since_start() -> float:
    return time.time() - T0


def bare() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Kenes"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return {"shown": since_start()}


def kenes(db_path: str, password: str) -> dict[str, float]:
    from pathlib import Path

    from PySide6.QtWidgets import QDialogButtonBox

    from app.peek import first_look
    from app.ui.app_settings import Settings
    from app.ui.qt_app import qt_application
    from app.ui.startup import FastStart

    app = qt_application()
    path = Path(db_path)
    look = first_look(path)
    assert look is not None and look.has_accounts
    start = FastStart(path, look, Settings())
    start.start()
    app.processEvents()
    assert start.dialog.isVisible()
    login_shown = since_start()
    # A person types the login and password now; the database layer loads meanwhile.
    # The probe waits for that load, then "types" at once.
    while start.controller is None:
        app.processEvents()
        time.sleep(0.001)
    loaded = since_start()
    start.dialog.login_edit.setText("admin")
    start.dialog.password_edit.setText(password)
    typed = since_start()
    start.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    controller = start.controller
    while controller.window is None:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    window = controller.window
    # Populated: the first screen (dashboard) read its figures; then the registry of
    # every child is opened, so the memory figure includes a loaded 100k-children list.
    assert window.isVisible() and window.screens["dashboard"]._loaded
    main = since_start() - typed
    window.show_screen("children")
    app.processEvents()
    return {"login_shown": login_shown, "loaded": loaded, "main": main}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures = bare() if sys.argv[1] == "bare" else kenes(sys.argv[2], sys.argv[3])
    figures["rss"] = _rss_mb()
    print(" ".join(f"{k}={v:.4f}" for k, v in figures.items()))
    sys.stdout.flush()
    os._exit(0)  # skip teardown: the figure is the start, not the exit
