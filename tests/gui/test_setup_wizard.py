"""First run: the wizard creates a real store, shows the recovery key once, and opens the main window."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gui_support import ADMIN, ADMIN_PASS

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tiaki.store.session import store_exists, unlock_store
from tiaki.ui.app import Desktop
from tiaki.ui.main_window import MainWindow


def test_wizard_creates_store_shows_key_and_opens_main_window(qtbot, make_desktop: Callable[..., Desktop],
                                                              data_dir: Path, accessibility) -> None:
    desktop = make_desktop()
    desktop.start()
    wizard = desktop.wizard
    assert wizard is not None and wizard.isVisible()
    assert accessibility(wizard) == []
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    page = wizard.administrator
    assert wizard.currentPage() is page
    qtbot.keyClicks(page.name, ADMIN)
    qtbot.keyClicks(page.display_name, "Aroha Ngata")
    qtbot.keyClicks(page.passphrase.first, "short")
    assert "at least 10" in page.passphrase.problem_label.text()
    assert not next_button.isEnabled()
    page.passphrase.first.clear()
    qtbot.keyClicks(page.passphrase.first, ADMIN_PASS)
    qtbot.keyClicks(page.passphrase.second, ADMIN_PASS + "x")
    assert "not the same" in page.passphrase.problem_label.text()
    qtbot.keyClick(page.passphrase.second, Qt.Key.Key_Backspace)
    assert page.passphrase.problem_label.text() == ""
    assert next_button.isEnabled()
    assert accessibility(wizard) == []

    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=10_000)
    key = wizard.recovery.key.text()
    assert re.fullmatch(r"TIAKI(-[A-Z0-9]{4})+", key)
    assert store_exists(data_dir)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "finishing must wait until the worker says the key is stored"
    assert accessibility(wizard) == []
    qtbot.mouseClick(wizard.recovery.stored, Qt.MouseButton.LeftButton)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    window = desktop.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert desktop.session is not None and desktop.session.worker.name == ADMIN
    assert "Aroha Ngata" in window.worker_label.text()
    # The store really opens with the passphrase typed into the wizard.
    desktop.lock()
    unlock_store(data_dir, passphrase=ADMIN_PASS).lock()


def test_wizard_cancel_before_creating_leaves_no_store(qtbot, make_desktop, data_dir: Path) -> None:
    desktop = make_desktop()
    desktop.start()
    assert desktop.wizard is not None
    with qtbot.waitSignal(desktop.finished):
        desktop.wizard.reject()
    assert not store_exists(data_dir)
