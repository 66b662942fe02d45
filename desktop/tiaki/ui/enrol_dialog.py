"""Enrol a partner from its card: choose the card file, read the fingerprint with the partner over the phone,
confirm that the numbers match, and only then trust the card's keys.

A card that replaces one already enrolled (a key rotation) must be signed by the old key; the store checks
that, and this dialog says which it is.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from tiaki.core.cards import CardError, PartnerCard, parse_partner_card
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.card_files import ConfirmCardDialog
from tiaki.ui.messages import store_error_text


class EnrolCardDialog(ConfirmCardDialog):
    """Emits ``enrolled(Partner)`` once the store trusts the card."""

    enrolled = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._session = session
        super().__init__(
            parent, title=self.tr("Enrol a partner from its card"),
            intro=self.tr("The partner sends you its card file. Before Tiaki trusts it, phone the partner "
                          "(on a number you already know) and read the fingerprint below to each other."),
            rows=[(self.tr("Partner:"), self.tr("Partner on the card")), (self.tr("Inbox:"), self.tr("Inbox address"))],
            confirm=self.tr("I read the fingerprint with the partner and every digit &matches"),
            ok=self.tr("&Enrol"), caption=self.tr("Partner card"),
            file_filter=self.tr("Partner cards (*.json);;All files (*)"), size=(620, 360))
        self.partner, self.inbox = self.row_labels

    def parse(self, data: bytes) -> PartnerCard:
        return parse_partner_card(data)

    def wrong_kind(self) -> str:
        return self.tr("That file is not a usable partner card (it may be damaged or of another kind).")

    def show_card(self, card: PartnerCard) -> None:
        self.partner.setText(card.name)
        self.inbox.setText(card.inbox_url or self.tr("None: this partner receives referral packets only"))
        if card.replaces:
            self.partner.setText(self.tr("{name} (a new key replacing an enrolled one)").format(name=card.name))

    def trust(self, card: PartnerCard) -> bool:
        try:
            partner = self._session.outbox.enroll_partner(card)
        except (StoreError, PermissionError, CardError) as exc:
            text = store_error_text(exc) if not isinstance(exc, CardError) else self.tr(
                "This card does not replace the partner's current key, or is not signed by it.")
            self._show_problem(self.tr("Not enrolled: {problem}").format(problem=text))
            return False
        self.enrolled.emit(partner)
        return True
