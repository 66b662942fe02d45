"""Exporting a referral packet from the store: who may, to whom, what goes in it, what the store keeps of it
(sharing history on channel 'packet', the audit log), and that sync never picks a packet up."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyrage
import pytest

from outbox_support import PERSON, PartnerIdentity, add_client, agree, consent, count
from referral_support import DETAILS, coordinator_store, packet_partner, referral_setup
from support import collected
from sync_support import sync_world
from tiaki.core.packet import PacketError, bundle_bytes, open_packet
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import AccessDenied, Role
from tiaki.core.sharing import Basis
from tiaki.core.sharing_json import PartnerInput
from tiaki.store.errors import InvalidInput, NotFound
from tiaki.store.session import Session, unlock_store

ALLOWED = {"given_name", "family_name", "phone"}
WITHHELD = {"health_conditions": "no_consent", "case_notes": "never_leaves_device"}
WRITES = ("envelopes", "messages", "message_seals", "audit_log")


def _counts(session: Session) -> dict[str, int]:
    return {t: count(session, f"SELECT count(*) FROM {t}") for t in WRITES}


def _audit(session: Session, action: str) -> list[dict[str, object]]:
    return [{"subject_id": r[0], **json.loads(r[1])} for r in session._db.query(
        "SELECT subject_id, detail FROM audit_log WHERE action = ? ORDER BY seq", (action,))]


def test_a_coordinator_exports_to_a_packet_only_partner(data_dir: Path) -> None:
    session, ref = coordinator_store(data_dir)
    steps: list[tuple[int, int]] = []
    packet = session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS,
                                      progress=lambda done, total: steps.append((done, total)))
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1] and steps == sorted(steps)
    assert set(packet.fields) == ALLOWED and dict(packet.withheld) == WITHHELD
    assert {k: v.value for k, v in packet.fields.items()} == {k: PERSON[k] for k in ALLOWED}
    assert {v.basis for v in packet.fields.values()} == {"consent"}
    assert {v.consent_id for v in packet.fields.values()} == {ref.consent_id}
    assert (packet.client_id, packet.partner_id, packet.purpose, packet.partner_name) == (
        ref.client_id, ref.partner_id, "referral", "Te Whare Awhina")
    assert packet.coordinator_name == "Hemi Walker" and packet.organisation == "Whānau Support Kirikiriroa"
    assert packet.language == "en" and packet.details == DETAILS.checked()
    assert packet.decision.allowed_fields and set(packet.decision.allowed_fields) == ALLOWED

    # Only the partner opens it, and it holds the permitted values and nothing withheld.
    opened = ref.open(packet.data)
    assert opened.header.packet_id == packet.packet_id and opened.bundle == packet.bundle
    assert opened.header.recipient_key_id == ref.partner.card.key_id
    plain = ref.plaintext(packet.data)
    for key in ALLOWED:
        assert str(PERSON[key]).encode() in plain
    for key in WITHHELD:
        assert str(PERSON[key]).encode() not in plain
    with pytest.raises(PacketError) as other:
        open_packet(packet.data, [pyrage.x25519.Identity.generate()])
    assert other.value.code == "not_for_us"

    # The store keeps the sealed bytes, the message on channel 'packet' and what went on which basis.
    envelope = session._db.query_one("SELECT state, channel, data, partner_id, recipient_key_id, attempts "
                                     "FROM envelopes WHERE id = ?", (packet.packet_id,))
    assert envelope is not None
    assert envelope[:2] == ("acknowledged", "packet") and bytes(envelope[2]) == packet.data
    assert envelope[3:] == (ref.partner_id, ref.partner.card.key_id, 0)
    message = session._db.query_one("SELECT channel, kind, state, envelope_id, attempts, last_attempt_at, created_at "
                                    "FROM messages WHERE id = ?", (packet.message_id,))
    assert message is not None and message[:5] == ("packet", "share", "sealed", packet.packet_id, 1)
    assert message[5] == message[6]
    [seal] = session._db.query("SELECT digest, fields, withheld, dropped, consent_ids FROM message_seals "
                               "WHERE message_id = ?", (packet.message_id,))
    assert seal[0] == hashlib.sha256(bundle_bytes(packet.bundle)).hexdigest() == opened.header.bundle_sha256
    assert set(json.loads(seal[1])) == ALLOWED and json.loads(seal[2]) == WITHHELD and json.loads(seal[3]) == {}
    assert json.loads(seal[4]) == [ref.consent_id]
    stored = json.dumps([list(r) for r in session._db.query("SELECT * FROM messages")], default=str)
    stored += json.dumps([list(r) for r in session._db.query("SELECT * FROM message_seals")], default=str)
    for value in PERSON.values():
        assert str(value) not in stored

    [shown] = session.outbox.history(client_id=ref.client_id)
    assert (shown.channel, shown.kind, shown.state, shown.sent, shown.envelope_id) == (
        "packet", "share", "sealed", True, packet.packet_id)
    assert {f.field for f in shown.fields} == ALLOWED and dict(shown.withheld) == WITHHELD
    assert shown.consent_ids == (ref.consent_id,) and shown.worker_name == "Hemi Walker"
    [status] = session.outbox.client_status(ref.client_id)
    assert (status.channel, status.state, set(status.fields_sent)) == ("packet", "sealed", ALLOWED)
    [sync_status] = [s for s in session.outbox.partner_status() if s.partner_id == ref.partner_id]
    assert (sync_status.queued, sync_status.sent, sync_status.acknowledged) == (0, 0, 0)

    [entry] = _audit(session, "referral.export")
    assert entry == {"subject_id": ref.client_id, "message_id": packet.message_id, "packet_id": packet.packet_id,
                     "partner_id": ref.partner_id, "purpose": "referral", "fields": sorted(ALLOWED),
                     "withheld": WITHHELD, "needs_review": False}
    session.lock()


def test_the_packet_again_is_the_same_bytes_and_forms_are_audited(session: Session) -> None:
    ref = referral_setup(session)
    packet = session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
    assert session.referrals.packet_data(packet.message_id) == packet.data
    assert session.referrals.packet_data(packet.message_id) == packet.data
    session.referrals.record_form(packet.message_id, saved_pdf=False)
    session.referrals.record_form(packet.message_id, saved_pdf=True)
    detail = {"subject_id": ref.client_id, "message_id": packet.message_id, "packet_id": packet.packet_id}
    assert _audit(session, "referral.packet_again") == [detail, detail]
    printed, saved = _audit(session, "referral.form_print"), _audit(session, "referral.form_save")
    # Each form is a disclosure of its own in the sharing history, named in its audit entry.
    prints = {str(r[0]): str(r[1]) for r in session._db.query(
        "SELECT id, kind FROM disclosures WHERE channel = 'print' AND message_id = ?", (packet.message_id,))}
    assert printed == [{**detail, "disclosure_id": printed[0]["disclosure_id"]}]
    assert saved == [{**detail, "disclosure_id": saved[0]["disclosure_id"]}]
    assert prints == {printed[0]["disclosure_id"]: "print", saved[0]["disclosure_id"]: "pdf"}
    # A sync message is not a packet: neither call knows it.
    cid = add_client(session)
    inbox_pid = session.outbox.enroll_partner(PartnerIdentity("Inbox Trust").card).id
    agree(session, inbox_pid)
    consent(session, cid, inbox_pid)
    sync_message = session.outbox.queue_share(cid, inbox_pid, "referral")
    with pytest.raises(NotFound):
        session.referrals.packet_data(sync_message)
    with pytest.raises(NotFound):
        session.referrals.record_form(sync_message, saved_pdf=True)


def test_roles(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    mere = session.add_worker(name="mere", display_name="", role=Role.CASEWORKER, passphrase="tui in the kowhai")
    session.add_worker(name="rangi", display_name="", role=Role.SUPERVISOR, passphrase="ruru calls at night")
    pid, _ = packet_partner(session)
    tamas = add_client(session, assign_to=tama.id)
    meres = add_client(session, assign_to=mere.id)
    consent(session, tamas, pid)
    consent(session, meres, pid)
    packet = session.referrals.export(tamas, pid, "referral", DETAILS)
    session.lock()

    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    before = _counts(as_tama)
    with pytest.raises(AccessDenied):
        as_tama.referrals.export(meres, pid, "referral", DETAILS)
    assert _counts(as_tama) == before
    assert as_tama.referrals.export(tamas, pid, "referral", DETAILS).fields
    assert as_tama.referrals.packet_data(packet.message_id) == packet.data
    as_tama.lock()
    as_mere = unlock_store(data_dir, passphrase="tui in the kowhai", worker_name="mere")
    with pytest.raises(AccessDenied):  # not her client's packet
        as_mere.referrals.packet_data(packet.message_id)
    with pytest.raises(AccessDenied):
        as_mere.referrals.record_form(packet.message_id, saved_pdf=False)
    as_mere.lock()
    as_rangi = unlock_store(data_dir, passphrase="ruru calls at night", worker_name="rangi")
    before = _counts(as_rangi)
    with pytest.raises(AccessDenied):  # supervisors review; they do not act on records
        as_rangi.referrals.export(tamas, pid, "referral", DETAILS)
    assert _counts(as_rangi) == before
    as_rangi.lock()


def test_refusals_write_nothing(session: Session) -> None:
    ref = referral_setup(session)
    named_only = session.sharing.add_partner(PartnerInput("Named Only Trust", ref.partner.card.kind, False, "")).id
    agree(session, named_only)
    consent(session, ref.client_id, named_only)
    unconsented = add_client(session)
    before = _counts(session)
    cases: list[tuple[str, str, str, ReferralDetails, str]] = [
        (ref.client_id, named_only, "referral", DETAILS, "partner_not_enrolled"),
        (unconsented, ref.partner_id, "referral", DETAILS, "nothing_to_share"),
        (ref.client_id, ref.partner_id, "housing_support", DETAILS, "nothing_to_share"),  # not agreed for it
        (ref.client_id, ref.partner_id, "no_such_purpose", DETAILS, "unknown_purpose"),
        (ref.client_id, "no-such-partner", "referral", DETAILS, "no_such_partner"),
        (ref.client_id, ref.partner_id, "referral", ReferralDetails(urgency="whenever"), "field"),
        (ref.client_id, ref.partner_id, "referral", ReferralDetails(reason="a\u202eb"), "field"),
    ]
    for client_id, partner_id, purpose, details, code in cases:
        with pytest.raises(InvalidInput) as refused:
            session.referrals.export(client_id, partner_id, purpose, details)
        assert refused.value.code == code
        for value in PERSON.values():
            assert str(value) not in str(refused.value)
    assert _counts(session) == before
    session.clients.archive(ref.client_id)
    before = _counts(session)
    with pytest.raises(InvalidInput) as archived:
        session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
    assert archived.value.code == "archived_client"
    assert _counts(session) == before
    assert count(session, "SELECT count(*) FROM messages") == 0


def test_a_statutory_basis(session: Session) -> None:
    """What goes follows the engine at the clock's now: a legal requirement covers identity without consent."""
    pid, _ = packet_partner(session, "Oranga Tamariki (test)", basis=Basis.LEGAL_REQUIREMENT,
                            categories=frozenset({"identity"}))
    cid = add_client(session)
    packet = session.referrals.export(cid, pid, "referral", DETAILS)
    assert set(packet.fields) == {"given_name", "family_name"}
    assert {v.basis for v in packet.fields.values()} == {"legal_requirement"}
    assert packet.withheld["phone"] == "not_covered"
    [request] = [e for e in packet.bundle["entry"] if e["resource"]["resourceType"] == "ServiceRequest"]
    assert request["resource"]["priority"] == "urgent"


