"""The sync engine's test world: a real store, the real partner inbox (uvicorn on 127.0.0.1) and the fault proxy
between them, plus a virtual clock so backoff sleeps cost no real time, and the invariants every run must keep.

    with sync_world(session, tmp_path) as world:
        ids = world.queue(3)
        report = world.engine().run_once(retry_for=600)   # 600 virtual seconds
        world.assert_invariants()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from faultproxy import FaultProxy, StubReply, StubRequest, StubServer
from inbox_support import allow, inbox_counts, make_partner, running_inbox, with_inbox_url
from outbox_support import CONTACT, IDENTITY, PartnerIdentity, add_client, agree, consent
from tiaki.core import envelope
from tiaki.core.clock import new_id, utc_now
from tiaki.partner.identity import database_path, load_identity
from tiaki.store.session import Session
from tiaki.sync.engine import SyncEngine


class VirtualTime:
    """A clock that only moves when the engine sleeps (or a test advances it): backoff costs no real time."""

    def __init__(self) -> None:
        self.now = utc_now()
        self.slept: list[float] = []

    def clock(self) -> dt.datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


@dataclass
class StoredMessage:
    """A message as the partner holds it: decrypted from the ciphertext the inbox kept."""

    message: dict[str, Any]
    digest: str  # the inbox's record
    envelope_id: str
    recipient_key_id: str


@dataclass
class SyncWorld:
    session: Session
    partner_dir: Path
    inbox_url: str
    proxy: FaultProxy
    partner_id: str
    time: VirtualTime = field(default_factory=VirtualTime)
    clients: list[str] = field(default_factory=list)
    consents: dict[str, str] = field(default_factory=dict)  # client id -> identity consent
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    def add_clients(self, n: int) -> list[str]:
        made = []
        for _ in range(n):
            cid = add_client(self.session)
            self.consents[cid] = consent(self.session, cid, self.partner_id, IDENTITY | CONTACT)
            made.append(cid)
        self.clients += made
        return made

    def queue(self, n: int, clients: list[str] | None = None) -> list[str]:
        """``n`` shares, round-robin over ``clients`` (default: one new client each)."""
        chosen = clients or self.add_clients(n)
        return [self.session.outbox.queue_share(chosen[i % len(chosen)], self.partner_id, "referral")
                for i in range(n)]

    def engine(self, **options: Any) -> SyncEngine:
        options.setdefault("connect_timeout", 2)
        options.setdefault("stall_timeout", 2)
        options.setdefault("deadline", 5)
        options.setdefault("rng", self.rng)
        return SyncEngine(self.session.outbox, clock=self.time.clock, sleep=self.time.sleep, **options)

    def counts(self) -> dict[str, int]:
        return inbox_counts(self.partner_dir)

    def states(self) -> dict[str, str]:
        return {str(r[0]): str(r[1]) for r in self.session._db.query(
            "SELECT id, state FROM messages WHERE partner_id = ?", (self.partner_id,))}

    def stored(self) -> dict[str, StoredMessage]:
        return stored_messages(self.partner_dir)

    def assert_invariants(self, *, all_acknowledged: bool = True) -> None:
        assert_invariants(self.session, self.partner_dir, self.partner_id, all_acknowledged=all_acknowledged)


@contextlib.contextmanager
def sync_world(session: Session, tmp_path: Path, *, name: str = "Te Whare Āwhina (test)", folder: str = "partner",
               **inbox_options: Any) -> Iterator[SyncWorld]:
    """A partner inbox behind a fault proxy, enrolled on the device with a consent agreement."""
    partner_dir = tmp_path / folder
    card = make_partner(partner_dir, name=name)
    allow(partner_dir, session.outbox.device_card())
    with running_inbox(partner_dir, **inbox_options) as url, FaultProxy(address(url)) as proxy:
        pid = session.outbox.enroll_partner(with_inbox_url(card, proxy.url)).id
        agree(session, pid)
        yield SyncWorld(session, partner_dir, url, proxy, pid)


def stored_messages(partner_dir: Path) -> dict[str, StoredMessage]:
    """Every message the inbox stored, opened with the partner's own keys (old ones too)."""
    identity = load_identity(partner_dir)
    out: dict[str, StoredMessage] = {}
    with contextlib.closing(sqlite3.connect(database_path(partner_dir))) as conn:
        rows = conn.execute("SELECT m.id, m.digest, e.id, e.recipient_key_id, e.bytes FROM messages m "
                            "JOIN envelopes e ON e.id = m.envelope_id").fetchall()
    opened: dict[str, list[dict[str, Any]]] = {}
    for message_id, digest, envelope_id, key_id, data in rows:
        if envelope_id not in opened:
            parsed = envelope.parse(bytes(data))
            opened[envelope_id] = envelope.open_payload(parsed, identity.keys[key_id].identity,
                                                        recipient_key_id=key_id)
        [message] = [m for m in opened[envelope_id] if m["id"] == message_id]
        out[message_id] = StoredMessage(message, digest, envelope_id, key_id)
    return out


