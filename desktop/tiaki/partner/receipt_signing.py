"""Signing an envelope's receipts in bulk, byte for byte as ``tiaki.core.receipts.sign_receipt`` would.

An envelope of 512 messages needs 512 receipts before the reply goes out. ``sign_receipt`` builds a
``Receipt``, checks it, and turns it into a dict twice through ``dataclasses.asdict`` (for the signing bytes
and again for the JSON): about three times the cost of the Ed25519 signature itself. Here each receipt is one
dict, one canonical encoding and one signature, with the same checks, and the same JSON as
``Receipt.to_json()`` (a test compares the two for every status). The signing key is fixed for one reply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.canonical import KEY_ID, UUID, b64u, canonical_json
from tiaki.core.receipts import RECEIPT_STATUSES, REJECTION_REASONS, ReceiptError
from tiaki.partner.inbox_db import MessageOutcome

RECEIPT_CONTEXT: Final = b"tiaki-receipt/1\x00"  # core.receipts signs over this prefix and the canonical body
_HEX: Final = frozenset("0123456789abcdef")


class ReceiptSigner:
    """Receipts signed by one partner key (the one the envelope they answer was sealed to)."""

    def __init__(self, key: Ed25519PrivateKey, key_id: str) -> None:
        if not KEY_ID.match(key_id):
            raise ReceiptError("bad_receipt", "The partner's receipt is not valid.")
        self._key = key
        self._key_id = key_id
        self._times: set[str] = set()  # received_at values already checked (one or two per envelope)

    def sign_all(self, outcomes: Iterable[MessageOutcome]) -> list[dict[str, str]]:
        return [self.sign(outcome) for outcome in outcomes]

    def sign(self, outcome: MessageOutcome) -> dict[str, str]:
        """``sign_receipt(...).to_json()`` for this outcome: same fields, same order, same signature."""
        self._check(outcome)
        body = {"message_id": outcome.message_id, "envelope_id": outcome.envelope_id, "digest": outcome.digest,
                "received_at": outcome.received_at, "status": outcome.status, "reason": outcome.reason,
                "partner_key_id": self._key_id}
        body["signature"] = b64u(self._key.sign(RECEIPT_CONTEXT + canonical_json(body)))
        return body

    def _check(self, o: MessageOutcome) -> None:
        """What ``sign_receipt`` checks, so the inbox never signs a receipt a device would refuse to parse."""
        ok = (UUID.match(o.message_id) and UUID.match(o.envelope_id) and len(o.digest) == 64
              and _HEX.issuperset(o.digest) and o.status in RECEIPT_STATUSES
              and (o.reason in REJECTION_REASONS if o.status == "rejected" else o.reason == ""))
        if not ok:
            raise ReceiptError("bad_receipt", "The partner's receipt is not valid.")
        if o.received_at not in self._times:
            try:
                when = dt.datetime.fromisoformat(o.received_at) if len(o.received_at) <= 64 else None
            except ValueError:
                when = None
            if when is None or when.utcoffset() is None:
                raise ReceiptError("bad_receipt", "The partner's receipt has no valid time.")
            self._times.add(o.received_at)
