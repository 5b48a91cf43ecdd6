"""A regional commission with 100,000 children and five years of cases, decisions,
measures, assessments and register entries, for the prevention benchmarks.

The services would take hours to record five years of meetings of this size, so the
rows go in with raw `executemany` into a database migrated and set up by Kenes (change
capture paused: nothing here is exchanged). The shape follows the demo: 120 meetings
(24 a year), 30,000 cases of 20,000 children (one in five come back), one decision per
case with one to three measures, most accepted and half assessed, two in five children
put on the register and most of them taken off it later. Meeting days are the 1st to
the 28th, so calendar months mean the same in Kenes and in SQLite's date() (which
overflows the 31st of a short month instead of clamping it).

Built once into bench/results/prevention-100k.db (git-ignored) and reused.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import random
import sqlite3
import sys
from pathlib import Path

from bench.common import COLUMNS, child_tuples

CHILDREN = 100_000
YEARS = 5
MEETINGS_PER_YEAR = 24
CASES = 30_000
CACHE = Path(__file__).resolve().parent / "results" / f"prevention-{CHILDREN // 1000}k.db"
PASSWORD = "bench-password"
BODIES = ("Отдел образования", "Отдел полиции", "Служба поддержки семьи",
          "Центр психологической помощи", "Школа-гимназия № 7", "Отдел опеки и попечительства",
          "Управление здравоохранения", "Центр занятости", "Детско-юношеский клуб",
          "Средняя школа № 12")
# Measure kind -> (weight, chance that the child comes back with a new case within a year)
KINDS = {"minor_warning": (30, 0.30), "minor_individual_prevention": (20, 0.18),
         "minor_psychological_help": (12, 0.15), "minor_leisure_engagement": (10, 0.12),
         "minor_school_recommendation": (10, 0.25), "parent_warning": (25, 0.28),
         "parent_family_support_referral": (10, 0.20), "register_put_on": (8, 0.22)}


def database(path: Path = CACHE) -> Path:
    """The cached database, built on first use (about a minute)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.stem + ".building.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    print(f"building {path.name} ({CHILDREN} children, {YEARS} years), once…",
          file=sys.stderr)
    build(part)
    part.replace(path)
    return path


def _ids(conn: sqlite3.Connection, catalog: str) -> dict[str, str]:
    return dict(conn.execute("SELECT code, id FROM catalog_item WHERE catalog = ?",
                             (catalog,)).fetchall())


