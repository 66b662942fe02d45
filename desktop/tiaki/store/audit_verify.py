"""Verifying the stored audit chain at the speed of reading it, with the reference check's exact results.

The reference check (``core/audit.verify_chain``) turns every row into an ``AuditEntry``, rebuilds its content
as a dict and serialises that with ``json.dumps(sort_keys=True, ...)`` before hashing: about 17 µs an entry, of
which reading the row is 2.5. Here each row is checked straight from its columns:

* the sequence number and the link to the previous hash are compared as the reference compares them;
* the canonical text the hash covers is put together from the columns, in the canonical key order
  (``action, actor_id, at, detail, device_id, id, seq, subject_id, subject_type``), each string quoted by
  ``json.encoder.encode_basestring`` — the very function ``json.dumps(ensure_ascii=False)`` quotes strings with
  (control characters as ``\\n`` or ``\\u001f``, U+2028 and U+2029 kept as they are, lone surrogates passed through
  and then refused by the UTF-8 encoding, which sends the row to the reference check);
* the detail is parsed with ``json.loads`` (what every reader of the log parses it with) and must be an object;
  its canonical text is that object serialised by one reused encoder with ``canonical_json``'s settings. Details
  repeat a lot (an empty one on every ``client.view``), so the canonical text of short details is remembered by
  their stored text;
* ``SHA-256(bytes.fromhex(prev) + text)`` is compared with the stored hash.

Whenever any of that does not hold or cannot be done (a hash that does not match, a column that is not text, a
detail that is not an object, text that will not encode), the row goes to the reference check, which then decides
— and names the problem in its own words. So a row passes here only if the text hashed is exactly the text the
reference hashes (``canonical_json`` of the same content): the two can never disagree, because the fast path
computes the same function, not one argued to be equivalent.

Why the detail is re-serialised rather than spliced in as stored. Storing new details already canonical and
splicing the stored text in verbatim (checking only that it parses to one JSON object) measured 1.3–2 µs an entry
faster. The object check is what makes such a splice unambiguous: if a stored detail could be anything, a detail
text such as ``{},"device_id":"x"`` or ``{"a":1} {"b":2}`` would let one hashed text stand for rows with different
columns, whereas a text that is exactly one JSON value ends where the parser says it ends, so the spliced text
reads back into exactly one set of columns. But unambiguous is not the same as identical: a detail that is valid
but not canonical (``{"a": 1}``, keys out of order, a key twice) whose hash someone recomputed over that text would
pass a verbatim splice and fail the reference — the documented definition of an entry's hash, which any other
verifier of this log (a hub merging devices' logs later) follows. That row can only be written by someone able to
recompute hashes, who could as well write a canonical one, so the splice would hide nothing; still, a tamper check
whose verdict depends on which implementation ran is a liability for less than a quarter of the time saved. The
stored format is therefore left as it is (old and new stores alike verify here), and verification is defined once.

Checkpoints are then checked exactly as the reference checks them, against the hashes at their sequence numbers
(only those are kept, not one per entry: a million entries need no dict of a million hashes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring
from typing import Any

from tiaki.core.audit import (
    GENESIS_HASH,
    AuditEntry,
    Checkpoint,
    Verification,
    _checkpoint_problem,  # the reference's own checks, so the problems are worded identically
    _entry_problem,
)

Row = tuple[Any, ...]  # seq, id, device_id, at, actor_id, action, subject_type, subject_id, detail, prev_hash, hash
EntryOf = Callable[[Row], AuditEntry]  # a row as the reference check reads it (AuditLog's own row reader)

# canonical_json's settings (core/audit.py), made once: json.dumps makes a new encoder on every call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_MEMO_TEXT = 256  # details up to this long have their canonical text remembered ...
_MEMO_SIZE = 4096  # ... this many of them


class ChainCheck:
    """Walks the rows in order and answers what ``verify_chain`` would answer for the entries they hold."""

    def __init__(self, entry_of: EntryOf, checkpoints: Sequence[Checkpoint], trusted_keys: set[str] | None) -> None:
        self._entry_of = entry_of
        self._checkpoints = checkpoints
        self._trusted = trusted_keys
        self._memo: dict[str, str] = {}

    def run(self, rows: Iterable[Row], progress: Callable[[int], None] | None = None) -> Verification:
        """Every row, then every checkpoint. ``progress(n)`` is called before the n-th row for every 1000th."""
        wanted = {cp.seq for cp in self._checkpoints}
        heads: dict[int, str] = {}
        prev = GENESIS_HASH
        index = -1
        fast = self._fast
        for index, row in enumerate(rows):
            if progress is not None and (index + 1) % 1000 == 0:
                progress(index + 1)
            stored = row[10]
            if not fast(row, index + 1, prev):
                problem = _entry_problem(index, self._entry_of(row), prev)
                if problem:
                    return Verification(index + 1, 0, problem)
                stored = str(stored)  # (as the reference keeps it)
            if row[0] in wanted:
                heads[row[0]] = stored
            prev = stored
        count = index + 1
        checked = 0
        for cp in self._checkpoints:
            checked += 1
            problem = _checkpoint_problem(cp, heads, count, self._trusted)
            if problem:
                return Verification(count, checked, problem)
        return Verification(count, checked, None)

    def _fast(self, row: Row, expected_seq: int, prev: str) -> bool:
        """True only if the row's hash is SHA-256 over prev and exactly the reference's canonical text."""
        seq, entry_id, device_id, at, actor_id, action, subject_type, subject_id, detail, prev_hash, stored = row
        if type(seq) is not int or seq != expected_seq or prev_hash != prev or type(detail) is not str:
            return False
        memo = self._memo
        canonical = memo.get(detail)
        quote = encode_basestring  # a str, else TypeError: NOT NULL columns are quoted without a None check
        try:
            if canonical is None:
                parsed = json.loads(detail)
                if type(parsed) is not dict:
                    return False
                canonical = _CANONICAL.encode(parsed)
                if len(detail) <= _MEMO_TEXT and len(memo) < _MEMO_SIZE:
                    memo[detail] = canonical
            text = (f'{{"action":{quote(action)},'
                    f'"actor_id":{"null" if actor_id is None else quote(actor_id)},'
                    f'"at":{quote(at)},"detail":{canonical},"device_id":{quote(device_id)},"id":{quote(entry_id)},'
                    f'"seq":{seq},"subject_id":{"null" if subject_id is None else quote(subject_id)},'
                    f'"subject_type":{"null" if subject_type is None else quote(subject_type)}}}')
            digest = hashlib.sha256(bytes.fromhex(prev) + text.encode("utf-8"))
        except (ValueError, TypeError, RecursionError):  # not JSON, not text, will not encode, absurdly deep
            return False
        return bool(digest.hexdigest() == stored)


def verify_rows(rows: Iterable[Row], checkpoints: Iterable[Checkpoint], *, entry_of: EntryOf,
                trusted_keys: set[str] | None = None, progress: Callable[[int], None] | None = None) -> Verification:
    """What ``verify_chain`` says of the entries these rows hold (``entry_of`` reads a row as an entry)."""
    return ChainCheck(entry_of, list(checkpoints), trusted_keys).run(rows, progress)
