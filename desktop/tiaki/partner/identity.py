"""The partner's keys and card, kept as files in its data directory.

    DIR/card.json            the current card (hand it to Tiaki devices; they compare its fingerprint by voice)
    DIR/cards/<key_id>.json  every card this partner has issued, so a device that missed a rotation can catch up
    DIR/keys/<key_id>.json   mode 0600: the age secret, the receipt signing key, created_at
    DIR/age-identity.txt     mode 0600: every age secret key, current first, in the age identity-file format,
                             so the stock tool opens a referral packet: ``age -d -i DIR/age-identity.txt FILE``

Old keys are never deleted: an envelope sealed to a key before its rotation still opens. The key named by
``card.json`` is the current one (new envelopes are sealed to it); a receipt is signed with the key its
envelope was sealed to. Every file is written whole (temporary file,
fsync, rename) so a crash leaves the old file or the new one, never half of either. The card is written last,
so a crash during a rotation leaves the old card current and a spare key that nothing uses.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from tiaki.core.canonical import b64u, canonical_json, unb64u
from tiaki.core.cards import (
    CardError,
    PartnerCard,
    card_file_bytes,
    new_partner_card,
    parse_partner_card,
    partner_key_id,
    public_raw,
    sign_rotation,
)
from tiaki.core.clock import iso, utc_now
from tiaki.core.sharing import PartnerKind

KEY_FILE_TYPE: Final = "tiaki-partner-key/1"
_MAX_KEY_FILE: Final = 16 * 1024


class PartnerSetupError(Exception):
    """The partner directory cannot be used as asked (one line, naming no secret)."""


@dataclass(frozen=True)
class PartnerKey:
    key_id: str
    identity: pyrage.x25519.Identity
    receipt_key: Ed25519PrivateKey
    created_at: str


@dataclass(frozen=True)
class PartnerIdentity:
    """Every key the partner has held, and the current card."""

    card: PartnerCard
    keys: Mapping[str, PartnerKey]

    @property
    def current(self) -> PartnerKey:
        return self.keys[self.card.key_id]


def card_path(data_dir: Path) -> Path:
    return data_dir / "card.json"


def keys_dir(data_dir: Path) -> Path:
    return data_dir / "keys"


def cards_dir(data_dir: Path) -> Path:
    return data_dir / "cards"


def age_identity_path(data_dir: Path) -> Path:
    return data_dir / "age-identity.txt"


def database_path(data_dir: Path) -> Path:
    return data_dir / "inbox.sqlite3"


def has_identity(data_dir: Path) -> bool:
    keys = keys_dir(data_dir)
    return card_path(data_dir).exists() or (keys.is_dir() and any(keys.glob("*.json")))


def init_identity(data_dir: Path, *, name: str, kind: PartnerKind, inbox_url: str | None, overseas: bool = False,
                  now: dt.datetime | None = None) -> PartnerCard:
    """A new partner: its first key and card. Refuses a directory that already has an identity."""
    if has_identity(data_dir):
        raise PartnerSetupError("This directory already holds a partner identity; it was left unchanged.")
    created_at = iso(now or utc_now())
    key = _new_key(created_at)
    try:
        card = new_partner_card(name=name, kind=kind, overseas=overseas, inbox_url=inbox_url,
                                age_recipient=str(key.identity.to_public()),
                                receipt_key=key.receipt_key.public_key(), created_at=created_at)
    except CardError as exc:
        raise PartnerSetupError(str(exc)) from None
    _prepare_dirs(data_dir)
    _save_key(data_dir, key)
    write_age_identity_file(data_dir, current_key_id=key.key_id)
    _save_card(data_dir, card)
    return card


def rotate_identity(data_dir: Path, *, inbox_url: str | None = None, now: dt.datetime | None = None) -> PartnerCard:
    """A new current key, and a card that names the old key id and is signed by the old receipt key."""
    old = load_identity(data_dir)
    created_at = iso(now or utc_now())
    key = _new_key(created_at)
    try:
        fresh = new_partner_card(name=old.card.name, kind=old.card.kind, overseas=old.card.overseas,
                                 inbox_url=inbox_url or old.card.inbox_url,
                                 age_recipient=str(key.identity.to_public()),
                                 receipt_key=key.receipt_key.public_key(), created_at=created_at)
    except CardError as exc:
        raise PartnerSetupError(str(exc)) from None
    card = sign_rotation(fresh, old.current.receipt_key, old_key_id=old.card.key_id)
    _save_key(data_dir, key)
    write_age_identity_file(data_dir, current_key_id=key.key_id)
    _save_card(data_dir, card)
    return card


def load_identity(data_dir: Path) -> PartnerIdentity:
    if not card_path(data_dir).is_file():
        raise PartnerSetupError("No partner identity here: run 'tiaki partner init' first.")
    try:
        card = parse_partner_card(_read_small(card_path(data_dir)))
    except CardError:
        raise PartnerSetupError("The partner's card.json is damaged.") from None
    keys = {key.key_id: key for key in (_load_key(path) for path in sorted(keys_dir(data_dir).glob("*.json")))}
    if card.key_id not in keys:
        raise PartnerSetupError("The key named by card.json is missing from the keys directory.")
    return PartnerIdentity(card=card, keys=keys)


class KeyRing:
    """The identity as a running service sees it: read again when card.json changes, so an inbox that is running
    during ``tiaki partner rotate`` knows the new key (health lists it first) from then on. The key file is
    written before the card, so a new card always finds its key; a directory that fails to load keeps the keys
    already in use."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self._stamp = _stamp(card_path(data_dir))
        self._identity = load_identity(data_dir)

    def current(self) -> PartnerIdentity:
        stamp = _stamp(card_path(self._data_dir))
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    with contextlib.suppress(PartnerSetupError, OSError):
                        self._identity = load_identity(self._data_dir)
                    self._stamp = stamp
        return self._identity


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def age_identity_text(keys: Mapping[str, PartnerKey], *, current_key_id: str) -> str:
    """Every key in the age identity-file format (``#`` comments, one ``AGE-SECRET-KEY-1…`` per key): the current
    key first, then the older ones newest first. age tries each identity in turn, so a packet sealed to a key
    from before a rotation still opens."""
    ordered = sorted(keys.values(), key=lambda k: (k.key_id != current_key_id, _negated(k.created_at), k.key_id))
    lines: list[str] = []
    for key in ordered:
        lines.append(f"# created: {key.created_at} key id: {key.key_id}")
        lines.append(f"# public key: {key.identity.to_public()}")
        lines.append(str(key.identity))
    return "\n".join(lines) + "\n"


