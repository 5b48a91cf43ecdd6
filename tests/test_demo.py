"""The demo commission: complete, valid, synthetic and deterministic."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from app.db import open_database, unlock
from app.demo import build_demo, names
from app.domain.iin import validate_iin
from app.errors import StorageError
from app.integrity import check_file
from app.models import Child, Commission, Meeting
from app.models.enums import CatalogKind, Effectiveness, MeasureState, MeetingStatus
from app.services import catalogs, commissions, measures, users, voting
from app.services.context import today

PASSWORD = "demo-password"
SIZE = {"children": 300, "meetings": 6, "seed": 7}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One small demo for the module (a build takes seconds); opened read-mostly."""
    folder = tmp_path_factory.mktemp("demo")
    old = os.environ.get("KENES_DATA_DIR")
    os.environ["KENES_DATA_DIR"] = str(folder / "data")
    summary = build_demo(folder / "demo.db", password=PASSWORD, **SIZE)
    assert summary.recovery_key  # encrypted by default
    db = open_database(folder / "demo.db", unlock(folder / "demo.db", "admin", PASSWORD))
    with db.session() as s:
        commission_id = s.scalar(select(Commission.id))
    yield db, commission_id, summary
    db.engine.dispose()
    if old is None:
        os.environ.pop("KENES_DATA_DIR", None)
    else:
        os.environ["KENES_DATA_DIR"] = old


def _sql(db, sql: str) -> list[tuple]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(text(sql))]


def test_database_passes_the_integrity_check(demo):
    db, _, summary = demo
    assert check_file(summary.path, db.key) == []
    assert summary.children == 300 and summary.meetings_closed == 6


def test_composition_renewed_and_covers_every_organisation_kind(demo):
    db, commission_id, _ = demo
    with db.session() as s:
        acts = commissions.acts(s, commission_id)
        kinds = {e.id for e in catalogs.entries(s, CatalogKind.ORGANISATION_KIND)}
    assert len(acts) == 2
    newest, first = acts
    assert {m.organisation_kind_id for m in newest.members} == kinds
    assert newest.effective_from > first.effective_from
    replaced = {m.full_name for m in first.members} - {m.full_name for m in newest.members}
    assert replaced, "the renewal replaces some members"


def test_every_iin_is_valid_and_unique(demo):
    db, _, _ = demo
    iins = [r[0] for r in _sql(db, "SELECT iin FROM child WHERE iin IS NOT NULL")]
    assert len(iins) > 250
    assert [i for i in iins if validate_iin(i) is not None] == []
    assert len(set(iins)) == len(iins)


def test_kazakh_and_russian_names(demo):
    db, _, _ = demo
    rows = _sql(db, "SELECT surname || ' ' || first_name || ' ' || patronymic FROM child "
                    "UNION ALL SELECT full_name FROM membership "
                    "UNION ALL SELECT full_name FROM legal_representative")
    letters = set("".join(r[0] for r in rows).lower())
    assert set("әғқңөұүі") <= letters
    firsts = {r[0] for r in _sql(db, "SELECT first_name FROM child")}
    russian = set(names.RU_FEMALE) | {m[0] for m in names.RU_MALE}
    kazakh = set(names.KK_FEMALE) | set(names.KK_MALE)
    assert firsts & russian and firsts & kazakh
    patronymics = " ".join(r[0] for r in _sql(db, "SELECT patronymic FROM child"))
    assert "ұлы" in patronymics and "қызы" in patronymics and "овна" in patronymics


