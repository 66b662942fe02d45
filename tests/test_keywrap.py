from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiaki.core import keywrap, lockout


@given(st.binary(min_size=keywrap.RECOVERY_KEY_BYTES, max_size=keywrap.RECOVERY_KEY_BYTES))
def test_recovery_key_round_trips(secret: bytes) -> None:
    text = keywrap.format_recovery_key(secret)
    assert text.startswith("TIAKI-")
    assert keywrap.parse_recovery_key(text) == secret
    assert keywrap.parse_recovery_key(text.lower().replace("-", " ")) == secret


def test_recovery_key_typo_is_caught() -> None:
    text = keywrap.format_recovery_key(bytes(range(20)))
    groups = text.split("-")
    groups[3] = groups[3][::-1] if groups[3][::-1] != groups[3] else "ZZZZ"
    with pytest.raises(ValueError, match="typing mistake"):
        keywrap.parse_recovery_key("-".join(groups))
    with pytest.raises(ValueError, match="not a Tiaki recovery key"):
        keywrap.parse_recovery_key("hello")


def test_wrap_unwrap_and_tamper() -> None:
    key, data_key = b"k" * 32, keywrap.new_data_key()
    nonce, wrapped = keywrap.wrap(key, data_key, b"aad")
    assert keywrap.unwrap(key, nonce, wrapped, b"aad") == data_key
    with pytest.raises(keywrap.UnwrapFailed):
        keywrap.unwrap(key, nonce, wrapped, b"other aad")
    with pytest.raises(keywrap.UnwrapFailed):
        keywrap.unwrap(b"x" * 32, nonce, wrapped, b"aad")


def test_lockout_grows_and_caps() -> None:
    delays = [lockout.delay_after(n) for n in range(12)]
    assert delays[:3] == [0, 0, 0]
    assert delays[3:7] == [1, 2, 4, 8]
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert lockout.delay_after(100) == lockout.MAX_DELAY_SECONDS
