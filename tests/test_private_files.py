"""Files private by default: the data folder 0700, every file Kenes writes 0600 (POSIX).

The subprocess test runs the real `kenes` with a permissive umask (022), as a person's
shell has it, and checks every file and folder it left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import open_database
from app.files import write_private
from app.paths import backups_dir, data_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _loose_umask() -> None:
    os.umask(0o022)


def test_database_backups_and_registry_are_private_even_with_a_loose_umask(tmp_path):
    old = os.umask(0o022)
    try:
        db = open_database(tmp_path / "new" / "kenes.db")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x)")
        assert mode(tmp_path / "new") == 0o700
        assert mode(tmp_path / "new" / "kenes.db") == 0o600
        assert mode(Path(f"{tmp_path / 'new' / 'kenes.db'}-wal")) == 0o600
        db.backup_to(tmp_path / "new" / "copy.db")
        assert mode(tmp_path / "new" / "copy.db") == 0o600
        db.close()  # writes origins.json
        assert mode(data_dir()) == 0o700
        assert mode(backups_dir()) == 0o700
        assert mode(data_dir() / "origins.json") == 0o600
        write_private(tmp_path / "x.bin", b"secret")
        assert mode(tmp_path / "x.bin") == 0o600
    finally:
        os.umask(old)


def test_an_older_install_is_tightened_on_open(tmp_path):
    path = tmp_path / "kenes.db"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path).close()
    assert mode(path) == 0o600


def test_every_file_the_cli_writes_is_private(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "KENES_DATA_DIR": str(data), "KENES_PASSWORD": "a long password",
           "KENES_LANG": "en"}
    out = tmp_path / "out"
    out.mkdir()

    def kenes(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, check=True,
                       capture_output=True, preexec_fn=_loose_umask, timeout=300)

    db = str(data / "kenes.db")
    kenes("init", "--db", db, "--commission", "КДН", "--territory", "Павлодарская область",
          "--admin", "admin")
    kenes("backup", "--db", db, "--user", "admin", "--out", str(out / "b.db"))
    kenes("export", "registry", "--db", db, "--user", "admin", "--out", str(out / "r.xlsx"))
    written = [p for p in data.rglob("*")] + [out / "b.db", out / "b.db.keys", out / "r.xlsx"]
    names = {p.name for p in written}
    assert {"kenes.db", "kenes.db.keys", "kenes.log", "origins.json", "b.db", "r.xlsx"} <= names
    loose = {str(p.relative_to(tmp_path)): oct(mode(p)) for p in [data, *written]
             if mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert loose == {}
