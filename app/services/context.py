"""The acting user and the checks every service starts with."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from app.domain.bilingual import RECORD_LANGUAGES, Bilingual
from app.domain.clock import KAZAKHSTAN
from app.domain.roles import Permission, Role, allows
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import N_

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # control characters but tab, newline


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a logged-in user, or the system itself (migrations, demo set-up)."""

    user_id: str | None
    login: str
    role: Role


SYSTEM = Actor(user_id=None, login="system", role=Role.ADMIN)


def require(actor: Actor, permission: Permission) -> None:
    if not allows(actor.role, permission):
        raise PermissionDenied(
            N_("Your role ({role}) does not allow this action."), role=actor.role.value)


def get(s: Session, model: type[T], row_id: str | None, what: str = "") -> T:
    """Fetch a live (not deleted) row by id or raise NotFound."""
    row = s.get(model, row_id) if row_id else None
    if row is None or getattr(row, "deleted", False):
        raise NotFound(N_("The record was not found; it may have been deleted."))
    return row


def clean_text(value: str | None, field: str, *, max_len: int, required: bool = False
               ) -> str | None:
    """Trim, refuse control characters and over-long text; '' becomes None."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(N_("This field must be text."), field=field)
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()  # Windows line ends
    if not value:
        if required:
            raise ValidationError(N_("This field is required."), field=field)
        return None
    if len(value) > max_len:
        raise ValidationError(N_("This text is too long: at most {max} characters."),
                              field=field, max=max_len)
    if _CONTROL.search(value):
        raise ValidationError(N_("This text contains characters that cannot be stored."),
                              field=field)
    return value


def required_text(value: str | None, field: str, *, max_len: int) -> str:
    result = clean_text(value, field, max_len=max_len, required=True)
    assert result is not None
    return result


def clean_bilingual(value: Bilingual | None, field: str, *, max_len: int,
                    required: bool = False) -> Bilingual:
    """Both languages of a text cleaned as `clean_text` does; `required` asks for at
    least one of them (a document in the other language lists what is missing)."""
    if value is None:
        value = Bilingual()
    if not isinstance(value, Bilingual):
        raise ValidationError(N_("This field must be text."), field=field)
    out = Bilingual(clean_text(value.ru, field, max_len=max_len),
                    clean_text(value.kk, field, max_len=max_len))
    if required and not out:
        raise ValidationError(N_("This field is required."), field=field)
    return out


def check_record_language(lang: object, field: str = "language") -> str:
    if lang not in RECORD_LANGUAGES:
        raise ValidationError(N_("Choose Kazakh or Russian."), field=field)
    return str(lang)


def check_date(value: dt.date | None, field: str, *, required: bool = True,
               not_after: dt.date | None = None, not_before: dt.date | None = None
               ) -> dt.date | None:
    if value is None:
        if required:
            raise ValidationError(N_("This date is required."), field=field)
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(N_("This is not a valid date."), field=field)
    if not_after and value > not_after:
        raise ValidationError(N_("This date cannot be later than {date}."), field=field,
                              date=not_after.isoformat())
    if not_before and value < not_before:
        raise ValidationError(N_("This date cannot be earlier than {date}."), field=field,
                              date=not_before.isoformat())
    return value


def today() -> dt.date:
    """Today in Kazakhstan: deadlines are local dates."""
    return dt.datetime.now(KAZAKHSTAN).date()
