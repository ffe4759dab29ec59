"""What the English templates decide: one letter for every reason when the reason is not
stated (r18 D1), when a termination ends (D2), what is owed and by when (D3), the handover
(D4), login details only for clients who gave them (D5), list intros, and which reasons never
pass a client on to colleagues."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

CLIENT = {"name": "Jane Smith", "salutation": "ms", "relationship": "client", "amount_due": "1234.5",
          "currency": "GBP", "end_date": "2026-12-31"}
REFERRAL = {"name": "Sam Patel", "contact": "sam@example.com"}
RESOURCE = {"title": "A guide", "url": "https://example.org/guide"}
DATED = {"end_date": "2026-12-31"}
PLAIN = {"name": "Jane Smith", "salutation": "ms"}
RICH = {**PLAIN, "request": "a new company website", "amount_due": "1234.5", "currency": "EUR",
        "end_date": "2026-12-31", "pay_by": "2027-01-15", "notice": True, "access": True,
        "referrals": [REFERRAL], "resources": [RESOURCE]}


def body(reason: str, record: dict[str, object], *, style: Style | None = None, explain: bool = True) -> str:
    return draft(reason, record, lang="en", style=style, explain=explain).markdown.replace("\u00a0", " ")


def flat(reason: str, record: dict[str, object], *, style: Style | None = None, explain: bool = True) -> str:
    return " ".join(body(reason, record, style=style, explain=explain).split())


def reasons_for(relationship: str) -> list[str]:
    from refusalkit.api import default_engine
    from refusalkit.reasons import all_reasons

    return [r.id for r in all_reasons(default_engine().path) if relationship in r.relationships]


def _all_letters(relationship: str, **kw: object) -> list[tuple[str, bool, bool, str]]:
    """(reason, formal, explain, markdown without the subject) for every reason that fits."""
    out = []
    for reason in reasons_for(relationship):
        for formal in (True, False):
            for explain in (True, False):
                record = {**PLAIN, "relationship": relationship, "formal": formal, **kw}
                out.append((reason, formal, explain, body(reason, record, explain=explain)))
    return out


# --- r18 D1: "reason not stated" is the same letter for every reason ------------------------

@pytest.mark.parametrize("relationship", ["prospect", "client"])
@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record,style", [({}, None), (RICH, None), ({**RICH, "pay_by": None}, Style(payment_days=14)),
                                          ({"resources": [RESOURCE, RESOURCE]}, None)])
def test_without_the_reason_every_reason_gives_the_same_letter(relationship: str, formal: bool,
                                                               record: dict[str, object], style: Style | None) -> None:
    """r18 D1 (r17 W3: tiered openers, wishes and colleague offers were a hint): every reason that
    fits the relationship gives byte-identical --no-explain markdown (the subject is not part of
    it), for a plain and a rich record, formal and informal. No reason is exempt."""
    rec = {**PLAIN, **record, "relationship": relationship, "formal": formal}
    if relationship == "prospect":
        rec = {k: v for k, v in rec.items() if k in ("name", "salutation", "relationship", "formal", "request",
                                                     "referrals", "resources")}
    letters = {reason: body(reason, rec, style=style, explain=False) for reason in reasons_for(relationship)}
    assert len(set(letters.values())) == 1, sorted(letters)
    quiet = next(iter(letters.values()))
    # the one neutral opener (r17 W3) and no colleague offered unasked
    if relationship == "client":
        assert ("Thank you for the opportunity to work with you." if formal
                else "Thanks for the chance to work together.") in quiet
    assert "colleague" not in quiet


@pytest.mark.parametrize("relationship", ["prospect", "client"])
@pytest.mark.parametrize("formal", [True, False])
def test_the_refusal_is_one_sentence_that_stays_when_the_reason_is_left_out(relationship: str, formal: bool) -> None:
    """The refusal is a fact, not a deliberation, and the same for every reason, so leaving the
    reason out changes nothing else in that paragraph; the reason says what is particular."""
    record = {**PLAIN, "relationship": relationship, "formal": formal}
    refusals = {draft(r, record, lang="en", explain=e).parts["refusal"]
                for r in reasons_for(relationship) for e in (True, False)}
    assert len(refusals) == 1, refusals
    reasons = {draft(r, record, lang="en").parts["reason"] for r in reasons_for(relationship)}
    assert len(reasons) == len(reasons_for(relationship))


# --- r18 D2: when a termination ends ---------------------------------------------------------

@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("notice", [False, True])
def test_a_termination_without_an_end_date_is_the_notice(formal: bool, explain: bool, notice: bool) -> None:
    """r17 W1 / r18 D2: no end date means this letter gives notice, counted from its date; never
    a date "to be confirmed shortly", never "until our work ends" without saying when."""
    for reason in reasons_for("client"):
        text = flat(reason, {**PLAIN, "relationship": "client", "formal": formal, "notice": notice}, explain=explain)
        assert ("Our work together will end when the notice period in our agreement expires, counted from the "
                "date of this letter. Until then," if formal else
                "We'll finish when the notice period in our agreement runs out, counting from today. Until then,"
                ) in text, (reason, explain)
        assert "confirm" not in text and "shortly" not in text, (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("notice", [False, True])
def test_with_an_end_date_the_work_ends_first_then_what_is_done_until_then(formal: bool, explain: bool,
                                                                          notice: bool) -> None:
    """r17-de W2 / r18 D2: first that the work together ends on the date (with the agreed notice
    when the record says so), then what is still done; never "By 31 December I will finish …",
    which reads as a delivery deadline."""
    for reason in reasons_for("client"):
        text = flat(reason, {**PLAIN, "relationship": "client", "formal": formal, "notice": notice, **DATED},
                    explain=explain)
        end = ("Our work together will end on 31 December 2026" if formal else "We'll finish on 31 December 2026")
        assert end in text and text.index(end) < text.index("Until then,"), (reason, explain)
        assert ("notice period" in text) == notice, (reason, explain)
        assert not re.search(r"\b(By|Up to|until) 31 December", text), (reason, explain)


# --- r18 D3: money -----------------------------------------------------------------------------

@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("style", [None, Style(payment_days=14)])
def test_no_amount_on_record_means_no_dunning_only_the_final_invoice_and_its_terms(
        formal: bool, explain: bool, style: Style | None) -> None:
    """r17 W2 / r18 D3: a client who pays is not asked to "settle any outstanding invoices"; the
    final invoice follows separately, payable within payment_days, else on the agreed terms."""
    for reason in reasons_for("client"):
        text = flat(reason, {**PLAIN, "relationship": "client", "formal": formal, "pay_by": "2027-01-15"},
                    style=style, explain=explain)
        if reason == "nonpayment" and explain:
            continue  # the reason is that invoices are unpaid: see the nonpayment test
        assert "outstanding" not in text and "settle " not in text, (reason, explain)
        terms = "within 14 days" if style else ("payable on our usual terms" if formal else "on the payment terms we agreed")
        assert "final invoice" in text and terms in text, (reason, explain)
        assert "15 January 2027" not in text


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("record,style,by", [
    ({"pay_by": "2027-01-15"}, Style(payment_days=14), "by 15 January 2027"),
    ({}, Style(payment_days=14), "within 14 days"),
    ({}, None, "by 31 December 2026"),
    ({"end_date": None}, None, None),
])
def test_an_amount_is_always_asked_for_with_a_by_when(formal: bool, explain: bool, record: dict[str, object],
                                                      style: Style | None, by: str | None) -> None:
    """r17 W2/I11 / r18 D3: what earlier invoices still come to, and always by when: pay_by, else
    the house style's payment_days, else the end date, else before the work ends; never "by their
    due dates", never the amount in brackets inside a question."""
    for reason in reasons_for("client"):
        text = flat(reason, {**CLIENT, "formal": formal, **record}, style=style, explain=explain)
        if by is None:
            by = "before our work ends" if formal else "before we finish"
        if reason == "nonpayment" and explain:
            assert "£1,234.50" in text and by in text, (reason, by)
            continue
        money = (f"The invoices currently outstanding total £1,234.50; please settle them {by}." if formal
                 else f"The invoices still outstanding come to £1,234.50 – could you settle them {by}?")
        assert money in text, (reason, explain)
        assert "due dates" not in text and "in total)" not in text, reason
        assert ("come to £" in text) == (not formal), reason  # r17 I11: "come to" is chatty in formal letters
        for urgent in ("promptly", "as soon as", "immediately"):
            assert urgent not in text, (reason, urgent)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("pay_by", [None, "2027-01-15"])
