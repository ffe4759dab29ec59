"""Email hand-off: .eml drafts, mailto: links, header safety, --copy and --edit."""

from __future__ import annotations

import email
import os
import stat
import sys
from email import policy
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner, Result

from refusalkit import draft
from refusalkit.cli import cli
from refusalkit.records import LINE_BREAKS

from .helpers import every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_every_eml_parses_and_carries_the_letter(lang: str) -> None:
    for reason, rel in every_reason():
        letter = draft(reason, {"name": "Ayşe Yılmaz", "email": "ayse@example.com", "relationship": rel}, lang=lang)
        raw = letter.eml()
        msg = email.message_from_bytes(raw, policy=policy.default)
        assert not msg.defects and all(not p.defects for p in msg.walk())
        assert msg.get_content_type() == "multipart/alternative"
        plain, html = list(msg.iter_parts())
        assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
        # the body travels with CRLF line endings, as RFC 5322 wants
        assert plain.get_content().replace("\r\n", "\n") == letter.flowed  # format=flowed
        assert html.get_content().replace("\r\n", "\n") == letter.html
        assert str(msg["Subject"]) == letter.subject
        (to,) = msg["To"].addresses
        assert (to.display_name, to.addr_spec) == ("Ayşe Yılmaz", "ayse@example.com")
        assert msg["Content-Language"] == letter.rendered.lang.tag and msg["X-Unsent"] == "1" and msg["Date"]
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_eml_file_from_the_cli_with_sender_from_the_house_style(tmp_path: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text('[sender]\nname = "Jürgen Groß"\nemail = "jg@example.com"\n', encoding="utf-8")
    out = tmp_path / "draft.eml"
    result = run("draft", "-r", "nonpayment", "-l", "de", "--name", "Özlem Şahin", "--email", "o@example.com",
                 "-f", "eml", "-o", str(out), "--style", str(style), "--subject", "Ihre Anfrage vom 3. Mai")
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout in the file
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["From"].addresses[0].display_name == "Jürgen Groß"
    assert str(msg["Subject"]) == "Ihre Anfrage vom 3. Mai"
    assert "Jürgen Groß" in msg.get_body(("plain",)).get_content()


def test_no_email_no_recipient_and_a_note() -> None:
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", "-f", "eml")
    assert result.exit_code == 0
    assert "no email address" in result.stderr
    msg = email.message_from_string(result.stdout, policy=policy.default)
    assert msg["To"] is None and msg["Subject"] == "Your enquiry"


@pytest.mark.parametrize("ch", list(LINE_BREAKS))
@pytest.mark.parametrize("where", ["name", "email", "subject", "sender name", "sender email"])
def test_line_breaks_never_reach_a_header(tmp_path: Path, ch: str, where: str) -> None:
    import json

    style = tmp_path / "refusalkit.toml"
    name = f"A{ch}B" if where == "sender name" else "A"
    mail = f"a@example.com{ch}" if where == "sender email" else "a@example.com"
    style.write_text(f"[sender]\nname = {json.dumps(name)}\nemail = {json.dumps(mail)}\n", encoding="utf-8")
    args = {"name": ["--name", f"Kim{ch}Mayer", "--email", "k@example.com"],
            "email": ["--name", "Kim", "--email", f"k@example.com{ch}"],
            "subject": ["--name", "Kim", "--email", "k@example.com", "--subject", f"Hello{ch}"]}.get(
        where, ["--name", "Kim", "--email", "k@example.com"])
    for fmt in ("eml", "mailto"):
        result = run("draft", "-r", "capacity", "-l", "en", "-f", fmt, "--style", str(style), *args)
        assert result.exit_code == 1, (where, repr(ch), result.stdout[:200])
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1
        field = where.split()[-1]
        assert field in result.stderr and ("line" in result.stderr)


def test_mailto_is_rfc_6068() -> None:
    letter = draft("capacity", {"name": "Ayşe Yılmaz & Co", "email": "ayse@example.com"}, lang="tr")
    uri = letter.mailto()
    assert uri.startswith("mailto:ayse@example.com?subject=Talebiniz%20hakk%C4%B1nda&body=")
    assert "+" not in uri and " " not in uri and "%0D%0A" in uri and "%20" in uri
    query = parse_qs(urlsplit(uri).query)
    assert query["subject"] == [letter.subject]
    assert unquote(uri.split("&body=", 1)[1]) == letter.unwrapped.rstrip("\n").replace("\n", "\r\n")


def test_long_mailto_warns(tmp_path: Path) -> None:
    import json

    record = tmp_path / "r.json"
    record.write_text(json.dumps({"name": "Özlem Şahin", "email": "o@example.com", "resources": [
        {"title": f"Rehber {i}: ücretsiz kaynaklar", "url": f"https://example.org/rehber/{i}"} for i in range(12)]}),
        encoding="utf-8")
    result = run("draft", "-r", "nonpayment", "-l", "tr", "--client", str(record), "-f", "mailto")
    assert result.exit_code == 0 and result.stdout.startswith("mailto:")
    assert "1,800" in result.stderr and "eml" in result.stderr


def fake_tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.mark.skipif(sys.platform != "linux", reason="the fake clipboard tools are POSIX shell scripts")
def test_copy_puts_html_on_the_clipboard(tmp_path: Path) -> None:
    fake_tool(tmp_path, "xclip", f'echo "$@" > "{tmp_path}/args"; cat > "{tmp_path}/clip"\n')
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "DISPLAY": ":99999", "WAYLAND_DISPLAY": ""}  # no X server: xclip
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim <b>", "-f", "html", "--copy", env=env)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert "as HTML" in result.stderr
    assert (tmp_path / "clip").read_text(encoding="utf-8") == result.stdout
    assert "text/html" in (tmp_path / "args").read_text()


