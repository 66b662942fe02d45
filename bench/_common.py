"""Shared helpers for the benchmarks: arguments, timing, stores (encrypted and plain) and seeded population.

Nothing here asserts a time. Every benchmark prints figures and ratios against a baseline from the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from tiaki.core.catalogue import Catalogue
from tiaki.core.client import display_name, duplicate_key, search_text, sort_key
from tiaki.core.keywrap import KdfParams
from tiaki.core.roles import Role
from tiaki.demo import demo_client
from tiaki.store.clients import _SUMMARY
from tiaki.store.database import CACHE_KIB, Database, Transaction, split_statements
from tiaki.store.migrations import MIGRATIONS, migrate
from tiaki.store.session import Session, create_store, default_catalogue
from tiaki.store.workers import insert_worker

FULL_CLIENTS = 100_000
QUICK_CLIENTS = 5_000
BATCH = 1000
ADMIN = "aroha"
PASSPHRASE = "kia kaha te reo 2026"
NOW = "2026-01-15T00:00:00.000+00:00"

# The repository's SQL, shape for shape (see tiaki/store/clients.py). A privacy officer has no caseload scope.
INSERT_CLIENT = ("INSERT INTO clients (num, id, created_at, created_by, updated_at, assigned_worker_id, sort_key, "
                 "display_name, date_of_birth, duplicate_key) VALUES (?,?,?,?,?,?,?,?,?,?)")
INSERT_VALUE = ("INSERT INTO field_values (id, client_id, field_key, value, recorded_by, recorded_at, source, "
                "source_detail) VALUES (?,?,?,?,?,?,?,?)")
INSERT_SEARCH = "INSERT INTO client_search (rowid, names, identifiers) VALUES (?,?,?)"
LIST_SQL = (f"SELECT {_SUMMARY} FROM client_search s JOIN clients c ON c.num = s.rowid "
            "WHERE client_search MATCH ? AND c.archived_at IS NULL ORDER BY c.sort_key, c.num LIMIT ? OFFSET ?")
COUNT_SQL = ("SELECT count(*) FROM client_search s JOIN clients c ON c.num = s.rowid "
             "WHERE client_search MATCH ? AND c.archived_at IS NULL")
OPEN_CLIENT_SQL = "SELECT id, created_at, updated_at, assigned_worker_id, archived_at FROM clients WHERE id = ?"
OPEN_VALUES_SQL = ("SELECT field_key, value, recorded_by, recorded_at, source, source_detail FROM field_values "
                   "WHERE client_id = ? AND current = 1 AND value IS NOT NULL")

# Names a worker types, from the demo data (search-as-you-type, prefixes of each).
TYPED_NAMES = ["Mere Ngata", "Aroha Te Whānau", "Hēmi Pōmare", "Tamati Brown", "Wiremu Paewai", "Kiri Tuilagi",
               "Ngaio Rangihau", "Sione Fifita", "Priya Singh", "Wei Chen", "Ātaahua Hōhaia", "ZZZ12"]


# --- arguments and output -------------------------------------------------------------------------------


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--clients", type=int, default=None, help=f"clients to populate (default {FULL_CLIENTS:,})")
    p.add_argument("--quick", action="store_true", help=f"smoke run with {QUICK_CLIENTS:,} clients")
    p.add_argument("--seed", type=int, default=2026)
    return p


def client_count(args: argparse.Namespace) -> int:
    if args.clients is not None:
        return int(args.clients)
    return QUICK_CLIENTS if args.quick else FULL_CLIENTS


def header(title: str, n: int | None) -> None:
    print(f"== {title} ==")
    count = "n/a" if n is None else f"{n:,}"
    print(f"clients: {count}   python {sys.version.split()[0]}   sqlite3 (stdlib) {sqlite3.sqlite_version}   "
          f"SQLCipher {cipher_version()} on SQLite {cipher_sqlite_version()}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def result(name: str, ratio: float, goal: float | None, detail: str = "") -> None:
    """One machine-readable line per headline figure; run_all.py collects them. goal None: context only."""
    if goal is None:
        verdict = "(no goal: context)"
    else:
        verdict = f"(goal <= {goal:g}x) " + ("ok" if ratio <= goal else "MISSES GOAL")
    print(f"RESULT {name}: {ratio:.2f}x {verdict}{'  ' + detail if detail else ''}")


# --- timing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    n: int
    total: float
    p50: float
    p95: float
    mean: float

    def __str__(self) -> str:
        return f"p50 {ms(self.p50)}  p95 {ms(self.p95)}  mean {ms(self.mean)}  (n={self.n})"


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank on the sorted sample, linearly interpolated."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def stats(values: Sequence[float]) -> Stats:
    return Stats(len(values), sum(values), percentile(values, 50), percentile(values, 95), statistics.fmean(values))


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --- connections ----------------------------------------------------------------------------------------


def cipher_version() -> str:
    conn = sqlcipher.connect(":memory:")
    try:
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()


def cipher_sqlite_version() -> str:
    conn = sqlcipher.connect(":memory:")
    try:
        return str(conn.execute("SELECT sqlite_version()").fetchone()[0])
    finally:
        conn.close()


def stdlib_has_contentless_delete() -> bool:
    return sqlite3.sqlite_version_info >= (3, 43, 0)


def schema_scripts(*, adapt_for_old_fts: bool) -> list[str]:
    scripts = [script for _, script in MIGRATIONS]
    if adapt_for_old_fts:  # contentless_delete needs SQLite 3.43; only deleting from the index needs it
        scripts = [re.sub(r"contentless_delete\s*=\s*1\s*,", "", s) for s in scripts]
    return scripts


def configure_plain(conn: Any) -> None:
    """Database._configure's pragmas, less the cipher ones."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA busy_timeout = 5000")