@pytest.mark.parametrize("amount", [None, "1234.5"])
@pytest.mark.parametrize("end_date", [None, "2026-12-31"])
def test_nonpayment_with_its_reason_asks_promptly_and_still_by_when(formal: bool, pay_by: str | None,
                                                                    amount: str | None, end_date: str | None) -> None:
    """r18 D3: only nonpayment with its reason may ask for the money as soon as possible, and it
    keeps the by-when; r18 D4: the handover is the one every reason has (never "once paid")."""
    record = {**CLIENT, "formal": formal, "pay_by": pay_by, "amount_due": amount, "end_date": end_date}
    text = flat("nonpayment", record)
    assert "outstanding" in text
    if pay_by:
        assert "by 15 January 2027" in text
    else:
        by = ("by 31 December 2026" if end_date else ("before our work ends" if formal else "before we finish"))
        assert ("as soon as possible, and in any event " if formal else "as soon as you can, and in any case ") + by \
            in text
    if amount:
        assert "£1,234.50" in text
    assert text.index("outstanding") < text.index("final invoice")
    for lien in ("once paid", "once payment", "once they", "until payment", "in any case, and", "overdue"):
        assert lien not in text, lien
    capacity = draft("capacity", record, lang="en").parts["ending"]
    handover = ("I will hand over the completed work as set out in our agreement and return your own documents and "
                "data." if formal else
                "I'll hand over the finished work as set out in our agreement and send back your own files and data.")
    assert handover in " ".join(capacity.split()) and handover in text


