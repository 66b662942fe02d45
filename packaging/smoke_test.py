"""Smoke test of the BUILT bundle (not the venv): run after ``pyinstaller packaging/tiaki.spec``.

    python3 packaging/smoke_test.py [BUNDLE_DIR]        (default: build/dist/tiaki)

Everything runs in a new temporary home directory, offscreen, with the bundle's own ``tiaki`` binary and no
Python environment variables: --version; the self-check (Qt, translations, resources, icon, the first window);
create a store; add a client; the store on disk does not contain the client's name; reopen it in new
processes and find the client (by name without macrons) and read it back; a wrong passphrase is refused;
the database and audit-log checks; the app's window starts and stays up; and a partner inbox served by the
bundle receives a share from the bundle's sync, with a verified receipt. Prints each step; exits 1 on the
first failure, 0 when every step passed. Plain Python 3.11 with the standard library only.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "build" / "dist" / "tiaki"
PASSPHRASE = "kia kaha te reo 2026"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
GUI_SECONDS = 3.0


class SmokeFailure(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Bundle:
    """The bundle's ``tiaki`` binary, run in its own home directory with nothing from the build's Python."""

    def __init__(self, directory: Path, home: Path) -> None:
        self.directory = directory.resolve()
        self.exe = self.directory / ("tiaki.exe" if os.name == "nt" else "tiaki")
        self.home = home
        self.data = home / "tiaki-device"
        dropped = ("TIAKI_", "PYTHON", "VIRTUAL_ENV", "XDG_", "QT_", "LC_")
        env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
        env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
                   LOCALAPPDATA=str(home / "AppData" / "Local"), XDG_DATA_HOME=str(home / ".local" / "share"),
                   XDG_CONFIG_HOME=str(home / ".config"), XDG_STATE_HOME=str(home / ".local" / "state"),
                   XDG_CACHE_HOME=str(home / ".cache"), XDG_RUNTIME_DIR=str(home / "run"),
                   QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", TIAKI_LANG="en",
                   TIAKI_DATA_DIR=str(self.data), TIAKI_PASSPHRASE=PASSPHRASE)
        (home / "run").mkdir(mode=0o700)
        self.env = env

    def run(self, *args: str, stdin: str | None = None, code: int = 0, passphrase: str = PASSPHRASE,
            timeout: float = 120) -> str:
        env = {**self.env, "TIAKI_PASSPHRASE": passphrase}
        result = subprocess.run([str(self.exe), *args], input=stdin, capture_output=True, text=True, env=env,
                                cwd=self.home, timeout=timeout)
        if result.returncode != code or "Traceback" in result.stderr:
            raise SmokeFailure(f"'tiaki {' '.join(args)}' exited {result.returncode} (expected {code})\n"
                               f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
        return result.stdout

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([str(self.exe), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env, cwd=self.home)


def first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The process's first line of output, or '' when it printed none within ``timeout`` seconds."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""


def stop(process: subprocess.Popen[str], *, interrupt: bool = False) -> tuple[str, str]:
    """End a process: Ctrl+C (the inbox shuts down cleanly on it) or SIGTERM (the window's default end)."""
    if process.poll() is None:
        if interrupt and os.name != "nt":
            process.send_signal(signal.SIGINT)
        else:
            process.terminate()
        try:
            return process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.communicate(timeout=15)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def notice_version(bundle: Bundle) -> str:
    found = sorted(bundle.directory.rglob("tiaki/resources/notices.json"))
    expect(bool(found), "the bundle has no tiaki/resources/notices.json")
    return str(json.loads(found[0].read_text(encoding="utf-8"))["version"])


def run_smoke_test(bundle: Bundle) -> dict[str, str]:
    """Every step in order; returns what later steps needed (for the curious)."""
    state: dict[str, str] = {}
    expect(bundle.exe.is_file(), f"no binary at {bundle.exe}: build the bundle first (./run bundle)")

    def version() -> str:
        out = bundle.run("--version").strip()
        expect(out == f"tiaki {project_version()}", f"--version printed {out!r}")
        return out

    def self_check_new() -> str:
        out = bundle.run("self-check")
        expect(out.rstrip().endswith("OK"), out)
        expect(str(bundle.directory) in out, f"the resources were not read from the bundle:\n{out}")
        return out.splitlines()[-2].removeprefix("ok    ")

    def init() -> str:
        recovery = bundle.home / "recovery-key.txt"
        bundle.run("--worker", "aroha", "init", "--organisation", "Te Whare Tiaki", "--recovery-out", str(recovery))
        expect(recovery.read_text(encoding="utf-8").strip().startswith("TIAKI"), "no recovery key was written")
        return f"store created in {bundle.data}"

    def add_client() -> str:
        client = {"fields": {"given_name": "Aroha", "family_name": "Te Whānau", "phone": "027 555 0101"},
                  "collection": {"purposes": ["referral"], "source": {"kind": "person"},
                                 "notice": {"language": "en", "version": notice_version(bundle), "timing": "before"}}}
        out = bundle.run("client", "add", "--json", "-", stdin=json.dumps(client, ensure_ascii=False)).strip()
        expect(bool(UUID.fullmatch(out)), f"client add printed {out!r}")
        state["client"] = out
        return f"client {out}"

    def encrypted_at_rest() -> str:
        files = [path for path in bundle.data.rglob("*") if path.is_file()]
        expect(bool(files), "the data directory is empty")
        for path in files:
            content = path.read_bytes()
            for secret in ("Aroha", "Te Whānau", "027 555 0101"):
                expect(secret.encode() not in content, f"{path.name} holds a client's value in the clear")
        return f"{len(files)} files, no client value in the clear"

    def reopen_and_find() -> str:
        found = json.loads(bundle.run("client", "search", "te whanau", "--json"))  # no macron: folded
        expect([row["id"] for row in found] == [state["client"]], f"search found {found}")
        record = json.dumps(json.loads(bundle.run("client", "get", state["client"], "--json")), ensure_ascii=False)
        expect("Aroha" in record and "Te Whānau" in record and "027 555 0101" in record, record)
        return "found by 'te whanau' and read back in new processes"

    def wrong_passphrase() -> str:
        bundle.run("client", "search", "Aroha", code=3, passphrase="not the passphrase")
        return "refused with exit code 3"

    def checks() -> str:
        bundle.run("check")
        bundle.run("audit", "verify")
        return "database pages and audit log verified"

    def self_check_store() -> str:
        out = bundle.run("self-check")
        expect(out.rstrip().endswith("OK") and "Unlock" in out, out)
        return out.splitlines()[-2].removeprefix("ok    ")

    def gui() -> str:
        app = bundle.start()
        try:
            deadline = time.monotonic() + GUI_SECONDS
            while time.monotonic() < deadline and app.poll() is None:
                time.sleep(0.1)
            running = app.poll() is None
        finally:
            out, err = stop(app)
        expect(running, f"the app exited by itself with {app.returncode}\n{out}{err}")
        expect("Traceback" not in err, err)
        return f"the window ran {GUI_SECONDS:.0f} s offscreen, then was closed"

    def partner_round_trip() -> str:
        port = str(free_port())
        inbox = bundle.home / "kainga"
        bundle.run("partner", "init", "--data-dir", str(inbox), "--name", "Kāinga Housing Trust", "--port", port)
        server = bundle.start("partner", "serve", "--data-dir", str(inbox), "--port", port)
        try:
            line = first_line(server, 30)
            expect(f":{port}" in line, f"the inbox did not start: {line!r}")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=10) as response:
                expect(response.status == 200, f"health answered {response.status}")
            pid = bundle.run("partner", "enroll", "--card", str(inbox / "card.json"), "--yes").splitlines()[0]
            bundle.run("device", "card", "--out", str(bundle.home / "device-card.json"))
            bundle.run("partner", "allow", "--data-dir", str(inbox), "--card", str(bundle.home / "device-card.json"))
            agreement = {"partner_id": pid, "basis": "consent", "purposes": ["referral"],
                         "categories": ["identity", "contact"]}
            bundle.run("agreement", "add", "--json", "-", stdin=json.dumps(agreement))
            consent = {"recipients": [pid], "purposes": ["referral"], "categories": ["identity", "contact"],
                       "method": "verbal", "language": "en"}
            bundle.run("consent", "record", "--client", state["client"], "--json", "-", stdin=json.dumps(consent))
            message = bundle.run("share", "queue", "--client", state["client"], "--partner", pid,
                                 "--purpose", "referral").strip()
            bundle.run("sync", "--once", "--timeout", "60")  # exit 0 only with the partner's verified receipt
            opened = bundle.run("partner", "inbox", "open", "--data-dir", str(inbox), message)
            expect("Aroha" in opened and "027 555 0101" in opened, opened)
        finally:
            stop(server, interrupt=True)
        return "shared, synced with a verified receipt, opened by the partner"

    steps: list[tuple[str, Callable[[], str]]] = [
        ("--version", version),
        ("self-check, no store yet", self_check_new),
        ("init a store", init),
        ("add a client", add_client),
        ("locked at rest", encrypted_at_rest),
        ("reopen and find the client", reopen_and_find),
        ("wrong passphrase", wrong_passphrase),
        ("check and audit verify", checks),
        ("self-check, with the store", self_check_store),
        ("the app's window starts", gui),
        ("partner inbox and sync", partner_round_trip),
    ]
    for number, (name, step) in enumerate(steps, 1):
        started = time.monotonic()
        print(f"[{number}/{len(steps)}] {name} ...", end=" ", flush=True)
        try:
            result = step()
        except Exception:
            print(f"smoke: {number - 1} passed, 1 failed", flush=True)
            raise
        print(f"ok ({time.monotonic() - started:.1f} s): {result}", flush=True)
    print(f"smoke: {len(steps)} passed, 0 failed", flush=True)
    return state


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else DEFAULT_BUNDLE
    print(f"Smoke test of the bundle in {directory.resolve()}")
    with tempfile.TemporaryDirectory(prefix="tiaki-smoke-") as home:
        try:
            run_smoke_test(Bundle(directory, Path(home)))
        except (SmokeFailure, subprocess.TimeoutExpired, OSError) as exc:
            print(f"FAILED: {exc}", file=sys.stderr, flush=True)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
