"""A sharing history to review: one real store, five workers, three partners and every kind of disclosure.

    world = history_world(tmp_path)          # about a second; call world.close() when done (or use the fixture
    try:                                     # pattern below)
        world.supervisor.reviews.items()
    finally:
        world.close()

    @pytest.fixture
    def world(tmp_path):
        with closing(history_world(tmp_path)) as w:
            yield w

What is in it (all through the real store API; sync went through the REAL partner inbox on 127.0.0.1 and its
signed receipts were recorded; the inbox is stopped again before the world is returned):

- workers: ``admin`` (privacy officer "aroha"), ``supervisor`` ("mere"), ``coordinator`` ("hemi"),
  caseworkers ``tama`` and ``ana``; a session is open for each (``world.sessions[name]``) and
  ``world.unlock(name)`` opens another one (close it yourself).
- clients: ``tama_a``, ``tama_b`` assigned to tama; ``ana_a`` assigned to ana (``world.clients``).
- partners: ``inbox`` (sync, consent agreement), ``housing`` (packet only; its consent agreement ended after
  the packet went), ``health`` (packet only, no agreement: reachable only by a serious-threat override).
- ``world.ids``: ``sync_tama_a``, ``sync_tama_b``, ``sync_ana_a`` (sync shares, acknowledged with receipts),
  ``no_receipt`` (tama_b's update-less share sealed and attempted 13 days ago, never answered),
  ``revocation`` (ana_a's consent withdrawn: a revocation queued, not yet acknowledged),
  ``packet`` (coordinator's packet of tama_a to housing), ``print`` (its form printed by the coordinator),
  ``override`` (coordinator's serious-threat packet of ana_a to health), ``admin_override`` (the privacy
  officer's serious-threat packet of tama_b to health), ``housing_agreement`` (expired), ``inbox_agreement``.
- the clock: ``world.time`` (shared by every session; ``world.time.advance(days=1)``); ``world.now()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from inbox_support import allow, make_partner, running_inbox, with_inbox_url
from outbox_support import PERSON, PartnerIdentity
from support import ADMIN, ADMIN_PASS, FAST_KDF, collected
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Role
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, Override
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.store.session import Session, create_store, unlock_store
from tiaki.sync.engine import SyncEngine

ORGANISATION = "Whānau Support Kirikiriroa"
PASSPHRASES = {ADMIN: ADMIN_PASS, "mere": "kotare over the river", "hemi": "piwakawaka dances",
               "tama": "tui sings at dawn 42", "ana": "kereru in the miro tree"}
ROLES = {"admin": ADMIN, "supervisor": "mere", "coordinator": "hemi", "tama": "tama", "ana": "ana"}
JUSTIFICATION = "Credible threat to the person's life reported by police this morning"
DETAILS = ReferralDetails(reason="Needs safe housing before winter", urgency="urgent",
                          services="Emergency housing assessment", note="")
IDENTITY_CONTACT = frozenset({"identity", "contact"})


class WorldTime:
    """One clock for every session of the world, moved only by the test."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def clock(self) -> dt.datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    def advance(self, *, days: float = 0, seconds: float = 0) -> None:
        self.now += dt.timedelta(days=days, seconds=seconds)


@dataclass
class HistoryWorld:
    data_dir: Path
    time: WorldTime
    sessions: dict[str, Session]  # admin, supervisor, coordinator, tama, ana
    workers: dict[str, str]  # role name -> worker id
    clients: dict[str, str]  # tama_a, tama_b, ana_a -> client id
    partners: dict[str, str]  # inbox, housing, health -> partner id
    ids: dict[str, str] = field(default_factory=dict)
    partner_dir: Path | None = None
    _extra: list[Session] = field(default_factory=list)

    @property
    def admin(self) -> Session:
        return self.sessions["admin"]

    @property
    def supervisor(self) -> Session:
        return self.sessions["supervisor"]

    @property
    def coordinator(self) -> Session:
        return self.sessions["coordinator"]

    @property
    def tama(self) -> Session:
        return self.sessions["tama"]

    @property
    def ana(self) -> Session:
        return self.sessions["ana"]

    def now(self) -> dt.datetime:
        return self.time.now

    def unlock(self, role: str) -> Session:
        """Another session as one of the world's workers (closed with the world)."""
        name = ROLES[role]
        session = unlock_store(self.data_dir, passphrase=PASSPHRASES[name], worker_name=name, clock=self.time.clock)
        self._extra.append(session)
        return session

    def close(self) -> None:
        for session in [*self.sessions.values(), *self._extra]:
            session.lock()


def _agreement(session: Session, partner_id: str, start: dt.datetime, *, until: dt.datetime | None = None) -> str:
    return session.sharing.add_agreement(AgreementInput(
        partner_id=partner_id, name="", reference="", basis=Basis.CONSENT, purposes=frozenset({"referral"}),
        categories=frozenset({"identity", "contact", "health"}), excluded_fields=frozenset(),
        valid_from=start - dt.timedelta(days=30), valid_until=until, updates_flow=False)).id


def _consent(session: Session, client_id: str, partner_ids: frozenset[str], given: dt.datetime) -> str:
    return session.sharing.record_consent(client_id, ConsentInput(
        partner_ids, frozenset({"referral"}), IDENTITY_CONTACT, True, given, None, ConsentMethod.VERBAL, "en",
        GivenBy.PERSON)).id


