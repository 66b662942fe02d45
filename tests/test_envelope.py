"""Envelopes: sealed to one partner, signed by one device, refused whole when anything is off."""

from __future__ import annotations

import struct
import zlib

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto_support import T0, partner_keys, share_message
from tiaki.core import envelope as env
from tiaki.core.canonical import canonical_json, sha256_hex
from tiaki.core.cards import sender_key_id
from tiaki.core.clock import iso, new_id

DEVICE = new_id()
SENDER = Ed25519PrivateKey.generate()
PARTNER = partner_keys()


def sealed(messages: list[dict[str, object]] | None = None, *, partner: object = None,
           key: Ed25519PrivateKey = SENDER) -> bytes:
    card = (partner or PARTNER).card  # type: ignore[attr-defined]
    return env.seal(messages or [share_message()], envelope_id=new_id(), sender_device_id=DEVICE, sender_key=key,
                    recipient=card, created_at=iso(T0))


def open_all(data: bytes) -> list[dict[str, object]]:
    parsed = env.parse(data)
    env.verify_sender(parsed, SENDER.public_key())
    return env.open_payload(parsed, PARTNER.identity, recipient_key_id=PARTNER.card.key_id)


def test_round_trip_batch_keeps_order_and_content() -> None:
    messages = [share_message(given_name=f"Tama {i}") for i in range(50)]
    data = sealed(messages)
    parsed = env.parse(data)
    assert parsed.header.message_ids == tuple(m["id"] for m in messages)
    assert parsed.header.sender_key_id == sender_key_id(SENDER.public_key())
    assert parsed.header.recipient_key_id == PARTNER.card.key_id
    assert open_all(data) == messages
    assert b"Tama" not in data and b"given_name" not in data  # nothing readable outside the age ciphertext


def test_stock_age_format_opens_with_the_identity_alone() -> None:
    parsed = env.parse(sealed())
    assert parsed.ciphertext.startswith(b"age-encryption.org/v1\n")
    payload = zlib.decompress(pyrage.decrypt(parsed.ciphertext, [PARTNER.identity]))
    assert b'"given_name"' in payload


def test_digest_is_of_canonical_json() -> None:
    m = share_message()
    assert env.message_digest(m) == sha256_hex(canonical_json(m))
    assert env.message_digest(dict(reversed(list(m.items())))) == env.message_digest(m)


@pytest.mark.parametrize("where", ["magic", "header", "signature", "ciphertext"])
def test_any_flipped_byte_is_refused(where: str) -> None:
    data = bytearray(sealed())
    header_length = struct.unpack_from(">I", data, len(env.MAGIC))[0]
    at = {"magic": 2, "header": len(env.MAGIC) + 4 + 10, "signature": len(env.MAGIC) + 4 + header_length + 2 + 5,
          "ciphertext": len(data) - 20}[where]
    data[at] ^= 0x01
    with pytest.raises(env.EnvelopeError) as err:
        open_all(bytes(data))
    assert err.value.code in {"bad_magic", "bad_header", "bad_signature", "digest_mismatch"}


def test_wrong_signer_and_wrong_recipient() -> None:
    data = sealed(key=Ed25519PrivateKey.generate())
    with pytest.raises(env.EnvelopeError, match="signature") as err:
        env.verify_sender(env.parse(data), SENDER.public_key())
    assert err.value.code == "bad_signature"
    other = partner_keys("Another")
    data = sealed(partner=other)
    parsed = env.parse(data)
    env.verify_sender(parsed, SENDER.public_key())
    with pytest.raises(env.EnvelopeError) as err:
        env.open_payload(parsed, PARTNER.identity, recipient_key_id=PARTNER.card.key_id)
    assert err.value.code == "wrong_recipient"
    with pytest.raises(env.EnvelopeError) as err:  # claims our key id but was sealed to another identity
        env.open_payload(parsed, PARTNER.identity, recipient_key_id=other.card.key_id)
    assert err.value.code == "cannot_decrypt"


def test_resigned_header_around_a_captured_ciphertext_is_caught() -> None:
    """An attacker re-signs the header with their own (enrolled) key: the payload still names the real sender."""
    original = env.parse(sealed())
    attacker = Ed25519PrivateKey.generate()
    import json
    header = json.loads(original.header_bytes)
    header["sender_key_id"] = sender_key_id(attacker.public_key())
    raw = canonical_json(header)
    forged = b"".join((env.MAGIC, struct.pack(">I", len(raw)), raw, struct.pack(">H", 64),
                       attacker.sign(b"tiaki-envelope-header/1\x00" + raw), original.ciphertext))
    parsed = env.parse(forged)
    env.verify_sender(parsed, attacker.public_key())  # the attacker's signature is fine...
    with pytest.raises(env.EnvelopeError) as err:  # ...but the sealed payload disagrees
        env.open_payload(parsed, PARTNER.identity, recipient_key_id=PARTNER.card.key_id)
    assert err.value.code == "header_mismatch"


def test_truncation_at_every_boundary() -> None:
    data = sealed()
    for cut in (0, 5, len(env.MAGIC), len(env.MAGIC) + 3, len(env.MAGIC) + 30, len(data) - 64, len(data) - 1):
        with pytest.raises(env.EnvelopeError) as err:
            env.parse(data[:cut])
        assert err.value.code in {"truncated", "bad_header"}


