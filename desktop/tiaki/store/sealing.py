"""The outbox's decisions: queueing, sealing with re-decision, and what a consent withdrawal or an edit changes.

What was allowed when a worker queued a share is not trusted at sending: ``seal_next`` asks the policy engine
again, at that moment, from the client's current values, and sends only fields allowed both then and now.
Fields that were allowed but no longer are ("dropped") are recorded with their reason; a message with nothing
left is cancelled. A share queued under a serious-threat override (IPP 11(1)(f)) is decided again under that same
override, read back from its stored decision (``Message.override``), in every re-decision (sealing, a lapse check,
a withdrawal): its fields stay allowed on ``serious_threat``, which rests on no consent or agreement (an anonymous
record is still withheld). A share queued without one never gains one.

Values are read from the store and exist only in memory until they are sealed to the partner's key; the store
keeps the envelope bytes (which it cannot read back) and, per sealed version, which fields went on which basis —
never a value.

A sealed envelope is resent byte for byte until the partner acknowledges it, while what it carries is still
allowed on the basis it was sealed on: a withdrawal, or a basis that lapsed since (a consent expired, an
agreement ended, the client archived), supersedes the envelope and sends its messages back to the queue under
the same ids, to be decided and sealed again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.envelope import MAX_ENVELOPE_BYTES, MAX_MESSAGES, message_digest, seal
from tiaki.core.reasons import Reason
from tiaki.core.roles import Worker
from tiaki.store.audit_batch import AuditBatch, Planned
from tiaki.store.audit_log import AuditLog
from tiaki.store.bulk import IDS, id_list, insert_rows
from tiaki.store.database import Database, Transaction
from tiaki.store.decision_inputs import PartnerTerms, client_inputs, decide_for, latest_withdrawal, partner_terms
from tiaki.store.enrolment import current_card
from tiaki.store.outbox_messages import (
    MESSAGE_COLUMNS,
    Message,
    PendingEnvelope,
    Redecision,
    SealRecordJson,
    basis_of,
    decision_json,
    message_from,
    redecision,
    sealed_share,
    stored_override,
)
from tiaki.store.sharing import decide_in

ARCHIVED = "archived_client"  # a message for a client archived after it was queued is cancelled
OPEN_STATES = ("queued", "sealed")  # deliverable: not yet answered for
LAPSED = "basis_lapsed"  # a pending envelope carries a field no longer allowed on the basis it was sealed on

_SEAL_COLUMNS = ("id", "device_id", "message_id", "envelope_id", "position", "digest", "sealed_at", "fields",
                 "withheld", "dropped", "consent_ids")
_PAGE = 500  # at most this many queued messages read (and their clients loaded) at once
# A revocation the inbox refused on its own is sealed again no sooner than this after the refused attempt.
REFUSED_PAUSE = dt.timedelta(minutes=15)


def not_before(now: dt.datetime | None, clock_now: dt.datetime) -> dt.datetime:
    """The instant to decide at: ``now`` if given, but never earlier than the clock (a caller's stale ``now``
    must not bring a withdrawn consent back to life). Sealing also moves it past every recorded withdrawal of
    its clients (``latest_withdrawal``), for a clock stepped back after one."""
    return clock_now if now is None else max(now, clock_now)


def _cancelled(msg: Message, reason: str) -> Planned:
    return Planned(Action.SHARE_CANCEL, "client", msg.client_id, {"message_id": msg.id, "reason": reason})


class Sealer:
    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, worker: Callable[[], Worker],
                 organisation: Callable[[], str], device_id: str, signing_key: Ed25519PrivateKey,
                 clock: Clock) -> None:
        self._db = db
        self._audit = audit
        self._catalogue = catalogue
        self._worker = worker
        self._organisation = organisation
        self._device_id = device_id
        self._key = signing_key
        self._clock = clock
        self._batch = AuditBatch(device_id, signing_key, clock)

    # --- queueing ---------------------------------------------------------------------------------------

    def insert_message(self, tx: Transaction, me: Worker, *, partner_id: str, client_id: str, kind: str,
                       purpose: str | None = None, decision: str | None = None, consent_id: str | None = None,
                       revokes: Iterable[str] = ()) -> str:
        """One queued message and its audit entry, in the caller's transaction."""
        message_id = new_id()
        seq = int(tx.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages"))
        revoked = sorted(revokes)
        tx.execute("INSERT INTO messages (id, device_id, partner_id, client_id, purpose, kind, created_at, "
                   "created_by, seq, decision, consent_id, revokes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (message_id, self._device_id, partner_id, client_id, purpose, kind, iso(self._clock()), me.id,
                    seq, decision, consent_id, json.dumps(revoked) if kind == "revocation" else None))
        if kind == "revocation":
            self._audit.append(tx, actor_id=me.id, action=Action.REVOCATION_QUEUE, subject_type="client",
                               subject_id=client_id, detail={"message_id": message_id, "partner_id": partner_id,
                                                             "consent_id": consent_id, "revokes": revoked})
        else:
            queued = json.loads(decision or "{}")
            detail: dict[str, Any] = {"message_id": message_id, "partner_id": partner_id, "purpose": purpose,
                                      "kind": kind, "fields": sorted(queued.get("allowed", {}))}
            if "override" in queued:  # the justification stays in the message (encrypted store), never here
                detail["needs_review"] = True
            self._audit.append(tx, actor_id=me.id, action=Action.SHARE_QUEUE, subject_type="client",
                               subject_id=client_id, detail=detail)
        return message_id

    # --- deciding again -----------------------------------------------------------------------------------

    def redecide(self, tx: Transaction, msg: Message, at: dt.datetime) -> Redecision:
        assert msg.purpose is not None
        return redecision(msg, decide_in(tx, self._catalogue, msg.client_id, msg.partner_id, msg.purpose, at,
                                         override=msg.override))

    def cancel(self, tx: Transaction, me: Worker, msg: Message, reason: str) -> None:
        self._cancel_all(tx, me, [(msg, reason)])

    def _cancel_all(self, tx: Transaction, me: Worker, cancels: Sequence[tuple[Message, str]]) -> None:
        by_reason: dict[str, list[str]] = {}
        for msg, reason in cancels:
            by_reason.setdefault(reason, []).append(msg.id)
        for reason, ids in by_reason.items():
            tx.execute("UPDATE messages SET state = 'cancelled', state_reason = ?, envelope_id = NULL "
                       f"WHERE id IN (SELECT value FROM {IDS})", (reason, id_list(ids)))
        self._batch.append_all(tx, me.id, [_cancelled(msg, reason) for msg, reason in cancels])

    # --- sealing ------------------------------------------------------------------------------------------

    def seal_next(self, partner_id: str, *, max_messages: int,
                  now: dt.datetime | None = None) -> PendingEnvelope | None:
        """The next queued messages, each share decided again at ``now``, sealed into one envelope in one
        transaction (nothing is written if any step fails). The partner's terms are read once and the clients'
        inputs a page of messages at a time; the policy engine is still asked once per message."""
        if max_messages < 1:
            raise ValueError("max_messages must be at least 1")
        me = self._worker()
        roles.require(me.active, "send to partners")
        at = not_before(now, self._clock())
        limit = min(max_messages, MAX_MESSAGES)
        with self._db.transaction() as tx:
            card = current_card(tx, partner_id)
            if card is None or card.inbox_url is None:
                return None
            picked: list[tuple[Message, Redecision | None, Mapping[str, str]]] = []
            cancels: list[tuple[Message, str]] = []
            terms: PartnerTerms | None = None
            for page in self._queued(tx, partner_id, lambda: limit - len(picked), at):
                shares = [m for m in page if m.kind != "revocation"]
                inputs = client_inputs(tx, {m.client_id for m in shares},
                                       values_of={f for m in shares for f in m.queued_fields})
                at = latest_withdrawal(inputs.values(), at)
                for msg in page:
                    if msg.kind == "revocation":
                        picked.append((msg, None, {}))
                        continue
                    client = inputs[msg.client_id]
                    if client.archived:
                        cancels.append((msg, ARCHIVED))
                        continue
                    assert msg.purpose is not None
                    terms = terms or partner_terms(tx, partner_id)
                    outcome = redecision(msg, decide_for(self._catalogue, client, terms, msg.purpose, at,
                                                         msg.override))
                    if not outcome.fields:
                        cancels.append((msg, outcome.why_nothing))
                        continue
                    picked.append((msg, outcome, client.values))
            if cancels:
                self._cancel_all(tx, me, cancels)
            if not picked:
                return None
            sealed_at = iso(at)  # the latest instant any of its messages was decided at
            organisation = self._organisation() if any(o is not None for _, o, _ in picked) else ""
            chosen: list[tuple[Message, dict[str, Any], Redecision | None]] = [
                (msg, self._revocation(tx, msg) if outcome is None
                 else sealed_share(msg, outcome, values, organisation, sealed_at), outcome)
                for msg, outcome, values in picked]
            envelope_id = new_id()
            while True:  # an envelope an inbox would refuse as too large carries fewer messages (the rest wait)
                data = seal([m for _, m, _ in chosen], envelope_id=envelope_id, sender_device_id=self._device_id,
                            sender_key=self._key, recipient=card, created_at=sealed_at)
                if len(data) <= MAX_ENVELOPE_BYTES or len(chosen) == 1:
                    break
                chosen = chosen[:len(chosen) // 2]
            tx.execute("INSERT INTO envelopes (id, device_id, partner_id, recipient_key_id, data, created_at) "
                       "VALUES (?,?,?,?,?,?)", (envelope_id, self._device_id, partner_id, card.key_id, data, sealed_at))
            ids = self._record_seals(tx, me, chosen, envelope_id, sealed_at, card.key_id)
        return PendingEnvelope(envelope_id, partner_id, data, ids, 0)

    @staticmethod
    def _queued(tx: Transaction, partner_id: str, wanted: Callable[[], int],
                at: dt.datetime) -> Iterator[list[Message]]:
        """The partner's queued messages in sealing order: revocations, in an envelope of their own (so no
        refusal of a share can hold one back), else the rest by queue order; a page at a time of at most as many
        as are still ``wanted`` (each one read is either sealed or cancelled, so a long queue is never read
        further than one envelope needs). A revocation refused on its own waits ``REFUSED_PAUSE``."""
        paused = iso(at - REFUSED_PAUSE)
        for kinds in ("= 'revocation' AND NOT (state_reason != '' AND COALESCE(last_attempt_at, '') > ?2)",
                      "!= 'revocation'"):
            last, found = 0, False
            while (size := min(wanted(), _PAGE)) > 0:
                rows = tx.query(f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE partner_id = ?1 AND state = 'queued' "
                                f"AND channel = 'sync' AND kind {kinds} AND seq > ?3 ORDER BY seq LIMIT ?4",
                                (partner_id, paused, last, size))
                if rows:
                    found = True
                    yield [message_from(row) for row in rows]
                if len(rows) < size:
                    break
                last = int(rows[-1][13])
            if found:
                return

    def _record_seals(self, tx: Transaction, me: Worker, chosen: Sequence[tuple[Message, Mapping[str, Any],
                      Redecision | None]], envelope_id: str, sealed_at: str, key_id: str) -> tuple[str, ...]:
        """Each message's seal (which fields went on which basis, never a value), its new state, and the audit
        entries: one per message with dropped fields, then the envelope's."""
        seals, drops = [], []
        text = SealRecordJson()
        for position, (msg, message, outcome) in enumerate(chosen):
            consents = [msg.consent_id] if msg.consent_id else sorted(
                {a.consent_id for a in (outcome.fields.values() if outcome else ()) if a.consent_id})
            seals.append((new_id(), self._device_id, msg.id, envelope_id, position, message_digest(message),
                          sealed_at, text.fields(outcome.fields if outcome else {}),
                          text.reasons(outcome.withheld if outcome else {}),
                          text.reasons(outcome.dropped if outcome else {}), json.dumps(consents)))
            new_drops = {} if outcome is None else {
                f: r for f, r in outcome.dropped.items() if f not in msg.dropped_before}  # (those were audited)
            if new_drops:
                drops.append(Planned(Action.SHARE_DROP, "client", msg.client_id,
                                     {"message_id": msg.id, "dropped": new_drops}))
        insert_rows(tx, "message_seals", _SEAL_COLUMNS, seals)
        ids = tuple(msg.id for msg, _, _ in chosen)
        tx.execute(f"UPDATE messages SET state = 'sealed', state_reason = '', envelope_id = ? "
                   f"WHERE id IN (SELECT value FROM {IDS})", (envelope_id, id_list(ids)))
        self._batch.append_all(tx, me.id, [*drops, Planned(
            Action.SHARE_SEAL, "partner", chosen[0][0].partner_id,
            {"envelope_id": envelope_id, "message_ids": list(ids), "key_id": key_id})])
        return ids

    @staticmethod
    def _revocation(tx: Transaction, msg: Message) -> dict[str, Any]:
        withdrawn_at = tx.scalar("SELECT MIN(at) FROM consent_events WHERE consent_id = ? AND kind = 'withdrawn'",
                                 (msg.consent_id,))
        return {"id": msg.id, "kind": "revocation", "client_id": msg.client_id, "created_at": msg.created_at,
                "consent_id": msg.consent_id, "withdrawn_at": withdrawn_at, "message_ids": sorted(msg.revokes)}

    # --- what a withdrawal changes ------------------------------------------------------------------------

    def consent_withdrawn(self, tx: Transaction, consent_id: str, client_id: str, at: dt.datetime) -> None:
        """Unacknowledged messages that relied on the consent are decided again at the withdrawal instant:
        nothing left, cancelled; else back to the queue (a sealed envelope is superseded). Partners that were
        sent data under the consent are sent a revocation. A referral packet already left by hand: its history
        stays as it left (it is no longer handed out again: ``referrals.packet_data``)."""
        me = self._worker()
        superseded: set[str] = set()
        for row in tx.query(f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE client_id = ? AND kind != 'revocation' "
                            "AND state IN ('queued', 'sealed') AND channel = 'sync' ORDER BY seq", (client_id,)):
            msg = message_from(row)
            if not self._relied_on(tx, msg, consent_id):
                continue
            if msg.state == "sealed" and msg.envelope_id and msg.envelope_id not in superseded:
                superseded.add(msg.envelope_id)
                self.supersede(tx, me, msg.envelope_id)
            msg = self._drop_withdrawn(tx, me, msg, consent_id)
            if not self.redecide(tx, msg, at).fields:
                self.cancel(tx, me, msg, Reason.CONSENT_WITHDRAWN.value)
        self.queue_revocations(tx, me, consent_id, client_id)

    def _drop_withdrawn(self, tx: Transaction, me: Worker, msg: Message, consent_id: str) -> Message:
        """The fields queued under the withdrawn consent leave the message's queued decision for good (recorded
        as dropped, audited): sealing never sends them, whatever its clock says. Another basis for the same
        field is a new decision, for a worker to make by sharing again."""
        gone = {f: Reason.CONSENT_WITHDRAWN.value for f, basis in msg.queued_fields.items()
                if basis.get("consent_id") == consent_id}
        if not gone or msg.decision is None:
            return msg
        decision = {**msg.decision, "dropped": {**msg.dropped_before, **gone}}
        text = json.dumps(decision, sort_keys=True)
        tx.execute("UPDATE messages SET decision = ? WHERE id = ?", (text, msg.id))
        self._audit.append(tx, actor_id=me.id, action=Action.SHARE_DROP, subject_type="client",
                           subject_id=msg.client_id, detail={"message_id": msg.id, "dropped": gone})
        return dataclasses.replace(msg, decision=decision)

    @staticmethod
    def _relied_on(tx: Transaction, msg: Message, consent_id: str) -> bool:
        if any(basis.get("consent_id") == consent_id for basis in msg.queued_fields.values()):
            return True
        return bool(tx.scalar("SELECT 1 FROM message_seals s, json_each(s.consent_ids) j WHERE s.message_id = ? "
                              "AND j.value = ?", (msg.id, consent_id)))

    def supersede(self, tx: Transaction, me: Worker, envelope_id: str, reason: str = "") -> list[str]:
        """The envelope will not be sent again; its unanswered messages go back to the queue (same ids), which
        are returned. ``reason``: why, for the audit entry (a consent change says nothing)."""
        tx.execute("UPDATE envelopes SET state = 'superseded' WHERE id = ? AND state = 'pending'", (envelope_id,))
        requeued = [r[0] for r in tx.query("SELECT id FROM messages WHERE envelope_id = ? AND state = 'sealed'",
                                           (envelope_id,))]
        tx.execute("UPDATE messages SET state = 'queued', envelope_id = NULL WHERE envelope_id = ? "
                   "AND state = 'sealed'", (envelope_id,))
        detail: dict[str, object] = {"message_ids": requeued}
        if reason:
            detail["reason"] = reason
        self._audit.append(tx, actor_id=me.id, action=Action.SHARE_REQUEUE, subject_type="envelope",
                           subject_id=envelope_id, detail=detail)
        return requeued

    def lapse_pending(self, partner_id: str, now: dt.datetime | None = None) -> list[str]:
        """A pending envelope is resent byte for byte only while every field it carries is still allowed on the
        basis it was sealed on: once a consent expires, an agreement ends, the client is archived or a value
        is cleared, the envelope is superseded and its messages go back to the queue (same ids), so the next
        seal decides again. Decided as sealing does (``not_before``, ``latest_withdrawal``). Returns the ids
        of the envelopes superseded, oldest first."""
        me = self._worker()
        with self._db.transaction() as tx:
            rows = tx.query(
                "SELECT e.id, m.client_id, m.purpose, s.fields, json_extract(m.decision, '$.override') "
                "FROM envelopes e JOIN message_seals s "
                "ON s.envelope_id = e.id JOIN messages m ON m.id = s.message_id AND m.envelope_id = e.id "
                "WHERE e.partner_id = ? AND e.state = 'pending' AND m.state = 'sealed' AND m.kind != 'revocation' "
                "AND m.channel = 'sync' "
                "ORDER BY e.created_at, e.rowid, s.position", (partner_id,))
            if not rows:
                return []
            inputs = client_inputs(tx, {r[1] for r in rows})
            at = latest_withdrawal(inputs.values(), not_before(now, self._clock()))
            terms = partner_terms(tx, partner_id)
            # (client, purpose, under an override) -> field -> basis: an override's justification does not change
            # what it allows, only whether it is there
            allowed: dict[tuple[str, str, bool], dict[str, dict[str, Any]]] = {}
            lapsed: dict[str, None] = {}
            for envelope_id, client_id, purpose, fields, override_json in rows:
                if envelope_id in lapsed:
                    continue
                client = inputs[client_id]
                override = None if override_json is None else stored_override(
                    {"override": json.loads(override_json)})
                key = (client_id, purpose, override is not None)
                now_allowed = allowed.get(key)
                if now_allowed is None:
                    now_allowed = allowed[key] = {} if client.archived else {
                        a.field: basis_of(a)
                        for a in decide_for(self._catalogue, client, terms, purpose, at, override).allowed}
                if any(now_allowed.get(f) != basis for f, basis in json.loads(fields).items()):
                    lapsed[envelope_id] = None
            for envelope_id in lapsed:
                self.supersede(tx, me, envelope_id, LAPSED)
        return list(lapsed)

    def return_revocations(self, tx: Transaction, me: Worker, envelope_id: str, reason: str) -> None:
        """The inbox refused the envelope (a 4xx that resending cannot fix): its revocations are never set aside,
        since the partner is owed them. They go back to the queue, to be sealed in an envelope of their own: at
        once if they travelled with shares (the refusal may be theirs), else not before ``REFUSED_PAUSE`` after
        the refused attempt (the refusal is about the revocations; sealing them again at once would loop)."""
        alone = not tx.scalar("SELECT 1 FROM message_seals s JOIN messages m ON m.id = s.message_id "
                              "WHERE s.envelope_id = ? AND m.kind != 'revocation'", (envelope_id,))
        returned = self.supersede(tx, me, envelope_id, reason)
        if alone and returned:
            tx.execute(f"UPDATE messages SET state_reason = ? WHERE id IN (SELECT value FROM {IDS})",
                       (reason, id_list(returned)))

    def queue_revocations(self, tx: Transaction, me: Worker, consent_id: str, client_id: str) -> None:
        """A revocation to every partner that was sent (at least one attempt) or acknowledged a message relying
        on the consent, naming the messages it has not already revoked. Safe to call again."""
        sent: dict[str, set[str]] = {}
        for partner_id, message_id in tx.query(
                "SELECT DISTINCT m.partner_id, m.id FROM messages m JOIN message_seals s ON s.message_id = m.id "
                "JOIN envelopes e ON e.id = s.envelope_id, json_each(s.consent_ids) j "
                "WHERE m.client_id = ? AND m.kind != 'revocation' AND j.value = ? "
                "AND (e.attempts > 0 OR m.state = 'acknowledged')", (client_id, consent_id)):
            sent.setdefault(partner_id, set()).add(message_id)
        for partner_id, ids in sorted(sent.items()):
            for (revoked,) in tx.query("SELECT revokes FROM messages WHERE kind = 'revocation' AND partner_id = ? "
                                       "AND consent_id = ? AND state IN ('queued', 'sealed', 'acknowledged')",
                                       (partner_id, consent_id)):  # one set aside or refused is owed again
                ids -= set(json.loads(revoked))
            if ids:
                self.insert_message(tx, me, partner_id=partner_id, client_id=client_id, kind="revocation",
                                    consent_id=consent_id, revokes=ids)

    # --- what an edit changes -----------------------------------------------------------------------------

    def client_updated(self, tx: Transaction, client_id: str, fields: frozenset[str]) -> None:
        """Queue an update for each partner and purpose this client was shared with by sync under an agreement
        that lets updates flow, carrying the changed fields the policy engine allows now (a referral packet is a
        one-off: edits after it do not follow it)."""
        me = self._worker()
        at = self._clock()
        targets = tx.query(
            "SELECT DISTINCT m.partner_id, m.purpose FROM messages m JOIN message_seals s ON s.message_id = m.id, "
            "json_each(s.fields) f JOIN agreements a ON a.id = json_extract(f.value, '$.agreement_id') "
            "WHERE m.client_id = ? AND m.kind IN ('share', 'update') AND m.state IN ('sealed', 'acknowledged') "
            "AND m.channel = 'sync' AND a.updates_flow = 1 ORDER BY m.partner_id, m.purpose", (client_id,))
        for partner_id, purpose in targets:
            card = current_card(tx, partner_id)
            if card is None or card.inbox_url is None:
                continue
            decision = decide_in(tx, self._catalogue, client_id, partner_id, purpose, at)
            allowed = [a.field for a in decision.allowed if a.field in fields]
            if allowed:
                self.insert_message(tx, me, partner_id=partner_id, client_id=client_id, kind="update",
                                    purpose=purpose, decision=decision_json(decision, only=fields))
