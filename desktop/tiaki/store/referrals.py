"""Referral packets: a client's permitted fields sealed to one partner as a file that leaves by hand, and
packets from referring organisations made into new clients here.

This device is both a sender and, for organisations that refer to it, a recipient. As a recipient it holds one
age identity (created on first use, kept in the encrypted store) and publishes a packet-only partner card for
it (no inbox URL): referrers enrol that card as they would any partner's. Packets are accepted only from
senders a privacy officer has trusted from their sender card, after comparing its fingerprint by voice.

Exporting is ``referral_export``; opening and importing (and the trusted senders) is ``referral_import``.
"""

from __future__ import annotations

from collections.abc import Callable

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core import roles
from tiaki.core.cards import PartnerCard, SenderCard, new_partner_card
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock
from tiaki.core.notices import NoticeCatalogue
from tiaki.core.policy import Decision
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Worker
from tiaki.core.sharing import Override, PartnerKind
from tiaki.store.audit_log import AuditLog
from tiaki.store.clients import ClientRepository
from tiaki.store.database import Database
from tiaki.store.errors import DamagedStore
from tiaki.store.referral_export import ExportedPacket, PacketExport
from tiaki.store.referral_import import PacketImport, ReceivedPacket, TrustedSender

__all__ = ["Decision", "ExportedPacket", "ReceivedPacket", "Referrals", "TrustedSender"]


class Referrals:
    """``session.referrals``: every referral packet operation, each checked against the worker's role."""

    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, purposes: PurposeCatalogue,
                 notices: NoticeCatalogue, worker: Callable[[], Worker], organisation: Callable[[], str],
                 device_id: str, signing_key: Ed25519PrivateKey, clock: Clock, clients: ClientRepository) -> None:
        self._db = db
        self._worker = worker
        self._organisation = organisation
        self._device_id = device_id
        self._key = signing_key
        self._export = PacketExport(db, audit, catalogue, purposes, worker, organisation, device_id, signing_key,
                                    clock)
        self._import = PacketImport(db, audit, catalogue, purposes, notices, worker, clients, self._identities,
                                    clock)

    # --- sending --------------------------------------------------------------------------------------------

    def export(self, client_id: str, partner_id: str, purpose: str, details: ReferralDetails, *,
               override: Override | None = None,
               progress: Callable[[int, int], None] | None = None) -> ExportedPacket:
        """Seal what the policy engine allows now to the partner's enrolled key (``PacketExport.export``)."""
        return self._export.export(client_id, partner_id, purpose, details, override=override, progress=progress)

    def packet_data(self, message_id: str) -> bytes:
        """An exported packet's bytes again, exactly as first sealed (audited)."""
        return self._export.packet_data(message_id)

    def record_form(self, message_id: str, *, saved_pdf: bool) -> None:
        """Record that the packet's referral form was printed, or saved as a (plaintext) PDF."""
        self._export.record_form(message_id, saved_pdf=saved_pdf)

    # --- receiving ------------------------------------------------------------------------------------------

    def receiving_card(self, *, name: str | None = None, kind: PartnerKind = PartnerKind.NGO) -> PartnerCard:
        """This device as a packet-only partner, for organisations that refer clients here. Its encryption key
        is the device's age identity (made now if this is the first time); its receipt key is the device's
        signing key (packets have no receipts, but a card carries one). The key id, and so the fingerprint, is
        the same every time: it is derived from the keys alone."""
        roles.require(self._worker().active, "use this store (your account was deactivated)")
        identity = self._identity(create=True)
        assert identity is not None
        created = self._db.scalar("SELECT created_at FROM device WHERE id = ?", (self._device_id,))
        return new_partner_card(name=name or self._organisation(), kind=kind, overseas=False, inbox_url=None,
                                age_recipient=str(identity.to_public()), receipt_key=self._key.public_key(),
                                created_at=str(created))

    def trust_sender(self, card: SenderCard) -> TrustedSender:
        """Accept packets signed by this sender's key (privacy officer; audited). The same key again changes
        nothing and returns the same record."""
        return self._import.trust_sender(card)

    def trusted_senders(self) -> list[TrustedSender]:
        return self._import.trusted_senders()

    def open(self, data: bytes) -> ReceivedPacket:
        """Decrypt, verify against a trusted sender, parse and check a packet, writing nothing (PacketError)."""
        return self._import.open(data)

    def import_packet(self, data: bytes, *, assign_to: str | None = None) -> str:
        """A new client from the packet, all or nothing (PacketError, nothing written). Returns its id."""
        return self._import.import_packet(data, assign_to=assign_to)

    # --- the device's age identity --------------------------------------------------------------------------

    def _identity(self, *, create: bool) -> pyrage.x25519.Identity | None:
        """The device's age identity; made and stored on first use when ``create``."""
        text = self._db.scalar("SELECT age_identity FROM device WHERE id = ?", (self._device_id,))
        if text is None and create:
            with self._db.transaction() as tx:  # another session may have made one meanwhile: keep the first
                tx.execute("UPDATE device SET age_identity = ? WHERE id = ? AND age_identity IS NULL",
                           (str(pyrage.x25519.Identity.generate()), self._device_id))
            text = self._db.scalar("SELECT age_identity FROM device WHERE id = ?", (self._device_id,))
        if text is None:
            return None
        try:
            return pyrage.x25519.Identity.from_str(str(text))
        except pyrage.IdentityError:
            raise DamagedStore("This device's packet key") from None

    def _identities(self) -> tuple[list[pyrage.x25519.Identity], frozenset[str]]:
        """The identities that open packets sent here, and the key ids of the cards published for them (none
        before the first card was made: no packet can have been sealed to this device yet)."""
        identity = self._identity(create=False)
        if identity is None:
            return [], frozenset()
        return [identity], frozenset({self.receiving_card().key_id})
