"""Sealing: the policy engine decides again at the moment of sealing; only what it allows then is sealed, to
the partner's current key; a sealed envelope is resent byte for byte."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from outbox_support import CONTACT, IDENTITY, add_client, agree, consent, count, enrol, shared_client
from support import collected
from tiaki.core import envelope
from tiaki.core.clock import utc_now
from tiaki.core.sharing import Basis
from tiaki.store.session import Session


def _seal_row(session: Session, message_id: str) -> dict[str, object]:
    row = session._db.query_one("SELECT fields, withheld, dropped, consent_ids, digest, envelope_id FROM "
                                "message_seals WHERE message_id = ? ORDER BY sealed_at DESC, rowid DESC LIMIT 1",
                                (message_id,))
    assert row is not None
    return {"fields": json.loads(row[0]), "withheld": json.loads(row[1]), "dropped": json.loads(row[2]),
            "consent_ids": json.loads(row[3]), "digest": row[4], "envelope_id": row[5]}


def test_the_partner_opens_only_permitted_fields_and_resends_are_byte_identical(session: Session) -> None:
    cid, pid, partner, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None and sealed.message_ids == (message_id,) and sealed.attempts == 0
    parsed = envelope.parse(sealed.data)
    envelope.verify_sender(parsed, session.outbox.device_card().public_key())
    assert parsed.header.sender_key_id == session.outbox.sender_key_id
    assert parsed.header.sender_device_id == session.device_id
    assert parsed.header.recipient_key_id == partner.card.key_id
    [message] = partner.open(sealed.data)
    assert message["id"] == message_id and message["kind"] == "share" and message["client_id"] == cid
    assert message["purpose"] == "referral" and message["organisation"] == session.organisation_name()
    assert message["consent_ids"] == [consent_id]
    assert set(message["fields"]) == {"given_name", "family_name", "phone"}  # no health, never case notes
    assert message["fields"]["phone"]["value"] == "027 555 0101"
    assert message["fields"]["given_name"]["basis"] == "consent"
    assert message["fields"]["given_name"]["consent_id"] == consent_id
    seal = _seal_row(session, message_id)
    assert seal["digest"] == envelope.message_digest(message)
    assert seal["withheld"] == {"health_conditions": "no_consent", "case_notes": "never_leaves_device"}
    assert seal["dropped"] == {} and seal["envelope_id"] == sealed.envelope_id
    assert "027 555 0101" not in json.dumps(seal)  # the store keeps bases, never values

    assert session.outbox.seal_next(pid, max_messages=10) is None  # nothing else queued
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [again] = session.outbox.pending(pid)
    assert again.data == sealed.data and again.attempts == 2 and again.message_ids == sealed.message_ids
    assert session.outbox.unacknowledged_sent(pid) == [message_id]
    assert [e.action for e in session.audit.recent(8)].count("share.seal") == 1


def test_sealing_drops_what_is_no_longer_allowed(session: Session) -> None:
    """Allowed when queued; by sealing one consent has run out: those fields are dropped, with the reason."""
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    consent(session, cid, pid, IDENTITY)
    consent(session, cid, pid, CONTACT, expires=utc_now() + dt.timedelta(hours=1))
    message_id = session.outbox.queue_share(cid, pid, "referral")
    later = utc_now() + dt.timedelta(hours=2)
    sealed = session.outbox.seal_next(pid, max_messages=10, now=later)
    assert sealed is not None
    [message] = partner.open(sealed.data)
    assert set(message["fields"]) == {"given_name", "family_name"}
    seal = _seal_row(session, message_id)
    assert seal["dropped"] == {"phone": "consent_expired"}
    assert seal["withheld"]["health_conditions"] == "no_consent"
    drop = [e for e in session.audit.recent(5) if e.action == "share.drop"]
    assert drop and drop[0].detail == {"message_id": message_id, "dropped": {"phone": "consent_expired"}}


def test_a_message_with_nothing_left_is_cancelled(session: Session) -> None:
    cid, pid, _, _ = shared_client(session, valid_until=utc_now() + dt.timedelta(hours=1))
    message_id = session.outbox.queue_share(cid, pid, "referral")
    assert session.outbox.seal_next(pid, max_messages=10, now=utc_now() + dt.timedelta(hours=2)) is None
    state = session._db.query_one("SELECT state, state_reason, envelope_id FROM messages WHERE id = ?",
                                  (message_id,))
    assert state == ("cancelled", "agreement_expired", None)
    assert count(session, "SELECT count(*) FROM envelopes") == 0
    cancel = session.audit.recent(1)[0]
    assert cancel.action == "share.cancel" and cancel.detail == {"message_id": message_id,
                                                                  "reason": "agreement_expired"}


def test_a_value_cleared_after_queueing_is_dropped_and_the_current_value_goes(session: Session) -> None:
    cid, pid, partner, _ = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    session.clients.update(cid, {"phone": None, "family_name": "Havili-Tonga"}, collection=collected(session))
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    [message] = partner.open(sealed.data)
    assert message["fields"]["family_name"]["value"] == "Havili-Tonga"
    assert "phone" not in message["fields"]
    assert _seal_row(session, message_id)["dropped"] == {"phone": "no_value"}


def test_archived_clients_are_not_sent(session: Session) -> None:
    cid, pid, _, _ = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    session.clients.archive(cid)
    assert session.outbox.seal_next(pid, max_messages=10) is None
    assert session._db.query_one("SELECT state, state_reason FROM messages WHERE id = ?", (message_id,)) == (
        "cancelled", "archived_client")


def test_batches_follow_queue_order_and_the_limit(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tiaki.store.sealing._PAGE", 2)  # the queue is read a page at a time
    pid, partner = enrol(session)
    agree(session, pid, basis=Basis.LEGAL_REQUIREMENT)
    clients = [add_client(session) for _ in range(5)]
    ids = [session.outbox.queue_share(c, pid, "referral") for c in clients]
    first = session.outbox.seal_next(pid, max_messages=3)
    second = session.outbox.seal_next(pid, max_messages=3)
    assert first is not None and second is not None
    assert first.message_ids == tuple(ids[:3]) and second.message_ids == tuple(ids[3:])
    assert [m["id"] for m in partner.open(second.data)] == ids[3:]
    assert session.outbox.seal_next(pid, max_messages=3) is None
    assert [p.envelope_id for p in session.outbox.pending(pid)] == [first.envelope_id, second.envelope_id]
    with pytest.raises(ValueError):
        session.outbox.seal_next(pid, max_messages=0)


def test_a_statutory_basis_goes_without_consent(session: Session) -> None:
    cid = add_client(session)
    pid, partner = enrol(session, "Oranga Tamariki")
    agreement_id = agree(session, pid, basis=Basis.LEGAL_REQUIREMENT)
    session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=1)
    assert sealed is not None
    [message] = partner.open(sealed.data)
    assert message["consent_ids"] == []
    assert message["fields"]["health_conditions"] == {"value": "asthma", "basis": "legal_requirement",
                                                       "agreement_id": agreement_id, "consent_id": None}
    assert "case_notes" not in message["fields"]


def test_an_envelope_too_large_for_an_inbox_carries_fewer_messages(session: Session,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pid, partner = enrol(session)
    agree(session, pid, basis=Basis.LEGAL_REQUIREMENT)
    ids = [session.outbox.queue_share(add_client(session), pid, "referral") for _ in range(4)]
    one = session.outbox.seal_next(pid, max_messages=1)
    assert one is not None
    # Each further message adds at least its reference to the (uncompressed) header: 1 message fits, 2 do not.
    monkeypatch.setattr("tiaki.store.sealing.MAX_ENVELOPE_BYTES", len(one.data) + 40)
    smaller = session.outbox.seal_next(pid, max_messages=3)
    assert smaller is not None and smaller.message_ids == (ids[1],)
    assert [m["id"] for m in partner.open(smaller.data)] == [ids[1]]
    assert [r[0] for r in session._db.query("SELECT state FROM messages ORDER BY seq")] == [
        "sealed", "sealed", "queued", "queued"]
