""""What will leave": for one client, a partner and a purpose, the fields that would go (with their legal basis)
and the fields withheld (with the reason in plain language).

It shows ``session.sharing.preview`` — the same policy engine every outgoing path uses — and decides nothing
itself. A serious-threat override can be previewed with its written justification; such a decision is marked
for supervisor review and the dialog says so.

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


class SharePreviewDialog(QDialog):
    queued = Signal(str)  # the message id

    def __init__(self, session: Session, client_id: str, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id = client_id
        self.decision: Decision | None = None
        self.setWindowTitle(self.tr("What would be shared — {person}").format(person=person))
        self.setAccessibleName(self.tr("What would be shared"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What would leave Tiaki now if this client's record were sent to a partner for a "
                               "purpose. Nothing is sent from here."), self)
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

        self.override = QCheckBox(self.tr("Preview a serious-&threat override (IPP 11(1)(f))"), self)
        self.justification = QPlainTextEdit(self)
        self.justification.setTabChangesFocus(True)
        self.justification.setAccessibleName(self.tr("Written justification for the override"))
        self.justification.setPlaceholderText(self.tr("Why is sharing necessary to prevent or lessen a serious "
                                                      "threat to someone's life or health? (at least 20 characters)"))
        self.justification.setMaximumHeight(70)
        self.justification.setVisible(False)
        name_buttons([self.override])
        layout.addWidget(self.override)
        layout.addWidget(self.justification)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName(self.tr("Needs review"))
        self.banner.hide()
        layout.addWidget(self.banner)
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
        self.override.toggled.connect(self._on_override)
        self.justification.textChanged.connect(self.refresh)
        self.refresh()
        self.partner.setFocus()

    def _enrolled_partners(self) -> set[str]:
        try:
            return {e.partner_id for e in self._session.outbox.endpoints()}
        except (StoreError, PermissionError):
            return set()

    def _update_queue_button(self) -> None:
        partner_id = self.partner.currentData()
        can = (self.decision is not None and bool(self.decision.allowed) and not self.override.isChecked()
               and partner_id in self._sendable)
        self.queue_button.setEnabled(can)
        if partner_id is not None and partner_id not in self._sendable:
            self.sent.setText(self.tr("This partner is not enrolled for sending yet: a privacy officer enrols it "
                                      "from its card under Tools → Partners and agreements."))
        elif self.override.isChecked():
            self.sent.setText(self.tr("An override is previewed only; it is not sent from here."))
        else:
            self.sent.clear()

    def queue(self) -> str | None:
        """Queue the share; the message id, or None (the reason is shown)."""
        partner_id, purpose = self.partner.currentData(), self.purpose.currentData()
        if not self.queue_button.isEnabled() or partner_id is None:
            return None
        try:
            message_id = str(self._session.outbox.queue_share(self._client_id, str(partner_id), str(purpose)))
        except (StoreError, PermissionError) as exc:
            self._show_problem(store_error_text(exc))
            return None
        self.sent.setText(self.tr("Queued. Tiaki sends it when it is online, checks it against consent again at "
                                  "that moment, and keeps the partner's receipt."))
        self.queue_button.setEnabled(False)
        self.queued.emit(message_id)
        return message_id

    def select(self, partner_id: str, purpose: str) -> None:
        self.partner.setCurrentIndex(self.partner.findData(partner_id))
        self.purpose.setCurrentIndex(self.purpose.findData(purpose))
        self.refresh()

    def _on_override(self, on: bool) -> None:
        self.justification.setVisible(on)
        if on:
            self.justification.setFocus()
        self.refresh()

    def _override(self) -> Override | None:
        if not self.override.isChecked():
            return None
        try:
            return Override(self.justification.toPlainText(), self._session.worker.id)
        except ValueError:
            return None

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def refresh(self) -> None:
        self.decision = None
        self.queue_button.setEnabled(False)
        self.tables.clear()
        self.banner.hide()
        self.summary.clear()
        partner_id, purpose = self.partner.currentData(), self.purpose.currentData()
        if partner_id is None:
            self._show_problem(self.tr("No partners are recorded yet. A privacy officer adds them under Tools → "
                                       "Partners and agreements."))
            return
        override = self._override()
        if self.override.isChecked() and override is None:
            self._show_problem(self.tr("An override needs a written justification of at least 20 characters."))
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
        if decision.needs_review:
            self.banner.setText(self.tr("Serious-threat override: this disclosure would be allowed only because of "
                                        "the written justification, and it must be reviewed by a supervisor."))
            self.banner.show()

    def rows(self, table: QTableWidget) -> list[tuple[str, str]]:
        """The (information, basis or reason) pairs a table shows, for tests and screen-reader summaries."""
        return DecisionTables.rows(table)
