"""Set-based statements for batches: ``IN (...)`` lists and multi-row inserts, in chunks.

Under SQLCipher with ``cipher_memory_security`` every statement step pays for wiping the memory it used, so a
batch of a few hundred rows read or written one statement (or one ``executemany`` step) at a time costs several
times what one statement over the whole chunk does. Chunks keep each statement well under SQLite's limit on
bound parameters (32,766).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from tiaki.store.database import Transaction

MAX_PARAMETERS = 5000  # per statement


def chunks(ids: Sequence[Any], size: int = MAX_PARAMETERS) -> Iterator[tuple[Sequence[Any], str]]:
    """``ids`` in chunks of at most ``size``, each with its ``?,?,...`` placeholder list."""
    for start in range(0, len(ids), size):
        part = ids[start:start + size]
        yield part, ",".join("?" * len(part))


def insert_rows(tx: Transaction, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """``INSERT INTO table (columns) VALUES (...), (...)``: a few statements for any number of rows."""
    width = len(columns)
    row_marks = "(" + ",".join("?" * width) + ")"
    per_statement = max(1, MAX_PARAMETERS // width)
    for start in range(0, len(rows), per_statement):
        part = rows[start:start + per_statement]
        params: list[Any] = []
        for row in part:
            if len(row) != width:
                raise ValueError("a row has the wrong number of values")
            params.extend(row)
        tx.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {','.join([row_marks] * len(part))}", params)
