"""Unlocking: one generic message for wrong name or passphrase, the failed-attempt notice, the wait, recovery."""

from __future__ import annotations

from pathlib import Path

from gui_support import ADMIN, ADMIN_PASS

from PySide6.QtCore import Qt

from tiaki.core.roles import Role
from tiaki.store.session import Session
from tiaki.ui.main_window import MainWindow
from tiaki.ui.unlock import UnlockWindow

GENERIC = "sign-in name or passphrase is not right"


def _attempt(qtbot, window: UnlockWindow, passphrase: str, name: str | None = None) -> None:
    if name is not None:
        window.name.clear()
        qtbot.keyClicks(window.name, name)
    qtbot.keyClicks(window.passphrase, passphrase)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)


def test_wrong_then_right_passphrase_opens_main_window_with_notice(qtbot, made_store, make_desktop,
                                                                   accessibility) -> None:
    session, _key = made_store
    session.lock()
    desktop = make_desktop()
    desktop.start()
    window = desktop.unlock_window
    assert window is not None and window.isVisible()
    assert not window.name.isVisibleTo(window), "one worker: no name to type"
    assert window.passphrase.echoMode() == window.passphrase.EchoMode.Password
    assert accessibility(window) == []

    _attempt(qtbot, window, "not the passphrase at all")
    qtbot.waitUntil(lambda: GENERIC in window.message.text())
    assert desktop.main_window is None
    assert window.passphrase.text() == ""

    _attempt(qtbot, window, ADMIN_PASS)
    qtbot.waitUntil(lambda: desktop.main_window is not None)
    main = desktop.main_window
    assert isinstance(main, MainWindow) and main.isVisible()
    assert not window.isVisible()
    assert main.notice.isVisible()
    assert main.notice_text.text().startswith("1 failed attempt")
    assert desktop.session is not None and desktop.session.failed_unlocks.count == 1


def test_no_notice_without_failed_attempts(qtbot, made_store, make_desktop) -> None:
    made_store[0].lock()
    desktop = make_desktop()
    desktop.start()
    _attempt(qtbot, desktop.unlock_window, ADMIN_PASS)
    qtbot.waitUntil(lambda: desktop.main_window is not None)
    assert not desktop.main_window.notice.isVisible()


def test_several_workers_wrong_name_and_wrong_passphrase_read_the_same(qtbot, session: Session,
                                                                       make_desktop) -> None:
    session.add_worker(name="mere", display_name="Mere", role=Role.CASEWORKER, passphrase="korimako sings at dawn")
    session.lock()
    desktop = make_desktop()
    desktop.start()
    window = desktop.unlock_window
    assert window.name.isVisibleTo(window)
    _attempt(qtbot, window, ADMIN_PASS, name="nobody")
    qtbot.waitUntil(lambda: GENERIC in window.message.text())
    unknown_name = window.message.text()
    _attempt(qtbot, window, "wrong phrase entirely", name=ADMIN)
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled() and window.message.text() != "Unlocking…")
    assert window.message.text() == unknown_name
    _attempt(qtbot, window, "korimako sings at dawn", name="mere")
    qtbot.waitUntil(lambda: desktop.main_window is not None)
    assert desktop.session.worker.name == "mere"


def test_repeated_failures_disable_unlock_with_countdown(qtbot, made_store, make_desktop) -> None:
    made_store[0].lock()
    desktop = make_desktop()
    desktop.start()
    window = desktop.unlock_window
    for _ in range(3):
        _attempt(qtbot, window, "still the wrong one")
        qtbot.waitUntil(lambda: GENERIC in window.message.text())
        window.message.clear()
    _attempt(qtbot, window, "and again wrong")
    qtbot.waitUntil(lambda: window.waiting > 0)
    assert not window.unlock_button.isEnabled()
    assert "Try again in" in window.message.text()
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=5000)
    _attempt(qtbot, window, ADMIN_PASS)
    qtbot.waitUntil(lambda: desktop.main_window is not None)
    assert desktop.session.failed_unlocks.count >= 3


def test_forgot_passphrase_recovers_with_recovery_key(qtbot, made_store, make_desktop, data_dir: Path,
                                                      accessibility) -> None:
    session, key = made_store
    session.lock()
    desktop = make_desktop()
    desktop.start()
    window = desktop.unlock_window
    qtbot.mouseClick(window.forgot_button, Qt.MouseButton.LeftButton)
    dialog = window.recovery
    assert dialog is not None and dialog.isVisible()
    assert accessibility(dialog) == []
    qtbot.keyClicks(dialog.key, key.lower())
    qtbot.keyClicks(dialog.name, ADMIN)
    qtbot.keyClicks(dialog.passphrase.first, "a brand new phrase 7")
    qtbot.keyClicks(dialog.passphrase.second, "a brand new phrase 7")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: desktop.main_window is not None)
    assert desktop.session.worker.name == ADMIN
    desktop.lock()
    _attempt(qtbot, desktop.unlock_window, "a brand new phrase 7")
    qtbot.waitUntil(lambda: desktop.session is not None)


def test_wrong_recovery_key_is_refused(qtbot, made_store, make_desktop) -> None:
    made_store[0].lock()
    desktop = make_desktop()
    desktop.start()
    window = desktop.unlock_window
    window.show_recovery()
    dialog = window.recovery
    qtbot.keyClicks(dialog.key, "TIAKI-AAAA-BBBB")
    qtbot.keyClicks(dialog.name, ADMIN)
    qtbot.keyClicks(dialog.passphrase.first, "a brand new phrase 7")
    qtbot.keyClicks(dialog.passphrase.second, "a brand new phrase 7")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.message.text() != "Opening the store…")
    assert dialog.message.text()
    assert desktop.session is None
