"""A fault-injecting TCP proxy for HTTP tests (in the spirit of toxiproxy), and a tiny upstream to put behind it.

``FaultProxy`` listens on 127.0.0.1 (a free port) in front of an upstream ``host:port``. Each accepted connection
gets its own upstream connection and four threads: a reader and a writer per direction. Readers frame HTTP/1.1
requests (client side) so that faults can be aimed at "the next request", even on a keep-alive connection;
writers apply the byte-level faults. Everything is settable while traffic flows:

- byte level, per direction ("up" = client to upstream, "down" = upstream to client): latency, bandwidth (token
  bucket), a reset budget (after N bytes on one connection the proxy sends RST: SO_LINGER 0), black hole
  (read everything, forward and answer nothing), slow close (a delay before the proxy's FIN to the client);
- request level (``fail_next(n, mode)`` one-shot, ``fail_always(mode)`` every time): a canned reply instead of
  forwarding ("500_before"), or forward, let the upstream commit, throw its reply away and answer otherwise
  ("500_after", "lost_reply" = drop the client without a reply), plus hostile replies: garbage, bad JSON, a
  non-JSON type, a huge body (sized or close-delimited), a trickling reply, a redirect, a request that hangs.

Counters: ``connections``, ``requests``, ``bytes_up`` (read from clients), ``bytes_down`` (written to clients).
``stop()`` ends every thread and closes every socket (pytest runs with ResourceWarning as an error).
"""

from __future__ import annotations

import collections
import dataclasses
import http
import json
import queue
import socket
import ssl
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_POLL = 0.05  # how often blocked threads look up to see whether their connection is closing
_CHUNK = 65536
_MAX_HEAD = 65536
_EOF = object()  # writer item: half-close (FIN) the destination
_CLOSE = object()  # writer item: end the whole connection gracefully
GARBAGE = b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1 not http at all \xff\xfe\r\n\r\n"


@dataclasses.dataclass(frozen=True)
class Fault:
    """One request-level fault. ``after_commit``: forward the request and wait for the upstream's reply first."""

    kind: str  # status | drop | hang | garbage | bad_json | wrong_type | huge | huge_unsized | trickle | redirect
    after_commit: bool = False
    status: int = 500
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b'{"error":"injected"}'
    size: int = 64 * 1024 * 1024  # huge replies
    interval: float = 0.02  # trickle: pause between bytes
    location: str = "http://elsewhere.invalid/v1/envelopes"


PRESETS: dict[str, Fault] = {
    "500_before": Fault("status"),
    "500_after": Fault("status", after_commit=True),
    "503": Fault("status", status=503, headers=(("Retry-After", "1"),), body=b'{"error":"busy"}'),
    "lost_reply": Fault("drop", after_commit=True),
    "drop_request": Fault("drop"),
    "hang": Fault("hang"),
    "garbage": Fault("garbage"),
    "bad_json": Fault("bad_json"),
    "wrong_type": Fault("wrong_type"),
    "huge": Fault("huge"),
    "huge_unsized": Fault("huge_unsized"),
    "trickle": Fault("trickle", body=b'{"pad":"' + b"x" * 480 + b'"}'),
    "redirect": Fault("redirect", status=302),
}


def fault(mode: str | Fault, **changes: Any) -> Fault:
    """A preset by name (or a Fault) with fields changed: ``fault("503", headers=(("Retry-After", "7"),))``."""
    base = mode if isinstance(mode, Fault) else PRESETS[mode]
    return dataclasses.replace(base, **changes)


