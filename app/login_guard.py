"""A growing delay after wrong passwords, per login, kept across restarts.

After FREE_ATTEMPTS wrong passwords for a login, the next attempt for it is refused
until a delay has passed: 1 s, then 2, 4, 8 … up to MAX_DELAY. A right password clears
the count. The state sits beside the database (`kenes.db.logins`, 0600), so closing and
reopening Kenes does not reset it; logins are kept only as salted digests (people type
passwords into the login field). Unknown logins are counted exactly like known ones, so
the delay does not tell which logins exist.

This slows guessing at the login window. It is no defence against someone who copies
the file: there, Argon2id's cost per guess (and, encrypted, the key slots) is the defence.
Plain JSON, no SQLAlchemy: the encrypted start uses it before the database is open.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app.files import write_private

FREE_ATTEMPTS = 3
MAX_DELAY = 300.0
SUFFIX = ".logins"
MAX_PENDING = 1000


def delay_after(failures: int) -> float:
    """Seconds an attempt must wait after `failures` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_ATTEMPTS))


def _now() -> float:
    return time.time()


def _iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Failure:
    failures: int  # wrong passwords in a row, this one included
    delay: float  # seconds the next attempt must wait


class LoginGuard:
    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}{SUFFIX}")

    def _load(self) -> dict:
        try:
            state = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            state = {}
        if not isinstance(state, dict) or not isinstance(state.get("logins"), dict):
            state = {"salt": os.urandom(16).hex(), "logins": {}}
        return state

    def _save(self, state: dict) -> None:
        write_private(self.path, json.dumps(state, sort_keys=True).encode())

    @staticmethod
    def _key(state: dict, login: str) -> str:
        normal = (login or "").strip().lower()
        return hashlib.sha256(bytes.fromhex(state["salt"]) + normal.encode()).hexdigest()[:32]

    def wait_left(self, login: str) -> float:
        """Seconds before `login` may be tried again (0: now)."""
        state = self._load()
        entry = state["logins"].get(self._key(state, login))
        if not entry:
            return 0.0
        return max(0.0, entry["last"] + delay_after(entry["count"]) - _now())

    def failed(self, login: str, *, pending_audit: bool = False) -> Failure:
        """Count a wrong password. `pending_audit`: the database is not open (an
        encrypted one, at the login window), so the attempt is kept here and written to
        the audit log by the next login (`take_pending`)."""
        state = self._load()
        key = self._key(state, login)
        entry = state["logins"].get(key) or {"count": 0}
        entry = {"count": int(entry["count"]) + 1, "last": _now()}
        state["logins"][key] = entry
        failure = Failure(entry["count"], delay_after(entry["count"]))
        if pending_audit:
            pending = state.setdefault("pending", [])[-MAX_PENDING + 1:]
            pending.append({"at": _iso(entry["last"]), "failures": failure.failures,
                            "delay": failure.delay})
            state["pending"] = pending
        self._save(state)
        return failure

    def take_pending(self) -> list[dict]:
        """The wrong passwords not yet audited, removed from the file."""
        state = self._load()
        pending = state.pop("pending", None)
        if pending:
            self._save(state)
        return list(pending or [])

    def succeeded(self, login: str) -> None:
        state = self._load()
        if state["logins"].pop(self._key(state, login), None) is not None:
            self._save(state)