def test_oversized_and_zip_bomb() -> None:
    with pytest.raises(env.EnvelopeError) as err:
        env.parse(b"x" * (env.MAX_ENVELOPE_BYTES + 1))
    assert err.value.code == "too_large"
    bomb = share_message(note="a" * (env.MAX_PAYLOAD_BYTES + 10))
    data = sealed([bomb])  # compresses to ~64 KiB, inflates past the cap
    assert len(data) < 1024 * 1024
    with pytest.raises(env.EnvelopeError) as err:
        open_all(data)
    assert err.value.code == "too_large"


def test_seal_refuses_bad_batches() -> None:
    m = share_message()
    with pytest.raises(ValueError):
        sealed([m, m])
    with pytest.raises(ValueError):
        sealed([{**m, "kind": "gossip"}])
    with pytest.raises(ValueError):
        env.seal([], envelope_id=new_id(), sender_device_id=DEVICE, sender_key=SENDER, recipient=PARTNER.card,
                 created_at=iso(T0))


GOOD = sealed()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=400),
    st.tuples(st.integers(0, len(GOOD) - 1), st.integers(1, 255)).map(
        lambda p: GOOD[:p[0]] + bytes([GOOD[p[0]] ^ p[1]]) + GOOD[p[0] + 1:]),
    st.integers(0, len(GOOD)).map(lambda n: GOOD[:n]),
    st.binary(max_size=200).map(lambda b: env.MAGIC + b),
))
def test_parser_never_crashes_and_never_accepts_a_changed_envelope(data: bytes) -> None:
    try:
        messages = open_all(data)
    except env.EnvelopeError:
        return
    assert data == GOOD and messages  # only the untouched envelope opens


def craft(header: dict[str, object] | bytes, payload: bytes | None = None) -> bytes:
    """An envelope built by hand around any header and payload bytes, signed by SENDER (hostile input)."""
    import json

    ciphertext = pyrage.encrypt(zlib.compress(payload or b"{}"), [pyrage.x25519.Recipient.from_str(
        PARTNER.card.age_recipient)])
    if isinstance(header, dict):
        header = {**header, "payload_sha256": sha256_hex(ciphertext), "payload_length": len(ciphertext)}
        raw = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8",
                                                                                                    "surrogatepass")
    else:
        raw = header
    return b"".join((env.MAGIC, struct.pack(">I", len(raw)), raw, struct.pack(">H", 64),
                     SENDER.sign(b"tiaki-envelope-header/1\x00" + raw), ciphertext))


def good_header(**change: object) -> dict[str, object]:
    return {"v": 1, "envelope_id": new_id(), "sender_device_id": DEVICE,
            "sender_key_id": sender_key_id(SENDER.public_key()), "recipient_key_id": PARTNER.card.key_id,
            "created_at": iso(T0), "messages": [{"id": new_id(), "kind": "share"}], **change}


@pytest.mark.parametrize("header", [
    b'{"v":1e400}',  # parses to infinity: re-encoding it must not crash the reader
    b'{"envelope_id":"\\ud800","v":1}',  # a lone surrogate cannot be written as UTF-8
    b'{"v":NaN}',
])
def test_hostile_json_in_the_header_is_a_clean_refusal(header: bytes) -> None:
    with pytest.raises(env.EnvelopeError) as err:
        env.parse(craft(header))
    assert err.value.code == "bad_header"


@pytest.mark.parametrize("change", [
    {"v": True},
    {"created_at": "whenever"},
    {"created_at": "2026-11-25T09:30:00"},  # no offset
    {"messages": [{"id": new_id(), "kind": "share", "extra": 1}]},
    {"envelope_id": new_id() + "\n"},  # "$" would have let a trailing newline through
    {"sender_key_id": sender_key_id(SENDER.public_key()) + "\n"},
])
def test_loose_headers_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(env.EnvelopeError) as err:
        env.parse(craft(good_header(**change)))
    assert err.value.code == "bad_header"


@pytest.mark.parametrize("message_json", [
    b'"created_at":"2026-11-25T09:30:00.000+00:00","fields":{"x":{"value":1e400}}',
    b'"created_at":"2026-11-25T09:30:00.000+00:00","note":"\\udfff"',
    b'"created_at":"not a time"',
])
def test_hostile_json_in_the_payload_is_a_clean_refusal(message_json: bytes) -> None:
    header = good_header()
    routing = {k: header[k] for k in ("envelope_id", "sender_device_id", "sender_key_id", "recipient_key_id",
                                      "created_at")}
    ref = header["messages"][0]  # type: ignore[index]
    import json

    payload = (b'{"messages":[{"client_id":"' + new_id().encode() + b'","id":"' + ref["id"].encode()
               + b'","kind":"share",' + message_json + b'}],"v":1,' + json.dumps(routing)[1:-1].encode() + b"}")
    parsed = env.parse(craft(header, payload))
    env.verify_sender(parsed, SENDER.public_key())
    with pytest.raises(env.EnvelopeError) as err:
        env.open_payload(parsed, PARTNER.identity, recipient_key_id=PARTNER.card.key_id)
    assert err.value.code == "bad_payload"


def test_a_well_formed_crafted_envelope_opens() -> None:
    """The crafting above is sound: with honest content the same route opens (so the refusals mean something)."""
    header = good_header()
    ref = header["messages"][0]  # type: ignore[index]
    import json

    routing = {k: header[k] for k in ("envelope_id", "sender_device_id", "sender_key_id", "recipient_key_id",
                                      "created_at")}
    message = {"id": ref["id"], "kind": "share", "client_id": new_id(), "created_at": iso(T0)}
    payload = json.dumps({"v": 1, **routing, "messages": [message]}).encode()
    parsed = env.parse(craft(header, payload))
    assert env.open_payload(parsed, PARTNER.identity, recipient_key_id=PARTNER.card.key_id) == [message]
