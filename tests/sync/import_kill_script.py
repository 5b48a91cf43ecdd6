"""Run by test_import_kill: import a package, and stop dead half-way (SIGKILL from the
test) after the rows are written but before the transaction commits."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.db import open_database
from app.services.context import SYSTEM
from app.sync import importer


def main(db_path: str, package_path: str, passphrase: str) -> None:
    original = importer._apply

    def apply_then_hang(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)
        print("APPLIED", flush=True)  # the rows are in the open transaction now
        time.sleep(60)

    importer._apply = apply_then_hang  # type: ignore[assignment]
    db = open_database(Path(db_path))
    with db.session() as s:
        importer.import_package(s, passphrase, Path(package_path).read_bytes(), actor=SYSTEM)


if __name__ == "__main__":
    main(*sys.argv[1:4])
