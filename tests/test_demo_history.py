"""The demo's years of history make the prevention figures worth reading: children come
back with new cases, are taken off the register, measures are assessed, and the outcomes
of measures show shares (n of 5 or more) rather than dashes."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from app.db import open_database
from app.demo import build_demo
from app.demo.returns import REMOVAL_REASON
from app.services import commissions, outcomes
from app.services.context import SYSTEM, today

PASSWORD = "demo-password"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-history")
    old = os.environ.get("KENES_DATA_DIR")
    os.environ["KENES_DATA_DIR"] = str(folder / "data")
    summary = build_demo(folder / "demo.db", children=200, meetings=12, years=2, seed=3,
                         password=PASSWORD, encrypted=False)
    db = open_database(folder / "demo.db")
    yield db, summary
    db.close()
    if old is None:
        os.environ.pop("KENES_DATA_DIR", None)
    else:
        os.environ["KENES_DATA_DIR"] = old


def _one(db, sql: str, **params):
    with db.read_session() as s:
        return s.execute(text(sql), params).one()


def test_two_years_of_meetings(history):
    db, summary = history
    assert summary.meetings_closed == 24
    first, last = _one(db, "SELECT min(date), max(date) FROM meeting WHERE status = 'closed'")
    assert first < (today().replace(year=today().year - 1)).isoformat() < last


def test_children_come_back_and_leave_the_register(history):
    db, _ = history
    (repeat,) = _one(db, "SELECT count(*) FROM (SELECT child_id FROM case_file "
                         "GROUP BY child_id HAVING count(*) > 1)")
    assert repeat >= 3
    # Removed at a later meeting, on its date, for the reason the commission gives.
    removed, at_meetings = _one(
        db, "SELECT count(*), sum(removed_on IN (SELECT date FROM meeting)) FROM "
            "register_entry WHERE removal_reason_ru = :r", r=REMOVAL_REASON)
    assert removed >= 2 and at_meetings == removed


def test_the_outcomes_show_shares(history):
    db, _ = history
    with db.read_session() as s:
        commission_id = commissions.list_commissions(s)[0].id
        on = today()
        result = outcomes.compute(s, SYSTEM, commission_id, on.replace(year=on.year - 2), on)
    total = result.total
    assert total.no_new_case_12m.value is not None and total.no_new_case_12m.n >= 5
    assert 0 < total.no_new_case_12m.k < total.no_new_case_12m.n  # some came back
    assert total.effective.value is not None
    shown = [r for r in result.by_kind if r.no_new_case_6m.value is not None]
    assert len(shown) >= 2
    assert any(r.removal.events for r in result.by_kind)
