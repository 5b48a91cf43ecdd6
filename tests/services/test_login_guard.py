"""Login: a growing delay after wrong passwords, per login, kept across restarts and
audited; unknown and inactive logins cost the same work as known ones. The mechanism is
tested (which checks run, what is stored, a moved clock), never wall-clock timing."""

from __future__ import annotations

import json
import stat

import pytest
from sqlalchemy import select, text, update

from app import login_guard
from app.db import open_database
from app.errors import LoginDelayed
from app.models import User
from app.services import users
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def backend() -> str:
    """The guard is a file beside a SQLite database (app/login_guard.py); a shared
    office server's guard belongs in the server database (issue 18)."""
    return "sqlite"


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(login_guard, "_now", lambda: now[0])
    return now


@pytest.fixture
def checks(monkeypatch):
    """Every Argon2id verification made, with the parameters of the hash it used."""
    seen: list[str] = []
    real = users.password_matches

    def spy(password: str, encoded: str) -> bool:
        seen.append(encoded.split("$")[3])  # "m=65536,t=3,p=4"
        return real(password, encoded)

    monkeypatch.setattr(users, "password_matches", spy)
    return seen


def _try(db, login, password):
    with db.session() as s:
        return users.log_in(s, login, password)


def test_unknown_and_inactive_logins_do_the_same_work_as_a_known_one(world, checks):
    with world.db.session() as s:
        users.create_user(s, world.admin, login="gone", full_name="Gone", role="member",
                          password="a password 123")
        s.execute(update(User).where(User.login == "gone").values(active=False))
        params = s.scalar(select(User.password_hash).where(User.login == "admin")).split("$")[3]
    assert _try(world.db, "admin", "wrong password") is None
    assert _try(world.db, "nobody-here", "wrong password") is None
    assert _try(world.db, "gone", "a password 123") is None  # right password, inactive
    assert checks == [params, params, params]


def test_the_delay_grows_per_login_and_survives_a_restart(world, clock):
    for _ in range(login_guard.FREE_ATTEMPTS):  # the third: the next waits 1 s
        assert _try(world.db, "admin", "wrong password") is None
    path = world.db.path
    world.db.dispose()
    reopened = open_database(path)  # "restart": a new Database, the same guard file
    try:
        with pytest.raises(LoginDelayed, match="Wait 1 s"):
            _try(reopened, "admin", ADMIN_PASSWORD)  # refused unchecked, even if right
        clock[0] += 1.5
        assert _try(reopened, "admin", "wrong again") is None  # the 4th: 2 s
        clock[0] += 1.0
        with pytest.raises(LoginDelayed, match="Wait 1 s"):
            _try(reopened, "admin", ADMIN_PASSWORD)
        clock[0] += 1.0
        assert _try(reopened, "admin", ADMIN_PASSWORD) is not None  # clears the count
        assert _try(reopened, "admin", "wrong password") is None  # counted from zero
        assert _try(reopened, "admin", ADMIN_PASSWORD) is not None
        with reopened.engine.connect() as conn:
            details = [json.loads(d) for (d,) in conn.execute(text(
                "SELECT details FROM audit_log WHERE action = 'auth.failed' ORDER BY seq"))]
    finally:
        reopened.close()
    assert [d["failures"] for d in details] == [1, 2, 3, 4, 1]
    assert [d["delay"] for d in details] == [0, 0, 1, 2, 0]


def test_another_login_is_not_delayed_and_unknown_ones_are_counted_alike(world, clock):
    for _ in range(login_guard.FREE_ATTEMPTS):
        _try(world.db, "nobody-here", "x")
    with pytest.raises(LoginDelayed):
        _try(world.db, "nobody-here", "x")
    assert _try(world.db, "admin", ADMIN_PASSWORD) is not None


def test_the_guard_file_is_private_and_holds_no_login(world, clock):
    _try(world.db, "secret-login", "my password typed in the wrong field")
    guard = login_guard.LoginGuard(world.db.path)
    raw = guard.path.read_text()
    assert "secret-login" not in raw and "password" not in raw
    assert stat.S_IMODE(guard.path.stat().st_mode) == 0o600


def test_delays_double_up_to_a_cap():
    free = login_guard.FREE_ATTEMPTS
    assert [login_guard.delay_after(n) for n in range(free + 4)] == [0] * free + [1, 2, 4, 8]
    assert login_guard.delay_after(100) == login_guard.MAX_DELAY
