"""One partner's turn in a sync run: ask for receipts of what was sent, resend what waits, seal and send the rest.

A message counts as delivered only on a signed receipt that the outbox verifies; an HTTP 200 proves nothing by
itself. So a reply is read message by message: a receipt that does not parse, names a message that was not in
the envelope, or does not verify is never recorded, and a reply that leaves any message of its envelope without
a verified receipt is a failed attempt (the envelope is sent again, byte for byte, later).

Order: one envelope at a time, and the next one only once the previous has a final answer for every message.
The outbox seals revocations first and shares in queue order, so per client the partner sees them in order.

The attempt is recorded *before* the envelope goes out (write-ahead): if the device dies while waiting for the
reply, the next run knows the messages may be at the partner, asks for their receipts, and a withdrawal made
in between still sends the partner a revocation.

Failures raise ``DeliveryFailed`` with one line for people (a transport code's sentence or an HTTP status and
the inbox's short error code, never a value from a message) and the partner's ``Retry-After``, if any.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tiaki.core.receipts import Receipt, ReceiptError, parse_receipt
from tiaki.store.outbox import PendingEnvelope
from tiaki.sync.backoff import BatchSizer
from tiaki.sync.transport import InboxClient, Reply, TransportError, classify

if TYPE_CHECKING:
    from tiaki.store.outbox import Outbox

# Refusals about this envelope (it is malformed or too large for this inbox): its messages are parked with the
# reason (too large with more than one message: sealed again in smaller envelopes instead). Any other 4xx (403
# unknown sender, 421 wrong key, 404 wrong address...) refuses this device or address whatever it sends: that
# is retried with backoff and shown, so a partner's configuration mistake does not set the whole queue aside.
ENVELOPE_REFUSALS = frozenset({400, 413, 415, 422})
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")


class DeliveryFailed(Exception):
    """This turn ends without a final answer; try again after a backoff."""

    def __init__(self, line: str, retry_after: float | None = None) -> None:
        super().__init__(line)
        self.line = line
        self.retry_after = retry_after


def _code(reply: Reply) -> str:
    """The inbox's short error code (``{"error": "bad_header"}``), only if it looks like one: never free text."""
    code = reply.json.get("error") if reply.json is not None else None
    return f" {code}" if isinstance(code, str) and _CODE.fullmatch(code) else ""


def status_line(reply: Reply, what: str = "the envelope") -> str:
    """A failed reply in words: the status and the inbox's code, nothing else from the reply."""
    status, code = reply.status, _code(reply)
    if status == 413:
        return f"{what} is larger than the inbox accepts (413{code})"
    if status in (408, 429, 503):
        return f"the inbox is busy ({status}{code})"
    if status >= 500:
        return f"the inbox failed to take {what} ({status}{code})"
    if status in (403, 421):
        return f"the inbox does not accept this device or key ({status}{code})"
    if 200 <= status <= 299:
        return f"the inbox answered {status} without usable receipts"
    return f"the inbox refused {what} ({status}{code})"


