"""Sync to a partner inbox: messages per second, bytes on the wire per message, and a rural link.

A real store (clients made through the API, each with a collection event and a consent for the partner), the
real partner inbox (``tiaki partner serve`` in its own process, so device and inbox each have a core), and the
real sync engine. Three figures, each with a baseline from the same run:

1. Throughput on loopback: queue N shares, then ``SyncEngine.run_once`` seals (re-deciding each message),
   encrypts, posts and records the verified receipts. Goal >= 1,000 messages/s; the RESULT ratio is the goal's
   time per message over the measured one (<= 1 meets it). Context: sealing alone (no network).
2. Bytes on the wire per share (device to inbox, through a counting proxy, batched) over the size of that
   message compressed on its own (zlib, as in the envelope). Goal <= 1.5x. The replies (receipts) are
   reported too.
3. 500 shares through the fault-injecting proxy set to a rural link — 300 ms each way, 256 kbit/s each way, the
   connection reset after every ~200 KB — against the link's floor: the bytes that had to cross (every
   envelope acknowledged and its reply) divided by the rate, plus one round trip per request that
   got its answer. Goal <= 1.5x, with no duplicate stored and nothing lost (checked).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

from _common import header, make_store, parser, result, temp_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from faultproxy import FaultProxy
from tiaki.core.canonical import canonical_json
from tiaki.core.collection import Collection
from tiaki.core.envelope import open_payload, parse
from tiaki.core.provenance import Source
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.demo import demo_client
from tiaki.partner.identity import database_path, init_identity, load_identity
from tiaki.partner.inbox_db import InboxStore
from tiaki.store.unlocked import Session
from tiaki.sync.engine import SyncEngine

GOAL_PER_S = 1000
GOAL_WIRE = 1.5
GOAL_RURAL = 1.5
RURAL_MESSAGES = 500
RURAL_LATENCY_MS = 300
RURAL_RATE = 256_000 // 8  # bytes per second
RURAL_RESET = 200_000
TIAKI = Path(sys.executable).with_name("tiaki")


class Inbox:
    """``tiaki partner serve --port 0`` in its own process."""

    def __init__(self, directory: Path) -> None:
        self.proc = subprocess.Popen([str(TIAKI), "partner", "serve", "--data-dir", str(directory), "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.url = line.split("listening on ", 1)[1].split()[0]
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        if self.proc.stdout:
            self.proc.stdout.close()


def build(session: Session, partner_dir: Path, url: str, clients: int, rng: random.Random) -> tuple[str, list[str]]:
    """An enrolled partner reached at ``url``, one agreement, and ``clients`` consenting clients."""
    card = replace(load_identity(partner_dir).card, inbox_url=url)
    partner = session.outbox.enroll_partner(card)
    now = dt.datetime.now(dt.UTC)
    session.sharing.add_agreement(AgreementInput(
        partner.id, "bench", "", Basis.CONSENT, frozenset({"referral"}), frozenset({"identity", "contact", "living"}),
        frozenset(), now - dt.timedelta(days=1), None))
    collection = Collection(frozenset({"referral"}), Source.person(), session.notice_given("en"))
    ids = []
    for i in range(clients):
        record = session.clients.create(demo_client(rng, i), collection=collection)
        session.sharing.record_consent(record.id, ConsentInput(
            frozenset({partner.id}), frozenset({"referral"}), frozenset({"identity", "contact", "living"}), True,
            now - dt.timedelta(minutes=5), None, ConsentMethod.VERBAL, "en", GivenBy.PERSON))
        ids.append(record.id)
    return partner.id, ids


def allow_device(session: Session, partner_dir: Path) -> None:
    InboxStore(database_path(partner_dir)).allow_sender(session.outbox.device_card(),
                                                         allowed_at=dt.datetime.now(dt.UTC).isoformat())


def stored_messages(partner_dir: Path) -> list[dict[str, object]]:
    """Every message the inbox stored, decrypted with the partner's key (to check and to size)."""
    identity = load_identity(partner_dir)
    db = sqlite3.connect(database_path(partner_dir))
    try:
        rows = db.execute("SELECT DISTINCT e.bytes FROM envelopes e JOIN messages m ON m.envelope_id = e.id").fetchall()
        ids = {r[0] for r in db.execute("SELECT id FROM messages")}
    finally:
        db.close()
    out = []
    for (data,) in rows:
        env = parse(bytes(data))
        key = identity.keys[env.header.recipient_key_id]
        out.extend(m for m in open_payload(env, key.identity, recipient_key_id=env.header.recipient_key_id)
                   if m["id"] in ids)
    return out


