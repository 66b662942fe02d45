"""Sealed envelopes: what a device sends to one partner's inbox (format: docs/envelope-format.md).

    b"TIAKI-ENVELOPE/1\\n" | u32 header length | header (canonical JSON) | u16 64 | Ed25519 signature | age ciphertext

The header carries what the inbox needs before decrypting (who sent it, to which key, which message ids) and
the SHA-256 of the ciphertext; the device signs the header, so the signature covers the ciphertext too. The
payload (zlib-compressed canonical JSON, encrypted with age to the partner's X25519 recipient) repeats the
header's routing fields, so a header re-signed by someone else around a captured ciphertext is caught when it
is opened. Compression happens before encryption, over the whole batch, so many small messages share one
dictionary.

Parsing is strict and bounded: sizes are checked before anything is allocated or inflated.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tiaki.core.canonical import KEY_ID, UUID, canonical_json, loads_strict, sha256_hex
from tiaki.core.cards import PartnerCard, sender_key_id

MAGIC: Final = b"TIAKI-ENVELOPE/1\n"
VERSION: Final = 1
MAX_ENVELOPE_BYTES: Final = 16 * 1024 * 1024
MAX_PAYLOAD_BYTES: Final = 64 * 1024 * 1024  # decompressed
MAX_HEADER_BYTES: Final = 1024 * 1024
MAX_MESSAGES: Final = 1000
SIGNATURE_LENGTH: Final = 64
MESSAGE_KINDS: Final = frozenset({"share", "update", "revocation"})
_HEADER_CONTEXT: Final = b"tiaki-envelope-header/1\x00"
_ROUTING: Final = ("envelope_id", "sender_device_id", "sender_key_id", "recipient_key_id", "created_at")
_HEADER_KEYS: Final = frozenset({"v", *_ROUTING, "messages", "payload_sha256", "payload_length"})
_PAYLOAD_KEYS: Final = frozenset({"v", *_ROUTING, "messages"})

_MESSAGES: Final = {
    "bad_magic": "This is not a Tiaki envelope.",
    "truncated": "The envelope is cut short.",
    "bad_header": "The envelope's header is not valid.",
    "too_large": "The envelope is larger than an inbox accepts.",
    "bad_signature": "The envelope's signature does not match its sender.",
    "wrong_recipient": "The envelope is sealed to a different key.",
    "digest_mismatch": "The envelope's contents do not match its header.",
    "cannot_decrypt": "The envelope cannot be decrypted with this key.",
    "bad_payload": "The envelope's contents are not valid.",
    "header_mismatch": "The envelope's contents disagree with its header.",
}


class EnvelopeError(ValueError):
    """Why an envelope was refused. ``code`` is stable; the message never quotes the envelope."""

    def __init__(self, code: str) -> None:
        super().__init__(_MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class MessageRef:
    id: str
    kind: str


@dataclass(frozen=True)
class EnvelopeHeader:
    envelope_id: str
    sender_device_id: str
    sender_key_id: str
    recipient_key_id: str
    created_at: str
    messages: tuple[MessageRef, ...]
    payload_sha256: str
    payload_length: int

    @property
    def message_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.messages)


@dataclass(frozen=True)
class ParsedEnvelope:
    header: EnvelopeHeader
    header_bytes: bytes
    signature: bytes
    ciphertext: bytes


def message_digest(message: Mapping[str, object]) -> str:
    """What a receipt names: the SHA-256 of the message's canonical JSON (computed by both ends)."""
    return sha256_hex(canonical_json(message))


def _routing(envelope_id: str, sender_device_id: str, sender_key: str, recipient_key: str,
             created_at: str) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "sender_device_id": sender_device_id, "sender_key_id": sender_key,
            "recipient_key_id": recipient_key, "created_at": created_at}


def seal(messages: Sequence[Mapping[str, object]], *, envelope_id: str, sender_device_id: str,
         sender_key: Ed25519PrivateKey, recipient: PartnerCard, created_at: str) -> bytes:
    """Compress, encrypt to the partner and sign. ``messages`` each have at least ``id`` and ``kind``."""
    if not 1 <= len(messages) <= MAX_MESSAGES:
        raise ValueError("an envelope holds 1 to 1000 messages")
    refs = [{"id": str(m["id"]), "kind": str(m["kind"])} for m in messages]
    if len({r["id"] for r in refs}) != len(refs) or any(r["kind"] not in MESSAGE_KINDS for r in refs):
        raise ValueError("message ids must be unique and kinds known")
    routing = _routing(envelope_id, sender_device_id, sender_key_id(sender_key.public_key()), recipient.key_id,
                       created_at)
    payload = zlib.compress(canonical_json({"v": VERSION, **routing, "messages": list(messages)}), 6)
    ciphertext = pyrage.encrypt(payload, [pyrage.x25519.Recipient.from_str(recipient.age_recipient)])
    header = canonical_json({"v": VERSION, **routing, "messages": refs, "payload_sha256": sha256_hex(ciphertext),
                             "payload_length": len(ciphertext)})
    signature = sender_key.sign(_HEADER_CONTEXT + header)
    return b"".join((MAGIC, struct.pack(">I", len(header)), header, struct.pack(">H", len(signature)), signature,
                     ciphertext))


