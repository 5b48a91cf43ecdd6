"""`kenes server init|migrate|backup` and `kenes copy`: the office's database server,
for an administrator (README: "Office server").

The server's password comes from libpq's usual places (PGPASSWORD, the password file)
or the address itself; never from a command-line argument of Kenes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, db_location
from app.db_location import ServerLocation, parse_location
from app.errors import StorageError, ValidationError
from app.i18n import N_, _

SERVER_HELP = "the office's database as postgresql://user@host/dbname"


def add_parser(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="the office's PostgreSQL database: set up, "
                            "migrate, back up").add_subparsers(dest="server_cmd",
                                                               required=True)
    p = server.add_parser("init", help="create Kenes's schema in an empty database",
                          description="Create Kenes's tables in an empty PostgreSQL "
                          "database that the server's administrator made for the office "
                          "(owned by the role Kenes connects as). Then add the commission "
                          "and its administrator with `kenes init --db URL`, or move an "
                          "office in with `kenes copy`.")
    p.add_argument("--db", required=True, metavar="URL", help=SERVER_HELP)
    p.set_defaults(func=_init)

    p = server.add_parser("migrate", help="back up with pg_dump, then bring the schema to "
                          "this version of Kenes",
                          description="Workstations never migrate the office's database "
                          "by themselves: after installing a new Kenes, the administrator "
                          "runs this once (every workstation then needs the new version).")
    p.add_argument("--db", required=True, metavar="URL", help=SERVER_HELP)
    p.add_argument("--backup-dir", type=Path, metavar="FOLDER",
                   help="where the backup goes (default: backups in the data folder)")
    p.set_defaults(func=_migrate)

    p = server.add_parser("backup", help="write a pg_dump backup (custom format; restore "
                          "with pg_restore)")
    p.add_argument("--db", required=True, metavar="URL", help=SERVER_HELP)
    p.add_argument("--out", type=Path, required=True, help="backup file to write")
    p.set_defaults(func=_backup)

    p = sub.add_parser("copy", help="copy an office's whole database to another (e.g. a "
                       "SQLite file onto the office's server), origins and change log "
                       "intact",
                       description="Copy every row — children, meetings, users, keys, the "
                       "audit trail and the exchange change log with its origins — from "
                       "one database into a new, empty one. The copy starts a new origin "
                       "for what is written from then on, so the two can never hand out "
                       "the same change numbers. Work on in the copy only.")
    p.add_argument("--from", dest="source", required=True, metavar="PATH|URL",
                   help="the database to copy (sqlite:///kenes.db, a path, or a server)")
    p.add_argument("--to", dest="target", required=True, metavar="PATH|URL",
                   help="an empty database: postgresql://user@host/dbname or a new file")
    p.set_defaults(func=_copy)


def _server(args: argparse.Namespace) -> ServerLocation:
    location = db_location(args)
    if not isinstance(location, ServerLocation):
        raise ValidationError(N_("Give the server's database as "
                                 "postgresql://user@host/dbname."), field="db")
    return location


def _init(args: argparse.Namespace) -> int:
    from app.pg import admin

    location = _server(args)
    found = admin.init(location)
    line = (_("{server}: Kenes schema {revision} on PostgreSQL {version}, connection "
              "encrypted.") if found.encrypted else
            _("{server}: Kenes schema {revision} on PostgreSQL {version}, connection NOT "
              "encrypted."))
    print(line.format(server=location, revision=found.revision, version=found.version))
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    from app.paths import backups_dir
    from app.pg import admin

    location = _server(args)
    folder = args.backup_dir or backups_dir()
    written = admin.migrate(location, admin.backup_name(location, folder, "before-migrate"))
    if written is None:
        print(_("{server} is already at this version of Kenes.").format(server=location))
    else:
        print(_("{server} migrated; the backup from before is {path}.").format(
            server=location, path=written))
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from app.pg import admin

    location = _server(args)
    if args.out.exists():
        raise StorageError(N_("{path} already exists; choose another file."),
                           path=str(args.out))
    admin.dump(location, args.out)
    print(_("Backup written to {path}.").format(path=args.out))
    return EXIT_OK


def _copy(args: argparse.Namespace) -> int:
    from app.pg import copy

    source, target = parse_location(args.source), parse_location(args.target)
    counts = copy.copy_database(source, target)
    print(_("Copied {rows} rows in {tables} tables from {source} to {target}.").format(
        rows=sum(counts.values()), tables=len(counts), source=source, target=target))
    return EXIT_OK
