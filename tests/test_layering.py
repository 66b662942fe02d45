"""core/ and store/ (and later sync/, partner/) never import Qt: rules live below the UI."""

from __future__ import annotations

import subprocess
import sys

LAYERS = ("tiaki.core", "tiaki.store", "tiaki.sync", "tiaki.partner")

_SCRIPT = """
import importlib, pkgutil, sys
import tiaki
names = []
for info in pkgutil.walk_packages(tiaki.__path__, "tiaki."):
    if info.name.startswith({layers!r}) or info.name in ("tiaki.cli", "tiaki.cli_io", "tiaki.paths", "tiaki.demo"):
        importlib.import_module(info.name)
        names.append(info.name)
print(len(names))
leaked = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
print(",".join(leaked))
"""


def test_core_and_store_never_import_qt() -> None:
    out = subprocess.run([sys.executable, "-c", _SCRIPT.format(layers=LAYERS)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert int(out[0]) >= 15, "expected to import every core/store module"
    assert out[1:] == [""] or out[1:] == [], f"PySide6 imported by a non-UI layer: {out[1:]}"
