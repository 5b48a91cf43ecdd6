"""Files Kenes writes are private to the person's account: on POSIX, folders 0700 and
files 0600 (the database and its -wal/-shm, backups, the log, origins.json, import
mappings, exports with IINs, packages, documents). They hold children's personal data
(Law № 94-V): another account on the same computer must not read them.

Two layers: `private_umask()` at process start makes everything the process creates
private (SQLite gives -wal/-shm the database file's own mode); the writers of the files
that matter most also set the mode themselves, so a library call made with another umask
(a test, an embedding) still leaves them private. Windows: the data folder under
%APPDATA% is already the user's own; chmod there only toggles read-only, so it is skipped.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
POSIX = sys.platform != "win32"


def private_umask() -> None:
    """Every file and folder this process creates from now on is private."""
    if POSIX:
        os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if POSIX and (path.stat().st_mode & 0o777) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def make_private(*paths: Path | str) -> None:
    """chmod 0600 each existing file (missing ones are skipped: -wal may not exist)."""
    if not POSIX:
        return
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE)


def create_private(path: Path) -> None:
    """Create an empty file that is 0600 from its first moment (SQLite then opens it,
    and gives its -wal and -shm the same mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    make_private(path)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename), 0600."""
    tmp = path.with_name(path.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        make_private(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
