"""The conflict inbox: a person confirms the automatic choice or reverses it.

Reversing writes the other value as an ordinary new change (captured by the triggers,
with a fresh HLC), so it travels to the other offices like any edit and wins there too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

import app.models as m
from app.errors import NotFound, StateError
from app.i18n import N_
from app.models.exchange import Conflict
from app.services import audit
from app.services.context import Actor
from app.sync.keys import now_iso


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    tbl: str
    row_id: str
    field: str
    reason: str
    applied: str
    local_value: object
    incoming_value: object
    status: str


def _info(c: Conflict) -> ConflictInfo:
    return ConflictInfo(c.id, c.tbl, c.row_id, c.field, c.reason, c.applied,
                        json.loads(c.local_value), json.loads(c.incoming_value), c.status)


def open_conflicts(s: Session) -> list[ConflictInfo]:
    return [_info(c) for c in s.scalars(
        select(Conflict).where(Conflict.status == "open").order_by(Conflict.created_at))]


def resolve(s: Session, actor: Actor, conflict_id: str, reverse: bool) -> ConflictInfo:
    c = s.get(Conflict, conflict_id)
    if c is None:
        raise NotFound(N_("There is no conflict {id}."), id=conflict_id)
    if c.status != "open":
        raise StateError(N_("This conflict was already resolved."))
    if reverse:
        if c.field == "id" or c.tbl not in m.synced_tables():
            raise StateError(N_("A deletion cannot be reversed from the inbox."))
        cols = {r[1] for r in s.connection().exec_driver_sql(f'PRAGMA table_info("{c.tbl}")')}
        if c.field not in cols:
            raise StateError(N_("This field no longer exists."))
        value = json.loads(c.local_value if c.applied == "incoming" else c.incoming_value)
        s.execute(text(f'UPDATE "{c.tbl}" SET "{c.field}" = :v WHERE id = :i'),
                  {"v": value, "i": c.row_id})
    c.status = "reversed" if reverse else "confirmed"
    c.resolved_at, c.resolved_by = now_iso(), actor.user_id
    audit.record(s, actor, "sync.conflict." + c.status, c.tbl, c.row_id, field=c.field,
                 conflict=c.id)
    return _info(c)
