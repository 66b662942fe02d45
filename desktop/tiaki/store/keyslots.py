"""The key-slot file beside the database: the data key, wrapped once per worker and once for recovery.

Holds no personal information: workers are found by a keyed tag of their folded name, not the name. It also
counts failed unlocks (the database cannot be written while locked) so the next unlock can report them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

from tiaki.core import keywrap
from tiaki.core.audit import canonical_json
from tiaki.core.clock import new_id
from tiaki.core.keywrap import KdfParams
from tiaki.core.text import fold
from tiaki.store.errors import DamagedStore, NoStore
from tiaki.store.files import atomic_write
from tiaki.store.layout import KEYSLOTS_FILE

FILE_NAME = KEYSLOTS_FILE
LOCK_FILE_NAME = ".keyslots.lock"
FORMAT = "tiaki-keyslots"
PASSPHRASE = "passphrase"
RECOVERY = "recovery"


@dataclass(frozen=True)
class Slot:
    id: str
    kind: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    created_at: str
    worker_id: str | None = None
    name_tag: str | None = None
    kdf: KdfParams | None = None

    def aad(self, store_id: str) -> bytes:
        return canonical_json({"store": store_id, "slot": self.id, "kind": self.kind, "worker": self.worker_id})

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "salt": self.salt.hex(),
            "nonce": self.nonce.hex(),
            "wrapped": self.wrapped.hex(),
            "created_at": self.created_at,
        }
        if self.kind == PASSPHRASE:
            assert self.kdf is not None
            out.update(worker_id=self.worker_id, name_tag=self.name_tag, kdf=self.kdf.as_dict())
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Slot:
        kind = raw["kind"]
        if kind not in (PASSPHRASE, RECOVERY):
            raise ValueError("unknown slot kind")
        return cls(
            id=str(raw["id"]),
            kind=kind,
            salt=bytes.fromhex(raw["salt"]),
            nonce=bytes.fromhex(raw["nonce"]),
            wrapped=bytes.fromhex(raw["wrapped"]),
            created_at=str(raw["created_at"]),
            worker_id=raw.get("worker_id"),
            name_tag=raw.get("name_tag"),
            kdf=KdfParams.from_dict(raw["kdf"]) if kind == PASSPHRASE else None,
        )


@dataclass(frozen=True)
class Failures:
    count: int = 0
    first_at: str | None = None
    last_at: str | None = None


@dataclass(frozen=True)
class KeySlots:
    store_id: str
    name_salt: bytes
    slots: tuple[Slot, ...] = ()
    failures: Failures = field(default_factory=Failures)

    # --- finding and opening slots ---------------------------------------------------------------

    def tag(self, worker_name: str) -> str:
        return keywrap.name_tag(self.name_salt, fold(worker_name.strip()))

    def passphrase_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == PASSPHRASE]

    def slot_for_name(self, worker_name: str) -> Slot | None:
        tag = self.tag(worker_name)
        return next((s for s in self.passphrase_slots() if s.name_tag == tag), None)

    def slot_for_worker(self, worker_id: str) -> Slot | None:
        return next((s for s in self.passphrase_slots() if s.worker_id == worker_id), None)

    def recovery_slot(self) -> Slot:
        slot = next((s for s in self.slots if s.kind == RECOVERY), None)
        if slot is None:
            raise DamagedStore("The key-slot file")
        return slot

    def open_with_passphrase(self, slot: Slot, passphrase: str) -> bytes:
        assert slot.kdf is not None
        key = keywrap.passphrase_key(passphrase, slot.salt, slot.kdf)
        return keywrap.unwrap(key, slot.nonce, slot.wrapped, slot.aad(self.store_id))

    def open_with_recovery(self, secret: bytes) -> bytes:
        slot = self.recovery_slot()
        key = keywrap.recovery_wrapping_key(secret, slot.salt)
        return keywrap.unwrap(key, slot.nonce, slot.wrapped, slot.aad(self.store_id))

    # --- making new slots (prepared outside the file lock; Argon2id takes a while) ------------------

    def passphrase_slot(self, *, data_key: bytes, worker_id: str, worker_name: str, passphrase: str,
                        kdf: KdfParams, now: str) -> Slot:
        salt = os.urandom(16)
        slot = Slot(new_id(), PASSPHRASE, salt, b"", b"", now, worker_id, self.tag(worker_name), kdf)
        key = keywrap.passphrase_key(passphrase, salt, kdf)
        nonce, wrapped = keywrap.wrap(key, data_key, slot.aad(self.store_id))
        return replace(slot, nonce=nonce, wrapped=wrapped)

    def recovery_slot_for(self, *, data_key: bytes, secret: bytes, now: str) -> Slot:
        salt = os.urandom(16)
        slot = Slot(new_id(), RECOVERY, salt, b"", b"", now)
        nonce, wrapped = keywrap.wrap(keywrap.recovery_wrapping_key(secret, salt), data_key, slot.aad(self.store_id))
        return replace(slot, nonce=nonce, wrapped=wrapped)

    def with_slot(self, slot: Slot) -> KeySlots:
        """Add a slot, replacing the worker's previous one (or the previous recovery slot)."""
        if slot.kind == RECOVERY:
            others = tuple(s for s in self.slots if s.kind != RECOVERY)
        else:
            others = tuple(s for s in self.slots if s.worker_id != slot.worker_id)
        return replace(self, slots=(*others, slot))

    def without_worker(self, worker_id: str) -> KeySlots:
        return self.without_workers({worker_id})

    def without_workers(self, worker_ids: set[str | None]) -> KeySlots:
        kept = tuple(s for s in self.slots if s.kind != PASSPHRASE or s.worker_id not in worker_ids)
        return replace(self, slots=kept)

    def with_failure(self, now: str) -> KeySlots:
        f = self.failures
        return replace(self, failures=Failures(f.count + 1, f.first_at or now, now))

    def cleared_failures(self) -> KeySlots:
        return replace(self, failures=Failures())

    # --- the file ----------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": 1,
            "store_id": self.store_id,
            "name_salt": self.name_salt.hex(),
            "slots": [s.to_json() for s in self.slots],
            "failures": {"count": self.failures.count, "first_at": self.failures.first_at,
                         "last_at": self.failures.last_at},
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> KeySlots:
        if raw.get("format") != FORMAT or raw.get("version") != 1:
            raise ValueError("not a key-slot file")
        fails = raw.get("failures") or {}
        return cls(
            store_id=str(raw["store_id"]),
            name_salt=bytes.fromhex(raw["name_salt"]),
            slots=tuple(Slot.from_json(s) for s in raw["slots"]),
            failures=Failures(int(fails.get("count", 0)), fails.get("first_at"), fails.get("last_at")),
        )


def new_keyslots() -> KeySlots:
    return KeySlots(store_id=new_id(), name_salt=os.urandom(16))


def read_keyslots(data_dir: Path) -> KeySlots:
    path = data_dir / FILE_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NoStore from None
    try:
        return KeySlots.from_json(json.loads(raw))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DamagedStore("The key-slot file") from None


def write_keyslots(data_dir: Path, slots: KeySlots) -> None:
    atomic_write(data_dir / FILE_NAME, json.dumps(slots.to_json(), indent=1).encode("utf-8"))


@contextmanager
def _file_lock(data_dir: Path) -> Iterator[None]:
    """Serialise read-modify-write of the slot file between processes (the app and the CLI, say)."""
    if fcntl is None:  # Windows: a single process per data directory is assumed for now
        yield
        return
    fd = os.open(data_dir / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def update_keyslots(data_dir: Path, change: Callable[[KeySlots], KeySlots]) -> KeySlots:
    """Re-read the file under a lock, apply ``change`` and write it back: no concurrent change is lost."""
    with _file_lock(data_dir):
        updated = change(read_keyslots(data_dir))
        write_keyslots(data_dir, updated)
        return updated
