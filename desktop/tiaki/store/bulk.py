"""Set-based statements for batches, shaped by what SQLCipher's memory security makes expensive.

With ``cipher_memory_security`` on, every allocation SQLite makes is locked into memory and wiped when freed
(two system calls), so the cost of a statement is mostly the allocations it makes. Reading rows is cheap;
binding values is not: each bound string is an allocation, and an ``IN (?, ?, ...)`` list of n ids costs about
three per id, an ``executemany`` of an UPDATE dozens per row. So a batch names its ids once, as one JSON array
bound to one parameter, and joins it (``FROM json_each(?) j JOIN t ON t.key = j.value``): a tenth of the cost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from tiaki.store.database import Transaction

IDS = "json_each(?) j"  # a batch's ids as a table: join on ``j.value``; bind ``id_list(ids)``


def id_list(ids: Iterable[str]) -> str:
    """The parameter for ``IDS``: the ids as one JSON array."""
    return json.dumps(list(ids))


# Rows per multi-row statement, largest first: any number of rows is a few statements whose texts repeat (so
# each is prepared once and then cached). More rows a statement cost less per row.
_CHUNKS = (256, 64, 16, 4, 1)


def insert_rows(tx: Transaction, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` with a few multi-row statements (far fewer allocations than a step per row)."""
    width = len(columns)
    if any(len(row) != width for row in rows):
        raise ValueError("a row has the wrong number of values")
    one = "(" + ",".join("?" * width) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    start = 0
    for size in _CHUNKS:
        while len(rows) - start >= size:
            tx.execute(head + ",".join([one] * size), [value for row in rows[start:start + size] for value in row])
            start += size
