"""Progress and cancel of large exchanges: a cancelled import leaves the database as it
was and can be done again; a cancelled export writes no file and logs no package."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.services import exchange_status as svc
from app.services.context import SYSTEM
from app.sync import importer
from app.sync.errors import ExportCancelled, ImportCancelled
from tests.sync.exchange_world import PASS, add_child, send, snapshot


def _cancel_at(limit: int, error, seen: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) >= limit:
            raise error()
    return progress


def test_a_cancelled_import_changes_nothing_and_can_be_done_again(
        offices, tmp_path, monkeypatch):
    a, r = offices["A"], offices["R"]
    kids = [add_child(a, f"Ребёнок{n}") for n in range(25)]
    path = tmp_path / "a-to-r.kenes"
    path.write_bytes(send(a, r))
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 10)  # several calls for 25 children
    before = snapshot(r.db)
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled), r.session() as s:
        svc.import_file(s, SYSTEM, PASS, path, progress=_cancel_at(2, ImportCancelled, seen))
    assert seen[0][0] == 0 and seen[1][0] == 10 and seen[0][1] >= len(kids)
    assert snapshot(r.db) == before

    seen.clear()
    with r.session() as s:
        result = svc.import_file(s, SYSTEM, PASS, path, progress=lambda d, t: seen.append((d, t)))
    assert result.applied >= len(kids)
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with r.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE surname LIKE 'Ребёнок%'")
                         ).scalar() == len(kids)


def test_a_cancelled_export_writes_no_file_and_logs_nothing(offices, tmp_path):
    a, r = offices["A"], offices["R"]
    add_child(a, "Отменённый")
    path = tmp_path / "out.kenes"
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled), a.session() as s:
        svc.export_to_file(s, SYSTEM, PASS, r.office_id, path,
                           progress=_cancel_at(3, ExportCancelled, seen))
    assert seen == [(0, 3), (1, 3), (2, 3)]
    assert not path.exists() and not path.with_name("out.kenes.part").exists()
    with a.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM package_log")).scalar() == 0
    with a.session() as s:  # and then it goes through
        assert svc.export_to_file(s, SYSTEM, PASS, r.office_id, path) >= 1
    assert path.stat().st_size > 0
