"""Start to a populated main window on the 100k-children database, and the memory it
takes, against a bare PySide6 window in the same run. Each start is a fresh process
(`bench.startup_probe`), timed from the moment it is launched, interpreter included.

Kenes starts the way `kenes` does: the login window first, while the database layer
loads; then the password; then the main window. What a person waits is the sum of the
two machine parts (start → login window, password → populated main window); the typing
in between is theirs. The probe types the password only once the load has finished, so
the sum is what someone typing a login and password in more than the load time waits;
the load time is reported too, and so is the start with no pause at all.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench.bench_registry import PASSWORD, demo_database


def _start(args: list[str], env: dict[str, str]) -> dict[str, float]:
    env = {**env, "BENCH_T0": repr(time.time())}
    out = subprocess.run([sys.executable, "-m", "bench.startup_probe", *args], env=env,
                         capture_output=True, text=True, check=True).stdout
    pairs = (item.split("=") for item in out.split())
    return {key: float(value) for key, value in pairs}


def run(quick: bool) -> list[tuple[str, float, float]]:
    db = demo_database()
    runs = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="kenes-bench-start-") as tmp:
        env = {**os.environ, "KENES_DATA_DIR": tmp, "QT_QPA_PLATFORM": "offscreen"}
        _start(["bare"], env)  # warm the file cache for both
        _start(["kenes", str(db), PASSWORD], env)
        bare, kenes = [], []
        for _ in range(runs):  # interleaved: a busy moment hurts both alike
            bare.append(_start(["bare"], env))
            kenes.append(_start(["kenes", str(db), PASSWORD], env))

    def med(samples: list[dict[str, float]], key) -> float:  # type: ignore[no-untyped-def]
        return statistics.median(key(s) for s in samples)

    window = med(bare, lambda s: s["shown"])
    return [
        ("start: login window shown, s", med(kenes, lambda s: s["login_shown"]), window),
        ("start: password given → populated main window (100k children), s",
         med(kenes, lambda s: s["main"]), window),
        ("start: what a person waits (the two above), s",
         med(kenes, lambda s: s["login_shown"] + s["main"]), window),
        ("start: database layer loaded behind the login window, s",
         med(kenes, lambda s: s["loaded"]), window),
        ("start with no typing pause (load + password → main window), s",
         med(kenes, lambda s: s["loaded"] + s["main"]), window),
        ("memory (max RSS) with 100k children, registry open: MB",
         med(kenes, lambda s: s["rss"]), med(bare, lambda s: s["rss"])),
    ]


if __name__ == "__main__":
    for figure, k, b in run(quick="--quick" in sys.argv):
        print(f"{figure}: Kenes {k:.3f}, bare {b:.3f}, ratio {k / b:.2f}")
