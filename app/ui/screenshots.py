"""`make screenshots`: every main screen on a demo database, in Russian and Kazakh.

    python -m app.ui.screenshots --out docs/screenshots [--children 2000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

DEMO_PASSWORD = "screenshot-demo"


def capture(out: Path, *, children: int, langs: tuple[str, ...] = ("ru", "kk")) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.db import open_database
    from app.demo import build_demo
    from app.i18n import set_language
    from app.services.users import log_in
    from app.ui.app import qt_application
    from app.ui.app_settings import Settings
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow
    from app.ui.ops import SyncRunner

    app = qt_application()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KENES_DATA_DIR"] = tmp  # keep the user's settings untouched
        path = Path(tmp) / "demo.db"
        build_demo(path, children=children, meetings=12, seed=1, password=DEMO_PASSWORD)
        db = open_database(path)
        with db.session() as s:
            user = log_in(s, "admin", DEMO_PASSWORD)
        assert user is not None
        from app.services import commissions

        for lang in langs:
            set_language(lang)
            commission = SyncRunner(db).read(lambda s: commissions.list_commissions(s)[0])
            ctx = UiContext(SyncRunner(db), user.actor(), commission.id, Settings())
            window = MainWindow(ctx, commission_name=commission.name(lang), db_path=Path(
                "kenes.db"))
            window.resize(1366, 800)
            window.show()
            for spec in window.specs:
                window.show_screen(spec.key)
                app.processEvents()
                target = out / f"{spec.key}-{lang}.png"
                window.grab().save(str(target))
                written.append(target)
            window.close()
            window.deleteLater()
        db.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--children", type=int, default=2000)
    args = parser.parse_args()
    for path in capture(args.out, children=args.children):
        print(path)


if __name__ == "__main__":
    main()
