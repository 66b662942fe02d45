"""Receiving referral packets in a second real store: the device's card, trusting a sender, opening, and an
all-or-nothing import whose client carries its provenance and whose consent never permits sharing onward.
Refused packets (unknown sender, another recipient, damaged, altered, imported before, a Bundle this store
cannot take) raise a clear PacketError and leave every table as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outbox_support import PERSON, add_client, agree, consent, enrol
from referral_support import DETAILS, RECEIVER_ORG, SENDER_ORG, ReferralPair, make_store, receiving_store, row_counts
from tiaki.core.cards import new_partner_card, sender_key_id
from tiaki.core.clock import iso
from tiaki.core.packet import PacketError, bundle_bytes, seal_packet
from tiaki.core.roles import AccessDenied, Role
from tiaki.core.sharing import PartnerKind
from tiaki.store.referrals import ExportedPacket
from tiaki.store.session import Session, unlock_store

SENT = {"given_name", "family_name", "phone"}


@pytest.fixture
def pair(session: Session, tmp_path: Path) -> Iterator[ReferralPair]:
    session.set_organisation_name(SENDER_ORG)
    made = receiving_store(session, tmp_path / "receiver")
    yield made
    made.receiver.lock()


def _export(pair: ReferralPair) -> ExportedPacket:
    return pair.sender.referrals.export(pair.client_id, pair.partner_id, "referral", DETAILS)


def _refused(pair: ReferralPair, data: bytes, code: str) -> PacketError:
    """Both open and import refuse ``data`` with ``code``, and nothing in the receiving store changes."""
    before = row_counts(pair.receiver)
    with pytest.raises(PacketError) as opened:
        pair.receiver.referrals.open(data)
    with pytest.raises(PacketError) as imported:
        pair.receiver.referrals.import_packet(data)
    assert (opened.value.code, imported.value.code) == (code, code)
    assert row_counts(pair.receiver) == before
    message = str(imported.value)
    assert "\n" not in message and message
    for value in PERSON.values():
        assert str(value) not in message
    return imported.value


def _resealed(pair: ReferralPair, packet: ExportedPacket, change: Callable[[dict[str, Any]], None]) -> bytes:
    """The packet's Bundle changed by ``change``, signed with the sender's real key and sealed to the receiver:
    everything about it is genuine but its content."""
    bundle = copy.deepcopy(packet.bundle)
    change(bundle)
    _, key = pair.sender._device()
    return seal_packet(bundle_bytes(bundle), packet_id=packet.packet_id, created_at=iso(packet.created_at),
                       organisation=packet.organisation, device_id=pair.sender.device_id, signing_key=key,
                       recipient=pair.receiver.referrals.receiving_card())


def _resource(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    [resource] = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
    return resource


def _field_part(bundle: dict[str, Any], key: str, part: str) -> dict[str, Any]:
    for field in _resource(bundle, "Patient")["extension"]:
        parts = {p["url"]: p for p in field.get("extension", [])}
        if parts.get("key", {}).get("valueCode") == key:
            return parts[part]
    raise AssertionError(f"no field {key}")


def test_the_receiving_card_is_stable_and_packet_only(pair: ReferralPair) -> None:
    card = pair.receiver.referrals.receiving_card()
    assert card.inbox_url is None and card.name == RECEIVER_ORG and card.kind is PartnerKind.NGO
    assert pair.receiver.referrals.receiving_card() == card
    named = pair.receiver.referrals.receiving_card(name="Te Puna (intake)", kind=PartnerKind.HEALTH_PROVIDER)
    assert named.key_id == card.key_id and named.name == "Te Puna (intake)"
    identity = pair.receiver._db.scalar("SELECT age_identity FROM device")
    assert str(identity).startswith("AGE-SECRET-KEY-1")


def test_trusting_a_sender(pair: ReferralPair, tmp_path: Path) -> None:
    device = pair.sender.outbox.device_card()
    [trusted] = pair.receiver.referrals.trusted_senders()
    assert (trusted.key_id, trusted.organisation, trusted.device_id) == (device.key_id, SENDER_ORG, device.device_id)
    assert trusted.fingerprint == device.fingerprint()
    before = row_counts(pair.receiver)
    assert pair.receiver.referrals.trust_sender(device) == trusted  # the same key again: nothing changes
    assert row_counts(pair.receiver) == before
    entries = pair.receiver._db.query("SELECT subject_id, detail FROM audit_log WHERE action = 'sender.trust'")
    assert [(e[0], json.loads(e[1])["device_id"]) for e in entries] == [(device.key_id, device.device_id)]
    pair.receiver.add_worker(name="hemi", display_name="", role=Role.COORDINATOR, passphrase="piwakawaka dances")
    pair.receiver.lock()
    as_hemi = unlock_store(tmp_path / "receiver", passphrase="piwakawaka dances", worker_name="hemi")
    other = make_store(tmp_path / "other", "Another Referrer")
    with pytest.raises(AccessDenied):  # trusting a sender is the privacy officer's call
        as_hemi.referrals.trust_sender(other.outbox.device_card())
    assert len(as_hemi.referrals.trusted_senders()) == 1
    as_hemi.lock()
    other.lock()


def test_import_creates_a_client_with_provenance_and_a_received_consent(pair: ReferralPair) -> None:
    packet = _export(pair)
    receiver = pair.receiver
    before = row_counts(receiver)
    received = receiver.referrals.open(packet.data)
    assert row_counts(receiver) == before  # opening writes nothing
    assert received.packet_id == packet.packet_id and received.sender.organisation == SENDER_ORG
    assert received.sender.fingerprint == pair.sender.outbox.device_card().fingerprint()
    assert received.referral.purpose == "referral" and received.referral.details == DETAILS.checked()
    assert {k: v.value for k, v in received.referral.fields.items()} == {k: PERSON[k] for k in SENT}
    assert dict(received.referral.withheld) == {"health_conditions": "no_consent",
                                                "case_notes": "never_leaves_device"}

    client_id = receiver.referrals.import_packet(packet.data)
    record = receiver.clients.get(client_id)
    assert {k: v.value for k, v in record.values.items()} == {k: PERSON[k] for k in SENT}
    for value in record.values.values():
        assert value.source == "other" and value.purposes == frozenset({"referral"})
        assert value.source_detail == f"{SENDER_ORG} — Referral packet {packet.packet_id[:8]}"
    event = receiver._db.query_one("SELECT purposes, source, notice_version, notice_language, notice_hash, "
                                   "notice_timing FROM collection_events WHERE client_id = ?", (client_id,))
    sender_notice = pair.sender._db.query_one(
        "SELECT notice_version, notice_language, notice_hash, notice_timing FROM collection_events "
        "WHERE client_id = ?", (pair.client_id,))
    assert event is not None and sender_notice is not None
    assert (json.loads(event[0]), event[1]) == (["referral"], "other") and event[2:] == sender_notice

    [received_consent] = receiver.sharing.consents(client_id)
    given = pair.sender.sharing.consent(pair.consent_id)
    assert received_consent.received_from == SENDER_ORG and received_consent.controller == SENDER_ORG
    assert received_consent.recipients == frozenset() and received_consent.permit
    assert (received_consent.purposes, received_consent.categories) == (given.purposes, given.categories)
    assert (received_consent.given_at, received_consent.method, received_consent.given_by) == (
        given.given_at, given.method, given.given_by)
    assert [e.kind.value for e in received_consent.events] == ["given"]
    assert receiver._db.scalar("SELECT received_packet_id FROM consents WHERE id = ?",
                               (received_consent.id,)) == packet.packet_id
    assert pair.sender.sharing.consents(pair.client_id)[0].received_from is None

    row = receiver._db.query_one("SELECT sender_key_id, client_id, bundle_sha256, imported_by FROM received_packets "
                                 "WHERE packet_id = ?", (packet.packet_id,))
    assert row == (received.sender.key_id, client_id, received.bundle_sha256, receiver.worker.id)
    [entry] = receiver._db.query("SELECT subject_id, detail FROM audit_log WHERE action = 'referral.import'")
    detail = json.loads(entry[1])
    assert entry[0] == client_id and detail["packet_id"] == packet.packet_id
    assert (detail["sender_key_id"], detail["client_id"], detail["fields"]) == (
        received.sender.key_id, client_id, sorted(SENT))
    assert receiver._db.scalar("SELECT count(*) FROM audit_log WHERE action = 'client.create' AND subject_id = ?",
                               (client_id,)) == 1

    # The received consent never lets this store share the client onward, even to the very partner kind and
    # purpose it names: it has no recipients here.
    onward, _ = enrol(receiver, "Onward NGO")
    agree(receiver, onward)
    decision = receiver.sharing.preview(client_id, onward, "referral")
    assert not decision.allowed and {w.reason.value for w in decision.withheld} == {"no_consent"}
    with pytest.raises(Exception) as nothing:
        receiver.outbox.queue_share(client_id, onward, "referral")
    assert getattr(nothing.value, "code", None) == "nothing_to_share"

    _refused(pair, packet.data, "already_imported")


def test_import_assigns_the_client(pair: ReferralPair) -> None:
    receiver = pair.receiver
    tama = receiver.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    client_id = receiver.referrals.import_packet(_export(pair).data, assign_to=tama.id)
    assert receiver.clients.get(client_id).assigned_worker_id == tama.id


def test_a_supervisor_cannot_import(pair: ReferralPair, tmp_path: Path) -> None:
    pair.receiver.add_worker(name="rangi", display_name="", role=Role.SUPERVISOR, passphrase="ruru calls at night")
    data = _export(pair).data
    pair.receiver.lock()
    as_rangi = unlock_store(tmp_path / "receiver", passphrase="ruru calls at night", worker_name="rangi")
    before = row_counts(as_rangi)
    assert as_rangi.referrals.open(data).referral.purpose == "referral"  # (reading is allowed)
    with pytest.raises(AccessDenied):
        as_rangi.referrals.import_packet(data)
    assert row_counts(as_rangi) == before
    as_rangi.lock()


def test_an_unknown_sender_is_refused(session: Session, tmp_path: Path) -> None:
    session.set_organisation_name(SENDER_ORG)
    untrusted = receiving_store(session, tmp_path / "receiver", trust=False)
    packet = untrusted.sender.referrals.export(untrusted.client_id, untrusted.partner_id, "referral", DETAILS)
    _refused(untrusted, packet.data, "unknown_sender")
    # Another device of the same organisation, or a key that merely claims the name, is not trusted either.
    lookalike = make_store(tmp_path / "lookalike", SENDER_ORG)
    untrusted.receiver.referrals.trust_sender(lookalike.outbox.device_card())
    _refused(untrusted, packet.data, "unknown_sender")
    lookalike.lock()
    untrusted.receiver.lock()


def test_a_packet_for_another_organisation_is_refused(pair: ReferralPair, tmp_path: Path) -> None:
    other = make_store(tmp_path / "third", "Third Trust")
    third_id = pair.sender.outbox.enroll_partner(other.referrals.receiving_card()).id
    agree(pair.sender, third_id)
    consent(pair.sender, pair.client_id, third_id)
    for_third = pair.sender.referrals.export(pair.client_id, third_id, "referral", DETAILS)
    _refused(pair, for_third.data, "not_for_us")
    with pytest.raises(PacketError) as there:  # the third opens it (and does not trust the sender)
        other.referrals.open(for_third.data)
    assert there.value.code == "unknown_sender"
    other.lock()


def test_a_packet_addressed_to_another_card_for_the_same_key_is_refused(pair: ReferralPair) -> None:
    """Sealed to this device's age key, but the signed header names another card: recipient_mismatch."""
    card = pair.receiver.referrals.receiving_card()
    other_key = Ed25519PrivateKey.generate().public_key()
    lookalike = new_partner_card(name="Lookalike Trust", kind=PartnerKind.NGO, overseas=False, inbox_url=None,
                                 age_recipient=card.age_recipient, receipt_key=other_key, created_at=card.created_at)
    lookalike_id = pair.sender.outbox.enroll_partner(lookalike).id
    agree(pair.sender, lookalike_id)
    consent(pair.sender, pair.client_id, lookalike_id)
    packet = pair.sender.referrals.export(pair.client_id, lookalike_id, "referral", DETAILS)
    _refused(pair, packet.data, "recipient_mismatch")