def test_fee_disputes_never_concedes_that_the_fees_were_not_agreed() -> None:
    """r17 W4 / r18 D3: "we have not been able to agree on fees" hands the client an argument
    against paying the invoices the same letter asks for."""
    for formal in (True, False):
        reason = draft("fee-disputes", {**CLIENT, "formal": formal}, lang="en").parts["reason"]
        assert "differences over invoices" in reason if formal else "disagreeing over invoices" in reason
        assert "agree" not in reason.replace("disagreeing", "")


# --- r18 D4 and D5: handover and login details ------------------------------------------------

@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, RICH])
def test_one_handover_for_every_reason(formal: bool, record: dict[str, object]) -> None:
    """r17 W5 / r18 D4: the work in hand is carried on, never promised complete; completed work as
    set out in our agreement; the client's own documents and data come back plainly (never "in
    any case", which reads as a threat). Unresponsive with its reason: as far as the input allows,
    unfinished work as it stands."""
    for reason, f, explain, text in _all_letters("client", **record):
        if f != formal:
            continue
        text = " ".join(text.split())
        assert "as set out in our agreement" in text, (reason, explain)
        assert ("return your own documents and data" if formal else "send back your own files and data") in text
        assert "in any case" not in text.split("Until then,")[1].split(".")[0]
        assert "back in any case" not in text and "to you in any case" not in text
        for promise in ("complete the work", "finish the work", "once paid", "once they have been paid"):
            assert promise not in text, (reason, promise)
        assert ("as it stands" in text) == (reason == "unresponsive" and explain), (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_login_details_only_for_clients_who_gave_them(formal: bool, explain: bool) -> None:
    """r17 I2 / r18 D5: the paragraph about logins appears for every reason exactly when the record
    says the client gave access, and says it plainly (no "any passwords you shared")."""
    for reason in reasons_for("client"):
        for access in (False, True):
            text = flat(reason, {**CLIENT, "formal": formal, "access": access}, explain=explain)
            assert ("I will delete the login details you gave me" if formal
                    else "I'll delete the login details you gave me") in text if access else "login" not in text
            assert ("passwords" in text) == access, (reason, access)
            for vague in ("any passwords", "if you shared", "any of your systems", "may wish to"):
                assert vague not in text, (reason, vague)


# --- r17 wording -----------------------------------------------------------------------------

def test_reviewed_phrasings_do_not_return() -> None:
    """Wordings a native reviewer rejected (r7 to r17)."""
    rejected = ("too often not been the case", "establish that here", "I work set hours",
                "beyond the agreed work", "I have appreciated", "might also be worth a read", "These might",
                "open invoices", "hand back any access", "bringing me on board", "choosing to work with me",
                "hard to stick to", "taking on less", "such short notice", "earliest date",
                "as soon as our agreement allows", "colleague below", "remaining", "pause further work",
                "right person for this", "reducing my", "cutting back", "workload", "will be payable by",
                "stop using any", "relevant passwords", "feel free to change", "outside my field", "step back",
                "stepping back", "step away", "constant", "fixed scope", "together with my final invoice",
                "agreement provides", "entrusted to me", "trusted me with", "timings", "priced up",
                "logins you shared", "once they have been paid", "suits us both", "works for both of us",
                "due as usual", "work you have given me", "keeps changing", "I gather", "covered this ground",
                "withdraw", "outstanding balance", "keep to the terms of our agreement", "no longer access",
                "see eye to eye", "value of the work", "I only accept work", "keep working for you",
                # r17: a date to be confirmed (W1), dunning without a by-when (W2), tiered openers (W3, I6),
                # fees "not agreed" (W4), "in any case" (W5), "Things ... Things" (W6), complaints-desk
                # wording (I1), "any passwords" (I2), "specialise ... specialist" (I3), "keep turning"
                # (I4), "drift" (I5, patterns), "your work" (I7), "this request" (I8), "come to depend on
                # guarantees" (I9), a prospect's reliability (I10)
                "confirm the exact date", "settle any outstanding", "settle anything still outstanding",
                "all the work you have brought", "all the work you've sent", "It's been good working",
                "I have very much valued", "not been able to agree", "haven't been able to agree",
                "returned to you in any case", "back in any case", "Things have come", "taking this further",
                "any passwords", "What comes next is outside", "keep turning", "drift",
                "carry on with your work", "help with this request", "come to depend on guarantees",
                "we would be the right match", "we'd be the right match", "by their due dates")
    records = [{}, {**DATED, "notice": True, "amount_due": "100", "currency": "EUR", "pay_by": "2027-01-15",
                    "request": "a new company website", "access": True},
               {"referrals": [REFERRAL], "resources": [RESOURCE]}, {"resources": [RESOURCE, RESOURCE]}]
    for relationship in ("prospect", "client"):
        for record in records:
            for reason, formal, explain, text in _all_letters(relationship, **record):
                text = " ".join(text.split())
                for phrase in rejected:
                    assert phrase not in text, (phrase, reason, relationship, formal, explain)


@pytest.mark.parametrize("record", [{}, {**DATED, "notice": True, "amount_due": "100", "currency": "EUR"}])
def test_terminations_say_engagement_at_most_once_and_never_wrap(record: dict[str, object]) -> None:
    """The informal subject already says "Wrapping up"; "engagement" is a consultant's word and
    at most once in a body (the formal subject has it too)."""
    for reason, formal, explain, text in _all_letters("client", **record):
        assert "wrap" not in text.lower(), (reason, formal, explain)
        assert text.count("engagement") <= 1, (reason, formal, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_prospect_letters_that_state_the_reason_do_not_all_open_and_close_alike(formal: bool) -> None:
    letters = [draft(r, {"name": "Jane Smith", "formal": formal}, lang="en") for r in reasons_for("prospect")]
    assert len({letter.parts["thanks"] for letter in letters}) >= 3
    assert len({letter.parts["encouragement"].splitlines()[-1] for letter in letters}) >= 3
    thinking = [letter for letter in letters if "thinking of me" in letter.markdown or "thought of me" in letter.markdown]
    assert len(thinking) <= len(letters) // 2


@pytest.mark.parametrize("formal", [True, False])
def test_only_a_returning_enquirer_is_told_it_is_good_to_hear_from_them(formal: bool) -> None:
    """r8 I2: "good to hear from you" assumes we know each other: only already-helped with its
    reason stated (without it, the one neutral letter)."""
    for record in ({}, {"request": "a new company website"}):
        for reason, f, explain, text in _all_letters("prospect", **record):
            if f == formal:
                assert ("hear from you" in text) == (reason == "already-helped" and explain), (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_informal_terminations_keep_formal_wording_out_of_the_handover(formal: bool) -> None:
    """r8 I11: "documents" and "due to you" are formal-letter wording; informal letters say "files"."""
    for reason, f, explain, text in _all_letters("client"):
        if f == formal:
            assert ("documents and data" in text) == formal, (reason, explain)
            assert "due to you" not in text


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_a_client_letter_opens_warmly_only_where_the_stated_reason_is_not_the_clients_doing(
        formal: bool, explain: bool) -> None:
    """r17 W3/I6: one neutral opener for every termination; the warm one for capacity,
    out-of-scope and already-helped with the reason stated; never "so far" (the letter ends the
    work) and never thanks for trust where trust is lacking."""
    neutral = "Thank you for the opportunity to work with you." if formal else "Thanks for the chance to work together."
    for reason in reasons_for("client"):
        thanks = draft(reason, {**PLAIN, "relationship": "client", "formal": formal}, lang="en",
                       explain=explain).parts["thanks"]
        warm = explain and reason in ("capacity", "out-of-scope", "already-helped")
        assert (thanks != neutral) == warm, (reason, thanks)
        assert "so far" not in thanks and "all the work" not in thanks


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


@pytest.mark.parametrize("referrals,resources,intro", [
    ([REFERRAL], [], "The following colleague may be able to help:"),
    ([REFERRAL, REFERRAL], [], "The following colleagues may be able to help:"),
    # capacity offers a colleague before links (r11 I13: no "In the meantime ... also")
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


@pytest.mark.parametrize("referrals,resources,intro", [
    ([REFERRAL], [RESOURCE], "I've put a colleague's details below in case they can help, and this link might be useful too:"),
    ([REFERRAL, REFERRAL], [RESOURCE, RESOURCE],
     "I've put some colleagues' details below in case they can help, and these links might be useful too:"),
    ([], [RESOURCE, RESOURCE], "I'm happy to put you in touch with a colleague – just say the word. These links might also be worth a look:"),
    ([], [RESOURCE], "I'm happy to put you in touch with a colleague – just say the word. This link might also be worth a look:"),
])
def test_informal_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "formal": False, "referrals": referrals, "resources": resources})
    assert " ".join(text.split()).count(intro) == 1


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("lists,intro", [
    ({"referrals": [REFERRAL]}, ("You may find the following useful:", "You might find this useful:")),
    ({"referrals": [REFERRAL], "resources": [RESOURCE]},
     ("You may find the following useful:", "You might find these useful:")),
])
def test_without_the_reason_listed_help_gets_one_intro_for_people_and_links(formal: bool, lists: dict[str, object],
                                                                             intro: tuple[str, str]) -> None:
    text = flat("capacity", {**PLAIN, "formal": formal, **lists}, explain=False)
    assert intro[0 if formal else 1] in text and "Sam Patel" in text


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
    assert "both" not in body("third-party", record, explain=False)


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
        if lang == "tr" and not formal:
            continue  # r18-tr W5: Turkish writes "siz", with its formal closing, to an unnamed recipient
        assert draft("capacity", {"formal": formal}, lang=lang).parts["closing"] == \
            draft("capacity", {"name": "Jane Smith", "formal": formal}, lang=lang).parts["closing"]


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
        assert refusal.startswith("I am afraid" if formal else "I'm afraid"), refusal
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


@pytest.mark.parametrize("relationship", ["prospect", "client"])
@pytest.mark.parametrize("record", [{}, RICH])
def test_informal_letters_are_informal_and_close_with_one_wish(relationship: str, record: dict[str, object]) -> None:
    """r18 D6: an informal letter is not a formal one with the pronouns swapped, and its close is
    one wish before the sign-off (never two stacked). English had no stacked wish before r18; this
    guards it."""
    rec = dict(record)
    if relationship == "prospect":
        rec = {k: v for k, v in rec.items() if k in ("request", "referrals", "resources")}
    for reason, formal, explain, text in _all_letters(relationship, **rec):
        if formal:
            continue
        flat_text = " ".join(text.split())
        for stiff in ("I am ", "I will ", "I would ", "do not ", "cannot ", "Thank you ", "Kind regards",
                      "Please ", "payable", "documents and data"):
            assert stiff not in flat_text, (stiff, reason, explain)
        letter = draft(reason, {**PLAIN, "relationship": relationship, "formal": False, **rec}, lang="en",
                       explain=explain)
        wish = letter.parts["encouragement"].strip().splitlines()[-1]
        assert wish.count(".") + wish.count("!") == 1, (reason, wish)
        assert letter.parts["closing"] == "Best wishes" and "wish" not in wish.lower(), (reason, wish)