def message_count(partner_dir: Path) -> tuple[int, int]:
    db = sqlite3.connect(database_path(partner_dir))
    try:
        total, distinct = db.execute("SELECT count(*), count(DISTINCT id) FROM messages").fetchone()
    finally:
        db.close()
    return int(total), int(distinct)


def scenario(tmp: Path, name: str, clients: int, seed: int, *, proxy_setup: object = None,
             retry_for: float = 600.0) -> dict[str, float]:
    rng = random.Random(seed)
    partner_dir = tmp / f"{name}-partner"
    init_identity(partner_dir, name=f"Bench partner {name}", kind=PartnerKind.NGO, inbox_url="http://127.0.0.1:9")
    session, _ = make_store(tmp / f"{name}-store", 0, seed=seed)
    inbox = Inbox(partner_dir)
    proxy = FaultProxy(("127.0.0.1", inbox.port))
    try:
        allow_device(session, partner_dir)
        partner_id, ids = build(session, partner_dir, proxy.url, clients, rng)
        for cid in ids:
            session.outbox.queue_share(cid, partner_id, "referral")
        if callable(proxy_setup):
            proxy_setup(proxy)
        engine = SyncEngine(session.outbox, connect_timeout=10, stall_timeout=30, deadline=600)
        start = time.perf_counter()
        report = engine.run_once(retry_for=retry_for)
        elapsed = time.perf_counter() - start
        total, distinct = message_count(partner_dir)
        acked = sum(p.acknowledged for p in report.partners)
        figures = {"elapsed": elapsed, "messages": float(clients), "acknowledged": float(acked),
                   "complete": float(report.complete), "stored": float(total), "distinct": float(distinct),
                   "bytes_up": float(proxy.bytes_up), "bytes_down": float(proxy.bytes_down),
                   "requests": float(proxy.requests), "connections": float(proxy.connections),
                   "resets": float(proxy.resets)}
        if name != "loopback":
            messages = stored_messages(partner_dir)
            alone = [len(zlib.compress(canonical_json(m), 6)) for m in messages]
            figures["alone_mean"] = sum(alone) / len(alone)
            envelope_bytes = session_envelope_bytes(session)
            figures["envelope_bytes"] = float(envelope_bytes)
        return figures
    finally:
        session.lock()
        proxy.stop()
        inbox.stop()


def session_envelope_bytes(session: Session) -> int:
    """The size of every envelope the device sealed (what had to cross at least once)."""
    return int(session._db.scalar("SELECT coalesce(sum(length(data)), 0) FROM envelopes"))