def assert_invariants(session: Session, partner_dir: Path, partner_id: str, *, all_acknowledged: bool = True) -> None:
    """What must hold after any run, whatever failed on the way:

    - the partner stores each message id at most once (its primary key), and every stored copy is a version
      this device sealed (its digest is in message_seals);
    - a stored share carries exactly the fields the device recorded as sent on that basis when it sealed that
      version, and those were allowed when the share was queued (never a field the policy did not allow);
    - a revocation wins: once the partner holds a revocation for a consent, it keeps no later share under it;
    - the device marks a message acknowledged only with a stored, verified receipt, and (``all_acknowledged``)
      nothing deliverable is left.
    """
    stored = stored_messages(partner_dir)
    counts = inbox_counts(partner_dir)
    assert counts["messages"] == len(stored)
    seals: dict[tuple[str, str], dict[str, Any]] = {}
    for message_id, digest, fields, consent_ids in session._db.query(
            "SELECT message_id, digest, fields, consent_ids FROM message_seals"):
        seals[(message_id, digest)] = {"fields": json.loads(fields), "consent_ids": json.loads(consent_ids)}
    queued = {str(r[0]): json.loads(r[1])["allowed"] if r[1] else {} for r in session._db.query(
        "SELECT id, decision FROM messages WHERE partner_id = ?", (partner_id,))}
    for message_id, copy in stored.items():
        assert envelope.message_digest(copy.message) == copy.digest
        seal = seals.get((message_id, copy.digest))
        assert seal is not None, "the partner holds a version this device never sealed"
        if copy.message["kind"] == "revocation":
            continue
        sent = {k: {"basis": v["basis"], "agreement_id": v["agreement_id"], "consent_id": v["consent_id"]}
                for k, v in copy.message["fields"].items()}
        assert sent == seal["fields"], "the stored share differs from what the device recorded as sealed"
        assert set(sent) <= set(queued[message_id]), "a field went that was not allowed when queued"
    tombstones = _tombstones(partner_dir)
    for message_id, copy in stored.items():
        if copy.message["kind"] == "revocation":
            continue
        for consent_id in copy.message["consent_ids"]:
            revoked_at = tombstones.get(consent_id)
            assert revoked_at is None or _received(partner_dir, message_id) <= revoked_at[1], \
                "a share was stored after the revocation of its consent"
    acknowledged = {str(r[0]) for r in session._db.query(
        "SELECT id FROM messages WHERE partner_id = ? AND state = 'acknowledged'", (partner_id,))}
    verified = {str(r[0]) for r in session._db.query(
        "SELECT DISTINCT r.message_id FROM receipts r JOIN message_seals s ON s.message_id = r.message_id "
        "AND s.digest = r.digest")}
    assert acknowledged <= verified, "acknowledged without a receipt naming a sealed digest"
    assert acknowledged <= set(stored), "acknowledged but the partner does not hold it"
    if all_acknowledged:
        left = session._db.query("SELECT count(*) FROM messages WHERE partner_id = ? AND state IN "
                                 "('queued', 'sealed')", (partner_id,))
        assert left[0][0] == 0, "deliverable messages left without a receipt"