def build(path: Path, *, seed: int = 1) -> None:
    from app.db import open_database
    from app.demo.registry import child_rows
    from app.domain.ids import new_id
    from app.services import catalogs, setup
    from app.services.context import today

    on = today()
    db = open_database(path)
    with db.session() as s:
        made = setup.initialise(
            s, commission_ru="Комиссия (бенчмарк)", commission_kk="Комиссия (бенчмарк)",
            territory_id=catalogs.seed_id("territory", "kz_pavlodar"), admin_login="admin",
            admin_name="Admin", admin_password=PASSWORD)
    commission_id = made.commission.id
    db.close()
    rng = random.Random(f"kenes-bench-prevention:{seed}")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sync_state SET applying = 1")
    kids = child_tuples(list(child_rows(seed, CHILDREN, on)), commission_id)
    conn.executemany(f"INSERT INTO child ({', '.join(COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(COLUMNS))})", kids)
    child_ids = [k[0] for k in kids]
    kinds, sources = _ids(conn, "measure_kind"), _ids(conn, "source")
    categories = list(_ids(conn, "category").values())
    start = on - dt.timedelta(days=365 * YEARS)
    meetings = []
    for n in range(YEARS * MEETINGS_PER_YEAR):
        d = start + dt.timedelta(days=round(n * 365 / MEETINGS_PER_YEAR))
        d = d.replace(day=min(d.day, 28))
        meetings.append((new_id(), d))
    conn.executemany(
        "INSERT INTO meeting (id, deleted, commission_id, year, number, date, place_ru, kind, "
        "status) VALUES (?, 0, ?, ?, ?, ?, 'Зал', 'regular', 'closed')",
        [(mid, commission_id, d.year, n + 1, d.isoformat()) for n, (mid, d) in
         enumerate(meetings)])
    # Children with cases: one in five, and a case brings the next with the kind's odds.
    pool = rng.sample(child_ids, 20_000)
    order = itertools.count()
    events = [(start + dt.timedelta(days=rng.randint(0, 365 * YEARS - 40)), next(order), c)
              for c in pool]
    heapq.heapify(events)
    dates = [d for _i, d in meetings]
    rows = {t: [] for t in ("case", "item", "decision", "measure", "assessment", "register")}
    numbers: dict[int, int] = {}
    on_register: dict[str, list] = {}
    weights = [w for w, _ in KINDS.values()]
    while events and len(rows["case"]) < CASES:
        received, _n, child = heapq.heappop(events)
        at = bisect.bisect_right(dates, received)  # the next meeting after the case came in
        if at == len(meetings) or dates[at] >= on:
            continue
        meeting_id, m_date = meetings[at]
        year = received.year
        numbers[year] = numbers.get(year, 0) + 1
        case_id, item_id, decision_id = new_id(), new_id(), new_id()
        rows["case"].append((case_id, commission_id, child, year, numbers[year],
                             received.isoformat(), sources["police"], rng.choice(categories),
                             "Материал", "closed"))
        rows["item"].append((item_id, meeting_id, len(rows["item"]) + 1, case_id))
        rows["decision"].append((decision_id, meeting_id, item_id, len(rows["decision"]) + 1,
                                 child))
        chosen = set(rng.choices(list(KINDS), weights, k=rng.randint(1, 3)))
        comeback = max(KINDS[k][1] for k in chosen)
        for kind in chosen:
            measure_id = new_id()
            deadline = m_date + dt.timedelta(days=rng.randint(14, 90))
            state = ("assigned" if deadline >= on else
                     rng.choices(("accepted", "assigned", "cancelled"), (85, 12, 3))[0])
            rows["measure"].append((measure_id, decision_id, child, kinds[kind], "Мера",
                                    rng.choice(BODIES), deadline.isoformat(), state))
            if state == "accepted" and rng.random() < 0.5:
                result = rng.choices(("effective", "partly", "not_effective", "too_early"),
                                     (50, 25, 12, 13))[0]
                rows["assessment"].append((new_id(), measure_id,
                                           (deadline + dt.timedelta(days=10)).isoformat(),
                                           result))
        if child not in on_register and rng.random() < 0.4:
            removed = m_date + dt.timedelta(days=rng.randint(90, 700))
            entry = [new_id(), child, m_date.isoformat(), "Постановление комиссии",
                     removed.isoformat() if removed < on and rng.random() < 0.8 else None]
            on_register[child] = entry
            rows["register"].append(entry)
        if rng.random() < comeback:
            heapq.heappush(events, (m_date + dt.timedelta(days=rng.randint(20, 365)),
                                    next(order), child))
    conn.executemany(
        "INSERT INTO case_file (id, deleted, commission_id, child_id, year, number, "
        "received_on, source_id, category_id, description_ru, status) VALUES "
        "(?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["case"])
    conn.executemany(
        "INSERT INTO agenda_item (id, deleted, meeting_id, position, kind, title_ru, case_id, "
        "rights_explained, status, time_spent_s) VALUES (?, 0, ?, ?, 'child_case', 'Материал', "
        "?, 1, 'decided', 0)", rows["item"])
    conn.executemany(
        "INSERT INTO decision (id, deleted, meeting_id, agenda_item_id, number, child_id, "
        "text_ru, votes_for, votes_against, abstained, adopted) VALUES "
        "(?, 0, ?, ?, ?, ?, 'Решение', 7, 0, 0, 1)", rows["decision"])
    conn.executemany(
        "INSERT INTO measure (id, deleted, decision_id, child_id, kind_id, text_ru, "
        "responsible_body_ru, deadline, state) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
        rows["measure"])
    conn.executemany(
        "INSERT INTO assessment (id, deleted, measure_id, assessed_on, result) VALUES "
        "(?, 0, ?, ?, ?)", rows["assessment"])
    conn.executemany(
        "INSERT INTO register_entry (id, deleted, child_id, put_on, reason_ru, removed_on) "
        "VALUES (?, 0, ?, ?, ?, ?)", rows["register"])
    conn.execute("UPDATE sync_state SET applying = 0")
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
