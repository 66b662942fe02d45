"""A consent withdrawal, in its own transaction, cancels or re-decides what has not been acknowledged and
queues revocations to partners that were sent data under it."""

from __future__ import annotations

import json

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from outbox_support import (
    CONTACT,
    IDENTITY,
    add_client,
    agree,
    allow_audit,
    consent,
    count,
    enrol,
    fail_audit_on,
    shared_client,
)
from tiaki.core import envelope
from tiaki.core.sharing import ConsentStatus
from tiaki.store.session import Session


def _state(session: Session, message_id: str) -> tuple[str, str]:
    row = session._db.query_one("SELECT state, state_reason FROM messages WHERE id = ?", (message_id,))
    assert row is not None
    return row[0], row[1]


def _revocations(session: Session) -> list[tuple[str, str, list[str]]]:
    return [(r[0], r[1], json.loads(r[2])) for r in session._db.query(
        "SELECT partner_id, consent_id, revokes FROM messages WHERE kind = 'revocation' ORDER BY seq")]


def test_a_queued_message_relying_only_on_the_consent_is_cancelled(session: Session) -> None:
    cid, pid, _, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    session.sharing.withdraw_consent(consent_id)
    assert _state(session, message_id) == ("cancelled", "consent_withdrawn")
    assert _revocations(session) == []  # nothing had left the device
    assert session.outbox.seal_next(pid, max_messages=10) is None


def test_a_sealed_unsent_envelope_is_superseded_and_nothing_is_revoked(session: Session) -> None:
    cid, pid, _, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.sharing.withdraw_consent(consent_id)
    assert _state(session, message_id) == ("cancelled", "consent_withdrawn")
    assert session._db.scalar("SELECT state FROM envelopes WHERE id = ?", (sealed.envelope_id,)) == "superseded"
    assert session.outbox.pending(pid) == []
    assert _revocations(session) == []


def test_sent_data_is_revoked_and_what_remains_is_resealed_under_the_same_id(session: Session) -> None:
    cid = add_client(session)
    pid, partner = enrol(session)
    other, _ = enrol(session, "Kāinga Ora")
    agree(session, pid)
    agree(session, other)
    keep = consent(session, cid, pid, IDENTITY)
    withdrawn = consent(session, cid, pid, CONTACT)
    consent(session, cid, other, IDENTITY | CONTACT)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    other_message = session.outbox.queue_share(cid, other, "referral")
    first = session.outbox.seal_next(pid, max_messages=10)
    assert first is not None
    session.outbox.record_attempt(first.envelope_id, error="connection reset")  # it may have arrived

    session.sharing.withdraw_consent(withdrawn)
    assert _state(session, message_id) == ("queued", "")
    assert session._db.scalar("SELECT state FROM envelopes WHERE id = ?", (first.envelope_id,)) == "superseded"
    assert _state(session, other_message) == ("queued", "")  # another partner's consent is untouched
    [(to, consent_id, revokes)] = _revocations(session)
    assert (to, consent_id, revokes) == (pid, withdrawn, [message_id])
    actions = [e.action for e in session.audit.recent(3)]
    assert "revocation.queue" in actions and "share.requeue" in actions and "consent.withdraw" in actions

    second = session.outbox.seal_next(pid, max_messages=10)
    assert second is not None and second.envelope_id != first.envelope_id
    revocation, share = partner.open(second.data)
    assert revocation["kind"] == "revocation" and revocation["consent_id"] == withdrawn
    assert revocation["message_ids"] == [message_id] and revocation["client_id"] == cid
    assert revocation["withdrawn_at"] == session.sharing.consent(withdrawn).events[-1].at.isoformat(
        timespec="milliseconds")
    assert share["id"] == message_id and set(share["fields"]) == {"given_name", "family_name"}
    assert share["consent_ids"] == [keep]
    seals = session._db.query("SELECT envelope_id, consent_ids FROM message_seals WHERE message_id = ? "
                              "ORDER BY sealed_at, rowid", (message_id,))
    assert [s[0] for s in seals] == [first.envelope_id, second.envelope_id]
    assert json.loads(seals[0][1]) == sorted([keep, withdrawn]) and json.loads(seals[1][1]) == [keep]
    assert second.message_ids[0] == revocation["id"]  # revocations go first


def test_withdrawal_and_its_consequences_commit_together(session: Session) -> None:
    cid, pid, _, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    fail_audit_on(session, "revocation.queue")
    with pytest.raises(sqlcipher.IntegrityError):
        session.sharing.withdraw_consent(consent_id)
    allow_audit(session)
    assert session.sharing.consent(consent_id).status(session._clock()) is ConsentStatus.ACTIVE
    assert _state(session, message_id) == ("sealed", "")
    assert [p.envelope_id for p in session.outbox.pending(pid)] == [sealed.envelope_id]
    assert _revocations(session) == []

    session.sharing.withdraw_consent(consent_id)
    assert _state(session, message_id) == ("cancelled", "consent_withdrawn")
    assert _revocations(session) == [(pid, consent_id, [message_id])]


def test_a_send_under_way_during_a_withdrawal_still_earns_a_revocation(session: Session) -> None:
    """The engine took the bytes, the worker withdrew consent, then the attempt was recorded."""
    cid, pid, partner, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.sharing.withdraw_consent(consent_id)
    assert _revocations(session) == []
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    assert _revocations(session) == [(pid, consent_id, [message_id])]
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    assert len(_revocations(session)) == 1  # not twice
    revocation = session.outbox.seal_next(pid, max_messages=10)
    assert revocation is not None
    [message] = partner.open(revocation.data)
    assert message["kind"] == "revocation" and message["message_ids"] == [message_id]
    assert envelope.parse(revocation.data).header.messages[0].kind == "revocation"


def test_acknowledged_data_is_revoked_too(session: Session) -> None:
    cid, pid, partner, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    [message] = partner.open(sealed.data)
    session.outbox.record_receipts(pid, [partner.receipt(message, sealed.envelope_id)])
    session.sharing.withdraw_consent(consent_id)
    assert _state(session, message_id) == ("acknowledged", "")  # history stays true: it was delivered
    assert _revocations(session) == [(pid, consent_id, [message_id])]
    assert count(session, "SELECT count(*) FROM messages WHERE state = 'queued'") == 1
