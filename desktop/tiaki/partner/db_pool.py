"""SQLite connections for the inbox, kept and reused rather than opened per operation.

Opening a connection per operation cost a connect and two PRAGMAs each time and, whenever the last connection
closed, a WAL checkpoint with its fsyncs: a few milliseconds on every request. The pool keeps up to
``POOL_SIZE`` idle connections; a thread takes one for the length of an operation and gives it back, so a
connection is used by one thread at a time (``check_same_thread`` is off only so that it may be a different
thread next time). Every connection runs ``synchronous=FULL``: a commit is on disk before a receipt says so.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Final

POOL_SIZE: Final = 8  # idle connections kept; beyond this a connection given back is closed


class InboxBusy(Exception):
    """The database stayed locked longer than the busy timeout (the service answers 503, retry later)."""


class ConnectionPool:
    def __init__(self, path: Path, *, busy_timeout: float) -> None:
        self.path = path
        self._busy_timeout = busy_timeout
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for one operation; "database is locked" comes out as ``InboxBusy``."""
        with self._lock:
            db = self._idle.pop() if self._idle else None
        if db is None:
            db = self._open()
        try:
            yield db
        except sqlite3.OperationalError as exc:
            raise _translated(exc) from None
        finally:
            self._give_back(db)

    def close(self) -> None:
        """Close the idle connections; one in use is closed when it is given back. The pool stays usable (each
        later operation opens and closes its own connection), so a late call after shutdown still works."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()

    @property
    def idle(self) -> int:
        return len(self._idle)

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.OperationalError as exc:
            raise _translated(exc) from None
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.OperationalError as exc:
            db.close()
            raise _translated(exc) from None
        return db

    def _give_back(self, db: sqlite3.Connection) -> None:
        if not db.in_transaction:  # one left inside a transaction (a failed rollback) is not reused
            with self._lock:
                if not self._closed and len(self._idle) < POOL_SIZE:
                    self._idle.append(db)
                    return
        db.close()


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE``: the writer lock is taken up front, so a reader never has to upgrade and deadlock."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _translated(exc: sqlite3.OperationalError) -> Exception:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return InboxBusy("The inbox database is busy; try again shortly.")
    return exc
