"""Peak RSS with 100,000 clients in the list vs the same process shape over an empty model.

The parent builds a real store (create_store, default Argon2 cost, seeded clients) and locks it. Then, each in a
fresh process (QT_QPA_PLATFORM=offscreen): (a) baseline: QApplication + QTableView over an empty
QStandardItemModel, shown, scrolled; (b) tiaki: unlock_store, the client list model over session.clients in a
QTableView, shown, dragged to the end and back. Peak = VmHWM, the high-water RSS of the process's own memory
(ru_maxrss is printed too, but on Linux it also keeps the pre-exec RSS of the forked parent, which inflates a
small child). Goal: peak <= 300 MB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

GOAL_MB = 300.0
SCROLL_STEPS = 200


def _rss() -> dict[str, int]:
    found = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(rest.split()[0])
    return found


def _show_and_scroll(app: Any, view: Any) -> list[float]:
    """Show the view, then drag the scroll bar to the end and back in SCROLL_STEPS steps each way."""
    view.resize(1000, 700)
    view.show()
    while not (view.windowHandle() and view.windowHandle().isExposed()):
        app.processEvents()
    bar = view.verticalScrollBar()
    steps: list[float] = []
    top = bar.maximum()
    for i in [*range(1, SCROLL_STEPS + 1), *range(SCROLL_STEPS - 1, -1, -1)]:
        start = time.perf_counter()
        bar.setValue(top * i // SCROLL_STEPS)
        view.viewport().repaint()  # paints the visible rows now, as a drag would
        app.processEvents()
        steps.append(time.perf_counter() - start)
    return steps


def child(kind: str, data_dir: Path) -> dict[str, Any]:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    stages: dict[str, dict[str, int]] = {}
    app = QApplication([])
    view = QTableView()
    note = "QStandardItemModel, empty"
    if kind == "baseline":
        stages["qt"] = _rss()
        model: Any = QStandardItemModel(0, 3)
    else:
        from _common import ADMIN, PASSPHRASE
        from tiaki.store.session import unlock_store
        stages["qt + tiaki imports"] = _rss()
        session = unlock_store(data_dir, passphrase=PASSPHRASE, worker_name=ADMIN)
        stages["unlocked (Argon2id default cost)"] = _rss()
        try:
            from tiaki.ui.client_list_model import ClientListModel
            model = ClientListModel(session.clients)
            note = "tiaki.ui.client_list_model.ClientListModel(session.clients)"
        except ImportError:
            from _fallback_model import PagingModel
            model = PagingModel(session.clients)
            note = "FALLBACK: bench/_fallback_model.PagingModel (tiaki.ui.client_list_model not there yet)"
        stages["model built"] = _rss()
    view.setModel(model)
    steps = _show_and_scroll(app, view)
    stages["shown, scrolled to the end and back"] = _rss()
    return {"peak_kib": _rss()["VmHWM"], "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "stages": stages, "note": note,
            "rows": model.rowCount(), "steps": steps}


def main() -> int:
    if "--child" in sys.argv:  # before importing _common, which would load tiaki into the baseline too
        kind, data_dir, out_path = sys.argv[sys.argv.index("--child") + 1:][:3]
        Path(out_path).write_text(json.dumps(child(kind, Path(data_dir))))
        os._exit(0)  # skip Qt's teardown: PySide6 can abort while finalizing, and it is not what we measure
    from _common import client_count, header, make_store, ms, parser, result, stats, temp_dir

    p = parser(__doc__.splitlines()[0])
    args = p.parse_args()

    n = client_count(args)
    header("bench_memory: peak RSS with the client list open", n)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with temp_dir("tiaki-bench-memory-") as tmp:
        data_dir = tmp / "store"
        start = time.perf_counter()
        session, _ = make_store(data_dir, n, seed=args.seed)
        session.lock()
        print(f"store with {n:,} seeded clients made in {time.perf_counter() - start:.1f} s "
              f"(fast path, no audit entries for seeded rows); database "
              f"{sum(f.stat().st_size for f in data_dir.iterdir()) / 2**20:.1f} MiB on disk")
        out: dict[str, dict[str, Any]] = {}
        for kind in ("baseline", "tiaki"):
            path = tmp / f"{kind}.json"
            subprocess.run([sys.executable, __file__, "--child", kind, str(data_dir), str(path)], env=env,
                           check=True)
            out[kind] = json.loads(path.read_text())
    for kind, r in out.items():
        print(f"\n{kind}: {r['note']}, {r['rows']:,} rows")
        for stage, rss in r["stages"].items():
            print(f"  {stage:40} RSS {rss['VmRSS'] / 1024:7.1f} MiB   peak so far {rss['VmHWM'] / 1024:7.1f} MiB")
        print(f"  peak (VmHWM) {r['peak_kib'] / 1024:.1f} MiB  (ru_maxrss {r['ru_maxrss_kib'] / 1024:.1f} MiB);  "
              f"scroll step {stats(r['steps'])}")
    base, mine = out["baseline"]["peak_kib"] / 1024, out["tiaki"]["peak_kib"] / 1024
    print("\nSummary (MB = MiB here):")
    result("memory peak / 300 MB goal", mine / GOAL_MB, 1.0, f"(peak {mine:.1f} MiB)")
    result("memory peak vs bare QTableView", mine / base, None, f"({mine:.1f} MiB vs {base:.1f} MiB)")
    print(f"  scroll step p95 with tiaki's model: {ms(stats(out['tiaki']['steps']).p95)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
