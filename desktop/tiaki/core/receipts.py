"""Receipts: a partner inbox's signed statement that it holds one message (or why it refused it).

A device marks a message delivered only with a receipt that verifies against the partner's pinned receipt key
and names the digest of a version of the message this device sealed. That is the difference between "the
request returned 200" and proof of delivery.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tiaki.core.canonical import KEY_ID, UUID, b64u, canonical_json, unb64u

RECEIPT_STATUSES: Final = ("accepted", "duplicate", "rejected")
REJECTION_REASONS: Final = ("conflict", "consent_revoked")
_CONTEXT: Final = b"tiaki-receipt/1\x00"
_FIELDS: Final = frozenset({"message_id", "envelope_id", "digest", "received_at", "status", "reason",
                            "partner_key_id", "signature"})
_HEX = frozenset("0123456789abcdef")


class ReceiptError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Receipt:
    message_id: str
    envelope_id: str
    digest: str
    received_at: str
    status: str
    reason: str
    partner_key_id: str
    signature: str

    def signing_bytes(self) -> bytes:
        return _CONTEXT + canonical_json({  # every field but the signature (built directly: asdict is slow)
            "message_id": self.message_id, "envelope_id": self.envelope_id, "digest": self.digest,
            "received_at": self.received_at, "status": self.status, "reason": self.reason,
            "partner_key_id": self.partner_key_id})

    def to_json(self) -> dict[str, str]:
        return asdict(self)

    @property
    def delivered(self) -> bool:
        """The partner holds this message id (now or from before)."""
        return self.status in ("accepted", "duplicate")


def sign_receipt(*, message_id: str, envelope_id: str, digest: str, received_at: str, status: str, reason: str,
                 partner_key_id: str, key: Ed25519PrivateKey) -> Receipt:
    unsigned = Receipt(message_id, envelope_id, digest, received_at, status, reason, partner_key_id, "")
    _check(unsigned)
    return Receipt(message_id, envelope_id, digest, received_at, status, reason, partner_key_id,
                   b64u(key.sign(unsigned.signing_bytes())))


def _check(r: Receipt) -> None:
    ok = (UUID.match(r.message_id) and UUID.match(r.envelope_id) and len(r.digest) == 64 and set(r.digest) <= _HEX
          and KEY_ID.match(r.partner_key_id) and r.status in RECEIPT_STATUSES
          and (r.reason in REJECTION_REASONS if r.status == "rejected" else r.reason == ""))
    if not ok:
        raise ReceiptError("bad_receipt", "The partner's receipt is not valid.")
    try:
        when = dt.datetime.fromisoformat(r.received_at) if len(r.received_at) <= 64 else None
    except ValueError:
        when = None
    if when is None or when.utcoffset() is None:
        raise ReceiptError("bad_receipt", "The partner's receipt has no valid time.")


def parse_receipt(obj: object) -> Receipt:
    """A receipt from a partner's reply (untrusted JSON): exact fields, exact types."""
    if not isinstance(obj, dict) or set(obj) != _FIELDS or not all(type(v) is str for v in obj.values()):
        raise ReceiptError("bad_receipt", "The partner's receipt is not valid.")
    receipt = Receipt(**obj)
    _check(receipt)
    if len(receipt.signature) > 100:
        raise ReceiptError("bad_receipt", "The partner's receipt is not valid.")
    return receipt


def verify_receipt(receipt: Receipt, public: Ed25519PublicKey) -> None:
    try:
        public.verify(unb64u(receipt.signature), receipt.signing_bytes())
    except (InvalidSignature, ValueError):
        raise ReceiptError("bad_signature", "The partner's receipt is not signed by its key.") from None
