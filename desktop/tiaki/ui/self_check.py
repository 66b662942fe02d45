"""``tiaki self-check``: can this installation of Tiaki start? Without unlocking or changing anything.

It starts Qt, loads every shipped translation, the field catalogue, purposes and notices, the window icon,
imports every module of the app (so a bundle that left one out fails here, not in front of a caseworker),
and shows the first window the app would show for the data directory (unlock, or set-up when there is no
store yet), then closes it. One line per check; exit 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QTranslator, qVersion
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QWidget

import tiaki
from tiaki.paths import data_dir, i18n_dir, resource_dir
from tiaki.ui.app_icon import window_icon


def _application() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])


def _qt(app: QApplication) -> str:
    return f"Qt {qVersion()} on the {app.platformName()} platform"


def _modules() -> str:
    names = [info.name for info in pkgutil.walk_packages(tiaki.__path__, "tiaki.")
             if not info.name.endswith("__main__")]  # __main__ would run the command line
    for name in names:
        importlib.import_module(name)
    return f"{len(names)} modules of the app import"


def _resources() -> str:
    from tiaki.core.notices import load_notices
    from tiaki.core.purposes import load_purposes
    from tiaki.store.session import default_catalogue

    catalogue = default_catalogue()
    purposes = load_purposes(resource_dir() / "purposes.json")
    notices = load_notices(resource_dir() / "notices.json")
    return (f"field catalogue ({len(catalogue.fields)} fields), purposes ({len(purposes.purposes)}) and notices "
            f"({', '.join(sorted(notices.languages))}) from {resource_dir()}")


def _translations() -> str:
    files = sorted(i18n_dir().glob("tiaki_*.qm"))
    if not files:
        raise RuntimeError(f"no compiled translations (tiaki_*.qm) in {i18n_dir()}")
    for path in files:
        translator = QTranslator()
        if not translator.load(str(path)) or translator.isEmpty():
            raise RuntimeError(f"cannot load the translation {path.name}")
    return "translations " + ", ".join(path.stem.removeprefix("tiaki_") for path in files)


def _icon() -> str:
    sizes = window_icon().availableSizes()
    if not sizes:
        raise RuntimeError("the window icon is missing")
    return "window icon at " + ", ".join(str(width) for width in sorted(size.width() for size in sizes)) + " px"


def _network() -> str:
    backends = QNetworkInformation.availableBackends()
    if not backends:
        raise RuntimeError("no network-reachability backend (sync would wait for its timer only)")
    return "network reachability backends " + ", ".join(backends)


def _first_window(app: QApplication, data_dir: Path) -> str:
    from tiaki.store.layout import store_exists
    from tiaki.ui.app import install_translator

    install_translator(app)
    window: QWidget
    if store_exists(data_dir):
        from tiaki.ui.unlock import UnlockWindow

        window = UnlockWindow(data_dir)
    else:
        from tiaki.ui.clipboard import GuardedClipboard
        from tiaki.ui.setup_wizard import SetupWizard

        window = SetupWizard(data_dir, clipboard=GuardedClipboard(app.clipboard(), 30_000, app))
    window.show()
    app.processEvents()
    shown = window.isVisible()
    title = window.windowTitle()
    window.close()
    window.deleteLater()
    app.processEvents()
    if not shown:
        raise RuntimeError(f"the window '{title}' did not show")
    return f"the first window ('{title}') shows for {data_dir}"


def run_self_check(data_dir: Path, out: TextIO = sys.stdout) -> int:
    app = _application()
    checks: list[tuple[str, Callable[[], str]]] = [
        ("qt", lambda: _qt(app)),
        ("modules", _modules),
        ("resources", _resources),
        ("translations", _translations),
        ("icon", _icon),
        ("network", _network),
        ("window", lambda: _first_window(app, data_dir)),
    ]
    failed = 0
    for name, check in checks:
        try:
            print(f"ok    {check()}", file=out, flush=True)
        except Exception as exc:  # every check is reported; the text names files, never anyone's data
            failed += 1
            print(f"FAIL  {name}: {exc}", file=out, flush=True)
    print("OK" if not failed else f"{failed} check(s) failed", file=out, flush=True)
    return 0 if not failed else 1


def cmd_self_check(args: argparse.Namespace) -> int:
    """``tiaki self-check [--offscreen]``"""
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return run_self_check(data_dir(args.data_dir))
