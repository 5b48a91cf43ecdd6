"""Start to a populated main window on the 100k-children database, and the memory it
takes, against a bare PySide6 window in the same run. Each start is a fresh process
(`bench.startup_probe`), timed from outside, interpreter start included."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.bench_registry import PASSWORD, demo_database


def _start(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    begin = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "bench.startup_probe", *args], env=env,
                         capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - begin
    _inner, rss = out.split()
    return wall, float(rss)


def run(quick: bool) -> list[tuple[str, float, float]]:
    db = demo_database()
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="kenes-bench-start-") as tmp:
        env = {**os.environ, "KENES_DATA_DIR": tmp, "QT_QPA_PLATFORM": "offscreen"}
        _start(["bare"], env)  # warm the file cache for both
        _start(["kenes", str(db), PASSWORD], env)
        bare = [_start(["bare"], env) for _ in range(runs)]
        kenes = [_start(["kenes", str(db), PASSWORD], env) for _ in range(runs)]
    return [
        ("start to a populated main window, 100k children: s",
         statistics.median(k for k, _ in kenes), statistics.median(b for b, _ in bare)),
        ("memory (max RSS) with 100k children, registry open: MB",
         statistics.median(r for _, r in kenes), statistics.median(r for _, r in bare)),
    ]


if __name__ == "__main__":
    for figure, k, b in run(quick="--quick" in sys.argv):
        print(f"{figure}: Kenes {k:.3f}, bare {b:.3f}, ratio {k / b:.2f}")

