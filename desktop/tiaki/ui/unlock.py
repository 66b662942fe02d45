"""The unlock window: sign-in name (when several workers share the store), passphrase, and a way back in
with the recovery key. Unlocking runs in the background (Argon2id takes a noticeable moment)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tiaki.store.errors import UnlockDelayed, WorkerNeeded, WrongPassphrase
from tiaki.store.layout import worker_count
from tiaki.ui.accessibility import name_buttons, problem_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.tasks import BackgroundTask

if TYPE_CHECKING:  # the store and its crypto load while the worker types, not before the window shows
    from tiaki.store.session import Session
    from tiaki.ui.recovery_dialog import RecoveryDialog


def _load_store_modules() -> None:
    import tiaki.store.session  # noqa: F401


class UnlockWindow(QWidget):
    unlocked = Signal(object)  # Session
    quit_requested = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._task: BackgroundTask | None = None
        self._wait_left = 0
        self.recovery: RecoveryDialog | None = None
        # Load the store and its crypto while the worker types, after the window has appeared.
        QTimer.singleShot(300, _load_store_modules)
        self.setWindowTitle(self.tr("Unlock Tiaki"))
        self.setAccessibleName(self.tr("Unlock Tiaki"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Tiaki is locked. Enter your passphrase to open the client records."), self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Sign-in name"))
        self.name_label = QLabel(self.tr("&Sign-in name:"), self)
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        passphrase_label = QLabel(self.tr("&Passphrase:"), self)
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(passphrase_label, self.passphrase)
        layout.addLayout(form)
        self.message = problem_label(self)
        self.message.setAccessibleName(self.tr("Unlock message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.forgot_button = QPushButton(self.tr("&Forgot passphrase?"), self)
        self.forgot_button.clicked.connect(self.show_recovery)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        name_buttons([self.forgot_button, self.unlock_button])
        self.passphrase.returnPressed.connect(self.unlock)
        self.name.returnPressed.connect(self.passphrase.setFocus)
        self.setTabOrder(self.name, self.passphrase)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)
        self._countdown = QTimer(self)
        self._countdown.setInterval(200)
        self._wait_until = 0.0
        self._countdown.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> None:
        """Ready for the next person: empty fields, the name asked for only when it is needed."""
        several = worker_count(self._data_dir) > 1
        self.name.setVisible(several)
        self.name_label.setVisible(several)
        self.passphrase.clear()
        if self._wait_left <= 0:
            self.message.clear()
            self.unlock_button.setEnabled(True)
        (self.name if several and not self.name.text() else self.passphrase).setFocus()

    def unlock(self) -> None:
        if (self._task is not None and self._task.running) or self._wait_left > 0:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText(self.tr("Enter your passphrase."))
            return
        name = self.name.text().strip() if self.name.isVisible() else ""
        data_dir = self._data_dir
        from tiaki.store.session import unlock_store  # on the UI thread: a worker thread should not import

        self.unlock_button.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        self._task = BackgroundTask(
            lambda: unlock_store(data_dir, passphrase=passphrase, worker_name=name or None), self)
        self._task.finished.connect(self._unlocked)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _unlocked(self, session: Session) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.unlock_button.setEnabled(True)
        self.unlocked.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.unlock_button.setEnabled(True)
        if isinstance(exc, UnlockDelayed):
            self.start_wait(exc.seconds)
            return
        if isinstance(exc, WorkerNeeded):
            self.name.show()
            self.name_label.show()
            self.name.setFocus()
        if isinstance(exc, WrongPassphrase):
            # One message for a wrong name and a wrong passphrase: it must not tell which one was right.
            self.message.setText(self.tr("That sign-in name or passphrase is not right. Try again."))
        else:
            self.message.setText(store_error_text(exc))

    def start_wait(self, seconds: float) -> None:
        # Counted against a monotonic deadline (timers may fire a little early), with a small margin so the
        # store's own delay has surely passed when the button comes back.
        self._wait_until = time.monotonic() + seconds + 0.1
        self._wait_left = max(1, math.ceil(seconds))
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self._countdown.start()

    def _tick(self) -> None:
        self._wait_left = max(0, math.ceil(self._wait_until - time.monotonic()))
        if self._wait_left <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.message.setText(self.tr("You can try again now."))
            return
        self._show_wait()

    def _show_wait(self) -> None:
        self.message.setText(self.tr("Too many failed attempts. Try again in {seconds} seconds.").format(
            seconds=self._wait_left))

    @property
    def waiting(self) -> int:
        return self._wait_left

    def show_recovery(self) -> None:
        from tiaki.ui.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self._data_dir, self)
        dialog.recovered.connect(self._unlocked)
        self.recovery = dialog
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the unlock window (not hiding it for a session) means the worker wants to leave."""
        super().closeEvent(event)
        self.quit_requested.emit()
