"""Encrypted store vs plain SQLite on the same workload: bulk insert, FTS search, open a record.

Every engine gets the real schema (tiaki.store.migrations, via split_statements), the same pragmas less the
cipher ones, identical seeded rows and the same raw SQL. "encrypted" is tiaki.store.database.Database with a
random 32-byte key. Each engine runs in its own fresh process, because SQLCipher's memory security, once on,
slows every SQLCipher connection in the process. Goal: encrypted/plain <= 1.2x for each operation.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from _common import (
    COUNT_SQL,
    ENGINES,
    LIST_SQL,
    OPEN_CLIENT_SQL,
    OPEN_VALUES_SQL,
    add_worker,
    catalogue,
    client_count,
    header,
    insert_batch,
    ms,
    open_engine,
    parser,
    result,
    seeded_batches,
    stats,
    temp_dir,
)
from tiaki.core.client import search_query

GOAL = 1.2
PREFIXES = ["ar", "ngat", "whanau", "zzz1", "m", "te", "pom", "tamati brown", "singh", "0275551", "hine ta", "xq"]
BASELINES = ("stdlib", "unkeyed")


def measure(engine: str, n: int, seed: int, rounds: int, opens: int, out: Path) -> None:
    """Child process: build one engine's database and time the workload; write the raw times as JSON."""
    cat = catalogue()
    worker_id = str(uuid.UUID(int=random.Random(seed).getrandbits(128), version=4))
    conn, label, close = open_engine(out.with_suffix(".db"), engine)
    add_worker(conn, worker_id)
    insert = []
    for b in seeded_batches(cat, n, worker_id, seed=seed):  # rows are generated outside the timed part
        start = time.perf_counter()
        insert_batch(conn, b)
        insert.append(time.perf_counter() - start)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a store at rest, as after the app locks it
    conn.execute("PRAGMA optimize")

    queries: dict[str, list[float]] = {}
    matches: dict[str, int] = {}
    for _ in range(rounds):
        for prefix in PREFIXES:
            fts = search_query(prefix)
            for kind, sql, params in (("list", LIST_SQL, (fts, 100, 0)), ("count", COUNT_SQL, (fts,))):
                start = time.perf_counter()
                rows = conn.execute(sql, params).fetchall()
                queries.setdefault(f"{kind} {prefix!r}", []).append(time.perf_counter() - start)
                if kind == "count":
                    matches[prefix] = rows[0][0]

    ids = [r[0] for r in conn.execute("SELECT id FROM clients ORDER BY num")]
    open_times = []
    for client_id in random.Random(seed + 7).sample(ids, min(opens, len(ids))):
        start = time.perf_counter()
        conn.execute(OPEN_CLIENT_SQL, (client_id,)).fetchone()
        conn.execute(OPEN_VALUES_SQL, (client_id,)).fetchall()
        open_times.append(time.perf_counter() - start)
    close()
    out.write_text(json.dumps({"label": label, "insert": insert, "queries": queries, "matches": matches,
                               "opens": open_times}))


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--engines", default="encrypted,stdlib,unkeyed,nomemsec",
                   help="comma list from: " + ", ".join(f"{k} ({v})" for k, v in ENGINES.items()))
    p.add_argument("--child", help="internal: measure one engine and write JSON")
    p.add_argument("--out", type=Path, help="internal")
    args = p.parse_args()
    n = client_count(args)
    rounds = 5 if args.quick else 20
    opens = 500 if args.quick else 2000
    if args.child:
        measure(args.child, n, args.seed, rounds, opens, args.out)
        return 0

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if "encrypted" not in engines or any(e not in ENGINES for e in engines):
        p.error("--engines must include encrypted and name only known engines")
    header("bench_store: encrypted (SQLCipher) vs plain SQLite, same schema, same SQL, one process each", n)
    data: dict[str, dict[str, Any]] = {}
    with temp_dir("tiaki-bench-store-") as tmp:
        for engine in engines:
            out = tmp / f"{engine}.json"
            print(f"  running {engine} ...", flush=True)
            subprocess.run([sys.executable, __file__, "--child", engine, "--out", str(out), "--clients", str(n),
                            "--seed", str(args.seed)] + (["--quick"] if args.quick else []), check=True)
            data[engine] = json.loads(out.read_text())
    for engine in engines:
        print(f"  {engine:9} = {data[engine]['label']}")
    others = [e for e in engines if e != "encrypted"]
    enc = data["encrypted"]

    batches = len(enc["insert"])
    print(f"\n1. bulk insert of {n:,} clients (clients + field_values + client_search), {batches} transactions")
    for engine in engines:
        s = stats(data[engine]["insert"])
        print(f"  {engine:9} total {s.total:7.2f} s  ({n / s.total:8,.0f} clients/s)  per transaction {s}")

    print(f"\n2. FTS search, {rounds} runs per query; p50 per engine, ratio = encrypted / that engine")
    print(f"  {'query':24} {'matches':>8} {'encrypted':>10}" + "".join(f" {e:>10} {'ratio':>6}" for e in others))
    for label, times in enc["queries"].items():
        e50 = stats(times).p50
        prefix = label.split(" ", 1)[1].strip("'")
        row = f"  {label:24} {enc['matches'][prefix]:8,} {ms(e50):>10}"
        for other in others:
            o50 = stats(data[other]["queries"][label]).p50
            row += f" {ms(o50):>10} {e50 / o50:6.2f}"
        print(row)

    print(f"\n3. open a record ({len(enc['opens']):,} random clients: client row + current field_values)")
    for engine in engines:
        print(f"  {engine:9} {stats(data[engine]['opens'])}")

    def search_sum(engine: str) -> float:
        return sum(stats(t).p50 for t in data[engine]["queries"].values())

    print("\nSummary (encrypted / other; the goal applies to the plain baselines, nomemsec is a diagnostic):")
    for other in others:
        ins = stats(enc["insert"]).total / stats(data[other]["insert"]).total
        eo, oo = stats(enc["opens"]), stats(data[other]["opens"])
        report = result if other in BASELINES else diagnostic
        report(f"store insert vs {other}", ins, GOAL)
        report(f"store search vs {other}", search_sum("encrypted") / search_sum(other), GOAL,
               f"(sum of p50s {ms(search_sum('encrypted'))} vs {ms(search_sum(other))})")
        report(f"store open vs {other}", eo.p50 / oo.p50, GOAL,
               f"(p50 {ms(eo.p50)} vs {ms(oo.p50)}; p95 {ms(eo.p95)} vs {ms(oo.p95)})")
    return 0


def diagnostic(name: str, ratio: float, goal: float, detail: str = "") -> None:
    print(f"  (diagnostic) {name}: {ratio:.2f}x {detail}")


if __name__ == "__main__":
    sys.exit(main())
