"""The op runner: every database action of the GUI goes through here.

An op is a function taking a Session and returning a result. It runs in one
transaction on a single worker thread (writes are serialized), and its success or
failure callback arrives on the GUI thread. When it succeeds, the `Changed` record
it declared goes out on the one app-level signal, `sig_changed`, and each view
refreshes only what it shows. Tests swap in `SyncRunner`, which does the same inline.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from app.db import Database

log = logging.getLogger("kenes.ui")


@dataclass(frozen=True, slots=True)
class Changed:
    """What an op changed: table names ("child", "measure", ...) and, if known, ids."""

    tables: frozenset[str]
    ids: frozenset[str] = field(default_factory=frozenset)

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


@dataclass(frozen=True, slots=True)
class Failure:
    error: BaseException
    details: str


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit through it (queued connection)."""

    sig_done = Signal(object, object)
    """(callback, result): the op succeeded."""
    sig_failed = Signal(object, object)
    """(callback, Failure): the op raised."""


class _Job(QRunnable):
    def __init__(self, runner: OpRunner, work: Callable[[Any], Any], on_done, on_error,
                 write: bool | None) -> None:
        super().__init__()
        self.runner, self.work, self.on_done, self.on_error = runner, work, on_done, on_error
        self.write = write

    def run(self) -> None:
        try:
            result = self.runner.execute(self.work, write=self.write)
        except BaseException as exc:  # delivered to the GUI, never lost on a thread
            failure = Failure(exc, traceback.format_exc())
            self.runner.relay.sig_failed.emit(self.on_error, failure)
        else:
            self.runner.relay.sig_done.emit(self.on_done, result)


class OpRunner(QObject):
    sig_changed = Signal(object)
    """(Changed): an op changed data; views refresh what they show of those tables."""
    sig_busy = Signal(bool)
    """(bool): True while ops are pending (for a busy cursor or status)."""
    sig_error = Signal(object)
    """(Failure): an op failed and its caller gave no error callback."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.relay = _Relay()
        self.relay.sig_done.connect(self._done)
        self.relay.sig_failed.connect(self._failed)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer: actions apply in the order asked
        self._pending = 0

    def execute(self, work: Callable[[Any], Any], *, write: bool | None) -> Any:
        if write is None:  # a task that manages its own files (demo build, export)
            return work(None)
        scope = self.db.session if write else self.db.read_session
        with scope() as s:
            return work(s)

    def run(self, work: Callable[[Any], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Failure], None] | None = None,
            changes: Iterable[str] = (), write: bool | None = True) -> None:
        """Run `work(session)` off the GUI thread; announce `changes` when it succeeds.
        `write=False` reads without the write lock; `write=None` passes no session."""
        self._pending += 1
        if self._pending == 1:
            self.sig_busy.emit(True)
        changed = Changed(frozenset(changes))

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            if changed.tables:
                self.sig_changed.emit(changed)

        self._submit(_Job(self, work, done, on_error, write))

    def _submit(self, job: _Job) -> None:
        self.pool.start(job)

    def _settle(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.sig_busy.emit(False)

    def _done(self, callback, result) -> None:  # type: ignore[no-untyped-def]
        self._settle()
        callback(result)

    def _failed(self, callback, failure: Failure) -> None:  # type: ignore[no-untyped-def]
        self._settle()
        log.error("op failed: %s", failure.details if not _expected(failure) else failure.error)
        if callback is not None:
            callback(failure)
        else:
            self.sig_error.emit(failure)

    def read(self, work: Callable[[Any], Any]) -> Any:
        """A short synchronous read on the GUI thread (table models, screen refresh)."""
        with self.db.read_session() as s:
            return work(s)

    def wait(self) -> None:
        self.pool.waitForDone()


class SyncRunner(OpRunner):
    """The same contract, inline: for tests (no threads, no waiting on signals)."""

    def _submit(self, job: _Job) -> None:
        job.run()


def _expected(failure: Failure) -> bool:
    from app.errors import KenesError

    return isinstance(failure.error, KenesError)
