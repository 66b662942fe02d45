"""Referral packets: a FHIR Bundle for one partner, signed by the sending device and encrypted with age
(format: docs/referral-packet.md).

The packet is the age encryption, to the partner card's X25519 recipient, of three UTF-8 lines:

    line 1: header (compact JSON: packet id, time, sender, recipient key id)
    line 2: the FHIR R4 Bundle (compact JSON)
    line 3: signature (compact JSON: the Bundle's SHA-256 and length, and the sender's Ed25519 signature over
            the SHA-256 of line 1 and of line 2)

so a partner without Tiaki opens it with the stock ``age`` tool and hands line 2 to any FHIR system. The
signature comes last so that sealing hashes the Bundle in a second thread while age already encrypts it:
a large Bundle is read once for the digest and once for the encryption, at the same time. The Bundle also
repeats the routing fields (packet id, time, sender key id and organisation, device, recipient key id) and on
opening they must equal the header's, so the Bundle alone (``sed -n 2p``) still names who it came from and for.

Every error is a ``PacketError`` whose message names no value from the packet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import io
import itertools
import json
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

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
MAX_SIGNATURE_LINE_BYTES: Final = 1024
AGE_MAGIC: Final = b"age-encryption.org/v1\n"
SIGNATURE_CONTEXT: Final = PACKET_FORMAT.encode() + b"\x00"
_MAX_ORGANISATION: Final = 200
_HEADER_KEYS: Final = frozenset({"format", "packet_id", "created_at", "sender", "recipient_key_id"})
_SIGNATURE_KEYS: Final = frozenset({"bundle_sha256", "bundle_length", "signature"})
_SENDER_KEYS: Final = frozenset({"organisation", "device_id", "key_id", "signing_key"})
_NO_MATCHING_KEY: Final = "No matching keys found"  # pyrage's DecryptError text when no identity fits
_READ_SIZE: Final = 8192  # what pyrage asks its reader for per read() (Rust's BufReader capacity)
_HASH_IN_THREAD: Final = 256 * 1024  # below this a thread costs more than hashing in line

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
    """Line 1's members, with line 3's (``bundle_sha256``, ``bundle_length``, ``signature``)."""

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
        """Line 1, the header."""
        return {"format": PACKET_FORMAT, "packet_id": self.packet_id, "created_at": self.created_at,
                "sender": {"organisation": self.organisation, "device_id": self.device_id, "key_id": self.key_id,
                           "signing_key": self.signing_key},
                "recipient_key_id": self.recipient_key_id}

    def signature_json(self) -> dict[str, Any]:
        """Line 3, the signature line."""
        return {"bundle_sha256": self.bundle_sha256, "bundle_length": self.bundle_length, "signature": self.signature}


@dataclass(frozen=True)
class OpenedPacket:
    header: PacketHeader
    bundle_bytes: bytes
    bundle: dict[str, Any]


def bundle_bytes(bundle: Mapping[str, Any]) -> bytes:
    """The Bundle line: compact, sorted, UTF-8 JSON (so it holds no raw newline)."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False).encode()


def signing_bytes(header_digest: bytes, bundle_digest: bytes) -> bytes:
    """What the sender signs: the format name, a NUL, the 32-byte SHA-256 of line 1, then that of line 2 (each
    line without its newline): 88 bytes."""
    return SIGNATURE_CONTEXT + header_digest + bundle_digest


def seal_packet(bundle_data: bytes, *, packet_id: str, created_at: str, organisation: str, device_id: str,
                signing_key: Ed25519PrivateKey, recipient: PartnerCard) -> bytes:
    """The ``.age`` bytes of a packet holding ``bundle_data`` (from ``bundle_bytes``) for ``recipient``."""
    sealed = io.BytesIO()
    seal_packet_to(sealed, bundle_data, packet_id=packet_id, created_at=created_at, organisation=organisation,
                   device_id=device_id, signing_key=signing_key, recipient=recipient)
    return sealed.getvalue()


def seal_packet_to(out: BinaryIO, bundle_data: bytes, *, packet_id: str, created_at: str, organisation: str,
                   device_id: str, signing_key: Ed25519PrivateKey, recipient: PartnerCard) -> None:
    """Seal as ``seal_packet`` does, writing the ``.age`` bytes to ``out`` as age produces them (a file opened
    ``"wb"``: a large packet is never held in memory twice). On an error ``out`` may hold part of a packet.

    The Bundle's SHA-256 runs in a second thread (hashlib releases the GIL) while age encrypts line 1 and the
    Bundle, streamed to it with no Python code per read; line 3 follows once the digest is known."""
    if not bundle_data or b"\n" in bundle_data:
        raise ValueError("the Bundle must be one non-empty line of JSON")
    public = signing_key.public_key()
    header = PacketHeader(packet_id=packet_id, created_at=created_at, organisation=organisation, device_id=device_id,
                          key_id=sender_key_id(public), signing_key=b64u(public_raw(public)),
                          recipient_key_id=recipient.key_id, bundle_sha256="", bundle_length=len(bundle_data),
                          signature="")
    _check_header_values(header, ValueError("the packet's header values are not valid"))
    header_line = canonical_json(header.to_json())
    if (len(header_line) > MAX_HEADER_BYTES
            or len(header_line) + len(bundle_data) + MAX_SIGNATURE_LINE_BYTES + 3 > MAX_PACKET_BYTES):
        raise ValueError("the packet would be larger than a packet may be")
    age_recipient = pyrage.x25519.Recipient.from_str(recipient.age_recipient)
    digest = _BundleDigest(bundle_data)

    def last_lines() -> bytes:
        """The Bundle's newline and line 3: asked for by age only after the whole Bundle."""
        bundle_digest = digest.result()
        signature = signing_key.sign(signing_bytes(hashlib.sha256(header_line).digest(), bundle_digest))
        signed = dataclasses.replace(header, bundle_sha256=bundle_digest.hex(), signature=b64u(signature))
        return b"\n" + canonical_json(signed.signature_json()) + b"\n"

    try:
        pyrage.encrypt_io(_PlaintextReader(header_line + b"\n", bundle_data, last_lines), out, [age_recipient])
    finally:
        digest.join()  # the thread is done before seal_packet_to returns, whatever happened