class Courier:
    """Delivers one partner's envelopes through one keep-alive client, for the length of one run."""

    def __init__(self, outbox: Outbox, partner_id: str, client: InboxClient, sizer: BatchSizer, *,
                 should_stop: Callable[[], bool], before_request: Callable[[], None],
                 on_receipts: Callable[[], None], stats: Counter[str]) -> None:
        self._outbox = outbox
        self._partner_id = partner_id
        self._client = client
        self.sizer = sizer
        self._should_stop = should_stop
        self._before_request = before_request
        self._on_receipts = on_receipts
        self._stats = stats
        self._sender = outbox.sender_key_id
        self.progressed = False  # at least one envelope or receipt got a final answer in this turn

    def turn(self) -> bool:
        """Reconcile, resend, seal and send. True: nothing is left to deliver; False: asked to stop.
        Raises DeliveryFailed."""
        self.progressed = False
        self._reconcile()
        for envelope in self._outbox.pending(self._partner_id):
            if self._should_stop():
                return False
            self._deliver(envelope)
        while not self._should_stop():
            sealed = self._outbox.seal_next(self._partner_id, max_messages=self.sizer.size)
            if sealed is None:
                return True
            self._stats["sealed"] += 1
            self._deliver(sealed)
        return False

    # --- receipts asked for again ----------------------------------------------------------------------------

    def _reconcile(self) -> None:
        """Ask the inbox about messages sent before without an answer. The inbox stores an envelope's messages
        in one transaction, so one question per envelope tells whether it arrived; only then are the others
        asked for. Messages sent but no longer in a pending envelope (re-queued after a withdrawal) are each
        asked for."""
        unanswered = self._outbox.unacknowledged_sent(self._partner_id)
        if not unanswered:
            return
        waiting = set(unanswered)
        enveloped: set[str] = set()
        for envelope in self._outbox.pending(self._partner_id):
            enveloped.update(envelope.message_ids)
            ids = [m for m in envelope.message_ids if m in waiting]
            if envelope.attempts and ids and self._ask(ids[0]):
                for message_id in ids[1:]:
                    self._ask(message_id)
        for message_id in unanswered:
            if message_id not in enveloped:
                self._ask(message_id)

    def _ask(self, message_id: str) -> bool:
        """GET the message's receipt; True when the inbox holds an answer for it (recorded)."""
        if self._should_stop():
            return False
        self._before_request()
        self._stats["receipt_queries"] += 1
        try:
            reply = self._client.get_receipt(message_id, self._sender, self._outbox.sign_receipt_query(message_id))
        except TransportError as exc:
            raise DeliveryFailed(str(exc)) from None
        self._count(reply)
        if reply.status == 404:
            return False
        verdict = classify(reply.status)
        if verdict == "retry":
            raise DeliveryFailed(status_line(reply, "the receipt query"), reply.retry_after)
        if verdict == "park":
            return False  # the inbox will not say; the envelope is sent again and answers for itself
        try:
            receipt = parse_receipt(reply.json.get("receipt") if reply.json is not None else None)
        except ReceiptError:
            raise DeliveryFailed("the inbox answered the receipt query with a malformed receipt") from None
        if receipt.message_id != message_id:
            raise DeliveryFailed("the inbox answered the receipt query with a receipt for another message")
        try:
            self._outbox.record_receipts(self._partner_id, [receipt])
        except ReceiptError as exc:
            raise DeliveryFailed(f"the inbox's receipt did not verify ({exc.code})") from None
        self._answered()
        return True

    # --- sending ---------------------------------------------------------------------------------------------

    def _deliver(self, envelope: PendingEnvelope) -> None:
        self._outbox.record_attempt(envelope.envelope_id, error=None)  # write-ahead: see the module docstring
        self._before_request()
        self._stats["envelopes_posted"] += 1
        try:
            reply = self._client.post_envelope(envelope.data)
        except TransportError as exc:
            raise DeliveryFailed(str(exc)) from None
        self._count(reply)
        verdict = classify(reply.status)
        if verdict == "ok":
            self._receipts(envelope, reply)
            self.sizer.success(len(envelope.message_ids))
            return
        if verdict == "park" and reply.status in ENVELOPE_REFUSALS:
            cap = max(self.sizer.minimum, len(envelope.message_ids) // 2)
            if reply.status == 413 and cap < len(envelope.message_ids):
                # The inbox stored nothing: its messages are sealed again, at most half as many an envelope.
                self.sizer.maximum = min(self.sizer.maximum, cap)
                while self.sizer.size > cap:
                    self.sizer.failure()
                self._outbox.requeue_envelope(envelope.envelope_id, status_line(reply))
                return
            self._outbox.park(envelope.message_ids, status_line(reply))
            self._stats["parked"] += len(envelope.message_ids)
            self._answered()
            return
        raise DeliveryFailed(status_line(reply), reply.retry_after)

    def _receipts(self, envelope: PendingEnvelope, reply: Reply) -> None:
        body = reply.json or {}
        raw = body.get("receipts")
        if body.get("envelope_id") != envelope.envelope_id or not isinstance(raw, list):
            raise DeliveryFailed("the inbox's reply is not a receipt list for the envelope sent")
        wanted = set(envelope.message_ids)
        chosen: dict[str, Receipt] = {}
        problems: list[str] = []
        for item in raw[:len(wanted) * 2]:
            try:
                receipt = parse_receipt(item)
            except ReceiptError:
                problems.append("the inbox's reply held a malformed receipt")
                continue
            if receipt.message_id not in wanted:
                problems.append("the inbox's reply held a receipt for a message not in the envelope")
                continue
            chosen.setdefault(receipt.message_id, receipt)
        recorded, refused = self._record(list(chosen.values()))
        if recorded:
            self._answered()
        if refused:
            problems.insert(0, f"the inbox's receipt did not verify ({refused})")
        missing = len(wanted - recorded)
        if missing and not problems:
            problems.append(f"the inbox's reply lacked receipts for {missing} of {len(wanted)} messages")
        if problems:
            raise DeliveryFailed(problems[0])

    def _record(self, receipts: Sequence[Receipt]) -> tuple[set[str], str | None]:
        """Record the receipts (one transaction); if one is refused, each on its own so the good ones count.
        Returns the message ids recorded and the code of the first refusal."""
        if not receipts:
            return set(), None
        try:
            self._outbox.record_receipts(self._partner_id, receipts)
            return {r.message_id for r in receipts}, None
        except ReceiptError:
            pass
        recorded, refused = set(), None
        for receipt in receipts:
            try:
                self._outbox.record_receipts(self._partner_id, [receipt])
            except ReceiptError as exc:
                refused = refused or exc.code
                self._stats["receipts_refused"] += 1
            else:
                recorded.add(receipt.message_id)
        return recorded, refused

    def _answered(self) -> None:
        self.progressed = True
        self._on_receipts()

    def _count(self, reply: Reply) -> None:
        self._stats["bytes_sent"] += reply.bytes_sent
        self._stats["bytes_received"] += reply.bytes_received
