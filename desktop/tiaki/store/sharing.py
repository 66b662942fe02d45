"""Partners, sharing agreements, consent records and the "what will leave" preview.

Consent records are append-only: no method here (and no SQL anywhere) updates or deletes one; a withdrawal
is a new event, and database triggers refuse UPDATE and DELETE on both tables. The preview asks the same
policy engine every outgoing path will use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Protocol

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.policy import ClientFacts, Decision
from tiaki.core.roles import Worker
from tiaki.core.sharing import (
    ConsentEventKind,
    ConsentRecord,
    ConsentStatus,
    Override,
    Partner,
    PartnerKind,
    SharingAgreement,
)
from tiaki.core.sharing_json import AgreementInput, ConsentInput, PartnerInput
from tiaki.core.text import fold
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Row, Transaction
from tiaki.store.decision_inputs import (
    AGREEMENT_COLUMNS,
    CONSENT_COLUMNS,
    PARTNER_COLUMNS,
    agreement_from,
    client_inputs,
    consent_events,
    consent_from,
    decide_for,
    partner_from,
    partner_terms,
)
from tiaki.store.errors import InvalidInput, NotFound


def _keys(values: frozenset[str]) -> str:
    return json.dumps(sorted(values), ensure_ascii=False)


class WithdrawalListener(Protocol):
    """Told of a withdrawal inside its transaction (the outbox cancels or re-decides what has not gone yet and
    queues revocations), so the withdrawal and its consequences commit together."""

    def consent_withdrawn(self, tx: Transaction, consent_id: str, client_id: str, at: dt.datetime) -> None: ...


class SharingRepository:
    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, worker: Callable[[], Worker],
                 organisation: Callable[[], str], notice_hash: Callable[[str], str], notice_version: str,
                 clock: Clock, *, withdrawals: WithdrawalListener | None = None) -> None:
        self._db = db
        self._withdrawals = withdrawals
        self._audit = audit
        self._catalogue = catalogue
        self._worker = worker
        self._organisation = organisation
        self._notice_hash = notice_hash
        self._notice_version = notice_version
        self._clock = clock

    # --- partners and agreements (privacy officer) ---------------------------------------------------

    def add_partner(self, partner: PartnerInput) -> Partner:
        me = self._worker()
        roles.require(roles.can_administer(me), "add partners")
        partner_id = new_id()
        with self._db.transaction() as tx:
            if tx.scalar("SELECT 1 FROM partners WHERE name_folded = ?", (fold(partner.name),)):
                raise InvalidInput("partner_exists")
            tx.execute("INSERT INTO partners (id, name, name_folded, kind, overseas, ipp12_basis, created_at, "
                       "created_by) VALUES (?,?,?,?,?,?,?,?)",
                       (partner_id, partner.name, fold(partner.name), partner.kind.value, int(partner.overseas),
                        partner.ipp12_basis or None, iso(self._clock()), me.id))
            self._audit.append(tx, actor_id=me.id, action=Action.PARTNER_ADD, subject_type="partner",
                               subject_id=partner_id, detail={"kind": partner.kind.value, "overseas": partner.overseas})
        return self.partner(partner_id)

    def partner(self, partner_id: str) -> Partner:
        row = self._db.query_one(f"SELECT {PARTNER_COLUMNS} FROM partners WHERE id = ?", (partner_id,))
        if row is None:
            raise NotFound("That partner")
        return partner_from(row)

    def partners(self) -> list[Partner]:
        return [partner_from(r) for r in self._db.query(f"SELECT {PARTNER_COLUMNS} FROM partners ORDER BY name_folded")]

    def add_agreement(self, agreement: AgreementInput) -> SharingAgreement:
        me = self._worker()
        roles.require(roles.can_administer(me), "add sharing agreements")
        agreement_id = new_id()
        with self._db.transaction() as tx:
            if not tx.scalar("SELECT 1 FROM partners WHERE id = ?", (agreement.partner_id,)):
                raise InvalidInput("no_such_partner")
            tx.execute(
                "INSERT INTO agreements (id, partner_id, name, reference, basis, purposes, categories, "
                "excluded_fields, valid_from, valid_until, created_at, created_by, updates_flow) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (agreement_id, agreement.partner_id, agreement.name, agreement.reference, agreement.basis.value,
                 _keys(agreement.purposes), _keys(agreement.categories), _keys(agreement.excluded_fields),
                 iso(agreement.valid_from), iso(agreement.valid_until) if agreement.valid_until else None,
                 iso(self._clock()), me.id, int(agreement.updates_flow)))
            self._audit.append(tx, actor_id=me.id, action=Action.AGREEMENT_ADD, subject_type="agreement",
                               subject_id=agreement_id, detail={"partner_id": agreement.partner_id,
                                                                "basis": agreement.basis.value,
                                                                "updates_flow": agreement.updates_flow})
        return self.agreements(agreement.partner_id, only=agreement_id)[0]

    def agreements(self, partner_id: str | None = None, *, only: str | None = None) -> list[SharingAgreement]:
        where, params = [], []
        if partner_id is not None:
            where.append("partner_id = ?")
            params.append(partner_id)
        if only is not None:
            where.append("id = ?")
            params.append(only)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [agreement_from(r) for r in self._db.query(
            f"SELECT {AGREEMENT_COLUMNS} FROM agreements{clause} ORDER BY id", params)]

    # --- consent records (append-only) ---------------------------------------------------------------

    def _client_for(self, tx: Transaction, client_id: str, *, write: bool) -> None:
        row = tx.query_one("SELECT assigned_worker_id FROM clients WHERE id = ?", (client_id,))
        if row is None:
            raise NotFound("That client")
        me = self._worker()
        allowed = roles.can_write_client(me, row[0]) if write else roles.can_read_client(me, row[0])
        roles.require(allowed, "record consent for this client" if write else "see this client's consents")

    def record_consent(self, client_id: str, consent: ConsentInput) -> ConsentRecord:
        me = self._worker()
        consent_id, now = new_id(), iso(self._clock())
        with self._db.transaction() as tx:
            self._client_for(tx, client_id, write=True)
            kinds = {k.value for k in PartnerKind}
            for recipient in consent.recipients:
                if recipient not in kinds and not tx.scalar("SELECT 1 FROM partners WHERE id = ?", (recipient,)):
                    raise InvalidInput("unknown_recipient")
            tx.execute(
                f"INSERT INTO consents ({CONSENT_COLUMNS}, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (consent_id, client_id, self._organisation(), _keys(consent.recipients), _keys(consent.purposes),
                 _keys(consent.categories), int(consent.permit), iso(consent.given_at),
                 iso(consent.expires_at) if consent.expires_at else None, consent.method.value, consent.language,
                 self._notice_version, self._notice_hash(consent.language), me.id, consent.given_by.value, now))
            tx.execute("INSERT INTO consent_events (id, consent_id, kind, at, recorded_by) VALUES (?,?,?,?,?)",
                       (new_id(), consent_id, ConsentEventKind.GIVEN.value, iso(consent.given_at), me.id))
            self._audit.append(tx, actor_id=me.id, action=Action.CONSENT_RECORD, subject_type="client",
                               subject_id=client_id, detail={"consent_id": consent_id, "permit": consent.permit,
                                                             "purposes": sorted(consent.purposes)})
        return self.consent(consent_id)

    def withdraw_consent(self, consent_id: str, *, reason: str = "") -> ConsentRecord:
        """Withdrawal is a new event, effective now; the record itself never changes. In the same transaction
        the outbox re-decides what has not been acknowledged yet and queues revocations."""
        me = self._worker()
        record = self.consent(consent_id)
        now = self._clock()
        if record.status(now) is not ConsentStatus.ACTIVE:
            raise InvalidInput("consent_not_active")
        with self._db.transaction() as tx:
            self._client_for(tx, record.client_id, write=True)
            tx.execute("INSERT INTO consent_events (id, consent_id, kind, at, recorded_by, reason) "
                       "VALUES (?,?,?,?,?,?)",
                       (new_id(), consent_id, ConsentEventKind.WITHDRAWN.value, iso(now), me.id, reason))
            self._audit.append(tx, actor_id=me.id, action=Action.CONSENT_WITHDRAW, subject_type="client",
                               subject_id=record.client_id, detail={"consent_id": consent_id,
                                                                    "reason_given": bool(reason)})
            if self._withdrawals is not None:
                self._withdrawals.consent_withdrawn(tx, consent_id, record.client_id, now)
        return self.consent(consent_id)

    def renew_consent(self, consent_id: str, *, expires_at: dt.datetime | None) -> ConsentRecord:
        """The person confirms their consent again, with a new expiry (None: open-ended). A new event."""
        me = self._worker()
        record = self.consent(consent_id)
        now = self._clock()
        if record.status(now) is not ConsentStatus.ACTIVE:
            raise InvalidInput("consent_not_active")
        if expires_at is not None and expires_at <= now:
            raise InvalidInput("consent_expiry_past")
        with self._db.transaction() as tx:
            self._client_for(tx, record.client_id, write=True)
            tx.execute("INSERT INTO consent_events (id, consent_id, kind, at, recorded_by, expires_at) "
                       "VALUES (?,?,?,?,?,?)",
                       (new_id(), consent_id, ConsentEventKind.RENEWED.value, iso(now), me.id,
                        iso(expires_at) if expires_at else None))
            self._audit.append(tx, actor_id=me.id, action=Action.CONSENT_RENEW, subject_type="client",
                               subject_id=record.client_id, detail={"consent_id": consent_id})
        return self.consent(consent_id)

    def consent(self, consent_id: str) -> ConsentRecord:
        with self._db.transaction() as tx:
            row = tx.query_one(f"SELECT {CONSENT_COLUMNS}, received_from FROM consents WHERE id = ?", (consent_id,))
            if row is None:
                raise NotFound("That consent record")
            self._client_for(tx, row[1], write=False)
            return self._consent(tx, row)

    def consents(self, client_id: str) -> list[ConsentRecord]:
        """Every consent record of a client, oldest first, with its full history."""
        with self._db.transaction() as tx:
            self._client_for(tx, client_id, write=False)
            rows = tx.query(f"SELECT {CONSENT_COLUMNS}, received_from FROM consents WHERE client_id = ? "
                            "ORDER BY given_at, id", (client_id,))
            return [self._consent(tx, row) for row in rows]

    @staticmethod
    def _consent(tx: Transaction, row: Row) -> ConsentRecord:
        """A row read with ``CONSENT_COLUMNS, received_from`` (the policy engine's loader reads no provenance:
        a received consent names no recipient, so it never applies to a partner either way)."""
        return dataclasses.replace(consent_from(row, consent_events(tx, row[0])), received_from=row[15])

    # --- the decision ----------------------------------------------------------------------------------

    def client_facts(self, tx: Transaction, client_id: str) -> ClientFacts:
        return client_facts(tx, client_id)

    def preview(self, client_id: str, partner_id: str, purpose: str, *, override: Override | None = None,
                at: dt.datetime | None = None) -> Decision:
        """What would leave now for this client, partner and purpose: fields with a value, each allowed with
        its basis or withheld with its reason. Changes nothing."""
        now = at or self._clock()
        with self._db.transaction() as tx:
            self._client_for(tx, client_id, write=False)
            return decide_in(tx, self._catalogue, client_id, partner_id, purpose, now, override=override)


def client_facts(tx: Transaction, client_id: str) -> ClientFacts:
    return client_inputs(tx, (client_id,), with_consents=False)[client_id].facts


def decide_in(tx: Transaction, catalogue: Catalogue, client_id: str, partner_id: str, purpose: str,
              at: dt.datetime, *, override: Override | None = None) -> Decision:
    """The policy engine's decision from what the store holds in ``tx`` at ``at``, for the client's fields that
    hold a value. No role check: callers check (the preview) or act for a worker who was checked (the outbox).
    Read through the same loader as sealing's batches (``decision_inputs``)."""
    inputs = client_inputs(tx, (client_id,))[client_id]
    return decide_for(catalogue, inputs, partner_terms(tx, partner_id), purpose, at, override)
