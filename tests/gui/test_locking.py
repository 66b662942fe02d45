"""Auto-lock after idle time and manual lock: the session closes and nothing from the store stays on screen."""

from __future__ import annotations

import shiboken6
from gui_support import ADMIN_PASS, add_client

from PySide6.QtCore import Qt

from tiaki.ui.client_form import ClientForm


def test_idle_session_locks_itself_and_empties_the_window(qtbot, session, make_desktop) -> None:
    add_client(session, {"given_name": "Ngaio", "family_name": "Rangihau"})
    desktop = make_desktop(idle_ms=300)
    desktop.start(session)
    main = desktop.main_window
    model = main.model
    assert model.rowCount() == 1
    main.search.setText("ngaio")
    qtbot.waitUntil(lambda: model.query == "ngaio")
    form = main.open_client(session.clients.list()[0].id)
    qtbot.keyClicks(form.editors["phone"].widget, "027")  # unsaved typing does not keep the lock away

    qtbot.waitUntil(lambda: not session.is_open, timeout=5000)
    assert model.rowCount() == 0
    assert model.cached_pages == 0
    assert main.search.text() == ""
    assert main.session is None
    assert not main.isVisible()
    assert not shiboken6.isValid(form) or not form.isVisible(), "open client forms close on lock"
    assert desktop.unlock_window is not None and desktop.unlock_window.isVisible()
    assert not [w for w in main.findChildren(ClientForm) if w.isVisible()]

    qtbot.keyClicks(desktop.unlock_window.passphrase, ADMIN_PASS)
    qtbot.keyClick(desktop.unlock_window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desktop.session is not None and desktop.main_window is not main)
    assert desktop.main_window.model.rowCount() == 1


def test_input_restarts_the_idle_timer(qtbot, session, make_desktop) -> None:
    desktop = make_desktop(idle_ms=10_000)
    desktop.start(session)
    lock = desktop.idle_lock
    assert lock.active
    main = desktop.main_window
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.waitUntil(lambda: lock.remaining_ms() < 9_700, timeout=2_000)
    qtbot.keyClick(main.search, Qt.Key.Key_A)
    assert lock.remaining_ms() > 9_900
    assert session.is_open


def test_manual_lock_with_ctrl_l(qtbot, session, make_desktop) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not session.is_open
    assert main.model.rowCount() == 0
    assert desktop.unlock_window.isVisible()
    assert not desktop.idle_lock.active
