"""What the policy engine decides from, read from the store: one loader for the preview and for sealing.

The preview asks about one client; sealing asks about an envelope's worth of clients at once. Both read the
client's facts (anonymous or not, which fields hold a value and what each was collected for), the partner, its
agreements and the client's consent records with their events through the functions here, and both call the
engine through ``decide_for``, so what a worker is shown and what the outbox sends are decided from the same
reading of the store. Sealing reads a batch with a few set-based queries (``WHERE client_id IN (...)``, in
chunks) rather than a handful of statements per message: under SQLCipher each statement is costly.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import parse_iso
from tiaki.core.policy import ClientFacts, Decision, decide
from tiaki.core.sharing import (
    Basis,
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentRecord,
    GivenBy,
    Override,
    Partner,
    PartnerKind,
    SharingAgreement,
)
from tiaki.store.bulk import IDS, id_list
from tiaki.store.database import Row, Transaction
from tiaki.store.errors import NotFound

PARTNER_COLUMNS = "id, name, kind, overseas, ipp12_basis"
AGREEMENT_COLUMNS = ("id, partner_id, purposes, categories, basis, valid_from, valid_until, excluded_fields, name, "
                     "reference, updates_flow")
CONSENT_COLUMNS = ("id, client_id, controller, recipients, purposes, categories, permit, given_at, expires_at, "
                   "method, language, notice_version, notice_hash, recorded_by, given_by")
_EVENT_COLUMNS = "id, kind, at, recorded_by, reason, expires_at"


def partner_from(row: Row) -> Partner:
    return Partner(row[0], row[1], PartnerKind(row[2]), bool(row[3]), row[4] or None)


def _time(text: str | None) -> dt.datetime | None:
    return None if text is None else parse_iso(text)


def agreement_from(row: Row) -> SharingAgreement:
    return SharingAgreement(
        id=row[0], partner_id=row[1], purposes=frozenset(json.loads(row[2])), categories=frozenset(json.loads(row[3])),
        basis=Basis(row[4]), valid_from=parse_iso(row[5]), valid_until=_time(row[6]),
        excluded_fields=frozenset(json.loads(row[7])), name=row[8], reference=row[9], updates_flow=bool(row[10]))


def event_from(row: Row) -> ConsentEvent:
    """A consent_events row read with ``_EVENT_COLUMNS``."""
    return ConsentEvent(row[0], ConsentEventKind(row[1]), parse_iso(row[2]), row[3], row[4], _time(row[5]))


def _keys(text: str) -> frozenset[str]:
    return frozenset(json.loads(text))


def consent_from(row: Row, events: Sequence[ConsentEvent],
                 keys: Callable[[str], frozenset[str]] = _keys) -> ConsentRecord:
    """A consents row read with ``CONSENT_COLUMNS`` and its events, ordered by (at, id). ``keys`` reads a
    stored list of recipients, purposes or categories (a batch passes one that remembers the lists it read)."""
    return ConsentRecord(
        id=row[0], client_id=row[1], controller=row[2], recipients=keys(row[3]),
        purposes=keys(row[4]), categories=keys(row[5]), permit=bool(row[6]),
        given_at=parse_iso(row[7]), expires_at=_time(row[8]), method=ConsentMethod(row[9]), language=row[10],
        notice_version=row[11], notice_hash=row[12], recorded_by=row[13], given_by=GivenBy(row[14]),
        events=tuple(events))


def consent_events(tx: Transaction, consent_id: str) -> list[ConsentEvent]:
    return [event_from(r) for r in tx.query(f"SELECT {_EVENT_COLUMNS} FROM consent_events WHERE consent_id = ? "
                                            "ORDER BY at, id", (consent_id,))]


@dataclass(frozen=True)
class PartnerTerms:
    """The partner and every agreement with it: the same for every message of one envelope."""

    partner: Partner
    agreements: tuple[SharingAgreement, ...]


@dataclass(frozen=True)
class ClientInputs:
    """One client as the engine sees it, with (for sealing only) the stored JSON of its current values."""

    facts: ClientFacts
    consents: tuple[ConsentRecord, ...] = ()
    archived: bool = False
    values: Mapping[str, str] = field(default_factory=dict)  # field key -> JSON text; empty unless asked for


def partner_terms(tx: Transaction, partner_id: str) -> PartnerTerms:
    row = tx.query_one(f"SELECT {PARTNER_COLUMNS} FROM partners WHERE id = ?", (partner_id,))
    if row is None:
        raise NotFound("That partner")
    return PartnerTerms(partner_from(row), tuple(agreement_from(r) for r in tx.query(
        f"SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE partner_id = ? ORDER BY id", (partner_id,))))


def client_inputs(tx: Transaction, client_ids: Collection[str], *, values_of: Collection[str] = (),
                  with_consents: bool = True) -> dict[str, ClientInputs]:
    """Every named client's inputs in four queries whatever their number (two with ``with_consents=False``: the
    facts alone). A client id the store does not hold reads as a client with no values and no consents (as one
    with nothing recorded would). ``values_of``: the fields whose current values (their stored JSON) sealing
    needs; no other value leaves the database (the preview reads none)."""
    ids = sorted(set(client_ids))
    anonymous: dict[str, bool] = {}
    archived: dict[str, bool] = {}
    collected: dict[str, dict[str, frozenset[str]]] = {cid: {} for cid in ids}
    values: dict[str, dict[str, str]] = {cid: {} for cid in ids}
    consent_rows: dict[str, list[Row]] = {cid: [] for cid in ids}
    events: dict[str, list[ConsentEvent]] = {}
    if not ids:
        return {}
    param = (id_list(ids),)
    for cid, anon, archived_at in tx.query(
            f"SELECT c.id, c.anonymous, c.archived_at FROM {IDS} CROSS JOIN clients c ON c.id = j.value", param):
        anonymous[cid] = bool(anon)
        archived[cid] = bool(archived_at)
    purposes_of: dict[str | None, frozenset[str]] = {}  # a client's fields share their collection events
    for cid, key, value, purposes in tx.query(
            "SELECT v.client_id, v.field_key, CASE WHEN v.field_key IN (SELECT value FROM json_each(?2)) THEN v.value "
            "END, e.purposes FROM json_each(?1) j CROSS JOIN field_values v ON v.client_id = j.value AND v.current = 1 "
            "LEFT JOIN collection_events e ON e.id = v.collection_event_id WHERE v.value IS NOT NULL",
            (*param, id_list(sorted(set(values_of))))):
        parsed = purposes_of.get(purposes)
        if parsed is None:
            parsed = purposes_of[purposes] = frozenset(json.loads(purposes)) if purposes else frozenset()
        collected[cid][key] = parsed
        if value is not None:
            values[cid][key] = value
    if with_consents:
        for row in tx.query(f"SELECT {_prefixed('c', CONSENT_COLUMNS)} FROM {IDS} CROSS JOIN consents c "
                            "ON c.client_id = j.value", param):
            consent_rows[row[1]].append(row)
            events[row[0]] = []
        for row in tx.query(f"SELECT e.consent_id, {_prefixed('e', _EVENT_COLUMNS)} FROM {IDS} CROSS JOIN consents c "
                            "ON c.client_id = j.value CROSS JOIN consent_events e ON e.consent_id = c.id "
                            "ORDER BY e.at, e.id", param):
            events[row[0]].append(event_from(row[1:]))
    keys = functools.lru_cache(maxsize=None)(_keys)  # many consents name the same lists
    return {cid: ClientInputs(
        ClientFacts(cid, anonymous.get(cid, False), collected[cid]),
        tuple(consent_from(row, events[row[0]], keys) for row in consent_rows[cid]),
        archived.get(cid, False), values[cid]) for cid in ids}


def latest_withdrawal(clients: Iterable[ClientInputs], default: dt.datetime) -> dt.datetime:
    """The latest withdrawal recorded for any of these clients' consents (``default`` if none is later).
    Deciding at an instant before it would see the consent as still given: time stepped back (NTP, a caller's
    old ``now``) must never undo a recorded withdrawal. Only withdrawals count: a consent's given time is
    entered by a worker and may lie ahead, and deciding past it would start the consent early."""
    latest = default
    for client in clients:
        for record in client.consents:
            for event in record.events:
                if event.kind is ConsentEventKind.WITHDRAWN and event.at > latest:
                    latest = event.at
    return latest


def _prefixed(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c}" for c in columns.split(", "))


def decide_for(catalogue: Catalogue, client: ClientInputs, terms: PartnerTerms, purpose: str, at: dt.datetime,
               override: Override | None = None) -> Decision:
    """The policy engine's decision for the client's fields that hold a value (no role check: see decide_in)."""
    held = client.facts.collected_for
    fields = [f for f in catalogue.fields if f.key in held]
    return decide(client.facts, terms.partner, purpose, fields, terms.agreements, client.consents, at, override)
