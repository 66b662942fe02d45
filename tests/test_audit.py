"""The audit chain detects edited, deleted, reordered and inserted entries at the right place."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlcipher3 import dbapi2 as sqlcipher

from support import ADMIN_PASS, collected
from tiaki.core.audit import GENESIS_HASH, AuditEntry, seal, sign_checkpoint, verify_chain
from tiaki.store.keyslots import read_keyslots
from tiaki.store.session import Session, unlock_store


def make_chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS_HASH
    for i in range(1, n + 1):
        entry = seal(AuditEntry(seq=i, id=f"id-{i}", device_id="dev", at=f"2026-11-25T10:00:{i:02d}+00:00",
                                actor_id="w", action="client.view", subject_type="client", subject_id=f"c{i}",
                                detail={"n": i}, prev_hash=prev))
        entries.append(entry)
        prev = entry.hash
    return entries


def test_intact_chain_verifies() -> None:
    assert verify_chain(make_chain(20)).intact


def test_edited_entry_is_named() -> None:
    chain = make_chain(20)
    chain[7] = dataclasses.replace(chain[7], detail={"n": 999})
    result = verify_chain(chain)
    assert result.problem is not None and result.problem.index == 7
    assert "altered" in result.problem.reason


def test_deleted_entry_is_named() -> None:
    chain = make_chain(20)
    del chain[5]
    result = verify_chain(chain)
    assert result.problem is not None and result.problem.index == 5


def test_reordered_entries_are_named() -> None:
    chain = make_chain(20)
    chain[10], chain[11] = chain[11], chain[10]
    result = verify_chain(chain)
    assert result.problem is not None and result.problem.index == 10


def test_inserted_entry_is_named() -> None:
    chain = make_chain(20)
    forged = seal(AuditEntry(seq=13, id="forged", device_id="dev", at="2026-11-25T10:00:13+00:00", actor_id="w",
                             action="client.view", subject_type=None, subject_id=None, prev_hash=chain[11].hash))
    chain.insert(12, forged)
    result = verify_chain(chain)
    assert result.problem is not None and result.problem.index == 13
    crude = make_chain(20)
    crude.insert(4, dataclasses.replace(crude[4], id="forged"))  # not even re-hashed: caught where it stands
    result = verify_chain(crude)
    assert result.problem is not None and result.problem.index == 4


def test_checkpoint_catches_a_cut_tail_and_bad_signatures() -> None:
    chain = make_chain(20)
    key = Ed25519PrivateKey.generate()
    cp = sign_checkpoint(key, checkpoint_id="cp", device_id="dev", seq=20, head_hash=chain[-1].hash, at="t")
    assert verify_chain(chain, [cp]).intact
    cut = verify_chain(chain[:15], [cp])
    assert cut.problem is not None and "cut" in cut.problem.reason
    assert verify_chain(chain[:15]).intact  # what a chain cannot notice on its own
    forged = dataclasses.replace(cp, signature="00" * 64)
    assert not verify_chain(chain, [forged]).intact
    other = Ed25519PrivateKey.generate()
    untrusted = sign_checkpoint(other, checkpoint_id="x", device_id="dev", seq=20, head_hash=chain[-1].hash, at="t")
    assert not verify_chain(chain, [untrusted], trusted_keys={cp.public_key}).intact


# --- the same on a real store, tampering the database as an attacker with the data key would ---------------

def _raw_connection(data_dir: Path, data_key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(data_dir / "tiaki.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    return conn


def _data_key(data_dir: Path) -> bytes:
    slots = read_keyslots(data_dir)
    return slots.open_with_passphrase(slots.passphrase_slots()[0], ADMIN_PASS)


@pytest.fixture
def busy_store(session: Session, data_dir: Path) -> Path:
    for i in range(30):
        session.clients.create({"given_name": f"Person{i}", "family_name": "Tāwhiao"}, collection=collected(session))
    session.lock()
    return data_dir


def _verify(data_dir: Path) -> tuple[int | None, str]:
    session = unlock_store(data_dir, passphrase=ADMIN_PASS)
    try:
        result = session.verify_audit()
        return (result.problem.seq if result.problem else None), (result.problem.reason if result.problem else "")
    finally:
        session._db.close()  # no lock entry: keep the tampered log as it is


def test_store_log_is_append_only(session: Session) -> None:
    with pytest.raises(sqlcipher.IntegrityError), session._db.transaction() as tx:
        tx.execute("UPDATE audit_log SET action = 'x' WHERE seq = 1")


def test_edited_row_in_the_database_is_named(busy_store: Path) -> None:
    conn = _raw_connection(busy_store, _data_key(busy_store))
    detail = json.loads(conn.execute("SELECT detail FROM audit_log WHERE seq = 12").fetchone()[0])
    detail["fields"] = ["nothing"]
    conn.execute("UPDATE audit_log SET detail = ? WHERE seq = 12", (json.dumps(detail),))
    conn.close()
    seq, reason = _verify(busy_store)
    assert seq == 12 and "altered" in reason


def test_deleted_row_in_the_database_is_named(busy_store: Path) -> None:
    conn = _raw_connection(busy_store, _data_key(busy_store))
    conn.execute("DELETE FROM audit_log WHERE seq = 9")
    conn.close()
    seq, _ = _verify(busy_store)
    assert seq == 10


def test_cut_tail_in_the_database_is_caught_by_a_checkpoint(busy_store: Path) -> None:
    conn = _raw_connection(busy_store, _data_key(busy_store))
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - 3,))
    conn.close()
    _, reason = _verify(busy_store)
    assert "cut" in reason


def test_audit_details_hold_no_values(session: Session) -> None:
    session.clients.create({"given_name": "CanaryAudit", "family_name": "Ngata"}, collection=collected(session))
    for entry in session.audit.recent(10):
        assert "CanaryAudit" not in json.dumps(entry.detail)
    assert os.path.exists(session.data_dir / "tiaki.db")


@pytest.mark.parametrize(("column", "value"), [("detail", "{not json"), ("detail", "[1, 2]"),
                                               ("hash", "not hex at all"), ("prev_hash", "zz")])
def test_unreadable_entry_is_named_not_a_crash(busy_store: Path, column: str, value: str) -> None:
    conn = _raw_connection(busy_store, _data_key(busy_store))
    conn.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = 7", (value,))
    conn.close()
    seq, reason = _verify(busy_store)
    assert seq in (7, 8) and reason
