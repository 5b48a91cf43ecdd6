"""Autosave: every field of the session is saved a moment after it is typed.

Edits are collected in memory and written through the op runner (one transaction per
flush, on the writer thread): 400 ms after typing pauses, and at the latest 800 ms after
the first unsaved edit while typing goes on. Add the op's own time and a kill of the
application loses nothing typed more than a second before. Flushes are queued on the
runner's one writer, so they are applied in the order they were typed, before any action
(a vote, a move to the next item) asked for after them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import session
from app.services.session import Autosave, ItemDraft
from app.ui.context import UiContext
from app.ui.ops import Failure

IDLE_MS = 400  # save this long after the last keystroke...
MAX_MS = 800  # ...or this long after the first unsaved one, whichever comes first


class Autosaver(QObject):
    sig_saved = Signal()
    """(): a flush reached the database."""
    sig_failed = Signal(object)
    """(Failure): a flush was refused (say, a text too long); the text stays on screen."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._notes: dict[str, dict[str, str | None]] = {}
        self._drafts: dict[str, ItemDraft] = {}
        self._seconds: dict[str, int] = {}
        self.in_flight = 0
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self._max = QTimer(self, singleShot=True, interval=MAX_MS)
        self._max.timeout.connect(self.flush)

    # -- what changed -----------------------------------------------------------------
    def note(self, item_id: str, field: str, value: str | None) -> None:
        self._notes.setdefault(item_id, {})[field] = value
        self._typed()

    def draft(self, item_id: str, draft: ItemDraft) -> None:
        self._drafts[item_id] = draft
        self._typed()

    def seconds(self, item_id: str, seconds: int) -> None:
        """Time spent rides along with the next flush (no timer of its own)."""
        self._seconds[item_id] = seconds

    def forget_draft(self, item_id: str) -> None:
        """The decision is being recorded: an unsaved draft no longer matters."""
        self._drafts.pop(item_id, None)

    def _typed(self) -> None:
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    @property
    def pending(self) -> bool:
        return bool(self._notes or self._drafts or self._seconds)

    # -- saving -------------------------------------------------------------------------
    def flush(self) -> None:
        """Queue everything unsaved as one op (no-op when nothing is unsaved)."""
        self._idle.stop()
        self._max.stop()
        if not self.pending:
            return
        items = list(dict.fromkeys([*self._notes, *self._drafts, *self._seconds]))
        saves = [Autosave(i, dict(self._notes.get(i, {})), self._drafts.get(i),
                          self._seconds.get(i)) for i in items]
        self._notes, self._drafts, self._seconds = {}, {}, {}
        self.in_flight += 1
        actor = self.ctx.actor
        self.ctx.runner.run(lambda s: session.autosave(s, actor, saves),
                            on_done=self._done, on_error=self._failed)

    def _done(self, _result: object) -> None:
        self.in_flight -= 1
        self.sig_saved.emit()

    def _failed(self, failure: Failure) -> None:
        self.in_flight -= 1
        self.sig_failed.emit(failure)
