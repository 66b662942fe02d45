"""Starting the desktop app: the QApplication, its translation, and which window comes first.

``Desktop`` moves between the set-up wizard, the unlock window and the main window, and owns auto-lock.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from tiaki.store.layout import store_exists
from tiaki.store.settings import CLIPBOARD_CLEAR_SECONDS
from tiaki.ui.app_icon import APP_ID, window_icon
from tiaki.ui.clipboard import DEFAULT_CLEAR_AFTER_MS, GuardedClipboard
from tiaki.ui.colours import keep_palette_readable
from tiaki.ui.idle_lock import IdleLock
from tiaki.ui.language import InterfaceLanguage, interface_language
from tiaki.ui.unlock import UnlockWindow

if TYPE_CHECKING:  # imported when first needed: the unlock window should appear as fast as a bare one
    from tiaki.core.keywrap import KdfParams
    from tiaki.store.session import Session
    from tiaki.ui.main_window import MainWindow
    from tiaki.ui.setup_wizard import SetupWizard


def install_translator(app: QApplication, language: str | None = None) -> InterfaceLanguage:
    """Install the translation for ``language`` (default: the chosen interface language)."""
    current = InterfaceLanguage(app)
    current.use(language or interface_language())
    return current


class Desktop(QObject):
    """The app's windows over time: set-up or unlock, then the main window, then locked again."""

    finished = Signal()

    def __init__(self, app: QApplication, data_dir: Path, *, kdf: KdfParams | None = None,
                 idle_ms: int | None = None, clipboard_ms: int | None = None,
                 language: InterfaceLanguage | None = None) -> None:
        super().__init__(app)
        self._app = app
        self.data_dir = data_dir
        self._kdf = kdf
        self._idle_ms = idle_ms
        self._clipboard_ms = clipboard_ms  # None: the store's setting, once unlocked
        self._owns_language = language is None
        self.language = language or InterfaceLanguage(app)
        self.session: Session | None = None
        self.clipboard = GuardedClipboard(app.clipboard(), clipboard_ms or DEFAULT_CLEAR_AFTER_MS, self)
        self.idle_lock = IdleLock(app, idle_ms or 60_000, self)
        self.idle_lock.idle.connect(self.lock)
        self.wizard: SetupWizard | None = None
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None

    def start(self, session: Session | None = None) -> None:
        if session is not None:
            self.open_main(session)
        elif store_exists(self.data_dir):
            self.show_unlock()
        else:
            self.show_wizard()

    def show_wizard(self) -> SetupWizard:
        from tiaki.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.data_dir, kdf=self._kdf, clipboard=self.clipboard)
        wizard.store_created.connect(self.open_main)
        wizard.rejected.connect(self.finished)
        self.wizard = wizard
        wizard.show()
        return wizard

    def show_unlock(self) -> UnlockWindow:
        if self.unlock_window is None:
            self.unlock_window = UnlockWindow(self.data_dir)
            self.unlock_window.unlocked.connect(self.open_main)
            self.unlock_window.quit_requested.connect(self.quit)
        self.unlock_window.reset()
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()
        return self.unlock_window

    def open_main(self, session: Session) -> MainWindow:
        from tiaki.ui.main_window import MainWindow

        if self.main_window is not None:  # the previous session's (locked, empty) window
            self.main_window.deleteLater()
        self.session = session
        window = MainWindow(session, self.clipboard)
        window.lock_requested.connect(self.lock)
        window.quit_requested.connect(self.quit)
        window.store_settings_changed.connect(self._apply_store_settings)
        window.language_changed.connect(self.change_language)
        self.main_window = window
        if self.unlock_window is not None:
            self.unlock_window.hide()
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None
        window.show()
        self._apply_store_settings()
        self.idle_lock.start()
        return window

    def _apply_store_settings(self) -> None:
        """The running app follows the store's settings (explicit test overrides win)."""
        if self.session is None:
            return
        self.idle_lock.set_interval_ms(self._idle_ms or self.session.auto_lock_minutes() * 60_000)
        clear_after_s = self.session.setting(CLIPBOARD_CLEAR_SECONDS)
        self.clipboard.set_clear_after_ms(self._clipboard_ms or clear_after_s * 1000)

    def change_language(self, language: str) -> None:
        """Show the interface in ``language`` now: windows retranslate or are rebuilt; unsaved edits are kept."""
        self.language.use(language)
        if self.unlock_window is not None and not self.unlock_window.isVisible():
            self.unlock_window.deleteLater()  # built again, in the new language, at the next lock
            self.unlock_window = None
        if self.main_window is not None:  # retranslates itself; its other windows keep their language
            self.main_window.windows_in_another_language()

    def lock(self) -> None:
        """Lock now: close the session, empty every window, clear a copied value, ask for the passphrase."""
        self.idle_lock.stop()
        self.clipboard.clear_if_unchanged()
        if self.main_window is not None:
            self.main_window.lock_down()
            self.main_window.hide()
        session, self.session = self.session, None
        try:
            if session is not None:
                session.lock()
        finally:  # whatever happened while locking, the worker gets the unlock window, not an empty screen
            self.show_unlock()

    def quit(self) -> None:
        self.idle_lock.stop()
        self.clipboard.clear_if_unchanged()
        if self.main_window is not None:
            self.main_window.lock_down()
        if self.session is not None:
            self.session.lock()
            self.session = None
        self.finished.emit()

    def dispose(self) -> None:
        """Quit if still running, then free every window (the app may outlive us: tests, embedding)."""
        self.quit()
        for window in (self.wizard, self.unlock_window, self.main_window):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.wizard = self.unlock_window = self.main_window = None
        if self._owns_language:
            self.language.restore()
        self.deleteLater()


