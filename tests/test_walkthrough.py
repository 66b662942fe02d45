"""The README's two-terminal walk-through, run exactly as written (a free port instead of 8470)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent


def blocks() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    found = dict(re.findall(r"<!-- walkthrough:(\w+) -->\n```sh\n(.*?)```", text, flags=re.S))
    assert set(found) == {"partner", "serve", "device", "packet"}, "the README's walk-through blocks are missing"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(not (BIN / "tiaki").exists(), reason="the tiaki command is not installed in this venv")
def test_readme_walkthrough(tmp_path: Path) -> None:
    port = str(free_port())
    scripts = {name: body.replace("8470", port) for name, body in blocks().items()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
    env.update(HOME=str(tmp_path), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}")

    def bash(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-euo", "pipefail", "-c", script], env=env, capture_output=True, text=True,
                              timeout=180)

    partner = bash(scripts["partner"])
    assert partner.returncode == 0, partner.stderr
    assert re.search(r"\d{4} \d{4} \d{4} \d{4} \d{4}", partner.stdout)
    serve = subprocess.Popen(["bash", "-c", "exec " + scripts["serve"].strip().splitlines()[-1]], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert serve.stdout is not None
        assert f":{port}" in serve.stdout.readline()
        device = bash(scripts["device"])
        assert device.returncode == 0, (device.stdout, device.stderr)
        out = device.stdout
        assert '"status": "acknowledged"' in out  # the history: delivered (only a verified receipt moves it)
        assert '"given_name"' in out and "Aroha" in out  # the partner opened what arrived
        assert "027 555 0101" in out  # contact was consented to, so the phone went too
    finally:
        serve.terminate()
        serve.communicate(timeout=30)


@pytest.mark.skipif(not (BIN / "tiaki").exists(), reason="the tiaki command is not installed in this venv")
@pytest.mark.skipif(shutil.which("age") is None, reason="the stock age tool is not installed (apt-get install age)")
def test_readme_packet_walkthrough(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
    env.update(HOME=str(tmp_path), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}")
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", blocks()["packet"]], env=env, capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, (run.stdout, run.stderr)
    from_age = json.loads((tmp_path / "bundle.json").read_text(encoding="utf-8"))
    from_tiaki = json.loads(run.stdout[run.stdout.index("{\n"):])  # open --json prints the Bundle last
    assert from_age == from_tiaki and from_age["resourceType"] == "Bundle"
    [patient] = [e["resource"] for e in from_age["entry"] if e["resource"]["resourceType"] == "Patient"]
    text = json.dumps(from_age, ensure_ascii=False)
    assert "027 555 0199" in text and "Parata" in text  # consented: identity and contact went
    assert "asthma" not in text and "asthma" not in run.stdout + run.stderr  # health had no consent: it stayed
    assert patient["name"][0]["family"] == "Parata"
    assert "Te Whare Tiaki" in run.stderr  # open names who signed it
