"""A consent withdrawal, in its own transaction, cancels or re-decides what has not been acknowledged and
queues revocations to partners that were sent data under it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from outbox_support import (
    CONTACT,
    IDENTITY,
    PartnerIdentity,
    add_client,
    agree,
    allow_audit,
    consent,
    count,
    enrol,
    fail_audit_on,
    shared_client,
)
from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki.core import envelope
from tiaki.core.clock import utc_now
from tiaki.core.sharing import ConsentStatus
from tiaki.store.session import Session, create_store


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
    actions = [e.action for e in session.audit.recent(4)]
    assert "revocation.queue" in actions and "share.requeue" in actions and "consent.withdraw" in actions
    assert "share.drop" in actions  # the withdrawn consent's fields leave the queued decision

    second = session.outbox.seal_next(pid, max_messages=10)
    assert second is not None and second.envelope_id != first.envelope_id
    [revocation] = partner.open(second.data)  # revocations first, in an envelope of their own
    third = session.outbox.seal_next(pid, max_messages=10)
    assert third is not None
    [share] = partner.open(third.data)
    assert revocation["kind"] == "revocation" and revocation["consent_id"] == withdrawn
    assert revocation["message_ids"] == [message_id] and revocation["client_id"] == cid
    assert revocation["withdrawn_at"] == session.sharing.consent(withdrawn).events[-1].at.isoformat(
        timespec="milliseconds")
    assert share["id"] == message_id and set(share["fields"]) == {"given_name", "family_name"}
    assert share["consent_ids"] == [keep]
    seals = session._db.query("SELECT envelope_id, consent_ids FROM message_seals WHERE message_id = ? "
                              "ORDER BY sealed_at, rowid", (message_id,))
    assert [s[0] for s in seals] == [first.envelope_id, third.envelope_id]
    assert json.loads(seals[0][1]) == sorted([keep, withdrawn]) and json.loads(seals[1][1]) == [keep]
    assert second.message_ids == (revocation["id"],)


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


class SteppedClock:
    """The real clock, which a test can step back (as NTP does to a fast clock)."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return utc_now() + self.offset


@pytest.fixture
def stepped(tmp_path: Path) -> Iterator[tuple[Session, SteppedClock]]:
    clock = SteppedClock()
    session, _ = create_store(tmp_path / "stepped", admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF,
                              clock=clock)
    yield session, clock
    session.lock()


def _two_consents(session: Session) -> tuple[str, str, PartnerIdentity, str, str]:
    cid = add_client(session)
    pid, partner = enrol(session)
    agree(session, pid)
    return cid, pid, partner, consent(session, cid, pid, IDENTITY), consent(session, cid, pid, CONTACT)


def test_a_withdrawal_drops_the_consents_fields_from_what_waits_to_be_sealed(session: Session) -> None:
    cid, pid, partner, identity, contact = _two_consents(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    session.sharing.withdraw_consent(identity)
    assert _state(session, message_id) == ("queued", "")  # the contact fields still go
    decision = json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?", (message_id,))))
    assert decision["dropped"] == {"given_name": "consent_withdrawn", "family_name": "consent_withdrawn"}
    assert set(decision["allowed"]) == {"given_name", "family_name", "phone"}  # what was queued stays on record
    drop = session.audit.recent(1)[0]
    assert (drop.action, drop.subject_id, drop.detail) == ("share.drop", cid, {
        "message_id": message_id, "dropped": {"given_name": "consent_withdrawn", "family_name": "consent_withdrawn"}})
    [entry] = session.outbox.history(client_id=cid)
    assert [f.field for f in entry.fields] == ["phone"] and entry.dropped == decision["dropped"]

    # A caller's stale ``now`` (a minute before the withdrawal) does not bring the consent back.
    sealed = session.outbox.seal_next(pid, max_messages=10, now=utc_now() - dt.timedelta(minutes=1))
    assert sealed is not None
    [message] = partner.open(sealed.data)
    assert set(message["fields"]) == {"phone"} and message["consent_ids"] == [contact]
    seal_drops = json.loads(str(session._db.scalar("SELECT dropped FROM message_seals WHERE message_id = ?",
                                                   (message_id,))))
    assert seal_drops == decision["dropped"]
    assert [e.action for e in session.audit.recent(1)] == ["share.seal"]  # the drop is not audited twice


def test_a_clock_stepped_back_after_a_withdrawal_does_not_undo_it(stepped: tuple[Session, SteppedClock]) -> None:
    """NTP steps a fast clock back after the withdrawal; a share queued then still sees the consent as given,
    but sealing decides no earlier than the withdrawal it has on record."""
    session, clock = stepped
    cid, pid, partner, identity, contact = _two_consents(session)
    session.sharing.withdraw_consent(identity)
    clock.offset = -dt.timedelta(hours=1)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    queued = json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?", (message_id,))))
    assert queued["allowed"]["given_name"]["consent_id"] == identity  # (the queue's clock is an hour behind)
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    [message] = partner.open(sealed.data)
    assert set(message["fields"]) == {"phone"} and message["consent_ids"] == [contact]
    withdrawn_at = session.sharing.consent(identity).events[-1].at
    assert message["sealed_at"] >= withdrawn_at.isoformat(timespec="milliseconds")
    assert json.loads(str(session._db.scalar("SELECT dropped FROM message_seals WHERE message_id = ?",
                                             (message_id,)))) == {"given_name": "consent_withdrawn",
                                                                  "family_name": "consent_withdrawn"}


def test_a_share_cancelled_after_it_was_sent_is_asked_for_until_answered_or_revoked(session: Session) -> None:
    cid, pid, partner, consent_id = shared_client(session)
    message_id = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="connection reset")  # it may be at the partner
    session.sharing.withdraw_consent(consent_id)
    assert _state(session, message_id) == ("cancelled", "consent_withdrawn")
    assert session.outbox.unacknowledged_sent(pid) == [message_id]  # the partner may hold it: ask

    revoking = session.outbox.seal_next(pid, max_messages=10)
    assert revoking is not None
    session.outbox.record_attempt(revoking.envelope_id, error=None)
    [revocation] = partner.open(revoking.data)
    assert session.outbox.unacknowledged_sent(pid) == [message_id, revocation["id"]]
    session.outbox.record_receipts(pid, [partner.receipt(revocation, revoking.envelope_id)])
    assert session.outbox.unacknowledged_sent(pid) == []  # the partner acknowledged the revocation naming it

    # Asked before the revocation is acknowledged, the partner's receipt shows it went: history says so.
    cid2 = add_client(session)
    withdrawn = consent(session, cid2, pid)
    second = session.outbox.queue_share(cid2, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    [copy] = partner.open(sealed.data)
    session.sharing.withdraw_consent(withdrawn)
    assert session.outbox.unacknowledged_sent(pid) == [second]
    session.outbox.record_receipts(pid, [partner.receipt(copy, sealed.envelope_id)])
    assert _state(session, second) == ("acknowledged", "") and session.outbox.unacknowledged_sent(pid) == []
