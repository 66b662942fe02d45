"""The partner inbox's HTTP service (Starlette): envelopes in, signed receipts out.

A receipt is a promise that the inbox holds the message, so it is built only after the transaction that stores
the ciphertext has committed (SQLite synchronous=FULL). A crash between the commit and the reply loses only
the reply: the device sends the same envelope again and gets "duplicate" receipts with the first time stored.

Checks run cheapest first and nothing is stored until all pass: size (413), structure (400), an allowed sender
whose signature verifies (403), one of this partner's keys (421), then decryption and the payload's agreement
with the header (400). Database and crypto work runs in the thread pool, off the event loop. Nothing here logs;
error replies carry a code and a fixed sentence, never a value from the envelope.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cryptography.exceptions import InvalidSignature
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tiaki.core.canonical import UUID, unb64u
from tiaki.core.clock import Clock, iso, utc_now
from tiaki.core.envelope import MAX_ENVELOPE_BYTES, EnvelopeError, message_digest, open_payload, parse, verify_sender
from tiaki.partner.identity import KeyRing, PartnerIdentity, database_path
from tiaki.partner.inbox_db import (
    MAX_CONSENT_IDS,
    Delivery,
    EnvelopeConflict,
    InboxBusy,
    InboxStore,
    IncomingMessage,
)
from tiaki.partner.openapi import openapi_document
from tiaki.partner.receipt_signing import ReceiptSigner

ENVELOPE_MEDIA_TYPE: Final = "application/vnd.tiaki.envelope"
RECEIPT_QUERY_CONTEXT: Final = b"tiaki-receipt-query/1\x00"
RETRY_AFTER_SECONDS: Final = "2"
MAX_BYTES_IN_FLIGHT: Final = 64 * 1024 * 1024  # request bodies held at once, in total (four full envelopes)
_MAX_ID: Final = 64


@dataclass(frozen=True)
class Reply:
    status: int
    body: Mapping[str, Any]
    headers: Mapping[str, str] | None = None


def _error(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, {"error": code, "message": message}, headers)


_BUSY: Final = _error(503, "busy", "The inbox is busy; try again shortly.", {"Retry-After": RETRY_AFTER_SECONDS})
_TOO_LARGE: Final = _error(413, "too_large", "The envelope is larger than this inbox accepts.")


class InboxService:
    """The inbox's behaviour, independent of HTTP framing (the routes below only read bodies and write JSON)."""

    def __init__(self, keys: KeyRing, store: InboxStore, *, clock: Clock = utc_now,
                 after_commit: Callable[[str], None] | None = None) -> None:
        self._keys = keys
        self.store = store
        self._clock = clock
        self._after_commit = after_commit

    def close(self) -> None:
        """Close the database connections (after the server has stopped)."""
        self.store.close()

    def deliver(self, data: bytes) -> Reply:
        try:
            return self._deliver(data)
        except InboxBusy:
            return _BUSY

    def receipt(self, message_id: str, sender_key_id: str | None, signature: str | None) -> Reply:
        """A receipt asked for again (the reply to the POST was lost), only for the sender who proves it sent."""
        try:
            return self._receipt_again(message_id, sender_key_id, signature)
        except InboxBusy:
            return _BUSY

    def _deliver(self, data: bytes) -> Reply:
        try:
            envelope = parse(data)
        except EnvelopeError as exc:
            return _error(400, exc.code, str(exc))
        header = envelope.header
        sender = self.store.sender(header.sender_key_id)
        if sender is None or sender.device_id != header.sender_device_id:
            return _error(403, "unknown_sender", "This inbox does not accept envelopes from that device.")
        try:
            verify_sender(envelope, sender.public_key())
        except EnvelopeError as exc:
            return _error(403, exc.code, str(exc))
        identity = self.identity  # read once: the KeyRing looks at card.json on every call
        key = identity.keys.get(header.recipient_key_id)  # any key this partner has held
        if key is None:
            return _error(421, "wrong_recipient", "The envelope is sealed to a key this inbox does not hold.")
        try:
            messages = open_payload(envelope, key.identity, recipient_key_id=key.key_id)
            incoming = tuple(_incoming(message) for message in messages)
        except EnvelopeError as exc:
            return _error(400, exc.code, str(exc))
        delivery = Delivery(envelope_id=header.envelope_id, sender_key_id=sender.key_id, recipient_key_id=key.key_id,
                            data=data, received_at=iso(self._clock()), messages=incoming)
        try:
            outcomes = self.store.record_delivery(delivery)
        except EnvelopeConflict:
            return _error(400, "envelope_conflict", "An envelope with this id but other contents was received before.")
        if self._after_commit is not None:
            self._after_commit(header.envelope_id)
        signer = ReceiptSigner(key.receipt_key, key.key_id)  # the key the device sealed to, so it knows it
        return Reply(200, {"envelope_id": header.envelope_id, "receipts": signer.sign_all(outcomes)})

    def _receipt_again(self, message_id: str, sender_key_id: str | None, signature: str | None) -> Reply:
        not_found = _error(404, "not_found", "No receipt for that message and sender.")
        if not UUID.match(message_id):
            return not_found
        if not sender_key_id or not signature or len(sender_key_id) > _MAX_ID or len(signature) > 2 * _MAX_ID:
            return _error(404, "proof_required", "Send X-Tiaki-Sender and X-Tiaki-Signature to ask for a receipt.")
        sender = self.store.sender(sender_key_id)
        try:
            if sender is None:
                raise ValueError
            sender.public_key().verify(unb64u(signature), RECEIPT_QUERY_CONTEXT + message_id.encode("ascii"))
        except (InvalidSignature, ValueError):
            return _error(404, "bad_proof", "The request is not signed by a device this inbox accepts.")
        held = self.store.outcome_for(message_id, sender_key_id)
        if held is None:
            return not_found
        return Reply(200, {"receipt": self._signer(held.sealed_to).sign(held.outcome)})

    @property
    def identity(self) -> PartnerIdentity:
        return self._keys.current()

    def health(self) -> Reply:
        identity = self.identity
        current = identity.card.key_id
        others = sorted(key_id for key_id in identity.keys if key_id != current)
        return Reply(200, {"status": "ok", "key_ids": [current, *others]})

    def _signer(self, sealed_to: str) -> ReceiptSigner:
        """A receipt is signed with the key its envelope was sealed to: the device chose that key, so it holds
        its card even if it has not yet enrolled a rotated one. The current key only when that one is not known
        (a refusal recorded by an older inbox whose envelope is gone) or its file is missing."""
        identity = self.identity
        key = identity.keys.get(sealed_to, identity.current)
        return ReceiptSigner(key.receipt_key, key.key_id)


