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
    assert "Hiermit kündige ich unseren Vertrag fristgerecht zum 31. Dezember 2026" in with_notice
    assert "vereinbarten Kündigungsfrist endet unsere Zusammenarbeit zum 31. Dezember 2026" in ending(
        {"end_date": "2026-12-31", "notice": True}, formal=False)
    assert "fristgerecht" not in ending({"end_date": "2026-12-31"})
    assert "Kündigungsfrist" in ending({"notice": True})
    for text in (ending({"end_date": "2026-12-31"}), ending({})):
        assert "unsere zusammenarbeit" in text.lower() and "mein Auftrag" not in text
    for text in (with_notice, ending({})):
        assert "soweit vorhanden, Zugangsdaten" in text


def nonpayment_ending(record: dict[str, object], explain: bool, formal: bool = True) -> str:
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    return draft("nonpayment", rec, lang="de", explain=explain).parts["ending"].replace("\u00a0", " ")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"amount_due": "1234.5", "currency": "EUR"},
                                    {"amount_due": "1234.5", "currency": "EUR", "end_date": "2026-12-31",
                                     "pay_by": "2027-01-15", "notice": True}])
def test_nonpayment_work_follows_payment_and_no_explain_promises_nothing_more(record, formal: bool) -> None:
    """Reason stated: open invoices first, then the work (never „bis dahin“ for
    the work, which would clash with a later payment date). Reason not stated:
    no unconditional promise, no word about payment beyond the amount due."""
    text = nonpayment_ending(record, explain=True, formal=formal)
    assert ("Sobald die Zahlung eingegangen ist" if formal else "Sobald das Geld da ist") in text
    assert "Bis dahin" not in text
    if not record:
        assert "offenen Rechnungen" in text
    quiet = nonpayment_ending(record, explain=False, formal=formal)
    assert ("jeweils im Rahmen unser" if formal else "wie es in unserem Vertrag steht") in quiet
    assert "Zahlung" not in quiet and "Geld" not in quiet and "Rechnungen" not in quiet


@pytest.mark.parametrize("reason", ["guarantee", "boundaries", "scope-creep"])
@pytest.mark.parametrize("rel", ["prospect", "client"])
def test_no_colleagues_for_guarantees_unpaid_extras_or_crossed_boundaries(reason: str, rel: str) -> None:
    for formal in (True, False):
        for explain in (True, False):
            text = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                         lang="de", explain=explain).markdown
            assert "Kolleg" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_real_alternatives_only_with_the_reason(formal: bool) -> None:
    rec = {"name": "Kim Mayer", "formal": formal}
    back = draft("shifting-requirements", rec, lang="de").markdown
    assert "wieder von Ihnen zu hören" in back if formal else "meld dich gern noch mal" in back
    paid = draft("free-work", rec, lang="de").markdown
    assert "bezahlten Auftrag" in paid
    for reason in ("shifting-requirements", "free-work"):
        quiet = draft(reason, rec, lang="de", explain=False).markdown
        assert "wieder" not in quiet and "noch mal" not in quiet and "bezahlt" not in quiet


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
