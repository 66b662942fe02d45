"""Receipts after a partner rotates its key: each is signed with the key the envelope was sealed to, so a device
that has not yet enrolled the rotated card (it still holds only the old one) can verify them, and a device that
has moved to the new card gets new-key receipts. Receipts asked for again follow the same rule.

Real inbox (uvicorn on 127.0.0.1), real SQLite, real device store for the end-to-end case."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from inbox_support import (
    Device,
    allow,
    get_receipt,
    make_partner,
    post_envelope,
    revocation_message,
    running_inbox,
    share_message,
    with_inbox_url,
)
from outbox_support import IDENTITY, add_client, agree, consent
from tiaki.core.cards import PartnerCard
from tiaki.core.receipts import Receipt, ReceiptError, parse_receipt, verify_receipt
from tiaki.partner.identity import database_path, rotate_identity
from tiaki.partner.inbox_db import InboxStore
from tiaki.store.session import Session


def _receipts(reply: dict[str, object], card: PartnerCard) -> list[Receipt]:
    """Parsed and verified with this card's receipt key, as a device that holds only this card does."""
    assert isinstance(reply["receipts"], list)
    out = [parse_receipt(obj) for obj in reply["receipts"]]
    for receipt in out:
        assert receipt.partner_key_id == card.key_id
        verify_receipt(receipt, card.receipt_public_key())
    return out


def _asked(url: str, device: Device, message_id: str, card: PartnerCard) -> Receipt:
    status, reply = get_receipt(url, message_id, device.query_headers(message_id))
    assert status == 200, reply
    receipt = parse_receipt(reply["receipt"])
    assert receipt.partner_key_id == card.key_id
    verify_receipt(receipt, card.receipt_public_key())
    return receipt


def test_receipts_are_signed_with_the_key_each_envelope_was_sealed_to(tmp_path: Path) -> None:
    data_dir = tmp_path / "partner"
    old_card = make_partner(data_dir)
    device = Device.new()
    allow(data_dir, device.card)
    with running_inbox(data_dir) as url:
        before = share_message(consent_ids=["consent-a"])
        assert post_envelope(url, device.seal([before], old_card))[0] == 200
        new_card = rotate_identity(data_dir)  # the device has not seen this card

        # Sealed to the old key after the rotation: old-key receipts, which the device can check.
        late, revocation = share_message(), revocation_message("consent-r")
        refused = share_message(consent_ids=["consent-r"])  # refused, and its envelope is not kept
        status, reply = post_envelope(url, device.seal([late, revocation], old_card))
        assert status == 200
        assert [r.status for r in _receipts(reply, old_card)] == ["accepted", "accepted"]
        status, reply = post_envelope(url, device.seal([refused], old_card))
        assert [(r.status, r.reason) for r in _receipts(reply, old_card)] == [("rejected", "consent_revoked")]
        status, reply = post_envelope(url, device.seal([before], old_card))  # resent: a duplicate
        assert [r.status for r in _receipts(reply, old_card)] == ["duplicate"]
        with pytest.raises(ReceiptError):  # not the new key's
            verify_receipt(parse_receipt(reply["receipts"][0]), new_card.receipt_public_key())

        # Sealed to the new key: new-key receipts.
        fresh = share_message()
        status, reply = post_envelope(url, device.seal([fresh], new_card))
        assert status == 200 and [r.status for r in _receipts(reply, new_card)] == ["accepted"]

        # Asked for again: the key of the envelope the stored message (or the refusal) arrived in.
        for message in (before, late, refused):
            _asked(url, device, str(message["id"]), old_card)
        assert _asked(url, device, str(fresh["id"]), new_card).status == "accepted"
    assert InboxStore(database_path(data_dir)).stored_envelope(str(refused["id"])) is None


def test_a_device_that_missed_the_rotation_records_its_receipts(session: Session, tmp_path: Path) -> None:
    """The reported failure: every receipt refused as "signed by a key not enrolled for this partner"."""
    partner_dir = tmp_path / "partner"
    card = make_partner(partner_dir)
    allow(partner_dir, session.outbox.device_card())
    with running_inbox(partner_dir) as url:
        pid = session.outbox.enroll_partner(with_inbox_url(card, url)).id
        agree(session, pid)
        client = add_client(session)
        consent(session, client, pid, IDENTITY)
        session.outbox.queue_share(client, pid, "referral")
        sealed = session.outbox.seal_next(pid, max_messages=10)
        assert sealed is not None
        rotate_identity(partner_dir)  # the device still holds only the first card
        status, reply = post_envelope(url, sealed.data)
        session.outbox.record_attempt(sealed.envelope_id, error=None)
        assert status == 200
        outcomes = session.outbox.record_receipts(pid, [parse_receipt(r) for r in reply["receipts"]])
        assert [o.state for o in outcomes] == ["acknowledged"]


def test_an_inbox_database_from_before_keeps_working_and_learns_where_refusals_were_sealed(tmp_path: Path) -> None:
    """A database made before refusals recorded the key their envelope was sealed to gains the column, filled
    from the envelope where it is still held; a refusal whose envelope is gone falls back to the current key."""
    path = tmp_path / "inbox.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript("""
            CREATE TABLE senders (key_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, organisation TEXT NOT NULL,
                                  card TEXT NOT NULL, allowed_at TEXT NOT NULL);
            CREATE TABLE envelopes (id TEXT PRIMARY KEY, sender_key_id TEXT NOT NULL, recipient_key_id TEXT NOT NULL,
                                    received_at TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BLOB NOT NULL);
            CREATE TABLE rejections (seq INTEGER PRIMARY KEY, message_id TEXT NOT NULL, envelope_id TEXT NOT NULL,
                                     sender_key_id TEXT NOT NULL, kind TEXT NOT NULL, client_id TEXT NOT NULL,
                                     reason TEXT NOT NULL, digest TEXT NOT NULL, at TEXT NOT NULL);
            INSERT INTO envelopes VALUES ('e-kept', 's', 'key-a', 't', 'h', x'00');
            INSERT INTO rejections VALUES (1, 'm-1', 'e-kept', 's', 'share', 'c', 'conflict', 'd', 't');
            INSERT INTO rejections VALUES (2, 'm-2', 'e-gone', 's', 'share', 'c', 'conflict', 'd', 't');
            PRAGMA user_version = 1;
        """)
    db.close()
    with InboxStore(path) as store:
        store.counts()
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT message_id, recipient_key_id FROM rejections ORDER BY seq").fetchall()
        version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    assert rows == [("m-1", "key-a"), ("m-2", "")] and version == 2
    with InboxStore(path) as store:  # opened again: nothing to do
        assert store.counts()["rejections"] == 2
