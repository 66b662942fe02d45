"""Envelopes delivered over real HTTP to the real inbox (uvicorn on 127.0.0.1), and the receipts that come back."""

from __future__ import annotations

import json
import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from inbox_support import (
    Device,
    get_receipt,
    make_partner,
    post_envelope,
    request,
    revocation_message,
    running_inbox,
    share_message,
)
from tiaki.core.cards import PartnerCard
from tiaki.core.clock import iso, utc_now
from tiaki.core.envelope import MAGIC, EnvelopeError, message_digest
from tiaki.core.receipts import Receipt, parse_receipt, verify_receipt
from tiaki.partner.app import _incoming
from tiaki.partner.identity import database_path, rotate_identity
from tiaki.partner.inbox_db import InboxStore


@dataclass
class Inbox:
    data_dir: Path
    card: PartnerCard
    device: Device
    url: str

    @property
    def store(self) -> InboxStore:
        return InboxStore(database_path(self.data_dir))

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def deliver(self, messages: list[dict[str, object]], **seal: Any) -> tuple[int, dict[str, Any]]:
        return post_envelope(self.url, self.device.seal(messages, self.card, **seal))

    def receipts(self, reply: dict[str, Any]) -> list[Receipt]:
        """Parsed and verified with the card's receipt key (what a device does)."""
        out = [parse_receipt(obj) for obj in reply["receipts"]]
        for receipt in out:
            verify_receipt(receipt, self.card.receipt_public_key())
        return out


def _enrolled(data_dir: Path) -> tuple[PartnerCard, Device]:
    card = make_partner(data_dir)
    device = Device.new()
    InboxStore(database_path(data_dir)).allow_sender(device.card, allowed_at=iso(utc_now()))
    return card, device


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    with running_inbox(data_dir) as url:
        yield Inbox(data_dir, card, device, url)


def _empty(counts: dict[str, int]) -> bool:
    return all(counts[t] == 0 for t in ("envelopes", "messages", "tombstones", "rejections"))


def test_an_envelope_is_stored_once_as_ciphertext_and_every_message_gets_a_signed_receipt(inbox: Inbox) -> None:
    messages = [share_message(consent_ids=["c-1"]), share_message(kind="update"), share_message()]
    data = inbox.device.seal(messages, inbox.card)
    status, reply = post_envelope(inbox.url, data)
    assert status == 200, reply
    receipts = inbox.receipts(reply)
    assert [r.message_id for r in receipts] == [m["id"] for m in messages]
    assert [r.digest for r in receipts] == [message_digest(m) for m in messages]
    assert {r.status for r in receipts} == {"accepted"} and {r.reason for r in receipts} == {""}
    assert {r.partner_key_id for r in receipts} == {inbox.card.key_id}
    assert {r.envelope_id for r in receipts} == {reply["envelope_id"]}
    assert inbox.counts() == {"senders": 1, "envelopes": 1, "messages": 3, "tombstones": 0, "rejections": 0}
    stored = inbox.store.stored_envelope(str(messages[0]["id"]))
    assert stored is not None and stored.data == data
    # The decrypted payload is never written: the fictional value is nowhere in the database files.
    for path in inbox.data_dir.glob("inbox.sqlite3*"):
        assert b"Aroha (fictional)" not in path.read_bytes()


def test_the_same_envelope_again_is_a_duplicate_with_the_first_time_and_digest(inbox: Inbox) -> None:
    message = share_message()
    data = inbox.device.seal([message], inbox.card)
    first = inbox.receipts(post_envelope(inbox.url, data)[1])[0]
    status, reply = post_envelope(inbox.url, data)
    again = inbox.receipts(reply)[0]
    assert status == 200
    assert (again.status, again.reason, again.digest, again.received_at) == (
        "duplicate", "", first.digest, first.received_at)
    # The same message resealed in a new envelope is a duplicate too (dedupe is by message id and digest).
    status, reply = inbox.deliver([message])
    resent = inbox.receipts(reply)[0]
    assert resent.status == "duplicate" and resent.envelope_id == reply["envelope_id"] != first.envelope_id
    assert inbox.counts()["messages"] == 1 and inbox.counts()["envelopes"] == 1


