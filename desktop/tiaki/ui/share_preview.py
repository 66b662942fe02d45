""""What will leave": for one client, a partner and a purpose, the fields that would go (with their legal basis)
and the fields withheld (with the reason in plain language).

It shows ``session.sharing.preview`` — the same policy engine every outgoing path uses — and decides nothing
itself. A serious-threat override (Privacy Act 2020, IPP 11(1)(f)) is previewed with its written justification;
such a decision is marked for supervisor review and the dialog says so. The worker can send under the override
only after confirming it; the justification then stays with the message in the encrypted store and the
disclosure joins the review queue.

"Send to this partner" queues the share (``session.outbox.queue_share``) for a partner enrolled with an inbox.
What is queued is decided again when it is sealed for sending, so a consent withdrawn in the meantime wins.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.policy import Decision
from tiaki.core.sharing import Override
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, problem_label
from tiaki.ui.decision_tables import DecisionTables
from tiaki.ui.labels import purpose_label
from tiaki.ui.messages import store_error_text

BANNER_STYLE = "background: #fff4ce; color: #3b2f00; padding: 6px;"


class OverrideSection(QWidget):
    """The serious-threat override (IPP 11(1)(f)): a checkbox, the written justification (at least 20
    characters, as core.sharing.Override requires) and the banner saying the disclosure will be reviewed.
    Used by the share preview and the referral dialog; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(self.tr("Serious-&threat override (IPP 11(1)(f))"), self)
        self.check.setToolTip(self.tr("Share what the usual rules would withhold, only when it is necessary to "
                                      "prevent or lessen a serious threat to someone's life or health"))
        self.justification = QPlainTextEdit(self)
        self.justification.setTabChangesFocus(True)
        self.justification.setAccessibleName(self.tr("Written justification for the override"))
        self.justification.setPlaceholderText(self.tr("Why is sharing necessary to prevent or lessen a serious "
                                                      "threat to someone's life or health? (at least 20 characters)"))
        self.justification.setMaximumHeight(70)
        self.justification.setVisible(False)
        name_buttons([self.check])
        layout.addWidget(self.check)
        layout.addWidget(self.justification)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName(self.tr("Needs review"))
        self.banner.hide()
        layout.addWidget(self.banner)
        self.check.toggled.connect(self._toggled)
        self.justification.textChanged.connect(self.changed)

    def _toggled(self, on: bool) -> None:
        self.justification.setVisible(on)
        if on:
            self.justification.setFocus()
        self.changed.emit()

    def override(self, worker_id: str) -> Override | None:
        """The override as the policy engine takes it; None when off or the justification is too short."""
        if not self.check.isChecked():
            return None
        try:
            return Override(self.justification.toPlainText(), worker_id)
        except ValueError:
            return None

    def missing_text(self) -> str:
        return self.tr("An override needs a written justification of at least 20 characters.")

    def show_review(self, needs_review: bool) -> None:
        if needs_review:
            self.banner.setText(self.tr("Serious-threat override: this disclosure would be allowed only because of "
                                        "the written justification, and it must be reviewed by a supervisor."))
        self.banner.setVisible(needs_review)


