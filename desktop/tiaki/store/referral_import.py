"""Receiving referral packets: the senders this device trusts, opening a packet, and importing it as a client.

A packet is opened with this device's age identity, must be addressed to the card this device published, be
signed by a trusted sender's key, and hold a Bundle that parses; its purpose, fields and values must be ones this
store's catalogues accept. Import is all or nothing, in one transaction: the client (values from the referring
organisation, collected for the referral's purpose), its received consent records, the packet's record (a packet
is imported once) and the audit entry. A received consent names no recipient, so the policy engine here never
lets it permit sharing onward: it records what the person agreed to with the referrer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyrage

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.canonical import canonical_json, fingerprint
from tiaki.core.cards import SenderCard
from tiaki.core.catalogue import Catalogue, FieldError
from tiaki.core.clock import Clock, iso, new_id, parse_iso
from tiaki.core.collection import Collection, NoticeGiven, NoticeTiming
from tiaki.core.notices import NoticeCatalogue
from tiaki.core.packet import OpenedPacket, PacketError, open_packet
from tiaki.core.provenance import Source, SourceError
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.referral_bundle import BundleError, ConsentSummary, ReceivedReferral, parse_bundle
from tiaki.core.roles import Worker
from tiaki.core.sharing import ConsentEventKind, ConsentMethod, GivenBy
from tiaki.store.audit_log import AuditLog
from tiaki.store.clients import ClientRepository
from tiaki.store.database import Database, Transaction
from tiaki.store.enrolment import Reader
from tiaki.store.errors import InvalidInput

Identities = Callable[[], tuple[list[pyrage.x25519.Identity], frozenset[str]]]

_SENDER_COLUMNS = "key_id, organisation, device_id, signing_key, trusted_at"


@dataclass(frozen=True)
class TrustedSender:
    key_id: str
    organisation: str
    device_id: str
    fingerprint: str
    trusted_at: str


@dataclass(frozen=True)
class ReceivedPacket:
    """A packet opened and checked: who sent it and the referral it carries (in memory only)."""

    packet_id: str
    sender: TrustedSender
    referral: ReceivedReferral
    bundle_sha256: str


@dataclass(frozen=True)
class _ReceivedConsent:
    """A received consent summary checked against the store's column constraints."""

    summary: ConsentSummary
    given_at: dt.datetime
    expires_at: dt.datetime | None
    method: ConsentMethod
    given_by: GivenBy


@dataclass(frozen=True)
class _Plan:
    """What an import writes, worked out (and checked) before the transaction opens."""

    values: Mapping[str, object]
    collection: Collection
    consents: tuple[_ReceivedConsent, ...]


def _sender_from(row: tuple[object, ...]) -> tuple[TrustedSender, str]:
    key_id, organisation, device_id, signing_key, trusted_at = (str(v) for v in row)
    return TrustedSender(key_id, organisation, device_id, fingerprint(key_id), trusted_at), signing_key


def _invalid(message: str) -> PacketError:
    return PacketError("bundle_invalid", message)


