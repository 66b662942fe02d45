"""run_app: the real entry point, through its event loop, for an existing store and for the demo path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tiaki.ui.app import interface_language, run_app
from tiaki.ui.main_window import MainWindow
from tiaki.ui.unlock import UnlockWindow


def _close_when_shown(kind: type, seen: list[object]) -> None:
    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                seen.append(widget)
                widget.close()  # closing the first window quits the app (and locks any session)
                return
        QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def test_run_app_with_a_store_shows_unlock_and_quits_when_closed(qapp, made_store, data_dir: Path) -> None:
    made_store[0].lock()
    seen: list[object] = []
    _close_when_shown(UnlockWindow, seen)
    assert run_app(data_dir, argv=["tiaki"]) == 0
    assert len(seen) == 1
    assert qapp.applicationName() == "Tiaki" and qapp.organizationName() == "Tiaki"


def test_run_app_with_a_session_goes_straight_to_main_window(qapp, session, data_dir: Path) -> None:
    seen: list[object] = []
    _close_when_shown(MainWindow, seen)
    assert run_app(data_dir, session=session, argv=["tiaki"]) == 0
    assert len(seen) == 1
    assert not session.is_open, "quitting locks the session"


def test_language_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("TIAKI_LANG", "mi")
    assert interface_language() == "mi"
