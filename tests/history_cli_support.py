"""A small but varied sharing history made through the real store API, for the ``tiaki history``/``review`` CLI
tests: two workers sharing (a privacy officer and a caseworker), a supervisor who reviews, a sync partner and a
packet-only partner, disclosures on several days (one just after local midnight in New Zealand, which is still
the previous day in UTC), acknowledged, sent, queued, exported and printed, and two serious-threat overrides
(one by the caseworker, one by the privacy officer).

Times come from an injected clock, days in the past: the store takes its clock at unlock."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outbox_support import PERSON, PartnerIdentity, agree, enrol
from support import ADMIN, ADMIN_PASS, FAST_KDF, collected
from tiaki.core.clock import utc_now
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Role
from tiaki.core.sharing import ConsentMethod, GivenBy, Override
from tiaki.core.sharing_json import ConsentInput
from tiaki.store.session import Session, create_store, unlock_store

CASEWORKER, CASEWORKER_PASS = "tama", "kahikatea forest walk 2026"
SUPERVISOR, SUPERVISOR_PASS = "ngaio", "tui sings at dawn 2026"
ORGANISATION = "Whānau Support Kirikiriroa"
ZONE = "Pacific/Auckland"
JUSTIFICATION = "Threat to the person's life reported by police this morning; the shelter must know now."
DETAILS = ReferralDetails(reason="Needs safe housing", urgency="urgent", services="Housing assessment", note="")


class StepClock:
    """The store's clock, set by the test (``at``): every action happens at a chosen moment."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, moment: dt.datetime) -> None:
        assert moment >= self.now, "the demo history is made in time order"
        self.now = moment


@dataclass
class History:
    data: Path
    admin_id: str
    caseworker_id: str
    supervisor_id: str
    own_client: str  # assigned to the caseworker
    other_client: str  # assigned to the privacy officer
    sync_partner: str
    packet_partner: str
    boundary_day: dt.date  # the local (New Zealand) day of the disclosure made just after local midnight
    messages: dict[str, str] = field(default_factory=dict)  # label -> message id


def give_consent(session: Session, client_id: str, partner_id: str, now: dt.datetime) -> str:
    return session.sharing.record_consent(client_id, ConsentInput(
        frozenset({partner_id}), frozenset({"referral"}), frozenset({"identity", "contact"}), True,
        now - dt.timedelta(hours=1), None, ConsentMethod.VERBAL, "en", GivenBy.PERSON)).id


def acknowledge(session: Session, partner_id: str, partner: PartnerIdentity, now: dt.datetime, *,
                receipt: bool = True) -> None:
    """Seal what is queued for the partner, count one sending attempt and (``receipt``) record its receipts."""
    pending = session.outbox.seal_next(partner_id, max_messages=50, now=now)
    assert pending is not None
    session.outbox.record_attempt(pending.envelope_id, error=None)
    if receipt:
        messages = partner.open(pending.data)
        session.outbox.record_receipts(partner_id, [partner.receipt(m, pending.envelope_id) for m in messages])


def build_history(data: Path) -> History:
    # A day 15 days ago: 11:30 UTC on it is 00:30 or 23:30+1 local in New Zealand, the next local day.
    day = (utc_now() - dt.timedelta(days=15)).date()
    base = dt.datetime.combine(day, dt.time(11, 30), tzinfo=dt.UTC)
    clock = StepClock(base - dt.timedelta(days=6))
    admin, _ = create_store(data, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF, clock=clock)
    admin.set_organisation_name(ORGANISATION)
    caseworker = admin.add_worker(name=CASEWORKER, display_name="Tama Rāwiri", role=Role.CASEWORKER,
                                  passphrase=CASEWORKER_PASS)
    supervisor = admin.add_worker(name=SUPERVISOR, display_name="Ngaio Tāwhiao", role=Role.SUPERVISOR,
                                  passphrase=SUPERVISOR_PASS)
    purposes = ("case_management", "referral")
    own = admin.clients.create({**PERSON, "given_name": "Mere", "family_name": "Pōmare"},
                               collection=collected(admin, *purposes), assign_to=caseworker.id).id
    other = admin.clients.create(PERSON, collection=collected(admin, *purposes), assign_to=admin.worker.id).id
    sync_id, sync_partner = enrol(admin, "Kāinga Housing Trust")
    agree(admin, sync_id)
    packet = PartnerIdentity("Te Puna Ora Health", inbox_url=None)
    packet_id = admin.outbox.enroll_partner(packet.card).id
    agree(admin, packet_id)
    for client in (own, other):
        give_consent(admin, client, sync_id, clock.now)
    give_consent(admin, other, packet_id, clock.now)
    history = History(data, admin.worker.id, caseworker.id, supervisor.id, own, other, sync_id, packet_id,
                      base.astimezone(zone()).date())

    clock.at(base - dt.timedelta(days=5))
    history.messages["acknowledged"] = admin.outbox.queue_share(other, sync_id, "referral")
    acknowledge(admin, sync_id, sync_partner, clock.now)
    tama = unlock_store(data, passphrase=CASEWORKER_PASS, worker_name=CASEWORKER, clock=clock)
    try:
        clock.at(base - dt.timedelta(days=3))
        history.messages["sent"] = tama.outbox.queue_share(own, sync_id, "referral")
        acknowledge(admin, sync_id, sync_partner, clock.now, receipt=False)
        clock.at(base)  # just after local midnight in New Zealand
        history.messages["tama_override"] = tama.outbox.queue_share(
            own, sync_id, "referral", override=Override(JUSTIFICATION, tama.worker.id))
    finally:
        tama.lock()
    clock.at(base + dt.timedelta(days=1, hours=-3))
    exported = admin.referrals.export(other, packet_id, "referral", DETAILS)
    history.messages["packet"] = exported.message_id
    clock.at(base + dt.timedelta(days=1, hours=-2))
    admin.referrals.record_form(exported.message_id, saved_pdf=False)
    clock.at(base + dt.timedelta(days=2))
    history.messages["admin_override"] = admin.outbox.queue_share(
        other, sync_id, "referral", override=Override(JUSTIFICATION, admin.worker.id))
    admin.lock()
    return history


def zone() -> dt.tzinfo:
    return zoneinfo.ZoneInfo(ZONE)


def unlock_as(history: History, name: str = ADMIN, passphrase: str = ADMIN_PASS) -> Session:
    return unlock_store(history.data, passphrase=passphrase, worker_name=name)


def sql_ids(session: Session, where: str, *params: Any) -> list[str]:
    """Disclosure ids straight from the table, newest first (the test's own SQL, not the store's)."""
    return [str(r[0]) for r in session._db.query(
        f"SELECT id FROM disclosures WHERE {where} ORDER BY at DESC, id DESC", params)]
