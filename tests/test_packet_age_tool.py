"""Referral packets and the stock `age` tool: a partner without Tiaki opens a packet with `age -d`, and what
`age -e` encrypts opens through the same pyrage path Tiaki uses (interop both ways)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto_support import T0, partner_keys
from tiaki.core.canonical import unb64u
from tiaki.core.cards import ed25519_public, sender_key_id
from tiaki.core.clock import iso
from tiaki.core.packet import PACKET_FORMAT, bundle_bytes, decrypt_packet, parse_plaintext, seal_packet
from tiaki.core.referral_bundle import (
    ConsentSummary,
    ReferralContent,
    ReferralDetails,
    SentValue,
    build_bundle,
    parse_bundle,
)

AGE = shutil.which("age")
pytestmark = pytest.mark.skipif(AGE is None, reason="the stock `age` tool is not installed (Debian package `age`)")
CONSENT = "c0a80101-0000-4000-8000-000000000001"


def run_age(*args: str, data: bytes = b"") -> bytes:
    assert AGE is not None
    done = subprocess.run([AGE, *args], input=data, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


def test_stock_age_decrypts_a_packet_into_the_documented_three_lines(tmp_path: Path) -> None:
    partner = partner_keys("Te Whare Āwhina")
    device = Ed25519PrivateKey.generate()
    content = ReferralContent(
        packet_id="6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", created_at=iso(T0), organisation="Te Whare Tiaki",
        sender_key_id=sender_key_id(device.public_key()), sender_device_id="d0000000-0000-4000-8000-000000000004",
        coordinator_id="a1000000-0000-4000-8000-000000000001", coordinator_name="Mere Rāwiri",
        partner_name=partner.card.name, partner_key_id=partner.card.key_id,
        client_id="c1000000-0000-4000-8000-000000000001", purpose="referral",
        details=ReferralDetails(reason="Kāinga — housing", urgency="urgent"),
        fields={"given_name": SentValue("Aroha 🌿", "identity", "consent", None, CONSENT),
                "dependent_children": SentValue(2, "whanau", "consent", None, CONSENT)},
        withheld={"health_conditions": "no_consent"},
        consents=(ConsentSummary(CONSENT, iso(T0), None, "verbal", "person", "mi", "", "", ("referral",),
                                 ("identity", "whanau")),),
        agreements=(), notice=None)
    bundle = build_bundle(content)
    data = seal_packet(bundle_bytes(bundle), packet_id=content.packet_id, created_at=content.created_at,
                       organisation=content.organisation, device_id=content.sender_device_id, signing_key=device,
                       recipient=partner.card)
    identity_file = tmp_path / "age-identity.txt"
    identity_file.write_text(f"# a partner's identity\n{partner.identity}\n")
    packet = tmp_path / "packet.age"
    packet.write_bytes(data)

    plain = run_age("-d", "-i", str(identity_file), str(packet))

    assert plain == decrypt_packet(data, [partner.identity])
    header_line, bundle_line, signature_line, rest = plain.split(b"\n")
    assert rest == b""  # exactly three lines, each ending in a newline
    header, signed = json.loads(header_line), json.loads(signature_line)
    assert header["format"] == PACKET_FORMAT and header["recipient_key_id"] == partner.card.key_id
    # Verified as the document tells another implementation to: no Tiaki code beyond key decoding.
    digest = hashlib.sha256(bundle_line).digest()
    assert signed["bundle_sha256"] == digest.hex() and signed["bundle_length"] == len(bundle_line)
    ed25519_public(header["sender"]["signing_key"]).verify(
        unb64u(signed["signature"]), b"tiaki-referral-packet/1\x00" + hashlib.sha256(header_line).digest() + digest)
    # The documented one-liner for a partner without Tiaki: line 2 is the Bundle.
    assert AGE is not None
    sed = subprocess.run(f"'{AGE}' -d -i '{identity_file}' '{packet}' | sed -n 2p", shell=True, capture_output=True,
                         timeout=60, check=True).stdout
    assert sed == bundle_line + b"\n"
    assert json.loads(bundle_line) == bundle
    referral = parse_bundle(json.loads(bundle_line))
    assert referral.fields["given_name"].value == "Aroha 🌿"
    assert referral.withheld == {"health_conditions": "no_consent"}
    assert parse_plaintext(plain).bundle == bundle


def test_what_stock_age_encrypts_opens_with_pyrage() -> None:
    identity = pyrage.x25519.Identity.generate()
    message = "Kia ora — a line from the stock tool\n".encode() * 100
    ciphertext = run_age("-e", "-r", str(identity.to_public()), data=message)
    assert ciphertext.startswith(b"age-encryption.org/v1\n")
    assert decrypt_packet(ciphertext, [pyrage.x25519.Identity.generate(), identity]) == message


def test_a_packet_for_someone_else_is_refused_by_stock_age_too(tmp_path: Path) -> None:
    partner, stranger = partner_keys(), pyrage.x25519.Identity.generate()
    device = Ed25519PrivateKey.generate()
    packet = tmp_path / "packet.age"
    packet.write_bytes(seal_packet(b'{"resourceType":"Bundle"}', packet_id="6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                                   created_at=iso(T0), organisation="Te Whare Tiaki",
                                   device_id="d0000000-0000-4000-8000-000000000004", signing_key=device,
                                   recipient=partner.card))
    identity_file = tmp_path / "stranger.txt"
    identity_file.write_text(f"{stranger}\n")
    assert AGE is not None
    done = subprocess.run([AGE, "-d", "-i", str(identity_file), str(packet)], capture_output=True, timeout=60,
                          check=False)
    assert done.returncode != 0 and done.stdout == b""
