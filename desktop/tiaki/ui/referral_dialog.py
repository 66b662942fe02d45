"""Refer a client to a partner: choose the partner, purpose and referral details, see what the policy engine
lets go (and what it withholds, and why), then export an encrypted packet only that partner can open.

The export runs in the background (``session.referrals.export``, which decides again, seals, records the
history and the audit entry in one transaction); the packet is written to the chosen file atomically and
readable by its owner only. A serious-threat override (the same section as the share preview) goes with the
export: the packet then carries what the justification allows and the disclosure waits for a supervisor's
review. Afterwards the referral form can be printed, or, after a warning that it is not
encrypted, saved as a PDF: both are audited (``record_form``). This dialog decides nothing itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.policy import Decision
from tiaki.core.sharing import Override
from tiaki.store.errors import StoreError
from tiaki.store.files import atomic_write
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, problem_label, scrolling_body
from tiaki.ui.decision_tables import DecisionTables
from tiaki.ui.labels import purpose_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.referral_form import URGENCY_TEXT, ReferralForm
from tiaki.ui.share_preview import OverrideSection
from tiaki.ui.tasks import BackgroundTask, TaskCancelled

REASON_MAX, NOTE_MAX = 500, 4000


def packet_partners(session: Session) -> list[tuple[str, str]]:
    """(id, name) of partners with an enrolled card, with or without an inbox: a packet can reach either."""
    out = []
    for partner in session.sharing.partners():
        if any(key.get("replaced_at") is None for key in session.outbox.partner_keys(partner.id)):
            out.append((partner.id, partner.name))
    return out


def urgency_label(code: str) -> str:
    text = URGENCY_TEXT.get(code)
    return QCoreApplication.translate("ReferralForm", text) if text else code


class ReferralDialog(QDialog):
    exported = Signal(str)  # the message id, once the packet file is written

    def __init__(self, session: Session, client_id: str, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id = client_id
        self.decision: Decision | None = None
        self.packet: Any = None  # store.referrals.ExportedPacket once exported
        self.packet_path: Path | None = None
        self.task: BackgroundTask | None = None
        self.pdf_warning: QMessageBox | None = None
        self.print_dialog: QPrintDialog | None = None
        self.setWindowTitle(self.tr("Refer to a partner — {person}").format(person=person))
        self.setAccessibleName(self.tr("Refer to a partner"))
        self.resize(780, 720)
        outer = QVBoxLayout(self)
        layout = scrolling_body(self, outer)
        intro = QLabel(self.tr("Make an encrypted referral packet that only the chosen partner can open. Only "
                               "what is shown as going is put in it."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_form())
        self.override_section = OverrideSection(self)
        self.override, self.justification, self.banner = (self.override_section.check,
                                                          self.override_section.justification,
                                                          self.override_section.banner)
        layout.addWidget(self.override_section)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Summary"))
        layout.addWidget(self.summary)
        self.tables = DecisionTables(session.catalogue, self.tr("&Goes in the packet:"), self.tr("W&ithheld:"), self)
        layout.addWidget(self.tables, 1)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.hide()
        outer.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export status"))
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        outer.addWidget(self.status)
        outer.addWidget(self._build_buttons())
        for combo in (self.partner, self.purpose):
            combo.currentIndexChanged.connect(self.refresh)
        self.override_section.changed.connect(self.refresh)
        self.refresh()
        self.partner.setFocus()

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.partner = QComboBox(self)
        self.partner.setAccessibleName(self.tr("Partner"))
        for partner_id, name in packet_partners(self._session):
            self.partner.addItem(name, partner_id)
        self.purpose = QComboBox(self)
        self.purpose.setAccessibleName(self.tr("Purpose"))
        for key in self._session.purposes.keys:
            self.purpose.addItem(purpose_label(key), key)
        index = self.purpose.findData("referral")
        self.purpose.setCurrentIndex(max(index, 0))
        self.urgency = QComboBox(self)
        self.urgency.setAccessibleName(self.tr("Urgency"))
        for code in URGENCY_TEXT:
            self.urgency.addItem(urgency_label(code), code)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for referral"))
        self.reason.setMaxLength(REASON_MAX)
        self.services = QLineEdit(self)
        self.services.setAccessibleName(self.tr("Services requested"))
        self.services.setMaxLength(REASON_MAX)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(self.tr("Note to the partner"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        add_labelled_rows(form, self, [
            (self.tr("&Partner:"), self.partner), (self.tr("P&urpose:"), self.purpose),
            (self.tr("Urgenc&y:"), self.urgency), (self.tr("&Reason:"), self.reason),
            (self.tr("&Services requested:"), self.services), (self.tr("&Note to the partner:"), self.note)])
        return form

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.export_button = QPushButton(self.tr("&Export packet…"), self)
        self.export_button.setToolTip(self.tr("Encrypt what is shown as going for this partner and save it as a "
                                              "file to send by email or on a USB stick"))
        self.export_button.clicked.connect(self.choose_and_export)
        self.cancel_button = QPushButton(self.tr("Stop e&xport"), self)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.setEnabled(False)  # (a button box shows its buttons again on re-layout: disable, not hide)
        self.print_button = QPushButton(self.tr("Pr&int form…"), self)
        self.print_button.clicked.connect(self.print_form)
        self.pdf_button = QPushButton(self.tr("Save form as P&DF…"), self)
        self.pdf_button.clicked.connect(self.save_form_pdf)
        for button in (self.export_button, self.cancel_button, self.print_button, self.pdf_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        name_buttons([self.cancel_button])
        name_button_box(buttons)
        return buttons

    # --- the preview ---------------------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def select(self, partner_id: str, purpose: str) -> None:
        self.partner.setCurrentIndex(self.partner.findData(partner_id))
        self.purpose.setCurrentIndex(self.purpose.findData(purpose))
        self.refresh()

    def _override(self) -> Override | None:
        return self.override_section.override(self._session.worker.id)

    def refresh(self) -> None:
        self.decision = None
        self.tables.clear()
        self.summary.clear()
        self.override_section.show_review(False)
        self.export_button.setEnabled(False)
        partner_id, purpose = self.partner.currentData(), self.purpose.currentData()
        if partner_id is None:
            self._show_problem(self.tr("No partner is enrolled for referrals yet: a privacy officer enrols it from "
                                       "its card under Tools → Partners and agreements."))
            return
        override = self._override()
        if self.override.isChecked() and override is None:
            self._show_problem(self.override_section.missing_text())
            return
        try:
            decision = self._session.sharing.preview(self._client_id, str(partner_id), str(purpose),
                                                     override=override)
        except (StoreError, PermissionError) as exc:
            self._show_problem(store_error_text(exc))
            return
        self._show_problem("" if decision.allowed else self.tr(
            "Nothing may go to this partner for this purpose now, so there is no packet to make."))
        self.decision = decision
        self.tables.show_decision(decision)
        self.override_section.show_review(decision.needs_review)
        self.summary.setText(self.tr("{allowed} item(s) go in the packet; {withheld} withheld.").format(
            allowed=len(decision.allowed), withheld=len(decision.withheld)))
        self.export_button.setEnabled(bool(decision.allowed) and self.packet is None)

    # --- exporting -----------------------------------------------------------------------------------

    def details(self) -> Any:
        """The referral details as the store takes them, or None (the problem is shown)."""
        from tiaki.core.referral_bundle import ReferralDetails

        try:
            return ReferralDetails(reason=self.reason.text(), urgency=str(self.urgency.currentData()),
                                   services=self.services.text(), note=self.note.toPlainText()).checked()
        except ValueError:
            self._show_problem(self.tr("The reason and services may have at most {short} characters and the note "
                                       "{long}, with no control characters.").format(short=REASON_MAX, long=NOTE_MAX))
            return None

    def choose_and_export(self) -> None:
        if self.decision is None or not self.decision.allowed or self.task is not None:
            return
        details = self.details()
        if details is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save referral packet"), f"referral-{secrets.token_hex(4)}.age",
            self.tr("Referral packets (*.age)"))
        if name:
            self.export_to(Path(name), details)

    def export_to(self, path: Path, details: Any) -> BackgroundTask:
        """Export in the background and write the packet to ``path``; ``exported`` follows."""
        referrals = self._session.referrals
        client_id, partner_id, purpose = self._client_id, str(self.partner.currentData()), str(
            self.purpose.currentData())
        override = self._override()

        def work(report: Callable[[int, int], None]) -> Any:
            packet = referrals.export(client_id, partner_id, purpose, details, override=override, progress=report)
            try:
                atomic_write(path, packet.data)
            except OSError as exc:
                return packet, exc
            return packet, None

        self._set_busy(True)
        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._progressed)
        self.task.finished.connect(lambda result: self._exported(path, *result))
        self.task.failed.connect(self._failed)
        return self.task.start()

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.partner, self.purpose, self.urgency, self.reason, self.services, self.note,
                       self.override_section):
            widget.setEnabled(not busy and self.packet is None)
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        if busy:
            self._show_problem("")
            self.status.setText(self.tr("Making the packet…"))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _exported(self, path: Path, packet: Any, write_error: OSError | None) -> None:
        self.task = None
        self.packet = packet
        self._set_busy(False)
        self.exported.emit(packet.message_id)
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        if write_error is not None:
            self.status.clear()
            self._show_problem(self.tr("The packet was made and recorded, but that file could not be written. "
                                       "Choose another place with Export packet."))
            self.export_button.setText(self.tr("&Export packet…"))
            self.export_button.setEnabled(True)
            self.export_button.clicked.disconnect()
            self.export_button.clicked.connect(self._save_packet_again)
            return
        self.packet_path = path
        self.status.setText(self.tr("Packet saved as {file}. Only {partner} can open it: send it by email or on a "
                                    "USB stick. You can now print the referral form.").format(
                                        file=path.name, partner=packet.partner_name))
        self.print_button.setFocus()

    def _save_packet_again(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save referral packet"),
                                              f"referral-{self.packet.packet_id[:8]}.age",
                                              self.tr("Referral packets (*.age)"))
        if not name:
            return
        try:
            atomic_write(Path(name), self.packet.data)
        except OSError:
            self._show_problem(self.tr("That file could not be written. Choose another place."))
            return
        self._exported(Path(name), self.packet, None)
        self.export_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, TaskCancelled):
            self.status.setText(self.tr("Export stopped; no packet was made."))
        else:
            self.status.clear()
            self._show_problem(self.tr("No packet was made: {problem}").format(problem=store_error_text(exc)))
        self.refresh()

    # --- the form ------------------------------------------------------------------------------------

    def form(self) -> ReferralForm:
        decision = getattr(self.packet, "decision", None)
        return ReferralForm(self.packet, self._session.catalogue,
                            needs_review=bool(getattr(decision, "needs_review", False)))

    def print_form(self) -> QPrintDialog | None:
        if self.packet is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAccessibleName(self.tr("Print the referral form"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        try:
            self._session.referrals.record_form(self.packet.message_id, saved_pdf=False)
            self.form().render(printer)
        except OSError:
            self._show_problem(self.tr("The form was not printed: the printer could not be used."))
            return False
        except (StoreError, PermissionError) as exc:
            self._show_problem(self.tr("The form was not printed: {problem}").format(problem=store_error_text(exc)))
            return False
        self.status.setText(self.tr("The referral form was sent to the printer."))
        return True

    def save_form_pdf(self) -> QMessageBox | None:
        """Warn that the PDF is not encrypted; only once the worker accepts does a save dialog follow."""
        if self.packet is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save form as PDF"), self.tr(
            "The PDF is NOT encrypted: anyone who gets the file can read this person's information. Save it only "
            "where your organisation allows, and delete it when it is no longer needed."),
            QMessageBox.StandardButton.Cancel, self)
        self.pdf_accept = box.addButton(self.tr("&Save unencrypted PDF…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(self.tr("The PDF is not encrypted"))
        for label in box.findChildren(QLabel):
            label.setAccessibleName(label.text() or self.tr("Warning"))
        name_buttons(box.buttons())
        box.accepted.connect(self._choose_pdf)
        self.pdf_warning = box
        box.open()
        return box

    def _choose_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save referral form"),
                                              f"referral-{self.packet.packet_id[:8]}.pdf", self.tr("PDF (*.pdf)"))
        if name:
            self.save_pdf_to(Path(name))

    def save_pdf_to(self, path: Path) -> bool:
        """Write the PDF, then record it; a file whose saving cannot be recorded is removed again, so every PDF
        on disk has its audit entry."""
        try:
            atomic_write(path, self.form().pdf_bytes())
        except OSError:
            self._show_problem(self.tr("The form was not saved: that file could not be written. Choose another "
                                       "place."))
            return False
        try:
            self._session.referrals.record_form(self.packet.message_id, saved_pdf=True)
        except (StoreError, PermissionError) as exc:
            path.unlink(missing_ok=True)
            self._show_problem(self.tr("The form was not saved: {problem}").format(problem=store_error_text(exc)))
            return False
        self.status.setText(self.tr("The referral form was saved as {file} (not encrypted).").format(file=path.name))
        return True
