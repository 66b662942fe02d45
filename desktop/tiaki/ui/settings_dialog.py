"""Settings: the worker's own interface language, and what a privacy officer sets for everyone on this laptop —
the auto-lock delay, how long a copied value stays on the clipboard, how often shares go out, and the
organisation's name (the collecting and holding agency named in notices, consent records and receipts).

The rules (ranges, who may change what, the audit entry) are the store's (``tiaki.store.settings``); the dialog
only offers the choices and reports a refusal in the worker's words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiaki.core import roles
from tiaki.preferences import INTERFACE_LANGUAGES, Preferences, save_preferences
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.store.settings import AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS, SYNC_INTERVAL_MINUTES, StoreSetting
from tiaki.ui.accessibility import name_button_box, name_spin_box, problem_label
from tiaki.ui.messages import store_error_text

SYNC_CHOICES = (0, 5, 15, 30, 60, 120, 240, 480, 1440)  # minutes; 0: only "Sync now"


class SettingsDialog(QDialog):
    store_settings_changed = Signal()
    language_changed = Signal(str)  # the new interface language's code

    def __init__(self, session: Session, parent: QWidget | None = None, *, language: str = "en") -> None:
        super().__init__(parent)
        self._session = session
        self._language = language
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)

        mine = QGroupBox(self.tr("For you on this computer"), self)
        mine_form = QFormLayout(mine)
        self.language = QComboBox(mine)
        for code, name in INTERFACE_LANGUAGES.items():
            self.language.addItem(name, code)  # each language named in itself
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.setAccessibleName(self.tr("Interface language"))
        self._row(mine_form, self.tr("&Language:"), self.language)
        layout.addWidget(mine)

        everyone = QGroupBox(self.tr("For everyone who uses Tiaki on this computer"), self)
        form = QFormLayout(everyone)
        self.auto_lock = self._spin(everyone, AUTO_LOCK_MINUTES, self.tr(" min"),
                                    self.tr("Lock after this many idle minutes"))
        self._row(form, self.tr("Lock after &idle:"), self.auto_lock)
        self.clipboard = self._spin(everyone, CLIPBOARD_CLEAR_SECONDS, self.tr(" s"),
                                    self.tr("Clear a copied value from the clipboard after this many seconds"))
        self._row(form, self.tr("&Clear copied values after:"), self.clipboard)
        self.sync_interval = QComboBox(everyone)
        current = session.setting(SYNC_INTERVAL_MINUTES)
        for minutes in sorted({*SYNC_CHOICES, current}):
            self.sync_interval.addItem(self._sync_text(minutes), minutes)
        self.sync_interval.setCurrentIndex(self.sync_interval.findData(current))
        self.sync_interval.setAccessibleName(self.tr("How often to send shares to partners"))
        self._row(form, self.tr("S&ync automatically:"), self.sync_interval)
        self.organisation = QLineEdit(everyone)
        self.organisation.setAccessibleName(self.tr("Organisation name"))
        self.organisation.setAccessibleDescription(
            self.tr("Named in collection notices, consent records and receipts as the agency holding the "
                    "information."))
        self.organisation.setMaxLength(200)
        self.organisation.setText(session.organisation_name())
        self._row(form, self.tr("&Organisation name:"), self.organisation)
        self._may_change = may_change = roles.can_administer(session.worker)
        for control in (self.auto_lock, self.clipboard, self.sync_interval):
            control.setEnabled(may_change)
        self.organisation.setReadOnly(not may_change)
        note = QLabel(self.tr("Applies to everyone who uses Tiaki on this computer.") if may_change else
                      self.tr("Only a privacy officer can change this."), everyone)
        note.setWordWrap(True)
        form.addRow(note)
        layout.addWidget(everyone)

        self.problem = problem_label(self)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)

    def _spin(self, parent: QWidget, setting: StoreSetting, suffix: str, name: str) -> QSpinBox:
        box = QSpinBox(parent)
        box.setRange(setting.minimum, setting.maximum)
        box.setValue(self._session.setting(setting))
        box.setSuffix(suffix)
        name_spin_box(box, name)
        return box

    def _row(self, form: QFormLayout, text: str, control: QWidget) -> None:
        label = QLabel(text, control.parentWidget())
        label.setBuddy(control)
        form.addRow(label, control)

    def _sync_text(self, minutes: int) -> str:
        if minutes == 0:
            return self.tr("Off — only when I choose Sync now")
        if minutes % 60 == 0:
            return self.tr("Every {n} hour(s)").format(n=minutes // 60)
        return self.tr("Every {n} minutes").format(n=minutes)

    def apply(self) -> None:
        """Save what changed; stop at the first refusal and say why (nothing after it is changed)."""
        self.problem.clear()
        name = self.organisation.text().strip()
        if self._may_change and name != self._session.organisation_name():
            try:
                self._session.set_organisation_name(name)
            except (StoreError, PermissionError) as exc:
                self.problem.setText(store_error_text(exc))
                return
        changed = False
        try:
            for setting, value in ((AUTO_LOCK_MINUTES, self.auto_lock.value()),
                                   (CLIPBOARD_CLEAR_SECONDS, self.clipboard.value()),
                                   (SYNC_INTERVAL_MINUTES, int(self.sync_interval.currentData()))):
                if not self._may_change or value == self._session.setting(setting):
                    continue
                try:
                    self._session.set_setting(setting, value)
                except (StoreError, PermissionError) as exc:
                    self.problem.setText(store_error_text(exc))
                    return
                changed = True
        finally:
            if changed:  # what was saved takes effect now, even when a later one was refused
                self.store_settings_changed.emit()
        language = str(self.language.currentData())
        if language != self._language:
            self._language = language
            self.language_changed.emit(language)
            try:
                save_preferences(Preferences(language=language))
            except OSError:
                self.problem.setText(self.tr("Your language choice could not be saved on this computer; Tiaki "
                                             "uses it until you quit."))
                return
        self.accept()

