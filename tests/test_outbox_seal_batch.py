"""One envelope of many messages seals what the policy engine allows at that moment, message by message.

A seeded world queues shares for many clients (two purposes for some, so one client has several messages in
the batch), then changes under the queue: consents withdrawn, values cleared, clients archived, and sealing
happens late enough for some consents to have expired. Every message of the one batch must then be exactly
what the preview (the same engine, the same instant) says about it: sealed with the fields allowed both when
queued and now, on the same bases and with the current values; dropped fields recorded with their reasons;
nothing left or archived, cancelled with the reason; an audit entry for each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random

import pytest

from outbox_support import PartnerIdentity
from support import collected
from tiaki.core.clock import utc_now
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session

CATEGORIES = ("identity", "contact", "health", "living")


def _queue(session: Session, rng: random.Random) -> tuple[str, PartnerIdentity, list[str]]:
    now = utc_now()
    partner = PartnerIdentity("Te Whare Awhina")
    pid = session.outbox.enroll_partner(partner.card).id
    for basis, purposes, categories in ((Basis.CONSENT, {"referral"}, {"identity", "contact", "health"}),
                                        (Basis.PURPOSE_OF_COLLECTION, {"referral", "case_management"},
                                         {"living", "contact"})):
        session.sharing.add_agreement(AgreementInput(pid, "", "", basis, frozenset(purposes),
                                                     frozenset(categories), frozenset(), now - dt.timedelta(days=9),
                                                     None))
    queued = []
    for i in range(40):
        values = {"given_name": f"Client {i}", "family_name": "Havili", "phone": f"027 555 {i:04d}",
                  "email": f"c{i}@example.org", "health_conditions": "asthma", "living_arrangement": "renting",
                  "case_notes": "private notes"}
        cid = session.clients.create(values, collection=collected(
            session, *rng.sample(["referral", "case_management"], rng.randint(1, 2)))).id
        for _ in range(rng.randint(0, 2)):
            session.sharing.record_consent(cid, ConsentInput(
                frozenset({pid}), frozenset({"referral"}), frozenset(rng.sample(CATEGORIES, rng.randint(1, 3))),
                True, now - dt.timedelta(days=2), rng.choice([None, now + dt.timedelta(days=100)]),
                ConsentMethod.VERBAL, "en", GivenBy.PERSON))
        for purpose in ("referral", "case_management"):
            with contextlib.suppress(InvalidInput):  # nothing would go for this purpose
                queued.append(session.outbox.queue_share(cid, pid, purpose))
    return pid, partner, queued


def _change_the_world(session: Session, rng: random.Random, queued: list[str]) -> None:
    clients = sorted({str(session._db.scalar("SELECT client_id FROM messages WHERE id = ?", (m,))) for m in queued})
    for cid in clients:
        roll = rng.random()
        if roll < 0.15:
            session.clients.archive(cid)
        elif roll < 0.35:
            session.clients.update(cid, {"phone": None, "email": None}, collection=collected(session, "referral"))
        elif roll < 0.55:
            for record in session.sharing.consents(cid):
                session.sharing.withdraw_consent(record.id)


@pytest.mark.parametrize("seed", [11, 12])
def test_every_message_of_one_batch_is_what_the_engine_allows_at_sealing(session: Session, seed: int) -> None:
    rng = random.Random(seed)
    pid, partner, queued = _queue(session, rng)
    queued_fields = {m: json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?", (m,))))[
        "allowed"] for m in queued}
    _change_the_world(session, rng, queued)
    open_before = [m for m in queued if session._db.scalar("SELECT state FROM messages WHERE id = ?", (m,)) ==
                   "queued"]  # (a withdrawal cancels at once what it leaves with nothing)
    audit_before = session.audit.head()[0]
    later = utc_now() + dt.timedelta(days=200)  # consents that ran for 100 days have expired
    sealed = session.outbox.seal_next(pid, max_messages=1000, now=later)
    assert sealed is not None and session.outbox.seal_next(pid, max_messages=1000, now=later) is None
    opened = {m["id"]: m for m in partner.open(sealed.data)}
    assert list(opened) == list(sealed.message_ids)

    expected_sealed, expected_cancel, expected_drops = [], [], []
    for message_id in open_before:
        cid, purpose, state, reason = session._db.query_one(
            "SELECT client_id, purpose, state, state_reason FROM messages WHERE id = ?", (message_id,)) or ()
        if session._db.scalar("SELECT archived_at FROM clients WHERE id = ?", (cid,)):
            assert (state, reason) == ("cancelled", "archived_client")
            expected_cancel.append((message_id, "archived_client"))
            continue
        preview = session.sharing.preview(cid, pid, purpose, at=later)
        allowed = {a.field: a for a in preview.allowed}
        withheld = {w.field: w.reason.value for w in preview.withheld}
        goes = {f: allowed[f] for f in queued_fields[message_id] if f in allowed}
        dropped = {f: withheld.get(f, "no_value") for f in queued_fields[message_id] if f not in allowed}
        if not goes:
            why = next(iter(dropped.values()), "not_covered")
            assert (state, reason) == ("cancelled", why)
            expected_cancel.append((message_id, why))
            continue
        assert state == "sealed"
        expected_sealed.append(message_id)
        fields, held, drop, consents = session._db.query_one(
            "SELECT fields, withheld, dropped, consent_ids FROM message_seals WHERE message_id = ?",
            (message_id,)) or ()
        bases = {f: {"basis": a.basis.value, "agreement_id": a.agreement_id, "consent_id": a.consent_id}
                 for f, a in goes.items()}
        assert json.loads(fields) == bases
        assert json.loads(drop) == dropped
        assert json.loads(held) == {f: r for f, r in withheld.items() if f not in dropped}
        assert json.loads(consents) == sorted({a.consent_id for a in goes.values() if a.consent_id})
        current = dict(session._db.query("SELECT field_key, value FROM field_values WHERE client_id = ? "
                                         "AND current = 1", (cid,)))
        message = opened[message_id]
        assert {f: v["value"] for f, v in message["fields"].items()} == {f: json.loads(current[f]) for f in goes}
        assert {f: {k: v[k] for k in ("basis", "agreement_id", "consent_id")}
                for f, v in message["fields"].items()} == bases
        before = json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?", (message_id,))))
        new_drops = {f: r for f, r in dropped.items() if f not in before.get("dropped", {})}  # (audited when dropped)
        if new_drops:
            expected_drops.append((message_id, new_drops))
    assert list(sealed.message_ids) == expected_sealed  # queue order
    assert expected_cancel and expected_drops and len(expected_sealed) > 10  # the world exercised every path
    entries = list(session.audit.entries(after_seq=audit_before))
    assert [(e.action, e.detail) for e in entries] == [
        *(("share.cancel", {"message_id": m, "reason": r}) for m, r in expected_cancel),
        *(("share.drop", {"message_id": m, "dropped": d}) for m, d in expected_drops),
        ("share.seal", {"envelope_id": sealed.envelope_id, "message_ids": expected_sealed,
                        "key_id": partner.card.key_id})]
    assert session.audit.verify().problem is None
