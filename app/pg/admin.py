"""What an administrator does to the office's database server (`kenes server …`):
set the schema up in an empty database, back up with pg_dump, migrate after a backup.

The database and its owner role are the server administrator's to make (README:
"Office server"); Kenes needs to own the database's schema, nothing more.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from app.db_location import ServerLocation
from app.errors import StorageError
from app.i18n import N_
from app.migrate import head_revision
from app.pg import schema
from app.pg.database import ServerDatabase, reachable

MIN_SERVER_VERSION = 130000  # pg_trgm became a trusted extension in PostgreSQL 13


@dataclass(frozen=True, slots=True)
class ServerInfo:
    version: str
    encrypted: bool
    revision: str | None


def _connect(location: ServerLocation, password: str | None = None) -> ServerDatabase:
    db = ServerDatabase(location, password)
    try:
        reachable(db)
    except BaseException:
        db.dispose()
        raise
    return db


def info(db: ServerDatabase) -> ServerInfo:
    with db.engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar_one()
        number = int(conn.execute(text("SHOW server_version_num")).scalar_one())
        encrypted = bool(conn.execute(text(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar())
    if number < MIN_SERVER_VERSION:
        raise StorageError(N_("Kenes needs PostgreSQL 13 or newer; the server runs "
                              "{version}."), version=version)
    return ServerInfo(version, encrypted, schema.revision(db)[0])


def require_empty_database(location: ServerLocation) -> None:
    """The database exists, is reachable and holds no office yet: nothing at all, or
    only the schema that `kenes server init` made."""
    db = _connect(location)
    try:
        current, has_tables = schema.revision(db)
        if current is None and has_tables:
            raise StorageError(N_("The database {server} is not a Kenes database."),
                               server=str(location))
        if current is not None:
            schema.require_current(db, create=False)
            if _holds_rows(db):
                raise StorageError(N_("{server} already holds a Kenes database; choose "
                                      "another database."), server=str(location))
    finally:
        db.dispose()


_BOOKKEEPING = {"sync_state", "sync_origin"}  # what the schema's creation writes


def _holds_rows(db: ServerDatabase) -> bool:
    import app.models  # noqa: F401  (registers every table)
    from app.models import Base

    with db.engine.connect() as conn:
        return any(conn.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{name}")')).scalar()
                   for name in Base.metadata.tables if name not in _BOOKKEEPING)


def drop_kenes_schema(location: ServerLocation) -> None:
    """Remove what a failed set-up left (called only after require_empty_database)."""
    import app.models  # noqa: F401  (registers every table)
    from app.models import Base

    db = ServerDatabase(location)
    try:
        with db.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        db.dispose()


def init(location: ServerLocation, password: str | None = None) -> ServerInfo:
    """The schema in an empty database (nothing to do if it is there and current)."""
    from app.sync import epoch

    db = _connect(location, password)
    try:
        info(db)  # an old server is refused before anything is written
        schema.require_current(db, create=True)
        epoch.ensure_own_epoch(db)
        return info(db)
    finally:
        db.dispose()


def migrate(location: ServerLocation, backup: Path, password: str | None = None
            ) -> Path | None:
    """Back up with pg_dump, then bring the schema to head: the backup's path, or None
    when the database was current already (nothing written)."""
    db = _connect(location, password)
    try:
        current, has_tables = schema.revision(db)
        if current is None:
            raise StorageError(N_("There is no Kenes database at {server}."),
                               server=str(location))
        if current == head_revision():
            return None
        schema.require_known(current)
        dump(location, backup, password)
        schema.upgrade(db)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    finally:
        db.dispose()
    return backup


def backup_name(location: ServerLocation, folder: Path, label: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"{location.database}-{stamp}-{label}.dump"


# -- pg_dump ---------------------------------------------------------------------------

def find_tool(name: str) -> Path:
    """A PostgreSQL client program: on PATH, else the newest of Debian's
    /usr/lib/postgresql/N/bin or Windows' Program Files\\PostgreSQL\\N\\bin."""
    found = shutil.which(name)
    if found:
        return Path(found)
    exe = f"{name}.exe" if sys.platform == "win32" else name
    roots = [Path("/usr/lib/postgresql")]
    if sys.platform == "win32":
        roots = [Path(os.environ.get(v, "")) / "PostgreSQL"
                 for v in ("ProgramFiles", "ProgramW6432") if os.environ.get(v)]
    candidates = [p for root in roots for p in root.glob(f"*/bin/{exe}")]
    if candidates:
        return max(candidates, key=lambda p: _version_number(p.parent.parent.name))
    raise StorageError(N_("{tool} was not found. Install the PostgreSQL client programs "
                          "(on Debian and Ubuntu: apt install postgresql-client)."), tool=name)


def _version_number(name: str) -> float:
    try:
        return float(name)
    except ValueError:
        return 0.0


def libpq_environment(location: ServerLocation, password: str | None = None
                      ) -> tuple[str, dict[str, str]]:
    """(a libpq connection URI without the password, the environment carrying it): a
    password on a command line would be visible to every user of the machine."""
    from app.pg.database import connect_args

    url = location.sqlalchemy_url()
    env = dict(os.environ)
    secret = password or url.password
    if secret:
        env["PGPASSWORD"] = str(secret)
    if "sslmode" in connect_args(location):
        env.setdefault("PGSSLMODE", str(connect_args(location)["sslmode"]))
    uri = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    return uri, env


def dump(location: ServerLocation, target: Path, password: str | None = None) -> None:
    """pg_dump's custom format (compressed; pg_restore restores all or part of it),
    written under a temporary name and renamed when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    uri, env = libpq_environment(location, password)
    done = subprocess.run([str(find_tool("pg_dump")), "--format=custom", "--no-password",
                           f"--file={part}", f"--dbname={uri}"],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        part.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["exit status "
                                                       f"{done.returncode}"])[-1]
        raise StorageError(N_("pg_dump could not back up {server}: {reason}"),
                           server=str(location), reason=reason)
    part.replace(target)
