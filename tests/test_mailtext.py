"""Email-ready text and a comfortable CLI: format=flowed eml, unwrapped mailto and clipboard
text, --copy with HTML and plain text (xclip under Xvfb reads both back), the platform's
clipboard command, --open, --edit for eml and mailto, the unfinished-template warning, and
shell completion for bash, zsh and fish.

The Xvfb test needs /usr/bin/Xvfb and xclip; without them it is skipped, and with
REFUSALKIT_REQUIRE_CLIPBOARD=1 (set by .ci/run) it fails instead.
"""

from __future__ import annotations

import base64
import email
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from email import policy
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from refusalkit import draft
from refusalkit.cli import cli

from .strategies import examples

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py


def ways(*args, **kwargs):
    from refusalkit.clipboard import ways

    return ways(*args, **kwargs)


def cf_html(document: str) -> bytes:
    from refusalkit.clipboard import cf_html

    return cf_html(document)


def flow_line(line: str) -> str:
    from refusalkit.formats import flow_line

    return flow_line(line)


def to_flowed(text: str) -> str:
    from refusalkit.formats import to_flowed

    return to_flowed(text)

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def unflow(text: str) -> str:
    """RFC 3676 section 4.2, DelSp=no: unstuff, then join each line that ends in a space
    (soft) to the next; the signature separator "-- " stays hard."""
    out: list[str] = []
    current: str | None = None
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]
        current = line if current is None else current + line
        if line.endswith(" ") and line != "-- ":
            continue
        out.append(current)
        current = None
    if current is not None:
        out.append(current)
    return "\n".join(out)


def client_letter(lang: str = "de"):
    return draft("nonpayment", {
        "name": "Özlem Şahin", "email": "o@example.com", "relationship": "client", "amount_due": 1234.5,
        "currency": "EUR", "request": "From scratch: a > b shop",
        "resources": [{"title": "Guide", "url": "https://example.org/" + "a" * 90}]}, lang=lang)


# --- format=flowed and unwrapped text -----------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_the_eml_text_part_is_format_flowed_and_reads_back_as_the_unwrapped_letter(lang: str) -> None:
    letter = client_letter(lang)
    msg = email.message_from_bytes(letter.eml(), policy=policy.default)
    plain = msg.get_body(("plain",))
    assert plain["Content-Type"].params == {"charset": "utf-8", "format": "flowed", "delsp": "no"}
    body = plain.get_content().replace("\r\n", "\n")
    assert body == letter.flowed
    assert unflow(body) == letter.unwrapped
    for line in body.split("\n"):
        # at most 72 columns and a space, unless one word is longer (a URL is never cut)
        assert len(line.rstrip(" ")) <= 72 or " " not in line.strip(" "), line
    # a paragraph is several soft lines, each ending in a space: not hard-wrapped at 72
    assert any(line.endswith(" ") for line in body.split("\n"))
    assert "https://example.org/" + "a" * 90 in body  # whole, where --format text cuts it at 78


def test_unwrapped_text_has_each_paragraph_on_one_line_and_text_stays_wrapped() -> None:
    letter = client_letter("en")
    paragraphs = letter.unwrapped.split("\n\n")
    assert max(len(p) for p in paragraphs) > 100 and all("\n" not in p for p in paragraphs[1:3])
    assert "".join(letter.text.split()) == "".join(letter.unwrapped.split())  # the same words
    assert max(len(line) for line in letter.text.split("\n")) <= 78  # --format text: 72 columns, as before


def test_space_stuffing() -> None:
    assert flow_line("From here on") == " From here on"
    assert flow_line("> not a quote") == " > not a quote"
    assert flow_line(" leading") == "  leading"
    assert flow_line("Fromage") == "Fromage"
    long = "x " * 40 + "From now on " + "y " * 30
    flowed = flow_line(long.strip())
    assert all(not line.startswith("From ") for line in flowed.split("\n"))
    assert unflow(flowed) == long.strip()


