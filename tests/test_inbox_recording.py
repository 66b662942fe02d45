"""Recording a delivery in a few set-based statements gives exactly what handling its messages one by one, in
header order, gives: the same outcomes, the same rows in the same order, the same tombstones and rejections.

The reference below is the one-at-a-time rule written plainly over dicts; hypothesis drives both it and the real
``InboxStore`` (real SQLite) through sequences of deliveries built from a few ids, consents, digests and two
senders, so duplicates, conflicts, withdrawals inside one envelope and resent envelopes all come up often."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_support import Device
from tiaki.partner.db_pool import ConnectionPool
from tiaki.partner.inbox_db import Delivery, EnvelopeConflict, InboxStore, IncomingMessage, MessageOutcome

SENDERS = (Device.new("Sender A (test)"), Device.new("Sender B (test)"))
IDS = tuple(f"00000000-0000-4000-8000-00000000000{i}" for i in range(6))
ENVELOPE_IDS = tuple(f"11111111-0000-4000-8000-00000000000{i}" for i in range(4))
CONSENTS = ("consent-a", "consent-b", "consent-c")


def _digest(message_id: str, variant: int) -> str:
    return hashlib.sha256(f"{message_id}/{variant}".encode()).hexdigest()


@dataclass
class Reference:
    """The inbox's rule, one message at a time (what the service did before set-based recording)."""

    envelopes: dict[str, str] = field(default_factory=dict)  # id -> sha256 of the bytes
    messages: dict[str, tuple[str, str, str, str, str, str]] = field(default_factory=dict)  # insertion ordered
    tombstones: dict[str, tuple[str, str]] = field(default_factory=dict)
    rejections: list[tuple[str, ...]] = field(default_factory=list)

    def deliver(self, d: Delivery) -> list[MessageOutcome]:
        sha = hashlib.sha256(d.data).hexdigest()
        if d.envelope_id in self.envelopes and self.envelopes[d.envelope_id] != sha:
            raise EnvelopeConflict("conflict")
        new_envelope = d.envelope_id not in self.envelopes
        outcomes = [self._one(d, m) for m in d.messages]
        if new_envelope and any(o.status == "accepted" for o in outcomes):
            self.envelopes[d.envelope_id] = sha
        return outcomes

    def _one(self, d: Delivery, m: IncomingMessage) -> MessageOutcome:
        held = self.messages.get(m.id)
        if m.kind != "revocation" and any(c in self.tombstones for c in m.consent_ids) and held is None:
            return self._reject(d, m, "consent_revoked", m.digest)
        if held is None:
            self.messages[m.id] = (d.envelope_id, m.kind, m.digest, m.client_id, d.received_at, d.sender_key_id)
            if m.kind == "revocation":
                self._tombstone(m, d.received_at)
            return MessageOutcome(m.id, d.envelope_id, "accepted", "", m.digest, d.received_at)
        _, _, digest, _, received_at, sender = held
        if digest == m.digest and sender == d.sender_key_id:
            if m.kind == "revocation":
                self._tombstone(m, received_at)
            return MessageOutcome(m.id, d.envelope_id, "duplicate", "", digest, received_at)
        return self._reject(d, m, "conflict", digest)

    def _reject(self, d: Delivery, m: IncomingMessage, reason: str, digest: str) -> MessageOutcome:
        self.rejections.append((m.id, d.envelope_id, d.sender_key_id, m.kind, m.client_id, reason, m.digest,
                                d.received_at))
        return MessageOutcome(m.id, d.envelope_id, "rejected", reason, digest, d.received_at)

    def _tombstone(self, m: IncomingMessage, received_at: str) -> None:
        for consent in m.consent_ids:
            self.tombstones.setdefault(consent, (m.id, m.revoked_at or received_at))


def _tables(path: Path) -> tuple[object, ...]:
    with sqlite3.connect(path) as db:
        result = (
            sorted(db.execute("SELECT id, sha256 FROM envelopes")),
            db.execute("SELECT id, envelope_id, kind, digest, client_id, received_at, sender_key_id FROM messages"
                       " ORDER BY rowid").fetchall(),
            sorted(db.execute("SELECT consent_id, message_id, revoked_at FROM tombstones")),
            db.execute("SELECT message_id, envelope_id, sender_key_id, kind, client_id, reason, digest, at"
                       " FROM rejections ORDER BY seq").fetchall(),
        )
    db.close()
    return result


def _reference_tables(ref: Reference) -> tuple[object, ...]:
    return (
        sorted(ref.envelopes.items()),
        [(mid, e, kind, digest, client, at, sender) for mid, (e, kind, digest, client, at, sender)
         in ref.messages.items()],
        sorted((c, mid, at) for c, (mid, at) in ref.tombstones.items()),
        ref.rejections,
    )


_Raw = tuple[str, str, int, list[str], bool]  # id, kind, digest variant, consents, has withdrawn_at
_Step = tuple[list[_Raw], str, int, str]  # messages, envelope id, sender, how
_message = st.tuples(st.sampled_from(IDS), st.sampled_from(["share", "update", "revocation"]), st.integers(0, 1),
                     st.lists(st.sampled_from(CONSENTS), max_size=2, unique=True), st.booleans())