def test_the_same_id_with_other_contents_is_a_recorded_conflict(inbox: Inbox) -> None:
    original = share_message()
    inbox.deliver([original])
    altered = {**original, "fields": {"given_name": {"value": "Someone else", "basis": "consent",
                                                     "agreement_id": None, "consent_id": None}}}
    status, reply = inbox.deliver([altered, share_message()])
    conflict, fresh = inbox.receipts(reply)
    assert status == 200
    assert (conflict.status, conflict.reason, conflict.digest) == ("rejected", "conflict", message_digest(original))
    assert fresh.status == "accepted"
    assert inbox.counts()["messages"] == 2 and inbox.counts()["rejections"] == 1
    listed = {(e.message_id, e.status, e.reason) for e in inbox.store.entries()}
    assert (original["id"], "rejected", "conflict") in listed and (original["id"], "stored", "") in listed


def test_a_share_after_its_consent_was_revoked_is_refused(inbox: Inbox) -> None:
    earlier = share_message(consent_ids=["consent-a"])
    inbox.deliver([earlier])
    revocation = revocation_message("consent-a", message_ids=[str(earlier["id"])])
    assert inbox.receipts(inbox.deliver([revocation])[1])[0].status == "accepted"
    late = share_message(consent_ids=["consent-a", "consent-b"])
    status, reply = inbox.deliver([late])
    receipt = inbox.receipts(reply)[0]
    assert status == 200
    assert (receipt.status, receipt.reason, receipt.digest) == ("rejected", "consent_revoked", message_digest(late))
    counts = inbox.counts()
    assert counts["messages"] == 2 and counts["tombstones"] == 1 and counts["rejections"] == 1
    assert counts["envelopes"] == 2  # the refused share's ciphertext is not kept
    assert inbox.store.stored_envelope(str(late["id"])) is None
    statuses = {e.message_id: e.status for e in inbox.store.entries()}
    assert statuses[str(earlier["id"])] == "revoked" and statuses[str(late["id"])] == "rejected"
    # The earlier share, delivered again, is still one the inbox holds: "duplicate", not refused.
    assert inbox.receipts(inbox.deliver([earlier])[1])[0].status == "duplicate"


def test_a_revocation_before_a_share_in_the_same_envelope_applies_to_it(inbox: Inbox) -> None:
    status, reply = inbox.deliver([revocation_message("consent-z"), share_message(consent_ids=["consent-z"])])
    assert status == 200
    assert [(r.status, r.reason) for r in inbox.receipts(reply)] == [("accepted", ""), ("rejected", "consent_revoked")]


def test_an_unknown_sender_is_refused_and_nothing_is_stored(inbox: Inbox) -> None:
    stranger = Device.new()
    status, reply = post_envelope(inbox.url, stranger.seal([share_message()], inbox.card))
    assert (status, reply["error"]) == (403, "unknown_sender")
    assert _empty(inbox.counts())


