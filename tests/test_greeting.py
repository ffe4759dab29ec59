"""Greeting an unknown recipient, subjects, paragraphs, quotes and house-style lists
(issue 14, points 1, 7, 11, 12)."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from refusalkit import draft
from refusalkit.api import Engine
from refusalkit.cli import cli
from refusalkit.style import load

from .helpers import cli_letter

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

UNKNOWN = {("de", True): "Sehr geehrte Damen und Herren,", ("de", False): "Hallo,",
           ("tr", True): "Sayın Yetkili,", ("tr", False): "Merhaba,",
           ("en", True): "Dear Sir or Madam,", ("en", False): "Hello,"}


@pytest.mark.parametrize("lang, formal", sorted(UNKNOWN))
def test_a_letter_without_a_name(lang: str, formal: bool) -> None:
    from refusalkit.api import default_engine
    from refusalkit.reasons import all_reasons

    # every reason and relationship: no template needs the name
    for reason in all_reasons(default_engine().path):
        for relationship in reason.relationships:
            letter = draft(reason.id, {"formal": formal, "relationship": relationship}, lang=lang)
            lines = letter.markdown.splitlines()
            expected = UNKNOWN[(lang, formal)]
            if (lang, formal, relationship) == ("tr", True, "prospect"):
                expected = "Sayın İlgili,"  # r21-tr I8: "Yetkili" addresses an organisation, not a person
            assert lines[0] == expected
            assert "None" not in letter.markdown and "{" not in letter.markdown
            for part in ("thanks", "refusal", "reason", "encouragement", "closing"):
                assert letter.parts.get(part, "").strip(), (reason.id, part)
            assert letter.subject and letter.text and letter.html


@pytest.mark.parametrize("formal, greeting, closing", [(True, "Dear Acme Ltd team,", "Kind regards,"),
                                                       (False, "Hi Acme Ltd team,", "Best wishes,")])
def test_a_client_known_only_by_company_is_greeted_as_its_team(formal: bool, greeting: str, closing: str) -> None:
    """r18-en I12: an existing client is not a stranger: without a name but with the company,
    British English greets the team and closes as to anyone it knows ("Yours faithfully" goes
    only with "Dear Sir or Madam,"). A prospect without a name, or a client without a company,
    keeps the unknown-recipient greeting; a name always wins."""
    client = {"formal": formal, "relationship": "client", "company": "Acme Ltd"}
    for reason in ("nonpayment", "capacity"):
        for explain in (True, False):
            letter = draft(reason, client, lang="en", explain=explain)
            assert letter.parts["greeting"] == greeting and letter.parts["closing"] == closing
    prospect = draft("capacity", {**client, "relationship": "prospect"}, lang="en")
    assert prospect.parts["greeting"] == UNKNOWN[("en", formal)]
    assert prospect.parts["closing"] == ("Yours faithfully," if formal else "Best wishes,")  # ROUND50-en item 7
    assert draft("capacity", {**client, "company": None}, lang="en").parts["greeting"] == UNKNOWN[("en", formal)]
    named = draft("capacity", {**client, "name": "Jane Smith", "salutation": "ms"}, lang="en")
    assert named.parts["greeting"] == ("Dear Ms Smith," if formal else "Hi Jane,")


@pytest.mark.parametrize("lang", ["de", "tr"])
@pytest.mark.parametrize("formal", [True, False])
def test_german_and_turkish_keep_their_unknown_recipient_greeting_for_a_company(lang: str, formal: bool) -> None:
    """I12 is English only: "Sehr geehrte Damen und Herren," and "Sayın İlgili," are already how
    those languages write to a firm; the closing stays that of an unknown recipient."""
    client = {"formal": formal, "relationship": "client", "company": "Acme Ltd"}
    letter = draft("nonpayment", client, lang=lang)
    nameless = draft("nonpayment", {**client, "company": None}, lang=lang)
    assert letter.parts["greeting"] == UNKNOWN[(lang, formal)]
    assert letter.parts["closing"] == nameless.parts["closing"]
    assert "Acme" not in letter.markdown


def test_the_company_in_a_team_greeting_is_data() -> None:
    """The company is escaped for each output format and never run as a template."""
    company = '<b>Acme</b> & *Sons* {{ 7*7 }}'
    letter = draft("capacity", {"relationship": "client", "company": company}, lang="en")
    assert letter.text.splitlines()[0] == f"Dear {company} team,"
    assert "Dear &lt;b&gt;Acme&lt;/b&gt; &amp; *Sons* {{ 7*7 }} team," in letter.html
    assert "<b>Acme" not in letter.html and "49" not in letter.markdown
    assert "\\*Sons\\*" in letter.markdown.splitlines()[0]


@pytest.mark.parametrize("args", [[], ["--name", ""], ["--name", " "], ["--name", "\u200b"]])
def test_no_name_on_the_command_line(args: list[str]) -> None:
    out = cli_letter("-r", "nonpayment", "-l", "de", *args)
    assert out.startswith("Sehr geehrte Damen und Herren,\n\nvielen Dank")
    assert out == cli_letter("-r", "nonpayment", "-l", "de")


def test_no_name_informal_and_eml() -> None:
    assert cli_letter("-r", "capacity", "-l", "tr", "--informal").startswith("Merhaba,\n")
    result = CliRunner().invoke(cli, ["draft", "-r", "capacity", "-l", "en", "--email", "x@example.com", "-f", "eml"])
    assert result.exit_code == 0, result.stderr
    msg = email.message_from_string(result.stdout, policy=policy.default)
    assert msg["To"] == "x@example.com"


@pytest.mark.parametrize("lang, formal, expected", [
    ("de", True, "Ihre Anfrage: Relaunch der Firmenwebsite"),
    ("de", False, "Deine Anfrage: Relaunch der Firmenwebsite"),
    ("en", True, "Your enquiry about Relaunch der Firmenwebsite"),
    ("tr", True, "Relaunch der Firmenwebsite talebiniz hakkında"),
    ("tr", False, "Relaunch der Firmenwebsite işi hakkında"),
])
def test_subject_names_the_request(lang: str, formal: bool, expected: str) -> None:
    record = {"name": "Kim Mayer", "request": "Relaunch der Firmenwebsite", "formal": formal}
    for explain in (True, False):
        assert draft("nonpayment", record, lang=lang, explain=explain).subject == expected


def test_subject_without_a_request_and_for_a_client() -> None:
    assert draft("capacity", {"name": "Kim"}, lang="de").subject == "Ihre Anfrage"
    client = {"name": "Kim", "relationship": "client"}
    assert draft("capacity", client, lang="de").subject == "Kündigung unseres Vertrags"
    assert draft("capacity", client, lang="en").subject == "Ending our work together"
    assert draft("capacity", client, lang="tr").subject == "İş birliğimizin sona ermesi"


def test_turkish_subject_starts_with_a_capital_the_turkish_way() -> None:
    letter = draft("capacity", {"name": "Kim", "request": "istanbul ofisi için web sitesi"}, lang="tr")
    assert letter.subject == "İstanbul ofisi için web sitesi talebiniz hakkında"


def test_client_text_in_a_subject_stays_data() -> None:
    hostile = "{{ 7*7 }} <script>x</script> & \"q\""
    letter = draft("capacity", {"name": "Kim", "request": hostile}, lang="en")
    assert letter.subject == f"Your enquiry about {hostile}"
    assert "<title>Your enquiry about {{ 7*7 }} &lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;</title>" in letter.html
    msg = email.message_from_bytes(letter.eml(), policy=policy.default)
    assert msg["Subject"] == letter.subject


def test_german_inner_quotes() -> None:
    letter = draft("capacity", {"name": "Kim", "request": 'Website "Neu" und „Alt“'}, lang="de")
    assert "„Website ‚Neu‘ und ‚Alt‘“" in letter.markdown
    assert "„Website ‚Neu‘ und ‚Alt‘“" in letter.html
    assert letter.subject == 'Ihre Anfrage: Website "Neu" und „Alt“'  # not inside quotes there
    english = draft("capacity", {"name": "Kim", "request": 'Website "Neu"'}, lang="en")
    assert 'Website "Neu"' in english.markdown


def test_refusal_and_reason_share_a_paragraph() -> None:
    letter = draft("capacity", {"name": "Kim"}, lang="en")
    refusal, reason = letter.parts["refusal"], letter.parts["reason"]
    assert f"{refusal} {reason}" in letter.markdown
    assert f"<p style=\"margin:0 0 1em 0\">{refusal} {reason}</p>" in letter.html
    assert f"{refusal} {reason}"[:60] in letter.text
    silent = draft("capacity", {"name": "Kim"}, lang="en", explain=False)
    assert f"{silent.parts['refusal']}\n\n" in silent.markdown  # without the reason, a paragraph of its own


STYLE = """\
[sender]
name = "Anna Berger"
role = {de = "Beraterin", en = "Consultant", tr = "Danışman"}

