"""The inputs sealing loads for a whole batch decide exactly as the preview does.

A seeded random world (partners of every kind, agreements on every basis, some expired or not yet in force,
anonymous and archived clients, values collected for different purposes and some cleared, consents that
permit or deny, expire, are withdrawn or renewed) is read three ways for every client, partner, purpose and
instant: through the batch loader (one set-based load of every client, the partner's terms once), through
``SharingRepository.preview``, and from inputs the test reads itself one row at a time with plain SQL and the
repository's consent API. The three decisions must be identical.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from support import collected
from tiaki.core.clock import utc_now
from tiaki.core.policy import ClientFacts, Decision, decide
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput, PartnerInput
from tiaki.store.decision_inputs import client_inputs, decide_for, partner_terms
from tiaki.store.session import Session

PURPOSES = ("referral", "case_management")  # an anonymous contact is collected for "helpline_contact"
VALUES: dict[str, object] = {
    "given_name": "Ana", "family_name": "Havili", "preferred_name": "Ani", "date_of_birth": "1990-05-01",
    "gender": "female", "phone": "027 555 0101", "email": "ana@example.org", "address": "1 Queen Street",
    "region": "auckland", "household_members": "three", "dependent_children": 2, "ethnicity": "maori",
    "iwi": "Ngāti Porou", "health_conditions": "asthma", "weekly_income": 500, "living_arrangement": "renting",
    "safety_concerns": "none noted", "case_notes": "private notes",
}
IDENTITY = ("given_name", "family_name", "preferred_name", "date_of_birth", "gender")
CATEGORIES = ("identity", "contact", "whanau", "ethnicity", "health", "income", "living", "safety", "case_notes")


def _world(session: Session, rng: random.Random) -> tuple[list[str], list[str]]:
    now = utc_now()
    partners = []
    for i, (kind, overseas, basis) in enumerate([
            (PartnerKind.NGO, False, ""), (PartnerKind.HEALTH_PROVIDER, True, ""),
            (PartnerKind.GOVERNMENT_AGENCY, True, "comparable safeguards"), (PartnerKind.IWI_OR_PACIFIC_PROVIDER,
                                                                            False, "")]):
        partners.append(session.sharing.add_partner(PartnerInput(f"Partner {i}", kind, overseas, basis)).id)
    for basis, categories in ((Basis.CONSENT, {"identity", "health", "living", "ethnicity"}),
                              (Basis.PURPOSE_OF_COLLECTION, {"contact", "whanau", "income", "identity"}),
                              (Basis.LEGAL_REQUIREMENT, {"safety"})):  # in force, for both purposes
        session.sharing.add_agreement(AgreementInput(
            partners[0], "", "Example Act 2020 s 1" if basis is not Basis.CONSENT else "", basis,
            frozenset(PURPOSES), frozenset(categories), frozenset(), now - dt.timedelta(days=400), None))
    for pid in partners[:3]:  # the last partner has no agreement at all
        for _ in range(rng.randint(1, 4)):
            basis = rng.choice([Basis.CONSENT, Basis.PURPOSE_OF_COLLECTION, Basis.LEGAL_REQUIREMENT,
                                Basis.AUTHORISED_BY_PERSON, Basis.APPROVED_SHARING_AGREEMENT])
            start = now - dt.timedelta(days=rng.choice([400, 30, -30]))
            end = rng.choice([None, None, now - dt.timedelta(days=10), now + dt.timedelta(days=200)])
            session.sharing.add_agreement(AgreementInput(
                pid, "", "Example Act 2020 s 1" if basis is not Basis.CONSENT else "", basis,
                frozenset(rng.sample(PURPOSES, rng.randint(1, 2))), frozenset(rng.sample(CATEGORIES, 4)),
                frozenset(rng.sample(sorted(VALUES), rng.randint(0, 2))), start,
                end if end is None or end > start else None))
    clients = []
    for i in range(24):
        anonymous = i % 6 == 5
        keys = [k for k in rng.sample(sorted(VALUES), rng.randint(3, 12)) if not (anonymous and k in IDENTITY)]
        values = {k: VALUES[k] for k in keys}
        if not anonymous:
            values["given_name"] = f"Client {i}"
        purposes = ("helpline_contact",) if anonymous else tuple(rng.sample(PURPOSES, rng.randint(1, 2)))
        cid = session.clients.create(values, anonymous=anonymous, collection=collected(session, *purposes)).id
        if rng.random() < 0.4:  # a later collection for another purpose, some values cleared
            changes: dict[str, object | None] = {k: None for k in rng.sample(keys, min(2, len(keys)))
                                                 if k != "given_name"}
            if "phone" not in changes:
                changes["phone"] = f"027 555 01{i:02d}"
            again = "helpline_contact" if anonymous else rng.choice(PURPOSES)
            session.clients.update(cid, changes, collection=collected(session, again))
        for _ in range(rng.randint(0, 3)):
            recipients = frozenset(rng.sample([*partners, *(k.value for k in PartnerKind)], rng.randint(1, 2)))
            expires = rng.choice([None, None, now + dt.timedelta(days=100), now + dt.timedelta(days=500)])
            record = session.sharing.record_consent(cid, ConsentInput(
                recipients, frozenset(rng.sample(PURPOSES, rng.randint(1, 2))),
                frozenset(rng.sample(CATEGORIES, rng.randint(1, 4))), rng.random() < 0.8,
                now - dt.timedelta(days=rng.randint(1, 60)), expires, ConsentMethod.VERBAL, "en", GivenBy.PERSON))
            roll = rng.random()
            if roll < 0.2:
                session.sharing.withdraw_consent(record.id)
            elif roll < 0.35:
                session.sharing.renew_consent(record.id, expires_at=now + dt.timedelta(days=rng.choice([50, 900])))
        if i % 7 == 3:
            session.clients.archive(cid)
        clients.append(cid)
    withdrawn = session.clients.create({"given_name": "Rawiri", "health_conditions": "asthma"},
                                       collection=collected(session, *PURPOSES)).id
    session.sharing.withdraw_consent(session.sharing.record_consent(withdrawn, ConsentInput(
        frozenset({partners[0]}), frozenset(PURPOSES), frozenset({"health"}), True, now - dt.timedelta(days=3),
        None, ConsentMethod.VERBAL, "en", GivenBy.PERSON)).id)
    return [*clients, withdrawn], partners


def _by_rows(session: Session, client_id: str, partner_id: str, purpose: str, at: dt.datetime) -> Decision:
    """The decision from inputs read one row at a time, as the outbox read them before batches."""
    db = session._db
    anonymous = bool(db.scalar("SELECT anonymous FROM clients WHERE id = ?", (client_id,)))
    collected_for = {key: frozenset(json.loads(purposes)) if purposes else frozenset() for key, purposes in db.query(
        "SELECT v.field_key, e.purposes FROM field_values v LEFT JOIN collection_events e "
        "ON e.id = v.collection_event_id WHERE v.client_id = ? AND v.current = 1 AND v.value IS NOT NULL",
        (client_id,))}
    fields = [f for f in session.catalogue.fields if f.key in collected_for]
    return decide(ClientFacts(client_id, anonymous, collected_for), session.sharing.partner(partner_id), purpose,
                  fields, session.sharing.agreements(partner_id), session.sharing.consents(client_id), at)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_batch_loader_decides_as_the_preview_does(session: Session, seed: int) -> None:
    clients, partners = _world(session, random.Random(seed))
    now = utc_now()
    with session._db.transaction() as tx:
        loaded = client_inputs(tx, [*clients, *clients[:3]])  # a client named twice loads once
        terms = {pid: partner_terms(tx, pid) for pid in partners}
    assert sorted(loaded) == sorted(clients)
    bases: set[str] = set()
    reasons: set[str] = set()
    for at in (now, now + dt.timedelta(days=300), now + dt.timedelta(days=800)):
        for cid in clients:
            for pid in partners:
                for purpose in PURPOSES:
                    batch = decide_for(session.catalogue, loaded[cid], terms[pid], purpose, at)
                    assert batch == session.sharing.preview(cid, pid, purpose, at=at)
                    assert batch == _by_rows(session, cid, pid, purpose, at)
                    bases.update(a.basis.value for a in batch.allowed)
                    reasons.update(w.reason.value for w in batch.withheld)
    # the world exercises the engine: fields go on each kind of basis and are withheld for many reasons
    assert {"consent", "purpose_of_collection", "legal_requirement"} <= bases
    assert {"anonymous_record", "never_leaves_device", "no_agreement", "no_consent", "consent_withdrawn",
            "purpose_not_collected", "overseas_without_basis"} <= reasons, reasons


def test_loaded_clients_carry_current_values_and_flags(session: Session) -> None:
    clients, _ = _world(session, random.Random(3))
    with session._db.transaction() as tx:
        loaded = client_inputs(tx, clients, values_of=("given_name", "phone", "case_notes", "no_such_field"))
        facts_only = client_inputs(tx, clients[:2], with_consents=False)
        nobody = client_inputs(tx, ["00000000-0000-4000-8000-000000000000"])
    for cid in clients:
        current = dict(session._db.query("SELECT field_key, value FROM field_values WHERE client_id = ? "
                                         "AND current = 1 AND value IS NOT NULL", (cid,)))
        assert dict(loaded[cid].values) == {k: v for k, v in current.items() if k in ("given_name", "phone",
                                                                                       "case_notes")}
        assert set(loaded[cid].facts.collected_for) == set(current)
        assert loaded[cid].archived == bool(session._db.scalar("SELECT archived_at FROM clients WHERE id = ?",
                                                               (cid,)))
        assert loaded[cid].facts.anonymous == bool(session._db.scalar("SELECT anonymous FROM clients WHERE id = ?",
                                                                      (cid,)))
        assert sorted(loaded[cid].consents, key=lambda c: c.id) == sorted(session.sharing.consents(cid),
                                                                           key=lambda c: c.id)
    for cid in clients[:2]:
        assert facts_only[cid].consents == () and not facts_only[cid].values
        assert facts_only[cid].facts == loaded[cid].facts
    (empty,) = nobody.values()
    assert not empty.facts.anonymous and not empty.facts.collected_for and not empty.consents
    with session._db.transaction() as tx:
        assert client_inputs(tx, []) == {}
