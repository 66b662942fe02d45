"""The unlocked session a worker acts through.

A session is one worker's open connection. Every operation checks that worker's role here, below the UI,
re-reading the worker's row so a demotion or deactivation takes effect at once, even in a session that is
already open. Key-slot changes commit to the database first and then rewrite the slot file under a lock:
a crash between the two leaves a worker without a slot (fixable by a reset), never a slot without a worker.
Locking checkpoints the audit chain, closes the connection and forgets the data key.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki import logs
from tiaki.core import keywrap, roles
from tiaki.core.audit import Action, Checkpoint, Verification
from tiaki.core.catalogue import Catalogue
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.collection import NoticeGiven, NoticeTiming
from tiaki.core.keywrap import KdfParams, UnwrapFailed
from tiaki.core.notices import RenderedNotice, load_notices
from tiaki.core.passphrase import passphrase_problem
from tiaki.core.purposes import load_purposes
from tiaki.core.roles import Role, Worker
from tiaki.core.text import bad_characters, nfc
from tiaki.paths import resource_dir
from tiaki.store import workers as worker_rows
from tiaki.store.audit_log import AuditLog
from tiaki.store.clients import ClientRepository
from tiaki.store.database import Database, Transaction
from tiaki.store.errors import DamagedStore, InvalidInput, WrongPassphrase
from tiaki.store.keyslots import read_keyslots, update_keyslots
from tiaki.store.outbox import Outbox
from tiaki.store.referrals import Referrals
from tiaki.store.reviews import ReviewQueue
from tiaki.store.settings import AUTO_LOCK_MINUTES, StoreSetting
from tiaki.store.sharing import SharingRepository
from tiaki.store.sharing_history import SharingHistory

DEFAULT_AUTO_LOCK_MINUTES = AUTO_LOCK_MINUTES.default
AUTO_LOCK_RANGE = (AUTO_LOCK_MINUTES.minimum, AUTO_LOCK_MINUTES.maximum)


def check_passphrase(passphrase: str, name: str) -> None:
    problem = passphrase_problem(passphrase, name)
    if problem:
        raise InvalidInput.for_passphrase(problem)


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FailedUnlocks:
    """Failed attempts since the last successful unlock, shown to the worker who unlocks next."""

    count: int
    first_at: str | None
    last_at: str | None


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
        self.purposes = load_purposes(resource_dir() / "purposes.json")
        self.notices = load_notices(resource_dir() / "notices.json")
        self.outbox = Outbox(db, self.audit, catalogue, self.purposes, self.current_worker, self.organisation_name,
                             device_id, signing_key, clock)
        self.clients = ClientRepository(db, self.audit, catalogue, self.purposes, self.current_worker, clock,
                                        updates=self.outbox)
        self.sharing = SharingRepository(db, self.audit, catalogue, self.current_worker, self.organisation_name,
                                         self.notices.template_hash, self.notices.version, clock,
                                         withdrawals=self.outbox)
        self.referrals = Referrals(db, self.audit, catalogue, self.purposes, self.notices, self.current_worker,
                                   self.organisation_name, device_id, signing_key, clock, self.clients)
        self.reviews = ReviewQueue(db, self.audit, self.current_worker, device_id, clock)
        self.history = SharingHistory(db, self.audit, self.current_worker, self.organisation_name, clock,
                                      [f.key for f in catalogue.fields])
        self._closed = False

    def _device(self) -> tuple[str, Ed25519PrivateKey]:
        row = self._db.query_one("SELECT id, signing_key FROM device LIMIT 1")
        if row is None:
            raise DamagedStore()
        return str(row[0]), Ed25519PrivateKey.from_private_bytes(bytes(row[1]))

    @property
    def is_open(self) -> bool:
        return not self._closed

    def current_worker(self) -> Worker:
        """The signed-in worker as the store has them now (role changes apply to open sessions too)."""
        self.worker = worker_rows.get_worker(self._db, self.worker.id)
        return self.worker

    def record(self, action: str, subject_type: str | None, subject_id: str | None,
               detail: dict[str, object] | None = None) -> None:
        self.record_as(self.worker, action, subject_type, subject_id, detail)

    def _require_admin(self, what: str) -> Worker:
        me = self.current_worker()
        roles.require(roles.can_administer(me), what)
        return me

    # --- workers -----------------------------------------------------------------------------------

    def workers(self) -> list[Worker]:
        """Names and roles of the team (every role sees who recorded what)."""
        return worker_rows.all_workers(self._db)

    def caseload_sizes(self) -> dict[str, int]:
        return worker_rows.caseload_sizes(self._db)

    def add_worker(self, *, name: str, display_name: str, role: Role, passphrase: str) -> Worker:
        me = self._require_admin("add workers")
        clean = worker_rows.clean_worker_name(name)
        check_passphrase(passphrase, clean)
        now = iso(self._clock())
        worker_id = new_id()
        slots = read_keyslots(self.data_dir)
        if slots.slot_for_name(clean) is not None:
            raise InvalidInput("worker_exists")
        slot = slots.passphrase_slot(data_key=bytes(self._data_key), worker_id=worker_id, worker_name=clean,
                                     passphrase=passphrase, kdf=self._kdf, now=now)
        with self._db.transaction() as tx:
            worker = worker_rows.insert_worker(tx, worker_id=worker_id, name=clean, display_name=display_name,
                                               role=role, now=now, created_by=me.id)
            self.audit.append(tx, actor_id=me.id, action=Action.WORKER_ADD, subject_type="worker",
                              subject_id=worker_id, detail={"role": role.value})
            self.audit.append(tx, actor_id=me.id, action=Action.KEYSLOT_ADD, subject_type="worker",
                              subject_id=worker_id, detail={"kind": "passphrase"})
        update_keyslots(self.data_dir, lambda current: current.with_slot(slot))
        return worker

    def set_role(self, worker_id: str, role: Role) -> None:
        me = self._require_admin("change roles")
        with self._db.transaction() as tx:
            target = worker_rows.get_worker(tx, worker_id)
            if target.role is Role.PRIVACY_OFFICER and role is not Role.PRIVACY_OFFICER:
                self._keep_one_privacy_officer(tx, worker_id)
            tx.execute("UPDATE workers SET role = ? WHERE id = ?", (role.value, worker_id))
            self.audit.append(tx, actor_id=me.id, action=Action.WORKER_ROLE, subject_type="worker",
                              subject_id=worker_id, detail={"from": target.role.value, "to": role.value})
        self.current_worker()

    def deactivate_worker(self, worker_id: str) -> None:
        """The worker can no longer sign in (their key slot is removed); their records and history stay."""
        me = self._require_admin("deactivate workers")
        if worker_id == me.id:
            raise InvalidInput("cannot_deactivate_self")
        with self._db.transaction() as tx:
            target = worker_rows.get_worker(tx, worker_id)
            if target.role is Role.PRIVACY_OFFICER:
                self._keep_one_privacy_officer(tx, worker_id)
            tx.execute("UPDATE workers SET active = 0 WHERE id = ?", (worker_id,))
            self.audit.append(tx, actor_id=me.id, action=Action.WORKER_DEACTIVATE, subject_type="worker",
                              subject_id=worker_id)
            self.audit.append(tx, actor_id=me.id, action=Action.KEYSLOT_REMOVE, subject_type="worker",
                              subject_id=worker_id, detail={"kind": "passphrase"})
        update_keyslots(self.data_dir, lambda current: current.without_worker(worker_id))

    @staticmethod
    def _keep_one_privacy_officer(tx: Transaction, worker_id: str) -> None:
        others = tx.scalar("SELECT count(*) FROM workers WHERE role = 'privacy_officer' AND active = 1 AND id != ?",
                           (worker_id,))
        if not others:
            raise InvalidInput("last_privacy_officer")

    def prune_orphan_slots(self) -> int:
        """Remove slots whose worker is gone or inactive (left by a crash between commit and slot write)."""
        active = {w.id for w in self.workers() if w.active}
        orphans = [s for s in read_keyslots(self.data_dir).passphrase_slots() if s.worker_id not in active]
        if not orphans:
            return 0
        gone = {s.worker_id for s in orphans}
        update_keyslots(self.data_dir, lambda current: current.without_workers(gone))
        self.record(Action.KEYSLOT_REMOVE, "store", None, {"kind": "passphrase", "orphans": len(orphans)})
        return len(orphans)

    # --- passphrases and the recovery key ----------------------------------------------------------

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrites only this worker's key slot; the database is not re-encrypted."""
        me = self.current_worker()
        slots = read_keyslots(self.data_dir)
        slot = slots.slot_for_worker(me.id)
        if slot is None:
            raise WrongPassphrase
        try:
            slots.open_with_passphrase(slot, current)
        except UnwrapFailed:
            raise WrongPassphrase from None
        self._set_passphrase(me, me, new)

    def reset_passphrase(self, worker_id: str, new: str) -> None:
        """A privacy officer sets a new passphrase for a worker who forgot theirs."""
        me = self._require_admin("reset another worker's passphrase")
        target = worker_rows.get_worker(self._db, worker_id)
        if not target.active:
            raise InvalidInput("worker_inactive")
        self._set_passphrase(me, target, new)

    def _set_passphrase(self, me: Worker, target: Worker, new: str) -> None:
        check_passphrase(new, target.name)
        slot = read_keyslots(self.data_dir).passphrase_slot(
            data_key=bytes(self._data_key), worker_id=target.id, worker_name=target.name, passphrase=new,
            kdf=self._kdf, now=iso(self._clock()))
        self.record_as(me, Action.KEYSLOT_CHANGE, "worker", target.id, {"kind": "passphrase"})
        update_keyslots(self.data_dir, lambda current: current.with_slot(slot))

    def rotate_recovery_key(self, keep: Callable[[str], None] | None = None) -> str:
        """A new recovery key replaces the old one (after it was used, or if it may have been seen).

        ``keep`` is called with the new key *before* the old one stops working — e.g. to write it to a file —
        so a failure there leaves the old key in force rather than no key at all.
        """
        me = self._require_admin("replace the recovery key")
        secret = keywrap.new_recovery_secret()
        text = keywrap.format_recovery_key(secret)
        if keep is not None:
            keep(text)
        slot = read_keyslots(self.data_dir).recovery_slot_for(data_key=bytes(self._data_key), secret=secret,
                                                              now=iso(self._clock()))
        self.record_as(me, Action.KEYSLOT_CHANGE, "store", None, {"kind": "recovery"})
        update_keyslots(self.data_dir, lambda current: current.with_slot(slot))
        return text

    def record_as(self, actor: Worker, action: str, subject_type: str | None, subject_id: str | None,
                  detail: dict[str, object] | None = None) -> None:
        with self._db.transaction() as tx:
            self.audit.append(tx, actor_id=actor.id, action=action, subject_type=subject_type,
                              subject_id=subject_id, detail=detail)

    # --- collection --------------------------------------------------------------------------------

    def organisation_name(self) -> str:
        """The collecting and holding agency named in notices and consent records."""
        value = self._db.scalar("SELECT value FROM settings WHERE key = 'organisation_name'")
        return str(value) if value else "this organisation"

    def set_organisation_name(self, name: str) -> None:
        me = self._require_admin("change the organisation's name")
        clean = nfc(name).strip()
        if not clean or len(clean) > 200 or bad_characters(clean):
            raise InvalidInput("organisation_name")
        with self._db.transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('organisation_name', ?)", (clean,))
            self.audit.append(tx, actor_id=me.id, action=Action.SETTING_CHANGE, subject_type="setting",
                              subject_id="organisation_name")

    def collection_notice(self, language: str, purposes: list[str], *, recipients: tuple[str, ...] = (),
                          law: str = "", required: bool = False) -> RenderedNotice:
        """The IPP 3 notice for these purposes, in the person's language (KeyError: no notice in it)."""
        return self.notices.render(language, purposes=[self.purposes.get(p) for p in purposes],
                                   agency=self.organisation_name(), recipients=recipients, law=law, required=required)

    def notice_given(self, language: str, *, timing: NoticeTiming = NoticeTiming.BEFORE,
                     at: dt.datetime | None = None) -> NoticeGiven:
        """The record that the current notice was given in ``language`` (KeyError: no notice in it)."""
        return NoticeGiven(self.notices.version, language, self.notices.template_hash(language), timing,
                           at or self._clock())

    # --- settings and checks -----------------------------------------------------------------------

    def setting(self, setting: StoreSetting) -> int:
        """A store-wide setting's value (its default when never set); any worker may read it."""
        return setting.parse(self._db.scalar("SELECT value FROM settings WHERE key = ?", (setting.key,)))

    def set_setting(self, setting: StoreSetting, value: int) -> None:
        """Change a store-wide setting (privacy officer), audited with its new value."""
        setting.check(value)
        me = self._require_admin("change this setting")
        with self._db.transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (setting.key, str(value)))
            self.audit.append(tx, actor_id=me.id, action=Action.SETTING_CHANGE, subject_type="setting",
                              subject_id=setting.key, detail={"value": value})

    def auto_lock_minutes(self) -> int:
        return self.setting(AUTO_LOCK_MINUTES)

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.set_setting(AUTO_LOCK_MINUTES, minutes)

    def verify_audit(self, progress: Callable[[int, int], None] | None = None) -> Verification:
        roles.require(roles.can_review_audit(self.current_worker()), "check the audit log")
        return self.audit.verify(progress)

    def checkpoints(self) -> list[Checkpoint]:
        """The signed checkpoints of the audit head, oldest first (oversight roles, as the log itself)."""
        roles.require(roles.can_review_audit(self.current_worker()), "see the audit log's checkpoints")
        return self.audit.checkpoints()

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
            # Statistics for the planner on tables whose size changed a lot (the history's indexes grow from
            # nothing on a new store); bounded, so locking stays quick on a large one.
            self._db.pragma_rows("analysis_limit = 1000")
            self._db.pragma_rows("optimize")
        finally:
            self._closed = True
            self._db.close()
            for i in range(len(self._data_key)):
                self._data_key[i] = 0
            log.info(logs.LOCKED)

    close = lock
