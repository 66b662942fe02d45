"""Copying a value out of a record: the clipboard is cleared after a while, unless it holds something else by then."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QClipboard

DEFAULT_CLEAR_AFTER_MS = 30_000


class GuardedClipboard(QObject):
    """Puts text on the clipboard and takes it off again after ``clear_after_ms`` if it is still there."""

    cleared = Signal()

    def __init__(self, clipboard: QClipboard, clear_after_ms: int = DEFAULT_CLEAR_AFTER_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._copied: str | None = None
        self._clear_after_ms = clear_after_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_unchanged)

    @property
    def clear_after_ms(self) -> int:
        return self._clear_after_ms

    def set_clear_after_ms(self, ms: int) -> None:
        """A new delay for the next copy; a value waiting now keeps its own (changing a running QTimer's
        interval would restart it, keeping a copied value longer)."""
        self._clear_after_ms = ms

    @property
    def pending(self) -> bool:
        """True while a copied value is waiting to be cleared."""
        return self._timer.isActive()

    def copy(self, text: str) -> None:
        self._copied = text
        self._clipboard.setText(text)
        self._timer.start(self._clear_after_ms)

    def clear_if_unchanged(self) -> None:
        """Clear now if the clipboard still holds what we put there (also called on lock)."""
        self._timer.stop()
        if self._copied is not None and self._clipboard.text() == self._copied:
            self._clipboard.clear()
            self.cleared.emit()
        self._copied = None
