"""The outbox against the real partner inbox over HTTP on 127.0.0.1: what this device seals, the inbox opens and
acknowledges with receipts the device verifies, including after a lost reply and a withdrawal."""

from __future__ import annotations

from pathlib import Path

from inbox_support import allow, get_receipt, make_partner, post_envelope, running_inbox, with_inbox_url
from outbox_support import CONTACT, IDENTITY, add_client, agree, consent
from tiaki.core.receipts import parse_receipt
from tiaki.store.session import Session


def test_the_store_and_the_inbox_agree_on_digests_receipts_and_conflicts(session: Session, tmp_path: Path) -> None:
    partner_dir = tmp_path / "partner"
    card = make_partner(partner_dir)
    allow(partner_dir, session.outbox.device_card())
    with running_inbox(partner_dir) as url:
        pid = session.outbox.enroll_partner(with_inbox_url(card, url)).id
        agree(session, pid)
        first_client, second_client = add_client(session), add_client(session)
        for cid in (first_client, second_client):
            consent(session, cid, pid, IDENTITY)
        withdrawn = consent(session, second_client, pid, CONTACT)
        delivered = session.outbox.queue_share(first_client, pid, "referral")

        sealed = session.outbox.seal_next(pid, max_messages=10)
        assert sealed is not None
        status, reply = post_envelope(url, sealed.data)
        session.outbox.record_attempt(sealed.envelope_id, error=None)
        assert status == 200
        receipts = [parse_receipt(r) for r in reply["receipts"]]
        assert [o.state for o in session.outbox.record_receipts(pid, receipts)] == ["acknowledged"]
        status, again = post_envelope(url, sealed.data)  # a resend is recognised as the same message
        assert status == 200 and again["receipts"][0]["status"] == "duplicate"
        session.outbox.record_receipts(pid, [parse_receipt(again["receipts"][0])])
        proof = {"X-Tiaki-Sender": session.outbox.sender_key_id,
                 "X-Tiaki-Signature": session.outbox.sign_receipt_query(delivered)}
        status, asked = get_receipt(url, delivered, proof)
        assert status == 200
        assert session.outbox.record_receipts(pid, [parse_receipt(asked["receipt"])])[0].state == "acknowledged"

        lost = session.outbox.queue_share(second_client, pid, "referral")
        first_version = session.outbox.seal_next(pid, max_messages=10)
        assert first_version is not None
        status, _ = post_envelope(url, first_version.data)  # stored by the inbox; the reply never arrives
        session.outbox.record_attempt(first_version.envelope_id, error="connection reset")
        assert status == 200 and session.outbox.unacknowledged_sent(pid) == [lost]

        session.sharing.withdraw_consent(withdrawn)  # re-decided: the contact fields no longer go
        answers = []
        for _ in range(2):  # the revocation in an envelope of its own, then the share's second version
            sealed = session.outbox.seal_next(pid, max_messages=10)
            assert sealed is not None
            status, reply = post_envelope(url, sealed.data)
            session.outbox.record_attempt(sealed.envelope_id, error=None)
            assert status == 200
            receipts = [parse_receipt(r) for r in reply["receipts"]]
            answers += [(r.status, r.reason) for r in receipts]
            assert [o.state for o in session.outbox.record_receipts(pid, receipts)] == ["acknowledged"]
        assert answers == [("accepted", ""), ("rejected", "conflict")]  # it holds our first version
    assert session.outbox.pending(pid) == [] and session.outbox.unacknowledged_sent(pid) == []
    assert {d.state for d in session.outbox.history()} == {"acknowledged"}
