"""What the English templates decide: payment deadline, agreed notice, what a
termination says with a plain record, nonpayment's conditions, list intros, and
which reasons never pass a client on to colleagues."""

from __future__ import annotations

import pytest

from refusalkit import draft
from refusalkit.style import Style

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

CLIENT = {"name": "Jane Smith", "salutation": "ms", "relationship": "client", "amount_due": "1234.5",
          "currency": "GBP", "end_date": "2026-12-31"}


def body(reason: str, record: dict[str, object], *, style: Style | None = None, explain: bool = True) -> str:
    return draft(reason, record, lang="en", style=style, explain=explain).markdown.replace("\u00a0", " ")


@pytest.mark.parametrize("reason", ["capacity", "nonpayment"])
@pytest.mark.parametrize("formal", [True, False])
def test_payment_deadline_from_pay_by_else_house_style(reason: str, formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    days = Style(payment_days=14)
    text = body(reason, {**record, "pay_by": "2027-01-15"}, style=days)
    assert "£1,234.50" in text and "by 15 January 2027" in text
    if reason == "capacity":
        # r11 W1: pay_by is for the balance; the final invoice is a new one, on the house terms
        flat = " ".join(text.split())
        # r14 W: the amount is what the invoices already sent come to, the final invoice on top of it
        assert ("The invoices currently outstanding come to £1,234.50; please settle them by 15 January 2027"
                if formal else "The invoices still outstanding come to £1,234.50 – could you settle them by "
                "15 January 2027?") in flat
        assert "outstanding balance" not in flat
        assert ("covering the work up to 31 December 2026" if formal else "for the work up to 31 December 2026") in flat
        assert ("payable within 14 days" if formal else "due within 14 days") in flat
        assert "within 14 days" in body(reason, record, style=days)
        assert "within one day" in body(reason, record, style=Style(payment_days=1))
        # r13 I: no pay_by and no house terms: the balance by the invoices' own due dates (never
        # "due as usual"); the final invoice on the usual terms in formal letters
        # r14 W: plural invoices, each with its due date (not one balance with several)
        assert "due dates" not in body(reason, record) and "as usual" not in body(reason, record)
        assert ("usual terms" in body(reason, record)) == formal
    else:
        # pay_by is for the overdue invoices; the final invoice for the notice period is a
        # new one, on the house style's payment_days, else the usual terms
        assert ("My final invoice, covering the work up to 31 December 2026, will follow separately, payable "
                "within 14 days." if formal
                else "I'll send my final invoice separately – it'll be due within 14 days.") in text
        # no pay_by: what is still owed is asked for as soon as possible (payment_days is for new invoices)
        now = " ".join(body(reason, record, style=days).split())
        # r14 I: with a "by when" all the same
        assert ("settle the outstanding invoices, totalling £1,234.50, as soon as possible, and in any event "
                "before our work ends" if formal
                else "settle the outstanding invoices as soon as you can, and in any case before we finish") in now
        assert "within 14 days" in now.split("outstanding invoices", 1)[-1] and ("usual" in body(reason, record)) == formal



@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_is_named_only_when_the_record_says_so(formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    dated = body("capacity", {**record, "notice": True})
    assert "31 December 2026, " in dated and "notice period" in dated
    assert "notice period" not in body("capacity", record)
    # no date and no notice on record: never the eager "earliest date" (r8 I1); r14 W: a formal
    # letter says when it ends (the close of the agreement's notice period, the date confirmed in
    # writing), so "Until then" refers to something
    undated = " ".join(body("capacity", {**record, "end_date": None}).split())
    assert "earliest" not in undated and "as soon as" not in undated
    # r13 I: informal letters keep to the agreement as firmly as formal ones; the date is not up for
    # negotiation
    assert ("will end at the close of the notice period set out in our agreement; I will confirm the exact date "
            "shortly. Until then," if formal
            else "We'll finish at the end of the notice period in our agreement – I'll confirm the exact date "
            "shortly.") in undated
    assert "suits us both" not in undated and "works for both of us" not in undated
    assert "notice period" in body("capacity", {**record, "notice": True, "end_date": None})


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_a_plain_record_still_says_when_it_ends_and_what_is_owed(formal: bool, explain: bool) -> None:
    plain = {"name": "Jane Smith", "relationship": "client", "formal": formal}
    text = body("capacity", plain, explain=explain)
    # with no date and no notice on record: the terms of the agreement (no notice clause assumed),
    # and the final invoice, with anything still outstanding, has terms
    flat = " ".join(text.split())
    assert ("will end at the close of the notice period set out in our agreement;" in flat) if formal \
        else ("We'll finish at the end of the notice period in our agreement" in flat)
    assert "from my side" not in text and "take effect" not in text
    assert "final invoice" in text
    # r11 W4/I4: formal letters keep "our usual terms"; informal ones say it as a person would
    assert ("usual terms" in text) == formal and "agreement provides" not in text
    assert "payable within 14 days" in body("capacity", {**plain, "formal": True}, style=Style(payment_days=14),
                                             explain=explain)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("end_date", [None, "2026-12-31"])
@pytest.mark.parametrize("amount", [None, "1234.5"])
@pytest.mark.parametrize("notice", [False, True])
@pytest.mark.parametrize("pay_by", [None, "2027-01-15"])
def test_nonpayment_with_the_reason_completes_the_work_and_never_makes_handover_wait_for_payment(
        formal: bool, end_date: str | None, amount: str | None, notice: bool, pay_by: str | None) -> None:
    """r8 W1: no pause during the notice period (a client who pays by the letter's own deadline
    would get no work for it); the work in hand is completed, the overdue invoices are payable by
    pay_by (else now), the client's own documents come back in any case, and the final invoice for
    the notice period is a separate one. r13 W: completed work is handed over in line with the
    agreement, never "once they have been paid" (a lien the contract may not give)."""
    record = {**CLIENT, "formal": formal, "end_date": end_date, "amount_due": amount, "notice": notice,
              "pay_by": pay_by}
    flat = " ".join(body("nonpayment", record).split())
    for claim in ("pause", "on hold", "agreement allows", "As our agreement allows", "In line with our agreement",
                  "immediate", "take effect", "open invoices", "hand back any access", "earliest",
                  # r9 I3: the record says what is still owed, not what is past due; r9 I1: no notice
                  # period is assumed for the final invoice
                  "overdue", "for the notice period",
                  # r13 W: no handover conditional on payment
                  "once they", "once paid", "once payment", "until they", "until payment"):
        assert claim not in flat, claim
    # when it ends: the date given, else the end of the notice period, else the agreement's terms
    if end_date:
        assert "on 31 December 2026" in flat
    elif notice:
        assert "notice period" in flat
    else:
        assert "the exact date" in flat
    # r14 I: the work in hand is carried on, never promised complete to a client who does not pay
    assert ("Until then, I will continue with the work currently in hand." if formal
            else "Until then, I'll carry on with the work that's in hand.") in flat
    assert "complete the work" not in flat
    # the outstanding invoices (with their total), by pay_by, else as soon as possible
    if pay_by:
        assert "settle the outstanding invoices" in flat and "by 15 January 2027" in flat
    else:
        assert ("settle the outstanding invoices" if formal else "settle the outstanding invoices as soon as you can") in flat
        assert ("as soon as possible, and in any event before our work ends" if formal
                else "as soon as you can, and in any case before we finish") in flat
        assert "15 January 2027" not in flat
    if amount:
        assert ("totalling £1,234.50" if formal else "They come to £1,234.50 in total.") in flat
    # the client's own documents come back whatever happens; completed work as the agreement says
    # (its terms once only: an undated formal letter already ends "in accordance with the terms")
    assert ("Your own documents and data will be returned to you in any case" if formal
            else "You'll get your own documents and data back in any case") in flat
    handover = ("I will hand over the completed work " + ("in line with the terms of our agreement."
                                                         if end_date or notice else "as agreed.")
                if formal else "I'll send over the finished work as agreed.")
    assert handover in flat
    assert flat.count("terms of our agreement") <= 1
    # r9 I4: plain about access, and the passwords are the ones shared
    assert ("I will not log in to any of your systems again, so you may wish to change any passwords you "
            "shared with me." if formal else "I won't log in to any of your systems again, so you may want to change any passwords") in flat
    # the amount still owed is kept apart from the final invoice
    assert ("will follow separately, payable" if formal else "I'll send my final invoice separately") in flat
    # r11 I7: payment and handover are two paragraphs
    assert "\n\n" in draft("nonpayment", record, lang="en").parts["ending"].strip()
    assert flat.index("outstanding invoices") < flat.index("final invoice")


CLIENT_REASONS = ("already-helped", "boundaries", "capacity", "disrespect", "emergencies", "fee-disputes",
                  "guarantee", "micromanagement", "never-satisfied", "nonpayment", "out-of-scope", "scope-creep",
                  "shifting-requirements", "unresponsive")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("record", [{"amount_due": None}, {}, {"pay_by": "2027-01-15"}])
def test_every_termination_names_what_is_still_outstanding(formal: bool, explain: bool,
                                                            record: dict[str, object]) -> None:
    """r8 W2: every client termination names the final invoice together with anything still
    outstanding, on the record's terms, so the debt is never dropped and nonpayment without its
    reason reads exactly like the others (nonpayment with it names the overdue invoices)."""
    for reason in CLIENT_REASONS:
        flat = " ".join(body(reason, {**CLIENT, "formal": formal, **record}, explain=explain).split())
        if reason == "nonpayment" and explain:
            assert "outstanding invoices" in flat
            continue
        assert "outstanding" in flat and "final invoice" in flat, (reason, explain)
        # r11 W1/W4: what is outstanding is asked for; the final invoice, not yet issued, follows
        # separately on its own terms (never tied to the balance's deadline)
        assert "final invoice" in flat and "separately" in flat
        assert "together with my final invoice" not in flat and "along with my final invoice" not in flat
        if record.get("amount_due", "x") is None:
            assert ("I would be grateful if you could settle any outstanding invoices" if formal
                    else "Could you settle anything still outstanding") in flat, reason
            assert "will be payable" not in flat
        else:
            # r9 I2: a polite request, not a rule about what "will be payable"
            # r14 W: what the invoices already sent come to, never "the balance" (which reads as all
            # that is owed, with the final invoice still to come), and plural invoices with due dates
            assert "outstanding balance" not in flat and "balance" not in flat, reason
            assert (("The invoices currently outstanding come to £1,234.50; please settle them" if formal
                     else "The invoices still outstanding come to £1,234.50 – could you settle them")
                    if "pay_by" in record else
                    ("settle the outstanding invoices, totalling £1,234.50." if formal
                     else "settle the outstanding invoices (£1,234.50 in total)?")) in flat, reason
            assert "as will my final invoice" not in flat and "so will my final invoice" not in flat, reason
        assert ("by 15 January 2027" in flat) == ("pay_by" in record), reason
        assert "remaining" not in flat and "due to you" not in flat.replace("materials due to you", ""), reason
        # decision r14/1: urgency only in nonpayment with its reason; otherwise the invoices' own terms
        for urgent in ("promptly", "as soon as", "immediately"):
            assert urgent not in flat, (reason, urgent)
        if "pay_by" not in record:
            # r15 W: never "by their due dates", which overdue invoices cannot meet
            assert "due dates" not in flat, reason


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"pay_by": "2027-01-15"}, {"end_date": None, "notice": True}])
def test_nonpayment_without_the_reason_reads_like_any_other_ending(formal: bool, record: dict[str, object]) -> None:
    """No holding back, no overdue, no urgency: the neutral handover and the same request to pay
    the final invoice and anything still outstanding, on the terms the record gives."""
    rec = {**CLIENT, "formal": formal, **record}
    quiet = draft("nonpayment", rec, lang="en", explain=False).markdown.replace("\u00a0", " ")
    for hint in ("on hold", "pause", "overdue", "open invoices", "once payment", "once they",
                 "In line with our agreement", "paid in full", "immediate", "promptly", "as soon as",
                 "documents and data", "passwords"):
        assert hint not in quiet, hint
    assert "final invoice" in quiet and "£1,234.50" in quiet
    assert ("by 15 January 2027" in quiet) == ("pay_by" in record)
    if "pay_by" not in record:
        assert "due dates" not in quiet
    assert "within 14 days" in draft("nonpayment", rec | {"pay_by": None}, lang="en", explain=False,
                                     style=Style(payment_days=14)).markdown.replace("\u00a0", " ")
    # exactly the ending of a reason with nothing to hide
    assert draft("nonpayment", rec, lang="en", explain=False).parts["ending"] in {
        draft(other, rec, lang="en", explain=False).parts["ending"]
        for other in ("boundaries", "disrespect", "fee-disputes", "micromanagement", "capacity", "guarantee")}


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
    # r11 I13: no "In the meantime ... also"
    ([], [RESOURCE], "just let me know. You may also find this resource useful:"),
    ([], [RESOURCE, RESOURCE], "just let me know. You may also find these resources useful:"),
    # never "may ... may" (r8 I3)
    ([REFERRAL], [RESOURCE], "The colleague listed below may be able to help, and you might also find the following resource useful:"),
    ([REFERRAL, REFERRAL], [RESOURCE, RESOURCE],
     "The colleagues listed below may be able to help, and you might also find the following resources useful:"),
])
def test_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "referrals": referrals, "resources": resources})
    assert intro in " ".join(text.split())


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
    assert "both" not in draft("third-party", record, lang="en", explain=False).markdown.replace("\u00a0", " ")


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
    """With the reason stated the work in hand is taken as far as what the client has sent
    allows; without it, as far as the sender can (r8 I5: the client asks what happens to work in
    progress), with no word of input; never a one-off handover after "until then" (r8 W4)."""
    rec = {"name": "Jane Smith", "relationship": "client", "formal": formal, **record}
    stated = " ".join(draft("unresponsive", rec, lang="en").parts["ending"].split())
    quiet = " ".join(draft("unresponsive", rec, lang="en", explain=False).parts["ending"].split())
    assert ("as far as the information I have allows" if formal else "as far as I can with what I've got") in stated
    # r9 W4: no "as far as I can", which says something stands in the way
    assert "carry on with the work in progress" in quiet
    # r14: without the reason, exactly the ending of another reason (nothing sets it apart)
    assert draft("unresponsive", rec, lang="en", explain=False).parts["ending"] == \
        draft("micromanagement", rec, lang="en", explain=False).parts["ending"]
    for hint in ("input", "information", "what I've got", "as far as"):
        assert hint not in quiet, hint
    assert "Until then, I'll hand over" not in quiet and "Until then, I'll send" not in quiet
    assert "input" not in draft("capacity", rec, lang="en").parts["ending"]


