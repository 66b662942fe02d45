"""Creating, unlocking and recovering a store. Each returns an unlocked ``Session`` (see ``unlocked``).

Wrong name and wrong passphrase give one error. Failed attempts are counted in the key-slot file (the
database cannot be written while locked), delay further attempts, and are reported at the next unlock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from tiaki import logs
from tiaki.core import keywrap, lockout
from tiaki.core.audit import Action
from tiaki.core.catalogue import Catalogue, load_catalogue
from tiaki.core.clock import Clock, iso, new_id, parse_iso, utc_now
from tiaki.core.keywrap import KdfParams, UnwrapFailed
from tiaki.core.roles import Role
from tiaki.paths import resource_dir
from tiaki.store import workers as worker_rows
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import DB_FILE_NAME, Database
from tiaki.store.errors import (
    DamagedStore,
    InvalidInput,
    NotFound,
    StoreExists,
    UnlockDelayed,
    WorkerNeeded,
    WrongPassphrase,
)
from tiaki.store.files import atomic_write
from tiaki.store.keyslots import FILE_NAME as KEYSLOTS_FILE
from tiaki.store.keyslots import Failures, KeySlots, new_keyslots, read_keyslots, update_keyslots, write_keyslots
from tiaki.store.layout import store_exists, worker_count
from tiaki.store.migrations import migrate
from tiaki.store.unlocked import (
    AUTO_LOCK_RANGE,
    DEFAULT_AUTO_LOCK_MINUTES,
    FailedUnlocks,
    Session,
    check_passphrase,
)

__all__ = [
    "AUTO_LOCK_RANGE",
    "DEFAULT_AUTO_LOCK_MINUTES",
    "FailedUnlocks",
    "Session",
    "create_store",
    "default_catalogue",
    "discard_new_store",
    "recover_store",
    "remaining_delay",
    "store_exists",
    "unlock_store",
    "worker_count",
]

SETUP_MARKER = ".setup-in-progress"
log = logging.getLogger(__name__)


def default_catalogue() -> Catalogue:
    return load_catalogue(resource_dir() / "fields.json")


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
    check_passphrase(passphrase, admin_name)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _clear_abandoned_setup(data_dir)
    atomic_write(data_dir / SETUP_MARKER, b"")
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
            for action, subject_type, subject_id, detail in (
                (Action.STORE_CREATED, "store", slots.store_id, {}),
                (Action.WORKER_ADD, "worker", admin_id, {"role": Role.PRIVACY_OFFICER.value}),
                (Action.KEYSLOT_ADD, "worker", admin_id, {"kind": "passphrase"}),
                (Action.KEYSLOT_ADD, "store", slots.store_id, {"kind": "recovery"}),
            ):
                audit.append(tx, actor_id=admin_id, action=action, subject_type=subject_type,
                             subject_id=subject_id, detail=detail)
        slots = slots.with_slot(slots.passphrase_slot(data_key=data_key, worker_id=admin_id, worker_name=admin_name,
                                                      passphrase=passphrase, kdf=kdf, now=now))
        slots = slots.with_slot(slots.recovery_slot_for(data_key=data_key, secret=recovery_secret, now=now))
        write_keyslots(data_dir, slots)  # from here on the store exists
        (data_dir / SETUP_MARKER).unlink()
        log.info(logs.STORE_CREATED)
    except BaseException:
        db.close()
        raise
    session = Session(data_dir, db, bytearray(data_key), admin, catalogue or default_catalogue(), clock, kdf,
                      FailedUnlocks(0, None, None))
    return session, keywrap.format_recovery_key(recovery_secret)


def discard_new_store(session: Session) -> None:
    """Undo a set-up abandoned before its recovery key was confirmed, so set-up can start again.

    Refuses unless the store is as set-up left it (no clients, one worker): this never deletes anyone's data.
    """
    if session.clients.count() or len(session.workers()) != 1:
        raise InvalidInput("store_not_empty")
    data_dir = session.data_dir
    session.lock()
    (data_dir / KEYSLOTS_FILE).unlink()  # first: without it the rest is unreadable either way
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / (DB_FILE_NAME + suffix)).unlink()


def _clear_abandoned_setup(data_dir: Path) -> None:
    """A database beside a set-up marker and no key slots is a set-up that died half-way: its key is gone, so
    it holds nothing. A database with neither marker nor slots is someone's data missing its slot file:
    never delete that."""
    database_files = [data_dir / (DB_FILE_NAME + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    if not any(f.exists() for f in database_files):
        return
    if not (data_dir / SETUP_MARKER).exists():
        raise DamagedStore("The key-slot file is missing, so the store")
    for path in database_files:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remaining_delay(failures: Failures, now: dt.datetime) -> float:
    wait = lockout.delay_after(failures.count)
    if not wait or not failures.last_at:
        return 0.0
    elapsed = (now - parse_iso(failures.last_at)).total_seconds()
    return max(0.0, wait - max(0.0, elapsed))


def _slots_unless_delayed(data_dir: Path, clock: Clock) -> KeySlots:
    """The key slots, unless recent failures still make the next attempt wait."""
    slots = read_keyslots(data_dir)
    wait = remaining_delay(slots.failures, clock())
    if wait > 0:
        log.warning(logs.UNLOCK_DELAYED, math.ceil(wait))
        raise UnlockDelayed(wait)
    return slots


def _count_failure(data_dir: Path, clock: Clock) -> int:
    """Count a failed attempt; returns the failures since the last unlock."""
    now = iso(clock())
    return update_keyslots(data_dir, lambda current: current.with_failure(now)).failures.count


def unlock_store(
    data_dir: Path,
    *,
    passphrase: str,
    worker_name: str | None = None,
    catalogue: Catalogue | None = None,
    clock: Clock = utc_now,
) -> Session:
    """Open the store as a worker. Wrong name and wrong passphrase give the same error."""
    slots = _slots_unless_delayed(data_dir, clock)
    candidates = slots.passphrase_slots()
    if not candidates:
        raise DamagedStore("The key-slot file")
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
        log.warning(logs.UNLOCK_REFUSED, _count_failure(data_dir, clock))
        raise WrongPassphrase from None
    assert slot.worker_id is not None
    return _open_session(data_dir, slots, data_key, slot.worker_id, catalogue, clock)


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
    slots = _slots_unless_delayed(data_dir, clock)
    try:
        secret = keywrap.parse_recovery_key(recovery_key)
    except keywrap.RecoveryKeyTypo:
        raise InvalidInput("recovery_key_typo") from None
    except ValueError:
        raise InvalidInput("recovery_key_format") from None
    try:
        data_key = slots.open_with_recovery(secret)
    except UnwrapFailed:
        log.warning(logs.RECOVERY_REFUSED, _count_failure(data_dir, clock))
        raise InvalidInput("recovery_key_wrong") from None
    with _opened(data_dir, data_key) as db:
        worker = worker_rows.find_worker(db, worker_name)
    if worker is None or not worker.active:
        raise InvalidInput("no_such_worker")
    check_passphrase(new_passphrase, worker.name)
    old = slots.slot_for_worker(worker.id)
    kdf = old.kdf if old and old.kdf else KdfParams()
    slot = slots.passphrase_slot(data_key=data_key, worker_id=worker.id, worker_name=worker.name,
                                 passphrase=new_passphrase, kdf=kdf, now=iso(clock()))
    slots = update_keyslots(data_dir, lambda current: current.with_slot(slot))
    session = _open_session(data_dir, slots, data_key, worker.id, catalogue, clock)
    session.record(Action.KEYSLOT_RECOVERY, "worker", worker.id, {"kind": "passphrase", "via": "recovery key"})
    log.info(logs.RECOVERED)
    return session


@contextlib.contextmanager
def _opened(data_dir: Path, data_key: bytes):  # type: ignore[no-untyped-def]
    db = Database(data_dir / DB_FILE_NAME, data_key, create=False)
    try:
        migrate(db)
        yield db
    finally:
        db.close()


def _open_session(
    data_dir: Path, slots: KeySlots, data_key: bytes, worker_id: str, catalogue: Catalogue | None, clock: Clock,
) -> Session:
    db = Database(data_dir / DB_FILE_NAME, data_key, create=False)
    try:
        migrate(db)
        try:
            worker = worker_rows.get_worker(db, worker_id)
        except NotFound:
            worker = None
        if worker is None or not worker.active:
            # A slot whose worker is gone: a crash between a commit and a slot write. Refuse like a bad guess.
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
        update_keyslots(data_dir, lambda current: current.cleared_failures())
    session.record(Action.UNLOCK, "worker", worker_id)
    session.prune_orphan_slots()
    log.info(logs.UNLOCKED, failed.count)
    return session
