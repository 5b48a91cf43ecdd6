"""What encryption costs: the same Kenes operations on an encrypted (SQLCipher) and a plain
copy of the same database, in the same run, interleaved (goal: encrypted ≤ 1.3× plain).

- a filter keystroke in the registry of 100,000 children (the model reset and first page,
  the median over the keystrokes of bench_registry);
- the registry export of 100,000 children to .xlsx;
- the import of a package of row changes (bench_exchange's district → region package)
  into the region's database, encrypted or plain.

The plain copy is the baseline; both are copies of the cached demo made in this run.

    python -m bench.bench_encryption [--quick]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def run(quick: bool) -> list[tuple[str, float, float]]:
    saved = os.environ.get("KENES_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="kenes-bench-encryption-") as tmp:
        if saved is None:  # never the user's own data folder
            os.environ["KENES_DATA_DIR"] = str(Path(tmp) / "data")
        try:
            folder = Path(tmp)
            plain, encrypted, key = _copies(folder)
            rounds = 1 if quick else 3
            return [_keystroke(plain, encrypted, key, rounds),
                    _export(folder, plain, encrypted, key, 1 if quick else 3),
                    _import(folder, 20_000 if quick else 100_000)]
        finally:
            if saved is None:
                os.environ.pop("KENES_DATA_DIR", None)


def _copies(folder: Path) -> tuple[Path, Path, bytes]:
    from app import keyslots
    from app.db import open_database, sqlite
    from bench.bench_registry import demo_database

    demo = demo_database()
    open_database(demo).close()  # the cached file at the current schema
    plain = folder / "plain.db"
    sqlite.copy(demo, None, plain)
    key = keyslots.new_key()
    encrypted = folder / "encrypted.db"
    sqlite.encrypt_copy(plain, key, encrypted)
    return plain, encrypted, key


def _keystroke(plain: Path, encrypted: Path, key: bytes, rounds: int
               ) -> tuple[str, float, float]:
    from PySide6.QtCore import QCoreApplication

    from app.db import open_database
    from app.services import commissions
    from app.services.registry import RegistryFilter
    from app.ui.children.model import RegistryModel
    from app.ui.ops import OpRunner
    from bench.bench_registry import TYPED, keystrokes

    _app = QCoreApplication.instance() or QCoreApplication([])
    models = {}
    dbs = {"plain": open_database(plain), "encrypted": open_database(encrypted, key)}
    try:
        for name, db in dbs.items():
            runner = OpRunner(db)
            commission_id = runner.read(lambda s: commissions.list_commissions(s)[0].id)
            models[name] = RegistryModel(runner, commission_id)
            models[name].set_filter(RegistryFilter())  # warm
        times: dict[str, list[float]] = {"plain": [], "encrypted": []}
        for _ in range(rounds):
            for text in keystrokes(TYPED):
                for name, model in models.items():  # interleaved: the same machine state
                    start = time.perf_counter()
                    model.set_filter(RegistryFilter(text=text))
                    times[name].append(time.perf_counter() - start)
    finally:
        for db in dbs.values():
            db.close()
    return ("encryption: one filter keystroke on 100,000 children, encrypted vs plain, s",
            statistics.median(times["encrypted"]), statistics.median(times["plain"]))


def _export(folder: Path, plain: Path, encrypted: Path, key: bytes, rounds: int
            ) -> tuple[str, float, float]:
    from app.db import open_database
    from app.reports.xlsx_exports import write_registry
    from app.services import commissions
    from app.services import exports as stats
    from app.services.context import SYSTEM
    from app.services.registry import RegistryFilter

    times: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for n in range(rounds):
        for name, db in (("plain", open_database(plain)),
                         ("encrypted", open_database(encrypted, key))):
            try:
                with db.read_session() as s:
                    commission_id = commissions.list_commissions(s)[0].id
                start = time.perf_counter()
                with db.read_session() as s:
                    write_registry(stats.registry_export(s, SYSTEM, commission_id,
                                                         RegistryFilter(), lang="ru"),
                                   folder / f"{name}-{n}.xlsx", "ru")
                times[name].append(time.perf_counter() - start)
            finally:
                db.close()
    return ("encryption: registry export of 100,000 children to .xlsx, encrypted vs plain, s",
            statistics.median(times["encrypted"]), statistics.median(times["plain"]))


def _import(folder: Path, count: int) -> tuple[str, float, float]:
    """bench_exchange's package, imported into a plain and an encrypted copy of the
    region's database."""
    import dataclasses

    from app import keyslots
    from app.db import open_database, sqlite
    from app.demo.registry import child_rows
    from app.services import catalogs, children
    from app.services.context import SYSTEM, today
    from app.sync import exporter, importer, keys
    from bench.bench_exchange import PASS, _introduce, _office

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
    with district.session() as s:
        out = exporter.export(s, keys.unlock(s, PASS), region_card["card"]["office_id"])
    district.close()
    region.close()
    key = keyslots.new_key()
    plain = folder / "region-plain.db"
    shutil.copyfile(folder / "region.db", plain)
    encrypted = folder / "region-encrypted.db"
    sqlite.encrypt_copy(folder / "region.db", key, encrypted)
    times = {}
    for name, path, db_key in (("plain", plain, None), ("encrypted", encrypted, key)):
        db = open_database(path, db_key)
        start = time.perf_counter()
        with db.session() as s:
            result = importer.import_package(s, PASS, out.data, actor=SYSTEM)
        times[name] = time.perf_counter() - start
        db.close()
        assert result.applied == out.records
    return (f"encryption: import a package of {out.records:,} row changes, encrypted vs "
            "plain, s", times["encrypted"], times["plain"])


if __name__ == "__main__":
    for figure, k, b in run(quick="--quick" in sys.argv):
        print(f"{figure}: encrypted {k:.3f}, plain {b:.3f}, ratio {k / b:.2f}")
