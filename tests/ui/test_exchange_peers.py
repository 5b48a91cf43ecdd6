"""Managing offices on the exchange screen: this office's card and keys, adding another
office from its card after comparing the fingerprint, trusting, revoking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import text

from app.domain.roles import Role
from app.i18n import set_language
from app.services import users
from app.sync import canonical, keys
from app.ui.app_settings import Settings
from app.ui.context import UiContext
from app.ui.exchange.peer_dialogs import NewPassphraseDialog, TrustAnswer, TrustDialog
from app.ui.exchange.screen import ExchangeScreen
from app.ui.ops import SyncRunner
from tests.sync import conftest as sync_fixtures
from tests.sync.exchange_world import PASS, snapshot

fast_kdf = sync_fixtures.fast_kdf  # offices A (the world's), R and B; A and R trust each other
offices = sync_fixtures.offices
LEFT = Qt.MouseButton.LeftButton


def _screen(qtbot, ctx, monkeypatch, **answers) -> ExchangeScreen:
    """The screen with its questions answered: ask_* by name (a value or a function)."""
    screen = ExchangeScreen(ctx)
    qtbot.addWidget(screen)
    monkeypatch.setattr(screen, "ask_passphrase", lambda: PASS)
    for name, answer in answers.items():
        monkeypatch.setattr(screen, f"ask_{name}", answer if callable(answer)
                            else (lambda *a, _v=answer, **k: _v))
    ctx.runner.sig_changed.connect(screen.on_changed)
    screen.resize(800, 800)
    screen.show()
    screen.ensure_loaded()
    return screen


def _card_file(office, path: Path) -> Path:
    with office.db.read_session() as s:
        path.write_bytes(canonical.dumps(keys.active_card(s)))
    return path


def _fingerprint(office) -> str:
    with office.db.read_session() as s:
        return keys.card_fingerprint(keys.active_card(s)["card"])


def _peer_row(screen: ExchangeScreen, office_id: str):
    return next((p for p in screen.peers.rows if p.office_id == office_id), None)


def _error_box(screen) -> QMessageBox:
    box = screen.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.text() == screen.status.text()
    return box


def _typed(fingerprint: str | None = None, tick: bool = False, untrusted: bool = False):
    """An ask_trust that fills the real dialog as a person would."""
    seen: list[TrustDialog] = []

    def ask(name, role, shown, *, adding, change=""):
        dialog = TrustDialog(name, role, shown, adding=adding, change=change)
        seen.append(dialog)
        if untrusted:
            dialog.untrusted_button.click()
        else:
            if fingerprint is not None:
                dialog.typed.setText(fingerprint)
            dialog.matches.setChecked(tick)
            dialog.trust_button.click()
        return dialog.answer

    ask.seen = seen  # type: ignore[attr-defined]
    return ask


# --- this office -------------------------------------------------------------------------

def test_own_fingerprint_is_shown_and_the_card_saved(qtbot, ctx, offices, monkeypatch,
                                                     tmp_path):
    out = tmp_path / "our"
    screen = _screen(qtbot, ctx, monkeypatch, card_path=str(out))
    fp = _fingerprint(offices["A"])
    assert screen.own_fingerprint.text() == fp and len(fp.split(" ")) == 12
    assert screen.own_fingerprint.isVisible() and screen.card_button.isVisible()
    assert not screen.create_keys_button.isVisible()
    qtbot.mouseClick(screen.card_button, LEFT)
    saved = out.with_suffix(".card")
    card = keys.verify_card(keys.parse_card(saved.read_bytes()))
    assert keys.card_fingerprint(card) == fp
    assert str(saved) in screen.status.text() and fp in screen.status.text()


def test_rotate_keeps_the_passphrase_and_offers_the_new_card(qtbot, ctx, offices,
                                                            monkeypatch, tmp_path):
    a = offices["A"]
    old = _fingerprint(a)
    asked: list[str] = []
    screen = _screen(qtbot, ctx, monkeypatch, card_path=str(tmp_path / "new.card"),
                     yes_no=lambda title, question: asked.append(question) or True)
    monkeypatch.setattr(screen, "ask_passphrase", lambda: PASS + " wrong")
    before = snapshot(a.db)
    qtbot.mouseClick(screen.rotate_button, LEFT)
    assert "Wrong passphrase" in screen.status.text()
    _error_box(screen).close()
    assert snapshot(a.db) == before and not asked

    monkeypatch.setattr(screen, "ask_passphrase", lambda: PASS)
    qtbot.mouseClick(screen.rotate_button, LEFT)
    new = _fingerprint(a)
    assert new != old and screen.own_fingerprint.text() == new
    assert "Send the new card" in asked[0]
    saved = keys.verify_card(keys.parse_card((tmp_path / "new.card").read_bytes()))
    assert saved["version"] == 2 and keys.card_fingerprint(saved) == new
    with a.db.read_session() as s:
        assert keys.unlock(s, PASS).version == 2


def test_create_keys_needs_the_passphrase_twice(qtbot, world, ctx, fast_kdf, monkeypatch):
    screen = _screen(qtbot, ctx, monkeypatch, new_passphrase=("first phrase", "frist phrase"),
                     yes_no=False)
    assert screen.create_keys_button.isVisible()
    assert not screen.card_button.isVisible() and not screen.rotate_button.isVisible()
    assert "no keys yet" in screen.own_label.text()
    before = snapshot(world.db)
    qtbot.mouseClick(screen.create_keys_button, LEFT)
    assert "not the same" in screen.status.text()
    _error_box(screen).close()
    assert snapshot(world.db) == before

    monkeypatch.setattr(screen, "ask_new_passphrase", lambda: (PASS, PASS))
    qtbot.mouseClick(screen.create_keys_button, LEFT)
    with world.db.read_session() as s:
        assert keys.unlock(s, PASS).version == 1
        fp = keys.card_fingerprint(keys.active_card(s)["card"])
    assert screen.own_fingerprint.text() == fp and fp in screen.status.text()
    assert not screen.create_keys_button.isVisible() and screen.card_button.isVisible()


def test_new_passphrase_dialog_hands_back_both_typings(qtbot):
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    dialog.first.setText("один раз")
    dialog.second.setText("два раза")
    assert dialog.passphrases() == ("один раз", "два раза")
    assert dialog.first.echoMode() == dialog.first.EchoMode.Password


# --- other offices ------------------------------------------------------------------------

def test_the_trust_dialog_shows_the_card_and_checks_the_typed_fingerprint(qtbot):
    fp = "1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678"
    dialog = TrustDialog("Район Б", "district", fp, adding=True)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Район Б" in texts and "District office" in texts
    assert "1234 5678 9012 3456 7890 1234\n5678 9012 3456 7890 1234 5678" in texts  # 2 lines
    assert not dialog.trust_button.isEnabled()
    dialog.typed.setText("1234 5678 0000")
    dialog.trust_button.click()
    assert dialog.answer is None and "does not match" in dialog.message.text()
    dialog.typed.setText(fp.replace(" ", "-"))
    dialog.trust_button.click()
    assert dialog.answer == TrustAnswer(fp.replace(" ", "-"))


def test_a_wrong_fingerprint_adds_nothing(qtbot, ctx, offices, monkeypatch, tmp_path):
    a, b = offices["A"], offices["B"]
    ask = _typed("1111 2222 3333 4444 5555 6666 7777 8888 9999 0000 1111 2222")
    screen = _screen(qtbot, ctx, monkeypatch, trust=ask,
                     card_path=str(_card_file(b, tmp_path / "b.card")))
    before = snapshot(a.db)
    qtbot.mouseClick(screen.add_button, LEFT)
    assert ask.seen and "does not match" in ask.seen[0].message.text()  # the dialog said so
    assert snapshot(a.db) == before
    # and if a wrong fingerprint reaches the service, it refuses it the same way
    monkeypatch.setattr(screen, "ask_trust", lambda *a, **k: TrustAnswer("0000 " * 12))
    qtbot.mouseClick(screen.add_button, LEFT)
    assert "does not match" in screen.status.text()
    _error_box(screen).close()
    assert snapshot(a.db) == before and _peer_row(screen, b.office_id) is None


def test_the_right_fingerprint_trusts_the_office_and_export_opens(qtbot, ctx, offices,
                                                                 monkeypatch, tmp_path):
    b = offices["B"]
    screen = _screen(qtbot, ctx, monkeypatch, trust=_typed(_fingerprint(b)),
                     card_path=str(_card_file(b, tmp_path / "b.card")))
    qtbot.mouseClick(screen.add_button, LEFT)
    row = _peer_row(screen, b.office_id)
    assert row is not None and row.trusted and not row.revoked
    assert "added and trusted" in screen.status.text()
    assert screen.selected_peer_id() == b.office_id
    assert screen.export_button.isEnabled() and not screen.trust_button.isEnabled()


def test_added_without_trust_then_trusted_by_the_trust_button(qtbot, ctx, offices,
                                                              monkeypatch, tmp_path):
    b = offices["B"]
    screen = _screen(qtbot, ctx, monkeypatch, trust=_typed(untrusted=True),
                     card_path=str(_card_file(b, tmp_path / "b.card")))
    qtbot.mouseClick(screen.add_button, LEFT)
    row = _peer_row(screen, b.office_id)
    assert row is not None and not row.trusted
    state = [screen.peers.index(screen.peers.rows.index(row), c).data()
             for c in range(screen.peers.columnCount())]
    assert "not trusted" in state
    assert screen.selected_peer_id() == b.office_id
    assert not screen.export_button.isEnabled() and screen.trust_button.isEnabled()

    monkeypatch.setattr(screen, "ask_trust", _typed("9" * 48))
    qtbot.mouseClick(screen.trust_button, LEFT)
    assert not _peer_row(screen, b.office_id).trusted  # the dialog refused the wrong digits
    monkeypatch.setattr(screen, "ask_trust", _typed(tick=True))
    qtbot.mouseClick(screen.trust_button, LEFT)
    assert _peer_row(screen, b.office_id).trusted
    assert screen.export_button.isEnabled() and not screen.trust_button.isEnabled()


@pytest.mark.parametrize("damage", ["signature", "not json"])
def test_a_tampered_card_is_refused_and_changes_nothing(qtbot, ctx, offices, monkeypatch,
                                                       tmp_path, damage):
    a, b = offices["A"], offices["B"]
    path = _card_file(b, tmp_path / "b.card")
    if damage == "signature":
        signed = json.loads(path.read_bytes())
        signed["card"]["name"] = "Подмена"
        path.write_bytes(canonical.dumps(signed))
    else:
        path.write_bytes(path.read_bytes()[:40])
    asked: list[object] = []
    screen = _screen(qtbot, ctx, monkeypatch, card_path=str(path),
                     trust=lambda *a, **k: asked.append(a))
    before = snapshot(a.db)
    qtbot.mouseClick(screen.add_button, LEFT)
    message = "signature does not match" if damage == "signature" else "not an office card"
    assert message in screen.status.text()
    _error_box(screen).close()
    assert not asked and snapshot(a.db) == before


def test_a_rotated_card_of_a_known_office_is_applied_after_a_question(qtbot, ctx, offices,
                                                                     monkeypatch, tmp_path):
    r = offices["R"]
    with r.db.session() as s:
        keys.rotate(s, PASS)
    questions: list[str] = []
    screen = _screen(qtbot, ctx, monkeypatch, card_path=str(_card_file(r, tmp_path / "r2")),
                     yes_no=lambda title, q: questions.append(q) or True)
    qtbot.mouseClick(screen.add_button, LEFT)
    assert "replaces the earlier card" in questions[0]
    row = _peer_row(screen, r.office_id)
    assert row.fingerprint == _fingerprint(r) and row.trusted


def test_revoke_asks_naming_the_office_and_disables_export(qtbot, ctx, offices, monkeypatch):
    a, r = offices["A"], offices["R"]
    questions: list[str] = []
    screen = _screen(qtbot, ctx, monkeypatch,
                     yes_no=lambda title, q: questions.append(q) or False)
    screen.select_peer(r.office_id)
    assert screen.export_button.isEnabled() and screen.revoke_button.isEnabled()
    before = snapshot(a.db)
    qtbot.mouseClick(screen.revoke_button, LEFT)
    assert len(questions) == 1 and "Revoke R?" in questions[0]
    assert snapshot(a.db) == before  # "No" changes nothing

    monkeypatch.setattr(screen, "ask_yes_no", lambda title, q: True)
    qtbot.mouseClick(screen.revoke_button, LEFT)
    row = _peer_row(screen, r.office_id)
    assert row.revoked and "revoked" in screen.status.text()
    assert screen.selected_peer_id() == r.office_id
    assert not screen.export_button.isEnabled() and not screen.revoke_button.isEnabled()
    with a.db.read_session() as s:
        assert s.execute(text("SELECT revoked_at FROM peer WHERE office_id = :o"),
                         {"o": r.office_id}).scalar()


def test_a_viewer_sees_the_fingerprint_but_no_management(qtbot, world, offices, monkeypatch):
    with world.db.session() as s:
        viewer = users.create_user(s, world.admin, login="viewer1", full_name="V",
                                   role=Role.VIEWER, password="long enough").actor()
    ctx = UiContext(SyncRunner(world.db), viewer, world.commission_id, Settings())
    screen = _screen(qtbot, ctx, monkeypatch)
    assert screen.own_fingerprint.text() == _fingerprint(offices["A"])
    for button in (screen.card_button, screen.rotate_button, screen.create_keys_button,
                   screen.add_button, screen.trust_button, screen.revoke_button):
        assert not button.isVisible()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_fits_the_smallest_screen_in_every_language(qtbot, offices, ctx, monkeypatch, lang):
    set_language(lang)
    screen = _screen(qtbot, ctx, monkeypatch)
    assert screen.minimumSizeHint().width() <= 800
    assert screen.add_button.text() != "Add office…"
