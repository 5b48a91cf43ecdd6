"""Backups: made, listed, checked, restored atomically; the daily automatic one.

A backup is a consistent copy through SQLite's online backup API (of an encrypted
database, an encrypted copy with its key slots beside it, `*.db.keys`). Checking one
reads it as immutable: nothing is created beside it, so a backup on read-only media (a
write-protected USB stick, a CD) reads as what it is, not as "damaged".

Restoring (`restore`) never leaves half a database: the backup is checked, copied (or
re-encrypted to the live database's key) under a temporary name beside the database,
given a new origin (SYNC.md: a restored database never reuses a change number), the live
database is copied to `backups/…-before-restore.db` and checkpointed, its stale -wal and
-shm removed, and the copy renamed over it. Killed at any moment, the file under the
database's name is either the old database or the restored one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from app import audit_anchor, keyslots
from app.db import Database, backup_name, sqlite
from app.domain.ids import new_id
from app.errors import StorageError
from app.files import make_private, private_dir
from app.i18n import N_
from app.keyslots import KeySlots

DAILY = "daily"
DEFAULT_KEEP = 7
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)-([a-z0-9-]+)\.db$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made: dt.datetime  # UTC
    size: int
    encrypted: bool
    label: str  # "daily", "manual", "before-restore", "before-<revision>"…


def default_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _info(path: Path) -> BackupInfo:
    found = _STAMP.search(path.name)
    stat = path.stat()
    if found:
        made = dt.datetime.strptime(found.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        label = found.group(2)
    else:
        made, label = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC), ""
    return BackupInfo(path, made, stat.st_size, keyslots.is_encrypted(path), label)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (an unreadable folder lists nothing)."""
    try:
        paths = [p for p in folder.glob("*.db") if p.is_file()]
    except OSError:
        return []
    return sorted((_info(p) for p in paths), key=lambda b: b.made, reverse=True)


def make_backup(db: Database, folder: Path, label: str = "manual") -> Path:
    """A backup of `db` in `folder` (created 0700 if missing), named by time and label."""
    if folder.exists() and not os.access(folder, os.W_OK):
        raise StorageError(N_("The folder {path} is read-only: backups cannot be written "
                              "there."), path=str(folder))
    try:
        folder = private_dir(folder) if not folder.exists() else folder
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = folder / f"{db.path.stem}-{stamp}-{label}.db"
        db.backup_to(target)
    except OSError as exc:
        raise StorageError(N_("Cannot write a backup in {path}: {reason}."), path=str(folder),
                           reason=exc.strerror or exc.__class__.__name__) from exc
    return target


