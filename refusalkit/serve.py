"""`refusalkit serve`: a local page to compose a letter, see every format live,
copy it as rich text and download the .eml draft.

The standard library's ThreadingHTTPServer is enough for one page and a
small JSON API on the loopback interface; a web framework would earn nothing
here but a dependency. The page calls the same front door as the CLI
(`api.draft`) with the house style the CLI would use.

Security, since any web page the user visits can send requests to a port on
127.0.0.1: a Host header other than the served host is refused (DNS
rebinding), so is a POST from a foreign Origin (cross-site requests), request
bodies are capped, and every response carries a strict Content-Security-
Policy. The letter preview is served with a policy of its own (`sandbox`, no
script) into a sandboxed frame. Letters live in memory only, the last few of
them, so the preview and the .eml download can be fetched by URL.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import re
import secrets
import socket
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

import click

MAX_BODY = 64 * 1024
# A whole request (line, headers, body) must arrive within this many seconds of its first
# byte, however slowly it trickles in; each single read may wait IDLE_SECONDS.
REQUEST_SECONDS = 10
IDLE_SECONDS = 30
KEEP_LETTERS = 64  # recent drafts kept in memory for the preview frame and the .eml link
STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
}
# The page: scripts, styles and frames from this server only; no inline script or style, except
# the letter's own style attributes by hash (see letter_style_hashes).
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr {styles}; "
            "connect-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; "
            "object-src 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'")
# The letter in the preview frame: its own inline styles, nothing else, and sandboxed even if opened directly.
LETTER_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'self'; sandbox")
CLIENT_FIELDS = ("name", "title", "salutation", "email", "company", "request", "amount_due", "currency", "end_date")
_BODY_RE = re.compile(r'<body style="([^"]*)">\n(.*)\n</body>', re.DOTALL)
_LETTER_PATH = re.compile(r"/letter/([A-Za-z0-9_-]{16,64})\.(html|eml)")


class ClientError(Exception):
    """An HTTP error status with a short message for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# --- engine errors in words for the form -------------------------------------------------------

_FIELD_ALIASES = {"client name": "name", "client email": "email"}
_REQUIRED = {
    "name": "Enter the client's name: the letter needs someone to greet.",
    "currency": "Choose the currency of the amount, such as EUR.",
}
_RULES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^is required"), lambda m, f: _REQUIRED.get(f, "This is required.")),
    (re.compile(r"must be on one line|contains a line break"), lambda m, f: "Keep this on one line."),
    (re.compile(r"control character|invalid character"),
     lambda m, f: "This contains an invisible control character: retype it."),
    (re.compile(r"is too long \((\d+) characters; at most (\d+)\)"),
     lambda m, f: f"This is too long: {m[1]} characters, at most {m[2]}."),
    (re.compile(r"must be one address|not an address an email header"),
     lambda m, f: "Enter one email address, such as name@example.com."),
    (re.compile(r"three-letter|not an ISO 4217"), lambda m, f: "Use a three-letter currency code such as EUR, USD or TRY."),
    (re.compile(r"has more decimal places than (\w+) has \((\d+)"),
     lambda m, f: f"{m[1]} has {m[2]} decimal places: round the amount." if m[2] != "0"
     else f"{m[1]} has no decimal places: round the amount."),
    (re.compile(r"must be a (?:finite )?number|must be between"),
     lambda m, f: "Enter the amount as a number, such as 1234.50."),
    (re.compile(r"must be a date"), lambda m, f: "Enter a date such as 2026-12-31."),
    (re.compile(r"must be one of (.+?) \(got"), lambda m, f: f"Choose one of {m[1]}."),
    (re.compile(r"must be true or false"), lambda m, f: "Choose yes or no."),
]


