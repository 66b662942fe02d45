"""Exporting a referral packet: what the policy engine allows now, sealed to one partner's enrolled key.

The decision is made from the same reading of the store as the preview and sealing (``decision_inputs``), and
only the values of the fields it allows are read. The packet is recorded in the outbox's own tables, so the
sharing history shows it beside what sync sent: an envelope (channel 'packet', already 'acknowledged': it leaves
by hand, and sync never sends it), a message ('sealed', channel 'packet') and the seal record of which fields
went on which basis — never a value. The packet's bytes are kept (the store cannot read them back) so the same
file can be handed out again. All of it, and the audit entry, is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.cards import sender_key_id
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.packet import bundle_bytes, seal_packet
from tiaki.core.policy import Decision
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.referral_bundle import (
    AgreementSummary,
    ConsentSummary,
    NoticeSummary,
    ReferralContent,
    ReferralDetails,
    SentValue,
    build_bundle,
)
from tiaki.core.roles import Worker
from tiaki.core.sharing import ConsentRecord, Override, SharingAgreement
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Transaction
from tiaki.store.decision_inputs import client_inputs, decide_for, latest_withdrawal, partner_terms
from tiaki.store.enrolment import current_card
from tiaki.store.errors import InvalidInput, NotFound
from tiaki.store.outbox_messages import SealRecordJson, basis_of, decision_json, stored_value

_STEPS = 4  # progress: decided, values read, sealed, recorded


@dataclass(frozen=True)
class ExportedPacket:
    packet_id: str
    message_id: str
    data: bytes  # the .age bytes
    bundle: dict[str, Any]  # the plaintext Bundle, in memory only (for the printed form)
    decision: Decision
    client_id: str
    partner_id: str
    partner_name: str
    purpose: str
    details: ReferralDetails
    created_at: dt.datetime
    coordinator_name: str
    organisation: str
    language: str  # the person's language: latest consent's, else latest notice's, else "en"
    fields: Mapping[str, SentValue]
    withheld: Mapping[str, str]


def consent_summary(record: ConsentRecord, at: dt.datetime) -> ConsentSummary:
    expires = record.expires_as_of(at)
    return ConsentSummary(consent_id=record.id, given_at=iso(record.given_at),
                          expires_at=None if expires is None else iso(expires), method=record.method.value,
                          given_by=record.given_by.value, language=record.language,
                          notice_version=record.notice_version, notice_hash=record.notice_hash,
                          purposes=tuple(sorted(record.purposes)), categories=tuple(sorted(record.categories)))


def agreement_summary(agreement: SharingAgreement) -> AgreementSummary:
    return AgreementSummary(agreement_id=agreement.id, name=agreement.name, basis=agreement.basis.value,
                            reference=agreement.reference)


class PacketExport:
    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, purposes: PurposeCatalogue,
                 worker: Callable[[], Worker], organisation: Callable[[], str], device_id: str,
                 signing_key: Ed25519PrivateKey, clock: Clock) -> None:
        self._db = db
        self._audit = audit
        self._catalogue = catalogue
        self._purposes = purposes
        self._worker = worker
        self._organisation = organisation
        self._device_id = device_id
        self._key = signing_key
        self._sender_key_id = sender_key_id(signing_key.public_key())
        self._clock = clock

    def export(self, client_id: str, partner_id: str, purpose: str, details: ReferralDetails, *,
               override: Override | None = None,
               progress: Callable[[int, int], None] | None = None) -> ExportedPacket:
        me = self._worker()
        if purpose not in self._purposes:
            raise InvalidInput("unknown_purpose")
        try:
            details = details.checked()
        except ValueError as exc:
            raise InvalidInput("field", message=str(exc)) from None
        step = progress or (lambda done, total: None)
        step(0, _STEPS)
        now = self._clock()
        created_at = iso(now)
        packet_id, message_id = new_id(), new_id()
        organisation = self._organisation()
        with self._db.transaction() as tx:
            row = tx.query_one("SELECT assigned_worker_id, archived_at FROM clients WHERE id = ?", (client_id,))
            if row is None:
                raise NotFound("That client")
            roles.require(roles.can_write_client(me, row[0]), "refer this client to a partner")
            if row[1]:
                raise InvalidInput("archived_client")
            if not tx.scalar("SELECT 1 FROM partners WHERE id = ?", (partner_id,)):
                raise InvalidInput("no_such_partner")
            card = current_card(tx, partner_id)
            if card is None:
                raise InvalidInput("partner_not_enrolled")
            inputs = client_inputs(tx, (client_id,))[client_id]
            terms = partner_terms(tx, partner_id)
            # Never earlier than a withdrawal already recorded (a clock stepped back must not revive a consent).
            at = latest_withdrawal((inputs,), now)
            decision = decide_for(self._catalogue, inputs, terms, purpose, at, override)
            if not decision.allowed:
                raise InvalidInput("nothing_to_share")
            step(1, _STEPS)
            values = self._values(tx, client_id, decision.allowed_fields)
            fields = {a.field: SentValue(value=values[a.field], category=self._catalogue.get(a.field).category,
                                         basis=a.basis.value, agreement_id=a.agreement_id, consent_id=a.consent_id)
                      for a in decision.allowed}
            withheld = {w.field: w.reason.value for w in decision.withheld}
            named_consents = {a.consent_id for a in decision.allowed if a.consent_id}
            named_agreements = {a.agreement_id for a in decision.allowed if a.agreement_id}
            coordinator = me.display_name or me.name
            notice = self._notice(tx, client_id)
            content = ReferralContent(
                packet_id=packet_id, created_at=created_at, organisation=organisation,
                sender_key_id=self._sender_key_id, sender_device_id=self._device_id, coordinator_id=me.id,
                coordinator_name=coordinator, partner_name=terms.partner.name, partner_key_id=card.key_id,
                client_id=client_id, purpose=purpose, details=details, fields=fields, withheld=withheld,
                consents=tuple(consent_summary(c, at) for c in inputs.consents if c.id in named_consents),
                agreements=tuple(agreement_summary(a) for a in terms.agreements if a.id in named_agreements),
                notice=notice)
            bundle = build_bundle(content)
            data = bundle_bytes(bundle)
            step(2, _STEPS)
            sealed = seal_packet(data, packet_id=packet_id, created_at=created_at, organisation=organisation,
                                 device_id=self._device_id, signing_key=self._key, recipient=card)
            step(3, _STEPS)
            self._record(tx, me, decision, message_id=message_id, packet_id=packet_id, partner_id=partner_id,
                         key_id=card.key_id, client_id=client_id, purpose=purpose, sealed=sealed,
                         digest=hashlib.sha256(data).hexdigest(), created_at=created_at, withheld=withheld)
        # The person's language: their latest consent's, else the notice they were given, else English.
        language = (max(inputs.consents, key=lambda c: (c.given_at, c.id)).language if inputs.consents
                    else notice.language if notice else "en")
        step(_STEPS, _STEPS)
        return ExportedPacket(
            packet_id=packet_id, message_id=message_id, data=sealed, bundle=bundle, decision=decision,
            client_id=client_id, partner_id=partner_id, partner_name=terms.partner.name, purpose=purpose,
            details=details, created_at=now, coordinator_name=coordinator, organisation=organisation,
            language=language, fields=fields, withheld=withheld)

    @staticmethod
    def _values(tx: Transaction, client_id: str, keys: Sequence[str]) -> dict[str, str | int]:
        """The current values of the allowed fields only (no other value leaves the database)."""
        out: dict[str, str | int] = {}
        for key, text in tx.query("SELECT field_key, value FROM field_values WHERE client_id = ? AND current = 1 "
                                  "AND value IS NOT NULL AND field_key IN (SELECT value FROM json_each(?))",
                                  (client_id, json.dumps(list(keys)))):
            value = stored_value(text)
            assert isinstance(value, str | int) and not isinstance(value, bool)
            out[str(key)] = value
        return out

    @staticmethod
    def _notice(tx: Transaction, client_id: str) -> NoticeSummary | None:
        """The collection notice the person was given, as the latest collection event records it."""
        row = tx.query_one("SELECT notice_version, notice_language, notice_hash, notice_timing, notice_given_at "
                           "FROM collection_events WHERE client_id = ? ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
                           (client_id,))
        return None if row is None else NoticeSummary(version=row[0], language=row[1], hash=row[2], timing=row[3],
                                                      given_at=row[4])

    def _record(self, tx: Transaction, me: Worker, decision: Decision, *, message_id: str, packet_id: str,
                partner_id: str, key_id: str, client_id: str, purpose: str, sealed: bytes, digest: str,
                created_at: str, withheld: Mapping[str, str]) -> None:
        """The envelope, message, seal record and audit entry, as the sharing history reads them. The envelope
        is 'acknowledged' and the message 'sealed' on channel 'packet', which sync's queries exclude."""
        tx.execute("INSERT INTO envelopes (id, device_id, partner_id, recipient_key_id, data, created_at, state, "
                   "channel) VALUES (?,?,?,?,?,?,'acknowledged','packet')",
                   (packet_id, self._device_id, partner_id, key_id, sealed, created_at))
        seq = int(tx.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages"))
        tx.execute("INSERT INTO messages (id, device_id, partner_id, client_id, purpose, kind, channel, state, "
                   "created_at, created_by, seq, decision, envelope_id, attempts, last_attempt_at) "
                   "VALUES (?,?,?,?,?,'share','packet','sealed',?,?,?,?,?,1,?)",
                   (message_id, self._device_id, partner_id, client_id, purpose, created_at, me.id, seq,
                    decision_json(decision, by=me.id), packet_id, created_at))
        allowed = {a.field: a for a in decision.allowed}
        consent_ids = sorted({a.consent_id for a in decision.allowed if a.consent_id})
        text = SealRecordJson()
        tx.execute("INSERT INTO message_seals (id, device_id, message_id, envelope_id, position, digest, sealed_at, "
                   "fields, withheld, dropped, consent_ids) VALUES (?,?,?,?,0,?,?,?,?,?,?)",
                   (new_id(), self._device_id, message_id, packet_id, digest, created_at, text.fields(allowed),
                    text.reasons(withheld), text.reasons({}), json.dumps(consent_ids)))
        self._audit.append(tx, actor_id=me.id, action=Action.REFERRAL_EXPORT, subject_type="client",
                           subject_id=client_id, detail={
                               "message_id": message_id, "packet_id": packet_id, "partner_id": partner_id,
                               "purpose": purpose, "fields": sorted(allowed), "withheld": withheld,
                               "needs_review": decision.needs_review})

    # --- the packet again, and its printed form ------------------------------------------------------------

    def _packet(self, tx: Transaction, message_id: str, what: str) -> tuple[Worker, str, str, bytes]:
        """(worker, client id, packet id, packet bytes) of an exported packet the worker may hand out."""
        me = self._worker()
        row = tx.query_one("SELECT m.client_id, c.assigned_worker_id, e.id, e.data FROM messages m "
                           "JOIN clients c ON c.id = m.client_id JOIN envelopes e ON e.id = m.envelope_id "
                           "WHERE m.id = ? AND m.channel = 'packet' AND e.channel = 'packet'", (message_id,))
        if row is None:
            raise NotFound("That referral packet")
        roles.require(roles.can_write_client(me, row[1]), what)
        return me, str(row[0]), str(row[2]), bytes(row[3])

    def packet_data(self, message_id: str) -> bytes:
        """Handing the packet out again discloses its values again: only while every field it carries is still
        allowed on the basis it was sealed on (as sync resends an envelope: ``Sealer.lapse_pending``). A
        withdrawn or expired consent, an ended agreement or an archived client refuses it (nothing_to_share);
        a packet that went on a serious-threat override is never handed out again."""
        with self._db.transaction() as tx:
            me, client_id, packet_id, data = self._packet(tx, message_id, "hand out this client's referral packet")
            if not self._still_allowed(tx, message_id, client_id):
                raise InvalidInput("nothing_to_share")
            self._audit.append(tx, actor_id=me.id, action=Action.REFERRAL_PACKET_AGAIN, subject_type="client",
                               subject_id=client_id, detail={"message_id": message_id, "packet_id": packet_id})
        return data

    def _still_allowed(self, tx: Transaction, message_id: str, client_id: str) -> bool:
        row = tx.query_one("SELECT m.partner_id, m.purpose, s.fields FROM messages m JOIN message_seals s "
                           "ON s.message_id = m.id AND s.envelope_id = m.envelope_id WHERE m.id = ?", (message_id,))
        if row is None or row[1] is None:
            return False
        inputs = client_inputs(tx, (client_id,))[client_id]
        if inputs.archived:
            return False
        at = latest_withdrawal((inputs,), self._clock())
        decision = decide_for(self._catalogue, inputs, partner_terms(tx, str(row[0])), str(row[1]), at)
        now_allowed = {a.field: basis_of(a) for a in decision.allowed}
        return all(now_allowed.get(key) == basis for key, basis in json.loads(row[2]).items())

    def record_form(self, message_id: str, *, saved_pdf: bool) -> str:
        """The packet's form was printed (or saved as a plaintext PDF): a disclosure of its own in the sharing
        history (channel 'print', a copy of the packet's fields and bases) and its audit entry, together.
        Returns the new disclosure's id."""
        disclosure_id = new_id()
        with self._db.transaction() as tx:
            me, client_id, packet_id, _ = self._packet(tx, message_id, "print this client's referral form")
            tx.execute("INSERT INTO disclosures (id, device_id, message_id, channel, kind, client_id, partner_id, "
                       "worker_id, purpose, at, status, bases, override) SELECT ?, ?, d.message_id, 'print', ?, "
                       "d.client_id, d.partner_id, ?, d.purpose, ?, 'printed', d.bases, d.override "
                       "FROM disclosures d WHERE d.id = ?",
                       (disclosure_id, self._device_id, "pdf" if saved_pdf else "print", me.id, iso(self._clock()),
                        message_id))
            tx.execute("INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id) "
                       "SELECT agreement_id, ? FROM disclosure_agreements WHERE disclosure_id = ?",
                       (disclosure_id, message_id))
            self._audit.append(tx, actor_id=me.id, subject_type="client", subject_id=client_id,
                               action=Action.REFERRAL_FORM_SAVE if saved_pdf else Action.REFERRAL_FORM_PRINT,
                               detail={"message_id": message_id, "packet_id": packet_id,
                                       "disclosure_id": disclosure_id})
        return disclosure_id
