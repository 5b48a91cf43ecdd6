"""Export → import between offices: convergence, no-op re-import, scope, conflicts."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

import pytest
from sqlalchemy import text

import app.models as m
from app.db import Database, open_database
from app.domain.ids import new_id
from app.services.context import SYSTEM
from app.sync import exporter, importer, keys
from app.sync.errors import AlreadyImported, PackageRefused

PASS = "pass phrase"
FAST_KDF = {"memory_kib": 8 * 1024, "iterations": 1, "lanes": 1}


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    """Argon2id at 64 MiB on every unlock would make these tests slow; the parameters
    are stored with each seal, and test_keys checks the real defaults."""
    monkeypatch.setattr(keys, "KDF_PARAMS", FAST_KDF)


def fresh_office_db(world, path) -> Database:
    """A copy of the world database that is another office: new origin, new office id."""
    world.db.backup_to(path)
    db = open_database(path)
    with db.engine.begin() as conn:
        origin_changed = conn.execute(text("SELECT origin FROM sync_state")).scalar()
        conn.execute(text("UPDATE sync_state SET office_id = :o"), {"o": new_id()})
    with world.db.engine.connect() as conn:
        assert conn.execute(text("SELECT origin FROM sync_state")).scalar() != origin_changed
    return db


@dataclass
class Office:
    name: str
    db: Database
    office_id: str
    territory_id: str
    commission_id: str
    card: dict

    def session(self):
        return self.db.session()


def _territories(db: Database) -> tuple[str, str, str]:
    """(Bayanaul district, its region, a sibling district)."""
    with db.engine.connect() as conn:
        bayanaul = conn.execute(text(
            "SELECT id, parent_id FROM territory WHERE name_ru = 'Баянаульский район'")).one()
        sibling = conn.execute(text(
            "SELECT id FROM territory WHERE parent_id = :p AND id != :i AND kind = 'district' "
            "ORDER BY name_ru LIMIT 1"), {"p": bayanaul[1], "i": bayanaul[0]}).scalar_one()
    return bayanaul[0], bayanaul[1], sibling


def _make_office(name, db, territory_id, role, commission_id=None) -> Office:
    with db.session() as s:
        office_id = s.execute(text("SELECT office_id FROM sync_state")).scalar_one()
        if commission_id is None:
            commission_id = new_id()
            s.execute(text(
                "INSERT INTO commission (id, deleted, name_ru, name_kk, territory_id, "
                "quorum_rule, majority_rule) VALUES (:i, 0, :n, :n, :t, 'more_than_half', "
                "'of_voting')"), {"i": commission_id, "n": f"КДН {name}", "t": territory_id})
        card = keys.create_office_keys(
            s, PASS, keys.OfficeIdentity(office_id, name, territory_id, role))
    return Office(name, db, office_id, territory_id, commission_id, card)


def introduce(a: Office, b: Office) -> None:
    """Each adds the other's card after comparing fingerprints."""
    for x, y in ((a, b), (b, a)):
        with x.session() as s:
            keys.add_peer(s, y.card, trust=keys.card_fingerprint(y.card["card"]))


@pytest.fixture
def offices(world, tmp_path):
    """District A (the world's Bayanaul office), region R and district B, introduced
    A↔R and B↔R."""
    bayanaul, region, sibling = _territories(world.db)
    r_db = fresh_office_db(world, tmp_path / "region.db")
    b_db = fresh_office_db(world, tmp_path / "b.db")
    a = _make_office("A", world.db, bayanaul, "district", world.commission_id)
    r = _make_office("R", r_db, region, "region")
    b = _make_office("B", b_db, sibling, "district")
    introduce(a, r)
    introduce(b, r)
    yield {"A": a, "R": r, "B": b}
    r_db.close()
    b_db.close()


def send(src: Office, dst: Office) -> bytes:
    with src.session() as s:
        out = exporter.export(s, keys.unlock(s, PASS), dst.office_id)
    return out.data


def receive(dst: Office, data: bytes, **kw) -> importer.ImportResult:
    with dst.session() as s:
        return importer.import_package(s, PASS, data, actor=SYSTEM, **kw)


def add_child(o: Office, surname: str, district_id: str | None = None) -> str:
    cid = new_id()
    with o.session() as s:
        s.execute(text(
            "INSERT INTO child (id, deleted, commission_id, surname, first_name, birth_date, "
            "sex, district_id, search_key) VALUES (:i, 0, :c, :s, 'Имя', '2012-01-01', 'male', "
            ":d, :k)"), {"i": cid, "c": o.commission_id, "s": surname,
                         "d": district_id or o.territory_id, "k": surname.lower()})
    return cid


def set_field(o: Office, table: str, row_id: str, name: str, value) -> None:
    with o.session() as s:
        s.execute(text(f'UPDATE "{table}" SET "{name}" = :v WHERE id = :i'),
                  {"v": value, "i": row_id})


def snapshot(db: Database) -> list[str]:
    conn = sqlite3.connect(db.path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def data_of(o: Office, territory_scope: str | None = None) -> dict[str, dict]:
    """Every synced table's rows, limited to what an office of `territory_scope` sees."""
    from app.sync.scope import Scope

    out = {}
    with o.db.read_session() as s:
        sc = Scope(s, territory_scope) if territory_scope else None
        for table in m.synced_tables():
            rows = {r["id"]: dict(r) for r in s.execute(
                text(f'SELECT * FROM "{table}"')).mappings()}
            if sc is not None:
                keep = sc.visible_ids(s, table, rows)
                rows = {k: v for k, v in rows.items() if k in keep}
            out[table] = rows
    return out


# --- tests ---------------------------------------------------------------------------------

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
    set_field(r, "child", kid, "school", "Школа № 5")
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
    set_field(a, "child", kid, "school", "Школа A")
    set_field(r, "child", kid, "school", "Школа R")  # later HLC: R wins everywhere
    pa, pr = send(a, r), send(r, a)
    res_r, res_a = receive(r, pa), receive(a, pr)
    assert res_r.conflicts == 1 and res_a.conflicts == 1
    for o in (a, r):
        with o.db.read_session() as s:
            assert s.execute(text("SELECT school FROM child WHERE id = :i"),
                             {"i": kid}).scalar() == "Школа R"
            c = s.execute(text("SELECT field, local_value, incoming_value, applied, status "
                               "FROM conflict")).one()
            assert c[0] == "school" and c[4] == "open"
    assert data_of(a, a.territory_id) == data_of(r, a.territory_id)


def test_closed_meeting_records_are_never_overwritten(offices):
    a, r = offices["A"], offices["R"]
    mid = new_id()
    with a.session() as s:
        s.execute(text(
            "INSERT INTO meeting (id, deleted, commission_id, year, number, date, place, kind, "
            "status) VALUES (:i, 0, :c, 2026, 1, '2026-03-01', 'Зал', 'regular', 'planned')"),
            {"i": mid, "c": a.commission_id})
    receive(r, send(a, r))
    receive(a, send(r, a))
    set_field(a, "meeting", mid, "status", "closed")
    receive(r, send(a, r))
    set_field(a, "meeting", mid, "place", "Зал A")  # A's own edit (an amendment in reality)
    set_field(r, "meeting", mid, "place", "Другой зал")
    res = receive(a, send(r, a))
    assert res.closed_meeting == 1
    with a.db.read_session() as s:
        assert s.execute(text("SELECT place FROM meeting WHERE id = :i"),
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
