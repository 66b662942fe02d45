"""Shared fixtures. Qt runs offscreen: without a display pytest-qt would abort."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TIAKI_PASSPHRASE", None)
os.environ.pop("TIAKI_DATA_DIR", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import Run, make_runner
from faultproxy import FaultProxy, StubServer
from support import ADMIN, ADMIN_PASS, FAST_KDF
from tiaki import logs
from tiaki.store.session import Session, create_store


@pytest.fixture(autouse=True)
def _own_preferences(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps a person's preferences (the interface language) in its own directory, never the
    real user's."""
    monkeypatch.setenv("TIAKI_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _own_log(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A ``tiaki`` command run in-process logs to a temporary directory, never the real user's, and each test
    starts with no log set up."""
    monkeypatch.setenv("TIAKI_LOG_DIR", str(tmp_path_factory.getbasetemp() / "logs"))
    yield
    logs.shutdown()


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


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """The ``tiaki`` command, run as a script would (its own HOME, the test passphrase in the environment)."""
    return make_runner(tmp_path / "home")


@pytest.fixture
def store(run: Run, tmp_path: Path) -> Path:
    """A store made by ``tiaki init``, at the real Argon2id cost."""
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "init", "--worker", "aroha", "--recovery-out", str(tmp_path / "rk.txt"))
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture
def stub() -> Iterator[StubServer]:
    """A plain keep-alive HTTP server on 127.0.0.1 that records each request (tests/faultproxy.py)."""
    with StubServer() as server:
        yield server


@pytest.fixture
def proxy(stub: StubServer) -> Iterator[FaultProxy]:
    """The fault-injecting proxy in front of ``stub``."""
    with FaultProxy(stub.address) as faulty:
        yield faulty

