"""Receipts: a message is acknowledged only on a receipt that verifies with the partner's enrolled key and
names a digest this device sealed; anything else raises and stores nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outbox_support import CONTACT, IDENTITY, PartnerIdentity, add_client, agree, consent, count, enrol, shared_client
from tiaki.core.clock import utc_now
from tiaki.core.receipts import ReceiptError
from tiaki.core.sharing import PartnerKind
from tiaki.core.sharing_json import PartnerInput
from tiaki.store.errors import NotFound
from tiaki.store.outbox import ReceiptOutcome
from tiaki.store.sealing import PendingEnvelope
from tiaki.store.session import Session


def _sent(session: Session) -> tuple[str, PartnerIdentity, PendingEnvelope, dict[str, Any]]:
    cid, pid, partner, _ = shared_client(session)
    session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = partner.open(sealed.data)
    return pid, partner, sealed, message


def _snapshot(session: Session) -> tuple[object, ...]:
    return (session._db.query("SELECT id, state, acknowledged_at FROM messages ORDER BY id"),
            session._db.query("SELECT id, state FROM envelopes ORDER BY id"),
            count(session, "SELECT count(*) FROM receipts"), session.audit.count())


def test_a_good_receipt_acknowledges_the_message_and_closes_the_envelope(session: Session) -> None:
    pid, partner, sealed, message = _sent(session)
    receipt = partner.receipt(message, sealed.envelope_id)
    assert session.outbox.record_receipts(pid, [receipt]) == [ReceiptOutcome(message["id"], "acknowledged", "")]
    row = session._db.query_one("SELECT state, acknowledged_at FROM messages WHERE id = ?", (message["id"],))
    assert row is not None and row[0] == "acknowledged" and row[1]
    assert session.outbox.pending(pid) == [] and session.outbox.unacknowledged_sent(pid) == []
    assert session._db.query_one("SELECT status, digest, signature, partner_key_id, device_id FROM receipts") == (
        "accepted", receipt.digest, receipt.signature, partner.card.key_id, session.device_id)
    assert session.audit.recent(1)[0].action == "share.ack"
    duplicate = partner.receipt(message, sealed.envelope_id, status="duplicate")
    assert session.outbox.record_receipts(pid, [duplicate])[0].state == "acknowledged"
    assert count(session, "SELECT count(*) FROM receipts") == 2  # every receipt is kept


@pytest.mark.parametrize("fault", ["bad_signature", "unknown_key", "digest_mismatch", "unknown_message",
                                   "other_partner"])
def test_a_bad_receipt_raises_and_changes_nothing(session: Session, fault: str) -> None:
    pid, partner, sealed, message = _sent(session)
    good = partner.receipt(message, sealed.envelope_id)
    if fault == "bad_signature":
        bad = partner.receipt(message, sealed.envelope_id, key=Ed25519PrivateKey.generate())
    elif fault == "unknown_key":
        bad = partner.receipt(message, sealed.envelope_id, key=Ed25519PrivateKey.generate(), key_id="ab" * 16)
    elif fault == "digest_mismatch":
        bad = partner.receipt(message, sealed.envelope_id, digest="0" * 64)
    elif fault == "unknown_message":
        bad = partner.receipt("00000000-0000-4000-8000-000000000000", sealed.envelope_id, digest="0" * 64)
    else:
        other, _ = enrol(session, "Kāinga Ora")
        with pytest.raises(ReceiptError):  # a receipt for this message from another partner
            session.outbox.record_receipts(other, [good])
        return
    before = _snapshot(session)
    with pytest.raises(ReceiptError) as error:
        session.outbox.record_receipts(pid, [good, bad])  # all or nothing: the good one is not kept either
    assert error.value.code == fault
    assert _snapshot(session) == before
    assert session.outbox.unacknowledged_sent(pid) == [message["id"]]


def test_a_conflict_with_our_earlier_version_counts_as_delivered(session: Session) -> None:
    """The partner holds version 1; a withdrawal made us reseal version 2: it refuses v2 naming v1's digest."""
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    consent(session, cid, pid, IDENTITY)
    withdrawn = consent(session, cid, pid, CONTACT)
    session.outbox.queue_share(cid, pid, "referral")
    first = session.outbox.seal_next(pid, max_messages=10)
    assert first is not None
    session.outbox.record_attempt(first.envelope_id, error="timeout")
    [v1] = partner.open(first.data)
    session.sharing.withdraw_consent(withdrawn)
    revoking = session.outbox.seal_next(pid, max_messages=10)
    second = session.outbox.seal_next(pid, max_messages=10)
    assert revoking is not None and second is not None
    [revocation], [v2] = partner.open(revoking.data), partner.open(second.data)
    conflict = partner.receipt(v2, second.envelope_id, status="rejected", reason="conflict",
                               digest=partner.receipt(v1, first.envelope_id).digest)
    outcomes = session.outbox.record_receipts(pid, [partner.receipt(revocation, revoking.envelope_id), conflict])
    assert [o.state for o in outcomes] == ["acknowledged", "acknowledged"]
    assert session.outbox.pending(pid) == []


def test_conflicts_with_unknown_versions_park_and_revoked_consents_refuse(session: Session) -> None:
    pid, partner, sealed, message = _sent(session)
    unknown = partner.receipt(message, sealed.envelope_id, status="rejected", reason="conflict", digest="1" * 64)
    assert session.outbox.record_receipts(pid, [unknown]) == [ReceiptOutcome(message["id"], "parked", "conflict")]
    assert session.outbox.pending(pid) == []  # answered for: not sent again

    cid = add_client(session)
    consent(session, cid, pid)
    session.outbox.queue_share(cid, pid, "referral")
    refused = session.outbox.seal_next(pid, max_messages=1)
    assert refused is not None
    [second] = partner.open(refused.data)
    revoked = partner.receipt(second, refused.envelope_id, status="rejected", reason="consent_revoked")
    assert session.outbox.record_receipts(pid, [revoked])[0] == ReceiptOutcome(second["id"], "refused",
                                                                               "consent_revoked")
    assert session._db.scalar("SELECT state FROM messages WHERE id = ?", (second["id"],)) == "refused"
    assert session.audit.recent(1)[0].action == "share.refused"


