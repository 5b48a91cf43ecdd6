"""Two Kenes processes on one database: a 50,000-row import (the CLI) while another
process writes. The import checks its rows without the write lock and writes them in one
short transaction, so the other process goes on writing meanwhile; no write is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from openpyxl import Workbook
from sqlalchemy import text

from app.db import DatabaseBusy, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.services.test_child_import import HEADERS, _row

ROWS = 50_000


def test_a_50000_row_import_while_another_process_writes(world, tmp_path):
    book = tmp_path / "list.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Список")
    ws.append(HEADERS)
    for n in range(1, ROWS + 1):
        ws.append(_row(n))
    wb.save(book)
    path = world.db.path
    env = {**os.environ, "KENES_PASSWORD": ADMIN_PASSWORD, "KENES_LANG": "en"}
    importer = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "import", "children", str(book), "--db", str(path),
         "--user", "admin"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    written, busy, during = [], 0, 0
    n = 0
    while importer.poll() is None:
        n += 1
        try:
            with world.db.session() as s:  # the other process: small writes, one by one
                s.execute(text("UPDATE commission SET name_kk = :p"), {"p": f"Комиссия {n}"})
            written.append(n)
            during += importer.poll() is None
        except DatabaseBusy:
            busy += 1
        time.sleep(0.05)
    out, err = importer.communicate()
    assert importer.returncode == 0, err
    with world.db.engine.connect() as conn:
        children = conn.execute(text("SELECT count(*) FROM child")).scalar()
        phone = conn.execute(text("SELECT name_kk FROM commission")).scalar()
        logged = conn.execute(text(
            "SELECT count(*) FROM change_log WHERE tbl = 'commission'")).scalar()
    assert children == ROWS
    assert during >= 3, (during, busy)  # it wrote while the rows were being checked
    assert phone == f"Комиссия {written[-1]}"  # the last acknowledged write is there
    assert logged >= len(written)  # and every one was captured: none lost
    reopened = open_database(path)
    reopened.close()


def test_rows_are_checked_without_holding_the_write_lock(world, tmp_path, monkeypatch):
    """The mechanism, deterministically: while the CLI checks the rows, another
    connection can take the write lock at once (timeout 0)."""
    import sqlite3

    from app.cli import main
    from app.services import child_import

    book = tmp_path / "small.xlsx"
    wb = Workbook()
    wb.active.append(HEADERS)
    for n in range(1, 6):
        wb.active.append(_row(n))
    wb.save(book)
    seen: list[str] = []
    real = child_import._Rows.parse

    def parse(self, row, values):  # type: ignore[no-untyped-def]
        if not seen:
            other = sqlite3.connect(world.db.path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                seen.append("free")
            except sqlite3.OperationalError:
                seen.append("locked")
            finally:
                other.close()
        return real(self, row, values)

    monkeypatch.setattr(child_import._Rows, "parse", parse)
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)
    assert main(["import", "children", str(book), "--db", str(world.db.path),
                 "--user", "admin"]) == 0
    assert seen == ["free"]
    with world.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM child")).scalar() == 5
