"""`refusalkit serve`: the HTTP rules (Host, Origin, body size, CSP, errors as a status and
a line), the JSON API, the command itself, and the page end to end in real Chromium.

The browser tests drive Debian's chromium (/usr/bin/chromium, or $REFUSALKIT_CHROMIUM) with
Playwright for Python; Playwright's own browser download is never used. Without Playwright
or Chromium they are skipped with the reason; with REFUSALKIT_REQUIRE_BROWSER=1 (CI) they
fail instead. Screenshots go to $REFUSALKIT_ARTIFACTS, else to pytest's tmp_path.
"""

from __future__ import annotations

import email
import email.policy
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refusalkit import draft
from refusalkit.reasons import all_reasons as _all_reasons
from refusalkit.api import Engine, default_engine
from refusalkit.serve import LETTER_CSP, MAX_BODY, make_server
from refusalkit.style import load

from .helpers import DATA

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py
# shutdown() waits for the serving thread's next look at its flag: every 0.5 s by default
FAST_SHUTDOWN = {"poll_interval": 0.02}

ROOT = Path(__file__).resolve().parent.parent


def start(engine: Any) -> Any:
    server = make_server(engine, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    srv = start(default_engine())
    yield srv
    srv.shutdown()
    srv.server_close()


def call(server: Any, method: str, path: str, body: bytes | str | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
    if isinstance(body, str):
        body = body.encode("utf-8")
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def post_json(server: Any, path: str, data: Any, **headers: str) -> tuple[int, Any]:
    status, head, body = call(server, "POST", path, json.dumps(data),
                              {"Content-Type": "application/json", **headers})
    assert head["content-type"].startswith("application/json"), body
    return status, json.loads(body)


def drafted(server: Any, **fields: Any) -> tuple[int, Any]:
    request = {"reason": "capacity", "lang": "en", "relationship": "prospect", "formal": True, "explain": True,
               "client": {"name": "Kim Mayer"}}
    client = fields.pop("client", None)
    request.update(fields)
    if client is not None:
        request["client"] = client
    return post_json(server, "/api/draft", request)


def assert_short_error(head: dict[str, str], body: bytes) -> None:
    text = body.decode("utf-8")
    assert head["content-type"].startswith("text/plain")
    assert text.count("\n") == 1 and "Traceback" not in text and "<" not in text, text
    assert "content-security-policy" in head


# --- HTTP rules ------------------------------------------------------------------------------


def test_page_has_a_strict_content_security_policy(server: Any) -> None:
    status, head, body = call(server, "GET", "/")
    assert status == 200
    csp = head["content-security-policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # only the letter's own style attributes, by hash: Chromium parses copied HTML in the page
    assert re.search(r"style-src-attr 'unsafe-hashes'( 'sha256-[A-Za-z0-9+/=]+')+;", csp)
    assert head["x-content-type-options"] == "nosniff" and head["cache-control"] == "no-store"
    page = body.decode("utf-8")
    # no inline script or style, no external resource (labels: see the Chromium test)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page and not re.search(r"<[^>]+\son\w+=", page)
    assert not re.search(r"""\b(?:src|href)=["']?(?:https?:)?//""", page)
    for asset in ("/static/app.js", "/static/app.css"):
        status, head, text = call(server, "GET", asset)
        assert status == 200 and "content-security-policy" in head
        assert b"http://" not in text and b"https://" not in text and b"@import" not in text
    script = call(server, "GET", "/static/app.js")[2]
    for sink in (b".innerHTML", b".outerHTML", b"insertAdjacentHTML", b"document.write", b"srcdoc", b"eval("):
        assert sink not in script  # and Trusted Types (in the CSP) would refuse them anyway
    assert "require-trusted-types-for 'script'" in csp


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost.evil.example:{port}", ""])
def test_foreign_host_is_refused(server: Any, host: str) -> None:
    for method, path in (("GET", "/"), ("GET", "/api/options"), ("POST", "/api/draft")):
        status, head, body = call(server, method, path, body="{}" if method == "POST" else None,
                                  headers={"Host": host.format(port=server.port), "Content-Type": "application/json"})
        assert status == 403, (host, path)
        assert_short_error(head, body)


def test_localhost_is_the_same_host(server: Any) -> None:
    assert call(server, "GET", "/", headers={"Host": f"localhost:{server.port}"})[0] == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "http://evil.example:80", "null",
                                    "https://127.0.0.1:{port}", "http://127.0.0.1:1"])
def test_post_from_a_foreign_origin_is_refused(server: Any, origin: str) -> None:
    status, head, body = call(server, "POST", "/api/draft", json.dumps({"reason": "capacity", "client": {"name": "X"}}),
                              {"Content-Type": "application/json", "Origin": origin.format(port=server.port)})
    assert status == 403
    assert_short_error(head, body)
    status, head, body = call(server, "POST", "/api/record", b'name = "X"',
                              {"Origin": origin.format(port=server.port), "X-Filename": "x.toml"})
    assert status == 403


def test_post_from_the_page_itself_is_accepted(server: Any) -> None:
    status, data = post_json(server, "/api/draft", {"reason": "capacity", "lang": "en", "client": {"name": "X"}},
                             Origin=f"http://127.0.0.1:{server.port}")
    assert status == 200 and data["ok"]


@pytest.mark.parametrize("size", [MAX_BODY + 1, 10 * MAX_BODY])
def test_oversized_body_is_413(server: Any, size: int) -> None:
    status, head, body = call(server, "POST", "/api/draft", b"{" + b" " * (size - 2) + b"}",
                              {"Content-Type": "application/json"})
    assert status == 413
    assert_short_error(head, body)


def test_a_body_at_the_limit_is_read(server: Any) -> None:
    request = json.dumps({"reason": "capacity", "lang": "en", "client": {"name": "Kim Mayer"}})
    status, _, body = call(server, "POST", "/api/draft", request + " " * (MAX_BODY - len(request)),
                              {"Content-Type": "application/json"})
    assert status == 200, body


@pytest.mark.parametrize("method,path,headers,body,status", [
    ("PUT", "/api/draft", {}, b"{}", 405),
    ("DELETE", "/", {}, None, 405),
    ("OPTIONS", "/api/draft", {"Origin": "http://evil.example"}, None, 405),
    ("HEAD", "/etc/passwd", {}, None, 404),
    ("GET", "/etc/passwd", {}, None, 404),
    ("GET", "/static/../serve.py", {}, None, 404),
    ("GET", "/letter/AAAAAAAAAAAAAAAAAAAAAAAA.eml", {}, None, 404),
    ("POST", "/api/nothing", {"Content-Type": "application/json"}, b"{}", 404),
    ("POST", "/api/draft", {"Content-Type": "text/plain"}, b"{}", 415),
    ("POST", "/api/draft", {"Content-Type": "application/json"}, b"{not json", 400),
    ("POST", "/api/draft", {"Content-Type": "application/json"}, b"\xff\xfe", 400),
    ("POST", "/api/draft", {"Content-Type": "application/json"}, b"[1, 2]", 400),
    ("POST", "/api/draft", {"Content-Type": "application/json"}, b'{"reason": 5}', 400),
    ("POST", "/api/draft", {"Content-Type": "application/json"}, b'{"client": {"name": ["a"]}}', 400),
    ("POST", "/api/draft", {"Content-Type": "application/json", "Content-Length": "-1"}, None, 400),
])
def test_every_error_is_a_status_and_a_line(server: Any, method: str, path: str, headers: dict[str, str],
                                           body: bytes | None, status: int) -> None:
    got, head, text = call(server, method, path, body, headers)
    assert got == status, text
    if method != "HEAD":
        assert_short_error(head, text)
    if status == 405:
        assert head["allow"] == "GET, HEAD, POST"


@pytest.mark.parametrize("chunked", [False, True])
def test_a_post_without_length_is_411(server: Any, chunked: bool) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest("POST", "/api/draft")
    conn.putheader("Content-Type", "application/json")
    if chunked:
        conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    if chunked:
        conn.send(b"2\r\n{}\r\n0\r\n\r\n")
    response = conn.getresponse()
    assert response.status == 411 and b"Content-Length" in response.read()
    conn.close()


def test_a_bug_is_500_without_traceback(server: Any, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(request: Any) -> Any:
        raise ZeroDivisionError("secret detail")

    monkeypatch.delenv("REFUSALKIT_DEBUG", raising=False)
    monkeypatch.setattr(server.app, "draft", broken)
    status, head, body = call(server, "POST", "/api/draft", "{}", {"Content-Type": "application/json"})
    assert status == 500 and b"secret" not in body
    assert_short_error(head, body)
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err and len(err.splitlines()) == 1


# --- the JSON API ----------------------------------------------------------------------------


def test_options_list_reasons_languages_and_the_style(server: Any) -> None:
    data = json.loads(call(server, "GET", "/api/options")[2])
    ids = [r["id"] for r in data["reasons"]]
    assert "capacity" in ids and "fee-disputes" in ids
    capacity = data["reasons"][ids.index("capacity")]
    assert capacity["title"] == "No capacity" and capacity["description"].startswith("You are fully booked")
    assert [lang["code"] for lang in data["languages"]] == ["de", "en", "tr"]
    assert [lang["name"] for lang in data["languages"]] == ["German", "English", "Turkish"]
    assert data["style"] == {"path": None, "sender": None}


def test_options_name_the_house_style_in_effect() -> None:
    style = DATA / "house" / "refusalkit.toml"
    srv = start(Engine(style=load(str(style))))
    try:
        data = json.loads(call(srv, "GET", "/api/options")[2])
        assert data["style"] == {"path": str(style.resolve()), "sender": "Anna Berger"}
        assert "fr" in [lang["code"] for lang in data["languages"]]
        _, result = post_json(srv, "/api/draft", {"reason": "capacity", "lang": "en", "client": {"name": "Kim"}})
        assert "Team guide" in result["markdown"] and "Anna Berger" in result["markdown"]
    finally:
        srv.shutdown()
        srv.server_close()


def test_draft_returns_every_format_as_the_library_does(server: Any) -> None:
    client = {"name": "Anna Schmidt", "title": "Dr.", "salutation": "ms", "email": "anna@example.com",
              "company": "Schmidt & Partner", "request": "a new website", "amount_due": "1234.50",
              "currency": "eur", "end_date": "2026-12-31"}
    status, data = drafted(server, reason="nonpayment", lang="de", relationship="client", client=client)
    assert status == 200 and data["ok"], data
    letter = draft("nonpayment", {**client, "amount_due": "1234.50", "relationship": "client"}, lang="de")
    assert (data["html"], data["markdown"], data["text"], data["subject"]) == \
        (letter.html, letter.markdown, letter.text, letter.subject)
    assert "1.234,50\u00a0€" in data["text"]
    assert data["clipboard_html"].startswith('<div style="font-family:') and "<body" not in data["clipboard_html"]
    assert "Sehr geehrte Frau Dr. Schmidt," in data["clipboard_html"]
    assert data["filename"] == "refusal-nonpayment-anna-schmidt.eml"

    status, head, body = call(server, "GET", data["preview"])
    assert status == 200 and body.decode("utf-8") == letter.html
    assert head["content-security-policy"] == LETTER_CSP and "sandbox" in LETTER_CSP
    assert "allow-scripts" not in LETTER_CSP and "script-src" not in LETTER_CSP  # no script, ever
    status, head, body = call(server, "GET", data["eml"])
    assert status == 200 and head["content-type"] == "message/rfc822"
    assert head["content-disposition"] == 'attachment; filename="refusal-nonpayment-anna-schmidt.eml"'
    assert same_draft(body, letter.eml())


def same_draft(a: bytes, b: bytes) -> bool:
    """Equal but for the Date and Message-ID headers and the MIME boundary, which differ between
    any two drafts."""
    def norm(raw: bytes) -> bytes:
        raw = re.sub(rb"\r\n(Date|Message-ID): [^\r]*", b"", raw)
        boundary = re.search(rb'boundary="([^"]+)"', raw)
        return raw.replace(boundary.group(1), b"BOUNDARY") if boundary else raw
    return norm(a) == norm(b)


def test_register_and_explain_reach_the_letter(server: Any) -> None:
    formal = drafted(server, lang="de")[1]
    informal = drafted(server, lang="de", formal=False)[1]
    assert formal["markdown"].startswith("Guten Tag Kim Mayer,") and informal["markdown"].startswith("Hallo Kim,")
    explained = drafted(server, explain=True)[1]["markdown"]
    plain = drafted(server, explain=False)[1]["markdown"]
    assert "fully booked" in explained and "fully booked" not in plain


def test_a_request_without_register_takes_the_house_styles_as_draft_does(server: Any) -> None:
    # Engine.resolve() gives the defaults: the house style's register, else formal
    from refusalkit.style import Style

    request = {"reason": "capacity", "lang": "de", "client": {"name": "Kim Mayer"}}
    assert post_json(server, "/api/draft", request)[1]["markdown"].startswith("Guten Tag Kim Mayer,")
    informal = start(Engine(style=Style(formal=False)))
    try:
        status, data = post_json(informal, "/api/draft", request)
        assert status == 200 and data["markdown"].startswith("Hallo Kim,")
        status, data = post_json(informal, "/api/draft", {**request, "formal": True})
        assert data["markdown"].startswith("Guten Tag Kim Mayer,")
    finally:
        informal.shutdown()
        informal.server_close()


def fields_of(data: Any) -> dict[str | None, str]:
    assert data["ok"] is False
    return {e["field"]: e["message"] for e in data["errors"]}


def test_errors_name_the_field_in_plain_words(server: Any) -> None:
    status, data = drafted(server, client={"name": "  "})
    assert status == 422
    assert fields_of(data) == {"name": "Enter the client's name: the letter needs someone to greet."}
    # every field's problem at once, not only the first
    status, data = drafted(server, client={"name": "", "email": "nobody", "end_date": "2026-13-01",
                                           "amount_due": "12", "title": "Dr.\u0007"})
    errors = fields_of(data)
    assert set(errors) == {"name", "email", "end_date", "currency", "title"}
    assert errors["email"] == "Enter one email address, such as name@example.com."
    assert errors["end_date"] == "Enter a date such as 2026-12-31."
    assert errors["currency"] == "Choose the currency of the amount, such as EUR."
    assert "control character" in errors["title"]
    assert fields_of(drafted(server, client={"name": "K", "amount_due": "ten", "currency": "EUR"})[1]) == \
        {"amount_due": "Enter the amount as a number with at most 2 decimal places, such as 1,234.50."}
    assert fields_of(drafted(server, client={"name": "K", "amount_due": "1.5", "currency": "JPY"})[1]) == \
        {"amount_due": "JPY has no decimal places: enter a whole amount, such as 1,234."}
    assert fields_of(drafted(server, client={"name": "K", "currency": "EURO"})[1]) == \
        {"currency": "Use a three-letter currency code such as EUR, USD or TRY."}
    assert fields_of(drafted(server, client={"name": "K" * 201})[1]) == \
        {"name": "This is too long: 201 characters, at most 200."}
    assert fields_of(drafted(server, client={"name": "K", "salutation": "dr"})[1]) == \
        {"salutation": "Choose a salutation from the list."}
    assert fields_of(drafted(server, client={"name": "K", "company": "A\nB"})[1]) == \
        {"company": "Keep this on one line."}
    errors = fields_of(drafted(server, reason="fee-disputes")[1])
    assert errors["relationship"].startswith("This reason is only for existing clients")
    errors = fields_of(drafted(server, reason="third-party", relationship="client")[1])
    assert errors["relationship"].startswith("This reason is only for prospects")
    assert set(fields_of(drafted(server, reason="no-such-reason")[1])) == {"reason"}
    assert set(fields_of(drafted(server, reason="")[1])) == {"reason"}
    assert set(fields_of(drafted(server, lang="xx")[1])) == {"lang"}
    assert fields_of(drafted(server, relationship="friend")[1]) == \
        {"relationship": "Use prospect or client; Interessent, Kunde, aday or müşteri work too."}
    # what has no box of its own is said above the letter, naming the field, in the page's words
    errors = fields_of(drafted(server, extra={"resources": [{"title": "Guide", "url": "javascript:alert(1)"}]})[1])
    assert errors == {None: "The letter cannot be drafted: Field “resources[1].url”: "
                            "Enter an http://, https:// or mailto: link without spaces."}


def test_errors_are_in_the_page_language(server: Any) -> None:
    request = {"client": {"name": "K", "email": "nobody", "amount_due": "ten", "currency": "EUR"}}
    german = fields_of(drafted(server, lang="de", page="de", **request)[1])
    assert german["email"] == "Geben Sie genau eine E-Mail-Adresse ein, z. B. name@example.com."
    # the example amount is written as the letter's language writes it
    assert german["amount_due"].endswith("z. B. 1.234,50.")
    turkish = fields_of(drafted(server, lang="en", page="tr", **request)[1])
    assert turkish["email"] == "Tek bir e-posta adresi girin, örneğin ad@example.com."
    assert turkish["amount_due"].endswith("örneğin 1,234.50.")
    # an unknown page language is English, never an error
    assert fields_of(drafted(server, page="xx", **request)[1])["email"].startswith("Enter one email")


# What the engine's (English, command-line) messages say, which a German or Turkish page never shows.
ENGINE_WORDS = ("must be", "field '", "client record", "invalid TOML", "invalid JSON", "line ", "is required",
                "UTF-8 text:", "got '", "work too")
BAD_FILES = [  # (file, name, {page language: how the message starts})
    (b'name = "Kim"\nname = "Lee"\n', "k.toml",
     {"de": "Zeile 2: Das ist kein gültiges TOML", "tr": "Satır 2: Bu geçerli bir TOML değil"}),
    (b'{"name": "Kim",}', "k.json", {"de": "Zeile 1: Das ist kein gültiges JSON", "tr": "Satır 1: Bu geçerli bir JSON değil"}),
    (b'name = "Kim"\nformal = "vielleicht"\n', "k.toml",
     {"de": "Feld „formal“: Geben Sie ja oder nein ein", "tr": "“formal” alanı: Evet ya da hayır yazın"}),
    (b'name = "Kim"\nsalutation = "Doktor"\n', "k.toml",
     {"de": "Feld „salutation“: Verwenden Sie ms, mr oder none", "tr": "“salutation” alanı: ms, mr ya da none yazın"}),
    (b'name = "Kim"\nend_date = "morgen"\n', "k.toml",
     {"de": "Feld „end_date“: Geben Sie ein Datum ein, z. B. 31.12.2026.", "tr": "“end_date” alanı: "}),
    (b'name = "Kim"\nrelationship = "Freund"\n', "k.toml",
     {"de": "Feld „relationship“: Verwenden Sie prospect oder client", "tr": "“relationship” alanı: prospect ya da client"}),
    (b'name = "Kim"\namount_due = "zehn"\ncurrency = "EUR"\n', "k.toml",
     {"de": "Feld „amount_due“: Geben Sie den Betrag als Zahl", "tr": "“amount_due” alanı: "}),
    (b'name = "Kim"\namount_due = 12\n', "k.toml",
     {"de": "Feld „currency“: ", "tr": "“currency” alanı: "}),
    (b'name = "Kim"\n[[referrals]]\nnote = "x"\n', "k.toml",
     {"de": "Feld „referrals[1].name“: Jede Empfehlung braucht einen Namen.", "tr": "“referrals[1].name” alanı: "}),
    (b'Name = "Kim"\n', "k.toml", {"de": "Feld „Name“: Schreiben Sie Feldnamen klein: name.", "tr": "“Name” alanı: "}),
    (b'\xff', "k.toml", {"de": "Zeile 1: Das ist kein UTF-8-Text", "tr": "Satır 1: Bu bir UTF-8 metni değil"}),
    (b'x', "k.txt", {"de": "Ein Kundendatensatz ist eine .toml- oder .json-Datei.", "tr": "Müşteri kaydı bir .toml"}),
]


@pytest.mark.parametrize("lang", ["de", "tr"])
@pytest.mark.parametrize("raw,name,starts", BAD_FILES, ids=[f"{n}:{r[:24]!r}" for r, n, _ in BAD_FILES])
def test_a_record_files_errors_are_in_the_page_language(server: Any, lang: str, raw: bytes, name: str,
                                                        starts: dict[str, str]) -> None:
    status, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": name, "Accept-Language": lang})
    (error,) = json.loads(body)["errors"]
    assert status == 422 and error["message"].startswith(starts[lang]), error
    assert not [w for w in ENGINE_WORDS if w in error["message"]], error
    # the switch's cookie wins over the browser, as for the page itself
    other = "tr" if lang == "de" else "de"
    _, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": name, "Accept-Language": other,
                                                           "Cookie": f"refusalkit-lang={lang}"})
    assert json.loads(body)["errors"][0]["message"].startswith(starts[lang])


