"""A referral packet in the client's Sharing tab reads as a packet that was exported, not as a sync message
waiting for a receipt it will never get."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from referral_support import DETAILS, referral_setup
from tiaki.store.session import Session
from tiaki.ui.sync_models import MessageStatusModel


def test_an_exported_packet_is_labelled_as_one(qapp: QApplication, session: Session) -> None:
    ref = referral_setup(session)
    session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
    [status] = session.outbox.client_status(ref.client_id)
    assert status.channel == "packet"
    model = MessageStatusModel()
    model.set_rows([status])
    kind = model.text(status, MessageStatusModel.COL_KIND)
    state = model.text(status, MessageStatusModel.COL_STATE)
    assert kind == "Referral packet"
    assert state.startswith("Exported as an encrypted file") and "receipt yet" not in state
