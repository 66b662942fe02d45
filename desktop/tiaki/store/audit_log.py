"""The audit log table: append inside the caller's transaction, checkpoint with the device key, verify."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tiaki.core.audit import (
    GENESIS_HASH,
    AuditEntry,
    Checkpoint,
    Verification,
    seal,
    sign_checkpoint,
)
from tiaki.core.clock import Clock, iso, new_id
from tiaki.store.audit_verify import verify_rows
from tiaki.store.database import Database, Row, Transaction

CHECKPOINT_EVERY = 256
_ENTRY_COLUMNS = "seq, id, device_id, at, actor_id, action, subject_type, subject_id, detail, prev_hash, hash"
_PAGE = 5000


def _detail(raw: object) -> dict[str, Any]:
    """An entry's detail; an unreadable one is kept as found so that verification reports it as altered."""
    try:
        parsed = json.loads(raw) if isinstance(raw, str) else None
    except (ValueError, RecursionError):  # (nesting deep enough to exhaust the parser is not a detail either)
        parsed = None
    return parsed if isinstance(parsed, dict) else {"\u0000unreadable": repr(raw)[:200]}


def _entry(row: Row) -> AuditEntry:
    return AuditEntry(
        seq=row[0], id=row[1], device_id=row[2], at=row[3], actor_id=row[4], action=row[5],
        subject_type=row[6], subject_id=row[7], detail=_detail(row[8]), prev_hash=str(row[9]), hash=str(row[10]),
    )


class AuditLog:
    def __init__(self, db: Database, device_id: str, signing_key: Ed25519PrivateKey, clock: Clock) -> None:
        self._db = db
        self._device_id = device_id
        self._key = signing_key
        self._clock = clock

    @property
    def public_key_hex(self) -> str:
        return self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def append(
        self,
        tx: Transaction,
        *,
        actor_id: str | None,
        action: str,
        subject_type: str | None = None,
        subject_id: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Add an entry in the caller's transaction. Details name fields and ids, never values."""
        head = tx.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        entry = seal(AuditEntry(
            seq=seq, id=new_id(), device_id=self._device_id, at=iso(self._clock()), actor_id=actor_id,
            action=action, subject_type=subject_type, subject_id=subject_id, detail=dict(detail or {}),
            prev_hash=prev,
        ))
        tx.execute(
            f"INSERT INTO audit_log ({_ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (entry.seq, entry.id, entry.device_id, entry.at, entry.actor_id, entry.action, entry.subject_type,
             entry.subject_id, json.dumps(entry.detail, sort_keys=True, ensure_ascii=False), entry.prev_hash,
             entry.hash),
        )
        if seq % CHECKPOINT_EVERY == 0:
            self._checkpoint(tx, seq, entry.hash)
        return entry

    def checkpoint(self) -> Checkpoint | None:
        """Sign the current head unless it is signed already (done at lock and every few hundred entries)."""
        with self._db.transaction() as tx:
            head = tx.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            if head is None:
                return None
            if tx.scalar("SELECT 1 FROM audit_checkpoints WHERE seq = ?", (head[0],)):
                return None
            return self._checkpoint(tx, head[0], head[1])

    def _checkpoint(self, tx: Transaction, seq: int, head_hash: str) -> Checkpoint:
        cp = sign_checkpoint(self._key, checkpoint_id=new_id(), device_id=self._device_id, seq=seq,
                             head_hash=head_hash, at=iso(self._clock()))
        tx.execute(
            "INSERT INTO audit_checkpoints (id, device_id, seq, head_hash, at, public_key, signature) "
            "VALUES (?,?,?,?,?,?,?)",
            (cp.id, cp.device_id, cp.seq, cp.head_hash, cp.at, cp.public_key, cp.signature),
        )
        return cp

    # --- reading ----------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM audit_log"))

    def head(self) -> tuple[int, str]:
        row = self._db.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))

    def entries(self, *, after_seq: int = 0) -> Iterator[AuditEntry]:
        """Every entry in storage order, read a page at a time so a long log does not fill memory."""
        for row in self._rows(after_seq):
            yield _entry(row)

    def _rows(self, after_seq: int = 0) -> Iterator[Row]:
        last = after_seq
        while True:
            rows = self._db.query(
                f"SELECT {_ENTRY_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", (last, _PAGE)
            )
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        rows = self._db.query(f"SELECT {_ENTRY_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,))
        return [_entry(r) for r in rows]

    def checkpoints(self) -> list[Checkpoint]:
        rows = self._db.query(
            "SELECT id, device_id, seq, head_hash, at, public_key, signature FROM audit_checkpoints ORDER BY seq"
        )
        return [Checkpoint(*row) for row in rows]

    def verify(self, progress: Callable[[int, int], None] | None = None) -> Verification:
        """What ``core.audit.verify_chain`` says of this log and its checkpoints (trusting this device's key),
        computed straight from the rows (store/audit_verify.py: the same verdict, about twice as fast)."""
        total = self.count()
        result = verify_rows(self._rows(), self.checkpoints(), entry_of=_entry, trusted_keys={self.public_key_hex},
                             progress=None if progress is None else lambda n: progress(n, total))
        if progress:
            progress(total, total)
        return result
