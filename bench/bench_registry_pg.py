"""One filter keystroke in the children's registry on 1,000,000 children on PostgreSQL
(a regional office's server). Goal: ≤ 30 ms median.

Kenes: the time from giving the registry model a new filter text to the first page
(200 rows) being in the model — `RegistryModel.set_filter` over a server database: the
query with every column the table shows (district, categories, register, overdue), the
rows as frozen dataclasses, the model reset. Baseline: raw psycopg running
`SELECT … FROM child WHERE search_key LIKE %s LIMIT 200` on the same database. Each
figure is the median over a sequence of keystrokes (surnames, a first name, an IIN typed
letter by letter), repeated.

The server is a throw-away cluster (tests/pg_cluster.py) on this machine; the children
are the demo's synthetic registry rows, loaded with COPY (a minute or two), then ANALYZE.

    python -m bench.bench_registry_pg [--quick] [--children N]
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time

CHILDREN = 1_000_000
TYPED = ("ахметова", "серікбаев", "нұрлан", "ким", "0905")
NO_MATCH = ("zzz", "qwerty", "юэя")
BASELINE_SQL = ("SELECT id, surname, first_name, patronymic, iin, birth_date FROM child "
                "WHERE search_key LIKE %s LIMIT 200")


def keystrokes(words: tuple[str, ...]) -> list[str]:
    return [word[:n] for word in words for n in range(1, len(word) + 1)]


def load_children(url: str, commission_id: str, district_id: str, count: int) -> None:
    """COPY `count` synthetic children into the server's child table."""
    import psycopg

    from app.demo.registry import child_rows
    from bench.common import COLUMNS

    district = COLUMNS.index("district_id")
    with psycopg.connect(url) as conn:
        with conn.cursor() as cur, cur.copy(
                f"COPY child ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            batch = []
            for row in child_rows(7, count, dt.date(2026, 11, 1)):
                batch.append(row)
                if len(batch) == 10_000:
                    _write(copy, batch, commission_id, district, district_id)
                    batch = []
            _write(copy, batch, commission_id, district, district_id)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE child")


def _write(copy, batch, commission_id, district, district_id) -> None:  # type: ignore[no-untyped-def]
    from bench.common import child_tuples

    for values in child_tuples(batch, commission_id):
        values = list(values)
        values[1] = False
        values[district] = district_id
        copy.write_row(values)


def run(quick: bool, children: int = CHILDREN) -> list[tuple[str, float, float]]:
    """[(figure, Kenes seconds, baseline seconds)], medians."""
    from tests.pg_cluster import TempCluster

    saved = os.environ.get("KENES_DATA_DIR")
    cluster = TempCluster().start()
    try:
        with tempfile.TemporaryDirectory(prefix="kenes-bench-registry-pg-") as tmp:
            if saved is None:  # never the user's own data folder
                os.environ["KENES_DATA_DIR"] = tmp
            try:
                return _measure(cluster, quick, children)
            finally:
                if saved is None:
                    os.environ.pop("KENES_DATA_DIR", None)
    finally:
        cluster.stop()


def _measure(cluster, quick: bool, children: int) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    import psycopg
    from PySide6.QtCore import QCoreApplication

    from app.db import open_database
    from app.domain.text import fold
    from app.services import catalogs, setup
    from app.services.registry import RegistryFilter
    from app.ui.children.model import RegistryModel
    from app.ui.ops import OpRunner

    url = cluster.create_database("region")
    db = open_database(url)
    with db.session() as s:
        district = catalogs.find_territory(s, "Баянаульский район")
        made = setup.initialise(s, commission_ru="КДН", commission_kk="КІЖҚҚК",
                                territory_id=district, admin_login="admin",
                                admin_name="Admin", admin_password="bench password")
    start = time.perf_counter()
    load_children(url, made.commission.id, district, children)
    print(f"loaded {children} children in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    _app = QCoreApplication.instance() or QCoreApplication([])
    raw = psycopg.connect(url)
    try:
        runner = OpRunner(db)
        model = RegistryModel(runner, made.commission.id)
        rounds = 1 if quick else 5
        figures = []
        label = f"{children:,}"
        for name, words in (
                (f"registry on PostgreSQL: one filter keystroke on {label} children "
                 "(model reset + first page), s", TYPED),
                (f"registry on PostgreSQL: a keystroke that matches nothing ({label} "
                 "children), s", NO_MATCH)):
            kenes, base = [], []
            model.set_filter(RegistryFilter())  # warm: statements compiled, pool filled
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
    n = CHILDREN
    if "--children" in sys.argv:
        n = int(sys.argv[sys.argv.index("--children") + 1])
    for figure, kenes_s, base_s in run("--quick" in sys.argv, n):
        print(f"{figure}: Kenes {kenes_s * 1000:.1f} ms, baseline {base_s * 1000:.1f} ms, "
              f"ratio {kenes_s / base_s:.1f}x")
