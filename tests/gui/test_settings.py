"""The auto-lock delay is a store setting a privacy officer changes; the running app follows it."""

from __future__ import annotations

import pytest

from tiaki.core.roles import AccessDenied, Role
from tiaki.store.errors import InvalidInput
from tiaki.store.session import unlock_store


def test_auto_lock_setting_rules(session, data_dir) -> None:
    assert session.auto_lock_minutes() == 5
    with pytest.raises(InvalidInput):
        session.set_auto_lock_minutes(0)
    session.set_auto_lock_minutes(12)
    assert session.audit.recent(1)[0].action == "setting.change"
    session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    session.lock()
    tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    assert tama.auto_lock_minutes() == 12
    with pytest.raises(AccessDenied):
        tama.set_auto_lock_minutes(120)
    tama.lock()


def test_settings_dialog_changes_the_running_idle_timer(qtbot, session, make_desktop) -> None:
    desktop = make_desktop(idle_ms=None)
    desktop.start(session)
    dialog = desktop.main_window.show_settings()
    assert dialog is not None and dialog.auto_lock.isEnabled()
    dialog.auto_lock.setValue(7)
    dialog.apply()
    assert session.auto_lock_minutes() == 7
    assert desktop.idle_lock.interval_ms == 7 * 60_000
