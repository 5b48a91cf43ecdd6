"""First start: seed catalogs, create the commission and its first administrator."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.roles import Role
from app.errors import StateError
from app.i18n import N_
from app.services import catalogs, commissions, users
from app.services.context import SYSTEM


@dataclass(frozen=True, slots=True)
class Setup:
    commission: commissions.CommissionInfo
    admin: users.UserInfo
    office_id: str


def initialise(s: Session, *, commission_ru: str, commission_kk: str, territory_id: str,
               admin_login: str, admin_name: str, admin_password: str) -> Setup:
    """Set up an empty database; refused once anyone has an account."""
    if users.any_accounts(s):
        raise StateError(N_("This database is already set up."))
    catalogs.seed_defaults(s, SYSTEM)
    commission = commissions.create_commission(
        s, SYSTEM, name_ru=commission_ru, name_kk=commission_kk, territory_id=territory_id)
    admin = users.create_user(s, SYSTEM, login=admin_login, full_name=admin_name,
                              role=Role.ADMIN, password=admin_password,
                              commission_id=commission.id)
    office_id = new_id()
    s.execute(text("UPDATE sync_state SET office_id = :o WHERE id = 1"), {"o": office_id})
    s.execute(text("UPDATE sync_origin SET office_id = :o WHERE office_id IS NULL"),
              {"o": office_id})
    return Setup(commission, admin, office_id)
