"""What the English templates decide: payment deadline, agreed notice, what a
termination says with a plain record, nonpayment's conditions, list intros, and
which reasons never pass a client on to colleagues."""

from __future__ import annotations

import pytest

from refusalkit import draft
from refusalkit.style import Style

CLIENT = {"name": "Jane Smith", "salutation": "ms", "relationship": "client", "amount_due": "1234.5",
          "currency": "GBP", "end_date": "2026-12-31"}


def body(reason: str, record: dict[str, object], *, style: Style | None = None, explain: bool = True) -> str:
    return draft(reason, record, lang="en", style=style, explain=explain).markdown


@pytest.mark.parametrize("reason", ["capacity", "nonpayment"])
@pytest.mark.parametrize("formal", [True, False])
def test_payment_deadline_from_pay_by_else_house_style(reason: str, formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    days = Style(payment_days=14)
    text = body(reason, {**record, "pay_by": "2027-01-15"}, style=days)
    assert "£1,234.50" in text and "by 15 January 2027" in text and "14 days" not in text
    assert "within 14 days" in body(reason, record, style=days)
    assert "within one day" in body(reason, record, style=Style(payment_days=1))
    # no deadline on record: the usual terms, or for a client who has not paid, as soon as possible
    # (never "without further delay", which hints at the reason when it is not stated)
    plain = body(reason, record)
    assert "further delay" not in plain
    urgent = "as soon as possible" if formal else "as soon as you can"
    assert ("usual terms" in plain) == (reason == "capacity")
    assert (urgent in plain) == (reason == "nonpayment")


@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_is_named_only_when_the_record_says_so(formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    dated = body("capacity", {**record, "notice": True})
    assert "31 December 2026, at the" in dated and "notice period" in dated
    assert "notice period" not in body("capacity", record)
    assert "notice period" not in body("capacity", {**record, "end_date": None})
    assert "notice period" in body("capacity", {**record, "notice": True, "end_date": None})


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_a_plain_record_still_says_when_it_ends_and_what_is_owed(formal: bool, explain: bool) -> None:
    plain = {"name": "Jane Smith", "relationship": "client", "formal": formal}
    text = body("capacity", plain, explain=explain)
    # it ends once the work in hand is done (no agreement assumed), and the final invoice has terms
    assert ("our work together will be complete" in text) if formal else ("before we wrap things up" in text)
    assert "from my side" not in text
    assert "agree" not in text
    assert "final invoice" in text and "usual terms" in text
    assert "payable within 14 days" in body("capacity", {**plain, "formal": True}, style=Style(payment_days=14),
                                             explain=explain)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("end_date", [None, "2026-12-31"])
@pytest.mark.parametrize("amount", [None, "1234.5"])
@pytest.mark.parametrize("notice", [False, True])
def test_nonpayment_with_the_reason_pauses_the_work_but_never_holds_the_clients_own_documents(
        formal: bool, end_date: str | None, amount: str | None, notice: bool) -> None:
    record = {**CLIENT, "formal": formal, "end_date": end_date, "amount_due": amount, "notice": notice,
              "pay_by": "2027-01-15"}
    text = body("nonpayment", record)
    assert "settle the " in text and "by 15 January 2027" in text
    # never claims what the contract says, never ends with immediate effect
    assert "In line with our agreement" not in text and "immediate" not in text
    # when it ends: the date given, else the notice period, else the earliest date the agreement allows
    if end_date:
        assert "on 31 December 2026" in text
    elif notice:
        assert "notice period in our agreement" in text
    else:
        assert "earliest date our agreement allows" in text if formal else "as soon as our agreement allows" in text
    # until the overdue invoices are paid the work pauses; finished work follows payment;
    # the client's own documents and access come back whatever happens
    assert "on hold" in text and "once payment" in text
    assert "your own documents and data back" in text
    assert "access you have given me" in text if formal else "logins you've shared with me" in text
    # no work promised, no "final invoice" for what is overdue
    assert "complete the work" not in text and "final invoice" not in text


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"pay_by": "2027-01-15"}, {"end_date": None, "notice": True}])
def test_nonpayment_without_the_reason_reads_like_any_other_ending(formal: bool, record: dict[str, object]) -> None:
    """No holding back, no overdue, no urgency: the neutral handover and a plain request to pay
    what is open, on the terms the record gives."""
    rec = {**CLIENT, "formal": formal, **record}
    quiet = draft("nonpayment", rec, lang="en", explain=False).markdown
    for hint in ("on hold", "overdue", "outstanding", "as soon as", "once payment", "In line with our agreement",
                 "paid in full", "immediate"):
        assert hint not in quiet, hint
    assert "final invoice" in quiet and "£1,234.50" in quiet
    assert ("by 15 January 2027" in quiet) == ("pay_by" in record)
    if "pay_by" not in record:
        assert "usual terms" in quiet
    assert "within 14 days" in draft("nonpayment", rec | {"pay_by": None}, lang="en", explain=False,
                                     style=Style(payment_days=14)).markdown
    # the same handover as a reason with nothing to hide
    assert ("hand over the documents and materials due to you" if formal
            else "send over the files and documents due to you") in quiet


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason,hints", [
    ("already-helped", ("natural", "reached")),
    ("out-of-scope", ("right point", "right time", "this point")),
    ("capacity", ("at the moment", "currently booked", "full")),
])
def test_a_letter_without_the_reason_gives_no_hint_of_it(formal: bool, reason: str, hints: tuple[str, ...]) -> None:
    text = body(reason, {"name": "Jane Smith", "relationship": "client", "formal": formal}, explain=False)
    for hint in hints:
        assert hint not in text, hint


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["disrespect", "nonpayment", "fee-disputes", "guarantee", "micromanagement",
                                    "capacity", "unresponsive"])
