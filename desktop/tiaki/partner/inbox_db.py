"""The inbox's storage: every SQL statement the partner service runs, behind one small class.

SQLite (WAL, synchronous=FULL) is the reference backend; the class is the seam a PostgreSQL backend would
replace. What is kept is the envelope's *ciphertext*, never a decrypted payload: the service decrypts in memory
only to learn each message's digest and consent ids.

Dedupe is the PRIMARY KEY on ``messages.id``: the insert itself says whether the id is new
(``INSERT ... ON CONFLICT (id) DO NOTHING`` and its row count — the same statement PostgreSQL accepts), so two
deliveries of one message racing each other cannot both store it. Every delivery is one ``BEGIN IMMEDIATE``
transaction (the writer lock is taken up front, so a reader never has to upgrade and deadlock). Connections are
opened per operation: the HTTP service calls in from a thread pool and a connection never crosses threads.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tiaki.core.canonical import canonical_json, sha256_hex
from tiaki.core.cards import CardError, SenderCard, parse_sender_card

SCHEMA_VERSION: Final = 1
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS senders (
    key_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    organisation TEXT NOT NULL,
    card TEXT NOT NULL,
    allowed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS envelopes (
    id TEXT PRIMARY KEY,
    sender_key_id TEXT NOT NULL REFERENCES senders (key_id),
    recipient_key_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    envelope_id TEXT NOT NULL REFERENCES envelopes (id),
    kind TEXT NOT NULL,
    digest TEXT NOT NULL,
    consent_ids TEXT NOT NULL,
    client_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sender_key_id TEXT NOT NULL REFERENCES senders (key_id)
);
CREATE INDEX IF NOT EXISTS messages_by_time ON messages (received_at);
CREATE TABLE IF NOT EXISTS tombstones (
    consent_id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejections (
    seq INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    envelope_id TEXT NOT NULL,
    sender_key_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    digest TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejections_by_message ON rejections (message_id);
"""


class InboxBusy(Exception):
    """The database stayed locked longer than the busy timeout (the service answers 503, retry later)."""


class EnvelopeConflict(Exception):
    """An envelope id that is already stored with different bytes (a sender must never reuse one)."""


@dataclass(frozen=True)
class IncomingMessage:
    """What the service learned from one decrypted message (the message itself is not kept)."""

    id: str
    kind: str
    digest: str
    client_id: str
    consent_ids: tuple[str, ...]  # share/update: the consents it relies on; revocation: the one it withdraws
    revoked_at: str | None = None  # revocation only


@dataclass(frozen=True)
class Delivery:
    envelope_id: str
    sender_key_id: str
    recipient_key_id: str
    data: bytes
    received_at: str
    messages: tuple[IncomingMessage, ...]


@dataclass(frozen=True)
class MessageOutcome:
    """What a receipt will say about one message."""

    message_id: str
    envelope_id: str
    status: str  # accepted | duplicate | rejected
    reason: str  # "" | conflict | consent_revoked
    digest: str  # the inbox's copy for a conflict, else the message's own
    received_at: str  # first stored time for a duplicate


@dataclass(frozen=True)
class InboxEntry:
    message_id: str
    kind: str
    client_id: str
    envelope_id: str
    sender_organisation: str
    sender_key_id: str
    received_at: str
    status: str  # stored | revoked (stored, consent since withdrawn) | rejected
    reason: str


@dataclass(frozen=True)
class StoredEnvelope:
    envelope_id: str
    recipient_key_id: str
    data: bytes


