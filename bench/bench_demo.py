"""`kenes demo --children N`: time and database size, against raw sqlite3 executemany of
the same N child rows into a bare table with the same columns."""

from __future__ import annotations

import time
from pathlib import Path

from app.demo import build_demo
from app.demo.registry import child_rows
from app.services.context import today

from .common import child_tuples, file_size, raw_insert

MEETINGS = 24


def run_once(folder: Path, *, children: int) -> dict[str, tuple[float, float]]:
    start = time.perf_counter()
    summary = build_demo(folder / "demo.db", children=children, meetings=MEETINGS, seed=1,
                         password="demo-password", encrypted=False)
    kenes_s = time.perf_counter() - start
    rows = child_tuples(list(child_rows(1, children, today())), "commission")
    raw_s = raw_insert(folder / "raw.db", rows)
    mb = 1024 * 1024
    label = f"demo --children {children} (+{summary.meetings_closed} meetings)"
    return {
        f"{label}: time, s": (kenes_s, raw_s),
        f"{label}: database size, MB": (file_size(summary.path) / mb,
                                        file_size(folder / "raw.db") / mb),
    }
