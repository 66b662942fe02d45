"""The sharing history shows, per message, the version the partner acknowledged (else the latest of its seals)
and the latest of its receipts (read in the same query as the messages)."""

from __future__ import annotations

from outbox_support import CONTACT, IDENTITY, add_client, agree, consent, enrol
from tiaki.store.session import Session


def test_history_shows_the_latest_seal_and_receipt_of_each_message(session: Session) -> None:
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    consent(session, cid, pid, IDENTITY)
    contact = consent(session, cid, pid, CONTACT)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    first = session.outbox.seal_next(pid, max_messages=10)
    assert first is not None
    session.sharing.withdraw_consent(contact)  # the envelope is superseded; the message is decided again
    second = session.outbox.seal_next(pid, max_messages=10)
    assert second is not None and second.message_ids == (message_id,)
    [message] = partner.open(second.data)
    session.outbox.record_attempt(second.envelope_id, error=None)
    session.outbox.record_receipts(pid, [
        partner.receipt(message, second.envelope_id, status="rejected", reason="conflict", digest="f" * 64),
        partner.receipt(message, second.envelope_id)])

    [entry] = session.outbox.history(client_id=cid)
    seals = session._db.query("SELECT sealed_at, fields FROM message_seals WHERE message_id = ? ORDER BY rowid",
                              (message_id,))
    assert len(seals) == 2
    assert entry.sealed_at == seals[-1][0]
    assert [f.field for f in entry.fields] == ["family_name", "given_name"]  # the contact field no longer went
    assert entry.dropped == {"phone": "consent_withdrawn"}
    assert entry.receipt is not None and entry.receipt.status == "accepted" and entry.state == "acknowledged"
    queued = session.outbox.queue_share(cid, pid, "referral")
    latest = {d.message_id: d for d in session.outbox.history(partner_id=pid)}
    assert latest[queued].sealed_at is None and latest[queued].receipt is None
    assert [f.field for f in latest[queued].fields] == ["family_name", "given_name"]  # as queued


def test_history_reports_the_version_the_partner_acknowledged_not_a_later_seal(session: Session) -> None:
    """The partner stored version 1 (the reply was lost); a withdrawal made us seal version 2 without the contact
    fields; the partner refuses it as a conflict naming version 1. It holds version 1: history says so."""
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    consent(session, cid, pid, IDENTITY)
    contact = consent(session, cid, pid, CONTACT)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    first = session.outbox.seal_next(pid, max_messages=10)
    assert first is not None
    session.outbox.record_attempt(first.envelope_id, error="connection reset")
    [v1] = partner.open(first.data)
    session.sharing.withdraw_consent(contact)
    revoking = session.outbox.seal_next(pid, max_messages=10)
    second = session.outbox.seal_next(pid, max_messages=10)
    assert revoking is not None and second is not None and second.message_ids == (message_id,)
    [v2] = partner.open(second.data)
    session.outbox.record_attempt(second.envelope_id, error=None)
    v1_digest = partner.receipt(v1, first.envelope_id).digest
    session.outbox.record_receipts(pid, [partner.receipt(v2, second.envelope_id, status="rejected",
                                                         reason="conflict", digest=v1_digest)])

    [entry] = [d for d in session.outbox.history(client_id=cid) if d.message_id == message_id]
    first_seal = session._db.query_one("SELECT sealed_at FROM message_seals WHERE message_id = ? AND envelope_id = ?",
                                       (message_id, first.envelope_id))
    assert entry.state == "acknowledged" and first_seal is not None and entry.sealed_at == first_seal[0]
    assert [f.field for f in entry.fields] == ["family_name", "given_name", "phone"]  # what the partner holds
    assert entry.dropped == {} and sorted(entry.consent_ids) == sorted(v1["consent_ids"])
    [status] = [m for m in session.outbox.client_status(cid) if m.message_id == message_id]
    assert status.fields_sent == ("family_name", "given_name", "phone")
