"""A reply's receipts recorded in one call end exactly where recording them one call each would: the same
message states and reasons, the same receipts kept, the same audit entries in the same order — including
several receipts for one message in one call, each judged against the state the one before it left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outbox_support import PartnerIdentity, add_client, agree, consent, count
from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki.core.receipts import Receipt, ReceiptError
from tiaki.store.session import Session, create_store

# Per message (by queue position), the receipts the partner sends for it, in order: (status, reason, ours).
# "ours": the digest of the version this device sealed (else another version's).
PLAN: list[list[tuple[str, str, bool]]] = [
    [("accepted", "", True)],
    [("duplicate", "", True)],
    [("rejected", "conflict", True)],  # the inbox holds our earlier version: delivered
    [("rejected", "conflict", False)],  # it holds another version: parked
    [("rejected", "consent_revoked", True)],  # refused
    [("rejected", "conflict", False), ("accepted", "", True)],  # parked, then acknowledged after all
    [("rejected", "consent_revoked", True), ("rejected", "conflict", False)],  # refused stays refused
    [("accepted", "", True), ("rejected", "consent_revoked", True)],  # acknowledged stays acknowledged
    [("accepted", "", True), ("duplicate", "", True), ("accepted", "", True)],
    [],  # no receipt: stays sealed and the envelope stays pending
]


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    made = [create_store(tmp_path / name, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)[0]
            for name in ("one-call", "call-each")]
    yield made[0], made[1]
    for session in made:
        session.lock()


def _sent(session: Session, partner: PartnerIdentity) -> tuple[str, list[dict[str, Any]], str]:
    """The same sharing in each store: one envelope of len(PLAN) messages, sent once."""
    pid = session.outbox.enroll_partner(partner.card).id
    agree(session, pid)
    for _ in PLAN:
        cid = add_client(session)
        consent(session, cid, pid)
        session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=100)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    return pid, partner.open(sealed.data), sealed.envelope_id


def _receipts(partner: PartnerIdentity, messages: list[dict[str, Any]], envelope_id: str) -> list[Receipt]:
    out = []
    for round_ in range(3):  # interleaved: a message's later receipts come after others' earlier ones
        for message, plan in zip(messages, PLAN, strict=True):
            if round_ < len(plan):
                status, reason, ours = plan[round_]
                out.append(partner.receipt(message, envelope_id, status=status, reason=reason,
                                           digest=None if ours else "f" * 64))
    return out


def _state(session: Session, pid: str, messages: list[dict[str, Any]]) -> tuple[object, ...]:
    position = {m["id"]: n for n, m in enumerate(messages)}
    client = {m["client_id"]: n for n, m in enumerate(messages)}
    rows = session._db.query("SELECT id, state, state_reason, acknowledged_at IS NOT NULL FROM messages "
                             "WHERE partner_id = ?", (pid,))
    receipts = session._db.query("SELECT message_id, status, reason, digest, signature FROM receipts ORDER BY rowid")
    audit = [(e.action, client[e.subject_id], position[e.detail["message_id"]], e.detail["status"],
              e.detail["reason"]) for e in session.audit.entries() if e.action.startswith("share.")
             and e.action not in ("share.queue", "share.seal")]
    return (sorted((position[r[0]], *r[1:]) for r in rows),
            [(position[r[0]], r[1], r[2]) for r in receipts], count(session, "SELECT count(*) FROM receipts"),
            audit, session._db.query("SELECT state FROM envelopes"), len(session.outbox.pending(pid)))


def test_one_call_ends_where_a_call_each_does(twins: tuple[Session, Session]) -> None:
    one_call, call_each = twins
    partner = PartnerIdentity("Te Whare Awhina")
    outcomes = []
    for session, together in ((one_call, True), (call_each, False)):
        pid, messages, envelope_id = _sent(session, partner)
        receipts = _receipts(partner, messages, envelope_id)
        if together:
            got = session.outbox.record_receipts(pid, receipts)
        else:
            got = [o for r in receipts for o in session.outbox.record_receipts(pid, [r])]
        position = {m["id"]: n for n, m in enumerate(messages)}
        outcomes.append(([(position[o.message_id], o.state, o.reason) for o in got],
                         _state(session, pid, messages)))
        assert session.audit.verify().problem is None
    assert outcomes[0] == outcomes[1]
    states = {row[0]: row[1:] for row in outcomes[0][1][0]}
    assert states[0] == states[1] == states[2] == states[5] == states[7] == states[8] == ("acknowledged", "", True)
    assert states[3] == ("parked", "conflict", False)
    assert states[4] == states[6] == ("refused", "consent_revoked", False)
    assert states[9] == ("sealed", "", False)


def test_a_bad_receipt_late_in_a_long_reply_stores_nothing(session: Session) -> None:
    partner = PartnerIdentity("Te Whare Awhina")
    pid, messages, envelope_id = _sent(session, partner)
    receipts = [partner.receipt(m, envelope_id) for m in messages]
    receipts[-2] = partner.receipt(messages[-2], envelope_id, key=Ed25519PrivateKey.generate())
    before = (session._db.query("SELECT id, state FROM messages ORDER BY id"), session.audit.count(),
              count(session, "SELECT count(*) FROM receipts"))
    with pytest.raises(ReceiptError) as error:
        session.outbox.record_receipts(pid, receipts)
    assert error.value.code == "bad_signature"
    assert (session._db.query("SELECT id, state FROM messages ORDER BY id"), session.audit.count(),
            count(session, "SELECT count(*) FROM receipts")) == before
    assert session.outbox.record_receipts(pid, []) == []
