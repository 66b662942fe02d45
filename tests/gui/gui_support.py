"""Constants shared by the GUI tests (the same values as tests/conftest.py, which is not importable)."""

from __future__ import annotations

from tiaki.core.keywrap import KdfParams

FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
ADMIN = "aroha"
ADMIN_PASS = "kia kaha te reo 2026"


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a worker would. QTest's keyClicks takes only Latin-1, so macron letters (ā, ē, ī, ō, ū) go in
    as key events carrying their text, the way an input method delivers them."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