def test_a_letter_that_ends_the_work_thanks_without_so_far_and_without_trust_where_trust_is_lacking(
        formal: bool, reason: str) -> None:
    thanks = draft(reason, {"name": "Jane Smith", "relationship": "client", "formal": formal}, lang="en").parts["thanks"]
    assert "so far" not in thanks and "our work" not in thanks
    if reason in ("guarantee", "micromanagement"):
        assert "trust" not in thanks and "confidence" not in thanks


@pytest.mark.parametrize("formal", [True, False])
def test_client_openings_and_handovers_vary_by_reason(formal: bool) -> None:
    from refusalkit.api import default_engine
    from refusalkit.reasons import all_reasons

    letters = [draft(r.id, {"name": "Jane Smith", "relationship": "client", "formal": formal}, lang="en")
               for r in all_reasons(default_engine().path) if "client" in r.relationships and r.id != "nonpayment"]
    assert len({letter.parts["thanks"] for letter in letters}) >= 4
    assert len({letter.parts["ending"] for letter in letters}) >= 2


@pytest.mark.parametrize("reason", ["disrespect", "nonpayment", "fee-disputes", "free-work", "scope-creep",
                                    "never-satisfied"])
@pytest.mark.parametrize("formal", [True, False])
def test_no_colleagues_for_clients_nobody_passes_on(reason: str, formal: bool) -> None:
    rel = "prospect" if reason == "free-work" else "client"
    for explain in (True, False):
        for referrals in ([], [REFERRAL]):
            text = body(reason, {"name": "Jane Smith", "relationship": rel, "formal": formal,
                                 "referrals": referrals}, explain=explain)
            assert "colleague" not in text


REFERRAL = {"name": "Sam Patel", "contact": "sam@example.com"}
RESOURCE = {"title": "A guide", "url": "https://example.org/guide"}


@pytest.mark.parametrize("referrals,resources,intro", [
    ([REFERRAL], [], "The following colleague may be able to help:"),
    ([REFERRAL, REFERRAL], [], "The following colleagues may be able to help:"),
    # capacity offers a colleague before links: the links come "in the meantime"
    ([], [RESOURCE], "In the meantime, you may also find this resource useful:"),
    ([], [RESOURCE, RESOURCE], "In the meantime, you may also find these resources useful:"),
    ([REFERRAL], [RESOURCE], "My colleague listed below may be able to help, and you may also find the following resource useful:"),
    ([REFERRAL, REFERRAL], [RESOURCE, RESOURCE],
     "The colleagues listed below may be able to help, and you may also find the following resources useful:"),
])
def test_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "referrals": referrals, "resources": resources})
    assert intro in text


@pytest.mark.parametrize("formal", [True, False])
def test_the_request_is_part_of_the_sentence_not_a_bracketed_field(formal: bool) -> None:
    text = body("capacity", {"name": "Jane Smith", "formal": formal, "request": "a new company website"})
    assert "about a new company website" in text and "(a new company website)" not in text
    # to a client the thanks are for the work together; "on a new company website" reads oddly there
    text = body("capacity", {"name": "Jane Smith", "relationship": "client", "formal": formal,
                             "request": "a new company website"})
    assert "a new company website" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_third_party_wish_names_both_only_when_the_reason_is_stated(formal: bool) -> None:
    record = {"name": "Jane Smith", "formal": formal}
    assert "both" in draft("third-party", record, lang="en").parts["encouragement"]
    assert "both" not in draft("third-party", record, lang="en", explain=False).markdown


@pytest.mark.parametrize("formal", [True, False])
def test_prospect_letters_do_not_all_open_and_close_alike(formal: bool) -> None:
    from refusalkit.api import default_engine
    from refusalkit.reasons import all_reasons

    letters = [draft(r.id, {"name": "Jane Smith", "formal": formal}, lang="en")
               for r in all_reasons(default_engine().path) if "prospect" in r.relationships]
    assert len({letter.parts["thanks"] for letter in letters}) >= 3
    assert len({letter.parts["encouragement"].splitlines()[-1] for letter in letters}) >= 3


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"end_date": "2026-12-31", "notice": True}])
def test_unresponsive_finishes_the_work_as_far_as_the_input_allows(formal: bool, record: dict[str, object]) -> None:
    """With the reason stated the work in hand is finished as far as the input allows;
    without it, the usual promise, so nothing hints at the reason."""
    rec = {"name": "Jane Smith", "relationship": "client", "formal": formal, **record}
    stated = draft("unresponsive", rec, lang="en").parts["ending"]
    quiet = draft("unresponsive", rec, lang="en", explain=False).parts["ending"]
    assert "input" in stated and "input" not in quiet
    # without the reason, only what the sender can surely deliver: the completed work
    assert "in progress" not in quiet and "under way" not in quiet and "complete" not in quiet.replace("completed", "")
    assert "input" not in draft("capacity", rec, lang="en").parts["ending"]


@pytest.mark.parametrize("referrals,resources,intro", [
    ([REFERRAL], [RESOURCE], "My colleague below might be able to help, and this link might be useful too:"),
    ([REFERRAL, REFERRAL], [RESOURCE, RESOURCE], "The colleagues below might be able to help, and these links might be useful too:"),
])
def test_informal_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "formal": False, "referrals": referrals, "resources": resources})
    assert " ".join(text.split()).count(intro) == 1
