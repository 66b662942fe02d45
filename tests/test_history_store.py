"""The sharing history: one entry per message, from the outbox's own tables, role-scoped and audited."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from outbox_support import CONTACT, IDENTITY, add_client, agree, consent, enrol
from tiaki.core.clock import utc_now
from tiaki.core.roles import AccessDenied, Role
from tiaki.store.errors import NotFound
from tiaki.store.session import Session, unlock_store


def test_history_says_what_went_on_what_basis_and_what_did_not(session: Session) -> None:
    cid = add_client(session)
    pid, partner = enrol(session)
    agreement_id = agree(session, pid)
    keep = consent(session, cid, pid, IDENTITY)
    consent(session, cid, pid, CONTACT, expires=utc_now() + dt.timedelta(hours=1))
    message_id = session.outbox.queue_share(cid, pid, "referral")

    [queued] = session.outbox.history()
    assert queued.state == "queued" and queued.sealed_at is None and not queued.sent and queued.receipt is None
    assert {f.field for f in queued.fields} == {"given_name", "family_name", "phone"}  # what is planned

    sealed = session.outbox.seal_next(pid, max_messages=5, now=utc_now() + dt.timedelta(hours=2))
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = partner.open(sealed.data)
    session.outbox.record_receipts(pid, [partner.receipt(message, sealed.envelope_id)])

    [entry] = session.outbox.history(client_id=cid)
    assert (entry.message_id, entry.client_id, entry.partner_id, entry.partner_name) == (
        message_id, cid, pid, "Te Whare Awhina")
    assert (entry.purpose, entry.kind, entry.channel, entry.state) == ("referral", "share", "sync", "acknowledged")
    assert entry.worker_id == session.worker.id and entry.worker_name == session.worker.name
    assert entry.device_id == session.device_id and entry.envelope_id == sealed.envelope_id
    assert entry.sealed_at and entry.acknowledged_at and entry.created_at <= entry.sealed_at
    assert entry.sent and entry.attempts == 1
    assert [(f.field, f.basis, f.agreement_id, f.consent_id) for f in entry.fields] == [
        ("family_name", "consent", agreement_id, keep), ("given_name", "consent", agreement_id, keep)]
    assert entry.dropped == {"phone": "consent_expired"}
    assert entry.withheld == {"health_conditions": "no_consent", "case_notes": "never_leaves_device"}
    assert entry.consent_ids == (keep,)
    assert entry.receipt is not None and entry.receipt.status == "accepted" and entry.receipt.verified
    assert entry.receipt.partner_key_id == partner.card.key_id
    doc = entry.to_json()
    assert json.loads(json.dumps(doc)) == doc
    assert doc["receipt"]["verified"] is True and doc["dropped"] == [{"field": "phone", "reason": "consent_expired"}]
    for value in ("Ana", "Havili", "027 555 0101", "asthma", "private notes"):
        assert value not in json.dumps(doc)  # field names and bases, never values
    view = session.audit.recent(1)[0]
    assert view.action == "sharing.history_view" and view.subject_id == cid and view.detail["entries"] == 1
    assert session.outbox.history(partner_id="00000000-0000-4000-8000-000000000000") == []
    with pytest.raises(NotFound):
        session.outbox.history(client_id="00000000-0000-4000-8000-000000000000")

    [status] = session.outbox.client_status(cid)
    assert (status.message_id, status.state, status.sent, status.partner_name) == (
        message_id, "acknowledged", True, "Te Whare Awhina")
    assert status.fields_sent == ("family_name", "given_name")
    assert status.created_at.tzinfo is not None and status.acknowledged_at and status.last_attempt_at
    [partner_status] = session.outbox.partner_status()
    assert (partner_status.acknowledged, partner_status.queued, partner_status.sent) == (1, 0, 0)


def test_revocations_and_cancellations_are_in_the_history(session: Session) -> None:
    cid = add_client(session)
    pid, _ = enrol(session)
    agree(session, pid)
    consent_id = consent(session, cid, pid)
    sent = session.outbox.queue_share(cid, pid, "referral")
    sealed = session.outbox.seal_next(pid, max_messages=5)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error="timeout")
    session.sharing.withdraw_consent(consent_id)
    revocation, share = session.outbox.history()  # newest first
    assert (share.message_id, share.state, share.state_reason) == (sent, "cancelled", "consent_withdrawn")
    assert revocation.kind == "revocation" and revocation.revokes == (sent,)
    assert revocation.consent_ids == (consent_id,) and revocation.state == "queued" and revocation.fields == ()
    statuses = session.outbox.client_status(cid)
    assert [s.kind for s in statuses] == ["revocation", "share"]
    [partner_status] = session.outbox.partner_status()
    assert (partner_status.queued, partner_status.cancelled) == (1, 1)


def test_each_role_sees_the_history_it_may(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="Tama", role=Role.CASEWORKER, passphrase="korimako at dawn")
    mere = session.add_worker(name="mere", display_name="", role=Role.CASEWORKER, passphrase="tui in the kowhai")
    session.add_worker(name="rangi", display_name="", role=Role.SUPERVISOR, passphrase="ruru calls at night")
    pid, _ = enrol(session)
    agree(session, pid)
    tamas, meres = add_client(session, assign_to=tama.id), add_client(session, assign_to=mere.id)
    for cid in (tamas, meres):
        consent(session, cid, pid)
        session.outbox.queue_share(cid, pid, "referral")
    session.lock()

    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    assert [d.client_id for d in as_tama.outbox.history()] == [tamas]
    with pytest.raises(AccessDenied):
        as_tama.outbox.history(client_id=meres)
    with pytest.raises(AccessDenied):
        as_tama.outbox.client_status(meres)
    as_tama.lock()
    as_rangi = unlock_store(data_dir, passphrase="ruru calls at night", worker_name="rangi")
    assert {d.client_id for d in as_rangi.outbox.history()} == {tamas, meres}
    as_rangi.lock()
