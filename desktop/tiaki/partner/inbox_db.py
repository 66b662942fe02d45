"""The inbox's storage: every SQL statement the partner service runs, behind one small class.

SQLite (WAL, synchronous=FULL) is the reference backend; the class is the seam a PostgreSQL backend would
replace. What is kept is the envelope's *ciphertext*, never a decrypted payload: the service decrypts in memory
only to learn each message's digest and consent ids.

Dedupe is the PRIMARY KEY on ``messages.id``: the insert itself says whether the id is new (a set-based
``INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id``, usually one per envelope — PostgreSQL accepts the same
shape), so two
deliveries of one message racing each other cannot both store it; one SELECT afterwards reads what is held for
the ids that were not inserted, to tell duplicates from conflicts. Every delivery is one ``BEGIN IMMEDIATE``
transaction (the writer lock is taken up front, so a reader never has to upgrade and deadlock) and a handful of
statements whatever the number of messages. Connections come from a small pool (``db_pool``) and are reused;
``close()`` closes them.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tiaki.core.canonical import canonical_json, sha256_hex
from tiaki.core.cards import CardError, SenderCard, parse_sender_card
from tiaki.partner.db_pool import ConnectionPool, transaction
from tiaki.partner.db_pool import InboxBusy as InboxBusy  # re-exported: callers catch it from here

SCHEMA_VERSION: Final = 2  # 2: rejections.recipient_key_id
MAX_CONSENT_IDS: Final = 64  # per message (more is a malformed message): far above what one share relies on
_SENDER_CACHE: Final = 256
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
    at TEXT NOT NULL,
    recipient_key_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS rejections_by_message ON rejections (message_id);
"""


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
class HeldOutcome:
    """A receipt asked for again: what it says, and the partner key the envelope that carried the message was
    sealed to ("" when not known: a refusal recorded before the inbox kept that), which signs it."""

    outcome: MessageOutcome
    sealed_to: str


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
    """The inbox database. Safe to share between threads; ``close()`` (or ``with``) when done with it."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self._pool = ConnectionPool(path, busy_timeout=busy_timeout)
        self._connection = self._pool.connection
        self._cards: dict[str, SenderCard] = {}  # card text -> parsed card (the text is what the row holds)
        if not path.exists():  # created private: it holds ciphertext and identifiers
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        with self._connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            with transaction(db):
                _migrate(db)
                _create(db)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the pooled connections (ones in use are closed when they are given back)."""
        self._pool.close()

    def __enter__(self) -> InboxStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- senders ---------------------------------------------------------------------------------------------

    def allow_sender(self, card: SenderCard, *, allowed_at: str) -> bool:
        """Enrol a device; False when it was already allowed (the first card is kept)."""
        with self._connection() as db, transaction(db):
            cursor = db.execute(
                "INSERT INTO senders (key_id, device_id, organisation, card, allowed_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (key_id) DO NOTHING",
                (card.key_id, card.device_id, card.organisation, canonical_json(card.to_json()).decode(), allowed_at))
            return cursor.rowcount == 1

    def sender(self, key_id: str) -> SenderCard | None:
        """The allowed device with this key id, read from the database every time (another process may enrol
        one); only the parsing of a card text already seen is skipped."""
        with self._connection() as db:
            row = db.execute("SELECT card FROM senders WHERE key_id = ?", (key_id,)).fetchone()
        if row is None:
            return None
        text = str(row[0])
        card = self._cards.get(text)
        if card is None:
            try:
                card = parse_sender_card(text.encode("utf-8"))
            except CardError:
                return None
            if len(self._cards) >= _SENDER_CACHE:
                self._cards.clear()
            self._cards[text] = card
        return card

    # --- deliveries ------------------------------------------------------------------------------------------

    def record_delivery(self, delivery: Delivery) -> list[MessageOutcome]:
        """One transaction: the envelope's ciphertext (if any message in it is new) and one outcome per message.

        Outcomes are what handling the messages one by one, in header order, would give: a revocation applies to
        the shares after it in the same envelope, not to those before it."""
        with self._connection() as db, transaction(db):
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
            outcomes = _record_messages(db, delivery)
            if new_envelope and not any(o.status == "accepted" for o in outcomes):
                # Nothing in it is kept as a delivery, so neither is its ciphertext.
                db.execute("DELETE FROM envelopes WHERE id = ?", (delivery.envelope_id,))
            return outcomes

    def outcome_for(self, message_id: str, sender_key_id: str) -> HeldOutcome | None:
        """What the inbox holds for a message this sender sent (for a receipt asked for again), or None."""
        with self._connection() as db:
            row = db.execute("SELECT m.envelope_id, m.digest, m.received_at, COALESCE(e.recipient_key_id, '')"
                             " FROM messages AS m LEFT JOIN envelopes AS e ON e.id = m.envelope_id"
                             " WHERE m.id = ? AND m.sender_key_id = ?", (message_id, sender_key_id)).fetchone()
            if row is not None:
                return HeldOutcome(MessageOutcome(message_id, row[0], "accepted", "", row[1], row[2]), row[3])
            rejected = db.execute(
                "SELECT envelope_id, reason, digest, at, recipient_key_id FROM rejections"
                " WHERE message_id = ? AND sender_key_id = ? ORDER BY seq DESC LIMIT 1",
                (message_id, sender_key_id)).fetchone()
            if rejected is None:
                return None
            envelope_id, reason, digest, at, sealed_to = rejected
            if reason == "conflict":
                held = _held(db, [message_id]).get(message_id)
                digest = held[0] if held else digest
            return HeldOutcome(MessageOutcome(message_id, envelope_id, "rejected", reason, digest, at), sealed_to)

    # --- reading ---------------------------------------------------------------------------------------------

    def entries(self) -> list[InboxEntry]:
        """Every stored message and every rejection, newest first."""
        with self._connection() as db:
            rows = db.execute(f"""
                SELECT m.id, m.kind, m.client_id, m.envelope_id, COALESCE(s.organisation, ''), m.sender_key_id,
                       m.received_at,
                       CASE WHEN {_WITHDRAWN} THEN 'revoked' ELSE 'stored' END,
                       '', 0 AS src, m.rowid
                  FROM messages AS m LEFT JOIN senders AS s ON s.key_id = m.sender_key_id
                UNION ALL
                SELECT r.message_id, r.kind, r.client_id, r.envelope_id, COALESCE(s.organisation, ''),
                       r.sender_key_id, r.at, 'rejected', r.reason, 1 AS src, r.seq
                  FROM rejections AS r LEFT JOIN senders AS s ON s.key_id = r.sender_key_id
                ORDER BY 7 DESC, 10 DESC, 11 DESC""").fetchall()
        return [InboxEntry(*row[:9]) for row in rows]

    def withdrawn(self, message_id: str) -> bool:
        """A stored share or update for one of whose consents a revocation has since arrived ("revoked" in
        ``entries``): the partner holds it, but the person no longer agrees to its use."""
        with self._connection() as db:
            row = db.execute(f"SELECT {_WITHDRAWN} FROM messages AS m WHERE m.id = ?", (message_id,)).fetchone()
        return row is not None and bool(row[0])

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



