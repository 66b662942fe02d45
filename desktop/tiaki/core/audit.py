"""The tamper-evident audit chain: canonical entries, hash links, signed checkpoints, verification.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical JSON, so changing,
removing, reordering or inserting an entry breaks the chain at that point. A chain alone cannot notice its
tail being cut off (the shorter chain is still a valid chain); signed checkpoints of the head, once copied
off the device, can.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS_HASH = "0" * 64


class Action:
    """Audited actions. Strings, because they are stored and compared across versions and devices."""

    STORE_CREATED = "store.created"
    UNLOCK = "session.unlock"
    UNLOCK_FAILED = "session.unlock_failed"
    LOCK = "session.lock"
    CLIENT_VIEW = "client.view"
    CLIENT_CREATE = "client.create"
    CLIENT_EDIT = "client.edit"
    CLIENT_ARCHIVE = "client.archive"
    CLIENT_ASSIGN = "client.assign"
    WORKER_ADD = "worker.add"
    WORKER_ROLE = "worker.role"
    WORKER_DEACTIVATE = "worker.deactivate"
    KEYSLOT_ADD = "keyslot.add"
    KEYSLOT_CHANGE = "keyslot.change"
    KEYSLOT_RECOVERY = "keyslot.recovery"
    KEYSLOT_REMOVE = "keyslot.remove"
    SETTING_CHANGE = "setting.change"
    PARTNER_ADD = "partner.add"
    AGREEMENT_ADD = "agreement.add"
    CONSENT_RECORD = "consent.record"
    CONSENT_WITHDRAW = "consent.withdraw"
    CONSENT_RENEW = "consent.renew"
    PARTNER_ENROL = "partner.enrol"
    PARTNER_KEY_ROTATE = "partner.key_rotate"
    SHARE_QUEUE = "share.queue"
    SHARE_SEAL = "share.seal"
    SHARE_DROP = "share.drop"  # fields allowed when queued, no longer allowed when sealed
    SHARE_CANCEL = "share.cancel"
    SHARE_REQUEUE = "share.requeue"  # a sealed envelope superseded (consent changed, basis lapsed, too large)
    SHARE_ACK = "share.ack"
    SHARE_REFUSED = "share.refused"
    SHARE_PARK = "share.park"
    REVOCATION_QUEUE = "revocation.queue"
    SHARING_HISTORY_VIEW = "sharing.history_view"
    DISCLOSURE_VIEW = "sharing.disclosure_view"  # one disclosure's detail opened in the history
    HISTORY_REPORT = "sharing.history_report"  # the filtered history saved as CSV or PDF
    CLIENT_REPORT = "sharing.client_report"  # a client's "who has my information" report (IPP 6)
    REVIEW_DECIDE = "review.decide"  # a reviewer's decision on an override or an anomaly
    REFERRAL_EXPORT = "referral.export"  # a referral packet sealed to a partner (it leaves by hand)
    REFERRAL_FORM_PRINT = "referral.form_print"
    REFERRAL_FORM_SAVE = "referral.form_save"  # the referral form saved as a plaintext PDF
    REFERRAL_PACKET_AGAIN = "referral.packet_again"  # an exported packet's bytes handed out again
    REFERRAL_IMPORT = "referral.import"  # a received packet made into a new client
    SENDER_TRUST = "sender.trust"  # a referring device's card trusted for packets it signs


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    id: str
    device_id: str
    at: str
    actor_id: str | None
    action: str
    subject_type: str | None
    subject_id: str | None
    detail: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    hash: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "id": self.id,
            "device_id": self.device_id,
            "at": self.at,
            "actor_id": self.actor_id,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "detail": dict(self.detail),
        }


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(bytes.fromhex(prev_hash))
    digest.update(canonical_json(content))
    return digest.hexdigest()


def seal(entry: AuditEntry) -> AuditEntry:
    """Return the entry with its hash filled in from its prev_hash and content."""
    return AuditEntry(**{**entry.__dict__, "hash": entry_hash(entry.prev_hash, entry.content())})


@dataclass(frozen=True)
class Checkpoint:
    id: str
    device_id: str
    seq: int
    head_hash: str
    at: str
    public_key: str  # hex, raw Ed25519
    signature: str  # hex

    def signed_bytes(self) -> bytes:
        return canonical_json(
            {"device_id": self.device_id, "seq": self.seq, "head_hash": self.head_hash, "at": self.at, "id": self.id}
        )


def sign_checkpoint(
    key: Ed25519PrivateKey, *, checkpoint_id: str, device_id: str, seq: int, head_hash: str, at: str
) -> Checkpoint:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    unsigned = Checkpoint(checkpoint_id, device_id, seq, head_hash, at, "", "")
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return Checkpoint(checkpoint_id, device_id, seq, head_hash, at, public, key.sign(unsigned.signed_bytes()).hex())


@dataclass(frozen=True)
class Problem:
    index: int  # position in the log, 0-based
    seq: int | None
    entry_id: str | None
    reason: str

    def describe(self) -> str:
        where = f"entry {self.index + 1}"
        if self.seq is not None:
            where += f" (sequence {self.seq}" + (f", id {self.entry_id})" if self.entry_id else ")")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Verification:
    entries: int
    checkpoints: int
    problem: Problem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_chain(
    entries: Iterable[AuditEntry],
    checkpoints: Iterable[Checkpoint] = (),
    *,
    trusted_keys: set[str] | None = None,
) -> Verification:
    """Check links, hashes and sequence; then that every signed checkpoint matches the chain.

    Names the first bad entry by its position. ``trusted_keys`` (hex public keys) limits whose checkpoint
    signatures count; by default the key each checkpoint names is used (which proves integrity, not origin).
    """
    prev = GENESIS_HASH
    heads: dict[int, str] = {}
    count = 0
    for index, entry in enumerate(entries):
        count = index + 1
        problem = _entry_problem(index, entry, prev)
        if problem:
            return Verification(count, 0, problem)
        heads[entry.seq] = entry.hash
        prev = entry.hash
    checked = 0
    for cp in checkpoints:
        checked += 1
        problem = _checkpoint_problem(cp, heads, count, trusted_keys)
        if problem:
            return Verification(count, checked, problem)
    return Verification(count, checked, None)


def _entry_problem(index: int, entry: AuditEntry, prev: str) -> Problem | None:
    def bad(reason: str) -> Problem:
        return Problem(index, entry.seq, entry.id, reason)

    if entry.seq != index + 1:
        return bad(f"sequence number {entry.seq} where {index + 1} was expected (an entry was removed, "
                   "inserted or moved)")
    if entry.prev_hash != prev:
        return bad("does not link to the entry before it (an entry before it was removed, inserted or moved)")
    try:
        matches = entry_hash(entry.prev_hash, entry.content()) == entry.hash
    except (ValueError, TypeError):  # unreadable fields: hex that is not hex, details that are not an object
        matches = False
    if not matches:
        return bad("its content does not match its hash (the entry was altered)")
    return None


def _checkpoint_problem(
    cp: Checkpoint, heads: Mapping[int, str], count: int, trusted_keys: set[str] | None
) -> Problem | None:
    def bad(reason: str) -> Problem:
        return Problem(min(cp.seq, count) - 1 if count else 0, cp.seq, None, reason)

    if trusted_keys is not None and cp.public_key not in trusted_keys:
        return bad(f"checkpoint {cp.id} is signed by a key this device does not trust")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(cp.public_key)).verify(
            bytes.fromhex(cp.signature), cp.signed_bytes()
        )
    except (InvalidSignature, ValueError):
        return bad(f"checkpoint {cp.id} has an invalid signature")
    if cp.seq not in heads:
        return bad(f"a signed checkpoint covers sequence {cp.seq} but the log ends at {count} "
                   "(entries were cut from the end)")
    if heads[cp.seq] != cp.head_hash:
        return bad(f"the signed checkpoint at sequence {cp.seq} does not match the log")
    return None
