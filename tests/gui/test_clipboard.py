"""A copied value leaves the clipboard after the timeout, unless the worker has copied something else since."""

from __future__ import annotations

from gui_support import add_client

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tiaki.ui.clipboard import GuardedClipboard


def test_clipboard_clears_after_timeout_if_unchanged(qtbot, qapp: QApplication) -> None:
    guard = GuardedClipboard(qapp.clipboard(), clear_after_ms=100)
    guard.copy("ZZZ0016")
    assert qapp.clipboard().text() == "ZZZ0016"
    assert guard.pending
    with qtbot.waitSignal(guard.cleared, timeout=2000):
        pass
    assert qapp.clipboard().text() == ""
    assert not guard.pending


def test_a_new_delay_does_not_restart_a_waiting_copy(qtbot, qapp: QApplication) -> None:
    guard = GuardedClipboard(qapp.clipboard(), clear_after_ms=200)
    guard.copy("027 555 0101")
    remaining = guard._timer.remainingTime()
    guard.set_clear_after_ms(300_000)
    assert guard._timer.remainingTime() <= remaining, "the waiting value keeps its own deadline"
    with qtbot.waitSignal(guard.cleared, timeout=5000):
        pass
    guard.copy("ZZZ0016")
    assert guard._timer.remainingTime() > 200_000, "the next copy waits the new delay"
    guard.clear_if_unchanged()


def test_clipboard_left_alone_when_worker_copied_something_else(qtbot, qapp: QApplication) -> None:
    guard = GuardedClipboard(qapp.clipboard(), clear_after_ms=100)
    guard.copy("027 555 0101")
    qapp.clipboard().setText("my own note")
    with qtbot.assertNotEmitted(guard.cleared, wait=0):
        qtbot.waitUntil(lambda: not guard.pending, timeout=2000)
    assert qapp.clipboard().text() == "my own note"


def test_copy_button_in_form_uses_the_guarded_clipboard(qtbot, qapp, session, make_desktop) -> None:
    created = add_client(session, {"given_name": "Losa", "family_name": "Fonoti", "region": "northland"})
    desktop = make_desktop(clipboard_ms=100)
    desktop.start(session)
    form = desktop.main_window.open_client(created.id)
    form.copy_value("region")
    assert qapp.clipboard().text() == "Northland", "a choice copies as the label the worker sees"
    assert "cleared in" in form.status.text()
    with qtbot.waitSignal(desktop.clipboard.cleared, timeout=2000):
        pass
    assert qapp.clipboard().text() == ""
    qtbot.mouseClick(form.copy_buttons["given_name"], Qt.MouseButton.LeftButton)
    assert qapp.clipboard().text() == "Losa"
