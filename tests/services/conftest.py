"""Service-test fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture
def s(world):
    """One session (one transaction) for the whole test, committed at its end."""
    with world.db.session() as session:
        yield session