def _create(db: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a database from an earlier version up to this one (a new one is simply created)."""
    columns = {str(row[1]) for row in db.execute("PRAGMA table_info(rejections)")}
    if columns and "recipient_key_id" not in columns:  # version 1: refusals did not say which key they came to
        db.execute("ALTER TABLE rejections ADD COLUMN recipient_key_id TEXT NOT NULL DEFAULT ''")
        db.execute("UPDATE rejections SET recipient_key_id = COALESCE("
                   "(SELECT e.recipient_key_id FROM envelopes AS e WHERE e.id = rejections.envelope_id), '')")


_Held = tuple[str, str, str]  # digest, received_at, sender_key_id of the row stored under a message id


def _record_messages(db: sqlite3.Connection, delivery: Delivery) -> list[MessageOutcome]:
    """Every message of the delivery, in a few statements, with the outcomes (and row order) that handling them
    one by one in header order would give.

    The envelope is taken in runs of revocations and runs of shares/updates. A run of revocations is inserted
    as a whole; each one stored (new, or the same again) withdraws its consent for the shares after it. A run
    of shares is inserted as a whole, less those naming a withdrawn consent. What is held under the ids the
    inserts did not take is read back (for all of them at the end, and for a run of revocations at once, since
    what follows depends on it) to tell a duplicate from a conflict. A device puts revocations first, so an
    envelope is usually one or two runs."""
    messages = delivery.messages
    withdrawn = _tombstoned(db, {c for m in messages if m.kind != "revocation" for c in m.consent_ids})
    inserted: set[str] = set()
    held: dict[str, _Held] = {}
    for revocations, run in itertools.groupby(messages, key=lambda m: m.kind == "revocation"):
        batch = list(run)
        if revocations:
            taken = _insert_new(db, delivery, batch)
            held.update(_held(db, [m.id for m in batch if m.id not in taken]))
            for message in batch:
                if message.id in taken or _same(held[message.id], message, delivery):
                    withdrawn.update(message.consent_ids)
        else:
            taken = _insert_new(db, delivery, [m for m in batch if withdrawn.isdisjoint(m.consent_ids)])
        inserted |= taken
    held.update(_held(db, [m.id for m in messages if m.id not in inserted and m.id not in held]))

    outcomes: list[MessageOutcome] = []
    rejections: list[tuple[IncomingMessage, str]] = []
    tombstones: list[tuple[str, str, str]] = []
    for message in messages:
        if message.id in inserted:
            outcome = MessageOutcome(message.id, delivery.envelope_id, "accepted", "", message.digest,
                                     delivery.received_at)
        elif message.id in held:
            digest, received_at, _ = held[message.id]
            if _same(held[message.id], message, delivery):
                outcome = MessageOutcome(message.id, delivery.envelope_id, "duplicate", "", digest, received_at)
            else:
                rejections.append((message, "conflict"))
                outcome = MessageOutcome(message.id, delivery.envelope_id, "rejected", "conflict", digest,
                                         delivery.received_at)
        else:  # a share not inserted and not held: kept out by a withdrawn consent
            rejections.append((message, "consent_revoked"))
            outcome = MessageOutcome(message.id, delivery.envelope_id, "rejected", "consent_revoked", message.digest,
                                     delivery.received_at)
        if message.kind == "revocation" and outcome.status != "rejected":
            tombstones.extend((c, message.id, message.revoked_at or outcome.received_at) for c in message.consent_ids)
        outcomes.append(outcome)
    if rejections:
        db.executemany(
            "INSERT INTO rejections (message_id, envelope_id, sender_key_id, kind, client_id, reason, digest, at,"
            " recipient_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.id, delivery.envelope_id, delivery.sender_key_id, m.kind, m.client_id, reason, m.digest,
              delivery.received_at, delivery.recipient_key_id) for m, reason in rejections])
    if tombstones:  # in envelope order, so the first revocation of a consent is the one kept
        db.executemany("INSERT INTO tombstones (consent_id, message_id, revoked_at) VALUES (?, ?, ?)"
                       " ON CONFLICT (consent_id) DO NOTHING", tombstones)
    return outcomes


def _same(held: _Held, message: IncomingMessage, delivery: Delivery) -> bool:
    """The stored row is this very message from this very sender (a duplicate), not a conflict."""
    return held[0] == message.digest and held[2] == delivery.sender_key_id


_WITHDRAWN: Final = ("(m.kind != 'revocation' AND EXISTS (SELECT 1 FROM json_each(m.consent_ids) AS c"
                      " JOIN tombstones AS t ON t.consent_id = c.value))")  # of a stored message row m
_INSERT_COLUMNS: Final = "id, envelope_id, kind, digest, consent_ids, client_id, received_at, sender_key_id"


def _insert_new(db: sqlite3.Connection, delivery: Delivery, messages: Sequence[IncomingMessage]) -> set[str]:
    """Insert the messages (in order) whose ids are not stored yet; the ids the insert took.

    The insert alone decides. Row by row (``executemany``) is the fast way, but its row count only says how
    many were new: all of them (a first delivery) or none (a resend) settle it. Anything in between is undone
    and done again as one ``INSERT ... SELECT ... RETURNING id``, which names the rows it took."""
    if not messages:
        return set()
    ids = [m.id for m in messages]
    db.execute("SAVEPOINT insert_run")
    try:
        taken = db.executemany(
            f"INSERT INTO messages ({_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [(m.id, delivery.envelope_id, m.kind, m.digest, json.dumps(list(m.consent_ids)), m.client_id,
              delivery.received_at, delivery.sender_key_id) for m in messages]).rowcount
        if taken in (0, len(ids)):
            return set(ids) if taken else set()
        db.execute("ROLLBACK TO insert_run")
        rows = json.dumps([[m.id, m.kind, m.digest, json.dumps(list(m.consent_ids)), m.client_id] for m in messages])
        cursor = db.execute(
            f"INSERT INTO messages ({_INSERT_COLUMNS})"
            " SELECT json_extract(value, '$[0]'), ?, json_extract(value, '$[1]'), json_extract(value, '$[2]'),"
            " json_extract(value, '$[3]'), json_extract(value, '$[4]'), ?, ?"
            " FROM json_each(?) WHERE true ORDER BY key"
            " ON CONFLICT (id) DO NOTHING RETURNING id",
            (delivery.envelope_id, delivery.received_at, delivery.sender_key_id, rows))
        return {str(row[0]) for row in cursor.fetchall()}
    finally:
        db.execute("RELEASE insert_run")


def _held(db: sqlite3.Connection, message_ids: Sequence[str]) -> dict[str, _Held]:
    if not message_ids:
        return {}
    rows = db.execute("SELECT id, digest, received_at, sender_key_id FROM messages"
                      " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(message_ids)),)).fetchall()
    return {str(row[0]): (row[1], row[2], row[3]) for row in rows}


def _tombstoned(db: sqlite3.Connection, consent_ids: Iterable[str]) -> set[str]:
    """Which of these consents the inbox holds a revocation for: one query for the whole envelope, the ids passed
    as one JSON array (``json_each``), so no count of them can reach SQLite's limit on bound variables."""
    wanted = sorted(consent_ids)
    if not wanted:
        return set()
    rows = db.execute("SELECT consent_id FROM tombstones WHERE consent_id IN (SELECT value FROM json_each(?))",
                      (json.dumps(wanted),)).fetchall()
    return {str(row[0]) for row in rows}
