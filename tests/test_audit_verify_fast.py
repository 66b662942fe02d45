"""The fast audit verification (store/audit_verify.py) gives exactly the reference verdict (core/audit.verify_chain).

Random logs, stored in either detail format (the ", "-separated text every store writes, canonical text, or any
other text of the same object), get random tampering — including the forgeries a verbatim splice of the stored
detail would let through — and both verifiers must return the same ``Verification``: the same first bad entry,
the same words, the same counts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlcipher3 import dbapi2 as sqlcipher

from support import ADMIN_PASS, collected
from tiaki.core.audit import GENESIS_HASH, AuditEntry, Checkpoint, canonical_json, seal, sign_checkpoint, verify_chain
from tiaki.store.audit_batch import AuditBatch, Planned
from tiaki.store.audit_log import _entry
from tiaki.store.audit_verify import verify_rows
from tiaki.store.keyslots import read_keyslots
from tiaki.store.session import Session, unlock_store

Row = tuple[Any, ...]
KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
TRUSTED = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

# Text with the characters JSON quoting treats specially; lone surrogates only where tampering puts them.
_special = st.sampled_from(["\n", "\t", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", '"', "\\", "/", "ā", "🙂", " "])
plain_text = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), _special), max_size=8)
any_text = st.text(st.one_of(st.characters(), _special, st.just("\ud800")), max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | plain_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(plain_text, inner, max_size=3),
    max_leaves=8)
details = st.dictionaries(plain_text, json_values, max_size=4)
maybe_text = st.none() | plain_text


def old_text(detail: dict[str, Any]) -> str:
    """How every store writes a detail: json.dumps(sort_keys=True, ensure_ascii=False), ", " and ": "."""
    return json.dumps(detail, sort_keys=True, ensure_ascii=False)


def canonical_text(detail: dict[str, Any]) -> str:
    return canonical_json(detail).decode("utf-8")


def odd_text(detail: dict[str, Any]) -> str:
    """The same object as other text: indented, keys in reverse order, escaped."""
    return json.dumps(dict(reversed(list(detail.items()))), indent=1, ensure_ascii=True)


FORMATS = {"old": old_text, "canonical": canonical_text, "odd": odd_text}


def row_of(entry: AuditEntry, detail_text: str) -> Row:
    return (entry.seq, entry.id, entry.device_id, entry.at, entry.actor_id, entry.action, entry.subject_type,
            entry.subject_id, detail_text, entry.prev_hash, entry.hash)


def verbatim_hash(row: Row, prev: str) -> str:
    """The hash a forger would give a row if verification spliced the stored detail text in as it stands."""
    def q(v: Any) -> str:
        return "null" if v is None else encode_basestring(v)
    text = (f'{{"action":{q(row[5])},"actor_id":{q(row[4])},"at":{q(row[3])},"detail":{row[8]},'
            f'"device_id":{q(row[2])},"id":{q(row[1])},"seq":{row[0]},"subject_id":{q(row[7])},'
            f'"subject_type":{q(row[6])}}}')
    return hashlib.sha256(bytes.fromhex(prev) + text.encode("utf-8", "surrogatepass")).hexdigest()


def relink(rows: list[Row], start: int, *, first_hash: str | None = None) -> None:
    """Rewrite the chain from ``start`` on as someone with the database key would: each later row re-hashed
    canonically and linked to the one before. ``first_hash`` forces the first rewritten row's hash."""
    for i in range(start, len(rows)):
        row = rows[i]
        prev = rows[i - 1][10] if i else GENESIS_HASH
        if i == start and first_hash is not None:
            rows[i] = (*row[:9], prev, first_hash)
            continue
        try:
            entry = seal(dataclasses.replace(_entry(row), prev_hash=prev))
            new_hash = entry.hash
        except (ValueError, TypeError):
            new_hash = "0" * 64
        rows[i] = (*row[:9], prev, new_hash)


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[Row], list[Checkpoint], set[str] | None]:
    n = draw(st.integers(1, 12))
    rows: list[Row] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        entry = seal(AuditEntry(
            seq=seq, id=draw(plain_text), device_id=draw(st.sampled_from(["dev-1", "dév\u2028"])),
            at=f"2026-11-25T10:00:{seq:02d}.000+00:00", actor_id=draw(maybe_text),
            action=draw(st.sampled_from(["client.view", "share.seal", "a\nb"])), subject_type=draw(maybe_text),
            subject_id=draw(maybe_text), detail=draw(details), prev_hash=prev))
        rows.append(row_of(entry, FORMATS[draw(st.sampled_from(sorted(FORMATS)))](dict(entry.detail))))
        prev = entry.hash
    cps = [sign_checkpoint(KEY, checkpoint_id=f"cp{s}", device_id="dev-1", seq=s, head_hash=rows[s - 1][10],
                           at="t") for s in sorted(draw(st.sets(st.integers(1, n), max_size=3)))]
    if draw(st.booleans()):
        s = draw(st.integers(1, n))
        cps.append(sign_checkpoint(OTHER_KEY, checkpoint_id="other", device_id="dev-1", seq=s,
                                   head_hash=rows[s - 1][10], at="t"))
    return rows, cps, draw(st.sampled_from([{TRUSTED}, None]))


