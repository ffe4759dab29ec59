"""What a letter says: greetings, closings, parts, money and dates, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refusalkit import draft
from refusalkit.api import Engine
from refusalkit.searchpath import SearchPath
from refusalkit.errors import TemplateError, UsageError

from .helpers import DATA, cli_letter, every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py


def first_line(lang: str, **record: object) -> str:
    return draft("capacity", {"name": "Kim Mayer", **record}, lang=lang).markdown.splitlines()[0]


@pytest.mark.parametrize("lang,record,expected", [
    ("de", {"name": "Anna Müller", "salutation": "ms", "title": "Dr."}, "Sehr geehrte Frau Dr. Müller,"),
    ("de", {"name": "Jonas Weber", "salutation": "mr"}, "Sehr geehrter Herr Weber,"),
    ("de", {"name": "Prof. Dr. Max Huber", "salutation": "mr"}, "Sehr geehrter Herr Prof. Dr. Huber,"),
    ("en", {"name": "Dr. Jane Smith", "salutation": "ms"}, "Dear Dr Smith,"),
    ("de", {"name": "Eva Roth", "salutation": "ms", "title": "Prof. Dr.-Ing."}, "Sehr geehrte Frau Prof. Dr. Roth,"),
    ("de", {"name": "Jonas Weber", "salutation": "mr", "title": "Dipl.-Kfm."}, "Sehr geehrter Herr Weber,"),
    ("de", {}, "Guten Tag Kim Mayer,"),
    ("de", {"formal": False}, "Hallo Kim,"),
    ("en", {"name": "Jane Smith", "salutation": "ms"}, "Dear Ms Smith,"),
    ("en", {"name": "Jane Smith", "salutation": "ms", "title": "Dr."}, "Dear Dr Smith,"),
    ("en", {"name": "Alex Smith"}, "Dear Alex Smith,"),
    ("en", {"name": "Alex Smith", "formal": False}, "Hi Alex,"),
    ("tr", {"name": "Ayşe Yılmaz"}, "Sayın Ayşe Yılmaz,"),
    ("tr", {"name": "Ayşe Yılmaz", "salutation": "ms"}, "Ayşe Hanım,"),
    ("tr", {"name": "Ahmet Demir", "salutation": "mr"}, "Ahmet Bey,"),
    ("tr", {"name": "Ayşe Yılmaz", "title": "Dr."}, "Sayın Dr. Ayşe Yılmaz,"),
    ("tr", {"name": "Emre Kaya", "formal": False, "salutation": "mr"}, "Merhaba Emre,"),
    ("de", {"name": "María José García", "first_name": "María José", "surname": "García", "salutation": "ms"},
     "Sehr geehrte Frau García,"),
])
def test_greeting(lang: str, record: dict[str, object], expected: str) -> None:
    assert first_line(lang, **record) == expected


@pytest.mark.parametrize("lang,formal,closing", [
    ("de", True, "Mit freundlichen Grüßen"), ("de", False, "Viele Grüße"),
    ("en", True, "Kind regards,"), ("en", False, "Best wishes,"),  # ROUND50-en item 7: English ends it with a comma
    ("tr", True, "Saygılarımla"),
])
def test_closing_is_last_line_without_comma(lang: str, formal: bool, closing: str) -> None:
    letter = draft("nonpayment", {"name": "Kim Mayer", "formal": formal}, lang=lang)
    assert letter.markdown.rstrip("\n").splitlines()[-1] == closing
    assert letter.text.rstrip("\n").splitlines()[-1] == closing


def test_informal_turkish_never_says_sayin() -> None:
    for reason, rel in every_reason():
        text = draft(reason, {"name": "Emre Kaya", "formal": False, "relationship": rel}, lang="tr").markdown
        assert "Sayın" not in text
        assert not re.search(r"\b(siz|size|sizin|sizinle)\b", text), text


def test_german_registers_do_not_mix() -> None:
    for reason, rel in every_reason():
        formal = draft(reason, {"name": "Kim Mayer", "relationship": rel}, lang="de").markdown
        informal = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": False}, lang="de").markdown
        assert not re.search(r"\b(du|dich|dir|dein\w*)\b", formal, re.I), formal
        assert not re.search(r"\b(Sie|Ihnen|Ihr\w*)\b", informal), informal
        # after the salutation's comma, German continues in lower case
        assert formal.split("\n\n")[1][0].islower()


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_four_parts(lang: str) -> None:
    for reason, rel in every_reason():
        letter = draft(reason, {"name": "Kim Mayer", "relationship": rel}, lang=lang)
        parts = letter.parts
        assert "Kim Mayer" in parts["greeting"]
        # ROUND54-en item 4: an English formal letter to a named client closes "Yours sincerely,"
        assert parts["closing"] == {"de": "Mit freundlichen Grüßen", "en": "Yours sincerely," if rel == "client"
                                    else "Kind regards,", "tr": "Saygılarımla"}[lang]
        for name in ("greeting", "thanks", "refusal", "reason", "encouragement", "closing"):
            assert parts.get(name), f"{reason}/{lang}/{rel}: part {name} is empty"
        assert bool(parts.get("ending")) == (rel == "client")
        quiet = draft(reason, {"name": "Kim Mayer", "relationship": rel}, lang=lang, explain=False)
        assert "reason" not in quiet.parts
        assert parts["reason"] not in quiet.markdown


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_a_stated_reason_chooses_its_own_refusal_and_an_unstated_one_the_neutral_one(lang: str) -> None:
    """Issue 14 item 2: being booked up is a fact, free work or a go-between is refused as
    such; without the reason every refusal is the one neutral sentence (r18 D1)."""
    for rel in ("prospect", "client"):
        reasons = [r for r, fits in every_reason() if fits == rel]
        stated = {r: draft(r, {"name": "Kim Mayer", "relationship": rel}, lang=lang).parts["refusal"]
                  for r in reasons}
        quiet = {draft(r, {"name": "Kim Mayer", "relationship": rel}, lang=lang, explain=False).parts["refusal"]
                 for r in reasons}
        assert len(quiet) == 1, f"{lang}/{rel}: the refusal without a reason differs by reason"
        own = [r for r in ("free-work", "third-party", "already-helped", "capacity") if r in stated]
        if lang == "de" and rel == "client":
            # round 37 (de): to a client on an ongoing contract the refusal IS the notice,
            # the same for every reason; the reason follows it (tests/test_letters_de.py)
            own = []
        for reason in own:
            assert stated[reason] not in quiet, f"{lang}/{rel}/{reason}: the stated refusal is the neutral one"


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_no_two_reasons_render_the_same_letter(lang: str, formal: bool) -> None:
    for rel in ("prospect", "client"):
        reasons = [r for r, fits in every_reason() if fits == rel]
        bodies = {draft(r, {"name": "Kim Mayer", "relationship": rel, "formal": formal}, lang=lang).markdown
                  for r in reasons}
        assert len(bodies) == len(reasons), f"{lang}/{rel}: two reasons share a letter"


def test_turkish_case_filters(tmp_path: Path) -> None:
    engine = team(tmp_path, {"capacity/tr.md.j2": '{% extends "_base/tr.md.j2" %}{% block reason %}'
                             '{{ "istanbul ılık"|upper }} {{ "İSTANBUL IRMAK"|lower }} {{ "izmir"|capitalize }}{% endblock %}'})
    text = draft("capacity", {"name": "Kim Mayer"}, lang="tr", engine=engine).markdown
    assert "İSTANBUL ILIK istanbul ırmak İzmir" in text


@pytest.mark.parametrize("lang,money,date", [
    # a date is one unit: no-break spaces inside it, so it never breaks across lines
    ("de", "1.234,50\u00a0€", "31.\u00a0Dezember\u00a02026"),
    ("en", "€1,234.50", "31\u00a0December\u00a02026"),
    ("tr", "1.234,50\u00a0€", "31\u00a0Aralık\u00a02026"),
])
def test_money_and_dates_come_from_cldr(lang: str, money: str, date: str) -> None:
    letter = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "amount_due": "1234.5",
                                  "currency": "EUR", "end_date": "2026-12-31"}, lang=lang)
    assert money in letter.markdown
    assert date in letter.markdown
    assert money in letter.text and date in letter.text


HOSTILE = "Eve [click](https://evil.example) **Boss** <img src=x onerror=alert(1)> {{ 7*7 }} `x` _y_"


def test_markdown_escapes_client_text() -> None:
    md = draft("capacity", {"name": HOSTILE}, lang="en").markdown
    greeting = md.splitlines()[0]
    assert "\\[click\\](https://evil.example)" in greeting
    assert "\\*\\*Boss\\*\\*" in greeting
    assert "\\<img" in greeting
    assert "{{ 7\\*7 }}" in greeting and "49" not in md  # literal once rendered


def test_html_never_turns_client_text_into_markup() -> None:
    html = draft("capacity", {"name": HOSTILE, "company": "<script>alert(1)</script>",
                              "request": '"><svg onload=alert(1)>'}, lang="en").html
    assert "<img" not in html and "<script" not in html and "<svg" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="https://evil.example"' not in html
    assert "<strong>" not in html and "<em>" not in html
    assert "{{ 7*7 }}" in html


def test_html_is_a_complete_document() -> None:
    html = draft("capacity", {"name": "Ayşe Yılmaz"}, lang="tr").html
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"tr-TR\">")
    assert '<meta charset="utf-8">' in html
    assert "<title>Talebiniz hakkında</title>" in html
    assert "<style" not in html and "<script" not in html and "<link" not in html


def test_text_has_no_markdown_and_short_lines() -> None:
    text = draft("nonpayment", {"name": HOSTILE + " " + "x" * 100, "relationship": "client",
                                "resources": [{"title": "A guide", "url": "https://example.org/" + "a" * 100}]},
                 lang="de").text
    assert "**" not in text.replace("**Boss**", "") and "](" not in text.replace("](https://evil", "")
    assert max(len(line) for line in text.splitlines()) <= 78
    assert "- A guide\n  (https://example.org/aaa" in text
    body = [line for line in text.splitlines()[1:] if " " in line.strip()]
    assert max(len(line) for line in body) <= 72


def test_links_and_lists_survive_each_format() -> None:
    record = {"name": "Kim Mayer", "referrals": [{"name": "Jo & Co", "contact": "jo@example.com"}],
              "resources": [{"title": "Guide (PDF)", "url": "https://example.org/a_(b)?x=1&y=2"}]}
    letter = draft("capacity", record, lang="en")
    assert "- [Guide (PDF)](https://example.org/a_%28b%29?x=1&y=2)" in letter.markdown
    assert '<a href="https://example.org/a_(b)?x=1&amp;y=2">Guide (PDF)</a>' in letter.html
    assert "<li>Jo &amp; Co (jo@example.com)</li>" in letter.html
    assert "- Jo & Co (jo@example.com)\n- Guide (PDF) (https://example.org/a_(b)?x=1&y=2)" in letter.text


def test_subject_follows_register() -> None:
    assert draft("capacity", {"name": "Kim Mayer"}, lang="de").subject == "Ihre Anfrage"
    assert draft("capacity", {"name": "Kim Mayer", "formal": False}, lang="de").subject == "Deine Anfrage"


def test_catalogs_really_load() -> None:
    from refusalkit import i18n

    engine = Engine()
    for code, word in (("de", "Mit freundlichen Grüßen"), ("tr", "Saygılarımla"), ("en", "Kind regards")):
        trans = i18n.translations(engine.language(code))
        assert trans.gettext("Kind regards") == word


def test_missing_catalog_is_an_error(tmp_path: Path) -> None:
    from refusalkit import i18n
    from refusalkit.searchpath import Language

    with pytest.raises(TemplateError, match="no catalog"):
        i18n.translations(Language("fr", "fr_FR", tmp_path / "fr_FR" / "LC_MESSAGES" / "refusalkit.po"))


def team(tmp_path: Path, files: dict[str, str]) -> Engine:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Engine(SearchPath.builtin(extra_templates=[tmp_path]))


META = 'title = "T"\ndescription = "D"\nrelationships = ["prospect"]\n[subject]\nprospect = "Your enquiry"\n'


def test_a_new_reason_needs_only_templates(tmp_path: Path) -> None:
    engine = team(tmp_path, {"moving/reason.toml": META,
                             "moving/en.md.j2": '{% extends "_base/en.md.j2" %}{% block reason %}I am moving abroad.{% endblock %}'})
    letter = draft("moving", {"name": "Kim Mayer"}, lang="en", engine=engine)
    assert "I am moving abroad." in letter.markdown
    with pytest.raises(UsageError, match="fits only relationship prospect"):
        draft("moving", {"name": "Kim Mayer", "relationship": "client"}, lang="en", engine=engine)
    with pytest.raises(UsageError, match="no 'de' template"):
        draft("moving", {"name": "Kim Mayer"}, lang="de", engine=engine)


def test_team_template_overrides_builtin(tmp_path: Path) -> None:
    engine = team(tmp_path, {"capacity/en.md.j2": '{% extends "_base/en.md.j2" %}{% block reason %}Our studio is full.{% endblock %}'})
    assert "Our studio is full." in draft("capacity", {"name": "Kim Mayer"}, lang="en", engine=engine).markdown


@pytest.mark.parametrize("body,needle", [
    ("{{ client.nickname }}", "nickname"),
    ("Dear {{ client.company }}", "empty in this record"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "sandbox"),
    ("{{ client.name[0] }}", "client value"),
    ("{% if %}", "syntax error"),
])
def test_broken_team_templates_fail_cleanly(tmp_path: Path, body: str, needle: str) -> None:
    engine = team(tmp_path, {"capacity/en.md.j2": '{% extends "_base/en.md.j2" %}{% block reason %}' + body + "{% endblock %}"})
    with pytest.raises(TemplateError, match=needle) as info:
        draft("capacity", {"name": "Kim Mayer"}, lang="en", engine=engine)
    assert "capacity/en.md.j2" in str(info.value)


def test_extra_record_keys_reach_templates_as_data(tmp_path: Path) -> None:
    engine = team(tmp_path, {"capacity/en.md.j2": '{% extends "_base/en.md.j2" %}{% block reason %}Project {{ client.project_code }}.{% endblock %}'})
    letter = draft("capacity", {"name": "Kim Mayer", "project_code": "**X-1** {{ 1+1 }}"}, lang="en", engine=engine)
    assert "Project \\*\\*X-1\\*\\* {{ 1+1 }}." in letter.markdown


@pytest.mark.parametrize("env,lang", [({"LANG": "de_AT.UTF-8"}, "de"), ({"LC_ALL": "tr_TR.UTF-8"}, "tr"),
                                      ({"LANG": "fr_FR.UTF-8"}, "en"), ({"LANG": "C"}, "en")])
def test_language_from_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert draft("capacity", {"name": "Kim Mayer"}).lang == lang
    assert draft("capacity", {"name": "Kim Mayer", "language": "tr"}).lang == "tr"


def test_cli_draft_from_record_and_quick_fields() -> None:
    out = cli_letter("--reason", "nonpayment", "--client", str(DATA / "anna.toml"))
    assert out.startswith("Sehr geehrte Frau Dr. Schmidt,\n")  # language from the record
    out = cli_letter("-r", "busy", "-l", "en", "--client", str(DATA / "anna.toml"), "--name", "Jo Bloggs",
                     "--salutation", "none", "--informal")
    assert out.startswith("Hi Jo,\n")


def test_reasons_command_lists_in_each_language(runner) -> None:  # type: ignore[no-untyped-def]
    from refusalkit.cli import cli

    en = runner.invoke(cli, ["reasons", "--lang", "en"])
    tr = runner.invoke(cli, ["reasons", "--lang", "tr"])
    assert en.exit_code == 0 and tr.exit_code == 0
    ids = [line.split()[0] for line in en.stdout.splitlines()]
    assert {"nonpayment", "capacity", "guarantee"} <= set(ids)
    assert "Takviminiz dolu" in tr.stdout and "fully booked" in en.stdout
    import json

    listing = json.loads(runner.invoke(cli, ["reasons", "--json", "--lang", "de"]).stdout)
    third = {item["id"]: item for item in listing}
    assert third["capacity"]["relationships"] == ["prospect", "client"]
    assert third["capacity"]["languages"] == ["de", "en", "tr"]
    assert third["capacity"]["title"] != "No capacity"  # German