def friendly(message: str) -> dict[str, str | None]:
    """An engine error as {field, message} for the form: the field it is about, in plain words.

    >>> friendly("client record: field 'name' is required: add name = \\"...\\" or pass --name")
    {'field': 'name', 'message': "Enter the client's name: the letter needs someone to greet."}
    >>> friendly("reason 'fee-disputes' fits only relationship client, not 'prospect'")["field"]
    'relationship'
    """
    m = re.search(r"field '([^']+)' (.*)", message, re.DOTALL)
    if m:
        field, rest = _FIELD_ALIASES.get(m[1], m[1]), m[2]
        if field not in CLIENT_FIELDS:  # referrals, resources, extra keys of a dropped file: no box of their own
            return {"field": None, "message": f"The client record's field {m[1]!r} {rest}"}
        if field == "currency" and not rest.startswith("is required"):  # too long, unknown, not letters
            return {"field": field, "message": "Use a three-letter currency code such as EUR, USD or TRY."}
        for pattern, words in _RULES:
            found = pattern.search(rest)
            if found:
                return {"field": field, "message": words(found, field)}
        return {"field": field, "message": rest[:1].upper() + rest[1:]}
    m = re.match(r"reason '[^']+' fits only relationship (\w+)", message)
    if m:
        who = "existing clients" if m[1] == "client" else "prospects (people who have not hired you yet)"
        return {"field": "relationship",
                "message": f"This reason is only for {who}: change the relationship or choose another reason."}
    m = re.match(r"reason '[^']+' has no '([^']+)' template", message)
    if m:
        return {"field": "lang", "message": f"This reason has no letter in this language ({m[1]}) yet: "
                                            "choose another language or reason."}
    if message.startswith("unknown language"):
        return {"field": "lang", "message": "This language is not available: choose one from the list."}
    if message.startswith("unknown reason"):
        return {"field": "reason", "message": "Choose a reason from the list."}
    return {"field": None, "message": f"The letter cannot be drafted: {message}"}


# --- the application: options, drafts, letters kept in memory ----------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _slug(text: str) -> str:
    """An ASCII file-name part.

    >>> _slug("Ayşe Yılmaz <img>")
    'ayse-yilmaz-img'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


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


def clipboard_html(letter_html: str) -> str:
    """The letter's body as one styled <div>: what an email editor keeps from a paste."""
    m = _BODY_RE.search(letter_html)
    return f'<div style="{m[1]}">\n{m[2]}\n</div>' if m else letter_html