def daily_backup(db: Database, folder: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Once a day (the first start of the day): a backup labelled "daily"; only the newest
    `keep` daily backups are kept. None when today's exists already."""
    today = dt.datetime.now(dt.UTC).date()
    dailies = [b for b in list_backups(folder) if b.label == DAILY]
    made = None
    if not any(b.made.date() == today for b in dailies):
        made = make_backup(db, folder, DAILY)
        dailies = [b for b in list_backups(folder) if b.label == DAILY]
    for old in dailies[max(keep, 1):]:
        remove_backup(old.path)
    return made


def remove_backup(path: Path) -> None:
    for suffix in ("", keyslots.SUFFIX, audit_anchor.SUFFIX):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- checking ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Checked:
    path: Path
    revision: str
    origin: str
    seq: int


def check_backup(path: Path, key: bytes | None) -> Checked:
    """A backup that can be restored: readable (as immutable), passes SQLite's quick
    check, is a Kenes database of a schema this Kenes knows. Raises StorageError naming
    the problem; writes nothing, beside it or anywhere."""
    from app import migrate

    if not path.is_file():
        raise StorageError(N_("There is no backup at {path}."), path=str(path))
    if key is None and keyslots.is_encrypted(path):
        raise StorageError(N_("{path} is encrypted: log in to open it."), path=str(path))
    tables = sqlite.check_file(path, key, immutable=True)
    if "alembic_version" not in tables or "sync_state" not in tables:
        raise StorageError(N_("{path} is not a Kenes database."), path=str(path))
    conn = sqlite.connect(path, key, immutable=True)
    try:
        quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        origin, seq = conn.execute("SELECT origin, seq FROM sync_state WHERE id = 1").fetchone()
    except sqlite.errors(key):
        raise StorageError(N_("{path} is damaged or not a Kenes database."),
                           path=str(path)) from None
    finally:
        conn.close()
    if quick != "ok":
        raise StorageError(N_("The backup {path} is damaged ({problem}); nothing was "
                              "restored."), path=str(path), problem=quick)
    if revision not in migrate.shipped_revisions():
        raise StorageError(N_("The database was made by a newer version of Kenes; please "
                              "update Kenes."))
    return Checked(path, revision, origin, seq)


def backup_key(backup: Path, *, live_key: bytes | None = None, login: str | None = None,
               password: str | None = None, recovery_key: str | None = None) -> bytes | None:
    """The key that opens `backup` (None: a plain file): the live database's if it is
    the same key, else from the backup's own slots with a password or the recovery key."""
    if not keyslots.is_encrypted(backup):
        return None
    slots = KeySlots.load(backup)
    if slots is None:
        raise StorageError(N_("The key file of this encrypted database is missing or "
                              "damaged: {path}."), path=str(keyslots.keys_path(backup)))
    if live_key is not None and keyslots.key_id(live_key) == slots.key_id:
        return live_key
    key = None
    if recovery_key:
        key = slots.unlock_with_recovery_key(recovery_key)
    elif login and password:
        key = slots.unlock(login, password)
    if key is None:
        raise StorageError(N_("The backup {path} was made with another key: give a password "
                              "that opened it, or the recovery key."), path=str(backup))
    return key


# -- restoring --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path
    saved_current: Path | None  # the database as it was, kept before the restore
    key: bytes | None  # the restored database's key
    origin: str  # the new origin it writes under


def restore(db_path: Path, backup: Path, *, backup_key: bytes | None,
            live_key: bytes | None) -> Restored:
    """Put `backup` in place of the database at `db_path`. The live database (if any)
    must not be open anywhere: it is refused when another connection uses it."""
    check_backup(backup, backup_key)
    target_key = live_key if live_key is not None else backup_key
    tmp = db_path.with_name(f".{db_path.name}.restore")
    for suffix in ("", "-wal", "-shm", ".part"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    try:
        if backup_key == target_key:
            sqlite.copy(backup, backup_key, tmp, source_immutable=True)
        else:  # a plain backup into an encrypted database, or another key: re-encrypted
            sqlite.export_copy(backup, backup_key, target_key, tmp)
        origin = _new_origin(tmp, target_key)
        saved = _set_aside_live(db_path, live_key)
        if target_key is not None and target_key != live_key:
            # The live database was plain or had another key: the backup's slots go with
            # it (written first: a key file beside a plain file is ignored).
            shutil.copyfile(keyslots.keys_path(backup), keyslots.keys_path(tmp))
            make_private(keyslots.keys_path(tmp))
            os.replace(keyslots.keys_path(tmp), keyslots.keys_path(db_path))
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        # The anchors describe a chain: the live ones go with the saved database, the
        # backup's (if it has them) come with it.
        if saved is not None:
            audit_anchor.set_aside(db_path, saved)
        else:
            audit_anchor.anchors_path(db_path).unlink(missing_ok=True)
        if audit_anchor.anchors_path(backup).exists():
            shutil.copyfile(audit_anchor.anchors_path(backup),
                            audit_anchor.anchors_path(db_path))
            make_private(audit_anchor.anchors_path(db_path))
        os.replace(tmp, db_path)
    except BaseException:
        for suffix in ("", "-wal", "-shm", keyslots.SUFFIX):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        raise
    return Restored(backup, saved, target_key, origin)


def _new_origin(path: Path, key: bytes | None) -> str:
    """A restored database writes under a new origin from its first change on."""
    origin = new_id()
    conn = sqlite.connect(path, key)
    try:
        conn.execute("UPDATE sync_state SET origin = ?, seq = 0 WHERE id = 1", (origin,))
        conn.execute("INSERT INTO sync_origin (origin, office_id, started_at, reason) "
                     "SELECT ?, office_id, ?, 'restored' FROM sync_state WHERE id = 1",
                     (origin, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        conn.commit()
    finally:
        conn.close()
    return origin


def _set_aside_live(db_path: Path, live_key: bytes | None) -> Path | None:
    """Copy the live database to backups/ and empty its WAL into it; refuse if another
    process has it open (its writes would go to a file that is about to be replaced)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    saved = backup_name(db_path, "before-restore")
    try:
        sqlite.check_file(db_path, live_key)
    except StorageError:  # damaged, or encrypted and not opened: kept as the files are
        for suffix in ("", "-wal", keyslots.SUFFIX):
            if Path(f"{db_path}{suffix}").exists():
                shutil.copyfile(f"{db_path}{suffix}", f"{saved}{suffix}")
                make_private(f"{saved}{suffix}")
        return saved
    sqlite.copy(db_path, live_key, saved)
    if live_key is not None:
        slots = KeySlots.load(db_path)
        if slots is not None:
            slots.save(keyslots.keys_path(saved))
    conn = sqlite.connect(db_path, live_key)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.close()
    if busy:
        raise StorageError(N_("The database {path} is open in another Kenes window or "
                              "command; close it and restore again."), path=str(db_path))
    return saved


