"""Prevention figures on 100,000 children and five years of cases (bench/prevention_world.py).

- outcomes: `outcomes.compute` over the five years — every figure of the Prevention
  screen (per kind and per body: measures, children, no new case within 6 and 12
  months, Kaplan–Meier median to removal, assessed effective). Baseline: one raw sqlite3
  query computing one of those figures, the share of children with no new case within
  12 months per measure kind, on the same file. The bench checks that both agree.

Each figure is the median of several runs in one process (statements warm).

    python -m bench.bench_prevention [--quick]
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time

BASELINE_OUTCOMES = """
WITH firsts AS (
  SELECT ms.kind_id AS kind_id, ms.child_id AS child_id, min(mt.date) AS d
  FROM measure ms JOIN decision dc ON dc.id = ms.decision_id
  JOIN meeting mt ON mt.id = dc.meeting_id
  WHERE mt.commission_id = :c AND mt.deleted = 0 AND dc.deleted = 0 AND ms.deleted = 0
    AND mt.date BETWEEN :f AND :t AND ms.state != 'cancelled' AND ms.child_id IS NOT NULL
  GROUP BY ms.kind_id, ms.child_id)
SELECT kind_id, count(*),
  sum(NOT EXISTS (SELECT 1 FROM case_file c WHERE c.child_id = firsts.child_id
                  AND c.deleted = 0 AND c.received_on > firsts.d
                  AND c.received_on <= date(firsts.d, '+12 months')))
FROM firsts WHERE date(d, '+12 months') <= :on GROUP BY kind_id
"""


def _median(fn, rounds: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run(quick: bool) -> list[tuple[str, float, float]]:
    saved = os.environ.get("KENES_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="kenes-bench-prevention-") as tmp:
        if saved is None:  # never the user's own data folder
            os.environ["KENES_DATA_DIR"] = tmp
        try:
            return _measure(quick)
        finally:
            if saved is None:
                os.environ.pop("KENES_DATA_DIR", None)


def _measure(quick: bool) -> list[tuple[str, float, float]]:
    from app.db import open_database
    from app.services import commissions, outcomes
    from app.services.context import SYSTEM, today
    from bench.prevention_world import YEARS, database

    path = database()
    db = open_database(path)
    raw = sqlite3.connect(path)
    rounds = 3 if quick else 7
    on = today()
    first = on.replace(year=on.year - YEARS)
    try:
        with db.read_session() as s:
            commission_id = commissions.list_commissions(s)[0].id
            kenes, result = _median(lambda: outcomes.compute(
                s, SYSTEM, commission_id, first, on, on=on), rounds)
        params = {"c": commission_id, "f": first.isoformat(), "t": on.isoformat(),
                  "on": on.isoformat()}
        base, rows = _median(lambda: raw.execute(BASELINE_OUTCOMES, params).fetchall(),
                             rounds)
        codes = dict(raw.execute("SELECT id, code FROM catalog_item").fetchall())
        raw_shares = {codes[k]: (clean, n) for k, n, clean in rows}
        kenes_shares = {r.key: (r.no_new_case_12m.k, r.no_new_case_12m.n)
                        for r in result.by_kind if r.no_new_case_12m.n}
        assert raw_shares == kenes_shares, (raw_shares, kenes_shares)
        return [(f"outcomes of {YEARS} years of measures, {result.total.measures} measures, "
                 f"{result.total.children} children of 100,000 (s)", kenes, base)]
    finally:
        raw.close()
        db.close()


if __name__ == "__main__":
    for figure, kenes_s, base_s in run("--quick" in sys.argv):
        print(f"{figure}: Kenes {kenes_s * 1000:.1f} ms, baseline {base_s * 1000:.1f} ms, "
              f"ratio {kenes_s / base_s:.1f}x")
