"""refusalkit reply: a threaded draft to a client's email, in their language and register.

The corpus (tests/data/inquiries/, manifest.toml) holds realistic inquiries in German,
English and Turkish as mail clients send them: encoded-word From headers (UTF-8,
ISO-8859-1, ISO-8859-9), Reply-To from web forms, Outlook's AW:/RE:/YNT: subjects with
quoted history, HTML-only messages, quoted-printable and base64 bodies, du and sen
inquiries, Sie and siz ones, with and without Content-Language, and two that are too
short or too mixed to guess.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import tomllib
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refusalkit import inquiry, reply
from refusalkit.cli import cli
from refusalkit.errors import RefusalkitError

from .strategies import examples

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

INQUIRIES = Path(__file__).parent / "data" / "inquiries"
MANIFEST = tomllib.loads((INQUIRIES / "manifest.toml").read_text(encoding="utf-8"))["inquiry"]
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def plain_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No locale to fall back on: a text that is not guessed gives English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")


def parse(raw: bytes) -> Any:
    return BytesParser(policy=policy.default).parsebytes(raw)


def run(*args: str, input: bytes | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input)


def unflow(text: str) -> str:
    """A format=flowed text part (RFC 3676, DelSp=no) as its lines were meant: a line that ends
    in a space joins the next of the same quote depth; quote marks and stuffing as written."""
    joined: list[tuple[int, str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        content = content[1:] if content.startswith(" ") else content
        if joined and joined[-1][1].endswith(" ") and joined[-1][0] == depth and content:
            joined[-1] = (depth, joined[-1][1] + content)
        else:
            joined.append((depth, content))
    return "\n".join(">" * d + (" " if d and c else "") + c for d, c in joined)


def original(case: dict[str, Any]) -> Any:
    return parse((INQUIRIES / case["file"]).read_bytes())


def test_the_corpus_is_large_and_varied() -> None:
    assert len(MANIFEST) >= 30
    langs = [c["lang"] for c in MANIFEST]
    assert all(langs.count(lang) >= 10 for lang in ("de", "en", "tr"))
    raw = {c["file"]: (INQUIRIES / c["file"]).read_bytes() for c in MANIFEST}
    assert any(b"=?iso-8859-9?" in r.lower() for r in raw.values())
    assert any(b"=?iso-8859-1?" in r.lower() for r in raw.values())
    assert any(b"=?utf-8?b?" in r.lower() for r in raw.values())
    assert sum(b"\r\nReply-To:" in r for r in raw.values()) >= 3
    assert any(b"Subject: AW:" in r for r in raw.values()) and any(b"Subject: YNT:" in r for r in raw.values())
    assert any(b"Subject: Ynt:" in r for r in raw.values()) and any(b"Subject: Aw: Aw:" in r for r in raw.values())
    assert sum(b"text/plain" not in r for r in raw.values()) >= 3  # HTML only
    assert sum(b"Transfer-Encoding: base64" in r for r in raw.values()) >= 3
    assert sum(b"Transfer-Encoding: quoted-printable" in r for r in raw.values()) >= 10
    assert sum(b"Content-Language" not in r for r in raw.values()) >= 20
    assert sum(c["formal"] is False for c in MANIFEST) >= 10


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_language_register_recipient_threading_and_quote(case: dict[str, Any], tmp_path: Path) -> None:
    raw = (INQUIRIES / case["file"]).read_bytes()
    lang = "en" if case["lang"] == "fallback" else case["lang"]

    prepared = reply.prepare(raw, "capacity", quote=True)
    assert prepared.letter.lang == lang
    assert prepared.letter.client.formal is case["formal"]

    out = tmp_path / "reply.eml"
    result = run("reply", str(INQUIRIES / case["file"]), "-r", "capacity", "--quote", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    draft = parse(data)
    assert not draft.defects
    assert draft["Content-Language"].split("-")[0] == lang
    assert draft["X-Unsent"] == "1"

    # To: Reply-To, else From, the name decoded from its encoded words
    (to,) = draft["To"].addresses
    assert (to.display_name, to.addr_spec) == (case["name"], case["email"])

    # threading, read back from the draft
    message = original(case)
    message_id = message["Message-ID"].strip()
    assert draft["In-Reply-To"] == message_id
    assert draft["References"].split() == case.get("references", [message_id])
    assert draft["Message-ID"] and draft["Message-ID"] != message_id
    assert draft["Subject"] == case["subject"]

    # the quote: in the text part after "> ", in the HTML part as an escaped blockquote
    part = draft.get_body(("plain",))
    assert part.get_param("format") == "flowed"
    assert not any(line.startswith(" >") for line in part.get_content().splitlines())  # a quote, not stuffed text
    text = unflow(part.get_content())
    html = draft.get_body(("html",)).get_content()
    letter = text.split("\n>")[0]
    quoted_lines = [line for line in text.splitlines() if line.startswith(">")]
    assert any(case["quote"] in line for line in quoted_lines), text
    assert case["quote"] not in letter
    if case.get("attribution"):
        assert case["attribution"] in text.replace("\u00a0", " ")
        assert case["attribution"] in html.replace("\u00a0", " ")
    blockquote = html.partition('<blockquote')[2].partition("</blockquote>")[0]
    assert case["quote"] in blockquote.replace("<br>\n", " ").replace("\n", " ")
    assert html.index("</blockquote>") < html.index("</body>")


def test_without_quote_there_is_none() -> None:
    case = MANIFEST[0]
    result = run("reply", str(INQUIRIES / case["file"]), "-r", "capacity", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert case["quote"] not in result.stdout and ">" not in result.stdout


@pytest.mark.parametrize("subject", ["AW: Re: Angebot", "RE: RE: Angebot", "Aw: Aw: Angebot", "YNT: Angebot",
                                     "Ynt: Angebot", "Fwd: Angebot", "FW: AW: Angebot", "WG: Angebot",
                                     "İLT: Angebot", "Re[2]: Angebot", "Re: Re: Re: Angebot", "Antw: Angebot",
                                     "  re :  Angebot ", "Angebot"])
def test_the_subject_is_re_once(subject: str) -> None:
    assert inquiry.reply_subject(subject) == "Re: Angebot"


def test_a_subject_that_only_starts_like_a_prefix_keeps_it() -> None:
    assert inquiry.reply_subject("Reise nach Rom") == "Re: Reise nach Rom"
    assert inquiry.reply_subject("Antwort auf Ihre Frage") == "Re: Antwort auf Ihre Frage"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Hallo Anna, kannst du mir helfen?", "de", True),
    ("Hallo, könnt ihr euch das vorstellen?", "de", True),
    ("Meine Schwester hat einen Laden. Sie braucht Flyer. Kannst du helfen?", "de", True),
    ("Hallo, können Sie mir helfen? Danke dir!", "de", False),
    ("Sehr geehrte Frau Brandt, ich danke dir.", "de", False),
    ("Guten Tag, wir brauchen eine Website.", "de", False),
    ("Selam, bana bir logo yapabilir misin?", "tr", True),
    ("Sana bir ricam var, senin işlerini beğeniyorum.", "tr", True),
    ("Merhaba, bize teklif verebilir misiniz? Sana da teşekkürler.", "tr", False),
    ("Teklifinizi bekliyorum.", "tr", False),
    ("Sayın İlgili, yapabilir misin?", "tr", False),
    ("Hey Alex, can you help?", "en", True),
    ("Hi,\nquick question.\nCheers\nSam", "en", True),
    ("Dear Alex, hey there.\nCheers", "en", False),
    ("Hello, could you help?\nThanks, Mark", "en", False),
])
def test_the_register_is_the_clients_own(text: str, lang: str, expected: bool) -> None:
    assert inquiry.informal(text, lang) is expected


def test_quoted_history_and_signature_are_not_the_clients_words() -> None:
    text = ("Hallo Lisa,\nkannst du helfen?\n\nVon: Lisa <l@example.org>\nGesendet: heute\n\n"
            "Sehr geehrter Herr Becker, können Sie ...")
    assert inquiry.own_words(text) == "Hallo Lisa,\nkannst du helfen?"
    assert inquiry.own_words("Hi,\nthanks.\n-- \nCompany GmbH, Sie erreichen uns") == "Hi,\nthanks."
    assert inquiry.own_words("Merhaba,\nteklif?\n> alıntı\n") == "Merhaba,\nteklif?"
    assert inquiry.own_words("Hi,\nthanks\n\nOn Wed, 11 Nov 2026 at 09:00, Alex <\nalex@example.org> wrote:\n> old") \
        == "Hi,\nthanks"
    form = "From: Priya Patel\nMessage: We run two pharmacies."  # a web form's field, not a quoted header
    assert inquiry.own_words(form) == form
    assert inquiry.own_words("Selam,\nnasılsın?\n\nKimden: Deniz\nGönderildi: Pazartesi\nKonu: x\n\nSayın") \
        == "Selam,\nnasılsın?"


MESSAGE = (b"From: Anna Schmidt <anna@example.de>\r\nSubject: AW: Website\r\n"
           b"Message-ID: <m1@example.de>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n"
           b"Content-Language: de-DE\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Hallo Lisa, kannst du mir bis Freitag ein Angebot schicken? Viele Gr\xc3\xbc\xc3\x9fe, Anna\r\n")


def test_explicit_options_win_over_the_message(tmp_path: Path) -> None:
    client = tmp_path / "client.toml"
    client.write_text('request = "Onlineshop"\ncompany = "Schmidt GmbH"\n', encoding="utf-8")
    result = run("reply", "-r", "capacity", "--lang", "en", "--formal", "--name", "Dr. Anna Weber",
                 "--email", "a.weber@example.org", "--client", str(client), "--subject", "Ihre Anfrage",
                 input=MESSAGE)
    assert result.exit_code == 0, result.stderr
    draft = parse(result.stdout.encode("utf-8"))
    assert draft["Content-Language"] == "en-GB"
    assert draft["Subject"] == "Ihre Anfrage"
    (to,) = draft["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Anna Weber", "a.weber@example.org")
    text = draft.get_body(("plain",)).get_content()
    assert text.startswith("Dear Dr Weber,") and "Onlineshop" in text
    assert draft["In-Reply-To"] == "<m1@example.de>"  # threading stays the message's

    informal = run("reply", "-r", "capacity", "-f", "text", "--informal", input=MESSAGE.replace(b"du mir", b"Sie mir"))
    assert informal.stdout.startswith("Hallo Anna,")


def test_content_language_comes_before_detection_and_lang_before_both() -> None:
    english_text_german_header = MESSAGE.replace(
        b"Hallo Lisa, kannst du mir bis Freitag ein Angebot schicken? Viele Gr\xc3\xbc\xc3\x9fe, Anna",
        b"Hello Lisa, could you send me a quote by Friday for the new website? Kind regards, Anna")
    assert reply.prepare(english_text_german_header, "capacity").letter.lang == "de"
    no_header = english_text_german_header.replace(b"Content-Language: de-DE\r\n", b"")
    assert reply.prepare(no_header, "capacity").letter.lang == "en"
    assert reply.prepare(no_header, "capacity", lang="tr").letter.lang == "tr"
    assert reply.prepare(no_header, "capacity", record={"language": "de"}).letter.lang == "de"


def test_the_record_request_wins_and_a_form_subject_is_no_request() -> None:
    prepared = reply.prepare(MESSAGE, "capacity", record={"request": "Onlineshop"})
    assert prepared.letter.client.request == "Onlineshop"
    assert reply.prepare(MESSAGE, "capacity").letter.client.request == "Website"
    form = MESSAGE.replace(b"AW: Website", b"Neue Nachricht \xc3\xbcber das Kontaktformular")
    assert reply.prepare(form, "capacity").letter.client.request is None


def test_formats_give_just_the_letter_with_the_quote() -> None:
    for fmt, marker in (("md", "> Hallo Lisa"), ("text", "> Hallo Lisa"), ("html", "<blockquote")):
        result = run("reply", "-r", "capacity", "-f", fmt, "--quote", input=MESSAGE)
        assert result.exit_code == 0, result.stderr
        assert "Subject:" not in result.stdout and "In-Reply-To" not in result.stdout
        assert marker in result.stdout
        assert "Am 30.\u00a0November\u00a02026 schrieb Anna Schmidt:" in result.stdout


def test_the_clients_text_is_data_in_every_format() -> None:
    hostile = (b"From: =?utf-8?q?Eve=0D=0ABcc:_victim@example.org?= <eve@example.com>\r\n"
               b"Subject: =?utf-8?q?Hi=0D=0ABcc:_x@example.org?=\r\nMessage-ID: <e1@example.com>\r\n"
               b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
               b"Hello, <script>alert(1)</script> [click](https://evil.example) **bold** {{ 7*7 }} please help\r\n")
    result = run("reply", "-r", "capacity", "--quote", input=hostile)
    assert result.exit_code == 0, result.stderr
    draft = parse(result.stdout.encode("utf-8"))
    assert "Bcc" not in draft and len(draft["To"].addresses) == 1
    assert draft["To"].addresses[0].addr_spec == "eve@example.com"
    assert "\n" not in draft["Subject"] and "\r" not in draft["Subject"]
    html = draft.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = run("reply", "-r", "capacity", "--quote", "-f", "md", input=hostile).stdout
    assert r"\[click\](https://evil.example) \*\*bold\*\*" in md and r"{{ 7\*7 }}" in md and "49" not in md


def test_an_html_only_message_is_read_as_text() -> None:
    assert inquiry.html_text("<p>Hallo <b>Anna</b>,</p><p>a<br>b</p><blockquote>alt</blockquote>"
                           "<script>x</script><style>p{}</style>") == "Hallo Anna,\n\na\nb\n\n> alt"
    assert inquiry.html_text("<div>Hi,<br></div><div><br></div><div>second&nbsp;line &amp; more</div>") \
        == "Hi,\n\nsecond line & more"


def test_junk_references_and_a_missing_message_id_thread_what_they_can() -> None:
    message = (b"From: Kim <kim@example.com>\r\nSubject: Hello\r\n"
               b"References: <a@example.com> junk <no-at-sign> <b@example.com>\r\n\r\nHi there, can you help me?\r\n")
    result = run("reply", "-r", "capacity", input=message)
    assert result.exit_code == 0, result.stderr
    assert "no Message-ID" in result.stderr
    draft = parse(result.stdout.encode("utf-8"))
    assert "In-Reply-To" not in draft
    assert draft["References"].split() == ["<a@example.com>", "<b@example.com>"]
    bad_id = run("reply", "-r", "capacity", input=message.replace(b"Subject", b"Message-ID: <broken\r\nSubject"))
    assert bad_id.exit_code == 0 and "In-Reply-To" not in parse(bad_id.stdout.encode("utf-8"))


def test_an_mbox_from_line_and_raw_utf8_headers_are_read() -> None:
    message = ("From kim@example.com Mon Nov 30 09:00:00 2026\nFrom: Jürgen Groß <jg@example.de>\n"
               "Subject: Anfrage\nMessage-ID: <x@example.de>\n\nGuten Tag, können Sie uns helfen?\n").encode("utf-8")
    prepared = reply.prepare(message, "capacity")
    assert prepared.inquiry.name == "Jürgen Groß" and prepared.in_reply_to == "<x@example.de>"


BAD_INPUT = {
    "empty": b"",
    "blank": b"\n\n  \n",
    "binary": bytes(range(256)) * 4,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50,
    "text without headers": b"Hallo, ich bin kein E-Mail-Header.\n\nNur Text.\n",
    "no from": b"Subject: Hallo\r\nMessage-ID: <a@b.example>\r\n\r\nText\r\n",
    "from without address": b"From: Anna Schmidt\r\nSubject: Hallo\r\n\r\nText\r\n",
    "undisclosed": b"From: undisclosed-recipients:;\r\nSubject: Hallo\r\n\r\nText\r\n",
    "non-ascii address": "From: Jürgen <jürgen@example.de>\r\nSubject: x\r\n\r\nText\r\n".encode("utf-8"),
}


@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_bad_input_is_one_clean_line_and_nothing_written(name: str, tmp_path: Path) -> None:
    out = tmp_path / "reply.eml"
    for args, stdin in ((["-"], BAD_INPUT[name]), ([], BAD_INPUT[name])):
        result = run("reply", *args, "-r", "capacity", "-o", str(out), input=stdin)
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert result.stdout == ""
        assert result.stderr.startswith("refusalkit: error: <stdin>: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_files_and_the_real_process(tmp_path: Path) -> None:
    missing = run("reply", str(tmp_path / "nope.eml"), "-r", "capacity")
    assert missing.exit_code == 2 and "nope.eml: no such file" in missing.stderr
    folder = run("reply", str(tmp_path), "-r", "capacity")
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    junk = tmp_path / "junk.eml"
    junk.write_bytes(bytes(range(256)))
    done = subprocess.run([sys.executable, "-m", "refusalkit", "reply", str(junk), "-r", "capacity"],
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode().startswith(f"refusalkit: error: {junk}: is not an email message")
    assert done.stderr.count(b"\n") == 1
    empty = subprocess.run([sys.executable, "-m", "refusalkit", "reply", "-r", "capacity"], input=b"",
                           capture_output=True, cwd=ROOT)
    assert empty.returncode == 1 and empty.stdout == b"" and empty.stderr.count(b"\n") == 1


def test_output_follows_drafts_rules(tmp_path: Path) -> None:
    out = tmp_path / "reply.eml"
    assert run("reply", "-r", "capacity", "-o", str(out), input=MESSAGE).exit_code == 0
    first = out.read_bytes()
    again = run("reply", "-r", "capacity", "-o", str(out), input=MESSAGE)
    assert again.exit_code == 1 and "already exists: use --force" in again.stderr
    assert out.read_bytes() == first
    assert run("reply", "-r", "capacity", "-o", str(out), "--force", input=MESSAGE).exit_code == 0
    wrong = run("reply", "-r", "capacity", "-o", str(tmp_path / "x.eml"), "-f", "md", input=MESSAGE)
    assert wrong.exit_code == 2 and "does not fit" in wrong.stderr
    md = tmp_path / "reply.md"
    assert run("reply", "-r", "capacity", "-o", str(md), input=MESSAGE).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("Hallo Anna,")


def test_detection_is_imported_only_when_needed() -> None:
    code = ("import sys; from refusalkit.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('lingua' in sys.modules, file=sys.stderr)")
    draft = subprocess.run([sys.executable, "-c", code, "draft", "-r", "capacity", "-l", "de"],
                           capture_output=True, text=True, cwd=ROOT)
    assert draft.stderr.strip().endswith("False"), draft.stderr
    message = MESSAGE.replace(b"Content-Language: de-DE\r\n", b"")
    explicit = subprocess.run([sys.executable, "-c", code, "reply", "-r", "capacity", "-l", "de", "--formal"],
                              input=message, capture_output=True, cwd=ROOT)
    assert explicit.stderr.decode().strip().endswith("False"), explicit.stderr
    detected = subprocess.run([sys.executable, "-c", code, "reply", "-r", "capacity"],
                              input=message, capture_output=True, cwd=ROOT)
    assert detected.stderr.decode().strip().endswith("True"), detected.stderr


def test_prepare_gives_the_draft_with_a_message_id_of_ones_own() -> None:
    prepared = reply.prepare(MESSAGE, "capacity")
    assert prepared.subject == "Re: Website"
    assert prepared.in_reply_to == "<m1@example.de>" and prepared.references == ("<m1@example.de>",)
    draft = parse(prepared.eml(message_id="<reply-1@example.org>"))
    assert draft["Message-ID"] == "<reply-1@example.org>" and draft["In-Reply-To"] == "<m1@example.de>"


def test_an_empty_text_part_falls_back_to_html_and_an_attachment_is_no_text() -> None:
    empty_plain = (b"From: Anna <anna@example.com>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                   b"Content-Type: multipart/alternative; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\n"
                   b"\r\n--XX\r\nContent-Type: text/html\r\n\r\n<p>Guten Tag, k&ouml;nnen Sie uns bitte ein Angebot "
                   b"schicken?</p>\r\n--XX--\r\n")
    read = inquiry.read(empty_plain)
    assert read.text == "Guten Tag, können Sie uns bitte ein Angebot schicken?"
    binary = (b"From: Anna <anna@example.com>\r\nSubject: x\r\nContent-Type: application/octet-stream\r\n"
              b"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n")
    assert inquiry.read(binary).text == ""
    assert reply.prepare(binary, "capacity", quote=True).letter.quoted is None


@settings(max_examples=examples(20, 150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400),
                 st.builds(lambda head, body: head + b"\r\n\r\n" + body,
                           st.sampled_from([b"From: a@example.com", b"From: <>", b"Reply-To: ,,,\r\nFrom: x",
                                            b"From: =?utf-8?b?!!?= <a@example.com>", b"Subject: x",
                                            b"From: a@example.com\r\nContent-Type: multipart/mixed",
                                            b"From: a@example.com\r\nContent-Transfer-Encoding: base64",
                                            b"From: a@example.com\r\nContent-Type: text/plain; charset=x-nope"]),
                           st.binary(max_size=200))))
def test_any_bytes_give_a_reply_or_one_clean_error(raw: bytes) -> None:
    try:
        prepared = reply.prepare(raw, "capacity", quote=True, lang="en", formal=True)
    except RefusalkitError as exc:
        assert "\n" not in str(exc)
        return
    parse(prepared.eml())  # what was drafted is a message


@settings(max_examples=examples(15, 150), deadline=None)  # 40 quick ones took 1.8 s of CPU (perf44)
@given(st.text(max_size=40), st.sampled_from(["utf-8", "iso-8859-9", "iso-8859-1"]))
def test_any_encoded_name_reaches_the_to_header_as_data(name: str, charset: str) -> None:
    try:
        word = name.encode(charset)
    except UnicodeEncodeError:
        return
    raw = (b"From: =?" + charset.encode() + b"?b?" + base64.b64encode(word) + b"?= <kim@example.com>\r\n"
           b"Subject: Hello\r\n\r\nHello, could you help us with our new website please?\r\n")
    prepared = reply.prepare(raw, "capacity", lang="en", formal=True)
    draft = parse(prepared.eml())
    assert [a.addr_spec for a in draft["To"].addresses] == ["kim@example.com"]
    assert "Bcc" not in draft and "Cc" not in draft


def test_a_record_from_stdin_with_the_message_from_a_file(tmp_path: Path) -> None:
    message = tmp_path / "m.eml"
    message.write_bytes(MESSAGE)
    result = run("reply", str(message), "-r", "capacity", "-c", "-", "-f", "text", input=b'{"request": "Onlineshop"}')
    assert result.exit_code == 0, result.stderr
    assert "Onlineshop" in result.stdout and result.stdout.startswith("Hallo Anna,")
    both = run("reply", "-", "-r", "capacity", "-c", "-", input=MESSAGE)
    assert both.exit_code == 2 and "cannot both come from standard input" in both.stderr


def test_edit_changes_the_letter_and_keeps_the_quote() -> None:
    result = CliRunner().invoke(cli, ["reply", "-r", "capacity", "--quote", "--edit"], input=MESSAGE,
                                env={"EDITOR": "sed -i s/Hallo/Servus/", "VISUAL": ""})
    assert result.exit_code == 0, result.stderr
    draft = parse(result.stdout.encode("utf-8"))
    text = unflow(draft.get_body(("plain",)).get_content())
    html = draft.get_body(("html",)).get_content()
    assert text.startswith("Servus Anna,") and "\n> Hallo Lisa, kannst du mir bis Freitag" in text
    assert html.count("<blockquote") == 1 and "Servus Anna," in html and "\\&lt;" not in html
    assert draft["In-Reply-To"] == "<m1@example.de>"


def test_a_sender_name_no_record_takes_says_how_to_give_one(tmp_path: Path) -> None:
    long_name = b"Anna " + b"Schmidt-" * 40 + b"X"
    message = MESSAGE.replace(b"From: Anna Schmidt", b"From: " + long_name)
    result = run("reply", "-r", "capacity", "-o", str(tmp_path / "r.eml"), input=message)
    assert result.exit_code == 1 and "pass --name to give it yourself" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "r.eml").exists()
    assert run("reply", "-r", "capacity", "--name", "Anna Schmidt", input=message).exit_code == 0


def test_a_subject_too_long_for_a_request_still_gives_a_reply() -> None:
    raw = MESSAGE.replace(b"AW: Website", b"Website " + b"lorem ipsum " * 500)
    prepared = reply.prepare(raw, "capacity")
    assert prepared.letter.client.request is None
    assert parse(prepared.eml())["Subject"].startswith("Re: Website lorem ipsum")


def test_a_sender_name_that_cannot_be_a_name_says_how_to_give_one() -> None:
    # the problem with what was read from From names its field as data, and the option to use
    raw = (b'From: "' + b"K" * 300 + b'" <k@example.com>\r\nTo: me@example.com\r\nSubject: Logo\r\n'
           b"Message-ID: <a@example.com>\r\n\r\nCan you design our logo?\r\n")
    with pytest.raises(RefusalkitError) as caught:
        reply.prepare(raw, "capacity")
    assert str(caught.value).endswith("(read from the message's sender: pass --name to give it yourself)")
    assert caught.value.field == "name" and caught.value.source == "message"
    # a name given with --name is the user's own: no hint
    with pytest.raises(RefusalkitError) as caught:
        reply.prepare(raw, "capacity", record={"name": "K" * 300})
    assert "read from the message's sender" not in str(caught.value)
