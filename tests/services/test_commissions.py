"""Compositions by act: who was a member on a date, and the quorum on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.roles import Role
from app.domain.voting import QuorumRule
from app.errors import PermissionDenied, ValidationError
from app.models.enums import CatalogKind, MemberRole
from app.services import catalogs, commissions, users
from app.services.commissions import MemberInput
from tests.text import ru


def _members(s, names: list[str]) -> list[MemberInput]:
    kinds = [e.id for e in catalogs.entries(s, CatalogKind.ORGANISATION_KIND)]
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * len(names)
    return [MemberInput(n, ru("должность"), kinds[i % len(kinds)], roles[i])
            for i, n in enumerate(names)]


def _approve(s, world, names, effective, number):
    return commissions.approve_composition(
        s, world.admin, world.commission_id, issuing_body=ru("Акимат района"), number=number,
        act_date=effective - dt.timedelta(days=3), effective_from=effective,
        members=_members(s, names))


def test_who_was_a_member_before_and_after_a_renewal(world):
    first = [f"Член {i}" for i in range(7)]
    second = first[:5] + ["Новый 1", "Новый 2", "Новый 3", "Новый 4"]
    with world.db.session() as s:
        _approve(s, world, first, dt.date(2026, 1, 15), "5")
        _approve(s, world, second, dt.date(2026, 7, 1), "88")
    with world.db.session() as s:
        def names(day):
            return [m.full_name for m in commissions.members_on(s, world.commission_id, day)]

        assert names(dt.date(2026, 1, 14)) == []
        assert names(dt.date(2026, 1, 15)) == first
        assert names(dt.date(2026, 6, 30)) == first
        assert names(dt.date(2026, 7, 1)) == second
        q_before = commissions.quorum_on(s, world.commission_id, dt.date(2026, 3, 1))
        q_after = commissions.quorum_on(s, world.commission_id, dt.date(2026, 8, 1))
        assert (q_before.members_in_force, q_before.required) == (7, 4)
        assert (q_after.members_in_force, q_after.required) == (9, 5)
        assert [a.number for a in commissions.acts(s, world.commission_id)] == ["88", "5"]
        commissions.set_rules(s, world.admin, world.commission_id,
                              quorum_rule=QuorumRule.TWO_THIRDS, majority_rule="of_present")
        assert commissions.quorum_on(s, world.commission_id, dt.date(2026, 8, 1)).required == 6


def _with_role(m: MemberInput, role: MemberRole) -> MemberInput:
    return MemberInput(m.full_name, m.position, m.organisation_kind_id, role)


@pytest.mark.parametrize("mutate", [
    lambda ms: ms[:2],                                              # too few members
    lambda ms: [*ms[:2], _with_role(ms[2], MemberRole.SECRETARY)],  # two secretaries
    lambda ms: [_with_role(ms[0], MemberRole.MEMBER), *ms[1:]],     # no chair
    lambda ms: [*ms, ms[3]],                                        # the same person twice
])
def test_invalid_compositions_are_refused(world, mutate):
    with world.db.session() as s:
        members = mutate(_members(s, ["А", "Б", "В", "Г", "Д"]))
        with pytest.raises(ValidationError):
            commissions.approve_composition(
                s, world.admin, world.commission_id, issuing_body=ru("Акимат"), number="1",
                act_date=dt.date(2026, 1, 1), effective_from=dt.date(2026, 1, 2),
                members=members)
        assert commissions.acts(s, world.commission_id) == []


def test_effective_date_before_the_act_and_unknown_kind_are_refused(world):
    with world.db.session() as s:
        members = _members(s, ["А", "Б", "В"])
        with pytest.raises(ValidationError) as exc:
            commissions.approve_composition(
                s, world.admin, world.commission_id, issuing_body=ru("Акимат"), number="1",
                act_date=dt.date(2026, 2, 1), effective_from=dt.date(2026, 1, 1),
                members=members)
        assert exc.value.field == "effective_from"
        bad = [MemberInput("А", ru("д"), "no-such-kind", MemberRole.CHAIR), *members[1:]]
        with pytest.raises(ValidationError):
            commissions.approve_composition(
                s, world.admin, world.commission_id, issuing_body=ru("Акимат"), number="1",
                act_date=dt.date(2026, 1, 1), effective_from=dt.date(2026, 1, 1), members=bad)


def test_a_viewer_cannot_approve(world):
    with world.db.session() as s:
        viewer = users.create_user(s, world.admin, login="viewer1", full_name="V",
                                   role=Role.VIEWER, password="long enough").actor()
        with pytest.raises(PermissionDenied):
            commissions.approve_composition(
                s, viewer, world.commission_id, issuing_body=ru("Акимат"), number="1",
                act_date=dt.date(2026, 1, 1), effective_from=dt.date(2026, 1, 1),
                members=_members(s, ["А", "Б", "В"]))
