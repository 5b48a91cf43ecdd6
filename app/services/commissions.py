"""Commissions and their compositions: acts, members, "who was a member on date D",
and the quorum on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.voting import MajorityRule, QuorumRule, quorum_required
from app.errors import ValidationError
from app.i18n import N_
from app.models import Commission, CompositionAct, Membership, Territory
from app.models.enums import CatalogKind, MemberRole
from app.services import audit
from app.services.catalogs import require_entry
from app.services.context import (
    Actor,
    check_date,
    check_record_language,
    clean_bilingual,
    get,
    require,
    required_text,
)

MIN_MEMBERS = 3
MAX_MEMBERS = 60


@dataclass(frozen=True, slots=True)
class CommissionInfo:
    id: str
    name_ru: str
    name_kk: str
    territory_id: str
    quorum_rule: QuorumRule
    majority_rule: MajorityRule
    working_language: str = "ru"

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


@dataclass(frozen=True, slots=True)
class MemberInput:
    full_name: str
    position: Bilingual
    organisation_kind_id: str
    role: MemberRole = MemberRole.MEMBER


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: str  # the membership id: attendance and votes refer to it
    full_name: str
    position: Bilingual
    organisation_kind_id: str
    role: MemberRole


@dataclass(frozen=True, slots=True)
class ActInfo:
    id: str
    commission_id: str
    issuing_body: Bilingual
    number: str
    act_date: dt.date
    effective_from: dt.date
    members: tuple[MemberInfo, ...]


@dataclass(frozen=True, slots=True)
class QuorumInfo:
    members_in_force: int
    required: int
    rule: QuorumRule


def _commission_info(c: Commission) -> CommissionInfo:
    return CommissionInfo(c.id, c.name_ru, c.name_kk, c.territory_id,
                          QuorumRule(c.quorum_rule), MajorityRule(c.majority_rule),
                          c.working_language)


def _member_info(m: Membership) -> MemberInfo:
    return MemberInfo(m.id, m.full_name, m.position, m.organisation_kind_id, MemberRole(m.role))


def _act_info(a: CompositionAct) -> ActInfo:
    return ActInfo(a.id, a.commission_id, a.issuing_body, a.number, a.act_date,
                   a.effective_from,
                   tuple(_member_info(m) for m in a.memberships if not m.deleted))


def create_commission(s: Session, actor: Actor, *, name_ru: str, name_kk: str,
                      territory_id: str, working_language: str = "ru") -> CommissionInfo:
    require(actor, Permission.MANAGE_SETTINGS)
    get(s, Territory, territory_id)
    working_language = check_record_language(working_language, "working_language")
    c = Commission(name_ru=required_text(name_ru, "name_ru", max_len=500),
                   name_kk=required_text(name_kk, "name_kk", max_len=500),
                   territory_id=territory_id, quorum_rule=QuorumRule.MORE_THAN_HALF.value,
                   majority_rule=MajorityRule.OF_VOTING.value,
                   working_language=working_language)
    s.add(c)
    s.flush()
    audit.record(s, actor, "commission.create", "commission", c.id)
    return _commission_info(c)


def get_commission(s: Session, commission_id: str) -> CommissionInfo:
    return _commission_info(get(s, Commission, commission_id))


def list_commissions(s: Session) -> list[CommissionInfo]:
    rows = s.scalars(select(Commission).where(Commission.deleted.is_(False))
                     .order_by(Commission.name_ru))
    return [_commission_info(c) for c in rows]


def set_rules(s: Session, actor: Actor, commission_id: str, *, quorum_rule: str,
              majority_rule: str) -> CommissionInfo:
    require(actor, Permission.MANAGE_SETTINGS)
    c = get(s, Commission, commission_id)
    try:
        c.quorum_rule = QuorumRule(quorum_rule).value
        c.majority_rule = MajorityRule(majority_rule).value
    except ValueError:
        raise ValidationError(N_("Unknown quorum or majority rule.")) from None
    audit.record(s, actor, "commission.rules", "commission", c.id,
                 quorum=c.quorum_rule, majority=c.majority_rule)
    return _commission_info(c)


def set_working_language(s: Session, actor: Actor, commission_id: str, lang: str
                         ) -> CommissionInfo:
    """The language the commission's secretary types in; meetings planned from now on
    are held in it (each meeting keeps its own)."""
    require(actor, Permission.MANAGE_SETTINGS)
    c = get(s, Commission, commission_id)
    c.working_language = check_record_language(lang, "working_language")
    s.flush()
    audit.record(s, actor, "commission.working_language", "commission", c.id,
                 lang=c.working_language)
    return _commission_info(c)


def approve_composition(s: Session, actor: Actor, commission_id: str, *,
                        issuing_body: Bilingual,
                        number: str, act_date: dt.date, effective_from: dt.date,
                        members: Sequence[MemberInput]) -> ActInfo:
    """Approve a new composition; from `effective_from` it replaces the previous one."""
    require(actor, Permission.MANAGE_COMPOSITION)
    get(s, Commission, commission_id)
    check_date(act_date, "act_date")
    check_date(effective_from, "effective_from", not_before=act_date)
    _check_members(s, members)
    clash = s.scalar(select(CompositionAct.id).where(
        CompositionAct.commission_id == commission_id,
        CompositionAct.effective_from == effective_from,
        CompositionAct.deleted.is_(False)))
    if clash:
        raise ValidationError(
            N_("Another act already takes effect on this date; change the date."),
            field="effective_from")
    act = CompositionAct(commission_id=commission_id,
                         issuing_body=clean_bilingual(issuing_body, "issuing_body",
                                                      max_len=300, required=True),
                         number=required_text(number, "number", max_len=50),
                         act_date=act_date, effective_from=effective_from)
    s.add(act)
    s.flush()
    for order, m in enumerate(members, start=1):
        s.add(Membership(act_id=act.id, sort_order=order, role=m.role,
                         full_name=required_text(m.full_name, "full_name", max_len=300),
                         position=clean_bilingual(m.position, "position", max_len=500,
                                                  required=True),
                         organisation_kind_id=m.organisation_kind_id))
    s.flush()
    s.refresh(act)
    audit.record(s, actor, "composition.approve", "composition_act", act.id,
                 members=len(members), effective_from=effective_from.isoformat())
    return _act_info(act)


def _check_members(s: Session, members: Sequence[MemberInput]) -> None:
    if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
        raise ValidationError(N_("A composition has from {min} to {max} members."),
                              field="members", min=MIN_MEMBERS, max=MAX_MEMBERS)
    roles = [MemberRole(m.role) for m in members]
    if roles.count(MemberRole.CHAIR) != 1:
        raise ValidationError(N_("A composition has exactly one chair."), field="members")
    if roles.count(MemberRole.SECRETARY) != 1:
        raise ValidationError(N_("A composition has exactly one secretary."), field="members")
    names = [" ".join(m.full_name.split()).casefold() for m in members]
    if len(set(names)) != len(names):
        raise ValidationError(N_("The same person is listed twice."), field="members")
    for m in members:
        require_entry(s, CatalogKind.ORGANISATION_KIND, m.organisation_kind_id,
                      "organisation_kind_id")


def act_in_force(s: Session, commission_id: str, on: dt.date) -> ActInfo | None:
    """The act in force on a date: the latest whose effective date is not after it."""
    act = s.scalar(select(CompositionAct).where(
        CompositionAct.commission_id == commission_id,
        CompositionAct.effective_from <= on,
        CompositionAct.deleted.is_(False),
    ).order_by(CompositionAct.effective_from.desc()).limit(1))
    return _act_info(act) if act else None


def members_on(s: Session, commission_id: str, on: dt.date) -> tuple[MemberInfo, ...]:
    act = act_in_force(s, commission_id, on)
    return act.members if act else ()


def quorum_on(s: Session, commission_id: str, on: dt.date) -> QuorumInfo:
    rule = QuorumRule(get(s, Commission, commission_id).quorum_rule)
    n = len(members_on(s, commission_id, on))
    return QuorumInfo(n, quorum_required(n, rule), rule)


def acts(s: Session, commission_id: str) -> list[ActInfo]:
    """Every composition act, newest first: the history of the commission."""
    rows = s.scalars(select(CompositionAct).where(
        CompositionAct.commission_id == commission_id, CompositionAct.deleted.is_(False)
    ).order_by(CompositionAct.effective_from.desc()))
    return [_act_info(a) for a in rows]
