"""The app's sync trigger against the real inbox: Sync now runs in the background, the window stays live, and
the status bar says "delivered" only once the store holds verified receipts."""

from __future__ import annotations

from pathlib import Path

from gui_support import add_client, add_partner_with_agreement, consent_input

from inbox_support import allow, make_partner, running_inbox, with_inbox_url
from tiaki.ui.sync_controller import SyncController
from tiaki.ui.sync_dialog import SyncDialog, report_text

PARTNER = "Te Whare Āwhina (test)"


def _queued(session, url: str, partner_dir: Path, card) -> str:  # type: ignore[no-untyped-def]
    partner = add_partner_with_agreement(session, name=PARTNER)
    allow(partner_dir, session.outbox.device_card())
    session.outbox.enroll_partner(with_inbox_url(card, url))
    client = add_client(session, {"given_name": "Hine", "family_name": "Pōmare", "phone": "021 555 0199"})
    session.sharing.record_consent(client.id, consent_input([partner.id], categories=("identity",)))
    return str(session.outbox.queue_share(client.id, partner.id, "referral"))


def test_sync_now_delivers_in_the_background(qtbot, session, tmp_path: Path) -> None:
    partner_dir = tmp_path / "partner"
    card = make_partner(partner_dir, name=PARTNER)
    with running_inbox(partner_dir) as url:
        message_id = _queued(session, url, partner_dir, card)
        controller = SyncController(session)
        dialog = SyncDialog(session, controller)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(controller.finished, timeout=60_000) as done:
            assert controller.sync_now()
            assert not controller.sync_now()  # one run at a time
        report = done.args[0]
        assert report.complete
        [status] = session.outbox.client_status(session.outbox.history()[0].client_id)
        assert status.message_id == message_id and status.state == "acknowledged"
        assert dialog.outcome.text() == report_text(report) and "1 acknowledged" in dialog.outcome.text()
        assert dialog.sync_button.isEnabled() and dialog.progress.isHidden()
        controller.stop()


def test_network_coming_back_starts_a_sync_and_offline_skips_the_timer(qtbot, session, tmp_path: Path) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    partner_dir = tmp_path / "partner"
    card = make_partner(partner_dir, name=PARTNER)
    with running_inbox(partner_dir) as url:
        _queued(session, url, partner_dir, card)
        controller = SyncController(session)
        changes: list[object] = []
        controller.online_changed.connect(changes.append)
        controller._on_reachability(QNetworkInformation.Reachability.Disconnected)
        assert controller.online is False and changes == [False]
        assert not controller.start(scheduled=True)  # the timer does not try while the platform says offline
        with qtbot.waitSignal(controller.finished, timeout=60_000) as done:
            controller._on_reachability(QNetworkInformation.Reachability.Online)  # the connection is back
        assert controller.online is True and done.args[0].complete
        controller.stop()
