"""The HTTP client the sync engine talks to a partner inbox with (stdlib only).

A device sends from wherever its worker is: a flaky mobile link, a marae's Wi-Fi, a captive portal. So every
request is bounded three ways: a connect timeout, a stall timeout (the longest silence between two bytes), and
an overall deadline that also covers headers trickling in a byte at a time. A reply is read only up to
``MAX_REPLY_BYTES``; a redirect is never followed (the card names the inbox; anything else is not it); a 2xx must
be a strict JSON object. One keep-alive connection per partner is reused for a whole run and replaced when it
fails, idles too long or the partner closed it.

https verifies certificates with the system's trust store (``ssl.create_default_context``). Plain http is
allowed because some partners run their inbox on a LAN; what travels is already an age-encrypted, signed
envelope, so http exposes only metadata (sizes, timing, key ids). Error messages never carry payload bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import io
import json
import math
import re
import select
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAX_REPLY_BYTES = 4 * 1024 * 1024
MAX_RETRY_AFTER = 3600.0
ENVELOPE_TYPE = "application/vnd.tiaki.envelope"
USER_AGENT = "tiaki-sync/1"
IDLE_REUSE_SECONDS = 4.0  # below uvicorn's 5 s keep-alive: never reuse a connection the server may be closing
_SEND_BLOCK = 65536
_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_KEY_ID = re.compile(r"[0-9a-f]{32}")
_B64U = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")

ERROR_CODES = ("connect_failed", "timeout", "reset", "reply_too_large", "bad_reply", "redirect", "tls")


class TransportError(Exception):
    """A request that got no usable reply. ``code`` is one of ERROR_CODES; the message is one plain line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Reply:
    """A complete reply. ``json`` is the parsed object (None for a non-2xx reply whose body is not JSON)."""

    status: int
    json: dict[str, object] | None
    retry_after: float | None
    bytes_sent: int
    bytes_received: int


