"""The sharing history and outbox status, read from the outbox's own tables (one source of truth).

A disclosure is one message: who it was about, to whom, for what, which fields went on which basis (the version
the partner acknowledged holding, else the one last sealed), what was withheld and why, what was dropped at
sealing, who queued it, and what the partner's signed receipt said. No value is stored or shown: the history
says *what kind* of information went, never what it was. Records carry their id and the device that made them,
so histories from several devices can be merged later.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.canonical import fingerprint
from tiaki.core.clock import parse_iso
from tiaki.core.roles import Worker
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Row
from tiaki.store.errors import NotFound


@dataclass(frozen=True)
class SentField:
    field: str
    basis: str
    agreement_id: str | None
    consent_id: str | None


@dataclass(frozen=True)
class ReceiptSummary:
    status: str
    reason: str
    received_at: str
    partner_key_id: str
    verified: bool = True  # only receipts whose signature verified are ever stored


@dataclass(frozen=True)
class Disclosure:
    message_id: str
    device_id: str
    client_id: str
    partner_id: str
    partner_name: str
    purpose: str | None
    kind: str
    channel: str
    state: str
    state_reason: str
    worker_id: str
    worker_name: str
    created_at: str
    sealed_at: str | None  # None: not sealed yet (fields are what was queued)
    acknowledged_at: str | None
    attempts: int
    envelope_id: str | None
    fields: tuple[SentField, ...]
    withheld: Mapping[str, str]
    dropped: Mapping[str, str]
    consent_ids: tuple[str, ...]
    revokes: tuple[str, ...]
    receipt: ReceiptSummary | None

    @property
    def sent(self) -> bool:
        return self.attempts > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id, "device_id": self.device_id, "client_id": self.client_id,
            "partner_id": self.partner_id, "partner_name": self.partner_name, "purpose": self.purpose,
            "kind": self.kind, "channel": self.channel, "state": self.state, "state_reason": self.state_reason,
            "worker_id": self.worker_id, "worker_name": self.worker_name, "created_at": self.created_at,
            "sealed_at": self.sealed_at, "sent": self.sent, "attempts": self.attempts,
            "acknowledged_at": self.acknowledged_at, "envelope_id": self.envelope_id,
            "fields": [{"field": f.field, "basis": f.basis, "agreement_id": f.agreement_id,
                        "consent_id": f.consent_id} for f in self.fields],
            "withheld": [{"field": k, "reason": v} for k, v in sorted(self.withheld.items())],
            "dropped": [{"field": k, "reason": v} for k, v in sorted(self.dropped.items())],
            "consent_ids": list(self.consent_ids), "revokes": list(self.revokes),
            "receipt": None if self.receipt is None else {
                "status": self.receipt.status, "reason": self.receipt.reason,
                "received_at": self.receipt.received_at, "partner_key_id": self.receipt.partner_key_id,
                "verified": self.receipt.verified},
        }


def _moment(text: str | None) -> dt.datetime | None:
    return None if text is None else parse_iso(text)


@dataclass(frozen=True)
class MessageStatus:
    """One message of a client, for the record's sharing panel (times as aware datetimes, for display)."""

    message_id: str
    partner_id: str
    partner_name: str
    purpose: str | None
    kind: str
    channel: str  # sync (the partner's inbox) | packet (a referral packet, which leaves by hand)
    state: str  # queued | sealed | acknowledged | refused | parked | cancelled
    state_reason: str
    sent: bool
    attempts: int
    created_at: dt.datetime
    last_attempt_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    last_error: str | None
    fields_sent: tuple[str, ...]  # as acknowledged, else as last sealed (empty until sealed)


@dataclass(frozen=True)
class PartnerStatus:
    partner_id: str
    name: str
    key_id: str
    fingerprint: str
    inbox_url: str | None
    queued: int  # waiting to be sealed or sealed but never attempted
    sent: int  # sealed, attempted, no final answer yet
    acknowledged: int
    refused: int
    parked: int
    cancelled: int
    failures: int
    last_attempt_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None