class InboxStore:
    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self._busy_timeout = busy_timeout
        if not path.exists():  # created private: it holds ciphertext and identifiers
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        with self._connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            with _transaction(db):
                _create(db)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- senders ---------------------------------------------------------------------------------------------

    def allow_sender(self, card: SenderCard, *, allowed_at: str) -> bool:
        """Enrol a device; False when it was already allowed (the first card is kept)."""
        with self._connection() as db, _transaction(db):
            cursor = db.execute(
                "INSERT INTO senders (key_id, device_id, organisation, card, allowed_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (key_id) DO NOTHING",
                (card.key_id, card.device_id, card.organisation, canonical_json(card.to_json()).decode(), allowed_at))
            return cursor.rowcount == 1

    def sender(self, key_id: str) -> SenderCard | None:
        with self._connection() as db:
            row = db.execute("SELECT card FROM senders WHERE key_id = ?", (key_id,)).fetchone()
        if row is None:
            return None
        try:
            return parse_sender_card(str(row[0]).encode("utf-8"))
        except CardError:
            return None

    # --- deliveries ------------------------------------------------------------------------------------------

    def record_delivery(self, delivery: Delivery) -> list[MessageOutcome]:
        """One transaction: the envelope's ciphertext (if any message in it is new) and one outcome per message."""
        with self._connection() as db, _transaction(db):
            digest = sha256_hex(delivery.data)
            new_envelope = db.execute(
                "INSERT INTO envelopes (id, sender_key_id, recipient_key_id, received_at, sha256, bytes)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (delivery.envelope_id, delivery.sender_key_id, delivery.recipient_key_id, delivery.received_at,
                 digest, delivery.data)).rowcount == 1
            if not new_envelope:
                held = db.execute("SELECT sha256 FROM envelopes WHERE id = ?", (delivery.envelope_id,)).fetchone()
                if held[0] != digest:
                    raise EnvelopeConflict("An envelope with this id but different contents is already stored.")
            outcomes = [self._record_message(db, delivery, message) for message in delivery.messages]
            if new_envelope and not any(o.status == "accepted" for o in outcomes):
                # Nothing in it is kept as a delivery, so neither is its ciphertext.
                db.execute("DELETE FROM envelopes WHERE id = ?", (delivery.envelope_id,))
            return outcomes

    def _record_message(self, db: sqlite3.Connection, delivery: Delivery, message: IncomingMessage) -> MessageOutcome:
        if message.kind != "revocation" and _any_revoked(db, message.consent_ids):
            held = _held(db, message.id)
            if held is None:
                return _reject(db, delivery, message, "consent_revoked", message.digest)
            return _compare(db, delivery, message, held)
        inserted = db.execute(
            "INSERT INTO messages (id, envelope_id, kind, digest, consent_ids, client_id, received_at, sender_key_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (message.id, delivery.envelope_id, message.kind, message.digest,
             json.dumps(list(message.consent_ids)), message.client_id, delivery.received_at,
             delivery.sender_key_id)).rowcount == 1
        if inserted:
            if message.kind == "revocation":
                _tombstone(db, message, delivery.received_at)
            return MessageOutcome(message.id, delivery.envelope_id, "accepted", "", message.digest,
                                  delivery.received_at)
        held = _held(db, message.id)
        assert held is not None  # the insert just met it, and rows are never deleted
        return _compare(db, delivery, message, held)

    def outcome_for(self, message_id: str, sender_key_id: str) -> MessageOutcome | None:
        """What the inbox holds for a message this sender sent (for a receipt asked for again), or None."""
        with self._connection() as db:
            row = db.execute("SELECT envelope_id, digest, received_at FROM messages WHERE id = ? AND sender_key_id = ?",
                             (message_id, sender_key_id)).fetchone()
            if row is not None:
                return MessageOutcome(message_id, row[0], "accepted", "", row[1], row[2])
            rejected = db.execute(
                "SELECT envelope_id, reason, digest, at FROM rejections WHERE message_id = ? AND sender_key_id = ?"
                " ORDER BY seq DESC LIMIT 1", (message_id, sender_key_id)).fetchone()
            if rejected is None:
                return None
            envelope_id, reason, digest, at = rejected
            if reason == "conflict":
                held = _held(db, message_id)
                digest = held[0] if held else digest
            return MessageOutcome(message_id, envelope_id, "rejected", reason, digest, at)

    # --- reading ---------------------------------------------------------------------------------------------

    def entries(self) -> list[InboxEntry]:
        """Every stored message and every rejection, newest first."""
        with self._connection() as db:
            rows = db.execute("""
                SELECT m.id, m.kind, m.client_id, m.envelope_id, COALESCE(s.organisation, ''), m.sender_key_id,
                       m.received_at,
                       CASE WHEN m.kind != 'revocation' AND EXISTS (
                           SELECT 1 FROM json_each(m.consent_ids) AS c JOIN tombstones AS t ON t.consent_id = c.value)
                       THEN 'revoked' ELSE 'stored' END,
                       '', 0 AS src, m.rowid
                  FROM messages AS m LEFT JOIN senders AS s ON s.key_id = m.sender_key_id
                UNION ALL
                SELECT r.message_id, r.kind, r.client_id, r.envelope_id, COALESCE(s.organisation, ''),
                       r.sender_key_id, r.at, 'rejected', r.reason, 1 AS src, r.seq
                  FROM rejections AS r LEFT JOIN senders AS s ON s.key_id = r.sender_key_id
                ORDER BY 7 DESC, 10 DESC, 11 DESC""").fetchall()
        return [InboxEntry(*row[:9]) for row in rows]

    def stored_envelope(self, message_id: str) -> StoredEnvelope | None:
        """The ciphertext a stored message arrived in (to decrypt it for reading)."""
        with self._connection() as db:
            row = db.execute("SELECT e.id, e.recipient_key_id, e.bytes FROM messages AS m"
                             " JOIN envelopes AS e ON e.id = m.envelope_id WHERE m.id = ?", (message_id,)).fetchone()
        return None if row is None else StoredEnvelope(row[0], row[1], bytes(row[2]))

    def counts(self) -> dict[str, int]:
        with self._connection() as db:
            return {table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                    for table in ("senders", "envelopes", "messages", "tombstones", "rejections")}

    # --- connections -----------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise _translated(exc) from None
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        except sqlite3.OperationalError as exc:
            raise _translated(exc) from None
        finally:
            db.close()


