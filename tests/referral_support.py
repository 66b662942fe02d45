"""Helpers for referral packet tests (store, CLI and UI): a coordinator's store with a packet-only partner and a
consenting client, a second (receiving) store that trusts it, and ways to read a packet back.

Everything goes through the real store API; the partner's side is a real age identity (``PartnerIdentity``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from outbox_support import PERSON, PartnerIdentity, add_client, agree, consent, count
from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki.core.packet import OpenedPacket, decrypt_packet, open_packet
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Role
from tiaki.core.sharing import Basis
from tiaki.store.session import Session, create_store

__all__ = ["ADMIN", "ADMIN_PASS", "COORDINATOR", "COORDINATOR_PASS", "DETAILS", "PERSON", "Referral",
           "ReferralPair", "coordinator_store", "count", "make_store", "packet_partner", "receiving_store",
           "referral_setup", "row_counts"]

SENDER_ORG = "Whānau Support Kirikiriroa"
RECEIVER_ORG = "Te Puna Ora Housing Trust"
COORDINATOR = "hemi"
COORDINATOR_PASS = "piwakawaka dances"
DETAILS = ReferralDetails(reason="Needs safe housing before winter", urgency="urgent",
                          services="Emergency housing assessment", note="Prefers a call after 3pm")
# Tables an import writes to (or must leave alone when it fails).
IMPORT_TABLES = ("clients", "field_values", "consents", "consent_events", "collection_events", "received_packets",
                 "audit_log")


def make_store(data_dir: Path, organisation: str = SENDER_ORG) -> Session:
    """A new store (fast key derivation) whose first worker, a privacy officer, named the organisation."""
    session, _ = create_store(data_dir, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    session.set_organisation_name(organisation)
    return session


def packet_partner(session: Session, name: str = "Te Whare Awhina", *,
                   categories: frozenset[str] = frozenset({"identity", "contact", "health"}),
                   basis: Basis = Basis.CONSENT) -> tuple[str, PartnerIdentity]:
    """A partner with no inbox (enrolled from a card without a URL) and a referral agreement with it."""
    partner = PartnerIdentity(name, inbox_url=None)
    partner_id = session.outbox.enroll_partner(partner.card).id
    agree(session, partner_id, basis=basis, categories=categories)
    return partner_id, partner


@dataclass(frozen=True)
class Referral:
    """A client ready to refer: identity and contact consented for referral to the partner; health and case
    notes held but not consented (so they are withheld)."""

    session: Session
    client_id: str
    partner_id: str
    partner: PartnerIdentity
    consent_id: str

    def open(self, data: bytes) -> OpenedPacket:
        """The packet as the partner opens it (its own identity, addressed to its card)."""
        return open_packet(data, [self.partner.identity], recipient_key_ids={self.partner.card.key_id})

    def plaintext(self, data: bytes) -> bytes:
        return decrypt_packet(data, [self.partner.identity])


def referral_setup(session: Session, name: str = "Te Whare Awhina", *, assign_to: str | None = None) -> Referral:
    partner_id, partner = packet_partner(session, name)
    client_id = add_client(session, ("case_management", "referral"), assign_to=assign_to)
    return Referral(session, client_id, partner_id, partner, consent(session, client_id, partner_id))


def coordinator_store(data_dir: Path) -> tuple[Session, Referral]:
    """A store whose admin set up a packet-only partner and a consenting client, then locked; reopened as the
    coordinator ``hemi`` (who may refer any client). Returns the coordinator's session and the referral."""
    admin = make_store(data_dir)
    admin.add_worker(name=COORDINATOR, display_name="Hemi Walker", role=Role.COORDINATOR, passphrase=COORDINATOR_PASS)
    setup = referral_setup(admin)
    admin.lock()
    from tiaki.store.session import unlock_store

    session = unlock_store(data_dir, passphrase=COORDINATOR_PASS, worker_name=COORDINATOR)
    return session, Referral(session, setup.client_id, setup.partner_id, setup.partner, setup.consent_id)


@dataclass(frozen=True)
class ReferralPair:
    """A referring store and a receiving store that know each other: the sender enrolled the receiver's packet
    card (with a consent agreement for referral) and the receiver trusts the sender's device card."""

    sender: Session
    receiver: Session
    client_id: str  # in the sender's store, consented for identity and contact
    partner_id: str  # the receiver, as a partner in the sender's store
    consent_id: str


def receiving_store(sender: Session, data_dir: Path, organisation: str = RECEIVER_ORG, *,
                    trust: bool = True) -> ReferralPair:
    """A second store that receives referrals from ``sender`` (its admin trusts the sender unless ``trust`` is
    False), with a consenting client in the sender's store."""
    receiver = make_store(data_dir, organisation)
    card = receiver.referrals.receiving_card()
    partner_id = sender.outbox.enroll_partner(card).id
    agree(sender, partner_id)
    if trust:
        receiver.referrals.trust_sender(sender.outbox.device_card())
    client_id = add_client(sender, ("case_management", "referral"))
    return ReferralPair(sender, receiver, client_id, partner_id, consent(sender, client_id, partner_id))


def row_counts(session: Session, tables: tuple[str, ...] = IMPORT_TABLES) -> dict[str, int]:
    return {table: count(session, f"SELECT count(*) FROM {table}") for table in tables}


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)
