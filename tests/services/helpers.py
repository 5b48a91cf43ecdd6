"""Builders shared by the service tests: a composition, a child with a case, a meeting
with everyone present, a decision with measures, and audit/change-log counters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.iin import Sex
from app.models.enums import CatalogKind, MemberRole
from app.services import (
    attendance,
    cases,
    catalogs,
    children,
    commissions,
    decisions,
    meetings,
    voting,
)
from app.services.commissions import MemberInfo, MemberInput
from app.services.context import Actor, today
from tests.conftest import World
from tests.text import ru

# Early enough to be in force for every meeting date the tests use.
COMPOSITION_FROM = dt.date(2020, 1, 1)


def days(n: int) -> dt.date:
    """A date relative to today in Kazakhstan, as the services' validations see it."""
    return today() + dt.timedelta(days=n)


def approve_members(s: Session, world: World, n: int = 7, *,
                    effective_from: dt.date = COMPOSITION_FROM) -> tuple[MemberInfo, ...]:
    """A composition of n: the chair first, the secretary second, then members."""
    org = catalogs.entries(s, CatalogKind.ORGANISATION_KIND)[0].id
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * (n - 2)
    act = commissions.approve_composition(
        s, world.admin, world.commission_id, issuing_body=ru("Akimat"), number=f"A-{n}",
        act_date=effective_from, effective_from=effective_from,
        members=[MemberInput(f"Member {i} Surname", ru(f"Position {i}"), org, role)
                 for i, role in enumerate(roles, start=1)])
    return act.members


def child_case(s: Session, world: World, *, received_on: dt.date | None = None,
               surname: str = "Akhmetov", description: str = "Skips school\nmore detail"
               ) -> cases.CaseInfo:
    child = children.register_child(s, world.admin, world.commission_id, children.ChildInput(
        surname=surname, first_name="Arman", birth_date=days(-14 * 365), sex=Sex.MALE)).child
    return cases.open_case(
        s, world.admin, child.id, received_on=received_on or days(-90),
        source_id=catalogs.entry_id(s, CatalogKind.SOURCE, "police"),
        category_id=catalogs.entries(s, CatalogKind.CATEGORY)[0].id,
        description=ru(description))


def plan(s: Session, world: World, on: dt.date, **kw: object) -> meetings.MeetingInfo:
    return meetings.plan_meeting(s, world.admin, world.commission_id, date=on,
                                 place=ru("Akimat, hall 2"), **kw)


def mark_all_present(s: Session, actor: Actor, meeting_id: str,
                     members: Sequence[MemberInfo]) -> None:
    for m in members:
        attendance.mark_present(s, actor, meeting_id, m.id)


def measure_kind(s: Session) -> str:
    return catalogs.entries(s, CatalogKind.MEASURE_KIND)[0].id


def measure_input(s: Session, deadline: dt.date, text: str = "Individual plan",
                  body: str = "School No. 5") -> decisions.MeasureInput:
    return decisions.MeasureInput(measure_kind(s), ru(text), ru(body), deadline)


def decide_case(s: Session, world: World, meeting_id: str, deadlines: Sequence[dt.date],
                *, body: str = "School No. 5") -> decisions.DecisionInfo:
    """A child's case decided unanimously at the meeting, with one measure per deadline.
    Everyone in the members must already be marked present."""
    case = child_case(s, world)
    item = meetings.add_child_case_item(s, world.admin, meeting_id, case.id)
    voting.vote_all_for(s, world.admin, item.id)
    return decisions.record_decision(
        s, world.admin, item.id, text=ru("Warn and assign individual work"),
        measures=[measure_input(s, d, text=f"Measure due {d.isoformat()}", body=body)
                  for d in deadlines])


def counts(s: Session) -> tuple[int, int]:
    """(audit entries, change-log rows) so far."""
    return (s.execute(text("SELECT count(*) FROM audit_log")).scalar_one(),
            s.execute(text("SELECT count(*) FROM change_log")).scalar_one())
