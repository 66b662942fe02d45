"""Partners, agreements, consent records and the preview, through the store API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from support import collected
from tiaki.core.roles import AccessDenied, Role
from tiaki.core.sharing import Basis, ConsentMethod, ConsentStatus, GivenBy, Override, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput, PartnerInput
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session, unlock_store

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
PERSON = {"given_name": "Ana", "family_name": "Havili", "phone": "027 555 0101", "health_conditions": "asthma",
          "case_notes": "private notes"}


def _partner(session: Session, name: str = "Te Whare Awhina", **kw: object) -> str:
    return session.sharing.add_partner(PartnerInput(name, PartnerKind.NGO, bool(kw.get("overseas", False)),
                                                    str(kw.get("ipp12", "")))).id


def _agreement(session: Session, partner_id: str, basis: Basis = Basis.CONSENT,
               categories: frozenset[str] = frozenset({"identity", "contact", "health"})) -> str:
    return session.sharing.add_agreement(AgreementInput(
        partner_id=partner_id, name="", reference="Oranga Tamariki Act 1989 s 66" if basis is Basis.LEGAL_REQUIREMENT
        else "", basis=basis, purposes=frozenset({"referral"}), categories=categories,
        excluded_fields=frozenset(), valid_from=NOW - dt.timedelta(days=30), valid_until=None)).id


def _consent(partner_id: str, *, permit: bool = True, categories: frozenset[str] = frozenset({"identity", "contact"}),
             expires: dt.datetime | None = None) -> ConsentInput:
    return ConsentInput(frozenset({partner_id}), frozenset({"referral"}), categories, permit,
                        NOW - dt.timedelta(days=1), expires, ConsentMethod.VERBAL, "en", GivenBy.PERSON)


def test_preview_follows_agreement_and_consent(session: Session) -> None:
    cid = session.clients.create(PERSON, collection=collected(session, "case_management")).id
    pid = _partner(session)
    _agreement(session, pid)
    before = session.sharing.preview(cid, pid, "referral")
    assert before.allowed == ()
    assert {w.field: w.reason.value for w in before.withheld}["case_notes"] == "never_leaves_device"
    consent = session.sharing.record_consent(cid, _consent(pid))
    after = session.sharing.preview(cid, pid, "referral")
    assert set(after.allowed_fields) == {"given_name", "family_name", "phone"}
    assert {w.field: w.reason.value for w in after.withheld}["health_conditions"] == "no_consent"
    session.sharing.withdraw_consent(consent.id, reason="changed their mind")
    withdrawn = session.sharing.preview(cid, pid, "referral")
    assert withdrawn.allowed == ()
    assert {w.field: w.reason.value for w in withdrawn.withheld}["given_name"] == "consent_withdrawn"
    override = session.sharing.preview(cid, pid, "referral", override=Override(
        "Imminent risk to a child's safety reported today by the school", session.worker.id))
    assert override.needs_review and "case_notes" in override.allowed_fields


def test_statutory_basis_needs_no_consent_and_purpose_of_collection_checks_the_purpose(session: Session) -> None:
    cid = session.clients.create(PERSON, collection=collected(session, "referral")).id
    legal = _partner(session, "Oranga Tamariki")
    _agreement(session, legal, Basis.LEGAL_REQUIREMENT)
    assert "given_name" in session.sharing.preview(cid, legal, "referral").allowed_fields
    related = _partner(session, "Whānau Ora provider")
    _agreement(session, related, Basis.PURPOSE_OF_COLLECTION)
    assert "given_name" in session.sharing.preview(cid, related, "referral").allowed_fields
    other = session.clients.create(PERSON | {"given_name": "Mele"}, collection=collected(session, "housing_support"))
    withheld = {w.field: w.reason.value for w in session.sharing.preview(other.id, related, "referral").withheld}
    assert withheld["given_name"] == "purpose_not_collected"


def test_consent_history_is_append_only(session: Session) -> None:
    cid = session.clients.create(PERSON, collection=collected(session)).id
    pid = _partner(session)
    consent = session.sharing.record_consent(cid, _consent(pid))
    assert not any(name.startswith(("update", "delete", "edit", "remove")) for name in dir(session.sharing))
    for sql in ("UPDATE consents SET permit = 0", "DELETE FROM consents",
                "UPDATE consent_events SET kind = 'given'", "DELETE FROM consent_events"):
        with pytest.raises(sqlcipher.IntegrityError), session._db.transaction() as tx:
            tx.execute(sql)
    session.sharing.withdraw_consent(consent.id)
    again = session.sharing.consent(consent.id)
    assert [e.kind.value for e in again.events] == ["given", "withdrawn"]
    assert again.permit and again.status(dt.datetime.now(dt.UTC)) is ConsentStatus.WITHDRAWN
    with pytest.raises(InvalidInput):
        session.sharing.withdraw_consent(consent.id)
    assert [e.action for e in session.audit.recent(2)][::-1][-1] == "consent.withdraw"


def test_consent_records_the_minimum_fields(session: Session) -> None:
    cid = session.clients.create(PERSON, collection=collected(session)).id
    pid = _partner(session)
    record = session.sharing.record_consent(cid, _consent(pid, expires=NOW + dt.timedelta(days=365)))
    assert record.client_id == cid and record.controller == session.organisation_name()
    assert record.recipients == {pid} and record.purposes == {"referral"}
    assert record.categories == {"identity", "contact"} and record.permit
    assert record.method is ConsentMethod.VERBAL and record.language == "en" and record.given_by is GivenBy.PERSON
    assert record.notice_version == session.notices.version
    assert record.notice_hash == session.notices.template_hash("en")
    assert record.recorded_by == session.worker.id and record.expires_at is not None
    with pytest.raises(InvalidInput):
        session.sharing.record_consent(cid, _consent("00000000-0000-4000-8000-000000000000"))


def test_roles_on_sharing(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    mere = session.add_worker(name="mere", display_name="", role=Role.CASEWORKER, passphrase="tui in the kowhai")
    pid = _partner(session)
    _agreement(session, pid)
    meres = session.clients.create(PERSON, collection=collected(session), assign_to=mere.id).id
    tamas = session.clients.create(PERSON, collection=collected(session), assign_to=tama.id).id
    session.lock()
    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    with pytest.raises(AccessDenied):
        as_tama.sharing.add_partner(PartnerInput("Rogue", PartnerKind.NGO, False, ""))
    with pytest.raises(AccessDenied):
        as_tama.sharing.add_agreement(AgreementInput(pid, "", "", Basis.CONSENT, frozenset({"referral"}),
                                                     frozenset({"identity"}), frozenset(), NOW, None))
    with pytest.raises(AccessDenied):
        as_tama.sharing.record_consent(meres, _consent(pid))
    with pytest.raises(AccessDenied):
        as_tama.sharing.consents(meres)
    with pytest.raises(AccessDenied):
        as_tama.sharing.preview(meres, pid, "referral")
    as_tama.sharing.record_consent(tamas, _consent(pid))
    assert "given_name" in as_tama.sharing.preview(tamas, pid, "referral").allowed_fields
    as_tama.lock()


def test_renewal_is_a_new_event_with_a_new_expiry(session: Session) -> None:
    cid = session.clients.create(PERSON, collection=collected(session)).id
    pid = _partner(session)
    _agreement(session, pid)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    record = session.sharing.record_consent(cid, ConsentInput(
        frozenset({pid}), frozenset({"referral"}), frozenset({"identity"}), True,
        dt.datetime.now(dt.UTC) - dt.timedelta(days=1), soon, ConsentMethod.WRITTEN, "en", GivenBy.PERSON))
    later = soon + dt.timedelta(days=365)
    with pytest.raises(InvalidInput):
        session.sharing.renew_consent(record.id, expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    renewed = session.sharing.renew_consent(record.id, expires_at=later)
    assert [e.kind.value for e in renewed.events] == ["given", "renewed"]
    assert renewed.expires_at == record.expires_at  # the record never changes; the event carries the expiry
    assert renewed.status(soon + dt.timedelta(days=1)) is ConsentStatus.ACTIVE
    assert renewed.status(later) is ConsentStatus.EXPIRED
    assert session.audit.recent(1)[0].action == "consent.renew"