TAMPERING = ["none", "detail", "detail_rehashed", "column", "column_rehashed", "swap", "remove", "noncanonical",
             "noncanonical_spliced", "not_object", "not_object_spliced", "trailing", "trailing_spliced", "seq",
             "hash_text", "blob", "cut", "bad_signature"]


def _object_in(row: Row) -> dict[str, Any] | None:
    try:
        parsed = json.loads(row[8])
    except (ValueError, TypeError):
        return None
    return parsed if isinstance(parsed, dict) else None


def tamper(draw: st.DrawFn, rows: list[Row], cps: list[Checkpoint], kind: str) -> list[Checkpoint]:
    i = draw(st.integers(0, len(rows) - 1))
    row = rows[i]
    parsed = _object_in(row)
    prev = rows[i - 1][10] if i else GENESIS_HASH
    if kind.startswith("detail"):
        rows[i] = (*row[:8], old_text(draw(details)), *row[9:])
    elif kind.startswith("column"):
        col = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7]))
        rows[i] = (*row[:col], draw(any_text | st.none()), *row[col + 1:])
    elif kind == "swap" and len(rows) > 1:
        j = min(i + 1, len(rows) - 1) if i + 1 < len(rows) else i - 1
        rows[i], rows[j] = rows[j], rows[i]
    elif kind == "remove" and len(rows) > 1:
        del rows[i]
    elif kind.startswith("noncanonical") and parsed is not None:
        text = draw(st.sampled_from([old_text(parsed), odd_text(parsed), " " + canonical_text(parsed) + "\n",
                                     canonical_text(parsed)[:-1] + (',"k":1,"k":1}' if parsed else '"k":1,"k":1}')]))
        rows[i] = (*row[:8], text, *row[9:])
    elif kind.startswith("not_object"):
        rows[i] = (*row[:8], draw(st.sampled_from(["[]", "[1, 2]", "null", '"{}"', "1", "true", ""])), *row[9:])
    elif kind.startswith("trailing") and parsed is not None:
        tail = draw(st.sampled_from([" {}", ',"device_id":"x"', "}", " x", ',"z":{']))
        rows[i] = (*row[:8], canonical_text(parsed) + tail, *row[9:])
    elif kind == "seq":
        rows[i] = (draw(st.integers(-2, len(rows) + 2)), *row[1:])
    elif kind == "hash_text":
        col = draw(st.sampled_from([9, 10]))
        rows[i] = (*row[:col], draw(st.sampled_from(["zz", "", row[col].upper(), "0" * 64])), *row[col + 1:])
    elif kind == "blob":
        col = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 10]))
        value = row[col] if isinstance(row[col], str) else ""
        rows[i] = (*row[:col], value.encode(), *row[col + 1:])
    elif kind == "cut":
        del rows[draw(st.integers(0, len(rows) - 1)):]
    elif kind == "bad_signature" and cps:
        cps = [*cps[:-1], dataclasses.replace(cps[-1], signature="00" * 64)]
    if kind.endswith("_rehashed"):
        relink(rows, i)
    elif kind.endswith("_spliced"):  # the forgery only a verbatim splice of the stored detail would accept
        relink(rows, i, first_hash=verbatim_hash(rows[i], prev))
    return cps


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_verification_agrees_with_the_reference(data: st.DataObject) -> None:
    rows, cps, trusted = data.draw(logs())
    for kind in data.draw(st.lists(st.sampled_from(TAMPERING), min_size=1, max_size=2)):
        if rows:
            cps = tamper(data.draw, rows, cps, kind)
    reference = verify_chain([_entry(r) for r in rows], cps, trusted_keys=trusted)
    assert verify_rows(rows, cps, entry_of=_entry, trusted_keys=trusted) == reference


@given(data=st.data())
def test_untampered_logs_verify_in_every_detail_format(data: st.DataObject) -> None:
    rows, cps, _ = data.draw(logs())
    result = verify_rows(rows, cps, entry_of=_entry, trusted_keys=None)
    assert result.intact and result.entries == len(rows) and result.checkpoints == len(cps)


def test_a_forgery_spliced_over_non_canonical_detail_is_named() -> None:
    """The case a verbatim splice gets wrong: valid, equivalent detail text, hash recomputed over that text."""
    prev = GENESIS_HASH
    rows = []
    for seq in (1, 2, 3):
        entry = seal(AuditEntry(seq=seq, id=f"e{seq}", device_id="dev", at="t", actor_id="w", action="client.edit",
                                subject_type="client", subject_id="c", detail={"fields": ["a"], "b": 1},
                                prev_hash=prev))
        rows.append(row_of(entry, canonical_text(dict(entry.detail))))
        prev = entry.hash
    rows[2] = (*rows[2][:8], '{"fields":["a"],"b":1}', *rows[2][9:])  # keys out of order, same object
    relink(rows, 2, first_hash=verbatim_hash(rows[2], rows[1][10]))
    result = verify_rows(rows, [], entry_of=_entry)
    assert result == verify_chain([_entry(r) for r in rows])
    assert result.problem is not None and result.problem.seq == 3 and "altered" in result.problem.reason