def wait_for(condition: Callable[[], object], timeout: float = 5.0, what: str = "condition") -> None:
    """Poll ``condition`` until it is true; fail the test after ``timeout`` seconds (never a bare sleep)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


@dataclasses.dataclass
class _Toxics:
    latency: float = 0.0  # seconds added to each chunk
    bandwidth: int | None = None  # bytes per second
    reset_after: int | None = None  # bytes per connection, then RST


class _Aborted(Exception):
    """The connection is closing: unwind the thread."""


class FaultProxy:
    """See the module docstring. Use as a context manager, or call ``stop()``."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._lock = threading.Lock()
        self._toxics = {"up": _Toxics(), "down": _Toxics()}
        self._blackhole = False
        self._slow_close = 0.0
        self._once: collections.deque[Fault] = collections.deque()
        self._always: Fault | None = None
        self.connections = self.requests = self.bytes_up = self.bytes_down = self.resets = 0
        self._live: set[_Connection] = set()
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True)
        self._acceptor.start()

    # ---- settings (thread-safe, take effect on live connections) ----
    def set_latency(self, ms: float, direction: str = "both") -> None:
        self._set(direction, latency=ms / 1000.0)

    def set_bandwidth(self, bytes_per_second: int | None, direction: str = "both") -> None:
        self._set(direction, bandwidth=bytes_per_second)

    def reset_after(self, budget: int | None, direction: str = "down") -> None:
        """RST the connection once ``budget`` bytes have passed in ``direction`` on it (None: never)."""
        self._set(direction, reset_after=budget)

    def set_blackhole(self, on: bool) -> None:
        """Swallow everything: connections that see a byte while this is on stay black holes for good."""
        with self._lock:
            self._blackhole = on

    def set_slow_close(self, ms: float) -> None:
        with self._lock:
            self._slow_close = ms / 1000.0

    def fail_next(self, n: int, mode: str | Fault, **changes: Any) -> None:
        """The next ``n`` requests meet this fault (queued after any one-shot faults already waiting)."""
        chosen = fault(mode, **changes)
        with self._lock:
            self._once.extend([chosen] * n)

    def fail_always(self, mode: str | Fault | None, **changes: Any) -> None:
        """Every request (after the one-shot ones) meets this fault; None stops it."""
        with self._lock:
            self._always = None if mode is None else fault(mode, **changes)

    def heal(self) -> None:
        """Remove every fault (connections already black-holed stay so)."""
        with self._lock:
            self._toxics = {"up": _Toxics(), "down": _Toxics()}
            self._blackhole, self._slow_close, self._always = False, 0.0, None
            self._once.clear()

    def pending_faults(self) -> int:
        with self._lock:
            return len(self._once)

    def _set(self, direction: str, **values: Any) -> None:
        names = ("up", "down") if direction == "both" else (direction,)
        with self._lock:
            for name in names:
                self._toxics[name] = dataclasses.replace(self._toxics[name], **values)

    def toxics(self, direction: str) -> _Toxics:
        with self._lock:
            return self._toxics[direction]

    def blackhole(self) -> bool:
        with self._lock:
            return self._blackhole

    def slow_close(self) -> float:
        with self._lock:
            return self._slow_close

    def take_fault(self) -> Fault | None:
        with self._lock:
            self.requests += 1
            return self._once.popleft() if self._once else self._always

    def count(self, name: str, n: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + n)

    # ---- lifecycle ----
    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            self.count("connections")
            conn = _Connection(self, client)
            with self._lock:
                self._live.add(conn)
            conn.start()

    def forget(self, conn: _Connection) -> None:
        with self._lock:
            self._live.discard(conn)

    def drop_connections(self) -> None:
        """Close every live connection gracefully, as a server ending idle keep-alive connections does."""
        with self._lock:
            live = list(self._live)
        for conn in live:
            conn.abort(reset=False)
        for conn in live:
            conn.join()

    def live_connections(self) -> int:
        with self._lock:
            return len(self._live)

    def stop(self) -> None:
        self._stopping.set()
        self._acceptor.join()
        self._listener.close()
        self.drop_connections()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Stream:
    """Buffered reads from one socket that give up when the connection closes; counts and black-holes."""

    def __init__(self, conn: _Connection, sock: socket.socket, counter: str | None) -> None:
        self.conn, self.sock, self.counter = conn, sock, counter
        self.buf = bytearray()

    def fill(self) -> bool:
        """Read more into the buffer; False at end of stream."""
        while True:
            if self.conn.closing.is_set():
                raise _Aborted
            try:
                data = self.sock.recv(_CHUNK)
            except TimeoutError:
                continue
            except OSError as exc:
                self.conn.abort(reset=True)
                raise _Aborted from exc
            if not data:
                return False
            if self.counter:
                self.conn.proxy.count(self.counter, len(data))
            if self.conn.blackholed or self.conn.proxy.blackhole():
                self.conn.blackholed = True
                continue
            self.buf += data
            return True

    def take(self, n: int | None = None) -> bytes:
        n = len(self.buf) if n is None else min(n, len(self.buf))
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def read_until(self, marker: bytes, limit: int = _MAX_HEAD) -> bytes | None:
        """Up to and including ``marker``; None at end of stream before it (or beyond ``limit``)."""
        while (end := self.buf.find(marker)) < 0:
            if len(self.buf) > limit or not self.fill():
                return None
        return self.take(end + len(marker))

    def body(self, length: int | None) -> Iterator[bytes]:
        """``length`` bytes (None: until end of stream) in pieces as they arrive."""
        left = length
        while left is None or left > 0:
            if not self.buf and not self.fill():
                return
            piece = self.take(left)
            if left is not None:
                left -= len(piece)
            yield piece