@pytest.mark.parametrize("damage", ["truncated", "half", "flipped", "empty", "garbage", "header_only", "appended"])
def test_damaged_packets_are_refused(pair: ReferralPair, damage: str) -> None:
    data = _export(pair).data
    damaged = {
        "truncated": data[:-1], "half": data[:len(data) // 2],
        "flipped": data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0x01]) + data[len(data) // 2 + 1:],
        "empty": b"", "garbage": b"\x00\xff" * 500, "header_only": b"age-encryption.org/v1\n",
        "appended": data + b"\x00",
    }[damage]
    error = _refused(pair, damaged, "not_a_packet")
    assert error.code == "not_a_packet"


def _unexpected_resource(bundle: dict[str, Any]) -> None:
    bundle["entry"].append({"fullUrl": "urn:uuid:2f1c4f0e-9f43-4c49-8b0e-0d7e3c1c0a11",
                            "resource": {"resourceType": "Observation", "status": "final",
                                         "code": {"text": "smuggled"}}})


def _unknown_field(bundle: dict[str, Any]) -> None:
    _field_part(bundle, "phone", "key")["valueCode"] = "favourite_colour"


def _refused_value(bundle: dict[str, Any]) -> None:
    _field_part(bundle, "phone", "value")["valueString"] = "call me maybe"


