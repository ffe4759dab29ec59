"""Informal letters are signed as informal mail is: the closing, the sender's given name
alone on the next line, a blank line, then the sender lines (or the signature lines).
Formal letters keep the closing, a blank line and the sender lines."""

from __future__ import annotations

import email
import json
import re
from email import policy
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from refusalkit import draft
from refusalkit.api import Engine
from refusalkit.cli import cli
from refusalkit.personal import layered
from refusalkit.render import _closing
from refusalkit.style import Style, given_name, load

from .strategies import LANGS, SETTINGS, check_letter, clean_text, fold, parse

pytestmark = pytest.mark.usefixtures("shared_engine")

KATRIN = {"name": "Katrin Berger", "company": "Berger Beratung", "email": "katrin@berger.example"}
CLIENT = {"name": "Jonas Weber", "formal": False}


def letter(sender: dict[str, str] | None, lang: str = "de", formal: bool = False,
           signatures: Mapping[str, tuple[str, ...]] | None = None, fmt: str = "md") -> str:
    style = Style(sender=sender, signatures=dict(signatures or {}))
    drafted = draft("capacity", {**CLIENT, "formal": formal}, lang=lang, style=style)
    return drafted.as_format(fmt)


def closing_of(lang: str, formal: bool) -> str:
    from refusalkit.api import default_engine
    from refusalkit.i18n import translations

    engine = default_engine()  # the module's shared one (conftest.py)
    resolved = engine.resolve("capacity", {**CLIENT, "formal": formal}, lang)
    trans = translations(engine.language(lang))
    # ROUND50-en item 7: the English frame ends the closing line with a comma; German and Turkish do not
    return _closing(resolved.client, trans.gettext) + ("," if lang == "en" else "")


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_informal_letter_signs_with_the_given_name_then_the_sender_lines(lang: str) -> None:
    closing = closing_of(lang, formal=False)
    text = letter(KATRIN, lang, fmt="text")
    assert text.endswith(f"{closing}\nKatrin\n\nKatrin Berger\nBerger Beratung\nkatrin@berger.example\n")
    md = letter(KATRIN, lang)
    assert md.endswith(f"{closing}  \nKatrin\n\nKatrin Berger  \nBerger Beratung  \nkatrin@berger.example\n")
    html = letter(KATRIN, lang, fmt="html")
    assert f">{closing}<br>\nKatrin</p>" in html


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_formal_letter_keeps_the_closing_and_the_sender_lines(lang: str) -> None:
    closing = closing_of(lang, formal=True)
    text = letter(KATRIN, lang, formal=True, fmt="text")
    assert text.endswith(f"{closing}\n\nKatrin Berger\nBerger Beratung\nkatrin@berger.example\n")
    assert "\nKatrin\n" not in text


def test_signature_lines_come_after_the_given_name_and_a_blank_line() -> None:
    signatures = {"de": ("K. Berger", "Berger Beratung · Berlin")}
    text = letter(KATRIN, "de", signatures=signatures, fmt="text")
    assert text.endswith("Viele Grüße\nKatrin\n\nK. Berger\nBerger Beratung · Berlin\n")
    formal = letter(KATRIN, "de", formal=True, signatures=signatures, fmt="text")
    assert formal.endswith("Mit freundlichen Grüßen\n\nK. Berger\nBerger Beratung · Berlin\n")


def test_signature_lines_without_a_sender_have_no_given_name() -> None:
    text = letter(None, "de", signatures={"de": ("Team Berger",)}, fmt="text")
    assert text.endswith("Viele Grüße\n\nTeam Berger\n")


def test_an_unsigned_letter_stays_unsigned() -> None:
    assert letter(None, "de", fmt="text").endswith("Viele Grüße\n")
    assert letter(None, "en", fmt="text").endswith("Best wishes,\n")


@pytest.mark.parametrize("name,given", [
    ("Katrin Berger", "Katrin"),
    ("Dr. Anna-Lena von Müller", "Anna-Lena"),  # a title is not a given name, a particle belongs to the surname
    ("Prof. Dr. Mehmet Ali Birand", "Mehmet Ali"),
    ("ŞEYMA IŞIK", "Şeyma"),  # capitals written as a name, the Turkish way
    ("Müller, Anna", "Anna"),
    ("Prince", None),  # one word: the sender lines show it already
    ("Dr. Berger", None),  # a surname alone
    ("<script>", None),
])
def test_given_name_is_split_from_the_sender_name_as_a_clients_is(name: str, given: str | None) -> None:
    assert given_name({"name": name}) == given


