"""Export → import between offices: convergence, no-op re-import, scope, conflicts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

import app.models as m
from app.domain.ids import new_id
from app.sync import exporter
from app.sync.errors import AlreadyImported, PackageRefused
from tests.sync.exchange_world import (
    PASS,
    add_child,
    data_of,
    receive,
    send,
    set_field,
    snapshot,
)


def test_export_import_converges_and_reimport_is_a_no_op(offices):
    a, r = offices["A"], offices["R"]
    kid = add_child(a, "Ахметов")
    data = send(a, r)
    res = receive(r, data)
    assert res.applied >= 1 and not res.gaps
    with r.db.read_session() as s:
        assert s.execute(text("SELECT surname FROM child WHERE id = :i"),
                         {"i": kid}).scalar() == "Ахметов"
        # the change keeps its own (origin, seq); triggers did not capture it again
        with a.db.read_session() as sa:
            a_origin = sa.execute(text("SELECT origin FROM sync_state")).scalar()
        assert s.execute(text("SELECT count(*) FROM change_log WHERE row_id = :i"),
                         {"i": kid}).scalar() == 1
        assert s.execute(text("SELECT origin FROM change_log WHERE row_id = :i"),
                         {"i": kid}).scalar() == a_origin
        assert s.execute(text("SELECT applying FROM sync_state")).scalar() == 0
        audit = s.execute(text("SELECT action, details FROM audit_log ORDER BY seq DESC "
                               "LIMIT 1")).one()
        assert audit[0] == "sync.import"
    before = snapshot(r.db)
    with pytest.raises(AlreadyImported):
        receive(r, data)
    assert snapshot(r.db) == before
    # the region edits, sends back; then both hold the same data in A's scope
    set_field(r, "child", kid, "school_ru", "Школа № 5")
    receive(a, send(r, a))
    assert data_of(a, a.territory_id) == data_of(r, a.territory_id)
    # acknowledged: the next package from A carries nothing new for R
    again = send(a, r)
    res = receive(r, again)
    assert res.applied == 0


def test_a_lost_package_is_healed_by_the_next(offices):
    a, r = offices["A"], offices["R"]
    k1 = add_child(a, "Первый")
    send(a, r)  # lost on the way
    k2 = add_child(a, "Второй")
    receive(r, send(a, r))
    with r.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE id IN (:a, :b)"),
                         {"a": k1, "b": k2}).scalar() == 2


def test_concurrent_edits_go_to_the_inbox_with_a_deterministic_winner(offices):
    a, r = offices["A"], offices["R"]
    kid = add_child(a, "Сериков")
    receive(r, send(a, r))
    receive(a, send(r, a))
    set_field(a, "child", kid, "school_ru", "Школа A")
    set_field(r, "child", kid, "school_ru", "Школа R")  # later HLC: R wins everywhere
    pa, pr = send(a, r), send(r, a)
    res_r, res_a = receive(r, pa), receive(a, pr)
    assert res_r.conflicts == 1 and res_a.conflicts == 1
    for o in (a, r):
        with o.db.read_session() as s:
            assert s.execute(text("SELECT school_ru FROM child WHERE id = :i"),
                             {"i": kid}).scalar() == "Школа R"
            c = s.execute(text("SELECT field, local_value, incoming_value, applied, status "
                               "FROM conflict")).one()
            assert c[0] == "school_ru" and c[4] == "open"
    assert data_of(a, a.territory_id) == data_of(r, a.territory_id)


def test_the_two_languages_of_a_text_merge_without_a_conflict(offices):
    """Bilingual text is two columns: the district corrects the Russian school name while
    the region types its Kazakh one, and both survive the exchange with no conflict."""
    a, r = offices["A"], offices["R"]
    kid = add_child(a, "Нурланов")
    receive(r, send(a, r))
    receive(a, send(r, a))
    set_field(a, "child", kid, "school_ru", "Школа-гимназия № 7")
    set_field(r, "child", kid, "school_kk", "№ 7 мектеп-гимназия")
    res_r, res_a = receive(r, send(a, r)), receive(a, send(r, a))
    assert res_r.conflicts == 0 and res_a.conflicts == 0
    for o in (a, r):
        with o.db.read_session() as s:
            assert tuple(s.execute(text("SELECT school_ru, school_kk FROM child WHERE id = :i"),
                                   {"i": kid}).one()) == ("Школа-гимназия № 7",
                                                          "№ 7 мектеп-гимназия")


def test_closed_meeting_records_are_never_overwritten(offices):
    a, r = offices["A"], offices["R"]
    mid = new_id()
    with a.session() as s:
        s.execute(text(
            "INSERT INTO meeting (id, deleted, commission_id, year, number, date, place_ru, kind, "
            "status) VALUES (:i, 0, :c, 2026, 1, '2026-03-01', 'Зал', 'regular', 'planned')"),
            {"i": mid, "c": a.commission_id})
    receive(r, send(a, r))
    receive(a, send(r, a))
    set_field(a, "meeting", mid, "status", "closed")
    receive(r, send(a, r))
    set_field(a, "meeting", mid, "place_ru", "Зал A")  # A's own edit (an amendment in reality)
    set_field(r, "meeting", mid, "place_ru", "Другой зал")
    res = receive(a, send(r, a))
    assert res.closed_meeting == 1
    with a.db.read_session() as s:
        assert s.execute(text("SELECT place_ru FROM meeting WHERE id = :i"),
                         {"i": mid}).scalar() == "Зал A"
        assert s.execute(text("SELECT reason, applied FROM conflict")).one() == (
            "closed_meeting", "local")


def test_stamps_far_in_the_future_are_refused(offices):
    a, r = offices["A"], offices["R"]
    add_child(a, "Будущий")
    data = send(a, r)
    before = snapshot(r.db)
    past = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).timestamp() * 1000)
    with pytest.raises(PackageRefused, match="more than a day ahead"):
        receive(r, data, now_ms=past)
    assert snapshot(r.db) == before
    receive(r, data)  # with the right clock it goes in


def test_a_district_never_receives_another_districts_children(offices):
    a, r, b = offices["A"], offices["R"], offices["B"]
    ka, kb = add_child(a, "ИзA"), add_child(b, "ИзB")
    receive(r, send(a, r))
    receive(r, send(b, r))
    receive(a, send(r, a))
    receive(b, send(r, b))
    with a.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE id = :i"), {"i": kb}).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM change_log WHERE row_id = :i"),
                         {"i": kb}).scalar() == 0
    with b.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE id = :i"), {"i": ka}).scalar() == 0
    with r.db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM child WHERE id IN (:a, :b)"),
                         {"a": ka, "b": kb}).scalar() == 2


def test_an_import_carrying_another_districts_child_is_refused(offices, monkeypatch):
    """A region that (wrongly) exports B's child to A: A refuses the whole package."""
    a, r, b = offices["A"], offices["R"], offices["B"]
    add_child(b, "ЧужойB")
    receive(r, send(b, r))
    from app.sync import scope

    class Everything(scope.Scope):
        def visible_ids(self, s, table, row_ids):
            return set(row_ids)

    monkeypatch.setattr(exporter, "Scope", Everything)
    data = send(r, a)
    monkeypatch.undo()
    before = snapshot(a.db)
    with pytest.raises(PackageRefused, match="outside the territory"):
        receive(a, data)
    assert snapshot(a.db) == before