def history_world(tmp_path: Path, *, start: dt.datetime | None = None) -> HistoryWorld:
    """Build the world (see the module's docstring). ``start``: the clock at the first step (default 21 days
    ago); the clock ends 21 days later."""
    time = WorldTime(start or dt.datetime.now(dt.UTC) - dt.timedelta(days=21))
    t0 = time.now
    data_dir = tmp_path / "history-store"
    admin, _ = create_store(data_dir, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF, clock=time.clock)
    sessions = {"admin": admin}
    try:
        admin.set_organisation_name(ORGANISATION)
        workers = {"admin": admin.worker.id}
        for role, name, display, kind in (("supervisor", "mere", "Mere Tūhoe", Role.SUPERVISOR),
                                          ("coordinator", "hemi", "Hemi Walker", Role.COORDINATOR),
                                          ("tama", "tama", "Tama Ngata", Role.CASEWORKER),
                                          ("ana", "ana", "Ana Fifita", Role.CASEWORKER)):
            workers[role] = admin.add_worker(name=name, display_name=display, role=kind,
                                             passphrase=PASSPHRASES[name]).id
        for role in ("supervisor", "coordinator", "tama", "ana"):
            sessions[role] = unlock_store(data_dir, passphrase=PASSPHRASES[ROLES[role]], worker_name=ROLES[role],
                                          clock=time.clock)
        clients = {}
        for key, owner, given, family in (("tama_a", "tama", "Aroha", "Tane"), ("tama_b", "tama", "Wiremu", "Kahu"),
                                          ("ana_a", "ana", "Sione", "Havili")):
            clients[key] = admin.clients.create(
                {**PERSON, "given_name": given, "family_name": family},
                collection=collected(admin, "case_management", "referral"), assign_to=workers[owner]).id
        world = HistoryWorld(data_dir, time, sessions, workers, clients, {})
        _fill(world, tmp_path, t0)
        return world
    except BaseException:
        for session in sessions.values():
            session.lock()
        raise


def _fill(world: HistoryWorld, tmp_path: Path, t0: dt.datetime) -> None:
    admin, time, ids, clients = world.admin, world.time, world.ids, world.clients
    housing, health = PartnerIdentity("Kāinga Housing Trust", inbox_url=None), PartnerIdentity(
        "Ōtautahi Health", inbox_url=None)
    world.partners["housing"] = admin.outbox.enroll_partner(housing.card).id
    world.partners["health"] = admin.outbox.enroll_partner(health.card).id
    ids["housing_agreement"] = _agreement(admin, world.partners["housing"], t0, until=t0 + dt.timedelta(days=5))
    partner_dir = world.partner_dir = tmp_path / "history-partner"
    card = make_partner(partner_dir, name="Te Whare Āwhina")
    allow(partner_dir, admin.outbox.device_card())
    consents = {}
    with running_inbox(partner_dir) as url:
        inbox = world.partners["inbox"] = admin.outbox.enroll_partner(with_inbox_url(card, url)).id
        ids["inbox_agreement"] = _agreement(admin, inbox, t0)
        for key in clients:
            consents[key] = _consent(admin, clients[key], frozenset({inbox, world.partners["housing"]}),
                                     t0 - dt.timedelta(days=1))
        time.advance(days=1)  # day 1: each caseworker shares their clients; sync sends them and has receipts
        for key, owner in (("tama_a", "tama"), ("tama_b", "tama"), ("ana_a", "ana")):
            ids[f"sync_{key}"] = world.sessions[owner].outbox.queue_share(clients[key], inbox, "referral")
        engine = SyncEngine(admin.outbox, clock=time.clock, sleep=time.sleep, connect_timeout=2, stall_timeout=2,
                            deadline=5)
        report = engine.run_once(retry_for=60)
        assert report.complete, report.summary()
    ids["consent_ana_a"] = consents["ana_a"]
    # Day 1 too: the coordinator's packet of tama_a to housing (under the agreement that ends on day 5),
    # and its form printed.
    packet = world.coordinator.referrals.export(clients["tama_a"], world.partners["housing"], "referral", DETAILS)
    ids["packet"] = packet.message_id
    time.advance(seconds=60)
    world.coordinator.referrals.record_form(packet.message_id, saved_pdf=False)
    ids["print"] = str(admin._db.scalar("SELECT id FROM disclosures WHERE channel = 'print' AND message_id = ?",
                                        (packet.message_id,)))
    time.advance(days=1)  # day 2: a share of tama_b sealed and attempted, never answered (the inbox is gone)
    ids["no_receipt"] = world.tama.outbox.queue_share(clients["tama_b"], inbox, "referral")
    pending = admin.outbox.seal_next(inbox, max_messages=10)
    assert pending is not None and pending.message_ids == (ids["no_receipt"],)
    admin.outbox.record_attempt(pending.envelope_id, error="connection_refused")
    time.advance(days=1)  # day 3: serious-threat overrides to a partner with no agreement at all
    override = Override(JUSTIFICATION, world.workers["coordinator"])
    ids["override"] = world.coordinator.referrals.export(clients["ana_a"], world.partners["health"], "referral",
                                                         DETAILS, override=override).message_id
    time.advance(seconds=60)
    ids["admin_override"] = admin.referrals.export(clients["tama_b"], world.partners["health"], "referral", DETAILS,
                                                   override=Override(JUSTIFICATION, world.workers["admin"])
                                                   ).message_id
    time.advance(days=1)  # day 4: ana_a's consent withdrawn: a revocation for the inbox partner waits
    world.ana.sharing.withdraw_consent(consents["ana_a"], reason="person asked")
    ids["revocation"] = str(admin._db.scalar(
        "SELECT id FROM messages WHERE kind = 'revocation' AND client_id = ?", (clients["ana_a"],)))
    time.advance(days=17)  # day 21: now (the housing agreement ended on day 5)


def signing_key_of(session: Session) -> Ed25519PrivateKey:
    """The device's signing key (tests that forge or check signatures)."""
    row = session._db.query_one("SELECT signing_key FROM device LIMIT 1")
    assert row is not None
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))
