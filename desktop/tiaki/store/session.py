"""Creating, unlocking and recovering a store, and the unlocked session a worker acts through.

A session is one worker's open connection. Every operation checks that worker's role here, below the UI.
Locking checkpoints the audit chain, closes the connection and forgets the data key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from tiaki.core import keywrap, lockout, roles
from tiaki.core.audit import Action, Verification
from tiaki.core.catalogue import Catalogue, load_catalogue
from tiaki.core.clock import Clock, iso, new_id, parse_iso, utc_now
from tiaki.core.keywrap import KdfParams, UnwrapFailed
from tiaki.core.passphrase import passphrase_problem
from tiaki.core.roles import Role, Worker
from tiaki.paths import resource_dir
from tiaki.store import workers as worker_rows
from tiaki.store.audit_log import AuditLog
from tiaki.store.clients import ClientRepository
from tiaki.store.database import DB_FILE_NAME, Database, Transaction
from tiaki.store.errors import (
    DamagedStore,
    InvalidInput,
    StoreExists,
    UnlockDelayed,
    WorkerNeeded,
    WrongPassphrase,
)
from tiaki.store.keyslots import FILE_NAME as KEYSLOTS_FILE
from tiaki.store.keyslots import Failures, KeySlots, new_keyslots, read_keyslots, write_keyslots
from tiaki.store.migrations import migrate

DEFAULT_AUTO_LOCK_MINUTES = 5
AUTO_LOCK_RANGE = (1, 240)


def default_catalogue() -> Catalogue:
    return load_catalogue(resource_dir() / "fields.json")


def store_exists(data_dir: Path) -> bool:
    return (data_dir / KEYSLOTS_FILE).exists()


def worker_count(data_dir: Path) -> int:
    """How many workers can sign in (read from the key slots; the database stays locked)."""
    return len(read_keyslots(data_dir).passphrase_slots())


@dataclass(frozen=True)
class FailedUnlocks:
    """Failed attempts since the last successful unlock, shown to the worker who unlocks next."""

    count: int
    first_at: str | None
    last_at: str | None


def _check_passphrase(passphrase: str, name: str) -> None:
    problem = passphrase_problem(passphrase, name)
    if problem:
        raise InvalidInput.for_passphrase(problem)


def create_store(
    data_dir: Path,
    *,
    admin_name: str,
    passphrase: str,
    admin_display_name: str = "",
    kdf: KdfParams | None = None,
    catalogue: Catalogue | None = None,
    clock: Clock = utc_now,
) -> tuple[Session, str]:
    """Set up a new store with its first worker (a privacy officer). Returns the session and the recovery key,
    which is shown once and never stored in readable form."""
    if store_exists(data_dir):
        raise StoreExists
    admin_name = worker_rows.clean_worker_name(admin_name)
    _check_passphrase(passphrase, admin_name)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_abandoned_setup(data_dir)
    kdf = kdf or KdfParams()
    data_key = keywrap.new_data_key()
    recovery_secret = keywrap.new_recovery_secret()
    db = Database(data_dir / DB_FILE_NAME, data_key)
    try:
        migrate(db)
        slots = new_keyslots()
        now = iso(clock())
        device_id = new_id()
        admin_id = new_id()
        signing_key = Ed25519PrivateKey.generate()
        with db.transaction() as tx:
            tx.executemany("INSERT INTO store_meta (key, value) VALUES (?, ?)",
                           [("store_id", slots.store_id), ("device_id", device_id), ("created_at", now)])
            tx.execute("INSERT INTO device (id, signing_key, public_key, created_at) VALUES (?,?,?,?)",
                       (device_id, signing_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
                        signing_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex(), now))
            admin = worker_rows.insert_worker(tx, worker_id=admin_id, name=admin_name,
                                              display_name=admin_display_name, role=Role.PRIVACY_OFFICER,
                                              now=now, created_by=None)
            audit = AuditLog(db, device_id, signing_key, clock)
            audit.append(tx, actor_id=admin_id, action=Action.STORE_CREATED, subject_type="store",
                         subject_id=slots.store_id)
            audit.append(tx, actor_id=admin_id, action=Action.WORKER_ADD, subject_type="worker",
                         subject_id=admin_id, detail={"role": Role.PRIVACY_OFFICER.value})
            audit.append(tx, actor_id=admin_id, action=Action.KEYSLOT_ADD, subject_type="worker",
                         subject_id=admin_id, detail={"kind": "passphrase"})
            audit.append(tx, actor_id=admin_id, action=Action.KEYSLOT_ADD, subject_type="store",
                         subject_id=slots.store_id, detail={"kind": "recovery"})
        slots = slots.with_passphrase_slot(data_key=data_key, worker_id=admin_id, worker_name=admin_name,
                                           passphrase=passphrase, kdf=kdf, now=now)
        slots = slots.with_recovery_slot(data_key=data_key, secret=recovery_secret, now=now)
        write_keyslots(data_dir, slots)  # last: until this exists there is no store
    except BaseException:
        db.close()
        raise
    session = Session(data_dir, db, bytearray(data_key), admin, catalogue or default_catalogue(), clock, kdf,
                      FailedUnlocks(0, None, None))
    return session, keywrap.format_recovery_key(recovery_secret)


def _remove_abandoned_setup(data_dir: Path) -> None:
    """A database without key slots is a set-up that died half-way: its key is gone, so it holds nothing."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / (DB_FILE_NAME + suffix)).unlink()


