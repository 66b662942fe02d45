"""Referral packets: a FHIR Bundle for one partner, signed by the sending device and encrypted with age
(format: docs/referral-packet.md).

The packet is the age encryption, to the partner card's X25519 recipient, of two UTF-8 lines:

    line 1: header (compact JSON: packet id, times, sender, recipient key id, the Bundle's SHA-256 and length,
            and the sender's Ed25519 signature over the Bundle's digest)
    line 2: the FHIR R4 Bundle (compact JSON)

so a partner without Tiaki opens it with the stock ``age`` tool and hands line 2 to any FHIR system. The
signature is detached and covers the Bundle through its digest, so sealing reads a large Bundle once. The
Bundle repeats the routing fields (packet id, time, sender key id and organisation, device, recipient key id)
and on opening they must equal the header's: a packet re-encrypted to someone else, or a header edited around
a signed Bundle, is caught.

Every error is a ``PacketError`` whose message names no value from the packet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tiaki.core.canonical import KEY_ID, UUID, b64u, canonical_json, fingerprint, loads_strict, unb64u
from tiaki.core.cards import PartnerCard, public_raw, sender_key_id
from tiaki.core.referral_bundle import BundleError, parse_bundle
from tiaki.core.text import bad_characters

PACKET_FORMAT: Final = "tiaki-referral-packet/1"
MAX_PACKET_BYTES: Final = 64 * 1024 * 1024  # ciphertext and plaintext cap
MAX_HEADER_BYTES: Final = 8 * 1024
AGE_MAGIC: Final = b"age-encryption.org/v1\n"
SIGNATURE_CONTEXT: Final = PACKET_FORMAT.encode() + b"\x00"
_MAX_ORGANISATION: Final = 200
_HEADER_KEYS: Final = frozenset({"format", "packet_id", "created_at", "sender", "recipient_key_id", "bundle_sha256",
                                 "bundle_length", "signature"})
_SENDER_KEYS: Final = frozenset({"organisation", "device_id", "key_id", "signing_key"})
_NO_MATCHING_KEY: Final = "No matching keys found"  # pyrage's DecryptError text when no identity fits

_MESSAGES: Final = {
    "too_large": "The packet is larger than Tiaki accepts.",
    "not_a_packet": "This file is not a readable referral packet (not age-encrypted, damaged or cut short).",
    "not_for_us": "This packet is not addressed to any key this organisation holds.",
    "malformed": "The packet's contents are not in the referral packet format.",
    "bad_signature": "The packet's signature does not match its contents or its sender.",
    "recipient_mismatch": "The packet was made for a different recipient.",
    "bundle_invalid": "The referral inside the packet is not valid.",
    "unknown_sender": "The packet's sender is not trusted on this device.",
    "already_imported": "This packet has already been imported.",
    "bad_identity": "The identity file holds no usable age identity.",
}


class PacketError(ValueError):
    """Why a packet was refused. ``code`` is stable; the message is one line and never quotes the packet."""

    def __init__(self, code: str, message: str | None = None) -> None:
        super().__init__(message or _MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class PacketHeader:
    packet_id: str
    created_at: str
    organisation: str
    device_id: str
    key_id: str
    signing_key: str
    recipient_key_id: str
    bundle_sha256: str
    bundle_length: int
    signature: str

    def fingerprint(self) -> str:
        """The sender key's fingerprint, to compare with the sender card's by voice."""
        return fingerprint(self.key_id)

    def to_json(self) -> dict[str, Any]:
        return {"format": PACKET_FORMAT, "packet_id": self.packet_id, "created_at": self.created_at,
                "sender": {"organisation": self.organisation, "device_id": self.device_id, "key_id": self.key_id,
                           "signing_key": self.signing_key},
                "recipient_key_id": self.recipient_key_id, "bundle_sha256": self.bundle_sha256,
                "bundle_length": self.bundle_length, "signature": self.signature}


@dataclass(frozen=True)
class OpenedPacket:
    header: PacketHeader
    bundle_bytes: bytes
    bundle: dict[str, Any]


def bundle_bytes(bundle: Mapping[str, Any]) -> bytes:
    """The Bundle line: compact, sorted, UTF-8 JSON (so it holds no raw newline)."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False).encode()


def signing_bytes(bundle_digest: bytes) -> bytes:
    """What the sender signs: the format name, a NUL, then the 32-byte SHA-256 of the Bundle line."""
    return SIGNATURE_CONTEXT + bundle_digest


