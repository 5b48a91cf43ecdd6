"""`kenes demo`: build the synthetic demo commission into a new database file."""

from __future__ import annotations

import argparse
import os
import sys

DEFAULT_PASSWORD = "demo-password"


def add_parser(subparsers) -> None:  # type: ignore[no-untyped-def]  # argparse's private type
    p = subparsers.add_parser(
        "demo", help="build a synthetic demo commission (Pavlodar oblast) into a new database",
        description="Build a realistic, entirely synthetic commission — composition, children, "
        "years of meetings with decisions and measures — into a NEW database file. Logins: "
        "admin, chair, secretary, member, viewer, all with the same password.")
    # SUPPRESS keeps a --db given before the sub-command (`kenes --db X demo`).
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH|URL",
                   help="database to create: a new file, or an empty PostgreSQL database "
                   "as postgresql://user@host/dbname (default: kenes.db in the user's "
                   "data folder)")
    p.add_argument("--children", type=int, default=2000, help="children in the registry")
    p.add_argument("--meetings", type=int, default=24,
                   help="meetings held in each year")
    p.add_argument("--years", type=int, default=2,
                   help="years of meetings before today (default 2: the outcomes of "
                   "measures need a year of follow-up)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the users' password from standard input (else KENES_PASSWORD)")
    p.add_argument("--unencrypted", action="store_true",
                   help="do not encrypt the demo database (tests, benchmarks)")
    p.set_defaults(func=run)


def _password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    secret = os.environ.get("KENES_PASSWORD")
    if secret:
        return secret
    print(f"note: no KENES_PASSWORD or --password-stdin; every demo login uses the password "
          f"{DEFAULT_PASSWORD!r}")
    return DEFAULT_PASSWORD


def run(args: argparse.Namespace) -> int:
    from app.cli import db_location, show_recovery_key, warn_unencrypted
    from app.demo import build_demo

    if args.unencrypted:
        warn_unencrypted()
    summary = build_demo(db_location(args), children=args.children, meetings=args.meetings,
                         seed=args.seed, password=_password(args), years=args.years,
                         encrypted=not args.unencrypted)
    print(summary.line())
    show_recovery_key(summary.recovery_key)
    return 0