def write_age_identity_file(data_dir: Path, *, current_key_id: str) -> Path:
    """Write ``DIR/age-identity.txt`` whole (0600) from every key in the keys directory. Written before the card
    during a rotation: a crash in between leaves a file that already opens what the new card will receive."""
    keys = {key.key_id: key for key in (_load_key(path) for path in sorted(keys_dir(data_dir).glob("*.json")))}
    if current_key_id not in keys:
        raise PartnerSetupError("The key named as current is missing from the keys directory.")
    path = age_identity_path(data_dir)
    _write_whole(path, age_identity_text(keys, current_key_id=current_key_id).encode("ascii"), mode=0o600)
    return path


def _negated(created_at: str) -> float:
    """Sort newest first; a created_at that does not parse sorts last rather than failing the whole file."""
    try:
        return -dt.datetime.fromisoformat(created_at).timestamp()
    except (ValueError, TypeError):
        return float("inf")


# --- files ---------------------------------------------------------------------------------------------------


def _new_key(created_at: str) -> PartnerKey:
    identity = pyrage.x25519.Identity.generate()
    receipt = Ed25519PrivateKey.generate()
    key_id = partner_key_id(str(identity.to_public()), b64u(_public_raw(receipt)))
    return PartnerKey(key_id=key_id, identity=identity, receipt_key=receipt, created_at=created_at)


def _public_raw(key: Ed25519PrivateKey) -> bytes:
    return public_raw(key.public_key())


def _prepare_dirs(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys_dir(data_dir).mkdir(mode=0o700, exist_ok=True)
    cards_dir(data_dir).mkdir(mode=0o755, exist_ok=True)


def _save_key(data_dir: Path, key: PartnerKey) -> None:
    secret = key.receipt_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    doc = {"type": KEY_FILE_TYPE, "key_id": key.key_id, "age_identity": str(key.identity),
           "receipt_private": b64u(secret), "created_at": key.created_at}
    _write_whole(keys_dir(data_dir) / f"{key.key_id}.json", canonical_json(doc) + b"\n", mode=0o600)


def _save_card(data_dir: Path, card: PartnerCard) -> None:
    data = card_file_bytes(card)
    cards_dir(data_dir).mkdir(mode=0o755, exist_ok=True)
    _write_whole(cards_dir(data_dir) / f"{card.key_id}.json", data, mode=0o644)
    _write_whole(card_path(data_dir), data, mode=0o644)


def _load_key(path: Path) -> PartnerKey:
    damaged = PartnerSetupError("A key file in the partner directory is damaged.")
    try:
        doc = json.loads(_read_small(path))
        if not isinstance(doc, dict) or doc.get("type") != KEY_FILE_TYPE:
            raise damaged
        identity = pyrage.x25519.Identity.from_str(doc["age_identity"])
        raw = unb64u(doc["receipt_private"])
        receipt = Ed25519PrivateKey.from_private_bytes(raw)
        created_at = doc["created_at"]
    except (ValueError, KeyError, TypeError, pyrage.IdentityError):
        raise damaged from None
    key_id = partner_key_id(str(identity.to_public()), b64u(_public_raw(receipt)))
    if key_id != doc.get("key_id") or path.stem != key_id or not isinstance(created_at, str):
        raise damaged
    return PartnerKey(key_id=key_id, identity=identity, receipt_key=receipt, created_at=created_at)


def _read_small(path: Path) -> bytes:
    with path.open("rb") as fh:
        data = fh.read(_MAX_KEY_FILE + 1)
    if len(data) > _MAX_KEY_FILE:
        raise PartnerSetupError("A file in the partner directory is too large to be a card or key.")
    return data


def _write_whole(path: Path, data: bytes, *, mode: int) -> None:
    """Temporary file (created with its final mode, never readable by others), fsync, rename, fsync the dir."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    os.close(fd)
    os.replace(temp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