def _unknown_purpose(bundle: dict[str, Any]) -> None:
    for extension in _resource(bundle, "ServiceRequest")["extension"]:
        if extension["url"].endswith("/purpose"):
            extension["valueCode"] = "world_domination"


def _no_given_name(bundle: dict[str, Any]) -> None:
    patient = _resource(bundle, "Patient")
    patient["extension"] = [f for f in patient["extension"]
                            if {"url": "key", "valueCode": "given_name"} not in f["extension"]]


@pytest.mark.parametrize("change", [_unexpected_resource, _unknown_field, _refused_value, _unknown_purpose,
                                    _no_given_name])
def test_a_bundle_this_store_cannot_take_is_refused(pair: ReferralPair, change: Callable[[dict[str, Any]], None]
                                                     ) -> None:
    packet = _export(pair)
    assert pair.receiver.referrals.open(_resealed(pair, packet, lambda b: None)).packet_id == packet.packet_id
    _refused(pair, _resealed(pair, packet, change), "bundle_invalid")


def test_a_bundle_signed_by_another_key_is_refused(pair: ReferralPair) -> None:
    """A self-consistent packet (the Bundle names the signing key) from a key this store never trusted."""
    packet = _export(pair)
    key = Ed25519PrivateKey.generate()
    bundle = copy.deepcopy(packet.bundle)
    _resource(bundle, "Provenance")["agent"][0]["onBehalfOf"]["identifier"]["value"] = sender_key_id(key.public_key())
    forged = seal_packet(bundle_bytes(bundle), packet_id=packet.packet_id, created_at=iso(packet.created_at),
                         organisation=packet.organisation, device_id=pair.sender.device_id, signing_key=key,
                         recipient=pair.receiver.referrals.receiving_card())
    _refused(pair, forged, "unknown_sender")