def _tombstones(partner_dir: Path) -> dict[str, tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(database_path(partner_dir))) as conn:
        rows = conn.execute("SELECT t.consent_id, t.message_id, m.received_at FROM tombstones t "
                            "JOIN messages m ON m.id = t.message_id").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _received(partner_dir: Path, message_id: str) -> str:
    with contextlib.closing(sqlite3.connect(database_path(partner_dir))) as conn:
        return str(conn.execute("SELECT received_at FROM messages WHERE id = ?", (message_id,)).fetchone()[0])


def run_until(condition: Callable[[], bool], step: Callable[[], object], *, rounds: int = 20) -> None:
    """Call ``step`` until ``condition`` holds (bounded)."""
    for _ in range(rounds):
        if condition():
            return
        step()
    assert condition()


# --- a hostile (or buggy) inbox -------------------------------------------------------------------------------

RECEIPT_MODES = ("honest", "other_key", "unknown_key", "other_ids", "missing", "wrong_digest", "malformed",
                 "wrong_envelope", "not_a_list")


@dataclass
class HostileInbox:
    """A StubServer's ``respond`` that speaks the inbox API with the partner's real keys, but answers as
    ``mode`` says. ``status`` (with ``error``) replaces the reply with a bare error."""

    partner: PartnerIdentity
    mode: str = "honest"
    status: int | None = None
    error: str = ""
    seen: dict[str, str] = field(default_factory=dict)  # message ids received -> digest

    def __call__(self, request: StubRequest) -> StubReply:
        if self.status is not None:
            return self.status, {"Content-Type": "application/json"}, json.dumps({"error": self.error}).encode()
        if request.method == "GET":
            message_id = request.path.rsplit("/", 1)[1]
            if message_id not in self.seen:
                return 404, {"Content-Type": "application/json"}, b'{"error":"not_found"}'
            receipt = self.partner.receipt(message_id if self.mode != "other_ids" else new_id(), new_id(),
                                           digest=self.seen[message_id])
            return _json({"receipt": receipt.to_json()})
        data = request.body
        messages = self.partner.open(data)
        envelope_id = envelope.parse(data).header.envelope_id
        self.seen.update({str(m["id"]): envelope.message_digest(m) for m in messages})
        receipts = [self._receipt(m, envelope_id) for m in messages]
        if self.mode == "missing":
            receipts = receipts[:1]
        body: dict[str, Any] = {"envelope_id": new_id() if self.mode == "wrong_envelope" else envelope_id,
                                "receipts": receipts if self.mode != "not_a_list" else {"r": receipts}}
        return _json(body)

    def _receipt(self, message: dict[str, Any], envelope_id: str) -> dict[str, Any]:
        p = self.partner
        if self.mode == "other_key":
            r = p.receipt(message, envelope_id, key=Ed25519PrivateKey.generate())
        elif self.mode == "unknown_key":
            r = p.receipt(message, envelope_id, key_id="f" * 32)
        elif self.mode == "other_ids":
            r = p.receipt(new_id(), envelope_id, digest=envelope.message_digest(message))
        elif self.mode == "wrong_digest":
            r = p.receipt(message, envelope_id, digest="ab" * 32)
        elif self.mode == "refuse":
            r = p.receipt(message, envelope_id, status="rejected", reason="consent_revoked")
        elif self.mode == "conflict":  # the partner holds another version under this id, not one we sealed
            r = p.receipt(message, envelope_id, status="rejected", reason="conflict", digest="cd" * 32)
        else:
            r = p.receipt(message, envelope_id)
        out: dict[str, Any] = r.to_json()
        if self.mode == "malformed":
            out["status"] = 1
        return out


def _json(body: dict[str, Any]) -> StubReply:
    return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()


@contextlib.contextmanager
def hostile_world(session: Session, **kw: Any) -> Iterator[tuple[SyncWorld, HostileInbox, StubServer]]:
    """The device enrolled with a partner whose 'inbox' is a HostileInbox on a StubServer (no proxy faults)."""
    partner = PartnerIdentity("Hostile Partner (test)")
    hostile = HostileInbox(partner, **kw)
    with StubServer(hostile) as stub, FaultProxy(stub.address) as proxy:
        partner.inbox_url = proxy.url
        partner.card = partner._card()
        pid = session.outbox.enroll_partner(partner.card).id
        agree(session, pid)
        world = SyncWorld(session, Path("/nonexistent"), stub.url, proxy, pid)
        yield world, hostile, stub