def test_the_packet_is_not_handed_out_again_once_its_basis_has_gone(session: Session) -> None:
    ref = referral_setup(session)
    packet = session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
    session.clients.archive(ref.client_id)
    before = _counts(session)
    with pytest.raises(InvalidInput) as refused:
        session.referrals.packet_data(packet.message_id)
    assert refused.value.code == "nothing_to_share" and _counts(session) == before


def test_a_withdrawal_leaves_the_exported_packet_as_it_left(session: Session) -> None:
    """The packet left by hand: a later withdrawal cannot requeue or cancel it (history must keep saying what
    went), but it is not handed out again."""
    ref = referral_setup(session)
    packet = session.referrals.export(ref.client_id, ref.partner_id, "referral", DETAILS)
    session.sharing.withdraw_consent(ref.consent_id)
    assert session._db.query_one("SELECT state, envelope_id FROM messages WHERE id = ?",
                                 (packet.message_id,)) == ("sealed", packet.packet_id)
    with pytest.raises(InvalidInput) as refused:
        session.referrals.packet_data(packet.message_id)
    assert refused.value.code == "nothing_to_share"


def test_edits_after_a_packet_do_not_follow_it(session: Session) -> None:
    """A packet is a one-off: even where the agreement lets updates flow (to a partner that also has an inbox),
    an edit after the referral queues nothing for that partner."""
    partner = PartnerIdentity("Kāinga Housing Trust", inbox_url="http://127.0.0.1:9/")
    partner_id = session.outbox.enroll_partner(partner.card).id
    agree(session, partner_id, updates_flow=True)
    client_id = add_client(session, ("case_management", "referral"))
    consent(session, client_id, partner_id)
    session.referrals.export(client_id, partner_id, "referral", DETAILS)
    before = count(session, "SELECT count(*) FROM messages")
    session.clients.update(client_id, {"phone": "027 555 0202"}, collection=collected(session))
    assert count(session, "SELECT count(*) FROM messages") == before


