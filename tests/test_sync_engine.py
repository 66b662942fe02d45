"""The sync engine against the real partner inbox (and a hostile one): what it sends, in what order, how it
retries and schedules, what it parks, and that it reports success only from verified receipts in the store."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import string
from contextlib import closing
from pathlib import Path

import pytest

from outbox_support import PERSON
from support import collected
from sync_support import RECEIPT_MODES, SyncWorld, VirtualTime, hostile_world, stored_messages, sync_world
from tiaki.core import envelope
from tiaki.partner.identity import database_path
from tiaki.partner.inbox_db import InboxStore
from tiaki.store.session import Session
from tiaki.sync.engine import PartnerResult, SyncEngine, SyncReport


def _no_personal_information(text: str | None) -> None:
    for value in PERSON.values():
        assert str(value) not in (text or "")


def _received_order(partner_dir: Path) -> list[str]:
    with closing(sqlite3.connect(database_path(partner_dir))) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM messages ORDER BY rowid")]


def _status(world: SyncWorld):  # type: ignore[no-untyped-def]
    [status] = [s for s in world.session.outbox.partner_status() if s.partner_id == world.partner_id]
    return status


def test_delivers_everything_on_one_connection_and_reports_from_verified_receipts(
        session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(5)
        calls: list[tuple[int, int]] = []
        engine = world.engine()
        report = engine.run_once(progress=lambda done, total: calls.append((done, total)))
        assert report.complete
        [result] = report.partners
        assert (result.acknowledged, result.waiting, result.error, result.next_attempt_at) == (5, 0, None, None)
        assert result.summary() == "Te Whare Āwhina (test): 5 acknowledged, 0 waiting"
        assert calls[0] == (0, 5) and calls[-1] == (5, 5)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
        assert engine.stats["connections"] == 1 and engine.stats["envelopes_posted"] == 1
        assert world.counts()["messages"] == 5 and set(world.stored()) == set(ids)
        status = _status(world)
        assert status.acknowledged == 5 and status.failures == 0 and status.last_error is None
        assert status.next_attempt_at is None and status.last_success_at is not None
        history = session.outbox.history(partner_id=world.partner_id)
        assert {d.state for d in history} == {"acknowledged"}
        assert all(d.receipt is not None and d.receipt.status == "accepted" for d in history)
        world.assert_invariants()
        again = world.engine().run_once()  # nothing left: no request at all, nothing written
        assert again.complete and again.partners[0].acknowledged == 0
        assert world.proxy.requests == 1 and _status(world).last_attempt_at == status.last_attempt_at


def test_batches_grow_on_success_and_keep_queue_order(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        clients = world.add_clients(3)
        ids = world.queue(9, clients)  # three shares per client, interleaved
        engine = world.engine(initial_batch=2)
        assert engine.run_once().complete
        sizes = [len(envelope.parse(InboxStore(database_path(world.partner_dir)).stored_envelope(i).data)  # type: ignore[union-attr]
                     .header.messages) for i in (ids[0], ids[2], ids[6])]
        assert sizes == [2, 4, 3]  # doubles after each full batch; a short one does not grow it
        assert engine.stats["envelopes_posted"] == 3 and world.counts()["envelopes"] == 3
        assert _received_order(world.partner_dir) == ids  # per client (and overall) in queue order
        world.assert_invariants()


def test_a_failed_pass_is_scheduled_and_the_next_resends_the_same_bytes(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(3)
        world.proxy.fail_next(1, "500_before")
        report = world.engine().run_once()
        [result] = report.partners
        assert not report.complete
        assert (result.acknowledged, result.waiting) == (0, 3)
        assert result.error == "the inbox failed to take the envelope (500 injected)"
        assert result.summary().endswith("0 acknowledged, 3 waiting (the inbox failed to take the envelope "
                                         "(500 injected))")
        assert result.next_attempt_at is not None and result.next_attempt_at >= world.time.now
        status = _status(world)
        assert status.failures == 1 and status.last_error == result.error and status.sent == 3
        assert status.next_attempt_at == result.next_attempt_at
        assert world.counts()["messages"] == 0
        [pending] = session.outbox.pending(world.partner_id)
        assert pending.attempts == 1  # recorded before it went out
        assert session.outbox.unacknowledged_sent(world.partner_id) == ids

        report = world.engine().run_once()
        assert report.complete and report.partners[0].acknowledged == 3
        stored = InboxStore(database_path(world.partner_dir)).stored_envelope(ids[0])
        assert stored is not None and stored.data == pending.data  # byte-identical resend
        assert _status(world).failures == 0 and _status(world).last_error is None
        world.assert_invariants()


def test_the_retry_window_backs_off_honouring_retry_after(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(2)
        world.proxy.fail_next(3, "503", headers=(("Retry-After", "7"),))
        engine = world.engine()
        started = world.time.now
        calls: list[tuple[int, int]] = []
        report = engine.run_once(retry_for=600, progress=lambda d, t: calls.append((d, t)))
        assert report.complete and engine.stats["failures"] == 3
        assert sum(world.time.slept) >= 21  # three waits, none shorter than the partner asked
        assert (world.time.now - started).total_seconds() <= 600
        assert calls[-1] == (2, 2)
        world.assert_invariants()


def test_the_retry_window_is_never_slept_past(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(2)
        world.proxy.fail_always("500_before")
        engine = world.engine()
        started = world.time.now
        report = engine.run_once(retry_for=60)
        assert not report.complete and engine.stats["failures"] >= 2
        assert (world.time.now - started).total_seconds() <= 60
        result = report.partners[0]
        assert result.waiting == 2 and result.next_attempt_at is not None
        assert result.next_attempt_at >= started + dt.timedelta(seconds=60) or engine.stats["failures"] >= 6
        assert world.counts()["messages"] == 0


def test_respect_schedule_skips_a_partner_until_it_is_due(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(2)
        world.proxy.fail_next(1, "503", headers=(("Retry-After", "30"),))
        first = world.engine().run_once(respect_schedule=True)
        due = first.partners[0].next_attempt_at
        assert due is not None and due >= world.time.now + dt.timedelta(seconds=30)
        requests = world.proxy.requests
        skipped = world.engine().run_once(respect_schedule=True)
        assert world.proxy.requests == requests  # not tried before its time
        assert skipped.partners[0].error == "the inbox is busy (503 busy)" and not skipped.complete
        assert world.engine().run_once(respect_schedule=True, retry_for=60).complete  # waits for it, then sends
        assert world.time.now >= due


def test_should_stop_is_checked_between_steps(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(3)
        report = world.engine().run_once(should_stop=lambda: True)
        assert world.proxy.requests == 0 and report.partners[0].waiting == 3
        assert report.partners[0].error == "sync stopped before everything was sent"
        engine = world.engine(initial_batch=1)
        report = engine.run_once(should_stop=lambda: engine.stats["envelopes_posted"] >= 1)
        assert (report.partners[0].acknowledged, report.partners[0].waiting) == (1, 2)
        assert world.engine().run_once().complete
        world.assert_invariants()


def test_a_cancelling_progress_callback_loses_nothing(session: Session, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel_after_first(done: int, total: int) -> None:
        if done:
            raise Cancelled

    with sync_world(session, tmp_path) as world:
        world.queue(4)
        with pytest.raises(Cancelled):
            world.engine(initial_batch=1).run_once(progress=cancel_after_first)
        assert world.counts()["messages"] == 1
        assert world.engine().run_once().complete
        assert world.counts()["messages"] == 4
        world.assert_invariants()


def test_one_partner_failing_never_blocks_another(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path, name="Aroha House (test)", folder="a") as dead, \
            sync_world(session, tmp_path, name="Whānau Trust (test)", folder="b") as alive:
        dead.queue(2)
        alive.queue(3)
        dead.proxy.set_blackhole(True)
        engine = SyncEngine(session.outbox, connect_timeout=0.5, stall_timeout=0.5, deadline=0.5,
                            clock=dead.time.clock, sleep=dead.time.sleep)
        report = engine.run_once()
        lines = {p.name: p for p in report.partners}
        assert not report.complete
        assert lines["Whānau Trust (test)"].acknowledged == 3 and lines["Whānau Trust (test)"].waiting == 0
        assert lines["Aroha House (test)"].waiting == 2
        assert lines["Aroha House (test)"].error == "the inbox did not answer in time"
        alive.assert_invariants()


def test_envelope_refusals_park_with_a_visible_reason(session: Session) -> None:
    with hostile_world(session, status=400, error="bad_header") as (world, _, _):
        ids = world.queue(3)
        report = world.engine().run_once()
        [result] = report.partners
        assert report.complete  # nothing deliverable is left: parked is a final answer
        assert (result.waiting, result.parked) == (0, 3)
        assert result.summary() == "Hostile Partner (test): 0 acknowledged, 0 waiting, 3 set aside"
        reasons = {m.message_id: (m.state, m.state_reason) for c in world.clients
                   for m in session.outbox.client_status(c)}
        assert {reasons[i] for i in ids} == {("parked", "the inbox refused the envelope (400 bad_header)")}


@pytest.mark.parametrize(("status", "error", "line"), [
    (403, "unknown_sender", "the inbox does not accept this device or key (403 unknown_sender)"),
    (421, "wrong_recipient", "the inbox does not accept this device or key (421 wrong_recipient)"),
    (404, "not_found", "the inbox refused the envelope (404 not_found)"),
    (429, "slow down, Ana Havili", "the inbox is busy (429)"),
])
def test_refusals_of_the_device_or_address_are_retried_not_parked(session: Session, status: int, error: str,
                                                                  line: str) -> None:
    with hostile_world(session, status=status, error=error) as (world, hostile, _):
        world.queue(2)
        report = world.engine().run_once()
        [result] = report.partners
        assert (result.waiting, result.parked, result.error) == (2, 0, line)
        _no_personal_information(result.summary())
        hostile.status = None  # the partner fixes its configuration
        assert world.engine().run_once().complete


def test_a_share_too_large_even_on_its_own_is_parked(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path, max_body=1400) as world:  # one usual share fits, two do not
        [big_client] = world.add_clients(1)
        session.clients.update(big_client, {"address": "".join(random.Random(3).choices(string.ascii_letters, k=300))},
                               collection=collected(session, "case_management"))
        big = world.queue(1, [big_client])[0]
        ids = world.queue(3)
        report = world.engine(initial_batch=4).run_once()
        [result] = report.partners
        states = world.states()
        assert states[big] == "parked" and all(states[i] == "acknowledged" for i in ids) and report.complete
        [status] = [m for m in session.outbox.client_status(big_client) if m.message_id == big]
        assert status.state_reason == "the envelope is larger than the inbox accepts (413 too_large)"
        assert result.parked == 1
        world.assert_invariants()


def test_too_large_is_resealed_smaller_and_delivered(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path, max_body=1550) as world:
        world.queue(6)
        assert world.engine(initial_batch=4).run_once(retry_for=60).complete
        assert set(world.states().values()) == {"acknowledged"}


@pytest.mark.parametrize("mode", [m for m in RECEIPT_MODES if m != "honest"])
def test_receipts_that_do_not_prove_delivery_acknowledge_nothing(session: Session, mode: str) -> None:
    with hostile_world(session, mode=mode) as (world, hostile, _):
        ids = world.queue(3)
        report = world.engine().run_once()
        [result] = report.partners
        expected = {
            "other_key": "the inbox's receipt did not verify (bad_signature)",
            "unknown_key": "the inbox's receipt did not verify (unknown_key)",
            "other_ids": "the inbox's reply held a receipt for a message not in the envelope",
            "missing": "the inbox's reply lacked receipts for 2 of 3 messages",
            "wrong_digest": "the inbox's receipt did not verify (digest_mismatch)",
            "malformed": "the inbox's reply held a malformed receipt",
            "wrong_envelope": "the inbox's reply is not a receipt list for the envelope sent",
            "not_a_list": "the inbox's reply is not a receipt list for the envelope sent",
        }[mode]
        assert result.error == expected and not report.complete
        states = world.states()
        acknowledged = [i for i in ids if states[i] == "acknowledged"]
        assert acknowledged == (ids[:1] if mode == "missing" else [])  # only a verified receipt counts
        assert result.waiting == 3 - len(acknowledged)
        receipts = session._db.query("SELECT message_id FROM receipts")
        assert {r[0] for r in receipts} == set(acknowledged)

        # The receipt query is checked just as hard: a receipt for another message is refused.
        hostile.mode = "other_ids"
        report = world.engine().run_once()
        assert report.partners[0].error in (
            "the inbox answered the receipt query with a receipt for another message",
            "the inbox's reply held a receipt for a message not in the envelope")
        hostile.mode = "honest"
        assert world.engine().run_once().complete


@pytest.mark.parametrize(("mode", "state", "reason"), [("refuse", "refused", "consent_revoked"),
                                                      ("conflict", "parked", "conflict")])
def test_signed_refusals_are_final_answers_not_deliveries(session: Session, mode: str, state: str,
                                                          reason: str) -> None:
    with hostile_world(session, mode=mode) as (world, _, _):
        ids = world.queue(2)
        report = world.engine().run_once()
        [result] = report.partners
        assert report.complete and (result.acknowledged, result.waiting, result.error) == (0, 0, None)
        assert (result.refused, result.parked) == ((2, 0) if state == "refused" else (0, 2))
        statuses = {m.message_id: (m.state, m.state_reason) for c in world.clients
                    for m in session.outbox.client_status(c)}
        assert {statuses[i] for i in ids} == {(state, reason)}


def test_receipts_asked_for_again_after_a_lost_reply(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(4)
        world.proxy.fail_next(1, "lost_reply")
        engine = world.engine()
        assert not engine.run_once().complete
        assert world.counts()["messages"] == 4  # stored, but the device has no receipt
        engine = world.engine()
        assert engine.run_once().complete
        assert engine.stats["receipt_queries"] == 4 and engine.stats["envelopes_posted"] == 0
        assert set(world.states().values()) == {"acknowledged"}
        assert set(world.stored()) == set(ids)
        world.assert_invariants()


def test_receipt_queries_stop_at_the_first_envelope_the_inbox_does_not_hold(session: Session,
                                                                            tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(5)
        world.proxy.fail_next(1, "500_before")
        assert not world.engine().run_once().complete
        engine = world.engine()
        assert engine.run_once().complete
        assert engine.stats["receipt_queries"] == 1 and engine.stats["envelopes_posted"] == 1


def test_report_shapes() -> None:
    quiet = PartnerResult("p", "Kāinga (test)", 2, 0, 1, 1, 0, None, None)
    assert quiet.summary() == "Kāinga (test): 2 acknowledged, 0 waiting, 1 set aside, 1 refused"
    assert SyncReport(()).complete and SyncReport((quiet,)).complete
    waiting = PartnerResult("q", "Other (test)", 0, 3, 0, 0, 0, "the inbox did not answer in time", None)
    assert not SyncReport((quiet, waiting)).complete
    assert waiting.summary() == "Other (test): 0 acknowledged, 3 waiting (the inbox did not answer in time)"


def test_no_partner_is_complete_and_bad_arguments_are_refused(session: Session) -> None:
    time = VirtualTime()
    engine = SyncEngine(session.outbox, clock=time.clock, sleep=time.sleep)
    assert engine.run_once().partners == ()
    with pytest.raises(ValueError):
        engine.run_once(retry_for=-1)
    with pytest.raises(ValueError):
        SyncEngine(session.outbox, deadline=0)
    with pytest.raises(ValueError):
        SyncEngine(session.outbox, initial_batch=0)


def test_stored_payloads_hold_only_fields_allowed_when_sealed(session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        ids = world.queue(2)
        assert world.engine().run_once().complete
        stored = stored_messages(world.partner_dir)
        for message_id in ids:
            fields = stored[message_id].message["fields"]
            assert set(fields) == {"given_name", "family_name", "phone"}
            assert "health_conditions" not in fields and "case_notes" not in fields
        world.assert_invariants()
