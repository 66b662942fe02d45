"""The one way Tiaki runs slow work off the UI thread (after Picard's ``util/thread.py``).

A function runs on a QThreadPool worker; its result or its exception comes back to the main thread through
a signal. The function never touches widgets. It may take a ``report(done, total)`` callable to send
progress, and it can be asked to stop: ``report`` then raises ``TaskCancelled`` at the next call.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from tiaki import logs
from tiaki.core.roles import AccessDenied
from tiaki.store.errors import StoreError

log = logging.getLogger(__name__)
_SAID_IN_WORDS = (StoreError, AccessDenied)  # the window that ran the task tells the worker what happened


class TaskCancelled(Exception):
    """Raised inside the worker function by ``report`` once the task was cancelled."""


class _Relay(QObject):
    """Lives on the main thread; emitted from the worker, so every connection to it is queued."""

    done = Signal(object)
    error = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, cancelled: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._cancelled = cancelled

    def _report(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise TaskCancelled
        self._relay.progressed.emit(done, total)

    def run(self) -> None:
        try:
            takes_report = bool(inspect.signature(self._fn).parameters)
            result = self._fn(self._report) if takes_report else self._fn()
        except BaseException as exc:  # delivered to the main thread, never lost in the pool
            if not isinstance(exc, (*_SAID_IN_WORDS, TaskCancelled)):
                log.warning(logs.TASK_FAILED, type(exc), exc_info=exc)  # its type and code frames only
            self._relay.error.emit(exc)
        else:
            self._relay.done.emit(result)


class BackgroundTask(QObject):
    """Run ``fn`` on a worker thread. Connect to ``finished``/``failed``/``progress``, then ``start()``."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, fn: Callable[..., Any], parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._pool = pool or QThreadPool.globalInstance()
        self._cancelled = threading.Event()
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)
        self._relay.progressed.connect(self._on_progress)
        self.running = False

    def start(self) -> BackgroundTask:
        self.running = True
        self._pool.start(_Job(self._fn, self._relay, self._cancelled))
        return self

    def cancel(self) -> None:
        self._cancelled.set()

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.running = False
        self.failed.emit(exc)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)
