"""The transactional outbox: what this device has queued, sealed and sent to partners, and what they answered.

One table, ``messages``, is both the outbox and the sharing history, so the two can never disagree. A worker's
share is queued in the same transaction as its audit entry; the sync engine (``tiaki.sync``) seals, sends and
records receipts only through the methods here. A message is marked acknowledged only on a receipt whose
signature verifies against a key enrolled for that partner and that names the digest of a version of the
message this device sealed; anything else about a receipt is refused and nothing is stored.

Message states: queued -> sealed -> (sent: at least one attempt) -> acknowledged | refused | parked; and
cancelled, when a re-decision leaves nothing to send.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.canonical import b64u
from tiaki.core.cards import PartnerCard, SenderCard, sender_card_for, sender_key_id
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.receipts import Receipt, ReceiptError, verify_receipt
from tiaki.core.roles import Worker
from tiaki.core.sharing import Override, Partner
from tiaki.store.audit_batch import AuditBatch, Planned
from tiaki.store.audit_log import AuditLog
from tiaki.store.bulk import IDS, id_list, insert_rows
from tiaki.store.database import Database, Transaction
from tiaki.store.enrolment import Enrolment, PartnerEndpoint, current_card, receipt_keys
from tiaki.store.errors import InvalidInput, NotFound
from tiaki.store.history import Disclosure, History, MessageStatus, PartnerStatus
from tiaki.store.outbox_messages import PendingEnvelope, decision_json
from tiaki.store.sealing import OPEN_STATES, Sealer
from tiaki.store.sharing import decide_in

__all__ = ["Disclosure", "MessageStatus", "Outbox", "PartnerEndpoint", "PartnerStatus", "PendingEnvelope",
           "ReceiptOutcome"]

_QUERY_CONTEXT = b"tiaki-receipt-query/1\x00"
_MAX_ERROR = 200  # error and park reasons are short codes from the sync engine, never a value


@dataclass(frozen=True)
class ReceiptOutcome:
    message_id: str
    state: str  # "acknowledged" | "refused" | "parked"
    reason: str


_RECEIPT_COLUMNS = ("id", "device_id", "message_id", "envelope_id", "status", "reason", "digest", "received_at",
                    "partner_key_id", "signature", "stored_at")


@dataclass(frozen=True)
class _Verdict:
    client_id: str
    state: str  # "acknowledged" | "refused" | "parked"
    reason: str
    action: str
    moves: bool  # the message's state changes
    audited: bool = True  # False: a park or refusal of a message already acknowledged (nothing changes)


class _Judged:
    """A call's receipts judged in order: their outcomes, audit entries and each message's last state change."""

    def __init__(self) -> None:
        self.outcomes: list[ReceiptOutcome] = []
        self.audit: list[Planned] = []
        self._moves: dict[str, tuple[str, str]] = {}  # message id -> (state, reason) it ends in

    def add(self, verdict: _Verdict, receipt: Receipt) -> None:
        if verdict.moves:
            self._moves[receipt.message_id] = (verdict.state, verdict.reason)
        if verdict.audited:
            self.audit.append(Planned(verdict.action, "client", verdict.client_id, {
                "message_id": receipt.message_id, "envelope_id": receipt.envelope_id, "status": receipt.status,
                "reason": receipt.reason, "partner_key_id": receipt.partner_key_id}))
        self.outcomes.append(ReceiptOutcome(receipt.message_id, verdict.state, verdict.reason))

    def write(self, tx: Transaction, now: str) -> None:
        """Each moved message's last move (an acknowledgement after a refusal or a park in the same call
        overwrites both state and reason, as it would one by one; nothing moves after an acknowledgement)."""
        by_move: dict[tuple[str, str], list[str]] = {}
        for message_id, move in self._moves.items():
            by_move.setdefault(move, []).append(message_id)
        for (state, reason), ids in sorted(by_move.items()):
            if state == "acknowledged":
                tx.execute("UPDATE messages SET state = 'acknowledged', state_reason = '', acknowledged_at = ? "
                           f"WHERE id IN (SELECT value FROM {IDS})", (now, id_list(ids)))
            else:
                tx.execute(f"UPDATE messages SET state = ?, state_reason = ? WHERE id IN (SELECT value FROM {IDS})",
                           (state, reason, id_list(ids)))


class Outbox:
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
        self._clock = clock
        self._enrolment = Enrolment(db, audit, worker, device_id, clock)
        self._sealer = Sealer(db, audit, catalogue, worker, organisation, device_id, signing_key, clock)
        self._history = History(db, audit, worker)
        self._batch = AuditBatch(device_id, signing_key, clock)

    # --- this device -------------------------------------------------------------------------------------

    def device_card(self) -> SenderCard:
        """The card a partner's inbox allows this device by (its fingerprint is read out to the partner)."""
        created = self._db.scalar("SELECT created_at FROM device WHERE id = ?", (self._device_id,))
        return sender_card_for(self._organisation(), self._device_id, self._key, str(created))

    @property
    def sender_key_id(self) -> str:
        return sender_key_id(self._key.public_key())

    def sign_receipt_query(self, message_id: str) -> str:
        """Proof, for ``GET /v1/receipts/{id}``, that this device is the message's sender."""
        return b64u(self._key.sign(_QUERY_CONTEXT + message_id.encode("utf-8")))

    # --- partners ------------------------------------------------------------------------------------------

    def enroll_partner(self, card: PartnerCard) -> Partner:
        return self._enrolment.enroll_partner(card)

    def endpoints(self) -> list[PartnerEndpoint]:
        return self._enrolment.endpoints()

    def partner_keys(self, partner_id: str) -> list[dict[str, object]]:
        return self._enrolment.keys(partner_id)

    # --- queueing ------------------------------------------------------------------------------------------

    def queue_share(self, client_id: str, partner_id: str, purpose: str, *, override: Override | None = None) -> str:
        """Queue what the policy engine allows now (the preview) for sending; it is decided again when sealed.
        One transaction: the message and its audit entry. Returns the message id. With a serious-threat
        ``override`` the decision records its justification and author (in the encrypted store only) and the
        disclosure goes to the review queue."""
        me = self._worker()
        if purpose not in self._purposes:
            raise InvalidInput("unknown_purpose")
        at = self._clock()
        with self._db.transaction() as tx:
            row = tx.query_one("SELECT assigned_worker_id, archived_at FROM clients WHERE id = ?", (client_id,))
            if row is None:
                raise NotFound("That client")
            roles.require(roles.can_write_client(me, row[0]), "share this client's record")
            if row[1]:
                raise InvalidInput("archived_client")
            if not tx.scalar("SELECT 1 FROM partners WHERE id = ?", (partner_id,)):
                raise InvalidInput("no_such_partner")
            card = current_card(tx, partner_id)
            if card is None or card.inbox_url is None:
                raise InvalidInput("partner_not_enrolled")
            decision = decide_in(tx, self._catalogue, client_id, partner_id, purpose, at, override=override)
            if not decision.allowed:
                raise InvalidInput("nothing_to_share")
            return self._sealer.insert_message(tx, me, partner_id=partner_id, client_id=client_id, kind="share",
                                               purpose=purpose, decision=decision_json(decision, by=me.id))

    # Listeners: the client and sharing repositories call these inside their own transactions.

    def consent_withdrawn(self, tx: Transaction, consent_id: str, client_id: str, at: dt.datetime) -> None:
        self._sealer.consent_withdrawn(tx, consent_id, client_id, at)

    def client_updated(self, tx: Transaction, client_id: str, fields: frozenset[str]) -> None:
        self._sealer.client_updated(tx, client_id, fields)

    # --- sealing and sending ---------------------------------------------------------------------------------

    def seal_next(self, partner_id: str, *, max_messages: int, now: dt.datetime | None = None
                  ) -> PendingEnvelope | None:
        """Seal the next queued messages for the partner (revocations first) into one envelope, deciding each
        share again at ``now``. None when nothing is left to seal."""
        return self._sealer.seal_next(partner_id, max_messages=max_messages, now=now)

    def pending(self, partner_id: str) -> list[PendingEnvelope]:
        """Sealed envelopes not yet answered for, oldest first, as the bytes first sealed (resent unchanged),
        once those whose legal basis has lapsed since sealing are superseded (``Sealer.lapse_pending``)."""
        roles.require(self._worker().active, "send to partners")
        self._sealer.lapse_pending(partner_id)
        out = []
        for envelope_id, data, attempts in self._db.query(
                "SELECT id, data, attempts FROM envelopes e WHERE partner_id = ? AND state = 'pending' AND EXISTS "
                "(SELECT 1 FROM message_seals s JOIN messages m ON m.id = s.message_id WHERE s.envelope_id = e.id "
                "AND m.channel = 'sync') ORDER BY created_at, rowid", (partner_id,)):
            ids = tuple(r[0] for r in self._db.query(
                "SELECT message_id FROM message_seals WHERE envelope_id = ? ORDER BY position", (envelope_id,)))
            out.append(PendingEnvelope(envelope_id, partner_id, bytes(data), ids, int(attempts)))
        return out

    def unacknowledged_sent(self, partner_id: str) -> list[str]:
        """Messages sent at least once with no final answer yet (the engine asks the inbox for their receipts).
        A message cancelled after it was sent (a withdrawal, an archived client) may be at the partner all the
        same: it is asked for until a receipt says so, or until the partner acknowledges a revocation naming it
        (after which the history's "cancelled" and the revocation say all there is to say)."""
        roles.require(self._worker().active, "send to partners")
        with self._db.transaction() as tx:
            rows = tx.query(
                "SELECT id, state FROM messages m WHERE partner_id = ? AND channel = 'sync' AND attempts > 0 "
                "AND state IN ('queued', 'sealed', 'cancelled') AND (state != 'cancelled' OR NOT EXISTS "
                "(SELECT 1 FROM receipts r WHERE r.message_id = m.id)) ORDER BY seq", (partner_id,))
            revoked: set[str] = set()
            if any(state == "cancelled" for _, state in rows):
                revoked = {r[0] for r in tx.query(
                    "SELECT j.value FROM messages v, json_each(v.revokes) j WHERE v.partner_id = ? "
                    "AND v.state = 'acknowledged' AND v.kind = 'revocation'", (partner_id,))}
        return [message_id for message_id, state in rows if state != "cancelled" or message_id not in revoked]

    def record_attempt(self, envelope_id: str, *, error: str | None) -> None:
        """One sending attempt of an envelope (whatever its outcome, its messages count as sent from now)."""
        me = self._worker()
        roles.require(me.active, "send to partners")
        now = iso(self._clock())
        error = None if error is None else error[:_MAX_ERROR]
        with self._db.transaction() as tx:
            row = tx.query_one("SELECT partner_id, state FROM envelopes WHERE id = ?", (envelope_id,))
            if row is None:
                raise NotFound("That envelope")
            tx.execute("UPDATE envelopes SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? "
                       "WHERE id = ?", (now, error, envelope_id))
            # Not a message the partner has answered for (acknowledged, refused, parked) when the envelope goes
            # again; a message cancelled while this envelope was on its way counts: it may be at the partner.
            tx.execute("UPDATE messages SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? "
                       "WHERE id IN (SELECT message_id FROM message_seals WHERE envelope_id = ?) "
                       "AND state NOT IN ('acknowledged', 'refused', 'parked')", (now, error, envelope_id))
            if row[1] == "superseded":
                # Sent after a withdrawal superseded it (the send was already under way): the partner may hold
                # data under a consent that is withdrawn now, so it is owed a revocation.
                for consent_id, client_id in tx.query(
                        "SELECT DISTINCT j.value, m.client_id FROM message_seals s JOIN messages m "
                        "ON m.id = s.message_id, json_each(s.consent_ids) j JOIN consent_events ce "
                        "ON ce.consent_id = j.value AND ce.kind = 'withdrawn' WHERE s.envelope_id = ?",
                        (envelope_id,)):
                    self._sealer.queue_revocations(tx, me, consent_id, client_id)

    def park(self, message_ids: Sequence[str], reason: str) -> None:
        """Set aside messages the inbox refused in a way retrying cannot fix (they stay in the history). Never
        a revocation: it goes back to the queue and is sealed again on its own (``Sealer.return_revocations``)."""
        me = self._worker()
        roles.require(me.active, "send to partners")
        reason = reason[:_MAX_ERROR]
        with self._db.transaction() as tx:
            returned: dict[str, None] = {}  # envelopes holding a revocation to return, in order
            for message_id in message_ids:
                row = tx.query_one("SELECT client_id, partner_id, kind, envelope_id FROM messages WHERE id = ? "
                                   "AND state IN ('queued', 'sealed')", (message_id,))
                if row is None:
                    continue
                if row[2] == "revocation":
                    if row[3] is not None:
                        returned[row[3]] = None
                    continue
                tx.execute("UPDATE messages SET state = 'parked', state_reason = ? WHERE id = ?", (reason, message_id))
                self._audit.append(tx, actor_id=me.id, action=Action.SHARE_PARK, subject_type="client",
                                   subject_id=row[0], detail={"message_id": message_id, "reason": reason})
                self._close_envelopes(tx, row[1])
            for envelope_id in returned:
                self._sealer.return_revocations(tx, me, envelope_id, reason)

    def requeue_envelope(self, envelope_id: str, reason: str) -> list[str]:
        """The inbox stored nothing of a pending envelope (413: too large for it): the envelope is superseded
        (never sent again) and its unanswered messages go back to the queue under the same ids, to be decided
        and sealed again, in smaller envelopes. Returns the ids requeued (none if the envelope is not pending)."""
        me = self._worker()
        roles.require(me.active, "send to partners")
        with self._db.transaction() as tx:
            state = tx.scalar("SELECT state FROM envelopes WHERE id = ?", (envelope_id,))
            if state is None:
                raise NotFound("That envelope")
            if state != "pending":
                return []
            return self._sealer.supersede(tx, me, envelope_id, reason[:_MAX_ERROR])

    def set_partner_schedule(self, partner_id: str, *, next_attempt_at: dt.datetime | None, failures: int,
                             last_error: str | None) -> None:
        roles.require(self._worker().active, "send to partners")
        now = iso(self._clock())
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO partner_sync (partner_id, next_attempt_at, failures, last_error, last_attempt_at, "
                "last_success_at) VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?3 = 0 THEN ?5 END) "
                "ON CONFLICT (partner_id) DO UPDATE SET next_attempt_at = ?2, failures = ?3, last_error = ?4, "
                "last_attempt_at = ?5, last_success_at = CASE WHEN ?3 = 0 THEN ?5 ELSE last_success_at END",
                (partner_id, iso(next_attempt_at) if next_attempt_at else None, failures,
                 None if last_error is None else last_error[:_MAX_ERROR], now))

    # --- receipts ------------------------------------------------------------------------------------------

    def record_receipts(self, partner_id: str, receipts: Sequence[Receipt]) -> list[ReceiptOutcome]:
        """Verify and store the partner's receipts and move their messages on. All or nothing: one receipt
        that does not verify, names a message this device did not send to the partner, is signed by a key of
        the partner's that no version of the message was sealed to (the inbox signs with the key the envelope
        was sealed to), or names a digest this device never sealed for the message (any answer but a conflict,
        whose digest is the inbox's copy) raises ReceiptError and stores nothing. Receipts are judged in order,
        as if recorded one by one (a later receipt for the same message sees the state an earlier one left),
        and written together: one transaction whatever their number."""
        me = self._worker()
        roles.require(me.active, "send to partners")
        now = iso(self._clock())
        with self._db.transaction() as tx:
            keys = receipt_keys(tx, partner_id)
            ids = id_list(sorted({r.message_id for r in receipts}))
            found = {m: (client_id, state) for m, client_id, state in tx.query(
                f"SELECT m.id, m.client_id, m.state FROM {IDS} CROSS JOIN messages m ON m.id = j.value "
                "WHERE m.partner_id = ?", (ids, partner_id))}
            sealed: dict[str, set[str]] = {}  # message id -> the digests of its sealed versions
            sealed_to: dict[str, set[str]] = {}  # message id -> the partner key ids they were sealed to
            for message_id, digest, key_id in tx.query(
                    f"SELECT s.message_id, s.digest, e.recipient_key_id FROM {IDS} CROSS JOIN message_seals s "
                    "ON s.message_id = j.value JOIN envelopes e ON e.id = s.envelope_id", (ids,)):
                sealed.setdefault(message_id, set()).add(digest)
                sealed_to.setdefault(message_id, set()).add(key_id)
            judged = _Judged()
            for receipt in receipts:
                judged.add(self._judge(keys, found, sealed, sealed_to, receipt), receipt)
            insert_rows(tx, "receipts", _RECEIPT_COLUMNS, [
                (new_id(), self._device_id, r.message_id, r.envelope_id, r.status, r.reason, r.digest, r.received_at,
                 r.partner_key_id, r.signature, now) for r in receipts])
            judged.write(tx, now)
            self._batch.append_all(tx, me.id, judged.audit)
            self._close_envelopes(tx, partner_id)
        return judged.outcomes

    @staticmethod
    def _judge(keys: Mapping[str, Ed25519PublicKey], found: dict[str, tuple[str, str]],
               sealed: Mapping[str, set[str]], sealed_to: Mapping[str, set[str]], receipt: Receipt) -> _Verdict:
        """One receipt checked and judged against the message's state so far (``found``, updated)."""
        key = keys.get(receipt.partner_key_id)
        if key is None:
            raise ReceiptError("unknown_key", "The receipt is signed by a key not enrolled for this partner.")
        verify_receipt(receipt, key)
        row = found.get(receipt.message_id)
        if row is None:
            raise ReceiptError("unknown_message", "The receipt names a message not sent to this partner.")
        client_id, state = row
        if receipt.partner_key_id not in sealed_to.get(receipt.message_id, ()):  # an old key signs only its own
            raise ReceiptError("wrong_key", "The receipt is signed by a key the message was never sealed to.")
        ours = receipt.digest in sealed.get(receipt.message_id, ())
        if not ours and receipt.reason != "conflict":  # (a conflict names the inbox's copy, which may not be ours)
            raise ReceiptError("digest_mismatch", "The receipt names a version of the message this device never "
                                                  "sealed.")
        if receipt.delivered or (receipt.reason == "conflict" and ours):
            verdict, reason, action = "acknowledged", "", Action.SHARE_ACK  # (a conflict: it holds our earlier one)
        elif receipt.reason == "consent_revoked":
            verdict, reason, action = "refused", "consent_revoked", Action.SHARE_REFUSED
        else:
            verdict, reason, action = "parked", receipt.reason or receipt.status, Action.SHARE_PARK
        # Acknowledged also from 'cancelled' or 'parked': the partner proves it holds the message, and history
        # says so. Any other answer moves only a message still open.
        moves = state != "acknowledged" if verdict == "acknowledged" else state in OPEN_STATES
        if moves:
            found[receipt.message_id] = (client_id, verdict)
        return _Verdict(client_id, verdict, reason, action, moves, verdict == "acknowledged" or state != "acknowledged")

    @staticmethod
    def _close_envelopes(tx: Transaction, partner_id: str) -> None:
        """A pending envelope whose messages all have a final state is answered for: it is not sent again."""
        tx.execute("UPDATE envelopes SET state = 'acknowledged' WHERE partner_id = ? AND state = 'pending' "
                   "AND NOT EXISTS (SELECT 1 FROM message_seals s JOIN messages m ON m.id = s.message_id "
                   "WHERE s.envelope_id = envelopes.id AND m.state IN ('queued', 'sealed'))", (partner_id,))

    # --- for people ----------------------------------------------------------------------------------------

    def partner_status(self) -> list[PartnerStatus]:
        return self._history.partner_status()

    def client_status(self, client_id: str) -> list[MessageStatus]:
        return self._history.client_status(client_id)

    def history(self, *, client_id: str | None = None, partner_id: str | None = None) -> list[Disclosure]:
        return self._history.history(client_id=client_id, partner_id=partner_id)
