"""Cards: how a partner and a Tiaki device introduce their public keys to each other.

A partner card carries the partner's age X25519 recipient (what envelopes are sealed to) and its Ed25519
receipt-verification key. A sender card carries a device's Ed25519 signing key. Both are plain JSON files
handed over by email or USB; what makes them trustworthy is the fingerprint that the two people compare by
voice before enrolling (the key id is derived from the keys, so a card cannot claim someone else's id).

A rotated partner card names the key id it replaces and is signed by the replaced receipt key, so a device
that trusted the old card can trust the new one without another call.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from typing import Any, Final
from urllib.parse import urlsplit

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tiaki.core.canonical import KEY_ID, UUID, b64u, canonical_json, fingerprint, key_id_for, loads_strict, unb64u
from tiaki.core.sharing import PartnerKind
from tiaki.core.text import bad_characters, nfc

MAX_CARD_BYTES: Final = 16 * 1024
PARTNER_CARD_TYPE: Final = "tiaki-partner-card/1"
SENDER_CARD_TYPE: Final = "tiaki-sender-card/1"
_ROTATION_CONTEXT: Final = b"tiaki-card-rotation/1\x00"
_MAX_NAME: Final = 200
_MAX_URL: Final = 2000
_AGE_RECIPIENT_LENGTH: Final = 62  # "age1" + 58 bech32 characters


class CardError(ValueError):
    """A card that cannot be used. ``code`` is stable; the message names no value from the card."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def ed25519_public(text: str) -> Ed25519PublicKey:
    """A key from a card's b64u text (CardError when it is not 32 valid bytes)."""
    try:
        raw = unb64u(text)
        if len(raw) != 32:
            raise ValueError
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise CardError("bad_key", "The card's signing key is not a valid Ed25519 public key.") from None


def partner_key_id(age_recipient: str, receipt_key: str) -> str:
    return key_id_for(b"tiaki-partner", age_recipient.encode(), unb64u(receipt_key))


def sender_key_id(signing_key: Ed25519PublicKey) -> str:
    return key_id_for(b"tiaki-sender", public_raw(signing_key))


@dataclass(frozen=True)
class PartnerCard:
    name: str
    kind: PartnerKind
    overseas: bool
    inbox_url: str | None  # None: a partner reached only by referral packets
    age_recipient: str
    receipt_key: str
    key_id: str
    created_at: str
    replaces: str | None = None
    rotation_signature: str | None = None

    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    def receipt_public_key(self) -> Ed25519PublicKey:
        return ed25519_public(self.receipt_key)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": PARTNER_CARD_TYPE, **asdict(self)}
        out["kind"] = self.kind.value
        return out

    def signing_bytes(self) -> bytes:
        body = self.to_json()
        del body["rotation_signature"]
        return _ROTATION_CONTEXT + canonical_json(body)


@dataclass(frozen=True)
class SenderCard:
    organisation: str
    device_id: str
    signing_key: str
    key_id: str
    created_at: str

    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    def public_key(self) -> Ed25519PublicKey:
        return ed25519_public(self.signing_key)

    def to_json(self) -> dict[str, Any]:
        return {"type": SENDER_CARD_TYPE, **asdict(self)}