[[resources]]
title = "Team guide"
url = "https://example.com/guide"
lang = "en"

[[resources]]
title = "Reading list"
url = "https://example.com/reading"
lang = "en"

[[referrals]]
name = "Sam Colleague"
contact = "sam@example.com"
lang = "en"
"""


@pytest.fixture
def house(tmp_path: Path) -> Engine:
    path = tmp_path / "refusalkit.toml"
    path.write_text(STYLE, encoding="utf-8")
    return Engine(style=load(str(path)))


def test_house_style_lists_render_as_lists(house: Engine) -> None:
    styled = draft("capacity", {"name": "Kim"}, lang="en", engine=house)
    own = draft("capacity", {"name": "Kim",
                             "referrals": [{"name": "Sam Colleague", "contact": "sam@example.com"}],
                             "resources": [{"title": "Team guide", "url": "https://example.com/guide"},
                                           {"title": "Reading list", "url": "https://example.com/reading"}]},
                lang="en")
    for letter in (styled, own):
        assert "- Team guide (https://example.com/guide)\n- Reading list (https://example.com/reading)" in letter.text
        assert "- Sam Colleague (sam@example.com)\n" in letter.text
        assert "<li><p" not in letter.html and "<li><a href=\"https://example.com/guide\">" in letter.html
    assert styled.text.split("Kind regards")[0] == own.text.split("Kind regards")[0]


@pytest.mark.parametrize("lang, role", [("de", "Beraterin"), ("en", "Consultant"), ("tr", "Danışman")])
def test_sender_role_per_language(house: Engine, lang: str, role: str) -> None:
    letter = draft("capacity", {"name": "Kim"}, lang=lang, engine=house)
    assert letter.markdown.rstrip().endswith(f"Anna Berger  \n{role}")


def test_sender_role_as_a_plain_string_still_works(tmp_path: Path) -> None:
    path = tmp_path / "refusalkit.toml"
    path.write_text('[sender]\nname = "Anna Berger"\nrole = "Beraterin"\n', encoding="utf-8")
    engine = Engine(style=load(str(path)))
    for lang in ("de", "en"):
        assert draft("capacity", {"name": "Kim"}, lang=lang, engine=engine).markdown.rstrip().endswith("Beraterin")


@pytest.mark.parametrize("relationship, greeting", [("prospect", "Sayın İlgili,"), ("client", "Sayın Yetkili,")])
def test_turkish_formal_unknown_recipient_person_or_organisation(relationship: str, greeting: str) -> None:
    """r21-tr I8: a person who wrote in about their own plans is not "Yetkili" (an official
    of a firm); an existing client without a name is an organisation."""
    letter = draft("capacity", {"formal": True, "relationship": relationship}, lang="tr")
    assert letter.parts["greeting"] == greeting
    informal = draft("capacity", {"formal": False, "relationship": relationship}, lang="tr")
    assert informal.parts["greeting"] == "Merhaba,"


def test_a_german_letter_to_an_unnamed_client_keeps_the_register_asked_for() -> None:
    """r37a-de F1, r37b-de F16 (replacing r30-de F1's silent switch to Sie): the register the
    user chose stays, to a client as to a prospect: du without a name is „Hallo,“ and du,
    Sie without a name „Sehr geehrte Damen und Herren,“ (the issue's convention)."""
    from refusalkit import draft
    from refusalkit.api import Engine

    engine = Engine()

    def letter(**record: object) -> tuple[str, str]:
        drafted = draft("nonpayment", dict(record), lang="de", engine=engine)
        return drafted.subject, drafted.markdown

    unnamed = {"relationship": "client", "amount_due": 980, "currency": "USD"}
    informal = letter(formal=False, **unnamed)
    assert informal[1].startswith("Hallo,\n") and " dir " in " ".join(informal[1].split())
    assert informal[0] == "Ende unserer Zusammenarbeit" and "Sie " not in informal[1]
    assert letter(formal=True, **unnamed)[1].startswith("Sehr geehrte Damen und Herren,")
    assert letter(formal=False)[1].startswith("Hallo,")
    assert letter(formal=False, name="Anna Schmidt", **unnamed)[1].startswith("Hallo Anna,")
