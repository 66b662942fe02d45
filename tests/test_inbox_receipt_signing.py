"""The inbox signs receipts in bulk without going through ``Receipt``; what it sends must be byte for byte what
``tiaki.core.receipts.sign_receipt(...).to_json()`` gives (Ed25519 is deterministic, so signatures compare equal),
and it must refuse what ``sign_receipt`` refuses."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.receipts import ReceiptError, parse_receipt, sign_receipt, verify_receipt
from tiaki.partner.inbox_db import MessageOutcome
from tiaki.partner.receipt_signing import ReceiptSigner

KEY = Ed25519PrivateKey.generate()
KEY_ID = "0123456789abcdef0123456789abcdef"
MESSAGE_ID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
ENVELOPE_ID = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
DIGEST = "ab" * 32
AT = "2026-11-25T09:30:00.000+00:00"


@pytest.mark.parametrize(("status", "reason"), [
    ("accepted", ""), ("duplicate", ""), ("rejected", "conflict"), ("rejected", "consent_revoked")])
def test_each_receipt_is_what_core_would_sign(status: str, reason: str) -> None:
    outcome = MessageOutcome(MESSAGE_ID, ENVELOPE_ID, status, reason, DIGEST, AT)
    ours = ReceiptSigner(KEY, KEY_ID).sign(outcome)
    core = sign_receipt(message_id=MESSAGE_ID, envelope_id=ENVELOPE_ID, digest=DIGEST, received_at=AT,
                        status=status, reason=reason, partner_key_id=KEY_ID, key=KEY).to_json()
    assert json.dumps(ours) == json.dumps(core)  # same keys, same order, same values, same signature
    verify_receipt(parse_receipt(ours), KEY.public_key())


def test_a_batch_is_signed_in_order() -> None:
    ids = [f"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a{i:02x}" for i in range(5)]
    outcomes = [MessageOutcome(i, ENVELOPE_ID, "accepted", "", DIGEST, AT) for i in ids]
    receipts = ReceiptSigner(KEY, KEY_ID).sign_all(outcomes)
    assert [r["message_id"] for r in receipts] == ids
    assert len({r["signature"] for r in receipts}) == 5


@pytest.mark.parametrize("change", [
    {"message_id": "not-a-uuid"}, {"envelope_id": MESSAGE_ID + "\n"}, {"digest": "AB" * 32}, {"digest": "ab" * 31},
    {"status": "lost"}, {"status": "accepted", "reason": "conflict"}, {"status": "rejected", "reason": ""},
    {"received_at": "yesterday"}, {"received_at": "2026-11-25T09:30:00"}, {"received_at": AT + "x" * 60},
])
def test_what_core_refuses_to_sign_is_refused(change: dict[str, str]) -> None:
    fields = {"message_id": MESSAGE_ID, "envelope_id": ENVELOPE_ID, "status": "accepted", "reason": "",
              "digest": DIGEST, "received_at": AT, **change}
    with pytest.raises(ReceiptError):
        sign_receipt(**fields, partner_key_id=KEY_ID, key=KEY)
    signer = ReceiptSigner(KEY, KEY_ID)
    signer.sign(MessageOutcome(MESSAGE_ID, ENVELOPE_ID, "accepted", "", DIGEST, AT))  # a good time, remembered
    with pytest.raises(ReceiptError):
        signer.sign(MessageOutcome(**fields))


def test_a_bad_key_id_is_refused() -> None:
    with pytest.raises(ReceiptError):
        ReceiptSigner(KEY, "not-a-key-id")
