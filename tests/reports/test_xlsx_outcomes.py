"""The outcomes workbook holds the service's figures cell by cell, hides every share of
fewer than five with its n still shown, and is written in Russian or Kazakh; `kenes
outcomes` writes it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app import cli, i18n, prevention_cli
from app.i18n import tr
from app.reports.xlsx_common import Cancelled, part_path
from app.reports.xlsx_outcomes import COLUMNS, HEADER_ROW, PERCENT, build_outcomes
from app.services import outcomes
from tests.conftest import ADMIN_PASSWORD
from tests.services.outcome_history import ON, PERIOD, build_history


@pytest.fixture
def result(world):
    with world.db.session() as s:
        build_history(s, world)
    with world.db.read_session() as s:
        return outcomes.compute(s, world.admin, world.commission_id, *PERIOD, on=ON)


def _share(ws, row: int, col: int, share) -> None:
    assert ws.cell(row, col).value == (None if share.value is None
                                       else pytest.approx(share.value))
    assert ws.cell(row, col).number_format == PERCENT
    assert ws.cell(row, col + 1).value == share.n  # n is always there


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_workbook_equals_the_figures(result, tmp_path, lang):
    book = load_workbook(build_outcomes(result, tmp_path / f"outcomes-{lang}.xlsx", lang))
    by_kind, by_body = book.worksheets
    assert by_kind["A1"].value == tr(lang, "Outcomes by kind of measure")
    assert by_kind["A2"].value == result.commission(lang)
    assert [by_kind.cell(HEADER_ROW, c).value for c in range(2, 2 + len(COLUMNS))] == [
        tr(lang, c) for c in COLUMNS]
    for ws, rows in ((by_kind, result.by_kind), (by_body, result.by_body)):
        for n, row in enumerate((*rows, result.total), start=HEADER_ROW + 1):
            assert ws.cell(n, 1).value == row.label.name(lang)
            assert (ws.cell(n, 2).value, ws.cell(n, 3).value) == (row.measures, row.children)
            _share(ws, n, 4, row.no_new_case_6m)
            _share(ws, n, 7, row.no_new_case_12m)
            _share(ws, n, 13, row.effective)
            assert ws.cell(n, 11).value == row.removal.n
        assert ws._charts  # the bar chart of the 12-month shares
    warning = by_kind.cell(HEADER_ROW + 1, 1).value
    assert warning == result.by_kind[0].label.name(lang)
    # Warnings: 4 of 6 with no new case in 12 months, interval shown; the Centre's three
    # children: n = 3 and no share.
    assert by_kind.cell(HEADER_ROW + 1, 7).value == pytest.approx(4 / 6)
    assert by_kind.cell(HEADER_ROW + 1, 9).value == "30–90%"
    assert by_kind.cell(HEADER_ROW + 1, 10).value == 181
    psy = HEADER_ROW + 2
    assert (by_kind.cell(psy, 7).value, by_kind.cell(psy, 8).value) == (None, 3)
    assert by_kind.cell(psy, 9).value is None


def test_a_cancelled_workbook_is_not_written(result, tmp_path):
    def progress(done: int, total: int) -> None:
        raise Cancelled()

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        build_outcomes(result, target, "ru", progress=progress)
    assert not target.exists() and not part_path(target).exists()


def test_kenes_outcomes(world, monkeypatch, capsys, tmp_path):
    with world.db.session() as s:
        build_history(s, world)
    monkeypatch.setattr(cli, "_plugins", lambda: [prevention_cli.add_parser])
    monkeypatch.setattr(i18n, "_current", i18n.current_language())
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)

    def kenes(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--lang", "en", "outcomes", *args, "--db", str(world.db.path),
                         "--user", "admin"])
        out, err = capsys.readouterr()
        return code, out, err

    out = tmp_path / "o.xlsx"
    code, stdout, err = kenes("--from", "01.01.2025", "--to", "2026-06-30", "--lang", "kk",
                              "--district", "Аксу", "--out", str(out))
    assert (code, err) == (0, "") and str(out) in stdout
    by_kind = load_workbook(out).worksheets[0]
    assert by_kind["A1"].value == tr("kk", "Outcomes by kind of measure")
    assert by_kind.cell(HEADER_ROW + 1, 2).value == 1  # one measure in that district
    code, _, err = kenes("--from", "2026-03-01", "--to", "2026-02-01", "--out",
                         str(tmp_path / "x.xlsx"))
    assert code == 1 and "cannot be before its start" in err.strip()
    assert not (tmp_path / "x.xlsx").exists()
