"""Print the worked example of a referral packet in docs/referral-packet.md.

Everything is fixed and fictional (example keys that protect nothing, an invented person), so the output is the
same on every run except the age ciphertext itself, which age makes afresh each time (an ephemeral key, and a
random-length extra stanza): only its first line is printed. tests/test_packet_example.py checks that the
document shows exactly this output.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.cards import new_partner_card, sender_card_for
from tiaki.core.packet import bundle_bytes, decrypt_packet, parse_plaintext, seal_packet, signing_bytes
from tiaki.core.referral_bundle import (
    AgreementSummary,
    ConsentSummary,
    NoticeSummary,
    ReferralContent,
    ReferralDetails,
    SentValue,
    build_bundle,
)
from tiaki.core.sharing import PartnerKind

# Example keys, published here: never use them for anything real.
PARTNER_IDENTITY = "AGE-SECRET-KEY-1RXRR2G5YEQQSG27LTSK36M3HQ4XSZ7TK34VCS47EE5GD4N9QWH4QYX5JNC"
PARTNER_RECEIPT_SEED = hashlib.sha256(b"tiaki example: partner receipt key").digest()
DEVICE_SEED = hashlib.sha256(b"tiaki example: device signing key").digest()
T0 = "2026-11-25T09:30:00.000+00:00"
PACKET_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
DEVICE_ID = "d0000000-0000-4000-8000-000000000004"
CONSENT_ID = "c0a80101-0000-4000-8000-000000000001"
AGREEMENT_ID = "a0000000-0000-4000-8000-000000000002"
NOTICE_HASH = hashlib.sha256(b"example notice text").hexdigest()


def main(out_dir: Path | None = None) -> None:
    identity = pyrage.x25519.Identity.from_str(PARTNER_IDENTITY)
    device = Ed25519PrivateKey.from_private_bytes(DEVICE_SEED)
    partner = new_partner_card(name="Te Whare Āwhina (example)", kind=PartnerKind.NGO, overseas=False,
                               inbox_url=None, age_recipient=str(identity.to_public()),
                               receipt_key=Ed25519PrivateKey.from_private_bytes(PARTNER_RECEIPT_SEED).public_key(),
                               created_at=T0)
    sender = sender_card_for("Te Whare Tiaki (example)", DEVICE_ID, device, T0)
    content = ReferralContent(
        packet_id=PACKET_ID, created_at=T0, organisation=sender.organisation, sender_key_id=sender.key_id,
        sender_device_id=DEVICE_ID, coordinator_id="a1000000-0000-4000-8000-000000000001",
        coordinator_name="Mere Rāwiri", partner_name=partner.name, partner_key_id=partner.key_id,
        client_id="c1000000-0000-4000-8000-000000000001", purpose="housing_support",
        details=ReferralDetails(reason="Needs emergency housing this week", urgency="urgent",
                                services="Housing navigator", note="Prefers text messages."),
        fields={"given_name": SentValue("Aroha", "identity", "consent", None, CONSENT_ID),
                "family_name": SentValue("Example", "identity", "consent", None, CONSENT_ID),
                "date_of_birth": SentValue("1990-04-01", "identity", "consent", None, CONSENT_ID),
                "phone": SentValue("021 555 0101", "contact", "consent", None, CONSENT_ID),
                "region": SentValue("northland", "contact", "approved_sharing_agreement", AGREEMENT_ID, None),
                "dependent_children": SentValue(2, "whanau", "consent", None, CONSENT_ID)},
        withheld={"health_conditions": "no_consent", "case_notes": "never_leaves_device"},
        consents=(ConsentSummary(CONSENT_ID, "2026-11-20T01:00:00.000+00:00", "2027-11-20T01:00:00.000+00:00",
                                 "written", "person", "mi", "2026-11-25.1", NOTICE_HASH,
                                 ("housing_support",), ("identity", "contact", "whanau")),),
        agreements=(AgreementSummary(AGREEMENT_ID, "Northland housing information sharing agreement",
                                     "approved_sharing_agreement", "Privacy Act 2020, Part 7"),),
        notice=NoticeSummary("2026-11-25.1", "mi", NOTICE_HASH, "before", "2026-11-20T00:55:00.000+00:00"))
    bundle = build_bundle(content)
    data = seal_packet(bundle_bytes(bundle), packet_id=PACKET_ID, created_at=T0, organisation=sender.organisation,
                       device_id=DEVICE_ID, signing_key=device, recipient=partner)
    plain = decrypt_packet(data, [identity])
    opened = parse_plaintext(plain)
    header_line, bundle_line, signature_line = plain.split(b"\n")[:3]
    if out_dir is not None:
        (out_dir / "packet.age").write_bytes(data)
        identity_text = f"# example partner identity (protects nothing)\n{PARTNER_IDENTITY}\n"
        (out_dir / "age-identity.txt").write_text(identity_text)

    print("partner card (what the partner hands the sender):")
    print(json.dumps(partner.to_json(), indent=2, ensure_ascii=False))
    print("\nsender card (what the sender hands the partner):")
    print(json.dumps(sender.to_json(), indent=2, ensure_ascii=False))
    print(f"\nage-identity.txt (the partner's secret; an example key):\n{PARTNER_IDENTITY}")
    first_line = data.split(b"\n")[0].decode()
    print(f"\npacket.age: the age binary format, first line {first_line!r}; decrypted, {len(plain)} bytes:")
    header_digest = hashlib.sha256(header_line).digest()
    print(f"\nline 1, the header ({len(header_line)} bytes, SHA-256 {header_digest.hex()}):\n{header_line.decode()}")
    print(f"\nline 2, the Bundle: {len(bundle_line)} bytes, SHA-256 {opened.header.bundle_sha256}")
    print(f"\nline 3, the signature line ({len(signature_line)} bytes):\n{signature_line.decode()}")
    signed = signing_bytes(header_digest, hashlib.sha256(bundle_line).digest())
    print(f"\nsigned bytes ({len(signed)}, hex): {signed.hex()}")
    print(f"sender fingerprint: {opened.header.fingerprint()}")
    print("\nline 2 pretty-printed (the file holds it compact, keys sorted, on one line):")
    print(json.dumps(json.loads(bundle_line), indent=2, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