def test_sync_never_touches_packets(session: Session, tmp_path: Path) -> None:
    """A sync run with a packet-only partner enrolled and a packet exported to a partner that has an inbox:
    the packets stay as exported (never sealed again, sent, counted or asked about), sync's shares arrive."""
    packet_only = referral_setup(session, "Kāinga Packet Trust")
    offline = session.referrals.export(packet_only.client_id, packet_only.partner_id, "referral", DETAILS)
    with sync_world(session, tmp_path) as world:
        [cid] = world.add_clients(1)
        to_inbox = session.referrals.export(cid, world.partner_id, "referral", DETAILS)
        shares = world.queue(2)
        packets = {offline.message_id: offline, to_inbox.message_id: to_inbox}
        before = {r[0]: r[1:] for r in session._db.query(
            "SELECT m.id, m.state, m.attempts, m.last_attempt_at, m.envelope_id, e.state, e.attempts, e.data "
            "FROM messages m JOIN envelopes e ON e.id = m.envelope_id WHERE m.channel = 'packet'")}
        assert set(before) == set(packets)
        assert [e.partner_id for e in session.outbox.endpoints()] == [world.partner_id]
        assert session.outbox.pending(world.partner_id) == []
        assert session.outbox.unacknowledged_sent(world.partner_id) == []

        report = world.engine().run_once()
        assert report.complete
        [result] = report.partners
        assert (result.partner_id, result.acknowledged, result.waiting) == (world.partner_id, 2, 0)
        assert set(world.stored()) == set(shares)  # the inbox never saw a packet
        assert world.states()[to_inbox.message_id] == "sealed"
        after = {r[0]: r[1:] for r in session._db.query(
            "SELECT m.id, m.state, m.attempts, m.last_attempt_at, m.envelope_id, e.state, e.attempts, e.data "
            "FROM messages m JOIN envelopes e ON e.id = m.envelope_id WHERE m.channel = 'packet'")}
        assert after == before
        assert count(session, "SELECT count(*) FROM message_seals s JOIN messages m ON m.id = s.message_id "
                              "WHERE m.channel = 'packet'") == 2
        world.assert_invariants(all_acknowledged=False)
        assert {m: s for m, s in world.states().items() if m in shares} == dict.fromkeys(shares, "acknowledged")
        [status] = [s for s in session.outbox.partner_status() if s.partner_id == world.partner_id]
        assert (status.acknowledged, status.queued, status.sent) == (2, 0, 0)
        history = {d.message_id: d for d in session.outbox.history()}
        assert {history[m].channel for m in packets} == {"packet"}
        assert {history[m].channel for m in shares} == {"sync"}
