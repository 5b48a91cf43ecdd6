"""Backups as use cases: who may make one (personal data leaves on a USB stick: the
exchange permission) and restore one (an administrator), with their audit entries. The
file work is app.db.backups'."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.db import Database, backups
from app.db.backups import Restored
from app.domain.roles import Permission
from app.services import audit
from app.services.context import Actor, require


def make(actor: Actor, db: Database, folder: Path) -> Path:
    """A backup of `db` in `folder` (no session: the copy reads the database itself)."""
    require(actor, Permission.EXCHANGE)
    return backups.make_backup(db, folder)


def record_made(s: Session, actor: Actor, path: Path) -> None:
    audit.record(s, actor, "db.backup", None, None, file=path.name)


def restore(actor: Actor, db: Database, backup: Path) -> Restored:
    """Put `backup` in place of `db`'s file. The caller has stopped every use of `db`
    (it is disposed here) and opens the restored file afterwards. A backup made with
    another key needs its password or the recovery key: `kenes restore`."""
    require(actor, Permission.MANAGE_USERS)
    key = backups.backup_key(backup, live_key=db.key)
    db.dispose()
    return backups.restore(db.path, backup, backup_key=key, live_key=db.key)


def record_restored(s: Session, actor: Actor, restored: Restored) -> None:
    """In the restored database: who restored which file (the account may not exist
    there: its id is kept in the details, no name)."""
    from app.services.context import SYSTEM

    audit.record(s, SYSTEM, "db.restore", None, None, backup=restored.backup.name,
                 origin=restored.origin, by=actor.user_id)
