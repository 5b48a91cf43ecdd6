"""`kenes report`, `kenes export registry|measures|decisions`, `kenes import children`:
statistics and Excel lists from the command line, through the same services and builders
as the desktop app.

Each command logs in (--user, password in KENES_PASSWORD or --password-stdin). Reading a
list of children is recorded in the audit log (ids only). Exit status: 0 on success;
1 with one line on stderr when refused; 3 when an import finds bad rows (the report goes
to standard output, nothing is written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import DB_HELP, EXIT_OK, EXIT_PROBLEMS, open_as_user
from app.errors import StorageError, ValidationError
from app.i18n import N_, _

if TYPE_CHECKING:
    from app.db import Database
    from app.services.context import Actor

BOOK_LANGS = ("ru", "kk", "en")


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (write YYYY-MM-DD or DD.MM.YYYY)")


def _common(p: argparse.ArgumentParser, *, book: bool = True) -> None:
    # SUPPRESS: `kenes --db X report ...` keeps X (see app.cli._db_arg).
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH|URL", help=DB_HELP)
    p.add_argument("--user", required=True, help="your login")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (default: KENES_PASSWORD)")
    if book:
        # Its own dest: the global --lang chooses the language of messages.
        p.add_argument("--lang", dest="book_lang", choices=BOOK_LANGS, default="ru",
                       help="language of the workbook (default: ru)")
        p.add_argument("--out", type=Path, required=True, help=".xlsx file to write")


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=_date, required=True,
                   help="first day of the period (YYYY-MM-DD or DD.MM.YYYY)")
    p.add_argument("--to", dest="date_to", type=_date, required=True,
                   help="last day of the period")
    p.add_argument("--district", help="only what concerns children of this district "
                   "(a name in Russian, Kazakh or English)")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the statistical report of a period as .xlsx",
                       description="Write the statistical report (meetings, items, children, "
                       "cases, decisions, measures, register; by district, school and "
                       "month) with charts, as an Excel workbook.")
    _period(p)
    _common(p)
    p.set_defaults(func=lambda args: _run(args, _report))

    export = sub.add_parser("export", help="a list as .xlsx: registry, measures, decisions",
                            description="Write what a list of the app shows as an Excel "
                            "workbook.")
    lists = export.add_subparsers(dest="list", metavar="LIST", required=True)
    p = lists.add_parser("registry", help="the children's registry, with its filters")
    p.add_argument("--text", default="", help="name or IIN, as typed in the filter")
    p.add_argument("--district", help="district name")
    p.add_argument("--category", help="risk category code, e.g. truancy")
    p.add_argument("--register", choices=("any", "on", "off"), default="any",
                   help="register status (default: any)")
    p.add_argument("--curator", default="", help="curator's name")
    p.add_argument("--overdue", action="store_true", help="only children with overdue "
                   "measures")
    _common(p)
    p.set_defaults(func=lambda args: _run(args, _registry))
    p = lists.add_parser("measures", help="the measures control list")
    p.add_argument("--view", choices=("overdue", "due_this_month", "awaiting_assessment",
                                      "all"), default="all", help="which list (default: all)")
    p.add_argument("--body", help="only this responsible body")
    _common(p)
    p.set_defaults(func=lambda args: _run(args, _measures))
    p = lists.add_parser("decisions", help="the decisions of a period")
    _period(p)
    _common(p)
    p.set_defaults(func=lambda args: _run(args, _decisions))

    imp = sub.add_parser("import", help="import a list from .xlsx (children)",
                         description="Import a list from an Excel workbook.")
    kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    p = kinds.add_parser(
        "children", help="children from an .xlsx list",
        description="Check every row of the list, then register all its children in one "
        "transaction, or none when a row has a problem. Children whose IIN is already "
        "registered are skipped; likely duplicates (same name and date of birth) are "
        "skipped unless named with --import-duplicates.")
    p.add_argument("file", type=Path, help="the .xlsx file")
    p.add_argument("--mapping", type=Path, help="JSON file naming the column of each field, "
                   'e.g. {"surname": "Фамилия", "iin": "D", "birth_date": 5} (default: the '
                   "mapping remembered for this layout, else guessed from the headings)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument("--import-duplicates", default="", metavar="ROWS",
                   help="sheet rows of likely duplicates to import all the same "
                   "(comma-separated), or 'all'")
    _common(p, book=False)
    p.set_defaults(func=_import)


def _login(args: argparse.Namespace) -> tuple[Database, Actor]:
    return open_as_user(args)


def _run(args: argparse.Namespace,
         build: Callable[[Any, Actor, argparse.Namespace], int | None]) -> int:
    db, actor = _login(args)
    try:
        count = build(db, actor, args)
    except OSError as exc:
        raise StorageError(N_("Cannot write {path}: {reason}."), path=str(args.out),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    finally:
        db.close()
    if count is None:
        print(_("Written {path}.").format(path=args.out))
    else:
        print(_("Written {path}: {n} rows.").format(path=args.out, n=count))
    return EXIT_OK


def _commission(s: Any, actor: Actor) -> str:
    from app.services import documents

    return documents.commission_for(s, actor)


def _district(s: Any, actor: Actor, name: str | None) -> str | None:
    from app.services import statistics

    return statistics.find_district(s, _commission(s, actor), name) if name else None


def _report(db: Database, actor: Actor, args: argparse.Namespace) -> None:
    from app.reports.xlsx_statistics import build_statistics
    from app.services import outcomes, statistics

    with db.read_session() as s:
        commission_id, district_id = _commission(s, actor), _district(s, actor, args.district)
        stats = statistics.compute(s, actor, commission_id, args.date_from, args.date_to,
                                   district_id=district_id)
        results = outcomes.compute(s, actor, commission_id, args.date_from, args.date_to,
                                   district_id=district_id)
    build_statistics(stats, args.out, args.book_lang, outcomes=results)
    return None


def _registry(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.models.enums import CatalogKind
    from app.reports.xlsx_exports import write_registry
    from app.services import catalogs, exports
    from app.services.registry import RegistryFilter

    with db.session() as s:
        commission_id = _commission(s, actor)
        flt = RegistryFilter(
            text=args.text, district_id=_district(s, actor, args.district),
            category_id=(catalogs.entry_id(s, CatalogKind.CATEGORY, args.category)
                         if args.category else None),
            register_status=args.register, curator=args.curator,
            has_overdue_measures=args.overdue)
        exports.record_export(s, actor, "registry", commission_id)
    with db.read_session() as s:
        return write_registry(exports.registry_export(s, actor, commission_id, flt,
                                                         lang=args.book_lang),
                              args.out, args.book_lang)


def _measures(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.reports.xlsx_exports import write_measures
    from app.services import exports

    with db.session() as s:
        commission_id = _commission(s, actor)
        exports.record_export(s, actor, "measures", commission_id, view=args.view)
        lines = exports.measures_export(s, actor, commission_id, view=args.view,
                                           body=args.body)
    return write_measures(lines, args.out, args.book_lang)


def _decisions(db: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.reports.xlsx_exports import write_decisions
    from app.services import exports

    with db.session() as s:
        commission_id = _commission(s, actor)
        exports.record_export(s, actor, "decisions", commission_id)
        lines = exports.decisions_export(s, actor, commission_id, args.date_from,
                                            args.date_to,
                                            district_id=_district(s, actor, args.district))
    return write_decisions(lines, args.out, args.book_lang)


def _rows(text: str) -> set[int] | str:
    text = text.strip().lower()
    if text == "all":
        return "all"
    try:
        return {int(part) for part in text.replace(" ", "").split(",") if part}
    except ValueError:
        raise ValidationError(N_("Name the rows as numbers separated by commas, or 'all'."),
                              field="import_duplicates") from None


def _import(args: argparse.Namespace) -> int:
    from app.reports.xlsx_read import read_sheet
    from app.services import child_import, import_mapping

    wanted = _rows(args.import_duplicates)
    sheet = read_sheet(args.file)
    mapping = (import_mapping.mapping_from_file(args.mapping, sheet.headers) if args.mapping
               else import_mapping.initial_mapping(sheet.headers))
    import_mapping.check_mapping(mapping, sheet.headers)
    db, actor = _login(args)
    try:
        # Checked without the write lock (other windows and commands keep writing),
        # then written in one short transaction.
        with db.read_session() as s:
            commission_id = _commission(s, actor)
            report = child_import.check_children(s, actor, commission_id, sheet, mapping)
            if wanted == "all":
                wanted = {d.row for d in report.duplicates if d.can_import}
            report = child_import.choose(s, report, wanted)
        if not args.dry_run and report.ok:
            with db.session() as s:
                report = child_import.write_checked(s, actor, commission_id, report,
                                                    import_duplicates=wanted)
    finally:
        db.close()
    _print_report(sheet, report)
    if not report.ok:
        message = _("{n} rows have problems; nothing was written.").format(
            n=len(report.bad_rows))
        print(f"kenes: {message}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.dry_run:
        import_mapping.remember_mapping(sheet.headers, mapping)
    return EXIT_OK


def _print_report(sheet: Any, report: Any) -> None:
    for p in report.problems:
        print(_("row {row}, column {column}: {problem}").format(
            row=p.row, column=p.column or "—", problem=p.text()))
    for p in report.warnings:
        print(_("row {row}, column {column}: warning: {problem}").format(
            row=p.row, column=p.column or "—", problem=p.text()))
    for r in report.already_registered:
        print(_("row {row}: already registered (IIN {iin}), skipped.").format(
            row=r.row, iin=r.iin))
    for d in report.duplicates:
        chosen = d.row in report.to_import
        print(_("row {row}: likely duplicate: {reason} {action}").format(
            row=d.row, reason=d.text(),
            action=_("Imported as decided.") if chosen else _("Skipped.")))
    summary = _("{file}: {rows} rows; {ok} to import, {registered} already registered, "
                "{duplicates} likely duplicates, {bad} with problems.").format(
        file=sheet.path.name, rows=report.rows, ok=len(report.to_import),
        registered=len(report.already_registered), duplicates=len(report.duplicates),
        bad=len(report.bad_rows))
    print(summary)
    if report.written:
        print(_("Registered {n} children.").format(n=report.written))