class App:
    """What the handler serves: one engine, the reason list, recent letters."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        # Guards the letters kept; drafts run side by side (the engine's caches are safe for
        # threads, its Markdown converter one per thread).
        self.lock = threading.Lock()
        self.letters: OrderedDict[str, Any] = OrderedDict()
        self._options: dict[str, Any] | None = None
        self._csp: str | None = None

    @property
    def csp(self) -> str:
        """The page's Content-Security-Policy, with the hashes of a sample letter's styles."""
        if self._csp is None:
            from .api import draft
            from .errors import RefusalkitError

            defaults = self.options()["defaults"]
            sample = ""
            # a letter with a list too (resources), since formats.py styles <ul> apart from <p>
            record = {"name": "N", "resources": [{"title": "T", "url": "https://example.org/"}]}
            try:
                sample = draft(defaults["reason"], record, lang=defaults["lang"], engine=self.engine).html
            except RefusalkitError:  # the page shows it with the first letter
                pass
            hashes = letter_style_hashes(sample)
            self._csp = PAGE_CSP.format(styles=f"'unsafe-hashes' {hashes}" if hashes else "'none'")
        return self._csp

    def options(self) -> dict[str, Any]:
        if self._options is None:
            self._options = self._build_options()
        return self._options

    def _build_options(self) -> dict[str, Any]:
        from . import __version__, reasons
        from .api import environment_language
        from .catalog import template_languages
        from .i18n import translations

        engine = self.engine
        langs = sorted(engine.languages)
        gettext = translations(engine.languages["en"]).gettext if "en" in engine.languages else (lambda s: s)
        items = [{
            "id": r.id,
            "title": gettext(r.title),
            "description": gettext(r.description),
            "relationships": list(r.relationships),
            "languages": sorted(template_languages(engine.path, r.id)),
        } for r in reasons.all_reasons(engine.path)]
        style = engine.style
        default_lang = style.lang or environment_language(langs) or "en"
        return {
            "version": __version__,
            "reasons": items,
            "languages": [{"code": code, "name": _language_name(engine.languages[code].locale, code)} for code in langs],
            "defaults": {"lang": default_lang if default_lang in langs else (langs[0] if langs else "en"),
                         "formal": True if style.formal is None else style.formal,
                         "reason": "capacity" if any(r["id"] == "capacity" for r in items) else
                         (items[0]["id"] if items else "")},
            "style": {"path": os.path.abspath(style.path) if style.path else None,
                      "sender": (style.sender or {}).get("name")},
        }

    def draft(self, request: Any) -> dict[str, Any]:
        from .api import draft
        from .errors import RefusalkitError

        if not isinstance(request, dict):
            raise ClientError(400, "the request must be a JSON object")
        reason = _string(request, "reason")
        lang = _string(request, "lang")
        relationship = _string(request, "relationship") or "prospect"
        formal = request.get("formal", True)
        explain = request.get("explain", True)
        if not isinstance(formal, bool) or not isinstance(explain, bool):
            raise ClientError(400, "formal and explain must be true or false")
        client = request.get("client", {})
        extra = request.get("extra", {})
        if not isinstance(client, dict) or not isinstance(extra, dict):
            raise ClientError(400, "client and extra must be JSON objects")
        record: dict[str, Any] = {k: v for k, v in extra.items() if k not in CLIENT_FIELDS}
        for key in CLIENT_FIELDS:
            value = client.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise ClientError(400, f"client.{key} must be text")
            record[key] = value
        amount = record.get("amount_due")
        if isinstance(amount, str) and re.fullmatch(r"\s*\d+,\d{1,3}\s*", amount):
            record["amount_due"] = amount.replace(",", ".")  # 1234,50 as typed in de and tr
        record.update(relationship=relationship, formal=formal)
        errors: list[dict[str, str | None]] = [] if reason else [{"field": "reason", "message": "Choose a reason."}]
        errors += self.field_errors(record)
        if errors:
            return {"ok": False, "errors": errors}
        try:
            letter = draft(reason, record, lang=lang or None, explain=explain, engine=self.engine)
            html, markdown, text = letter.html, letter.markdown, letter.text
            letter.eml()  # a header problem is an error now, not a failed download later
        except RefusalkitError as exc:
            return {"ok": False, "errors": [friendly(str(exc))]}
        name = _slug(letter.client.name) if letter.client else ""
        filename = "-".join(p for p in ("refusal", letter.reason, name) if p) + ".eml"
        token = secrets.token_urlsafe(18)
        with self.lock:
            self.letters[token] = (letter, filename)
            while len(self.letters) > KEEP_LETTERS:
                self.letters.popitem(last=False)
        return {
            "ok": True, "subject": letter.subject, "html": html, "markdown": markdown, "text": text,
            "clipboard_html": clipboard_html(html), "lang": letter.lang,
            "preview": f"/letter/{token}.html", "eml": f"/letter/{token}.eml", "filename": filename,
        }

    @staticmethod
    def field_errors(record: Mapping[str, Any]) -> list[dict[str, str | None]]:
        """Every form field checked on its own, so that all their problems show at once
        (a whole record stops at its first)."""
        from .errors import RefusalkitError
        from .records import parse_record

        groups = [("name",), ("title",), ("salutation",), ("email",), ("company",), ("request",),
                  ("end_date",), ("currency",), ("amount_due", "currency")]
        errors: list[dict[str, str | None]] = []
        for group in groups:
            if all(record.get(k) is None for k in group):
                continue
            probe = {"name": "N", **{k: record[k] for k in group if record.get(k) is not None}}
            if group == ("amount_due", "currency") and probe.get("currency") is None:
                probe["currency"] = "EUR"  # a missing currency is the currency field's problem
            try:
                parse_record(probe)
            except RefusalkitError as exc:
                error = friendly(str(exc))
                if all(e["field"] != error["field"] for e in errors):
                    errors.append(error)
        if record.get("amount_due") is not None and record.get("currency") is None:
            errors.append(friendly("field 'currency' is required with amount_due"))
        if record.get("name") is None or (all(e["field"] != "name" for e in errors)
                                          and parse_record({"name": record["name"]}).name is None):
            # only blanks or invisible characters: a draft greets an unknown recipient, the page asks for a name
            errors.insert(0, friendly("field 'name' is required"))
        return errors

    def letter(self, token: str) -> tuple[Any, str]:
        """A recent letter and its .eml file name."""
        with self.lock:
            found = self.letters.get(token)
        if found is None:
            raise ClientError(404, "this letter is no longer in memory: change any field to draft it again")
        return found

    def eml(self, token: str) -> bytes:
        letter, _ = self.letter(token)
        return letter.eml()

    def record(self, raw: bytes, filename: str) -> dict[str, Any]:
        """A dropped record file, split into the form's fields, its settings and the rest (kept as is)."""
        from .errors import RefusalkitError
        from .records import parse_record, read_record_file

        label = os.path.basename(filename.replace("\\", "/"))[:100] or "the file"
        kind = os.path.splitext(label)[1].lower()

        def failed(message: str) -> dict[str, Any]:
            return {"ok": False, "errors": [{"field": None, "message": message}]}

        if kind not in (".toml", ".json"):
            return failed(f"{label}: a client record is a .toml or .json file")
        # read_record_file("-") reads JSON if the text starts with "{", else TOML; the name decides here.
        start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        starts_like_json = start == b"{"
        if kind == ".json" and start == b"[":
            return failed(f"{label}: a JSON client record must be an object {{...}}, not a list")
        if kind == ".json" and not starts_like_json:
            return failed(f"{label}: invalid JSON: a client record is an object {{...}}")
        shift = 0
        if kind == ".toml" and starts_like_json:
            raw, shift = b"#\n" + raw.removeprefix(b"\xef\xbb\xbf"), 1
        try:
            data = read_record_file("-", raw)
            parse_record(data, label)
        except RefusalkitError as exc:
            message = str(exc).replace("<stdin>", label, 1)
            if shift:
                message = re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) - shift}", message, count=1)
            return failed(message)
        fields = {k: str(_jsonable(data[k])) for k in CLIENT_FIELDS if data.get(k) is not None}
        settings = {k: data[k] for k in ("language", "relationship", "formal") if data.get(k) is not None}
        extra = {k: _jsonable(v) for k, v in data.items() if k not in CLIENT_FIELDS and k not in settings}
        return {"ok": True, "fields": fields, "settings": _jsonable(settings), "extra": extra, "name": label}


