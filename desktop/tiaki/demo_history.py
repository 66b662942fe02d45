"""A believable sharing history for the demo store, so the Sharing history window has something to show.

Six weeks of disclosures by the demo team, then ten busy days, made through the store's own API (queue,
seal, send, receipts, packets, printed forms, a withdrawal) with the store's clock set in the past while they
are made, so every record, audit entry and receipt carries the time it would have had. What it leaves for a reviewer:

* shares to the demo partner's real inbox identity, on consent and (for housing support) an approved
  information sharing agreement, most acknowledged with receipts signed by the partner's own key;
* one serious-threat override by a caseworker, awaiting review;
* one message sent 10 days ago with no receipt yet (the partner was unreachable; "Sync now" sends it again);
* a referral packet to a packet-only health provider, and its printed form; a second packet later;
* a withdrawn consent whose revocation waits to be sent; two shares queued yesterday.

It runs once, when the demo store is created (about a second on top of making the clients).
"""

from __future__ import annotations

import datetime as dt
import random
import socket
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tiaki.core import envelope
from tiaki.core.clock import iso, utc_now
from tiaki.core.receipts import sign_receipt
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, Override, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.partner.identity import PartnerKey, has_identity, init_identity, load_identity
from tiaki.store.session import Session, unlock_store

DEMO_PARTNER = "Kāinga Housing Trust (demo)"
PACKET_PARTNER = "Te Puna Ora Health (demo)"
CONSENTING_CLIENTS = 40
WEEKS = 6  # from the first Monday of the store's nine weeks; then the ten days before today (_recent)
ZONE = zoneinfo.ZoneInfo("Pacific/Auckland")  # the demo team's office hours
OVERRIDE_JUSTIFICATION = ("Fictional demo: the person told us her ex-partner threatened to kill her tonight; the "
                          "housing trust must arrange a safe house today.")


class DemoClock:
    """The demo store's clock: a chosen moment in the past while the history is made (never going backwards),
    then the real time for as long as the demo runs."""

    def __init__(self, start: dt.datetime) -> None:
        self._at: dt.datetime | None = start

    def __call__(self) -> dt.datetime:
        return utc_now() if self._at is None else self._at

    def at(self, moment: dt.datetime) -> None:
        if self._at is not None:
            self._at = max(self._at, min(moment, utc_now()))

    def release(self) -> None:
        self._at = None


def partner_dir(store_dir: Path) -> Path:
    return store_dir.parent / f"{store_dir.name}-partner-inbox"


def packet_partner_dir(store_dir: Path) -> Path:
    return store_dir.parent / f"{store_dir.name}-packet-partner"


def _free_loopback_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def ensure_demo_partner(store_dir: Path, now: dt.datetime | None = None) -> Path:
    """The demo partner's identity beside the store (made on first use, its inbox on a free loopback port that
    ``start_demo_inbox`` listens on from then on). Returns its directory."""
    directory = partner_dir(store_dir)
    if not has_identity(directory):
        init_identity(directory, name=DEMO_PARTNER, kind=PartnerKind.NGO, inbox_url=_free_loopback_url(), now=now)
    return directory


@dataclass
class _Team:
    admin: Session
    by_name: Mapping[str, Session]

    def caseload(self, clients: Sequence[tuple[str, str | None]], who: str) -> list[str]:
        """The clients assigned to a worker (``who``: a sign-in name in the team, or a worker id)."""
        worker_id = self.by_name[who].worker.id if who in self.by_name else who
        return [cid for cid, assigned in clients if assigned == worker_id]


class _Kainga:
    """The demo partner's side, from its identity on disk: it opens what was sealed to it and signs receipts."""

    def __init__(self, session: Session, directory: Path) -> None:
        identity = load_identity(directory)
        self.key: PartnerKey = identity.keys[identity.card.key_id]
        self.partner_id = session.outbox.enroll_partner(identity.card).id

    def deliver(self, session: Session, clock: DemoClock, *, receipt: bool = True, error: str | None = None) -> None:
        """Seal and send what waits for the partner now; with ``receipt`` the partner answers an hour later."""
        while (pending := session.outbox.seal_next(self.partner_id, max_messages=20, now=clock())) is not None:
            session.outbox.record_attempt(pending.envelope_id, error=error)
            if not receipt:
                continue
            parsed = envelope.parse(pending.data)
            messages = envelope.open_payload(parsed, self.key.identity, recipient_key_id=self.key.key_id)
            received = iso(clock() + dt.timedelta(minutes=40))
            session.outbox.record_receipts(self.partner_id, [sign_receipt(
                message_id=str(m["id"]), envelope_id=pending.envelope_id, digest=envelope.message_digest(m),
                received_at=received, status="accepted", reason="", partner_key_id=self.key.key_id,
                key=self.key.receipt_key) for m in messages])


