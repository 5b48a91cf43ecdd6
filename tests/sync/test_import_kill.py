"""Killing the process in the middle of an import leaves the database as it was before
the import; importing again then succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from sqlalchemy import text

from tests.sync.exchange_world import PASS, add_child, receive, send, snapshot


def test_a_killed_import_changes_nothing_and_can_be_redone(offices, tmp_path):
    a, r = offices["A"], offices["R"]
    kids = [add_child(a, f"Ребёнок{n}") for n in range(30)]
    package = tmp_path / "a-to-r.kenes"
    package.write_bytes(send(a, r))
    before = snapshot(r.db)
    r.db.dispose()  # the other process is the only writer now
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen([sys.executable, "-m", "tests.sync.import_kill_script",
                             str(r.db.path), str(package), PASS], stdout=subprocess.PIPE,
                            text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "APPLIED"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(r.db) == before
    result = receive(r, package.read_bytes())
    assert result.applied >= len(kids)
    with r.db.read_session() as s:
        found = s.execute(text("SELECT count(*) FROM child WHERE surname LIKE 'Ребёнок%'"))
        assert found.scalar() == len(kids)