def parse(data: bytes) -> ParsedEnvelope:
    """The envelope's structure and header, checked; nothing decrypted, no signature checked yet."""
    if len(data) > MAX_ENVELOPE_BYTES:
        raise EnvelopeError("too_large")
    if not data.startswith(MAGIC):
        raise EnvelopeError("truncated" if MAGIC.startswith(data) else "bad_magic")
    at = len(MAGIC)
    if len(data) < at + 4:
        raise EnvelopeError("truncated")
    (header_length,) = struct.unpack_from(">I", data, at)
    at += 4
    if not 1 <= header_length <= MAX_HEADER_BYTES:
        raise EnvelopeError("bad_header")
    if len(data) < at + header_length + 2:
        raise EnvelopeError("truncated")
    header_bytes = data[at:at + header_length]
    at += header_length
    (signature_length,) = struct.unpack_from(">H", data, at)
    at += 2
    if signature_length != SIGNATURE_LENGTH:
        raise EnvelopeError("bad_header")
    signature = data[at:at + SIGNATURE_LENGTH]
    ciphertext = data[at + SIGNATURE_LENGTH:]
    if len(signature) < SIGNATURE_LENGTH or not ciphertext:
        raise EnvelopeError("truncated")
    header = _header(header_bytes)
    if len(ciphertext) != header.payload_length:
        raise EnvelopeError("truncated" if len(ciphertext) < header.payload_length else "digest_mismatch")
    return ParsedEnvelope(header, header_bytes, signature, ciphertext)


def _json_object(raw: bytes, code: str) -> dict[str, Any]:
    try:
        doc = loads_strict(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and UnicodeEncodeError are ValueErrors
        raise EnvelopeError(code) from None
    if not isinstance(doc, dict):
        raise EnvelopeError(code)
    return doc


def _is_time(value: object) -> bool:
    if not _is_text(value):
        return False
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return moment.utcoffset() is not None


def _is_text(value: object, pattern: Any = None, limit: int = 64) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit and (pattern is None or bool(pattern.match(value)))


def _refs(raw: object, code: str) -> tuple[MessageRef, ...]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_MESSAGES:
        raise EnvelopeError(code)
    refs = []
    for item in raw:
        if not isinstance(item, dict) or not _is_text(item.get("id"), UUID) or item.get("kind") not in MESSAGE_KINDS:
            raise EnvelopeError(code)
        if code == "bad_header" and set(item) != {"id", "kind"}:
            raise EnvelopeError(code)
        refs.append(MessageRef(item["id"], item["kind"]))
    if len({r.id for r in refs}) != len(refs):
        raise EnvelopeError(code)
    return tuple(refs)


def _header(raw: bytes) -> EnvelopeHeader:
    doc = _json_object(raw, "bad_header")
    if set(doc) != _HEADER_KEYS or type(doc["v"]) is not int or doc["v"] != VERSION or canonical_json(doc) != raw:
        raise EnvelopeError("bad_header")
    ok = (_is_text(doc["envelope_id"], UUID) and _is_text(doc["sender_device_id"], UUID)
          and _is_text(doc["sender_key_id"], KEY_ID) and _is_text(doc["recipient_key_id"], KEY_ID)
          and _is_time(doc["created_at"]) and _is_text(doc["payload_sha256"], limit=64)
          and len(doc["payload_sha256"]) == 64 and type(doc["payload_length"]) is int
          and 0 < doc["payload_length"] <= MAX_ENVELOPE_BYTES)
    if not ok:
        raise EnvelopeError("bad_header")
    return EnvelopeHeader(doc["envelope_id"], doc["sender_device_id"], doc["sender_key_id"], doc["recipient_key_id"],
                          doc["created_at"], _refs(doc["messages"], "bad_header"), doc["payload_sha256"],
                          doc["payload_length"])


def verify_sender(env: ParsedEnvelope, sender_public: Ed25519PublicKey) -> None:
    """The header (and through its digest, the ciphertext) was signed by this sender's key."""
    if sender_key_id(sender_public) != env.header.sender_key_id:
        raise EnvelopeError("bad_signature")
    try:
        sender_public.verify(env.signature, _HEADER_CONTEXT + env.header_bytes)
    except InvalidSignature:
        raise EnvelopeError("bad_signature") from None


def open_payload(env: ParsedEnvelope, identity: pyrage.x25519.Identity, *,
                 recipient_key_id: str) -> list[dict[str, Any]]:
    """Decrypt and check the payload against the header; the messages, in header order.

    Call ``verify_sender`` first: this checks what the sender said, not who the sender is."""
    header = env.header
    if header.recipient_key_id != recipient_key_id:
        raise EnvelopeError("wrong_recipient")
    if sha256_hex(env.ciphertext) != header.payload_sha256:
        raise EnvelopeError("digest_mismatch")
    try:
        compressed = pyrage.decrypt(env.ciphertext, [identity])
    except pyrage.DecryptError:
        raise EnvelopeError("cannot_decrypt") from None
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(compressed, MAX_PAYLOAD_BYTES)
    except zlib.error:
        raise EnvelopeError("bad_payload") from None
    if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data:
        raise EnvelopeError("too_large" if inflater.unconsumed_tail else "bad_payload")
    doc = _json_object(raw, "bad_payload")
    if set(doc) != _PAYLOAD_KEYS or type(doc["v"]) is not int or doc["v"] != VERSION:
        raise EnvelopeError("bad_payload")
    expected = _routing(header.envelope_id, header.sender_device_id, header.sender_key_id, header.recipient_key_id,
                        header.created_at)
    if any(doc[key] != value for key, value in expected.items()):
        raise EnvelopeError("header_mismatch")
    messages = doc["messages"]
    if _refs(messages, "bad_payload") != header.messages:
        raise EnvelopeError("header_mismatch")
    for message in messages:
        if not _is_text(message.get("client_id"), UUID) or not _is_time(message.get("created_at")):
            raise EnvelopeError("bad_payload")
    return list(messages)
