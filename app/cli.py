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
        if getattr(args, "_password", None) is None:
            args._password = sys.stdin.readline().rstrip("\r\n")
        return args._password
    return os.environ.get(env)


def database_key(args: argparse.Namespace, path: Location, password: str | None = None
                 ) -> bytes | None:
    """The key of an encrypted database (None for a plain one or a server): from the
    slot of `--user` with the password (KENES_PASSWORD or standard input), or from the
    recovery key in KENES_RECOVERY_KEY."""
    from app import keyslots

    if not isinstance(path, Path) or not keyslots.is_encrypted(path):
        return None
    from app import db as database

    recovery = os.environ.get("KENES_RECOVERY_KEY")
    if recovery:
        return database.unlock_with_recovery_key(path, recovery)
    login = getattr(args, "user", None)
    password = password or read_secret(args)
    if not (login and password):
        raise ValidationError(N_("{path} is encrypted: give --user LOGIN with the password "
                                 "in KENES_PASSWORD (or the recovery key in "
                                 "KENES_RECOVERY_KEY)."), path=str(path))
    return database.unlock(path, login, password)


def open_as_user(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database and log in as `--user` with the password from KENES_PASSWORD
    or standard input: (Database, Actor). The caller closes the database."""
    from app.errors import AuthenticationError
    from app.services import users

    password = read_secret(args)
    if not password:
        raise ValidationError(N_("Give your password in KENES_PASSWORD or with "
                                 "--password-stdin."))
    location = db_location(args)
    key = database_key(args, location, password)
    db = open_existing(location, key)
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
    """A new database, encrypted unless --unencrypted; with KENES_PASSPHRASE set, the
    office's exchange keys too. Built under a temporary name and renamed when complete."""
    from app.db import open_database
    from app.db.create import commission_names, create_database
    from app.services import catalogs, office_keys, setup

    password = read_secret(args)
    if not password:
        raise ValidationError(N_("Give the administrator's password in KENES_PASSWORD or "
                                 "with --password-stdin."))
    path = db_location(args)
    require_empty(path)
    office_passphrase = os.environ.get("KENES_PASSPHRASE")

    def build(db):  # type: ignore[no-untyped-def]
        with db.session() as s:
            territory = catalogs.find_territory(s, args.territory)
            result = setup.initialise(
                s, commission_ru=args.commission, commission_kk=args.commission_kk or
                args.commission, territory_id=territory, admin_login=args.admin,
                admin_name=args.admin_name or args.admin, admin_password=password)
            own = (office_keys.create_keys(s, result.admin.actor(), office_passphrase,
                                           office_passphrase)
                   if office_passphrase else None)
        return result, own

    recovery = None
    if isinstance(path, ServerLocation):  # the server's storage is the server's own
        db = open_database(path)
        try:
            result, own = build(db)
        except BaseException:
            db.dispose()
            remove_database(path)  # refused input leaves no half-made database behind
            raise
        db.close()
    else:
        if args.unencrypted:
            warn_unencrypted()
        created = create_database(path, build, encrypted=not args.unencrypted,
                                  commission=commission_names)
        (result, own), recovery = created.result, created.recovery_key
    print(_("Created {path}: commission {name}, administrator {login}.").format(
        path=path, name=result.commission.name_ru, login=result.admin.login))
    if own is not None:
        print(_("Office keys created. Fingerprint: {fp}").format(fp=own.fingerprint))
    show_recovery_key(recovery)
    return EXIT_OK


def warn_unencrypted() -> None:
    print("kenes: " + _("warning: the database will NOT be encrypted: anyone who copies "
                        "the file reads every child's data. Use this only for tests or "
                        "if your office has decided so."), file=sys.stderr)


def show_recovery_key(recovery_key: str | None) -> None:
    if recovery_key:
        print(_("Recovery key (print it and keep it in the safe; it opens the database if "
                "every password is lost, and it is shown only this once):"))
        print(f"    {recovery_key}")


def cmd_encrypt(args: argparse.Namespace) -> int:
    """Convert a plain database into an encrypted one (as its administrator)."""
    from app.db.create import encrypt_database
    from app.domain.roles import Permission
    from app.services.context import require

    db, actor = open_as_user(args)
    try:
        require(actor, Permission.MANAGE_USERS)
        done = encrypt_database(db, args.user, read_secret_again(args))
    finally:
        db.dispose()
    print(_("{path} is now encrypted. The unencrypted copy made for the conversion was "
            "removed after the encrypted one was checked.").format(path=db.path))
    show_recovery_key(done.recovery_key)
    if done.without_slot:
        print(_("These accounts cannot log in until an administrator sets a new password "
                "for each (kenes user reset-password --login LOGIN): {logins}").format(
                    logins=", ".join(done.without_slot)))
    return EXIT_OK


def cmd_reset_password(args: argparse.Namespace) -> int:
    """An administrator sets a new password for an account; with KENES_RECOVERY_KEY set
    (every administrator's password lost), the recovery key stands in for one."""
    from app.services import users
    from app.services.context import SYSTEM

    new_password = os.environ.get("KENES_NEW_PASSWORD")
    if not new_password:
        raise ValidationError(N_("Give the new password in KENES_NEW_PASSWORD."))
    path = db_location(args)
    if os.environ.get("KENES_RECOVERY_KEY"):
        db, actor = open_existing(path, database_key(args, path)), SYSTEM
    else:
        if not args.user:
            raise ValidationError(N_("Give an administrator's --user (password in "
                                     "KENES_PASSWORD), or the recovery key in "
                                     "KENES_RECOVERY_KEY."))
        db, actor = open_as_user(args)
    try:
        with db.session() as s:
            info = users.reset_password(s, actor, login=args.login, new_password=new_password)
    finally:
        db.close()
    print(_("New password set for {login}.").format(login=info.login))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of the database: checked, swapped in atomically, a new
    origin; the database as it was is kept in backups/ first."""
    from app import keyslots
    from app.db import backups, open_database
    from app.keyslots import KeySlots
    from app.services import audit
    from app.services.context import SYSTEM

    path, backup = db_location(args), args.backup
    if isinstance(path, ServerLocation):
        raise StorageError(N_("A server database is restored on the server (pg_restore of "
                              "a kenes server backup), not with kenes restore."))
    recovery = os.environ.get("KENES_RECOVERY_KEY")
    password = read_secret(args) if args.user else None
    live_key = None
    if path.is_file() and keyslots.is_encrypted(path):
        slots = KeySlots.load(path)
        if slots is not None and recovery:
            live_key = slots.unlock_with_recovery_key(recovery)
        elif slots is not None and args.user and password:
            live_key = slots.unlock(args.user, password)
    key = backups.backup_key(backup, live_key=live_key, login=args.user, password=password,
                             recovery_key=recovery)
    done = backups.restore(path, backup, backup_key=key, live_key=live_key)
    db = open_database(path, done.key)
    try:
        with db.session() as s:
            audit.record(s, SYSTEM, "db.restore", None, None, backup=backup.name,
                         origin=done.origin)
    finally:
        db.close()
    print(_("Restored {path} from {backup}; it now writes changes as a new origin.").format(
        path=path, backup=backup))
    if done.saved_current is not None:
        print(_("The database as it was is kept in {saved}.").format(saved=done.saved_current))
    return EXIT_OK


def read_secret_again(args: argparse.Namespace) -> str:
    """The password already read from standard input or the environment."""
    return getattr(args, "_password", None) or os.environ.get("KENES_PASSWORD", "")


def cmd_check(args: argparse.Namespace) -> int:
    from app.integrity import check_file

    path = db_location(args)
    if isinstance(path, Path) and not path.is_file():
        raise StorageError(N_("There is no database at {path}."), path=str(path))
    problems = check_file(path, database_key(args, path))
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
    db = Database(path, database_key(args, path))
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
    code, platform = smoke(path, args.user, password, lang=args.lang,
                           key=database_key(args, path, password))
    if code == 0:
        print(_("The main window was shown and filled (Qt platform {platform}).").format(
            platform=platform))
    return code


def _key_args(p: argparse.ArgumentParser) -> None:
    """What opens an encrypted database for a command that needs no account."""
    p.add_argument("--user", help="encrypted database: a login whose password "
                   "(KENES_PASSWORD) opens it; or set KENES_RECOVERY_KEY")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input")


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
    p.add_argument("--unencrypted", action="store_true",
                   help="do not encrypt the database (tests; offices that decided so)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="verify integrity, foreign keys, migrations, audit chain")
    _db_arg(p)
    _key_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="consistent copy of the database (SQLite online "
                       "backup, encrypted when the database is; on a server, pg_dump)")
    _db_arg(p)
    _key_args(p)
    p.add_argument("--out", type=Path, required=True, help="backup file to write")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="put a backup in place of the database (checked, "
                       "swapped in atomically; the current one is kept in backups/)")
    _db_arg(p)
    p.add_argument("backup", type=Path, help="the backup file (.db; its .keys beside it)")
    _key_args(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("encrypt", help="convert an unencrypted database into an encrypted "
                       "one (as an administrator; prints the recovery key)")
    _db_arg(p)
    p.add_argument("--user", required=True, help="an administrator's login (password from "
                   "KENES_PASSWORD)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input")
    p.set_defaults(func=cmd_encrypt)

    p = sub.add_parser("user", help="accounts: reset a password (as an administrator, or "
                       "with the recovery key)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("reset-password", help="set a new password for LOGIN (new "
                           "password from KENES_NEW_PASSWORD); rewraps its key slot")
    _db_arg(q)
    q.add_argument("--login", required=True, help="the account to reset")
    q.add_argument("--user", help="an administrator's login (password from KENES_PASSWORD); "
                   "or set KENES_RECOVERY_KEY instead")
    q.add_argument("--password-stdin", action="store_true",
                   help="read the administrator's password from standard input")
    q.set_defaults(func=cmd_reset_password)

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
