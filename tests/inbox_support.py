"""The real partner inbox for tests, and a Tiaki-like sender to talk to it.

Two ways to run the inbox, both on 127.0.0.1 with a port the system picks:

- ``running_inbox(data_dir, **create_app_options)``: uvicorn in a thread of the test process; a context manager
  yielding the base URL (``http://127.0.0.1:PORT``). ``create_app`` options (``after_commit``, ``max_body``,
  ``max_in_flight``) pass through.
- ``InboxProcess(data_dir)``: ``tiaki partner serve --port 0`` in its own process, so a test can kill it
  (``.start()`` returns the URL, also at ``.url``; ``.kill()`` is SIGKILL, ``.stop()`` SIGTERM). With
  ``crash_after=N`` it runs ``tests/inbox_crash_launcher.py`` instead: the process exits right after the Nth
  envelope commits, before it replies.

``make_partner`` creates a partner directory and ``allow`` enrols a sender card with it (``inbox_counts`` reads
back what was stored); ``Device`` is a sender (its key, card and sealing); the HTTP helpers speak to an inbox
with http.client. A typical use::

    card = make_partner(tmp_path / "partner")
    allow(tmp_path / "partner", session.outbox.device_card())
    with running_inbox(tmp_path / "partner") as url:
        session.outbox.enroll_partner(with_inbox_url(card, url))
        ...  # queue and sync
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.canonical import b64u, canonical_json
from tiaki.core.cards import PartnerCard, SenderCard, sender_card_for
from tiaki.core.clock import iso, new_id, utc_now
from tiaki.core.envelope import seal
from tiaki.core.sharing import PartnerKind
from tiaki.partner.app import ENVELOPE_MEDIA_TYPE, RECEIPT_QUERY_CONTEXT, create_app
from tiaki.partner.identity import database_path, init_identity
from tiaki.partner.inbox_db import InboxStore
from tiaki.partner.serve import bind, make_server, url_of

STARTUP_SECONDS = 30.0
_TESTS_DIR = Path(__file__).resolve().parent
_TIAKI = Path(sys.executable).with_name("tiaki")


def wait_until(condition: Callable[[], bool], *, timeout: float = STARTUP_SECONDS, what: str = "condition") -> None:
    """Poll with a deadline (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.01)


# --- running the inbox ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def running_inbox(data_dir: Path, **app_options: Any) -> Iterator[str]:
    """The inbox in a background thread (uvicorn.Server in-process); yields its base URL."""
    app = create_app(Path(data_dir), **app_options)
    server = make_server(app, configure_logging=False)
    sock = bind("127.0.0.1", 0)
    url = url_of(sock)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="partner-inbox", daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started or not thread.is_alive(), what="the inbox to start")
        if not server.started:
            raise RuntimeError("the inbox did not start")
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_SECONDS)
        sock.close()
        app.state.service.close()


@dataclass
class InboxProcess:
    """``tiaki partner serve`` as a child process (or the crash launcher with ``crash_after``)."""

    data_dir: Path
    crash_after: int | None = None
    url: str = ""
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _stderr: Any = field(default=None, repr=False)

    def command(self) -> list[str]:
        if self.crash_after is not None:
            return [sys.executable, str(_TESTS_DIR / "inbox_crash_launcher.py"), str(self.data_dir),
                    str(self.crash_after)]
        tiaki = [str(_TIAKI)] if _TIAKI.exists() else [sys.executable, "-m", "tiaki.cli"]
        return [*tiaki, "--data-dir", str(self.data_dir), "partner", "serve", "--host", "127.0.0.1", "--port", "0"]

    def start(self) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TIAKI_")}
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for stderr_text(); closed in close()
        self._proc = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=self._stderr,
                                      stdin=subprocess.DEVNULL, env=env)
        line = self._first_line()
        if "listening on " not in line:
            self.kill()
            raise RuntimeError(f"the inbox did not start: {self.stderr_text()!r}")
        self.url = line.split("listening on ", 1)[1].split()[0]
        wait_until(lambda: health(self.url) is not None, what="the inbox to answer")
        return self.url

    def _first_line(self) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        data = b""
        deadline = time.monotonic() + STARTUP_SECONDS
        while b"\n" not in data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return ""
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                data += chunk
        return data.decode("utf-8", "replace").splitlines()[0] if data else ""

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait_exit(self, timeout: float = STARTUP_SECONDS) -> int:
        assert self._proc is not None
        return self._proc.wait(timeout=timeout)

    def kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        self._close()

    def stop(self, sig: int = signal.SIGTERM) -> int | None:
        """Ask the service to shut down (SIGTERM, or SIGINT as Ctrl+C does) and wait; its exit code."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(sig)
        return self._close()

    def stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return str(self._stderr.read().decode("utf-8", "replace"))

    def _close(self) -> int | None:
        code = None
        if self._proc is not None:
            code = self._proc.wait(timeout=STARTUP_SECONDS)
            if self._proc.stdout is not None:
                self._proc.stdout.close()
        return code

    def close(self) -> None:
        self.kill()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> InboxProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- partner and sender --------------------------------------------------------------------------------------


def make_partner(data_dir: Path, name: str = "Te Whare Awhina (test)", inbox_url: str | None = None) -> PartnerCard:
    """A partner directory (keys, card); the card's inbox URL is a placeholder unless given."""
    return init_identity(data_dir, name=name, kind=PartnerKind.NGO, inbox_url=inbox_url or "http://127.0.0.1:9")