@settings(max_examples=examples(25, 200), deadline=None)
@given(st.lists(st.text(st.sampled_from("ab >F-romé\u00a0"), max_size=200), max_size=5))
def test_flowed_reads_back_exactly(lines: list[str]) -> None:
    text = "\n".join(line.rstrip(" ") for line in lines)
    flowed = to_flowed(text)
    assert unflow(flowed) == text
    for line in flowed.split("\n"):
        assert not line.startswith(("From ", ">")) and (not line.startswith(" ") or line[1:2] in (" ", ">", "F"))


def test_mailto_body_is_unwrapped() -> None:
    letter = client_letter("tr")
    body = unquote(letter.mailto().split("&body=", 1)[1])
    assert body == letter.unwrapped.rstrip("\n").replace("\n", "\r\n")
    assert max(len(line) for line in body.split("\r\n")) > 72


# --- --copy: which flavours, by which command ------------------------------------------------------

def fake_tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def which_of(*present: str):
    return lambda name: f"/fake/{name}" if name in present else None


def test_macos_puts_html_and_text_with_osascript_then_pbcopy() -> None:
    found = ways("Grüße", "<p>Grüße</p>", platform="darwin", environ={},
                 which=which_of("osascript", "pbcopy"))
    assert [w.name for w in found] == ["osascript", "pbcopy"]
    assert found[0].argv[:3] == ["osascript", "-l", "JavaScript"] and "NSPasteboardTypeHTML" in found[0].argv[-1]
    assert json.loads(found[0].data) == {"html": "<p>Grüße</p>", "text": "Grüße"}
    assert found[1].data == "Grüße".encode() and found[1].env == {"LC_ALL": "en_US.UTF-8"}
    assert found[0].flavours == "HTML and plain text" and found[1].flavours == "plain text only"


def test_windows_puts_cf_html_and_unicode_text_with_powershell_then_clip() -> None:
    found = ways("Grüße", "<html><body><p>Grüße</p></body></html>", platform="win32", environ={},
                 which=which_of("powershell", "pwsh", "clip"))
    assert [w.name for w in found] == ["powershell", "clip"]
    assert "-STA" in found[0].argv and "HTML Format" in found[0].argv[-1]
    html_b64, text_b64 = found[0].data.split(b"\n")[:2]
    assert base64.b64decode(text_b64).decode() == "Grüße"
    assert base64.b64decode(html_b64).startswith(b"Version:0.9\r\nStartHTML:")
    assert found[1].data == "\ufeffGrüße".encode("utf-16-le")
    assert [w.name for w in ways("t", "<p>t</p>", platform="win32", environ={}, which=which_of("pwsh"))] == ["pwsh"]


def test_cf_html_offsets_count_utf8_bytes() -> None:
    data = cf_html('<!DOCTYPE html>\n<html><head><title>T</title></head><body style="color:red">'
                   "<p>Şahin &amp; Groß</p>\n</body></html>")
    header = dict(line.split(":", 1) for line in data.split(b"<html>")[0].decode().splitlines() if ":" in line)
    start, end = int(header["StartFragment"]), int(header["EndFragment"])
    assert data[start:end].decode() == '<div style="color:red"><p>Şahin &amp; Groß</p>\n</div>'
    assert data[int(header["StartHTML"]):int(header["EndHTML"])].startswith(b"<html>")
    assert int(header["EndHTML"]) == len(data)


def test_wayland_offers_one_flavour_the_format_asks_for_x11_both() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    every = which_of("wl-copy", "xclip", "xsel")
    found = ways("text", "<p>html</p>", platform="linux", environ=env, which=every)
    assert [w.name for w in found] == ["wl-copy", "X11", "xclip", "xsel"]
    assert found[0].argv == ["wl-copy", "--type", "text/html"] and found[0].data == b"<p>html</p>"
    assert found[1].flavours == "HTML and plain text" and found[1].detached
    plain = ways("text", "<p>html</p>", prefer_html=False, platform="linux", environ=env, which=every)
    assert plain[0].argv == ["wl-copy", "--type", "text/plain;charset=utf-8"] and plain[0].data == b"text"
    assert plain[2].argv[-1] == "UTF8_STRING" and plain[2].data == b"text"
    assert [w.name for w in ways("t", None, platform="linux", environ={}, which=every)] == []


