"""Subject lines that say what the record knows (request, end date) and never the reason
(issue 14, point 7)."""

from __future__ import annotations

import datetime
import email
import json
from email import policy
from pathlib import Path

import pytest

from refusalkit import draft
from refusalkit.api import Engine
from refusalkit.searchpath import SearchPath
from refusalkit.cldr import format_long_date
from refusalkit.errors import TemplateError
from refusalkit.records import Client
from refusalkit.render import SUBJECT_LIMIT

from .helpers import cli_letter

END = "2026-12-31"
LOCALES = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR"}
ENGINE = Engine()


def day(lang: str) -> str:
    """The end date as the letter writes it (Babel's long date, held by no-break spaces)."""
    return format_long_date(datetime.date(2026, 12, 31), LOCALES[lang])


def subject(reason: str, lang: str, formal: bool = True, explain: bool = True, **record: object) -> str:
    return draft(reason, {"name": "Kim Mayer", "formal": formal, **record}, lang=lang, explain=explain,
                 engine=ENGINE).subject


# (lang, formal) -> client subjects: plain, with the end date, with the request, with both;
# "{d}" is the date, "{r}" the request.
CLIENT = {
    # A26 (review r25-de W3): the German body qualifies the date („hilfsweise zum nächstmöglichen
    # Zeitpunkt“), so its subject names none
    ("de", True): ("Kündigung unseres Vertrags", "Kündigung unseres Vertrags",
                   "Kündigung unseres Vertrags – {r}", "Kündigung unseres Vertrags – {r}"),
    ("de", False): ("Ende unserer Zusammenarbeit", "Ende unserer Zusammenarbeit",
                    "Ende unserer Zusammenarbeit – {r}", "Ende unserer Zusammenarbeit – {r}"),
    # r27 A26: English termination subjects carry no date (the body may qualify it)
    ("en", True): ("Ending our work together", "Ending our work together",
                   "{r} – ending our work together", "{r} – ending our work together"),
    ("en", False): ("Ending our work together", "Ending our work together",
                    "{r} – ending our work together", "{r} – ending our work together"),
    # r27 A26 (r25-de W3): a termination subject carries no date (the body may qualify it)
    ("tr", True): ("İş birliğimizin sona ermesi", "İş birliğimizin sona ermesi",
                   "{r} kapsamındaki iş birliğimizin sona ermesi", "{r} kapsamındaki iş birliğimizin sona ermesi"),
    ("tr", False): ("Birlikte çalışmamız sona eriyor", "Birlikte çalışmamız sona eriyor",
                    "{r} işinde birlikte çalışmamız sona eriyor", "{r} işinde birlikte çalışmamız sona eriyor"),
}
PROSPECT = {("de", True): ("Ihre Anfrage", "Ihre Anfrage: {r}"), ("de", False): ("Deine Anfrage", "Deine Anfrage: {r}"),
            ("en", True): ("Your enquiry", "Your enquiry about {r}"), ("en", False): ("Your enquiry", "Your enquiry about {r}"),
            ("tr", True): ("Talebiniz hakkında", "{r} talebiniz hakkında"), ("tr", False): ("Mesajın hakkında", "{r} işi hakkında")}  # round 55 (r55b-tr 5): no office "Talep" next to "sen"; round 56 item 6: "Mesajın"


@pytest.mark.parametrize("lang, formal", sorted(CLIENT))
def test_client_subject_with_and_without_request_and_end_date(lang: str, formal: bool) -> None:
    plain, dated, with_request, both = CLIENT[(lang, formal)]
    client = {"relationship": "client"}
    assert subject("capacity", lang, formal, **client) == plain
    assert subject("capacity", lang, formal, **client, end_date=END) == dated.format(d=day(lang))
    # a long request: named alone (both would pass the limit) ...
    request = "Relaunch der Firmenwebsite"
    assert subject("capacity", lang, formal, **client, request=request) == with_request.format(r=request)
    assert subject("capacity", lang, formal, **client, request=request, end_date=END) in (
        with_request.format(r=request), both.format(r=request, d=day(lang)))
    # ... a short one with the date
    assert subject("capacity", lang, formal, **client, request="Logo", end_date=END) \
        == both.format(r="Logo", d=day(lang))
    if "{d}" in dated:  # A26: a language whose subjects carry no date
        assert "\u00a0" in day(lang) and day(lang) in subject("capacity", lang, formal, **client, end_date=END)


