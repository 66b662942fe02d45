"""One client's record: a form generated from the field catalogue, grouped by category.

Opening an existing client reads it through ``clients.get`` (an audited view). Each value shows where it
came from and what for. Save validates every field inline first, then asks for the collection step (purposes,
source, notice): no purpose, no save. Nothing the worker typed is thrown away when a save is refused or the
collection step is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core import roles
from tiaki.core.catalogue import IDENTITY_CATEGORY, FieldError, Value
from tiaki.core.client import ClientRecord
from tiaki.core.collection import Collection
from tiaki.store.clients import DuplicateCheck
from tiaki.store.errors import InvalidInput, StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_buttons, problem_label
from tiaki.ui.client_assignment import AssignmentRow
from tiaki.ui.client_sharing_panel import ClientSharingPanel
from tiaki.ui.clipboard import GuardedClipboard
from tiaki.ui.collection_dialog import CollectionDialog
from tiaki.ui.consent_panel import ConsentPanel
from tiaki.ui.duplicate_warning import DuplicateWarning
from tiaki.ui.field_groups import FieldGroups
from tiaki.ui.messages import field_error_text, store_error_text
from tiaki.ui.referral_dialog import ReferralDialog


class ClientForm(QWidget):
    saved = Signal(str)
    archived = Signal(str)
    open_requested = Signal(str)

    def __init__(self, session: Session, clipboard: GuardedClipboard, client_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._session = session
        self._clipboard = clipboard
        self._record: ClientRecord | None = None
        self._names = {w.id: w.display_name for w in session.workers()}
        self._dirty = False
        self._closing_anyway = False
        self.duplicate_warning: DuplicateWarning | None = None
        self.collection_dialog: CollectionDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.referral_dialog: ReferralDialog | None = None
        self.setAccessibleName(self.tr("Client record"))
        self.resize(720, 640)

        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.form_error = problem_label(self)
        self.form_error.setAccessibleName(self.tr("Problem saving"))
        self.form_error.hide()
        layout.addWidget(self.form_error)
        self.anonymous_check = QCheckBox(self.tr("A&nonymous contact (no identity details)"), self)
        self.anonymous_check.setAccessibleName(self.tr("Anonymous contact (no identity details)"))
        self.anonymous_check.setAccessibleDescription(
            self.tr("Record this contact without identity details, for a purpose that does not need to know who "
                    "they are."))
        self.anonymous_check.toggled.connect(self._on_anonymous)
        layout.addWidget(self.anonymous_check)
        self.anonymous_note = QLabel(self.tr("Anonymous contact: recorded without identity details."), self)
        self.anonymous_note.setAccessibleName(self.tr("Anonymous contact"))
        layout.addWidget(self.anonymous_note)
        self.tabs = FieldGroups(session.catalogue, self._names, clipboard.clear_after_ms // 1000, self)
        self.editors = self.tabs.editors
        self.error_labels = self.tabs.error_labels
        self.provenance_labels = self.tabs.provenance_labels
        self.copy_buttons = self.tabs.copy_buttons
        self.tabs.edited.connect(self._on_edited)
        self.tabs.left.connect(self.check_field)
        self.tabs.copy_requested.connect(self.copy_value)
        self.consent_panel = ConsentPanel(session, self._names, self)
        self.tabs.addTab(self.consent_panel, self.tr("C&onsent"))
        self.sharing_panel = ClientSharingPanel(session, self)
        self.tabs.addTab(self.sharing_panel, self.tr("Sha&ring"))
        layout.addWidget(self.tabs, 1)
        self.assignment = AssignmentRow(session, self)
        self.assignment.assigned.connect(self._reload)
        layout.addWidget(self.assignment)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())

        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.consent_action = self._form_action(self.tr("Consent"), "Ctrl+Shift+C", self.show_consent)
        self.preview_action = self._form_action(self.tr("What would be shared"), "Ctrl+Shift+W",
                                                self.consent_panel.show_preview)
        self.refer_action = self._form_action(self.tr("Refer to partner"), "Ctrl+Shift+R", self.refer)

        if client_id is not None:
            self._show_record(session.clients.get(client_id))
        else:
            self._show_record(None)

    # --- building ------------------------------------------------------------------------------------

    def _form_action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.archive_button = QPushButton(self.tr("&Archive…"), self)
        self.archive_button.clicked.connect(self.ask_archive)
        row.addWidget(self.archive_button)
        self.refer_button = QPushButton(self.tr("R&efer to partner…"), self)
        self.refer_button.setToolTip(self.tr("Make an encrypted referral packet for a partner (Ctrl+Shift+R)"))
        self.refer_button.clicked.connect(self.refer)
        row.addWidget(self.refer_button)
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        name_buttons([self.archive_button, self.refer_button, self.save_button, self.close_button])
        return row

    # --- showing -------------------------------------------------------------------------------------

    @property
    def client_id(self) -> str | None:
        return self._record.id if self._record else None

    def _show_record(self, record: ClientRecord | None) -> None:
        self._record = record
        assigned = record.assigned_worker_id if record else self._session.worker.id
        writable = roles.can_write_client(self._session.worker, assigned) and not (record and record.archived_at)
        for key, editor in self.editors.items():
            stored = record.values.get(key) if record else None
            editor.set_value(stored.value if stored else None)
            editor.set_read_only(not writable)
            self.tabs.show_provenance(key, stored)
            self.tabs.show_error(key, "")
        self.anonymous_check.setVisible(record is None and writable)
        self.anonymous_note.setVisible(record is not None and record.anonymous)
        if self.anonymous:  # (enabling would undo read-only choice editors, so only ever disable here)
            self._set_identity_enabled(False)
        self.save_button.setVisible(writable)
        self.save_action.setEnabled(writable)
        self.archive_button.setVisible(record is not None and writable)
        self.assignment.show_for(record)
        name = record.fields.get("preferred_name") or record.fields.get("given_name") if record else None
        if record is None:
            self.title.setText(self.tr("New client"))
        else:
            family = record.fields.get("family_name") or ""
            fallback = self.tr("Anonymous contact") if record.anonymous else self.tr("Client")
            self.title.setText(" ".join(str(p) for p in (name, family) if p) or fallback)
        self.setWindowTitle(self.tr("{title} — Tiaki").format(title=self.title.text()))
        self.consent_panel.show_for(record.id if record else None, self.title.text(), writable)
        self.tabs.setTabVisible(self.tabs.indexOf(self.consent_panel), record is not None)
        self.sharing_panel.show_for(record.id if record else None, self.title.text(), writable)
        self.tabs.setTabVisible(self.tabs.indexOf(self.sharing_panel), record is not None)
        self.consent_action.setEnabled(record is not None)
        self.preview_action.setEnabled(record is not None)
        self.refer_button.setVisible(record is not None and writable)
        self.refer_action.setEnabled(record is not None and writable)
        self._dirty = False

    def show_consent(self) -> None:
        """The Consent tab (Ctrl+Shift+C), with the focus on its list of consent records."""
        if self._record is None:
            return
        self.tabs.setCurrentWidget(self.consent_panel)
        self.consent_panel.table.setFocus()

    def refer(self) -> ReferralDialog | None:
        """"Refer to partner…" (Ctrl+Shift+R): the referral dialog for this client; its export shows in Sharing."""
        if self._record is None or not self.refer_action.isEnabled():
            return None
        dialog = ReferralDialog(self._session, self._record.id, self.title.text(), self)
        dialog.exported.connect(lambda _id: self.sharing_panel.refresh())
        self.referral_dialog = dialog
        dialog.open()
        return dialog

    # --- anonymous contacts --------------------------------------------------------------------------

    @property
    def anonymous(self) -> bool:
        return self._record.anonymous if self._record is not None else self.anonymous_check.isChecked()

    def _is_identity(self, key: str) -> bool:
        return self.editors[key].fdef.category == IDENTITY_CATEGORY

    def _set_identity_enabled(self, enabled: bool) -> None:
        for key, editor in self.editors.items():
            if self._is_identity(key):
                editor.widget.setEnabled(enabled)
                self.copy_buttons[key].setEnabled(enabled)

    def _on_anonymous(self, anonymous: bool) -> None:
        if anonymous:
            for key, editor in self.editors.items():
                if self._is_identity(key):
                    editor.set_value(None)
                    self.tabs.show_error(key, "")
        self._set_identity_enabled(not anonymous)
        self._dirty = True

    # --- editing and validation ---------------------------------------------------------------------

    def _on_edited(self, key: str) -> None:
        self._dirty = True
        if self.error_labels[key].isVisible():
            self.check_field(key)  # clear the message as soon as the value is fixed

    def check_field(self, key: str) -> bool:
        editor = self.editors[key]
        raw = editor.raw()
        if self.anonymous and self._is_identity(key):
            self.tabs.show_error(key, "")  # not recorded for an anonymous contact
            return True
        if raw == "" and not editor.fdef.required:
            self.tabs.show_error(key, "")
            return True
        try:
            self._session.catalogue.validate(key, raw)
        except FieldError as exc:
            self.tabs.show_error(key, field_error_text(exc, self._session.catalogue))
            return False
        self.tabs.show_error(key, "")
        return True

    def _collect(self) -> dict[str, str] | None:
        """Every field's raw value, or None (with messages shown) when any field is wrong."""
        first_bad: str | None = None
        for key in self.editors:
            if not self.check_field(key) and first_bad is None:
                first_bad = key
        if first_bad is not None:
            self.tabs.focus_field(first_bad)
            self._show_form_error(self.tr("Nothing was saved: fix the fields marked below."))
            return None
        return {key: editor.raw() for key, editor in self.editors.items()
                if not (self.anonymous and self._is_identity(key))}

    def _show_form_error(self, message: str) -> None:
        self.form_error.setText(message)
        self.form_error.setVisible(bool(message))

    # --- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        values = self._collect()
        if values is None:
            return
        if self._record is None:
            filled = {k: v for k, v in values.items() if v != ""}
            if not self.anonymous:  # an anonymous contact has no name or date of birth to match
                check = self._session.clients.likely_duplicates(filled)
                if check.any:
                    self._warn_duplicates(check)
                    return
            self._ask_collection(self._creation(filled))
            return
        current: dict[str, Value] = self._record.fields
        changes: dict[str, object | None] = {}
        for key, raw in values.items():
            if raw == "":
                if key in current:
                    changes[key] = None
            elif str(current.get(key, "")) != raw:
                changes[key] = raw
        if not changes:
            self._show_form_error("")
            self.status.setText(self.tr("Nothing has changed."))
            self._dirty = False
            return
        record_id = self._record.id
        self._ask_collection(
            lambda collection: self._session.clients.update(record_id, changes, collection=collection))

    def _creation(self, filled: dict[str, str]) -> Callable[[Collection], ClientRecord]:
        anonymous = self.anonymous
        return lambda collection: self._session.clients.create(filled, collection=collection, anonymous=anonymous)

    def _warn_duplicates(self, check: DuplicateCheck) -> None:
        box = DuplicateWarning(check, self)
        box.save_anyway.connect(self.save_as_new)
        box.open_existing.connect(self.open_requested)
        self.duplicate_warning = box
        box.open()

    def save_as_new(self) -> None:
        values = self._collect()
        if values is None or self._record is not None:
            return
        self._ask_collection(self._creation({k: v for k, v in values.items() if v != ""}))

    def _ask_collection(self, operation: Callable[[Collection], ClientRecord]) -> None:
        """The collection step comes before every write; cancelling it saves nothing and keeps the input."""
        if self.collection_dialog is not None:
            self.collection_dialog.deleteLater()
        dialog = CollectionDialog(self._session, self, anonymous=self.anonymous)
        dialog.accepted.connect(lambda: self._write(lambda: operation(dialog.collection())))
        dialog.rejected.connect(self._collection_cancelled)
        self.collection_dialog = dialog
        dialog.open()

    def _collection_cancelled(self) -> None:
        self.status.setText(self.tr("Not saved: the collection step was cancelled. What you typed is kept."))

    def _write(self, operation: Callable[[], ClientRecord]) -> None:
        try:
            record = operation()
        except InvalidInput as exc:
            if isinstance(exc.field_error, FieldError) and exc.field_error.field_key in self.editors:
                key = exc.field_error.field_key
                self.tabs.show_error(key, field_error_text(exc.field_error, self._session.catalogue))
                self.tabs.focus_field(key)
            self._show_form_error(self.tr("Nothing was saved: {problem}").format(problem=store_error_text(exc)))
            return
        except (StoreError, PermissionError) as exc:
            self._show_form_error(self.tr("Nothing was saved: {problem}").format(problem=store_error_text(exc)))
            return
        self._show_form_error("")
        self._show_record(record)
        self.status.setText(self.tr("Saved."))
        self.saved.emit(record.id)

    def _reload(self) -> None:
        if self._record is not None:
            self._show_record(self._session.clients.get(self._record.id))
            self.saved.emit(self._record.id)

    # --- other actions -------------------------------------------------------------------------------

    def copy_value(self, key: str) -> None:
        text = self.editors[key].shown_text()
        if not text:
            self.status.setText(self.tr("Nothing to copy."))
            return
        self._clipboard.copy(text)
        self.status.setText(self.tr("Copied. The clipboard will be cleared in {s} seconds.").format(
            s=self._clipboard.clear_after_ms // 1000))

    def ask_archive(self) -> None:
        if self._record is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Archive client"),
                          self.tr("Archive this client's record? It leaves the client list; its history and "
                                  "audit trail are kept."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box.buttons())
        box.buttonClicked.connect(
            lambda b: self.archive() if box.standardButton(b) == QMessageBox.StandardButton.Yes else None)
        self.confirm_box = box
        box.open()

    def archive(self) -> None:
        if self._record is None:
            return
        try:
            self._session.clients.archive(self._record.id)
        except (StoreError, PermissionError) as exc:
            self._show_form_error(store_error_text(exc))
            return
        self.archived.emit(self._record.id)
        self.close_without_asking()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def close_without_asking(self) -> None:
        self._closing_anyway = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and not self._closing_anyway:
            event.ignore()
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                              self.tr("Close without saving your changes?"),
                              QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            name_buttons(box.buttons())
            box.buttonClicked.connect(
                lambda b: self.close_without_asking()
                if box.standardButton(b) == QMessageBox.StandardButton.Discard else None)
            self.confirm_box = box
            box.open()
            return
        super().closeEvent(event)
