"""Packages carry the sender's audit head in the signed manifest; the receiving office
keeps the newest it saw per sender and flags (result, audit entry) one that went back."""

from __future__ import annotations

from sqlalchemy import text

from app import audit_anchor
from app.services import audit
from app.services.context import SYSTEM
from app.sync import keys, package
from tests.sync.exchange_world import PASS, add_child, receive, send


def test_the_head_travels_and_a_cut_log_is_flagged(offices):
    a, r = offices["A"], offices["R"]
    add_child(a, "Первый")
    with a.session() as s:  # the office's work, audited
        for n in range(5):
            audit.record(s, SYSTEM, "test.entry", None, None, n=n)
    data = send(a, r)
    with r.session() as s:
        opened = package.open_(data, keys.unlock(s, PASS).encryption)
    with a.db.engine.connect() as conn:
        count = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar()
    head = opened.manifest["audit_head"]
    assert head["count"] >= count - 1 and len(head["hash"]) == 64
    assert receive(r, data).audit_backwards is None
    assert audit_anchor.load(r.db.path)["peers"][a.office_id]["count"] == head["count"]
    # Office A's log is cut (someone with its file), then it sends again.
    with a.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER guard_audit_log_delete")
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq > 3")
    add_child(a, "Второй")
    result = receive(r, send(a, r))
    assert result.audit_backwards is not None
    assert result.audit_backwards["had"] == head["count"]
    with r.db.engine.connect() as conn:
        flagged = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = "
                                    "'sync.audit_head_backwards'")).scalar()
    assert flagged == 1
