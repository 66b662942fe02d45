"""Print a worked example of an envelope (for docs/envelope-format.md): fresh keys, one fictional message."""

from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from crypto_support import T0, partner_keys
from tiaki.core import envelope
from tiaki.core.canonical import canonical_json
from tiaki.core.clock import iso


def main() -> None:
    partner = partner_keys("Te Whare Āwhina (example)", "https://inbox.example.org.nz")
    device = Ed25519PrivateKey.generate()
    message = {
        "id": "7d1f0c55-3f7b-4c2e-9a51-0c1e2d3f4a5b", "kind": "share",
        "client_id": "0b8e4c1a-6d2f-4e3b-8c9d-1a2b3c4d5e6f", "created_at": iso(T0), "sealed_at": iso(T0),
        "purpose": "referral", "organisation": "Te Whare Tiaki",
        "consent_ids": ["c0a80101-0000-4000-8000-000000000001"],
        "fields": {"given_name": {"value": "Aroha", "basis": "consent", "agreement_id": None,
                                  "consent_id": "c0a80101-0000-4000-8000-000000000001"},
                   "region": {"value": "Northland", "basis": "approved_sharing_agreement",
                              "agreement_id": "a0000000-0000-4000-8000-000000000002", "consent_id": None}},
    }
    data = envelope.seal([message], envelope_id="e0000000-0000-4000-8000-000000000003",
                         sender_device_id="d0000000-0000-4000-8000-000000000004", sender_key=device,
                         recipient=partner.card, created_at=iso(T0))
    parsed = envelope.parse(data)
    print("partner card:\n" + json.dumps(partner.card.to_json(), indent=2, ensure_ascii=False))
    print(f"\nenvelope: {len(data)} bytes")
    print(f"  magic            {envelope.MAGIC!r}")
    print(f"  header length    {struct.unpack_from('>I', data, len(envelope.MAGIC))[0]}")
    print(f"  header           {parsed.header_bytes.decode()}")
    print(f"  signature        64 bytes: {parsed.signature.hex()[:32]}…")
    print(f"  ciphertext       {len(parsed.ciphertext)} bytes, starting {parsed.ciphertext[:40]!r}…")
    payload = zlib.decompress(pyrage.decrypt(parsed.ciphertext, [partner.identity]))
    print(f"\npayload after age -d and inflate ({len(payload)} bytes):\n{payload.decode()}")
    print(f"\nmessage digest (what the receipt names): {envelope.message_digest(message)}")
    assert canonical_json(json.loads(payload)) == payload


if __name__ == "__main__":
    main()