def classify(status: int) -> str:
    """What the engine does with a status: "ok" (2xx), "retry" (408, 409, 429, 5xx and anything unexpected)
    or "park" (every other 4xx: the partner will refuse this request however often it is sent)."""
    if 200 <= status <= 299:
        return "ok"
    if status in (408, 409, 429) or not 400 <= status <= 499:
        return "retry"
    return "park"


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None, cap: float = MAX_RETRY_AFTER
                      ) -> float | None:
    """Seconds from a ``Retry-After`` header (delay-seconds or an HTTP date), at most ``cap``; None if absent
    or unreadable. A date in the past means "now" (0)."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return cap if len(value) > 9 else min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" in an HTTP date: UTC
        when = when.replace(tzinfo=dt.UTC)
    seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(max(seconds, 0.0), cap)


class _Socket:
    """The connection's socket with bytes counted and every operation bounded by the stall timeout and the
    current request's deadline. http.client's response parser reads through ``makefile``."""

    def __init__(self, sock: socket.socket, stall: float) -> None:
        self.sock, self.stall = sock, stall
        self.deadline = math.inf
        self.sent = self.received = 0
        self.last_used = time.monotonic()

    def _bound(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline")
        self.sock.settimeout(min(self.stall, remaining))

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        for start in range(0, len(view), _SEND_BLOCK):
            self._bound()  # per block: the stall timeout bounds each block, the deadline the whole body
            self.sock.sendall(view[start:start + _SEND_BLOCK])
            self.sent += len(view[start:start + _SEND_BLOCK])

    def recv_into(self, buffer: WriteableBuffer) -> int:
        self._bound()
        n = self.sock.recv_into(buffer)
        self.received += n
        return n

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self))

    def looks_dropped(self) -> bool:
        """Readable while idle means the partner closed (or sent junk): do not reuse."""
        if isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            return True
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def close(self) -> None:
        self.sock.close()


class _Reader(io.RawIOBase):
    def __init__(self, sock: _Socket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        return self._sock.recv_into(buffer)


class InboxClient:
    """Requests to one partner inbox over one reusable connection. Not thread-safe: one client per worker."""

    def __init__(self, base_url: str, *, connect_timeout: float = 10, stall_timeout: float = 20,
                 deadline: float = 120, ssl_context: ssl.SSLContext | None = None,
                 max_reply_bytes: int = MAX_REPLY_BYTES) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("inbox URL must be http or https with a host")
        if parts.username is not None or parts.query or parts.fragment:
            raise ValueError("inbox URL must not carry a user name, query or fragment")
        if not parts.netloc.isascii() or not _PATH.fullmatch(parts.path):
            raise ValueError("inbox URL must be ASCII (a host in its punycode form, a path percent-encoded)")
        if min(connect_timeout, stall_timeout, deadline) <= 0:
            raise ValueError("timeouts must be positive")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)  # .port raises ValueError on a bad port
        self._host_header = parts.netloc
        self._prefix = parts.path.rstrip("/")
        self._context = ssl_context if ssl_context is not None else (
            ssl.create_default_context() if self._https else None)
        self.connect_timeout, self.stall_timeout, self.deadline = connect_timeout, stall_timeout, deadline
        self.max_reply_bytes = max_reply_bytes
        self._sock: _Socket | None = None
        self.connections_opened = 0

    def post_envelope(self, data: bytes) -> Reply:
        """POST /v1/envelopes."""
        if not isinstance(data, bytes) or not data:
            raise ValueError("an envelope is non-empty bytes")
        return self._request("POST", "/v1/envelopes", data, {"Content-Type": ENVELOPE_TYPE})

    def get_receipt(self, message_id: str, sender_key_id: str, signature: str) -> Reply:
        """GET /v1/receipts/{message_id}, proving who is asking (see the inbox API)."""
        if not _ID.fullmatch(message_id):
            raise ValueError("message id must be a UUID")
        if not _KEY_ID.fullmatch(sender_key_id) or not _B64U.fullmatch(signature):
            raise ValueError("sender key id or signature is malformed")
        headers = {"X-Tiaki-Sender": sender_key_id, "X-Tiaki-Signature": signature}
        return self._request("GET", f"/v1/receipts/{message_id}", b"", headers)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def __enter__(self) -> InboxClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Reply:
        deadline = time.monotonic() + self.deadline
        try:
            sock = self._connection(deadline)
            sock.deadline = deadline
            sent_before, received_before = sock.sent, sock.received
            lines = [f"{method} {self._prefix}{path} HTTP/1.1", f"Host: {self._host_header}",
                     f"User-Agent: {USER_AGENT}", "Accept: application/json", f"Content-Length: {len(body)}"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            try:
                sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)
            except ConnectionError as exc:
                # The inbox may have answered early (413 on Content-Length) and closed: that answer counts.
                status, parsed, retry_after, keep = self._early_reply(sock, method, exc)
            else:
                status, parsed, retry_after, keep = self._read_reply(sock, method)
            reply = Reply(status, parsed, retry_after, sock.sent - sent_before, sock.received - received_before)
        except TransportError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise _translate(exc) from None
        if keep:
            sock.last_used = time.monotonic()
        else:
            self.close()
        return reply

    def _early_reply(self, sock: _Socket, method: str, send_error: ConnectionError
                     ) -> tuple[int, dict[str, object] | None, float | None, bool]:
        try:
            status, parsed, retry_after, _ = self._read_reply(sock, method)
        except Exception:
            raise send_error from None
        return status, parsed, retry_after, False

    def _connection(self, deadline: float) -> _Socket:
        if self._sock is not None and (time.monotonic() - self._sock.last_used > IDLE_REUSE_SECONDS
                                       or self._sock.looks_dropped()):
            self.close()
        if self._sock is not None:
            return self._sock
        timeout = min(self.connect_timeout, deadline - time.monotonic())
        try:
            raw = socket.create_connection((self._host, self._port), timeout=timeout)
        except TimeoutError:
            raise TransportError("connect_failed", "the inbox did not accept a connection in time") from None
        except OSError:
            raise TransportError("connect_failed", "could not connect to the inbox") from None
        try:
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self._context is not None:
                raw.settimeout(max(0.001, min(self.connect_timeout, deadline - time.monotonic())))
                raw = self._context.wrap_socket(raw, server_hostname=self._host)
        except TimeoutError:
            raw.close()
            raise TransportError("timeout", "the TLS handshake with the inbox timed out") from None
        except ssl.SSLCertVerificationError:
            raw.close()
            raise TransportError("tls", "the inbox certificate could not be verified") from None
        except OSError:  # a handshake refused or cut short: whatever answers there does not speak TLS to us
            raw.close()
            raise TransportError("tls", "the TLS handshake with the inbox failed") from None
        except BaseException:
            raw.close()
            raise
        self._sock = _Socket(raw, self.stall_timeout)
        self.connections_opened += 1
        return self._sock

    def _read_reply(self, sock: _Socket, method: str) -> tuple[int, dict[str, object] | None, float | None, bool]:
        response = http.client.HTTPResponse(cast(socket.socket, sock), method=method)
        try:
            response.begin()
            status = response.status
            if 300 <= status <= 399:
                raise TransportError("redirect", f"the inbox answered {status}; redirects are not followed")
            if status < 200:
                raise TransportError("bad_reply", f"the inbox answered an unexpected {status}")
            if response.length is not None and response.length > self.max_reply_bytes:
                raise TransportError("reply_too_large", "the inbox reply is larger than allowed")
            body = self._read_body(response)
            keep = not response.will_close
            retry_after = parse_retry_after(response.getheader("Retry-After"))
            content_type = response.getheader("Content-Type", "")
        finally:
            response.close()
        if 200 <= status <= 299:
            if not _is_json(content_type):
                raise TransportError("bad_reply", "the inbox reply is not JSON")
            return status, _strict_json(body), retry_after, keep
        try:
            parsed = _strict_json(body) if _is_json(content_type) else None
        except TransportError:
            parsed = None  # an error page's body is a courtesy; its status is what counts
        return status, parsed, retry_after, keep

    def _read_body(self, response: http.client.HTTPResponse) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_SEND_BLOCK):
            size += len(chunk)
            if size > self.max_reply_bytes:
                raise TransportError("reply_too_large", "the inbox reply is larger than allowed")
            chunks.append(chunk)
        return b"".join(chunks)


def _is_json(content_type: str) -> bool:
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = params.strip().lower()
    return (media == "application/json" or (media.startswith("application/") and media.endswith("+json"))) and (
        not charset or charset.replace(" ", "") in ("charset=utf-8", 'charset="utf-8"'))


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _no_constant(name: str) -> object:
    raise ValueError("NaN and Infinity are not JSON")


def _strict_json(body: bytes) -> dict[str, object]:
    """UTF-8, no duplicate keys, no NaN/Infinity, an object at the top."""
    try:
        parsed = json.loads(body.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise TransportError("bad_reply", "the inbox reply is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise TransportError("bad_reply", "the inbox reply is not a JSON object")
    return cast(dict[str, object], parsed)


def _translate(exc: BaseException) -> TransportError:
    """One code per failure; messages name the failure, never what was being sent."""
    if isinstance(exc, ssl.SSLZeroReturnError | ssl.SSLEOFError):
        return TransportError("reset", "the TLS connection to the inbox closed before the reply was complete")
    if isinstance(exc, ssl.SSLError):
        return TransportError("tls", "the TLS connection to the inbox failed")
    if isinstance(exc, TimeoutError):
        return TransportError("timeout", "the inbox did not answer in time")
    if isinstance(exc, ConnectionError | http.client.IncompleteRead | http.client.RemoteDisconnected):
        return TransportError("reset", "the connection to the inbox broke before the reply was complete")
    if isinstance(exc, http.client.HTTPException):
        return TransportError("bad_reply", "the inbox reply is not valid HTTP")
    if isinstance(exc, OSError):
        return TransportError("reset", "the connection to the inbox failed")
    raise exc
