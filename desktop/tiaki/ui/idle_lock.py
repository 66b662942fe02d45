"""Auto-lock: any keyboard, mouse or touch input anywhere in the app counts as activity.

The event filter only notes the time of the last input (it sees every event, so it must be cheap); a slow
timer compares that with the allowed idle time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication


def _input_events() -> frozenset[QEvent.Type]:
    """Built on first use: touching these enum members costs PySide6 ~20 ms, too much for start-up."""
    return frozenset({
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
    })


class IdleLock(QObject):
    """Emits ``idle`` once after ``interval_ms`` without user input, while started."""

    idle = Signal()

    def __init__(self, app: QApplication, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._interval_ms = interval_ms
        self._last_input = time.monotonic()
        self._check = QTimer(self)
        # The default coarse timer is precise enough for minutes (and touching Qt's enum namespace here
        # would cost start-up ~18 ms).
        self._check.timeout.connect(self._on_check)
        self._watching = False
        self._input_events: frozenset[QEvent.Type] = frozenset()
        self.set_interval_ms(interval_ms)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def set_interval_ms(self, interval_ms: int) -> None:
        self._interval_ms = interval_ms
        self._check.setInterval(max(20, min(1000, interval_ms // 5)))

    def remaining_ms(self) -> int:
        return max(0, round(self._interval_ms - (time.monotonic() - self._last_input) * 1000))

    @property
    def active(self) -> bool:
        return self._watching

    def start(self) -> None:
        self._last_input = time.monotonic()
        if not self._watching:
            if not self._input_events:
                self._input_events = _input_events()
            self._app.installEventFilter(self)
            self._watching = True
        self._check.start()

    def stop(self) -> None:
        self._check.stop()
        if self._watching:
            self._app.removeEventFilter(self)
            self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._input_events:
            self._last_input = time.monotonic()
        return False

    def _on_check(self) -> None:
        if self.remaining_ms() <= 0:
            self.stop()
            self.idle.emit()
