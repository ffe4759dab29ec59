"""The HTTP plumbing of `refusalkit serve`: the server, its request handler and the rules every
request meets, whatever it asks for.

Security, since any web page the user visits can send requests to a port on 127.0.0.1: a
Host header other than the served host is refused (DNS rebinding), so is a POST from a
foreign Origin (cross-site requests), request bodies are capped, a request must arrive whole
within REQUEST_SECONDS of its first byte, and every response carries a strict Content-
Security-Policy. The letter preview is served with a policy of its own (`sandbox`, no
script) into a sandboxed frame. A client that hangs up is nobody to answer, not an error.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import re
import socket
import sys
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .jsonapi import ClientError
from .page import STATIC

if TYPE_CHECKING:
    from .app import App

MAX_BODY = 64 * 1024
# A whole request (line, headers, body) must arrive within this many seconds of its first
# byte, however slowly it trickles in; each single read may wait IDLE_SECONDS.
REQUEST_SECONDS = 10
IDLE_SECONDS = 30
FILES = MappingProxyType({
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
})
# The page: scripts, styles and frames from this server only; no inline script or style, except
# the letter's own style attributes by hash (see letter_style_hashes).
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr {styles}; "
            "connect-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; "
            "object-src 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'")
# The letter in the preview frame: its own inline styles, nothing else, and sandboxed even if opened
# directly. No script may run in it; it keeps its origin only so that the page can size the frame
# to the whole letter.
LETTER_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin")
_LETTER_PATH = re.compile(r"/letter/([A-Za-z0-9_-]{16,64})\.(html|eml)")


def letter_style_hashes(letter_html: str) -> str:
    """CSP hashes of the style attributes in a letter's HTML.

    Chromium parses the text/html of a clipboard write in the page's own document, so the
    page's policy must allow exactly these attributes, or the console fills with violations.

    >>> letter_style_hashes('<p style="margin:0">')
    "'sha256-q3nqK4VzeI/SowYCYQ/tCfo056B/JMutuSpzbJbHczk='"
    """
    import base64
    import hashlib

    values = sorted(set(re.findall(r'style="([^"]*)"', letter_html)))
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(v.encode()).digest()).decode()}'" for v in values)


def is_loopback(host: str) -> bool:
    """
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The standard library listens with a backlog of 5: a page loading its assets while
    # another tab polls, or a burst of 50 connections, found the queue full and was dropped.
    request_queue_size = 128
    request_seconds: float = REQUEST_SECONDS
    app: App
    allowed_hosts: frozenset[str]
    any_ip_literal: bool  # bound to every interface: accept any IP address (an IP cannot be rebound)

    def __init__(self, host: str, port: int, app: App) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        self.app = app
        self.host = host
        self.port = self.server_address[1]
        wildcard = host in ("0.0.0.0", "::", "")
        names = {_host_port(host, self.port)}
        if is_loopback(host):
            names |= {f"localhost:{self.port}", f"127.0.0.1:{self.port}"}
        if wildcard:
            names |= {f"{n}:{self.port}" for n in (socket.gethostname(), socket.getfqdn(), "localhost") if n}
        if self.port == 80:  # a browser leaves the default port out of Host
            names |= {n.rpartition(":")[0] for n in names}
        self.allowed_hosts = frozenset(n.lower() for n in names)
        self.any_ip_literal = wildcard

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else "::1" if self.host == "::" else self.host
        return f"http://{_host_port(host, self.port)}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """An exception outside a route (reading the request line or headers): a client that
        hung up or stalled is nothing to report; anything else is one line, never a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        if os.environ.get("REFUSALKIT_DEBUG"):
            super().handle_error(request, client_address)
            return
        print(f"refusalkit: error: internal error ({type(exc).__name__}) while reading a request: "
              "please report it; REFUSALKIT_DEBUG=1 shows the traceback", file=sys.stderr)

    def host_allowed(self, value: str | None) -> bool:
        if not value:
            return False
        value = value.strip().lower()
        if value in self.allowed_hosts:
            return True
        if self.any_ip_literal:
            host, _, port = value.rpartition(":")
            try:
                ipaddress.ip_address(host.strip("[]"))
            except ValueError:
                return False
            return port == str(self.port)
        return False


class _TooSlow(TimeoutError):
    """The request did not arrive whole within the server's request_seconds."""


