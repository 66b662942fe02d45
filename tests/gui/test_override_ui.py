"""A serious-threat override made for real from the app: the share preview queues it after a confirmation, the
referral dialog exports with it, and either disclosure shows up in the history as an override waiting in the
review queue, its justification kept in the encrypted store (never in the audit log)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from outbox_support import shared_client
from referral_support import DETAILS, referral_setup
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.sharing import Basis
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.sharing_labels import basis_label

JUSTIFICATION = "She said tonight he will come back with a weapon; police asked for her address."


def _waiting_override(session, message_id: str):  # type: ignore[no-untyped-def]
    items = [i for i in session.reviews.items() if i.disclosure_id == message_id]
    assert [i.kind for i in items] == ["override"]
    return items[0]


def test_override_queued_from_the_preview_waits_for_review(qtbot, session) -> None:
    client_id, partner_id, _partner, _consent = shared_client(session)
    dialog = SharePreviewDialog(session, client_id, "Ana Havili")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner_id, "referral")
    ordinary = len(dialog.decision.allowed)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.override.setFocus()
    qtbot.keyClick(dialog.override, Qt.Key.Key_Space)
    assert dialog.override.isChecked() and dialog.justification.hasFocus()
    qtbot.keyClicks(dialog.justification, JUSTIFICATION)
    assert dialog.decision is not None and dialog.decision.needs_review
    assert len(dialog.decision.allowed) > ordinary, "the override lets more go than the ordinary rules"
    assert dialog.banner.isVisible() and "reviewed by a supervisor" in dialog.banner.text()
    assert basis_label(Basis.SERIOUS_THREAT) in {basis for _f, basis in dialog.rows(dialog.allowed)}
    assert dialog.queue_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.queued):
        qtbot.mouseClick(dialog.queue_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None and box.isVisible() and "review" in box.text()
    with qtbot.waitSignal(dialog.queued) as queued:
        qtbot.mouseClick(dialog.confirm_accept, Qt.MouseButton.LeftButton)
    message_id = queued.args[0]
    assert "waits for a supervisor's review" in dialog.sent.text()
    item = _waiting_override(session, message_id)
    assert item.worker_id == session.worker.id and item.partner_id == partner_id
    entry = session.history.page(HistoryFilter(client_id=client_id))[0]
    assert entry.id == message_id and entry.override and Basis.SERIOUS_THREAT.value in entry.bases
    assert session.history.detail(message_id).override_justification == JUSTIFICATION
    assert all(JUSTIFICATION not in str(e.detail) for e in session.audit.recent(50))


def test_referral_dialog_exports_under_an_override(qtbot, session, tmp_path: Path) -> None:
    setup = referral_setup(session)
    dialog = ReferralDialog(session, setup.client_id, "Ana Havili")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(setup.partner_id, "referral")
    ordinary = {f for f, _b in dialog.tables.rows(dialog.tables.allowed)}
    assert dialog.banner.isHidden()
    dialog.override.setChecked(True)
    assert dialog.decision is None and "20 characters" in dialog.problem.text()
    assert not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.justification, JUSTIFICATION)
    assert dialog.decision is not None and dialog.decision.needs_review and dialog.banner.isVisible()
    assert {f for f, _b in dialog.tables.rows(dialog.tables.allowed)} > ordinary
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        dialog.export_to(tmp_path / "referral.age", DETAILS)
    message_id = exported.args[0]
    assert (tmp_path / "referral.age").exists()
    assert dialog.packet.decision.needs_review
    _waiting_override(session, message_id)
    assert session.history.detail(message_id).override_justification == JUSTIFICATION
    # The printable form says the disclosure was an override under review.
    assert "serious-threat override" in dialog.form().html()
