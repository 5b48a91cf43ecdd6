"""Service-test fixtures: every service test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.backends import backend, needs_capture  # noqa: F401  (`world` on both)


@pytest.fixture
def s(world):
    """One session (one transaction) for the whole test, committed at its end."""
    with world.db.session() as session:
        yield session
