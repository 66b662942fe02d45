"""Changing one's own passphrase, and a privacy officer setting a new one for a worker."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tiaki.core.roles import Worker
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_button_box, problem_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.passphrase_fields import NewPassphraseFields


class _PassphraseDialog(QDialog):
    def __init__(self, title: str, intro: str, worker_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.layout_ = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.layout_.addWidget(label)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.fields = NewPassphraseFields(lambda: worker_name, self)
        self.layout_.addWidget(self.fields)
        self.problem = problem_label(self)
        self.layout_.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        name_button_box(self.buttons)
        self.layout_.addWidget(self.buttons)

    def apply(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.problem.setText(problem)
            return
        try:
            self.write(self.fields.passphrase())
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
            return
        self.accept()

    def write(self, passphrase: str) -> None:
        raise NotImplementedError


class ChangePassphraseDialog(_PassphraseDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change my passphrase"),
                         self.tr("Only your own key slot changes; nobody else's passphrase and no record is "
                                 "affected."), session.worker.name, parent)
        self._session = session
        self.current = QLineEdit(self)
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current passphrase"))
        label = QLabel(self.tr("&Current passphrase:"), self)
        label.setBuddy(self.current)
        self.form.addRow(label, self.current)
        self.setTabOrder(self.current, self.fields.first)

    def write(self, passphrase: str) -> None:
        self._session.change_passphrase(self.current.text(), passphrase)


class ResetPassphraseDialog(_PassphraseDialog):
    def __init__(self, session: Session, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Set a new passphrase for {name}").format(name=worker.display_name),
                         self.tr("Tell the worker their new passphrase in person; they should change it the "
                                 "first time they sign in."), worker.name, parent)
        self._session = session
        self._worker = worker

    def write(self, passphrase: str) -> None:
        self._session.reset_passphrase(self._worker.id, passphrase)
