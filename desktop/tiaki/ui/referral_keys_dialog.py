"""The receiving side of referral packets: which senders this organisation trusts, and the card referrers need.

- "Trust a sender's card…": a referring organisation sends its device card; both read the fingerprint over
  the phone, and only once "every digit matches" is ticked does Tiaki accept packets signed by that key.
- "Save this organisation's card for referrers…": a packet-only partner card (no inbox) that a referring
  organisation enrols, so its packets are encrypted to this device. Read its fingerprint to them by phone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.cards import CardError, SenderCard, parse_sender_card
from tiaki.core.sharing import PartnerKind
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, problem_label
from tiaki.ui.agreement_dialog import clean_text
from tiaki.ui.card_files import ConfirmCardDialog, make_fingerprint_large, save_card_file
from tiaki.ui.messages import store_error_text
from tiaki.ui.sharing_labels import partner_kind_label


class TrustSenderDialog(ConfirmCardDialog):
    """Emits ``trusted(TrustedSender)`` once the store accepts packets signed by the card's key."""

    trusted = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._session = session
        super().__init__(
            parent, title=self.tr("Trust a sender's card"),
            intro=self.tr("An organisation that refers clients to you sends its device card. Before Tiaki "
                          "accepts its referral packets, phone the organisation (on a number you already "
                          "know) and read the fingerprint below to each other."),
            rows=[(self.tr("Organisation:"), self.tr("Organisation on the card"))],
            confirm=self.tr("I read the fingerprint with the sender and every digit &matches"),
            ok=self.tr("&Trust this sender"), caption=self.tr("Sender card"),
            file_filter=self.tr("Sender cards (*.json);;All files (*)"), size=(620, 340))
        [self.organisation] = self.row_labels

    def parse(self, data: bytes) -> SenderCard:
        return parse_sender_card(data)

    def wrong_kind(self) -> str:
        return self.tr("That file is not a usable sender card (it may be damaged, or be a partner card instead).")

    def show_card(self, card: SenderCard) -> None:
        self.organisation.setText(card.organisation)

    def trust(self, card: SenderCard) -> bool:
        try:
            sender = self._session.referrals.trust_sender(card)
        except (StoreError, PermissionError, CardError) as exc:
            self._show_problem(self.tr("Not trusted: {problem}").format(problem=store_error_text(exc)))
            return False
        self.trusted.emit(sender)
        return True


class ReceivingCardDialog(QDialog):
    """Make this organisation's packet-only card and save it for the organisations that refer clients here."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.card: Any = None
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("This organisation's card for referrers"))
        self.setAccessibleName(self.tr("This organisation's card for referrers"))
        self.resize(600, 300)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Organisations that refer clients to you enrol this card, so that their referral "
                               "packets can be opened here. Send them the file, then read the fingerprint to them "
                               "over the phone."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name on the card"))
        self.name.setPlaceholderText(self.tr("This organisation's name"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of organisation"))
        for kind in PartnerKind:
            self.kind.addItem(partner_kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(PartnerKind.NGO.value))
        self.fingerprint = QLabel(self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        make_fingerprint_large(self.fingerprint)
        add_labelled_rows(form, self, [(self.tr("&Name:"), self.name), (self.tr("&Kind:"), self.kind),
                                       (self.tr("Fingerprint:"), self.fingerprint)])
        layout.addLayout(form)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.save_button = QPushButton(self.tr("&Save card…"), self)
        self.save_button.clicked.connect(self.choose_and_save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        name_button_box(buttons)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def make_card(self) -> Any:
        name = clean_text(self.name.text())
        if name is None:
            self._show_problem(self.tr("The name has characters that cannot be used, or is too long."))
            return None
        try:
            card = self._session.referrals.receiving_card(name=name or None,
                                                          kind=PartnerKind(self.kind.currentData()))
        except (StoreError, PermissionError, CardError) as exc:
            self._show_problem(self.tr("No card was made: {problem}").format(problem=store_error_text(exc)))
            return None
        self._show_problem("")
        self.card = card
        self.fingerprint.setText(card.fingerprint())
        return card

    def choose_and_save(self) -> None:
        if self.make_card() is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save card"), "tiaki-referral-card.json",
                                              self.tr("Partner cards (*.json)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        card = self.card or self.make_card()
        if card is None:
            return False
        if not save_card_file(card, path):
            self._show_problem(self.tr("That file could not be written. Choose another place."))
            return False
        self.saved_path = path
        self.status.setText(self.tr("Saved as {file}. Send it to the referring organisation, then read them the "
                                    "fingerprint above by phone.").format(file=path.name))
        return True


class SenderCardDialog(QDialog):
    """This device's sender card, for the organisations it refers clients to: they trust it (after comparing
    the fingerprint by phone) so that they accept the packets this device signs."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = session.outbox.device_card()
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("This device's sender card"))
        self.setAccessibleName(self.tr("This device's sender card"))
        self.resize(560, 240)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Organisations you refer clients to trust this card, so that they accept the "
                               "referral packets made here. Send them the file, then read the fingerprint to them "
                               "over the phone."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        organisation = QLabel(self.card.organisation, self)
        organisation.setAccessibleName(self.tr("Organisation on the card"))
        self.fingerprint = QLabel(self.card.fingerprint(), self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        make_fingerprint_large(self.fingerprint)
        add_labelled_rows(form, self, [(self.tr("Organisation:"), organisation),
                                       (self.tr("Fingerprint:"), self.fingerprint)])
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.save_button = QPushButton(self.tr("&Save card…"), self)
        self.save_button.clicked.connect(self.choose_and_save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        name_button_box(buttons)
        layout.addWidget(buttons)

    def choose_and_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save card"), "tiaki-sender-card.json",
                                              self.tr("Sender cards (*.json)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        if not save_card_file(self.card, path):
            self.status.setText(self.tr("That file could not be written. Choose another place."))
            return False
        self.saved_path = path
        self.status.setText(self.tr("Saved as {file}.").format(file=path.name))
        return True
