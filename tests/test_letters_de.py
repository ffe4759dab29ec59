"""German wording the review asked for and templates alone decide (issue 14):
a refusal per reason, real du letters, what a termination says, and no
colleagues offered for clients nobody passes on."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .helpers import every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

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
    # no date on record and none in the house style: no deadline is invented,
    # the due dates on the invoices apply (integrator's decision r14)
    plain = ending({}, formal=formal)
    assert "bis zum" not in plain and "innerhalb von" not in plain and "1.234,50 €" in plain
    # review r14 (W3): one amount, so no „jeweils angegebenen Zahlungsfristen“
    # for „diesen Betrag“; each item is due on its own date
    # review r15 (I9): no „bis zu ihrem Fälligkeitsdatum“, which may have passed
    assert ("Bitte begleichen Sie die einzelnen Beträge zu den jeweils angegebenen Fälligkeiten." if formal
            else "Bitte überweise die einzelnen Beträge jeweils zum angegebenen Termin.") in plain
    assert "Fälligkeitsdatum" not in plain
    assert "Zahlungsfristen" not in plain and "darauf" not in plain


@pytest.mark.parametrize("formal", [True, False])
def test_a_friendly_ending_bills_the_final_invoice_not_a_reminder(formal: bool) -> None:
    """The review: „den noch offenen Betrag“ read like a reminder in a letter
    that ends on good terms; without an amount, say that the final invoice
    follows (with the deadline when there is one)."""
    with_amount = ending({"pay_by": "2027-01-15"}, formal=formal)
    assert "Schlussrechnung" in with_amount and "1.234,50 €" in with_amount and "Mahnung" not in with_amount
    without = draft("capacity", {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                    lang="de", style=Style(payment_days=14)).parts["ending"]
    assert "Schlussrechnung" in without and "innerhalb von 14 Tagen" in without


@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_only_when_the_record_says_so(formal: bool) -> None:
    """With notice the letter gives notice („Hiermit kündige ich …“, du: „Ich
    kündige …“), to the end date or, without one, to the next possible date."""
    with_notice = ending({"end_date": "2026-12-31", "notice": True}, formal=formal)
    assert (("Hiermit kündige ich" if formal else "Ich kündige")
            + " unseren Vertrag fristgerecht zum 31. Dezember 2026") in with_notice
    assert "Bis dahin" in with_notice
    # if the notice period was miscalculated, the notice stays valid: formal
    # „hilfsweise“, in a du letter plain words (review r8, W2)
    assert ("31. Dezember 2026, hilfsweise zum nächstmöglichen Zeitpunkt" if formal else
            "31. Dezember 2026 – falls die Kündigungsfrist später endet, zum nächstmöglichen Termin") in with_notice
    assert ("hilfsweise" in with_notice) == formal
    assert ("fristgerecht zum nächstmöglichen " + ("Zeitpunkt" if formal else "Termin")) in ending({"notice": True}, formal=formal)
    assert "fristgerecht" not in ending({"end_date": "2026-12-31"}, formal=formal)
    for text in (with_notice, ending({}, formal=formal)):
        # not every engagement has access data, and they are the client's:
        # deleted, not handed on; deleting them on my side does not close the
        # access (review r8, I16). Review r14 (W4): worded so it is true
        # whether or not there were any, with no template-speak „Falls …“,
        # no „trotzdem“ and no „die Passwörter“ without antecedent
        assert ("Zugangsdaten, die Sie mir überlassen haben, lösche ich nach der Übergabe; "
                "es empfiehlt sich, die betreffenden Passwörter danach zu ändern." if formal
                else "Zugangsdaten, die du mir gegeben hast, lösche ich nach der Übergabe. "
                "Die Passwörter dazu änderst du am besten anschließend.") in " ".join(text.split())
        assert "Falls" not in text and "trotzdem" not in text
        # no semicolons in a du letter (review r8, I3)
        assert formal or ";" not in text


def nonpayment_ending(record: dict[str, object], explain: bool, formal: bool = True,
                      style: Style | None = None) -> str:
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    return draft("nonpayment", rec, lang="de", explain=explain, style=style).parts["ending"].replace("\u00a0", " ")


NONPAYMENT_RECORDS = [{}, {"amount_due": "1234.5", "currency": "EUR"},
                      {"amount_due": "1234.5", "currency": "EUR", "end_date": "2026-12-31",
                       "pay_by": "2027-01-15", "notice": True},
                      {"notice": True}, {"end_date": "2026-12-31", "amount_due": "980", "currency": "USD"}]


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", NONPAYMENT_RECORDS)
@pytest.mark.parametrize("days", [None, 14])
def test_nonpayment_with_the_reason_terminates_and_keeps_working(record, formal: bool, days) -> None:
    """Integrator's decision after review r8 (W1): never with immediate effect
    and no pause during the notice period. The work in hand is completed, the
    overdue amount is already due (pay_by is no deferral), finished work
    follows payment, the client's own documents come back in any case, and
    the final invoice is a separate line."""
    style = Style(payment_days=days) if days else None
    t = nonpayment_ending(record, explain=True, formal=formal, style=style)
    assert t.startswith("Hiermit kündige ich unseren Vertrag" if formal else "Ich kündige unseren Vertrag")
    assert "sofort" not in t and ("fristgerecht" in t) == bool(record.get("notice"))
    for pause in ("ruhen", "nicht weiter", "zurück, ", "stelle ich"):
        assert pause not in t, pause
    assert ("Bis dahin schließe ich die laufenden Arbeiten ab" if formal
            else "Bis dahin mache ich die laufenden Arbeiten noch fertig") in t
    # r14 (decision 1): completed work follows the agreement, never the payment
    assert ("gemäß unserer Vereinbarung" if formal else "wie wir es vereinbart haben") in t
    # integrator's decision after r12: the record says only what is still owed
    assert "fällig;" not in t and "fällig –" not in t and "überfällig" not in t
    assert ("Ihre eigenen Unterlagen erhalten Sie in jedem Fall zurück" if formal
            else "Deine eigenen Unterlagen schicke ich dir auf jeden Fall zurück") in t
    assert "Schlussrechnung" in t and "überfällig" not in t
    if record.get("amount_due"):
        assert "Aus bereits gestellten Rechnungen sind noch" in t or "Aus bisherigen Rechnungen sind noch" in t
        assert "einschließlich" not in t and "Schlussrechnung über" not in t
    # one deadline for what is outstanding, never „umgehend, spätestens am“
    assert "spätestens" not in t
    if record.get("pay_by"):
        assert "bis zum 15. Januar 2027" in t and "umgehend" not in t
    elif days:
        assert "innerhalb von 14 Tagen" in t and "umgehend" not in t
    else:
        assert ("umgehend" if formal else "so bald wie möglich") in t
    # the final invoice follows separately on the agreed terms, without
    # repeating „innerhalb von 14 Tagen“ of the sentence before
    if days and not record.get("pay_by"):
        assert "dieselbe" in t and t.count("innerhalb von 14 Tagen") == 1
    else:
        assert ("zahlbar innerhalb von 14 Tagen nach Erhalt" if days else "es gilt das Zahlungsziel, das wir abgesprochen haben"
                if not formal else "es gelten die vereinbarten Zahlungsbedingungen") in t


HINTS = ("umgehend", "pünktlich", "Honorar", "in jedem Fall", "auf jeden Fall", "Vereinbarung",
         "vereinbart haben", "bezahlt", "überfällig", "Mahnung")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", NONPAYMENT_RECORDS)
@pytest.mark.parametrize("days", [None, 14])
def test_nonpayment_without_the_reason_ends_like_every_other_reason(record, formal: bool, days) -> None:
    """Review r14 (W1), integrator's decision: a nonpayment letter without the
    reason has no notice formula or invoice reminder of its own (a client who
    has not paid reads that as the reason). Its termination is word for word
    the one of every other reason (capacity), and the whole letter the one of
    fee-disputes (same opening, refusal and wish); a recorded amount gets the
    neutral sentence all reasons share."""
    style = Style(payment_days=days) if days else None
    t = nonpayment_ending(record, explain=False, formal=formal, style=style)
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    assert t == draft("capacity", rec, lang="de", explain=False, style=style).parts["ending"].replace("\u00a0", " ")
    assert (draft("nonpayment", rec, lang="de", explain=False, style=style).markdown
            == draft("fee-disputes", rec, lang="de", explain=False, style=style).markdown)
    for hint in HINTS + ("offenen Rechnungen", "nächstmöglichen"):
        if hint == "nächstmöglichen" and record.get("notice"):
            continue
        assert hint not in t, hint
    if record.get("amount_due"):
        assert "Aus bereits gestellten Rechnungen sind noch" in t or "Aus bisherigen Rechnungen sind noch" in t


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "guarantee", "emergencies", "disrespect", "nonpayment"])
def test_every_termination_mentions_the_final_invoice_and_no_dunning(formal: bool, reason: str) -> None:
    """Integrator's decision r14 (2), review r13: every termination announces
    the final invoice; a client who pays is not asked about „etwaige weitere
    offene Rechnungen“ (a reminder); only nonpayment with the reason stated
    asks for open invoices without an amount on record (review r14, W1); no
    „nahtlose“ handover is promised."""
    for explain in (True, False):
        t = draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                  lang="de", explain=explain).parts["ending"]
        assert "Schlussrechnung" in t, (reason, explain)
        assert "etwaige" not in t and "nahtlos" not in t and "ohne Unterbrechung" not in t
        asks = "offenen Rechnungen" in t or "offenen Beträge" in t
        assert asks == (reason == "nonpayment" and explain), (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_no_explain_letters_leak_no_reason(formal: bool) -> None:
    """The reviews (r6): time words point to a full calendar (capacity),
    „erneut/wieder“ to „enough already“ (already-helped), „muss“ to an outside
    cause (free-work); the third-party wish goes to the person writing."""
    def quiet(reason: str, rel: str = "prospect") -> str:
        return draft(reason, {"name": "Kim Mayer", "formal": formal, "relationship": rel},
                     lang="de", explain=False).markdown
    for rel in ("prospect", "client"):
        text = quiet("capacity", rel)
        assert not re.search(r"\b(derzeit|gerade|momentan|zurzeit|aktuell)\b", text)
    text = quiet("already-helped")
    assert "erneut" not in text and "wieder" not in text
    assert not re.search(r"\bmuss\b", quiet("free-work"))
    text = quiet("third-party")
    # review r8 (W3): the offer of colleagues is the one every prospect gets,
    # „an die man sich wenden kann“ pointed at someone else
    assert "beiden" not in text and " man " not in text
    assert draft("third-party", {"name": "Kim Mayer", "formal": formal}, lang="de",
                 explain=False).parts["encouragement"].split("\n")[0] == draft(
        "capacity", {"name": "Kim Mayer", "formal": formal}, lang="de",
        explain=False).parts["encouragement"].split("\n")[0]


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["micromanagement", "guarantee"])
def test_no_thanks_for_trust_where_the_reason_is_distrust(formal: bool, reason: str) -> None:
    for explain in (True, False):
        thanks = draft(reason, {"name": "Kim Mayer", "formal": formal, "relationship": "client"},
                       lang="de", explain=explain).parts["thanks"]
        assert "Vertrauen" not in thanks


@pytest.mark.parametrize("reason", ["guarantee", "boundaries", "scope-creep"])
@pytest.mark.parametrize("rel", ["prospect", "client"])
def test_no_colleagues_for_guarantees_unpaid_extras_or_crossed_boundaries(reason: str, rel: str) -> None:
    for formal in (True, False):
        for explain in (True, False):
            text = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                         lang="de", explain=explain).markdown
            assert "Kolleg" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_no_colleagues_for_a_client_who_is_never_satisfied(formal: bool) -> None:
    """The review (r6, I20): that passes the problem on to one's own network."""
    for explain in (True, False):
        text = draft("never-satisfied", {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                     lang="de", explain=explain).markdown
        assert "Kolleg" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_real_alternatives_only_with_the_reason(formal: bool) -> None:
    rec = {"name": "Kim Mayer", "formal": formal}
    back = draft("shifting-requirements", rec, lang="de").markdown
    assert "melden Sie sich gern wieder" in back if formal else "melde dich gern noch mal" in back
    # review r16 (W3): free-work refuses the job with and without the reason,
    # and offers a paid quote in neither (the door must not depend on the flag)
    paid = draft("free-work", rec, lang="de").markdown
    assert "Angebot" not in paid and "leisten" not in paid
    for reason in ("shifting-requirements", "free-work"):
        quiet = draft(reason, rec, lang="de", explain=False).markdown
        assert "wieder" not in quiet and "noch mal" not in quiet and "Angebot" not in quiet


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
    assert letter.parts["refusal"] == "Leider kann ich Ihren Auftrag nicht übernehmen."
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


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", [{}, {"end_date": "2026-12-31"}, {"end_date": "2026-12-31", "notice": True}])
def test_unresponsive_finishes_the_work_as_far_as_the_inputs_allow(formal: bool, record: dict[str, object]) -> None:
    """With the reason stated (the client did not deliver), the promised work
    cannot be promised unconditionally; without it, nothing hints at why."""
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    stated = draft("unresponsive", rec, lang="de").parts["ending"]
    quiet = draft("unresponsive", rec, lang="de", explain=False).parts["ending"]
    if record:
        assert ("soweit ich alles Nötige dafür von Ihnen erhalte" if formal
                else "soweit ich die nötigen Infos von dir habe") in stated
    else:  # review r16 (W2): with no date the end is the handover, not input that may never come
        assert ("soweit mir die dafür nötigen Unterlagen vorliegen" if formal
                else "wofür ich die nötigen Infos von dir habe") in stated
        assert "Mit der Übergabe" in stated and "danach endet" not in stated.lower()
    assert "Info" not in quiet
    # review r14 (I2): the hedge only where it is the point; elsewhere the
    # promised work is simply finished
    for reason in ("capacity", "unresponsive", "guarantee"):
        t = draft(reason, rec, lang="de", explain=False).parts["ending"]
        assert "soweit" not in t, reason
        assert ("zugesagten aufgaben" if formal else "was ich dir zugesagt habe") in t.lower(), reason


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "guarantee", "fee-disputes", "nonpayment"])
@pytest.mark.parametrize("extra", [{}, {"pay_by": "2027-01-15"}, {"end_date": "2026-12-31", "notice": True}])
def test_a_known_amount_is_the_whole_amount_owed(formal: bool, reason: str, extra: dict) -> None:
    """Integrator's decision after review r10 (W1): the record's amount is
    everything the client still owes. The letter names that one amount and one
    deadline, and no further „etwaige noch offene Rechnungen“ beside it, nor
    calls the whole amount a „Schlussrechnung über …“."""
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, "amount_due": "1234.50", "currency": "EUR", **extra}
    t = draft(reason, rec, lang="de", explain=False).parts["ending"].replace("\u00a0", " ")
    assert "1.234,50 €" in t
    for vague in ("offene Rechnungen", "was noch offen ist", "Schlussrechnung über"):
        assert vague not in t, vague
    if extra.get("pay_by"):
        assert t.count("15. Januar 2027") == 1


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("record", NONPAYMENT_RECORDS)
@pytest.mark.parametrize("explain", [True, False])
def test_nonpayment_never_makes_delivery_conditional_on_payment(record, formal: bool, explain: bool) -> None:
    """Integrator's decision r14 (1), reviews r13: holding back finished work
    until payment is a lien the contract may not give. Results are handed over
    as agreed; with the reason stated, access data are deleted after the end
    of the work together (without it, after the handover, as for every reason)."""
    t = nonpayment_ending(record, explain=explain, formal=formal, style=None)
    assert "Sobald" not in t and "sobald" not in t and "eingegangen" not in t
    assert "bezahlt sind" not in t
    assert "vereinbart" in t or "Vereinbarung" in t or "ausgemacht" in t
    assert ("nach dem Ende unserer Zusammenarbeit" if explain else "nach der Übergabe") in " ".join(t.split())