def test_an_envelope_for_another_partner_key_is_misdirected(inbox: Inbox, tmp_path: Path) -> None:
    other = make_partner(tmp_path / "other")
    status, reply = post_envelope(inbox.url, inbox.device.seal([share_message()], other))
    assert (status, reply["error"]) == (421, "wrong_recipient")
    assert _empty(inbox.counts())


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.mark.parametrize(("where", "statuses", "codes"), [
    ("magic", {400}, {"bad_magic"}),
    ("header_syntax", {400}, {"bad_header"}),
    ("header_value", {400, 403}, {"bad_header", "bad_signature"}),  # may still be well-formed, but not signed
    ("signature", {403}, {"bad_signature"}),
    ("ciphertext", {400}, {"digest_mismatch"}),
    ("truncated", {400}, {"truncated", "digest_mismatch"}),
])
def test_a_tampered_envelope_is_refused_and_nothing_is_stored(inbox: Inbox, where: str, statuses: set[int],
                                                              codes: set[str]) -> None:
    data = inbox.device.seal([share_message()], inbox.card)
    header_length = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "big")
    signature_at = len(MAGIC) + 4 + header_length + 2
    tampered = {
        "magic": _flip(data, 3),
        "header_syntax": _flip(data, len(MAGIC) + 4),
        "header_value": _flip(data, len(MAGIC) + 4 + header_length // 2),
        "signature": _flip(data, signature_at + 10),
        "ciphertext": _flip(data, len(data) - 5),
        "truncated": data[:-1],
    }[where]
    got, reply = post_envelope(inbox.url, tampered)
    assert got in statuses and reply["error"] in codes, reply
    assert "Aroha" not in json.dumps(reply)
    assert _empty(inbox.counts())


def test_a_reused_envelope_id_with_other_bytes_is_refused(inbox: Inbox) -> None:
    first = share_message()
    status, reply = inbox.deliver([first])
    status, reply = inbox.deliver([share_message()], envelope_id=reply["envelope_id"])
    assert (status, reply["error"]) == (400, "envelope_conflict")
    assert inbox.counts()["messages"] == 1


@pytest.mark.parametrize("body", [b"", b"junk", MAGIC, MAGIC + b"\x00\x00\x00\x05{}{}{"])
def test_a_malformed_body_is_a_400_with_a_code(inbox: Inbox, body: bytes) -> None:
    status, reply = post_envelope(inbox.url, body)
    assert status == 400 and set(reply) == {"error", "message"}
    assert _empty(inbox.counts())


def test_messages_without_consent_ids_or_a_revocation_without_its_consent_are_malformed(inbox: Inbox) -> None:
    share = share_message()
    del share["consent_ids"]
    assert inbox.deliver([share])[1]["error"] == "bad_payload"
    revocation = revocation_message("c")
    revocation["consent_id"] = 7
    assert inbox.deliver([revocation])[1]["error"] == "bad_payload"
    assert _empty(inbox.counts())


def test_a_message_without_canonical_json_is_malformed_not_a_crash() -> None:
    share = share_message(value="\ud800 (a lone surrogate)")
    with pytest.raises(EnvelopeError) as caught:
        _incoming(share)
    assert caught.value.code == "bad_payload"
    assert _incoming(share_message()).digest  # the same shape with text that encodes is fine


def test_oversized_bodies_are_refused_by_length_and_while_streaming(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card, device = _enrolled(data_dir)
    envelope = device.seal([share_message(value=secrets.token_hex(2000))], card)  # does not compress
    assert len(envelope) > 2048
    with running_inbox(data_dir, max_body=2048) as url:
        status, reply = post_envelope(url, envelope)
        assert (status, reply["error"]) == (413, "too_large")
        # An iterable body goes out chunked, without Content-Length: the cap applies to what arrives.
        chunks = (envelope[i:i + 512] for i in range(0, len(envelope), 512))
        status, _, body = request(url, "POST", "/v1/envelopes", chunks)
        assert status == 413 and json.loads(body)["error"] == "too_large"
        small = device.seal([share_message()], card)
        assert len(small) <= 2048 and post_envelope(url, small)[0] == 200
    assert InboxStore(database_path(data_dir)).counts()["messages"] == 1


def test_a_content_length_over_16_mib_is_refused_before_the_body_is_read(inbox: Inbox) -> None:
    parts = urlsplit(inbox.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(b"POST /v1/envelopes HTTP/1.1\r\nHost: inbox\r\nContent-Type: application/vnd.tiaki.envelope\r\n"
                     b"Content-Length: 16777217\r\n\r\n")
        head = conn.recv(1024)
    assert head.startswith(b"HTTP/1.1 413 ")


def test_a_receipt_can_be_asked_for_again_only_by_its_sender(inbox: Inbox) -> None:
    message = share_message()
    first = inbox.receipts(inbox.deliver([message])[1])[0]
    message_id = str(message["id"])
    status, reply = get_receipt(inbox.url, message_id, inbox.device.query_headers(message_id))
    assert status == 200
    again = parse_receipt(reply["receipt"])
    verify_receipt(again, inbox.card.receipt_public_key())
    assert (again.digest, again.received_at, again.envelope_id, again.status) == (
        first.digest, first.received_at, first.envelope_id, "accepted")

    status, reply = get_receipt(inbox.url, message_id)
    assert (status, reply["error"]) == (404, "proof_required")
    forged = {**inbox.device.query_headers(message_id), "X-Tiaki-Signature": "A" * 86}
    assert get_receipt(inbox.url, message_id, forged)[1]["error"] == "bad_proof"
    other = Device.new()
    inbox.store.allow_sender(other.card, allowed_at=iso(utc_now()))
    assert get_receipt(inbox.url, message_id, other.query_headers(message_id))[1]["error"] == "not_found"
    stranger = Device.new()
    assert get_receipt(inbox.url, message_id, stranger.query_headers(message_id))[1]["error"] == "bad_proof"
    unknown = share_message()["id"]
    assert get_receipt(inbox.url, str(unknown), inbox.device.query_headers(str(unknown)))[0] == 404
    assert get_receipt(inbox.url, "not-a-uuid", inbox.device.query_headers("not-a-uuid"))[0] == 404


def test_a_refused_message_has_its_refusal_as_its_receipt(inbox: Inbox) -> None:
    inbox.deliver([revocation_message("c-9")])
    late = share_message(consent_ids=["c-9"])
    inbox.deliver([late])
    message_id = str(late["id"])
    status, reply = get_receipt(inbox.url, message_id, inbox.device.query_headers(message_id))
    receipt = parse_receipt(reply["receipt"])
    verify_receipt(receipt, inbox.card.receipt_public_key())
    assert status == 200 and (receipt.status, receipt.reason) == ("rejected", "consent_revoked")


def test_after_rotation_envelopes_sealed_to_the_old_key_still_open(tmp_path: Path) -> None:
    """Which key signs their receipts: tests/test_inbox_rotation.py."""
    data_dir = tmp_path / "partner"
    old_card, device = _enrolled(data_dir)
    with running_inbox(data_dir) as url:
        new_card = rotate_identity(data_dir)  # while the service runs: it picks the new key up by itself
        health = json.loads(request(url, "GET", "/v1/health")[2])
        assert health == {"status": "ok", "key_ids": [new_card.key_id, old_card.key_id]}
        for card in (old_card, new_card):
            status, reply = post_envelope(url, device.seal([share_message()], card))
            assert status == 200 and reply["receipts"][0]["status"] == "accepted"
    with running_inbox(data_dir) as url:  # and after a restart
        status, reply = post_envelope(url, device.seal([share_message()], old_card))
        receipt = parse_receipt(reply["receipts"][0])
        assert status == 200 and receipt.status == "accepted"
        verify_receipt(receipt, old_card.receipt_public_key())


def test_the_openapi_document_describes_the_service(inbox: Inbox) -> None:
    status, headers, body = request(inbox.url, "GET", "/openapi.json")
    doc = json.loads(body)
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == {"/v1/envelopes", "/v1/receipts/{message_id}", "/v1/health", "/openapi.json"}
    post = doc["paths"]["/v1/envelopes"]["post"]
    assert {"200", "400", "403", "413", "421", "503"} <= set(post["responses"])
    assert "application/vnd.tiaki.envelope" in post["requestBody"]["content"]
    receipt_schema = doc["components"]["schemas"]["Receipt"]
    assert set(receipt_schema["required"]) == set(Receipt.__dataclass_fields__)

    def refs(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for ref in refs(doc):
        assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"]


def test_unknown_paths_and_methods_are_plain_http_errors(inbox: Inbox) -> None:
    assert request(inbox.url, "GET", "/v1/envelopes")[0] == 405
    assert request(inbox.url, "GET", "/v1/nothing")[0] == 404
