"""Canonical bytes for what is signed or digested, and the short encodings used on cards and envelopes.

Two parties must produce the same bytes for the same value, so everything signed is canonical JSON: sorted
keys, no whitespace, UTF-8 (not ASCII escapes), no NaN.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import Final

_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_B64U: Final = re.compile(r"\A[A-Za-z0-9_-]*\Z")


def canonical_json(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def b64u(data: bytes) -> str:
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    """Strict: only the URL-safe alphabet, no padding, and a length that can be valid."""
    if not isinstance(text, str) or not _B64U.match(text) or len(text) % 4 == 1:
        raise ValueError("not URL-safe base64")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not URL-safe base64") from None
    if b64u(data) != text:  # non-zero trailing bits: another encoder's spelling of different bytes
        raise ValueError("not canonical URL-safe base64")
    return data


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_id_for(*parts: bytes) -> str:
    """A key's id: 16 bytes of SHA-256 over its parts (joined with NUL), as 32 hex characters."""
    return hashlib.sha256(b"\x00".join(parts)).hexdigest()[:32]


def fingerprint(key_id: str) -> str:
    """Twenty digits in five groups, short enough to read out over the phone ("0482 1093 7551 2773 0118")."""
    digits = f"{int(key_id[:20], 16) % 10**20:020d}"
    return " ".join(digits[i:i + 4] for i in range(0, 20, 4))


# \Z, not $: "$" also matches before a trailing newline, which would let "id\n" through.
KEY_ID: Final = re.compile(r"\A[0-9a-f]{32}\Z")
UUID: Final = re.compile(r"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def loads_strict(text: str) -> object:
    """JSON from an untrusted party (``text`` decoded strictly from UTF-8) that canonical_json can always
    re-encode: no NaN or infinities (``1e400`` parses to infinity), and no lone surrogates (which cannot be
    written as UTF-8). ValueError otherwise."""
    def finite(number: str) -> float:
        value = float(number)
        if value in (float("inf"), float("-inf")):
            raise ValueError("number out of range")
        return value

    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    doc = json.loads(text, parse_float=finite, parse_constant=refuse)
    # Text decoded strictly from UTF-8 holds no surrogates, so one can only come from a \uD800-\uDFFF escape:
    # re-encode (UnicodeEncodeError, a ValueError, for a lone one) only when such an escape appears at all.
    if _SURROGATE_ESCAPE.search(text):
        canonical_json(doc)
    return doc
