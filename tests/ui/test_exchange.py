"""The exchange screen: peers, export/import through files, refusals, the conflict inbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from app.ui.app_settings import Settings
from app.ui.context import UiContext
from app.ui.exchange.screen import ExchangeScreen
from app.ui.ops import SyncRunner
from app.ui.screens import screen_specs
from tests.sync import conftest as sync_fixtures
from tests.sync.exchange_world import PASS, add_child, receive, send, set_field, snapshot

fast_kdf = sync_fixtures.fast_kdf  # the exchange fixtures: offices A, R, B
offices = sync_fixtures.offices


def _screen(qtbot, ctx, monkeypatch, path: Path | None = None) -> ExchangeScreen:
    screen = ExchangeScreen(ctx)
    qtbot.addWidget(screen)
    monkeypatch.setattr(screen, "ask_passphrase", lambda: PASS)
    if path is not None:
        monkeypatch.setattr(screen, "ask_path", lambda save, suggested="": str(path))
    ctx.runner.sig_changed.connect(screen.on_changed)  # as the main window wires it
    screen.resize(1200, 800)
    screen.show()
    screen.ensure_loaded()
    return screen


def _r_ctx(world, r) -> UiContext:
    return UiContext(SyncRunner(r.db), world.admin, r.commission_id, Settings())


def test_wired_in_navigation(ctx, offices):
    spec = next(s for s in screen_specs() if s.key == "exchange")
    assert isinstance(spec.factory(ctx), ExchangeScreen)


def test_peers_table_shows_r_with_fingerprint_and_trust(qtbot, ctx, offices, monkeypatch,
                                                         qtmodeltester):
    r = offices["R"]
    screen = _screen(qtbot, ctx, monkeypatch)
    model = screen.peers
    assert model.rowCount() == 1
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    fp = r.card["card"]
    from app.sync import keys
    assert keys.card_fingerprint(fp) in texts
    assert "R" in texts
    assert "trusted" in texts
    assert not screen.export_button.isEnabled()  # nothing chosen yet
    screen.select_peer(r.office_id)
    assert screen.export_button.isEnabled()
    qtmodeltester.check(model)


def test_export_via_screen_then_import_at_r(qtbot, world, ctx, offices, monkeypatch,
                                            tmp_path, qtmodeltester):
    a, r = offices["A"], offices["R"]
    add_child(a, "Экспортов")
    out = tmp_path / "a-to-r.kenes"
    screen = _screen(qtbot, ctx, monkeypatch, out)
    pending = screen.peers.rows[0].pending
    assert pending > 0
    screen.select_peer(r.office_id)
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"KENES")
    assert "changes" in screen.status.text()
    assert screen.peers.rows[0].last_sent  # refreshed through sig_changed

    r_screen = _screen(qtbot, _r_ctx(world, r), monkeypatch, out)
    assert r_screen.history.rowCount() == 0
    qtbot.mouseClick(r_screen.import_button, Qt.MouseButton.LeftButton)
    assert "changes applied" in r_screen.status.text()
    with r.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE surname = 'Экспортов'")
                         ).scalar() == 1
    assert r_screen.history.rowCount() == 1
    assert r_screen.history.rows[0].peer_name == "A"
    assert r_screen.history.rows[0].applied > 0
    qtmodeltester.check(r_screen.history)


def test_tampered_file_is_refused_and_changes_nothing(qtbot, world, ctx, offices,
                                                      monkeypatch, tmp_path):
    a, r = offices["A"], offices["R"]
    add_child(a, "Подделка")
    data = bytearray(send(a, r))
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "tampered.kenes"
    bad.write_bytes(bytes(data))
    before = snapshot(r.db)
    r_screen = _screen(qtbot, _r_ctx(world, r), monkeypatch, bad)
    qtbot.mouseClick(r_screen.import_button, Qt.MouseButton.LeftButton)
    assert "not imported" in r_screen.status.text() or "refused" in r_screen.status.text()
    box = r_screen.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.text() == r_screen.status.text()
    box.close()
    assert snapshot(r.db) == before


def test_drop_of_a_kenes_file_imports_it(qtbot, world, ctx, offices, monkeypatch, tmp_path):
    a, r = offices["A"], offices["R"]
    add_child(a, "Перетащен")
    path = tmp_path / "drop.kenes"
    path.write_bytes(send(a, r))
    r_screen = _screen(qtbot, _r_ctx(world, r), monkeypatch)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    r_screen.dropEvent(event)
    assert "changes applied" in r_screen.status.text()
    with r.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE surname = 'Перетащен'")
                         ).scalar() == 1


@pytest.mark.parametrize("reverse", [True, False])
def test_conflict_in_inbox_and_resolution(qtbot, ctx, offices, monkeypatch, qtmodeltester,
                                          reverse):
    a, r = offices["A"], offices["R"]
    cid = add_child(a, "Спор")
    receive(r, send(a, r))
    set_field(a, "child", cid, "surname", "Местная")
    set_field(r, "child", cid, "surname", "Пришлая")
    res = receive(a, send(r, a))
    assert res.conflicts == 1
    screen = _screen(qtbot, ctx, monkeypatch)
    model = screen.conflicts
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:2] == ["Child", "Surname"]  # people read names, not "child", "surname"
    assert {"Местная", "Пришлая"} <= set(row)
    qtmodeltester.check(model)
    assert not screen.reverse_button.isEnabled()
    screen.conflict_view.selectRow(0)
    with a.db.read_session() as s:
        applied = s.execute(text("SELECT surname FROM child WHERE id = :i"),
                            {"i": cid}).scalar()
    button = screen.reverse_button if reverse else screen.keep_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with a.db.read_session() as s:
        status = s.execute(text("SELECT status FROM conflict")).scalar()
        now = s.execute(text("SELECT surname FROM child WHERE id = :i"), {"i": cid}).scalar()
    assert status == ("reversed" if reverse else "confirmed")
    other = ({"Местная", "Пришлая"} - {applied}).pop()
    assert now == (other if reverse else applied)
    assert model.rowCount() == 0  # the inbox shows open conflicts only


def test_a_cancelled_import_changes_nothing_and_says_so(qtbot, world, offices, monkeypatch,
                                                        tmp_path):
    from PySide6.QtWidgets import QPushButton

    from app.sync import importer
    from app.ui.exchange import screen as screen_module
    from app.ui.progress import ProgressTask

    a, r = offices["A"], offices["R"]
    for n in range(12):
        add_child(a, f"Отмена{n}")
    path = tmp_path / "a-to-r.kenes"
    path.write_bytes(send(a, r))
    calls = []

    class CancelAtSecond(ProgressTask):
        def callback(self, done: int, total: int) -> None:
            calls.append((done, total))
            if len(calls) == 2:  # the person presses Cancel in the progress dialog
                self.dialog.findChild(QPushButton).click()
            super().callback(done, total)

    monkeypatch.setattr(screen_module, "ProgressTask", CancelAtSecond)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 5)
    before = snapshot(r.db)
    screen = _screen(qtbot, _r_ctx(world, r), monkeypatch)
    errors = []
    monkeypatch.setattr(screen_module, "show_failure", lambda *a: errors.append(a))
    screen.import_path(path)
    assert calls[:2] == [(0, calls[0][1]), (5, calls[0][1])]
    assert screen.status.text() == "The import was cancelled; nothing of the package was imported."
    assert snapshot(r.db) == before and not errors and screen.progress is None
    screen.import_path(path)  # again, to the end
    assert screen.status.text().startswith("Imported:") and screen.progress is None


def test_conflicting_dates_read_as_dates(qtbot, ctx, offices, monkeypatch):
    a, r = offices["A"], offices["R"]
    cid = add_child(a, "Датов")
    receive(r, send(a, r))
    set_field(a, "child", cid, "birth_date", "2012-02-03")
    set_field(r, "child", cid, "birth_date", "2011-12-30")
    assert receive(a, send(r, a)).conflicts == 1
    screen = _screen(qtbot, ctx, monkeypatch)
    row = [screen.conflicts.index(0, c).data() for c in range(screen.conflicts.columnCount())]
    assert row[1] == "Date of birth" and {"03.02.2012", "30.12.2011"} <= set(row)
