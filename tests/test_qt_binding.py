"""Guards against a Qt binding that would crash a long session or test run."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def test_process_events_keeps_none_alive(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None on every processEvents() call; on Python 3.11 (None is not
    immortal) pytest-qt's waits and any modal loop then abort the process with 'deallocating None'."""
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50
