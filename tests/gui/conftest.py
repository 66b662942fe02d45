"""GUI fixtures: a Desktop that cleans up after itself, stores with clients, and an accessibility check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_support import FAST_KDF, add_client, unnamed_in_all_tabs

from PySide6.QtWidgets import QApplication, QWidget

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
        add_client(session, values)


@pytest.fixture
def add_demo_clients() -> Callable[[Session, int], None]:
    return add_clients


@pytest.fixture
def accessibility() -> Callable[[QWidget], list[str]]:
    return unnamed_in_all_tabs
