"""Accounts: create, log in, change password. Passwords are hashed with Argon2id."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import stage_slot
from app.domain.roles import Permission, Role
from app.errors import AuthenticationError, LoginDelayed, ValidationError
from app.i18n import N_
from app.login_guard import LoginGuard
from app.models import User
from app.models.base import utcnow
from app.services import audit
from app.services.context import Actor, require, required_text

# OWASP's Argon2id profile with 64 MiB: about 0.2 s on an office PC, once per login.
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_ITERATIONS = 3
ARGON2_LANES = 4
MIN_PASSWORD = 8
LOGIN_RE = re.compile(r"^[a-z0-9._-]{3,64}$")


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    login: str
    full_name: str
    role: Role
    active: bool

    def actor(self) -> Actor:
        return Actor(user_id=self.id, login=self.login, role=self.role)


def hash_password(password: str) -> str:
    kdf = Argon2id(salt=os.urandom(16), length=32, iterations=ARGON2_ITERATIONS,
                   lanes=ARGON2_LANES, memory_cost=ARGON2_MEMORY_KIB)
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def password_matches(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), encoded)
    except (InvalidKey, ValueError):
        return False
    return True


def _check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError(N_("The password must have at least {n} characters."),
                              field="password", n=MIN_PASSWORD)
    if len(password) > 256:
        raise ValidationError(N_("The password is too long."), field="password")


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.full_name, Role(u.role), u.active)


def create_user(s: Session, actor: Actor, *, login: str, full_name: str, role: Role | str,
                password: str, commission_id: str | None = None) -> UserInfo:
    require(actor, Permission.MANAGE_USERS)
    login = (login or "").strip().lower()
    if not LOGIN_RE.match(login):
        raise ValidationError(
            N_("A login is 3 to 64 Latin letters, digits, dots, dashes or underscores."),
            field="login")
    if s.scalar(select(func.count()).select_from(User).where(User.login == login)):
        raise ValidationError(N_("This login is already taken."), field="login")
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(N_("Unknown role."), field="role") from None
    _check_password(password)
    user = User(login=login, full_name=required_text(full_name, "full_name", max_len=300),
                role=role, password_hash=hash_password(password), commission_id=commission_id,
                created_at=utcnow())
    s.add(user)
    s.flush()
    _stage_slot(s, login, password)
    audit.record(s, actor, "user.create", "app_user", user.id, role=role.value)
    return _info(user)


@cache
def _stand_in_hash() -> str:
    """A hash with the real parameters, checked when the login is unknown or inactive:
    every attempt costs one Argon2id, so the time taken does not tell whether a login
    exists."""
    return hash_password(os.urandom(16).hex())


def login_guard(s: Session) -> LoginGuard | None:
    """The database's record of wrong passwords (app.db puts it in the session's info)."""
    return s.info.get("login_guard")


def log_in(s: Session, login: str, password: str) -> UserInfo | None:
    """Check a login and password. Returns None on failure instead of raising, so the
    caller's transaction commits the audit entry of the failed attempt too; every
    failure looks the same to the user (no hint whether the login exists), takes the
    same work (one Argon2id) and counts towards the login's delay (app.login_guard).
    During that delay the attempt is refused unchecked: LoginDelayed."""
    guard = login_guard(s)
    wait = guard.wait_left(login) if guard else 0.0
    if wait > 0:
        raise LoginDelayed(seconds=math.ceil(wait))
    user = s.scalar(select(User).where(User.login == (login or "").strip().lower()))
    usable = user is not None and user.active
    matches = password_matches(password or "",
                               user.password_hash if usable else _stand_in_hash())
    if not (usable and matches):
        failure = guard.failed(login) if guard else None
        nobody = Actor(user_id=None, login="", role=Role.VIEWER)
        audit.record(s, nobody if user is None else _info(user).actor(), "auth.failed",
                     "app_user", user.id if user else None,
                     failures=failure.failures if failure else None,
                     delay=failure.delay if failure else None)
        return None
    if guard:
        guard.succeeded(login)
        for missed in guard.take_pending():  # wrong passwords before an encrypted open
            audit.record(s, Actor(user_id=None, login="", role=Role.VIEWER), "auth.failed",
                         "app_user", None, before_open=True, **missed)
    user.last_login_at = utcnow()
    audit.record(s, _info(user).actor(), "auth.login", "app_user", user.id)
    return _info(user)


def account_to_log_in(s: Session, login: str) -> UserInfo | None:
    """The active account a login names, before its password is checked: the desktop
    app prepares that person's main window, hidden, while the check runs (app.ui.app).
    Grants nothing; only `log_in` does."""
    user = s.scalar(select(User).where(User.login == (login or "").strip().lower()))
    return _info(user) if user is not None and user.active else None


def change_password(s: Session, actor: Actor, *, old_password: str, new_password: str
                    ) -> None:
    user = s.get(User, actor.user_id) if actor.user_id else None
    if user is None or not password_matches(old_password or "", user.password_hash):
        raise AuthenticationError(N_("The current password is wrong."))
    _check_password(new_password)
    user.password_hash = hash_password(new_password)
    _stage_slot(s, user.login, new_password)
    audit.record(s, actor, "user.change_password", "app_user", user.id)


def reset_password(s: Session, actor: Actor, *, login: str, new_password: str) -> UserInfo:
    """An administrator sets a new password for an account (a forgotten password; an
    account without a key slot after `kenes encrypt`). Rewraps its key slot too."""
    require(actor, Permission.MANAGE_USERS)
    user = s.scalar(select(User).where(User.login == (login or "").strip().lower()))
    if user is None:
        raise ValidationError(N_("There is no account with the login {login}."),
                              field="login", login=login)
    _check_password(new_password)
    user.password_hash = hash_password(new_password)
    _stage_slot(s, user.login, new_password)
    audit.record(s, actor, "user.reset_password", "app_user", user.id)
    return _info(user)


def _stage_slot(s: Session, login: str, password: str) -> None:
    """On an encrypted database, the account's key slot is (re)wrapped with this
    password when the transaction commits (app.db.stage_slot)."""
    stage_slot(s, lambda slots, key: slots.set_user(key, login, password))


def any_accounts(s: Session) -> bool:
    """Has anyone an account yet? (No: the first start offers to set the database up.)"""
    return s.scalar(select(User.id).limit(1)) is not None


def list_users(s: Session, actor: Actor) -> list[UserInfo]:
    require(actor, Permission.MANAGE_USERS)
    return [_info(u) for u in s.scalars(select(User).order_by(User.login))]