@pytest.mark.parametrize("referrals,resources,intro", [
    # never "My colleague below" (r8 I3)
    ([REFERRAL], [RESOURCE], "I've put a colleague's details below in case they can help, and this link might be useful too:"),
    ([REFERRAL, REFERRAL], [RESOURCE, RESOURCE],
     "I've put some colleagues' details below in case they can help, and these links might be useful too:"),
    # capacity offers a colleague before links: the links are named, not "these" after "a colleague"
    # r11 I2: the offer says what to do next
    ([], [RESOURCE, RESOURCE], "I'm happy to put you in touch with a colleague – just say the word. These links might also be worth a look:"),
    ([], [RESOURCE], "I'm happy to put you in touch with a colleague – just say the word. This link might also be worth a look:"),
])
def test_informal_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "formal": False, "referrals": referrals, "resources": resources})
    assert " ".join(text.split()).count(intro) == 1


def _all_letters(relationship: str, **kw: object) -> list[tuple[str, bool, bool, str]]:
    """(reason, formal, explain, markdown without the subject) for every reason that fits."""
    from refusalkit.api import default_engine
    from refusalkit.reasons import all_reasons

    out = []
    for r in all_reasons(default_engine().path):
        if relationship not in r.relationships:
            continue
        for formal in (True, False):
            for explain in (True, False):
                record = {"name": "Jane Smith", "salutation": "ms", "relationship": relationship, "formal": formal, **kw}
                out.append((r.id, formal, explain, draft(r.id, record, lang="en", explain=explain).markdown.replace("\u00a0", " ")))
    return out