_DISCLOSURE = ("m.id, m.device_id, m.client_id, m.partner_id, p.name, m.purpose, m.kind, m.channel, m.state, "
               "m.state_reason, m.created_by, COALESCE(NULLIF(w.display_name, ''), w.name), m.created_at, "
               "m.acknowledged_at, m.attempts, m.envelope_id, m.decision, m.consent_id, m.revokes, "
               "s.sealed_at, s.fields, s.withheld, s.dropped, s.consent_ids, "
               "r.status, r.reason, r.received_at, r.partner_key_id")
# The version of a message the partner holds: the seal whose digest an acknowledging receipt names (a conflict
# naming an earlier version of ours acknowledges that one), else the latest seal.
_SEAL = ("COALESCE((SELECT s2.rowid FROM receipts r2 JOIN message_seals s2 ON s2.message_id = r2.message_id "
         "AND s2.digest = r2.digest WHERE r2.message_id = m.id AND (r2.status != 'rejected' OR r2.reason = 'conflict') "
         "ORDER BY r2.stored_at DESC, r2.rowid DESC LIMIT 1), (SELECT rowid FROM message_seals WHERE message_id = m.id "
         "ORDER BY sealed_at DESC, rowid DESC LIMIT 1))")
# Each message with that seal and its latest receipt, in one query (not two more per message).
_LATEST = (f"LEFT JOIN message_seals s ON s.rowid = {_SEAL} "
           "LEFT JOIN receipts r ON r.rowid = (SELECT rowid FROM receipts WHERE message_id = m.id "
           "ORDER BY stored_at DESC, rowid DESC LIMIT 1)")


def _disclosure(row: Row) -> Disclosure:
    """A row read with ``_DISCLOSURE`` (the message, its latest seal and latest receipt)."""
    (message_id, device_id, client_id, partner_id, partner_name, purpose, kind, channel, state, reason,
     worker_id, worker_name, created_at, acknowledged_at, attempts, envelope_id, decision, consent_id,
     revokes) = row[:19]
    seal, receipt = row[19:24], row[24:28]
    if seal[0] is not None:
        sealed_at = seal[0]
        fields, withheld, dropped, consent_list = (json.loads(text) for text in seal[1:])
        consent_ids = tuple(consent_list)
    else:
        planned = json.loads(decision) if decision else {"allowed": {}, "withheld": {}}
        dropped = planned.get("dropped", {})  # dropped before sealing (a withdrawn consent)
        fields = {k: v for k, v in planned["allowed"].items() if k not in dropped}
        sealed_at, withheld = None, planned["withheld"]
        consent_ids = tuple(sorted({b["consent_id"] for b in fields.values() if b["consent_id"]}))
        if consent_id:
            consent_ids = (consent_id,)
    return Disclosure(
        message_id, device_id, client_id, partner_id, partner_name, purpose, kind, channel, state, reason,
        worker_id, worker_name, created_at, sealed_at, acknowledged_at, int(attempts), envelope_id,
        tuple(SentField(k, v["basis"], v["agreement_id"], v["consent_id"]) for k, v in sorted(fields.items())),
        withheld, dropped, consent_ids, tuple(json.loads(revokes)) if revokes else (),
        None if receipt[0] is None else ReceiptSummary(*receipt))


