"""Who comes back, and who is taken off the register: what makes the outcomes of the
demo's measures worth reading.

After a decision on a child's case, the child may come back with a new case some weeks
to some months later. How likely depends on the measures, and on how the commission
will find them working (the fate FollowUp chose for each): an effective measure halves
the odds, one that did not work raises them. A child put on the register is taken off it
at a meeting six to fifteen months later, unless a new case brings the child back first.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.models.enums import Effectiveness

from .world import DAY, World

if TYPE_CHECKING:
    from .sittings import Kid

# The chance of a new case after a decision, by the measure kinds it assigned (the
# highest of them counts), before the assessments adjust it.
COMEBACK = {
    "minor_warning": 0.34, "minor_individual_prevention": 0.20,
    "minor_psychological_help": 0.16, "minor_leisure_engagement": 0.14,
    "minor_school_recommendation": 0.28, "parent_warning": 0.30,
    "parent_recommendation": 0.30, "parent_family_support_referral": 0.18,
    "parent_petition_admin_liability": 0.26, "parent_petition_parental_rights": 0.22,
    "body_submission": 0.22, "minor_petition_adaptation_centre": 0.24,
}
NO_MEASURE = 0.25
RESULT_FACTOR = {Effectiveness.EFFECTIVE: 0.5, Effectiveness.PARTLY: 1.0,
                 Effectiveness.NOT_EFFECTIVE: 1.6, Effectiveness.TOO_EARLY: 1.0}
REMOVAL_REASON = ("Постановление комиссии: исправление поведения, устранение причин и "
                  "условий постановки на учёт")


class Returns:
    def __init__(self, world: World, held: list[dt.date]) -> None:
        self.world = world
        self.rng = world.rng
        self.held = held
        self._back: list[tuple[dt.date, int, Kid]] = []
        self._seq = itertools.count()
        self._removal: dict[str, dt.date] = {}  # child id -> the meeting that removes it

    def after_decision(self, kid: Kid, on: dt.date, kinds: Iterable[str],
                       results: Iterable[Effectiveness | None]) -> None:
        """Maybe bring the child back with a new case 1 to 16 months after `on`."""
        odds = max((COMEBACK.get(k, NO_MEASURE) for k in kinds), default=NO_MEASURE)
        for result in results:
            if result is not None:
                odds *= RESULT_FACTOR[result]
        if self.rng.random() < odds:
            when = on + self.rng.randint(30, 480) * DAY
            if when < self.world.today:
                heapq.heappush(self._back, (when, next(self._seq), kid))

    def due(self, before: dt.date, n: int) -> list[tuple[Kid, dt.date]]:
        """Up to `n` children whose new case has come in by `before`, earliest first;
        each is kept on the register (a planned removal is dropped)."""
        out: list[tuple[Kid, dt.date]] = []
        while self._back and self._back[0][0] < before and len(out) < n:
            when, _n, kid = heapq.heappop(self._back)
            if any(k is kid for k, _w in out):
                continue
            self._removal.pop(kid.id, None)
            out.append((kid, when))
        return out

    def put_on(self, kid: Kid, on: dt.date) -> None:
        """The child was put on the register on `on`: plan its removal."""
        target = on + self.rng.randint(180, 450) * DAY
        at = bisect.bisect_left(self.held, target)
        if at < len(self.held):
            self._removal[kid.id] = self.held[at]

    def removals(self, on: dt.date) -> list[str]:
        """The children the meeting of `on` takes off the register."""
        leaving = [child for child, when in self._removal.items() if when == on]
        for child in leaving:
            del self._removal[child]
        return leaving
