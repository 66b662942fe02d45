"""The inbox's limits on what one allowed sender can make it do: consent ids per message, the Content-Length
header, and the bytes of request bodies held in memory at once. Each is a clean 4xx/5xx with a code, never a
crash (real inbox on 127.0.0.1, or its ASGI app called directly where the HTTP server would refuse first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from inbox_support import (
    Device,
    allow,
    inbox_counts,
    make_partner,
    post_envelope,
    revocation_message,
    running_inbox,
    share_message,
)
from tiaki.core.cards import PartnerCard
from tiaki.core.envelope import MAX_MESSAGES
from tiaki.core.receipts import parse_receipt
from tiaki.partner.inbox_db import MAX_CONSENT_IDS


@dataclass
class Partner:
    data_dir: Path
    card: PartnerCard
    device: Device


@pytest.fixture
def partner(tmp_path: Path) -> Partner:
    data_dir = tmp_path / "partner"
    card = make_partner(data_dir)
    device = Device.new()
    allow(data_dir, device.card)
    return Partner(data_dir, card, device)


def _consents(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{i:06d}" for i in range(count)]


def test_a_message_with_too_many_consent_ids_is_malformed(partner: Partner) -> None:
    with running_inbox(partner.data_dir) as url:
        for count in (MAX_CONSENT_IDS + 1, 300_000):
            envelope = partner.device.seal([share_message(consent_ids=_consents("c", count))], partner.card)
            status, reply = post_envelope(url, envelope)
            assert (status, reply["error"]) == (400, "bad_payload")
        status, reply = post_envelope(url, partner.device.seal(
            [share_message(consent_ids=_consents("c", MAX_CONSENT_IDS))], partner.card))
        assert status == 200 and reply["receipts"][0]["status"] == "accepted"
    assert inbox_counts(partner.data_dir)["messages"] == 1


def test_an_envelope_naming_more_consents_than_sqlite_has_variables_is_checked_against_every_tombstone(
        partner: Partner) -> None:
    """A full envelope names 64,000 consents (SQLite's default limit is 32,766 variables per statement): the
    tombstone lookup must take them all, and still find the one withdrawn among them."""
    messages = [share_message(consent_ids=_consents(f"m{i:04d}", MAX_CONSENT_IDS)) for i in range(MAX_MESSAGES)]
    withdrawn = messages[-1]["consent_ids"]
    assert isinstance(withdrawn, list)
    with running_inbox(partner.data_dir) as url:
        assert post_envelope(url, partner.device.seal([revocation_message(withdrawn[-1])], partner.card))[0] == 200
        status, reply = post_envelope(url, partner.device.seal(messages, partner.card))
        assert status == 200, reply
    receipts = [parse_receipt(r) for r in reply["receipts"]]
    assert [(r.status, r.reason) for r in receipts] == [("accepted", "")] * (MAX_MESSAGES - 1) + [
        ("rejected", "consent_revoked")]
