"""House style: refusalkit.toml, team templates and catalogs, `refusalkit init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refusalkit.cli import cli
from refusalkit.style import find, load

HOUSE = Path(__file__).parent / "data" / "house"
STYLE = str(HOUSE / "refusalkit.toml")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_sender_and_resources_reach_the_letter_escaped() -> None:
    md = ok("draft", "-r", "capacity", "-l", "de", "--name", "Kim Mayer", "--style", STYLE)
    assert md.rstrip().endswith("Anna Berger  \nBeraterin  \nBerger & Co \\<b\\>  \nanna@berger.example")
    assert "[Team guide](https://berger.example/guide)" in md and "[Leitfaden]" in md
    en = ok("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", "--style", STYLE, "-f", "html")
    assert "Berger &amp; Co &lt;b&gt;" in en and "Leitfaden" not in en  # lang = "de" only
    own = ok("draft", "-r", "capacity", "-l", "en", "--client", str(Path(__file__).parent / "data" / "formal.toml"),
             "--style", STYLE)
    assert "Team guide" not in own and "Leitfaden für Auftraggeber" in own  # the record's own win


def test_team_override_wins() -> None:
    assert "Our studio is fully booked until the spring." in ok(
        "draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", "--style", STYLE)
    assert "Our studio" not in ok("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer")


def test_a_team_can_add_a_language() -> None:
    fr = ok("draft", "-r", "capacity", "-l", "fr", "--name", "Claire Dubois", "--salutation", "ms", "--style", STYLE)
    assert fr.startswith("Madame Dubois,\n") and "Cordialement" in fr
    listing = json.loads(ok("reasons", "--json", "--style", STYLE))
    assert "fr" in {item["id"]: item for item in listing}["capacity"]["languages"]
    assert "fr" not in json.loads(ok("reasons", "--json"))[0]["languages"]
    assert run("draft", "-r", "nonpayment", "-l", "fr", "--name", "C D", "--style", STYLE).exit_code == 2


def test_sandbox_escape_in_a_team_template_is_blocked(tmp_path: Path) -> None:
    (tmp_path / "templates" / "capacity").mkdir(parents=True)
    (tmp_path / "templates" / "capacity" / "en.md.j2").write_text(
        '{% extends "_base/en.md.j2" %}{% block reason %}'
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{% endblock %}", encoding="utf-8")
    (tmp_path / "refusalkit.toml").write_text("", encoding="utf-8")
    result = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--style", str(tmp_path / "refusalkit.toml"))
    assert result.exit_code == 1 and result.stdout == ""
    assert "capacity/en.md.j2" in result.stderr and "sandbox" in result.stderr
    assert "<class" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_defaults_apply_and_options_win(tmp_path: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text('[defaults]\nlang = "tr"\nformat = "text"\nformal = false\n', encoding="utf-8")
    out = ok("draft", "-r", "capacity", "--name", "Emre Kaya", "--style", str(style))
    assert out.startswith("Merhaba Emre,\n") and "**" not in out
    out = ok("draft", "-r", "capacity", "--name", "Emre Kaya", "--style", str(style), "-l", "de", "--formal", "-f", "md")
    assert out.startswith("Guten Tag Emre Kaya,\n")


def test_style_is_found_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, d = (tmp_path / n for n in "abcd")
    for folder in (a, b, c):
        folder.mkdir()
        (folder / "refusalkit.toml").write_text("", encoding="utf-8")
    config = d / "refusalkit"
    config.mkdir(parents=True)
    (config / "refusalkit.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(d))
    monkeypatch.chdir(c)
    monkeypatch.setenv("REFUSALKIT_STYLE", str(b / "refusalkit.toml"))
    assert find(str(a / "refusalkit.toml")) == str(a / "refusalkit.toml")
    assert find() == str(b / "refusalkit.toml")
    monkeypatch.delenv("REFUSALKIT_STYLE")
    assert find() == "refusalkit.toml"
    monkeypatch.chdir(tmp_path)
    assert find() == str(config / "refusalkit.toml")


@pytest.mark.parametrize("text,needle", [
    ("[sendr]\nname = 'x'\n", "unknown key 'sendr'"),
    ("[sender]\nfax = '1'\n", "unknown key 'fax'"),
    ('[sender]\nname = "a\\nb"\n', "one line"),
    ("[defaults]\nformat = 'pdf'\n", "defaults.format"),
    ("[defaults]\nformal = 'yes'\n", "defaults.formal"),
    ("templates = ['nowhere']\n", "'nowhere' does not exist"),
    ("[[resources]]\ntitle = 'x'\nurl = 'javascript:alert(1)'\n", "url"),
    ("[sender\n", "invalid TOML"),
])
def test_bad_style_is_one_clear_line(tmp_path: Path, text: str, needle: str) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text(text, encoding="utf-8")
    result = run("draft", "-r", "capacity", "--name", "Kim", "--style", str(style))
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and needle in result.stderr and str(style) in result.stderr


def test_no_style_no_placeholder_and_a_note_every_time(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "REFUSALKIT_NO_SIGNATURE_NOTE": ""}
    first = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", env=env)
    second = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", env=env)
    # an unsigned letter is a mistake each time: the note comes every time, one line, on stderr
    for result in (first, second):
        assert result.stderr.splitlines() == [
            "refusalkit: note: the letter is unsigned (no sender name or signature for en): "
            "run `refusalkit setup` once to sign every letter"]
    assert first.stdout == second.stdout and first.stdout.rstrip().endswith("Kind regards,")  # ROUND50-en item 7
    assert "Your Name" not in first.stdout
    signed = run("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", "--style", STYLE, env=env)
    assert signed.stderr == ""


def test_init_writes_editable_copies_and_never_overwrites(tmp_path: Path) -> None:
    out = ok("init", str(tmp_path), "--reason", "busy", "--lang", "de")
    assert "refusalkit.toml" in out
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert names == ["refusalkit.toml", "templates/_base/de.md.j2", "templates/_base/layout.md.j2",
                     "templates/capacity/de.md.j2", "templates/capacity/reason.toml"]
    assert all(line.startswith("#") or not line.strip()
               for line in (tmp_path / "refusalkit.toml").read_text(encoding="utf-8").splitlines())
    assert (tmp_path / "templates/capacity/de.md.j2").read_text(encoding="utf-8").startswith(
        "{#- refusalkit-original: capacity/de.md.j2 sha256:")
    assert load(str(tmp_path / "refusalkit.toml")).templates == (str(tmp_path / "templates"),)
    # the copies render exactly as the built-in templates do
    style = str(tmp_path / "refusalkit.toml")
    same = ["draft", "-r", "capacity", "-l", "de", "--name", "Kim Mayer"]
    assert ok(*same, "--style", style) == ok(*same)
    before = (tmp_path / "refusalkit.toml").read_bytes()
    again = run("init", str(tmp_path))
    assert again.exit_code == 2 and "never overwrites" in again.stderr
    assert (tmp_path / "refusalkit.toml").read_bytes() == before
    assert not (tmp_path / "templates" / "nonpayment").exists()  # nothing written half


def test_init_writes_only_the_style_file_unless_asked_for_templates(tmp_path: Path) -> None:
    out = ok("init", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["refusalkit.toml"]
    assert out.splitlines()[0] == f"wrote {tmp_path / 'refusalkit.toml'}"
    again = run("init", str(tmp_path))
    assert again.exit_code == 2 and "never overwrites" in again.stderr


def test_init_everything(tmp_path: Path) -> None:
    ok("init", str(tmp_path / "house"), "--templates")
    assert len(list((tmp_path / "house" / "templates").rglob("*.md.j2"))) == 1 + 3 + 16 * 3
    assert run("init", str(tmp_path / "x"), "--lang", "xx").exit_code == 2
    assert "did you mean" in run("init", str(tmp_path / "y"), "--reason", "nonpaymnt").stderr
