"""The client form's Consent tab: current and past consent records, their history, and the actions on them
(record, withdraw, print a receipt for the person, and preview what would be shared)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.sharing import ConsentRecord, ConsentStatus
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_buttons, problem_label, read_only_rows, readable_headers
from tiaki.ui.consent_dialogs import RecordConsentDialog, WithdrawConsentDialog
from tiaki.ui.consent_model import COL_PURPOSES, COL_RECIPIENTS, ConsentModel
from tiaki.ui.consent_receipt import ConsentReceipt
from tiaki.ui.labels import local_time, purpose_label, text_order
from tiaki.ui.messages import store_error_text
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.sharing_labels import decision_label, event_label, recipients_text


class ConsentPanel(QWidget):
    """Emits ``changed`` after a consent is recorded or withdrawn."""

    changed = Signal()

    def __init__(self, session: Session, worker_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._names = worker_names
        self._client_id: str | None = None
        self._person = ""
        self._writable = False
        self.record_dialog: RecordConsentDialog | None = None
        self.withdraw_dialog: WithdrawConsentDialog | None = None
        self.preview_dialog: SharePreviewDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.setAccessibleName(self.tr("Consent"))

        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("&Consent records (current and past):"), self)
        self.model = ConsentModel(session.catalogue, session.notices, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, self.tr("Consent records"))
        # Nine columns: the long lists get room of their own and a scroll bar takes the rest (set to stretch,
        # they were squeezed to nothing, headings cut short); the last column fills what is left.
        for column in (COL_RECIPIENTS, COL_PURPOSES):
            self.table.setColumnWidth(column, 20 * self.table.fontMetrics().averageCharWidth())
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        heading.setBuddy(self.table)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Selected consent's history"))
        layout.addWidget(self.details)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)

        row = QHBoxLayout()
        self.record_button = QPushButton(self.tr("&Record consent…"), self)
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"), self)
        self.receipt_button = QPushButton(self.tr("&Print receipt…"), self)
        self.preview_button = QPushButton(self.tr("What would be s&hared…"), self)
        self.preview_button.setToolTip(self.tr("What would be shared with a partner (Ctrl+Shift+W)"))
        for button, slot in ((self.record_button, self.record_consent), (self.withdraw_button, self.withdraw),
                             (self.receipt_button, self.print_receipt), (self.preview_button, self.show_preview)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        name_buttons([self.record_button, self.withdraw_button, self.receipt_button, self.preview_button])
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()

    # --- showing -------------------------------------------------------------------------------------

    def show_for(self, client_id: str | None, person: str, writable: bool) -> None:
        self._client_id = client_id
        self._person = person
        self._writable = writable
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.problem.hide()
        if self._client_id is None:
            self.model.set_records([], {}, dt.datetime.now(dt.UTC))
        else:
            try:
                records = self._session.sharing.consents(self._client_id)
                partners = {p.id: p for p in self._session.sharing.partners()}
            except (StoreError, PermissionError) as exc:
                self._show_problem(store_error_text(exc))
                records, partners = [], {}
            self.model.set_records(records, partners, dt.datetime.now(dt.UTC))
        row = self.model.row_of(select) if select else -1
        if row < 0 and self.model.rowCount():
            row = self.model.rowCount() - 1
        if row >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> ConsentRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        record = self.selected()
        active = record is not None and self.model.status(self.model.row_of(record.id)) is ConsentStatus.ACTIVE
        self.record_button.setEnabled(self._writable and self._client_id is not None)
        self.withdraw_button.setEnabled(self._writable and active)
        self.receipt_button.setEnabled(record is not None)
        self.preview_button.setEnabled(self._client_id is not None)
        self.details.setText(self.history_text(record) if record else
                             self.tr("No consent recorded yet.") if not self.model.rowCount() else "")

    def history_text(self, record: ConsentRecord) -> str:
        """E.g. "Permit … History: Given 2026-05-03 14:02 by Aroha; Withdrawn 2026-06-01 09:10 by Aroha (moved)"."""
        events = []
        for event in sorted(record.events, key=lambda e: (e.at, e.id)):
            who = self._names.get(event.recorded_by, self.tr("an unknown worker"))
            text = self.tr("{event} {when} by {who}").format(event=event_label(event.kind),
                                                            when=local_time(event.at.isoformat()), who=who)
            if event.reason:
                text += self.tr(" (reason: {reason})").format(reason=event.reason)
            events.append(text)
        return self.tr("{decision}: {purposes}. Notice version {version} ({language}). History: {events}.").format(
            decision=decision_label(record.permit), purposes=", ".join(
                sorted((purpose_label(p) for p in record.purposes), key=text_order)),
            version=record.notice_version, events="; ".join(events),
            language=self._session.notices.language_names().get(record.language, record.language))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # --- actions -------------------------------------------------------------------------------------

    def record_consent(self) -> RecordConsentDialog | None:
        if self._client_id is None or not self._writable:
            return None
        dialog = RecordConsentDialog(self._session, self._client_id, self)
        dialog.recorded.connect(self._on_changed)
        self.record_dialog = dialog
        dialog.open()
        return dialog

    def withdraw(self) -> WithdrawConsentDialog | None:
        record = self.selected()
        if record is None or not self._writable:
            return None
        summary = "{decision} — {recipients}: {purposes}".format(
            decision=decision_label(record.permit),
            recipients=recipients_text(record.recipients, {p.id: p for p in self._session.sharing.partners()}),
            purposes=", ".join(sorted((purpose_label(p) for p in record.purposes), key=text_order)))
        dialog = WithdrawConsentDialog(self._session, record, summary, self)
        dialog.withdrawn.connect(self._on_changed)
        self.withdraw_dialog = dialog
        dialog.open()
        return dialog

    def _on_changed(self, record: ConsentRecord) -> None:
        self.refresh(select=record.id)
        self.changed.emit()

    def show_preview(self) -> SharePreviewDialog | None:
        if self._client_id is None:
            return None
        dialog = SharePreviewDialog(self._session, self._client_id, self._person, self)
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def receipt(self, record: ConsentRecord) -> ConsentReceipt:
        partners = {p.id: p for p in self._session.sharing.partners()}
        return ConsentReceipt(record, person=self._person, purposes=self._session.purposes,
                              catalogue=self._session.catalogue, partners=partners)

    def print_receipt(self) -> None:
        """Warn that the PDF is personal information in plain form, then ask where to save it."""
        record = self.selected()
        if record is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Print consent receipt"),
                          self.tr("The receipt is saved as an ordinary PDF file that holds this person's "
                                  "information unencrypted: anyone who can open the file can read it. Save it "
                                  "only where you will print it or hand it to the person, and delete any copy "
                                  "left on this computer afterwards."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box.buttons())
        box.buttonClicked.connect(
            lambda b: self._choose_receipt_path(record) if box.standardButton(b) == QMessageBox.StandardButton.Save
            else None)
        self.confirm_box = box
        box.open()

    def _choose_receipt_path(self, record: ConsentRecord) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save consent receipt (personal information, unencrypted)"),
            str(Path.home() / f"consent-receipt-{record.id[:8]}.pdf"), self.tr("PDF files (*.pdf)"))
        if path:
            self.save_receipt(record, Path(path))

    def save_receipt(self, record: ConsentRecord, path: Path) -> bool:
        try:
            self.receipt(record).write_pdf(path)
            written = path.is_file() and path.stat().st_size > 0
        except OSError:
            written = False
        if not written:  # QPdfWriter reports nothing when it cannot open the file
            self._show_problem(self.tr("The receipt could not be saved to {path}.").format(path=path))
            return False
        self._show_problem("")
        return True
