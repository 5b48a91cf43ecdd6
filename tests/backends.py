"""The backends that service, sync and CLI tests run on: `from tests.backends import
backend` in a conftest (or a test module) parametrizes its `world` over both."""

from __future__ import annotations

import pytest

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def db_arg(db) -> str:  # type: ignore[no-untyped-def]  # either Database
    """What `--db` takes for this database: its file or its server URL."""
    return db.location.url if db.is_server else str(db.path)


@pytest.fixture
def needs_capture(request, backend):  # type: ignore[no-untyped-def]
    """For tests that read the change log: PostgreSQL does not capture changes yet (its
    triggers follow the change-log redesign, issue 15), so there the test is expected to
    fail — strictly: once capture works it passes, and this fixture must go."""
    if backend == "postgresql":
        request.applymarker(pytest.mark.xfail(
            strict=True, reason="PostgreSQL change capture follows issue 15's change log"))
