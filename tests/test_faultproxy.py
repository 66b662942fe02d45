"""The fault proxy itself, driven by stdlib clients against the stub HTTP server.

Timing checks assert lower bounds only (a fault that delays can never make things faster), never upper bounds.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import time
from collections.abc import Iterator

import pytest

from faultproxy import GARBAGE, FaultProxy, StubReply, StubRequest, StubServer, default_reply, wait_for


@pytest.fixture
def client(proxy: FaultProxy) -> Iterator[http.client.HTTPConnection]:
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
    yield conn
    conn.close()


def _post(conn: http.client.HTTPConnection, body: bytes = b"envelope") -> tuple[int, dict[str, str], bytes]:
    conn.request("POST", "/v1/envelopes", body=body, headers={"Content-Type": "application/octet-stream"})
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def _raw_get(proxy: FaultProxy, path: str = "/v1/receipts/m1", timeout: float = 5) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=timeout)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    return sock


def _read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_passes_traffic_through_and_counts_it(stub: StubServer, proxy: FaultProxy,
                                              client: http.client.HTTPConnection) -> None:
    body = bytes(range(256)) * 4096  # 1 MiB, every byte value
    status, _, reply = _post(client, body)
    assert status == 200 and json.loads(reply) == {"received": len(body)}
    assert stub.requests[0].body == body
    status, _, reply = _post(client)
    assert status == 200
    assert (proxy.connections, stub.connections, proxy.requests, stub.commits()) == (1, 1, 2, 2)
    assert proxy.bytes_up > len(body) + len(b"envelope")
    wait_for(lambda: proxy.bytes_down > 2 * len(b'{"received": 8}'), what="bytes down counted")


def test_500_before_commit_never_reaches_upstream(stub: StubServer, proxy: FaultProxy,
                                                  client: http.client.HTTPConnection) -> None:
    proxy.fail_next(1, "500_before")
    status, _, reply = _post(client, b"x" * 300_000)
    assert status == 500 and json.loads(reply) == {"error": "injected"}
    assert stub.commits() == 0
    # The connection stays usable and the next request goes through.
    assert _post(client)[0] == 200
    assert (stub.commits(), proxy.connections, proxy.pending_faults()) == (1, 1, 0)


def test_500_after_commit_reaches_upstream_then_lies(stub: StubServer, proxy: FaultProxy,
                                                     client: http.client.HTTPConnection) -> None:
    proxy.fail_next(1, "500_after")
    status, _, reply = _post(client)
    assert status == 500 and reply == b'{"error":"injected"}'
    assert stub.commits() == 1
    assert _post(client)[0] == 200
    assert (stub.commits(), proxy.connections) == (2, 1)


def test_reply_after_commit_is_framed_even_when_chunked(proxy: FaultProxy, stub: StubServer,
                                                        client: http.client.HTTPConnection) -> None:
    """The proxy must find the end of a chunked upstream reply to keep the keep-alive connection in step."""
    chunked = b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
    stub.respond = lambda request: (200, {"Transfer-Encoding": "chunked", "Content-Type": "text/plain"}, chunked)
    proxy.fail_next(1, "503", after_commit=True)
    status, headers, _ = _post(client)
    assert status == 503 and headers["Retry-After"] == "1"
    status, _, reply = _post(client)
    assert (status, reply) == (200, b"hello world")
    assert (stub.commits(), proxy.connections) == (2, 1)


def test_lost_reply_drops_the_client_after_the_commit(stub: StubServer, proxy: FaultProxy,
                                                      client: http.client.HTTPConnection) -> None:
    proxy.fail_next(1, "lost_reply")
    with pytest.raises(http.client.RemoteDisconnected):
        _post(client)
    assert stub.commits() == 1
    client.close()
    assert _post(client)[0] == 200
    assert proxy.connections == 2


def test_one_shot_and_every_time_faults(stub: StubServer, proxy: FaultProxy,
                                        client: http.client.HTTPConnection) -> None:
    proxy.fail_next(2, "500_before", status=429)
    proxy.fail_always("500_before", status=502)
    assert [_post(client)[0] for _ in range(4)] == [429, 429, 502, 502]
    proxy.fail_always(None)
    assert _post(client)[0] == 200
    proxy.fail_always("503")
    proxy.heal()
    assert _post(client)[0] == 200
    assert stub.commits() == 2


def test_reset_after_a_byte_budget_sends_rst_mid_body(stub: StubServer, proxy: FaultProxy) -> None:
    stub.respond = lambda request: (200, {"Content-Type": "application/json"}, b" " * 1_000_000)
    proxy.reset_after(200_000, "down")
    received = 0
    with _raw_get(proxy) as sock, pytest.raises(ConnectionResetError):
        while chunk := sock.recv(65536):
            received += len(chunk)
    assert received <= 200_000
    assert proxy.bytes_down == 200_000 and proxy.resets == 1
    wait_for(lambda: proxy.live_connections() == 0, what="the reset connection to be gone")


def test_reset_on_upload_stops_the_request_before_upstream_commits(stub: StubServer, proxy: FaultProxy,
                                                                   client: http.client.HTTPConnection) -> None:
    proxy.reset_after(100_000, "up")
    with pytest.raises((ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected)):
        _post(client, b"y" * 2_000_000)
    assert stub.commits() == 0 and proxy.resets == 1


def test_black_hole_reads_and_never_answers(stub: StubServer, proxy: FaultProxy) -> None:
    proxy.set_blackhole(True)
    with _raw_get(proxy, timeout=0.3) as sock, pytest.raises(TimeoutError):
        sock.recv(1)
    wait_for(lambda: proxy.bytes_up > 0, what="the request to be read")
    assert stub.commits() == 0
    proxy.set_blackhole(False)
    with _raw_get(proxy) as sock:  # a new connection works again
        assert sock.recv(12) == b"HTTP/1.1 200"


def test_black_hole_then_healed_connection_serves(stub: StubServer, proxy: FaultProxy,
                                                  client: http.client.HTTPConnection) -> None:
    proxy.set_blackhole(True)
    proxy.set_blackhole(False)
    assert _post(client)[0] == 200


def test_hang_reads_the_request_and_never_answers(stub: StubServer, proxy: FaultProxy) -> None:
    proxy.fail_next(1, "hang")
    with _raw_get(proxy, timeout=0.3) as sock, pytest.raises(TimeoutError):
        sock.recv(1)
    assert stub.commits() == 0 and proxy.requests == 1


def test_latency_delays_each_direction(proxy: FaultProxy, client: http.client.HTTPConnection) -> None:
    proxy.set_latency(150, "up")
    proxy.set_latency(150, "down")
    started = time.monotonic()
    assert _post(client)[0] == 200
    assert time.monotonic() - started >= 0.3


def test_bandwidth_limit_paces_the_body(stub: StubServer, proxy: FaultProxy) -> None:
    stub.respond = lambda request: (200, {"Content-Type": "application/json"}, b" " * 100_000)
    proxy.set_bandwidth(200_000, "down")
    started = time.monotonic()
    with _raw_get(proxy) as sock:
        data = b""
        while len(data) < 100_000:
            data += sock.recv(65536)
    # A burst of 20 kB (0.1 s worth) may pass at once; the other 80 kB take at least 0.4 s.
    assert time.monotonic() - started >= 0.39


def test_slow_close_delays_the_fin(stub: StubServer, proxy: FaultProxy) -> None:
    stub.respond = lambda request: (200, {"Connection": "close", "Content-Type": "application/json"}, b"{}")
    proxy.set_slow_close(250)
    with _raw_get(proxy) as sock:
        started = time.monotonic()
        reply = _read_all(sock)
        assert reply.startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started >= 0.25


@pytest.mark.parametrize("after", [False, True])
def test_garbage_reply(stub: StubServer, proxy: FaultProxy, after: bool) -> None:
    proxy.fail_next(1, "garbage", after_commit=after)
    with _raw_get(proxy) as sock:
        assert _read_all(sock) == GARBAGE
    assert stub.commits() == (1 if after else 0)


def test_garbage_breaks_a_stdlib_client(proxy: FaultProxy, client: http.client.HTTPConnection) -> None:
    proxy.fail_next(1, "garbage")
    with pytest.raises(http.client.BadStatusLine):
        _post(client)


@pytest.mark.parametrize(("mode", "status", "ctype", "body"), [
    ("bad_json", 200, "application/json", b'{"receipts": ['),
    ("wrong_type", 200, "text/html", b"<html>captive portal</html>"),
    ("redirect", 302, "application/json", b""),
])
def test_hostile_replies_keep_the_connection(proxy: FaultProxy, client: http.client.HTTPConnection, mode: str,
                                             status: int, ctype: str, body: bytes) -> None:
    proxy.fail_next(1, mode)
    got_status, headers, reply = _post(client)
    assert (got_status, headers["Content-Type"], reply) == (status, ctype, body)
    if mode == "redirect":
        assert headers["Location"] == "http://elsewhere.invalid/v1/envelopes"
    assert _post(client)[0] == 200
    assert proxy.connections == 1


@pytest.mark.parametrize("mode", ["huge", "huge_unsized"])
def test_huge_reply_streams_until_the_client_gives_up(proxy: FaultProxy, client: http.client.HTTPConnection,
                                                      mode: str) -> None:
    proxy.fail_next(1, mode)
    client.request("POST", "/v1/envelopes", body=b"x")
    response = client.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Length") == ("67108864" if mode == "huge" else None)
    assert len(response.read(5_000_000)) == 5_000_000
    response.close()
    client.close()
    wait_for(lambda: proxy.live_connections() == 0, what="the proxy to notice the client left")
    assert proxy.bytes_down < 64 * 1024 * 1024


def test_trickle_delivers_a_whole_reply_byte_by_byte(proxy: FaultProxy, client: http.client.HTTPConnection) -> None:
    proxy.fail_next(1, "trickle", interval=0.0, body=b'{"ok": true}')
    status, _, reply = _post(client)
    assert (status, json.loads(reply)) == (200, {"ok": True})


def test_upstream_down_resets_the_client(stub: StubServer) -> None:
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        dead = spare.getsockname()
    with FaultProxy(dead) as proxy:
        # The RST can beat connect() to reading the socket's status, so it may surface there already.
        with pytest.raises(ConnectionResetError), _raw_get(proxy) as sock:
            _read_all(sock)
        assert proxy.connections == 1


def test_stop_ends_live_connections(stub: StubServer) -> None:
    proxy = FaultProxy(stub.address)
    with _raw_get(proxy) as sock:
        wait_for(lambda: proxy.bytes_down > 0, what="the reply to start")
        proxy.stop()
        assert proxy.live_connections() == 0
        assert _read_all(sock).startswith(b"HTTP/1.")


def test_settings_change_while_traffic_flows(stub: StubServer, proxy: FaultProxy,
                                             client: http.client.HTTPConnection) -> None:
    digests = []

    def respond(request: StubRequest) -> StubReply:
        digests.append(hashlib.sha256(request.body).hexdigest())
        return default_reply(request)

    stub.respond = respond
    for i in range(20):
        proxy.set_latency(i % 3, "both")
        proxy.set_bandwidth(None if i % 2 else 10_000_000)
        assert _post(client, bytes([i]) * 5000)[0] == 200
    assert digests == [hashlib.sha256(bytes([i]) * 5000).hexdigest() for i in range(20)]
    assert proxy.connections == 1
