"""The inbox HTTP client against a real stdlib server on 127.0.0.1, directly and through the fault proxy."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from faultproxy import FaultProxy, StubReply, StubServer, wait_for
from tiaki.sync import transport
from tiaki.sync.transport import InboxClient, TransportError, classify, parse_retry_after

MESSAGE_ID = "0b9d6c3e-8a53-4c8e-9a51-3f0f7d1c2b6a"
SENDER = "0123456789abcdef0123456789abcdef"
SECRET = b"TE-REO-PAYLOAD-MARKER"


def _client(url: str, **kwargs: float) -> InboxClient:
    kwargs.setdefault("connect_timeout", 2)
    kwargs.setdefault("stall_timeout", 2)
    kwargs.setdefault("deadline", 5)
    return InboxClient(url, **kwargs)


def _fails(client: InboxClient, code: str, body: bytes = SECRET * 10) -> TransportError:
    with pytest.raises(TransportError) as caught:
        client.post_envelope(body)
    assert caught.value.code == code, str(caught.value)
    assert "PAYLOAD" not in str(caught.value) and "PAYLOAD" not in repr(caught.value)
    return caught.value


def _json_reply(status: int, body: bytes, ctype: str = "application/json", **headers: str) -> StubReply:
    return status, {"Content-Type": ctype, **headers}, body


# ---- the happy path ----

def test_posts_an_envelope_and_parses_the_reply(stub: StubServer) -> None:
    data = bytes(range(256)) * 1000
    with _client(stub.url) as client:
        reply = client.post_envelope(data)
    assert reply.status == 200 and reply.json == {"received": len(data)} and reply.retry_after is None
    request = stub.requests[0]
    assert (request.method, request.path, request.body) == ("POST", "/v1/envelopes", data)
    assert request.headers["content-type"] == "application/vnd.tiaki.envelope"
    assert request.headers["user-agent"] == "tiaki-sync/1"
    assert reply.bytes_sent > len(data) and reply.bytes_received > len(b'{"received": 256000}')


def test_asks_for_a_receipt_with_proof_of_sender(stub: StubServer) -> None:
    with _client(stub.url + "/inbox/") as client:
        reply = client.get_receipt(MESSAGE_ID, SENDER, "c2lnbmF0dXJl")
    assert reply.status == 404 and reply.json == {"error": "not_found"}  # the stub serves no /inbox prefix
    request = stub.requests[0]
    assert (request.method, request.path) == ("GET", f"/inbox/v1/receipts/{MESSAGE_ID}")
    assert request.headers["x-tiaki-sender"] == SENDER and request.headers["x-tiaki-signature"] == "c2lnbmF0dXJl"
    with _client(stub.url) as client:
        assert client.get_receipt(MESSAGE_ID, SENDER, "c2ln").json == {"receipt": {"message_id": MESSAGE_ID}}


def test_bytes_counted_match_the_wire(proxy: FaultProxy) -> None:
    with _client(proxy.url) as client:
        first = client.post_envelope(b"a" * 70_000)
        second = client.get_receipt(MESSAGE_ID, SENDER, "c2ln")
    wait_for(lambda: proxy.bytes_down == first.bytes_received + second.bytes_received, what="bytes to match")
    assert proxy.bytes_up == first.bytes_sent + second.bytes_sent


# ---- one connection, reused ----

def test_one_keep_alive_connection_for_many_requests(stub: StubServer, proxy: FaultProxy) -> None:
    with _client(proxy.url) as client:
        for _ in range(10):
            assert client.post_envelope(b"e").status == 200
        assert client.connections_opened == 1
    assert (proxy.connections, stub.connections, stub.commits()) == (1, 1, 10)


def test_reconnects_after_a_failure(stub: StubServer, proxy: FaultProxy) -> None:
    with _client(proxy.url) as client:
        assert client.post_envelope(b"e").status == 200
        proxy.fail_next(1, "lost_reply")
        _fails(client, "reset")
        assert client.post_envelope(b"e").status == 200
        assert client.connections_opened == 2
    assert stub.commits() == 3  # the lost reply's request did arrive


def test_a_connection_the_server_closed_is_replaced_without_an_error(proxy: FaultProxy) -> None:
    with _client(proxy.url) as client:
        assert client.post_envelope(b"e").status == 200
        proxy.drop_connections()
        wait_for(lambda: proxy.live_connections() == 0, what="the connection to close")
        assert client.post_envelope(b"e").status == 200
        assert client.connections_opened == 2


def test_an_idle_connection_is_not_reused(proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "IDLE_REUSE_SECONDS", 0.0)
    with _client(proxy.url) as client:
        for _ in range(3):
            assert client.post_envelope(b"e").status == 200
        assert client.connections_opened == 3


def test_connection_close_from_the_server_is_honoured(stub: StubServer) -> None:
    stub.respond = lambda request: _json_reply(200, b"{}", Connection="close")
    with _client(stub.url) as client:
        client.post_envelope(b"e")
        client.post_envelope(b"e")
        assert client.connections_opened == 2


# ---- timeouts ----

def test_black_hole_times_out(stub: StubServer, proxy: FaultProxy) -> None:
    proxy.set_blackhole(True)
    with _client(proxy.url, stall_timeout=0.2, deadline=5) as client:
        _fails(client, "timeout")
    assert stub.commits() == 0


def test_hanging_request_times_out(proxy: FaultProxy) -> None:
    proxy.fail_next(1, "hang")
    with _client(proxy.url, stall_timeout=0.2) as client:
        _fails(client, "timeout")
        assert client.post_envelope(b"e").status == 200  # and the next request is fine


def test_the_deadline_holds_while_bytes_keep_trickling(proxy: FaultProxy) -> None:
    """Every byte arrives well within the stall timeout; only the overall deadline can stop this reply
    (which would otherwise take over ten seconds, headers included)."""
    proxy.fail_next(1, "trickle", interval=0.02)
    with _client(proxy.url, stall_timeout=2, deadline=0.3) as client:
        _fails(client, "timeout")
    wait_for(lambda: proxy.live_connections() == 0, what="the proxy to see the client leave")
    assert proxy.bytes_down < 200


def test_a_trickle_within_the_deadline_is_fine(proxy: FaultProxy) -> None:
    proxy.fail_next(1, "trickle", interval=0.0, body=b'{"ok": true}')
    with _client(proxy.url, stall_timeout=0.5) as client:
        assert client.post_envelope(b"e").json == {"ok": True}


def test_latency_below_the_timeouts_is_only_slower(proxy: FaultProxy) -> None:
    proxy.set_latency(20)
    proxy.set_bandwidth(2_000_000)
    with _client(proxy.url) as client:
        assert client.post_envelope(b"z" * 300_000).json == {"received": 300_000}


def test_connect_failure() -> None:
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    with _client(f"http://127.0.0.1:{port}") as client:
        _fails(client, "connect_failed")


# ---- broken and hostile replies ----

def test_reset_mid_reply(stub: StubServer, proxy: FaultProxy) -> None:
    stub.respond = lambda request: _json_reply(200, b'{"pad": "' + b"p" * 1_000_000 + b'"}')
    proxy.reset_after(200_000, "down")
    with _client(proxy.url) as client:
        _fails(client, "reset")


def test_reset_mid_upload(stub: StubServer, proxy: FaultProxy) -> None:
    proxy.reset_after(100_000, "up")
    with _client(proxy.url) as client:
        _fails(client, "reset", SECRET * 200_000)
    assert stub.commits() == 0


@pytest.mark.parametrize(("mode", "code"), [
    ("garbage", "bad_reply"), ("bad_json", "bad_reply"), ("wrong_type", "bad_reply"),
    ("huge", "reply_too_large"), ("huge_unsized", "reply_too_large"), ("redirect", "redirect"),
])
def test_hostile_replies(proxy: FaultProxy, mode: str, code: str) -> None:
    proxy.fail_next(1, mode)
    with _client(proxy.url) as client:
        _fails(client, code)
        assert client.post_envelope(b"e").status == 200
    wait_for(lambda: proxy.live_connections() == 0, what="connections to end")
    # A huge reply (64 MiB) is abandoned, not read to its end. The proxy's counter includes what the kernel's
    # socket buffers took before the client hung up, which on a loaded machine can be several MiB past the
    # client's 4 MiB cap, so the bound is "far from the end", not a tight figure.
    assert proxy.bytes_down < 32 * 1024 * 1024


def test_reply_size_cap_is_exact(stub: StubServer) -> None:
    body = b'{"pad": "' + b"p" * 989 + b'"}'
    assert len(body) == 1000
    stub.respond = lambda request: _json_reply(200, body)
    with InboxClient(stub.url, max_reply_bytes=1000) as client:
        assert client.post_envelope(b"e").status == 200
    with InboxClient(stub.url, max_reply_bytes=999) as client:
        _fails(client, "reply_too_large")
    stub.respond = lambda request: (200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                                    b"3e8\r\n" + body + b"\r\n0\r\n\r\n")
    with InboxClient(stub.url, max_reply_bytes=999) as client:
        _fails(client, "reply_too_large")


@pytest.mark.parametrize("body", [
    b'{"a": 1, "a": 2}', b'{"a": NaN}', b'{"a": Infinity}', b"[1, 2]", b'"text"', b"\xff\xfe{}",
    b'\xef\xbb\xbf{"a": 1}', b"{} {}", b"", b"[" * 100_000,
])
def test_json_is_parsed_strictly(stub: StubServer, body: bytes) -> None:
    stub.respond = lambda request: _json_reply(200, body)
    with _client(stub.url) as client:
        _fails(client, "bad_reply")


@pytest.mark.parametrize(("ctype", "ok"), [
    ("application/json", True), ("application/json; charset=utf-8", True), ("Application/JSON;charset=UTF-8", True),
    ("application/problem+json", True), ("application/json; charset=latin-1", False), ("text/json", False),
    ("text/plain", False), ("", False),
])
def test_content_type_must_be_json(stub: StubServer, ctype: str, ok: bool) -> None:
    stub.respond = lambda request: _json_reply(200, b'{"x": 1}', ctype)
    with _client(stub.url) as client:
        if ok:
            assert client.post_envelope(b"e").json == {"x": 1}
        else:
            _fails(client, "bad_reply")


def test_error_statuses_are_replies_not_errors(stub: StubServer, proxy: FaultProxy) -> None:
    proxy.fail_next(1, "500_before")
    proxy.fail_next(1, "503", headers=(("Retry-After", "7"),))
    with _client(proxy.url) as client:
        first, second = client.post_envelope(b"e"), client.post_envelope(b"e")
    assert (first.status, first.json, classify(first.status)) == (500, {"error": "injected"}, "retry")
    assert (second.status, second.retry_after, classify(second.status)) == (503, 7.0, "retry")
    stub.respond = lambda request: _json_reply(502, b"<html>bad gateway</html>", "text/html")
    with _client(stub.url) as client:
        reply = client.post_envelope(b"e")
    assert (reply.status, reply.json, reply.retry_after, classify(reply.status)) == (502, None, None, "retry")


def test_retry_after_as_an_http_date(stub: StubServer) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=90)
    stamp = later.strftime("%a, %d %b %Y %H:%M:%S GMT")
    stub.respond = lambda request: _json_reply(429, b'{"error": "slow_down"}', **{"Retry-After": stamp})
    with _client(stub.url) as client:
        reply = client.post_envelope(b"e")
    assert reply.status == 429 and reply.retry_after is not None and 0 < reply.retry_after <= 90


def test_the_inbox_refusing_early_still_counts_as_its_answer() -> None:
    """An inbox may answer 413 from the Content-Length alone and close while the body is still going out."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def refuse() -> None:
        conn, _ = listener.accept()
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                head += conn.recv(4096)
            body = b'{"error": "too_large"}'
            conn.sendall(b"HTTP/1.1 413 Content Too Large\r\nContent-Type: application/json\r\n"
                         b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        # Closed with the body unread: the client's next sends meet a reset, and its reply is still readable.

    server = threading.Thread(target=refuse)
    server.start()
    try:
        with _client(f"http://127.0.0.1:{port}") as client:
            reply = client.post_envelope(b"x" * 8_000_000)
        assert (reply.status, reply.json, classify(reply.status)) == (413, {"error": "too_large"}, "park")
    finally:
        server.join()
        listener.close()


# ---- TLS ----

def _certificate(tmp: Path, names: list[str]) -> tuple[Path, Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = dt.datetime.now(dt.UTC)
    alt: list[x509.GeneralName] = []
    for name in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    pem = cert.public_bytes(serialization.Encoding.PEM)
    (tmp / "cert.pem").write_bytes(pem)
    (tmp / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()))
    return tmp / "cert.pem", tmp / "key.pem", pem


def _tls_stub(tmp: Path, names: list[str]) -> tuple[StubServer, bytes]:
    cert, key, pem = _certificate(tmp, names)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return StubServer(tls=context), pem


def test_https_verifies_certificates(tmp_path: Path) -> None:
    server, pem = _tls_stub(tmp_path, ["127.0.0.1"])
    with server:
        url = f"https://127.0.0.1:{server.port}"
        with _client(url) as client:  # the system trust store does not know this certificate
            _fails(client, "tls")
        trusting = ssl.create_default_context(cadata=pem.decode())
        with InboxClient(url, ssl_context=trusting, deadline=5) as client:
            assert client.post_envelope(b"e").json == {"received": 1}
            assert client.post_envelope(b"e").status == 200
            assert client.connections_opened == 1
    assert server.commits() == 2


def test_https_to_a_plain_http_server_fails_as_tls(stub: StubServer) -> None:
    with _client(f"https://127.0.0.1:{stub.port}") as client:
        _fails(client, "tls")
    assert stub.commits() == 0


def test_https_handshake_to_a_black_hole_times_out(proxy: FaultProxy) -> None:
    proxy.set_blackhole(True)
    with _client(f"https://127.0.0.1:{proxy.port}", connect_timeout=0.2) as client:
        _fails(client, "timeout")


def test_https_checks_the_host_name(tmp_path: Path) -> None:
    server, pem = _tls_stub(tmp_path, ["inbox.example.org"])
    with server, InboxClient(f"https://127.0.0.1:{server.port}", deadline=5,
                             ssl_context=ssl.create_default_context(cadata=pem.decode())) as client:
        _fails(client, "tls")
    assert server.commits() == 0


# ---- arguments, helpers ----

@pytest.mark.parametrize("url", [
    "ftp://inbox.example.org", "https://", "https://user:pw@inbox.example.org", "https://inbox.example.org/?q=1",
    "https://inbox.example.org/#top", "https://inbox.example.org:99999", "https://māori.example.org",
    "https://inbox.example.org/a b",
])
def test_bad_inbox_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        InboxClient(url)


def test_bad_arguments_are_refused(stub: StubServer) -> None:
    with _client(stub.url) as client:
        with pytest.raises(ValueError):
            client.post_envelope(b"")
        for message_id, sender, signature in [("../admin", SENDER, "c2ln"), (MESSAGE_ID, "ABC", "c2ln"),
                                              (MESSAGE_ID, SENDER, "a\r\nX-Evil: 1")]:
            with pytest.raises(ValueError):
                client.get_receipt(message_id, sender, signature)
    assert stub.commits() == 0
    with pytest.raises(ValueError):
        InboxClient(stub.url, deadline=0)


@pytest.mark.parametrize(("status", "outcome"), [
    (200, "ok"), (204, "ok"), (299, "ok"), (408, "retry"), (409, "retry"), (429, "retry"), (500, "retry"),
    (503, "retry"), (599, "retry"), (400, "park"), (403, "park"), (404, "park"), (413, "park"), (421, "park"),
    (302, "retry"), (100, "retry"), (600, "retry"),
])
def test_classify(status: int, outcome: str) -> None:
    assert classify(status) == outcome


NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(("value", "seconds"), [
    (None, None), ("120", 120.0), (" 5 ", 5.0), ("0", 0.0), ("99999999999999", 3600.0), ("7200", 3600.0),
    ("Wed, 25 Nov 2026 09:30:30 GMT", 30.0), ("Wed, 25 Nov 2026 09:29:00 GMT", 0.0),
    ("Wednesday, 25-Nov-26 09:31:00 GMT", 60.0), ("-1", None), ("1.5", None), ("soon", None), ("", None),
    ("٣", None),
])
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


def test_reply_json_round_trip_is_plain_data(stub: StubServer) -> None:
    payload = {"envelope_id": "e", "receipts": [{"message_id": "m", "status": "accepted"}]}
    stub.respond = lambda request: _json_reply(200, json.dumps(payload).encode())
    with _client(stub.url) as client:
        assert client.post_envelope(b"e").json == payload

