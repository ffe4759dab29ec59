"""vCards as Outlook, Google, Apple and Thunderbird export them: --client anna.vcf and batch contacts.vcf."""

from __future__ import annotations

import email
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from refusalkit.vcard import read_vcard_file

from .helpers import run_in as run

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

CARDS = Path(__file__).parent / "data" / "cards"


def card(name: str) -> dict:
    path = CARDS / name
    return read_vcard_file(str(path), path.read_text(encoding="utf-8"))


def test_outlook_card_quoted_printable_charset_and_soft_line_breaks() -> None:
    assert card("outlook.vcf") == {
        "name": "Jürgen Müller", "first_name": "Jürgen", "surname": "Müller", "title": "Herr",
        "email": "juergen.mueller@example.de",  # the one marked PREF, not the private one
        "company": "Bäckerei Müller & Söhne GmbH",  # CHARSET=Windows-1252, first part of ORG
        "job_title": "Geschäftsführer",
    }


def test_google_card_takes_the_preferred_of_several_emails_and_unfolds() -> None:
    assert card("google.vcf") == {"name": "Ayşe Yılmaz", "first_name": "Ayşe", "surname": "Yılmaz",
                                  "email": "ayse.yilmaz@is.example", "company": "Yılmaz Danışmanlık",
                                  "job_title": "Genel Müdür"}


def test_thunderbird_card_gives_its_language() -> None:
    assert card("thunderbird.vcf")["language"] == "tr" and card("thunderbird.vcf")["email"] == "emre@kaya.example"


def test_draft_from_a_card(tmp_path: Path) -> None:
    result = run("draft", "-r", "capacity", "-l", "de", "-c", str(CARDS / "outlook.vcf"), "-f", "eml")
    assert result.exit_code == 0, result.stderr
    msg = email.message_from_string(result.stdout, policy=policy.default)
    assert msg["To"].addresses[0].addr_spec == "juergen.mueller@example.de"
    assert msg.get_body(("plain",)).get_content().startswith("Sehr geehrter Herr Müller,")
    several = run("draft", "-r", "capacity", "-c", str(CARDS / "apple.vcf"))
    assert several.exit_code == 1 and len(several.stderr.splitlines()) == 1
    assert "holds 2 cards" in several.stderr and "batch" in several.stderr


def test_batch_over_apple_cards_with_item_groups_and_a_folded_photo(tmp_path: Path) -> None:
    result = run("batch", str(CARDS / "apple.vcf"), "-r", "capacity", "-l", "en", "-d", "out", "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    got = []
    for path in sorted((tmp_path / "out").glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        got.append((msg["To"].addresses[0].addr_spec, msg.get_body(("plain",)).get_content().splitlines()[0]))
    assert got == [("inge.weiss@example.de", "Dear Dr Weiß,"), ("john@smith.example", "Dear Mr Smith,")]


def test_a_broken_card_is_one_line_naming_file_and_card(tmp_path: Path) -> None:
    result = run("batch", str(CARDS / "broken.vcf"), "-r", "capacity", "-l", "en", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"refusalkit: error: {CARDS / 'broken.vcf'}, row 2 (line 6): cannot read the card: "
                      "Failed to parse line: this line has no colon"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["0001-kim-mayer.md", "0003-anna-roth.md"]
    (tmp_path / "one.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nno colon\r\nEND:VCARD\r\n",
                                      encoding="utf-8")
    single = run("draft", "-r", "capacity", "-c", str(tmp_path / "one.vcf"))
    assert single.exit_code == 1 and single.stderr.splitlines() == [
        f"refusalkit: error: {tmp_path / 'one.vcf'}, card 1 (line 1): cannot read the card: "
        "Failed to parse line: no colon"]
    (tmp_path / "cut.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\n", encoding="utf-8")
    cut = run("draft", "-r", "capacity", "-c", str(tmp_path / "cut.vcf"))
    assert cut.exit_code == 1 and "card 1 (line 1): the card has no END:VCARD" in cut.stderr


def test_draft_does_not_import_vobject_for_a_toml_record() -> None:
    code = ("import sys; from refusalkit.cli import main\n"
            "sys.argv = ['refusalkit', 'draft', '-r', 'capacity', '--name', 'Kim']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'vobject' not in sys.modules, 'vobject imported'\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
