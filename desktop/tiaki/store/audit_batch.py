"""Many audit entries appended in one go, for the outbox's batches (an envelope sealed, a reply's receipts).

The chain is the one ``AuditLog.append`` makes when called once per entry, in the same order: each entry's
sequence number follows the head's, its hash covers the previous hash and its canonical content, its detail is
stored as the same JSON text, and a signed checkpoint is added at every ``CHECKPOINT_EVERY``-th entry. The
entries of one batch carry one time (the clock read once: they are appended at one moment, in one transaction).
Only the cost differs: one read of the head and a few multi-row inserts rather than two statements per entry
(each one is expensive under SQLCipher). ``AuditLog.verify`` checks entries made either way alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.audit import GENESIS_HASH, AuditEntry, Checkpoint, entry_hash, sign_checkpoint
from tiaki.core.clock import Clock, iso, new_id
from tiaki.store.audit_log import CHECKPOINT_EVERY
from tiaki.store.bulk import insert_rows
from tiaki.store.database import Transaction

_COLUMNS = ("seq", "id", "device_id", "at", "actor_id", "action", "subject_type", "subject_id", "detail", "prev_hash",
            "hash")


@dataclass(frozen=True)
class Planned:
    """An entry to append (what ``AuditLog.append`` takes). Details name fields and ids, never values."""

    action: str
    subject_type: str | None
    subject_id: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)


class AuditBatch:
    """Appends for the device whose ``AuditLog`` has this device id, signing key and clock."""

    def __init__(self, device_id: str, signing_key: Ed25519PrivateKey, clock: Clock) -> None:
        self._device_id = device_id
        self._key = signing_key
        self._clock = clock

    def append_all(self, tx: Transaction, actor_id: str | None, entries: Sequence[Planned]) -> list[AuditEntry]:
        """Add the entries, in order, in the caller's transaction."""
        if not entries:
            return []
        head = tx.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        seq, prev = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
        at = iso(self._clock())  # appended together, at one moment
        made: list[AuditEntry] = []
        checkpoints: list[Checkpoint] = []
        for planned in entries:
            seq += 1
            content: dict[str, Any] = {
                "seq": seq, "id": new_id(), "device_id": self._device_id, "at": at,
                "actor_id": actor_id, "action": planned.action, "subject_type": planned.subject_type,
                "subject_id": planned.subject_id, "detail": dict(planned.detail)}
            entry = AuditEntry(**content, prev_hash=prev, hash=entry_hash(prev, content))  # = seal(): content()
            made.append(entry)
            prev = entry.hash
            if seq % CHECKPOINT_EVERY == 0:  # made where append makes it (the same ids and times, in order)
                checkpoints.append(sign_checkpoint(self._key, checkpoint_id=new_id(), device_id=self._device_id,
                                                   seq=seq, head_hash=entry.hash, at=at))
        insert_rows(tx, "audit_log", _COLUMNS, [
            (e.seq, e.id, e.device_id, e.at, e.actor_id, e.action, e.subject_type, e.subject_id,
             json.dumps(e.detail, sort_keys=True, ensure_ascii=False), e.prev_hash, e.hash) for e in made])
        for cp in checkpoints:
            tx.execute("INSERT INTO audit_checkpoints (id, device_id, seq, head_hash, at, public_key, signature) "
                       "VALUES (?,?,?,?,?,?,?)", (cp.id, cp.device_id, cp.seq, cp.head_hash, cp.at, cp.public_key,
                                                  cp.signature))
        return made
