"""Partners and their sharing agreements, for the privacy officer: list, add a partner, add an agreement.

The main window offers this only to a privacy officer; the store checks the role on every change whatever the
UI shows, and a refusal is shown here in plain words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiaki.core import roles
from tiaki.core.sharing import Partner, PartnerKind, SharingAgreement
from tiaki.core.sharing_json import PartnerInput
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import (
    add_labelled_rows,
    name_button_box,
    name_buttons,
    ok_cancel_buttons,
    problem_label,
    readable_headers,
)
from tiaki.ui.agreement_dialog import AddAgreementDialog, clean_text
from tiaki.ui.enrol_dialog import EnrolCardDialog
from tiaki.ui.labels import local_time, purpose_label, text_order
from tiaki.ui.messages import store_error_text
from tiaki.ui.referral_keys_dialog import ReceivingCardDialog, SenderCardDialog, TrustSenderDialog
from tiaki.ui.sharing_labels import basis_label, categories_text, field_key_label, partner_kind_label

PARTNER_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    readable_headers(table)
    return table


def _set_row(table: QTableWidget, row: int, texts: list[str]) -> None:
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(row, column, item)


class AddPartnerDialog(QDialog):
    """Emits ``added(Partner)`` once the store has it."""

    added = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Add partner"))
        self.setAccessibleName(self.tr("Add partner"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Partner's name"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of partner"))
        for kind in PartnerKind:
            self.kind.addItem(partner_kind_label(kind), kind.value)
        self.overseas = QCheckBox(self.tr("&Overseas (outside New Zealand)"), self)
        self.ipp12_basis = QLineEdit(self)
        self.ipp12_basis.setAccessibleName(self.tr("IPP 12 basis for sending overseas"))
        self.ipp12_basis.setPlaceholderText(self.tr("e.g. comparable safeguards (IPP 12(1)(b)); leave empty if none"))
        self.ipp12_basis.setEnabled(False)
        self.overseas.toggled.connect(self.ipp12_basis.setEnabled)
        name_buttons([self.overseas])
        add_labelled_rows(form, self, [(self.tr("&Name:"), self.name), (self.tr("&Kind:"), self.kind)])
        form.addRow(self.overseas)
        add_labelled_rows(form, self, [(self.tr("IPP 12 &basis:"), self.ipp12_basis)])
        layout.addLayout(form)
        note = QLabel(self.tr("Without an IPP 12 basis nothing is sent to an overseas partner."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("What is still needed"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Add partner"))
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def partner_input(self) -> PartnerInput | str:
        name, basis = clean_text(self.name.text()), clean_text(self.ipp12_basis.text())
        if not name or basis is None:
            return self.tr("Give the partner's name (at most 300 characters, with no characters that cannot be "
                           "stored).")
        overseas = self.overseas.isChecked()
        return PartnerInput(name, PartnerKind(self.kind.currentData()), overseas, basis if overseas else "")

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        partner = self.partner_input()
        if isinstance(partner, str):
            self._show_problem(partner)
            return
        try:
            added = self._session.sharing.add_partner(partner)
        except (StoreError, PermissionError) as exc:
            self._show_problem(self.tr("Not added: {problem}").format(problem=store_error_text(exc)))
            return
        self.added.emit(added)
        super().accept()


class PartnersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._partners: list[Partner] = []
        self.sub_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Partners and agreements"))
        self.setAccessibleName(self.tr("Partners and agreements"))
        self.resize(860, 620)
        layout = QVBoxLayout(self)
        partners_label = QLabel(self.tr("&Partners:"), self)
        self.partner_table = _table(self, self.tr("Partners"), [self.tr("Name"), self.tr("Kind"), self.tr("Overseas")])
        partners_label.setBuddy(self.partner_table)
        layout.addWidget(partners_label)
        layout.addWidget(self.partner_table, 1)
        agreements_label = QLabel(self.tr("A&greements with the selected partner:"), self)
        self.agreement_table = _table(self, self.tr("Agreements with the selected partner"), [
            self.tr("Basis"), self.tr("Name or reference"), self.tr("Purposes"), self.tr("Information"),
            self.tr("Excluded fields"), self.tr("Valid from"), self.tr("Valid until")])
        agreements_label.setBuddy(self.agreement_table)
        layout.addWidget(agreements_label)
        layout.addWidget(self.agreement_table, 1)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)

        row = QHBoxLayout()
        self.add_partner_button = QPushButton(self.tr("Add &partner…"), self)
        self.add_agreement_button = QPushButton(self.tr("Add &agreement…"), self)
        self.enrol_button = QPushButton(self.tr("&Enrol from card…"), self)
        self.enrol_button.setToolTip(self.tr("Trust a partner's keys for sending, after comparing the fingerprint"))
        self.add_partner_button.clicked.connect(self.add_partner)
        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.enrol_button.clicked.connect(self.enrol)
        row.addWidget(self.add_partner_button)
        row.addWidget(self.add_agreement_button)
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        name_buttons([self.add_partner_button, self.add_agreement_button, self.enrol_button])
        layout.addLayout(row)
        referrals = QHBoxLayout()  # the receiving side of referral packets
        self.trust_sender_button = QPushButton(self.tr("&Trust a sender's card…"), self)
        self.trust_sender_button.setToolTip(self.tr("Accept referral packets signed by an organisation's device, "
                                                    "after comparing the fingerprint"))
        self.receiving_card_button = QPushButton(self.tr("Save this organisation's &card for referrers…"), self)
        self.sender_card_button = QPushButton(self.tr("Save this device's sen&der card…"), self)
        self.sender_card_button.setToolTip(self.tr("For the organisations you refer clients to"))
        self.trust_sender_button.clicked.connect(self.trust_sender)
        self.receiving_card_button.clicked.connect(self.receiving_card)
        self.sender_card_button.clicked.connect(self.sender_card)
        referrals.addWidget(self.trust_sender_button)
        referrals.addStretch(1)
        cards = QHBoxLayout()  # a row of their own: with the long card buttons one row needs more than 200% has
        for button in (self.receiving_card_button, self.sender_card_button):
            cards.addWidget(button)
        cards.addStretch(1)
        name_buttons([self.trust_sender_button, self.receiving_card_button, self.sender_card_button])
        layout.addLayout(referrals)
        layout.addLayout(cards)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)
        if not roles.can_administer(session.worker):
            self._show_problem(self.tr("Only a privacy officer can add partners and agreements."))
        self.partner_table.itemSelectionChanged.connect(self._show_agreements)
        self.refresh()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def refresh(self, select: str | None = None) -> None:
        self._partners = self._session.sharing.partners()
        self.partner_table.setRowCount(len(self._partners))
        for row, partner in enumerate(self._partners):
            overseas = (self.tr("Yes — IPP 12: {basis}").format(basis=partner.ipp12_basis) if partner.ipp12_basis
                        else self.tr("Yes — no IPP 12 basis")) if partner.overseas else self.tr("No")
            _set_row(self.partner_table, row, [partner.name, partner_kind_label(partner.kind), overseas])
        index = next((i for i, p in enumerate(self._partners) if p.id == select), 0 if self._partners else -1)
        if index >= 0:
            self.partner_table.selectRow(index)
        self._show_agreements()

    def selected_partner(self) -> Partner | None:
        rows = self.partner_table.selectionModel().selectedRows()
        return self._partners[rows[0].row()] if rows else None

    def agreement_texts(self, agreement: SharingAgreement) -> list[str]:
        catalogue = self._session.catalogue
        return [basis_label(agreement.basis), " — ".join(t for t in (agreement.name, agreement.reference) if t),
                ", ".join(sorted((purpose_label(p) for p in agreement.purposes), key=text_order)),
                categories_text(catalogue, agreement.categories),
                ", ".join(sorted((field_key_label(catalogue, f) for f in agreement.excluded_fields), key=text_order)),
                local_time(agreement.valid_from.isoformat()),
                local_time(agreement.valid_until.isoformat()) if agreement.valid_until else self.tr("No end date")]

    def _show_agreements(self) -> None:
        partner = self.selected_partner()
        agreements = self._session.sharing.agreements(partner.id) if partner else []
        self.agreement_table.setRowCount(len(agreements))
        for row, agreement in enumerate(agreements):
            _set_row(self.agreement_table, row, self.agreement_texts(agreement))
        self.add_agreement_button.setEnabled(partner is not None)

    def add_partner(self) -> AddPartnerDialog:
        dialog = AddPartnerDialog(self._session, self)
        dialog.added.connect(lambda partner: self.refresh(select=partner.id))
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def enrol(self) -> EnrolCardDialog:
        dialog = EnrolCardDialog(self._session, self)
        dialog.enrolled.connect(lambda partner: self.refresh(select=partner.id))
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def trust_sender(self) -> TrustSenderDialog:
        dialog = TrustSenderDialog(self._session, self)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def receiving_card(self) -> ReceivingCardDialog:
        dialog = ReceivingCardDialog(self._session, self)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def sender_card(self) -> SenderCardDialog:
        dialog = SenderCardDialog(self._session, self)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def add_agreement(self) -> AddAgreementDialog | None:
        partner = self.selected_partner()
        if partner is None:
            return None
        dialog = AddAgreementDialog(self._session, partner, self)
        dialog.added.connect(lambda agreement: self.refresh(select=agreement.partner_id))
        self.sub_dialog = dialog
        dialog.open()
        return dialog
