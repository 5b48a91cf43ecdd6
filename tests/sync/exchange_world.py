"""Offices for exchange tests: copies of the test database that are other offices, with
keys, introduced to each other; and what the tests do with them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy import text

import app.models as m
from app.db import Database
from app.domain.ids import new_id
from app.services.context import SYSTEM
from app.sync import exporter, importer, keys

PASS = "pass phrase"
FAST_KDF = {"memory_kib": 8 * 1024, "iterations": 1, "lanes": 1}


def fresh_office_db(world, path) -> Database:
    """A copy of the world database that is another office: new origin, new office id."""
    db = world.another_database(path)
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
                "quorum_rule, majority_rule) VALUES (:i, :no, :n, :n, :t, 'more_than_half', "
                "'of_voting')"), {"i": commission_id, "n": f"КДН {name}", "t": territory_id,
                                  "no": False})
        card = keys.create_office_keys(
            s, PASS, keys.OfficeIdentity(office_id, name, territory_id, role))
    return Office(name, db, office_id, territory_id, commission_id, card)


def introduce(a: Office, b: Office) -> None:
    """Each adds the other's card after comparing fingerprints."""
    for x, y in ((a, b), (b, a)):
        with x.session() as s:
            keys.add_peer(s, y.card, trust=keys.card_fingerprint(y.card["card"]))


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
            "sex, district_id, search_key) VALUES (:i, :no, :c, :s, 'Имя', '2012-01-01', "
            "'M', :d, :k)"), {"i": cid, "c": o.commission_id, "s": surname, "no": False,
                              "d": district_id or o.territory_id, "k": surname.lower()})
    return cid


def set_field(o: Office, table: str, row_id: str, name: str, value) -> None:
    with o.session() as s:
        s.execute(text(f'UPDATE "{table}" SET "{name}" = :v WHERE id = :i'),
                  {"v": value, "i": row_id})


def snapshot(db: Database) -> list[str]:
    """Every table's schema and rows, as SQL. Not the query planner's statistics, which
    opening a database refreshes (Database.refresh_statistics): they are not data.
    On a server: every table's rows and the triggers."""
    if db.is_server:
        return _server_snapshot(db)
    conn = sqlite3.connect(db.path)
    try:
        return [line for line in conn.iterdump() if "sqlite_stat" not in line]
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


def _server_snapshot(db) -> list[str]:
    from sqlalchemy import inspect

    out = []
    with db.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out += sorted(f"{table}: {tuple(r)!r}" for r in rows)
        out += sorted(f"trigger {name}" for (name,) in conn.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
    return out
