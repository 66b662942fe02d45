"""An envelope the inbox stored nothing of (413) goes back to the queue under the same ids, to be sealed again
in smaller envelopes; the envelope itself is never sent again."""

from __future__ import annotations

import pytest

from outbox_support import add_client, consent, shared_client
from tiaki.store.errors import NotFound
from tiaki.store.session import Session


def test_a_pending_envelope_is_requeued_and_sealed_again_smaller(session: Session) -> None:
    cid, pid, partner, _ = shared_client(session)
    ids = [session.outbox.queue_share(cid, pid, "referral")]
    for _ in range(2):
        other = add_client(session)
        consent(session, other, pid)
        ids.append(session.outbox.queue_share(other, pid, "referral"))
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None and sealed.message_ids == tuple(ids)
    session.outbox.record_attempt(sealed.envelope_id, error=None)

    reason = "the envelope is larger than the inbox accepts (413 too_large)"
    assert session.outbox.requeue_envelope(sealed.envelope_id, reason) == ids
    assert session._db.scalar("SELECT state FROM envelopes WHERE id = ?", (sealed.envelope_id,)) == "superseded"
    assert {r[0] for r in session._db.query("SELECT state FROM messages")} == {"queued"}
    assert session.outbox.pending(pid) == []
    entry = session.audit.recent(1)[0]
    assert (entry.action, entry.subject_id, entry.detail) == (
        "share.requeue", sealed.envelope_id, {"message_ids": ids, "reason": reason})
    assert session.outbox.requeue_envelope(sealed.envelope_id, reason) == []  # no longer pending: nothing moves

    halves = [session.outbox.seal_next(pid, max_messages=2), session.outbox.seal_next(pid, max_messages=2)]
    assert [h.message_ids for h in halves if h] == [tuple(ids[:2]), tuple(ids[2:])]  # same ids, queue order
    assert [m["id"] for h in halves if h for m in partner.open(h.data)] == ids
    with pytest.raises(NotFound):
        session.outbox.requeue_envelope("00000000-0000-4000-8000-000000000000", reason)
