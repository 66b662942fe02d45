"""The receiving side of referral packets: which senders this organisation trusts, and the card referrers need.

- "Trust a sender's card…": a referring organisation sends its device card; both read the fingerprint over
  the phone, and only once "every digit matches" is ticked does Tiaki accept packets signed by that key.
- "Save this organisation's card for referrers…": a packet-only partner card (no inbox) that a referring
  organisation enrols, so its packets are encrypted to this device. Read its fingerprint to them by phone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.cards import MAX_CARD_BYTES, CardError, parse_sender_card
from tiaki.core.sharing import PartnerKind
from tiaki.store.errors import StoreError
from tiaki.store.files import atomic_write
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, ok_cancel_buttons, problem_label
from tiaki.ui.agreement_dialog import clean_text
from tiaki.ui.messages import store_error_text
from tiaki.ui.sharing_labels import partner_kind_label


def _big(label: QLabel) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)


class TrustSenderDialog(QDialog):
    """Emits ``trusted(TrustedSender)`` once the store accepts packets signed by the card's key."""

    trusted = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.card: Any = None
        self.setWindowTitle(self.tr("Trust a sender's card"))
        self.setAccessibleName(self.tr("Trust a sender's card"))
        self.setModal(True)
        self.resize(620, 340)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("An organisation that refers clients to you sends its device card. Before Tiaki "
                               "accepts its referral packets, phone the organisation (on a number you already "
                               "know) and read the fingerprint below to each other."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("Card file"))
        self.path.editingFinished.connect(lambda: self.load(Path(self.path.text())))
        self.choose = QPushButton(self.tr("&Choose file…"), self)
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        card_label = QLabel(self.tr("Card &file:"), self)
        card_label.setBuddy(self.path)
        form.addRow(card_label, row)
        self.organisation = QLabel(self)
        self.organisation.setAccessibleName(self.tr("Organisation on the card"))
        self.fingerprint = QLabel(self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        _big(self.fingerprint)
        add_labelled_rows(form, self, [(self.tr("Organisation:"), self.organisation),
                                       (self.tr("Fingerprint:"), self.fingerprint)])
        layout.addLayout(form)
        self.confirmed = QCheckBox(self.tr("I read the fingerprint with the sender and every digit &matches"), self)
        self.confirmed.toggled.connect(self._update_ok)
        name_buttons([self.choose, self.confirmed])
        layout.addWidget(self.confirmed)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Trust this sender"))
        layout.addWidget(buttons)
        self._update_ok()
        self.path.setFocus()

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Sender card"), "",
                                              self.tr("Sender cards (*.json);;All files (*)"))
        if name:
            self.path.setText(name)
            self.load(Path(name))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def load(self, path: Path) -> Any:
        self.card = None
        self.confirmed.setChecked(False)
        self.organisation.clear()
        self.fingerprint.clear()
        try:
            with path.open("rb") as handle:
                card = parse_sender_card(handle.read(MAX_CARD_BYTES + 1))
        except OSError:
            self._show_problem(self.tr("That file cannot be read."))
            card = None
        except CardError:
            self._show_problem(self.tr("That file is not a usable sender card (it may be damaged, or be a "
                                       "partner card instead)."))
            card = None
        if card is not None:
            self._show_problem("")
            self.card = card
            self.organisation.setText(card.organisation)
            self.fingerprint.setText(card.fingerprint())
        self._update_ok()
        return card

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.card is not None and self.confirmed.isChecked())

    def accept(self) -> None:
        if self.card is None or not self.confirmed.isChecked():
            return
        try:
            sender = self._session.referrals.trust_sender(self.card)
        except (StoreError, PermissionError, CardError) as exc:
            self._show_problem(self.tr("Not trusted: {problem}").format(problem=store_error_text(exc)))
            return
        self.trusted.emit(sender)
        super().accept()


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
        _big(self.fingerprint)
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
        data = (json.dumps(card.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        try:
            atomic_write(path, data)
        except OSError:
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
        _big(self.fingerprint)
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
        data = (json.dumps(self.card.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        try:
            atomic_write(path, data)
        except OSError:
            self.status.setText(self.tr("That file could not be written. Choose another place."))
            return False
        self.saved_path = path
        self.status.setText(self.tr("Saved as {file}.").format(file=path.name))
        return True
