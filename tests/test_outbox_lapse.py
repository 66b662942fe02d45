"""A pending envelope is resent byte for byte only while its fields are still allowed on the basis they were
sealed on: an expired consent or an archived client sends its messages back to the queue (same ids), to be
decided again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from outbox_support import CONTACT, IDENTITY, add_client, agree, consent, enrol, shared_client
from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki.core.clock import utc_now
from tiaki.store.outbox import PendingEnvelope
from tiaki.store.session import Session, create_store


class MovableClock:
    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return utc_now() + self.offset


@pytest.fixture
def moving(tmp_path: Path) -> Iterator[tuple[Session, MovableClock]]:
    clock = MovableClock()
    session, _ = create_store(tmp_path / "moving", admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF,
                              clock=clock)
    yield session, clock
    session.lock()


def _state(session: Session, message_id: str) -> tuple[str, str]:
    row = session._db.query_one("SELECT state, state_reason FROM messages WHERE id = ?", (message_id,))
    assert row is not None
    return row[0], row[1]


def test_an_envelope_is_resent_unchanged_while_its_basis_holds(session: Session) -> None:
    cid, pid, _, _ = shared_client(session)
    session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    assert session.outbox.pending(pid) == [PendingEnvelope(sealed.envelope_id, pid, sealed.data, sealed.message_ids, 1)]


def test_an_expired_consent_stops_the_resend_and_the_share_is_decided_again(
        moving: tuple[Session, MovableClock]) -> None:
    session, clock = moving
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    lasting = consent(session, cid, pid, IDENTITY)
    consent(session, cid, pid, CONTACT, expires=utc_now() + dt.timedelta(hours=1))
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None and "phone" in partner.open(sealed.data)[0]["fields"]
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")

    clock.offset = dt.timedelta(hours=2)  # the contact consent has expired
    assert session.outbox.pending(pid) == []
    assert session._db.scalar("SELECT state FROM envelopes WHERE id = ?", (sealed.envelope_id,)) == "superseded"
    assert _state(session, message_id) == ("queued", "")
    entry = session.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("share.requeue", {"message_ids": [message_id], "reason": "basis_lapsed"})
    again = session.outbox.seal_next(pid, max_messages=10)
    assert again is not None and again.message_ids == (message_id,)  # the same id, decided again
    [message] = partner.open(again.data)
    assert set(message["fields"]) == {"given_name", "family_name"} and message["consent_ids"] == [lasting]
    assert [p.envelope_id for p in session.outbox.pending(pid)] == [again.envelope_id]


def test_archiving_the_client_stops_the_resend(session: Session) -> None:
    cid, pid, _, _ = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    session.clients.archive(cid)
    assert session.outbox.pending(pid) == []
    assert session.outbox.seal_next(pid, max_messages=10) is None
    assert _state(session, message_id) == ("cancelled", "archived_client")
    assert session.outbox.unacknowledged_sent(pid) == [message_id]  # it may be at the partner: still asked for