def seal_packet(bundle_data: bytes, *, packet_id: str, created_at: str, organisation: str, device_id: str,
                signing_key: Ed25519PrivateKey, recipient: PartnerCard) -> bytes:
    """The ``.age`` bytes of a packet holding ``bundle_data`` (from ``bundle_bytes``) for ``recipient``.

    One SHA-256 pass over the Bundle, then one age encryption streaming the two lines (no plaintext copy)."""
    if not bundle_data or b"\n" in bundle_data:
        raise ValueError("the Bundle must be one non-empty line of JSON")
    public = signing_key.public_key()
    header = PacketHeader(packet_id=packet_id, created_at=created_at, organisation=organisation, device_id=device_id,
                          key_id=sender_key_id(public), signing_key=b64u(public_raw(public)),
                          recipient_key_id=recipient.key_id, bundle_sha256="", bundle_length=len(bundle_data),
                          signature="")
    _check_header_values(header, ValueError("the packet's header values are not valid"))
    digest = hashlib.sha256(bundle_data).digest()
    signature = signing_key.sign(signing_bytes(digest))
    line = canonical_json({**header.to_json(), "bundle_sha256": digest.hex(), "signature": b64u(signature)})
    if len(line) > MAX_HEADER_BYTES or len(line) + len(bundle_data) + 2 > MAX_PACKET_BYTES:
        raise ValueError("the packet would be larger than a packet may be")
    sealed = io.BytesIO()
    pyrage.encrypt_io(_Lines(line + b"\n", bundle_data), sealed,
                      [pyrage.x25519.Recipient.from_str(recipient.age_recipient)])
    return sealed.getvalue()


class _Lines(io.RawIOBase):
    """The plaintext (header line, Bundle, newline) read straight out of the caller's buffers: age streams it, so
    a 50 MB Bundle is never copied into a second plaintext buffer first."""

    def __init__(self, header_line: bytes, bundle_data: bytes) -> None:
        super().__init__()
        self._parts = [memoryview(header_line), memoryview(bundle_data), memoryview(b"\n")]
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._parts:
            part = self._parts[0]
            count = min(len(buffer), len(part) - self._at)
            if count > 0:
                buffer[:count] = part[self._at:self._at + count]
                self._at += count
                return count
            self._parts.pop(0)
            self._at = 0
        return 0


def decrypt_packet(data: bytes, identities: Sequence[pyrage.x25519.Identity]) -> bytes:
    """The plaintext, if one of ``identities`` opens it (nothing checked inside)."""
    if len(data) > MAX_PACKET_BYTES:
        raise PacketError("too_large")
    if not data.startswith(AGE_MAGIC):
        raise PacketError("not_a_packet")
    if not identities:
        raise PacketError("not_for_us")
    try:
        plain: bytes = pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError as exc:
        raise PacketError("not_for_us" if str(exc) == _NO_MATCHING_KEY else "not_a_packet") from None
    return plain


def open_packet(data: bytes, identities: Sequence[pyrage.x25519.Identity], *,
                recipient_key_ids: Collection[str] | None = None) -> OpenedPacket:
    """Decrypt, then check everything ``parse_plaintext`` checks; with ``recipient_key_ids``, the packet must
    also have been made for one of them (the card keys this organisation published)."""
    opened = parse_plaintext(decrypt_packet(data, identities))
    if recipient_key_ids is not None and opened.header.recipient_key_id not in recipient_key_ids:
        raise PacketError("recipient_mismatch")
    return opened


def parse_plaintext(plain: bytes) -> OpenedPacket:
    """Structure, header, length, digest, key id, signature, the Bundle's JSON and profile, and the Bundle's
    routing fields against the header's. Who the sender is (trusted or not) is the caller's question."""
    if len(plain) > MAX_PACKET_BYTES:
        raise PacketError("too_large")
    end = plain.find(b"\n")
    if end < 1 or end > MAX_HEADER_BYTES or not plain.endswith(b"\n") or plain.find(b"\n", end + 1) != len(plain) - 1:
        raise PacketError("malformed")
    header = parse_header(plain[:end])
    body = plain[end + 1:-1]
    if len(body) != header.bundle_length:
        raise PacketError("malformed")
    digest = hashlib.sha256(body).digest()
    if digest.hex() != header.bundle_sha256:
        raise PacketError("bad_signature")
    verify_signature(header, digest)
    return OpenedPacket(header, body, _bundle_for(header, body))


