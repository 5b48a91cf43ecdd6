"""One filter keystroke in the children's registry on 100,000 children.

Kenes: the time from giving the registry model a new filter text to the first page
(200 rows) being in the model: `RegistryModel.set_filter` = the SQL query with every
column the table shows, the rows as frozen dataclasses, the model reset. Baseline:
the raw sqlite3 query `SELECT ... FROM child WHERE search_key LIKE ? LIMIT 200` on the
same database file. Each figure is the median over a realistic sequence of keystrokes
(surnames, a first name and an IIN typed letter by letter), repeated.

    python -m bench.bench_registry [--quick]

The 100,000-children demo database is built once by app.demo.build_demo into
bench/results/demo-100k.db (git-ignored) and reused.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

CHILDREN = 100_000
CACHE = Path(__file__).resolve().parent / "results" / f"demo-{CHILDREN // 1000}k.db"
PASSWORD = "bench-password"
# What a secretary types: the filter is applied after each letter.
TYPED = ("ахметова", "серікбаев", "нұрлан", "ким", "0905")
NO_MATCH = ("zzz", "qwerty", "юэя")
BASELINE_SQL = ("SELECT id, surname, first_name, patronymic, iin, birth_date FROM child "
                "WHERE search_key LIKE ? LIMIT 200")


def demo_database(path: Path = CACHE) -> Path:
    """The cached demo database, built on first use (about a minute and a half)."""
    if path.exists():
        return path
    from app.demo import build_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.stem + ".building.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    print(f"building {path.name} ({CHILDREN} children), once…", file=sys.stderr)
    build_demo(part, children=CHILDREN, meetings=24, seed=1, password=PASSWORD,
               encrypted=False)
    part.replace(path)
    return path


def keystrokes(words: tuple[str, ...]) -> list[str]:
    return [word[:n] for word in words for n in range(1, len(word) + 1)]


def run(quick: bool) -> list[tuple[str, float, float]]:
    """[(figure, Kenes seconds, baseline seconds)], medians."""
    saved = os.environ.get("KENES_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="kenes-bench-registry-") as tmp:
        if saved is None:  # never the user's own data folder
            os.environ["KENES_DATA_DIR"] = tmp
        try:
            return _measure(quick)
        finally:
            if saved is None:
                os.environ.pop("KENES_DATA_DIR", None)


def _measure(quick: bool) -> list[tuple[str, float, float]]:
    from PySide6.QtCore import QCoreApplication

    from app.db import open_database
    from app.domain.text import fold
    from app.services import commissions
    from app.services.registry import RegistryFilter
    from app.ui.children.model import RegistryModel
    from app.ui.ops import OpRunner

    path = demo_database()
    _app = QCoreApplication.instance() or QCoreApplication([])
    db = open_database(path)  # brings the cached file to the current schema
    raw = sqlite3.connect(path)
    try:
        runner = OpRunner(db)
        commission_id = runner.read(lambda s: commissions.list_commissions(s)[0].id)
        model = RegistryModel(runner, commission_id)
        rounds = 1 if quick else 5
        figures = []
        for name, words in (
                ("registry: one filter keystroke on 100,000 children "
                 "(model reset + first page), s", TYPED),
                ("registry: a keystroke that matches nothing "
                 "(every child is read), s", NO_MATCH)):
            kenes, base = [], []
            model.set_filter(RegistryFilter())  # warm: statements compiled, pages cached
            for _ in range(rounds):
                for text in keystrokes(words):
                    flt = RegistryFilter(text=text)
                    start = time.perf_counter()
                    model.set_filter(flt)
                    kenes.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    raw.execute(BASELINE_SQL, (f"%{fold(text)}%",)).fetchall()
                    base.append(time.perf_counter() - start)
            figures.append((name, statistics.median(kenes), statistics.median(base)))
        return figures
    finally:
        raw.close()
        db.close()


if __name__ == "__main__":
    for figure, kenes_s, base_s in run("--quick" in sys.argv):
        print(f"{figure}: Kenes {kenes_s * 1000:.1f} ms, baseline {base_s * 1000:.1f} ms, "
              f"ratio {kenes_s / base_s:.1f}x")