def test_first_name_wins_over_the_split() -> None:
    assert given_name({"name": "Ali Rıza Kaya", "first_name": "Ali Rıza"}) == "Ali Rıza"
    assert given_name({"first_name": "Kati"}) == "Kati"
    assert given_name({"name": "Katrin Berger", "first_name": "Kati"}) == "Kati"
    text = letter({**KATRIN, "first_name": "Kati"}, "de", fmt="text")
    assert text.endswith("Viele Grüße\nKati\n\nKatrin Berger\nBerger Beratung\nkatrin@berger.example\n")
    assert "first_name" not in text and "\nKati\n" not in letter({**KATRIN, "first_name": "Kati"}, formal=True)


@pytest.mark.parametrize("name", ["Prince", "Dr. Berger", "<script>"])
def test_no_given_name_keeps_todays_ending(name: str) -> None:
    text = letter({"name": name, "company": "Berger Beratung"}, "en", fmt="text")
    assert text.endswith(f"Best wishes,\n\n{name}\nBerger Beratung\n")


def test_the_given_name_is_data_in_every_format() -> None:
    sender = {"name": "<b>x</b> *y* [z](https://evil.example) Berger", "email": "k@berger.example"}
    given = "<b>x</b> *y* [z](https://evil.example)"
    drafted = draft("capacity", CLIENT, lang="en", style=Style(sender=sender))
    assert drafted.text.endswith(f"Best wishes,\n{given}\n\n{sender['name']}\nk@berger.example\n")
    assert "Best wishes,<br>\n&lt;b&gt;x&lt;/b&gt; *y* [z](https://evil.example)</p>" in drafted.html
    assert "<b>" not in drafted.html and "<a " not in drafted.html
    assert r"Best wishes,  " "\n" r"\<b\>x\</b\> \*y\* \[z\](https://evil.example)" "\n\n" in drafted.markdown
    message = email.message_from_bytes(drafted.eml(), policy=policy.default)
    plain_part, html_part = message.get_body(("plain",)), message.get_body(("html",))
    assert plain_part is not None and html_part is not None
    assert f"Best wishes,\n{given}\n\n" in plain_part.get_content().replace("\r\n", "\n")
    assert "&lt;b&gt;x" in html_part.get_content()
    body = unquote(drafted.mailto().partition("&body=")[2])
    assert body.endswith(f"Best wishes,\r\n{given}\r\n\r\n{sender['name']}\r\nk@berger.example")


