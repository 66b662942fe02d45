"""Opening a referral packet on the receiving side: the dialog shows everything in it, "Create client" imports it
and opens the new client; a bad, foreign or repeated packet shows one clear sentence and creates nothing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from gui_support import unnamed_controls

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from outbox_support import add_client, agree, consent
from referral_support import DETAILS, PERSON, make_store, receiving_store, row_counts
from tiaki.core.cards import parse_partner_card
from tiaki.core.reasons import Reason
from tiaki.core.sharing import Basis
from tiaki.ui.messages import reason_text
from tiaki.ui.open_referral_dialog import PACKET_ERROR_TEXT, OpenReferralDialog
from tiaki.ui.partners_dialog import PartnersDialog
from tiaki.ui.sharing_labels import basis_label

SENDER_ORG = "Whānau Support Kirikiriroa"


@pytest.fixture
def pair(session, tmp_path):  # type: ignore[no-untyped-def]
    session.set_organisation_name(SENDER_ORG)
    made = receiving_store(session, tmp_path / "receiver")
    yield made
    made.receiver.lock()


def _packet_file(pair, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    packet = pair.sender.referrals.export(pair.client_id, pair.partner_id, "referral", DETAILS)
    path = tmp_path / f"referral-{packet.packet_id[:8]}.age"
    path.write_bytes(packet.data)
    return path


def _open(qtbot, dialog: OpenReferralDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.path.setFocus()
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)


def test_receiver_opens_a_referral_sees_it_and_creates_the_client(qtbot, pair, make_desktop, tmp_path,
                                                                  monkeypatch) -> None:
    path = _packet_file(pair, tmp_path)
    desktop = make_desktop()
    desktop.start(pair.receiver)
    main = desktop.main_window
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.search, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = main.open_referral_dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_controls(dialog) == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.received is not None, dialog.problem.text()

    shown = {key: label.text() for key, label in dialog.labels.items()}
    assert shown["sender"] == SENDER_ORG
    assert shown["fingerprint"] == pair.sender.outbox.device_card().fingerprint()
    assert shown["coordinator"] and shown["date"]
    assert (shown["purpose"], shown["urgency"]) == ("Referral", "Urgent")
    assert (shown["services"], shown["reason"], shown["note"]) == (DETAILS.services, DETAILS.reason, DETAILS.note)
    consent = basis_label(Basis.CONSENT)
    assert sorted(dialog.rows()) == sorted([("Given name", str(PERSON["given_name"]), consent),
                                            ("Family name", str(PERSON["family_name"]), consent),
                                            ("Phone", str(PERSON["phone"]), consent)])
    withheld = {row[0]: row[1] for row in [tuple(dialog.withheld.item(r, c).text() for c in range(2))
                                           for r in range(dialog.withheld.rowCount())]}
    assert withheld["Case notes"] == reason_text(Reason.NEVER_LEAVES_DEVICE)
    assert withheld["Health conditions"] == reason_text(Reason.NO_CONSENT)
    assert pair.receiver.clients.count() == 0, "opening writes nothing"

    assert dialog.create_button.isEnabled() and dialog.create_button.hasFocus()
    qtbot.keyClick(dialog.create_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.client_id is not None or dialog.problem.isVisible(), timeout=10_000)
    assert dialog.client_id is not None, dialog.problem.text()
    assert not dialog.isVisible()
    assert pair.receiver.clients.count() == 1
    form = main.forms.get(dialog.client_id)
    assert form is not None and form.isVisible(), "the new client opens"
    assert form.editors["given_name"].raw() == PERSON["given_name"]
    assert form.editors["health_conditions"].raw() == "", "what was withheld did not arrive"


def test_a_file_that_is_not_a_packet_shows_one_sentence_and_creates_nothing(qtbot, pair, tmp_path) -> None:
    bad = tmp_path / "notes.age"
    bad.write_bytes(b"age-encryption.org/v1\n-> X25519 garbage\n---\n" + bytes(200))
    before = row_counts(pair.receiver)
    dialog = OpenReferralDialog(pair.receiver)
    qtbot.addWidget(dialog)
    dialog.show()
    _open(qtbot, dialog, bad)
    assert dialog.problem.isVisible() and dialog.problem.text() == PACKET_ERROR_TEXT["not_a_packet"]
    assert not dialog.create_button.isEnabled() and dialog.fields.rowCount() == 0
    assert row_counts(pair.receiver) == before


def test_a_missing_file_and_an_untrusted_sender_are_refused(qtbot, session, tmp_path) -> None:
    session.set_organisation_name(SENDER_ORG)
    pair = receiving_store(session, tmp_path / "receiver", trust=False)
    try:
        path = _packet_file(pair, tmp_path)
        dialog = OpenReferralDialog(pair.receiver)
        qtbot.addWidget(dialog)
        dialog.show()
        _open(qtbot, dialog, tmp_path / "nowhere.age")
        assert dialog.problem.text() == "That file cannot be read."
        dialog.path.clear()
        before = row_counts(pair.receiver)
        _open(qtbot, dialog, path)
        assert dialog.problem.text() == PACKET_ERROR_TEXT["unknown_sender"]
        assert not dialog.create_button.isEnabled()
        assert row_counts(pair.receiver) == before
    finally:
        pair.receiver.lock()


def test_a_packet_for_another_organisation_or_imported_twice_creates_nothing(qtbot, pair, tmp_path) -> None:
    path = _packet_file(pair, tmp_path)
    other = make_store(tmp_path / "other", "Another Trust")  # trusts the sender, has a packet key of its own
    other.referrals.receiving_card()
    other.referrals.trust_sender(pair.sender.outbox.device_card())
    try:
        dialog = OpenReferralDialog(other)
        qtbot.addWidget(dialog)
        _open(qtbot, dialog, path)
        assert dialog.problem.text() == PACKET_ERROR_TEXT["not_for_us"]
        assert other.clients.count() == 0
    finally:
        other.lock()
    pair.receiver.referrals.import_packet(path.read_bytes())
    before = row_counts(pair.receiver)
    dialog = OpenReferralDialog(pair.receiver)
    qtbot.addWidget(dialog)
    _open(qtbot, dialog, path)
    assert dialog.problem.text() == PACKET_ERROR_TEXT["already_imported"]
    assert row_counts(pair.receiver) == before


def test_receiving_side_setup_through_the_partners_dialog(qtbot, session, tmp_path, monkeypatch,
                                                          accessibility) -> None:
    """The sender saves its device card; the receiver trusts it only after ticking that every digit matches,
    and saves its own card, which the sender enrols: a packet then travels from one to the other."""
    session.set_organisation_name(SENDER_ORG)
    receiver = make_store(tmp_path / "receiver", "Te Puna Ora Housing Trust")
    try:
        sending = PartnersDialog(session)
        qtbot.addWidget(sending)
        sender_card = sending.sender_card()
        assert accessibility(sender_card) == []
        card_path = tmp_path / "sender-card.json"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(card_path), ""))
        qtbot.mouseClick(sender_card.save_button, Qt.MouseButton.LeftButton)
        assert stat.S_IMODE(card_path.stat().st_mode) == 0o600
        assert sender_card.fingerprint.text() == session.outbox.device_card().fingerprint()

        partners = PartnersDialog(receiver)
        qtbot.addWidget(partners)
        partners.show()
        assert accessibility(partners) == []
        trust = partners.trust_sender()
        assert accessibility(trust) == []
        wrong = tmp_path / "partner-card.json"
        wrong.write_text(json.dumps(receiver.referrals.receiving_card().to_json()), encoding="utf-8")
        trust.load(wrong)
        assert trust.card is None and "not a usable sender card" in trust.problem.text()
        trust.load(card_path)
        assert (trust.organisation.text(), trust.fingerprint.text()) == (SENDER_ORG,
                                                                         sender_card.fingerprint.text())
        assert not trust.ok_button.isEnabled(), "nothing is trusted before the fingerprint is confirmed"
        trust.accept()
        assert receiver.referrals.trusted_senders() == []
        qtbot.mouseClick(trust.confirmed, Qt.MouseButton.LeftButton)
        assert trust.ok_button.isEnabled()
        qtbot.mouseClick(trust.ok_button, Qt.MouseButton.LeftButton)
        assert not trust.isVisible()
        assert [s.key_id for s in receiver.referrals.trusted_senders()] == [session.outbox.device_card().key_id]

        ours = partners.receiving_card()
        assert accessibility(ours) == []
        receiving_path = tmp_path / "receiving-card.json"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(receiving_path), ""))
        qtbot.keyClicks(ours.name, "Te Puna Ora")
        qtbot.mouseClick(ours.save_button, Qt.MouseButton.LeftButton)
        card = parse_partner_card(receiving_path.read_bytes())
        assert (card.name, card.inbox_url) == ("Te Puna Ora", None)
        assert ours.fingerprint.text() == card.fingerprint() and receiving_path.name in ours.status.text()

        # The sender enrols that card; a referral now opens on the receiving side.
        partner_id = session.outbox.enroll_partner(card).id
        agree(session, partner_id)
        client_id = add_client(session, ("case_management", "referral"))
        consent(session, client_id, partner_id)
        packet = session.referrals.export(client_id, partner_id, "referral", DETAILS)
        assert receiver.referrals.open(packet.data).referral.fields["given_name"].value == PERSON["given_name"]
    finally:
        receiver.lock()
