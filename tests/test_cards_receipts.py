"""Partner and sender cards, key rotation, and receipts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto_support import T0, partner_keys
from tiaki.core import cards
from tiaki.core.canonical import b64u, fingerprint, unb64u
from tiaki.core.clock import iso, new_id
from tiaki.core.receipts import ReceiptError, parse_receipt, sign_receipt, verify_receipt


def raw(card: object) -> bytes:
    return json.dumps(card.to_json()).encode()  # type: ignore[attr-defined]


def test_partner_card_round_trip_and_fingerprint() -> None:
    keys = partner_keys()
    parsed = cards.parse_partner_card(raw(keys.card))
    assert parsed == keys.card
    assert len(parsed.fingerprint().split()) == 5 and all(len(g) == 4 for g in parsed.fingerprint().split())
    assert parsed.fingerprint() == fingerprint(parsed.key_id)
    assert cards.parse_partner_card(raw(replace(keys.card, inbox_url=None))).inbox_url is None


@pytest.mark.parametrize(("change", "code"), [
    ({"key_id": "0" * 32}, "key_id_mismatch"),
    ({"age_recipient": "age1" + "q" * 58}, "bad_key"),
    ({"receipt_key": b64u(b"short")}, "bad_key"),
    ({"inbox_url": "ftp://example.org"}, "bad_url"),
    ({"inbox_url": "http://user:pw@example.org/"}, "bad_url"),
    ({"inbox_url": "http://example.org:99999/"}, "bad_url"),
    ({"type": "tiaki-sender-card/1"}, "wrong_type"),
    ({"name": ""}, "missing"),
    ({"name": "a\u0000b"}, "bad_field"),
    ({"kind": "cult"}, "bad_field"),
    ({"overseas": "no"}, "bad_field"),
    ({"created_at": "yesterday"}, "bad_field"),
    ({"replaces": "f" * 32}, "bad_rotation"),
])
def test_bad_partner_cards(change: dict[str, object], code: str) -> None:
    doc = {**partner_keys().card.to_json(), **change}
    with pytest.raises(cards.CardError) as err:
        cards.parse_partner_card(json.dumps(doc).encode())
    assert err.value.code == code


@pytest.mark.parametrize("name", ["", "Te Whare\u202eAwhina", "a\u0000b", "x" * 201])
def test_a_card_that_readers_would_refuse_is_never_made(name: str) -> None:
    with pytest.raises(cards.CardError) as err:
        partner_keys(name=name)
    assert err.value.code == "bad_field"


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b"\xff\xfe", b"x" * (cards.MAX_CARD_BYTES + 1), b"[" * 100000])
def test_junk_is_not_a_card(data: bytes) -> None:
    with pytest.raises(cards.CardError):
        cards.parse_partner_card(data)


def test_rotation_signed_by_the_old_key_only() -> None:
    old, new = partner_keys(), partner_keys()
    rotated = cards.sign_rotation(new.card, old.receipt_key, old_key_id=old.card.key_id)
    cards.verify_rotation(old.card, cards.parse_partner_card(raw(rotated)))
    forged = cards.sign_rotation(new.card, Ed25519PrivateKey.generate(), old_key_id=old.card.key_id)
    with pytest.raises(cards.CardError, match="not signed"):
        cards.verify_rotation(old.card, forged)
    with pytest.raises(cards.CardError):
        cards.verify_rotation(old.card, new.card)  # does not say it replaces anything
    with pytest.raises(cards.CardError):  # signature covers every field: a changed URL breaks it
        cards.verify_rotation(old.card, replace(rotated, inbox_url="http://evil.example/"))


def test_sender_card() -> None:
    key = Ed25519PrivateKey.generate()
    card = cards.sender_card_for("Te Whare Tiaki", new_id(), key, iso(T0))
    assert cards.parse_sender_card(raw(card)) == card
    doc = {**card.to_json(), "signing_key": b64u(unb64u(cards.sender_card_for("x", new_id(),
                                                                              Ed25519PrivateKey.generate(),
                                                                              iso(T0)).signing_key))}
    with pytest.raises(cards.CardError) as err:
        cards.parse_sender_card(json.dumps(doc).encode())
    assert err.value.code == "key_id_mismatch"
    with pytest.raises(cards.CardError):
        cards.parse_sender_card(json.dumps({**card.to_json(), "device_id": "device-1"}).encode())


def test_b64u_is_strict() -> None:
    assert unb64u(b64u(b"\x00\xff")) == b"\x00\xff"
    for bad in ("a", "ab=", "a+b/", "AB", "é"):
        with pytest.raises(ValueError):
            unb64u(bad)


KEY = Ed25519PrivateKey.generate()


def receipt(**change: str) -> dict[str, str]:
    args = {"message_id": new_id(), "envelope_id": new_id(), "digest": "ab" * 32, "received_at": iso(T0),
            "status": "accepted", "reason": "", "partner_key_id": "0" * 32, **change}
    return sign_receipt(**args, key=KEY).to_json()  # type: ignore[arg-type]


def test_receipt_round_trip_and_tamper() -> None:
    good = receipt()
    r = parse_receipt(good)
    verify_receipt(r, KEY.public_key())
    assert r.delivered
    other = {"message_id": new_id(), "digest": "cd" * 32, "status": "duplicate",
             "received_at": iso(T0 + dt.timedelta(1))}
    for field, value in other.items():
        changed = {**good, field: value}
        with pytest.raises(ReceiptError):
            verify_receipt(parse_receipt(changed), KEY.public_key())
    with pytest.raises(ReceiptError):
        verify_receipt(r, Ed25519PrivateKey.generate().public_key())


@pytest.mark.parametrize("obj", [None, [], {}, {"status": "accepted"}])
def test_receipt_shapes(obj: object) -> None:
    with pytest.raises(ReceiptError):
        parse_receipt(obj)


def test_receipt_field_rules() -> None:
    good = receipt()
    for change in ({"status": "maybe"}, {"reason": "because"}, {"digest": "zz" * 32}, {"received_at": "soon"},
                   {"message_id": 5}, {"extra": "x"}):
        with pytest.raises(ReceiptError):
            parse_receipt({**good, **change})
    assert parse_receipt(receipt(status="rejected", reason="conflict")).reason == "conflict"
    with pytest.raises(ReceiptError):
        sign_receipt(message_id=new_id(), envelope_id=new_id(), digest="ab" * 32, received_at=iso(T0),
                     status="rejected", reason="", partner_key_id="0" * 32, key=KEY)


def test_strict_json_reader() -> None:
    from tiaki.core.canonical import loads_strict

    assert loads_strict('{"a": "\\ud83d\\ude00", "b": 1.5}') == {"a": "😀", "b": 1.5}  # a pair is one character
    for bad in ('"\\ud800"', '"x\\uDFFF"', '{"\\udc00": 1}', "1e400", "-1e999", "NaN", "[Infinity]"):
        with pytest.raises(ValueError):
            loads_strict(bad)


def test_receipt_signing_bytes_cover_every_field_but_the_signature() -> None:
    import dataclasses

    from tiaki.core.receipts import Receipt

    r = parse_receipt(receipt())
    names = {f.name for f in dataclasses.fields(Receipt)} - {"signature"}
    assert json.loads(r.signing_bytes().split(b"\x00", 1)[1]) == {n: getattr(r, n) for n in names}
