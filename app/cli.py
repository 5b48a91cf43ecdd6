"""The `kenes` command: the same services as the desktop app.

Every sub-command takes --db PATH or --db URL (a PostgreSQL server,
postgresql://user@host/dbname; default: kenes.db in the user's data folder), exits 0 on
success, and otherwise prints one clear line on stderr and exits non-zero.
Secrets come from KENES_PASSWORD or --password-stdin, never from the command line.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app import __version__
from app.db_location import (
    Location,
    ServerLocation,
    open_existing,
    parse_location,
    remove_database,
    require_empty,
)
from app.errors import KenesError, StorageError, ValidationError
from app.files import private_umask
from app.i18n import N_, _
from app.logs import configure_logging

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS = 0, 1, 2, 3


DB_HELP = ("database file, or a PostgreSQL server as postgresql://user@host/dbname "
           "(default: kenes.db in the user's data folder)")


def _db_arg(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # Sub-parsers use SUPPRESS so that `kenes --db X check` keeps X (argparse would
    # otherwise overwrite it with the sub-parser's default).
    p.add_argument("--db", default=default, metavar="PATH|URL", help=DB_HELP)


def db_location(args: argparse.Namespace) -> Location:
    """--db as a file path or a server; a URL is never taken for a path."""
    from app.paths import default_db_path

    value = getattr(args, "db", None)
    return parse_location(value) if value else default_db_path()


def read_secret(args: argparse.Namespace, env: str = "KENES_PASSWORD") -> str | None:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    return os.environ.get(env)


def open_as_user(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database and log in as `--user` with the password from KENES_PASSWORD
    or standard input: (Database, Actor). The caller closes the database."""
    from app.errors import AuthenticationError
    from app.services import users

    password = read_secret(args)
    if not password:
        raise ValidationError(N_("Give your password in KENES_PASSWORD or with "
                                 "--password-stdin."))
    db = open_existing(db_location(args))
    try:
        with db.session() as s:  # commits the audit entry of a failed attempt too
            user = users.log_in(s, args.user, password)
    except BaseException:
        db.close()
        raise
    if user is None:
        db.close()
        raise AuthenticationError()
    return db, user.actor()


def cmd_init(args: argparse.Namespace) -> int:
    """A new database; with KENES_PASSPHRASE set, the office's exchange keys too."""
    from app.db import open_database
    from app.services import catalogs, office_keys, setup

    password = read_secret(args)
    if not password:
        raise ValidationError(N_("Give the administrator's password in KENES_PASSWORD or "
                                 "with --password-stdin."))
    path = db_location(args)
    require_empty(path)
    office_passphrase = os.environ.get("KENES_PASSPHRASE")
    db = open_database(path)
    try:
        with db.session() as s:
            territory = catalogs.find_territory(s, args.territory)
            result = setup.initialise(
                s, commission_ru=args.commission, commission_kk=args.commission_kk or
                args.commission, territory_id=territory, admin_login=args.admin,
                admin_name=args.admin_name or args.admin, admin_password=password)
            own = (office_keys.create_keys(s, result.admin.actor(), office_passphrase,
                                           office_passphrase)
                   if office_passphrase else None)
    except BaseException:
        db.dispose()
        remove_database(path)  # refused input leaves no half-made database behind
        raise
    db.close()
    print(_("Created {path}: commission {name}, administrator {login}.").format(
        path=path, name=result.commission.name_ru, login=result.admin.login))
    if own is not None:
        print(_("Office keys created. Fingerprint: {fp}").format(fp=own.fingerprint))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from app.integrity import check_file

    path = db_location(args)
    if isinstance(path, Path) and not path.is_file():
        raise StorageError(N_("There is no database at {path}."), path=str(path))
    problems = check_file(path)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return EXIT_PROBLEMS
    print(_("{path}: no problems found.").format(path=path))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.db import Database

    path = db_location(args)
    if args.out.exists():
        raise StorageError(N_("{path} already exists; choose another file."),
                           path=str(args.out))
    if isinstance(path, ServerLocation):
        from app.pg.admin import dump

        dump(path, args.out)
        print(_("Backup written to {path}.").format(path=args.out))
        return EXIT_OK
    if not path.is_file():
        raise StorageError(N_("There is no database at {path}."), path=str(path))
    db = Database(path)
    try:
        db.backup_to(args.out)
    finally:
        db.dispose()
    print(_("Backup written to {path}.").format(path=args.out))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.startup import run_gui

    return run_gui(db_location(args), package=args.import_package)


