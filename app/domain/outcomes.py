"""Pure rules behind the outcomes of measures: calendar months, shares that admit when
they rest on few children, and the median time to an event when some children have not
reached it yet. No I/O; app/services/outcomes.py feeds them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

MIN_N = 5  # below this many, a share is not shown at all (only its n)
Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st of a shorter month becomes its last day."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return d.replace(year=year, month=month,
                     day=min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Share:
    """k of n. `value` and the interval are None when n < MIN_N: a share of three
    children says nothing and must not look as if it did."""

    k: int
    n: int

    @property
    def shown(self) -> bool:
        return self.n >= MIN_N

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.shown else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% Wilson score interval: honest at small n and at 0% or 100%, where
        the textbook k/n ± 1.96·se collapses to a point."""
        if not self.shown:
            return None
        n, p, z2 = self.n, self.k / self.n, Z95 * Z95
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        # Rounding must not put the share itself outside its interval (at 0% or 100%).
        return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


@dataclass(frozen=True, slots=True)
class TimeToEvent:
    """Days from a measure to the child's removal from the register.

    `median_days` is the Kaplan–Meier median: children still on the register count as
    long as they were followed (censored), instead of being dropped (which would make
    the median look shorter) or counted as never removed. None when fewer than half
    were removed within their follow-up ("not reached") or n < MIN_N.
    """

    n: int  # children on the register when the measure was taken
    events: int  # of them, removed since
    median_days: int | None

    @property
    def shown(self) -> bool:
        return self.n >= MIN_N


def km_median(observations: Iterable[tuple[int, bool]]) -> TimeToEvent:
    """(days followed, removed?) per child -> the Kaplan–Meier median time to removal.

    The median is the first time the estimated share still on the register falls to
    one half or below. At a tie, removals come before censoring (the usual convention).
    """
    obs = sorted(observations, key=lambda o: (o[0], not o[1]))
    n, events = len(obs), sum(1 for _d, e in obs if e)
    if n < MIN_N:
        return TimeToEvent(n, events, None)
    at_risk, surviving, i = n, 1.0, 0
    while i < n:
        day = obs[i][0]
        removed = censored = 0
        while i < n and obs[i][0] == day:
            if obs[i][1]:
                removed += 1
            else:
                censored += 1
            i += 1
        if removed:
            surviving *= 1 - removed / at_risk
            if surviving <= 0.5 + 1e-12:
                return TimeToEvent(n, events, day)
        at_risk -= removed + censored
    return TimeToEvent(n, events, None)
