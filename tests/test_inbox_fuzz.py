"""Whatever bytes arrive, the inbox answers with a 4xx and a code — never a 500 — and stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from inbox_support import Device, make_partner, post_envelope, running_inbox, share_message
from tiaki.core.clock import iso, utc_now
from tiaki.core.envelope import MAGIC
from tiaki.partner.identity import database_path
from tiaki.partner.inbox_db import InboxStore

_REFUSALS = {400, 403, 413, 421}
_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _nothing_stored(data_dir: Path) -> None:
    counts = InboxStore(database_path(data_dir)).counts()
    assert counts["envelopes"] == counts["messages"] == counts["rejections"] == counts["tombstones"] == 0


def _refused(status: int, reply: dict[str, object]) -> None:
    assert status in _REFUSALS, (status, reply)
    assert isinstance(reply.get("error"), str) and isinstance(reply.get("message"), str)


def test_random_and_mutated_bodies_are_refused_and_never_stored(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    card = make_partner(data_dir)
    device = Device.new()
    InboxStore(database_path(data_dir)).allow_sender(device.card, allowed_at=iso(utc_now()))
    valid = device.seal([share_message(consent_ids=["c"]), share_message()], card)
    stranger = Device.new().seal([share_message()], card)

    with running_inbox(data_dir) as url:

        @_SETTINGS
        @given(st.binary(max_size=4096))
        def random_bytes(body: bytes) -> None:
            _refused(*post_envelope(url, body))

        @_SETTINGS
        @given(st.binary(max_size=512))
        def after_the_magic(tail: bytes) -> None:
            _refused(*post_envelope(url, MAGIC + tail))

        @_SETTINGS
        @given(st.lists(st.tuples(st.integers(0, len(valid) - 1), st.integers(1, 255)), min_size=1, max_size=4),
               st.sampled_from(["flip", "truncate", "extend"]), st.sampled_from([valid, stranger]))
        def mutated(flips: list[tuple[int, int]], how: str, base: bytes) -> None:
            body = bytearray(base)
            for at, mask in flips:
                body[at % len(body)] ^= mask  # a non-zero mask: every flip changes the byte
            if how == "truncate":
                body = body[:flips[0][0] % len(body)]
            elif how == "extend":
                body += bytes(mask for _, mask in flips)
            assume(bytes(body) != base)  # two flips of one byte can cancel out
            _refused(*post_envelope(url, bytes(body)))

        @_SETTINGS
        @given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=3),
                            max_leaves=10))
        def json_headers(header: object) -> None:
            raw = json.dumps(header).encode()
            body = MAGIC + len(raw).to_bytes(4, "big") + raw + (64).to_bytes(2, "big") + bytes(64) + b"x"
            _refused(*post_envelope(url, body))

        random_bytes()
        after_the_magic()
        mutated()
        json_headers()

    _nothing_stored(data_dir)
