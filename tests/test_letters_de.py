"""German wording the review asked for and templates alone decide (issue 14):
a refusal per reason, real du letters, what a termination says, and no
colleagues offered for clients nobody passes on."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .test_letters import every_reason

CLIENT = {"name": "Kim Mayer", "relationship": "client", "amount_due": "1234.5", "currency": "EUR"}


def ending(record: dict[str, object], style: Style | None = None, formal: bool = True) -> str:
    # no-break spaces (1.234,50 €, and „31. Dezember“ once dates get one) read as spaces here
    text = draft("capacity", {**CLIENT, **record, "formal": formal}, lang="de", style=style).parts["ending"]
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("formal", [True, False])
def test_payment_deadline_from_pay_by_else_house_style(formal: bool) -> None:
    assert "bis zum 15. Januar 2027" in ending({"pay_by": "2027-01-15"}, formal=formal)
    assert "bis zum 15. Januar 2027" in ending({"pay_by": "2027-01-15"}, Style(payment_days=14), formal)
    assert "innerhalb von 14 Tagen" in ending({}, Style(payment_days=14), formal)
    assert "wie vereinbart" in ending({}, formal=formal)


def test_agreed_notice_only_when_the_record_says_so() -> None:
    with_notice = ending({"end_date": "2026-12-31", "notice": True})
    assert "fristgerecht gemäß unserer Vereinbarung zum 31. Dezember 2026" in with_notice
    assert "fristgerecht" not in ending({"end_date": "2026-12-31"})
    assert "Kündigungsfrist" in ending({"notice": True})
    for text in (with_notice, ending({})):
        assert "unsere zusammenarbeit" in text.lower() and "mein Auftrag" not in text
        assert "gegebenenfalls Zugangsdaten" in text


@pytest.mark.parametrize("reason", ["disrespect", "nonpayment", "fee-disputes", "free-work"])
@pytest.mark.parametrize("formal", [True, False])
def test_nobody_passes_these_clients_on(reason: str, formal: bool) -> None:
    record = {"name": "Kim Mayer", "formal": formal,
              "relationship": "prospect" if reason == "free-work" else "client",
              "referrals": [{"name": "Kanzlei Weber", "contact": "info@weber.example"}]}
    for explain in (True, False):
        text = draft(reason, record, lang="de", explain=explain).markdown
        assert "Kolleg" not in text and "empfehle" not in text
        assert "Kanzlei Weber" in text  # the record's own contacts stay, with a neutral intro


def test_each_reason_says_no_in_its_own_words() -> None:
    letter = draft("capacity", {"name": "Kim Mayer"}, lang="de")
    assert letter.parts["refusal"] == "Leider kann ich Ihren Auftrag derzeit nicht übernehmen."
    for reason, rel in every_reason():
        for formal in (True, False):
            text = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal}, lang="de").markdown
            assert "reiflicher Überlegung" not in text and "lange darüber nachgedacht" not in text


PRONOUNS = re.compile(r"\b(Sie|Ihnen|Ihr\w*|du|dich|dir|dein\w*)\b")


def test_du_letters_are_not_sie_letters_with_the_pronouns_swapped() -> None:
    for reason, rel in every_reason():
        parts = [draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal}, lang="de").parts["reason"]
                 for formal in (True, False)]
        formal, informal = (PRONOUNS.sub("", p).lower() for p in parts)
        assert formal != informal, f"{reason}/{rel}: the du reason is the Sie reason"
