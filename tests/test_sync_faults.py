"""The sync engine through a fault-injecting proxy in front of the real partner inbox: failures before and after
the commit, an inbox crash, lost and hostile replies, concurrent duplicate deliveries, a device killed while
waiting for its receipts, a withdrawal with a batch in flight, a key rotation mid-queue, and many seeded rounds
of mixed faults that must keep the invariants (``sync_support.assert_invariants``)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from faultproxy import FaultProxy, wait_for
from inbox_support import InboxProcess, allow, make_partner, post_envelope, with_inbox_url
from outbox_support import CONTACT, IDENTITY, agree, consent
from support import ADMIN_PASS
from sync_support import SyncWorld, VirtualTime, address, sync_world
from tiaki.core import envelope
from tiaki.partner.identity import database_path, rotate_identity
from tiaki.partner.inbox_db import InboxStore
from tiaki.store.session import Session
from tiaki.sync.engine import SyncEngine

TIAKI = Path(sys.executable).with_name("tiaki")


def _fast(world: SyncWorld, **options: float) -> SyncEngine:
    options.setdefault("connect_timeout", 1)
    options.setdefault("stall_timeout", 1)
    options.setdefault("deadline", 1)
    return world.engine(**options)


def test_500_before_the_commit_is_retried_and_stored_once(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(3)
        world.proxy.fail_next(2, "500_before")
        engine = world.engine()
        assert engine.run_once(retry_for=120).complete
        assert engine.stats["failures"] == 2  # (the second 500 may meet the receipt query before the resend)
        assert engine.stats["envelopes_posted"] + engine.stats["receipt_queries"] == 4
        assert world.counts()["messages"] == 3 and world.counts()["envelopes"] == 1
        assert set(world.stored()) == set(ids)
        world.assert_invariants()


def test_500_after_the_commit_is_acknowledged_from_the_receipt_query(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(3)
        world.proxy.fail_next(1, "500_after")
        engine = world.engine()
        assert engine.run_once(retry_for=120).complete
        assert engine.stats["envelopes_posted"] == 1  # never sent again: the receipts were asked for
        assert engine.stats["receipt_queries"] == 3
        assert world.counts()["messages"] == 3
        world.assert_invariants()


def test_an_inbox_crash_after_the_commit_then_a_restart(session: Session, tmp_path: Path) -> None:
    partner_dir = tmp_path / "partner"
    card = make_partner(partner_dir)
    allow(partner_dir, session.outbox.device_card())
    crashing = InboxProcess(partner_dir, crash_after=1)
    restarted = InboxProcess(partner_dir)
    try:
        with FaultProxy(address(crashing.start())) as proxy:
            pid = session.outbox.enroll_partner(with_inbox_url(card, proxy.url)).id
            agree(session, pid)
            world = SyncWorld(session, partner_dir, crashing.url, proxy, pid)
            ids = world.queue(3)
            report = world.engine().run_once()
            assert report.partners[0].error == "the connection to the inbox broke before the reply was complete"
            assert crashing.wait_exit() == 17
            assert world.counts()["messages"] == 3  # committed before the crash
            proxy.upstream = address(restarted.start())
            engine = world.engine()
            assert engine.run_once().complete
            assert engine.stats["envelopes_posted"] == 0 and engine.stats["receipt_queries"] == 3
            assert world.counts()["messages"] == 3 and set(world.stored()) == set(ids)
            world.assert_invariants()
    finally:
        crashing.close()
        restarted.close()


def test_lost_replies_and_dropped_requests_within_one_run(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(4)
        world.proxy.fail_next(1, "lost_reply")
        world.proxy.fail_next(1, "drop_request")
        world.proxy.fail_next(1, "lost_reply")
        assert world.engine().run_once(retry_for=300).complete
        assert world.counts()["messages"] == 4
        world.assert_invariants()


def test_two_engines_delivering_the_same_envelope_at_once_store_it_once(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(4)
        assert session.outbox.seal_next(world.partner_id, max_messages=10) is not None
        world.proxy.set_bandwidth(2000, "up")  # an upload takes about a second: both are in flight together
        both_started = threading.Barrier(2, timeout=30)
        reports, engines = [], [world.engine(), world.engine()]

        def run(engine: SyncEngine) -> None:
            reports.append(engine.run_once(progress=lambda done, total: done or both_started.wait()))

        threads = [threading.Thread(target=run, args=(engine,)) for engine in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(reports) == 2 and all(r.complete for r in reports)
        assert [e.stats["envelopes_posted"] for e in engines] == [1, 1]
        assert world.counts()["messages"] == 4 and world.counts()["envelopes"] == 1
        statuses = sorted(r[0] for r in session._db.query("SELECT status FROM receipts"))
        assert statuses == ["accepted"] * 4 + ["duplicate"] * 4
        assert set(world.stored()) == set(ids)
        world.assert_invariants()


def test_a_device_killed_while_waiting_for_receipts_reconciles_without_a_second_copy(
        session: Session, tmp_path: Path, data_dir: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(3)
        world.proxy.fail_next(1, "hang", after_commit=True)  # the inbox commits; its reply never comes
        env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
        env["TIAKI_PASSPHRASE"] = ADMIN_PASS
        command = [str(TIAKI)] if TIAKI.exists() else [sys.executable, "-m", "tiaki.cli"]
        child = subprocess.Popen([*command, "--data-dir", str(data_dir), "sync", "--once", "--timeout", "60"],
                                 env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: world.counts()["messages"] == 3, timeout=60, what="the inbox to commit")
        finally:
            child.send_signal(signal.SIGKILL)
            assert child.wait(timeout=30) == -signal.SIGKILL
        assert set(world.states().values()) == {"sealed"}  # no receipt was stored
        assert session.outbox.unacknowledged_sent(world.partner_id) == ids  # the attempt was recorded first
        engine = world.engine()
        assert engine.run_once().complete
        assert engine.stats["envelopes_posted"] == 0 and engine.stats["receipt_queries"] == 3
        assert world.counts()["messages"] == 3 and world.counts()["envelopes"] == 1
        world.assert_invariants()


def test_consent_withdrawn_with_a_batch_in_flight(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        first, other = world.add_clients(2)
        in_flight = session.outbox.queue_share(first, world.partner_id, "referral")
        world.proxy.fail_next(1, "lost_reply")  # the partner stores it; the device never hears
        assert not world.engine().run_once().complete
        late = session.outbox.queue_share(first, world.partner_id, "referral")
        never_sent = session.outbox.seal_next(world.partner_id, max_messages=10)
        assert never_sent is not None and never_sent.message_ids == (late,)

        session.sharing.withdraw_consent(world.consents[first])
        unrelated = session.outbox.queue_share(other, world.partner_id, "referral")
        engine = world.engine()
        assert engine.run_once().complete
        states = world.states()
        [revocation] = [m for m, s in states.items() if m not in (in_flight, late, unrelated)]
        assert states[revocation] == "acknowledged" and states[unrelated] == "acknowledged"
        assert states[late] == "cancelled"  # decided again at the withdrawal: nothing left to send
        inbox = InboxStore(database_path(world.partner_dir))
        held = {m: inbox.stored_envelope(m) for m in (revocation, unrelated)}
        assert [[m.kind for m in envelope.parse(h.data).header.messages] for h in held.values() if h] == [
            ["revocation"], ["share"]]  # the revocation goes first, in an envelope of its own
        received = {e.message_id: e.received_at for e in inbox.entries()}
        assert received[revocation] <= received[unrelated]
        entries = {e.message_id: e.status for e in InboxStore(database_path(world.partner_dir)).entries()}
        assert entries[in_flight] == "revoked" and world.counts()["tombstones"] == 1

        status, reply = post_envelope(world.inbox_url, never_sent.data)  # a late share under that consent
        assert status == 200
        [receipt] = reply["receipts"]
        assert (receipt["status"], receipt["reason"]) == ("rejected", "consent_revoked")
        assert late not in world.stored()
        world.assert_invariants()


def test_a_share_cancelled_after_the_partner_stored_it_is_shown_as_delivered(session: Session,
                                                                             tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        [cid] = world.add_clients(1)
        share = session.outbox.queue_share(cid, world.partner_id, "referral")
        world.proxy.fail_next(1, "lost_reply")
        world.engine().run_once()
        session.sharing.withdraw_consent(world.consents[cid])
        assert world.engine().run_once().complete
        assert share in world.stored()  # the partner holds it (and the revocation that followed)
        assert world.states()[share] == "acknowledged"  # the history should say it went


def test_key_rotation_mid_queue(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        old_key = session.outbox.endpoints()[0].key_id
        before = world.queue(2)
        world.proxy.fail_next(1, "500_before")
        assert not world.engine().run_once().complete  # sealed to the old key, waiting
        rotated = rotate_identity(world.partner_dir, inbox_url=world.proxy.url)
        session.outbox.enroll_partner(rotated)
        assert session.outbox.endpoints()[0].key_id == rotated.key_id != old_key
        after = world.queue(2)
        assert world.engine().run_once().complete
        stored = world.stored()
        assert {stored[m].recipient_key_id for m in before} == {old_key}
        assert {stored[m].recipient_key_id for m in after} == {rotated.key_id}
        keys = {m: r[0] for m in [*before, *after] for r in session._db.query(
            "SELECT partner_key_id FROM receipts WHERE message_id = ?", (m,))}
        # Each receipt is signed with the key its envelope was sealed to, so a device that has not yet enrolled
        # a rotated card can still verify receipts for what it sealed to the old key.
        assert {keys[m] for m in before} == {old_key} and {keys[m] for m in after} == {rotated.key_id}
        world.assert_invariants()


HOSTILE = {
    "garbage": "the inbox reply is not valid HTTP",
    "bad_json": "the inbox reply is not valid JSON",
    "wrong_type": "the inbox reply is not JSON",
    "huge": "the inbox reply is larger than allowed",
    "huge_unsized": "the inbox reply is larger than allowed",
    "trickle": "the inbox did not answer in time",
    "redirect": "the inbox answered 302; redirects are not followed",
}


@pytest.mark.parametrize("mode", sorted(HOSTILE))
def test_hostile_replies_after_the_commit_acknowledge_nothing(session: Session, tmp_path: Path, mode: str) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(2)
        world.proxy.fail_next(1, mode, after_commit=True)
        report = _fast(world).run_once()
        [result] = report.partners
        assert result.error == HOSTILE[mode] and result.waiting == 2 and not report.complete
        assert set(world.states().values()) == {"sealed"}
        assert world.counts()["messages"] == 2  # the inbox stored them; the device has no proof yet
        engine = _fast(world)
        assert engine.run_once().complete
        assert engine.stats["envelopes_posted"] == 0
        assert set(world.stored()) == set(ids)
        world.assert_invariants()


MODES = ["500_before", "500_after", "503", "lost_reply", "drop_request", "garbage", "bad_json", "wrong_type",
         "redirect", "hang"]


def test_invariants_hold_over_seeded_rounds_of_mixed_faults(session: Session, tmp_path: Path) -> None:
    rng = random.Random(20261125)
    with sync_world(session, tmp_path) as world:
        world.rng = random.Random(1)
        split = world.add_clients(3)  # these clients consent to identity and contact separately
        for cid in split:
            world.consents[cid] = consent(session, cid, world.partner_id, IDENTITY)
            consent(session, cid, world.partner_id, CONTACT)
        withdrawn: list[str] = []
        for _ in range(40):
            clients = world.clients if rng.random() < 0.7 else world.add_clients(1)
            world.queue(rng.randint(1, 4), [rng.choice(clients)])
            if rng.random() < 0.3:
                cid = rng.choice([c for c in world.clients if world.consents[c] not in withdrawn])
                session.sharing.withdraw_consent(world.consents[cid])
                withdrawn.append(world.consents[cid])
                world.consents[cid] = consent(session, cid, world.partner_id, IDENTITY | CONTACT)
            for _ in range(rng.randint(0, 3)):
                mode = rng.choice(MODES)
                world.proxy.fail_next(1, mode, after_commit=rng.random() < 0.5)
            if rng.random() < 0.2:
                world.proxy.reset_after(rng.randint(50, 400), rng.choice(["up", "down"]))
            if rng.random() < 0.2:
                world.proxy.drop_connections()
            _fast(world, deadline=0.5).run_once(retry_for=rng.choice([0, 0, 20]))
            world.proxy.heal()
            world.assert_invariants(all_acknowledged=False)
        assert _fast(world).run_once(retry_for=600).complete
        world.assert_invariants()
        stored = world.stored()
        revoked = {c: m for m, s in stored.items() if s.message["kind"] == "revocation"
                   for c in [s.message["consent_id"]]}
        for message_id, copy in stored.items():  # every consent withdrawn under a held share was revoked there
            for consent_id in copy.message.get("consent_ids", []):
                if consent_id in withdrawn:
                    assert consent_id in revoked, f"share {message_id} held without its revocation"
        assert world.counts()["messages"] == len(stored) == len({m for m in stored})


def test_a_virtual_clock_sleeps_only_between_passes(session: Session, tmp_path: Path) -> None:
    time = VirtualTime()
    with sync_world(session, tmp_path) as world:
        world.time = time
        world.queue(1)
        world.proxy.fail_next(1, "503", headers=(("Retry-After", "5"),))
        assert world.engine().run_once(retry_for=30).complete
        assert 5 <= sum(time.slept) <= 30 and all(s <= 0.5 for s in time.slept)
