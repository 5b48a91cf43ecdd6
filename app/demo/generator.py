"""`build_demo`: a realistic, entirely synthetic commission in a new database.

The commission is the regional one of Pavlodar oblast, so its children come from all
thirteen districts and cities of the oblast. Everything is written through the services
(as the desktop app would write it), children in batches of 5,000 with one transaction
per batch, each meeting in one transaction. The same seed gives the same data on the
same day: dates are counted back from the services' today().
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.db.create import commission_names, create_database
from app.db_location import Location, ServerLocation, parse_location, remove_database, require_empty
from app.errors import ValidationError
from app.i18n import N_
from app.models import (
    AgendaItem,
    Assessment,
    Case,
    Child,
    CompositionAct,
    Decision,
    Measure,
    Meeting,
    Membership,
    User,
)
from app.models.enums import Effectiveness, MeetingStatus
from app.services import catalogs, setup
from app.services.context import SYSTEM, today
from app.services.decisions import measure_info

from . import composition, registry
from .followup import FollowUp
from .sittings import Kid, Year
from .world import DAY, World, meeting_dates, renewal_date

COMMISSION_RU = ("Комиссия по делам несовершеннолетних и защите их прав при акимате "
                 "Павлодарской области")
COMMISSION_KK = ("Павлодар облысы әкімдігі жанындағы кәмелетке толмағандардың істері және "
                 "олардың құқықтарын қорғау жөніндегі комиссия")
MAX_CHILDREN = 1_000_000
MAX_MEETINGS = 120
MAX_YEARS = 5
DEMO_YEARS = 2  # what the app and `kenes demo` build: a year of measures followed a year
CASES_PER_MEETING = 6


@dataclass(frozen=True, slots=True)
class DemoSummary:
    path: Location
    seed: int
    commission: str
    children: int
    children_with_cases: int
    cases: int
    acts: int
    memberships: int
    users: int
    meetings_closed: int
    meetings_planned: int
    items: int
    decisions: int
    measures: int
    measure_states: tuple[tuple[str, int], ...]  # state as of today (overdue derived)
    assessments: tuple[tuple[str, int], ...]  # effectiveness -> count
    recovery_key: str | None = None  # an encrypted demo's, shown once

    def line(self) -> str:
        states = ", ".join(f"{k} {v}" for k, v in self.measure_states)
        return (f"{self.path}: {self.children} children ({self.children_with_cases} with "
                f"cases, {self.cases} cases), {self.meetings_closed} meetings closed + "
                f"{self.meetings_planned} planned, {self.decisions} decisions, "
                f"{self.measures} measures ({states}); seed {self.seed}")


def build_demo(path: Location | str, *, children: int = 2000, meetings: int = 24,
               seed: int = 1, password: str, years: int = 1, encrypted: bool = True
               ) -> DemoSummary:
    """Build the demo into a new file (encrypted unless told otherwise) or an empty
    server database; an existing non-empty file, or a server database that holds
    anything, is refused. `meetings` are held in each of the `years` before today."""
    path = parse_location(path)
    require_empty(path)
    if not 1 <= children <= MAX_CHILDREN:
        raise ValidationError(N_("The number of children must be from 1 to {max}."),
                              field="children", max=MAX_CHILDREN)
    if not 1 <= meetings <= MAX_MEETINGS:
        raise ValidationError(N_("The number of meetings must be from 1 to {max}."),
                              field="meetings", max=MAX_MEETINGS)
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(N_("The number of years must be from 1 to {max}."),
                              field="years", max=MAX_YEARS)

    def build(db: Database) -> DemoSummary:
        _build(db, children, meetings * years, seed, password, years)
        with db.session() as s:
            return _summary(s, path, seed)

    if isinstance(path, ServerLocation):  # the server's own storage protects it
        db = open_database(path)
        try:
            summary = build(db)
        except BaseException:
            db.engine.dispose()
            remove_database(path)  # a failed build leaves no half-made database
            raise
        db.close()
        return summary
    # Built under a temporary name: a failed build leaves no half-made file.
    created = create_database(path, build, encrypted=encrypted, commission=commission_names)
    return dataclasses.replace(created.result, recovery_key=created.recovery_key)


def _build(db: Database, n_children: int, n_meetings: int, seed: int, password: str,
           years: int) -> None:
    rng = random.Random(f"kenes-demo:{seed}:year")
    on = today()
    dates = meeting_dates(rng, on, n_meetings, years)
    renewal = renewal_date(dates, on)
    with db.session() as s:
        made = setup.initialise(
            s, commission_ru=COMMISSION_RU, commission_kk=COMMISSION_KK,
            territory_id=catalogs.seed_id("territory", "kz_pavlodar"), admin_login="admin",
            admin_name="Администратор системы", admin_password=password)
    # The working users don't exist yet: the system stands in until they are created.
    world = World(db, on, made.commission.id, made.admin.actor(), SYSTEM, SYSTEM, SYSTEM, rng)
    with db.session() as s:
        world.load_catalogs(s)
        people = composition.people(rng)
        actors = composition.create_users(s, world.admin, world.commission_id, people[0],
                                          password, rng)
        world.chair, world.secretary, world.member = (
            actors["chair"], actors["secretary"], actors["member"])
        acts = composition.approve_acts(
            s, world.secretary, world.commission_id, world.ids, rng, people=people,
            first_from=dates[0] - 20 * DAY, renewal_from=renewal)
    ids, rows = registry.register_all(world, seed, n_children)
    with_cases = sorted(random.Random(f"kenes-demo:{seed}:cases").sample(
        range(n_children), min(n_children, n_meetings * CASES_PER_MEETING)))
    registry.mark_sample(world, ids, rows, set(with_cases))
    kids = [Kid(ids[i], rows[i]) for i in with_cases]
    random.Random(f"kenes-demo:{seed}:order").shuffle(kids)
    year = Year(world, FollowUp(world, dates), dates, renewal, acts.second.number, kids)
    year.run()


def _count(s: Session, model: type, *where: object) -> int:
    return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _summary(s: Session, path: Location, seed: int) -> DemoSummary:
    on = today()
    states = Counter(measure_info(m).effective_state(on).value
                     for m in s.scalars(select(Measure).where(Measure.deleted.is_(False))))
    results = Counter(s.scalars(select(Assessment.result)))
    return DemoSummary(
        path=path, seed=seed, commission=COMMISSION_RU,
        children=_count(s, Child),
        children_with_cases=s.scalar(select(func.count(func.distinct(Case.child_id)))) or 0,
        cases=_count(s, Case), acts=_count(s, CompositionAct),
        memberships=_count(s, Membership), users=_count(s, User),
        meetings_closed=_count(s, Meeting, Meeting.status == MeetingStatus.CLOSED),
        meetings_planned=_count(s, Meeting, Meeting.status == MeetingStatus.PLANNED),
        items=_count(s, AgendaItem), decisions=_count(s, Decision),
        measures=sum(states.values()),
        measure_states=tuple(sorted(states.items())),
        assessments=tuple(sorted((Effectiveness(k).value, v) for k, v in results.items())))
