"""Store settings a privacy officer sets for everyone on this laptop: the auto-lock delay and the organisation's
name (the collecting and holding agency named in notices, consent records and receipts)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from tiaki.core import roles
from tiaki.store.errors import StoreError
from tiaki.store.session import AUTO_LOCK_RANGE, Session
from tiaki.ui.accessibility import name_button_box, problem_label
from tiaki.ui.messages import store_error_text


class SettingsDialog(QDialog):
    auto_lock_changed = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(*AUTO_LOCK_RANGE)
        self.auto_lock.setValue(session.auto_lock_minutes())
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        inner = self.auto_lock.findChild(QLineEdit)  # the spin box's own editor takes the focus
        if inner is not None:
            inner.setAccessibleName(self.auto_lock.accessibleName())
        label = QLabel(self.tr("&Lock after idle:"), self)
        label.setBuddy(self.auto_lock)
        form.addRow(label, self.auto_lock)
        self.organisation = QLineEdit(self)
        self.organisation.setAccessibleName(self.tr("Organisation name"))
        self.organisation.setAccessibleDescription(
            self.tr("Named in collection notices, consent records and receipts as the agency holding the "
                    "information."))
        self.organisation.setMaxLength(200)
        self.organisation.setText(session.organisation_name())
        organisation_label = QLabel(self.tr("&Organisation name:"), self)
        organisation_label.setBuddy(self.organisation)
        form.addRow(organisation_label, self.organisation)
        layout.addLayout(form)
        may_change = roles.can_administer(session.worker)
        self.auto_lock.setEnabled(may_change)
        self.organisation.setReadOnly(not may_change)
        note = QLabel(self.tr("Applies to everyone who uses Tiaki on this computer.") if may_change else
                      self.tr("Only a privacy officer can change this."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.problem = problem_label(self)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)

    def apply(self) -> None:
        name = self.organisation.text().strip()
        if not self.organisation.isReadOnly() and name != self._session.organisation_name():
            try:
                self._session.set_organisation_name(name)
            except (StoreError, PermissionError) as exc:
                self.problem.setText(store_error_text(exc))
                return
        minutes = self.auto_lock.value()
        if self.auto_lock.isEnabled() and minutes != self._session.auto_lock_minutes():
            try:
                self._session.set_auto_lock_minutes(minutes)
            except (StoreError, PermissionError) as exc:
                self.problem.setText(store_error_text(exc))
                return
            self.auto_lock_changed.emit(minutes)
        self.accept()
