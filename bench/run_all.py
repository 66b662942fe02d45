"""Run every benchmark (quick or full) one after another and print a summary table of their RESULT lines.

    .venv/bin/python bench/run_all.py --quick        # smoke run, 5,000 clients, about half a minute
    .venv/bin/python bench/run_all.py                # full run, 100,000 clients, several minutes

Never fails on a figure: a benchmark reports, it does not assert. Exits non-zero only if a benchmark crashed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_store.py", "bench_search_save.py", "bench_startup.py", "bench_memory.py", "bench_policy.py",
              "bench_preview.py", "bench_sync.py", "bench_packets.py", "bench_history.py"]
RESULT = re.compile(r"^RESULT (?P<name>[^:]+): (?P<ratio>\S+) (?P<rest>.*)$")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="5,000 clients instead of 100,000")
    p.add_argument("--clients", type=int, help="override the client count for every benchmark")
    p.add_argument("--only", nargs="*", default=None, help="run only these (e.g. bench_store bench_memory)")
    p.add_argument("--log", type=Path, help="also write each benchmark's full output to this directory")
    args = p.parse_args()
    chosen = [b for b in BENCHMARKS if args.only is None or b.removesuffix(".py") in
              {o.removesuffix(".py") for o in args.only}]
    extra = (["--quick"] if args.quick else []) + (["--clients", str(args.clients)] if args.clients else [])
    rows: list[tuple[str, str, str, str]] = []
    crashed = []
    for bench in chosen:
        print(f"\n######## {bench} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(HERE / bench), *extra], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, bufsize=1)
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            print(line, end="", flush=True)
            lines.append(line)
        took = time.perf_counter() - start
        if proc.wait() != 0:
            crashed.append(bench)
            rows.append((bench, "CRASHED", "", f"exit {proc.returncode}"))
        if args.log:
            args.log.mkdir(parents=True, exist_ok=True)
            (args.log / f"{bench.removesuffix('.py')}.txt").write_text("".join(lines))
        for line in lines:
            m = RESULT.match(line.rstrip("\n"))
            if m:
                rows.append((bench, m["name"], m["ratio"], m["rest"]))
        print(f"######## {bench} took {took:.0f} s", flush=True)

    print("\n" + "=" * 100)
    print(f"Summary ({'quick' if args.quick else 'full'} run)")
    width = max((len(r[1]) for r in rows), default=10)
    for bench, name, ratio, rest in rows:
        print(f"  {bench.removesuffix('.py'):18} {name:{width}}  {ratio:>7}  {rest}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