def _string(request: Mapping[str, Any], key: str) -> str:
    value = request.get(key, "")
    if not isinstance(value, str):
        raise ClientError(400, f"{key} must be text")
    return value


def _language_name(locale: str, code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale).get_language_name("en") or code
    except (ValueError, UnknownLocaleError):  # a team's language Babel does not know: its code is name enough
        return code


# --- HTTP ----------------------------------------------------------------------------------------


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

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

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
        elif path == "/api/options":
            self._json(200, app.options())
        elif path == "/favicon.ico":
            self._send(204, b"", "text/plain")
        elif m := _LETTER_PATH.fullmatch(path):
            token, kind = m.groups()
            letter, filename = app.letter(token)
            if kind == "html":
                self._send(200, letter.html.encode("utf-8"), "text/html; charset=utf-8", letter=True)
            else:
                self._send(200, app.eml(token), "message/rfc822",
                           {"Content-Disposition": f'attachment; filename="{filename}"'})
        else:
            raise ClientError(404, "not found")

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
            result = app.record(body, filename)
        self._json(200 if result["ok"] else 422, result)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise ClientError(411, "send a Content-Length, not a chunked body")
        length = self.headers.get("Content-Length")
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
                self._discard(size)
            raise ClientError(413, f"the request is too large ({size} bytes; at most {MAX_BODY})")
        return self.rfile.read(size)

    def _discard(self, size: int) -> None:
        while size > 0:
            chunk = self.rfile.read(min(size, MAX_BODY))
            if not chunk:
                break
            size -= len(chunk)


def make_server(engine: Any, host: str = "127.0.0.1", port: int = 0, app: App | None = None) -> Server:
    """A server for `engine` (port 0: any free port); call serve_forever() on it."""
    app = app or App(engine)
    _ = app.csp  # a broken reason.toml or catalog is an error now, not on the page
    return Server(host, port, app)


@click.command("serve")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST",
              help="Address to listen on; anything but loopback lets others reach the page.")
@click.option("--style", "style_path", metavar="PATH",
              help="House-style file (default: $REFUSALKIT_STYLE, ./refusalkit.toml, your config folder).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def serve_command(port: int, host: str, style_path: str | None, open_browser: bool) -> None:
    """Serve a local page to compose letters, copy them as rich text and download drafts."""
    from .cli import _engine
    from .errors import RefusalkitError

    engine = _engine(style_path)
    try:
        server = make_server(engine, host, port)
    except OSError as exc:
        raise RefusalkitError(f"cannot listen on {_host_port(host, port)}: {exc.strerror or exc}: "
                              "choose another --port or --host") from None
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    main_thread = threading.current_thread() is threading.main_thread()  # only it may set handlers
    previous = signal.signal(signal.SIGTERM, stop) if main_thread else None
    try:  # from here on, Ctrl-C (or SIGTERM) at any moment stops the server cleanly
        if not is_loopback(host):
            click.echo(f"refusalkit: warning: --host {host} is not loopback: anyone who can reach this machine "
                       f"on port {server.port} can use the page; there is no login", err=True)
        style = engine.style.path
        click.echo(f"refusalkit: house style: {os.path.abspath(style) if style else 'none (refusalkit init creates one)'}",
                   err=True)
        click.echo(f"refusalkit: serving the page at {server.url} (Ctrl-C stops it)")
        sys.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("refusalkit: stopped", err=True)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        server.server_close()
