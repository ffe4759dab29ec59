"""`refusalkit serve` under clients that misbehave: many at once, slow ones, ones that hang
up, and HEAD. Each test runs its own server on 127.0.0.1 (loopback only), with bounded
loops and socket timeouts, so that a regression fails instead of hanging."""

from __future__ import annotations

import select
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from refusalkit.api import default_engine
from refusalkit.serve import make_server

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py
# shutdown() waits for the serving thread's next look at its flag: every 0.5 s by default
FAST_SHUTDOWN = {"poll_interval": 0.02}


@pytest.fixture
def server() -> Iterator[Any]:
    srv = make_server(default_engine(), "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=10)


def request(port: int, raw: bytes, timeout: float = 10) -> bytes:
    """Send `raw` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def get(port: int, method: str, path: str) -> bytes:
    return request(port, f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())


def split(response: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def test_fifty_clients_at_once_are_all_answered() -> None:
    # Fifty connections arrive while the server is busy (here: before it accepts any). The
    # standard library listens with a backlog of 5, so all but 6 of them were dropped.
    srv = make_server(default_engine(), "127.0.0.1", 0)
    clients = 50
    conns: list[socket.socket | BaseException] = [OSError("not tried")] * clients

    def connect(i: int) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            sock.sendall(f"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\n"
                         "Connection: close\r\n\r\n".encode())
            conns[i] = sock
        except OSError as exc:
            conns[i] = exc

    threads = [threading.Thread(target=connect, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    serving = threading.Thread(target=srv.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True)
    serving.start()
    answers: list[bytes | BaseException] = []
    try:
        for conn in conns:
            if isinstance(conn, BaseException):
                answers.append(conn)
                continue
            with conn:
                try:
                    answers.append(conn.recv(65536))
                except OSError as exc:
                    answers.append(exc)
    finally:
        srv.shutdown()
        srv.server_close()
        serving.join(timeout=10)
    failed = [a for a in answers if not isinstance(a, bytes) or not a.startswith(b"HTTP/1.1 204")]
    assert not failed, f"{len(failed)} of {clients} not answered: {failed[:3]}"


def test_head_sends_the_headers_of_get_and_no_body(server: Any) -> None:
    for path in ("/", "/static/app.js", "/api/options", "/no/such/page"):
        status, headers, body = split(get(server.port, "GET", path))
        head_status, head_headers, head_body = split(get(server.port, "HEAD", path))
        assert head_status == status, path
        assert head_body == b"", (path, head_body[:80])
        assert head_headers["content-length"] == str(len(body)) == headers["content-length"], path
        assert head_headers["content-type"] == headers["content-type"]
        assert "content-security-policy" in head_headers


def test_a_request_that_trickles_in_is_cut_off(server: Any) -> None:
    # A client sending one byte every half second never stays idle for the 30 s a single
    # read may wait; the whole request must still arrive within the server's limit.
    server.request_seconds = 1
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode())
        header = b"X-Slow: " + b"a" * 16  # 12 s of trickling: far longer than the limit
        answer = b""
        sent = 0
        for byte in header:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += 1
            readable, _, _ = select.select([sock], [], [], 0.5)
            if readable:
                try:
                    answer = sock.recv(65536)
                except ConnectionResetError:
                    answer = b""
                break
        # cut off well before the whole header was sent: 1 s of a 12 s trickle, and some slack
        assert sent < 12, f"still reading after {sent} bytes ({sent / 2:.0f} s)"
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]
    # the server still answers others
    assert split(get(server.port, "GET", "/favicon.ico"))[0] == 204


def test_a_body_that_trickles_in_is_cut_off_with_408(server: Any) -> None:
    server.request_seconds = 1
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST /api/draft HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 24\r\n\r\n".encode())
        answer = b""
        for _ in range(24):
            try:
                sock.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                break
            readable, _, _ = select.select([sock], [], [], 0.5)
            if readable:
                answer = sock.recv(65536)
                break
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert b"internal error" not in answer


def test_a_client_that_hangs_up_is_no_internal_error(server: Any, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    hung_up = threading.Event()
    finished = threading.Event()
    big = {"ok": True, "padding": "x" * (8 << 20)}  # far more than the socket buffers hold

    def slow_draft(request: Any) -> Any:
        hung_up.wait(timeout=10)
        return big

    original = server.shutdown_request

    def shutdown_request(request: Any) -> None:
        original(request)
        finished.set()

    monkeypatch.delenv("REFUSALKIT_DEBUG", raising=False)
    monkeypatch.setattr(server.app, "draft", slow_draft)
    monkeypatch.setattr(server, "shutdown_request", shutdown_request)
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(f"POST /api/draft HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                 "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".encode())
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    sock.close()
    hung_up.set()
    assert finished.wait(timeout=30), "the handler did not finish"
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    assert split(get(server.port, "GET", "/favicon.ico"))[0] == 204


def test_a_reset_before_the_request_line_is_no_traceback(server: Any, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    finished = threading.Event()
    original = server.shutdown_request

    def shutdown_request(request: Any) -> None:
        original(request)
        finished.set()

    monkeypatch.setattr(server, "shutdown_request", shutdown_request)
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(b"GET / HT")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    assert finished.wait(timeout=30), "the handler did not finish"
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err and "Exception" not in err, err
