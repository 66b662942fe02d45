"""``session.reviews``: the review queue of a supervisor or privacy officer.

Four questions are asked of the history: a serious-threat override (IPP 11(1)(f)) must be looked at by
someone other than its author; a sync message sent long ago with no receipt; a disclosure made under an
agreement that has since ended; a revocation the partner has not acknowledged. An item leaves the queue once a
reviewer records a decision and a comment (append-only ``reviews`` rows; the audit entry carries the
decision and the comment's length, never its text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.clock import Clock, iso, new_id, parse_iso
from tiaki.core.review import (
    NO_RECEIPT_DAYS,
    REVIEW_KINDS,
    ReviewError,
    ReviewItem,
    ReviewRecord,
    check_comment,
    check_decision,
    item_id,
    parse_item_id,
)
from tiaki.core.roles import AccessDenied, Worker
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Transaction

_UNDECIDED = "NOT EXISTS (SELECT 1 FROM reviews v WHERE v.item_kind = ? AND v.disclosure_id = d.id)"
_FIRST_SEAL = "(SELECT min(s.sealed_at) FROM message_seals s WHERE s.message_id = d.id)"
# Each kind: its condition over disclosures d (with ?1 = now, ?2 = the no-receipt cut-off) and its detail.
_KINDS: dict[str, tuple[str, str]] = {
    "override": ("d.override = 1 AND d.channel != 'print'", "'override'"),
    "no_receipt": (
        "d.status = 'sent' AND d.channel = 'sync' AND d.kind IN ('share', 'update') "
        "AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = d.id) "
        f"AND {_FIRST_SEAL} < ?2",
        f"'days:' || CAST(julianday(?1) - julianday({_FIRST_SEAL}) AS INTEGER)"),
    "expired_agreement": (
        "d.status IN ('sent', 'acknowledged', 'exported') AND EXISTS (SELECT 1 FROM disclosure_agreements g "
        "JOIN agreements a ON a.id = g.agreement_id WHERE g.disclosure_id = d.id AND a.valid_until < ?1)",
        "(SELECT 'agreement:' || a.id || ':expired:' || substr(a.valid_until, 1, 10) FROM disclosure_agreements g "
        "JOIN agreements a ON a.id = g.agreement_id WHERE g.disclosure_id = d.id AND a.valid_until < ?1 "
        "ORDER BY a.valid_until, a.id LIMIT 1)"),
    "unacked_revocation": ("d.kind = 'revocation' AND d.status NOT IN ('acknowledged', 'cancelled')",
                           "'status:' || d.status"),
}
_ITEM = ("d.id, d.at, d.client_id, d.partner_id, p.name, d.worker_id, COALESCE(NULLIF(w.display_name, ''), w.name), "
         "d.purpose")
_REVIEW = ("v.id, v.item_kind, v.disclosure_id, v.decision, v.comment, v.reviewer_id, "
           "COALESCE(NULLIF(w.display_name, ''), w.name), v.at")


def _record(row: Any) -> ReviewRecord:
    return ReviewRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], parse_iso(row[7]))


class ReviewQueue:
    def __init__(self, db: Database, audit: AuditLog, worker: Callable[[], Worker], device_id: str,
                 clock: Clock) -> None:
        self._db = db
        self._audit = audit
        self._worker = worker
        self._device_id = device_id
        self._clock = clock

    def _reviewer(self) -> Worker:
        me = self._worker()
        roles.require(roles.can_review_disclosures(me), "review disclosures")
        return me

    def items(self, *, no_receipt_days: int = NO_RECEIPT_DAYS, now: dt.datetime | None = None) -> list[ReviewItem]:
        """Every undecided item, oldest first."""
        self._reviewer()
        return _items(self._db, now or self._clock(), no_receipt_days)

    def counts(self, *, no_receipt_days: int = NO_RECEIPT_DAYS, now: dt.datetime | None = None) -> dict[str, int]:
        """Undecided items of each kind (every kind present, zero or not)."""
        self._reviewer()
        at = now or self._clock()
        out = {}
        for kind in REVIEW_KINDS:
            where, _ = _KINDS[kind]
            out[kind] = int(self._db.scalar(
                f"SELECT count(*) FROM disclosures d WHERE {where} AND {_UNDECIDED.replace('?', '?3')}",
                (iso(at), iso(at - dt.timedelta(days=no_receipt_days)), kind)))
        return out

    def decide(self, item: str, decision: str, comment: str) -> ReviewRecord:
        """Record a decision on an item in the queue now: one transaction, the review and its audit entry."""
        me = self._reviewer()
        kind, disclosure_id = parse_item_id(item)
        decision = check_decision(decision)
        comment = check_comment(comment)
        now = self._clock()
        with self._db.transaction() as tx:
            if tx.scalar("SELECT 1 FROM reviews WHERE item_kind = ? AND disclosure_id = ?", (kind, disclosure_id)):
                raise ReviewError("already_reviewed", "That item has been reviewed already.")
            author = tx.scalar("SELECT worker_id FROM disclosures WHERE id = ?", (disclosure_id,))
            # (any age: an item the reviewer was shown with a shorter no-receipt period is still open)
            if author is None or not _in_queue(tx, kind, disclosure_id, now, 0):
                raise ReviewError("item", "That item is not in the review queue.")
            if author == me.id:
                raise AccessDenied("You cannot review a disclosure you made yourself.")
            review_id = new_id()
            tx.execute("INSERT INTO reviews (id, device_id, item_kind, disclosure_id, decision, comment, reviewer_id, "
                       "at) VALUES (?,?,?,?,?,?,?,?)",
                       (review_id, self._device_id, kind, disclosure_id, decision, comment, me.id, iso(now)))
            self._audit.append(tx, actor_id=me.id, action=Action.REVIEW_DECIDE, subject_type="disclosure",
                               subject_id=disclosure_id, detail={"kind": kind, "decision": decision,
                                                                 "review_id": review_id,
                                                                 "comment_length": len(comment)})
        return ReviewRecord(review_id, kind, disclosure_id, decision, comment, me.id, me.display_name or me.name,
                            parse_iso(iso(now)))

    def decisions(self, disclosure_id: str | None = None) -> list[ReviewRecord]:
        """Decisions recorded, oldest first (of one disclosure, or all)."""
        self._reviewer()
        return decisions(self._db, disclosure_id)


def decisions(db: Database | Transaction, disclosure_id: str | None) -> list[ReviewRecord]:
    where, params = ("WHERE v.disclosure_id = ?", [disclosure_id]) if disclosure_id is not None else ("", [])
    return [_record(r) for r in db.query(f"SELECT {_REVIEW} FROM reviews v JOIN workers w ON w.id = v.reviewer_id "
                                         f"{where} ORDER BY v.at, v.id", params)]


def _in_queue(tx: Transaction, kind: str, disclosure_id: str, now: dt.datetime, days: int) -> bool:
    where, _ = _KINDS[kind]
    return bool(tx.scalar(f"SELECT 1 FROM disclosures d WHERE d.id = ?3 AND {where}",
                          (iso(now), iso(now - dt.timedelta(days=days)), disclosure_id)))


def _items(db: Database, now: dt.datetime, days: int) -> list[ReviewItem]:
    out = []
    for kind in REVIEW_KINDS:
        where, detail = _KINDS[kind]
        for r in db.query(f"SELECT {_ITEM}, {detail} FROM disclosures d JOIN partners p ON p.id = d.partner_id "
                          f"JOIN workers w ON w.id = d.worker_id WHERE {where} AND {_UNDECIDED.replace('?', '?3')} "
                          "ORDER BY d.at, d.id", (iso(now), iso(now - dt.timedelta(days=days)), kind)):
            out.append(ReviewItem(item_id(kind, r[0]), kind, r[0], parse_iso(r[1]), r[2], r[3], r[4], r[5], r[6],
                                  r[7], str(r[8])))
    out.sort(key=lambda i: (i.at, REVIEW_KINDS.index(i.kind), i.disclosure_id))
    return out
