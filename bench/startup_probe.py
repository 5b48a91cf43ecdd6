"""Run as a separate process by bench_startup: open a window, report, exit.

    python -m bench.startup_probe bare            a bare PySide6 main window
    python -m bench.startup_probe kenes DB PASS   Kenes's main window on DB, logged in

Prints one line: "<seconds until the window is shown and populated> <max RSS in MB>".
The parent measures the whole process too (interpreter start included).
"""

from __future__ import annotations

import os
import resource
import sys
import time

START = time.perf_counter()


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Kenes"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()


def kenes(db_path: str, password: str) -> None:
    from pathlib import Path

    from app.db import open_database
    from app.services.users import log_in
    from app.ui.app import Controller, qt_application
    from app.ui.app_settings import Settings

    app = qt_application()
    db = open_database(Path(db_path))
    controller = Controller(db, Settings())
    with db.session() as s:
        user = log_in(s, "admin", password)
    controller.open_main(user)
    window = controller.window
    app.processEvents()
    # Populated: the first screen (dashboard) read its figures; then the registry of
    # every child is opened, so the memory figure includes a loaded 100k-children list.
    assert window.screens["dashboard"]._loaded
    shown = time.perf_counter() - START
    window.show_screen("children")
    app.processEvents()
    print(f"{shown:.4f} {_rss_mb():.1f}")
    os._exit(0)  # skip teardown: the figure is the start, not the exit


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "bare":
        bare()
        print(f"{time.perf_counter() - START:.4f} {_rss_mb():.1f}")
    else:
        kenes(sys.argv[2], sys.argv[3])
