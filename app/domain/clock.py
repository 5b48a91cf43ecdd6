"""Kazakhstan's time: deadlines are local dates, and stamps are shown in local time."""

from __future__ import annotations

import datetime as dt

KAZAKHSTAN = dt.timezone(dt.timedelta(hours=5))  # one zone, UTC+5, since 1 March 2024


def local(moment: dt.datetime) -> dt.datetime:
    """A stamp in Kazakhstan's time (a stamp without a zone is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(KAZAKHSTAN)