def parse_header(line: bytes) -> PacketHeader:
    """The header line, checked member by member (the signature itself is checked by ``verify_signature``)."""
    try:
        doc = loads_strict(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise PacketError("malformed") from None
    if not isinstance(doc, dict) or set(doc) != _HEADER_KEYS or doc["format"] != PACKET_FORMAT:
        raise PacketError("malformed")
    sender = doc["sender"]
    if not isinstance(sender, dict) or set(sender) != _SENDER_KEYS:
        raise PacketError("malformed")
    values = (doc["packet_id"], doc["created_at"], sender["organisation"], sender["device_id"], sender["key_id"],
              sender["signing_key"], doc["recipient_key_id"], doc["bundle_sha256"], doc["signature"])
    if not all(isinstance(v, str) for v in values) or type(doc["bundle_length"]) is not int:
        raise PacketError("malformed")
    header = PacketHeader(packet_id=doc["packet_id"], created_at=doc["created_at"],
                          organisation=sender["organisation"], device_id=sender["device_id"],
                          key_id=sender["key_id"], signing_key=sender["signing_key"],
                          recipient_key_id=doc["recipient_key_id"], bundle_sha256=doc["bundle_sha256"],
                          bundle_length=doc["bundle_length"], signature=doc["signature"])
    _check_header_values(header, PacketError("malformed"))
    if not (len(header.bundle_sha256) == 64 and all(c in "0123456789abcdef" for c in header.bundle_sha256)):
        raise PacketError("malformed")
    try:
        signature = unb64u(header.signature)
    except ValueError:
        raise PacketError("malformed") from None
    if len(signature) != 64:
        raise PacketError("malformed")
    return header


def verify_signature(header: PacketHeader, bundle_digest: bytes) -> None:
    """The header's key signed this digest, and the header's key id is that key's."""
    key = _signing_public(header)
    if sender_key_id(key) != header.key_id:
        raise PacketError("bad_signature")
    try:
        key.verify(unb64u(header.signature), signing_bytes(bundle_digest))
    except (InvalidSignature, ValueError):
        raise PacketError("bad_signature") from None


def read_identity_file(text: str) -> list[pyrage.x25519.Identity]:
    """The identities in an age identity file: ``#`` comments, blank lines and ``AGE-SECRET-KEY-1…`` lines."""
    identities = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("AGE-SECRET-KEY-1"):
            raise PacketError("bad_identity")
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise PacketError("bad_identity") from None
    if not identities:
        raise PacketError("bad_identity")
    return identities


# --- helpers ------------------------------------------------------------------------------------------------


def _check_header_values(header: PacketHeader, error: Exception) -> None:
    organisation = header.organisation
    ok = (bool(UUID.match(header.packet_id)) and bool(UUID.match(header.device_id))
          and bool(KEY_ID.match(header.key_id)) and bool(KEY_ID.match(header.recipient_key_id))
          and is_time(header.created_at) and 0 < len(organisation) <= _MAX_ORGANISATION
          and organisation == organisation.strip() and not bad_characters(organisation)
          and 0 < header.bundle_length <= MAX_PACKET_BYTES and len(header.signing_key) == 43)
    if not ok:
        raise error


def is_time(value: object) -> bool:
    """An ISO 8601 date and time with an offset (what Tiaki writes: ``clock.iso``)."""
    if not isinstance(value, str) or not 0 < len(value) <= 64 or value != value.strip():
        return False
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.utcoffset() is not None


def _signing_public(header: PacketHeader) -> Ed25519PublicKey:
    try:
        raw = unb64u(header.signing_key)
        if len(raw) != 32:
            raise ValueError
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise PacketError("malformed") from None


def _bundle_for(header: PacketHeader, body: bytes) -> dict[str, Any]:
    """The Bundle, parsed to the profile, whose routing fields must be the header's."""
    try:
        doc = loads_strict(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise PacketError("bundle_invalid") from None
    try:
        referral = parse_bundle(doc)
    except BundleError:
        raise PacketError("bundle_invalid") from None
    if not isinstance(doc, dict):  # parse_bundle accepts only an object; this says so to the type checker
        raise PacketError("bundle_invalid")
    if referral.partner_key_id != header.recipient_key_id:
        raise PacketError("recipient_mismatch")
    if (referral.packet_id, referral.created_at, referral.sender_key_id, referral.organisation,
            referral.sender_device_id) != (header.packet_id, header.created_at, header.key_id, header.organisation,
                                           header.device_id):
        raise PacketError("malformed")
    return doc
