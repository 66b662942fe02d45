"""Wrapping the database's data key: Argon2id for passphrases, HKDF for the high-entropy recovery key.

The data key never changes; a passphrase change or a recovery rewrites only the wrapped copy (the slot).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: far beyond guessing, short enough to write down
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"  # Crockford-style: no I, L, O, U
_RECOVERY_PREFIX = "TIAKI"


class RecoveryKeyTypo(ValueError):
    """The recovery key's check group does not match what was typed."""


class UnwrapFailed(Exception):
    """The passphrase or recovery key does not open this slot (or the slot was altered)."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default takes about 0.13 s and 64 MiB here; tests may pass cheaper ones."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    def as_dict(self) -> dict[str, int]:
        return {"memory_kib": self.memory_kib, "iterations": self.iterations, "lanes": self.lanes}

    @classmethod
    def from_dict(cls, raw: dict[str, int]) -> KdfParams:
        params = cls(int(raw["memory_kib"]), int(raw["iterations"]), int(raw["lanes"]))
        if not (8 * params.lanes <= params.memory_kib <= 4 * 1024 * 1024 and 1 <= params.iterations <= 64
                and 1 <= params.lanes <= 64):
            raise ValueError("key slot has implausible KDF parameters")
        return params


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt, length=32, iterations=params.iterations, lanes=params.lanes, memory_cost=params.memory_kib
    )
    return kdf.derive(passphrase.encode("utf-8"))


def recovery_wrapping_key(recovery_secret: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"tiaki recovery slot v1").derive(
        recovery_secret
    )


def wrap(wrapping_key: bytes, data_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, ChaCha20Poly1305(wrapping_key).encrypt(nonce, data_key, aad)


def unwrap(wrapping_key: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes:
    try:
        data_key = ChaCha20Poly1305(wrapping_key).decrypt(nonce, wrapped, aad)
    except (InvalidTag, ValueError):
        raise UnwrapFailed from None
    if len(data_key) != DATA_KEY_BYTES:
        raise UnwrapFailed
    return data_key


def name_tag(store_salt: bytes, folded_name: str) -> str:
    """Lets a slot be found by worker name without writing the name beside the database in plain text."""
    return hmac.new(store_salt, folded_name.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


# --- the recovery key a person writes down -------------------------------------------------------------

def _b32(data: bytes) -> str:
    standard = base64.b32encode(data).decode("ascii").rstrip("=")
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _RECOVERY_ALPHABET)
    return standard.translate(table)


def _check(body: str) -> str:
    return _b32(hashlib.sha256(body.encode("ascii")).digest())[:4]


def new_recovery_secret() -> bytes:
    return secrets.token_bytes(RECOVERY_KEY_BYTES)


def format_recovery_key(secret: bytes) -> str:
    """TIAKI-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-CCCC: 160 bits in groups, with a typo check group."""
    body = _b32(secret)
    groups = [body[i : i + 4] for i in range(0, len(body), 4)]
    return "-".join([_RECOVERY_PREFIX, *groups, _check(body)])


def parse_recovery_key(text: str) -> bytes:
    """Accept what a person typed: any case, spaces or dashes, O for 0 and I/L for 1. Raise ValueError."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if cleaned.startswith(_RECOVERY_PREFIX):
        cleaned = cleaned[len(_RECOVERY_PREFIX):]
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    body_len = (RECOVERY_KEY_BYTES * 8 + 4) // 5
    if len(cleaned) != body_len + 4 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        raise ValueError("That is not a Tiaki recovery key.")
    body, check = cleaned[:body_len], cleaned[body_len:]
    if not hmac.compare_digest(_check(body), check):
        raise RecoveryKeyTypo("The recovery key has a typing mistake (its check group does not match).")
    table = str.maketrans(_RECOVERY_ALPHABET, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    padded = body.translate(table) + "=" * (-len(body) % 8)
    return base64.b32decode(padded)
