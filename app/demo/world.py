"""State shared by the demo's steps, and the calendar of the demo year."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.db import Database
from app.models.enums import CatalogKind
from app.services import catalogs
from app.services.context import Actor

DAY = dt.timedelta(days=1)


@dataclass
class World:
    """What every step needs: the database, today, the actors and the catalog ids."""

    db: Database
    today: dt.date
    commission_id: str
    admin: Actor
    chair: Actor
    secretary: Actor
    member: Actor
    rng: random.Random
    ids: dict[tuple[CatalogKind, str], str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # decision template code -> text_ru

    def cat(self, kind: CatalogKind, code: str) -> str:
        return self.ids[(kind, code)]

    def load_catalogs(self, s: Session) -> None:
        for kind in CatalogKind:
            for e in catalogs.entries(s, kind):
                self.ids[(kind, e.code)] = e.id
                if kind is CatalogKind.DECISION_TEMPLATE and e.text_ru:
                    self.texts[e.code] = e.text_ru


def weekday(d: dt.date) -> dt.date:
    """Meetings sit on working days: a Saturday moves back to Friday, a Sunday on to Monday."""
    if d.weekday() == 5:
        return d - DAY
    if d.weekday() == 6:
        return d + DAY
    return d


def meeting_dates(rng: random.Random, today: dt.date, count: int, years: int = 1
                  ) -> list[dt.date]:
    """`count` working days spread evenly over the `years` before today, oldest first."""
    span = 365 * years
    step = span / count
    jitter = min(3, int(step // 4))
    dates: list[dt.date] = []
    for i in range(count):
        d = today - dt.timedelta(days=span) + dt.timedelta(
            days=round((i + 0.5) * step) + rng.randint(-jitter, jitter))
        d = weekday(d)
        if dates and d <= dates[-1]:
            d = dates[-1] + DAY  # many meetings: keep them in order, one a day at most
        dates.append(min(d, today - DAY))
    return dates


def renewal_date(dates: list[dt.date], today: dt.date) -> dt.date:
    """The second act takes effect about five months ago, a few days before a meeting,
    so that meetings on both sides of it use different compositions."""
    target = today - dt.timedelta(days=150)
    if len(dates) < 2:
        return target
    j = next((i for i, d in enumerate(dates) if d > target), len(dates) - 1)
    j = min(max(j, 1), len(dates) - 1)
    return max(dates[j - 1] + DAY, dates[j] - 7 * DAY)