class SharePreviewDialog(QDialog):
    queued = Signal(str)  # the message id

    def __init__(self, session: Session, client_id: str, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id = client_id
        self.decision: Decision | None = None
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("What would be shared — {person}").format(person=person))
        self.setAccessibleName(self.tr("What would be shared"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What would leave Tiaki now if this client's record were sent to a partner for a "
                               "purpose. Nothing leaves until you choose Send."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.partner = QComboBox(self)
        self.partner.setAccessibleName(self.tr("Partner"))
        for partner in session.sharing.partners():
            self.partner.addItem(partner.name, partner.id)
        self.purpose = QComboBox(self)
        self.purpose.setAccessibleName(self.tr("Purpose"))
        for key in session.purposes.keys:
            self.purpose.addItem(purpose_label(key), key)
        add_labelled_rows(form, self, [(self.tr("&Partner:"), self.partner), (self.tr("P&urpose:"), self.purpose)])
        layout.addLayout(form)

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

        self.tables = DecisionTables(session.catalogue, self.tr("&Would be shared:"), self.tr("W&ithheld:"), self)
        self.allowed, self.withheld = self.tables.allowed, self.tables.withheld
        layout.addWidget(self.tables, 1)

        self.sent = QLabel(self)
        self.sent.setWordWrap(True)
        self.sent.setAccessibleName(self.tr("Sending"))
        layout.addWidget(self.sent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.queue_button = QPushButton(self.tr("&Send to this partner"), self)
        self.queue_button.setToolTip(self.tr("Queue what is shown as shared; Tiaki sends it when online and checks "
                                             "it again at that moment"))
        self.queue_button.clicked.connect(self.queue)
        buttons.addButton(self.queue_button, QDialogButtonBox.ButtonRole.ActionRole)
        name_button_box(buttons)
        layout.addWidget(buttons)
        self._sendable = self._enrolled_partners()

        self.partner.currentIndexChanged.connect(self.refresh)
        self.purpose.currentIndexChanged.connect(self.refresh)
        self.override_section.changed.connect(self.refresh)
        self.refresh()
        self.partner.setFocus()

    def _enrolled_partners(self) -> set[str]:
        try:
            return {e.partner_id for e in self._session.outbox.endpoints()}
        except (StoreError, PermissionError):
            return set()

    def _update_queue_button(self) -> None:
        partner_id = self.partner.currentData()
        can = (self.decision is not None and bool(self.decision.allowed) and partner_id in self._sendable
               and (not self.override.isChecked() or self._override() is not None))
        self.queue_button.setEnabled(can)
        if partner_id is not None and partner_id not in self._sendable:
            self.sent.setText(self.tr("This partner is not enrolled for sending yet: a privacy officer enrols it "
                                      "from its card under Tools → Partners and agreements."))
        elif self.override.isChecked():
            self.sent.setText(self.tr("Sending under the override asks you to confirm first; a supervisor then "
                                      "reviews the disclosure."))
        else:
            self.sent.clear()

    def queue(self) -> str | None:
        """Queue the share; the message id, or None (the reason is shown). Under an override, a confirmation
        opens first (``confirm_box``) and the share is queued only once the worker confirms."""
        partner_id = self.partner.currentData()
        if not self.queue_button.isEnabled() or partner_id is None:
            return None
        override = self._override()
        if self.override.isChecked():
            if override is not None:
                self._confirm_override(override)
            return None
        return self._queue(None)

    def _confirm_override(self, override: Override) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Send under a serious-threat override"), self.tr(
            "This information goes to {partner} only because of your written justification: the usual rules would "
            "withhold some of it. The justification is kept with the record, and a supervisor or privacy officer "
            "will review this disclosure. Send it?").format(partner=self.partner.currentText()),
            QMessageBox.StandardButton.Cancel, self)
        self.confirm_accept = box.addButton(self.tr("&Send under the override"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(self.tr("Confirm the override"))
        for label in box.findChildren(QLabel):
            label.setAccessibleName(label.text() or self.tr("Warning"))
        name_buttons(box.buttons())
        box.accepted.connect(lambda: self._queue(override))
        self.confirm_box = box
        box.open()
        return box

    def _queue(self, override: Override | None) -> str | None:
        partner_id, purpose = self.partner.currentData(), self.purpose.currentData()
        try:
            message_id = str(self._session.outbox.queue_share(self._client_id, str(partner_id), str(purpose),
                                                              override=override))
        except (StoreError, PermissionError) as exc:
            self._show_problem(store_error_text(exc))
            return None
        if override is None:
            self.sent.setText(self.tr("Queued. Tiaki sends it when it is online, checks it against consent again at "
                                      "that moment, and keeps the partner's receipt."))
        else:
            self.sent.setText(self.tr("Queued under the override. Tiaki sends it when it is online; the disclosure "
                                      "now waits for a supervisor's review."))
        self.queue_button.setEnabled(False)
        self.queued.emit(message_id)
        return message_id

    def select(self, partner_id: str, purpose: str) -> None:
        self.partner.setCurrentIndex(self.partner.findData(partner_id))
        self.purpose.setCurrentIndex(self.purpose.findData(purpose))
        self.refresh()

    def _override(self) -> Override | None:
        return self.override_section.override(self._session.worker.id)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def refresh(self) -> None:
        self.decision = None
        self.queue_button.setEnabled(False)
        self.tables.clear()
        self.override_section.show_review(False)
        self.summary.clear()
        partner_id, purpose = self.partner.currentData(), self.purpose.currentData()
        if partner_id is None:
            self._show_problem(self.tr("No partners are recorded yet. A privacy officer adds them under Tools → "
                                       "Partners and agreements."))
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
        self._show_problem("")
        self.show_decision(decision)
        self._update_queue_button()

    def show_decision(self, decision: Decision) -> None:
        self.decision = decision
        self.tables.show_decision(decision)
        self.summary.setText(self.tr("{allowed} item(s) would be shared; {withheld} withheld.").format(
            allowed=len(decision.allowed), withheld=len(decision.withheld)))
        self.override_section.show_review(decision.needs_review)

    def rows(self, table: QTableWidget) -> list[tuple[str, str]]:
        """The (information, basis or reason) pairs a table shows, for tests and screen-reader summaries."""
        return DecisionTables.rows(table)