def test_an_altered_bundle_fails_its_signature(pair: ReferralPair) -> None:
    """Someone holding the receiver's key changes a value and encrypts the packet again: the sender's
    signature over the Bundle no longer matches."""
    packet = _export(pair)
    identity = pyrage.x25519.Identity.from_str(str(pair.receiver._db.scalar("SELECT age_identity FROM device")))
    header, body, signed, _ = pyrage.decrypt(packet.data, [identity]).split(b"\n")
    altered = body.replace(b"027 555 0101", b"027 555 0199")
    assert altered != body
    recipient = pyrage.x25519.Recipient.from_str(str(identity.to_public()))
    _refused(pair, pyrage.encrypt(header + b"\n" + altered + b"\n" + signed + b"\n", [recipient]), "bad_signature")


def test_nothing_is_left_when_the_import_fails_at_its_last_write(pair: ReferralPair) -> None:
    """All or nothing: the audit entry refused (a full disk) undoes the client, its consents and the packet."""
    data = _export(pair).data
    receiver = pair.receiver
    before = row_counts(receiver)
    with receiver._db.transaction() as tx:
        tx.execute("CREATE TEMP TRIGGER fail_import BEFORE INSERT ON audit_log WHEN NEW.action = 'referral.import' "
                   "BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
    with pytest.raises(Exception, match="audit refused"):
        receiver.referrals.import_packet(data)
    assert row_counts(receiver) == before
    with receiver._db.transaction() as tx:
        tx.execute("DROP TRIGGER fail_import")
    assert receiver.referrals.import_packet(data)


def test_a_client_added_here_is_unaffected(pair: ReferralPair) -> None:
    """Sanity: the receiving store still creates its own clients as before (create shares create_in)."""
    client_id = add_client(pair.receiver)
    assert pair.receiver.clients.get(client_id).values["given_name"].source == "person"
