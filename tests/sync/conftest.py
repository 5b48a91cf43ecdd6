"""Exchange fixtures: offices A (district), R (region) and B (district)."""

from __future__ import annotations

import pytest

from tests.sync.exchange_world import (
    FAST_KDF,
    _make_office,
    _territories,
    fresh_office_db,
    introduce,
)


@pytest.fixture
def fast_kdf(monkeypatch):
    """Argon2id at 64 MiB on every unlock would make these tests slow; the parameters
    are stored with each seal, and test_keys checks the real defaults."""
    from app.sync import keys

    monkeypatch.setattr(keys, "KDF_PARAMS", FAST_KDF)


@pytest.fixture
def offices(world, tmp_path, fast_kdf):
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
