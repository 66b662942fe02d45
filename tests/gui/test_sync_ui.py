"""Sharing from the app: enrol a partner from its card, queue a share from the preview, see where it stands."""

from __future__ import annotations

import json
from pathlib import Path

from gui_support import add_client, add_partner_with_agreement, consent_input

from PySide6.QtCore import Qt

from crypto_support import partner_keys
from tiaki.ui.client_sharing_panel import ClientSharingPanel
from tiaki.ui.enrol_dialog import EnrolCardDialog
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.sync_controller import SyncController
from tiaki.ui.sync_dialog import SyncDialog
from tiaki.ui.sync_models import MessageStatusModel, PartnerStatusModel

PARTNER = "Kāinga Housing Trust"


def _shared_setup(session, *, enrol: bool = True):  # type: ignore[no-untyped-def]
    partner = add_partner_with_agreement(session, name=PARTNER)
    client = add_client(session, {"given_name": "Hine", "family_name": "Pōmare", "phone": "021 555 0199"})
    session.sharing.record_consent(client.id, consent_input([partner.id], categories=("identity",)))
    if enrol:
        session.outbox.enroll_partner(partner_keys(PARTNER).card)
    return partner, client


def test_queue_from_the_preview_then_the_sharing_tab_shows_it(qtbot, session, qtmodeltester) -> None:
    partner, client = _shared_setup(session)
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner.id, "referral")
    assert dialog.queue_button.isEnabled() and dialog.queue_button.accessibleName()
    with qtbot.waitSignal(dialog.queued) as queued:
        qtbot.mouseClick(dialog.queue_button, Qt.MouseButton.LeftButton)
    message_id = queued.args[0]
    assert not dialog.queue_button.isEnabled() and "Queued" in dialog.sent.text()
    [status] = session.outbox.client_status(client.id)
    assert status.message_id == message_id and status.state == "queued"

    panel = ClientSharingPanel(session)
    qtbot.addWidget(panel)
    panel.show_for(client.id, "Hine Pōmare", True)
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, MessageStatusModel.COL_PARTNER).data() == PARTNER
    assert panel.model.index(0, MessageStatusModel.COL_STATE).data() == "Waiting to be sent"


def test_partner_not_enrolled_cannot_be_sent_to_and_says_why(qtbot, session) -> None:
    partner, client = _shared_setup(session, enrol=False)
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner.id, "referral")
    assert dialog.decision is not None and dialog.decision.allowed  # the preview still works
    assert not dialog.queue_button.isEnabled()
    assert "not enrolled" in dialog.sent.text()
    assert dialog.queue() is None and session.outbox.client_status(client.id) == []


def test_override_is_not_queued_without_confirming(qtbot, session) -> None:
    partner, client = _shared_setup(session)
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner.id, "referral")
    dialog.override.setChecked(True)
    assert not dialog.queue_button.isEnabled()  # not before a justification of 20 characters
    qtbot.keyClicks(dialog.justification, "She said tonight he will come back; police asked for the address.")
    assert dialog.decision is not None and dialog.decision.needs_review
    assert dialog.queue_button.isEnabled()
    before = session._db.scalar("SELECT count(*) FROM messages")
    assert dialog.queue() is None  # a confirmation first
    assert dialog.confirm_box is not None and dialog.confirm_box.isVisible()
    dialog.confirm_box.reject()
    assert session._db.scalar("SELECT count(*) FROM messages") == before


def test_enrol_dialog_needs_a_good_card_and_a_confirmed_fingerprint(qtbot, session, tmp_path: Path) -> None:
    dialog = EnrolCardDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    bad = tmp_path / "bad.json"
    bad.write_text("{not a card", encoding="utf-8")
    assert dialog.load(bad) is None and dialog.problem.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.load(tmp_path / "missing.json") is None and "cannot be read" in dialog.problem.text()
    card = partner_keys("Te Rūnanga Hauora").card
    good = tmp_path / "card.json"
    good.write_text(json.dumps(card.to_json(), ensure_ascii=False), encoding="utf-8")
    assert dialog.load(good) == card
    assert dialog.fingerprint.text() == card.fingerprint() and dialog.partner.text() == "Te Rūnanga Hauora"
    assert not dialog.ok_button.isEnabled()  # not until the person says the digits matched
    dialog.confirmed.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.enrolled) as enrolled:
        dialog.accept()
    assert enrolled.args[0].name == "Te Rūnanga Hauora"
    assert [e.partner_id for e in session.outbox.endpoints()] == [enrolled.args[0].id]


def test_sync_window_lists_partners(qtbot, session, qtmodeltester) -> None:
    partner, client = _shared_setup(session)
    session.outbox.queue_share(client.id, partner.id, "referral")
    controller = SyncController(session)
    dialog = SyncDialog(session, controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, PartnerStatusModel.COL_PARTNER).data() == PARTNER
    assert dialog.model.index(0, PartnerStatusModel.COL_WAITING).data() == "1"
    assert dialog.network.text()  # online, offline or unknown: always says which
    controller.stop()


def test_sharing_tab_in_the_client_form(qtbot, session, make_desktop, accessibility) -> None:
    partner, client = _shared_setup(session)
    session.outbox.queue_share(client.id, partner.id, "referral")
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.open_client(client.id)
    tabs = form.tabs
    assert tabs.isTabVisible(tabs.indexOf(form.sharing_panel))
    assert form.sharing_panel.model.rowCount() == 1
    assert accessibility(form.sharing_panel) == []
    main = desktop.main_window
    assert main.sync_now_action.shortcut().toString() == "F5"
    dialog = main.show_sync()
    assert dialog is not None and accessibility(dialog) == []


def test_reasons_read_as_words() -> None:
    from tiaki.core.reasons import Reason
    from tiaki.ui.messages import reason_text
    from tiaki.ui.sync_models import state_reason_text

    assert state_reason_text(Reason.CONSENT_WITHDRAWN.value) == reason_text(Reason.CONSENT_WITHDRAWN)
    assert "archived" in state_reason_text("archived_client")
    assert "withdrawn" in state_reason_text("consent_revoked")
    assert state_reason_text("the inbox refused the envelope (400 bad_header)").startswith("the inbox refused")


def test_engine_lines_and_summaries_are_translatable() -> None:
    import re
    from pathlib import Path

    import tiaki.sync.engine as engine
    import tiaki.sync.transport as transport
    from tiaki.sync.engine import PartnerResult
    from tiaki.ui.sync_models import ENGINE_TEXT, engine_text, partner_summary

    fixed = {engine.SCHEDULED, engine.STOPPED, engine.NOT_YET}
    source = Path(transport.__file__).read_text(encoding="utf-8")
    fixed |= set(re.findall(r'TransportError\("\w+", "([^"{]+)"\)', source))
    assert fixed and fixed <= set(ENGINE_TEXT), sorted(fixed - set(ENGINE_TEXT))
    result = PartnerResult("p", "Kāinga", 3, 2, 1, 0, 0, engine.SCHEDULED, None)
    assert partner_summary(result) == result.summary()  # in English the app and the CLI say the same
    assert engine_text("the inbox answered 503 to the envelope") == "the inbox answered 503 to the envelope"