class History:
    def __init__(self, db: Database, audit: AuditLog, worker: Callable[[], Worker]) -> None:
        self._db = db
        self._audit = audit
        self._worker = worker

    def history(self, *, client_id: str | None = None, partner_id: str | None = None) -> list[Disclosure]:
        """Every disclosure (newest first) the worker may see: supervisors and privacy officers the whole
        team's, caseworkers their caseload's. Audited, like opening a record."""
        me = self._worker()
        roles.require(me.active, "see the sharing history")
        where, params = [], []
        if client_id is not None:
            self._require_client(me, client_id)
            where.append("m.client_id = ?")
            params.append(client_id)
        if partner_id is not None:
            where.append("m.partner_id = ?")
            params.append(partner_id)
        if not roles.sees_whole_team(me):
            where.append("c.assigned_worker_id = ?")
            params.append(me.id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._db.transaction() as tx:
            rows = tx.query(f"SELECT {_DISCLOSURE} FROM messages m JOIN partners p ON p.id = m.partner_id "
                            "JOIN workers w ON w.id = m.created_by JOIN clients c ON c.id = m.client_id "
                            f"{_LATEST}{clause} ORDER BY m.created_at DESC, m.seq DESC", params)
            out = [_disclosure(row) for row in rows]
            self._audit.append(tx, actor_id=me.id, action=Action.SHARING_HISTORY_VIEW,
                               subject_type="client" if client_id else None, subject_id=client_id,
                               detail={"partner_id": partner_id, "entries": len(out)})
        return out

    def _require_client(self, me: Worker, client_id: str) -> None:
        row = self._db.query_one("SELECT assigned_worker_id FROM clients WHERE id = ?", (client_id,))
        if row is None:
            raise NotFound("That client")
        roles.require(roles.can_read_client(me, row[0]), "see this client's sharing history")

    def client_status(self, client_id: str) -> list[MessageStatus]:
        """The client's messages, newest first (not audited: states only, like a list row)."""
        me = self._worker()
        self._require_client(me, client_id)
        rows = self._db.query(
            "SELECT m.id, m.partner_id, p.name, m.purpose, m.kind, m.channel, m.state, m.state_reason, m.attempts, "
            f"m.created_at, m.last_attempt_at, m.acknowledged_at, m.last_error, (SELECT s.fields FROM message_seals s "
            f"WHERE s.rowid = {_SEAL}) FROM messages m "
            "JOIN partners p ON p.id = m.partner_id WHERE m.client_id = ? ORDER BY m.created_at DESC, m.seq DESC",
            (client_id,))
        return [MessageStatus(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] > 0, int(r[8]), parse_iso(r[9]),
                              _moment(r[10]), _moment(r[11]), r[12], tuple(sorted(json.loads(r[13] or "{}"))))
                for r in rows]

    def partner_status(self) -> list[PartnerStatus]:
        """Per enrolled partner: how many messages sync has where, and how sending has gone (no client named).
        Packets (channel 'packet') travel by hand and are not counted here."""
        roles.require(self._worker().active, "see sending status")
        out = []
        for row in self._db.query(
                "SELECT p.id, p.name, k.key_id, k.inbox_url, COALESCE(s.failures, 0), s.last_attempt_at, "
                "s.next_attempt_at, s.last_success_at, s.last_error FROM partners p JOIN partner_keys k "
                "ON k.partner_id = p.id AND k.replaced_at IS NULL LEFT JOIN partner_sync s ON s.partner_id = p.id "
                "ORDER BY p.name_folded"):
            counts = dict.fromkeys(("queued", "sent", "acknowledged", "refused", "parked", "cancelled"), 0)
            for state, attempted, n in self._db.query(
                    "SELECT state, attempts > 0, count(*) FROM messages WHERE partner_id = ? AND channel = 'sync' "
                    "GROUP BY state, attempts > 0", (row[0],)):
                key = ("sent" if attempted else "queued") if state in ("queued", "sealed") else state
                counts[key] += int(n)
            out.append(PartnerStatus(row[0], row[1], row[2], fingerprint(row[2]), row[3], counts["queued"],
                                     counts["sent"], counts["acknowledged"], counts["refused"], counts["parked"],
                                     counts["cancelled"], int(row[4]), _moment(row[5]), _moment(row[6]),
                                     _moment(row[7]), row[8]))
        return out
