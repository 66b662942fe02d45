"""Queueing a share: one transaction with its audit entry, role-checked below the UI, refused when nothing
would go or the partner cannot be reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from outbox_support import (
    add_client,
    agree,
    allow_audit,
    consent,
    count,
    enrol,
    fail_audit_on,
    shared_client,
)
from tiaki.core.roles import AccessDenied, Role
from tiaki.core.sharing import PartnerKind
from tiaki.core.sharing_json import PartnerInput
from tiaki.store.errors import InvalidInput, NotFound
from tiaki.store.session import Session, unlock_store


def test_queue_writes_the_message_and_its_audit_entry_together(session: Session) -> None:
    cid, pid, _, consent_id = shared_client(session)
    audit_before = session.audit.count()
    fail_audit_on(session, "share.queue")
    with pytest.raises(sqlcipher.IntegrityError):
        session.outbox.queue_share(cid, pid, "referral")
    assert count(session, "SELECT count(*) FROM messages") == 0
    assert session.audit.count() == audit_before
    allow_audit(session)

    message_id = session.outbox.queue_share(cid, pid, "referral")
    row = session._db.query_one("SELECT partner_id, client_id, purpose, kind, channel, state, created_by, "
                                "device_id, decision FROM messages WHERE id = ?", (message_id,))
    assert row is not None
    assert row[:7] == (pid, cid, "referral", "share", "sync", "queued", session.worker.id)
    assert row[7] == session.device_id
    decision = json.loads(row[8])
    assert set(decision["allowed"]) == {"given_name", "family_name", "phone"}
    assert decision["allowed"]["phone"] == {"basis": "consent", "agreement_id": decision["allowed"]["phone"][
        "agreement_id"], "consent_id": consent_id}
    assert decision["withheld"]["case_notes"] == "never_leaves_device"
    assert decision["withheld"]["health_conditions"] == "no_consent"
    entry = session.audit.recent(1)[0]
    assert entry.action == "share.queue" and entry.subject_id == cid
    assert entry.detail == {"message_id": message_id, "partner_id": pid, "purpose": "referral", "kind": "share",
                            "fields": ["family_name", "given_name", "phone"]}
    assert "027 555 0101" not in json.dumps(entry.detail)  # field names, never values


def test_queue_refuses_what_cannot_or_need_not_go(session: Session) -> None:
    cid = add_client(session)
    pid, _ = enrol(session)
    agree(session, pid)
    with pytest.raises(InvalidInput) as nothing:
        session.outbox.queue_share(cid, pid, "referral")  # no consent yet: nothing is allowed
    assert nothing.value.code == "nothing_to_share"
    consent(session, cid, pid)
    with pytest.raises(InvalidInput) as purpose:
        session.outbox.queue_share(cid, pid, "not_a_purpose")
    assert purpose.value.code == "unknown_purpose"
    with pytest.raises(InvalidInput) as partner:
        session.outbox.queue_share(cid, "00000000-0000-4000-8000-000000000000", "referral")
    assert partner.value.code == "no_such_partner"
    with pytest.raises(NotFound):
        session.outbox.queue_share("00000000-0000-4000-8000-000000000000", pid, "referral")
    named = session.sharing.add_partner(PartnerInput("Kāinga Ora", PartnerKind.GOVERNMENT_AGENCY, False, "")).id
    agree(session, named)
    with pytest.raises(InvalidInput) as not_enrolled:
        session.outbox.queue_share(cid, named, "referral")
    assert not_enrolled.value.code == "partner_not_enrolled"
    packet_only, _ = enrol(session, "Packet Only Trust", inbox_url=None)
    agree(session, packet_only)
    with pytest.raises(InvalidInput) as no_inbox:
        session.outbox.queue_share(cid, packet_only, "referral")
    assert no_inbox.value.code == "partner_not_enrolled"
    session.clients.archive(cid)
    with pytest.raises(InvalidInput) as archived:
        session.outbox.queue_share(cid, pid, "referral")
    assert archived.value.code == "archived_client"
    assert count(session, "SELECT count(*) FROM messages") == 0


def test_roles_on_queueing(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    mere = session.add_worker(name="mere", display_name="", role=Role.CASEWORKER, passphrase="tui in the kowhai")
    session.add_worker(name="rangi", display_name="", role=Role.SUPERVISOR, passphrase="ruru calls at night")
    session.add_worker(name="hemi", display_name="", role=Role.COORDINATOR, passphrase="piwakawaka dances")
    pid, _ = enrol(session)
    agree(session, pid)
    meres = add_client(session, assign_to=mere.id)
    tamas = add_client(session, assign_to=tama.id)
    consent(session, meres, pid)
    consent(session, tamas, pid)
    session.lock()

    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    with pytest.raises(AccessDenied):
        as_tama.outbox.queue_share(meres, pid, "referral")
    assert as_tama.outbox.queue_share(tamas, pid, "referral")
    as_tama.lock()
    as_rangi = unlock_store(data_dir, passphrase="ruru calls at night", worker_name="rangi")
    with pytest.raises(AccessDenied):  # supervisors review; they do not act on records
        as_rangi.outbox.queue_share(tamas, pid, "referral")
    as_rangi.lock()
    as_hemi = unlock_store(data_dir, passphrase="piwakawaka dances", worker_name="hemi")
    assert as_hemi.outbox.queue_share(meres, pid, "referral")
    assert count(as_hemi, "SELECT count(*) FROM messages") == 2
    as_hemi.lock()
