"""The auto-lock delay is a store setting a privacy officer changes; the running app follows it."""

from __future__ import annotations

import pytest
from gui_support import add_client

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialog

from tiaki.core.roles import AccessDenied, Role
from tiaki.preferences import load_preferences
from tiaki.store.errors import InvalidInput
from tiaki.store.session import unlock_store
from tiaki.store.settings import CLIPBOARD_CLEAR_SECONDS, SYNC_INTERVAL_MINUTES
from tiaki.ui.labels import ui_language
from tiaki.ui.settings_dialog import SettingsDialog


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


def test_settings_dialog_sets_clipboard_and_sync_schedule_of_the_running_app(qtbot, session, make_desktop) -> None:
    desktop = make_desktop(idle_ms=None)
    desktop.start(session)
    main = desktop.main_window
    assert desktop.clipboard.clear_after_ms == 30_000
    assert main.sync.interval_minutes == 15 and main.sync.automatic
    dialog = main.show_settings()
    dialog.clipboard.setValue(12)
    dialog.sync_interval.setCurrentIndex(dialog.sync_interval.findData(0))
    assert dialog.sync_interval.currentText().startswith("Off")
    dialog.apply()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert session.setting(CLIPBOARD_CLEAR_SECONDS) == 12
    assert session.setting(SYNC_INTERVAL_MINUTES) == 0
    assert desktop.clipboard.clear_after_ms == 12_000
    assert main.sync.interval_minutes == 0 and not main.sync.automatic
    assert not main.sync._timer.isActive(), "no automatic sync when it is off"
    dialog = main.show_settings()
    dialog.sync_interval.setCurrentIndex(dialog.sync_interval.findData(60))
    dialog.apply()
    assert main.sync._timer.isActive() and main.sync._timer.interval() == 60 * 60_000


def test_a_caseworker_sees_the_store_settings_but_cannot_change_them(qtbot, session, data_dir) -> None:
    session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    session.set_setting(CLIPBOARD_CLEAR_SECONDS, 40)
    session.lock()
    tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    dialog = SettingsDialog(tama)
    qtbot.addWidget(dialog)
    assert dialog.clipboard.value() == 40
    assert not dialog.clipboard.isEnabled() and not dialog.sync_interval.isEnabled()
    assert dialog.language.isEnabled(), "the language is the worker's own choice"
    tama.lock()


def test_language_switches_at_run_time_and_keeps_unsaved_work(qtbot, session, make_desktop) -> None:
    saved = add_client(session, {"given_name": "Ana", "family_name": "Havili"})
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    assert main.clients_menu.title() == "&Clients"
    clean = main.open_client(saved.id)
    draft = main.new_client()
    qtbot.keyClicks(draft.editors["given_name"].widget, "Wiremu")
    assert draft.has_unsaved_changes()
    history = main.show_history()
    dialog = main.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("mi"))
    dialog.apply()
    assert load_preferences().language == "mi", "the choice is kept for the next start"
    assert desktop.language.language == "mi"
    assert ui_language() == "mi"
    new_client = QCoreApplication.translate("MainWindow", "&New client")
    assert new_client != "&New client", "this build has the Māori translation"
    qtbot.waitUntil(lambda: main.new_client_action.text() == new_client)  # the window retranslated itself
    assert main.clients_menu.title() == QCoreApplication.translate("MainWindow", "&Clients")
    assert QLocale().language() == QLocale.Language.Maori, "dates and numbers follow the chosen language"
    assert main.forms[saved.id] is clean and clean.isVisible(), "an open record is left as it is"
    assert draft in main.new_forms and draft.isVisible(), "a record with unsaved changes stays open"
    assert draft.editors["given_name"].widget.text() == "Wiremu"
    assert main.history_window is history and history.isVisible(), "its filters and any report keep going"
    assert main.statusBar().currentMessage() == QCoreApplication.translate(
        "MainWindow", "Open records and the Sharing history keep their language until you close them.")
    fresh = main.new_client()
    assert fresh.title.text() == QCoreApplication.translate("ClientForm", "New client") != "New client", (
        "a window opened after the switch is in the new language")
    desktop.lock()
    assert desktop.unlock_window is not None
    assert desktop.unlock_window.windowTitle() == QCoreApplication.translate("UnlockWindow", "Unlock Tiaki")
    desktop.change_language("en")
    qtbot.waitUntil(lambda: main.clients_menu.title() == "&Clients")
