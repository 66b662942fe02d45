"""A revocation is owed to the partner: it is sealed in an envelope of its own, ahead of any share, and an
inbox's refusal never sets it aside for good (it goes back to the queue; a refusal about the revocation itself
is not repeated in a loop)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest

from outbox_support import PartnerIdentity, add_client, consent, count, shared_client
from sync_support import hostile_world
from tiaki.core.clock import utc_now
from tiaki.store.database import Transaction
from tiaki.store.outbox_messages import MESSAGE_COLUMNS, Message, message_from
from tiaki.store.sealing import REFUSED_PAUSE, Sealer
from tiaki.store.session import Session


def _revoked_after_delivery(session: Session) -> tuple[str, str, PartnerIdentity, str]:
    """A share delivered and acknowledged, then its consent withdrawn: (client, partner id, partner,
    the queued revocation's id)."""
    cid, pid, partner, consent_id = shared_client(session)
    session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = partner.open(sealed.data)
    session.outbox.record_receipts(pid, [partner.receipt(message, sealed.envelope_id)])
    session.sharing.withdraw_consent(consent_id)
    revocation = str(session._db.scalar("SELECT id FROM messages WHERE kind = 'revocation'"))
    return cid, pid, partner, revocation


def _state(session: Session, message_id: str) -> tuple[str, str]:
    row = session._db.query_one("SELECT state, state_reason FROM messages WHERE id = ?", (message_id,))
    assert row is not None
    return row[0], row[1]


def test_revocations_are_sealed_on_their_own_ahead_of_shares(session: Session) -> None:
    _, pid, partner, revocation = _revoked_after_delivery(session)
    other = add_client(session)
    consent(session, other, pid)
    share = session.outbox.queue_share(other, pid, "referral")
    first = session.outbox.seal_next(pid, max_messages=10)
    second = session.outbox.seal_next(pid, max_messages=10)
    assert first is not None and second is not None
    assert first.message_ids == (revocation,) and second.message_ids == (share,)
    assert [m["kind"] for m in partner.open(first.data)] == ["revocation"]


def _old_order(tx: Transaction, partner_id: str, wanted: Callable[[], int], at: dt.datetime) -> Iterator[list[Message]]:
    """Sealing as an earlier version did: revocations and shares in one envelope."""
    yield [message_from(r) for r in tx.query(
        f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE partner_id = ? AND state = 'queued' "
        "ORDER BY kind != 'revocation', seq LIMIT ?", (partner_id, wanted()))]


def test_a_revocation_refused_with_shares_goes_back_to_the_queue_and_then_alone(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _, pid, partner, revocation = _revoked_after_delivery(session)
    other = add_client(session)
    consent(session, other, pid)
    share = session.outbox.queue_share(other, pid, "referral")
    with monkeypatch.context() as patch:
        patch.setattr(Sealer, "_queued", staticmethod(_old_order))
        mixed = session.outbox.seal_next(pid, max_messages=10)
    assert mixed is not None and mixed.message_ids == (revocation, share)
    session.outbox.record_attempt(mixed.envelope_id, error=None)

    session.outbox.park(mixed.message_ids, "the envelope is larger than the inbox accepts (413)")
    assert _state(session, share) == ("parked", "the envelope is larger than the inbox accepts (413)")
    assert _state(session, revocation) == ("queued", "")  # the refusal may have been the share's: at once
    assert session._db.scalar("SELECT state FROM envelopes WHERE id = ?", (mixed.envelope_id,)) == "superseded"
    assert session.outbox.pending(pid) == []
    requeue = session.audit.recent(1)[0]
    assert (requeue.action, requeue.subject_id, requeue.detail) == ("share.requeue", mixed.envelope_id, {
        "message_ids": [revocation], "reason": "the envelope is larger than the inbox accepts (413)"})
    [status] = session.outbox.partner_status()
    assert (status.sent, status.parked) == (1, 1)  # the revocation still waits: the run is not complete

    again = session.outbox.seal_next(pid, max_messages=10)
    assert again is not None and again.message_ids == (revocation,)
    [message] = partner.open(again.data)
    assert message["kind"] == "revocation" and message["id"] == revocation


def test_a_revocation_refused_on_its_own_is_sealed_again_after_a_pause(session: Session) -> None:
    _, pid, _, revocation = _revoked_after_delivery(session)
    alone = session.outbox.seal_next(pid, max_messages=10)
    assert alone is not None and alone.message_ids == (revocation,)
    session.outbox.record_attempt(alone.envelope_id, error=None)
    session.outbox.park(alone.message_ids, "the inbox refused the envelope (400 bad_header)")
    assert _state(session, revocation) == ("queued", "the inbox refused the envelope (400 bad_header)")
    assert session.outbox.pending(pid) == []
    assert session.outbox.seal_next(pid, max_messages=10) is None  # not again at once: that would loop
    later = utc_now() + REFUSED_PAUSE + dt.timedelta(minutes=1)
    again = session.outbox.seal_next(pid, max_messages=10, now=later)
    assert again is not None and again.message_ids == (revocation,) and again.envelope_id != alone.envelope_id
    assert _state(session, revocation) == ("sealed", "")


def test_a_revocation_set_aside_by_an_earlier_version_is_owed_again(session: Session) -> None:
    """queue_revocations counts only earlier revocations that are open or acknowledged."""
    cid, pid, _, consent_id = shared_client(session)
    share = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")  # it may be at the partner
    session.sharing.withdraw_consent(consent_id)
    revocation = str(session._db.scalar("SELECT id FROM messages WHERE kind = 'revocation'"))
    with session._db.transaction() as tx:  # as an earlier version's park() left it
        tx.execute("UPDATE messages SET state = 'parked', state_reason = 'http_400' WHERE id = ?", (revocation,))
    session.outbox.record_attempt(sealed.envelope_id, error=None)  # the superseded envelope went out again
    rows = session._db.query("SELECT id, state, revokes FROM messages WHERE kind = 'revocation' ORDER BY seq")
    assert [(r[1], json.loads(r[2])) for r in rows] == [("parked", [share]), ("queued", [share])]
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    assert count(session, "SELECT count(*) FROM messages WHERE kind = 'revocation'") == 2  # not once more


def test_an_inbox_refusing_a_revocation_does_not_make_the_engine_loop(session: Session) -> None:
    with hostile_world(session) as (world, hostile, _):
        [cid] = world.add_clients(1)
        session.outbox.queue_share(cid, world.partner_id, "referral")
        assert world.engine().run_once().complete
        session.sharing.withdraw_consent(world.consents[cid])
        hostile.status, hostile.error = 400, "bad_payload"
        engine = world.engine()
        report = engine.run_once()
        assert engine.stats["envelopes_posted"] == 1 and not report.complete
        assert (report.partners[0].waiting, report.partners[0].parked) == (1, 0)
        [(state, reason)] = session._db.query("SELECT state, state_reason FROM messages WHERE kind = 'revocation'")
        assert (state, reason) == ("queued", "the inbox refused the envelope (400 bad_payload)")