def test_parking_and_the_partner_schedule(session: Session) -> None:
    pid, _, _, message = _sent(session)
    session.outbox.park([message["id"]], "http_400:bad_header")
    assert session._db.query_one("SELECT state, state_reason FROM messages WHERE id = ?", (message["id"],)) == (
        "parked", "http_400:bad_header")
    assert session.outbox.pending(pid) == []
    later = utc_now() + dt.timedelta(minutes=5)
    session.outbox.set_partner_schedule(pid, next_attempt_at=later, failures=2, last_error="http_503")
    [status] = session.outbox.partner_status()
    assert (status.partner_id, status.parked, status.failures, status.last_error) == (pid, 1, 2, "http_503")
    assert status.next_attempt_at is not None and status.last_success_at is None
    session.outbox.set_partner_schedule(pid, next_attempt_at=None, failures=0, last_error=None)
    [status] = session.outbox.partner_status()
    assert status.failures == 0 and status.last_success_at is not None and status.next_attempt_at is None
    assert status.fingerprint.count(" ") == 4


def test_unknown_envelopes_and_answered_messages(session: Session) -> None:
    pid, partner, sealed, message = _sent(session)
    with pytest.raises(NotFound):
        session.outbox.record_attempt("00000000-0000-4000-8000-000000000000", error=None)
    session.outbox.record_receipts(pid, [partner.receipt(message, sealed.envelope_id)])
    session.outbox.park([message["id"]], "http_400")  # already answered for: parking changes nothing
    assert session._db.scalar("SELECT state FROM messages WHERE id = ?", (message["id"],)) == "acknowledged"
    named = session.sharing.add_partner(PartnerInput("Not Enrolled", PartnerKind.NGO, False, "")).id
    assert session.outbox.seal_next(named, max_messages=5) is None and session.outbox.pending(named) == []


def test_a_key_signs_receipts_only_for_what_was_sealed_to_it(session: Session) -> None:
    """After a rotation the old key is still enrolled (old envelopes' receipts verify with it), but a receipt it
    signs for a message sealed only to the new key is refused: a retired key that leaked acknowledges nothing
    new. A refusal must name a digest this device sealed, too."""
    pid, partner, old_envelope, old_message = _sent(session)
    old_key, old_key_id = partner.receipt_private, partner.card.key_id
    session.outbox.enroll_partner(partner.rotate())
    cid = add_client(session)
    consent(session, cid, pid)
    session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [new_message] = partner.open(sealed.data)
    before = _snapshot(session)
    for bad in (partner.receipt(new_message, sealed.envelope_id, key=old_key, key_id=old_key_id),
                partner.receipt(old_message, old_envelope.envelope_id),  # new key, message sealed to the old one
                partner.receipt(new_message, sealed.envelope_id, status="rejected", reason="consent_revoked",
                                digest="0" * 64)):
        with pytest.raises(ReceiptError) as error:
            session.outbox.record_receipts(pid, [bad])
        assert error.value.code == ("digest_mismatch" if bad.reason else "wrong_key")
        assert _snapshot(session) == before
    outcomes = session.outbox.record_receipts(pid, [
        partner.receipt(old_message, old_envelope.envelope_id, key=old_key, key_id=old_key_id),
        partner.receipt(new_message, sealed.envelope_id)])
    assert [o.state for o in outcomes] == ["acknowledged", "acknowledged"]


def test_an_answered_message_is_not_counted_again_nor_audited_for_nothing(session: Session) -> None:
    """An envelope resent after one of its messages was acknowledged (its receipt came by query) does not count
    another attempt for that message; a later refusal of an acknowledged message changes nothing and is not
    audited as a park or refusal (the receipt itself is kept)."""
    cid, pid, partner, _ = shared_client(session)
    first = session.outbox.queue_share(cid, pid, "referral")
    other = add_client(session)
    consent(session, other, pid)
    second = session.outbox.queue_share(other, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None and sealed.message_ids == (first, second)
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    one, two = partner.open(sealed.data)
    session.outbox.record_receipts(pid, [partner.receipt(one, sealed.envelope_id)])
    session.outbox.record_attempt(sealed.envelope_id, error=None)  # resent: the second still waits
    attempts = dict(session._db.query("SELECT id, attempts FROM messages"))
    assert (attempts[first], attempts[second]) == (1, 2)

    entries, receipts = session.audit.count(), count(session, "SELECT count(*) FROM receipts")
    outcome = session.outbox.record_receipts(pid, [partner.receipt(one, sealed.envelope_id, status="rejected",
                                                                   reason="consent_revoked")])
    assert session._db.scalar("SELECT state FROM messages WHERE id = ?", (first,)) == "acknowledged"
    assert session.audit.count() == entries  # nothing changed: no share.refused entry
    assert count(session, "SELECT count(*) FROM receipts") == receipts + 1
    assert outcome == [ReceiptOutcome(first, "refused", "consent_revoked")]
    session.outbox.record_receipts(pid, [partner.receipt(two, sealed.envelope_id, status="rejected",
                                                         reason="consent_revoked")])
    assert session.audit.recent(1)[0].action == "share.refused"  # an open message's refusal is audited
