"""Registering N children through the service (children.register_children, one call,
one transaction) against raw sqlite3 executemany of the same rows."""

from __future__ import annotations

import time
from pathlib import Path

from app.db import open_database
from app.demo.registry import child_rows
from app.services import catalogs, children, setup
from app.services.context import today

from .common import child_tuples, raw_insert


def run_once(folder: Path, *, count: int) -> dict[str, tuple[float, float]]:
    rows = list(child_rows(2, count, today()))
    db = open_database(folder / "kenes.db")
    try:
        with db.session() as s:
            made = setup.initialise(
                s, commission_ru="Комиссия", commission_kk="Комиссия",
                territory_id=catalogs.seed_id("territory", "kz_pavlodar"),
                admin_login="admin", admin_name="Admin", admin_password="bench-password")
        start = time.perf_counter()
        with db.session() as s:
            children.register_children(s, made.admin.actor(), made.commission.id, rows)
        kenes_s = time.perf_counter() - start
    finally:
        db.close()
    raw_s = raw_insert(folder / "raw.db", child_tuples(rows, made.commission.id))
    return {f"register_children, {count} rows: time, s": (kenes_s, raw_s)}