def cmd_smoke(args: argparse.Namespace) -> int:
    """Open the main window (on the display, else off-screen), wait
    until it is shown and populated, exit; in the language of --lang if given."""
    from app.ui.app import smoke

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen to show it on
    password = read_secret(args)
    if not password:
        raise ValidationError(N_("Give the password in KENES_PASSWORD or with "
                                 "--password-stdin."))
    path = db_location(args)
    if isinstance(path, Path) and not path.is_file():
        raise StorageError(N_("There is no database at {path}."), path=str(path))
    code, platform = smoke(path, args.user, password, lang=args.lang)
    if code == 0:
        print(_("The main window was shown and filled (Qt platform {platform}).").format(
            platform=platform))
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kenes", description="Kenes — commissions on juvenile affairs.")
    parser.add_argument("--version", action="version", version=f"kenes {__version__}")
    parser.add_argument("--lang", choices=["ru", "kk", "en"],
                        help="language of messages (default: KENES_LANG or the locale)")
    _db_arg(parser, default=None)
    parser.add_argument("--import", dest="import_package", type=Path, metavar="PACKAGE",
                        help="open the app and, after logging in, import this .kenes "
                        "package (what opening a .kenes file does)")
    parser.set_defaults(func=cmd_gui, import_package=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new database with a commission and an admin "
                       "(and the office's exchange keys when KENES_PASSPHRASE is set)")
    _db_arg(p)
    p.add_argument("--commission", required=True, help="commission name (Russian)")
    p.add_argument("--commission-kk", help="commission name (Kazakh)")
    p.add_argument("--territory", required=True, help="territory name, e.g. 'Павлодарская "
                   "область' or 'Bayanaul District'")
    p.add_argument("--admin", required=True, help="administrator's login")
    p.add_argument("--admin-name", help="administrator's full name")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="verify integrity, foreign keys, migrations, audit chain")
    _db_arg(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="consistent copy of the database (SQLite online "
                       "backup; on a server, pg_dump)")
    _db_arg(p)
    p.add_argument("--out", type=Path, required=True, help="backup file to write")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("smoke", help="open the main window off-screen and exit (packaging "
                       "and benchmark check)")
    _db_arg(p)
    p.add_argument("--user", default="admin", help="login (password from KENES_PASSWORD)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input")
    p.add_argument("--lang", choices=["ru", "kk", "en"], default=argparse.SUPPRESS,
                   help="language of the window and of messages")
    p.set_defaults(func=cmd_smoke)

    for add in _plugins():
        add(sub)
    parser.commands = set(sub.choices)  # type: ignore[attr-defined]  # for package_argv
    return parser


def _plugins() -> list[Callable[[argparse._SubParsersAction], None]]:
    from app import demo_cli, documents_cli, prevention_cli, reports_cli, server_cli, sync_cli

    return [demo_cli.add_parser, documents_cli.add_parser, reports_cli.add_parser,
            prevention_cli.add_parser, sync_cli.add_parser, server_cli.add_parser]


def package_argv(argv: list[str], commands: set[str]) -> list[str]:
    """`kenes FILE.kenes` (a file manager opening a package) means `--import FILE`; a
    sub-command's own file argument (`kenes sync import FILE`) is left alone."""
    if (argv and argv[-1].lower().endswith(".kenes") and not argv[-1].startswith("-")
            and not commands.intersection(argv[:-1])
            and (len(argv) == 1 or argv[-2] != "--import")):
        return [*argv[:-1], "--import", argv[-1]]
    return argv



def main(argv: list[str] | None = None) -> int:
    from app.console import configure_streams
    from app.i18n import language_from_environment, set_language

    configure_streams()  # UTF-8 to pipes and files: a code page never ends a command
    parser = build_parser()
    args = parser.parse_args(package_argv(sys.argv[1:] if argv is None else argv,
                                          parser.commands))  # type: ignore[attr-defined]
    set_language(args.lang or language_from_environment())
    private_umask()
    configure_logging()
    try:
        return args.func(args)
    except KenesError as exc:
        print(f"kenes: {exc.user_message()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kenes: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one line promised; the traceback goes to the log
        logging.getLogger("kenes").exception("unexpected error")
        print(f"kenes: unexpected error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
