"""Excel: the registry export of 100,000 children, and importing a list of 10,000.

Export — Kenes: the whole user action of "Registry…" on the Reports screen: the export
logged in the audit log, then the registry query streamed page by page into an openpyxl
write-only workbook with typed cells, saved. Baseline: a bare openpyxl write-only
workbook of the same cells (the same values, already in memory), saved.

Import — Kenes: `child_import` on a fresh database: the .xlsx read in read-only mode,
the columns guessed, every row checked, duplicates looked up, then all rows written
through children.register_children. Baseline: the same file read with openpyxl in
read-only mode plus raw sqlite3 executemany of the rows into a bare table.

    python -m bench.bench_xlsx [--quick]

The 100,000-children demo database is bench/results/demo-100k.db (bench_registry).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

IMPORT_ROWS = 10_000
HEADERS = ("Фамилия", "Имя", "Отчество", "ИИН", "Дата рождения", "Пол", "Район", "Школа",
           "Класс", "Адрес")


def run(quick: bool) -> list[tuple[str, float, float]]:
    """[(figure, Kenes seconds, baseline seconds)], medians."""
    saved = os.environ.get("KENES_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="kenes-bench-xlsx-") as tmp:
        if saved is None:  # never the user's own data folder
            os.environ["KENES_DATA_DIR"] = str(Path(tmp) / "data")
        try:
            rounds = 1 if quick else 3
            return [_export(Path(tmp), rounds), _import(Path(tmp), rounds)]
        finally:
            if saved is None:
                os.environ.pop("KENES_DATA_DIR", None)


def _export(folder: Path, rounds: int) -> tuple[str, float, float]:
    from openpyxl import Workbook

    from app.db import open_database
    from app.reports.xlsx_exports import write_registry
    from app.services import commissions, users
    from app.services import exports as stats
    from app.services.registry import RegistryFilter
    from bench.bench_registry import PASSWORD, demo_database

    db = open_database(demo_database())
    try:
        with db.session() as s:
            user = users.log_in(s, "secretary", PASSWORD)
            commission_id = commissions.list_commissions(s)[0].id
        assert user is not None
        actor = user.actor()
        with db.read_session() as s:
            rows = list(stats.registry_export(s, actor, commission_id, RegistryFilter(),
                                              lang="ru"))
        cells = [[n, r.full_name, r.birth_date, r.iin, r.district, r.school,
                  r.categories or None, "да" if r.on_register else None, r.curator_name,
                  r.overdue_count] for n, r in enumerate(rows, start=1)]
        header = ["№", "Ф. И. О.", "Дата рождения", "ИИН", "Район", "Школа",
                  "Категории риска", "На учёте", "Куратор", "Просроченные меры"]
        del rows
        kenes, base = [], []
        for n in range(rounds):
            start = time.perf_counter()
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Дети")
            ws.append(header)
            for row in cells:
                ws.append(row)
            wb.save(folder / f"bare-{n}.xlsx")
            base.append(time.perf_counter() - start)

            start = time.perf_counter()
            with db.session() as s:
                stats.record_export(s, actor, "registry", commission_id)
            with db.read_session() as s:
                written = write_registry(
                    stats.registry_export(s, actor, commission_id, RegistryFilter(),
                                          lang="ru"), folder / f"kenes-{n}.xlsx", "ru")
            kenes.append(time.perf_counter() - start)
            assert written == len(cells)
    finally:
        db.close()
    return (f"registry export to .xlsx, {len(cells)} children: time, s",
            statistics.median(kenes), statistics.median(base))


def _list_file(path: Path) -> tuple[Path, str]:
    from openpyxl import Workbook

    from app.demo.registry import child_rows
    from app.services import catalogs
    from app.services.context import today

    names = {catalogs.seed_id("territory", code): name for code, name in (
        ("kz_pavlodar_pavlodar_city", "город Павлодар"),
        ("kz_pavlodar_ekibastuz_city", "город Экибастуз"),
        ("kz_pavlodar_aksu_city", "город Аксу"))}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Список")
    ws.append(list(HEADERS))
    for c in child_rows(3, IMPORT_ROWS, today()):
        ws.append([c.surname, c.first_name, c.patronymic, c.iin, c.birth_date,
                   "М" if c.sex.value == "M" else "Ж", names.get(c.district_id or "", ""),
                   c.school, c.grade, c.address])
    wb.save(path)
    return path, "kz_pavlodar"


def _import(folder: Path, rounds: int) -> tuple[str, float, float]:
    from openpyxl import load_workbook

    from app.db import open_database
    from app.domain.ids import new_id
    from app.domain.text import fold
    from app.reports.xlsx_read import read_sheet
    from app.services import catalogs, child_import, import_mapping, setup
    from bench.common import COLUMNS, raw_insert

    path, territory = _list_file(folder / "list.xlsx")
    kenes, base = [], []
    for n in range(rounds):
        db = open_database(folder / f"import-{n}.db")
        try:
            with db.session() as s:
                made = setup.initialise(
                    s, commission_ru="Комиссия", commission_kk="Комиссия",
                    territory_id=catalogs.seed_id("territory", territory),
                    admin_login="admin", admin_name="Admin", admin_password="bench-password")
            start = time.perf_counter()
            sheet = read_sheet(path)
            mapping = import_mapping.initial_mapping(sheet.headers)
            with db.session() as s:
                # Synthetic names repeat: the few likely duplicates are imported as well,
                # as a user who ticked them would (the baseline writes every row too).
                report = child_import.import_children(
                    s, made.admin.actor(), made.commission.id, sheet, mapping, write=True,
                    import_duplicates={row for row, _values in sheet.rows})
            kenes.append(time.perf_counter() - start)
            assert report.ok and report.written == IMPORT_ROWS, (
                report.problems[:3], report.duplicates[:3], report.written)
        finally:
            db.close()

        start = time.perf_counter()
        wb = load_workbook(path, read_only=True)
        values = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
        wb.close()
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        tuples = []
        for surname, first, patronymic, iin, born, sex, _district, school, grade, address \
                in values:
            row = dict(id=new_id(), deleted=0, commission_id=made.commission.id,
                       surname=surname, first_name=first, patronymic=patronymic, iin=iin,
                       birth_date=born.date().isoformat(), sex="M" if sex == "М" else "F",
                       school_ru=school, grade=grade, address_ru=address,
                       search_key=fold(f"{surname} {first} {patronymic or ''} {iin or ''}"))
            tuples.append(tuple(row.get(c) for c in COLUMNS))
        convert_s = time.perf_counter() - start
        base.append(read_s + convert_s + raw_insert(folder / f"raw-{n}.db", tuples))
    return (f"import children from .xlsx, {IMPORT_ROWS} rows (read, check, write): time, s",
            statistics.median(kenes), statistics.median(base))


if __name__ == "__main__":
    for figure, kenes_s, base_s in run("--quick" in sys.argv):
        print(f"{figure}: Kenes {kenes_s:.2f} s, baseline {base_s:.2f} s, "
              f"ratio {kenes_s / base_s:.2f}x")