class _RequestReader(io.RawIOBase):
    """The connection as the handler reads it: each read waits at most `idle` seconds, and a
    request must arrive whole within `limit` seconds of its first byte (a client trickling a
    byte at a time is never idle long, and would otherwise hold a thread for ever)."""

    def __init__(self, sock: socket.socket, idle: float, limit: float) -> None:
        self.sock, self.idle, self.limit = sock, idle, limit
        self.deadline: float | None = None  # None: waiting for the first byte of a request

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wait = self.idle
        if self.deadline is not None:
            wait = min(wait, self.deadline - time.monotonic())
            if wait <= 0:
                raise _TooSlow("the request took too long to arrive")
        self.sock.settimeout(wait)
        try:
            count = self.sock.recv_into(buffer)
        except TimeoutError:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                raise _TooSlow("the request took too long to arrive") from None
            raise
        finally:
            self.sock.settimeout(self.idle)  # writes keep the idle timeout
        if self.deadline is None and count:
            self.deadline = time.monotonic() + self.limit
        return count


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # a client that stops sending does not keep a thread forever

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the standard reader, replaced by one that keeps the time
        self._reader = _RequestReader(self.connection, self.timeout, self.server.request_seconds)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        self._reader.deadline = None  # each request's time starts with its first byte
        super().handle_one_request()

    def version_string(self) -> str:
        return "refusalkit"

    # -- responses

    def _send(self, status: int, body: bytes, ctype: str, headers: Mapping[str, str] | None = None,
              letter: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", LETTER_CSP if letter else self.server.app.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Frame-Options", "SAMEORIGIN" if letter else "DENY")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: Mapping[str, str] | None = None) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                   headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every error: the status and one short line of plain text, never a page or a traceback."""
        text = message or self.responses.get(code, ("error",))[0]
        if code >= 400 and code != 404:
            self.close_connection = True
        headers = {"Allow": "GET, HEAD, POST"} if code in (405, 501) else None
        try:
            self._send(code, (text + "\n").encode("utf-8", "replace"), "text/plain; charset=utf-8", headers)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no request log: URLs and bodies hold client names

    def log_error(self, format: str, *args: Any) -> None:
        pass

    # -- methods

    def do_GET(self) -> None:
        self._handle(self._get)

    def do_HEAD(self) -> None:
        self._handle(self._get)  # _send leaves the body out

    def do_POST(self) -> None:
        self._handle(self._post)

    def _refuse_method(self) -> None:
        self._handle(lambda path: self.send_error(405, "only GET, HEAD and POST are allowed"))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def _handle(self, route: Any) -> None:
        try:
            if not self.server.host_allowed(self.headers.get("Host")):
                raise ClientError(403, "forbidden: this page answers only to its own address "
                                       f"({self.server.url})")
            route(urlsplit(self.path).path)
        except ClientError as exc:
            self.send_error(exc.status, str(exc))
        except _TooSlow:
            self.send_error(408, "the request took too long to arrive")
        except (ConnectionError, TimeoutError):  # the client hung up or stopped reading: nobody to answer
            self.close_connection = True
        except Exception as exc:  # a bug of ours: a status and one line, never a traceback
            if os.environ.get("REFUSALKIT_DEBUG"):
                import traceback

                traceback.print_exc()
            else:
                print(f"refusalkit: error: internal error ({type(exc).__name__}) in {self.command} "
                      "request: please report it; REFUSALKIT_DEBUG=1 shows the traceback", file=sys.stderr)
            self.send_error(500, "internal error: please report it")

    def _get(self, path: str) -> None:
        app = self.server.app
        if path in FILES:
            name, ctype = FILES[path]
            with open(os.path.join(STATIC, name), "rb") as fh:
                self._send(200, fh.read(), ctype)
        elif path in ("/", "/api/options"):
            # in the page language: the switch's cookie, else the browser's Accept-Language
            lang = app.page.language(self.headers.get("Accept-Language"), self.headers.get("Cookie"))
            vary = {"Vary": "Accept-Language, Cookie", "Content-Language": lang}
            if path == "/":
                self._send(200, app.page.html(lang), "text/html; charset=utf-8", vary)
            else:
                self._json(200, app.options(lang), vary)
        elif path == "/favicon.ico":
            self._send(204, b"", "text/plain")
        elif m := _LETTER_PATH.fullmatch(path):
            self._letter(*m.groups())
        else:
            raise ClientError(404, "not found")

    def _letter(self, token: str, kind: str) -> None:
        app = self.server.app
        letter, filename = app.letter(token)
        if kind == "html":
            self._send(200, letter.html.encode("utf-8"), "text/html; charset=utf-8", letter=True)
        else:
            self._send(200, app.eml(token), "message/rfc822",
                       {"Content-Disposition": f'attachment; filename="{filename}"'})

    def _post(self, path: str) -> None:
        if path not in ("/api/draft", "/api/record"):
            raise ClientError(404, "not found")
        origin = self.headers.get("Origin")
        if origin is not None:
            parts = urlsplit(origin)
            if parts.scheme != "http" or not self.server.host_allowed(parts.netloc):
                raise ClientError(403, "forbidden: a request from another site")
        body = self._body()
        app = self.server.app
        if path == "/api/draft":
            if self.headers.get_content_type() != "application/json":
                raise ClientError(415, "send the draft request as application/json")
            try:
                request = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise ClientError(400, "the request is not valid JSON") from None
            result = app.draft(request)
        else:
            filename = unquote(self.headers.get("X-Filename", ""))
            # in the page's language (as the page itself), for a letter in the form's language
            page_lang = app.page.language(self.headers.get("Accept-Language"), self.headers.get("Cookie"))
            result = app.record(body, filename, page_lang, self.headers.get("X-Letter-Language", "")[:35])
        self._json(200 if result["ok"] else 422, result)

    def _body(self) -> bytes:
        return read_body(self.headers, self.rfile)


def read_body(headers: Any, rfile: Any) -> bytes:
    """A POST's body, of a Content-Length no larger than MAX_BODY; any other is a ClientError."""
    if headers.get("Transfer-Encoding"):
        raise ClientError(411, "send a Content-Length, not a chunked body")
    length = headers.get("Content-Length")
    if length is None:
        raise ClientError(411, "a POST needs a Content-Length")
    try:
        size = int(length)
    except ValueError:
        raise ClientError(400, "Content-Length is not a number") from None
    if size < 0:
        raise ClientError(400, "Content-Length is not a number")
    if size > MAX_BODY:
        if size <= 16 * MAX_BODY:
            # Read what was sent before answering: closing a socket with unread data resets the
            # connection, and the client might never see the 413.
            left = size
            while left > 0 and (chunk := rfile.read(min(left, MAX_BODY))):
                left -= len(chunk)
        raise ClientError(413, f"the request is too large ({size} bytes; at most {MAX_BODY})")
    return rfile.read(size)
