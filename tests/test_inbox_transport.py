"""The inbox's listening socket: accepted connections must not wait on Nagle's algorithm.

A reply is written as headers then body; with Nagle on, the body waits for the client's delayed ACK (about
40 ms on Linux) on every request, which capped a whole sync at a few hundred messages per second."""

from __future__ import annotations

import asyncio
import socket

from tiaki.partner.serve import bind


def test_bound_socket_is_tcp_so_asyncio_turns_nagle_off_on_each_connection() -> None:
    listener = bind("127.0.0.1", 0)
    try:
        assert listener.proto == socket.IPPROTO_TCP
        port = listener.getsockname()[1]

        async def accept_one() -> int:
            accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

            def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                sock = writer.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                writer.close()

            server = await asyncio.start_server(on_connect, sock=listener)
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                try:
                    return await asyncio.wait_for(accepted, timeout=30)
                finally:
                    writer.close()
                    await writer.wait_closed()
            finally:
                server.close()
                await server.wait_closed()

        assert asyncio.run(accept_one()) != 0
    finally:
        listener.close()


def test_a_port_in_use_is_still_an_os_error_with_its_reason() -> None:
    first = bind("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        try:
            second = bind("127.0.0.1", port)
        except OSError as exc:
            assert exc.strerror
        else:
            second.close()
            raise AssertionError("a second bind to a port in use succeeded")
    finally:
        first.close()