class _BundleDigest:
    """SHA-256 of the Bundle, in a thread of its own for a large one."""

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._digest = b""
        self._thread: threading.Thread | None = None
        if len(data) >= _HASH_IN_THREAD:
            self._thread = threading.Thread(target=self._run, name="packet-digest", daemon=True)
            self._thread.start()
        else:
            self._run()

    def _run(self) -> None:
        assert self._data is not None
        self._digest = hashlib.sha256(self._data).digest()
        self._data = None

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def result(self) -> bytes:
        self.join()
        if len(self._digest) != 32:
            raise RuntimeError("the Bundle's digest could not be computed")
        return self._digest


class _PlaintextReader:
    """The plaintext as pyrage reads it, 8 KB per ``read()`` call: line 1, then the Bundle straight out of a
    ``BytesIO`` over the caller's bytes, then ``last_lines()``. After the first call ``read`` is a chain of
    C-level calls (``next`` over ``itertools.chain``): no Python frame runs for the Bundle's 6,400 reads a
    50 MB packet takes. Each piece is at most 8 KB; the first call checks pyrage asks for at least that."""

    __slots__ = ("_pieces", "read")

    def __init__(self, first: bytes, bulk: bytes, last_lines: Callable[[], bytes]) -> None:
        firsts = [first[at:at + _READ_SIZE] for at in range(0, len(first), _READ_SIZE)]
        self._pieces: Iterator[bytes] = itertools.chain(
            firsts, iter(functools.partial(io.BytesIO(bulk).read, _READ_SIZE), b""), _later(last_lines),
            itertools.repeat(b""))
        self.read: Callable[[int], bytes] = self._first_read

    def _first_read(self, size: int) -> bytes:
        if size < _READ_SIZE:
            raise ValueError("the age library reads in smaller pieces than Tiaki streams")
        self.read = functools.partial(next, self._pieces)
        return next(self._pieces)


def _later(make: Callable[[], bytes]) -> Iterator[bytes]:
    line = make()
    if len(line) > _READ_SIZE:
        raise ValueError("the signature line is longer than one read")
    yield line


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
    first = plain.find(b"\n", 0, MAX_HEADER_BYTES + 1)
    last = plain.rfind(b"\n", first + 1, len(plain) - 1)  # the newline ending line 2
    if (first < 1 or last <= first + 1 or not plain.endswith(b"\n") or len(plain) - last - 2 > MAX_SIGNATURE_LINE_BYTES
            or plain.find(b"\n", first + 1, last) != -1):
        raise PacketError("malformed")
    header_line = plain[:first]
    header = parse_header(header_line, plain[last + 1:-1])
    body = plain[first + 1:last]
    if len(body) != header.bundle_length:
        raise PacketError("malformed")
    digest = hashlib.sha256(body).digest()
    if digest.hex() != header.bundle_sha256:
        raise PacketError("bad_signature")
    verify_signature(header, hashlib.sha256(header_line).digest(), digest)
    return OpenedPacket(header, body, _bundle_for(header, body))


def parse_header(header_line: bytes, signature_line: bytes) -> PacketHeader:
    """Line 1 and line 3, checked member by member (the signature itself is checked by ``verify_signature``)."""
    doc, signed = _json_object(header_line, _HEADER_KEYS), _json_object(signature_line, _SIGNATURE_KEYS)
    if doc["format"] != PACKET_FORMAT:
        raise PacketError("malformed")
    sender = doc["sender"]
    if not isinstance(sender, dict) or set(sender) != _SENDER_KEYS:
        raise PacketError("malformed")
    values = (doc["packet_id"], doc["created_at"], sender["organisation"], sender["device_id"], sender["key_id"],
              sender["signing_key"], doc["recipient_key_id"], signed["bundle_sha256"], signed["signature"])
    if not all(isinstance(v, str) for v in values) or type(signed["bundle_length"]) is not int:
        raise PacketError("malformed")
    header = PacketHeader(packet_id=doc["packet_id"], created_at=doc["created_at"],
                          organisation=sender["organisation"], device_id=sender["device_id"],
                          key_id=sender["key_id"], signing_key=sender["signing_key"],
                          recipient_key_id=doc["recipient_key_id"], bundle_sha256=signed["bundle_sha256"],
                          bundle_length=signed["bundle_length"], signature=signed["signature"])
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


def verify_signature(header: PacketHeader, header_digest: bytes, bundle_digest: bytes) -> None:
    """The header's key signed these digests, and the header's key id is that key's."""
    key = _signing_public(header)
    if sender_key_id(key) != header.key_id:
        raise PacketError("bad_signature")
    try:
        key.verify(unb64u(header.signature), signing_bytes(header_digest, bundle_digest))
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


def _json_object(line: bytes, keys: frozenset[str]) -> dict[str, Any]:
    try:
        doc = loads_strict(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise PacketError("malformed") from None
    if not isinstance(doc, dict) or set(doc) != keys:
        raise PacketError("malformed")
    return doc


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
