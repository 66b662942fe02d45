"""Races and crashes: duplicate deliveries at the same moment, and an inbox killed after committing but before
replying. Real server, real threads, real processes."""

from __future__ import annotations

import http.client
import json
import signal
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from inbox_support import (
    Device,
    InboxProcess,
    get_receipt,
    make_partner,
    post_envelope,
    request,
    running_inbox,
    share_message,
)
from tiaki.core.cards import PartnerCard
from tiaki.core.clock import iso, utc_now
from tiaki.core.receipts import Receipt, parse_receipt, verify_receipt
from tiaki.partner.identity import database_path
from tiaki.partner.inbox_db import InboxStore

THREADS = 8


def _enrolled(data_dir: Path) -> tuple[PartnerCard, Device]:
    card = make_partner(data_dir)
    device = Device.new()
    InboxStore(database_path(data_dir)).allow_sender(device.card, allowed_at=iso(utc_now()))
    return card, device


def _all_at_once(calls: list[Callable[[], tuple[int, dict[str, Any]]]]) -> list[tuple[int, dict[str, Any]]]:
    """Run the calls on as many threads, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], tuple[int, dict[str, Any]]]) -> tuple[int, dict[str, Any]]:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _verified(card: PartnerCard, obj: object) -> Receipt:
    receipt = parse_receipt(obj)
    verify_receipt(receipt, card.receipt_public_key())
    return receipt


def test_concurrent_duplicate_deliveries_store_one_row_and_all_get_valid_receipts(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    with running_inbox(data_dir) as url:
        for _ in range(3):
            message = share_message()
            same_envelope = device.seal([message], card)
            # Half send the very same envelope; half send the same message in envelopes of their own.
            bodies = [same_envelope if i % 2 else device.seal([message], card) for i in range(THREADS)]
            results = _all_at_once([lambda body=body: post_envelope(url, body) for body in bodies])
            assert [status for status, _ in results] == [200] * THREADS, results
            receipts = [_verified(card, reply["receipts"][0]) for _, reply in results]
            assert sorted(r.status for r in receipts) == ["accepted"] + ["duplicate"] * (THREADS - 1)
            assert len({r.digest for r in receipts}) == 1 and len({r.received_at for r in receipts}) == 1
            message_id = str(message["id"])
            stored = InboxStore(database_path(data_dir)).stored_envelope(message_id)
            assert stored is not None
            accepted = next(r for r in receipts if r.status == "accepted")
            assert stored.envelope_id == accepted.envelope_id
    counts = InboxStore(database_path(data_dir)).counts()
    assert counts["messages"] == 3
    assert counts["envelopes"] == 3  # only envelopes that brought something new keep their ciphertext


def test_a_crash_after_commit_loses_only_the_reply(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    message = share_message()
    envelope = device.seal([message], card)
    crashing = InboxProcess(data_dir, crash_after=1)
    try:
        url = crashing.start()
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            post_envelope(url, envelope)
        assert crashing.wait_exit() == 17
    finally:
        crashing.close()
    # It committed before dying: the row is there, and a retry is acknowledged as a duplicate of it.
    assert InboxStore(database_path(data_dir)).counts()["messages"] == 1
    with InboxProcess(data_dir) as inbox:
        message_id = str(message["id"])
        status, reply = get_receipt(inbox.url, message_id, device.query_headers(message_id))
        assert status == 200
        first = _verified(card, reply["receipt"])
        status, reply = post_envelope(inbox.url, envelope)
        again = _verified(card, reply["receipts"][0])
        assert status == 200 and again.status == "duplicate"
        assert (again.digest, again.received_at) == (first.digest, first.received_at)
    assert InboxStore(database_path(data_dir)).counts()["messages"] == 1


def test_the_service_process_prints_one_line_and_logs_nothing_personal(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    message = share_message(value="Mereana (fictional)")
    inbox = InboxProcess(data_dir)
    try:
        url = inbox.start()
        assert post_envelope(url, device.seal([message], card))[0] == 200
        assert post_envelope(url, b"junk")[0] == 400
        assert post_envelope(url, Device.new().seal([message], card))[0] == 403
        # SIGTERM: uvicorn shuts down cleanly, then ends by the signal as a supervisor expects.
        assert inbox.stop() in (0, -signal.SIGTERM)
        errors = inbox.stderr_text()
    finally:
        inbox.close()
    assert "Mereana" not in errors and str(message["client_id"]) not in errors
    assert "Traceback" not in errors
    assert errors.strip() == ""


def test_ctrl_c_ends_the_service_quietly_with_exit_0(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    _enrolled(data_dir)
    inbox = InboxProcess(data_dir)
    try:
        inbox.start()
        assert inbox.stop(signal.SIGINT) == 0
        assert inbox.stderr_text().strip() == ""
    finally:
        inbox.close()


def test_a_killed_service_can_be_started_again_on_the_same_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    first = InboxProcess(data_dir)
    try:
        url = first.start()
        assert post_envelope(url, device.seal([share_message()], card))[0] == 200
        first.kill()
        assert not first.alive
    finally:
        first.close()
    with InboxProcess(data_dir) as second:
        assert post_envelope(second.url, device.seal([share_message()], card))[0] == 200
    assert InboxStore(database_path(data_dir)).counts()["messages"] == 2


def test_too_many_envelopes_at_once_get_503_with_retry_after(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    entered = threading.Event()
    release = threading.Event()

    def hold(envelope_id: str) -> None:
        entered.set()
        release.wait(timeout=30)

    with running_inbox(data_dir, max_in_flight=1, after_commit=hold) as url:
        with ThreadPoolExecutor(max_workers=1) as pool:
            held = pool.submit(post_envelope, url, device.seal([share_message()], card))
            assert entered.wait(timeout=30)
            status, headers, _ = request(url, "POST", "/v1/envelopes", device.seal([share_message()], card))
            release.set()
            assert held.result(timeout=30)[0] == 200
        assert status == 503 and headers["retry-after"].isdigit()


def test_a_locked_database_is_a_503_and_the_retry_succeeds(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    envelope = device.seal([share_message()], card)
    with running_inbox(data_dir, busy_timeout=0.05) as url:
        other_writer = sqlite3.connect(database_path(data_dir), isolation_level=None)
        try:
            other_writer.execute("BEGIN IMMEDIATE")
            status, headers, body = request(url, "POST", "/v1/envelopes", envelope)
            other_writer.execute("ROLLBACK")
        finally:
            other_writer.close()
        assert status == 503 and headers["retry-after"].isdigit() and json.loads(body)["error"] == "busy"
        assert post_envelope(url, envelope)[1]["receipts"][0]["status"] == "accepted"
