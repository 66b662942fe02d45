"""Enrol a partner from its card: choose the card file, read the fingerprint with the partner over the phone,
confirm that the numbers match, and only then trust the card's keys.

A card that replaces one already enrolled (a key rotation) must be signed by the old key; the store checks
that, and this dialog says which it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.cards import MAX_CARD_BYTES, CardError, PartnerCard, parse_partner_card
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_buttons, ok_cancel_buttons, problem_label
from tiaki.ui.messages import store_error_text


class EnrolCardDialog(QDialog):
    """Emits ``enrolled(Partner)`` once the store trusts the card."""

    enrolled = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.card: PartnerCard | None = None
        self.setWindowTitle(self.tr("Enrol a partner from its card"))
        self.setAccessibleName(self.tr("Enrol a partner from its card"))
        self.setModal(True)
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The partner sends you its card file. Before Tiaki trusts it, phone the partner "
                               "(on a number you already know) and read the fingerprint below to each other."),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("Card file"))
        self.path.editingFinished.connect(lambda: self.load(Path(self.path.text())))
        self.choose = QPushButton(self.tr("&Choose file…"), self)
        self.choose.clicked.connect(self._choose)
        name_buttons([self.choose])
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        self.partner = QLabel(self)
        self.partner.setAccessibleName(self.tr("Partner on the card"))
        self.inbox = QLabel(self)
        self.inbox.setAccessibleName(self.tr("Inbox address"))
        self.fingerprint = QLabel(self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        big = QFont(self.fingerprint.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.fingerprint.setFont(big)
        card_label = QLabel(self.tr("Card &file:"), self)
        card_label.setBuddy(self.path)
        form.addRow(card_label, row)
        add_labelled_rows(form, self, [(self.tr("Partner:"), self.partner), (self.tr("Inbox:"), self.inbox),
                                       (self.tr("Fingerprint:"), self.fingerprint)])
        layout.addLayout(form)
        self.confirmed = QCheckBox(self.tr("I read the fingerprint with the partner and every digit &matches"), self)
        self.confirmed.toggled.connect(self._update_ok)
        name_buttons([self.confirmed])
        layout.addWidget(self.confirmed)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Enrol"))
        layout.addWidget(buttons)
        self._update_ok()
        self.path.setFocus()

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Partner card"), "",
                                              self.tr("Partner cards (*.json);;All files (*)"))
        if name:
            self.path.setText(name)
            self.load(Path(name))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def load(self, path: Path) -> PartnerCard | None:
        self.card = None
        self.confirmed.setChecked(False)
        for label in (self.partner, self.inbox, self.fingerprint):
            label.clear()
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_CARD_BYTES + 1)
            card = parse_partner_card(data)
        except OSError:
            self._show_problem(self.tr("That file cannot be read."))
            card = None
        except CardError:
            self._show_problem(self.tr("That file is not a usable partner card (it may be damaged or of "
                                       "another kind)."))
            card = None
        if card is not None:
            self._show_problem("")
            self.card = card
            self.partner.setText(card.name)
            self.inbox.setText(card.inbox_url or self.tr("None: this partner receives referral packets only"))
            self.fingerprint.setText(card.fingerprint())
            if card.replaces:
                self.partner.setText(self.tr("{name} (a new key replacing an enrolled one)").format(name=card.name))
        self._update_ok()
        return card

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.card is not None and self.confirmed.isChecked())

    def accept(self) -> None:
        if self.card is None or not self.confirmed.isChecked():
            return
        try:
            partner = self._session.outbox.enroll_partner(self.card)
        except (StoreError, PermissionError, CardError) as exc:
            text = store_error_text(exc) if not isinstance(exc, CardError) else self.tr(
                "This card does not replace the partner's current key, or is not signed by it.")
            self._show_problem(self.tr("Not enrolled: {problem}").format(problem=text))
            return
        self.enrolled.emit(partner)
        super().accept()