_envelope = st.tuples(st.lists(_message, min_size=1, max_size=6, unique_by=lambda m: m[0]),
                      st.sampled_from(ENVELOPE_IDS), st.integers(0, 1),  # envelope id, sender
                      st.sampled_from(["new", "again", "fresh_id"]))


def _incoming(raw: _Raw) -> IncomingMessage:
    message_id, kind, variant, consents, withdrawn_at = raw
    client = "22222222-0000-4000-8000-000000000000"
    if kind == "revocation":
        consent = consents[0] if consents else CONSENTS[0]
        return IncomingMessage(message_id, kind, _digest(message_id, variant), client, (consent,),
                               "2026-01-01T00:00:00.000+00:00" if withdrawn_at else None)
    return IncomingMessage(message_id, kind, _digest(message_id, variant), client, tuple(sorted(consents)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_envelope, min_size=1, max_size=6))
def test_set_based_recording_matches_one_message_at_a_time(steps: list[_Step]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inbox.sqlite3"
        with InboxStore(path) as store:
            for device in SENDERS:
                store.allow_sender(device.card, allowed_at="2026-01-01T00:00:00.000+00:00")
            ref = Reference()
            sent: list[Delivery] = []
            for step, (raw_messages, envelope_id, sender, how) in enumerate(steps):
                received_at = f"2026-01-01T00:{step // 60:02d}:{step % 60:02d}.000+00:00"
                if how == "again" and sent:  # the same bytes once more (a lost reply), later
                    delivery = replace(sent[-1], received_at=received_at)
                else:
                    messages = tuple(_incoming(m) for m in raw_messages)
                    eid = envelope_id if how == "new" else f"33333333-0000-4000-8000-{step:012d}"
                    delivery = Delivery(eid, SENDERS[sender].card.key_id, "0" * 32, repr(messages).encode(),
                                        received_at, messages)
                try:
                    expected: list[MessageOutcome] | type[EnvelopeConflict] = ref.deliver(delivery)
                except EnvelopeConflict:
                    expected = EnvelopeConflict
                try:
                    got: list[MessageOutcome] | type[EnvelopeConflict] = store.record_delivery(delivery)
                except EnvelopeConflict:
                    got = EnvelopeConflict
                assert got == expected
                sent.append(delivery)
        assert _tables(path) == _reference_tables(ref)


def test_a_revocation_after_a_share_in_the_same_envelope_does_not_refuse_it(tmp_path: Path) -> None:
    share = IncomingMessage(IDS[0], "share", _digest(IDS[0], 0), IDS[5], ("consent-a",))
    revocation = IncomingMessage(IDS[1], "revocation", _digest(IDS[1], 0), IDS[5], ("consent-a",))
    late = IncomingMessage(IDS[2], "update", _digest(IDS[2], 0), IDS[5], ("consent-a", "consent-b"))
    with InboxStore(tmp_path / "inbox.sqlite3") as store:
        store.allow_sender(SENDERS[0].card, allowed_at="2026-01-01T00:00:00.000+00:00")
        outcomes = store.record_delivery(Delivery(ENVELOPE_IDS[0], SENDERS[0].card.key_id, "0" * 32, b"x",
                                                  "2026-01-01T00:00:01.000+00:00", (share, revocation, late)))
        assert [(o.status, o.reason) for o in outcomes] == [
            ("accepted", ""), ("accepted", ""), ("rejected", "consent_revoked")]
        assert [e.message_id for e in store.entries() if e.status != "rejected"] == [IDS[1], IDS[0]]


def test_connections_are_reused_one_thread_at_a_time_and_closed(tmp_path: Path) -> None:
    pool = ConnectionPool(tmp_path / "pool.sqlite3", busy_timeout=1.0)
    with pool.connection() as first:
        assert first.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with pool.connection() as again:
        assert again is first  # kept between operations, not reopened
    with pool.connection() as one, pool.connection() as two:
        assert one is not two  # never shared while in use
    assert pool.idle == 2
    with pool.connection() as left:  # a connection given back inside a transaction is not reused
        left.execute("BEGIN")
    assert pool.idle == 1
    with pytest.raises(sqlite3.ProgrammingError):
        left.execute("SELECT 1")  # closed, not pooled
    with pool.connection() as kept:
        pass
    assert pool.idle == 1
    pool.close()
    assert pool.idle == 0
    with pytest.raises(sqlite3.ProgrammingError):
        kept.execute("SELECT 1")
    with pool.connection() as late:  # still usable: opened and closed around the one operation
        assert late.execute("SELECT 1").fetchone() == (1,)
    assert pool.idle == 0
    with pytest.raises(sqlite3.ProgrammingError):
        late.execute("SELECT 1")


def test_the_store_closes_its_connections(tmp_path: Path) -> None:
    with InboxStore(tmp_path / "inbox.sqlite3") as store:
        store.allow_sender(SENDERS[0].card, allowed_at="2026-01-01T00:00:00.000+00:00")
        assert store.sender(SENDERS[0].card.key_id) == SENDERS[0].card
        assert store.sender(SENDERS[0].card.key_id) == SENDERS[0].card  # the parsed card, from the cache
    assert store.counts()["senders"] == 1  # usable after close, without keeping a connection