def with_inbox_url(card: PartnerCard, url: str) -> PartnerCard:
    """The card as a device should enrol it once the inbox's port is known (the URL is not part of the key id,
    and a first card carries no signature; do not use on a rotated card, whose signature covers the URL)."""
    return dataclasses.replace(card, inbox_url=url)


def allow(data_dir: Path, card: SenderCard) -> None:
    """Enrol a device's sender card with the partner (what ``tiaki partner allow --card`` does)."""
    with InboxStore(database_path(data_dir)) as store:
        store.allow_sender(card, allowed_at=iso(utc_now()))


def inbox_counts(data_dir: Path) -> dict[str, int]:
    """Rows per table in the partner's database: senders, envelopes, messages, tombstones, rejections."""
    with InboxStore(database_path(data_dir)) as store:
        return store.counts()


@dataclass
class Device:
    """A sending Tiaki device: its Ed25519 key and sender card."""

    key: Ed25519PrivateKey
    device_id: str
    card: SenderCard

    @classmethod
    def new(cls, organisation: str = "Kāinga Support (test)") -> Device:
        key = Ed25519PrivateKey.generate()
        device_id = new_id()
        return cls(key, device_id, sender_card_for(organisation, device_id, key, iso(utc_now())))

    def write_card(self, path: Path) -> Path:
        path.write_bytes(canonical_json(self.card.to_json()))
        return path

    def seal(self, messages: Sequence[Mapping[str, object]], partner: PartnerCard,
             envelope_id: str | None = None) -> bytes:
        return seal(messages, envelope_id=envelope_id or new_id(), sender_device_id=self.device_id,
                    sender_key=self.key, recipient=partner, created_at=iso(utc_now()))

    def query_headers(self, message_id: str) -> dict[str, str]:
        signature = b64u(self.key.sign(RECEIPT_QUERY_CONTEXT + message_id.encode("ascii")))
        return {"X-Tiaki-Sender": self.card.key_id, "X-Tiaki-Signature": signature}


def share_message(*, consent_ids: Sequence[str] = (), client_id: str | None = None, message_id: str | None = None,
                  value: str = "Aroha (fictional)", kind: str = "share") -> dict[str, object]:
    now = iso(utc_now())
    return {"id": message_id or new_id(), "kind": kind, "client_id": client_id or new_id(), "created_at": now,
            "purpose": "referral", "organisation": "Kāinga Support (test)", "sealed_at": now,
            "consent_ids": sorted(consent_ids),
            "fields": {"given_name": {"value": value, "basis": "consent", "agreement_id": None,
                                      "consent_id": consent_ids[0] if consent_ids else None}}}


def revocation_message(consent_id: str, *, client_id: str | None = None,
                       message_ids: Sequence[str] = ()) -> dict[str, object]:
    now = iso(utc_now())
    return {"id": new_id(), "kind": "revocation", "client_id": client_id or new_id(), "created_at": now,
            "consent_id": consent_id, "withdrawn_at": now, "message_ids": sorted(message_ids)}


# --- HTTP ----------------------------------------------------------------------------------------------------


def request(url: str, method: str, path: str, body: bytes | Iterable[bytes] | None = None,
            headers: Mapping[str, str] | None = None, timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def post_envelope(url: str, data: bytes, headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    status, _, body = request(url, "POST", "/v1/envelopes", data,
                              {"Content-Type": ENVELOPE_MEDIA_TYPE, **(headers or {})})
    return status, json.loads(body) if body else {}


def get_receipt(url: str, message_id: str, headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    status, _, body = request(url, "GET", f"/v1/receipts/{message_id}", headers=headers)
    return status, json.loads(body) if body else {}


def health(url: str) -> dict[str, Any] | None:
    try:
        status, _, body = request(url, "GET", "/v1/health", timeout=5.0)
    except OSError:
        return None
    return json.loads(body) if status == 200 else None
