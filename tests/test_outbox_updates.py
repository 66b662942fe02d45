"""Updates flow: an edit to a client shared under an agreement that lets updates flow queues an update for
that partner and purpose, in the edit's own transaction; other agreements send nothing on an edit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from outbox_support import allow_audit, count, fail_audit_on, shared_client
from support import collected
from tiaki.core.client_json import ClientInputError
from tiaki.core.sharing_json import parse_agreement
from tiaki.store.session import Session


def _updates(session: Session) -> list[tuple[object, ...]]:
    return session._db.query("SELECT partner_id, purpose, state FROM messages WHERE kind = 'update' ORDER BY seq")


def test_an_edit_after_sharing_queues_an_update_with_the_changed_fields(session: Session) -> None:
    cid, pid, partner, _ = shared_client(session, updates_flow=True)
    session.outbox.queue_share(cid, pid, "referral")
    session.clients.update(cid, {"phone": "027 555 0199"}, collection=collected(session))
    assert _updates(session) == []  # the share is still queued: it will carry the current value anyway
    sealed = session.outbox.seal_next(pid, max_messages=5)
    assert sealed is not None

    session.clients.update(cid, {"phone": "027 555 0202", "health_conditions": "asthma, eczema"},
                           collection=collected(session))
    assert _updates(session) == [(pid, "referral", "queued")]
    queued = session.audit.recent(2)
    assert [e.action for e in queued] == ["share.queue", "client.edit"]
    assert queued[0].detail["kind"] == "update" and queued[0].detail["fields"] == ["phone"]  # no health consent
    update = session.outbox.seal_next(pid, max_messages=5)
    assert update is not None
    [message] = partner.open(update.data)
    assert message["kind"] == "update" and message["purpose"] == "referral"
    assert message["fields"] == {"phone": {"value": "027 555 0202", "basis": "consent",
                                           "agreement_id": message["fields"]["phone"]["agreement_id"],
                                           "consent_id": message["consent_ids"][0]}}
    session.clients.update(cid, {"case_notes": "more private notes"}, collection=collected(session))
    assert len(_updates(session)) == 1  # nothing the partner may receive changed


def test_no_update_for_a_partner_no_longer_reachable_by_sync(session: Session) -> None:
    cid, pid, partner, _ = shared_client(session, updates_flow=True)
    session.outbox.queue_share(cid, pid, "referral")
    assert session.outbox.seal_next(pid, max_messages=5) is not None
    partner.inbox_url = None  # the partner now takes referral packets only
    session.outbox.enroll_partner(partner.rotate())
    session.clients.update(cid, {"phone": "027 555 0202"}, collection=collected(session))
    assert _updates(session) == []


def test_the_update_commits_with_the_edit(session: Session) -> None:
    cid, pid, _, _ = shared_client(session, updates_flow=True)
    session.outbox.queue_share(cid, pid, "referral")
    assert session.outbox.seal_next(pid, max_messages=5) is not None
    fail_audit_on(session, "share.queue")
    with pytest.raises(sqlcipher.IntegrityError):
        session.clients.update(cid, {"phone": "027 555 0202"}, collection=collected(session))
    allow_audit(session)
    assert session.clients.get(cid).values["phone"].value == "027 555 0101"
    assert _updates(session) == []


def test_without_updates_flow_an_edit_queues_nothing(session: Session) -> None:
    cid, pid, _, _ = shared_client(session)
    session.outbox.queue_share(cid, pid, "referral")
    assert session.outbox.seal_next(pid, max_messages=5) is not None
    session.clients.update(cid, {"phone": "027 555 0202"}, collection=collected(session))
    assert _updates(session) == []
    assert count(session, "SELECT count(*) FROM messages") == 1


def test_updates_flow_in_agreement_json(session: Session) -> None:
    now = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    base = b'{"partner_id": "p", "basis": "consent", "purposes": ["referral"], "categories": ["identity"]'
    assert parse_agreement(base + b"}", session.catalogue, session.purposes, now).updates_flow is False
    flowing = parse_agreement(base + b', "updates_flow": true}', session.catalogue, session.purposes, now)
    assert flowing.updates_flow is True
    with pytest.raises(ClientInputError):
        parse_agreement(base + b', "updates_flow": "yes"}', session.catalogue, session.purposes, now)
    _, pid, _, _ = shared_client(session, updates_flow=True)
    assert [a.updates_flow for a in session.sharing.agreements(pid)] == [True]
    [added] = [e for e in session.audit.recent(10) if e.action == "agreement.add"]
    assert added.detail["updates_flow"] is True