def _consent(session: Session, client_id: str, partner_id: str, purposes: frozenset[str],
             categories: frozenset[str], given: dt.datetime) -> str:
    return session.sharing.record_consent(client_id, ConsentInput(
        frozenset({partner_id}), purposes, categories, True, given, None, ConsentMethod.VERBAL, "en",
        GivenBy.PERSON)).id


def make_demo_history(admin: Session, store_dir: Path, clock: DemoClock, *, passphrase: str,
                      workers: Sequence[str]) -> None:
    """Fill a new demo store's sharing history; ``clock`` is the store's clock, set at the history's start."""
    end = utc_now()
    start = clock()
    rng = random.Random(2026)
    kainga = _Kainga(admin, ensure_demo_partner(store_dir, start))
    agreed_from = start - dt.timedelta(days=30)
    admin.sharing.add_agreement(AgreementInput(
        kainga.partner_id, "Housing referrals (demo)", "", Basis.CONSENT, frozenset({"referral", "housing_support"}),
        frozenset({"identity", "contact", "living"}), frozenset(), agreed_from, None))
    admin.sharing.add_agreement(AgreementInput(
        kainga.partner_id, "Regional housing AISA (demo)", "Fictional approved information sharing agreement",
        Basis.APPROVED_SHARING_AGREEMENT, frozenset({"housing_support"}), frozenset({"living"}), frozenset(),
        agreed_from, None))
    health_dir = packet_partner_dir(store_dir)
    if not has_identity(health_dir):
        init_identity(health_dir, name=PACKET_PARTNER, kind=PartnerKind.HEALTH_PROVIDER, inbox_url=None, now=start)
    health_id = admin.outbox.enroll_partner(load_identity(health_dir).card).id
    admin.sharing.add_agreement(AgreementInput(
        health_id, "Health referrals (demo)", "", Basis.CONSENT, frozenset({"referral"}),
        frozenset({"identity", "contact", "health"}), frozenset(), agreed_from, None))

    clients = [(c.id, c.assigned_worker_id) for c in admin.clients.list(limit=1000)]
    consenting = clients[:CONSENTING_CLIENTS]
    consents: dict[str, str] = {}
    for client_id, _ in consenting:
        consents[client_id] = _consent(admin, client_id, kainga.partner_id,
                                       frozenset({"referral", "housing_support"}),
                                       frozenset({"identity", "contact", "living"}), start - dt.timedelta(days=1))
    for client_id, _ in consenting[:8]:
        _consent(admin, client_id, health_id, frozenset({"referral"}), frozenset({"identity", "contact", "health"}),
                 start - dt.timedelta(days=1))

    sessions = {name: unlock_store(admin.data_dir, passphrase=passphrase, worker_name=name, clock=clock)
                for name in workers}
    try:
        team = _Team(admin, sessions)
        _weeks(team, kainga, health_id, consenting, clients, clock, rng, start, end, consents)
    finally:
        for session in sessions.values():
            session.lock()


