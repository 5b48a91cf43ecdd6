"""`kenes outcomes`: the outcomes of measures of a period as a workbook, through the same
services and builders as the Prevention screen.

Logs in like the report commands (--user, password in KENES_PASSWORD or
--password-stdin). Exit 0 on success, 1 with one line on stderr when refused.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.reports_cli import _commission, _common, _district, _period, _run

if TYPE_CHECKING:
    from app.db import Database
    from app.services.context import Actor


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "outcomes", help="the outcomes of the measures of a period as .xlsx",
        description="Write the outcomes of the measures assigned in a period — per kind of "
        "measure and per responsible body: children, the share with no new case within 6 "
        "and 12 months, the median time to removal from the register, how often assessed "
        "effective, each with its n — and the early-warning list, as an Excel workbook.")
    _period(p)
    _common(p)
    p.set_defaults(func=lambda args: _run(args, _outcomes))


def _outcomes(db: Database, actor: Actor, args: argparse.Namespace) -> None:
    from app.reports.xlsx_outcomes import build_outcomes
    from app.services import outcomes

    with db.read_session() as s:
        result = outcomes.compute(s, actor, _commission(s, actor), args.date_from,
                                  args.date_to, district_id=_district(s, actor, args.district))
    build_outcomes(result, args.out, args.book_lang)
    return None