@pytest.mark.parametrize("lang, formal", sorted(PROSPECT))
def test_prospect_subject_with_and_without_request(lang: str, formal: bool) -> None:
    plain, with_request = PROSPECT[(lang, formal)]
    assert subject("capacity", lang, formal) == plain
    assert subject("capacity", lang, formal, request="Logo") == with_request.format(r="Logo")
    assert subject("capacity", lang, formal, end_date=END) == plain  # a prospect's letter ends nothing


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_a_request_too_long_for_the_subject_is_left_to_the_letter(lang: str) -> None:
    request = "Beratung zur Einführung eines ERP-Systems an unseren drei Standorten in Bayern"
    assert subject("capacity", lang, relationship="client", request=request) == CLIENT[(lang, True)][0]
    assert subject("capacity", lang, relationship="client", request=request, end_date=END) \
        == CLIENT[(lang, True)][1].format(d=day(lang))
    assert subject("capacity", lang, request=request) == PROSPECT[(lang, True)][0]
    text = draft("capacity", {"name": "Kim", "request": request}, lang=lang, engine=ENGINE).text
    assert request in " ".join(text.split())  # the letter names it


@pytest.mark.parametrize("lang", sorted(LOCALES))
@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("relationship", ["prospect", "client"])
def test_subjects_never_tell_the_reason(lang: str, formal: bool, relationship: str) -> None:
    """Every reason of one relationship gives the same subject, with the reason stated or
    not: a subject that differed would tell the reason that --no-explain keeps back."""
    reasons = [r.id for r in ENGINE.all_reasons() if r.fits(relationship)]
    records: list[dict[str, object]] = [{}, {"request": "Logo"}, {"request": "Relaunch der Firmenwebsite"},
                                        {"end_date": END}, {"request": "Logo", "end_date": END}]
    for record in records:
        seen = {subject(r, lang, formal, explain, relationship=relationship, **record)
                for r in reasons for explain in (True, False)}
        assert len(seen) == 1, (record, seen)
        assert len(seen.pop()) <= SUBJECT_LIMIT


def test_the_english_request_first_starts_with_a_capital() -> None:
    assert subject("capacity", "en", relationship="client", request="new company website") \
        == "New company website – ending our work together"
    assert subject("capacity", "tr", False, relationship="client", request="istanbul ofisi") \
        == "İstanbul ofisi işinde birlikte çalışmamız sona eriyor"


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_hostile_request_stays_data_in_the_eml_subject(lang: str, tmp_path: Path) -> None:
    html = '<b>x</b> & "q" {{ 7*7 }}'
    letter = draft("capacity", {"name": "Kim", "relationship": "client", "request": html, "end_date": END},
                   lang=lang, engine=ENGINE)
    assert html in letter.subject or html[:1].upper() + html[1:] in letter.subject
    msg = email.message_from_bytes(letter.eml(), policy=policy.default)
    assert msg["Subject"] == letter.subject and not msg["Subject"].defects
    assert "<b>" not in letter.html.split("<title>")[1].split("</title>")[0]
    # a line break in a record folds to a space: no header of its own
    record = tmp_path / "kim.json"
    record.write_text(json.dumps({"name": "Kim", "email": "k@example.com", "relationship": "client",
                                  "request": "Logo\r\nBcc: evil@example.com\n\nbody"}), encoding="utf-8")
    out = cli_letter("-r", "capacity", "-l", lang, "-c", str(record), "-f", "eml")
    msg = email.message_from_string(out, policy=policy.default)
    assert msg["Bcc"] is None and "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    assert "Logo Bcc: evil@example.com body" in msg["Subject"] or msg["Subject"] == CLIENT[(lang, True)][0]


@pytest.mark.parametrize("lang", sorted(LOCALES))
@pytest.mark.parametrize("text", ["Web\u202esitesi", "Logo\nBcc: evil@example.com", "Logo\x07", "a\u2028b"])
def test_a_request_no_header_may_carry_stays_out_of_the_subject(lang: str, text: str) -> None:
    """A Client made in code (not through parse_record) may hold what a header cannot:
    the subject leaves such a request out; the eml is still written."""
    client = Client(name="Kim Mayer", first_name="Kim", surname="Mayer", relationship="client", request=text,
                    end_date=datetime.date(2026, 12, 31))
    letter = draft("capacity", client, lang=lang, engine=ENGINE)
    assert letter.subject == CLIENT[(lang, True)][1].format(d=day(lang))
    msg = email.message_from_bytes(letter.eml(), policy=policy.default)
    assert msg["Subject"] == letter.subject and msg["Bcc"] is None
    prospect = draft("capacity", client._replace(relationship="prospect"), lang=lang, engine=ENGINE)
    assert prospect.subject == PROSPECT[(lang, True)][0]
    assert email.message_from_bytes(prospect.eml(), policy=policy.default)["Subject"] == prospect.subject


META = ('title = "T"\ndescription = "D"\nrelationships = ["client"]\n[subject]\n'
        'client = "Ending our work together"\n')


