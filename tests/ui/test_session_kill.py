"""Kill the application in the middle of an item: nothing typed more than a second before
is lost, and the restarted session resumes at the same item.

A scripted secretary (tests/ui/session_script.py) runs the real session window with the
real threaded op runner in its own process, types into the fields of the second item,
then keeps typing into one more field, a character every 100 ms. The test reads what it
reports, kills it with SIGKILL, and checks the database and a restarted window.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.models.enums import MeetingStatus
from app.services import children, meetings, session
from app.ui.session.window import SessionWindow
from tests.conftest import ADMIN_PASSWORD
from tests.services.helpers import approve_members, child_case, days, mark_all_present, plan
from tests.text import ru
from tests.ui import session_script as script

ROOT = Path(__file__).resolve().parents[2]
LOST_AT_MOST_S = 1.0  # the promise: nothing typed more than a second before a kill is lost
PIPE_SLACK_S = 0.15  # a line printed reaches this process a little after it was typed


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_session_loses_nothing_typed_a_second_before(world, ctx, qtbot):
    with world.db.session() as s:
        members = approve_members(s, world)
        meeting = plan(s, world, days(-1))
        meetings.start_meeting(s, world.admin, meeting.id)
        mark_all_present(s, world.admin, meeting.id, members)
        first = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Bullying"),
                                          reporter="Education department")
        case = child_case(s, world, surname="Tokayev")
        children.add_representative(s, world.admin, case.child_id, full_name="Tokayeva A.",
                                    relation="mother")
        second = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)

    env = dict(os.environ, KENES_PASSWORD=ADMIN_PASSWORD, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.session_script", str(world.db.path), meeting.id],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [
        lines.append((time.monotonic(), line.strip())) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not any(t.startswith("TYPED 4") for _, t in lines):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, lines
            time.sleep(0.05)
        last_typed = next(at for at, t in lines if t.startswith("TYPED 4"))
        # In the middle of the item, still typing: well over a second after the last
        # field, while the motions are being typed a character at a time.
        while time.monotonic() < last_typed + 2.0:
            time.sleep(0.02)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    assert proc.returncode == -signal.SIGKILL
    said = [t for _, t in lines]
    assert said[0] == f"ITEM {second.id}"
    assert [t.split()[2] for t in said if t.startswith("TYPED")] == [
        "heard", "spoke", "decision", "measure"]
    chars = [(at, int(t.split()[1])) for at, t in lines if t.startswith("CHAR")]
    assert len(chars) >= 10  # typing went on for the whole last second and more
    safe = max(n for at, n in chars if at <= killed_at - LOST_AT_MOST_S - PIPE_SLACK_S)
    typed_in_all = max(n for _, n in chars)

    # -- the database holds everything typed up to a second before the kill ---------------
    with world.db.read_session() as s:
        state = session.session_state(s, meeting.id)
        item = next(i for i in meetings.agenda(s, meeting.id) if i.id == second.id)
        draft = session.draft_of(s, second.id)
        assert meetings.get_meeting(s, meeting.id).status is MeetingStatus.IN_PROGRESS
    assert state.current_item_id == second.id
    assert item.heard.ru == script.HEARD
    assert item.spoke.ru == script.SPOKE
    assert draft.text == script.DECISION
    assert [m.responsible_body for m in draft.measures] == [script.BODY]
    assert draft.measures[0].kind_id and draft.measures[0].deadline
    motions = item.motions.ru or ""
    expected = "".join(script.MOTIONS[n % len(script.MOTIONS)] for n in range(typed_in_all))
    assert expected.startswith(motions)  # what was saved is what was typed, in order
    assert len(motions) >= safe, (len(motions), safe, typed_in_all)

    # -- a restarted session resumes at the same item, with everything on screen ----------
    window = SessionWindow(ctx, meeting.id)
    qtbot.addWidget(window)
    window.show()
    assert window.current_id == second.id != first.id
    assert window.item_panel.heard.toPlainText() == script.HEARD
    assert window.item_panel.spoke.toPlainText() == script.SPOKE
    assert window.item_panel.motions.toPlainText() == motions.strip()
    assert window.decision.text.toPlainText() == script.DECISION
    assert window.decision.measures.rows[0].responsible_body == script.BODY
