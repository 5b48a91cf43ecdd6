"""A scripted secretary, run in its own process by test_session_kill.py:

    python -m tests.ui.session_script DB_PATH MEETING_ID    (password in KENES_PASSWORD)

Opens the session window off-screen on the database with the real, threaded op runner,
moves to the second item, types into its fields through the widgets, and prints
"TYPED <n> <field>" after each field. Then it types into the motions, one character
every 100 ms, printing "CHAR <n>" after each, until it is killed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from app.db import open_database
from app.services import commissions
from app.services.users import log_in
from app.ui.app import qt_application
from app.ui.app_settings import Settings
from app.ui.context import UiContext
from app.ui.ops import OpRunner
from app.ui.session.window import SessionWindow

# What is typed (ASCII through the keyboard, Cyrillic through the editor, as a test must).
HEARD = "The school inspector reported 40 missed days"
SPOKE = "Мать пояснила, что ребёнок болел."
DECISION = "Warn the minor; individual plan with the school psychologist"
BODY = "School No. 12"
MOTIONS = "No motions were made by those present at the meeting"
CHAR_MS = 100


def say(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    db_path, meeting_id = sys.argv[1], sys.argv[2]
    app = qt_application()
    db = open_database(db_path)
    with db.session() as s:
        user = log_in(s, "admin", os.environ["KENES_PASSWORD"])
        commission_id = commissions.list_commissions(s)[0].id
    assert user is not None
    ctx = UiContext(OpRunner(db), user.actor(), commission_id, Settings())
    window = SessionWindow(ctx, meeting_id)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    steps: list[Callable[[], None]] = []

    def typed(n: int, name: str) -> None:
        say(f"TYPED {n} {name}")

    def go_second() -> None:
        # PgDown, as the secretary presses it; the window answers when the op is done.
        window.sig_view_shown.connect(after_move)
        QTest.keyClick(window.item_panel.heard, Qt.Key.Key_PageDown)

    def after_move() -> None:
        window.sig_view_shown.disconnect(after_move)
        say(f"ITEM {window.current_id}")
        QTimer.singleShot(200, next_step)

    def heard() -> None:
        QTest.keyClicks(window.item_panel.heard, HEARD)
        typed(1, "heard")

    def spoke() -> None:
        window.item_panel.spoke.insertPlainText(SPOKE)
        typed(2, "spoke")

    def decision() -> None:
        window.show_page(2)
        QTest.keyClicks(window.decision.text, DECISION)
        typed(3, "decision")

    def measure() -> None:
        window.decision.add_measure()  # Ctrl+M: the row, its kind and deadline
        view = window.decision.table
        view.setCurrentIndex(window.decision.measures.index(0, 2))
        QTest.keyClick(view, Qt.Key.Key_F2)
        (editor,) = view.itemDelegate().open_editors
        QTest.keyClicks(editor, BODY)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        typed(4, "measure")

    def motions() -> None:
        window.show_page(1)
        count = [0]

        def one() -> None:
            char = MOTIONS[count[0] % len(MOTIONS)]
            QTest.keyClicks(window.item_panel.motions, char)
            count[0] += 1
            say(f"CHAR {count[0]}")

        timer = QTimer(window, interval=CHAR_MS)
        timer.timeout.connect(one)
        timer.start()

    steps.extend([heard, spoke, decision, measure, motions])

    def next_step() -> None:
        if steps:
            steps.pop(0)()
            if steps:
                QTimer.singleShot(300, next_step)

    QTimer.singleShot(300, go_second)
    app.exec()


if __name__ == "__main__":
    main()