def test_knowledge_vector_acknowledges(offices):
    a, r = offices["A"], offices["R"]
    add_child(a, "Знаний")
    receive(r, send(a, r))
    receive(a, send(r, a))  # R's vector tells A what R holds
    with a.db.read_session() as s:
        held = exporter.held_vector(s)
        acked = exporter.acknowledged(s, r.office_id)
        a_origin = s.execute(text("SELECT origin FROM sync_state")).scalar()
    assert acked[a_origin] == held[a_origin]
    with a.session() as s:
        ranges, records = exporter.pending(s, s.get(m.Peer, r.office_id))
    assert records == []
    assert json.dumps(ranges)  # nothing pending


def test_only_roles_that_exchange_may_export_or_import(offices, tmp_path):
    from app.domain.roles import Role
    from app.errors import PermissionDenied
    from app.services import exchange_status, users

    a, r = offices["A"], offices["R"]
    with a.session() as s:
        admin = users.log_in(s, "admin", "correct horse battery").actor()
        viewer = users.create_user(s, admin, login="viewer2", full_name="V",
                                   role=Role.VIEWER, password="long enough").actor()
    with pytest.raises(PermissionDenied), a.session() as s:
        exchange_status.export_to_file(s, viewer, PASS, r.office_id, tmp_path / "x.kenes")
    assert not (tmp_path / "x.kenes").exists()
    package = tmp_path / "r.kenes"
    package.write_bytes(send(r, a))
    before = snapshot(a.db)
    with pytest.raises(PermissionDenied), a.session() as s:
        exchange_status.import_file(s, viewer, PASS, package)
    assert snapshot(a.db) == before