DATED = {"end_date": "2026-12-31"}


@pytest.mark.parametrize("record,formal_end,informal_end", [
    ({}, "will end at the close of the notice period set out in our agreement; I will confirm the exact date shortly.",
     "We'll finish at the end of the notice period in our agreement – I'll confirm the exact date shortly."),
    ({**DATED, "notice": True}, "will end on 31 December 2026, at the close of the agreed notice period.",
     "31 December 2026, when the notice period in our agreement runs out."),
    (DATED, "will end on 31 December 2026.", "31 December 2026."),
    ({"notice": True}, "will end at the close of the agreed notice period.",
     ("the notice period in our agreement runs out.", "I'll keep going until the end of the notice period in our agreement.")),
])
def test_every_termination_says_when_it_ends(record: dict[str, object], formal_end: str,
                                            informal_end: str | tuple[str, ...]) -> None:
    """With or without the reason, every reason's termination says when the work ends, in a
    sentence of its own (never "This will take effect", which points back at the reason)."""
    for reason, formal, explain, text in _all_letters("client", **record):
        flat = " ".join(text.split())
        ends = (formal_end,) if formal else (informal_end if isinstance(informal_end, tuple) else (informal_end,))
        assert any(end in flat for end in ends), (reason, formal, explain)
        assert "take effect" not in flat, (reason, formal, explain)
        if not record:
            assert "with that our work together" not in flat and "that will conclude" not in flat