@pytest.mark.skipif(sys.platform != "linux", reason="the fake clipboard tools are POSIX shell scripts")
@pytest.mark.parametrize("args, kind, expected", [
    ([], "text/html", "html"),  # the default md is no choice of Markdown
    (["-f", "html"], "text/html", "html"),
    (["-f", "eml"], "text/html", "html"),
    (["-f", "text"], "text/plain;charset=utf-8", "unwrapped"),
    (["-f", "mailto"], "text/plain;charset=utf-8", "unwrapped"),
    (["-f", "md"], "text/plain;charset=utf-8", "markdown"),  # Markdown on purpose
])
def test_copy_never_puts_markdown_unless_asked(tmp_path: Path, args: list[str], kind: str, expected: str) -> None:
    fake_tool(tmp_path, "wl-copy", f'echo "$@" > "{tmp_path}/args"; cat > "{tmp_path}/clip"\n')
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "WAYLAND_DISPLAY": "wayland-9", "DISPLAY": ""}
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim [x](y) **Boss**", "--email", "k@example.com",
                 *args, "--copy", env=env)
    assert result.exit_code == 0, result.stderr
    letter = draft("capacity", {"name": "Kim [x](y) **Boss**", "email": "k@example.com"}, lang="en")
    assert (tmp_path / "args").read_text().split() == ["--type", kind]
    assert (tmp_path / "clip").read_text(encoding="utf-8") == getattr(letter, expected)
    assert "(wl-copy)" in result.stderr and result.stderr.count("\n") == 1


