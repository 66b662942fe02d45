"""One disclosure in full, for the history's detail panel: what went on which basis and what was withheld
(``store/history.py``'s Disclosure), the consents it relied on as they stand now, the partner's receipt with
its signature checked again now, the override's justification, the audit entries behind it, and reviews.

The receipt is verified again rather than trusted from having been verified when stored: a row altered in
the database since shows as not verifying.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from tiaki.core import roles
from tiaki.core.audit import AuditEntry
from tiaki.core.cards import ed25519_public
from tiaki.core.receipts import Receipt, ReceiptError, verify_receipt
from tiaki.core.review import ReviewRecord
from tiaki.core.roles import Worker
from tiaki.core.sharing import ConsentStatus
from tiaki.store.database import Transaction
from tiaki.store.decision_inputs import CONSENT_COLUMNS, consent_events, consent_from
from tiaki.store.errors import NotFound
from tiaki.store.history import _DISCLOSURE, _LATEST, Disclosure, _disclosure
from tiaki.store.history_entries import DISCLOSURE_COLUMNS, HistoryEntry, build_entries
from tiaki.store.reviews import decisions

MAX_AUDIT = 200


@dataclass(frozen=True)
class ConsentInForce:
    id: str
    given_at: dt.datetime
    expires_at: dt.datetime | None  # as of now (renewals included)
    method: str
    language: str
    purposes: tuple[str, ...]
    state_now: str  # 'active' | 'withdrawn' | 'expired'


@dataclass(frozen=True)
class DisclosureDetail:
    entry: HistoryEntry
    disclosure: Disclosure
    consents: tuple[ConsentInForce, ...]
    receipt_verified: bool | None  # None: no receipt; else its signature checked again now
    override_justification: str | None
    audit: tuple[AuditEntry, ...]
    reviews: tuple[ReviewRecord, ...]


def read_detail(tx: Transaction, me: Worker, entry_id: str, now: dt.datetime) -> DisclosureDetail:
    """The detail of a disclosure the worker may see (NotFound for an unknown id; AccessDenied out of scope)."""
    row = tx.query_one(f"SELECT {DISCLOSURE_COLUMNS}, c.assigned_worker_id FROM disclosures d "
                       "JOIN clients c ON c.id = d.client_id WHERE d.id = ?", (entry_id,))
    if row is None:
        raise NotFound("That disclosure")
    roles.require(roles.can_read_client(me, row[13]), "see this client's sharing history")
    entry = build_entries(tx, [row[:13]])[0]
    found = tx.query_one(f"SELECT {_DISCLOSURE} FROM messages m JOIN partners p ON p.id = m.partner_id "
                         f"JOIN workers w ON w.id = m.created_by {_LATEST} WHERE m.id = ?", (entry.message_id,))
    if found is None:
        raise NotFound("That disclosure")
    disclosure = _disclosure(found)
    decision = tx.scalar("SELECT decision FROM messages WHERE id = ?", (entry.message_id,))
    override = json.loads(decision).get("override") if decision else None
    return DisclosureDetail(
        entry=entry, disclosure=disclosure,
        consents=_consents(tx, disclosure.consent_ids, now),
        receipt_verified=_receipt_verified(tx, entry.message_id),
        override_justification=None if not override else str(override.get("justification", "")),
        audit=_audit(tx, entry),
        reviews=tuple(decisions(tx, entry_id)) if roles.can_review_disclosures(me) else ())


def _consents(tx: Transaction, ids: tuple[str, ...], now: dt.datetime) -> tuple[ConsentInForce, ...]:
    out = []
    for consent_id in ids:
        row = tx.query_one(f"SELECT {CONSENT_COLUMNS} FROM consents WHERE id = ?", (consent_id,))
        if row is None:
            continue
        record = consent_from(row, consent_events(tx, consent_id))
        status = record.status(now)
        state = {ConsentStatus.WITHDRAWN: "withdrawn", ConsentStatus.EXPIRED: "expired"}.get(status, "active")
        out.append(ConsentInForce(record.id, record.given_at, record.expires_as_of(now), record.method.value,
                                  record.language, tuple(sorted(record.purposes)), state))
    return tuple(out)


def _receipt_verified(tx: Transaction, message_id: str) -> bool | None:
    """The latest receipt's signature, checked now against the partner key it names."""
    row = tx.query_one("SELECT r.message_id, r.envelope_id, r.digest, r.received_at, r.status, r.reason, "
                       "r.partner_key_id, r.signature, k.receipt_key FROM receipts r LEFT JOIN partner_keys k "
                       "ON k.key_id = r.partner_key_id WHERE r.message_id = ? ORDER BY r.stored_at DESC, "
                       "r.rowid DESC LIMIT 1", (message_id,))
    if row is None:
        return None
    if row[8] is None:
        return False
    try:
        key = ed25519_public(str(row[8]))
        verify_receipt(Receipt(*(str(v) for v in row[:8])), key)
    except (ReceiptError, ValueError):
        return False
    return True


def _audit(tx: Transaction, entry: HistoryEntry) -> tuple[AuditEntry, ...]:
    """Entries about this disclosure: its own id as subject, or its message/client as subject and the
    message id named in the detail. Oldest first, at most MAX_AUDIT."""
    rows = tx.query(
        "SELECT seq, id, device_id, at, actor_id, action, subject_type, subject_id, detail, prev_hash, hash "
        "FROM audit_log WHERE subject_id = ?1 OR (subject_id IN (?2, ?3) AND instr(detail, ?4) > 0) "
        "ORDER BY seq LIMIT ?5",
        (entry.id, entry.message_id, entry.client_id, json.dumps(entry.message_id), MAX_AUDIT))
    return tuple(AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8]), r[9], r[10])
                 for r in rows)