@pytest.mark.parametrize("formal", [True, False])
def test_free_work_refuses_the_request_itself(formal: bool) -> None:
    """Review r10 (W2, W3): without the reason the refusal names the request
    in neutral words (no „Wunsch“ that hints at something given away); with
    it, unpaid preliminary work is refused, not portfolio „Arbeitsproben“."""
    rec = {"name": "Kim Mayer", "formal": formal}
    bare = draft("free-work", rec, lang="de", explain=False).text
    # review r13: one accepts a commission, not an inquiry; review r14 (W2,
    # I13): the plain refusal every reason has, no office German in a du letter
    assert ("Diesen Auftrag kann ich leider nicht übernehmen." if formal
            else "Den Auftrag kann ich leider nicht übernehmen.") in bare
    assert "Wunsch" not in bare and "anbieten" not in bare and "nachkommen" not in bare
    full = draft("free-work", rec, lang="de").text
    assert "Arbeitsproben" not in full and "Entwürfe" in full and "nachkommen" not in full


@pytest.mark.parametrize("formal", [True, False])
def test_capacity_termination_states_being_booked_not_a_new_business(formal: bool) -> None:
    """Review r10 (W6): a capacity termination says the sender is fully
    booked; it announces no strategy change („weniger Aufträge“)."""
    t = draft("capacity", {"name": "Kim Mayer", "relationship": "client", "formal": formal}, lang="de").text
    assert "weniger Aufträge" not in t and "Schwerpunkt" not in t
    assert "ausgebucht" in t
    # review r12 (W2): no „nicht mehr mit der nötigen Sorgfalt“ while work is still owed
    assert "Sorgfalt" not in t


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "guarantee", "fee-disputes", "nonpayment"])
def test_a_known_amount_is_the_outstanding_balance_the_final_invoice_follows(formal: bool, reason: str) -> None:
    """Integrator's decision after review r12 (W1, I1): in every termination
    the amount is what is outstanding from invoices already issued, with one
    deadline; the final invoice follows separately and is never part of it;
    the handover comes in paragraphs, not one block."""
    for explain in (True, False):
        rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal,
               "amount_due": "1234.5", "currency": "EUR", "pay_by": "2027-01-15"}
        t = draft(reason, rec, lang="de", explain=explain).parts["ending"].replace("\u00a0", " ")
        assert "1.234,50 €" in t and "Schlussrechnung" in t
        for wrong in ("einschließlich", "Mit ihr sind", "insgesamt", "spätestens", "bereits fällig"):
            assert wrong not in t, (reason, explain, wrong)
        assert t.count("15. Januar 2027") == 1
        assert t.count("\n\n") >= 2, (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_no_inquiry_is_accepted_or_declined_as_such(formal: bool) -> None:
    """Review r13 and integrator's decision r14 (6): „eine Anfrage annehmen“
    is no German collocation."""
    for reason, rel in every_reason():
        for explain in (True, False):
            text = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                         lang="de", explain=explain).markdown
            assert not re.search(r"Anfrage\w* [^.]*annehmen", text), (reason, rel)