def build_main_window(session: Session, *, app: QApplication | None = None,
                      clipboard_ms: int = DEFAULT_CLEAR_AFTER_MS) -> MainWindow:
    """A main window for a session, without an event loop (tests, screenshots)."""
    from tiaki.ui.main_window import MainWindow

    app = app or _application([])
    clipboard = GuardedClipboard(app.clipboard(), clipboard_ms, app)
    return MainWindow(session, clipboard)


def _application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv)
    return app


def run_app(data_dir: Path, *, session: Session | None = None, argv: list[str] | None = None) -> int:
    """Run Tiaki's window until the worker quits. Returns the exit code."""
    import logging

    import PySide6
    from PySide6.QtCore import qVersion

    from tiaki import logs
    from tiaki.ui.error_dialog import ErrorHandling
    from tiaki.ui.single_instance import SingleInstance, bring_forward

    log = logging.getLogger(__name__)
    app = _application(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Tiaki")
    app.setOrganizationName("Tiaki")
    app.setApplicationDisplayName("Tiaki")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(window_icon())
    app.setQuitOnLastWindowClosed(False)  # locking hides the main window before the unlock window shows
    palette = keep_palette_readable(app)  # the system theme, with any pair under WCAG AA contrast corrected
    errors = ErrorHandling(app).install()  # uncaught errors: logged safely, a dialog, and the app carries on
    instance = SingleInstance(data_dir, app)
    language = None
    desktop = None
    try:
        if not instance.claim():  # a Tiaki already runs for this data directory: it comes forward instead
            log.info(logs.SECOND_LAUNCH_SENT)
            if session is not None:
                session.lock()
            return 0
        log.info(logs.APP_STARTED, qVersion(), PySide6.__version__, app.platformName())
        language = install_translator(app)
        desktop = Desktop(app, data_dir, language=language)
        desktop.finished.connect(app.quit)
        instance.show_requested.connect(
            lambda: bring_forward(desktop.main_window, desktop.unlock_window, desktop.wizard))
        desktop.start(session)
        code = app.exec()
        log.info(logs.APP_STOPPED, code)
        return code
    finally:  # everything put in place above is taken out again: the app object may outlive us (tests, embedding)
        if desktop is not None:
            desktop.dispose()
        if language is not None:
            language.restore()
        instance.close()
        errors.uninstall()
        palette.stop()