def test_copy_without_a_clipboard_still_prints() -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "PATH": "/nonexistent"}
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--copy", env=env)
    assert result.exit_code == 0 and result.stdout.startswith("Dear Kim,")
    assert result.stderr.count("\n") == 1 and "no clipboard" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="the fake editor is a shell script")
def test_edit_then_output_and_empty_cancels(tmp_path: Path) -> None:
    fake_tool(tmp_path, "ed-upper", 'sed -i "s/Kind regards/Warm regards/" "$1"\n')
    fake_tool(tmp_path, "ed-empty", ': > "$1"\n')
    out = tmp_path / "letter.md"
    edited = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--edit", "-o", str(out),
                 env={"EDITOR": str(tmp_path / "ed-upper")})
    assert edited.exit_code == 0 and out.read_text(encoding="utf-8").rstrip().endswith("Warm regards,")  # ROUND50-en item 7: the English closing comma
    empty = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--edit", env={"EDITOR": str(tmp_path / "ed-empty")})
    assert empty.exit_code == 1 and empty.stdout == "" and "cancelled" in empty.stderr


def test_every_draft_has_a_message_id_and_a_reply_is_threaded():
    from email import policy
    from email.parser import BytesParser

    from refusalkit import draft

    letter = draft("capacity", {"name": "Anna Schmidt", "email": "anna@example.de"}, lang="de")
    first = BytesParser(policy=policy.default).parsebytes(letter.eml())
    second = BytesParser(policy=policy.default).parsebytes(letter.eml())
    assert first["Message-ID"] != second["Message-ID"]
    assert first["In-Reply-To"] is None and first["References"] is None
    refs = [f"<m{i}.{'x' * 30}@mail.example.org>" for i in range(5)]
    raw = letter.eml(message_id="<row-7@example.de>", in_reply_to=refs[-1], references=refs)
    reply = BytesParser(policy=policy.default).parsebytes(raw)
    assert reply["Message-ID"] == "<row-7@example.de>"
    assert reply["In-Reply-To"] == refs[-1]
    assert reply["References"].split() == refs
    assert all(len(line) <= 78 for line in raw.split(b"\r\n") if line.startswith((b"References", b" <")))
    assert "Anna Schmidt" in reply.get_body(("plain",)).get_content()


@pytest.mark.parametrize("bad", ["<a@b>\r\nBcc: evil@example.org", "no-brackets@example.org", "<a b@c>", "<@>", ""])
def test_a_threading_header_that_is_not_one_message_id_is_refused(bad):
    from refusalkit import draft
    from refusalkit.errors import RecordError

    letter = draft("capacity", {"name": "Anna Schmidt", "email": "anna@example.de"}, lang="de")
    with pytest.raises(RecordError, match="In-Reply-To"):
        letter.eml(in_reply_to=bad or " ")
