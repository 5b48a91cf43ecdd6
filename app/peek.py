"""A first look at a database file with plain sqlite3, read-only, before the database
layer is loaded: is it set up (has accounts), and what is the commission called.

An encrypted database cannot be looked into: its key file (app/keyslots.py) says whether
it has accounts and names the commission.

The desktop app uses it to show the login window at once (app/ui/startup.py). Anything
unexpected answers None, and the caller takes the ordinary path through open_database,
which reports problems properly."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app import keyslots


@dataclass(frozen=True, slots=True)
class FirstLook:
    has_accounts: bool
    name_ru: str
    name_kk: str
    encrypted: bool = False  # the password opens the file: nothing opens before it

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


def first_look(path: Path | object) -> FirstLook | None:
    """None for a server (the login is shown once the connection is open)."""
    if not isinstance(path, Path):
        return None
    if keyslots.is_encrypted(path):  # the file cannot be read: its key file can
        slots = keyslots.KeySlots.load(path) if path.is_file() else None
        if slots is None:
            return None
        return FirstLook(bool(slots.logins()), str(slots.commission.get("ru", "")),
                         str(slots.commission.get("kk", "")), encrypted=True)
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            accounts = conn.execute("SELECT EXISTS (SELECT 1 FROM app_user)").fetchone()[0]
            # The same commission the login shows after start (services.commissions).
            row = conn.execute("SELECT name_ru, name_kk FROM commission WHERE NOT deleted "
                               "ORDER BY name_ru LIMIT 1").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    if row is None:
        return None
    return FirstLook(bool(accounts), row[0], row[1])
