"""A hand-built history of measures, cases, register entries and assessments whose
outcomes are worked out by hand (tests/services/test_outcomes.py gives the arithmetic)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from app.models import (
    AgendaItem,
    Assessment,
    Case,
    Child,
    Decision,
    Measure,
    Meeting,
    RegisterEntry,
    Territory,
)
from app.models.enums import (
    CatalogKind,
    Effectiveness,
    ItemKind,
    MeasureState,
    MeetingKind,
    MeetingStatus,
    Sex,
)
from app.services import catalogs
from tests.text import ru

D = dt.date
ON = D(2026, 6, 30)
PERIOD = (D(2025, 1, 1), ON)
E, P, N, T = (Effectiveness.EFFECTIVE, Effectiveness.PARTLY, Effectiveness.NOT_EFFECTIVE,
              Effectiveness.TOO_EARLY)


class History:
    """Rows written straight into the tables: the outcomes only read them."""

    def __init__(self, s, world) -> None:
        self.s, self.world = s, world
        self.numbers = itertools.count(1)
        self.meetings: dict[dt.date, tuple[str, str]] = {}
        self.district = s.scalar(select(Territory.id).where(
            Territory.name_ru == "Баянаульский район"))

    def kind(self, code: str) -> str:
        return catalogs.entry_id(self.s, CatalogKind.MEASURE_KIND, code)

    def child(self, name: str, district: str | None = None) -> str:
        row = Child(commission_id=self.world.commission_id, surname=name, first_name="A",
                    birth_date=D(2011, 5, 5), sex=Sex.MALE, search_key=name.lower(),
                    district_id=district or self.district)
        self.s.add(row)
        self.s.flush()
        return row.id

    def _decision(self, on: dt.date, child_id: str | None) -> str:
        if on not in self.meetings:
            meeting = Meeting(commission_id=self.world.commission_id, year=on.year,
                              number=next(self.numbers), date=on, place=ru("Hall"),
                              kind=MeetingKind.REGULAR, status=MeetingStatus.CLOSED)
            self.s.add(meeting)
            self.s.flush()
            self.meetings[on] = (meeting.id, "")
        meeting_id = self.meetings[on][0]
        item = AgendaItem(meeting_id=meeting_id, position=next(self.numbers),
                          kind=ItemKind.CHILD_CASE if child_id else ItemKind.GENERAL,
                          title=ru("Item"))
        self.s.add(item)
        self.s.flush()
        decision = Decision(meeting_id=meeting_id, agenda_item_id=item.id,
                            number=next(self.numbers), child_id=child_id, text=ru("Decided"),
                            adopted=True)
        self.s.add(decision)
        self.s.flush()
        return decision.id

    def measure(self, on: dt.date, child_id: str | None, kind: str, body: str, *,
                state: MeasureState = MeasureState.ACCEPTED,
                assessed: tuple[Effectiveness, ...] = ()) -> str:
        row = Measure(decision_id=self._decision(on, child_id), child_id=child_id,
                      kind_id=self.kind(kind), text=ru("Measure"), responsible_body=ru(body),
                      deadline=on + dt.timedelta(days=30), state=state)
        self.s.add(row)
        self.s.flush()
        for n, result in enumerate(assessed, start=1):
            self.s.add(Assessment(measure_id=row.id, assessed_on=on + dt.timedelta(days=40 * n),
                                  result=result))
        self.s.flush()
        return row.id

    def case(self, child_id: str, received: dt.date) -> None:
        self.s.add(Case(commission_id=self.world.commission_id, child_id=child_id,
                        year=received.year, number=next(self.numbers), received_on=received,
                        source_id=catalogs.entry_id(self.s, CatalogKind.SOURCE, "police"),
                        category_id=catalogs.entries(self.s, CatalogKind.CATEGORY)[0].id,
                        description=ru("Case")))
        self.s.flush()

    def register(self, child_id: str, put_on: dt.date, removed_on: dt.date | None = None
                 ) -> None:
        self.s.add(RegisterEntry(child_id=child_id, put_on=put_on, reason=ru("Decision"),
                                 removed_on=removed_on,
                                 removal_reason=ru("Improved" if removed_on else None)))
        self.s.flush()


def build_history(s, world):
    """The history the tests work out by hand; (History, children by number, the other
    district's id)."""
    h = History(s, world)
    m1, m2 = D(2025, 1, 10), D(2026, 3, 1)
    c = {n: h.child(f"C{n}") for n in range(1, 13)}
    # Warnings by School 1 at M1 to c1..c6, with the assessments given (latest wins;
    # "too early" is no assessment of effectiveness): E, E, P, N, P, E -> 3 of 6.
    results = {1: (E,), 2: (E,), 3: (P,), 4: (E, N), 5: (P, T), 6: (E,)}
    for n in range(1, 7):
        h.measure(m1, c[n], "minor_warning", "School 1", assessed=results[n])
    h.case(c[1], D(2025, 3, 1))   # within 6 months of M1
    h.case(c[2], D(2025, 10, 1))  # after 6 months (10.07.2025), within 12 (10.01.2026)
    h.case(c[3], D(2026, 2, 1))   # after 12 months
    h.case(c[5], D(2025, 1, 5))   # before the measure: not a new case
    h.case(c[6], D(2025, 1, 10))  # the day of the meeting: not after it
    # c1 gets a second warning at M2: its index date stays M1. c7 is warned at M2 only:
    # its 6 months are not over on ON, so it counts among the children, not the shares.
    h.measure(m2, c[1], "minor_warning", "School 1")
    h.measure(m2, c[7], "minor_warning", "School 1")
    # Register: c2..c6 on it at M1 (c1 was taken off before). Removed after 30 (c3),
    # 90 (c2), 181 (c4) days; c5 and c6 still on it on ON (536 days).
    for n in range(1, 7):
        removed = {1: D(2024, 12, 31), 2: D(2025, 4, 10), 3: D(2025, 2, 9),
                   4: D(2025, 7, 10)}.get(n)
        h.register(c[n], D(2024, 12, 1), removed)
    # Psychological help by the Centre to c8..c10: too few for any share. c8 lives in
    # another district.
    other = h.s.scalar(select(Territory.id).where(Territory.name_ru == "город Аксу"))
    h.s.get(Child, c[8]).district_id = other
    for n in (8, 9, 10):
        h.measure(m1, c[n], "minor_psychological_help", "Centre")
    # Not counted: a cancelled measure, and one before the period.
    h.measure(m1, c[11], "minor_psychological_help", "Centre", state=MeasureState.CANCELLED)
    h.measure(D(2024, 6, 1), c[12], "minor_warning", "School 1")
    # An assignment on a general question names no child: a measure, assessed effective.
    h.measure(m1, None, "body_assignment", "School 1", assessed=(E,))
    h.s.flush()
    return h, c, other