def remaining_delay(failures: Failures, now: dt.datetime) -> float:
    wait = lockout.delay_after(failures.count)
    if not wait or not failures.last_at:
        return 0.0
    elapsed = (now - parse_iso(failures.last_at)).total_seconds()
    return max(0.0, wait - max(0.0, elapsed))


def unlock_store(
    data_dir: Path,
    *,
    passphrase: str,
    worker_name: str | None = None,
    catalogue: Catalogue | None = None,
    clock: Clock = utc_now,
) -> Session:
    """Open the store as a worker. Wrong name and wrong passphrase give the same error."""
    slots = read_keyslots(data_dir)
    wait = remaining_delay(slots.failures, clock())
    if wait > 0:
        raise UnlockDelayed(wait)
    candidates = slots.passphrase_slots()
    if worker_name:
        slot = slots.slot_for_name(worker_name)
    elif len(candidates) == 1:
        slot = candidates[0]
    else:
        raise WorkerNeeded
    try:
        if slot is None:
            # Same work as a real attempt, so a missing name cannot be told apart by timing.
            slots.open_with_passphrase(candidates[0], passphrase + "\x00no such worker")
            raise UnwrapFailed
        data_key = slots.open_with_passphrase(slot, passphrase)
    except UnwrapFailed:
        write_keyslots(data_dir, slots.with_failure(iso(clock())))
        raise WrongPassphrase from None
    assert slot.worker_id is not None
    return _open_session(data_dir, slots, data_key, slot.worker_id, catalogue, clock, Action.UNLOCK)


def recover_store(
    data_dir: Path,
    *,
    recovery_key: str,
    worker_name: str,
    new_passphrase: str,
    catalogue: Catalogue | None = None,
    clock: Clock = utc_now,
) -> Session:
    """Open with the organisation's recovery key and give the worker a new passphrase. No data is lost."""
    slots = read_keyslots(data_dir)
    wait = remaining_delay(slots.failures, clock())
    if wait > 0:
        raise UnlockDelayed(wait)
    try:
        secret = keywrap.parse_recovery_key(recovery_key)
    except keywrap.RecoveryKeyTypo:
        raise InvalidInput("recovery_key_typo") from None
    except ValueError:
        raise InvalidInput("recovery_key_format") from None
    try:
        data_key = slots.open_with_recovery(secret)
    except UnwrapFailed:
        write_keyslots(data_dir, slots.with_failure(iso(clock())))
        raise InvalidInput("recovery_key_wrong") from None
    db = Database(data_dir / DB_FILE_NAME, data_key, create=False)
    try:
        migrate(db)
        worker = worker_rows.find_worker(db, worker_name)
    except BaseException:
        db.close()
        raise
    db.close()
    if worker is None or not worker.active:
        raise InvalidInput("no_such_worker")
    _check_passphrase(new_passphrase, worker.name)
    old = slots.slot_for_worker(worker.id)
    kdf = old.kdf if old and old.kdf else KdfParams()
    slots = slots.with_passphrase_slot(data_key=data_key, worker_id=worker.id, worker_name=worker.name,
                                       passphrase=new_passphrase, kdf=kdf, now=iso(clock()))
    write_keyslots(data_dir, slots)
    session = _open_session(data_dir, slots, data_key, worker.id, catalogue, clock, Action.UNLOCK)
    session.record(Action.KEYSLOT_RECOVERY, "worker", worker.id, {"kind": "passphrase", "via": "recovery key"})
    return session


def _open_session(
    data_dir: Path, slots: KeySlots, data_key: bytes, worker_id: str, catalogue: Catalogue | None, clock: Clock,
    action: str,
) -> Session:
    db = Database(data_dir / DB_FILE_NAME, data_key, create=False)
    try:
        migrate(db)
        worker = worker_rows.get_worker(db, worker_id)
        if not worker.active:
            raise WrongPassphrase
        failed = FailedUnlocks(slots.failures.count, slots.failures.first_at, slots.failures.last_at)
        slot = slots.slot_for_worker(worker_id)
        session = Session(data_dir, db, bytearray(data_key), worker, catalogue or default_catalogue(), clock,
                          slot.kdf if slot and slot.kdf else KdfParams(), failed)
    except BaseException:
        db.close()
        raise
    if failed.count:
        session.record(Action.UNLOCK_FAILED, "store", slots.store_id,
                       {"count": failed.count, "first_at": failed.first_at, "last_at": failed.last_at})
        write_keyslots(data_dir, slots.cleared_failures())
    session.record(action, "worker", worker_id)
    return session


