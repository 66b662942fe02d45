"""Who a client is assigned to, and (for a privacy officer) assigning them to another caseworker."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from tiaki.core import roles
from tiaki.core.client import ClientRecord
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.colours import show_as_error
from tiaki.ui.labels import role_label
from tiaki.ui.messages import store_error_text


class AssignmentRow(QWidget):
    assigned = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._record: ClientRecord | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.current = QLabel(self)
        row.addWidget(self.current, 1)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Assign to worker"))
        label = QLabel(self.tr("Assign &to:"), self)
        label.setBuddy(self.choice)
        self.assign_button = QPushButton(self.tr("Assign"), self)
        self.assign_button.setAccessibleName(self.tr("Assign"))
        self.assign_button.clicked.connect(self.assign)
        self.problem = QLabel(self)
        show_as_error(self.problem)
        self._admin_widgets = (label, self.choice, self.assign_button)
        for widget in self._admin_widgets:
            row.addWidget(widget)
        row.addWidget(self.problem)

    def show_for(self, record: ClientRecord | None) -> None:
        self._record = record
        self.setVisible(record is not None)
        if record is None:
            return
        workers = {w.id: w for w in self._session.workers()}
        who = workers.get(record.assigned_worker_id or "")
        self.current.setText(self.tr("Caseworker: {name}").format(name=who.display_name) if who
                             else self.tr("Not assigned"))
        admin = roles.can_administer(self._session.worker) and not record.archived_at
        for widget in self._admin_widgets:
            widget.setVisible(admin)
        if admin:
            self.choice.clear()
            for worker in workers.values():
                if worker.active:
                    self.choice.addItem(f"{worker.display_name} ({role_label(worker.role)})", worker.id)
            self.choice.setCurrentIndex(max(0, self.choice.findData(record.assigned_worker_id)))

    def assign(self) -> None:
        if self._record is None or not self.choice.currentData():
            return
        try:
            self._session.clients.assign(self._record.id, str(self.choice.currentData()))
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
            return
        self.problem.clear()
        self.assigned.emit()