@pytest.mark.parametrize("lang,starts", [("de", "Der Brief kann nicht erstellt werden: Feld „"),
                                         ("tr", "Mektup oluşturulamıyor: “")])
def test_the_engines_errors_in_a_draft_are_in_the_page_language(server: Any, lang: str, starts: str) -> None:
    for extra in ({"pay_by": "morgen"}, {"notice": "vielleicht"}, {"resources": [{"title": "G", "url": "javascript:x"}]},
                  {"referrals": [{"note": "x"}]}, {"referrals": "Kanzlei Weber"}):
        errors = fields_of(drafted(server, lang="de", page=lang, extra=extra)[1])
        assert set(errors) == {None} and errors[None].startswith(starts), errors
        assert not [w for w in ENGINE_WORDS if w in errors[None]], errors
    relationship = fields_of(drafted(server, page=lang, relationship="friend")[1])["relationship"]
    assert relationship.startswith({"de": "Verwenden Sie prospect", "tr": "prospect ya da client"}[lang])
    reason = fields_of(drafted(server, page=lang, reason="no-such-reason")[1])["reason"]
    assert reason == {"de": "Wählen Sie einen Grund aus der Liste.", "tr": "Listeden bir gerekçe seçin."}[lang]


def test_a_template_error_names_file_and_line_in_the_page_language(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from refusalkit.errors import TemplateError

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise TemplateError("house/templates/capacity/de.md.j2, line 7: unexpected '}'",
                            file="house/templates/capacity/de.md.j2", line=7)

    monkeypatch.setattr("refusalkit.api.draft", failing)
    errors = fields_of(drafted(server, page="de")[1])
    assert errors == {None: "Eine Vorlage kann diesen Brief nicht erstellen (house/templates/capacity/de.md.j2, "
                            "Zeile 7): refusalkit check zeigt, was zu korrigieren ist."}


def test_a_dropped_record_reads_its_amount_as_the_letter_language_writes_it(server: Any) -> None:
    raw = 'name = "Kim"\namount_due = "1.234"\ncurrency = "EUR"\n'.encode()
    status, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": "k.toml", "X-Letter-Language": "de"})
    assert status == 200 and json.loads(body)["fields"]["amount_due"] == "1.234"
    # without a language, "1.234" (1234 in German, 1.234 in English) is never guessed
    status, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": "k.toml"})
    assert status == 422 and "two different amounts" in json.loads(body)["errors"][0]["message"]


@pytest.mark.parametrize("field,box", [("email", "email"), ("language", "lang"), ("referrals[1].url", None)])
def test_an_engine_error_goes_to_the_field_it_names(server: Any, monkeypatch: pytest.MonkeyPatch,
                                                   field: str, box: str | None) -> None:
    from refusalkit.errors import RecordError

    def failing(*args: Any, **kwargs: Any) -> Any:
        error = RecordError("client record: something the form cannot know about")
        error.field = field  # type: ignore[attr-defined]  # as errors.py gives it, never read from the message
        raise error

    monkeypatch.setattr("refusalkit.api.draft", failing)
    errors = fields_of(drafted(server)[1])
    assert set(errors) == {box}
    if box is None:  # said from the field, never with the engine's (English) message
        assert errors[None] == ("The letter cannot be drafted: Field “referrals[1].url”: "
                                "Enter an http://, https:// or mailto: link without spaces.")


@pytest.mark.parametrize("lang,typed", [("de", "1.234,50"), ("de", "1234,50"), ("tr", "1.234,50"),
                                        ("en", "1,234.50"), ("de", "1234.50")])
def test_an_amount_is_read_as_the_letter_language_writes_it(server: Any, lang: str, typed: str) -> None:
    client = {"name": "Anna Schmidt", "amount_due": typed, "currency": "EUR"}
    status, data = drafted(server, reason="nonpayment", lang=lang, relationship="client", client=client)
    assert status == 200 and data["ok"], data
    expected = draft("nonpayment", {**client, "amount_due": "1234.50", "relationship": "client"}, lang=lang)
    assert data["text"] == expected.text


def test_record_file_fills_the_form(server: Any) -> None:
    raw = (DATA / "anna.toml").read_bytes()
    status, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": "anna.toml"})
    data = json.loads(body)
    assert status == 200 and data["ok"]
    assert data["fields"] == {"name": "Anna Schmidt", "title": "Dr.", "salutation": "ms",
                              "email": "anna.schmidt@example.com", "company": "Schmidt & Partner GmbH",
                              "request": "Betreuung der Firmenwebsite", "amount_due": "1234.5",
                              "currency": "EUR", "end_date": "2026-12-31"}
    assert data["settings"] == {"language": "de", "relationship": "client"}
    assert data["extra"] == {}

    raw = (DATA / "informal.json").read_bytes()
    data = json.loads(call(server, "POST", "/api/record", raw, {"X-Filename": "emre.json"})[2])
    assert data["fields"]["name"] == "Emre Öztürk" and data["settings"] == {"formal": False}

    toml = b'[[referrals]]\nname = "Kanzlei Weber"\n'  # starts like JSON, is TOML
    data = json.loads(call(server, "POST", "/api/record", b'name = "Kim"\n' + toml, {"X-Filename": "k.toml"})[2])
    assert data["extra"] == {"referrals": [{"name": "Kanzlei Weber"}]}
    status, result = drafted(server, extra=data["extra"])
    assert "Kanzlei Weber" in result["markdown"]


@pytest.mark.parametrize("raw,name,message", [  # the page names the file: "Could not use k.toml: ..."
    (b'name = "Kim"\nname = "Lee"\n', "k.toml", "Line 2: This is not valid TOML"),
    (b'[[referrals]]\nname = \n', "k.toml", "Line 2: This is not valid TOML"),
    (b'{"name": "Kim",}', "k.json", "Line 1: This is not valid JSON"),
    (b'name = "Kim"', "k.json", "This is not valid JSON"),
    (b' [{"name": "Kim"}]', "k.json", "A JSON client record is one object {...}, not a list."),
    (b'{"name": "Kim"}', "k.toml", "Line 1: This is not valid TOML"),
    (b'\n\n{"name": "Kim"}', "k.toml", "Line 3: This is not valid TOML"),
    (b'name = "Kim"\nemail = "x"', "k.toml", "Field “email”: Enter one email address"),
    (b'\xff\xfe', "k.toml", "Line 1: This is not UTF-8 text"),
    (b'name = "Kim"\n\xff', "k.toml", "Line 2: This is not UTF-8 text"),
    (b'name = "Kim"', "k.txt", "A client record is a .toml or .json file."),
])
def test_record_file_errors_name_file_and_line(server: Any, raw: bytes, name: str, message: str) -> None:
    status, _, body = call(server, "POST", "/api/record", raw, {"X-Filename": name})
    data = json.loads(body)
    assert status == 422 and data["errors"][0]["message"].startswith(message), data


def test_a_record_file_without_a_name_loads_and_the_page_asks_for_one(server: Any) -> None:
    status, _, body = call(server, "POST", "/api/record", b'title = "Dr."', {"X-Filename": "k.toml"})
    assert status == 200 and json.loads(body)["fields"] == {"title": "Dr."}
    assert drafted(server, client={"title": "Dr."})[0] == 422


def test_only_the_last_letters_are_kept_in_memory(server: Any) -> None:
    first = drafted(server)[1]
    for _ in range(70):
        drafted(server)
    assert call(server, "GET", first["eml"])[0] == 404


# --- the command -----------------------------------------------------------------------------


def run_serve(*args: str, cwd: Path) -> tuple[subprocess.Popen[str], str]:
    # Ctrl-C as at a terminal: a suite started in the background of a script (`pytest &`)
    # ignores SIGINT, and its children would inherit that and never stop on it
    proc = subprocess.Popen([sys.executable, "-m", "refusalkit", "serve", "--port", "0", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"http://\S+/", line)
    assert m, (line, proc.stderr.read() if proc.poll() is not None else "")  # type: ignore[union-attr]
    return proc, m.group()


def stop(proc: subprocess.Popen[str], sig: int = signal.SIGINT) -> tuple[int, str]:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=10)
    return proc.returncode, err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_prints_the_url_and_stops_cleanly(tmp_path: Path, sig: int) -> None:
    style = DATA / "house" / "refusalkit.toml"
    proc, url = run_serve("--style", str(style), cwd=tmp_path)
    try:
        host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()  # type: ignore[union-attr]
        assert host == "127.0.0.1"
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/api/options")
        assert json.loads(conn.getresponse().read())["style"]["path"] == str(style.resolve())
        conn.close()
    finally:
        code, err = stop(proc, sig)
    assert code == 0, err
    assert f"house style: {style.resolve()}" in err and "refusalkit: stopped" in err
    assert "Traceback" not in err and "warning" not in err


def test_serve_warns_when_not_on_loopback(tmp_path: Path) -> None:
    proc, _ = run_serve("--host", "0.0.0.0", cwd=tmp_path)
    code, err = stop(proc)
    assert code == 0
    assert "refusalkit: warning: --host 0.0.0.0 is not loopback" in err


def test_serve_open_starts_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "opened"
    opener = tmp_path / "opener.py"
    opener.write_text(f"import sys; open({str(seen)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {opener} %s")  # webbrowser runs $BROWSER
    proc, url = run_serve("--open", cwd=tmp_path)
    try:
        for _ in range(100):
            if seen.exists() and seen.read_text():
                break
            threading.Event().wait(0.05)
        assert seen.read_text() == url
    finally:
        assert stop(proc)[0] == 0


def test_serve_reports_a_busy_port(runner: Any) -> None:
    from refusalkit.cli import cli

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        result = runner.invoke(cli, ["serve", "--port", str(sock.getsockname()[1])])
    assert result.exit_code == 1
    assert result.stderr.startswith("refusalkit: error: cannot listen on 127.0.0.1:") and \
        result.stderr.count("\n") == 1


def test_serve_help(runner: Any) -> None:
    from refusalkit.cli import cli

    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--style", "--open"):
        assert option in result.output


# --- the page in real Chromium ---------------------------------------------------------------


# Chromium starts in about 3 s of CPU and a page costs about 1.5 s more: every page test is
# `slow`, run by CI's step 1a (pytest -m "slow or hypothesis") with REFUSALKIT_REQUIRE_BROWSER=1.
# What the page sends and gets is tested without a browser above (the JSON API and the page).
SLOW_PAGE = pytest.mark.slow


def _missing(reason: str) -> None:
    if os.environ.get("REFUSALKIT_REQUIRE_BROWSER"):
        pytest.fail(reason + " (REFUSALKIT_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright; no `playwright install`)")
    exe = os.environ.get("REFUSALKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.isfile(exe):
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go: $REFUSALKIT_ARTIFACTS, else tests/artifacts/ (not in git)."""
    folder = Path(os.environ.get("REFUSALKIT_ARTIFACTS") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Page:
    """A page of the server in a fresh browser context, recording dialogs and console errors."""

    def __init__(self, browser: Any, server: Any, **context: Any) -> None:
        self.origin = f"http://127.0.0.1:{server.port}"
        self.context = browser.new_context(**context)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=self.origin)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("console", self._console)
        self.page.goto(self.origin + "/")
        self.page.wait_for_selector("#f-reason option[value=capacity]", state="attached")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        # a 422 is how the API says "fix these fields"; Chromium logs every 4xx it fetches
        if message.type == "error" and "status of 422" not in message.text:
            self.problems.append(message.text)

    def fill(self, reason: str = "capacity", lang: str = "en", name: str = "Kim Mayer") -> None:
        self.page.select_option("#f-reason", reason)
        self.page.select_option("#f-lang", lang)
        self.page.fill("#f-name", name)

    def click(self, selector: str) -> None:
        # Scroll first and let a frame pass: Chromium hit-tests a click over the cross-origin
        # preview frame with the scroll position from before Playwright's own scroll.
        self.page.locator(selector).scroll_into_view_if_needed()
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        self.page.click(selector)

    def preview(self) -> Any:
        return self.page.frame_locator("#preview")

    def wait_greeting(self, greeting: str) -> None:
        from playwright.sync_api import expect

        expect(self.preview().locator("p").first).to_have_text(greeting, timeout=30_000)
        expect(self.page.locator("#copy-email")).to_be_enabled()


def reason_words(reason: str, lang: str) -> tuple[str, str]:
    """A reason's title and description as the letters' catalog of `lang` has them."""
    from refusalkit import reasons
    from refusalkit.i18n import translations

    engine = default_engine()
    found, trans = reasons.find(engine.path, reason), translations(engine.languages[lang])
    return trans.gettext(found.title), trans.gettext(found.description)


@pytest.fixture
def page(browser: Any, server: Any) -> Iterator[Page]:
    p = Page(browser, server)
    yield p
    assert p.problems == [], p.problems  # a CSP violation or a script error shows here
    p.context.close()


@pytest.mark.parametrize("reason,lang,greeting,closing", [
    pytest.param("capacity", "de", "Guten Tag Kim Mayer,", "Mit freundlichen Grüßen", marks=SLOW_PAGE),
    pytest.param("capacity", "en", "Dear Kim Mayer,", "Kind regards,", marks=SLOW_PAGE),
    pytest.param("guarantee", "tr", "Sayın Kim Mayer,", "Saygılarımla", marks=SLOW_PAGE),
])
def test_the_preview_follows_the_form(page: Page, reason: str, lang: str, greeting: str, closing: str) -> None:
    from playwright.sync_api import expect

    page.fill(reason, lang)
    page.wait_greeting(greeting)
    expect(page.preview().locator("p").last).to_have_text(closing)
    assert page.page.locator("#style-info").inner_text().startswith("No sender yet")
    # the reason's words in the letter's language, what it fits in the page's
    expect(page.page.locator("#reason-desc")).to_have_text(reason_words(reason, lang)[1])
    expect(page.page.locator("#reason-fits")).to_have_text("For prospects and clients.")
    assert page.page.locator("#f-reason option:checked").inner_text() == reason_words(reason, lang)[0]
    page.click("#tab-markdown")
    expect(page.page.locator("#out-markdown")).to_contain_text(greeting)
    assert page.page.locator("#panel-preview").is_hidden()
    page.click("#tab-subject")
    letter = draft(reason, {"name": "Kim Mayer"}, lang=lang)
    expect(page.page.locator("#out-subject")).to_have_text(letter.subject)
    # informal register, as the user switches it
    page.page.check("input[name=register][value=informal]")
    page.click("#tab-text")
    expect(page.page.locator("#out-text")).to_have_text(
        draft(reason, {"name": "Kim Mayer", "formal": False}, lang=lang).text.rstrip("\n"))


@SLOW_PAGE
def test_copy_for_email_puts_html_and_text_on_the_clipboard(page: Page) -> None:
    from playwright.sync_api import expect

    page.fill("nonpayment", "de", "Anna Schmidt")
    page.wait_greeting("Guten Tag Anna Schmidt,")
    page.click("#copy-email")
    expect(page.page.locator("#action-status")).to_have_text("Copied with formatting: paste it into your email.")
    flavours = page.page.evaluate("""async () => {
        const out = {};
        for (const item of await navigator.clipboard.read())
            for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out;
    }""")
    letter = draft("nonpayment", {"name": "Anna Schmidt"}, lang="de")
    assert set(flavours) >= {"text/html", "text/plain"}
    assert flavours["text/plain"] == letter.text
    assert "<p" in flavours["text/html"] and "Guten Tag Anna Schmidt," in flavours["text/html"]
    assert "Mit freundlichen Grüßen" in flavours["text/html"] and "<script" not in flavours["text/html"]
    page.click("#copy-text")
    expect(page.page.locator("#action-status")).to_have_text("Copied the plain text.")
    assert page.page.evaluate("navigator.clipboard.readText()") == letter.text


@SLOW_PAGE
def test_download_eml_is_the_draft(page: Page) -> None:
    page.fill("capacity", "en", "Ayşe Yılmaz")
    page.page.fill("#f-email", "ayse@example.com")
    page.wait_greeting("Dear Ayşe Yılmaz,")
    from playwright.sync_api import expect

    expect(page.page.locator("#download-eml")).to_have_attribute("href", re.compile(r"/letter/.+\.eml$"))
    with page.page.expect_download() as info:
        page.click("#download-eml")
    download = info.value
    assert download.suggested_filename == "refusal-capacity-ayse-yilmaz.eml"
    raw = Path(download.path()).read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    letter = draft("capacity", {"name": "Ayşe Yılmaz", "email": "ayse@example.com"}, lang="en")
    assert msg["Subject"] == letter.subject and msg["X-Unsent"] == "1" and msg["Content-Language"] == "en-GB"
    assert str(msg["To"]) == "Ayşe Yılmaz <ayse@example.com>"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content().replace("\r\n", "\n") == letter.flowed
    assert html.get_content().replace("\r\n", "\n") == letter.html
    assert same_draft(raw, letter.eml())  # the bytes of Letter.eml(), CRLF and all


@SLOW_PAGE
def test_hostile_name_is_text_in_every_view(page: Page) -> None:
    from playwright.sync_api import expect

    hostile = "<img src=x onerror=alert(1)>"
    page.fill("capacity", "en", hostile)
    page.wait_greeting(f"Dear {hostile},")
    before = page.page.get_attribute("#preview", "src")
    page.page.fill("#f-company", '"><svg onload=alert(2)>')
    # the letter with the company drafted and loaded: a handler in it, were there one, has had its turn
    expect(page.page.locator("#preview")).not_to_have_attribute("src", before or "", timeout=30_000)
    wait_fitted(page)
    assert page.dialogs == []
    frame = page.preview()
    assert frame.locator("img").count() == 0 and frame.locator("svg").count() == 0
    assert frame.locator("p").first.inner_text() == f"Dear {hostile},"
    assert page.page.locator("img").count() == 0
    page.click("#tab-markdown")
    greeting = draft("capacity", {"name": hostile}, lang="en").markdown.splitlines()[0]
    assert greeting == "Dear \\<img src=x onerror=alert(1)\\>,"  # Markdown-escaped, shown as written
    expect(page.page.locator("#out-markdown")).to_contain_text(greeting)
    # sandboxed: no script, no form, no navigation; its origin kept only to size the frame
    assert page.page.get_attribute("#preview", "sandbox") == "allow-same-origin"


@SLOW_PAGE
def test_errors_show_next_to_the_field(page: Page) -> None:
    from playwright.sync_api import expect

    page.fill("capacity", "en")
    page.wait_greeting("Dear Kim Mayer,")
    page.page.fill("#f-amount_due", "12")
    expect(page.page.locator("#err-currency")).to_have_text("Choose the currency of the amount, such as EUR.")
    expect(page.page.locator("#f-currency")).to_have_attribute("aria-invalid", "true")
    expect(page.page.locator("#copy-email")).to_be_disabled()
    expect(page.page.locator("#download-eml")).not_to_have_attribute("href", re.compile("."))
    page.page.fill("#f-currency", "EUR")
    expect(page.page.locator("#err-currency")).to_be_hidden()
    expect(page.page.locator("#copy-email")).to_be_enabled()
    page.page.select_option("#f-reason", "third-party")
    page.page.select_option("#f-relationship", "client")
    expect(page.page.locator("#err-relationship")).to_contain_text("only for prospects")
    page.page.select_option("#f-relationship", "prospect")
    page.page.fill("#f-name", "")
    expect(page.page.locator("#err-name")).to_have_text("Enter the client's name: the letter needs someone to greet.")


@SLOW_PAGE
def test_a_dropped_record_fills_the_form(page: Page) -> None:
    from playwright.sync_api import expect

    text = (DATA / "anna.toml").read_text(encoding="utf-8")
    transfer = page.page.evaluate_handle("""([text, name]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, {type: "application/toml"}));
        return dt;
    }""", [text, "anna.toml"])
    page.page.select_option("#f-reason", "nonpayment")
    page.page.dispatch_event("main", "drop", {"dataTransfer": transfer})
    expect(page.page.locator("#record-status")).to_have_text("Filled the form from anna.toml.")
    assert page.page.input_value("#f-name") == "Anna Schmidt"
    assert page.page.input_value("#f-lang") == "de" and page.page.input_value("#f-relationship") == "client"
    assert page.page.input_value("#f-end_date") == "2026-12-31"
    page.wait_greeting("Sehr geehrte Frau Dr. Schmidt,")
    # the file picker does the same for keyboard users
    page.page.set_input_files("#f-record", str(DATA / "informal.json"))
    expect(page.page.locator("#record-status")).to_have_text("Filled the form from informal.json.")
    page.page.select_option("#f-lang", "tr")
    page.wait_greeting("Merhaba Emre,")


@SLOW_PAGE
def test_the_page_is_keyboard_usable_and_fits_a_narrow_window(browser: Any, server: Any, artifacts: Path) -> None:
    from playwright.sync_api import expect

    wide = Page(browser, server, viewport={"width": 1280, "height": 900})
    try:
        wide.fill("nonpayment", "en", "Anna Schmidt")
        wide.page.fill("#f-title", "Dr.")
        wide.page.select_option("#f-salutation", "ms")
        wide.page.select_option("#f-relationship", "client")
        wide.page.fill("#f-amount_due", "1234.50")
        wide.page.fill("#f-currency", "EUR")
        wide.wait_greeting("Dear Dr Schmidt,")
        # the preview is as tall as the whole letter: its last line is inside the frame, not cut off
        wait_fitted(wide)
        frame_box = wide.page.locator("#preview").bounding_box()
        last_box = wide.preview().locator("p").last.bounding_box()
        assert last_box["y"] + last_box["height"] <= frame_box["y"] + frame_box["height"]
        assert wide.page.locator("#show-draft").is_hidden()  # the phone's switch: both show side by side
        wide.page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        wide.page.screenshot(path=str(artifacts / "serve-screenshot.png"))
        # every control has a label; Tab reaches the buttons; arrow keys move between tabs
        unlabelled = wide.page.evaluate("""() => Array.from(document.querySelectorAll('input, select, textarea'))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.name)""")
        assert unlabelled == []
        seen = []
        wide.page.focus("#f-reason")
        for _ in range(40):
            wide.page.keyboard.press("Tab")
            seen.append(wide.page.evaluate("document.activeElement.id"))
        assert "f-name" in seen and "tab-preview" in seen and "copy-email" in seen and "download-eml" in seen
        wide.page.focus("#tab-preview")
        wide.page.keyboard.press("ArrowRight")
        expect(wide.page.locator("#tab-markdown")).to_be_focused()
        expect(wide.page.locator("#panel-markdown")).to_be_visible()
        assert wide.problems == []
    finally:
        wide.context.close()

    narrow = Page(browser, server, viewport={"width": 360, "height": 800})
    try:
        narrow.fill("capacity", "en")
        narrow.wait_greeting("Dear Kim Mayer,")
        assert narrow.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        # the draft is one tap away from anywhere in the form: the switch stays at the top
        narrow.page.locator("#f-end_date").scroll_into_view_if_needed()
        expect(narrow.page.locator("#show-draft")).to_be_in_viewport()
        narrow.page.screenshot(path=str(artifacts / "serve-narrow-form.png"))
        narrow.page.click("#show-draft")
        expect(narrow.page.locator("#show-draft")).to_have_attribute("aria-pressed", "true")
        expect(narrow.page.locator("#letter-heading")).to_be_in_viewport()
        expect(narrow.page.locator("#f-name")).to_be_hidden()
        wait_fitted(narrow)
        narrow.page.screenshot(path=str(artifacts / "serve-narrow-letter.png"))
        narrow.page.click("#show-form")  # back where the user left the form
        expect(narrow.page.locator("#f-end_date")).to_be_in_viewport()
        assert narrow.problems == []
    finally:
        narrow.context.close()


def wait_fitted(page: Page) -> None:
    """Until the preview frame is as tall as the letter in it (app.js sizes it on the frame's load)."""
    page.page.wait_for_function("""() => {
        const frame = document.getElementById('preview');
        const doc = frame.contentDocument;
        return doc && doc.readyState === 'complete' && doc.body && doc.body.innerText.trim() !== ''
            && frame.offsetHeight >= doc.documentElement.scrollHeight;
    }""", timeout=30_000)


def page_text(lang: str, msgid: str) -> str:
    """A text of the page as its catalog for `lang` has it."""
    from babel.messages.pofile import read_po

    po = ROOT / "locales" / f"{lang}_{lang.upper()}" / "LC_MESSAGES" / "page.po"
    with po.open("rb") as fh:
        return read_po(fh).get(msgid).string


TURKISH = "abcçdefgğhıijklmnoöprsştuüvyz"


def collation_key(lang: str) -> Any:
    """How a reader of `lang` orders titles, for these titles: German sorts ä as a, ü as u
    (DIN 5007-1); Turkish has ç, ğ, ı, ö, ş and ü as letters of their own, and İ/ı apart from I/i."""
    import unicodedata

    def german(title: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c)).casefold()

    def turkish(title: str) -> list[int]:
        lower = title.replace("I", "ı").replace("İ", "i").lower()
        return [TURKISH.index(c) + 1000 if c in TURKISH else ord(c) for c in lower]

    return {"de": german, "tr": turkish}[lang]


