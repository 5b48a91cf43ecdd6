"""Accounts: Argon2id hashes, login, password change, roles enforced by services."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.domain.roles import Permission, Role, allows
from app.errors import AuthenticationError, PermissionDenied, ValidationError
from app.models import User
from app.services import users
from tests.conftest import ADMIN_PASSWORD


def test_passwords_are_stored_as_argon2id(world):
    with world.db.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.login == "admin"))
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,")
    assert ADMIN_PASSWORD not in stored


def test_login_succeeds_and_failures_are_audited(world):
    with world.db.session() as s:
        assert users.log_in(s, "ADMIN ", ADMIN_PASSWORD).role == Role.ADMIN
    for login, password in (("admin", "wrong password"), ("nobody", ADMIN_PASSWORD)):
        with world.db.session() as s:
            assert users.log_in(s, login, password) is None
    with world.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, user_id FROM audit_log "
                                 "WHERE action LIKE 'auth.%' ORDER BY seq")).all()
    admin_id = world.admin.user_id
    assert rows == [("auth.login", admin_id), ("auth.failed", admin_id), ("auth.failed", None)]


def test_change_password(world):
    with world.db.session() as s:
        with pytest.raises(AuthenticationError):
            users.change_password(s, world.admin, old_password="nope", new_password="x" * 10)
        with pytest.raises(ValidationError):
            users.change_password(s, world.admin, old_password=ADMIN_PASSWORD,
                                  new_password="short")
        users.change_password(s, world.admin, old_password=ADMIN_PASSWORD,
                              new_password="a new long password")
    with world.db.session() as s:
        assert users.log_in(s, "admin", "a new long password").login == "admin"


def test_only_an_admin_manages_users(world):
    with world.db.session() as s:
        chair = users.create_user(s, world.admin, login="chair", full_name="Ч",
                                  role=Role.CHAIR, password="long enough").actor()
        with pytest.raises(PermissionDenied):
            users.create_user(s, chair, login="x-user", full_name="X", role=Role.ADMIN,
                              password="long enough")
        with pytest.raises(ValidationError, match="already taken"):
            users.create_user(s, world.admin, login="chair", full_name="Ч2", role=Role.CHAIR,
                              password="long enough")
        with pytest.raises(ValidationError):
            users.create_user(s, world.admin, login="Имя", full_name="Ч2", role=Role.CHAIR,
                              password="long enough")


@pytest.mark.parametrize(("role", "permission", "allowed"), [
    (Role.MEMBER, Permission.CLOSE_MEETING, False),
    (Role.MEMBER, Permission.RECORD_MEETING, False),
    (Role.MEMBER, Permission.REPORT_MEASURE, True),
    (Role.VIEWER, Permission.EDIT_CHILDREN, False),
    (Role.SECRETARY, Permission.CLOSE_MEETING, True),
    (Role.SECRETARY, Permission.MANAGE_USERS, False),
    (Role.CHAIR, Permission.MANAGE_SETTINGS, True),
    (Role.ADMIN, Permission.MANAGE_USERS, True),
])
def test_role_matrix(role, permission, allowed):
    assert allows(role, permission) is allowed


def test_the_account_to_log_in_is_named_without_granting_anything(world):
    with world.db.session() as s:
        admin = users.account_to_log_in(s, " Admin ")
        assert admin is not None and admin.login == "admin" and admin.role == Role.ADMIN
        assert users.account_to_log_in(s, "nobody") is None
        s.execute(select(User).where(User.login == "admin")).scalar_one().active = False
        s.flush()
        assert users.account_to_log_in(s, "admin") is None  # a disabled account: nothing
        audited = s.execute(text("SELECT count(*) FROM audit_log WHERE action LIKE 'auth.%'"))
        assert audited.scalar() == 0  # looking an account up is not a login