def _create(db: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _translated(exc: sqlite3.OperationalError) -> Exception:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return InboxBusy("The inbox database is busy; try again shortly.")
    return exc


def _any_revoked(db: sqlite3.Connection, consent_ids: Sequence[str]) -> bool:
    if not consent_ids:
        return False
    marks = ",".join("?" * len(consent_ids))
    query = f"SELECT 1 FROM tombstones WHERE consent_id IN ({marks}) LIMIT 1"
    return db.execute(query, tuple(consent_ids)).fetchone() is not None


def _held(db: sqlite3.Connection, message_id: str) -> tuple[str, str, str] | None:
    row = db.execute("SELECT digest, received_at, sender_key_id FROM messages WHERE id = ?", (message_id,)).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def _compare(db: sqlite3.Connection, delivery: Delivery, message: IncomingMessage,
             held: tuple[str, str, str]) -> MessageOutcome:
    """The id is already stored: the same message again is a duplicate, anything else a conflict."""
    digest, received_at, sender_key_id = held
    if digest == message.digest and sender_key_id == delivery.sender_key_id:
        if message.kind == "revocation":
            _tombstone(db, message, received_at)
        return MessageOutcome(message.id, delivery.envelope_id, "duplicate", "", digest, received_at)
    outcome = _reject(db, delivery, message, "conflict", message.digest)
    return MessageOutcome(outcome.message_id, outcome.envelope_id, "rejected", "conflict", digest,
                          outcome.received_at)


def _reject(db: sqlite3.Connection, delivery: Delivery, message: IncomingMessage, reason: str,
            digest: str) -> MessageOutcome:
    db.execute("INSERT INTO rejections (message_id, envelope_id, sender_key_id, kind, client_id, reason, digest, at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (message.id, delivery.envelope_id, delivery.sender_key_id, message.kind, message.client_id, reason,
                digest, delivery.received_at))
    return MessageOutcome(message.id, delivery.envelope_id, "rejected", reason, digest, delivery.received_at)


def _tombstone(db: sqlite3.Connection, message: IncomingMessage, received_at: str) -> None:
    for consent_id in message.consent_ids:
        db.execute("INSERT INTO tombstones (consent_id, message_id, revoked_at) VALUES (?, ?, ?)"
                   " ON CONFLICT (consent_id) DO NOTHING", (consent_id, message.id, message.revoked_at or received_at))