def card_file_bytes(card: PartnerCard | SenderCard) -> bytes:
    """A card as a file people hand over: indented UTF-8 JSON (names keep their macrons), ending in a newline."""
    return json.dumps(card.to_json(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def new_partner_card(*, name: str, kind: PartnerKind, overseas: bool, inbox_url: str | None, age_recipient: str,
                     receipt_key: Ed25519PublicKey, created_at: str) -> PartnerCard:
    key_text = b64u(public_raw(receipt_key))
    card = PartnerCard(name=nfc(name).strip(), kind=kind, overseas=overseas, inbox_url=inbox_url,
                       age_recipient=age_recipient, receipt_key=key_text,
                       key_id=partner_key_id(age_recipient, key_text), created_at=created_at)
    return _checked_partner(card)


def sender_card_for(organisation: str, device_id: str, signing_private: Ed25519PrivateKey,
                    created_at: str) -> SenderCard:
    public = signing_private.public_key()
    return SenderCard(organisation=organisation, device_id=device_id, signing_key=b64u(public_raw(public)),
                      key_id=sender_key_id(public), created_at=created_at)


def sign_rotation(new: PartnerCard, old_receipt_private: Ed25519PrivateKey, *, old_key_id: str) -> PartnerCard:
    """The new card, naming the key it replaces and signed by that key's receipt key."""
    named = replace(new, replaces=old_key_id, rotation_signature=None)
    return replace(named, rotation_signature=b64u(old_receipt_private.sign(named.signing_bytes())))


def verify_rotation(old: PartnerCard, new: PartnerCard) -> None:
    """A rotation is trusted when the new card names the old key id and the old receipt key signed it."""
    if new.replaces != old.key_id or new.rotation_signature is None or new.key_id == old.key_id:
        raise CardError("bad_rotation", "This card does not replace the partner's current key.")
    try:
        old.receipt_public_key().verify(unb64u(new.rotation_signature), new.signing_bytes())
    except (InvalidSignature, ValueError):
        raise CardError("bad_rotation", "The new card is not signed by the partner's current key.") from None


# --- parsing -----------------------------------------------------------------------------------------------


def _load(data: bytes, card_type: str) -> dict[str, Any]:
    if len(data) > MAX_CARD_BYTES:
        raise CardError("too_large", "The card file is too large to be a card.")
    try:
        doc = loads_strict(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise CardError("not_json", "The card file is not JSON.") from None
    if not isinstance(doc, dict) or doc.get("type") != card_type:
        raise CardError("wrong_type", "This file is not the kind of card expected here.")
    return doc


def _text(doc: dict[str, Any], key: str, *, optional: bool = False, limit: int = _MAX_NAME) -> Any:
    value = doc.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CardError("missing", f"The card has no valid '{key}'.")
    if len(value) > limit or bad_characters(value):
        raise CardError("bad_field", f"The card's '{key}' is not acceptable.")
    return nfc(value)


def _time(doc: dict[str, Any]) -> str:
    text = _text(doc, "created_at", limit=64)
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CardError("bad_field", "The card's 'created_at' is not a date and time.") from None
    if when.utcoffset() is None:
        raise CardError("bad_field", "The card's 'created_at' has no time zone.")
    return str(text)


def check_inbox_url(url: str) -> str:
    parts = urlsplit(url)
    if (len(url) > _MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname or parts.username
            or parts.password or parts.fragment or any(c.isspace() for c in url)):
        raise CardError("bad_url", "The card's inbox address is not a usable http(s) URL.")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise CardError("bad_url", "The card's inbox address is not a usable http(s) URL.") from None
    return url


def _checked_partner(card: PartnerCard) -> PartnerCard:
    """Everything a reader checks, so no card is written that another reader would refuse."""
    if not card.name or len(card.name) > _MAX_NAME or bad_characters(card.name):
        raise CardError("bad_field", "The card's 'name' is not acceptable.")
    recipient = card.age_recipient
    if len(recipient) != _AGE_RECIPIENT_LENGTH or not recipient.startswith("age1"):
        raise CardError("bad_key", "The card's encryption key is not an age X25519 recipient.")
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError:
        raise CardError("bad_key", "The card's encryption key is not an age X25519 recipient.") from None
    ed25519_public(card.receipt_key)
    if card.inbox_url is not None:
        check_inbox_url(card.inbox_url)
    if card.key_id != partner_key_id(recipient, card.receipt_key):
        raise CardError("key_id_mismatch", "The card's key id does not match its keys.")
    if (card.replaces is None) != (card.rotation_signature is None) or (
            card.replaces is not None and not KEY_ID.match(card.replaces)):
        raise CardError("bad_rotation", "The card's rotation details are incomplete.")
    return card


def parse_partner_card(data: bytes) -> PartnerCard:
    doc = _load(data, PARTNER_CARD_TYPE)
    try:
        kind = PartnerKind(doc.get("kind", PartnerKind.NGO.value))
    except ValueError:
        raise CardError("bad_field", "The card's 'kind' is not a partner kind Tiaki knows.") from None
    overseas = doc.get("overseas", False)
    if not isinstance(overseas, bool):
        raise CardError("bad_field", "The card's 'overseas' must be true or false.")
    url = _text(doc, "inbox_url", optional=True, limit=_MAX_URL)
    card = PartnerCard(
        name=_text(doc, "name"), kind=kind, overseas=overseas, inbox_url=url,
        age_recipient=_text(doc, "age_recipient", limit=100), receipt_key=_text(doc, "receipt_key", limit=100),
        key_id=_text(doc, "key_id", limit=64), created_at=_time(doc),
        replaces=_text(doc, "replaces", optional=True, limit=64),
        rotation_signature=_text(doc, "rotation_signature", optional=True, limit=200))
    try:
        return _checked_partner(card)
    except ValueError as exc:
        if isinstance(exc, CardError):
            raise
        raise CardError("bad_key", "The card's keys are not valid.") from None


def parse_sender_card(data: bytes) -> SenderCard:
    doc = _load(data, SENDER_CARD_TYPE)
    card = SenderCard(organisation=_text(doc, "organisation"), device_id=_text(doc, "device_id", limit=64),
                      signing_key=_text(doc, "signing_key", limit=100), key_id=_text(doc, "key_id", limit=64),
                      created_at=_time(doc))
    if not UUID.match(card.device_id):
        raise CardError("bad_field", "The card's device id is not a Tiaki device id.")
    if card.key_id != sender_key_id(card.public_key()):
        raise CardError("key_id_mismatch", "The card's key id does not match its key.")
    return card
