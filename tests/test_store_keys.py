"""Key slots: wrong passphrase, growing delay, recovery, passphrase change, several workers on one store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from support import ADMIN, ADMIN_PASS, FAST_KDF, collected
from tiaki.core.roles import Role
from tiaki.store.errors import InvalidInput, StoreError, UnlockDelayed, WorkerNeeded, WrongPassphrase
from tiaki.store.keyslots import read_keyslots
from tiaki.store.session import Session, create_store, recover_store, unlock_store

CLIENT = {"given_name": "Kōwhai", "family_name": "Ngata", "date_of_birth": "1988-03-04"}


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def test_unlock_with_right_passphrase_sees_the_data(made_store: tuple[Session, str], data_dir: Path) -> None:
    session, _ = made_store
    cid = session.clients.create(CLIENT, collection=collected(session)).id
    session.lock()
    again = unlock_store(data_dir, passphrase=ADMIN_PASS, worker_name="ArohA ")
    assert again.clients.get(cid).fields["given_name"] == "Kōwhai"
    again.lock()


def test_wrong_passphrase_and_unknown_worker_give_one_generic_error(made_store: tuple[Session, str],
                                                                    data_dir: Path) -> None:
    made_store[0].lock()
    with pytest.raises(WrongPassphrase) as wrong:
        unlock_store(data_dir, passphrase="not the passphrase", worker_name=ADMIN)
    with pytest.raises(WrongPassphrase) as unknown:
        unlock_store(data_dir, passphrase=ADMIN_PASS, worker_name="nobody")
    assert str(wrong.value) == str(unknown.value)
    assert "passphrase" in str(wrong.value)


def test_failed_attempts_delay_and_are_reported_at_next_unlock(made_store: tuple[Session, str],
                                                                data_dir: Path) -> None:
    made_store[0].lock()
    clock = FakeClock()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            unlock_store(data_dir, passphrase="wrong wrong wrong", clock=clock)
    with pytest.raises(UnlockDelayed) as delayed:
        unlock_store(data_dir, passphrase=ADMIN_PASS, clock=clock)
    assert delayed.value.seconds == pytest.approx(1.0)
    clock.advance(1.5)
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase="wrong wrong wrong", clock=clock)
    with pytest.raises(UnlockDelayed) as longer:
        unlock_store(data_dir, passphrase=ADMIN_PASS, clock=clock)
    assert longer.value.seconds == pytest.approx(2.0)
    clock.advance(2.5)
    session = unlock_store(data_dir, passphrase=ADMIN_PASS, clock=clock)
    assert session.failed_unlocks.count == 4
    assert session.failed_unlocks.last_at is not None
    actions = [e.action for e in session.audit.recent(5)]
    assert "session.unlock_failed" in actions
    session.lock()
    clean = unlock_store(data_dir, passphrase=ADMIN_PASS, clock=clock)
    assert clean.failed_unlocks.count == 0
    clean.lock()


def test_passphrase_change_rewrites_only_the_slot(made_store: tuple[Session, str], data_dir: Path) -> None:
    session, _ = made_store
    cid = session.clients.create(CLIENT, collection=collected(session)).id
    db_before = (data_dir / "tiaki.db").stat().st_ino
    with pytest.raises(WrongPassphrase):
        session.change_passphrase("not current one", "a brand new passphrase")
    with pytest.raises(InvalidInput):
        session.change_passphrase(ADMIN_PASS, "short")
    session.change_passphrase(ADMIN_PASS, "a brand new passphrase")
    session.lock()
    assert (data_dir / "tiaki.db").stat().st_ino == db_before
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase=ADMIN_PASS)
    again = unlock_store(data_dir, passphrase="a brand new passphrase")
    assert again.clients.get(cid).fields["family_name"] == "Ngata"
    again.lock()


def test_recovery_key_sets_a_new_passphrase_without_losing_data(made_store: tuple[Session, str],
                                                                data_dir: Path) -> None:
    session, recovery_key = made_store
    cid = session.clients.create(CLIENT, collection=collected(session)).id
    session.lock()
    with pytest.raises(InvalidInput):
        recover_store(data_dir, recovery_key="TIAKI-NOPE", worker_name=ADMIN, new_passphrase="x" * 12)
    wrong_key = recovery_key[:-4] + ("AAAA" if not recovery_key.endswith("AAAA") else "BBBB")
    with pytest.raises((InvalidInput, StoreError)):
        recover_store(data_dir, recovery_key=wrong_key, worker_name=ADMIN, new_passphrase="x" * 12)
    recovered = recover_store(data_dir, recovery_key=recovery_key.lower(), worker_name=ADMIN,
                              new_passphrase="recovered passphrase 1")
    assert recovered.clients.get(cid).fields["given_name"] == "Kōwhai"
    assert any(e.action == "keyslot.recovery" for e in recovered.audit.recent(5))
    new_key = recovered.rotate_recovery_key()
    recovered.lock()
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase=ADMIN_PASS)
    unlock_store(data_dir, passphrase="recovered passphrase 1").lock()
    with pytest.raises(StoreError):
        recover_store(data_dir, recovery_key=recovery_key, worker_name=ADMIN, new_passphrase="y" * 12)
    recover_store(data_dir, recovery_key=new_key, worker_name=ADMIN, new_passphrase="third passphrase 3").lock()


def test_several_workers_share_one_store(made_store: tuple[Session, str], data_dir: Path) -> None:
    admin, _ = made_store
    tama = admin.add_worker(name="tama", display_name="Tama", role=Role.CASEWORKER, passphrase="korimako sings at dawn")
    admin.add_worker(name="mere", display_name="Mere", role=Role.COORDINATOR, passphrase="tui in the kowhai tree")
    with pytest.raises(InvalidInput):
        admin.add_worker(name="TAMA", display_name="dup", role=Role.CASEWORKER, passphrase="another passphrase")
    admin.lock()
    with pytest.raises(WorkerNeeded):
        unlock_store(data_dir, passphrase="korimako sings at dawn")
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase="tui in the kowhai tree", worker_name="tama")
    session = unlock_store(data_dir, passphrase="korimako sings at dawn", worker_name="tama")
    assert session.worker.id == tama.id and session.worker.role is Role.CASEWORKER
    session.lock()
    assert len(read_keyslots(data_dir).passphrase_slots()) == 3


def test_deactivated_worker_cannot_unlock(made_store: tuple[Session, str], data_dir: Path) -> None:
    admin, _ = made_store
    tama = admin.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako sings at dawn")
    admin.deactivate_worker(tama.id)
    with pytest.raises(InvalidInput):
        admin.deactivate_worker(admin.worker.id)
    admin.lock()
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase="korimako sings at dawn", worker_name="tama")


def test_key_slot_file_names_no_worker(made_store: tuple[Session, str], data_dir: Path) -> None:
    admin, _ = made_store
    admin.add_worker(name="Rāwiri", display_name="Rāwiri Pārata", role=Role.CASEWORKER,
                     passphrase="river stones and ferns")
    raw = (data_dir / "keyslots.json").read_text(encoding="utf-8")
    json.loads(raw)
    for secret in ("Rāwiri", "rawiri", "Pārata", ADMIN):
        assert secret.casefold() not in raw.casefold()


def test_store_cannot_be_created_twice(made_store: tuple[Session, str], data_dir: Path) -> None:
    with pytest.raises(StoreError):
        create_store(data_dir, admin_name="x", passphrase="another passphrase", kdf=FAST_KDF)


def test_last_privacy_officer_cannot_be_demoted(session: Session) -> None:
    with pytest.raises(InvalidInput):
        session.set_role(session.worker.id, Role.CASEWORKER)


# --- crash windows, concurrent changes and stale sessions (found in review) --------------------------------

def test_a_slot_without_a_worker_never_opens_the_store_and_is_pruned(made_store: tuple[Session, str],
                                                                      data_dir: Path) -> None:
    from tiaki.core.keywrap import new_data_key  # noqa: F401 - the slot below wraps the real key
    from tiaki.store.keyslots import update_keyslots

    session, _ = made_store
    real_key = bytes(session._data_key)
    session.lock()
    slots = read_keyslots(data_dir)
    ghost = slots.passphrase_slot(data_key=real_key, worker_id="00000000-dead-4000-8000-000000000000",
                                  worker_name="ghost", passphrase="a crash left me here", kdf=FAST_KDF, now="t")
    update_keyslots(data_dir, lambda current: current.with_slot(ghost))  # as a crash before the commit would
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase="a crash left me here", worker_name="ghost")
    admin = unlock_store(data_dir, passphrase=ADMIN_PASS, worker_name=ADMIN)
    assert read_keyslots(data_dir).slot_for_name("ghost") is None
    assert any(e.action == "keyslot.remove" for e in admin.audit.recent(3))
    admin.lock()


def test_failure_count_does_not_undo_a_concurrent_slot_change(made_store: tuple[Session, str],
                                                              data_dir: Path) -> None:
    from tiaki.store.session import _count_failure

    session, _ = made_store
    stale = read_keyslots(data_dir)
    session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako sings at dawn")
    _count_failure(data_dir, FakeClock())  # what a wrong guess that read `stale` earlier now does
    fresh = read_keyslots(data_dir)
    assert fresh.slot_for_name("tama") is not None and stale.slot_for_name("tama") is None
    assert fresh.failures.count == 1
    session.lock()


def test_role_changes_apply_to_sessions_already_open(made_store: tuple[Session, str], data_dir: Path) -> None:
    from tiaki.core.roles import AccessDenied

    admin, _ = made_store
    admin.add_worker(name="hemi", display_name="", role=Role.PRIVACY_OFFICER, passphrase="second officer here")
    tama = admin.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako sings at dawn")
    cid = admin.clients.create(CLIENT, assign_to=tama.id, collection=collected(admin)).id
    hemi = unlock_store(data_dir, passphrase="second officer here", worker_name="hemi")
    as_tama = unlock_store(data_dir, passphrase="korimako sings at dawn", worker_name="tama")
    assert as_tama.clients.get(cid).id == cid
    admin.set_role(hemi.worker.id, Role.CASEWORKER)
    with pytest.raises(AccessDenied):
        hemi.add_worker(name="sneaky", display_name="", role=Role.PRIVACY_OFFICER, passphrase="i was demoted")
    assert hemi.worker.role is Role.CASEWORKER
    admin.deactivate_worker(tama.id)
    with pytest.raises(AccessDenied):
        as_tama.clients.get(cid)
    with pytest.raises(AccessDenied):
        as_tama.clients.list()
    for s in (hemi, as_tama, admin):
        s.lock()


def test_setup_never_deletes_a_database_whose_slot_file_is_missing(made_store: tuple[Session, str],
                                                                   data_dir: Path) -> None:
    session, _ = made_store
    session.clients.create(CLIENT, collection=collected(session))
    session.lock()
    (data_dir / "keyslots.json").rename(data_dir.parent / "keyslots-backup.json")
    size = (data_dir / "tiaki.db").stat().st_size
    with pytest.raises(StoreError, match="missing"):
        create_store(data_dir, admin_name="x", passphrase="another passphrase", kdf=FAST_KDF)
    assert (data_dir / "tiaki.db").stat().st_size == size
    (data_dir.parent / "keyslots-backup.json").rename(data_dir / "keyslots.json")
    unlock_store(data_dir, passphrase=ADMIN_PASS).lock()


def test_an_abandoned_setup_is_cleared(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "tiaki.db").write_bytes(b"half-made")
    (data_dir / ".setup-in-progress").write_bytes(b"")
    session, _ = create_store(data_dir, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    assert not (data_dir / ".setup-in-progress").exists()
    session.lock()


def test_discarding_a_new_store_only_when_empty(made_store: tuple[Session, str], data_dir: Path) -> None:
    from tiaki.store.session import discard_new_store

    session, _ = made_store
    session.clients.create(CLIENT, collection=collected(session))
    with pytest.raises(InvalidInput):
        discard_new_store(session)
    session.lock()
    other = data_dir.parent / "fresh"
    fresh, _ = create_store(other, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    discard_new_store(fresh)
    assert not (other / "keyslots.json").exists() and not (other / "tiaki.db").exists()
