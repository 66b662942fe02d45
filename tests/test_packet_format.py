"""Referral packet files (core/packet.py): sealing, opening, and every way a packet is refused."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto_support import T0, PartnerKeys, partner_keys
from tiaki.core.canonical import b64u, canonical_json, fingerprint, unb64u
from tiaki.core.cards import ed25519_public, public_raw, sender_key_id
from tiaki.core.clock import iso
from tiaki.core.packet import (
    MAX_PACKET_BYTES,
    PACKET_FORMAT,
    OpenedPacket,
    PacketError,
    bundle_bytes,
    decrypt_packet,
    open_packet,
    parse_plaintext,
    read_identity_file,
    seal_packet,
    seal_packet_to,
    signing_bytes,
)
from tiaki.core.referral_bundle import (
    AgreementSummary,
    ReferralContent,
    ReferralDetails,
    SentValue,
    build_bundle,
    parse_bundle,
)

PACKET_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
DEVICE_ID = "d0000000-0000-4000-8000-000000000004"
ORGANISATION = "Te Whare Tiaki"


@dataclasses.dataclass(frozen=True)
class Sealed:
    partner: PartnerKeys
    device: Ed25519PrivateKey
    bundle: dict[str, object]
    data: bytes

    @property
    def plain(self) -> bytes:
        return decrypt_packet(self.data, [self.partner.identity])


def content_for(partner: PartnerKeys, device: Ed25519PrivateKey, *, packet_id: str = PACKET_ID,
                organisation: str = ORGANISATION, value: str = "Aroha") -> ReferralContent:
    return ReferralContent(
        packet_id=packet_id, created_at=iso(T0), organisation=organisation,
        sender_key_id=sender_key_id(device.public_key()), sender_device_id=DEVICE_ID,
        coordinator_id="a1000000-0000-4000-8000-000000000001", coordinator_name="Mere Coordinator",
        partner_name=partner.card.name, partner_key_id=partner.card.key_id,
        client_id="c1000000-0000-4000-8000-000000000001", purpose="referral",
        details=ReferralDetails(reason="Housing", urgency="urgent"),
        fields={"given_name": SentValue(value, "identity", "approved_sharing_agreement",
                                        "a0000000-0000-4000-8000-000000000002", None)},
        withheld={"health_conditions": "no_consent"}, consents=(),
        agreements=(AgreementSummary("a0000000-0000-4000-8000-000000000002", "Housing AISA",
                                     "approved_sharing_agreement", ""),), notice=None)


def seal(partner: PartnerKeys, device: Ed25519PrivateKey, content: ReferralContent | None = None,
         **overrides: object) -> bytes:
    content = content or content_for(partner, device)
    bundle = build_bundle(content)
    args: dict[str, object] = {"packet_id": content.packet_id, "created_at": content.created_at,
                               "organisation": content.organisation, "device_id": content.sender_device_id,
                               "signing_key": device, "recipient": partner.card, **overrides}
    return seal_packet(bundle_bytes(bundle), **args)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sealed() -> Sealed:
    partner = partner_keys()
    device = Ed25519PrivateKey.generate()
    bundle = build_bundle(content_for(partner, device))
    return Sealed(partner, device, bundle, seal(partner, device))


def encrypt_to(partner: PartnerKeys, plain: bytes) -> bytes:
    return pyrage.encrypt(plain, [partner.identity.to_public()])


def lines(plain: bytes) -> tuple[dict[str, object], bytes, dict[str, object]]:
    header, body, signed, rest = plain.split(b"\n")
    assert rest == b""
    return json.loads(header), body, json.loads(signed)


def packet_text(header: dict[str, object], body: bytes, signed: dict[str, object]) -> bytes:
    """The three lines, as given (nothing re-signed)."""
    return canonical_json(header) + b"\n" + body + b"\n" + canonical_json(signed) + b"\n"


def resign(header: dict[str, object], body: bytes, key: Ed25519PrivateKey) -> bytes:
    """A plaintext whose header names ``key`` and whose signature line is made consistent again for ``header``
    and ``body`` and signed by ``key``."""
    digest = hashlib.sha256(body).digest()
    public = key.public_key()
    sender = dict(header["sender"])  # type: ignore[call-overload]
    sender.update(signing_key=b64u(public_raw(public)), key_id=sender_key_id(public))
    fixed = {**header, "sender": sender}
    signature = key.sign(signing_bytes(hashlib.sha256(canonical_json(fixed)).digest(), digest))
    return packet_text(fixed, body, {"bundle_sha256": digest.hex(), "bundle_length": len(body),
                                     "signature": b64u(signature)})


def code_of(plain: bytes) -> str:
    with pytest.raises(PacketError) as caught:
        parse_plaintext(plain)
    return caught.value.code


# --- round trip -------------------------------------------------------------------------------------------------


def test_round_trip(sealed: Sealed) -> None:
    opened = open_packet(sealed.data, [sealed.partner.identity], recipient_key_ids={sealed.partner.card.key_id})
    assert isinstance(opened, OpenedPacket)
    assert opened.bundle == sealed.bundle
    assert opened.bundle_bytes == bundle_bytes(sealed.bundle)
    header = opened.header
    assert (header.packet_id, header.created_at, header.organisation, header.device_id) == (
        PACKET_ID, iso(T0), ORGANISATION, DEVICE_ID)
    assert header.key_id == sender_key_id(sealed.device.public_key())
    assert header.recipient_key_id == sealed.partner.card.key_id
    assert header.fingerprint() == fingerprint(header.key_id)
    assert header.bundle_sha256 == hashlib.sha256(opened.bundle_bytes).hexdigest()
    assert parse_bundle(opened.bundle).fields["given_name"].value == "Aroha"


def test_plaintext_is_three_lines_header_bundle_signature(sealed: Sealed) -> None:
    header, body, signed = lines(sealed.plain)
    assert set(header) == {"format", "packet_id", "created_at", "sender", "recipient_key_id"}
    assert header["format"] == PACKET_FORMAT
    assert set(header["sender"]) == {"organisation", "device_id", "key_id", "signing_key"}  # type: ignore[arg-type]
    assert json.loads(body) == sealed.bundle
    assert body == json.dumps(sealed.bundle, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    assert set(signed) == {"bundle_sha256", "bundle_length", "signature"}
    assert signed["bundle_length"] == len(body) and signed["bundle_sha256"] == hashlib.sha256(body).hexdigest()


def test_signature_is_ed25519_over_context_header_digest_and_bundle_digest(sealed: Sealed) -> None:
    """What docs/referral-packet.md tells another implementation to verify, checked by hand."""
    header_line, body, signature_line, _ = sealed.plain.split(b"\n")
    header, signed = json.loads(header_line), json.loads(signature_line)
    key = ed25519_public(header["sender"]["signing_key"])
    message = (b"tiaki-referral-packet/1\x00" + hashlib.sha256(header_line).digest()
               + hashlib.sha256(body).digest())
    assert len(message) == 88
    key.verify(unb64u(signed["signature"]), message)


def test_large_bundle_round_trips_through_seal_packet_to(sealed: Sealed, tmp_path: Path) -> None:
    """A Bundle large enough to be hashed in its own thread, and longer than many of age's reads, written
    straight to a file: the same three lines, and the signature verifies."""
    body = bundle_bytes({"resourceType": "Bundle", "note": "ā" * 400_000})
    assert len(body) > 256 * 1024 and len(body) % 8192 != 0
    path = tmp_path / "packet.age"
    with path.open("wb") as out:
        seal_packet_to(out, body, packet_id=PACKET_ID, created_at=iso(T0), organisation=ORGANISATION,
                       device_id=DEVICE_ID, signing_key=sealed.device, recipient=sealed.partner.card)
    plain = decrypt_packet(path.read_bytes(), [sealed.partner.identity])
    header, line2, signed = lines(plain)
    assert line2 == body and header["packet_id"] == PACKET_ID
    assert signed["bundle_sha256"] == hashlib.sha256(body).hexdigest() and signed["bundle_length"] == len(body)
    assert code_of(plain) == "bundle_invalid"  # signature and digest checked; the filler is no referral


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_a_full_disk_while_sealing_raises_and_leaves_no_thread_behind(sealed: Sealed) -> None:
    with open("/dev/full", "wb", buffering=0) as out, pytest.raises(pyrage.EncryptError, match="No space"):
        seal_packet_to(out, b"x" * 2_000_000, packet_id=PACKET_ID, created_at=iso(T0), organisation=ORGANISATION,
                       device_id=DEVICE_ID, signing_key=sealed.device, recipient=sealed.partner.card)
    assert not [t for t in threading.enumerate() if t.name == "packet-digest"]


@pytest.mark.parametrize("length", [1, 8191, 8192, 8193, 3 * 8192])
def test_bundle_lengths_around_the_read_size(sealed: Sealed, length: int) -> None:
    body = b"x" * length
    data = seal_packet(body, packet_id=PACKET_ID, created_at=iso(T0), organisation=ORGANISATION,
                       device_id=DEVICE_ID, signing_key=sealed.device, recipient=sealed.partner.card)
    plain = decrypt_packet(data, [sealed.partner.identity])
    assert lines(plain)[1] == body
    assert code_of(plain) == "bundle_invalid"


def test_the_header_line_is_signed(sealed: Sealed) -> None:
    """Any change to line 1, even one that keeps it valid and the Bundle consistent, breaks the signature."""
    header_line, body, signature_line, _ = sealed.plain.split(b"\n")
    spaced = json.dumps(json.loads(header_line), sort_keys=True).encode()  # same members, other bytes
    assert code_of(spaced + b"\n" + body + b"\n" + signature_line + b"\n") == "bad_signature"


def test_bundle_with_a_newline_or_empty_cannot_be_sealed(sealed: Sealed) -> None:
    for bad in (b"", b'{"a":\n1}'):
        with pytest.raises(ValueError, match="one non-empty line"):
            seal_packet(bad, packet_id=PACKET_ID, created_at=iso(T0), organisation=ORGANISATION,
                        device_id=DEVICE_ID, signing_key=sealed.device, recipient=sealed.partner.card)


def test_header_values_are_checked_when_sealing(sealed: Sealed) -> None:
    for override in ({"packet_id": "not-a-uuid"}, {"created_at": "2026-11-25T09:30:00"},
                     {"organisation": ""}, {"organisation": "Evil\u202eOrg"}, {"device_id": "x"}):
        with pytest.raises(ValueError, match="header values"):
            seal(sealed.partner, sealed.device, **override)


# --- wrong key, damaged ciphertext ------------------------------------------------------------------------------


def test_wrong_identity_is_not_for_us(sealed: Sealed) -> None:
    for identities in ([pyrage.x25519.Identity.generate()], []):
        with pytest.raises(PacketError) as caught:
            open_packet(sealed.data, identities)
        assert caught.value.code == "not_for_us"


def test_recipient_key_ids_must_include_the_packets(sealed: Sealed) -> None:
    with pytest.raises(PacketError) as caught:
        open_packet(sealed.data, [sealed.partner.identity], recipient_key_ids={"0" * 32})
    assert caught.value.code == "recipient_mismatch"


@pytest.mark.parametrize("cut", [1, 17, 100, 400])
def test_truncated_ciphertext_is_not_a_packet(sealed: Sealed, cut: int) -> None:
    with pytest.raises(PacketError) as caught:
        open_packet(sealed.data[:-cut], [sealed.partner.identity])
    assert caught.value.code == "not_a_packet"


def test_flipped_ciphertext_bytes_are_not_a_packet(sealed: Sealed) -> None:
    # Body bytes and the header MAC: each must be caught (the recipient stanza is covered by not_for_us).
    for at in (len(sealed.data) - 1, len(sealed.data) - 40, len(sealed.data) // 2):
        data = bytearray(sealed.data)
        data[at] ^= 0x01
        with pytest.raises(PacketError) as caught:
            open_packet(bytes(data), [sealed.partner.identity])
        assert caught.value.code in ("not_a_packet", "not_for_us")


def test_not_age_at_all(sealed: Sealed) -> None:
    for data in (b"", b"hello", b"age-encryption.org/v1\n", sealed.plain):
        with pytest.raises(PacketError) as caught:
            open_packet(data, [sealed.partner.identity])
        assert caught.value.code == "not_a_packet"


def test_oversize_is_refused_before_decrypting(sealed: Sealed) -> None:
    big = sealed.data + bytes(MAX_PACKET_BYTES + 1 - len(sealed.data))
    for call in (lambda: open_packet(big, [sealed.partner.identity]), lambda: parse_plaintext(big)):
        with pytest.raises(PacketError) as caught:
            call()
        assert caught.value.code == "too_large"


def test_seal_refuses_a_bundle_that_would_exceed_the_cap(sealed: Sealed) -> None:
    with pytest.raises(ValueError, match="larger than a packet"):
        seal_packet(b"x" * MAX_PACKET_BYTES, packet_id=PACKET_ID, created_at=iso(T0), organisation=ORGANISATION,
                    device_id=DEVICE_ID, signing_key=sealed.device, recipient=sealed.partner.card)


# --- validly encrypted, wrong inside ----------------------------------------------------------------------------


def test_altered_bundle_byte_fails_the_signature(sealed: Sealed) -> None:
    header, body, signed = lines(sealed.plain)
    altered = body.replace(b"Aroha", b"Arohb")
    assert code_of(packet_text(header, altered, signed)) == "bad_signature"
    # Digest updated to match, signature not: still refused.
    signed2 = {**signed, "bundle_sha256": hashlib.sha256(altered).hexdigest()}
    assert code_of(packet_text(header, altered, signed2)) == "bad_signature"
    # And through the whole path: re-encrypted to the same partner.
    with pytest.raises(PacketError) as caught:
        open_packet(encrypt_to(sealed.partner, packet_text(header, altered, signed2)), [sealed.partner.identity])
    assert caught.value.code == "bad_signature"


@pytest.mark.parametrize(("member", "value", "code"), [
    ("packet_id", "11111111-2222-4333-8444-555555555555", "bad_signature"),  # valid, but not what was signed
    ("created_at", "2026-11-25T09:31:00.000+00:00", "bad_signature"),
    ("recipient_key_id", "f" * 32, "bad_signature"),
    ("format", "tiaki-referral-packet/2", "malformed"),
    ("extra", 1, "malformed"),
    ("bundle_length", len("x"), "malformed"),  # line 3's members belong on line 3
    ("sender", ["not", "an", "object"], "malformed"),
    ("sender", {"organisation": "Te Whare Tiaki"}, "malformed"),
    ("created_at", " 2026-11-25T09:30:00.000+00:00", "malformed"),
    ("created_at", "2026-11-25T09:30:00", "malformed"),
    ("packet_id", 7, "malformed"),
])
def test_altered_header_is_refused(sealed: Sealed, member: str, value: object, code: str) -> None:
    header, body, signed = lines(sealed.plain)
    assert code_of(packet_text({**header, member: value}, body, signed)) == code


@pytest.mark.parametrize(("member", "value", "code"), [
    ("bundle_length", 5, "malformed"),
    ("bundle_length", True, "malformed"),
    ("bundle_length", 0, "malformed"),
    ("bundle_sha256", "0" * 64, "bad_signature"),
    ("bundle_sha256", "A" * 64, "malformed"),
    ("signature", b64u(bytes(64)), "bad_signature"),
    ("signature", b64u(bytes(63)), "malformed"),
    ("signature", "not base64!", "malformed"),
    ("extra", 1, "malformed"),
    ("packet_id", PACKET_ID, "malformed"),  # line 1's members belong on line 1
])
def test_altered_signature_line_is_refused(sealed: Sealed, member: str, value: object, code: str) -> None:
    header, body, signed = lines(sealed.plain)
    assert code_of(packet_text(header, body, {**signed, member: value})) == code


@pytest.mark.parametrize(("member", "value", "code"), [
    ("organisation", "Another Org", "bad_signature"),
    ("device_id", "d1111111-0000-4000-8000-000000000004", "bad_signature"),
    ("key_id", "0" * 32, "bad_signature"),
    ("signing_key", b64u(public_raw(Ed25519PrivateKey.generate().public_key())), "bad_signature"),
    ("signing_key", "short", "malformed"),
    ("signing_key", "A" * 42 + "B", "malformed"),  # 43 characters, but not canonical base64 of 32 bytes
    ("organisation", " Te Whare Tiaki", "malformed"),
])
def test_altered_sender_is_refused(sealed: Sealed, member: str, value: object, code: str) -> None:
    header, body, signed = lines(sealed.plain)
    sender = {**header["sender"], member: value}  # type: ignore[dict-item]
    assert code_of(packet_text({**header, "sender": sender}, body, signed)) == code


def test_signature_by_another_key_is_refused(sealed: Sealed) -> None:
    header, body, signed = lines(sealed.plain)
    other = Ed25519PrivateKey.generate()
    # Another key's signature under the original key and id.
    message = signing_bytes(hashlib.sha256(canonical_json(header)).digest(), hashlib.sha256(body).digest())
    forged = {**signed, "signature": b64u(other.sign(message))}
    assert code_of(packet_text(header, body, forged)) == "bad_signature"
    # The real key's signature over the Bundle's digest alone (the message before line 1 was signed).
    alone = {**signed, "signature": b64u(sealed.device.sign(b"tiaki-referral-packet/1\x00"
                                                            + hashlib.sha256(body).digest()))}
    assert code_of(packet_text(header, body, alone)) == "bad_signature"
    # Another key throughout the header: the signed Bundle still names the real sender.
    assert code_of(resign(header, body, other)) == "malformed"


def test_bundle_ids_must_equal_the_headers() -> None:
    """A Bundle signed by the sender but naming another packet, time, organisation or recipient."""
    partner = partner_keys()
    device = Ed25519PrivateKey.generate()
    base = content_for(partner, device)
    header, _, _ = lines(decrypt_packet(seal(partner, device, base), [partner.identity]))
    other_partner = partner_keys("Another partner")
    for changed, code in ((dataclasses.replace(base, packet_id="11111111-2222-4333-8444-555555555555"), "malformed"),
                          (dataclasses.replace(base, created_at="2026-11-25T09:31:00.000+00:00"), "malformed"),
                          (dataclasses.replace(base, organisation="Another Org"), "malformed"),
                          (dataclasses.replace(base, sender_device_id="d1111111-0000-4000-8000-000000000004"),
                           "malformed"),
                          (dataclasses.replace(base, partner_key_id=other_partner.card.key_id), "recipient_mismatch")):
        body = bundle_bytes(build_bundle(changed))
        assert code_of(resign(header, body, device)) == code


def test_packet_re_encrypted_to_another_partner_is_caught() -> None:
    """The second partner can decrypt, but the signed header and the signed Bundle name the first."""
    first, second = partner_keys("First"), partner_keys("Second")
    device = Ed25519PrivateKey.generate()
    plain = decrypt_packet(seal(first, device), [first.identity])
    with pytest.raises(PacketError) as caught:  # as it was
        open_packet(encrypt_to(second, plain), [second.identity], recipient_key_ids={second.card.key_id})
    assert caught.value.code == "recipient_mismatch"
    header, body, signed = lines(plain)
    header = {**header, "recipient_key_id": second.card.key_id}
    with pytest.raises(PacketError) as caught:  # the header edited: the signature covers it
        open_packet(encrypt_to(second, packet_text(header, body, signed)), [second.identity])
    assert caught.value.code == "bad_signature"


def test_bundle_signed_but_not_in_the_profile_is_bundle_invalid(sealed: Sealed) -> None:
    header, body, _ = lines(sealed.plain)
    doc = json.loads(body)
    doc["entry"].append({"fullUrl": "urn:uuid:11111111-2222-4333-8444-555555555555",
                         "resource": {"resourceType": "Observation", "status": "final", "code": {"text": "x"}}})
    for bad_body in (bundle_bytes(doc), b"[1,2]", b"not json", b'{"a":NaN}', b"\xff\xfe"):
        assert code_of(resign(header, bad_body, sealed.device)) == "bundle_invalid"


@pytest.mark.parametrize("plain", [
    b"", b"\n", b"{}\n", b"{}\n{}\n", b"{}\n{}", b"{}\n{}\n{}\n", b"{}\n{}\n{}\n{}\n", b"no newline at all",
    b"\n\n", b"\n\n\n", b"{}\n\n{}\n", b"[]\n{}\n{}\n", b'{"format":"tiaki-referral-packet/1"}\n{}\n{}\n',
    b"\xff\n{}\n{}\n", b"{}\n{}\n" + b" " * 2000 + b"{}\n",
])
def test_malformed_structure(plain: bytes) -> None:
    assert code_of(plain) == "malformed"


def test_a_fourth_line_or_a_newline_inside_the_bundle_is_malformed(sealed: Sealed) -> None:
    header_line, body, signature_line, _ = sealed.plain.split(b"\n")
    assert code_of(sealed.plain + b"{}\n") == "malformed"
    assert code_of(header_line + b"\n" + body + b"\n\n" + signature_line + b"\n") == "malformed"
    assert code_of(header_line + b"\n" + body + b"\n" + signature_line) == "malformed"  # no final newline
    split = body.replace(b",", b",\n", 1)  # still JSON, but no longer one line
    assert code_of(header_line + b"\n" + split + b"\n" + signature_line + b"\n") == "malformed"


def test_messages_never_quote_the_packet(sealed: Sealed) -> None:
    header, body, signed = lines(sealed.plain)
    for plain in (packet_text({**header, "packet_id": "Aroha"}, body, signed),
                  resign(header, body.replace(b"Aroha", b"Aroh\\u0000"), sealed.device)):
        with pytest.raises(PacketError) as caught:
            parse_plaintext(plain)
        assert "Aroh" not in str(caught.value) and "\n" not in str(caught.value)


# --- identity files ---------------------------------------------------------------------------------------------


def test_identity_file_with_comments_and_blank_lines() -> None:
    first, second = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    text = f"# created: today\n# public key: {first.to_public()}\n{first}\n\n  {second}  \n"
    identities = read_identity_file(text)
    assert [str(i) for i in identities] == [str(first), str(second)]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "AGE-SECRET-KEY-1NOTAKEY\n", "age1notasecret\n"])
def test_bad_identity_file(text: str) -> None:
    with pytest.raises(PacketError) as caught:
        read_identity_file(text)
    assert caught.value.code == "bad_identity"


# --- fuzz ---------------------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_parse_plaintext_of_random_bytes_raises_only_packet_errors(plain: bytes) -> None:
    with pytest.raises(PacketError):
        parse_plaintext(plain)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_open_packet_of_random_bytes_raises_only_packet_errors(data: bytes) -> None:
    with pytest.raises(PacketError):
        open_packet(b"age-encryption.org/v1\n" + data, [pyrage.x25519.Identity.generate()])
    with pytest.raises(PacketError):
        open_packet(data, [pyrage.x25519.Identity.generate()])


_mutation = st.tuples(st.sampled_from(["flip", "cut", "insert", "delete"]), st.integers(min_value=0),
                      st.integers(min_value=0, max_value=255))


def _mutate(data: bytes, mutations: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, at, byte in mutations:
        where = at % max(len(out), 1)
        if kind == "flip" and out:
            out[where] ^= byte or 1
        elif kind == "cut":
            del out[where:]
        elif kind == "insert":
            out.insert(where, byte)
        elif out:
            del out[where]
    return bytes(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_packets_raise_only_packet_errors(sealed: Sealed, mutations: list[tuple[str, int, int]]) -> None:
    data = _mutate(sealed.data, mutations)
    try:
        opened = open_packet(data, [sealed.partner.identity])
    except PacketError:
        return
    assert opened.bundle == sealed.bundle  # a mutation that changed nothing (e.g. flip then flip back)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_plaintexts_raise_only_packet_errors(sealed: Sealed, mutations: list[tuple[str, int, int]]) -> None:
    plain = _mutate(sealed.plain, mutations)
    try:
        opened = parse_plaintext(plain)
    except PacketError:
        return
    assert opened.bundle == sealed.bundle


# --- the streaming reader ---------------------------------------------------------------------------------------


def test_the_plaintext_reader_streams_every_byte_in_pieces_of_at_most_one_read() -> None:
    from tiaki.core.packet import _PlaintextReader  # what pyrage reads from; its pieces must fit pyrage's buffer

    first, bulk = b"h" * 8193 + b"\n", bytes(range(256)) * 100
    reader = _PlaintextReader(first, bulk, lambda: b"\n{}\n")
    pieces = []
    while piece := reader.read(8192):
        assert len(piece) <= 8192
        pieces.append(piece)
    assert b"".join(pieces) == first + bulk + b"\n{}\n"
    assert reader.read(8192) == b""  # and stays at its end
    with pytest.raises(ValueError, match="smaller pieces"):
        _PlaintextReader(first, bulk, lambda: b"\n").read(4096)