def test_no_clipboard_is_one_note() -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "PATH": "/nonexistent"}
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "-f", "html", "--copy", env=env)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert result.stderr.count("\n") == 1 and "no clipboard" in result.stderr


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X server on a free display (Xvfb -displayfd); its DISPLAY."""
    missing = [tool for tool in ("Xvfb", "xclip") if shutil.which(tool) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed (apt-get install xvfb xclip)"
        if os.environ.get("REFUSALKIT_REQUIRE_CLIPBOARD"):
            pytest.fail(reason)
        pytest.skip(reason)
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "320x240x24"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as fh:
            number = fh.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()  # the clipboard owner ends with its X server
        server.wait(timeout=10)


def paste(display: str, target: str) -> str:
    return subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", target], env={**os.environ, "DISPLAY": display},
                          capture_output=True, check=True, timeout=10).stdout.decode("utf-8")


def test_xclip_reads_back_html_and_plain_text_under_xvfb(xvfb: str) -> None:
    env = {"DISPLAY": xvfb, "WAYLAND_DISPLAY": ""}
    result = run("draft", "-r", "nonpayment", "-l", "de", "--client", str(ROOT / "tests/data/anna.toml"),
                 "-f", "html", "--copy", env=env)
    assert result.exit_code == 0, result.stderr
    assert "as HTML and plain text (X11)" in result.stderr
    import tomllib

    letter = draft("nonpayment", tomllib.loads((ROOT / "tests/data/anna.toml").read_text(encoding="utf-8")), lang="de")
    targets = paste(xvfb, "TARGETS").split()
    assert {"text/html", "UTF8_STRING", "text/plain;charset=utf-8", "STRING", "TARGETS"} <= set(targets)
    assert paste(xvfb, "text/html") == result.stdout == letter.html
    text = paste(xvfb, "UTF8_STRING")
    assert text == paste(xvfb, "text/plain;charset=utf-8") == letter.unwrapped
    assert text.startswith("Sehr geehrte Frau Dr. Schmidt,\n\n") and "<p" not in text
    assert max(len(p) for p in text.split("\n\n")) > 72  # unwrapped, as webmail wants

    # Markdown only on purpose: then it is the one flavour, as plain text
    md = run("draft", "-r", "nonpayment", "-l", "de", "--client", str(ROOT / "tests/data/anna.toml"),
             "-f", "md", "--copy", env=env)
    assert md.exit_code == 0 and "as plain text (X11)" in md.stderr
    assert "text/html" not in paste(xvfb, "TARGETS").split()
    assert paste(xvfb, "UTF8_STRING") == md.stdout

    # whoever copies next owns the clipboard: the helper gives way
    subprocess.run(["xclip", "-selection", "clipboard"], input=b"next", env={**os.environ, "DISPLAY": xvfb},
                   check=True, timeout=10)
    deadline = time.monotonic() + 10
    while paste(xvfb, "UTF8_STRING") != "next" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert paste(xvfb, "UTF8_STRING") == "next"


# --- --open, --edit, the unfinished-template warning -------------------------------------------------

def test_open_launches_the_mailto_link(monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[str] = []
    monkeypatch.setattr("click.launch", lambda url, **kw: launched.append(url) or 0)
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--email", "k@example.com",
                 "-f", "mailto", "--open")
    assert result.exit_code == 0 and launched == [result.stdout.strip()]
    assert launched[0].startswith("mailto:k@example.com?subject=")
    wrong = run("draft", "-r", "capacity", "-l", "en", "--open")
    assert wrong.exit_code == 2 and "--open works with --format mailto" in wrong.stderr and not launched[1:]


@pytest.mark.skipif(sys.platform == "win32", reason="the fake editor is a shell script")
@pytest.mark.parametrize("fmt", ["eml", "mailto"])
def test_edit_works_for_eml_and_mailto_and_both_parts_come_from_the_edit(tmp_path: Path, fmt: str) -> None:
    fake_tool(tmp_path, "ed", 'sed -i "s/^Kind regards,$/Warm regards, **Kim** [site](https:\\/\\/example.org)/" "$1"\n')
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Ana", "--email", "a@example.com",
                 "-f", fmt, "--edit", env={"EDITOR": str(tmp_path / "ed")})
    assert result.exit_code == 0, result.stderr
    if fmt == "eml":
        msg = email.message_from_string(result.stdout, policy=policy.default)
        text = unflow(msg.get_body(("plain",)).get_content())
        html = msg.get_body(("html",)).get_content()
        assert 'Warm regards, <strong>Kim</strong> <a href="https://example.org">site</a>' in html
        assert "Kind regards" not in html and "Kind regards" not in text
    else:
        text = unquote(result.stdout.strip().split("&body=", 1)[1])
    assert "Warm regards, Kim site (https://example.org)" in text


def test_edit_eml_to_a_file_and_an_empty_edit_cancels(tmp_path: Path) -> None:
    fake_tool(tmp_path, "ed", 'sed -i "s/Dear Ana,/Hello Ana,/" "$1"\n')
    fake_tool(tmp_path, "empty", ': > "$1"\n')
    out = tmp_path / "d.eml"
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Ana", "--edit", "-o", str(out),
                 env={"EDITOR": str(tmp_path / "ed")})
    assert result.exit_code == 0, result.stderr
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert msg.get_body(("plain",)).get_content().startswith("Hello Ana,")
    assert b"\n" not in out.read_bytes().replace(b"\r\n", b"")
    empty = run("draft", "-r", "capacity", "-l", "en", "-f", "eml", "--edit", env={"EDITOR": str(tmp_path / "empty")})
    assert empty.exit_code == 1 and empty.stdout == "" and "cancelled" in empty.stderr


def house_with(tmp_path: Path, insert: str) -> Path:
    result = run("init", str(tmp_path / "house"), "--reason", "capacity", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    template = tmp_path / "house" / "templates" / "capacity" / "en.md.j2"
    source = template.read_text(encoding="utf-8")
    line = "I need to make sure my existing clients get the attention they deserve."  # the prospect reason, formal
    assert line in source
    template.write_text(source.replace(line, line + " " + insert), encoding="utf-8")
    return tmp_path / "house" / "refusalkit.toml"


@pytest.mark.parametrize("insert, shown", [("TODO: soften", "'TODO'"), ("FIXME", "'FIXME'"),
                                           ("{{ '{{' }} name }}", "'{{'")])
def test_a_letter_with_a_template_left_unfinished_warns(tmp_path: Path, insert: str, shown: str) -> None:
    style = house_with(tmp_path, insert)
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--style", str(style))
    assert result.exit_code == 0 and result.stdout.startswith("Dear Kim,")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and shown in warnings[0] and "capacity/en.md.j2" in warnings[0]


def test_no_warning_for_the_builtin_letters_or_client_text() -> None:
    for lang in ("de", "en", "tr"):
        result = run("draft", "-r", "nonpayment", "-l", lang, "--name", "TODO FIXME {{ x }}",
                     "--client", str(ROOT / "tests/data/anna.toml"))
        assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


# --- shell completion ------------------------------------------------------------------------------

def complete(shell: str, words: str, env: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Ask the CLI for completions as the sourced script of `shell` does: (type, value) pairs."""
    args = words.split(" ")
    environ = {"_REFUSALKIT_COMPLETE": f"{shell}_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(args) - 1) if shell != "fish" else args[-1], **(env or {})}
    result = CliRunner().invoke(cli, [], env=environ, prog_name="refusalkit")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    out = result.stdout
    if shell == "bash":
        return [tuple(line.split(",", 1)) for line in out.splitlines()]  # type: ignore[misc]
    if shell == "zsh":  # type, value, help: three lines each
        lines = out.splitlines()
        return [(lines[i], lines[i + 1]) for i in range(0, len(lines), 3)]
    return [tuple(line.split(",", 1)) for line in out.splitlines()]  # type: ignore[misc]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_of_reasons_aliases_languages_choices_and_files(shell: str) -> None:
    values = lambda words: [v.split("\t")[0] for _, v in complete(shell, words)]  # fish: value\thelp  # noqa: E731
    reasons = values("refusalkit draft --reason ")
    assert {"capacity", "nonpayment", "scope-creep", "busy"} <= set(reasons)
    assert values("refusalkit draft -r non") == ["nonpayment"]
    assert values("refusalkit draft --lang ") == ["de", "en", "tr"]
    assert values("refusalkit reasons -l t") == ["tr"]
    assert values("refusalkit draft --relationship ") == ["prospect", "client"]
    assert set(values("refusalkit draft -f ")) == {"md", "html", "text", "eml", "mailto"}
    assert complete(shell, "refusalkit draft --client an") == [("file", "an")]
    assert complete(shell, "refusalkit draft -o let")[0][0] == "file"
    assert complete(shell, "refusalkit init ")[0][0] == "dir"
    assert complete(shell, "refusalkit batch clients.c") == [("file", "clients.c")]
    assert values("refusalkit batch clients.csv -r fee") == ["fee-disputes"]
    assert complete(shell, "refusalkit batch clients.csv -d ou")[0][0] == "dir"
    if shell != "bash":  # zsh and fish show a reason's title beside it
        out = complete(shell, "refusalkit draft --reason capa")
        assert [v.split("\t")[0] for _, v in out] == ["capacity"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_survives_a_broken_house_style(tmp_path: Path, shell: str) -> None:
    broken = tmp_path / "refusalkit.toml"
    broken.write_text("templates = [\n", encoding="utf-8")
    for env in ({"REFUSALKIT_STYLE": str(broken)}, {"REFUSALKIT_STYLE": str(tmp_path / "missing.toml")}):
        got = [v for _, v in complete(shell, "refusalkit draft --reason capa", env)]
        assert [v.split("\t")[0] for v in got] == ["capacity"]
        assert "en" in [v for _, v in complete(shell, f"refusalkit draft --style {broken} --lang ", env)]


def test_completion_offers_a_team_reason(tmp_path: Path) -> None:
    house = tmp_path / "house"
    (house / "templates" / "ghosting").mkdir(parents=True)
    (house / "refusalkit.toml").write_text('templates = ["templates"]\n', encoding="utf-8")
    source = (ROOT / "templates" / "capacity" / "reason.toml").read_text(encoding="utf-8")
    (house / "templates" / "ghosting" / "reason.toml").write_text(source.replace('"busy"', '"ghost"'),
                                                                  encoding="utf-8")
    got = [v for _, v in complete("bash", f"refusalkit draft --style {house / 'refusalkit.toml'} -r g")]
    assert "ghosting" in got


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completion_script_works_in_bash(tmp_path: Path) -> None:
    """The README's line for bash, sourced in a real bash, completes an alias."""
    fake_tool(tmp_path, "refusalkit", f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m refusalkit "$@"\n')
    script = ('eval "$(_REFUSALKIT_COMPLETE=bash_source refusalkit)"; '
              "COMP_WORDS=(refusalkit draft --reason nonp); COMP_CWORD=3; _refusalkit_completion refusalkit; "
              'printf "%s\\n" "${COMPREPLY[@]}"')
    out = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["nonpayment"]


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_the_text_of_an_edited_html_letter_is_made_as_a_drafted_letters(lang: str) -> None:
    """--edit -f html --copy: the edited HTML's text flavour comes from the same parser as every
    letter's text; unedited, it is exactly the letter's unwrapped text (Turkish İ included)."""
    from refusalkit.formats import html_to_text

    letter = draft("nonpayment", {"name": "İlker & <b>Şahin</b>", "relationship": "client", "amount_due": 5,
                                  "currency": "EUR", "referrals": [{"name": "Jo", "contact": "jo@x.org"}],
                                  "resources": [{"title": "G", "url": "https://e.org/x"}]}, lang=lang)
    assert html_to_text(letter.html) == letter.unwrapped
    assert html_to_text("<P>A <a href='https://e.org'>b</a></P><p>c<br>d</p>") == "A b (https://e.org)\n\nc\nd\n"


def test_no_clipboard_says_why_in_one_line() -> None:
    from refusalkit.clipboard import no_clipboard

    assert "wl-clipboard (Wayland) or xclip (X11)" in no_clipboard("linux", {"WAYLAND_DISPLAY": "w"}, [])
    assert "X11, xclip failed" in no_clipboard("linux", {"DISPLAY": ":0"}, ["X11", "xclip"])
    assert "pbcopy" in no_clipboard("darwin", {}, []) and "PowerShell" in no_clipboard("win32", {}, [])
    assert all("\n" not in no_clipboard(p, {}, []) for p in ("linux", "darwin", "win32"))


HOSTILE_COMPANY = "A|B <x> ~y & <img src=x onerror=alert(1)> *z* =1"


@pytest.mark.skipif(sys.platform == "win32", reason="the fake editor is a shell script")
@pytest.mark.parametrize("fmt", ["eml", "mailto"])
def test_edit_shows_client_text_as_typed_and_both_parts_keep_it(tmp_path: Path, fmt: str) -> None:
    """A company "A|B <x> ~y": the editor shows it so, not as "A\\|B \\<x\\> \\~y", and the text
    and HTML parts rebuilt from the edit show the plain characters (HTML-escaped in HTML)."""
    record = tmp_path / "k.json"
    record.write_text(json.dumps({"name": "Kim Lee", "email": "k@example.com", "company": HOSTILE_COMPANY,
                                  "request": f"a site for {HOSTILE_COMPANY}"}), encoding="utf-8")
    seen = tmp_path / "seen.md"
    fake_tool(tmp_path, "ed", f'cp "$1" "{seen}"\nsed -i "s/^Kind regards,$/Kind regards, Kim/" "$1"\n')
    result = run("draft", "-r", "capacity", "-l", "en", "-c", str(record), "-f", fmt, "--edit",
                 env={"EDITOR": str(tmp_path / "ed")})
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text(encoding="utf-8")
    assert f"a site for {HOSTILE_COMPANY.replace('*z*', chr(92) + '*z' + chr(92) + '*')}" in shown, shown
    if fmt == "eml":
        msg = email.message_from_string(result.stdout, policy=policy.default)
        text = unflow(msg.get_body(("plain",)).get_content())
        html = msg.get_body(("html",)).get_content()
        body = html.split("<body", 1)[1]
        assert "A|B &lt;x&gt; ~y &amp; &lt;img src=x onerror=alert(1)&gt; *z* =1" in body, body
        assert "<img" not in body and "\\" not in body
    else:
        text = unquote(result.stdout.strip().split("&body=", 1)[1])
    assert f"a site for {HOSTILE_COMPANY}" in text and "\\" not in text
    assert "Kind regards, Kim" in text


def test_an_edited_md_letter_copies_without_foreign_escapes() -> None:
    from refusalkit.mailtext import edited_letter

    letter = draft("capacity", {"name": "Kim", "company": "A|B <x> ~y", "request": "A|B <x> ~y"}, lang="en")
    assert "A\\|B \\<x\\> \\~y" in letter.markdown  # the md format keeps its escapes
    again = edited_letter(letter, letter.markdown)
    assert "A|B &lt;x&gt; ~y" in again.html and "A|B <x> ~y" in again.unwrapped
    assert "\\" not in again.unwrapped
