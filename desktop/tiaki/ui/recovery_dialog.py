"""Back in with the organisation's recovery key: it opens the store and sets a new passphrase. No data is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tiaki.store.session import Session, recover_store
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, problem_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.passphrase_fields import NewPassphraseFields
from tiaki.ui.tasks import BackgroundTask


class RecoveryDialog(QDialog):
    recovered = Signal(object)  # Session

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Recover access"))
        self.setAccessibleName(self.tr("Recover access"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your privacy officer holds the organisation's recovery key (written down when "
                               "Tiaki was set up). With it you can choose a new passphrase; no records are lost."),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.key = QLineEdit(self)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Sign-in name"))
        add_labelled_rows(form, self, ((self.tr("&Recovery key:"), self.key), (self.tr("&Sign-in name:"), self.name)))
        layout.addLayout(form)
        self.passphrase = NewPassphraseFields(self.name.text, self)
        layout.addWidget(self.passphrase)
        self.message = problem_label(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)
        name_button_box(self.buttons)
        layout.addWidget(self.buttons)

    def recover(self) -> None:
        if self._task is not None and self._task.running:
            return
        problem = self.passphrase.problem()
        if not self.key.text().strip() or not self.name.text().strip():
            problem = self.tr("Enter the recovery key and your sign-in name.")
        if problem:
            self.message.setText(problem)
            return
        data_dir, key, name = self._data_dir, self.key.text(), self.name.text()
        passphrase = self.passphrase.passphrase()
        self.message.setText(self.tr("Opening the store…"))
        self.buttons.setEnabled(False)
        self._task = BackgroundTask(
            lambda: recover_store(data_dir, recovery_key=key, worker_name=name, new_passphrase=passphrase), self)
        self._task.finished.connect(self._done)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _done(self, session: Session) -> None:
        self.key.clear()
        self.passphrase.clear()
        self.accept()
        self.recovered.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(store_error_text(exc))
