"""First run: explain Tiaki, make the privacy officer's sign-in, create the encrypted store in the background,
and show the organisation's recovery key exactly once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tiaki.core.keywrap import KdfParams
from tiaki.store.session import Session, create_store, discard_new_store
from tiaki.ui.accessibility import add_labelled_rows, name_buttons, name_wizard_buttons
from tiaki.ui.clipboard import GuardedClipboard
from tiaki.ui.messages import store_error_text
from tiaki.ui.passphrase_fields import NewPassphraseFields
from tiaki.ui.tasks import BackgroundTask


def _text(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class IntroPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Tiaki"))
        layout = QVBoxLayout(self)
        layout.addWidget(_text(self, self.tr(
            "Tiaki keeps your clients' records on this computer, encrypted, so nothing is readable if the laptop "
            "is lost or stolen. It works without an internet connection.")))
        layout.addWidget(_text(self, self.tr(
            "First, the privacy officer (the administrator) chooses a sign-in name and a passphrase. Tiaki then "
            "creates the encrypted store and shows a recovery key once: it is the only way back in if every "
            "passphrase is forgotten.")))


class AdministratorPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The privacy officer's sign-in"))
        self.setSubTitle(self.tr("The privacy officer can add the other workers later."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Sign-in name"))
        self.display_name = QLineEdit(self)
        self.display_name.setAccessibleName(self.tr("Display name"))
        add_labelled_rows(form, self, ((self.tr("&Sign-in name:"), self.name),
                                       (self.tr("&Display name:"), self.display_name)))
        layout.addLayout(form)
        self.passphrase = NewPassphraseFields(self.name.text, self)
        layout.addWidget(self.passphrase)
        self.name.textChanged.connect(self.completeChanged)
        self.passphrase.changed.connect(self.completeChanged)
        self.setTabOrder(self.name, self.display_name)
        self.setTabOrder(self.display_name, self.passphrase.first)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip()) and not self.passphrase.problem()


class RecoveryKeyPage(QWizardPage):
    """Creates the store when first shown; then shows the recovery key and asks the worker to keep it safe."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("The recovery key"))
        layout = QVBoxLayout(self)
        self.status = _text(self, "")
        self.status.setAccessibleName(self.tr("Set-up status"))
        layout.addWidget(self.status)
        self.instructions = _text(self, self.tr(
            "Write this recovery key on paper (or print it) now and keep it somewhere safe, away from this "
            "computer. It is shown only this once. Anyone who has it can open the store."))
        layout.addWidget(self.instructions)
        row = QHBoxLayout()
        self.key = QLineEdit(self)
        self.key.setReadOnly(True)
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key.setAccessibleName(self.tr("Recovery key"))
        key_label = QLabel(self.tr("Recovery &key:"), self)
        key_label.setBuddy(self.key)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the key; the clipboard is cleared again after 30 seconds."))
        self.copy_button.clicked.connect(lambda: self._wizard.clipboard.copy(self.key.text()))
        name_buttons([self.copy_button])
        row.addWidget(key_label)
        row.addWidget(self.key, 1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.stored = QCheckBox(self.tr("I have &stored the recovery key safely"), self)
        self.stored.setAccessibleName(self.tr("I have stored the recovery key safely"))
        self.stored.toggled.connect(self.completeChanged)
        layout.addWidget(self.stored)
        self._show_key(None)

    def initializePage(self) -> None:
        if self._wizard.session is None:
            self._wizard.create_store_now()

    def _show_key(self, key: str | None) -> None:
        for widget in (self.instructions, self.key, self.copy_button, self.stored):
            widget.setVisible(key is not None)
        self.key.setText(key or "")

    def creating(self) -> None:
        self.status.setText(self.tr("Creating the encrypted store…"))

    def created(self, key: str) -> None:
        self.status.setText(self.tr("The encrypted store is ready."))
        self._show_key(key)
        self.stored.setFocus()
        self.completeChanged.emit()

    def failed(self, message: str) -> None:
        self.status.setText(self.tr("The store could not be created: {problem} Go back and try again.").format(
            problem=message))

    def isComplete(self) -> bool:
        return self._wizard.session is not None and self.stored.isChecked()


class SetupWizard(QWizard):
    store_created = Signal(object)  # Session, emitted when the worker finishes

    def __init__(self, data_dir: Path, *, kdf: KdfParams | None = None, clipboard: GuardedClipboard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._kdf = kdf
        self.clipboard = clipboard
        self.session: Session | None = None
        self.task: BackgroundTask | None = None
        self._abandoned = False
        self.setWindowTitle(self.tr("Set up Tiaki"))
        self.setAccessibleName(self.tr("Set up Tiaki"))
        self.intro = IntroPage(self)
        self.administrator = AdministratorPage(self)
        self.recovery = RecoveryKeyPage(self)
        for page in (self.intro, self.administrator, self.recovery):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open Tiaki"))
        name_wizard_buttons(self)
        self.currentIdChanged.connect(lambda _id: name_wizard_buttons(self))

    def create_store_now(self) -> None:
        if self.task is not None and self.task.running:
            return
        page = self.administrator
        name, display = page.name.text().strip(), page.display_name.text().strip()
        passphrase = page.passphrase.passphrase()
        data_dir, kdf = self._data_dir, self._kdf
        self.recovery.creating()
        self.task = BackgroundTask(lambda: create_store(data_dir, admin_name=name, passphrase=passphrase,
                                                        admin_display_name=display, kdf=kdf), self)
        self.task.finished.connect(self._created)
        self.task.failed.connect(lambda exc: self.recovery.failed(store_error_text(exc)))
        self.task.start()

    def _created(self, result: tuple[Session, str]) -> None:
        if self._abandoned:  # cancelled while the store was being made: its recovery key was never shown
            discard_new_store(result[0])
            return
        self.session, key = result
        self.administrator.passphrase.clear()
        self.recovery.created(key)
        # The store exists now: going back to the first pages would only confuse.
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)

    def accept(self) -> None:
        if self.session is None:
            return
        self.recovery.key.clear()
        super().accept()
        self.store_created.emit(self.session)

    def reject(self) -> None:
        self._abandoned = True
        if self.session is not None:
            if self.recovery.stored.isChecked():
                self.session.lock()  # the key is kept; next start asks for the passphrase
            else:
                # Cancelled before confirming the recovery key was kept: a store nobody can recover is worse
                # than none, so the new, empty store goes and set-up starts again next time.
                discard_new_store(self.session)
            self.session = None
        super().reject()