def _weeks(team: _Team, kainga: _Kainga, health_id: str, consenting: Sequence[tuple[str, str | None]],
           clients: Sequence[tuple[str, str | None]], clock: DemoClock, rng: random.Random, start: dt.datetime,
           end: dt.datetime, consents: Mapping[str, str]) -> None:
    """Week by week, oldest first (the clock never goes back): shares sent with Friday's last sync and answered."""
    sharers = [name for name in team.by_name if team.caseload(consenting, name)]
    coordinator = next((s for s in team.by_name.values() if not team.caseload(clients, s.worker.id)), team.admin)
    shared: list[str] = []
    first = start.astimezone(ZONE).date()
    first += dt.timedelta(days=7 - first.weekday())  # the first Monday after the store was made
    for week in range(WEEKS):
        monday = dt.datetime.combine(first + dt.timedelta(weeks=week), dt.time(0), tzinfo=ZONE)
        for share in range(rng.randint(3, 6)):  # in office hours, New Zealand time
            name = rng.choice(sharers)
            clock.at(monday + dt.timedelta(days=rng.randint(0, 4), hours=rng.randint(9, 16), minutes=share * 7))
            client_id = rng.choice(team.caseload(consenting, name))
            team.by_name[name].outbox.queue_share(client_id, kainga.partner_id,
                                                  rng.choice(("referral", "housing_support")))
            shared.append(client_id)
        clock.at(monday + dt.timedelta(days=4, hours=17, minutes=30))  # sent with the week's last sync
        kainga.deliver(team.admin, clock)
        if week == 3:
            friday_evening = monday + dt.timedelta(days=4, hours=17, minutes=40)
            _packet(coordinator, clock, consenting[0][0], health_id, friday_evening, printed=True)
        if week == WEEKS - 2:  # a serious threat: a caseworker's client who never consented to sharing
            unconsented = [c for c, _ in clients if c not in consents
                           and c in team.caseload(clients, sharers[0])]
            if unconsented:
                session = team.by_name[sharers[0]]
                clock.at(monday + dt.timedelta(days=6, hours=8, minutes=20))
                session.outbox.queue_share(unconsented[0], kainga.partner_id, "housing_support",
                                           override=Override(OVERRIDE_JUSTIFICATION, session.worker.id))
                clock.at(monday + dt.timedelta(days=6, hours=8, minutes=25))
                kainga.deliver(team.admin, clock)
    _recent(team, kainga, health_id, consenting, coordinator, clock, end, shared, consents)


def _packet(coordinator: Session, clock: DemoClock, client_id: str, partner_id: str, at: dt.datetime, *,
            printed: bool) -> None:
    clock.at(at)
    exported = coordinator.referrals.export(client_id, partner_id, "referral", ReferralDetails(
        reason="Fictional demo: needs a GP enrolment and an asthma review", urgency="routine",
        services="Enrolment and health check", note=""))
    if printed:
        clock.at(at + dt.timedelta(minutes=12))
        coordinator.referrals.record_form(exported.message_id, saved_pdf=False)


def _office(end: dt.datetime, days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    """``hour`` o'clock New Zealand time, ``days_ago`` days before ``end``'s day there."""
    day = end.astimezone(ZONE).date() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def _recent(team: _Team, kainga: _Kainga, health_id: str, consenting: Sequence[tuple[str, str | None]],
            coordinator: Session, clock: DemoClock, end: dt.datetime, shared: Sequence[str],
            consents: Mapping[str, str]) -> None:
    """The last ten days: a message the partner never answered, a few answered, a packet, a withdrawal whose
    revocation waits, and two shares queued yesterday afternoon."""
    name = next(iter(team.by_name))
    sharer = team.by_name[name]
    caseload = team.caseload(consenting, name) or [c for c, _ in consenting]
    clock.at(_office(end, 10, 11, 5))
    sharer.outbox.queue_share(caseload[-1], kainga.partner_id, "referral")
    clock.at(_office(end, 10, 11, 30))
    kainga.deliver(team.admin, clock, receipt=False, error="timeout")  # the partner was down that day
    for (days, hour), client_id in zip(((6, 10), (5, 9), (5, 14)), caseload[1:4], strict=False):
        clock.at(_office(end, days, hour))
        sharer.outbox.queue_share(client_id, kainga.partner_id, "housing_support")
    clock.at(_office(end, 5, 17, 30))
    kainga.deliver(team.admin, clock)
    _packet(coordinator, clock, consenting[1][0], health_id, _office(end, 4, 15, 20), printed=False)
    withdrawn = next((c for c in shared if c in consents), None)
    if withdrawn is not None:
        clock.at(_office(end, 2, 13, 45))
        team.admin.sharing.withdraw_consent(consents[withdrawn], reason="Fictional demo: changed their mind")
    for hour, client_id in zip((15, 16), caseload[4:6], strict=False):
        clock.at(_office(end, 1, hour))
        sharer.outbox.queue_share(client_id, kainga.partner_id, "referral")
