"""Exchange (issue 6): a district office registers N children, exports everything to the
regional office, and the regional office imports the package.

Figures: the import against raw sqlite3 executemany inserting the same rows (taken from
the package) into the same tables of an identical copy of the regional database, in the
same run; the export's speed; the package's size per 1,000 changes. The import includes
everything a person waits for: unlocking the office keys (Argon2id), decrypting,
checking, applying, the scope check and the commit.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

from app.db import Database, open_database
from app.demo.registry import child_rows
from app.services import catalogs, children, setup
from app.services.context import SYSTEM, today
from app.sync import exporter, importer, keys, package

PASS = "bench pass phrase"


def _office(path: Path, territory: str, name: str, role: str) -> tuple[Database, str, dict]:
    db = open_database(path)
    with db.session() as s:
        made = setup.initialise(
            s, commission_ru=f"КДН {name}", commission_kk=f"КДН {name}",
            territory_id=catalogs.find_territory(s, territory), admin_login="admin",
            admin_name="Admin", admin_password="bench-password")
        office_id = made.office_id
        card = keys.create_office_keys(s, PASS, keys.OfficeIdentity(
            office_id, name, catalogs.find_territory(s, territory), role))
    return db, made.commission.id, card


def _introduce(db: Database, card: dict) -> None:
    with db.session() as s:
        keys.add_peer(s, card, trust=keys.card_fingerprint(card["card"]))


NewRows = dict[tuple[str, tuple[str, ...]], list[tuple]]


def _new_rows(path: Path, records: list[list]) -> NewRows:
    """The package's inserted rows the database at `path` does not hold yet (the
    catalogs both offices hold are not), by (table, columns): what the import inserts."""
    by_table: NewRows = defaultdict(list)
    for _origin, _seq, _hlc, tbl, row_id, op, data, _base in records:
        if op == "I":
            by_table[(tbl, ("id", *data))].append((row_id, *data.values()))
    conn = sqlite3.connect(path)
    try:
        for (tbl, _cols), rows in by_table.items():
            held = {r[0] for r in conn.execute(f'SELECT id FROM "{tbl}"')}
            rows[:] = [r for r in rows if r[0] not in held]
    finally:
        conn.close()
    return by_table


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _raw_import(path: Path, new: NewRows) -> float:
    """Seconds for raw sqlite3 to executemany the new rows, table by table, into the same
    tables (the capture triggers quiet, as during an import) and commit."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("UPDATE sync_state SET applying = 1")
        start = time.perf_counter()
        conn.execute("BEGIN")
        for (tbl, cols), rows in new.items():
            conn.executemany(f'INSERT INTO "{tbl}" ({_quoted(cols)}) VALUES '
                             f'({", ".join("?" * len(cols))})', rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def _raw_import_bare(path: Path, new: NewRows) -> float:
    """The same rows into bare tables (same columns; no index, trigger or key): what the
    rows cost with nothing of the schema around them."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for n, (_tbl, cols) in enumerate(new):
            conn.execute(f"CREATE TABLE t{n} ({_quoted(cols)})")
        start = time.perf_counter()
        conn.execute("BEGIN")
        for n, ((_tbl, cols), rows) in enumerate(new.items()):
            conn.executemany(f"INSERT INTO t{n} VALUES ({', '.join('?' * len(cols))})", rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def _raw_export(path: Path) -> tuple[float, int]:
    """Seconds for raw sqlite3 to read every change-log row and zlib-compress them (the
    least an export must do), and the compressed size in bytes."""
    conn = sqlite3.connect(path)
    try:
        start = time.perf_counter()
        rows = conn.execute("SELECT origin, seq, hlc, tbl, row_id, op, data, base "
                            "FROM change_log ORDER BY origin, seq").fetchall()
        text = "\n".join("\t".join(map(str, r)) for r in rows).encode("utf-8")
        size = len(zlib.compress(text, 6))
        return time.perf_counter() - start, size
    finally:
        conn.close()


def run_once(folder: Path, count: int) -> dict[str, tuple[float, float]]:
    district, district_commission, district_card = _office(
        folder / "district.db", "Баянаульский район", "Баянаул", "district")
    region, _rc, region_card = _office(
        folder / "region.db", "Павлодарская область", "Павлодар", "region")
    _introduce(district, region_card)
    _introduce(region, district_card)
    with district.read_session() as s:
        bayanaul = catalogs.find_territory(s, "Баянаульский район")
    rows = [dataclasses.replace(r, district_id=bayanaul)
            for r in child_rows(3, count, today())]
    with district.session() as s:
        children.register_children(s, SYSTEM, district_commission, rows)

    start = time.perf_counter()
    with district.session() as s:
        out = exporter.export(s, keys.unlock(s, PASS), region_card["card"]["office_id"])
    export_s = time.perf_counter() - start
    district.close()
    raw_export_s, raw_size = _raw_export(district.path)

    with region.read_session() as s:
        own = keys.unlock(s, PASS)
    records = package.decode_records(package.open_(out.data, own.encryption))
    region.dispose()
    baseline_db = folder / "region-raw.db"
    shutil.copyfile(region.path, baseline_db)
    new = _new_rows(baseline_db, records)
    raw_s = _raw_import(baseline_db, new)
    bare_s = _raw_import_bare(folder / "bare.db", new)

    region = open_database(folder / "region.db")
    start = time.perf_counter()
    with region.session() as s:
        result = importer.import_package(s, PASS, out.data, actor=SYSTEM)
    import_s = time.perf_counter() - start
    region.close()
    assert result.applied == out.records, (result.counts(), out.records)

    n = out.records
    return {
        f"exchange: import a package of {n:,} row changes, s": (import_s, raw_s),
        "exchange: the same import against bare tables (no index, trigger or key), s":
            (import_s, bare_s),
        f"exchange: export {n:,} row changes, s ({n / export_s:,.0f} changes/s)":
            (export_s, raw_export_s),
        f"exchange: package size per 1,000 changes, KB ({len(out.data) / 1e6:.1f} MB in all)":
            (len(out.data) / n, raw_size / n),  # bytes per change = KB per 1,000
    }


def run(quick: bool) -> list[tuple[str, float, float]]:
    count = 20_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="kenes-bench-exchange-") as tmp:
        figures = run_once(Path(tmp), count)
    return [(name, k, b) for name, (k, b) in figures.items()]


if __name__ == "__main__":
    for figure, k, b in run(quick="--quick" in sys.argv):
        print(f"{figure}: Kenes {k:.3f}, baseline {b:.3f}, ratio {k / b:.2f}")
