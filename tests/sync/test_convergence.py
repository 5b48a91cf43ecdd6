"""Three offices edit concurrently; packages arrive in any order, twice, or never — and
after a final round everyone holds the same data (SYNC.md "What must be shown")."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.sync.errors import PackageRefused
from tests.sync.exchange_world import (
    FAST_KDF,
    _make_office,
    _territories,
    add_child,
    data_of,
    fresh_office_db,
    introduce,
    receive,
    send,
    set_field,
)

LINKS = [("A", "R"), ("R", "A"), ("B", "R"), ("R", "B")]
SCHOOLS = ["Школа № 1", "Школа № 2", "Гимназия № 3", "Лицей № 4"]

edit = st.tuples(st.just("edit"), st.sampled_from("ABR"), st.integers(0, 7),
                 st.sampled_from(SCHOOLS))
add = st.tuples(st.just("add"), st.sampled_from("ABR"), st.integers(0, 1), st.just(""))
export = st.tuples(st.just("send"), st.sampled_from(range(len(LINKS))), st.booleans(),
                   st.just(""))  # the flag: the package is lost on the way
deliver = st.tuples(st.just("deliver"), st.integers(0, 50), st.booleans(), st.just(""))
# the flag: the package is delivered twice
operations = st.lists(st.one_of(edit, add, export, deliver), min_size=4, max_size=18)


def _deliver(offices, package) -> None:
    target, data = package
    # A duplicate, or one older than a package already imported: refused, and harmless.
    with contextlib.suppress(PackageRefused):
        receive(offices[target], data)


def _settle(offices) -> None:
    """Every link exchanges, in order, until nothing new moves (a few rounds)."""
    for _ in range(3):
        for src, dst in LINKS:
            _deliver(offices, (dst, send(offices[src], offices[dst])))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_any_delivery_order_converges(world, monkeypatch, ops):
    from app.sync import keys

    monkeypatch.setattr(keys, "KDF_PARAMS", FAST_KDF)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bayanaul, region, sibling = _territories(world.db)
        dbs = [fresh_office_db(world, folder / f"{name}.db") for name in "ARB"]
        a = _make_office("A", dbs[0], bayanaul, "district", world.commission_id)
        r = _make_office("R", dbs[1], region, "region")
        b = _make_office("B", dbs[2], sibling, "district")
        introduce(a, r)
        introduce(b, r)
        offices = {"A": a, "R": r, "B": b}
        # Children each office may see and edit: its own, and for the region all.
        children = {"A": [add_child(a, "Ахметов")], "B": [add_child(b, "Бекова")], "R": []}
        queue: list[tuple[str, bytes]] = []
        try:
            for kind, x, y, value in ops:
                if kind == "add":
                    name = x if x != "R" else ("A", "B")[y]
                    district = offices[name].territory_id
                    children[name].append(add_child(offices[x], f"Новый{x}", district))
                elif kind == "edit":
                    visible = (children["A"] + children["B"]) if x == "R" else children[x]
                    mine = [c for c in visible if _has(offices[x], c)]
                    if mine:
                        set_field(offices[x], "child", mine[y % len(mine)], "school_ru", value)
                elif kind == "send":
                    src, dst = LINKS[x]
                    data = send(offices[src], offices[dst])
                    if not y:
                        queue.append((dst, data))
                elif queue:
                    package = queue.pop(x % len(queue))
                    _deliver(offices, package)
                    if y:
                        _deliver(offices, package)
            for package in queue:  # late arrivals, after newer ones
                _deliver(offices, package)
            _settle(offices)
            assert data_of(a, a.territory_id) == data_of(r, a.territory_id)
            assert data_of(b, b.territory_id) == data_of(r, b.territory_id)
        finally:
            for db in dbs:
                db.close()


def _has(office, child_id: str) -> bool:
    from sqlalchemy import text

    with office.db.read_session() as s:
        return s.execute(text("SELECT 1 FROM child WHERE id = :i"),
                         {"i": child_id}).scalar() is not None
