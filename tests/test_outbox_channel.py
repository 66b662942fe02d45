"""Sync sees only its own channel: messages carried by packet (channel 'packet', in the same table) are never
resent, asked for or counted by the sync engine's view of the outbox."""

from __future__ import annotations

from outbox_support import add_client, consent, shared_client
from tiaki.store.session import Session


def test_packet_messages_are_left_out_of_what_sync_sends_asks_for_and_counts(session: Session) -> None:
    cid, pid, _, _ = shared_client(session)
    by_hand = session.outbox.queue_share(cid, pid, "referral")
    packet = session.outbox.seal_next(pid, max_messages=10)
    assert packet is not None
    session.outbox.record_attempt(packet.envelope_id, error=None)
    other = add_client(session)
    consent(session, other, pid)
    synced = session.outbox.queue_share(other, pid, "referral")
    with session._db.transaction() as tx:  # as the packet channel will record its own (same table)
        tx.execute("UPDATE messages SET channel = 'packet' WHERE id = ?", (by_hand,))

    assert session.outbox.pending(pid) == [] and session.outbox.unacknowledged_sent(pid) == []
    [status] = session.outbox.partner_status()
    assert (status.queued, status.sent) == (1, 0)  # only the sync share
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None and sealed.message_ids == (synced,)
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    assert [p.envelope_id for p in session.outbox.pending(pid)] == [sealed.envelope_id]
    assert session.outbox.unacknowledged_sent(pid) == [synced]
    [status] = session.outbox.partner_status()
    assert (status.queued, status.sent) == (0, 1)