def reason_titles(page: Page) -> list[str]:
    return page.page.eval_on_selector_all("#f-reason option", "options => options.map(o => o.textContent)")


@SLOW_PAGE
@pytest.mark.parametrize("locale,lang,other,before,after", [
    # each language sorts its own way: a German list puts Ständige (ä as a) before Strittige;
    # a Turkish one has Ü as a letter of its own, after U
    ("de-DE", "de", "tr", "Uzmanlık alanımın dışında", "Ücretsiz iş talepleri"),
    ("tr-TR", "tr", "de", "Ständige Dringlichkeit", "Strittige Rechnungen"),
])
def test_the_page_in_the_browser_language(browser: Any, server: Any, artifacts: Path, locale: str, lang: str,
                                          other: str, before: str, after: str) -> None:
    from playwright.sync_api import expect

    view = Page(browser, server, locale=locale, viewport={"width": 390, "height": 844})
    try:
        page = view.page
        assert page.get_attribute("html", "lang") == lang
        for selector, msgid in (("label[for=f-reason]", "Reason"), ("label[for=f-lang]", "Letter language"),
                                ("#copy-email", "Copy for email"), ("#tab-preview", "Preview")):
            expect(page.locator(selector)).to_have_text(page_text(lang, msgid))
        # the letter in the page's language by default, its reasons in that language and sorted by title
        assert page.input_value("#f-lang") == lang
        titles = reason_titles(view)
        assert set(titles) == {reason_words(r.id, lang)[0] for r in all_reasons()}
        assert titles == sorted(titles, key=collation_key(lang))
        # a letter in the other language: the reasons' titles and description follow the letter
        view.fill("capacity", other)
        titles = reason_titles(view)
        assert titles == sorted(titles, key=collation_key(other))
        assert titles.index(before) < titles.index(after)
        assert page.locator("#f-reason option:checked").inner_text() == reason_words("capacity", other)[0]
        expect(page.locator("#reason-desc")).to_have_text(reason_words("capacity", other)[1])
        expect(page.locator("#reason-fits")).to_have_text(page_text(lang, "For prospects and clients."))
        # the register's hint names the letter language's own forms only, in the page's words
        formal = page_text(lang, {"de": "Sie, surname", "tr": "siz, full name"}[other])
        expect(page.locator("#hint-formal")).to_have_text(f"({formal})")
        greeting = {"de": "Guten Tag Kim Mayer,", "tr": "Sayın Kim Mayer,"}[other]
        page.click("#show-draft")
        view.wait_greeting(greeting)
        expect(page.locator("#state")).to_have_text(page_text(lang, "The draft shows what you entered."))
        wait_fitted(view)
        page.screenshot(path=str(artifacts / f"serve-phone-{lang}.png"))
        # one invalid field: marked next to the field, in the page's language; the last good letter stays
        page.click("#show-form")
        page.fill("#f-email", "nobody")
        expect(page.locator("#err-email")).to_have_text(page_text(lang, "Enter one email address, such as "
                                                                        "name@example.com."))
        expect(page.locator("#f-email")).to_have_attribute("aria-invalid", "true")
        page.click("#show-draft")
        expect(page.locator("#stale-note")).to_be_visible()
        expect(view.preview().locator("p").first).to_have_text(greeting)
        expect(page.locator("#copy-email")).to_be_disabled()
        page.click("#show-form")
        page.fill("#f-email", "kim@example.com")
        expect(page.locator("#err-email")).to_be_hidden()
        expect(page.locator("#stale-note")).to_be_hidden()
        expect(page.locator("#copy-email")).to_be_enabled()
        assert view.problems == []
        # a dropped record file with a mistake: said in the page's language, with its line and field
        page.set_input_files("#f-record", files=[{"name": "kunde.toml", "mimeType": "application/toml",
                                                  "buffer": b'name = "Kim"\nformal = "vielleicht"\n'}])
        said = {"de": "kunde.toml konnte nicht verwendet werden: Feld „formal“: Geben Sie ja oder nein ein",
                "tr": "kunde.toml kullanılamadı: “formal” alanı: Evet ya da hayır yazın"}[lang]
        expect(page.locator("#record-status")).to_contain_text(said)
        page.set_input_files("#f-record", files=[{"name": "kunde.toml", "mimeType": "application/toml",
                                                  "buffer": b'name = "Kim"\nname = "Lee"\n'}])
        expect(page.locator("#record-status")).to_contain_text({"de": "Zeile 2: Das ist kein gültiges TOML",
                                                                "tr": "Satır 2: Bu geçerli bir TOML değil"}[lang])
    finally:
        view.context.close()


