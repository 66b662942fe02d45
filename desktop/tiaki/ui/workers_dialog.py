"""Worker administration for the privacy officer: add, change role, deactivate, reset a passphrase.

The store checks the role on every call; this dialog is only offered to those who may use it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.roles import Role, Worker
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, problem_label, readable_headers
from tiaki.ui.labels import role_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.passphrase_dialogs import ResetPassphraseDialog
from tiaki.ui.passphrase_fields import NewPassphraseFields


def _role_combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for role in Role:
        combo.addItem(role_label(role), role.value)
    return combo


class WorkersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._workers: list[Worker] = []
        self.sub_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Workers"))
        self.setAccessibleName(self.tr("Workers"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Sign-in name"), self.tr("Display name"), self.tr("Role"), self.tr("Active")])
        self.table.setAccessibleName(self.tr("Workers"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        role_row = QHBoxLayout()
        self.role = _role_combo(self, self.tr("Role for the selected worker"))
        role_label_widget = QLabel(self.tr("&Role:"), self)
        role_label_widget.setBuddy(self.role)
        self.set_role_button = QPushButton(self.tr("&Change role"), self)
        self.set_role_button.clicked.connect(self.change_role)
        role_row.addWidget(role_label_widget)
        role_row.addWidget(self.role, 1)
        role_row.addWidget(self.set_role_button)
        layout.addLayout(role_row)

        actions = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add worker…"), self)
        self.add_button.clicked.connect(self.add_worker)
        self.reset_button = QPushButton(self.tr("&Reset passphrase…"), self)
        self.reset_button.clicked.connect(self.reset_passphrase)
        self.deactivate_button = QPushButton(self.tr("&Deactivate…"), self)
        self.deactivate_button.clicked.connect(self.ask_deactivate)
        for button in (self.add_button, self.reset_button, self.deactivate_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.problem = problem_label(self)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        name_buttons([self.set_role_button, self.add_button, self.reset_button, self.deactivate_button])
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self._workers = self._session.workers()
        self.table.setRowCount(len(self._workers))
        for row, worker in enumerate(self._workers):
            cells = [worker.name, worker.display_name, role_label(worker.role),
                     self.tr("Yes") if worker.active else self.tr("No (cannot sign in)")]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> Worker | None:
        rows = self.table.selectionModel().selectedRows()
        return self._workers[rows[0].row()] if rows else None

    def select_worker(self, name: str) -> None:
        for row, worker in enumerate(self._workers):
            if worker.name == name:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        worker = self.selected()
        usable = worker is not None and worker.active
        for widget in (self.role, self.set_role_button, self.reset_button, self.deactivate_button):
            widget.setEnabled(usable)
        if worker is not None:
            self.role.setCurrentIndex(self.role.findData(worker.role.value))

    def _try(self, operation: object) -> bool:
        assert callable(operation)
        try:
            operation()
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
            return False
        self.problem.clear()
        return True

    def change_role(self) -> None:
        worker = self.selected()
        if worker is not None and self._try(
                lambda: self._session.set_role(worker.id, Role(self.role.currentData()))):
            self.reload()
            self.select_worker(worker.name)

    def add_worker(self) -> None:
        dialog = AddWorkerDialog(self._session, self)
        dialog.accepted.connect(self.reload)
        self.sub_dialog = dialog
        dialog.open()

    def reset_passphrase(self) -> None:
        worker = self.selected()
        if worker is not None:
            self.sub_dialog = ResetPassphraseDialog(self._session, worker, self)
            self.sub_dialog.open()

    def ask_deactivate(self) -> None:
        worker = self.selected()
        if worker is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deactivate worker"),
                          self.tr("{name} will no longer be able to sign in. Their records and history stay. "
                                  "Continue?").format(name=worker.display_name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box.buttons())
        box.buttonClicked.connect(
            lambda b: self.deactivate(worker) if box.standardButton(b) == QMessageBox.StandardButton.Yes else None)
        self.sub_dialog = box
        box.open()

    def deactivate(self, worker: Worker) -> None:
        if self._try(lambda: self._session.deactivate_worker(worker.id)):
            self.reload()


class AddWorkerDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Add worker"))
        self.setAccessibleName(self.tr("Add worker"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Sign-in name"))
        self.display_name = QLineEdit(self)
        self.display_name.setAccessibleName(self.tr("Display name"))
        self.role = _role_combo(self, self.tr("Role"))
        add_labelled_rows(form, self, ((self.tr("&Sign-in name:"), self.name),
                                       (self.tr("&Display name:"), self.display_name), (self.tr("&Role:"), self.role)))
        layout.addLayout(form)
        self.passphrase = NewPassphraseFields(self.name.text, self)
        layout.addWidget(self.passphrase)
        self.problem = problem_label(self)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)

    def apply(self) -> None:
        problem = self.passphrase.problem()
        if problem:
            self.problem.setText(problem)
            return
        try:
            self._session.add_worker(name=self.name.text(), display_name=self.display_name.text(),
                                     role=Role(self.role.currentData()), passphrase=self.passphrase.passphrase())
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
            return
        self.accept()
