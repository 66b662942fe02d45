"""One Tiaki per data directory, with real processes (offscreen): a second launch for the same directory asks the
running one to bring its window forward and exits 0; a launch for another directory runs as usual; after a crash
the next launch takes over the stale socket. Each process logs to its own directory, and those logs are what is
observed. No wall-clock assertion: the waits are only generous upper bounds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtNetwork import QLocalServer

from inbox_support import wait_until
from tiaki.store.session import Session
from tiaki.ui.single_instance import SingleInstance, instance_name, private_dir

pytestmark = pytest.mark.gui  # the processes run Qt

TIAKI = Path(sys.executable).with_name("tiaki")
WAIT = 120.0  # seconds; a shared, slow machine
SERVING = "single instance: this process answers further launches for its data directory"
ASKED = "second launch: asked the running Tiaki for this data directory to come forward"
RAISED = "second launch: window raised"


class Launches:
    """``tiaki --data-dir DIR`` processes, each logging to its own directory; all ended at the test's end."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen[bytes]] = []
        self.data_dirs: set[Path] = set()

    def start(self, data_dir: Path, name: str) -> tuple[subprocess.Popen[bytes], Path]:
        log_dir = self.tmp_path / "logs" / name
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TIAKI_", "XDG_"))}  # nothing of the user's
        env.update(QT_QPA_PLATFORM="offscreen", TIAKI_LOG_DIR=str(log_dir), HOME=str(self.tmp_path / "home"))
        command = [str(TIAKI)] if TIAKI.exists() else [sys.executable, "-m", "tiaki.cli"]
        with open(self.tmp_path / f"{name}.stderr", "wb") as stderr:
            process = subprocess.Popen([*command, "--data-dir", str(data_dir)], env=env,
                                       stdout=subprocess.DEVNULL, stderr=stderr)
        self.processes.append(process)
        self.data_dirs.add(data_dir)
        return process, log_dir

    def end(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=WAIT)
        for data_dir in self.data_dirs:  # killed processes leave their sockets behind
            QLocalServer.removeServer(instance_name(data_dir))


@pytest.fixture
def launches(tmp_path: Path) -> Iterator[Launches]:
    running = Launches(tmp_path)
    yield running
    running.end()


def _log(log_dir: Path) -> str:
    path = log_dir / "tiaki.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _serving(process: subprocess.Popen[bytes], log_dir: Path, what: str) -> None:
    wait_until(lambda: SERVING in _log(log_dir) or process.poll() is not None, timeout=WAIT, what=what)
    assert process.poll() is None, f"{what}: exited {process.returncode}\n{_log(log_dir)}"


def test_a_second_launch_brings_the_first_forward_and_exits(made_store: tuple[Session, str], data_dir: Path,
                                                           tmp_path: Path, launches: Launches) -> None:
    made_store[0].lock()
    first, first_log = launches.start(data_dir, "first")
    _serving(first, first_log, "the first launch to start")

    second, second_log = launches.start(data_dir, "second")
    assert second.wait(timeout=WAIT) == 0
    assert ASKED in _log(second_log)
    assert "window app started" not in _log(second_log), "the second launch opened no window"
    wait_until(lambda: RAISED in _log(first_log), timeout=WAIT, what="the first launch to raise its window")
    assert first.poll() is None

    other, other_log = launches.start(tmp_path / "another-store", "other")
    _serving(other, other_log, "a launch for another data directory")
    assert ASKED not in _log(other_log)
    assert RAISED not in _log(first_log).replace(RAISED, "", 1), "only the one request reached the first"


def test_after_a_crash_the_next_launch_takes_over(made_store: tuple[Session, str], data_dir: Path,
                                                 launches: Launches) -> None:
    made_store[0].lock()
    crashed, crashed_log = launches.start(data_dir, "crashed")
    _serving(crashed, crashed_log, "the launch that will crash")
    crashed.kill()  # no clean-up: its socket is left behind
    crashed.wait(timeout=WAIT)

    after, after_log = launches.start(data_dir, "after")
    _serving(after, after_log, "the launch after the crash")
    assert ASKED not in _log(after_log)

    again, _ = launches.start(data_dir, "again")
    assert again.wait(timeout=WAIT) == 0
    wait_until(lambda: RAISED in _log(after_log), timeout=WAIT, what="the new first launch to raise its window")


def test_the_name_is_a_short_hash_of_the_resolved_directory(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    name = instance_name(tmp_path / "store")
    assert name == instance_name(tmp_path / "x" / ".." / "store")
    assert name != instance_name(tmp_path / "other")
    socket = Path(name)
    assert socket.parent == private_dir(), "inside the user's own directory, not the shared temp directory"
    assert len(socket.name) == len("tiaki-") + 24 and "store" not in socket.name
    assert len(name.encode()) < 104, "short enough for a socket path on macOS"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX: Windows' named pipes are not files")
def test_a_private_directory_someone_else_could_reach_is_never_used(tmp_path: Path, monkeypatch, qapp) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    mine = tmp_path / f"tiaki-{os.getuid()}"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    assert private_dir() == mine and mine.stat().st_mode & 0o777 == 0o700, "our own, made private"
    mine.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mine.symlink_to(elsewhere)
    assert private_dir() is None, "a link planted in the temp directory is not followed"
    instance = SingleInstance(tmp_path / "store")
    assert instance.claim(), "without a private directory Tiaki runs, without the one-instance check"
    assert instance.server is None
    mine.unlink()
    if os.getuid() == 0:  # as root the test can hand the directory to another account
        mine.mkdir(mode=0o700)
        os.chown(mine, 65534, 65534)
        assert private_dir() is None, "a directory another account owns is not used"