@pytest.mark.parametrize("reason", ["disrespect", "nonpayment", "micromanagement", "capacity"])
@pytest.mark.parametrize("project", [None, "Relaunch"])
def test_du_openers_are_du_openers(reason: str, project) -> None:
    """Review r13, integrator's decision r14 (4): no formal „Anfrage und
    Interesse“ formula with du; cool reasons thank for the message only."""
    rec = {"name": "Kim Mayer", "formal": False, **({"request": project} if project else {})}
    for explain in (True, False):
        thanks = draft(reason, rec, lang="de", explain=explain).parts["thanks"]
        assert "dein Interesse" not in thanks
        if reason in ("disrespect", "nonpayment"):
            assert thanks.startswith("danke für deine Nachricht") and "schön" not in thanks


def test_a_no_is_a_no_and_paying_is_no_permission() -> None:
    """Review r15: „übernehme ich lieber nicht“ invites persuasion (W2);
    „bezahlen kannst du sie“ reads as a favour (W4); no exclamation marks in
    the thanks or wish of a termination over a conflict (I3)."""
    for reason, rel in every_reason():
        for explain in (True, False):
            letter = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": False},
                           lang="de", explain=explain)
            assert "lieber nicht" not in letter.markdown, reason
            assert "kannst du" not in letter.markdown, reason
            if rel == "client" and reason in ("emergencies", "guarantee", "scope-creep",
                                              "unresponsive", "never-satisfied"):
                assert "!" not in letter.parts["thanks"] + letter.parts["encouragement"], reason
