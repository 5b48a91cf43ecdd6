"""`kenes report`, `kenes export registry|measures|decisions`, `kenes import children`:
exit status 0 and a file on success; 3 and the report when an import has bad rows
(nothing written); 1 and one line on stderr when refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app import cli, i18n, reports_cli
from app.domain.iin import Sex, make_iin
from app.models import Child
from app.services import users
from app.services.context import today
from tests.backends import backend, db_arg  # noqa: F401  (both databases)
from tests.conftest import ADMIN_PASSWORD
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan


@pytest.fixture
def kenes(world, monkeypatch, capsys):
    """Run `kenes --lang en ARGS --db DB --user admin`; returns (status, stdout, stderr)."""
    with world.db.session() as s:
        members = approve_members(s, world)
        past = plan(s, world, days(-30))
        mark_all_present(s, world.admin, past.id, members)
        decide_case(s, world, past.id, [days(-5), days(40)])
    monkeypatch.setattr(cli, "_plugins", lambda: [reports_cli.add_parser])
    monkeypatch.setattr(i18n, "_current", i18n.current_language())  # main() changes it
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)

    def run(*args: str, user: str = "admin") -> tuple[int, str, str]:
        code = cli.main(["--lang", "en", *args, "--db", db_arg(world.db), "--user", user])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _children(world) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(Child))


def test_report_writes_the_workbook(kenes, tmp_path):
    out = tmp_path / "report.xlsx"
    code, stdout, err = kenes("report", "--from", days(-60).isoformat(), "--to",
                              f"{days(0):%d.%m.%Y}", "--lang", "kk", "--out", str(out))
    assert (code, err) == (0, "") and str(out) in stdout
    book = load_workbook(out)
    # The title, the eight tables, then the outcomes by kind of measure and by body.
    assert len(book.worksheets) == 11
    assert book.worksheets[0]["B10"].value == 1  # one meeting held
    assert book.worksheets[9]["B7"].value == 2  # the two measures, of one kind
    code, _, err = kenes("report", "--from", "2026-01-01", "--to", "2026-02-01",
                         "--district", "Baianaul", "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "no territory named Baianaul" in _one_line(err)
    code, _, err = kenes("report", "--from", "2026-03-01", "--to", "2026-02-01",
                         "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "cannot be before its start" in _one_line(err)
    assert not (tmp_path / "x.xlsx").exists()


def test_exports_write_their_lists(kenes, tmp_path):
    for args, rows in ((["registry"], 1), (["registry", "--register", "on"], 0),
                       (["measures", "--view", "overdue"], 1), (["measures"], 2),
                       (["decisions", "--from", days(-60).isoformat(), "--to",
                         days(0).isoformat()], 1)):
        out = tmp_path / f"{'-'.join(args)}.xlsx"
        code, stdout, err = kenes("export", *args, "--out", str(out))
        assert (code, err) == (0, ""), args
        assert f"{rows} rows" in stdout
        assert load_workbook(out).active.max_row == rows + 1
    code, _, err = kenes("export", "registry", "--category", "no_such_code",
                         "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "no catalog entry" in _one_line(err)


def _list(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["Фамилия", "Имя", "ИИН", "Дата рождения", "Пол"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _kid(n: int) -> list[object]:
    born = today() - dt.timedelta(days=10 * 365 + n)
    return [f"Оспанов{n}", "Нурлан", make_iin(born, Sex.MALE, n), born, "М"]


def test_import_children(kenes, world, tmp_path):
    good = _list(tmp_path / "good.xlsx", [_kid(n) for n in range(1, 31)])
    before = _children(world)
    code, stdout, err = kenes("import", "children", str(good), "--dry-run")
    assert (code, err) == (0, "") and "30 to import" in stdout
    assert _children(world) == before
    code, stdout, err = kenes("import", "children", str(good))
    assert (code, err) == (0, "") and "Registered 30 children" in stdout
    assert _children(world) == before + 30
    code, stdout, err = kenes("import", "children", str(good))
    assert (code, err) == (0, "") and "30 already registered" in stdout
    assert _children(world) == before + 30

    rows = [_kid(n) for n in range(100, 110)]
    rows[4][3] = "someday"
    bad = _list(tmp_path / "bad.xlsx", rows)
    code, stdout, err = kenes("import", "children", str(bad))
    assert code == 3
    assert "row 6, column D (Дата рождения)" in stdout
    assert "1 rows have problems; nothing was written" in _one_line(err)
    assert _children(world) == before + 30


def test_import_with_a_mapping_file_and_duplicates(kenes, world, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Ф.И.О.", "Д/р", "Пол ребёнка"])
    born = today() - dt.timedelta(days=3000)
    ws.append(["Ахметов Ерлан Серикович", born, "м"])
    ws.append(["Ахметов Ерлан Серикович", born, "м"])  # no IIN: a likely duplicate
    path = tmp_path / "fio.xlsx"
    wb.save(path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"full_name": "A", "birth_date": 2, "sex": "Пол ребёнка"},
                                  ensure_ascii=False), "utf-8")
    before = _children(world)
    code, stdout, err = kenes("import", "children", str(path), "--mapping", str(mapping))
    assert (code, err) == (0, "")
    assert "row 3: likely duplicate" in stdout and "Skipped." in stdout
    assert _children(world) == before + 1
    code, stdout, err = kenes("import", "children", str(path), "--mapping", str(mapping),
                              "--import-duplicates", "all")
    assert (code, err) == (0, "") and "Registered 2 children" in stdout
    assert _children(world) == before + 3


def test_refusals(kenes, world, tmp_path, monkeypatch):
    good = _list(tmp_path / "good.xlsx", [_kid(1)])
    with world.db.session() as s:
        users.create_user(s, world.admin, login="viewer", full_name="Viewer",
                          role="viewer", password=ADMIN_PASSWORD)
    code, _, err = kenes("import", "children", str(good), user="viewer")
    assert code == 1 and "does not allow" in _one_line(err)
    code, _, err = kenes("import", "children", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "There is no file" in _one_line(err)
    monkeypatch.setenv("KENES_PASSWORD", "not the password")
    code, _, err = kenes("export", "registry", "--out", str(tmp_path / "r.xlsx"))
    assert code == 1 and "Wrong login or password" in _one_line(err)
    assert not (tmp_path / "r.xlsx").exists()
