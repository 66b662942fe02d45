"""The inbox's limits on what one allowed sender can make it do: consent ids per message, the Content-Length
header, and the bytes of request bodies held in memory at once. Each is a clean 4xx/5xx with a code, never a
crash (real inbox on 127.0.0.1, or its ASGI app called directly where the HTTP server would refuse first)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.types import Message

from inbox_support import (
    Device,
    allow,
    inbox_counts,
    make_partner,
    post_envelope,
    request,
    revocation_message,
    running_inbox,
    share_message,
)
from tiaki.core.cards import PartnerCard
from tiaki.core.envelope import MAX_MESSAGES
from tiaki.core.receipts import parse_receipt
from tiaki.partner.app import create_app
from tiaki.partner.inbox_db import MAX_CONSENT_IDS


@dataclass
class Partner:
    data_dir: Path
    card: PartnerCard
    device: Device


@pytest.fixture
def partner(tmp_path: Path) -> Partner:
    data_dir = tmp_path / "partner"
    card = make_partner(data_dir)
    device = Device.new()
    allow(data_dir, device.card)
    return Partner(data_dir, card, device)


def _consents(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{i:06d}" for i in range(count)]


def test_a_message_with_too_many_consent_ids_is_malformed(partner: Partner) -> None:
    with running_inbox(partner.data_dir) as url:
        for count in (MAX_CONSENT_IDS + 1, 300_000):
            envelope = partner.device.seal([share_message(consent_ids=_consents("c", count))], partner.card)
            status, reply = post_envelope(url, envelope)
            assert (status, reply["error"]) == (400, "bad_payload")
        status, reply = post_envelope(url, partner.device.seal(
            [share_message(consent_ids=_consents("c", MAX_CONSENT_IDS))], partner.card))
        assert status == 200 and reply["receipts"][0]["status"] == "accepted"
    assert inbox_counts(partner.data_dir)["messages"] == 1


def test_an_envelope_naming_more_consents_than_sqlite_has_variables_is_checked_against_every_tombstone(
        partner: Partner) -> None:
    """A full envelope names 64,000 consents (SQLite's default limit is 32,766 variables per statement): the
    tombstone lookup must take them all, and still find the one withdrawn among them."""
    messages = [share_message(consent_ids=_consents(f"m{i:04d}", MAX_CONSENT_IDS)) for i in range(MAX_MESSAGES)]
    withdrawn = messages[-1]["consent_ids"]
    assert isinstance(withdrawn, list)
    with running_inbox(partner.data_dir) as url:
        assert post_envelope(url, partner.device.seal([revocation_message(withdrawn[-1])], partner.card))[0] == 200
        status, reply = post_envelope(url, partner.device.seal(messages, partner.card))
        assert status == 200, reply
    receipts = [parse_receipt(r) for r in reply["receipts"]]
    assert [(r.status, r.reason) for r in receipts] == [("accepted", "")] * (MAX_MESSAGES - 1) + [
        ("rejected", "consent_revoked")]


def _call(app: Starlette, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """One POST /v1/envelopes straight into the ASGI app (no HTTP server to refuse odd headers first)."""
    sent: list[Message] = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> Message:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/v1/envelopes", "raw_path": b"/v1/envelopes", "root_path": "", "query_string": b"",
             "headers": [(b"host", b"inbox.test"), (b"content-type", b"application/vnd.tiaki.envelope"), *headers],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8470)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode("latin-1"): v.decode("latin-1") for k, v in start["headers"]}, body_out


@contextlib.contextmanager
def _app(data_dir: Path, **options: Any) -> Iterator[Starlette]:
    app = create_app(data_dir, **options)
    try:
        yield app
    finally:
        app.state.service.close()


@pytest.mark.parametrize(("declared", "status", "code"), [
    ("²".encode("latin-1"), 400, "bad_request"),  # str.isdigit() says yes; int() says no
    ("١٢".encode(), 400, "bad_request"),  # Arabic-Indic digits, as UTF-8 bytes
    (b"+12", 400, "bad_request"),
    (b"-1", 400, "bad_request"),
    (b"1_000", 400, "bad_request"),
    (b" 12", 400, "bad_request"),
    (b"", 400, "bad_request"),
    (b"9" * 21, 413, "too_large"),
    (b"9" * 5000, 413, "too_large"),  # past int()'s 4,300-digit limit: it would raise
    (b"16777217", 413, "too_large"),
])
def test_a_content_length_that_is_not_a_plain_number_or_is_too_long_is_refused(
        partner: Partner, declared: bytes, status: int, code: str) -> None:
    with _app(partner.data_dir) as app:
        got, _, body = _call(app, [(b"content-length", declared)])
    assert (got, json.loads(body)["error"]) == (status, code)


def test_a_plain_content_length_still_delivers(partner: Partner) -> None:
    envelope = partner.device.seal([share_message()], partner.card)
    with _app(partner.data_dir) as app:
        status, _, body = _call(app, [(b"content-length", str(len(envelope)).encode())], envelope)
    assert status == 200 and json.loads(body)["receipts"][0]["status"] == "accepted"


def _headers_only(url: str, content_length: int) -> bytes:
    """Send a POST's headers and no body; the status line the inbox answers with (it must not wait for one)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(b"POST /v1/envelopes HTTP/1.1\r\nHost: inbox\r\nContent-Type: application/vnd.tiaki.envelope\r\n"
                     b"Content-Length: %d\r\n\r\n" % content_length)
        head = conn.recv(4096)
    return head


def test_request_bodies_in_flight_are_capped_in_total_before_a_body_is_read(partner: Partner) -> None:
    held_envelope = partner.device.seal([share_message(value=secrets.token_hex(800))], partner.card)
    small = partner.device.seal([share_message()], partner.card)
    cap = len(held_envelope) + len(small) - 1  # both at once is one byte too many
    entered, release = threading.Event(), threading.Event()
    held_id: list[str] = []

    def hold(envelope_id: str) -> None:  # keeps the first envelope in flight, after its commit
        if not held_id:
            held_id.append(envelope_id)
            entered.set()
            release.wait(timeout=30)

    with running_inbox(partner.data_dir, max_body=cap, max_bytes_in_flight=cap, after_commit=hold) as url:
        with ThreadPoolExecutor(max_workers=1) as pool:
            try:
                held = pool.submit(post_envelope, url, held_envelope)
                assert entered.wait(timeout=30)
                head = _headers_only(url, len(small))  # would not fit beside the one in flight
                status, headers, body = request(url, "POST", "/v1/envelopes", small)
                chunked = request(url, "POST", "/v1/envelopes", iter([small]))  # no length: counts as max_body
            finally:
                release.set()
            assert held.result(timeout=30)[0] == 200
        assert head.startswith(b"HTTP/1.1 503 ") and b"retry-after: " in head.lower()
        assert (status, json.loads(body)["error"]) == (503, "busy") and headers["retry-after"].isdigit()
        assert chunked[0] == 503
        # With nothing else in flight the same requests fit.
        assert post_envelope(url, small)[0] == 200
        assert request(url, "POST", "/v1/envelopes", iter([small]))[0] == 200
    assert inbox_counts(partner.data_dir)["messages"] == 2


def test_a_total_cap_below_one_body_is_refused_when_the_app_is_made(partner: Partner) -> None:
    with pytest.raises(ValueError, match="max_bytes_in_flight"):
        create_app(partner.data_dir, max_body=1024, max_bytes_in_flight=1023)