class PacketImport:
    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, purposes: PurposeCatalogue,
                 notices: NoticeCatalogue, worker: Callable[[], Worker], clients: ClientRepository,
                 identities: Identities, clock: Clock) -> None:
        self._db = db
        self._audit = audit
        self._catalogue = catalogue
        self._purposes = purposes
        self._notices = notices
        self._worker = worker
        self._clients = clients
        self._identities = identities
        self._clock = clock

    # --- trusted senders -------------------------------------------------------------------------------------

    def trust_sender(self, card: SenderCard) -> TrustedSender:
        me = self._worker()
        roles.require(roles.can_administer(me), "trust referring organisations")
        with self._db.transaction() as tx:
            known = self._sender(tx, card.key_id)
            if known is not None:
                return known[0]
            tx.execute("INSERT INTO trusted_senders (key_id, organisation, device_id, signing_key, card_json, "
                       "trusted_at, trusted_by) VALUES (?,?,?,?,?,?,?)",
                       (card.key_id, card.organisation, card.device_id, card.signing_key,
                        canonical_json(card.to_json()).decode("utf-8"), iso(self._clock()), me.id))
            self._audit.append(tx, actor_id=me.id, action=Action.SENDER_TRUST, subject_type="sender",
                               subject_id=card.key_id, detail={"device_id": card.device_id,
                                                               "organisation": card.organisation})
            found = self._sender(tx, card.key_id)
        assert found is not None
        return found[0]

    def trusted_senders(self) -> list[TrustedSender]:
        roles.require(self._worker().active, "see trusted senders")
        return [_sender_from(r)[0] for r in self._db.query(
            f"SELECT {_SENDER_COLUMNS} FROM trusted_senders ORDER BY organisation, key_id")]

    @staticmethod
    def _sender(q: Reader, key_id: str) -> tuple[TrustedSender, str] | None:
        row = q.query_one(f"SELECT {_SENDER_COLUMNS} FROM trusted_senders WHERE key_id = ?", (key_id,))
        return None if row is None else _sender_from(tuple(row))

    # --- opening ---------------------------------------------------------------------------------------------

    def open(self, data: bytes) -> ReceivedPacket:
        roles.require(self._worker().active, "open referral packets")
        return self._open(data)[0]

    def _open(self, data: bytes) -> tuple[ReceivedPacket, _Plan]:
        identities, card_key_ids = self._identities()
        opened = open_packet(data, identities, recipient_key_ids=card_key_ids)
        header = opened.header
        known = self._sender(self._db, header.key_id)
        if known is None or known[1] != header.signing_key:
            raise PacketError("unknown_sender")
        sender = known[0]
        referral = self._referral(opened)
        plan = self._plan(referral, sender, header.packet_id)
        if self._db.scalar("SELECT 1 FROM received_packets WHERE packet_id = ?", (header.packet_id,)):
            raise PacketError("already_imported")
        return ReceivedPacket(header.packet_id, sender, referral, header.bundle_sha256), plan

    @staticmethod
    def _referral(opened: OpenedPacket) -> ReceivedReferral:
        try:
            referral = parse_bundle(opened.bundle)
        except BundleError:
            raise PacketError("bundle_invalid") from None
        header = opened.header
        if (referral.packet_id, referral.sender_key_id, referral.partner_key_id) != (
                header.packet_id, header.key_id, header.recipient_key_id):
            raise PacketError("bundle_invalid")  # (parse_plaintext checks these too; kept as the store's own rule)
        return referral

    def _plan(self, referral: ReceivedReferral, sender: TrustedSender, packet_id: str) -> _Plan:
        """The client's values, collection event and consents, each checked as the store would check them, so
        that a packet this store cannot take is refused before anything is written."""
        if referral.purpose not in self._purposes:
            raise _invalid("The referral is for a purpose this store does not know.")
        unknown = [key for key in referral.fields if key not in self._catalogue]
        if unknown:
            raise _invalid("The referral holds a field this store does not know.")
        values = {key: sent.value for key, sent in referral.fields.items()}
        try:
            self._catalogue.validate_record(values)
        except FieldError as exc:
            if exc.code == "required":
                raise _invalid("The referral lacks information every client here needs (such as a given name).") \
                    from None
            raise _invalid("The referral holds a value this store's field catalogue refuses.") from None
        try:
            source = Source.other(sender.organisation, f"Referral packet {packet_id[:8]}")
        except SourceError:
            raise _invalid("The referring organisation's name cannot be recorded as a source.") from None
        consents = tuple(self._consent(c) for c in referral.consents)
        notice = referral.notice
        if notice is not None:
            try:
                given = NoticeGiven(notice.version, notice.language, notice.hash, NoticeTiming(notice.timing),
                                    parse_iso(notice.given_at))
            except ValueError:
                raise _invalid("The referral's collection notice is not valid.") from None
        else:
            languages = [c.summary.language for c in consents if c.summary.language in self._notices.languages]
            language = languages[-1] if languages else "en"
            given = NoticeGiven(self._notices.version, language, self._notices.template_hash(language),
                                NoticeTiming.AFTER, self._clock())
        return _Plan(values, Collection(frozenset({referral.purpose}), source, given), consents)

    @staticmethod
    def _consent(summary: ConsentSummary) -> _ReceivedConsent:
        try:
            given_at = parse_iso(summary.given_at)
            expires_at = None if summary.expires_at is None else parse_iso(summary.expires_at)
            return _ReceivedConsent(summary, given_at, expires_at, ConsentMethod(summary.method),
                                    GivenBy(summary.given_by))
        except ValueError:
            raise _invalid("A consent record in the referral is not valid.") from None

    # --- importing -------------------------------------------------------------------------------------------

    def import_packet(self, data: bytes, *, assign_to: str | None = None) -> str:
        me = self._worker()
        roles.require(me.active and me.role is not roles.Role.SUPERVISOR, "add clients")
        received, plan = self._open(data)
        sender = received.sender
        now = iso(self._clock())
        with self._db.transaction() as tx:
            if tx.scalar("SELECT 1 FROM received_packets WHERE packet_id = ?", (received.packet_id,)):
                raise PacketError("already_imported")  # (imported by another session since it was opened)
            if self._sender(tx, sender.key_id) is None:
                raise PacketError("unknown_sender")
            try:
                client_id = self._clients.create_in(tx, plan.values, collection=plan.collection, assign_to=assign_to)
            except InvalidInput as exc:
                if exc.code in ("field", "collection"):  # (checked in _plan: kept so nothing else can slip by)
                    raise _invalid("The referral holds a value this store's field catalogue refuses.") from None
                raise
            consent_ids = [self._insert_consent(tx, me, client_id, c, sender.organisation, received.packet_id, now)
                           for c in plan.consents]
            tx.execute("INSERT INTO received_packets (packet_id, sender_key_id, client_id, bundle_sha256, "
                       "imported_at, imported_by) VALUES (?,?,?,?,?,?)",
                       (received.packet_id, sender.key_id, client_id, received.bundle_sha256, now, me.id))
            self._audit.append(tx, actor_id=me.id, action=Action.REFERRAL_IMPORT, subject_type="client",
                               subject_id=client_id, detail={
                                   "packet_id": received.packet_id, "sender_key_id": sender.key_id,
                                   "client_id": client_id, "fields": sorted(plan.values),
                                   "consent_ids": consent_ids, "purpose": received.referral.purpose})
        return client_id

    @staticmethod
    def _insert_consent(tx: Transaction, me: Worker, client_id: str, consent: _ReceivedConsent, organisation: str,
                        packet_id: str, now: str) -> str:
        """A received consent: the referring organisation's record, with no recipients here (so it never
        permits anything on this device), and its "given" event."""
        consent_id = new_id()
        s = consent.summary
        tx.execute(
            "INSERT INTO consents (id, client_id, controller, recipients, purposes, categories, permit, given_at, "
            "expires_at, method, language, notice_version, notice_hash, recorded_by, given_by, recorded_at, "
            "received_from, received_packet_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (consent_id, client_id, organisation, "[]", json.dumps(sorted(set(s.purposes)), ensure_ascii=False),
             json.dumps(sorted(set(s.categories)), ensure_ascii=False), 1, iso(consent.given_at),
             None if consent.expires_at is None else iso(consent.expires_at), consent.method.value, s.language,
             s.notice_version, s.notice_hash, me.id, consent.given_by.value, now, organisation, packet_id))
        tx.execute("INSERT INTO consent_events (id, consent_id, kind, at, recorded_by) VALUES (?,?,?,?,?)",
                   (new_id(), consent_id, ConsentEventKind.GIVEN.value, iso(consent.given_at), me.id))
        return consent_id