@pytest.mark.parametrize("line, needs", [
    ('client_end = "Ending our work together"', "{date}"),
    ('client_request = "Ending our work together on {date}"', "{request}"),
    ('client_request_end = "{request}: ending our work together"', "{date}"),
    ('client_request_end = "Ending our work together on {date}"', "{request}"),
])
def test_a_subject_line_without_its_placeholder_is_refused(tmp_path: Path, line: str, needs: str) -> None:
    (tmp_path / "moving").mkdir()
    (tmp_path / "moving" / "reason.toml").write_text(META + line + "\n", encoding="utf-8")
    engine = Engine(SearchPath.builtin(extra_templates=[tmp_path]))
    with pytest.raises(TemplateError, match=r"reason\.toml: \[subject\] line '\w+' must contain " + needs):
        draft("moving", {"name": "Kim", "relationship": "client"}, lang="en", engine=engine)


@pytest.mark.parametrize("request_, shown", [
    ("a new company website", "New company website"), ("An audit", "Audit"), ("the relaunch", "Relaunch"),
    ("The shop", "Shop"), ("another logo", "Another logo"), ("theme park map", "Theme park map"),
    ("Anchor text", "Anchor text"), ("a", "A"), ("the a logo", "A logo")])
@pytest.mark.parametrize("formal", [True, False])
def test_an_english_headline_drops_the_request_s_leading_article(request_: str, shown: str, formal: bool) -> None:
    """r14 F3: a subject that starts with the request reads as a headline, without its
    article ("New company website – ending our work together on …"); the body keeps it."""
    record = {"relationship": "client", "request": request_, "end_date": END}
    assert subject("capacity", "en", formal, **record) == f"{shown} – ending our work together"  # r27 A26
    # only the English headline drops it: German puts the request last, whole
    assert subject("capacity", "de", formal, **record).endswith(f"– {request_}")


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
@pytest.mark.parametrize("formal", [True, False])
def test_a_project_letter_is_not_titled_as_ending_the_project(lang: str, formal: bool) -> None:
    """contract = "project": the project is completed, so the subject names the time after it,
    the same for every reason (stated or not) and with the request first when it fits."""
    ongoing = subject("capacity", lang, formal, relationship="client", request="Relaunch")
    seen = {subject(reason, lang, formal, explain, relationship="client", contract="project", request="Relaunch")
            for reason in ("capacity", "nonpayment", "disrespect") for explain in (True, False)}
    assert len(seen) == 1 and ongoing not in seen
    (project,) = seen
    if lang == "tr":
        # r30-tr W1: Turkish stacks no second colon after "Konu:"; the request leads as
        # a noun compound instead ("Relaunch projesi ve sonrası hakkında").
        assert project.startswith("Relaunch ") and ":" not in project
    else:
        assert project.startswith(("Relaunch: ", "Relaunch – "))  # en: the dash of its other subjects (r30-en I6)
    bare = subject("capacity", lang, formal, relationship="client", contract="project")
    assert bare and "Relaunch" not in bare and bare != ongoing
    assert subject("capacity", lang, formal, relationship="prospect", contract="project") == \
        subject("capacity", lang, formal, relationship="prospect")


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_an_informal_letter_without_a_name_has_its_body_s_register_in_the_subject(lang: str) -> None:
    """Round 64 (r63a-tr W1, r63b-tr W1): the subject of an informal prospect letter without a
    name is in the register its body is written in. Turkish writes that letter in siz
    ("Merhaba," and siz forms, r18-tr W5), so its subject is the siz one, never "Mesajın
    hakkında" over "Mesajınız … için"; German and English write it as every informal letter,
    so its subject is the named informal letter's ("Deine Anfrage")."""
    for record in ({}, {"request": "Logo"}):
        unnamed = draft("capacity", {"name": "", "formal": False, **record}, lang=lang, engine=ENGINE)
        named = draft("capacity", {"name": "Kim Kaya", "formal": False, **record}, lang=lang, engine=ENGINE)
        formal = draft("capacity", {"name": "", "formal": True, **record}, lang=lang, engine=ENGINE)
        if lang == "tr":
            assert unnamed.subject == formal.subject != named.subject, unnamed.subject
            assert "Mesajınız" in unnamed.markdown and "Mesajın " not in unnamed.markdown
        else:
            assert unnamed.subject == named.subject, unnamed.subject
    assert draft("capacity", {"name": "", "formal": False}, lang="de", engine=ENGINE).subject == "Deine Anfrage"
    assert draft("capacity", {"name": "", "formal": False}, lang="tr", engine=ENGINE).subject == "Talebiniz hakkında"