def _parse_head(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


class _Pipe:
    """The writer of one direction: a queue of items delivered with latency, bandwidth and the reset budget."""

    def __init__(self, conn: _Connection, direction: str) -> None:
        self.conn, self.direction = conn, direction
        self.sock: socket.socket | None = None
        self.items: queue.Queue[tuple[float, object]] = queue.Queue()
        self.sent = 0
        self._tokens, self._refilled = 0.0, time.monotonic()

    def put(self, item: object) -> None:
        self.items.put((time.monotonic(), item))

    def run(self) -> None:
        while not self.conn.closing.is_set():
            try:
                arrived, item = self.items.get(timeout=_POLL)
            except queue.Empty:
                continue
            if not self._deliver(arrived, item):
                return

    def _deliver(self, arrived: float, item: object) -> bool:
        conn, proxy = self.conn, self.conn.proxy
        if isinstance(item, bytes):
            delay = arrived + proxy.toxics(self.direction).latency - time.monotonic()
            return not (delay > 0 and conn.closing.wait(delay)) and self._send(item)
        if isinstance(item, float):
            return not conn.closing.wait(item)
        if item is _EOF or item is _CLOSE:
            if self.direction == "down" and conn.closing.wait(proxy.slow_close()):
                return False
            if item is _CLOSE:
                conn.abort(reset=False)
            else:
                assert self.sock is not None
                try:
                    self.sock.shutdown(socket.SHUT_WR)
                except OSError:
                    conn.abort(reset=True)
            return False
        assert isinstance(item, Iterator)
        return all(self._deliver(time.monotonic(), part) for part in item)

    def _send(self, data: bytes) -> bool:
        assert self.sock is not None
        view = memoryview(data)
        while view:
            toxics = self.conn.proxy.toxics(self.direction)
            n = len(view)
            if toxics.reset_after is not None:
                if self.sent >= toxics.reset_after:
                    self.conn.proxy.count("resets")
                    self.conn.abort(reset=True)
                    return False
                n = min(n, toxics.reset_after - self.sent)
            if toxics.bandwidth:
                n = min(n, max(1, toxics.bandwidth // 20))
                if not self._spend(n, toxics.bandwidth):
                    return False
            piece, view = view[:n], view[n:]
            while piece:
                try:
                    sent = self.sock.send(piece)
                except TimeoutError:
                    if self.conn.closing.is_set():
                        return False
                    continue
                except OSError:
                    self.conn.abort(reset=True)
                    return False
                self.sent += sent
                if self.direction == "down":
                    self.conn.proxy.count("bytes_down", sent)
                piece = piece[sent:]
        return True

    def _spend(self, n: int, rate: int) -> bool:
        """Token bucket (burst: a tenth of a second's worth): wait until ``n`` bytes may go."""
        now = time.monotonic()
        self._tokens = min(max(rate / 10, n), self._tokens + (now - self._refilled) * rate)
        self._refilled = now
        if self._tokens < n and self.conn.closing.wait((n - self._tokens) / rate):
            return False
        self._tokens -= n
        return True


class _Connection:
    """One client connection, its upstream connection and the four threads between them."""

    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        self.proxy, self.client = proxy, client
        self.upstream: socket.socket | None = None
        self.closing = threading.Event()
        self.reset = self.blackholed = False
        self.intercepts: collections.deque[tuple[Fault, str]] = collections.deque()
        self.up, self.down = _Pipe(self, "up"), _Pipe(self, "down")
        self._threads: list[threading.Thread] = []
        self._supervisor = threading.Thread(target=self._run, name="faultproxy-conn", daemon=True)

    def start(self) -> None:
        self._supervisor.start()

    def join(self) -> None:
        self._supervisor.join()

    def abort(self, *, reset: bool) -> None:
        self.reset = self.reset or reset
        self.closing.set()

    def _run(self) -> None:
        try:
            self.client.settimeout(_POLL)
            try:
                self.upstream = socket.create_connection(self.proxy.upstream, timeout=5)
            except OSError:
                self.reset = True
                return
            self.upstream.settimeout(_POLL)
            for sock in (self.client, self.upstream):  # a proxy must not add Nagle delays of its own
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.up.sock, self.down.sock = self.upstream, self.client
            targets = (self._client_to_upstream, self._upstream_to_client, self.up.run, self.down.run)
            self._threads = [threading.Thread(target=t, daemon=True) for t in targets]
            for thread in self._threads:
                thread.start()
            for thread in self._threads:
                thread.join()
        finally:
            for sock in (self.client, self.upstream):
                if sock is not None:
                    if self.reset:
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    sock.close()
            self.proxy.forget(self)

    def _client_to_upstream(self) -> None:
        stream = _Stream(self, self.client, "bytes_up")
        try:
            while (head := stream.read_until(b"\r\n\r\n")) is not None:
                request_line, headers = _parse_head(head)
                length = headers.get("content-length", "0")
                if "transfer-encoding" in headers or not length.isdigit():
                    self.up.put(head)  # not plain HTTP/1.1 with a sized body: relay the rest untouched
                    for piece in stream.body(None):
                        self.up.put(piece)
                    break
                chosen = self.proxy.take_fault()
                if chosen is not None and not chosen.after_commit:
                    for _ in stream.body(int(length)):
                        pass  # read the request (the client sends it all before it reads) and keep it
                    self.down.put(_reply(chosen, keep_alive=True))
                    continue
                if chosen is not None:
                    self.intercepts.append((chosen, request_line.split(" ")[0]))
                self.up.put(head)
                for piece in stream.body(int(length)):
                    self.up.put(piece)
            self.up.put(_EOF)
        except _Aborted:
            pass
        except ValueError:  # a request head we cannot frame
            self.abort(reset=True)

    def _upstream_to_client(self) -> None:
        assert self.upstream is not None
        stream = _Stream(self, self.upstream, None)
        try:
            while stream.buf or stream.fill():
                if not self.intercepts:
                    self.down.put(stream.take())
                    continue
                chosen, method = self.intercepts.popleft()
                upstream_closes = _discard_response(stream, method)
                self.down.put(_reply(chosen, keep_alive=not upstream_closes))
            self.down.put(_EOF)
        except _Aborted:
            pass
        except (ValueError, IndexError):  # an upstream reply we cannot frame
            self.abort(reset=True)


def _discard_response(stream: _Stream, method: str) -> bool:
    """Read one whole HTTP response and throw it away; True if the upstream will close the connection."""
    while True:
        head = stream.read_until(b"\r\n\r\n")
        if head is None:
            return True
        status_line, headers = _parse_head(head)
        status = int(status_line.split(" ")[1])
        if status >= 200 or status == 101:
            break
    closes = headers.get("connection", "").lower() == "close"
    if method == "HEAD" or status in (204, 304):
        return closes
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while (line := stream.read_until(b"\r\n")) is not None:
            size = int(line.split(b";")[0], 16)
            if size == 0:
                while stream.read_until(b"\r\n") not in (None, b"\r\n"):
                    pass
                return closes
            for _ in stream.body(size + 2):
                pass
        return True
    if "content-length" in headers:
        for _ in stream.body(int(headers["content-length"])):
            pass
        return closes
    for _ in stream.body(None):
        pass
    return True


def _head(status: int, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _reply(chosen: Fault, *, keep_alive: bool) -> Iterator[object]:
    """The writer items of a canned reply."""
    kind, tail = chosen.kind, [] if keep_alive else [_CLOSE]
    closing = [] if keep_alive else [("Connection", "close")]
    if kind == "drop":
        yield _CLOSE
    elif kind == "hang":
        return
    elif kind == "garbage":
        yield from (GARBAGE, _CLOSE)
    elif kind in ("status", "bad_json", "wrong_type", "redirect"):
        status, ctype, body = chosen.status, "application/json", chosen.body
        extra = list(chosen.headers)
        if kind == "bad_json":
            status, body = 200, b'{"receipts": ['
        elif kind == "wrong_type":
            status, ctype, body = 200, "text/html", b"<html>captive portal</html>"
        elif kind == "redirect":
            body, extra = b"", [*extra, ("Location", chosen.location)]
        yield _head(status, [("Content-Type", ctype), ("Content-Length", str(len(body))), *extra, *closing]) + body
        yield from tail
    elif kind in ("huge", "huge_unsized"):
        sized = [("Content-Length", str(chosen.size))] if kind == "huge" else [("Connection", "close")]
        yield _head(200, [("Content-Type", "application/json"), *sized])
        block = b'{"pad":"' + b"x" * (_CHUNK - 8)
        for _ in range(chosen.size // len(block)):
            yield block
        yield _CLOSE
    elif kind == "trickle":
        whole = _head(200, [("Content-Type", "application/json"), ("Content-Length", str(len(chosen.body)))])
        whole += chosen.body
        for i in range(len(whole)):  # the head too: a deadline must hold while headers trickle in
            yield whole[i:i + 1]
            yield chosen.interval
        yield _CLOSE
    else:
        raise ValueError(f"unknown fault kind {kind!r}")


class _JoiningServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread: nothing outlives the test
    block_on_close = True
    errors: list[BaseException]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Resets from the proxy are the point of these tests: keep them for inspection, print nothing."""
        error = sys.exc_info()[1]
        if error is not None:
            self.errors.append(error)


@dataclasses.dataclass(frozen=True)
class StubRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


StubReply = tuple[int, dict[str, str], bytes]


def default_reply(request: StubRequest) -> StubReply:
    """JSON 200s for the two inbox routes (echoing sizes), 404 for anything else."""
    if request.method == "POST" and request.path == "/v1/envelopes":
        return 200, {"Content-Type": "application/json"}, json.dumps({"received": len(request.body)}).encode()
    if request.method == "GET" and request.path.startswith("/v1/receipts/"):
        answer = {"receipt": {"message_id": request.path.rsplit("/", 1)[1]}}
        return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()
    return 404, {"Content-Type": "application/json"}, b'{"error":"not_found"}'


class StubServer:
    """A tiny keep-alive HTTP/1.1 server on 127.0.0.1 (http.server in a thread) answering with ``respond``.

    ``requests`` records every request it finished reading (a "commit"), ``connections`` counts TCP connections.
    """

    def __init__(self, respond: Callable[[StubRequest], StubReply] = default_reply, *,
                 tls: ssl.SSLContext | None = None) -> None:
        self.respond = respond
        self.requests: list[StubRequest] = []
        self.connections = 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 10  # an idle keep-alive connection left open by a broken test ends on its own

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                with stub._lock:
                    stub.connections += 1

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                request = StubRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with stub._lock:
                    stub.requests.append(request)
                status, headers, payload = stub.respond(request)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._lock = threading.Lock()
        self._server = _JoiningServer(("127.0.0.1", 0), Handler)
        self._server.errors = self.errors = []
        if tls is not None:  # the handshake happens on accept; a client that refuses it just goes away
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.address = ("127.0.0.1", self.port)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": _POLL},
                                        name="stub-http", daemon=True)
        self._thread.start()

    def commits(self) -> int:
        with self._lock:
            return len(self.requests)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> StubServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
