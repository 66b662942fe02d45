"""The sharing history worked out again, independently of the ``disclosures`` index: straight from ``messages``,
``message_seals`` and the audit log's print entries, in Python. Tests compare the index and every filtered read
with this."""

from __future__ import annotations

import json
from dataclasses import dataclass

from tiaki.core.history_filter import BASIS_BITS
from tiaki.store.session import Session


@dataclass(frozen=True)
class Expected:
    id: str
    message_id: str
    channel: str
    kind: str
    client_id: str
    partner_id: str
    worker_id: str
    purpose: str | None
    at: str
    status: str
    bases: int
    override: int
    agreements: frozenset[str]


def _bits(names: set[str]) -> int:
    return sum(1 << BASIS_BITS.index(n) for n in names)


def expected(session: Session) -> dict[str, Expected]:
    db = session._db
    seals: dict[str, list[dict[str, dict[str, object]]]] = {}
    for message_id, fields in db.query("SELECT message_id, fields FROM message_seals"):
        seals.setdefault(str(message_id), []).append(json.loads(fields))
    out: dict[str, Expected] = {}
    for (mid, _device, channel, kind, client, partner, worker, purpose, at, state, attempts,
         decision) in db.query("SELECT id, device_id, channel, kind, client_id, partner_id, created_by, purpose, "
                               "created_at, state, attempts, decision FROM messages"):
        if channel == "packet":
            status = "exported"
        elif state in ("queued", "sealed"):
            status = "sent" if attempts > 0 else "queued"
        else:
            status = state
        chosen: list[dict[str, object]] = []
        if decision:
            doc = json.loads(decision)
            chosen += [v for k, v in doc["allowed"].items() if k not in doc.get("dropped", {})]
        chosen += [v for seal in seals.get(mid, []) for v in seal.values()]
        bases = _bits({str(v["basis"]) for v in chosen})
        agreements = frozenset(str(v["agreement_id"]) for v in chosen if v["agreement_id"])
        out[mid] = Expected(mid, mid, channel, kind, client, partner, worker, purpose, at, status, bases,
                            int(bool(bases & 64)), agreements)
    for entry_id, action, actor, at, detail in db.query(
            "SELECT id, action, actor_id, at, detail FROM audit_log "
            "WHERE action IN ('referral.form_print', 'referral.form_save')"):
        doc = json.loads(detail)
        packet = out[doc["message_id"]]
        pid = doc.get("disclosure_id", entry_id)
        out[pid] = Expected(pid, packet.message_id, "print", "pdf" if action == "referral.form_save" else "print",
                            packet.client_id, packet.partner_id, actor, packet.purpose, at, "printed", packet.bases,
                            packet.override, packet.agreements)
    return out


def indexed(session: Session) -> dict[str, Expected]:
    db = session._db
    agreements: dict[str, set[str]] = {}
    for agreement_id, disclosure_id in db.query("SELECT agreement_id, disclosure_id FROM disclosure_agreements"):
        agreements.setdefault(str(disclosure_id), set()).add(str(agreement_id))
    return {str(r[0]): Expected(*r, agreements=frozenset(agreements.get(str(r[0]), ()))) for r in db.query(
        "SELECT id, message_id, channel, kind, client_id, partner_id, worker_id, purpose, at, status, bases, override "
        "FROM disclosures")}
