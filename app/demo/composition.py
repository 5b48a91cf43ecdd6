"""The demo commission's two composition acts and the users who work with it.

The first act has the bodies a commission had before 2026; the renewal (a second act
during the year, as the "Дети Казахстана" concept ordered) replaces some members and
adds the expert community, a parent organisation and a public council, so that every
organisation kind of the catalog sits in the composition in force today.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.iin import Sex
from app.models.enums import CatalogKind, MemberRole
from app.services import commissions, users
from app.services.commissions import ActInfo, MemberInput
from app.services.context import Actor

from .names import Person, person
from .texts import ru

OBLAST = "Павлодарской области"

# (organisation kind, role, position); the first act takes the rows without "new".
SEATS: tuple[tuple[str, MemberRole, str, bool], ...] = (
    ("akimat", MemberRole.CHAIR, f"заместитель акима {OBLAST}, председатель комиссии", False),
    ("education", MemberRole.DEPUTY_CHAIR,
     f"руководитель управления образования {OBLAST}, заместитель председателя", False),
    ("akimat", MemberRole.SECRETARY, "главный специалист отдела по делам несовершеннолетних "
     "аппарата акима области, ответственный секретарь комиссии", False),
    ("maslikhat", MemberRole.MEMBER, "депутат Павлодарского областного маслихата", False),
    ("internal_affairs", MemberRole.MEMBER,
     f"начальник управления ювенальной полиции Департамента полиции {OBLAST}", False),
    ("internal_affairs", MemberRole.MEMBER,
     "старший инспектор по делам несовершеннолетних Павлодарского городского отдела "
     "полиции", False),
    ("education", MemberRole.MEMBER, "директор школы-гимназии № 7 города Павлодара", False),
    ("health", MemberRole.MEMBER,
     f"заместитель руководителя управления здравоохранения {OBLAST}", False),
    ("culture", MemberRole.MEMBER,
     f"руководитель отдела управления культуры, развития языков и архивного дела {OBLAST}",
     False),
    ("justice", MemberRole.MEMBER, f"заместитель руководителя департамента юстиции {OBLAST}",
     False),
    ("employment", MemberRole.MEMBER, "руководитель отдела управления координации занятости "
     f"и социальных программ {OBLAST}", False),
    ("guardianship", MemberRole.MEMBER,
     "руководитель отдела охраны прав детей (опека и попечительство) управления образования",
     False),
    ("ngo", MemberRole.MEMBER, "директор общественного фонда «Бала әлемі»", False),
    ("other", MemberRole.MEMBER,
     f"заместитель руководителя управления физической культуры и спорта {OBLAST}", False),
    ("expert_community", MemberRole.MEMBER,
     "психолог, кандидат психологических наук (экспертное сообщество)", True),
    ("parent_organisation", MemberRole.MEMBER,
     "председатель областного общественного объединения родителей «Ата-ана»", True),
    ("public_council", MemberRole.MEMBER, f"член общественного совета {OBLAST}", True),
)
# Seats whose holder changes at the renewal (by index in SEATS).
REPLACED = (1, 3, 5, 7)


@dataclass(frozen=True, slots=True)
class Composition:
    first: ActInfo
    second: ActInfo
    people: tuple[Person, ...]  # one per seat, first-act holders
    successors: dict[int, Person]


def people(rng: random.Random) -> tuple[tuple[Person, ...], dict[int, Person]]:
    """The first act's seat holders and the successors of the seats replaced later."""
    taken: set[str] = set()

    def fresh() -> Person:
        while True:
            p = person(rng, rng.choice((Sex.MALE, Sex.FEMALE)), kazakh=rng.random() < 0.65)
            if p.full_name not in taken:
                taken.add(p.full_name)
                return p

    holders = tuple(fresh() for _ in SEATS)
    return holders, {i: fresh() for i in REPLACED}


def _members(world_ids: dict[tuple[CatalogKind, str], str], holders: list[Person],
             seats: list[int]) -> list[MemberInput]:
    return [MemberInput(full_name=holders[i].full_name, position=ru(SEATS[i][2]),
                        organisation_kind_id=world_ids[(CatalogKind.ORGANISATION_KIND,
                                                        SEATS[i][0])],
                        role=SEATS[i][1]) for i in seats]


def approve_acts(s: Session, actor: Actor, commission_id: str,
                 ids: dict[tuple[CatalogKind, str], str], rng: random.Random, *,
                 people: tuple[tuple[Person, ...], dict[int, Person]], first_from: dt.date,
                 renewal_from: dt.date) -> Composition:
    holders, successors = people
    first_seats = [i for i, seat in enumerate(SEATS) if not seat[3]]
    first = commissions.approve_composition(
        s, actor, commission_id, issuing_body=ru(f"Акимат {OBLAST}"),
        number=f"{rng.randint(100, 399)}/{rng.randint(1, 9)}",
        act_date=first_from - dt.timedelta(days=4), effective_from=first_from,
        members=_members(ids, list(holders), first_seats))
    renewed = [successors.get(i, p) for i, p in enumerate(holders)]
    second = commissions.approve_composition(
        s, actor, commission_id, issuing_body=ru(f"Акимат {OBLAST}"),
        number=f"{rng.randint(400, 699)}/{rng.randint(1, 9)}",
        act_date=renewal_from - dt.timedelta(days=3), effective_from=renewal_from,
        members=_members(ids, renewed, list(range(len(SEATS)))))
    return Composition(first, second, holders, successors)


def create_users(s: Session, admin: Actor, commission_id: str, people: tuple[Person, ...],
                 password: str, rng: random.Random) -> dict[str, Actor]:
    """Logins chair, secretary, member and viewer, all with the administrator's password."""
    names = {"chair": people[0].full_name, "secretary": people[2].full_name,
             "member": people[4].full_name,
             "viewer": person(rng, Sex.FEMALE, kazakh=True).full_name}
    actors = {}
    for login, full_name in names.items():
        info = users.create_user(s, admin, login=login, full_name=full_name, role=login,
                                 password=password, commission_id=commission_id)
        actors[login] = info.actor()
    return actors
