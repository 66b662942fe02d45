"""Partner enrolment: pinning a partner's keys from its card, and key rotation.

A device sends to a partner only after a privacy officer enrols the partner's card (having compared its
fingerprint by voice). Every key ever enrolled is kept: envelopes already sealed to an old key are resent as
they are, receipts signed by an old key still verify, and new envelopes are sealed to the current key. A new
key is accepted without another phone call only as a rotation, signed by the key it replaces.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.canonical import canonical_json
from tiaki.core.cards import CardError, PartnerCard, ed25519_public, parse_partner_card, verify_rotation
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.roles import Worker
from tiaki.core.sharing import Partner, PartnerKind
from tiaki.core.text import fold
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Transaction
from tiaki.store.errors import InvalidInput

Reader: TypeAlias = Database | Transaction


@dataclass(frozen=True)
class PartnerEndpoint:
    """Where and how the sync engine reaches one partner."""

    partner_id: str
    name: str
    inbox_url: str
    key_id: str  # the current key: new envelopes are sealed to it
    receipt_keys: Mapping[str, Ed25519PublicKey]  # every key id ever enrolled for the partner -> its receipt key


def current_card(q: Reader, partner_id: str) -> PartnerCard | None:
    """The partner's current card (None: not enrolled)."""
    raw = q.scalar("SELECT card_json FROM partner_keys WHERE partner_id = ? AND replaced_at IS NULL", (partner_id,))
    return None if raw is None else parse_partner_card(str(raw).encode("utf-8"))


def receipt_keys(q: Reader, partner_id: str) -> dict[str, Ed25519PublicKey]:
    """Every receipt key the partner has had, by key id (old ones still sign receipts for old envelopes)."""
    return {str(key_id): ed25519_public(str(key)) for key_id, key in q.query(
        "SELECT key_id, receipt_key FROM partner_keys WHERE partner_id = ? ORDER BY enrolled_at", (partner_id,))}


def _partner(q: Reader, partner_id: str) -> Partner:
    row = q.query_one("SELECT id, name, kind, overseas, ipp12_basis FROM partners WHERE id = ?", (partner_id,))
    assert row is not None
    return Partner(row[0], row[1], PartnerKind(row[2]), bool(row[3]), row[4] or None)


class Enrolment:
    def __init__(self, db: Database, audit: AuditLog, worker: Callable[[], Worker], device_id: str,
                 clock: Clock) -> None:
        self._db = db
        self._audit = audit
        self._worker = worker
        self._device_id = device_id
        self._clock = clock

    def enroll_partner(self, card: PartnerCard) -> Partner:
        """A rotation of a partner's current key, keys for a partner added by name without keys, or a new
        partner described by the card. Enrolling a key that is already enrolled changes nothing."""
        me = self._worker()
        roles.require(roles.can_administer(me), "enrol partners")
        now = iso(self._clock())
        with self._db.transaction() as tx:
            owner = tx.scalar("SELECT partner_id FROM partner_keys WHERE key_id = ?", (card.key_id,))
            if owner is not None:
                return _partner(tx, str(owner))
            if card.replaces is not None:
                replaced = tx.query_one("SELECT partner_id, card_json FROM partner_keys "
                                        "WHERE key_id = ? AND replaced_at IS NULL", (card.replaces,))
                if replaced is not None:
                    return self._rotate(tx, me, str(replaced[0]), str(replaced[1]), card, now)
            partner_id = tx.scalar("SELECT id FROM partners WHERE name_folded = ?", (fold(card.name),))
            if partner_id is None:
                partner_id = new_id()
                tx.execute("INSERT INTO partners (id, name, name_folded, kind, overseas, ipp12_basis, created_at, "
                           "created_by) VALUES (?,?,?,?,?,?,?,?)",
                           (partner_id, card.name, fold(card.name), card.kind.value, int(card.overseas), None, now,
                            me.id))
                self._audit.append(tx, actor_id=me.id, action=Action.PARTNER_ADD, subject_type="partner",
                                   subject_id=partner_id, detail={"kind": card.kind.value, "overseas": card.overseas,
                                                                  "from_card": True})
            elif tx.scalar("SELECT 1 FROM partner_keys WHERE partner_id = ?", (partner_id,)):
                raise InvalidInput("partner_other_key")
            self._insert_key(tx, me, str(partner_id), card, now)
            self._audit.append(tx, actor_id=me.id, action=Action.PARTNER_ENROL, subject_type="partner",
                               subject_id=partner_id, detail={"key_id": card.key_id,
                                                              "inbox": card.inbox_url is not None})
            return _partner(tx, str(partner_id))

    def _rotate(self, tx: Transaction, me: Worker, partner_id: str, old_json: str, card: PartnerCard,
                now: str) -> Partner:
        old = parse_partner_card(old_json.encode("utf-8"))
        try:
            verify_rotation(old, card)
        except CardError:
            raise InvalidInput("partner_rotation_invalid") from None
        tx.execute("UPDATE partner_keys SET replaced_at = ? WHERE key_id = ?", (now, old.key_id))
        self._insert_key(tx, me, partner_id, card, now)
        self._audit.append(tx, actor_id=me.id, action=Action.PARTNER_KEY_ROTATE, subject_type="partner",
                           subject_id=partner_id, detail={"old_key_id": old.key_id, "key_id": card.key_id})
        return _partner(tx, partner_id)

    def _insert_key(self, tx: Transaction, me: Worker, partner_id: str, card: PartnerCard, now: str) -> None:
        tx.execute("INSERT INTO partner_keys (key_id, partner_id, device_id, age_recipient, receipt_key, inbox_url, "
                   "card_json, enrolled_at, enrolled_by) VALUES (?,?,?,?,?,?,?,?,?)",
                   (card.key_id, partner_id, self._device_id, card.age_recipient, card.receipt_key, card.inbox_url,
                    canonical_json(card.to_json()).decode("utf-8"), now, me.id))

    def endpoints(self) -> list[PartnerEndpoint]:
        """Enrolled partners reachable by sync (their current card has an inbox URL), by name."""
        roles.require(self._worker().active, "send to partners")
        out = []
        for partner_id, name, key_id, url in self._db.query(
                "SELECT p.id, p.name, k.key_id, k.inbox_url FROM partners p JOIN partner_keys k "
                "ON k.partner_id = p.id AND k.replaced_at IS NULL WHERE k.inbox_url IS NOT NULL "
                "ORDER BY p.name_folded"):
            out.append(PartnerEndpoint(partner_id, name, url, key_id, receipt_keys(self._db, partner_id)))
        return out

    def keys(self, partner_id: str) -> list[dict[str, object]]:
        """The partner's enrolled keys, newest first: id, inbox URL, when enrolled and replaced (for the UI)."""
        roles.require(self._worker().active, "see partners")
        return [{"key_id": k, "inbox_url": u, "enrolled_at": e, "replaced_at": r, "card": json.loads(c)}
                for k, u, e, r, c in self._db.query(
                    "SELECT key_id, inbox_url, enrolled_at, replaced_at, card_json FROM partner_keys "
                    "WHERE partner_id = ? ORDER BY enrolled_at DESC, key_id", (partner_id,))]