# What bench_store.py can compare. Only "encrypted" is Tiaki's own code; the rest are baselines or diagnostics.
ENGINES = {
    "encrypted": "tiaki Database: SQLCipher, random 32-byte key, its own pragmas (cipher_memory_security ON)",
    "stdlib": "plain stdlib sqlite3",
    "unkeyed": "SQLCipher build opened without a key: the same SQLite, plain pages",
    "nomemsec": "diagnostic: SQLCipher with a key and Tiaki's pragmas but cipher_memory_security OFF",
}


def _apply_schema(conn: Any, *, adapt: bool) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for version, script in zip((v for v, _ in MIGRATIONS), schema_scripts(adapt_for_old_fts=adapt), strict=True):
        for statement in split_statements(script):
            conn.execute(statement)
        conn.execute("UPDATE schema_version SET version = ?", (version,))
    conn.execute("COMMIT")


def open_engine(path: Path, engine: str) -> tuple[Any, str, Callable[[], None]]:
    """A connection with the real schema for one engine. Returns it, a description and how to close it.

    SQLCipher's memory security is process-wide: once any connection turns it on, every SQLCipher connection
    in the process pays for it. So compare engines in separate processes (bench_store.py does)."""
    if engine == "encrypted":
        db = Database(path, os.urandom(32))
        migrate(db)
        return db._conn, ENGINES[engine], db.close  # the benchmark runs the same raw SQL on every engine
    if engine == "stdlib":
        conn: Any = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        adapt = not stdlib_has_contentless_delete()
        label = f"plain stdlib sqlite3 {sqlite3.sqlite_version}" + (
            " (schema adapted: no contentless_delete, which needs 3.43)" if adapt else "")
    elif engine in ("unkeyed", "nomemsec"):
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
        adapt = False
        label = ENGINES[engine] + f" (SQLite {cipher_sqlite_version()})"
        if engine == "nomemsec":
            conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
            conn.execute("PRAGMA cipher_memory_security = OFF")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    else:
        raise ValueError(f"unknown engine {engine!r}")
    configure_plain(conn)
    _apply_schema(conn, adapt=adapt)
    return conn, label, conn.close


def open_stdlib(path: Path) -> tuple[Any, str]:
    conn, label, _ = open_engine(path, "stdlib")
    return conn, label


def add_worker(conn: Any, worker_id: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    insert_worker(Transaction(conn), worker_id=worker_id, name=ADMIN, display_name="Aroha", role=Role.PRIVACY_OFFICER,
                  now=NOW, created_by=None)
    conn.execute("COMMIT")


# --- seeded rows ----------------------------------------------------------------------------------------


@dataclass
class Batch:
    clients: list[tuple[Any, ...]]
    values: list[tuple[Any, ...]]
    search: list[tuple[Any, ...]]


def seeded_batches(catalogue: Catalogue, n: int, worker_id: str, *, seed: int, first_num: int = 1,
                   batch: int = BATCH) -> Iterator[Batch]:
    """The rows ClientRepository.create would write for n demo clients (less the audit entry), deterministic
    for a seed so every engine gets identical data."""
    rng = random.Random(seed)
    id_rng = random.Random(seed + 1)
    current = Batch([], [], [])
    for i in range(n):
        fields = catalogue.validate_record(demo_client(rng, i))
        client_id = str(uuid.UUID(int=id_rng.getrandbits(128), version=4))
        num = first_num + i
        current.clients.append((num, client_id, NOW, worker_id, NOW, worker_id, sort_key(fields),
                                display_name(fields), fields.get("date_of_birth"), duplicate_key(fields)))
        current.values.extend(
            (str(uuid.UUID(int=id_rng.getrandbits(128), version=4)), client_id, key,
             json.dumps(value, ensure_ascii=False), worker_id, NOW, "person", None)
            for key, value in fields.items())
        current.search.append((num, search_text(catalogue, fields, "name"),
                               search_text(catalogue, fields, "identifier")))
        if len(current.clients) == batch:
            yield current
            current = Batch([], [], [])
    if current.clients:
        yield current


def insert_batch(conn: Any, b: Batch) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(INSERT_CLIENT, b.clients)
        conn.executemany(INSERT_VALUE, b.values)
        conn.executemany(INSERT_SEARCH, b.search)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def populate(conn: Any, catalogue: Catalogue, n: int, worker_id: str, *, seed: int) -> float:
    """Insert n seeded clients in transactions of BATCH. Returns the seconds spent in the database only."""
    spent = 0.0
    for b in seeded_batches(catalogue, n, worker_id, seed=seed):
        spent += timed(lambda b=b: insert_batch(conn, b))
    return spent



# --- whole stores ---------------------------------------------------------------------------------------


def populate_session(session: Session, n: int, *, seed: int) -> float:
    """Fast path: the repository's rows written straight through the session's own connection, one transaction
    per BATCH clients; no audit entries for seeded rows. Returns wall seconds including row generation."""
    db = session._db
    start = time.perf_counter()
    with db._lock:
        for b in seeded_batches(session.catalogue, n, session.worker.id, seed=seed):
            insert_batch(db._conn, b)
    return time.perf_counter() - start


def make_store(data_dir: Path, n: int, *, seed: int, kdf: KdfParams | None = None) -> tuple[Session, float]:
    """A real store (create_store, default Argon2 cost) with n seeded clients, left unlocked."""
    session, _recovery = create_store(data_dir, admin_name=ADMIN, passphrase=PASSPHRASE, kdf=kdf or KdfParams())
    return session, populate_session(session, n, seed=seed)


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


def catalogue() -> Catalogue:
    return default_catalogue()

