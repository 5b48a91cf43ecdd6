"""Run every benchmark and print each figure beside its raw-library baseline.

    python -m bench.run [--quick] [--runs N] [--children N] [--register N]

Each figure is the median of several runs (3; 1 with --quick), every run in a fresh
temporary folder (its own data folder too, so the user's is never touched). The table
is printed and written to bench/results/latest.md (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy

RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"
Runner = Callable[[Path], dict[str, tuple[float, float]]]


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return [f"CPU: {cpu}, {os.cpu_count()} cores",
            f"OS: {platform.platform()}",
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"SQLAlchemy {sqlalchemy.__version__}"]


def isolated(module: str, quick: bool) -> dict[str, tuple[float, float]]:
    """`module.run(quick)` in a fresh interpreter; its figures come back as JSON."""
    code = ("import json, os, sys, importlib; "
            f"rows = importlib.import_module({module!r}).run({quick!r}); "
            "sys.stdout.write('\\n' + json.dumps(rows) + '\\n'); sys.stdout.flush(); "
            "os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    rows = json.loads(out.strip().splitlines()[-1])
    return {figure: (kenes, base) for figure, kenes, base in rows}


def measure(name: str, runner: Runner, runs: int) -> dict[str, tuple[float, float]]:
    """Median of `runs` runs for each figure the runner reports."""
    samples: dict[str, list[tuple[float, float]]] = {}
    for n in range(runs):
        with tempfile.TemporaryDirectory(prefix="kenes-bench-") as tmp:
            os.environ["KENES_DATA_DIR"] = str(Path(tmp) / "data")
            start = time.perf_counter()
            for figure, pair in runner(Path(tmp)).items():
                samples.setdefault(figure, []).append(pair)
            print(f"  {name}: run {n + 1}/{runs} took {time.perf_counter() - start:.1f} s",
                  file=sys.stderr)
    return {figure: (statistics.median(k for k, _ in pairs),
                     statistics.median(b for _, b in pairs))
            for figure, pairs in samples.items()}


def _num(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.3f}"


def table(figures: dict[str, tuple[float, float]]) -> list[str]:
    lines = ["| figure | Kenes | baseline | ratio |", "|---|---:|---:|---:|"]
    for figure, (kenes, base) in figures.items():
        ratio = f"{kenes / base:.1f}×" if base else "—"
        lines.append(f"| {figure} | {_num(kenes)} | {_num(base)} | {ratio} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run per figure")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3, 1 with --quick)")
    parser.add_argument("--children", type=int, default=100_000, help="children in the demo")
    parser.add_argument("--register", type=int, default=10_000,
                        help="children registered through the service")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)

    from bench import (
        bench_demo,
        bench_encryption,
        bench_exchange,
        bench_prevention,
        bench_protocol,
        bench_register,
        bench_registry,
        bench_startup,
        bench_xlsx,
    )

    def medians(module) -> Runner:  # type: ignore[no-untyped-def]
        """Modules whose run(quick) takes its own medians over many samples; each runs in
        a process of its own, since Qt allows one application object per process."""
        return lambda _d: isolated(module.__name__, args.quick)

    benches: list[tuple[str, Runner, str, int]] = [
        ("register", lambda d: bench_register.run_once(d, count=args.register),
         "raw sqlite3 executemany of the same rows into a bare table", runs),
        ("demo", lambda d: bench_demo.run_once(d, children=args.children),
         "raw sqlite3 executemany of the same child rows into a bare table", runs),
        ("protocol", bench_protocol.run_once,
         "a bare ReportLab document with the same pages and tables", runs),
        ("registry", medians(bench_registry),
         "the raw sqlite3 LIKE query with LIMIT 200 on the same database", 1),
        ("startup", medians(bench_startup),
         "a bare PySide6 main window, each a fresh process", 1),
        ("exchange", medians(bench_exchange),
         "raw sqlite3 executemany of the package's new rows into the same tables of an "
         "identical copy of the receiving database", 1),
        ("xlsx", medians(bench_xlsx), "a bare openpyxl write-only workbook of the same cells "
         "(export); openpyxl read-only read + raw sqlite3 executemany (import)", 1),
        ("encryption", medians(bench_encryption), "the same Kenes operation on a plain copy "
         "of the same database, interleaved", 1),
        ("prevention", medians(bench_prevention), "one raw sqlite3 query computing one of "
         "the figures (the share with no new case within 12 months, per kind) on the same "
         "file", 1),
    ]
    try:
        from bench import bench_session
    except ImportError:  # the live session arrives with its own issue
        pass
    else:
        benches.append(("session", medians(bench_session),
                        "the same writes with raw sqlite3", 1))
    saved = os.environ.get("KENES_DATA_DIR")
    figures: dict[str, tuple[float, float]] = {}
    notes = []
    try:
        for name, runner, baseline, times in benches:
            found = measure(name, runner, times)
            figures.update(found)
            notes += [f"- {figure}: baseline = {baseline}" for figure in found]
    finally:
        if saved is None:
            os.environ.pop("KENES_DATA_DIR", None)
        else:
            os.environ["KENES_DATA_DIR"] = saved
    report = [f"# Kenes benchmarks ({time.strftime('%Y-%m-%d %H:%M')}, median of {runs} "
              f"run{'s' if runs > 1 else ''})", "", *[f"- {m}" for m in machine()], "",
              *table(figures), "", *notes]
    print("\n".join(report))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(report) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
