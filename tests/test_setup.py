"""`refusalkit setup`: the sender's own name, signatures and defaults, found from any folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refusalkit.cli import cli

HOUSE = Path(__file__).parent / "data" / "house" / "refusalkit.toml"
UNSIGNED = "refusalkit: note: the letter"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of its own, and a working folder without a house style."""
    config = tmp_path / "config"
    monkeypatch.setenv("REFUSALKIT_CONFIG_DIR", str(config))
    monkeypatch.delenv("REFUSALKIT_STYLE", raising=False)
    monkeypatch.delenv("REFUSALKIT_NO_SIGNATURE_NOTE", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return config


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


SCRIPTED = ("setup", "--no-input", "--name", "Anna Berger", "--role", "Beraterin", "--company", "Berger Consulting",
            "--email", "anna@berger.example", "--lang", "de", "--format", "text",
            "--signature", "de=Anna Berger | Berger Consulting · Berlin", "--signature", "tr=Anna Berger | Berger Danışmanlık")


def test_setup_by_prompts_signs_every_later_letter_from_any_folder(home: Path, tmp_path: Path) -> None:
    before = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "de")
    assert before.stderr.startswith(UNSIGNED) and before.stdout.rstrip().endswith("Mit freundlichen Grüßen")
    answers = "\n".join(["Anna Berger", "Beraterin", "Berger Consulting", "anna@berger.example", "de", "text", "",
                         "Anna Berger | Berger Consulting · Berlin", "", "Anna Berger | Berger Danışmanlık"]) + "\n"
    result = run("setup", input=answers)
    assert result.exit_code == 0, result.stderr
    assert (home / "refusalkit.toml").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    de = run("draft", "-r", "capacity", "--name", "Kim Mayer")  # the default language and format from setup
    assert de.exit_code == 0 and de.stderr == ""
    assert de.stdout.startswith("Guten Tag Kim Mayer,") and "**" not in de.stdout
    assert de.stdout.rstrip().endswith("Mit freundlichen Grüßen\n\nAnna Berger\nBerger Consulting · Berlin")
    en = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "en")  # no English signature: the sender block
    assert en.stderr == "" and en.stdout.rstrip().endswith(
        "Anna Berger\nBeraterin\nBerger Consulting\nanna@berger.example")
    tr = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "tr", "-f", "eml").stdout
    assert "Berger Danışmanlık" in tr.encode().decode() or "From:" in tr
    assert "anna@berger.example" in tr  # From:


def test_setup_by_options_writes_nothing_half_and_never_overwrites(home: Path) -> None:
    assert run(*SCRIPTED).exit_code == 0
    before = (home / "refusalkit.toml").read_bytes()
    again = run(*SCRIPTED[:-2])
    assert again.exit_code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert (home / "refusalkit.toml").read_bytes() == before
    bad = run("setup", "--no-input", "--force", "--name", "Anna", "--email", "not an address")
    assert bad.exit_code == 1 and len(bad.stderr.splitlines()) == 1 and "email" in bad.stderr
    assert (home / "refusalkit.toml").read_bytes() == before
    changed = run("setup", "--no-input", "--force", "--name", "Anna Schmidt")
    assert changed.exit_code == 0, changed.stderr
    text = (home / "refusalkit.toml").read_text(encoding="utf-8")
    assert 'name = "Anna Schmidt"' in text and 'company = "Berger Consulting"' in text  # the rest is kept


def test_hostile_values_stay_data(home: Path) -> None:
    result = run("setup", "--no-input", "--name", 'Anna "{{ 7*7 }}" <b>', "--signature", "de=a\\b | \"quoted\"")
    assert result.exit_code == 0, result.stderr
    en = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "en", "-f", "html").stdout
    assert "Anna &quot;{{ 7*7 }}&quot; &lt;b&gt;" in en or "Anna \"{{ 7*7 }}\" &lt;b&gt;" in en
    assert "49" not in en and "<b>" not in en
    de = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "de", "-f", "text").stdout
    assert de.rstrip().endswith('a\\b\n"quoted"')


def test_a_team_style_wins_where_it_sets_a_value(home: Path, tmp_path: Path) -> None:
    assert run(*SCRIPTED).exit_code == 0
    team = tmp_path / "work" / "refusalkit.toml"
    team.write_text('[sender]\ncompany = "Team GmbH"\n\n[defaults]\nformat = "md"\n', encoding="utf-8")
    out = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "en")
    assert out.stderr == ""
    # the team's company and format, the person's own name (no English signature: the sender block)
    assert out.stdout.rstrip().endswith("Anna Berger  \nBeraterin  \nTeam GmbH  \nanna@berger.example")
    # a team's sender block is the team's chosen ending: the person's German signature does not hide it
    de = run("draft", "-r", "capacity", "--name", "Kim Mayer", "-l", "de", "--style", str(HOUSE)).stdout
    assert de.rstrip().endswith("Anna Berger\nBeraterin\nBerger & Co <b>\nanna@berger.example")


def test_batch_notes_an_unsigned_run_once(home: Path, tmp_path: Path) -> None:
    (tmp_path / "work" / "c.csv").write_text("name\nKim Mayer\nAnna Roth\n", encoding="utf-8")
    result = run("batch", "c.csv", "-r", "capacity", "-l", "en", "-d", "out")
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if line.startswith(UNSIGNED)] == [
        "refusalkit: note: the letters are unsigned (no sender name or signature): "
        "run `refusalkit setup` once to sign every letter"]
    assert run(*SCRIPTED).exit_code == 0
    signed = run("batch", "c.csv", "-r", "capacity", "-l", "en", "-d", "out2")
    assert signed.exit_code == 0 and UNSIGNED not in signed.stderr


def test_init_without_templates_does_not_send_the_team_to_edit_templates_it_lacks(home: Path, tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "team"))
    assert result.exit_code == 0 and "edit the templates" not in result.stdout
    assert "--templates" in result.stdout and not (tmp_path / "team" / "templates").exists()