def test_house_style_first_name_is_read_and_checked(tmp_path: Path) -> None:
    style_file = tmp_path / "refusalkit.toml"
    style_file.write_text('[sender]\nname = "Katrin Berger"\nfirst_name = "Kati"\n', encoding="utf-8")
    assert load(str(style_file)).sender == {"name": "Katrin Berger", "first_name": "Kati"}
    style_file.write_text('[sender]\nfirst_name = "Ka\\ntrin"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "-r", "capacity", "--style", str(style_file)])
    assert result.exit_code == 1 and "first_name" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_teams_sender_name_does_not_take_the_persons_given_name() -> None:
    mine = Style(sender={"name": "Katrin Berger", "first_name": "Kati"})
    team = layered(Style(sender={"name": "Jan Weber", "company": "Weber & Co"}), mine)
    assert given_name(team.sender) == "Jan"
    kept = layered(Style(sender={"company": "Weber & Co"}), mine)
    assert given_name(kept.sender) == "Kati"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setenv("REFUSALKIT_CONFIG_DIR", str(config))
    monkeypatch.delenv("REFUSALKIT_STYLE", raising=False)
    monkeypatch.chdir(tmp_path)
    return config


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_setup_first_name_signs_informal_letters(home: Path) -> None:
    assert run("setup", "--no-input", "--name", "Ali Rıza Kaya", "--first-name", "Ali Rıza",
               "--signature", "tr=Ali Rıza Kaya | Kaya Danışmanlık").exit_code == 0
    assert 'first_name = "Ali Rıza"' in (home / "refusalkit.toml").read_text(encoding="utf-8")
    tr = run("draft", "-r", "capacity", "--name", "Emre Can", "--informal", "-l", "tr", "-f", "text")
    assert tr.exit_code == 0 and tr.stdout.endswith("\nAli Rıza\n\nAli Rıza Kaya\nKaya Danışmanlık\n")
    de = run("draft", "-r", "capacity", "--name", "Emre Can", "--informal", "-l", "de", "-f", "text")
    assert de.stdout.endswith("Viele Grüße\nAli Rıza\n\nAli Rıza Kaya\n")
    # a new name with --force: the given name of the old one is not kept
    assert run("setup", "--no-input", "--force", "--name", "Katrin Berger").exit_code == 0
    assert "first_name" not in (home / "refusalkit.toml").read_text(encoding="utf-8")
    de = run("draft", "-r", "capacity", "--name", "Emre Can", "--informal", "-l", "de", "-f", "text")
    assert de.stdout.endswith("Viele Grüße\nKatrin\n\nKatrin Berger\n")


def test_batch_signs_informal_rows_with_the_given_name(tmp_path: Path) -> None:
    style_file = tmp_path / "refusalkit.toml"
    style_file.write_text('[sender]\nname = "Katrin Berger"\ncompany = "Berger Beratung"\n', encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("name,formal\nJonas Weber,nein\nAnna Schmidt,ja\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", "-r", "capacity", "-l", "de", "-f", "text", "-d", str(out),
                                      "--style", str(style_file), str(rows)])
    assert result.exit_code == 0, result.stderr
    informal, formal = (p.read_text(encoding="utf-8") for p in sorted(out.iterdir()) if p.suffix == ".txt")
    assert informal.endswith("Viele Grüße\nKatrin\n\nKatrin Berger\nBerger Beratung\n")
    assert formal.endswith("Mit freundlichen Grüßen\n\nKatrin Berger\nBerger Beratung\n")


def test_the_page_signs_informal_letters_as_draft_does() -> None:
    import http.client
    import threading

    from refusalkit.serve import make_server

    style = Style(sender=KATRIN)
    server = make_server(Engine(style=style), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        request = {"reason": "capacity", "lang": "tr", "relationship": "prospect", "formal": False,
                   "explain": True, "client": {"name": "Emre Can"}}
        conn.request("POST", "/api/draft", body=json.dumps(request).encode(),
                     headers={"Host": f"127.0.0.1:{server.port}", "Content-Type": "application/json"})
        data = json.loads(conn.getresponse().read())
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
    assert data["ok"], data
    expected = draft("capacity", {"name": "Emre Can", "formal": False}, lang="tr", style=style)
    assert data["text"] == expected.text and data["html"] == expected.html
    assert data["text"].endswith("\nKatrin\n\nKatrin Berger\nBerger Beratung\nkatrin@berger.example\n")


@SETTINGS
@given(name=clean_text, lang=st.sampled_from(LANGS))
def test_any_sender_name_signs_as_data(name: str, lang: str) -> None:
    """Whatever the sender's name, the informal ending has the markup of a plain name's:
    the given name (if the name has one apart from the whole) is text, never HTML."""
    name = fold(name)
    sender = {"name": name, "email": "k@berger.example"}
    first = given_name(sender)
    plain = {"name": "Plain Words" if first else "Plain", "email": "k@berger.example"}
    drafted = draft("capacity", CLIENT, lang=lang, style=Style(sender=sender))
    benign = draft("capacity", CLIENT, lang=lang, style=Style(sender=plain))
    check_letter(drafted.html, "html", {"name": name})
    assert parse(drafted.html).tags == parse(benign.html).tags, "the sender's name changed the markup"
    if first:  # as written, but for the isolation of bidi controls (render.isolate)
        assert unbidi(fold(first)) in unbidi(fold("".join(parse(drafted.html).text)))
        assert closing_of(lang, formal=False) + "\n" + unbidi(first) + "\n\n" in unbidi(drafted.unwrapped)


def unbidi(text: str) -> str:
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)