@SLOW_PAGE
def test_the_switch_changes_the_page_language_and_is_remembered(browser: Any, server: Any) -> None:
    from playwright.sync_api import expect

    view = Page(browser, server, locale="de-DE")
    try:
        page = view.page
        assert page.get_attribute("html", "lang") == "de"
        with page.expect_navigation():
            page.select_option("#page-lang", "tr")
        page.wait_for_selector("#f-reason option[value=capacity]", state="attached")
        assert page.get_attribute("html", "lang") == "tr"
        expect(page.locator("label[for=f-reason]")).to_have_text(page_text("tr", "Reason"))
        page.goto(view.origin + "/")  # later visits too, whatever the browser asks for
        assert page.get_attribute("html", "lang") == "tr"
        assert view.problems == []
    finally:
        view.context.close()


@SLOW_PAGE
def test_a_german_amount_is_accepted_as_typed(browser: Any, server: Any) -> None:
    from playwright.sync_api import expect

    view = Page(browser, server, locale="de-DE")
    try:
        page = view.page
        view.fill("nonpayment", "de", "Anna Schmidt")
        page.select_option("#f-relationship", "client")
        page.fill("#f-currency", "EUR")
        page.fill("#f-amount_due", "1.234,50")
        view.wait_greeting("Guten Tag Anna Schmidt,")
        page.click("#tab-text")
        expect(page.locator("#out-text")).to_contain_text("1.234,50\u00a0€")
        expect(page.locator("#err-amount_due")).to_be_hidden()
        assert view.problems == []
    finally:
        view.context.close()


def all_reasons() -> list[Any]:
    return _all_reasons(default_engine().path)


def test_the_page_takes_the_house_styles_default_currency() -> None:
    from refusalkit.style import Style

    srv = start(Engine(style=Style(currency="EUR")))
    try:
        status, data = drafted(srv, reason="nonpayment", lang="de", relationship="client",
                               client={"name": "Anna Schmidt", "amount_due": "1.234,50"})
        assert status == 200 and data["ok"] and "1.234,50 €" in " ".join(data["text"].split()), data
    finally:
        srv.shutdown()
        srv.server_close()
