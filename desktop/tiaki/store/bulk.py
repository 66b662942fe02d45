"""Set-based statements for batches, shaped by what SQLCipher's memory security makes expensive.

With ``cipher_memory_security`` on, every allocation SQLite makes is locked into memory and wiped when freed
(two system calls), so the cost of a statement is mostly the allocations it makes. Reading rows is cheap;
binding values is not: each bound string is an allocation, and an ``IN (?, ?, ...)`` list of n ids costs about
three per id, an ``executemany`` of an UPDATE dozens per row. So a batch names its ids once, as one JSON array
bound to one parameter, and joins it (``FROM json_each(?) j CROSS JOIN t ON t.key = j.value``): a tenth of the
cost. CROSS JOIN keeps the ids as the outer loop (each one a lookup in an index of ``t``): the planner, knowing
nothing of the array's size, may otherwise scan ``t`` by another index and the array for every row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from tiaki.store.database import Transaction

IDS = "json_each(?) j"  # a batch's ids as a table: ``CROSS JOIN`` on ``j.value``; bind ``id_list(ids)``


def id_list(ids: Iterable[str]) -> str:
    """The parameter for ``IDS``: the ids as one JSON array."""
    return json.dumps(list(ids))


# Rows per multi-row statement, largest first: any number of rows is a few statements whose texts repeat (so
# each is prepared once and then cached). Beyond 64 rows a statement the cost per row no longer falls, and a
# longer text takes longer to prepare.
_CHUNKS = (64, 16, 4, 1)
_MISSING = object()


def insert_rows(tx: Transaction, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` with a few multi-row statements. A column holding the same value in every row (a device
    id, a timestamp, an envelope id) is bound once and named by every row (``?1``): SQLite copies a bound
    string, but not a reference to one, so each shared column saves an allocation per row."""
    width = len(columns)
    if any(len(row) != width for row in rows):
        raise ValueError("a row has the wrong number of values")
    if not rows:
        return
    shared = [i for i in range(width) if _same(row[i] for row in rows)]
    own = [i for i in range(width) if i not in shared]
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    constants = [rows[0][i] for i in shared]
    start = 0
    for size in _CHUNKS:
        if len(rows) - start < size:
            continue
        sql = head + _values(width, shared, size)
        while len(rows) - start >= size:
            tx.execute(sql, constants + [row[i] for row in rows[start:start + size] for i in own])
            start += size


def _same(values: Iterable[Any]) -> bool:
    """All equal and of one type (1, 1.0 and True are equal in Python but not the same value to bind)."""
    first: Any = _MISSING
    for value in values:
        if first is _MISSING:
            first = value
        elif type(value) is not type(first) or value != first:
            return False
    return True


def _values(width: int, shared: Sequence[int], rows: int) -> str:
    """``(?1,?3,?2,?4),(...)``: shared columns name their one parameter, the rest the next ones in turn."""
    number = len(shared)
    out = []
    for _ in range(rows):
        slots = []
        for i in range(width):
            if i in shared:
                slots.append(f"?{shared.index(i) + 1}")
            else:
                number += 1
                slots.append(f"?{number}")
        out.append("(" + ",".join(slots) + ")")
    return ",".join(out)