class Session:
    """One worker's unlocked store."""

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        data_key: bytearray,
        worker: Worker,
        catalogue: Catalogue,
        clock: Clock,
        kdf: KdfParams,
        failed_unlocks: FailedUnlocks,
    ) -> None:
        self.data_dir = data_dir
        self.worker = worker
        self.catalogue = catalogue
        self.failed_unlocks = failed_unlocks
        self._db = db
        self._data_key = data_key
        self._clock = clock
        self._kdf = kdf
        device_id, signing_key = self._device()
        self.device_id = device_id
        self.audit = AuditLog(db, device_id, signing_key, clock)
        self.clients = ClientRepository(db, self.audit, catalogue, worker, clock)
        self._closed = False

    def _device(self) -> tuple[str, Ed25519PrivateKey]:
        row = self._db.query_one("SELECT id, signing_key FROM device LIMIT 1")
        assert row is not None, "store has no device key"
        return str(row[0]), Ed25519PrivateKey.from_private_bytes(bytes(row[1]))

    @property
    def is_open(self) -> bool:
        return not self._closed

    def record(self, action: str, subject_type: str | None, subject_id: str | None,
               detail: dict[str, object] | None = None) -> None:
        with self._db.transaction() as tx:
            self.audit.append(tx, actor_id=self.worker.id, action=action, subject_type=subject_type,
                              subject_id=subject_id, detail=detail)

    # --- workers -----------------------------------------------------------------------------------

    def workers(self) -> list[Worker]:
        return worker_rows.all_workers(self._db)

    def caseload_sizes(self) -> dict[str, int]:
        return worker_rows.caseload_sizes(self._db)

    def add_worker(self, *, name: str, display_name: str, role: Role, passphrase: str) -> Worker:
        roles.require(roles.can_administer(self.worker), "add workers")
        clean = worker_rows.clean_worker_name(name)
        _check_passphrase(passphrase, clean)
        now = iso(self._clock())
        worker_id = new_id()
        slots = read_keyslots(self.data_dir)
        if slots.slot_for_name(clean) is not None:
            raise InvalidInput("worker_exists")
        new_slots = slots.with_passphrase_slot(data_key=bytes(self._data_key), worker_id=worker_id,
                                               worker_name=clean, passphrase=passphrase, kdf=self._kdf, now=now)
        with self._db.transaction() as tx:
            worker = worker_rows.insert_worker(tx, worker_id=worker_id, name=clean, display_name=display_name,
                                               role=role, now=now, created_by=self.worker.id)
            self.audit.append(tx, actor_id=self.worker.id, action=Action.WORKER_ADD, subject_type="worker",
                              subject_id=worker_id, detail={"role": role.value})
            self.audit.append(tx, actor_id=self.worker.id, action=Action.KEYSLOT_ADD, subject_type="worker",
                              subject_id=worker_id, detail={"kind": "passphrase"})
            write_keyslots(self.data_dir, new_slots)  # before commit: a worker never exists without a slot
        return worker

    def set_role(self, worker_id: str, role: Role) -> None:
        roles.require(roles.can_administer(self.worker), "change roles")
        with self._db.transaction() as tx:
            target = worker_rows.get_worker(tx, worker_id)
            if target.role is Role.PRIVACY_OFFICER and role is not Role.PRIVACY_OFFICER:
                self._keep_one_privacy_officer(tx, worker_id)
            tx.execute("UPDATE workers SET role = ? WHERE id = ?", (role.value, worker_id))
            self.audit.append(tx, actor_id=self.worker.id, action=Action.WORKER_ROLE, subject_type="worker",
                              subject_id=worker_id, detail={"from": target.role.value, "to": role.value})

    def deactivate_worker(self, worker_id: str) -> None:
        """The worker can no longer sign in (their key slot is removed); their records and history stay."""
        roles.require(roles.can_administer(self.worker), "deactivate workers")
        if worker_id == self.worker.id:
            raise InvalidInput("cannot_deactivate_self")
        slots = read_keyslots(self.data_dir)
        with self._db.transaction() as tx:
            target = worker_rows.get_worker(tx, worker_id)
            if target.role is Role.PRIVACY_OFFICER:
                self._keep_one_privacy_officer(tx, worker_id)
            tx.execute("UPDATE workers SET active = 0 WHERE id = ?", (worker_id,))
            self.audit.append(tx, actor_id=self.worker.id, action=Action.WORKER_DEACTIVATE, subject_type="worker",
                              subject_id=worker_id)
            write_keyslots(self.data_dir, slots.without_worker(worker_id))

    @staticmethod
    def _keep_one_privacy_officer(tx: Transaction, worker_id: str) -> None:
        others = tx.scalar("SELECT count(*) FROM workers WHERE role = 'privacy_officer' AND active = 1 AND id != ?",
                           (worker_id,))
        if not others:
            raise InvalidInput("last_privacy_officer")

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrites only this worker's key slot; the database is not re-encrypted."""
        slots = read_keyslots(self.data_dir)
        slot = slots.slot_for_worker(self.worker.id)
        if slot is None:
            raise WrongPassphrase
        try:
            slots.open_with_passphrase(slot, current)
        except UnwrapFailed:
            raise WrongPassphrase from None
        self._set_passphrase(slots, self.worker, new)

    def reset_passphrase(self, worker_id: str, new: str) -> None:
        """A privacy officer sets a new passphrase for a worker who forgot theirs."""
        roles.require(roles.can_administer(self.worker), "reset another worker's passphrase")
        target = worker_rows.get_worker(self._db, worker_id)
        if not target.active:
            raise InvalidInput("worker_inactive")
        self._set_passphrase(read_keyslots(self.data_dir), target, new)

    def _set_passphrase(self, slots: KeySlots, target: Worker, new: str) -> None:
        _check_passphrase(new, target.name)
        new_slots = slots.with_passphrase_slot(data_key=bytes(self._data_key), worker_id=target.id,
                                               worker_name=target.name, passphrase=new, kdf=self._kdf,
                                               now=iso(self._clock()))
        with self._db.transaction() as tx:
            self.audit.append(tx, actor_id=self.worker.id, action=Action.KEYSLOT_CHANGE, subject_type="worker",
                              subject_id=target.id, detail={"kind": "passphrase"})
            write_keyslots(self.data_dir, new_slots)

    def rotate_recovery_key(self) -> str:
        """A new recovery key replaces the old one (after it was used, or if it may have been seen)."""
        roles.require(roles.can_administer(self.worker), "replace the recovery key")
        secret = keywrap.new_recovery_secret()
        slots = read_keyslots(self.data_dir).with_recovery_slot(data_key=bytes(self._data_key), secret=secret,
                                                                now=iso(self._clock()))
        with self._db.transaction() as tx:
            self.audit.append(tx, actor_id=self.worker.id, action=Action.KEYSLOT_CHANGE, subject_type="store",
                              subject_id=slots.store_id, detail={"kind": "recovery"})
            write_keyslots(self.data_dir, slots)
        return keywrap.format_recovery_key(secret)

    # --- settings and checks -----------------------------------------------------------------------

    def auto_lock_minutes(self) -> int:
        value = self._db.scalar("SELECT value FROM settings WHERE key = 'auto_lock_minutes'")
        return int(value) if value else DEFAULT_AUTO_LOCK_MINUTES

    def set_auto_lock_minutes(self, minutes: int) -> None:
        if not AUTO_LOCK_RANGE[0] <= minutes <= AUTO_LOCK_RANGE[1]:
            raise InvalidInput("auto_lock_range", min=AUTO_LOCK_RANGE[0], max=AUTO_LOCK_RANGE[1])
        roles.require(roles.can_administer(self.worker), "change the auto-lock delay")
        with self._db.transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('auto_lock_minutes', ?)",
                       (str(minutes),))
            self.audit.append(tx, actor_id=self.worker.id, action=Action.SETTING_CHANGE, subject_type="setting",
                              subject_id="auto_lock_minutes", detail={"value": minutes})

    def verify_audit(self, progress: Callable[[int, int], None] | None = None) -> Verification:
        return self.audit.verify(progress)

    def integrity_problems(self) -> list[str]:
        """SQLite's and SQLCipher's own checks of every page; empty when all is well."""
        problems: list[str] = []
        for pragma in ("cipher_integrity_check", "integrity_check"):
            try:
                problems += [str(r[0]) for r in self._db.pragma_rows(pragma) if r[0] != "ok"]
            except DamagedStore:
                problems.append(f"{pragma}: a page failed authentication")
        return problems

    def lock(self) -> None:
        """Sign the audit head, close the database, forget the key. Safe to call twice."""
        if self._closed:
            return
        try:
            self.record(Action.LOCK, "worker", self.worker.id)
            self.audit.checkpoint()
        finally:
            self._closed = True
            self._db.close()
            for i in range(len(self._data_key)):
                self._data_key[i] = 0

    close = lock

