"""Running the ``tiaki`` command in tests: the helpers (the fixtures ``run`` and ``store`` are in conftest)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from support import ADMIN_PASS
from tiaki.core.notices import load_notices
from tiaki.paths import resource_dir

TIAKI = Path(sys.executable).with_name("tiaki")
NOTICE_VERSION = load_notices(resource_dir() / "notices.json").version
COLLECTION = {"purposes": ["case_management"], "source": {"kind": "person"},
              "notice": {"language": "en", "version": NOTICE_VERSION, "timing": "before"}}
Run = Callable[..., subprocess.CompletedProcess[str]]


def with_collection(doc: dict[str, object]) -> dict[str, object]:
    return {**doc, "collection": COLLECTION}


def make_runner(home: Path) -> Run:
    def _run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
             passphrase: str | None = ADMIN_PASS) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
        full_env["HOME"] = str(home)
        if passphrase is not None:
            full_env["TIAKI_PASSPHRASE"] = passphrase
        full_env.update(env or {})
        command = [str(TIAKI)] if TIAKI.exists() else [sys.executable, "-m", "tiaki.cli"]
        return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True, env=full_env,
                              timeout=120)
    return _run


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def fingerprint(data: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data.iterdir()) if p.is_file()}


def add_client(run: Run, store: Path, client: dict[str, object]) -> str:
    result = run("client", "add", "--json", "-", "--data-dir", str(store),
                 stdin=json.dumps(with_collection({"fields": client})))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
