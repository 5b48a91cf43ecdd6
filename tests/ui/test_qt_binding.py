"""The Qt binding must not leak references to None, True or False.

PySide6 6.12.0 on Python 3.11 decrements them on every call that returns them; after
some thousands of calls — a long meeting — the interpreter aborts (none_dealloc).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calls_returning_none_or_bool_keep_their_references(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(1000):
        widget.resize(100, 100)  # returns None
        widget.isVisible()  # returns False
        widget.isEnabled()  # returns True
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    # Other objects may come and go meanwhile; a leak would show as -1000 or worse.
    assert all(b - a > -100 for a, b in zip(before, after, strict=True)), (before, after)
