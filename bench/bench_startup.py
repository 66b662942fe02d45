"""Cold start to the unlock window vs a bare PySide6 window, both in fresh processes (QT_QPA_PLATFORM=offscreen).

(a) bare: import PySide6, show a QWidget, wait until it is exposed. (b) tiaki: Tiaki's own path to the unlock
window on an existing store. Time = from just before the parent spawns the process to the moment the window is
exposed (the child prints time.time(); same clock). Warm file cache: one untimed run of each first. Goal: <= 1.5x.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from _common import header, make_store, ms, parser, result, stats, temp_dir

GOAL = 1.5

# Shared by both children: wait for a top-level window to be exposed, print the time, leave at once.
_WAIT = """
import os, sys, time
from PySide6.QtWidgets import QApplication

def _exposed_then_exit(*_args, **_kwargs):
    app = QApplication.instance()
    while True:
        app.processEvents()
        shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.windowHandle() is not None
                 and w.windowHandle().isExposed()]
        if shown:
            print(time.time(), type(shown[0]).__module__ + "." + type(shown[0]).__qualname__, flush=True)
            os._exit(0)
"""

BARE = _WAIT + """
from PySide6.QtWidgets import QWidget
app = QApplication(sys.argv)
w = QWidget()
w.setWindowTitle("bare")
w.resize(480, 360)
w.show()
_exposed_then_exit()
"""

# Tiaki: the real entry point a person starts — the `tiaki` command's main() with no subcommand, which opens the
# app on the data directory — with Qt's exec() replaced by "wait until a window is exposed, then exit".
TIAKI = _WAIT + """
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QDialog
QApplication.exec = _exposed_then_exit
QDialog.exec = _exposed_then_exit
QEventLoop.exec = _exposed_then_exit
print("path: tiaki.cli.main(['--data-dir', DIR]) -> tiaki.ui.app.run_app", file=sys.stderr)
from tiaki.cli import main
main(["--data-dir", os.environ["TIAKI_DATA_DIR"]])
_exposed_then_exit()
"""


def spawn(code: str, env: dict[str, str]) -> tuple[float, float, str, str]:
    """(time to shown, whole process wall time, what was shown, the child's path note)."""
    start_wall = time.time()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    shown_at, what = done.stdout.split()[:2]
    path = next((line[6:] for line in done.stderr.splitlines() if line.startswith("path: ")), "")
    return float(shown_at) - start_wall, wall, what, path


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=None, help="timed runs of each (default 7, quick 3)")
    args = p.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    header(f"bench_startup: process start to window shown, {runs} runs each (+1 warm-up)", None)
    with temp_dir("tiaki-bench-startup-") as tmp:
        data_dir = tmp / "store"
        session, _ = make_store(data_dir, 0, seed=args.seed)  # a store to unlock; its size does not matter here
        session.lock()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TIAKI_DATA_DIR": str(data_dir),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1] / "desktop"),
                                                          os.environ.get("PYTHONPATH")]))}
        # An installed Tiaki (the bundle, a wheel) starts from byte-code: let the warm-up run write it, or every
        # run would compile the sources again (some shells set PYTHONDONTWRITEBYTECODE=1).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        times: dict[str, list[float]] = {"bare": [], "tiaki": []}
        walls: dict[str, list[float]] = {"bare": [], "tiaki": []}
        shown: dict[str, str] = {}
        note = ""
        for i in range(runs + 1):
            for name in (("bare", "tiaki") if i % 2 else ("tiaki", "bare")):
                t, wall, what, path = spawn(BARE if name == "bare" else TIAKI, env)
                shown[name] = what
                if name == "tiaki":
                    note = path
                if i:  # run 0 warms the file cache and byte-code
                    times[name].append(t)
                    walls[name].append(wall)
        provisional = "PROVISIONAL" in note
        print(f"  bare : shows {shown['bare']}")
        print(f"  tiaki: shows {shown['tiaki']}   [{note}]")
        for name in times:
            s = stats(times[name])
            print(f"  {name:5} start -> shown {s}   whole process p50 {ms(stats(walls[name]).p50)}")
        b, t = stats(times["bare"]), stats(times["tiaki"])
        print("\nSummary:")
        result("startup to unlock window vs bare window" + (" [PROVISIONAL: UI not there yet]" if provisional
                                                            else ""),
               t.p50 / b.p50, GOAL, f"(p50 {ms(t.p50)} vs {ms(b.p50)}; p95 {ms(t.p95)} vs {ms(b.p95)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