def test_absurdly_nested_detail_is_named_not_a_crash() -> None:
    entry = seal(AuditEntry(seq=1, id="e1", device_id="dev", at="t", actor_id=None, action="x", subject_type=None,
                            subject_id=None, detail={}, prev_hash=GENESIS_HASH))
    rows = [row_of(entry, "[" * 200_000 + "]" * 200_000)]
    result = verify_rows(rows, [], entry_of=_entry)
    assert result == verify_chain([_entry(r) for r in rows])
    assert result.problem is not None and result.problem.seq == 1


# --- on a real store ---------------------------------------------------------------------------------------


def _raw_connection(data_dir: Path) -> sqlcipher.Connection:
    slots = read_keyslots(data_dir)
    key = slots.open_with_passphrase(slots.passphrase_slots()[0], ADMIN_PASS)
    conn = sqlcipher.connect(str(data_dir / "tiaki.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    return conn


def _both(data_dir: Path) -> tuple[Any, Any]:
    """The session's verification and the reference's, on the store as it is now."""
    session = unlock_store(data_dir, passphrase=ADMIN_PASS)
    try:
        audit = session.audit
        reference = verify_chain(audit.entries(), audit.checkpoints(), trusted_keys={audit.public_key_hex})
        return session.verify_audit(), reference
    finally:
        session._db.close()  # no lock entry: keep the log as it is


@pytest.fixture
def mixed_store(session: Session, data_dir: Path) -> Path:
    """A store whose log holds entries made by the API (details stored as every store stores them), a batch past a
    checkpoint, and then entries whose details are stored as canonical text, chained on by hand."""
    for i in range(12):
        session.clients.create({"given_name": f"Person{i}", "family_name": "Tāwhiao"}, collection=collected(session))
    batch = AuditBatch(session.audit._device_id, session.audit._key, session.audit._clock)
    with session._db.transaction() as tx:
        batch.append_all(tx, session.worker.id, [
            Planned("client.view", "client", f"c{i}", {"fields": ["given_name", "nhi"], "note": "ā\u2028\n"})
            for i in range(300)])
    session.lock()
    conn = _raw_connection(data_dir)
    seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    for k in range(1, 6):
        entry = seal(AuditEntry(seq=seq + k, id=f"canon-{k}", device_id="dev", at="2026-11-25T10:00:00.000+00:00",
                                actor_id=None, action="share.seal", subject_type="partner", subject_id="p",
                                detail={"message_ids": ["m1", "m2"], "key_id": "k\u2029"}, prev_hash=prev))
        conn.execute("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     row_of(entry, canonical_text(dict(entry.detail))))
        prev = entry.hash
    conn.close()
    return data_dir


def test_a_mixed_log_on_a_real_store_verifies_as_the_reference_says(mixed_store: Path) -> None:
    fast, reference = _both(mixed_store)
    assert fast == reference and fast.intact and fast.checkpoints >= 1


@pytest.mark.parametrize(("change", "still_intact"), [
    ("UPDATE audit_log SET detail = replace(detail, '\"m2\"', '\"m3\"') WHERE id = 'canon-3'", False),
    ("UPDATE audit_log SET detail = replace(detail, 'nhi', 'dob') WHERE subject_id = 'c7'", False),
    ("UPDATE audit_log SET detail = '{\"note\":\"ā\u2028\\n\",  \"fields\":[\"given_name\",\"nhi\"]}' "
     "WHERE subject_id = 'c9'", True),  # the same object in other text: not a change of content
    ("UPDATE audit_log SET subject_id = NULL WHERE seq = 5", False),
    ("UPDATE audit_log SET action = x'00' WHERE seq = 7", False),
    ("DELETE FROM audit_log WHERE seq = 100", False),
    ("DELETE FROM audit_log WHERE seq > 200", False),
])
def test_tampering_on_a_real_store_is_named_as_the_reference_names_it(mixed_store: Path, change: str,
                                                                       still_intact: bool) -> None:
    conn = _raw_connection(mixed_store)
    assert conn.execute(change).rowcount >= 1
    conn.close()
    fast, reference = _both(mixed_store)
    assert fast == reference
    assert fast.intact == still_intact


def test_progress_is_reported_as_before(session: Session) -> None:
    batch = AuditBatch(session.audit._device_id, session.audit._key, session.audit._clock)
    with session._db.transaction() as tx:
        batch.append_all(tx, session.worker.id, [Planned("client.view", "client", "c", {}) for _ in range(2100)])
    total = session.audit.count()
    seen: list[tuple[int, int]] = []
    assert session.verify_audit(lambda n, t: seen.append((n, t))).intact
    assert seen == [(1000, total), (2000, total), (total, total)]
