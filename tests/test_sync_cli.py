"""``tiaki sync --once`` as a script runs it: exit 0 only when every deliverable message holds a verified receipt,
otherwise exit 1 with one line per partner saying what waits and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_support import one_line_error
from support import ADMIN_PASS
from sync_support import sync_world
from tiaki.store.session import Session

TIAKI = Path(sys.executable).with_name("tiaki")


def _sync(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
    env["TIAKI_PASSPHRASE"] = ADMIN_PASS
    command = [str(TIAKI)] if TIAKI.exists() else [sys.executable, "-m", "tiaki.cli"]
    return subprocess.run([*command, "--data-dir", str(data_dir), "sync", "--once", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_exit_0_only_when_everything_is_acknowledged(session: Session, tmp_path: Path, data_dir: Path) -> None:
    with sync_world(session, tmp_path) as world:
        world.queue(2)
        result = _sync(data_dir, "--timeout", "30")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == ["Te Whare Āwhina (test): 2 acknowledged, 0 waiting"]
        assert result.stderr == ""
        assert set(world.states().values()) == {"acknowledged"}
        world.assert_invariants()


def test_one_line_per_partner_and_exit_1_when_something_waits(session: Session, tmp_path: Path,
                                                              data_dir: Path) -> None:
    with sync_world(session, tmp_path, name="Aroha House (test)", folder="a") as dead, \
            sync_world(session, tmp_path, name="Whānau Trust (test)", folder="b") as alive:
        dead.queue(2)
        alive.queue(1)
        dead.proxy.set_blackhole(True)
        result = _sync(data_dir, "--timeout", "0.5")
        assert result.returncode == 1, result.stderr
        assert result.stdout.splitlines() == [
            "Aroha House (test): 0 acknowledged, 2 waiting (the inbox did not answer in time)",
            "Whānau Trust (test): 1 acknowledged, 0 waiting",
        ]
        assert "Traceback" not in result.stderr
        status = {s.name: s for s in session.outbox.partner_status()}
        assert status["Aroha House (test)"].last_error == "the inbox did not answer in time"
        assert status["Aroha House (test)"].next_attempt_at is not None
        dead.proxy.set_blackhole(False)
        dead.proxy.drop_connections()
        again = _sync(data_dir, "--timeout", "30")
        assert again.returncode == 0, again.stdout
        assert again.stdout.splitlines()[0] == "Aroha House (test): 2 acknowledged, 0 waiting"


def test_no_partner_and_a_bad_timeout(session: Session, data_dir: Path) -> None:
    result = _sync(data_dir)
    assert result.returncode == 0 and result.stdout.strip() == "No partner is enrolled for sending."
    one_line_error(_sync(data_dir, "--timeout", "-1"), 4)
