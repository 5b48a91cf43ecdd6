"""The audit chain cannot be cut silently: its head is anchored outside the file (MACed
with a key derived from the database key when encrypted) at every meeting close, backup
and package export; `kenes check` names a truncation, an emptied log, a rewrite with the
later hashes recomputed, and a forged anchor. Packages carry the head; a receiving
office flags a sender whose head went backwards."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from app import audit_anchor
from app.cli import main
from app.db import open_database
from app.db.create import create_database
from app.integrity import check
from app.services import audit, catalogs, closing, setup
from app.services.audit import entry_hash
from app.services.context import SYSTEM
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan

PASSWORD = "a long admin password"


def _build(db):
    with db.session() as s:
        return setup.initialise(
            s, commission_ru="КДН", commission_kk="КІЖҚҚК",
            territory_id=catalogs.find_territory(s, "Баянаульский район"),
            admin_login="admin", admin_name="Admin", admin_password=PASSWORD)


@pytest.fixture
def anchored(tmp_path):
    """An encrypted database with ten more audit entries and an anchor (a backup)."""
    path = tmp_path / "kenes.db"
    created = create_database(path, _build)
    db = open_database(path, created.key)
    with db.session() as s:
        for n in range(10):
            audit.record(s, SYSTEM, "test.entry", None, None, n=n)
    db.backup_to(tmp_path / "backup.db")  # anchors the head
    return db


def _raw(db, *statements):
    """What someone holding the file (and, here, the key) does to it: the guard
    triggers dropped, rows changed."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER guard_audit_log_update")
        conn.exec_driver_sql("DROP TRIGGER guard_audit_log_delete")
        for sql in statements:
            conn.exec_driver_sql(sql)


def _anchor_problems(db):
    return [p for p in check(db) if "anchor" in p or p.startswith("audit log:")]


def test_an_untouched_chain_passes(anchored):
    assert _anchor_problems(anchored) == []
    anchored.close()


def test_deleting_the_last_entries_is_named_a_truncation(anchored):
    _raw(anchored, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)")
    problems = _anchor_problems(anchored)
    assert len(problems) == 1 and "truncated" in problems[0] and "(backup)" in problems[0]
    anchored.close()


def test_emptying_the_log_is_named(anchored):
    _raw(anchored, "DELETE FROM audit_log")
    problems = _anchor_problems(anchored)
    assert len(problems) == 1 and "the log holds 0" in problems[0]
    anchored.close()


def test_a_rewrite_with_recomputed_hashes_is_named(anchored):
    """Edit an entry and recompute every later hash: the chain itself verifies again,
    the anchor does not."""
    with anchored.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, at, user_id, action, entity, entity_id, details, prev_hash "
            "FROM audit_log ORDER BY seq").all()
    fixes, prev = [], None
    for seq, at, user_id, action, entity, entity_id, details, prev_hash in rows:
        if seq == 3:
            details = json.dumps({"n": "rewritten"})
        prev = prev_hash if prev is None else prev
        digest = entry_hash(prev, seq, at, user_id, action, entity, entity_id, details)
        fixes.append((details, prev, digest, seq))
        prev = digest
    _raw(anchored)
    with anchored.engine.begin() as conn:
        for details, prev_hash, digest, seq in fixes:
            conn.exec_driver_sql("UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? "
                                 "WHERE seq = ?", (details, prev_hash, digest, seq))
    problems = check(anchored)
    assert not [p for p in problems if p.startswith("audit entry")]  # the chain verifies
    assert any("differs from the anchor" in p for p in problems), problems
    anchored.close()


def test_a_forged_anchor_is_named(anchored):
    path = audit_anchor.anchors_path(anchored.path)
    data = json.loads(path.read_text())
    data["anchors"].append({"count": 3, "hash": "f" * 64, "at": "2030-01-01T00:00:00+00:00",
                            "reason": "backup", "mac": "00" * 32})
    path.write_text(json.dumps(data))
    problems = _anchor_problems(anchored)
    assert any("does not verify" in p for p in problems)
    assert not any("truncated" in p or "differs" in p for p in problems)  # it is ignored
    anchored.close()


def test_kenes_check_names_it_on_the_command_line(anchored, monkeypatch, capsys):
    _raw(anchored, "DELETE FROM audit_log WHERE seq > 5")
    path = anchored.path
    anchored.close()
    monkeypatch.setenv("KENES_PASSWORD", PASSWORD)
    assert main(["check", "--db", str(path), "--user", "admin"]) == 3
    assert "truncated" in capsys.readouterr().err


def test_closing_a_meeting_anchors_the_head(world):
    with world.db.session() as s:
        members = approve_members(s, world, 5)
        meeting = plan(s, world, days(-2), starts_at=dt.time(10, 0))
        mark_all_present(s, world.admin, meeting.id, members)
        decide_case(s, world, meeting.id, [days(30)])
    with world.db.session() as s:
        closing.close_meeting(s, world.admin, meeting.id, ends_at=dt.time(12, 0))
        count = s.execute(text("SELECT max(seq) FROM audit_log")).scalar()
    anchors = audit_anchor.load(world.db.path)["anchors"]
    assert anchors[-1]["reason"] == "meeting_close" and anchors[-1]["count"] == count


def test_a_rolled_back_close_leaves_no_anchor(world):
    with pytest.raises(RuntimeError), world.db.session() as s:
        audit_anchor.after_commit(s, "meeting_close")
        raise RuntimeError
    assert audit_anchor.load(world.db.path)["anchors"] == []


def test_a_sender_whose_head_goes_backwards_is_flagged(tmp_path):
    path = tmp_path / "r.db"
    first = audit_anchor.receive_peer_head(path, "office-a", {"count": 10, "hash": "a"}, "p1")
    again = audit_anchor.receive_peer_head(path, "office-a", {"count": 12, "hash": "b"}, "p2")
    back = audit_anchor.receive_peer_head(path, "office-a", {"count": 7, "hash": "c"}, "p3")
    same = audit_anchor.receive_peer_head(path, "office-a", {"count": 12, "hash": "x"}, "p4")
    assert first is None and again is None
    assert back == {"office": "office-a", "had": 12, "now": 7, "package": "p3"}
    assert same is not None and same["had"] == 12
    assert audit_anchor.load(path)["peers"]["office-a"]["count"] == 12
