"""The SQLCipher connection: raw-key open, pragmas, transactions and damaged-file detection.

Only ``store/`` touches SQL. One connection per unlocked session, guarded by a lock so a background task and
the UI thread never interleave statements.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from tiaki.store.errors import DamagedStore
from tiaki.store.layout import DB_FILE_NAME as DB_FILE_NAME

CACHE_KIB = 65536  # a generous page cache: full scans were 2x slower with the default here

Row = tuple[Any, ...]

_DAMAGE_MARKERS = re.compile(r"not a database|malformed|hmac|corrupt|disk image", re.IGNORECASE)


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher.DatabaseError) and bool(_DAMAGE_MARKERS.search(str(exc)))


@contextmanager
def damage_as_store_error() -> Iterator[None]:
    """SQLCipher reports a failed page HMAC as 'file is not a database' or 'malformed': say what it means."""
    try:
        yield
    except sqlcipher.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedStore() from None
        raise


class Database:
    """An open, keyed SQLCipher database."""

    IntegrityError = sqlcipher.IntegrityError

    def __init__(self, path: Path, data_key: bytes, *, create: bool = True) -> None:
        self.path = path
        self._lock = threading.RLock()
        if not path.exists():
            if not create:
                raise DamagedStore("The database file is missing, so the store")
            # Owner-only from the first byte; SQLite gives the -wal and -shm files the same mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        self._conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            with damage_as_store_error():
                self._configure(data_key)
        except BaseException:
            self._conn.close()
            raise

    def _configure(self, data_key: bytes) -> None:
        c = self._conn
        c.execute("PRAGMA cipher_log_level = NONE")
        c.execute("PRAGMA cipher_memory_security = ON")
        c.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here on a wrong key or damage
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("PRAGMA busy_timeout = 5000")

    # --- statements -------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock, damage_as_store_error():
            return list(self._conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with self._lock, damage_as_store_error():
            row = self._conn.execute(sql, params).fetchone()
            return tuple(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One user action, one transaction: the record and its audit entry commit together or not at all."""
        with self._lock, damage_as_store_error():
            self._begin()
            try:
                yield Transaction(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _begin(self) -> None:
        """BEGIN IMMEDIATE. After a page fails its HMAC, SQLCipher keeps the connection in an error state in which
        every write is refused as "readonly": when the file itself is writable, that is the damage speaking."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlcipher.OperationalError as exc:
            if "readonly" in str(exc) and os.access(self.path, os.W_OK):
                raise DamagedStore() from None
            raise

    def pragma_rows(self, pragma: str) -> list[Row]:
        with self._lock, damage_as_store_error():
            return list(self._conn.execute(f"PRAGMA {pragma}").fetchall())

    def close(self) -> None:
        with self._lock:
            with suppress(sqlcipher.DatabaseError):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()


class Transaction:
    """The statements of one open transaction (only reachable inside ``Database.transaction``)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._conn.execute(sql, params)
        return int(cursor.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self._conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row = self._conn.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def script(self, sql: str) -> None:
        for statement in split_statements(sql):
            self._conn.execute(statement)


def split_statements(sql: str) -> list[str]:
    """Split a migration script on ';' at line ends, keeping trigger bodies (which contain ';') whole."""
    statements: list[str] = []
    current: list[str] = []
    depth = 0
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth += 1
        if depth and upper.startswith("END;"):
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
