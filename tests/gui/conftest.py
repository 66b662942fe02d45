"""GUI fixtures: a Desktop that cleans up after itself, stores with clients, and an accessibility check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_support import FAST_KDF

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from tiaki.demo import demo_clients
from tiaki.store.session import Session
from tiaki.ui.app import Desktop

# The offscreen platform plugin cannot do these window-manager things and says so at WARNING level. Only
# these two exact messages are ignored; every other Qt warning still fails a test.
OFFSCREEN_NOISE = (r"^This plugin does not support propagateSizeHints\(\)$",
                   r"^This plugin does not support raise\(\)$")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture
def make_desktop(qapp: QApplication, data_dir: Path) -> Iterator[Callable[..., Desktop]]:
    made: list[Desktop] = []

    def make(**kwargs: object) -> Desktop:
        kwargs.setdefault("kdf", FAST_KDF)
        desktop = Desktop(qapp, data_dir, **kwargs)  # type: ignore[arg-type]
        made.append(desktop)
        return desktop

    yield make
    for desktop in made:
        desktop.dispose()
    QApplication.processEvents()


def add_clients(session: Session, count: int) -> None:
    for values in demo_clients(count):
        session.clients.create(values)


@pytest.fixture
def add_demo_clients() -> Callable[[Session, int], None]:
    return add_clients


def unnamed_controls(window: QWidget) -> list[str]:
    """Focusable widgets the worker can reach in ``window`` that have no accessible name."""
    missing = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if not widget.accessibleName().strip():
            text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
            missing.append(f"{type(widget).__name__} {text!r} in {type(widget.parent()).__name__}")
    return missing


def unnamed_in_all_tabs(window: QWidget) -> list[str]:
    """Like ``unnamed_controls``, visiting every page of every tab widget in the window."""
    missing: set[str] = set(unnamed_controls(window))
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing.update(unnamed_controls(window))
    return sorted(missing)


@pytest.fixture
def accessibility() -> Callable[[QWidget], list[str]]:
    return unnamed_in_all_tabs
