"""`make screenshots`: every main screen and the live session on a demo database, in
Russian and Kazakh, into docs/screenshots/.

    python -m app.ui.screenshots --out docs/screenshots [--children 2000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEMO_PASSWORD = "screenshot-demo"
LANGS = ("ru", "kk")
WINDOW = (1366, 800)


@contextmanager
def demo(children: int) -> Iterator[tuple[object, object, str]]:
    """A demo database in a temporary data folder: (db, admin, commission id)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.db import open_database, unlock
    from app.demo import build_demo
    from app.demo.generator import DEMO_YEARS
    from app.services import commissions
    from app.services.users import log_in
    from app.ui.app import qt_application

    qt_application()
    saved = os.environ.get("KENES_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KENES_DATA_DIR"] = tmp  # keep the user's settings untouched
        path = Path(tmp) / "demo.db"
        build_demo(path, children=children, meetings=12, seed=1, password=DEMO_PASSWORD,
                   years=DEMO_YEARS)
        db = open_database(path, unlock(path, "admin", DEMO_PASSWORD))
        with db.session() as s:
            user = log_in(s, "admin", DEMO_PASSWORD)
            commission_id = commissions.list_commissions(s)[0].id
        assert user is not None
        try:
            yield db, user, commission_id
        finally:
            db.close()
            if saved is None:
                os.environ.pop("KENES_DATA_DIR", None)
            else:
                os.environ["KENES_DATA_DIR"] = saved


def capture_screens(out: Path, db, user, commission_id: str,  # type: ignore[no-untyped-def]
                    langs: tuple[str, ...] = LANGS) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from app.i18n import set_language
    from app.services import commissions
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow
    from app.ui.ops import SyncRunner

    written: list[Path] = []
    for lang in langs:
        set_language(lang)
        runner = SyncRunner(db)
        commission = runner.read(lambda s: commissions.get_commission(s, commission_id))
        ctx = UiContext(runner, user.actor(), commission_id, Settings())
        window = MainWindow(ctx, commission_name=commission.name(lang),
                            db_path=Path("kenes.db"))
        window.resize(*WINDOW)
        window.show()
        for spec in window.specs:
            window.show_screen(spec.key)
            QApplication.processEvents()
            target = out / f"{spec.key}-{lang}.png"
            window.grab().save(str(target))
            written.append(target)
            if spec.key == "settings":
                written.append(_backups_page(out, lang, window))
        window.close()
        window.deleteLater()
    return written


def _backups_page(out: Path, lang: str, window) -> Path:  # type: ignore[no-untyped-def]
    """Settings › Backups with the day's backup listed."""
    from PySide6.QtWidgets import QApplication

    from app.db import backups
    from app.ui.settings.backups import backup_folder

    screen = window.screen("settings")
    page = screen.backups
    folder = backup_folder(window.ctx)
    if not backups.list_backups(folder):
        backups.daily_backup(window.ctx.runner.db, folder)
    page.reload()
    page.table.selectRow(0)
    screen.tabs.setCurrentWidget(page)
    QApplication.processEvents()
    target = out / f"settings-backups-{lang}.png"
    window.grab().save(str(target))
    screen.tabs.setCurrentIndex(0)
    return target


def main() -> None:
    from app.ui.session import screenshots as session_screenshots

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--children", type=int, default=2000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with demo(args.children) as (db, user, commission_id):
        written = capture_screens(args.out, db, user, commission_id)
        written += session_screenshots.capture(args.out, db, user, commission_id, LANGS)
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