def seal_only(tmp: Path, clients: int, seed: int) -> float:
    """Baseline: sealing every message (re-decision, compression, age, signature) with no network."""
    rng = random.Random(seed)
    partner_dir = tmp / "seal-partner"
    init_identity(partner_dir, name="Bench partner seal", kind=PartnerKind.NGO, inbox_url="http://127.0.0.1:9")
    session, _ = make_store(tmp / "seal-store", 0, seed=seed)
    try:
        partner_id, ids = build(session, partner_dir, "http://127.0.0.1:9", clients, rng)
        for cid in ids:
            session.outbox.queue_share(cid, partner_id, "referral")
        start = time.perf_counter()
        while session.outbox.seal_next(partner_id, max_messages=512) is not None:
            pass
        return time.perf_counter() - start
    finally:
        session.lock()


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    args = p.parse_args()
    clients = args.clients or (300 if args.quick else 2000)
    header("bench_sync: sync to a partner inbox", clients)
    with temp_dir("tiaki-bench-sync-") as tmp:
        seal_seconds = seal_only(tmp, clients, args.seed)
        loop = scenario(tmp, "loopback", clients, args.seed)
        rate = loop["acknowledged"] / loop["elapsed"]
        print(f"\n  loopback: {int(loop['acknowledged']):,} of {clients:,} acknowledged in {loop['elapsed']:.2f} s "
              f"= {rate:,.0f} messages/s ({int(loop['requests'])} requests, {int(loop['connections'])} connection(s))")
        print(f"  sealing alone (no network): {clients / seal_seconds:,.0f} messages/s")
        print(f"  stored at the partner: {int(loop['stored'])} rows, {int(loop['distinct'])} distinct ids")

        wire = scenario(tmp, "wire", clients, args.seed + 1)
        per_message_up = wire["bytes_up"] / clients
        per_message_down = wire["bytes_down"] / clients
        print(f"\n  bytes on the wire per share: {per_message_up:,.0f} up (envelopes and HTTP), "
              f"{per_message_down:,.0f} down (receipts); one message compressed alone: {wire['alone_mean']:,.0f}")

        def rural(proxy: FaultProxy) -> None:
            proxy.set_latency(RURAL_LATENCY_MS, "both")
            proxy.set_bandwidth(RURAL_RATE, "both")
            proxy.reset_after(RURAL_RESET, "up")
            proxy.reset_after(RURAL_RESET, "down")

        link = scenario(tmp, "rural", RURAL_MESSAGES, args.seed + 2, proxy_setup=rural)
        rtt = 2 * RURAL_LATENCY_MS / 1000
        useful = link["envelope_bytes"] + link["bytes_down"]
        # One round trip per request that got its answer; connecting costs none here (the proxy delays data, not
        # the handshake), so counting connections would flatter the ratio.
        floor = useful / RURAL_RATE + rtt * (link["requests"] - link["resets"])
        lost = RURAL_MESSAGES - link["acknowledged"]
        duplicates = link["stored"] - link["distinct"]
        print(f"\n  rural link: {int(link['acknowledged'])} of {RURAL_MESSAGES} acknowledged in "
              f"{link['elapsed']:.1f} s; "
              f"floor {floor:.1f} s ({useful / 1000:,.0f} KB at {RURAL_RATE * 8 // 1000} kbit/s + round trips); "
              f"{int(link['requests'])} requests, {int(link['connections'])} connections, {int(link['resets'])} "
              f"resets; duplicates stored: {int(duplicates)}, lost: {int(lost)}")

    print("\nSummary:")
    result("sync messages/s on loopback: goal time / measured time", GOAL_PER_S / rate, 1.0,
           f"({rate:,.0f} messages/s; goal {GOAL_PER_S:,})")
    result("bytes on the wire per share (up) vs the message compressed alone", per_message_up / wire["alone_mean"],
           GOAL_WIRE, f"({per_message_up:,.0f} vs {wire['alone_mean']:,.0f} bytes; with receipts "
                      f"{(per_message_up + per_message_down) / wire['alone_mean']:.2f}x)")
    result("500 shares over a rural link vs the link's floor", link["elapsed"] / floor, GOAL_RURAL,
           f"({link['elapsed']:.1f} s vs {floor:.1f} s; duplicates {int(duplicates)}, lost {int(lost)})")
    print(json.dumps({"complete": [bool(loop["complete"]), bool(wire["complete"]), bool(link["complete"])]}))
    return 0 if loop["complete"] and wire["complete"] and link["complete"] and not duplicates else 1


if __name__ == "__main__":
    sys.exit(main())
