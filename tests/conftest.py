"""Shared fixtures. Qt runs offscreen: without a display pytest-qt would abort."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TIAKI_PASSPHRASE", None)
os.environ.pop("TIAKI_DATA_DIR", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki.store.session import Session, create_store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or "qtmodeltester" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def made_store(data_dir: Path) -> Iterator[tuple[Session, str]]:
    session, recovery_key = create_store(data_dir, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    yield session, recovery_key
    session.lock()


@pytest.fixture
def session(made_store: tuple[Session, str]) -> Session:
    return made_store[0]
