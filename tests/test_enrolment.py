"""Enrolling partners from their cards, key rotation, and this device's own card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outbox_support import PartnerIdentity, add_client, agree, consent, count, enrol
from tiaki.core import envelope
from tiaki.core.canonical import canonical_json, unb64u
from tiaki.core.cards import parse_sender_card, sign_rotation
from tiaki.core.roles import AccessDenied, Role
from tiaki.core.sharing import PartnerKind
from tiaki.core.sharing_json import PartnerInput
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session, unlock_store


def test_a_card_makes_a_partner_and_an_endpoint(session: Session) -> None:
    partner = PartnerIdentity("Te Puna Ora", kind=PartnerKind.HEALTH_PROVIDER)
    enrolled = session.outbox.enroll_partner(partner.card)
    assert (enrolled.name, enrolled.kind, enrolled.overseas) == ("Te Puna Ora", PartnerKind.HEALTH_PROVIDER, False)
    [endpoint] = session.outbox.endpoints()
    assert (endpoint.partner_id, endpoint.inbox_url, endpoint.key_id) == (
        enrolled.id, partner.card.inbox_url, partner.card.key_id)
    assert list(endpoint.receipt_keys) == [partner.card.key_id]
    assert session.audit.recent(1)[0].action == "partner.enrol"
    assert [e.action for e in session.audit.recent(2)] == ["partner.enrol", "partner.add"]
    assert session.outbox.enroll_partner(partner.card) == enrolled  # the same card again changes nothing
    assert count(session, "SELECT count(*) FROM partner_keys") == 1
    [key] = session.outbox.partner_keys(enrolled.id)
    assert key["card"] == json.loads(canonical_json(partner.card.to_json()))
    packet_only = session.outbox.enroll_partner(PartnerIdentity("Packet Trust", inbox_url=None).card)
    assert [e.partner_id for e in session.outbox.endpoints()] == [enrolled.id]  # no inbox: not for sync
    assert packet_only.id != enrolled.id


def test_a_partner_added_by_name_gets_the_cards_keys(session: Session) -> None:
    added = session.sharing.add_partner(PartnerInput("Whānau Ora Collective", PartnerKind.IWI_OR_PACIFIC_PROVIDER,
                                                     False, ""))
    enrolled = session.outbox.enroll_partner(PartnerIdentity("WHANAU ORA COLLECTIVE").card)
    assert enrolled == added  # matched by folded name, the privacy officer's record kept as it was
    with pytest.raises(InvalidInput) as other_key:  # a different key needs a signed rotation
        session.outbox.enroll_partner(PartnerIdentity("Whānau Ora Collective").card)
    assert other_key.value.code == "partner_other_key"


def test_only_a_privacy_officer_enrols(session: Session, data_dir: Path) -> None:
    session.add_worker(name="hemi", display_name="", role=Role.COORDINATOR, passphrase="piwakawaka dances")
    session.lock()
    as_hemi = unlock_store(data_dir, passphrase="piwakawaka dances", worker_name="hemi")
    with pytest.raises(AccessDenied):
        as_hemi.outbox.enroll_partner(PartnerIdentity("Te Whare Awhina").card)
    assert count(as_hemi, "SELECT count(*) FROM partners") == 0
    as_hemi.lock()


def test_rotation_keeps_old_envelopes_and_seals_new_ones_to_the_new_key(session: Session) -> None:
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    consent(session, cid, pid)
    session.outbox.queue_share(cid, pid, "referral")
    old_envelope = session.outbox.seal_next(pid, max_messages=10)
    assert old_envelope is not None
    old_key_id = partner.card.key_id
    [old_message] = partner.open(old_envelope.data)

    forged = sign_rotation(PartnerIdentity("Te Whare Awhina").card, Ed25519PrivateKey.generate(),
                           old_key_id=old_key_id)
    with pytest.raises(InvalidInput) as bad:
        session.outbox.enroll_partner(forged)
    assert bad.value.code == "partner_rotation_invalid"

    assert session.outbox.enroll_partner(partner.rotate()).id == pid
    assert session.audit.recent(1)[0].action == "partner.key_rotate"
    [endpoint] = session.outbox.endpoints()
    assert endpoint.key_id == partner.card.key_id and set(endpoint.receipt_keys) == {old_key_id, partner.card.key_id}
    [pending] = session.outbox.pending(pid)
    assert pending.data == old_envelope.data  # resent as sealed, to the old key
    assert envelope.parse(pending.data).header.recipient_key_id == old_key_id

    session.outbox.queue_share(cid, pid, "referral")
    new_envelope = session.outbox.seal_next(pid, max_messages=10)
    assert new_envelope is not None
    assert envelope.parse(new_envelope.data).header.recipient_key_id == partner.card.key_id
    assert partner.open(new_envelope.data)[0]["fields"]
    # A receipt for the old envelope signed with the old key still verifies.
    _, old_receipt_key, _ = partner.old[0]
    receipt = partner.receipt(old_message, old_envelope.envelope_id, key=old_receipt_key, key_id=old_key_id)
    assert session.outbox.record_receipts(pid, [receipt])[0].state == "acknowledged"
    assert [p.envelope_id for p in session.outbox.pending(pid)] == [new_envelope.envelope_id]
    with pytest.raises(InvalidInput):  # a card replacing a key that is no longer current is not a rotation
        stale = sign_rotation(PartnerIdentity("Te Whare Awhina").card, old_receipt_key, old_key_id=old_key_id)
        session.outbox.enroll_partner(stale)


def test_the_device_card_and_receipt_queries_are_signed_by_the_device_key(session: Session) -> None:
    card = session.outbox.device_card()
    assert parse_sender_card(canonical_json(card.to_json())) == card
    assert card.device_id == session.device_id and card.organisation == session.organisation_name()
    assert card.key_id == session.outbox.sender_key_id
    assert session.outbox.device_card() == card  # stable: the same card every time
    signature = session.outbox.sign_receipt_query("00000000-0000-4000-8000-000000000000")
    card.public_key().verify(unb64u(signature),
                             b"tiaki-receipt-query/1\x00" + b"00000000-0000-4000-8000-000000000000")
