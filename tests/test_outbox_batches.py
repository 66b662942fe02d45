"""The pieces the outbox's batches are built from: multi-row inserts, many audit entries at once, and the JSON
of seal records and stored values made without a round trip. Each is checked against the plain way it
replaces: what it writes or returns must be exactly the same."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from typing import Any

import pytest

from tiaki.core.audit import Action
from tiaki.core.policy import Allowed
from tiaki.core.sharing import Basis
from tiaki.store import audit_batch, audit_log
from tiaki.store.audit_batch import AuditBatch, Planned
from tiaki.store.audit_log import CHECKPOINT_EVERY, AuditLog
from tiaki.store.bulk import IDS, id_list, insert_rows
from tiaki.store.outbox_messages import SealRecordJson, stored_value
from tiaki.store.session import Session

COLUMNS = ("a", "b", "c", "d")


@pytest.mark.parametrize("count", [0, 1, 3, 21, 300])
def test_insert_rows_writes_every_row_in_order_with_its_type(session: Session, count: int) -> None:
    rng = random.Random(count)
    kinds: list[Any] = [1, True, 1.0, "1", None, b"1", "Māori", 0, False, ""]
    rows = [(n, rng.choice(kinds), "same", rng.choice(kinds)) for n in range(count)]
    if count > 1:
        rows[-1] = (count - 1, True, "same", 1)  # equal in Python to 1 and 1.0, yet another value to store
    with session._db.transaction() as tx:
        tx.execute("CREATE TEMP TABLE batch_rows (a, b, c, d)")
        insert_rows(tx, "batch_rows", COLUMNS, rows)
        stored = tx.query("SELECT a, b, c, d, typeof(b), typeof(d) FROM batch_rows ORDER BY rowid")
        tx.execute("DROP TABLE batch_rows")
    assert [r[:4] for r in stored] == [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in rows]
    sqlite_type = {int: "integer", bool: "integer", float: "real", str: "text", bytes: "blob", type(None): "null"}
    assert [r[4:] for r in stored] == [(sqlite_type[type(row[1])], sqlite_type[type(row[3])]) for row in rows]


def test_insert_rows_refuses_a_row_of_the_wrong_width(session: Session) -> None:
    with pytest.raises(ValueError), session._db.transaction() as tx:
        insert_rows(tx, "audit_log", COLUMNS, [(1, 2, 3, 4), (1, 2, 3)])


def test_an_id_list_joins_as_a_table(session: Session) -> None:
    ids = ["b", "a", "c", "a"]
    with session._db.transaction() as tx:
        assert [r[0] for r in tx.query(f"SELECT j.value FROM {IDS}", (id_list(ids),))] == ids


def _counter(prefix: str) -> Any:
    numbers = itertools.count()
    return lambda: f"{prefix}-{next(numbers):06d}"


@pytest.mark.parametrize("count", [1, 7, CHECKPOINT_EVERY + 3])
def test_a_batch_of_audit_entries_is_the_chain_appends_one_by_one_make(session: Session, count: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Same ids and clock for both ways: the rows and checkpoints they write are identical, byte for byte."""
    key, device_id = session.audit._key, session.device_id
    at = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
    entries = [Planned(Action.SHARE_ACK if n % 3 else Action.SHARE_DROP, "client", f"client-{n % 5}",
                       {"message_id": f"m{n}", "reason": "", "dropped": {"phone": "no_consent"}, "name": "Māori"})
               for n in range(count)]
    written = []
    for way in ("one_by_one", "batch"):
        monkeypatch.setattr(audit_log, "new_id", _counter("id"))
        monkeypatch.setattr(audit_batch, "new_id", _counter("id"))
        with pytest.raises(RuntimeError), session._db.transaction() as tx:
            head = session.audit.head()[0]
            if way == "one_by_one":
                log = AuditLog(session._db, device_id, key, lambda: at)
                for e in entries:
                    log.append(tx, actor_id="worker", action=e.action, subject_type=e.subject_type,
                               subject_id=e.subject_id, detail=e.detail)
            else:
                AuditBatch(device_id, key, lambda: at).append_all(tx, "worker", entries)
            written.append((tx.query("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq", (head,)),
                            tx.query("SELECT * FROM audit_checkpoints WHERE seq > ? ORDER BY seq", (head,))))
            raise RuntimeError("roll back: the other way writes the same entries")
    assert written[0] == written[1]
    assert len(written[0][0]) == count
    assert len(written[0][1]) == (session.audit.head()[0] + count) // CHECKPOINT_EVERY - (
        session.audit.head()[0] // CHECKPOINT_EVERY)
    with session._db.transaction() as tx:
        AuditBatch(device_id, key, lambda: at).append_all(tx, "worker", entries)
        assert AuditBatch(device_id, key, lambda: at).append_all(tx, "worker", []) == []
    assert session.audit.verify().problem is None


def test_seal_record_json_is_what_json_dumps_writes() -> None:
    rng = random.Random(7)
    keys = ["given_name", "phone", "email", "iwi", "Māori \"quoted\" key", "a\\b"]
    ids = [None, "agreement-1", "agreement-2", "consent-9"]
    text = SealRecordJson()
    for _ in range(300):
        fields = {k: Allowed(k, rng.choice(list(Basis)), rng.choice(ids), rng.choice(ids))
                  for k in rng.sample(keys, rng.randint(0, len(keys)))}
        reasons = {k: rng.choice(["no_consent", "no_value", "consent_withdrawn"])
                   for k in rng.sample(keys, rng.randint(0, 3))}
        assert text.fields(fields) == json.dumps(
            {k: {"basis": a.basis.value, "agreement_id": a.agreement_id, "consent_id": a.consent_id}
             for k, a in fields.items()}, sort_keys=True)
        assert text.reasons(reasons) == json.dumps(reasons, sort_keys=True)


@pytest.mark.parametrize("value", ["Ana", "", "Ngāti Porou", "say \"kia ora\"", "back\\slash", "tab\tthere",
                                   "line\nbreak", "\u2028", "😀", 42, 3.5, True, None, ["a", 1], {"k": "v"}])
def test_a_stored_value_reads_as_json_loads_reads_it(value: object) -> None:
    for text in {json.dumps(value), json.dumps(value, ensure_ascii=False)}:
        assert stored_value(text) == json.loads(text)
        assert type(stored_value(text)) is type(json.loads(text))


def test_a_stored_value_json_refuses_is_refused_alike() -> None:
    for text in ['"raw\ncontrol"', '"unterminated', '"a" "b"']:
        with pytest.raises(ValueError):
            json.loads(text)
        with pytest.raises(ValueError):
            stored_value(text)