def test_measures_in_every_state(demo):
    db, commission_id, _ = demo
    on = today()
    with db.session() as s:
        every = measures.control_list(s, commission_id, on=on, view="all")
        overdue = measures.control_list(s, commission_id, on=on, view="overdue")
    states = {m.effective_state(on) for m in every}
    assert overdue and all(m.effective_state(on) is MeasureState.OVERDUE for m in overdue)
    assert {MeasureState.OVERDUE, MeasureState.REPORTED, MeasureState.ACCEPTED,
            MeasureState.CANCELLED} <= states
    results = {Effectiveness(r[0]) for r in _sql(db, "SELECT result FROM assessment")}
    assert results == set(Effectiveness)
    # A report the commission did not accept, and an assessment made at a control item.
    assert _sql(db, "SELECT count(*) FROM measure_report WHERE accepted = 0")[0][0] >= 1
    assert _sql(db, "SELECT count(*) FROM assessment a JOIN agenda_item i "
                    "ON i.id = a.agenda_item_id WHERE i.kind = 'control'")[0][0] >= 1


def test_recusal_late_arrival_and_a_tie_broken_by_the_presiding_member(demo):
    db, _, _ = demo
    assert _sql(db, "SELECT count(*) FROM recusal WHERE deleted = 0")[0][0] >= 1
    assert _sql(db, "SELECT count(*) FROM attendance WHERE arrived_item_id IS NOT NULL")[0][0]
    assert _sql(db, "SELECT count(*) FROM attendance WHERE present = 0 "
                    "AND absence_reason IS NOT NULL")[0][0] >= 6
    ties = _sql(db, "SELECT agenda_item_id FROM decision WHERE votes_for = votes_against "
                    "AND votes_for > 0 AND adopted = 1")
    assert ties
    with db.session() as s:
        assert voting.item_outcome(s, ties[0][0]).tie_broken_by_presiding
    assert _sql(db, "SELECT count(*) FROM dissenting_opinion")[0][0] >= 1


def test_past_meetings_closed_and_logins_work(demo):
    db, _, summary = demo
    with db.session() as s:
        statuses = [(m.date < today(), MeetingStatus(m.status)) for m in s.scalars(
            select(Meeting))]
        for login in ("admin", "chair", "secretary", "member", "viewer"):
            user = users.log_in(s, login, PASSWORD)
            assert user is not None and user.role.value == login
    assert all(st is MeetingStatus.CLOSED for past, st in statuses if past)
    assert summary.meetings_planned == 1
    kinds = {r[0] for r in _sql(db, "SELECT kind FROM agenda_item")}
    assert kinds == {"child_case", "general", "control", "organisational"}


def test_same_seed_same_data(demo, tmp_path, monkeypatch):
    db, _, summary = demo
    again = build_demo(tmp_path / "again.db", password=PASSWORD, **SIZE)
    assert replace(again, path=summary.path, recovery_key=summary.recovery_key) == summary
    assert again.recovery_key != summary.recovery_key
    query = select(Child.surname, Child.first_name, Child.patronymic, Child.iin).order_by(
        Child.id)
    other = open_database(tmp_path / "again.db", unlock(tmp_path / "again.db", "admin",
                                                         PASSWORD))
    try:
        with db.session() as s, other.session() as t:
            assert s.execute(query).all() == t.execute(query).all()
            assert s.scalar(select(func.count(Child.id))) == 300
    finally:
        other.engine.dispose()


def test_refuses_an_existing_database(tmp_path):
    target = tmp_path / "kenes.db"
    target.write_bytes(b"not empty")
    with pytest.raises(StorageError):
        build_demo(target, children=10, meetings=1, password=PASSWORD)
    assert target.read_bytes() == b"not empty"


def test_command_line(tmp_path, monkeypatch, capsys):
    from app.cli import main

    monkeypatch.setenv("KENES_PASSWORD", "another-password")
    target = tmp_path / "cli.db"
    assert main(["demo", "--db", str(target), "--children", "20", "--meetings", "2"]) == 0
    out = capsys.readouterr().out
    # Two meetings in each of the two years the CLI builds by default.
    assert "20 children" in out and "4 meetings closed" in out and "Recovery key" in out
    assert main(["demo", "--db", str(target), "--children", "20"]) != 0
    assert "already exists" in capsys.readouterr().err