@pytest.mark.parametrize("record", [{}, {**DATED, "notice": True, "amount_due": "100", "currency": "EUR"}])
def test_terminations_say_engagement_at_most_once_and_never_wrap(record: dict[str, object]) -> None:
    """The informal subject already says "Wrapping up"; "engagement" is a consultant's word and
    at most once in a body (the formal subject has it too)."""
    for reason, formal, explain, text in _all_letters("client", **record):
        assert "wrap" not in text.lower(), (reason, formal, explain)
        assert text.count("engagement") <= 1, (reason, formal, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_prospect_refusals_and_openings_are_not_one_formula(formal: bool) -> None:
    letters = [(reason, text) for reason, f, explain, text in _all_letters("prospect") if f == formal and not explain]
    refusals = [draft(reason, {"name": "Jane Smith", "formal": formal}, lang="en").parts["refusal"]
                for reason, _ in letters]
    assert len(set(refusals)) >= 10, refusals
    thinking = [reason for reason, text in letters if "thinking of me" in text or "thought of me" in text]
    assert len(thinking) <= len(letters) // 3, thinking


def test_reviewed_phrasings_do_not_return() -> None:
    """Wordings a native reviewer rejected (r7: F6-F15)."""
    rejected = ("too often not been the case", "establish that here", "set that up here", "I work set hours",
                "difficult to keep to that", "beyond the agreed work", "I understand the goals",
                "I have appreciated", "disagreed several times", "might be able to help, and",
                "might also be worth a read", "These might", "open invoices", "hand back any access",
                # r8: welcome-email openings in a farewell (W3), the sender's own rules "hard to stick
                # to" (W5), an agreement a prospect does not have (W6), new work as the reason to end
                # current work (W7), a reproach (W8), eager or vague end dates (I1), "may ... may" and
                # "My colleague below" (I3), the pointed input wording (I6), "remaining balance" (I10)
                "bringing me on board", "choosing to work with me", "hard to stick to",
                "difficult to maintain", "beyond what's been agreed", "taking on less", "such short notice",
                "earliest date", "as soon as our agreement allows", "may also find the following",
                "colleague below", "colleagues below may", "the input I have received permits",
                "input I've had from you", "remaining", "pause further work", "it's the same for everyone",
                # r9: an opinion instead of a no (W1), cutting back when the reason is being fully booked
                # (W2), a statement of what "will be payable" (I2), "overdue" for all that is owed (I3),
                # the access wording (I4), one of three situations (I6), "step back/away" (I7), a
                # judgement of the prospect (I10), "constant" (I11), "that" with no antecedent (I12),
                # "fixed" prices (I13)
                "right person for this", "reducing my", "cutting back", "workload", "will be payable by",
                "overdue invoices, totalling", "stop using any", "relevant passwords", "feel free to change",
                "outside my field", "step back", "stepping back", "step away", "not confident",
                "constant", "moved away from that", "fixed scope",
                # r11: an unissued invoice tied to the balance's deadline (W1), contract wording and
                # "carry on" in friendly letters (W2, W3), a new due date for what is owed (W4), stiff
                # thanks (I1), "on this occasion" to a prospect who is refused (I3), "timings" (I8),
                # "priced up" (I9), "within ... goals" (I12)
                "together with my final invoice", "along with my final invoice", "agreement provides",
                "not to carry on", "will be payable on", "entrusted to me", "trusted me with",
                "say no on this occasion", "timings", "priced up", "agreed goals", "clear goals",
                "logins you shared",
                # r13: a handover that waits for payment (W), a negotiable notice (I1), "due as usual" (I2),
                # "the work you have given me" (I3), a prospect's plans said to overstep (I4), a brief that
                # "keeps changing" and goals "I gather" (I5), "covered this ground" (I6), "withdraw" (I7)
                "once they have been paid", "once they've been paid", "suits us both", "works for both of us",
                "due as usual", "work you have given me", "work you've given me", "go beyond both",
                "keeps changing", "I gather", "covered this ground", "withdraw",
                # r14: one "balance" for what several invoices owe (W), "keep to the terms" in friendly
                # letters (I), "no longer access" (I), a verdict on what the work is worth (I), a reason
                # that points at the client (I), work the sender might do badly (I), "working for you"
                # (I), "ours" with no noun (I), the clumsy dashed list intro (I)
                "outstanding balance", "keep to the terms of our agreement", "no longer access",
                "see eye to eye", "value of the work", "You have asked for a guarantee", "You've asked me to",
                "I only accept work", "keep working for you", "ours has been", "– they may be able to")
    records = [{}, {**DATED, "notice": True, "amount_due": "100", "currency": "EUR", "pay_by": "2027-01-15",
                    "request": "a new company website"},
               {"referrals": [REFERRAL], "resources": [RESOURCE]}, {"resources": [RESOURCE, RESOURCE]}]
    for relationship in ("prospect", "client"):
        for record in records:
            for reason, formal, explain, text in _all_letters(relationship, **record):
                flat = " ".join(text.split())
                for phrase in rejected:
                    assert phrase not in flat, (phrase, reason, relationship, formal, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_dear_sir_or_madam_takes_yours_faithfully(formal: bool) -> None:
    """British usage pairs the unknown-recipient greeting with "Yours faithfully"; a named
    recipient and every informal letter keep their register's closing; German and Turkish
    letters to an unknown recipient keep their usual closing."""
    nameless = draft("capacity", {"formal": formal}, lang="en")
    named = draft("capacity", {"name": "Jane Smith", "formal": formal}, lang="en")
    assert nameless.parts["greeting"] == ("Dear Sir or Madam," if formal else "Hello,")
    assert nameless.parts["closing"] == ("Yours faithfully" if formal else "Best wishes")
    assert named.parts["closing"] == ("Kind regards" if formal else "Best wishes")
    for lang in ("de", "tr"):
        assert draft("capacity", {"formal": formal}, lang=lang).parts["closing"] == \
            draft("capacity", {"name": "Jane Smith", "formal": formal}, lang=lang).parts["closing"]


@pytest.mark.parametrize("formal", [True, False])
def test_only_a_returning_enquirer_is_told_it_is_good_to_hear_from_them(formal: bool) -> None:
    """r8 I2: "pleased / good to hear from you" assumes we know each other: only already-helped,
    where the enquirer came back."""
    for record in ({}, {"request": "a new company website"}):
        for reason, f, explain, text in _all_letters("prospect", **record):
            if f != formal:
                continue
            knows = "hear from you" in text
            assert knows == (reason == "already-helped"), (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_informal_terminations_keep_formal_wording_out_of_the_handover(formal: bool) -> None:
    """r8 I11: "due to you" is formal-letter wording; the informal handover says "your files"."""
    for reason, f, explain, text in _all_letters("client"):
        if f == formal:
            assert ("due to you" in text) == (formal and not (reason == "nonpayment" and explain)), (reason, explain)


@pytest.mark.parametrize("relationship", ["prospect", "client"])
@pytest.mark.parametrize("formal", [True, False])
def test_disrespect_without_the_reason_is_calm(relationship: str, formal: bool) -> None:
    """r8 I4: "must decline" and "part company" suggest principle or a falling-out, which a
    letter without the reason must not hint at (and the refusal is the same with the reason)."""
    record = {"name": "Jane Smith", "relationship": relationship, "formal": formal}
    for explain in (True, False):
        refusal = draft("disrespect", record, lang="en", explain=explain).parts["refusal"]
        for hint in ("must", "part company", "have to say no"):
            assert hint not in refusal, (hint, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_micromanagement_prospects_are_told_no_not_an_opinion(formal: bool) -> None:
    """r9 W1: "I do not believe I am the right person" invites "I think you are"; the refusal is a
    decision, with and without the reason."""
    for explain in (True, False):
        refusal = draft("micromanagement", {"name": "Jane Smith", "formal": formal}, lang="en",
                        explain=explain).parts["refusal"]
        assert refusal.startswith("I have decided not to" if formal else "I've decided not to"), refusal
        assert "believe" not in refusal and "think" not in refusal


@pytest.mark.parametrize("formal", [True, False])
def test_a_fully_booked_client_is_told_of_other_commitments_not_a_smaller_workload(formal: bool) -> None:
    """r9 W2: the reason chosen is being fully booked; "reducing my workload" could later prove untrue."""
    reason = draft("capacity", {"name": "Jane Smith", "relationship": "client", "formal": formal},
                   lang="en").parts["reason"]
    assert "other commitments" in reason and "time" in reason
    for claim in ("reduc", "cutting", "workload", "step"):
        assert claim not in reason, claim


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_boundaries_never_thanks_for_all_the_work(formal: bool, explain: bool) -> None:
    """r9 W3: after unpaid extra work, "all the work you have brought my way" reads as a dig."""
    thanks = draft("boundaries", {"name": "Jane Smith", "relationship": "client", "formal": formal}, lang="en",
                   explain=explain).parts["thanks"]
    assert "all the work" not in thanks


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"amount_due": "100", "currency": "EUR", "pay_by": "2027-01-15"}])
def test_terminations_without_the_reason_do_not_open_and_close_coolly(formal: bool, record: dict[str, object]) -> None:
    """r9 patterns: disrespect, fee-disputes and nonpayment open with "entrusted" and close with the
    plainer "all the best" only when the reason is stated; without it they open and close like the
    other terminations without a reason, so the pair does not give the reason away."""
    rec = {"name": "Jane Smith", "relationship": "client", "formal": formal, **record}

    def opening_and_wish(reason: str, explain: bool) -> tuple[str, str]:
        letter = draft(reason, rec, lang="en", explain=explain)
        return letter.parts["thanks"], letter.parts["encouragement"].splitlines()[-1]

    others = {opening_and_wish(r, False) for r in ("boundaries", "micromanagement", "emergencies", "guarantee",
                                                    "shifting-requirements", "unresponsive")}
    for reason in ("disrespect", "fee-disputes", "nonpayment"):
        quiet = opening_and_wish(reason, False)
        assert quiet in others, (reason, quiet)
        assert "trust" not in quiet[0]
        assert opening_and_wish(reason, True) != quiet, reason