def _incoming(message: Mapping[str, Any]) -> IncomingMessage:
    """What the store needs to know about a message; its shape is checked, its contents are not kept."""
    kind = message["kind"]
    if kind == "revocation":
        consent_id, withdrawn_at = message.get("consent_id"), message.get("withdrawn_at")
        if not isinstance(consent_id, str) or not _short_text(consent_id) or not (
                withdrawn_at is None or _short_text(withdrawn_at)):
            raise EnvelopeError("bad_payload")
        consents: tuple[str, ...] = (consent_id,)
    else:
        raw = message.get("consent_ids")
        if not isinstance(raw, list) or len(raw) > MAX_CONSENT_IDS or not all(_short_text(c) for c in raw):
            raise EnvelopeError("bad_payload")
        consents, withdrawn_at = tuple(raw), None
    try:
        digest = message_digest(message)
    except ValueError:  # no canonical JSON for it (a lone surrogate): refused, never a 500
        raise EnvelopeError("bad_payload") from None
    return IncomingMessage(id=message["id"], kind=kind, digest=digest, client_id=message["client_id"],
                           consent_ids=consents, revoked_at=withdrawn_at)


def _short_text(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_ID


_MAX_LENGTH_DIGITS: Final = 20  # more digits than any length worth reading (and int() refuses past 4,300)


def _declared_length(value: str | None) -> int | None:
    """Content-Length as a number: 0 when absent (the body is then capped as it streams in), None unless it is
    plain ASCII digits (``str.isdigit`` also accepts "²", which ``int`` refuses), and past any cap when it has
    more than 20 digits."""
    if value is None:
        return 0
    if not (value.isascii() and value.isdigit()):
        return None
    if len(value) > _MAX_LENGTH_DIGITS:
        return 10 ** _MAX_LENGTH_DIGITS
    return int(value)


class _TooLarge(Exception):
    pass


async def _read_capped(request: Request, cap: int) -> bytes:
    """The body, refused as soon as it passes ``cap`` (Content-Length is checked before this)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _json(reply: Reply) -> Response:
    return JSONResponse(dict(reply.body), status_code=reply.status, headers=dict(reply.headers or {}))


def create_app(data_dir: Path, *, after_commit: Callable[[str], None] | None = None,
               max_body: int = MAX_ENVELOPE_BYTES, max_in_flight: int = 16,
               max_bytes_in_flight: int = MAX_BYTES_IN_FLIGHT, busy_timeout: float = 5.0,
               clock: Clock = utc_now) -> Starlette:
    """The inbox for a partner directory made by ``tiaki partner init``.

    ``after_commit`` is a test hook, called with the envelope id after the commit and before the reply.
    Memory is bounded twice: ``max_in_flight`` envelopes at once, and ``max_bytes_in_flight`` bytes of their
    bodies in total (a body counts from before it is read until its reply: its Content-Length, or ``max_body``
    when it comes without one). A request over either limit gets 503 with Retry-After without its body being
    read, as does one that waits longer than ``busy_timeout`` seconds for the database.
    After ``tiaki partner rotate`` the running service picks up the new key on its next request."""
    if max_bytes_in_flight < max_body:
        raise ValueError("max_bytes_in_flight must leave room for one body of max_body bytes")
    service = InboxService(KeyRing(data_dir), InboxStore(database_path(data_dir), busy_timeout=busy_timeout),
                           clock=clock, after_commit=after_commit)
    in_flight = 0
    bytes_in_flight = 0  # only the event loop's thread changes these two

    async def post_envelope(request: Request) -> Response:
        nonlocal in_flight, bytes_in_flight
        header = request.headers.get("content-length")
        declared = _declared_length(header)
        if declared is None:
            return _json(_error(400, "bad_request", "The Content-Length header is not a number."))
        if declared > max_body:
            return _json(_TOO_LARGE)
        reserved = max_body if header is None else declared
        if in_flight >= max_in_flight or bytes_in_flight + reserved > max_bytes_in_flight:
            return _json(_BUSY)
        in_flight += 1
        bytes_in_flight += reserved
        try:
            body = await _read_capped(request, max_body)
            return _json(await run_in_threadpool(service.deliver, body))
        except _TooLarge:
            return _json(_TOO_LARGE)
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening; nothing was stored
        finally:
            in_flight -= 1
            bytes_in_flight -= reserved

    async def get_receipt(request: Request) -> Response:
        reply = await run_in_threadpool(service.receipt, str(request.path_params["message_id"]),
                                        request.headers.get("x-tiaki-sender"),
                                        request.headers.get("x-tiaki-signature"))
        return _json(reply)

    async def health(request: Request) -> Response:
        return _json(service.health())

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    app = Starlette(routes=[
        Route("/v1/envelopes", post_envelope, methods=["POST"]),
        Route("/v1/receipts/{message_id}", get_receipt, methods=["GET"]),
        Route("/v1/health", health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ])
    app.state.service = service
    return app
