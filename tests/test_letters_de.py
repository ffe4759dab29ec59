"""German wording the reviews asked for and templates alone decide (issue 14,
letter round r18): one neutral letter without the reason, real du letters,
what a termination says, and no colleagues offered for clients nobody passes
on."""

from __future__ import annotations

import datetime
import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .helpers import every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

CLIENT = {"name": "Kim Mayer", "relationship": "client", "amount_due": "1234.5", "currency": "EUR"}
TODAY = datetime.date(2026, 12, 1)  # the day the letters are written (A21: deadlines count from it)
REASONS = {rel: [r for r, fits in every_reason() if fits == rel] for rel in ("prospect", "client")}


def de_pause(formal: bool, date: str) -> str:
    """The nonpayment pause, naming the payment date (session 11, r61a-de W1 = r61b-de W1: „bis zum
    genannten Termin“ and „rechtzeitig“ pointed at the completion date named just before)."""
    return (f"Geht der Betrag nicht bis zum {date} ein, ruhen die Arbeiten bis zum Zahlungseingang" if formal
            else f"Kommt das Geld nicht bis zum {date} an, pausiere ich die Arbeit, bis es da ist")


def ending(reason: str, record: dict[str, object], formal: bool = True, explain: bool = True,
           style: Style | None = None) -> str:
    """The termination part, no-break spaces (1.234,50 €, dates) read as spaces,
    one line per paragraph."""
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    text = draft(reason, rec, lang="de", explain=explain, style=style, today=TODAY).parts["ending"].replace("\u00a0", " ")
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "guarantee", "emergencies", "disrespect", "nonpayment"])
def test_every_termination_asks_for_open_invoices_and_announces_the_final_invoice(formal: bool, reason: str) -> None:
    """Amendment A2 (r17-de W1, r18-en W7), as A12 revised it (review r19
    W3): every termination, with and without the reason, asks once for any
    invoices still open, so the nonpayment letter without its reason does
    not drop the debt — in one conditional sentence on the agreed payment
    terms, which neither hints at a debt („alle noch offenen Rechnungen“)
    nor defers one („bis zum Vertragsende“); only nonpayment with the reason
    stated speaks of „die offenen Rechnungen“ as a fact. No „etwaige“, no
    „nahtlose“ handover."""
    # review r22 I1: no hedge about one's own invoices („Sollten noch Rechnungen
    # offen sein“), and still no claim that any is open and no new deadline (A12)
    # review r25 I5: the du sentence in plain words
    # review r27 I13: one sentence with the final invoice, which reads less like dunning
    conditional = ("Meine Schlussrechnung erhalten Sie gesondert; es gelten die vereinbarten "  # r28 I1
                   "Zahlungsbedingungen." if formal else
                   "Die Schlussrechnung schicke ich dir separat. Dafür gilt die vereinbarte Zahlungsfrist.")
    for explain in (True, False):
        t = flat(draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                       lang="de", explain=explain).parts["ending"])
        assert "Schlussrechnung" in t, (reason, explain)
        assert "etwaige" not in t and "nahtlos" not in t and "ohne Unterbrechung" not in t
        # review r36 I5: „Vertragsende“ may appear in the confirmation request, never as a payment date
        # round 45 (r44a W3): only nonpayment stated without an amount asks for the invoices by its
        # date (it names no amount); round 46 (r45a W1): only those already due, never „alle noch
        # offenen“ (a payment term still running cannot be shortened)
        due = "alle bereits fälligen Rechnungen bis zum" if formal else "alle schon fälligen Beträge bis zum"
        assert "alle noch offenen" not in t and "bis zum Vertragsende" not in t, (reason, explain)
        neutral = conditional in t
        pressed = due in t
        assert (neutral or pressed) and pressed == (reason == "nonpayment"), (reason, explain)


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
    # review r25 I1: the polite formula „Leider muss ich dir absagen.“ names no cause; no other „muss“
    # round 56 item 1: the no-explain du „no“ has no „muss“ again
    assert not re.search(r"\bmuss\b", quiet("free-work").replace("Leider muss ich dir absagen.", ""))
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
    assert "können Sie sich gern wieder an mich wenden" in back if formal else "melde dich gern noch mal" in back
    # A15 (review r19 W6, reversing r16 W3): free-work refuses the unpaid
    # preliminary work and, with the reason, offers a quote for the paid job itself
    paid = draft("free-work", rec, lang="de").markdown
    assert ("Wenn Sie möchten, erstelle ich Ihnen gern ein Angebot für Ihr Projekt." if formal else
            "Wenn du magst, schicke ich dir gern ein Angebot.") in paid
    assert "Angebot dafür" not in paid  # review r22 I14: not a quote for the free preliminary work
    assert "regulär" not in paid  # review r20 I11: the request was not irregular
    assert "leisten" not in paid
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


PRONOUNS = re.compile(r"\b(Sie|Ihnen|Ihr\w*|du|dich|dir|dein\w*)\b")


def test_du_letters_are_not_sie_letters_with_the_pronouns_swapped() -> None:
    for reason, rel in every_reason():
        parts = [draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal}, lang="de").parts["reason"]
                 for formal in (True, False)]
        formal, informal = (PRONOUNS.sub("", p).lower() for p in parts)
        assert formal != informal, f"{reason}/{rel}: the du reason is the Sie reason"


@pytest.mark.parametrize("formal", [True, False])
def test_capacity_termination_states_being_booked_not_a_new_business(formal: bool) -> None:
    """Review r10 (W6): a capacity termination says the sender's time is
    taken; it announces no strategy change („weniger Aufträge“). Review r19
    I1: to a client not „ausgebucht“ (other clients get the time), but that
    the time no longer suffices; a prospect may hear „ausgebucht“."""
    t = flat(draft("capacity", {"name": "Kim Mayer", "relationship": "client", "formal": formal}, lang="de").text)
    assert "weniger Aufträge" not in t and "Schwerpunkt" not in t
    assert "ausgebucht" not in t and ("fehlt mir künftig die Zeit, Sie so zu betreuen, wie Sie es von mir gewohnt sind" in t if formal else "fehlt mir künftig die Zeit" in t)
    assert "ausgebucht" in draft("capacity", {"name": "Kim Mayer", "formal": formal}, lang="de").text
    # review r12 (W2): no „nicht mehr mit der nötigen Sorgfalt“ while work is still owed
    assert "Sorgfalt" not in t


@pytest.mark.parametrize("formal", [True, False])
def test_no_inquiry_is_accepted_or_declined_as_such(formal: bool) -> None:
    """Review r13 and integrator's decision r14 (6): „eine Anfrage annehmen“
    is no German collocation."""
    for reason, rel in every_reason():
        for explain in (True, False):
            text = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                         lang="de", explain=explain).markdown
            # round 40 (brief, r39b F3): the formal third-party letter says no in the reviewers' own
            # words, „In dieser Form kann ich den Auftrag leider nicht übernehmen“ — the one exception
            if reason == "third-party" and formal and explain and rel == "prospect":
                text = text.replace("In dieser Form kann ich den Auftrag leider nicht übernehmen", "")
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
            assert "schön" not in thanks
            if explain:  # without the reason, the neutral opening every reason has (r18 D1)
                assert thanks.startswith("danke für deine Nachricht")


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
                # round 50 (brief item 7 overrides r15 I3 for this one wish): the du closing
                # „Alles Gute für dich!“, the same in every client letter that has it
                wish = letter.parts["encouragement"].replace("Alles Gute für dich!", "")
                assert "!" not in letter.parts["thanks"] + wish, reason


# Letter round r18: the decisions D1–D6 (LETTERS18.md), each failing on main before it.

RICH = {"request": "Relaunch der Firmenwebsite",
        "referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de", "note": "Shop-Systeme"}],
        "resources": [{"title": "Leitfaden", "url": "https://example.org/leitfaden"}]}
RICH_CLIENT = {**RICH, "amount_due": "1234.50", "currency": "EUR", "end_date": "2026-12-31",
               "pay_by": "2026-12-22", "notice": True, "access": True}


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("rel", ["prospect", "client"])
@pytest.mark.parametrize("rich", [False, True])
def test_d1_without_the_reason_every_reason_writes_the_same_letter(formal: bool, rel: str, rich: bool) -> None:
    """D1: „reason not stated“ means the same letter whatever the reason:
    opening, refusal, ending, help offer and wish (r17-en W3: tiered openers
    are a hint). Round 64 (r63a-de W3, the integrator's decision for every
    language): the one exception is a nonpayment client letter, whose
    --no-explain drops the reason sentence only and keeps the payment request
    and the handover on payment; its subject, thanks, notice and wish are
    still every reason's."""
    record = {"name": "Kim Mayer", "relationship": rel, "formal": formal,
              **((RICH_CLIENT if rel == "client" else RICH) if rich else {})}
    for style in (None, Style(payment_days=14)):
        letters = {reason: draft(reason, record, lang="de", explain=False, style=style)
                   for reason in REASONS[rel]}
        bodies = {reason: made.markdown for reason, made in letters.items()}
        first = bodies[REASONS[rel][0]]
        assert [r for r, body in bodies.items() if body != first] == ([] if rel == "prospect" else ["nonpayment"])
        if rel == "client":
            unpaid, other = letters["nonpayment"], letters[REASONS[rel][0]]
            assert unpaid.subject == other.subject
            assert {k: v for k, v in unpaid.parts.items() if k != "ending"} == \
                {k: v for k, v in other.parts.items() if k != "ending"}
            assert "beglichen sind" in unpaid.parts["ending"] and "beglichen" not in other.parts["ending"]


def letter(reason: str, record: dict[str, object], formal: bool = True, explain: bool = True):
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    return draft(reason, rec, lang="de", explain=explain, today=TODAY)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_d2_a_termination_without_end_date_is_the_notice(formal: bool, explain: bool) -> None:
    """D2: without end_date the letter gives notice to the next possible date,
    for every reason; with end_date it says first that the work ends then
    (never „Bis zum 31. Dezember … schließe ich … ab“, a delivery deadline:
    r17 W2), with the agreed notice when the record says so; with end_date
    alone an operative „Hiermit beende ich …“ (review r18 I12). A10 (review
    r18 I11): without the reason the decision and the notice are one
    sentence, stated once; with it, the notice opens the ending. Review r19
    W4: without end_date the next sentence names no date the tool cannot
    know („Bis zum Ende der Kündigungsfrist“, never „Bis dahin“); A14: the du
    notice without „fristgerecht“."""
    if formal:
        # review r36 I16: „fristgerecht“ with a date as well, with or without `notice`
        stated = {"plain": "Hiermit kündige ich unseren Vertrag fristgerecht zum nächstmöglichen Zeitpunkt.",
                  "dated": "Hiermit kündige ich unseren Vertrag fristgerecht zum 31. Dezember 2026, hilfsweise zum "
                           "nächstmöglichen Zeitpunkt.",
                  "notice": "Hiermit kündige ich unseren Vertrag fristgerecht zum 31. Dezember 2026, "
                            "hilfsweise zum nächstmöglichen Zeitpunkt."}
        # round 37 (r37b F3, r37a F5): the refusal IS the notice, with or without the reason
        until = {"plain": "Bis zum Ende der Kündigungsfrist führe ich ", "dated": "Bis zum Vertragsende führe ich "}
    else:
        # round 38 (r38b W5): a period does not „run longer“; it may not allow the date
        stated = {"plain": "Ich kündige unseren Vertrag zum nächstmöglichen Termin.",
                  "dated": "Ich kündige unseren Vertrag zum 31. Dezember 2026 – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin.",
                  "notice": "Ich kündige unseren Vertrag zum 31. Dezember 2026 – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin."}
        until = {"plain": "Bis die Kündigungsfrist um ist, arbeite ich ", "dated": "Bis unser Vertrag endet, arbeite ich "}
    until["notice"] = until["dated"]
    records = {"plain": {}, "dated": {"end_date": "2026-12-31"}, "notice": {"end_date": "2026-12-31", "notice": True}}
    for reason in REASONS["client"]:
        for case, record in records.items():
            made = letter(reason, record, formal, explain)
            refusal, end = flat(made.parts["refusal"]), ending(reason, record, formal, explain)
            assert refusal == stated[case], (reason, case, refusal)
            # round 45 (M1): nonpayment stated asks for the money first; the work until the end follows
            work = end.split("\n\n", 1)[1] if reason == "nonpayment" else end
            # round 64 (r63a W1/I1, r63b I1; reverting round 58 item 2's „Bis dahin“): „Bis zum
            # Vertragsende“ after the dated notice, with or without the reason sentence between
            opening = until[case]
            assert work.startswith(opening), (reason, case, end)
            body = flat(made.markdown)
            # review r20 W2: a date alone is a notice too, with the fallback to the next possible date
            assert body.count("kündige") == 1 and "nächstmöglichen" in body, (reason, case)
            assert "doch später" not in body and "beende ich unsere Zusammenarbeit" not in body, (reason, case)
            assert "Bis zum 31." not in body and "danach endet" not in body, reason
            # round 37: the reason stands between the notice and the ending, so no „Bis dahin“
            # (round 64: not after the dated notice either)
            assert "Bis dahin" not in body, (reason, case)
            assert formal or "fristgerecht" not in body, (reason, case)


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("days", [None, 14])
def test_d3_money_always_with_a_by_when(formal: bool, explain: bool, days) -> None:
    """D3 and A12 (review r19 W3): without an amount ONE sentence on the
    agreed payment terms that sets no new deadline (a later date for
    invoices already due defers them; „alle noch offenen Rechnungen“ hints at
    a debt); with an amount that balance with one by-when: pay_by, else
    payment_days, else — A22, reversing A20 (review r26-tr W2) — the agreed
    payment terms, never an invented deadline; never the end of the work or
    its date. A8: only nonpayment with its reason stated and no other
    deadline asks for payment within 14 days. A13 (review r19 W5, I8): it
    keeps the writer's claims, in the register's own words."""
    style = Style(payment_days=days) if days else None
    # A21 (review r26-tr W1, replacing r24 W1's „nach Erhalt“): no letter carries a date line, so a
    # deadline the letter sets is a date, counted from the day it is written (TODAY + 14 days)
    fortnight = "bis zum 15. Dezember 2026."
    # A30 (replacing A22; review r27 W3): an open amount without pay_by or days: what is overdue
    # already by TODAY + 14 days, the rest (and the final invoice) on the agreed terms
    # A34 (replacing A30; review r28 W1): the whole amount by one date, TODAY + 14 days when neither
    # pay_by nor payment_days is given; never „was davon bereits fällig ist“ or „den Rest“
    # review r22 I1: no hedge about one's own invoices („Sollten noch Rechnungen
    # offen sein“), and still no claim that any is open and no new deadline (A12)
    # review r27 I13: one sentence with the final invoice, which reads less like dunning
    conditional = ("Meine Schlussrechnung erhalten Sie gesondert; es gelten die vereinbarten "  # r28 I1
                   "Zahlungsbedingungen." if formal else
                   "Die Schlussrechnung schicke ich dir separat. Dafür gilt die vereinbarte Zahlungsfrist.")
    # r31 W3: „daraus“ needs the invoices just before it; after „diesen Betrag“ the claim is to the
    # amount. r31 W2: „An der Zahlung ändert …“ read as if a payment had been made: the du letter
    # says the money stays due (review r20 I9: no „natürlich“; r29 I3: no bare „Daran“)
    def claims(owed: bool) -> str:
        if formal:
            # round 45 (r44a W3): without an amount the claims join the request with a semicolon
            return ("Mein Anspruch darauf bleibt" if owed else " aus; meine Ansprüche daraus bleiben") + \
                " von dieser Kündigung unberührt."
        # round 38 (r38a I5, r38b I8): no bare „daran“; the amount stays due
        # round 46 (r45a W1): without an amount the invoices already due, „daran ändert die Kündigung
        # nichts“ (the „daran“ now has the invoices right before it)
        return (" – er bleibt unabhängig von der Kündigung fällig." if owed
                else " – daran ändert die Kündigung nichts.")
    for reason in REASONS["client"]:
        pressed = reason == "nonpayment"
        for extra in ({}, {"pay_by": "2026-12-22"}, {"end_date": "2026-12-31"}):
            for owed in ({}, {"amount_due": "1234.5", "currency": "EUR"}):
                text = ending(reason, {**owed, **extra}, formal, explain, style)
                money = next(p for p in text.split("\n\n") if "Schlussrechnung" in p)
                request = money.split("Schlussrechnung")[0]
                given = extra.get("pay_by") or days
                if owed or pressed:
                    # A21: the house style's days for an amount already open are a date as well
                    by_when = ("bis zum 22. Dezember 2026" if extra.get("pay_by") else fortnight)
                    # review r25 I6: „diesen Betrag“, not a clipped „ihn“
                    # round 45 (r44a W3): without an amount, the invoices, none named; round 46
                    # (r45a W1): only those already due
                    ask = (("Bitte überweisen Sie diesen Betrag" if owed else "Bitte gleichen Sie alle bereits fälligen")
                           if formal else "Bitte überweise" if owed else "Bitte überweise alle schon fälligen")
                    # review r36 I4: the du claim joins the request with a dash
                    assert (by_when in request or by_when[:-1] + claims(bool(owed)) in request) \
                        and ask in request, (reason, extra, money)
                    assert "vereinbarten Zahlungsbedingungen;" not in money and "Für bereits gestellte" not in money
                    assert "alle anderen Rechnungen" not in money and "Sie ihn" not in money
                else:
                    assert request.strip() == "" or request.strip() in ("Meine", "Die"), (reason, extra, money)
                    assert (conditional in money) == (not days), (reason, extra, money)
                    assert days is None or ("Für bereits gestellte Rechnungen gelten die vereinbarten "
                                            "Zahlungsbedingungen." if formal else
                                            "Für alle anderen Rechnungen gelten die Zahlungsfristen, die wir "
                                            "vereinbart haben.") in money
                    assert "2027" not in money and "Sollten" not in money and "Falls" not in money, money
                assert ("1.234,50 €" in money) == bool(owed)
                assert "31. Dezember" not in money and "Vertragsende" not in money, (reason, extra, money)
                assert "Fälligkeit" not in text and "umgehend" not in text, (reason, extra)
                assert "alle noch offenen" not in money, money  # round 46 (r45a W1)
                assert (claims(bool(owed)) in money) == pressed and "Rechte wegen" not in money, (reason, money)
                assert "An der Zahlung" not in money and not (owed and "Ansprüche daraus" in money)
                # round 41 (r40b W3; replacing r20 I9's „no natürlich“ for this one sentence): without
                # the reason, invoices already due are reserved, in the brief's du words
                # r41a W1 / r41b W1 (both, replacing round 41's reserve): no payment line only in
                # the no-explain letter, which hinted at money
                assert "Bereits fällige" not in money, (reason, extra, money)
                assert formal or "unberührt" not in money
                # A21: never a period „from this letter“, which has no date
                assert "Erhalt dieses" not in money and "nachdem du" not in money
                assert "natürlich" not in money
                # the final invoice's days: formal „innerhalb von N Tagen“, du „N Tage Zeit“ (review r20 I1);
                # A21: it carries its own date, so its days stay a period, whatever else is asked
                final_days = f"innerhalb von {days} Tagen nach Erhalt" if formal else f"{days} Tage Zeit"
                assert (final_days in money.split("Schlussrechnung")[1]) == bool(days), (reason, extra, owed, money)
                assert "freuen" not in money, money  # A5: a request, not a wish


@pytest.mark.parametrize("formal", [True, False])
def test_d3_fee_disputes_does_not_concede_the_fees(formal: bool) -> None:
    """D3 (r17-en W4): the reason never says the fees were not agreed or
    their worth is in doubt; the letter asks for them below."""
    reason = draft("fee-disputes", {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                   lang="de").parts["reason"]
    assert "Rechnungen" in reason
    for concession in ("Wert", "nicht einig", "Honorar", "nicht vereinbart", "zu hoch"):
        assert concession not in reason, concession


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_d4_one_handover_for_every_reason(formal: bool, explain: bool) -> None:
    """D4: until the end the work in hand goes on (never promised complete);
    completed work as set out in the agreement; the client's own documents
    and data come back plainly (no „in jedem Fall“, which reads as a threat);
    no lien. Unresponsive with the reason: as far as the input allows, the
    unfinished part as it stands. A11 (review r19 I10 and three before it):
    the one exception is nonpayment with its reason stated — completed work
    once the open invoices are paid, the client's own documents and data
    back regardless, and logins deleted when the work ends (not held until
    payment)."""
    for reason in REASONS["client"]:
        lien = reason == "nonpayment"
        if not lien:
            # A18: the one neutral handover keeps the writer's position without a condition
            # review r23 I2, W3: „wie vertraglich vereinbart“; du in everyday words
            # round 38 (r38a W4, r38b W4; replacing round 37's „spätestens zum Vertragsende“): no firm
            # promise to hand over everything by a date — the delivery and payment terms of the
            # contract govern (A18), in both registers; the client's own documents by the end
            # round 40 (r39a W1/I5, r39b F1/F2): „wie vertraglich vereinbart“, no „Liefer- und
            # Zahlungsbedingungen“ and still no firm date for the results; du without a dash insertion
            # round 44 (RULE44 N3, r43a W2/I17, r43b I2): on the contract's terms, no third „vereinbart“
            # round 45 (r44a I7 = r44b I4): „mit dem … Stand“; du (r44a I1, r44b I5): the current state
            # round 47 (r46a I1, r46b I4): „bei … den bis dahin erreichten Stand“, no ellipsis
            agreed = ("Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum Vertragsende. Von noch nicht abgeschlossenen Arbeiten erhalten Sie den zuletzt erreichten Stand." if formal
                      # review r25 I4: not „halb fertig“
                      else "Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum Vertragsende. Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand.")
            back = ("Ihre eigenen Unterlagen und Daten gebe ich Ihnen zum selben Zeitpunkt zurück." if formal
                    else "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück.")
        # A17 (review r21 W1): work already paid for comes without condition; only
        # the rest waits for the open invoices, „im Rahmen unserer Vereinbarung“
        elif formal:
            # review r22 W1: ALL the rest waits, not an insertion that defines it as the unfinished part
            # review r25 I18: not the stiff „Bereits bezahlte Arbeitsergebnisse“
            # A47 (review r36 I2): the rest said positively, no claim of a retention clause
            # round 38 (r38a I6): work already paid for by the end at the latest
            agreed = ("Arbeitsergebnisse, die Sie bereits bezahlt haben, erhalten Sie wie vereinbart spätestens zum "
                      "Vertragsende. Alle übrigen Arbeitsergebnisse "  # round 46 (r45a I8, r45b I6)
                      "– bei noch nicht abgeschlossenen Arbeiten den bis dahin erreichten "
                      "Stand – übergebe ich Ihnen, sobald alle fälligen Rechnungen beglichen sind.")  # r41b W2
            # round 40 (r39a W3, r39b F7): the client's own documents by the end at the latest
            back = "Ihre eigenen Unterlagen und Daten erhalten Sie unabhängig davon spätestens zum Vertragsende zurück."
        else:
            # review r36 I4: not „Was du schon bezahlt hast“ (reads as the money coming back)
            # round 37 (r37a F7): the results already paid for, not „Alles, was schon bezahlt ist“
            # round 58 item 3 (r59a I3, r59b F5): no dashes, not „bekommst du“ twice
            agreed = ("Was du schon bezahlt hast, bekommst du wie vereinbart spätestens zum Vertragsende. "
                      "Alles Übrige, bei unfertigen Aufgaben den aktuellen Stand, schicke ich dir, "
                      "sobald die fälligen Rechnungen beglichen sind.")
            back = "Deine eigenen Unterlagen und Daten gebe ich dir unabhängig davon spätestens zum Vertragsende zurück."
        for record in ({}, RICH_CLIENT):
            text = ending(reason, record, formal, explain)
            if not lien and "end_date" in record:
                # round 47 (r46a I2, r46b I5): after „Bis zum Vertragsende“ no second „Vertragsende“
                back = ("Ihre eigenen Unterlagen und Daten gebe ich Ihnen zum selben Zeitpunkt zurück." if formal
                        else "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück")
            assert agreed in text and back in text, (reason, text)
            for wrong in ("in jedem Fall", "auf jeden Fall", "Ausgleich", "schließe ich", "abschließ", "zugesagt"):
                assert wrong not in text, (reason, wrong)
            # A32 (r27-en W5): the writer HOLDS BACK what is unpaid, as far as the agreement allows
            # round 50: not the du logins' „sobald alles übergeben ist“
            assert bool(re.search(r"sobald (die|alle)\b", text)) == lien, reason
            assert "zurückhalt" not in text and "halte ich" not in text, reason  # A47
            # round 50 (brief item 6): the du letter „sobald alles übergeben ist“
            assert ("nach der Übergabe" in text or "sobald alles übergeben ist" in text) \
                == (not lien and "access" in record), reason
            waits = reason == "unresponsive" and explain
            assert ("soweit mir" in text or "soweit ich" in text) == waits, reason
            # round 45 (r44a I4): the right to withhold comes from the law: no contract hedge
            assert "soweit unser Vertrag das zulässt" not in text, reason
            # A9 (review r18 I1, I2, I3): the work goes on within the agreed scope, never
            # „wie gewohnt“; unfinished work is handed over as it stands, for every reason
            # round 44 (RULE44 N3): the neutral letter on the agreed terms, not a bare promise
            # round 47 (r46a I3, r46b I2): du „wie vereinbart“
            assert ("im vereinbarten Umfang" if lien else "zu den vereinbarten Bedingungen" if formal
                    else "arbeite ich wie vereinbart an") in text \
                and "wie gewohnt" not in text, reason
            assert ("noch nicht abgeschlossene" if formal
                    else "den aktuellen Stand") in text \
                and "halb fertig" not in text, reason
            # review r23 W3: no Sie sentence with „du“ put in
            assert "Unfertiges" not in text and "Zwischenstand" not in text, reason
            # review r21 I17: not „im dann erreichten Stand“
            assert ("bis dahin erreichten Stand" if reason == "nonpayment" else "zuletzt erreichten Stand") in text or not formal, reason  # session 11 (not „bis dahin“ 3×)
            assert "im dann erreichten Stand" not in text, reason
            assert (not formal or "aktuellen Stand" not in text), reason
            assert "Stand zum Vertragsende" not in text, reason  # round 45 (r44a I1): ambiguous
            # A23, as round 44 (RULE44 N1) revised it: only nonpayment stated lets the work depend on
            # the payment, as a pause after its deadline, never as a condition on future invoices
            assert "vorausgesetzt" not in text and "pünktlich" not in text, reason
            # round 45 (M2): the pause only with an amount (RICH_CLIENT has one)
            assert ("sofern" in text or "ruhen die Arbeiten" in text or "pausiere" in text) \
                == (lien and "amount_due" in record), reason
            assert "auf Eis" not in text, reason


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_d5_logins_only_when_the_client_gave_them(formal: bool, explain: bool) -> None:
    """D5: deleting access data and changing passwords appear only with
    `access`, for every reason, stated plainly (no „Falls/Sofern“); r17 I4:
    „Ich empfehle Ihnen …“, not the impersonal „es empfiehlt sich … danach“.
    A11: with nonpayment stated, the logins go when the work ends, since the
    handover waits for the payment."""
    for reason in REASONS["client"]:
        without = ending(reason, {"end_date": "2026-12-31"}, formal, explain)
        assert "Zugangsdaten" not in without and "Passw" not in without, reason
        text = ending(reason, {"end_date": "2026-12-31", "access": True}, formal, explain)
        # round 40 (r39a I8): after the handover, by the end at the latest
        # round 45 (r44a I6 = r44b I7): by the end of the contract at the latest, not the vague
        # „zum Ende unserer Zusammenarbeit“ (the handover may wait beyond it)
        # round 50 (brief item 6): the du logins „sobald alles übergeben ist, spätestens zum Vertragsende“
        # round 47 (r46a I2, r46b I5): after „Bis zum Vertragsende“ „zu diesem Termin“; the du
        # letter deletes them in the sentence that returns the client's documents „bis dahin“
        lien = reason == "nonpayment"
        # session 11: the du nonpayment logins „dann ebenfalls“ (after „spätestens zum Vertragsende“)
        when = (("spätestens zum Vertragsende" if formal else "dann ebenfalls")
                if lien
                else "nach der Übergabe")
        logins = (f"Die Zugangsdaten, die Sie mir überlassen haben, lösche ich {when}. "
                  "Ich empfehle Ihnen, die betreffenden Passwörter anschließend zu ändern." if formal else
                  f"Die Zugangsdaten, die du mir gegeben hast, lösche ich {when}. "
                  "Die Passwörter dazu änderst du am besten anschließend." if lien else
                  "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück. Die Zugangsdaten, die du mir gegeben hast, lösche ich, sobald alles übergeben ist. "  # round 50
                  "Die Passwörter dazu änderst du am besten "
                  "anschließend.")
        assert logins in text, reason
        around = next(p for p in text.split("\n\n") if "Zugangsdaten" in p)
        assert "Falls" not in around and "Sofern" not in around and "empfiehlt sich" not in around


# review r36 I13: after the offer of a quote (free-work) the last line looks forward to a reply
WISHES = ("alles Gute", "Alles Gute", "viel Erfolg", "Daumen", "Unterstützung", "Rückmeldung", "zu hören")


def test_d6_one_wish_and_real_du_closings() -> None:
    """D6 and r17 W3: one wish per letter, never two stacked, and no „Für alles
    Weitere wünsche ich dir …“ (two formulas colliding)."""
    for reason, rel in every_reason():
        for formal in (True, False):
            for explain in (True, False):
                for record in ({}, RICH_CLIENT if rel == "client" else RICH):
                    letter = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                                   lang="de", explain=explain)
                    wish = letter.parts["encouragement"].strip().split("\n\n")[-1]
                    assert sum(w in wish.replace("alles Gute und viel Erfolg", "alles Gute") for w in WISHES) == 1, \
                        (reason, rel, formal, explain, wish)
                    assert "Für alles Weitere" not in letter.markdown
                    # round 54 item 9 (r54a I13, r54b 14): the no-explain prospect's one wish is
                    # „alles Gute und viel Erfolg“, one sentence (this brief replaces D6 there)
                    if not (rel == "prospect" and not explain):
                        assert "alles Gute und viel Erfolg" not in letter.markdown


def test_r17_review_wording() -> None:
    """The r17 review's IMPROVE points taken, in the letters that had them."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, **record: object) -> str:
        return " ".join(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                              lang="de").markdown.split())
    for formal in (True, False):
        # I2/I3: no „nicht länger für Sie tätig“ while the work in hand goes on, and no
        # third „Zusammenarbeit“ in the refusal
        for reason in REASONS["client"]:
            body = text(reason, "client", formal)
            assert "nicht länger" not in body and "nicht mehr für dich zu arbeiten" not in body, reason
            assert "unsere Zusammenarbeit zu beenden" not in body, reason
        # I7: free-work lectures no „grundsätzlich“ (its paid quote: A15, below)
        # round 56 (r56b I13, replacing I7): a policy, „grundsätzlich“, in the refusal only
        assert text("free-work", formal=formal).count("grundsätzlich") == 0  # round 59 (r60a I6, r60b I7): none
        # I15 (reversed by review r18 W1, below): third-party is about the person concerned
        # I12: no passive-aggressive „leider“ in the informal nonpayment reason
        assert "leider nicht mehr der Fall" not in text("nonpayment", "client", formal)
    # I5: a known balance is the writer's own invoices
    assert "Aus meinen bisherigen Rechnungen stehen noch 1.234,50 € offen" in text("capacity", "client", **CLIENT)
    assert "Von meinen bisherigen Rechnungen sind noch" in text("capacity", "client", False, **CLIENT)
    # I8, I9: no reference-letter formula, no coaching jargon for already-helped
    helped = text("already-helped", "client")
    assert "weiteren Weg" not in helped and "mitgenommen" not in helped
    # I13, I14: nothing „einhalten“ a fee; „Leistungsumfang“ for the prospect (one „leider“;
    # the wording since review r19 I4)
    assert "einhalten" not in text("scope-creep", "client")
    assert text("scope-creep").count("eider") == 1 and "Leistungsumfang" in text("scope-creep")
    # I17: a list intro has an object (r18 I9: the list is the subject, no „Folgendes“)
    listed = text("capacity", **RICH)
    assert "Weiterhelfen können Ihnen zum Beispiel:" in listed and "empfehle ich Ihnen:" not in listed


@pytest.mark.parametrize("formal", [True, False])
def test_a4_a_stated_reason_chooses_its_own_refusal(formal: bool) -> None:
    """A4 (issue 14 item 2), in both registers: being booked up or out of one's
    field is a fact; free work and a go-between are refused as such (not the
    job, not the person); already-helped says more would add nothing, with no
    „leider“; without the reason, the one neutral refusal."""
    def refusal(reason: str, rel: str = "prospect", explain: bool = True) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                          lang="de", explain=explain).parts["refusal"])
    for rel in ("prospect", "client"):
        neutral = refusal("guarantee", rel)
        # round 37: to a client on an ongoing contract the refusal IS the notice, the same for every
        # reason (test_round37_the_notice_is_the_refusal_and_is_given_once)
        for reason in ("capacity", "out-of-scope", "already-helped", "third-party", "free-work",
                       "shifting-requirements") if rel == "prospect" else ("capacity", "out-of-scope", "already-helped"):
            # round 58 (r59a I10): the du shifting-requirements refusal is the plain neutral no
            plain_no = not formal and reason == "shifting-requirements"
            assert (refusal(reason, rel) != neutral) == (rel == "prospect" and not plain_no), (reason, rel)
            assert refusal(reason, rel, explain=False) == refusal("guarantee", rel, explain=False), (reason, rel)
        assert "leider" not in refusal("already-helped", rel).lower(), rel
    # round 38 (r38a I4, r38b I5): third-party says when it takes work on, not „Aufträge, die jemand … anfragt“
    # round 44 (r43b W1): the du refusal ends with its colon; the reason names the person („ihr selbst“)
    assert "Vorarbeiten" in refusal("free-work") and ("selbst" in refusal("third-party") or not formal and
                                                       refusal("third-party").endswith("annehmen:"))
    assert "anfragt" not in refusal("third-party")
    assert "Aufträge" in refusal("capacity")


def test_r18_review_wording() -> None:
    """The r18 review's findings taken, in the letters that had them."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de").markdown)
    for formal in (True, False):
        # W1: the one writing may be the one who pays: the rule is the person concerned
        third = text("third-party", formal=formal)
        # review r22 I13: „um die es geht“ made no sense for a business request
        # round 40 (r39b F3): the du letter says „Leute, die sich selbst bei mir melden“
        # round 44 (r43b W1, the brief's own sentence; replacing r22 I13 for the du letter): not
        # „Leute, die sich selbst bei mir melden“ (the writer did), but „der Person, um die es geht“
        assert ("für die ich" in third and "um die es geht" not in third if formal
                else "nur direkt mit der Person, um die es geht" in third and "Leute" not in third)
        assert "selbst beauftragen" not in third
        # I7: what is refused is unpaid preliminary work, offered only in a paid engagement
        # (du, review r21 I5: in everyday words)
        # round 64 (r63a I4, r63b I2): the Sie letter without a second „biete … an“
        assert ("sind bei mir immer Teil eines bezahlten Auftrags" if formal
                else "gibt es bei mir nur als Teil eines bezahlten Auftrags") in text("free-work", formal=formal)
        # I5: a „not now“ before the invitation to come back; no „In Ihrem Fall“, no vague „Da“
        shifting = text("shifting-requirements", formal=formal)
        assert ("Diesen Auftrag kann ich leider nicht übernehmen." if formal else "Den Auftrag kann ich leider nicht übernehmen.") in shifting  # r37b F12; round 57 (r58b F9): formal a plain no
        assert "In Ihrem Fall" not in shifting and "Da ist aber" not in shifting
        # I8: no lecture on what the work presupposes
        assert "setzt voraus" not in text("nonpayment", "client", formal)
        # I13: no „alles in der Hand“, no „allein“
        helped = text("already-helped", "client", formal)
        assert "in der Hand" not in helped and "allein" not in helped
        # I9: no person listed under „Das hier“ or „Folgendes“ as a recommendation
        listed = text("capacity", "client", formal, **RICH)
        assert "Das hier" not in listed and "empfehle ich Ihnen Folgendes" not in listed
    # I4: no „klappen“ twice in a row
    assert text("unresponsive", formal=False).count("klapp") <= 1
    # I6: goals that shift are not „clear goals“
    # (review r20 I13: one „Ziele“, the shifting ones „die“)
    assert "Bei uns haben sich die Ziele aber immer wieder verschoben." in text(  # round 54 item 3
       "shifting-requirements", "client", False)
    # I10: no „die die“
    assert "die die" not in text("capacity", "client", False)


# Letter round r19 (amendments A11–A16, review r19-de), each failing on main before it.

def test_r19_w1_w2_w6_the_stated_prospect_refusals_say_no_plainly() -> None:
    """A15, review r19 W1: already-helped says a plain, kind no (not only
    that more „would add nothing“, not a defiant „werde … nicht“); W2: the
    out-of-scope refusal names what it refers to (no „Dafür“ right after „dafür,
    dass Sie an mich gedacht haben“), and its reason refers to it; W6 (A15):
    free-work refuses the unpaid preliminary work and offers a quote for the
    paid job, one sentence, before a wish that leaves the door open."""
    def parts(reason: str, formal: bool, **record: object):
        return draft(reason, {"name": "Kim Mayer", "formal": formal, **record}, lang="de").parts
    for formal in (True, False):
        for record in ({}, {"request": "Relaunch"}):
            helped = flat(parts("already-helped", formal, **record)["refusal"])
            # review r21 I8: no unwilling „möchte ich nicht“, no „eine Runde übernehmen“
            # review r22 I8: the no softened, not a curt „mache ich nicht“
            assert helped.startswith("Einen weiteren Auftrag zum selben Thema möchte ich jedoch nicht übernehmen."
                                     if formal else
                                     "Einen weiteren Auftrag zum selben Thema übernehme ich aber nicht."), helped
            assert "diesmal" not in helped  # review r20 W1: „this time“ invites a next time
            assert "nichts Neues" not in helped and "werde" not in helped and "leider" not in helped
            scope = parts("out-of-scope", formal, **record)
            refusal, reason = flat(scope["refusal"]), flat(scope["reason"])
            assert not refusal.startswith(("Dafür", "Da ")), refusal
            # review r25 I15: no noun for the sender at all (A16: never a gendered one)
            assert refusal == ("Bei Ihrem Anliegen kann ich Sie leider nicht unterstützen." if formal
                               else "Bei diesem Thema bin ich die falsche Adresse."), refusal
            assert reason.startswith("Es liegt" if formal else "Das ist nicht mein Fachgebiet"), reason
            free = parts("free-work", formal, **record)
            assert "Vorarbeiten" in free["refusal"]
            offer = free["encouragement"].strip().split("\n\n")
            # r36 I13; r37a F9: no reply taken for granted („würde“)
            assert len(offer) == 2 and "Angebot" in offer[0] and "würde" in offer[1], offer


def test_a16_no_gendered_noun_for_the_sender() -> None:
    """A16: the sender may be a woman or a man: „Ansprechperson“, never
    „Ansprechpartner(in)“, „Beraterin“ or „Berater“ in the body."""
    for reason, rel in every_reason():
        for formal in (True, False):
            for explain in (True, False):
                body = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                             lang="de", explain=explain).markdown
                assert not re.search(r"Ansprechpartner|Berater", body), (reason, rel)


@pytest.mark.parametrize("explain", [True, False])
def test_a14_du_terminations_speak_everyday_german(explain: bool) -> None:
    """A14 (review r19 patterns, W5): a du termination keeps the legal core
    „Ich kündige unseren Vertrag …“ but none of the office words where an
    everyday one exists: no „fristgerecht“, „Zahlungsziel“,
    „Zahlungsbedingungen“, „Vertragsende“, „unberührt“, „Rechte wegen“."""
    for reason in REASONS["client"]:
        for record in ({}, RICH_CLIENT, {"amount_due": "980", "currency": "USD", "pay_by": "2026-12-22"},
                       {"end_date": "2026-12-31", "notice": True}):
            for style in (None, Style(payment_days=14)):
                body = flat(letter(reason, record, formal=False, explain=explain).markdown if style is None else
                            draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": False, **record},
                                  lang="de", explain=explain, style=style).markdown)
                for office in ("fristgerecht", "Zahlungsziel", "Zahlungsbedingungen", "Vertragsende",
                               "unberührt", "Rechte wegen", "hilfsweise"):
                    # round 40 (brief items 1, 2; r39a W1/W3, r39b F1/F7): no „Liefer- und
                    # Zahlungsbedingungen“ in a du letter at all; the handover's „den Stand zum
                    # Vertragsende“ and the nonpayment return „spätestens zum Vertragsende“ are the
                    # reviewers' own du words
                    assert "Liefer- und Zahlungsbedingungen" not in body, (reason, record)
                    # round 41 (brief item 3, r40b W3): the du reserve of invoices already due
                    assert office not in body.replace("den Stand zum Vertragsende", "").replace(
                        "spätestens zum Vertragsende zurück", "").replace(
                        "bestätige mir das Vertragsende", "").replace(  # round 44: r43a I1's own du words
                        "festgelegt, spätestens zum Vertragsende", "").replace(  # round 57 item 3 (r58a F10, r58b F4)
                        "wie vereinbart spätestens zum Vertragsende", "").replace(  # round 58 item 3
                        "lösche ich spätestens zum Vertragsende", "").replace(  # round 57 item 1
                        "sobald alles übergeben ist – spätestens aber zum Vertragsende", "").replace(  # round 54 item 2
                        "Bereits fällige Rechnungen bleiben von der Kündigung natürlich unberührt.", ""), \
                        (reason, record, office)
                assert "Ich kündige unseren Vertrag" in body or "und kündige unseren Vertrag" in body or (
                    "end_date" in record and not record.get("notice")), (reason, record)


def test_r19_review_wording() -> None:
    """The r19 review's IMPROVE points taken, in the letters that had them."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, explain: bool = True, **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de", explain=explain).markdown)
    # I2: booked for now, not retiring
    # round 38 (r38a I2): for now, or it sounds like closing the business
    assert "Neue Aufträge kann ich leider nicht annehmen: Ich bin auf absehbare Zeit" in text("capacity")  # r29 I12
    assert "Neue Aufträge kann ich leider nicht annehmen: Ich bin auf absehbare Zeit" in text("capacity", formal=False)
    for formal in (True, False):
        assert "keine neuen Aufträge mehr" not in text("capacity", formal=formal)
        assert "keine mehr annehmen" not in text("capacity", formal=formal)
        # I4: it is budget and scope that do not match, not fixed terms and a price
        assert "Einklang" not in text("scope-creep", formal=formal)
        # I6: the out-of-scope client is not wished success with the steps just refused
        assert "Für die nächsten Schritte wünsche" not in text("out-of-scope", "client", formal)
        # I9: arrears are not „nicht ganz bezahlt“
        assert "nicht ganz bezahlt" not in text("nonpayment", "client", formal)
        # I11: no coaching „Menschen“ for a consultancy
        assert "Menschen" not in text("third-party", formal=formal)
        # I12: one „gut“ in the already-helped client letter's opening paragraphs
        helped = text("already-helped", "client", formal)
        # (review r21 I7: „gekommen“, one „jetzt“, no „bearbeitet“)
        # (review r22 I6, I7: no „aufgearbeitet“, no „passender Moment“)
        # round 37: the notice, then what was done (r37a F11: no „ursprüngliches Anliegen“)
        assert ("Die wesentlichen Aufgaben haben wir gemeinsam umgesetzt" if formal
                else "Das Wichtigste haben wir gemeinsam umgesetzt") in helped
        assert "ursprünglich" not in helped and "Grundlage" not in helped
        assert "guter" not in helped and helped.count("jetzt") <= 1 and "bearbeitet" not in helped
        assert "passender Moment" not in helped
    # I5: no „viel Erfolg“ (nor luck) right after „success is not in my hands“
    for formal in (True, False):
        assert "viel Erfolg" not in text("guarantee", formal=formal) and "Daumen" not in text("guarantee", formal=formal)
    # I7: the project is the client's
    # (A24: a project's; an ongoing contract's request names the contract, below)
    rich = text("capacity", "client", request="Relaunch", contract="project")
    assert "bei Ihrem Projekt „Relaunch“" in rich and "unserem Projekt" not in rich
    # I12: „schwierig werden könnte“, „nicht zusammen“ without a hedging „gut“
    assert "schwierig werden könnte" in text("unresponsive", formal=False)
    # round 58 (r59b F8, replacing I12's „without a hedging gut“): the impression, „nicht gut zusammenpassen“
    assert "Ich habe den Eindruck, dass Ihre Erwartungen und meine Arbeitsweise nicht gut zusammenpassen." in text(
        "never-satisfied", "client")
    # I14: without the reason the formal prospect is thanked for the inquiry only
    # (review r25 I2: and for thinking of me, which fits anyone)
    assert "vielen Dank für Ihre Anfrage und dafür, dass Sie an mich gedacht haben." in text("already-helped", explain=False)
    assert "Interesse an meiner Arbeit" not in text("third-party", explain=False)


@pytest.mark.parametrize("formal", [True, False])
def test_r20_a_stated_reason_varies_the_client_decision(formal: bool) -> None:
    """Review r20 (patterns): with the reason stated, the decision to a client
    is not one formula for every reason (nonpayment plainly firm); without it,
    the one neutral decision (D1). Round 37 (r37b F3, r37a F5): to a client
    on an ongoing contract there is no decision sentence at all — the
    refusal is the notice, the same for every reason; the decisions vary in
    the project letters, which give no notice (A24)."""
    retainer = {flat(letter(r, {}, formal, e).parts["refusal"]) for r in REASONS["client"] for e in (True, False)}
    assert len(retainer) == 1, retainer
    project = {"contract": "project"}
    stated = {r: flat(letter(r, project, formal, True).parts["refusal"]) for r in REASONS["client"]}
    quiet = {flat(letter(r, project, formal, False).parts["refusal"]) for r in REASONS["client"]}
    assert len(quiet) == 1
    assert len(set(stated.values())) >= 6, stated
    assert sum(s.startswith("Ich habe mich entschieden") for s in stated.values()) <= 4, stated
    # review r22 I3: not the reproachful „Ich sehe mich veranlasst …“
    # A33 (review r27 I2, replacing r23 I14): the decision in the present, so the notice that
    # follows carries it out instead of repeating an announced „Ich werde … beenden“
    assert stated["nonpayment"] == ("Nach dem laufenden Projekt übernehme ich keine weiteren Aufträge für Sie."
                                    if formal else
                                    "Nach dem laufenden Projekt übernehme ich keine weiteren Aufträge für dich.")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_r20_i5_every_termination_asks_to_confirm_it(formal: bool, explain: bool) -> None:
    """Review r20 I5: a German Kündigung asks for a short confirmation — of
    receipt, and (without a date in the letter, or formally) of the end —
    in every reason, the same with and without the reason."""
    for reason in REASONS["client"]:
        for record in ({}, {"end_date": "2026-12-31"}):
            last = ending(reason, record, formal, explain).split("\n\n")[-1]
            # review r21 W2, I1: the sender knows her own contract — the du letter
            # never asks the client to work out the end date; without a date both
            # agree on it (du) or the end is confirmed (Sie); with a date, receipt only
            # review r25 I8: with a date too („hilfsweise zum nächstmöglichen Zeitpunkt“ leaves it open)
            # review r28 I4: the end is confirmed only where the letter names it
            dated = "end_date" in record
            if formal:
                # review r36 I5, I6: the end confirmed without a date too; no „Beendigungszeitpunkt“
                assert last == ("Bitte bestätigen Sie mir den Eingang dieser Kündigung und das Vertragsende."
                                if dated else "Bitte bestätigen Sie mir kurz den Eingang dieser Kündigung und das "
                                "sich daraus ergebende Vertragsende."), (reason, last)
            else:
                # review r36 I7: the Kündigung, not a „Nachricht“
                # round 37 (r37b F1, r37a F4): in du words, not „das Enddatum, das sich daraus ergibt“
                # round 41 (r40a W2/I2, r40b I1; replacing round 40's „und auch das Enddatum“): a
                # dated letter names its date, an undated one asks for the resulting date
                assert last == (du_confirmation(dated and "31. Dezember 2026")), last
                # round 45 (r44a I2, replacing r21 W2): „bis wann unser Vertrag damit läuft“ asks
                # what the notice leads to, not the client's own date
                # review r22 W2: a one-sided notice's end is confirmed, never agreed („abstimmen“)
                assert "abstimm" not in last
            # round 58 item 1 (r59a W1, r59b F3): the undated du letter asks to confirm „das Enddatum“
            assert "Zeitpunkt, zu dem" not in last and ("Enddatum" not in last or not (formal or dated))


def test_r20_review_wording() -> None:
    """The r20 review's IMPROVE points taken, in the letters that had them."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, explain: bool = True,
             **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de", explain=explain).markdown).replace("\u00a0", " ")
    rich = {"amount_due": "1234.5", "currency": "EUR", "pay_by": "2026-12-22"}
    for reason in REASONS["client"]:
        for explain in (True, False):
            du = text(reason, "client", False, explain, **rich)
            # I1, I3: one „überweise“ per money paragraph; the final invoice in everyday words
            assert du.count("überweise") == 1 and "ich dir separat schicke" in du, (reason, du)
            assert "für sie gilt dasselbe" not in text(reason, "client", False, explain)
            # review r22 I1: one sentence for the final and earlier invoices
            # (review r25 I5: in plain words)
            assert ("Die Schlussrechnung schicke ich dir separat. Dafür gilt die vereinbarte Zahlungsfrist."
                    in text(reason, "client", False, explain) or reason == "nonpayment"), reason
    # I6: already-helped promises no „alles Nötige“ while unfinished work is handed over as it stands
    for formal in (True, False):
        helped = text("already-helped", "client", formal)
        # round 37 (r37a F11): „gut aufgestellt“, not „eine gute Grundlage“ (a verdict on the client)
        assert "gut aufgestellt" in helped and "alles Nötige" not in helped and "alles, was du brauchst" not in helped
    # I7, I8: no „darüber hinaus“, no documents that „allow“
    assert "über diesen Rahmen hinaus" in text("boundaries", "client")
    assert "soweit mir die dafür nötigen Unterlagen und Rückmeldungen vorliegen" in text("unresponsive", "client")
    assert "es zulassen" not in text("unresponsive", "client")
    # I12: no filler „dabei“
    assert "dabei" not in text("scope-creep") and "dabei" not in text("scope-creep", formal=False)
    # I14, I15, I16: a reason, not a preference; plain self-description; no ellipsis
    assert "Am liebsten" not in text("micromanagement", formal=False)
    assert "was ich wirklich gut kann" not in text("out-of-scope", formal=False)
    assert "wie ich es gern tun würde" in text("capacity", "client", False)
    # I17: the colleagues a client is given carry the work on
    people = {"referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de"}]}
    for formal in (True, False):
        # review r21 I4: no nominal „Weiterführung … Vorhabens“
        # review r22 I19: not „die nächsten Schritte“ right after the termination's logistics
        assert "Für die weitere Betreuung " in text("capacity", "client", formal, **people)  # r28 I6
        assert "nächsten Schritte" not in text("capacity", "client", formal, **people)
        assert "Weiterführung" not in text("capacity", "client", formal, **people)
        assert "Weiterhelfen können" not in text("capacity", "client", formal, **people)
    # I18: the neutral du refusal is no Sie sentence with the pronouns swapped
    assert "bei deinem Vorhaben nicht unterstützen" not in text("capacity", formal=False, explain=False)
    # I19: no bare „Ich wünsche Ihnen viel Erfolg.“ after a refusal
    for reason in REASONS["prospect"]:
        assert "Ich wünsche Ihnen viel Erfolg." not in text(reason), reason


def test_r21_review_wording() -> None:
    """The r21 review's IMPROVE points taken, in the letters that had them."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, explain: bool = True,
             **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de", explain=explain).markdown).replace("\u00a0", " ")
    # I3: no colleagues offered unasked after constant emergencies or micromanagement;
    # people the record names are still listed
    people = {"referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de"}]}
    for reason in ("emergencies", "micromanagement"):
        for rel in ("prospect", "client"):
            for formal in (True, False):
                assert "Kolleg" not in text(reason, rel, formal), (reason, rel, formal)
                assert "Jonas Weber" in text(reason, rel, formal, **people), (reason, rel, formal)
    assert "Kolleg" in text("capacity", "client")  # a warm reason still offers them
    # r24 W4: nor to a client whose goals kept shifting (a colleague would meet the same goals)
    for formal in (True, False):
        assert "Kolleg" not in text("shifting-requirements", "client", formal), formal
        assert "Jonas Weber" in text("shifting-requirements", "client", formal, **people), formal
    # Crossed fingers only where the reader did nothing wrong, never after their own behaviour
    for reason in ("micromanagement", "unresponsive", "scope-creep", "boundaries", "emergencies"):
        du = text(reason, formal=False)
        assert "Daumen" not in du and "Ich wünsche dir alles Gute!" in du, reason
    assert "Daumen" in text("capacity", formal=False)
    # I14: the neutral formal refusal is „übernehmen“, not the ambiguous „unterstützen“
    for reason in REASONS["prospect"]:
        assert "Diesen Auftrag kann ich leider nicht übernehmen." in text(reason, explain=False), reason
        assert "unterstützen" not in text(reason, explain=False), reason
    # I2: the du notice to a date in plain words
    for reason in REASONS["client"]:
        du = text(reason, "client", False, end_date="2026-12-31", notice=True)
        # round 38 (r38b W5): a period does not „run longer“
        # round 54 item 3 (r54a I1); round 64 (r63b W1): „ – oder, falls die Kündigungsfrist das nicht zulässt, …“
        assert " – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin" in du and "mit der vereinbarten Frist" not in du, reason
        assert "länger läuft" not in du, reason
        # I15, I16: money is paid, not invoices transferred; one „Arbeit“ less in the opening
        assert "überweise sie" not in text(reason, "client", False), reason
        assert text(reason, "client", False).startswith("Hallo Kim, danke dir für die Zusammenarbeit") \
            or reason in ("capacity", "out-of-scope", "already-helped"), reason
    # I4, I5, I6, I9, I10, I18, I19
    assert "Vorhaben" not in text("free-work", formal=False) + text("shifting-requirements", formal=False)
    assert "im Rahmen" not in text("free-work", formal=False)
    assert text("out-of-scope", formal=False).count("weiterhelf") <= 1
    for formal in (True, False):
        # round 46 (r45a W2/I1, r45b I2/I1; replacing r21's „no betreffende Person selbst“): the person
        # the work is for contacts me „selbst“
        # review r22 I13: no lower-case „sie“ that reads as the addressed Frau Schmidt
        # round 38 (r38a I4, r38b I5): the refusal says „selbst“ now; the offer does not repeat it
        # round 40 (r39a I1, r39b F4): no second „Person“ and no „die betreffende Person sich“
        # round 45 (r44a I8 = r44b I9, replacing round 40's): the offer says who is to write —
        # formally „die betreffende Person“ (a second „Person“), du „sie oder er“; round 46 (r45a W2,
        # r45b I2): du „die Person“ as well (a second „Person“)
        assert text("third-party", formal=formal).count("Person") <= 2
        assert ("Geben Sie meine Kontaktdaten aber gern weiter" if formal
                else "Gib meine Kontaktdaten aber gern weiter") in text("third-party", formal=formal)
    assert "den Umfang, den du" not in text("scope-creep", formal=False)
    assert text("scope-creep", formal=False).count("leider") == 1
    assert "geklappt" not in text("boundaries", "client", False)
    for reason, rel in (("shifting-requirements", "prospect"), ("shifting-requirements", "client"),
                        ("unresponsive", "client")):
        assert "Ergebnisse zu liefern" not in text(reason, rel, False) and "liefern" not in text(reason, rel, False)


def test_r22_review_wording() -> None:
    """The r22 review's findings taken, in the letters that had them (W1–W3
    and A18 are in the D3/D4 and r20 I5 tests above)."""
    def text(reason: str, rel: str = "prospect", formal: bool = True, explain: bool = True,
             **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de", explain=explain).markdown)
    for formal in (True, False):
        # I3, I4: no reproachful „Ich sehe mich veranlasst“, no „an dieser Stelle“ before a notice period
        for reason in REASONS["client"]:
            t = text(reason, "client", formal)
            assert "veranlasst" not in t and "an dieser Stelle" not in t, reason
        # I16: one sentence of grievance
        assert "Zeitplan" not in text("unresponsive", "client", formal)
        # I11, I12 (du)
        # I17: the neutral prospect wish is no HR formula, and fits anyone (A6: no „Ihr Vorhaben“);
        # round 38 (r38a I1, r38b I1; replacing round 37's „Für das Vorhaben“, which pointed at
        # nothing named): the plain wish that also fits someone writing for another
        # round 47 (r46a I10, r46b I11; this brief replaces round 38's plain „alles Gute“, which
        # read as a final goodbye after a one-sentence no): a wish for the plans
        quiet = text("capacity", formal=formal, explain=False)
        assert "Für die Zukunft" not in quiet and "Pläne" not in quiet
        # round 54 item 9 (r54a I13, r54b 14): a wish tied to the reader's plans
        assert ("Ich wünsche Ihnen alles Gute." if formal
                else "Ich wünsche dir alles Gute!") in quiet
        # patterns: with the reason stated, every prospect reason says no in its own words
        refusals = [flat(draft(r, {"name": "Kim Mayer", "formal": formal}, lang="de").parts["refusal"])
                    for r in REASONS["prospect"]]
        # round 50 (brief item 1 overrides this for one pair): the du scope-creep refusal is now
        # „Den Auftrag kann ich leider nicht übernehmen.“, the guarantee one's words
        if not formal:
            refusals.remove("Den Auftrag kann ich leider nicht übernehmen.")
            refusals.remove("Den Auftrag kann ich leider nicht übernehmen.")  # round 58 (r59a I10): shifting-requirements
        else:  # round 59 (r60b I10): the formal boundaries refusal is the shifting-requirements one
            refusals.remove("Diesen Auftrag kann ich leider nicht übernehmen.")
        assert len(set(refusals)) == len(refusals), refusals
    assert "Basis mehr, um weiterzumachen" in text("disrespect", "client", False)  # r29 I8
    assert "so wie zuletzt," in text("micromanagement", "client", False)
    # I9, I10: „Projekt“ once in the opening of a du refusal that names the project
    for reason in REASONS["prospect"]:
        opening = text(reason, formal=False, request="Relaunch der Firmenwebsite").split("Viele Grüße")[0]
        head = " ".join(opening.split(". ")[:3])
        assert "ein Projekt" not in head and "einem Projekt" not in head, (reason, opening)
    assert text("shifting-requirements", formal=False).count("Projekt") <= 1


RICH_R23 = {"request": "Relaunch", "amount_due": "1234.5", "currency": "EUR", "pay_by": "2026-12-22",
            "end_date": "2026-12-31", "notice": True, "access": True}


@pytest.mark.parametrize("formal", [True, False])
def test_r23_review_wording(formal: bool) -> None:
    """Review r23: the du termination block in everyday words (W3), a clear
    „no“ for guarantee (W1) and micromanagement (W2), unconditional prospect
    refusals (I6, I8), a firm future for a client's decision (I13, I14), and
    no catch-all „Ich habe mich entschieden“."""
    def parts(reason: str, rel: str = "prospect", explain: bool = True, **record: object) -> dict[str, str]:
        rec = {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record}
        return {k: flat(v) for k, v in draft(reason, rec, lang="de", explain=explain).parts.items()}
    # W1: the guarantee refusal refuses the job, not a promise, and points back to nothing
    guarantee = parts("guarantee")["refusal"]
    assert "Auftrag" in guarantee and "zusagen" not in guarantee and not guarantee.startswith("Das "), guarantee
    # W2: micromanagement says no, without „Ich glaube“
    micro = parts("micromanagement")["refusal"]
    # review r27 I7: the reason is my own way of working: no „muss“, no gendered „die Richtige“
    # review r36 I12: not the calque „die richtige Wahl“ (and A16: not „die Richtige“)
    # round 37 (r37b F2): not „Zu diesem Auftrag passe ich“ either
    assert "glaube" not in micro and ("nicht übernehmen" in micro or micro == "Den Auftrag möchte ich nicht übernehmen."
                                   or "nicht zu übernehmen" in micro), micro  # round 59 (r60a I8)
    # I6, I8, I7: no refusal only „in this form“ / „this way“ / „here“
    for reason in REASONS["prospect"]:
        refusal = parts(reason)["refusal"]
        # round 58 (r59a I9): third-party's formal refusal is „In dieser Form … den Auftrag … übernehmen:“
        assert reason == "third-party" or not refusal.startswith(("In dieser Form", "Auf diesem Weg", "Hier ")), (reason, refusal)
    # I9: the one neutral du refusal names no „Projekt“ that may be someone else's
    for record in ({}, {"request": "Relaunch"}):
        assert "Projekt" not in parts("third-party", explain=False, **record)["refusal"]
    # I16: already-helped leaves the door open for something new
    assert "gern wieder" in parts("already-helped")["reason"]
    for reason in REASONS["client"]:
        for explain in (True, False):
            for record in ({}, RICH_R23):
                p = parts(reason, "client", explain, **record)
                # I13: no tentative „möchte“; A33 (review r27 I2): no announced „Ich werde …“
                assert "möchte" not in p["refusal"] and "Ich werde" not in p["refusal"], (reason, p["refusal"])
                assert "entschieden" not in p["refusal"], (reason, p["refusal"])
                # W3: no Sie sentence with „du“ put in; I2: no terms the contract may not have
                # round 38 (r38a W4, r38b W4): the neutral handover names the contract's „Liefer- und
                # Zahlungsbedingungen“ (A18) in both registers — in du words around it
                for stiff in ("Unfertiges", "Zwischenstand", "Lieferung und Bezahlung", "gemäß den Liefer-",
                              "Für sie ", "bestätige mir dabei", " ist noch ein Betrag"):
                    # round 40 (r39a I5, r39b F2): no „gemäß den Liefer-“ in either register now
                    assert stiff not in p["ending"], (reason, explain, stiff)
                if not formal:
                    # review r25 I4: not „halb fertig“
                    # round 40 (r39b F1): „bei allem, was noch offen ist“ in the neutral du handover
                    # round 54 item 7 (r54b 3): „Bei allem, was dann noch nicht fertig ist“
                    assert "noch offen ist" in p["ending"] or "unfertigen" in p["ending"] or "noch nicht fertig ist" in p["ending"], reason  # round 57 item 3
                    assert "halb fertig" not in p["ending"] and "dir separat" in p["ending"], reason


@pytest.mark.parametrize("formal", [True, False])
def test_a21_every_deadline_the_letter_sets_is_a_date(formal: bool) -> None:
    """A21 (review r26-tr W1; r24 W1's „nach Erhalt dieses Schreibens“
    replaced): no letter carries a date line, so a deadline the letter sets
    is a date counted from the day it is written (`--date`): 14 days for
    nonpayment stated (A8), the house style's days for an open amount;
    pay_by wins; the final invoice, which carries its own date, keeps its
    days as a period. A22: no other deadline is invented."""
    def money(reason: str, today: datetime.date, style: Style | None = None, **record: object) -> str:
        text = flat(draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record},
                          lang="de", style=style, today=today).parts["ending"])
        return next(p for p in text.split("\n\n") if "Schlussrechnung" in p) if "\n\n" in text else text
    for today, date in ((TODAY, "15. Dezember 2026"), (datetime.date(2027, 2, 20), "6. März 2027")):
        # r36 I4: du dash; round 45 (r44a W3): „… aus; meine Ansprüche daraus …“
        assert f"bis zum {date}{' aus;' if formal else ' –'}" in money("nonpayment", today)
        assert f"bis zum {date}." in money("capacity", today, Style(payment_days=14), amount_due="99", currency="EUR")
    assert "bis zum 31. Dezember 2026." in money("capacity", TODAY, Style(payment_days=30), amount_due="99", currency="EUR")
    assert (("innerhalb von 30 Tagen nach Erhalt" if formal else "30 Tage Zeit")
            in money("capacity", TODAY, Style(payment_days=30), amount_due="99", currency="EUR"))
    paid_by = money("nonpayment", TODAY, pay_by="2027-01-15")
    assert "bis zum 15. Januar 2027" in paid_by and "Dezember" not in paid_by
    for reason in REASONS["client"]:
        for explain in (True, False):
            for owed in ({}, {"amount_due": "1234.5", "currency": "EUR"}):
                text = flat(draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal, **owed},
                                  lang="de", explain=explain, today=TODAY).markdown)
                assert "Erhalt dieses" not in text and "nachdem du diese" not in text and "14 Tag" not in text
                # A30: an open amount's overdue part by TODAY + 14 days, for every reason
                assert ("15. Dezember 2026" in text) == (reason == "nonpayment" or bool(owed)), \
                    (reason, explain)


def test_r24_w2_boundaries_measures_the_expectations_not_the_project() -> None:
    """Review r24 W2: a project cannot go beyond business hours; what the
    prospect expects about availability and scope can."""
    for formal in (True, False):
        for record in ({}, RICH):
            text = " ".join(draft("boundaries", {"name": "Kim Mayer", "formal": formal, **record},
                                  lang="de").markdown.split())
            assert "Ihr Vorhaben geht" not in text and "deine Anfrage geht darüber hinaus" not in text
            # review r28 I8 (A38): not „Umfang“ twice in one sentence
            # r37a F13: „Leistungsumfang“, not the vague „Leistungen“
            assert ("Ihre Vorstellungen zu Erreichbarkeit und Aufwand gehen darüber hinaus." if formal
                    # round 38 (r38a I12, r38b I10): „Umfang“, not „Leistung“
                    # round 40 (r39a I9): „deine Vorstellungen“, not „das, was du dir … vorstellst“
                    # round 41 (r40b W2, replacing r39a I9): in du words, „Aufwand“ for the second „Umfang“
                    # r41a W3 / r41b W5 (both): nothing is agreed with a prospect yet
                    else "Ich arbeite zu festen Zeiten und nur in einem Umfang, der vorher klar abgesprochen ist. "
                         "Was du dir an Erreichbarkeit und Aufwand vorstellst, geht darüber hinaus.") in text


def test_r24_w3_du_prospect_refusals_are_real_du_letters() -> None:
    """Review r24 W3: the du refusals are not the Sie sentences with the
    pronouns swapped — the neutral one (still one for every reason, D1, with a
    wish that fits anyone, A6), disrespect and scope-creep."""
    def text(reason: str, explain: bool = True, **record: object) -> str:
        return " ".join(draft(reason, {"name": "Kim Mayer", "formal": False, **record}, lang="de",
                              explain=explain).markdown.split())
    quiet = {text(reason, explain=False) for reason in REASONS["prospect"]}
    assert len(quiet) == 1
    (letter,) = quiet
    # review r25 I1: one „no“, and an opener that thanks for thinking of me
    # review r28 I7: not „gemeldet und an mich gedacht“ (the same twice)
    # round 45 (r44a I13): no „muss“, which implied an outside constraint and invited „warum?“
    # round 47 (r46b W1, r46a I10, r46b I11): no Sie letter with du — the brief's wording
    # round 54 item 9 (r54a I13, r54b 14; replacing round 45's „no muss“): a du „no“ of its own
    # round 56 item 1 (r56a W2, r56b W1; replacing round 54's): no „Diesmal“, one „no“
    # round 64 (r63b I6, r63a I8): a full stop after the thanks; the wish keeps the one „!“
    assert "danke, dass du an mich gedacht hast. Den Auftrag kann ich leider nicht übernehmen." in letter
    assert "Ich wünsche dir alles Gute!" in letter and "dafür, dass du" not in letter
    for record in ({}, RICH):
        rude = text("disrespect", **record)
        # review r25 W1: not the curt „Ich sage dir ab.“, no shrugging „einfach“
        # review r27 I3: „sehe ich keine“, not „mir fehlt die gemeinsame“
        # round 40 (r39a I4): firm, in du words — not the Sie letter with the pronouns swapped
        assert ("Den Auftrag übernehme ich nicht. Nach unserem bisherigen Austausch habe ich nicht das Gefühl, "
                "dass wir gut zusammenarbeiten würden.") in rude
        assert "Ich werde den Auftrag nicht annehmen." not in rude
        creep = text("scope-creep", **record)
        # review r27 I7: no „So …“ pointing back to nothing
        # review r36 I10: not „Zu diesen Bedingungen …“ (it invites a counter-offer)
        assert "Den Auftrag kann ich leider nicht übernehmen. Dein Budget" in creep and "Zu diesen" not in creep
        assert "So kann ich" not in creep


# Letter round r27 (review r25-de, amendments A21–A28), each failing on main before it.

def test_r25_w1_and_patterns_no_curt_or_shrugging_refusal() -> None:
    """Review r25 W1: the disrespect prospect is not told a curt „Ich sage
    dir ab.“ (it escalates with the very reader there is friction with);
    patterns: no shrugging „einfach“ in any reason; I11, I12: no blunt „nehme
    ich nicht an“ to a formal prospect, no „lieber gleich“, no „leider“ next to
    a choice (unresponsive)."""
    def refusal(reason: str, formal: bool) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "formal": formal}, lang="de").parts["refusal"])
    assert refusal("disrespect", False) == "Den Auftrag übernehme ich nicht."  # round 40 (r39a I4)
    assert refusal("micromanagement", True) == "Ich habe mich entschieden, diesen Auftrag nicht zu übernehmen."  # round 59 (r60a I8)
    assert refusal("micromanagement", False) == "Den Auftrag möchte ich nicht übernehmen."  # r36 I12, r37b F2
    for formal in (True, False):
        assert "leider" not in refusal("unresponsive", formal) and "übernehme ich" not in refusal("unresponsive", formal)
    for reason, rel in every_reason():
        for formal in (True, False):
            for explain in (True, False):
                body = draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal},
                             lang="de", explain=explain).markdown
                # round 48 (r47a 9, r47b I5; the brief's wording wins): the third-party offer's
                # „dann kann sie sich einfach bei mir melden“ makes writing easy, no shrug
                # round 50: „dann kann sich die Person einfach direkt bei mir melden“
                body = body.replace("dann kann sich die Person einfach direkt bei mir melden", "")
                assert not re.search(r"\beinfach\b", body), (reason, rel, formal)
                assert "Ich sage dir" not in body and "lieber gleich" not in body, (reason, rel, formal)


@pytest.mark.parametrize("formal", [True, False])
def test_a26_a_termination_subject_carries_no_date(formal: bool) -> None:
    """A26 (review r25 W3): the body qualifies the end date („hilfsweise zum
    nächstmöglichen Zeitpunkt“), so the subject states none — the same
    subject as every other termination."""
    for reason in REASONS["client"]:
        for record in ({"end_date": "2026-12-31"}, {"end_date": "2026-12-31", "request": "Relaunch"}):
            subject = letter(reason, record, formal).subject.replace("\u00a0", " ")
            assert "2026" not in subject and "Dezember" not in subject and " zum " not in subject, (reason, subject)
            assert subject.startswith("Kündigung unseres Vertrags" if formal
                                      else "Ende unserer Zusammenarbeit"), subject


@pytest.mark.parametrize("formal", [True, False])
def test_a25_every_letter_opens_with_appreciation(formal: bool) -> None:
    """A25 and review r25 I1, I2: every opener thanks; the neutral prospect
    letter thanks for the inquiry AND for thinking of me (a bare „vielen
    Dank für Ihre Anfrage.“ read like a form rejection), in words that fit
    anyone (A6: no „Interesse an meiner Arbeit“ from someone writing for
    another)."""
    for reason, rel in every_reason():
        for explain in (True, False):
            for record in ({}, RICH_CLIENT if rel == "client" else RICH):
                thanks = flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                                    lang="de", explain=explain).parts["thanks"])
                assert thanks.startswith(("vielen Dank", "danke")), (reason, rel, thanks)
    quiet = flat(draft("third-party", {"name": "Kim Mayer", "formal": formal}, lang="de", explain=False).parts["thanks"])
    assert quiet == ("vielen Dank für Ihre Anfrage und dafür, dass Sie an mich gedacht haben." if formal
                     else "danke, dass du an mich gedacht hast.")  # r28 I7; round 47 (r46b W1); round 64 (r63b I6)


def test_r25_review_wording() -> None:
    """The r25 review's IMPROVE points taken, in the letters that had them
    (I1–I8 are in the D2–D4, r20 I5 and r24 W3 tests above)."""
    def part(reason: str, name: str, formal: bool = True, rel: str = "prospect", **record: object) -> str:
        return flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                          lang="de").parts[name])
    # I9: no superfluous „dafür“; I10: no lecture on how I work to a prospect
    # review r36 I10: the conditions named in the reason, not in a refusal „zu diesen Konditionen“
    assert part("nonpayment", "reason") == "Bei den Konditionen liegen unsere Vorstellungen zu weit auseinander."
    assert part("scope-creep", "reason") == ("Ihre Preisvorstellung und der gewünschte Leistungsumfang passen "
                                             "aus meiner Sicht nicht zusammen.")
    assert part("scope-creep", "reason", False).startswith("Dein Budget")
    # I13: no relative clause, no quoted house rule
    # r37a F10: a request made on another's behalf, not work for anyone but the writer
    # round 38 (r38a I4, r38b I5): not the clumsy „Aufträge, die jemand … anfragt“
    # round 40 (r39b F3, r39a I1): the letter says no first, then when I take work on
    assert part("third-party", "refusal") == ("In dieser Form kann ich den Auftrag leider nicht übernehmen: Ich werde nur "
                                              "tätig, wenn sich die Person, für die ich arbeiten soll, selbst "
                                              "an mich wendet.")  # round 58 (r59a I9)
    # round 44 (r43b W1): the du refusal is completed by its reason (one paragraph)
    assert part("third-party", "refusal", False) == "Den Auftrag kann ich so leider nicht annehmen:"
    # I14: no stilted „jedoch“
    for rel in ("prospect", "client"):
        assert "jedoch" not in part("shifting-requirements", "reason", True, rel), rel
    # I16: the project is the prospect's
    assert "Angebot für Ihr Projekt" in part("free-work", "encouragement")  # r29 I6
    # I18: „Arbeitsergebnisse, die bereits bezahlt sind“
    assert "Arbeitsergebnisse, die Sie bereits bezahlt haben, erhalten Sie wie vereinbart spätestens" in part(  # A47
        "nonpayment", "ending", True, "client")
    # I4 (nonpayment du): the unfinished part as it stands, not „halb fertig“
    # round 45 (r44a W2): the insertion between dashes, not a trailing „mit dem aktuellen Stand“
    assert "Alles Übrige, bei unfertigen Aufgaben den aktuellen Stand, schicke ich dir" in part(  # round 58 item 3
        "nonpayment", "ending", False, "client")


PROJECT = {"contract": "project"}
RICH_PROJECT = {"contract": "project", "request": "Relaunch der Firmenwebsite", "end_date": "2027-01-29",
                "amount_due": "1234.50", "currency": "EUR", "access": True,
                "referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de"}]}


@pytest.mark.parametrize("formal", [True, False])
def test_a24_a_project_is_completed_not_terminated(formal: bool) -> None:
    """A24 (review r25 W2): a fixed project (a Werkvertrag: the contractor
    cannot terminate it without cause, § 648 BGB) gets no notice — for every
    reason, stated or not, plain or rich: it is completed as agreed (by its
    agreed completion date when given), nothing further is taken on after
    it, the handover follows its completion, and only receipt is confirmed.
    D1: without the reason, one letter for every reason."""
    done = " schließe ich wie vereinbart" if formal else " bringe ich wie vereinbart"
    receipt = ("Bitte bestätigen Sie mir kurz den Eingang dieses Schreibens." if formal
               else "Bestätige mir bitte kurz, dass meine Nachricht angekommen ist.")  # round 44: r43a/b I5
    for record in (PROJECT, RICH_PROJECT):
        # review r27 I6: the thanks has named the project already
        named = "Das Projekt"
        for style in (None, Style(payment_days=14)):
            quiet = set()
            for reason in REASONS["client"]:
                for explain in (True, False):
                    made = draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record},
                                 lang="de", explain=explain, style=style, today=TODAY)
                    body = flat(made.markdown)
                    for notice in ("ündig", "Kündigungsfrist", "nächstmöglich", "Beendigungszeitpunkt", "Enddatum"):
                        assert notice not in body, (reason, explain, notice)
                    assert named + done in body, (reason, explain, body)
                    assert ("bis zum 29. Januar 2027" in body) == ("end_date" in record), (reason, explain)
                    # (out-of-scope and already-helped say it in their own words: the next steps, my work after it)
                    assert "keine weiteren Aufträge" in body or (
                        explain and reason in ("out-of-scope", "already-helped")), reason
                    lien = reason == "nonpayment"
                    # round 38 (r38a W4, r38b W4): the one neutral handover, a project's too, follows the
                    # contract's delivery and payment terms (A18), no firm promise; the client's own
                    # documents come back with the completion (r38a I8)
                    # round 40 (r39a W1/I5, r39b F1): „wie vertraglich vereinbart“ / du „wie im Vertrag
                    # vereinbart“, no „Liefer- und Zahlungsbedingungen“, still no firm date for the results
                    # round 44 (r43a I4, r43b I4, RULE44 N3): one „vereinbart“, the handover on the contract's terms
                    # round 58 (r59b F10): no date, no „dann“: „Mit dem Projektabschluss übergebe ich …“
                    assert lien or (("Alle Arbeitsergebnisse übergebe ich Ihnen dann gemäß unserem Vertrag. Ihre "
                                     "eigenen Unterlagen und Daten erhalten Sie spätestens mit dem Projektabschluss "
                                     "zurück." if "end_date" in record else
                                     "Mit dem Projektabschluss übergebe ich Ihnen alle Arbeitsergebnisse gemäß "
                                     "unserem Vertrag. Ihre eigenen Unterlagen und Daten "
                                     "erhalten Sie spätestens dann zurück.") if formal
                                    else "Alle Ergebnisse bekommst du dann so, wie es im Vertrag steht. Deine eigenen "
                                    "Unterlagen und Daten gebe ich dir "
                                    "spätestens zum Projektende zurück.") in body, (reason, explain)
                    assert "weiterführen" not in body and "für die weitere Arbeit" not in body.lower(), reason
                    # round 40 (r39b F10): declining future work needs no confirmation; only the
                    # nonpayment project letter, which sets a payment deadline, asks for receipt
                    assert flat(made.parts["ending"]).endswith(receipt) == lien, (reason, explain)
                    assert "bestätig" not in body.lower() or lien, (reason, explain)
                    if not explain and reason != "nonpayment":  # round 64 (r63a W3): nonpayment keeps its ending
                        quiet.add(made.markdown)
            assert len(quiet) == 1, (record, quiet)
    # an ongoing contract is still terminated with notice
    assert "kündige" in flat(letter("capacity", {}, formal).markdown)


@pytest.mark.parametrize("formal", [True, False])
def test_a24_an_ongoing_contract_is_no_project(formal: bool) -> None:
    """A24: an ongoing contract's request („Betreuung der Firmenwebsite“)
    names the contract that is terminated, not a „Projekt“."""
    for explain in (True, False):
        body = flat(letter("capacity", {"request": "Betreuung der Firmenwebsite"}, formal, explain).markdown)
        assert "Projekt" not in body and "Vorhaben" not in body, body
        # review r27 I1: the contract named, no „über“ without an article
        assert "unseren Vertrag „Betreuung der Firmenwebsite“" in body and "über „" not in body, body


@pytest.mark.parametrize("formal", [True, False])
def test_a29_nonpayment_goes_on_if_new_invoices_are_paid_and_dates_the_arrears_once(formal: bool) -> None:
    """A29 (replacing A23; review r27 W1, W2, I4): with nonpayment stated, the
    work in hand goes on (or the project is completed) provided that NEW
    invoices are paid when due — no date in the condition, which the overdue
    invoices would fail on the day of writing; the arrears' by-when (pay_by,
    else TODAY + 14 days) is stated once, in the payment paragraph. Every
    other reason, and nonpayment without its reason, sets no condition."""
    def paragraphs(reason: str, record: dict[str, object], explain: bool = True) -> list[str]:
        return ending(reason, record, formal, explain).split("\n\n")
    # round 44 (RULE44 N1/N2, replacing A29's condition on new invoices and round 40's „rechtzeitig“):
    # the work goes on (the project is completed as agreed) without a condition; then, if the
    # overdue amount is not paid by the letter's own deadline, it rests. Round 45 (M1, M2; r44a W1,
    # W3, I4, I5, r44b W1, I1, I2): the payment paragraph comes first, the pause refers back to its
    # date without repeating it, needs no contract hedge, and appears only with an amount
    moves = ("; der Abschlusstermin verschiebt sich dann entsprechend." if formal
             else ". Der Termin verschiebt sich dann entsprechend.")
    for record in ({}, {"end_date": "2026-12-31"}, PROJECT, RICH_PROJECT):
        for extra, date in (({}, "15. Dezember 2026"), ({"pay_by": "2026-12-22"}, "22. Dezember 2026")):
            paras = paragraphs("nonpayment", {**record, **extra})
            project = "contract" in record
            pay, first = paras[0], paras[1]
            amount = "amount_due" in record
            assert first.startswith("Das Projekt" if project else "Bis"), (record, first)
            if amount and project:
                cut = first.index("Bereits bezahlte" if formal else "Was du schon")  # round 57 (r58b F12): paid work first
                assert first[:cut].strip().endswith(de_pause(formal, date) + moves), (record, first)
            elif amount:
                assert first.endswith(de_pause(formal, date) + "."), (record, first)
                # the work goes on, full stop; the pause is a sentence of its own
                assert len(re.findall(r"[a-zäöüß]\. ", first)) == 1, first
            else:
                assert "ruhen" not in " ".join(paras) and "pausiere" not in " ".join(paras), (record, paras)
            work = first[:first.index("Bereits bezahlte" if formal else "Was du schon")] if project else first
            assert "sofern" not in work and "vorausgesetzt" not in work and "pünktlich" not in work, first
            whole = " ".join(paras)
            # the deadline set in the payment paragraph; the pause names it again (session 11)
            assert whole.count(date) == (2 if amount else 1) and any(f"bis zum {date}{end}" in pay for end in (".", " –", " aus")), \
                (record, pay)
            assert "soweit unser Vertrag" not in whole and "auf Eis" not in whole, whole
            assert "Ihre Zahlung" not in whole and "deine Zahlung" not in whole
        for reason in REASONS["client"]:
            for explain in (True, False):
                if reason != "nonpayment":
                    text = paragraphs(reason, record, explain)[0]
                    assert "sofern" not in text and "vorausgesetzt" not in text, (reason, explain)


# Letter round r28 (review r27-de, amendments A29–A33), each failing on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_r28_reasons_fit_a_project_and_say_no_plainly(formal: bool) -> None:
    """Review r27 W4, A31: to a project client the disrespect reason speaks of
    work after the project (which is still completed), not of working
    together at all; I3: „sehe ich keine“, not „mir fehlt die gemeinsame“;
    I9: one need (fixed arrangements on scope and dates), not three, none
    that contradicts the work going on „im vereinbarten Umfang“; I10, I12:
    „unterschiedlicher Auffassung“, no „Zum jetzigen Zeitpunkt … derzeit“."""
    def part(reason: str, name: str, rel: str = "client", **record: object) -> str:
        rec = {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record}
        return flat(draft(reason, rec, lang="de", today=TODAY).parts[name])
    rude = part("disrespect", "reason", **PROJECT)
    # review r28 W3 (A38): not „weitere Aufträge“ in two sentences in a row
    assert "weitere Aufträge" not in rude and "gemeinsame" in rude, rude
    assert "weiter miteinander" not in rude and "zusammenzuarbeiten" not in rude
    for rel in ("client", "prospect"):
        assert "sehe ich keine gemeinsame" in part("disrespect", "reason", rel) or (
            not formal and rel == "prospect" and "nicht das Gefühl" in part("disrespect", "reason", rel)) or (  # r39a I4
            rel == "client" and "sehe ich nicht mehr" in part("disrespect", "reason", rel))  # r28 I2
        assert "fehlt mir" not in part("disrespect", "reason", rel) and "Mir fehlt" not in part("disrespect", "reason", rel)
    creep = part("scope-creep", "reason")
    # review r36 I11: the changes as a fact, not a rule the client could promise to keep
    assert "zu oft kurzfristig geändert" in creep and "feste Absprachen" not in creep and "Honorar" not in creep, creep
    if formal:
        assert part("fee-disputes", "reason").endswith("waren wir zuletzt immer wieder unterschiedlicher Auffassung.")
        # round 54 item 10 (r54a I10): „bei Ihrem Vorhaben sind derzeit noch einige Punkte offen“
        assert part("shifting-requirements", "reason", "prospect").endswith(
            "und bei Ihrem Projekt ist noch einiges offen.")
    else:
        # I8: „so wie zuletzt“ was her own practice so far: it does not fit her way of working
        assert part("micromanagement", "reason").endswith("so wie zuletzt, passt nicht zu meiner Arbeitsweise.")
    # I11: „zum selben Thema“, as the opening names no topic for „diesem“ to point back to
    assert "zum selben Thema" in part("already-helped", "refusal", "prospect")


@pytest.mark.parametrize("formal", [True, False])
def test_r28_a33_the_end_is_said_once_in_the_present(formal: bool) -> None:
    """A33 (review r27 I2): no „Ich werde … beenden / übernehmen“ announced a
    paragraph before the notice or the project's completion, for every
    reason, ongoing or project; the project decision is „Nach diesem Projekt
    übernehme ich keine weiteren Aufträge …“."""
    for record in ({}, PROJECT, {**PROJECT, "request": "Relaunch"}):
        for reason in REASONS["client"]:
            body = flat(letter(reason, record, formal).markdown)
            assert "Ich werde" not in body, (reason, record)
    made = flat(letter("nonpayment", {**PROJECT, "request": "Relaunch"}, formal).parts["refusal"])
    assert made.startswith("Nach diesem Projekt übernehme ich keine weiteren Aufträge für "
                           + ("Sie." if formal else "dich.")), made


@pytest.mark.parametrize("formal", [True, False])
def test_r28_a30_an_open_amount_without_a_date_dates_its_overdue_part(formal: bool) -> None:
    """A30 (review r27 W3, fee-disputes in CHF): an amount without pay_by or
    payment_days asks for what of it is overdue by TODAY + 14 days and keeps
    the rest (and the final invoice) on the agreed terms — for every reason
    but nonpayment stated, with and without the reason; the amount in the
    record's currency."""
    for reason in REASONS["client"]:
        for explain in (True, False):
            if reason == "nonpayment":
                continue
            text = ending(reason, {"amount_due": "1234.5", "currency": "CHF", "end_date": "2026-12-31"},
                          formal, explain)
            assert "1.234,50 CHF offen." in text, (reason, text)
            # A34 (replacing A30; review r28 W1): the whole amount by one date
            assert ("Bitte überweisen Sie diesen Betrag bis zum 15. Dezember 2026."
                    if formal else "Bitte überweise den Betrag bis zum 15. Dezember 2026."
                    ) in text, (reason, explain, text)
            assert "fällig ist" not in text and "Rest" not in text and "übrigen Betrag" not in text
            assert text.count("15. Dezember 2026") == 1 and "wie vereinbart;" not in text


def test_r28_i6_the_project_subject_names_its_completion_and_the_end() -> None:
    """Review r27 I6: „Unsere Zusammenarbeit nach Projektabschluss“ read like
    an offer of follow-up work: the subject names the project's completion
    and the end of the collaboration, the same in both registers."""
    for formal in (True, False):
        for record in (PROJECT, {**PROJECT, "request": "Relaunch"}):
            subject = letter("capacity", record, formal).subject
            # round 54 item 1 (r54a W1, r54b I15): „Projektabschluss und Ende“, with the request too
            assert subject.endswith("Projektabschluss und Ende unserer Zusammenarbeit"), subject
            assert ": Abschluss und Ende" not in subject, subject
            assert "nach Projektabschluss" not in subject
        # r36-de 14: the subject names the project where it fits the subject line
        named = {**PROJECT, "request": "Relaunch der Firmenwebsite"}
        # round 54 item 1: with this request the line has 76 characters, over SUBJECT_LIMIT (70),
        # so the subject falls back to the line without the request
        assert (letter("capacity", named, formal).subject
                == "Projektabschluss und Ende unserer Zusammenarbeit")
        assert letter("capacity", {**PROJECT, "request": None}, formal).subject == (
            "Projektabschluss und Ende unserer Zusammenarbeit")


@pytest.mark.parametrize("formal", [True, False])
def test_r28_a31_a_completed_project_hands_over_no_unfinished_work(formal: bool) -> None:
    """A31 (review r27-tr W6 as a pattern): a project the writer completes has
    no unfinished work to hand over — also in the nonpayment letter, which
    withholds only the unpaid results (A32: held back within the agreement)
    once the project is complete; r27-en I9: an ongoing contract has no „next
    steps“: out-of-scope speaks of the tasks now due (after the project, when
    it is one)."""
    for record in (PROJECT, RICH_PROJECT):
        for reason in REASONS["client"]:
            text = ending(reason, record, formal)
            assert "nicht abgeschlossen" not in text and "unfertig" not in text and "aktuellen Stand" not in text, \
                (reason, text)
        owed = ending("nonpayment", record, formal)
        # review r36 W1: the final invoice is issued after the handover, so the handover waits
        # only for the invoices due by then (tested in test_r36_w1_project_nonpayment_handover)
        # round 57 (r58b F12, replacing r36 W1 here): work already paid for comes as agreed
        assert "zurück, bis" not in owed
    # round 37: an ongoing contract hears the notice; r37a F2: the reason names the tasks to come
    ongoing = flat(letter("out-of-scope", {}, formal).parts["reason"])
    assert ongoing.startswith("Die Aufgaben, die künftig bei Ihnen anstehen," if formal
                              else "Was bei dir künftig ansteht,") and "nächsten Schritte" not in ongoing
    project = flat(letter("out-of-scope", {**PROJECT, "request": "Relaunch"}, formal).parts["refusal"])
    assert project.startswith("Bei den Aufgaben, die nach diesem Projekt anstehen,"), project


def test_r29_a36_a38_no_concession_of_bad_work_and_no_phrase_twice() -> None:
    """A36 (review r28 W2): a reason says what the work needs, never that the
    work is only good when … (it concedes the recent work was not good);
    A37: no unnamed incident; A38 (W3, W4): no phrase repeated in two
    sentences in a row; review r28 I1: no pointed „wie für alle bisherigen
    Rechnungen“; I9: a project letter ends no contract, so nonpayment keeps
    no claims „von dieser Entscheidung unberührt“."""
    for reason, rel in every_reason():
        for formal in (True, False):
            for record in ({}, PROJECT) if rel == "client" else ({},):
                for explain in (True, False):
                    body = flat(draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal, **record},
                                      lang="de", explain=explain, today=TODAY).markdown)
                    # round 54 item 10 (r54a I4): „Damit ich gut arbeiten kann, brauche ich …“
                    body = body.replace("Damit ich gut arbeiten kann, brauche ich Infos", "")
                    for wrong in ("Gute Arbeit", "gut arbeiten", "gute Ergebnisse", "Vorfäll", "was passiert ist",
                                  "Arbeit für dich. Meine Arbeit", "Arbeit für Sie. Meine Arbeit",
                                  "wie für alle bisherigen", "wie bei allen Rechnungen", "Entscheidung unberührt",
                                  "Entschluss nichts", "Arbeit für dich zu beenden. Für meine Arbeit",
                                  "offenen Beträge bis zum 15. Dezember 2026. An den offenen"):
                        assert wrong not in body, (reason, rel, formal, record, explain, wrong)
                    sentences = re.split(r"(?<=[.!?])\s+", body)
                    for one, two in zip(sentences, sentences[1:]):
                        assert not ("weitere Aufträge" in one and "weitere Aufträge" in two), (reason, one, two)
                        assert not ("Verfügung" in one and "Verfügbarkeit" in two), (reason, one, two)


@pytest.mark.parametrize("formal", [True, False])
def test_r29_a34_a35_the_whole_amount_by_one_date_and_paid_work_as_completed(formal: bool) -> None:
    """A34 (review r28 W1): an amount_due is already due — every reason, with
    and without the reason stated, asks for the WHOLE of it by one date
    (pay_by, else TODAY + payment_days, else TODAY + 14 days), never „was
    davon bereits fällig ist“; nonpayment stated calls it overdue. A35
    (r28-en W2): with nonpayment stated, work already paid for is delivered
    as it is completed, not held back to the end."""
    owed = {"amount_due": "1234.5", "currency": "EUR"}
    for reason in REASONS["client"]:
        for explain in (True, False):
            for extra, date in (({}, "15. Dezember 2026"), ({"pay_by": "2026-12-22"}, "22. Dezember 2026")):
                text = ending(reason, {**owed, **extra}, formal, explain)
                ask = ("Bitte überweisen Sie diesen Betrag bis zum " if formal
                       else "Bitte überweise den Betrag bis zum ") + date
                # review r36 I4: the du claim (nonpayment stated) joins the request with a dash
                # round 38 (r38a I5, r38b I8): no bare „daran“
                assert ask + "." in text or (not formal and ask + " – er bleibt unabhängig von der Kündigung fällig."
                                             in text), (reason, explain, extra, text)
                assert "daran nichts" not in text, (reason, explain)
                assert "fällig ist" not in text and "Rest" not in text and "übrigen Betrag" not in text
            style_text = ending(reason, owed, formal, explain, Style(payment_days=30))
            assert "bis zum 31. Dezember 2026" in style_text, (reason, style_text)
    stated = ending("nonpayment", owed, formal, True)
    assert ("noch 1.234,50 € überfällig" if formal else "noch 1.234,50 € offen") in stated
    # round 38 (r38a I6): paid work by the end at the latest
    assert ("die Sie bereits bezahlt haben, erhalten Sie wie vereinbart spätestens zum Vertragsende." if formal  # A47
            else "Was du schon bezahlt hast, bekommst du wie vereinbart spätestens zum "
                 "Vertragsende.") in stated  # round 58 item 3  # r36 I4, r37a F7


@pytest.mark.parametrize("formal", [True, False])
def test_r30_w1_w2_a40_links_get_a_general_intro_calm_disrespect_and_one_condition(formal: bool) -> None:
    """Review r29 W1: a guide cannot take over „die weitere Betreuung“ — a
    client list with people AND links gets the general intro. W2: no
    exasperated „einfach“ in the du disrespect project letter. A40 (r29-en
    F1): nonpayment stated goes on while invoices are paid when due (not only
    „neue“), no „sobald sie fertig sind“ sentence, work held back until ITS
    invoices are paid, one hedge. I3: the du reservation names what it is
    about (not a bare „Daran“)."""
    both = {"referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de"}],
            "resources": [{"title": "Leitfaden Website-Relaunch", "url": "https://example.org/relaunch"}]}
    for reason in ("capacity", "out-of-scope"):
        body = flat(draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal, **both},
                          lang="de", today=TODAY).markdown)
        # review r36 I9: a client is handed over, not advised; no „zum Beispiel“
        assert ("Weiterhelfen können Ihnen zum Beispiel:" if formal
                else "Weiterhelfen können dir zum Beispiel:") in body, (reason, body)
        assert "anstehenden Aufgaben empfehle" not in body and "weitere Betreuung" not in body, (reason, body)
    rude = flat(draft("disrespect", {"name": "Kim Mayer", "relationship": "client", "formal": formal,
                                     "contract": "project"}, lang="de", today=TODAY).markdown)
    assert "einfach" not in rude and "Für weitere Projekte" not in rude  # A38: „weiteren Aufträge“ just before
    # r29 I9: a stated project letter completes and hands over in one paragraph, not „Danach …“
    # (round 38: the handover by the contract's delivery and payment terms, test_a24_…)
    done = ending("capacity", {"contract": "project", "end_date": "2027-01-29"}, formal)
    assert any(p.startswith("Das Projekt") and ("gemäß unserem Vertrag" if formal else "wie es im Vertrag steht") in p  # round 44
               for p in done.split("\n\n")), done
    assert "Danach" not in done
    # r29 I2: others take the work on (not „weiterführen“), no bare „das“ after the confirmation request
    for reason in ("capacity",):  # round 54 item 6: out-of-scope names the specialisation
        offer = flat(draft(reason, {"name": "Kim Mayer", "relationship": "client", "formal": formal},
                           lang="de", today=TODAY).markdown)
        assert ("denen Sie die anstehenden Aufgaben übertragen können." if formal
                else "denen du die anstehenden Aufgaben übergeben kannst.") in offer, (reason, offer)
        assert "weiterführen" not in offer and "die hier für dich" not in offer
    for record in ({}, {"contract": "project"}, {"amount_due": "1234.5", "currency": "EUR"}):
        owed = ending("nonpayment", record, formal)
        assert "neue Rechnungen" not in owed and "sobald sie fertig" not in owed, (record, owed)
        # A47 (replacing A29/A40's „zurückhalten … im Rahmen unserer Vereinbarung“): said positively,
        # no claim that the contract has a retention clause; a project: see test_r36_w1_…
        if "contract" not in record:
            # r41b W2: only the invoices already due, never the final invoice not yet due
            assert ("übergebe ich Ihnen, sobald alle fälligen Rechnungen beglichen sind" if formal
                    else "schicke ich dir, sobald die fälligen Rechnungen beglichen sind") in owed, owed  # r39a I7
        # round 45 (r44a I4, replacing round 44's „soweit unser Vertrag das zulässt“): no hedge at all
        assert "im Rahmen unserer Vereinbarung" not in owed and "soweit" not in owed, owed
        assert "Daran ändert" not in owed


def own_documents(formal: bool, dated: bool) -> str:
    """Round 47 (r46a W1, r46b W2, both; reverting round 46's r45b W1): with
    nonpayment stated, a project's completion may move with a pause, and the
    writer needs the client's documents until then: they come back regardless
    of payment at the latest with the completion, on request any time
    earlier — no date (a fixed one could fall before the moved completion),
    with or without the record's end_date."""
    return ("Ihre eigenen Unterlagen und Daten erhalten Sie unabhängig davon auf Wunsch jederzeit zurück, "
            "spätestens mit dem Projektabschluss." if formal else  # round 66 (r65b-de W1): a pause moves the
            # completion, so only „auf Wunsch jederzeit“ makes the return independent of payment
            # (session 11, r59b-de F2, had dropped a „jederzeit früher“ beside the completion)
            "Deine eigenen Unterlagen und Daten bekommst du unabhängig davon auf Wunsch jederzeit zurück, spätestens zum Projektende.")


@pytest.mark.parametrize("formal", [True, False])
def test_r36_w1_project_nonpayment_hands_over_with_the_completion_if_invoices_due_by_then_are_paid(
        formal: bool) -> None:
    """Review r36 W1: a project's final invoice is issued after its handover,
    so the nonpayment letter cannot tie the handover to „the invoices for
    it“ (circular, and against § 641 BGB). With the completion all results
    are handed over as the contract says, provided the invoices due BY THEN
    are paid; the client's own documents and data come back regardless.
    Without the reason, and for every other reason, the plain project
    handover, no condition."""
    # round 38 (r38a W2, r38b W3; replacing r37b F9's „Mit dem Abschluss … sobald“): one time
    # reference — with the completion, PROVIDED the invoices due by then are paid; du in du words
    def handover_for(dated: bool) -> str:
        # round 47 (r46a I9): „sobald“, not „sofern“ (it read as if the results might never come)
        # round 48 (r47a 2, r47b I4): one moment, „Sobald das Projekt abgeschlossen ist und …“
        # round 57 (r58b F12): work already paid for as agreed, only the rest waits
        return ("Bereits bezahlte Arbeitsergebnisse erhalten Sie wie vereinbart; alle übrigen nach dem Projektabschluss, sobald sämtliche bis dahin fälligen Rechnungen beglichen sind. " if formal else
                "Was du schon bezahlt hast, bekommst du wie vereinbart; alles Übrige schicke ich dir, wenn das Projekt fertig ist und die offenen Rechnungen beglichen sind. ") + own_documents(formal, dated)
    for record in (PROJECT, RICH_PROJECT):
        owed = ending("nonpayment", record, formal)
        paragraphs = owed.split("\n\n")
        # the money first (the completion depends on it, r38a I10), then completion and handover
        assert handover_for("end_date" in record) in paragraphs[1], (record, owed)
        assert "sofern" not in owed, owed
        # nothing waits for the final invoice (round 46: it stands in the payment paragraph)
        # round 57 (r58b F12): paid work comes as agreed („Bereits bezahlte …“ / „Was du schon bezahlt hast“)
        assert "dafür" not in paragraphs[1]
        assert "zurück, bis" not in owed and "Rahmen unserer Vereinbarung" not in owed, owed
        for reason in REASONS["client"]:
            for explain in (True, False):
                if reason == "nonpayment":
                    continue
                assert "fälligen Rechnungen" not in ending(reason, record, formal, explain), (reason, explain)


@pytest.mark.parametrize("formal", [True, False])
def test_a47_retainer_nonpayment_hands_over_the_rest_once_paid_without_a_retention_clause(formal: bool) -> None:
    """A47 (replacing A29/A40's „zurückhalten“; review r36 I2, I4): with
    nonpayment stated, an ongoing contract's paid results come as agreed and
    the rest (unfinished work as it stands) is handed over „sobald die
    zugehörigen Rechnungen beglichen sind“ — said positively, with no claim
    that the contract has a retention clause. The carry-on condition says
    „pünktlich“ (r36 I3: not a second „fristgerecht“)."""
    if formal:
        rest = ("Arbeitsergebnisse, die Sie bereits bezahlt haben, erhalten Sie wie vereinbart spätestens zum "
                "Vertragsende. Alle übrigen Arbeitsergebnisse – bei noch "  # round 46 (r45a I8, r45b I6)
                "nicht abgeschlossenen Arbeiten den bis dahin erreichten Stand – übergebe ich Ihnen, sobald alle "
                "fälligen Rechnungen beglichen sind. Ihre eigenen Unterlagen und Daten erhalten Sie unabhängig "
                "davon spätestens zum Vertragsende zurück.")  # round 40 (r39a W3, r39b F7)
        # round 44 (RULE44 N1): no condition on future invoices; the pause tied to the deadline
        carry = "im vereinbarten Umfang fort. "
    else:
        rest = ("Was du schon bezahlt hast, bekommst du wie vereinbart spätestens zum "  # round 58 item 3
                # round 40 (r39a I7): „Alles Übrige … die zugehörigen Rechnungen“; (r39a W3, r39b F7) the
                # client's own documents by the end at the latest
                # round 45 (r44a W2): the unfinished part between dashes
                "Vertragsende. Alles Übrige, bei unfertigen Aufgaben den aktuellen Stand, schicke ich dir, sobald "
                "die fälligen Rechnungen beglichen sind. Deine eigenen "
                "Unterlagen und Daten gebe ich dir unabhängig davon spätestens zum Vertragsende zurück.")
        # round 40 (r39b F6): „pünktlich“, not the reason's „rechtzeitig“ again
        carry = "an den laufenden Aufgaben weiter. "
    for record in ({}, RICH_CLIENT, {"end_date": "2026-12-31"}):
        owed = ending("nonpayment", record, formal)
        assert rest in owed and carry in owed, (record, owed)
        for claim in ("zurückhalt", "halte ich", "Rahmen unserer Vereinbarung",  # round 58: „Was du schon bezahlt hast“ (r59a I3)
                      "bleiben sie fällig", "bleibt auch nach"):
            assert claim not in owed, (record, claim)
        assert owed.count("fristgerecht") <= 1, owed


@pytest.mark.parametrize("formal", [True, False])
def test_round37_the_notice_is_the_refusal_and_is_given_once(formal: bool) -> None:
    """Round 37 (r37b F3, r37a F5, r36 pattern 1): in every retainer
    termination the refusal part IS the notice, with or without the reason;
    no decision sentence announces the end a second time („Ich habe
    beschlossen …“, „Ich beende …“, „Für mich ist es an der Zeit …“). The
    reason follows in the same part, and the ending opens with the work
    until the end. Without the reason the letter is the same for every
    reason."""
    notice = ("Hiermit kündige ich unseren Vertrag fristgerecht zum nächstmöglichen Zeitpunkt." if formal
              else "Ich kündige unseren Vertrag zum nächstmöglichen Termin.")
    carry_on = "Bis zum Ende der Kündigungsfrist " if formal else "Bis die Kündigungsfrist um ist, "
    for record in ({}, RICH_CLIENT):
        quiet = set()
        for reason in REASONS["client"]:
            for explain in (True, False):
                made = letter(reason, record, formal, explain)
                refusal = flat(made.parts["refusal"])
                assert refusal.startswith("Hiermit kündige ich unseren Vertrag" if formal
                                          else "Ich kündige unseren Vertrag"), (reason, explain, refusal)
                if not record:
                    assert refusal == notice, (reason, explain, refusal)
                body = flat(made.markdown)
                for twice in ("beschlossen", "Ich beende", "an der Zeit", "Zeit, meine", "Tätigkeit für Sie",
                              "Arbeit für dich", "muss ich meine"):
                    assert twice not in body, (reason, explain, twice)
                assert body.count("kündige") == 1, (reason, explain)
                end = ending(reason, record, formal, explain)
                if reason == "nonpayment":  # round 45 (M1): the money paragraph first
                    end = end.split("\n\n", 1)[1]
                assert end.startswith(carry_on if not record else (
                    "Bis zum Vertragsende " if formal
                    else "Bis unser Vertrag endet, ")), (reason, explain, end)  # round 64 (r63a W1, r63b I1)
                if explain:
                    assert flat(made.parts["reason"]), reason
                elif reason != "nonpayment":  # round 64 (r63a W3): nonpayment keeps its ending
                    quiet.add(flat(made.markdown))
        assert len(quiet) == 1, record


@pytest.mark.parametrize("explain", [True, False])
def test_round37_du_confirmation_in_du_words(explain: bool) -> None:
    """Round 37 (r37b F1 WRONG, r37a F4): the du termination asks for the
    confirmation in du words — never „das Enddatum, das sich daraus ergibt“.
    Round 40 (r39a W4/I6, r39b F11): one sentence, with or without a date."""
    for reason in REASONS["client"]:
        for record in ({}, {"end_date": "2026-12-31"}, RICH_CLIENT):
            last = ending(reason, record, False, explain).split("\n\n")[-1]
            # round 41: the dated letter names its date (RICH_CLIENT's is 31 December 2026)
            dated = bool(record) and "31. Dezember 2026"
            assert last == du_confirmation(dated), (reason, last)
            assert "das sich daraus ergibt" not in last


def test_round37_micromanagement_du_prospect_refusal_is_idiomatic_and_ungendered() -> None:
    """Round 37 (r37b F2 WRONG, r37a F8): not „Zu diesem Auftrag passe ich“;
    an ungendered idiom (never „die Richtige“: the tool does not know the
    sender's gender)."""
    for record in ({}, RICH):
        made = draft("micromanagement", {"name": "Kim Mayer", "formal": False, **record}, lang="de")
        assert flat(made.parts["refusal"]) == "Den Auftrag möchte ich nicht übernehmen."
        body = flat(made.markdown)
        assert "passe ich" not in body and "Richtige" not in body and "Richtiger" not in body


# Letter round 38 (reviews r38a-de, r38b-de; both 8/10): the four WRONGs both reviewers found,
# each failing on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_round38_1_capacity_project_says_leider_once(formal: bool) -> None:
    """r38a W1, r38b W1: the capacity PROJECT letter said „Leider kann ich …
    Leider reichen/fehlt …“ — one „leider“, in the refusal."""
    for record in (PROJECT, RICH_PROJECT):
        made = letter("capacity", record, formal)
        said = flat(made.parts["refusal"]) + " " + flat(made.parts["reason"])
        assert said.lower().count("leider") == 1, said
        assert not flat(made.parts["reason"]).startswith("Leider"), said
        assert flat(made.parts["refusal"]).startswith("Nach "), said
        # round 58 (r59a I8, replacing r38a W1's „not betreut“): „Mir fehlt künftig die Zeit, Sie so zu betreuen …“


@pytest.mark.parametrize("formal", [True, False])
def test_round38_2_project_nonpayment_handover_has_one_time_reference(formal: bool) -> None:
    """r38a W2, r38b W3: „Mit dem Abschluss … sobald …“ gave two clashing
    time references. With the completion, PROVIDED the invoices due by then
    are paid (formal); the du letter in du words, one „sobald“ clause."""
    for record in (PROJECT, RICH_PROJECT):
        text = ending("nonpayment", record, formal)
        # round 47 (r46a I9; the brief replaces round 38's „sofern“): „sobald“, as the retainer
        # letters and the du letter have — „sofern“ read as if the results might never come
        # round 48 (r47a 2, r47b I4): „Mit dem Abschluss … sobald“ named two moments again
        # round 57 (r58b F12): work already paid for as agreed, only the rest waits
        assert ("Bereits bezahlte Arbeitsergebnisse erhalten Sie wie vereinbart; alle übrigen nach dem Projektabschluss, sobald sämtliche bis dahin fälligen Rechnungen beglichen sind." if formal else
                "Was du schon bezahlt hast, bekommst du wie vereinbart; alles Übrige schicke ich dir, wenn das Projekt fertig ist und die offenen Rechnungen beglichen sind.") in text, text


def test_round38_3_du_notice_to_a_date_asks_no_confirmation_of_that_date() -> None:
    """r38a W3, r38b W5: the du notice „zum 31. Dezember 2026 – falls …“
    qualifies the date, so the confirmation must not ask the client to confirm
    „dass unser Vertrag zum 31. Dezember 2026 endet“; and a period does not
    „run longer“: „falls die Kündigungsfrist das nicht zulässt“."""
    for reason in REASONS["client"]:
        for explain in (True, False):
            for record in (RICH_CLIENT, {"end_date": "2026-12-31"},
                           {"end_date": "2026-12-31", "amount_due": "1234.5", "currency": "CHF"}):
                body = flat(letter(reason, record, False, explain).markdown)
                assert " – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin." in body
                assert "länger läuft" not in body, (reason, explain)
                assert "dass unser Vertrag zum" not in body, (reason, explain)
                # round 40 (r39a W4, r39b F11): no „ob es beim … bleibt“ either (it invites a negotiation)
                # round 45 (r44a I3): „und es beim 31. Dezember 2026 bleibt“ confirms, asks nothing open
                assert "ob es beim" not in body and du_confirmation("31. Dezember 2026") in body, (reason, explain)


def neutral_handover(formal: bool, project: bool) -> str:
    """The one neutral handover (round 38 item 4, round 40 item 1): formal „wie vertraglich
    vereinbart“, du „wie im Vertrag vereinbart“ without a dash insertion, no firm date."""
    # round 44 (RULE44 N3; r43a I4/I17, r43b I2/I3/I4): on the contract's terms, one „vereinbart“ fewer
    if formal:
        # round 58 (r59b F10): a project with a date „Alle … dann gemäß unserem Vertrag.“, without one
        # „Mit dem Projektabschluss übergebe ich Ihnen alle … gemäß unserem Vertrag.“
        return ("gemäß unserem Vertrag." if project else
                "Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum Vertragsende. Von noch nicht abgeschlossenen Arbeiten erhalten Sie den zuletzt erreichten Stand.")  # round 47 (r46a I1, r46b I4)
    # round 45 (r44a I1, r44b I5): not „bei allem … schicke ich dir den Stand zum Vertragsende“
    return ("Alle Ergebnisse bekommst du dann so, wie es im Vertrag steht." if project else
            "Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum Vertragsende. Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand. Deine eigenen Unterlagen und Daten ")
    # round 47 (r46a I2, r46b I5): with an end date they come back „bis dahin“, without one „spätestens
    # zum Vertragsende“ (test_d4)


@pytest.mark.parametrize("formal", [True, False])
def test_round38_4_the_neutral_handover_follows_the_delivery_and_payment_terms(formal: bool) -> None:
    """r38a W4, r38b W4 (A18): the one neutral handover — every client
    letter without its reason, and the reasons sharing it — promises no
    handover of everything by a date; every reason still gives the SAME
    no-explain letter. Round 40 (r39a W1/I5, r39b F1/F2, replacing round
    38's „gemäß den Liefer- und Zahlungsbedingungen“): „wie vertraglich
    vereinbart“ (du: „wie im Vertrag vereinbart“), no dash insertion in
    the du letter, and still no firm date for the results."""
    for record in ({}, RICH_CLIENT, {"end_date": "2026-12-31"}, PROJECT, RICH_PROJECT):
        project = "contract" in record
        terms = neutral_handover(formal, project)
        quiet = set()
        for reason in REASONS["client"]:
            for explain in (True, False):
                if reason == "nonpayment":
                    continue
                text = ending(reason, record, formal, explain)
                assert terms in text, (reason, explain, record, text)
                assert "Liefer" not in text and "Zahlungsbedingungen in unserem Vertrag" not in text, text
                handover = next(s for s in re.split(r"(?<=[.!?;])\s+(?=[A-Za-zÄÖÜäöü])", text.replace("\n\n", " "))
                                if "Arbeitsergebnisse übergebe" in s or "Ihnen alle Arbeitsergebnisse" in s or "bekommst du, wie im Vertrag" in s
                                or "Ergebnisse bekommst du" in s)
                # r38: no firm date for the results; round 56 item 7 (r56b W2, replacing r38 in the
                # neutral Sie handover): the results „spätestens zum Vertragsende“
                # round 57 item 3 (r58a F10, r58b F4): the du results „spätestens zum Vertragsende“ too
                assert "spätestens" not in handover or handover.endswith(
                    "gemäß unserem Vertrag spätestens zum Vertragsende." if formal
                    else "wie im Vertrag festgelegt, spätestens zum Vertragsende."), handover
                assert formal or " – " not in handover, handover
                if not explain:
                    quiet.add(flat(letter(reason, record, formal, explain).markdown))
        assert len(quiet) == 1, (record, quiet)



# Letter round 40 (reviews r39a-de, r39b-de), the last German round; each fails on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_round40_1_the_neutral_handover_has_no_goods_trade_terms_and_the_du_one_no_dash(formal: bool) -> None:
    """Round 40 item 1 (r39a W1/I5, r39b F1/F2): no „Liefer- und
    Zahlungsbedingungen“; the du handover in du words, no dash insertion, no
    second sentence opening with „Bis …“; a project's „wie im Vertrag
    vereinbart“; formal „wie vertraglich vereinbart“, still no firm date for
    the results (round 38). Every reason's no-explain letter stays identical."""
    for record in ({}, RICH_CLIENT, {"end_date": "2026-12-31"}, PROJECT, RICH_PROJECT):
        project = "contract" in record
        want = neutral_handover(formal, project)
        quiet = set()
        for reason in REASONS["client"]:
            for explain in (True, False):
                body = flat(letter(reason, record, formal, explain).markdown)
                assert "Liefer" not in body, (reason, explain, record)
                if reason == "nonpayment":
                    continue
                text = ending(reason, record, formal, explain)
                assert want in text, (reason, explain, record, text)
                if not formal:
                    work = text.split("\n\n")[0]
                    # round 54 item 2 (r54a I3, r54b 1): the one dash before „spätestens aber“
                    # round 56 item 7: no dash in the du handover at all
                    assert " – " not in work, work
                    assert len(re.findall(r"(?:^|[.;] )Bis ", work)) <= 1, work
                if not explain:
                    quiet.add(body)
        assert len(quiet) == 1, (record, quiet)


@pytest.mark.parametrize("formal", [True, False])
def test_round40_2_nonpayment_returns_the_clients_documents_by_the_end(formal: bool) -> None:
    """Round 40 item 2 (r39a W3, r39b F7): the retainer nonpayment letter
    returns the client's own documents „unabhängig davon spätestens zum
    Vertragsende“ — no open-ended return that reads like leverage."""
    back = ("Ihre eigenen Unterlagen und Daten erhalten Sie unabhängig davon spätestens zum Vertragsende zurück."
            if formal else
            "Deine eigenen Unterlagen und Daten gebe ich dir unabhängig davon spätestens zum Vertragsende zurück.")
    for record in ({}, RICH_CLIENT, {"amount_due": "980", "currency": "USD", "pay_by": "2026-12-22"}):
        text = ending("nonpayment", record, formal)
        assert back in text, (record, text)
        assert "unabhängig davon zurück" not in text, text


@pytest.mark.parametrize("explain", [True, False])
def test_round40_3_du_confirmation_asks_for_the_end_date_without_inviting_a_negotiation(explain: bool) -> None:
    """Round 40 item 3 (r39a W4, I6; r39b F11): plain and rich du letters
    alike ask „Bestätige mir bitte kurz, dass die Kündigung angekommen ist, und
    auch das Enddatum – damit wir beide vom selben Termin ausgehen.“ — no
    „ob es … bleibt“, no „zu welchem Datum“."""
    # round 41 (r40a W2/I2, r40b I1): replaced by test_round41_2 (the date named, or asked for)
    for reason in REASONS["client"]:
        for record in ({}, RICH_CLIENT, {"end_date": "2026-12-31", "amount_due": "1234.5", "currency": "CHF"}):
            body = flat(letter(reason, record, False, explain).markdown)
            assert du_confirmation(bool(record) and "31. Dezember 2026") in body, (reason, record)
            assert "ob es" not in body and ("Enddatum" not in body or not record), (reason, record)  # round 58 item 1


@pytest.mark.parametrize("formal", [True, False])
def test_round40_4_third_party_says_no_and_names_the_person_once(formal: bool) -> None:
    """Round 40 item 4 (r39b F3/F4, r39a I1): the third-party letter says no
    before its rule; one „Person“ at most, never „die betreffende Person
    sich“; the work is not stated as a fact („tätig werde“)."""
    for record in ({}, {"request": "Relaunch der Firmenwebsite"}):
        made = draft("third-party", {"name": "Kim Mayer", "formal": formal, **record}, lang="de", today=TODAY)
        refusal, body = flat(made.parts["refusal"]), flat(made.markdown)
        assert refusal.startswith("In dieser Form kann ich den Auftrag leider nicht übernehmen:" if formal
                                  else "Den Auftrag kann ich so leider nicht annehmen:"), refusal
        # round 45 (r44a I8 = r44b I9): the Sie offer names „die betreffende Person“ who is to write;
        # round 46 (r45a W2, r45b I2): the du offer „die Person“
        assert body.count("Person") <= 2, body
        assert "tätig werde," not in body and "Wenn die" not in body, body
        assert ("Geben Sie meine Kontaktdaten aber gern weiter" if formal
                else "Gib meine Kontaktdaten aber gern weiter") in body, body


@pytest.mark.parametrize("formal", [True, False])
def test_round40_5_nonpayment_reason_is_one_fact_and_not_repeated(formal: bool) -> None:
    """Round 40 item 5 (r39b F6): the nonpayment reason is one fact, not an
    either/or; the sentences after it do not repeat its „fristgerecht“ /
    „rechtzeitig“."""
    for record in ({}, RICH_CLIENT, PROJECT, RICH_PROJECT):
        made = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record},
                     lang="de", today=TODAY)
        # round 41 (r40a I5, r40b I3): no second „fristgerecht“ after the notice's (nor „pünktlich“,
        # which the ending's condition says)
        assert flat(made.parts["reason"]) == (
            # r41b W3 (r41a I2): not „beglichen“ (settled) beside the overdue amount, no „erst verspätet“
            "Zuletzt wurden meine Rechnungen nicht pünktlich bezahlt." if formal
            else "Zuletzt kam das Geld für meine Rechnungen leider nicht pünktlich."), record
        assert " oder " not in flat(made.parts["reason"])
        # round 45 (M1, the brief's „Geht der Betrag nicht fristgerecht ein“; du „nicht rechtzeitig“):
        # the word comes back once, only in the pause that refers to the payment date, never without one
        word = "Geht der Betrag nicht bis zum" if formal else "Kommt das Geld nicht bis zum"  # session 11: the date by name
        assert flat(made.parts["ending"]).count(word) == ("amount_due" in record), record


@pytest.mark.parametrize("formal", [True, False])
def test_round40_project_nonpayment_completes_as_agreed_and_rests_while_unpaid(formal: bool) -> None:
    """Round 40 (r39b F8): a project with nonpayment stated is completed as
    agreed; while the overdue amount is unpaid the work rests and the date
    moves; the client's own documents come back by the agreed completion.
    r39b F10: only this project letter asks for a confirmation."""
    text = ending("nonpayment", RICH_PROJECT, formal)
    # round 44 (RULE44 N2): the pause tied to the letter's deadline; round 45 (M1; r44a I4, I5, r44b I1,
    # I2): it refers back to the payment paragraph's date, with no contract hedge and no „auf Eis“
    assert ("Das Projekt schließe ich wie vereinbart bis zum 29. Januar 2027 ab. Geht der Betrag nicht bis zum "
            "15. Dezember 2026 ein, ruhen die Arbeiten bis zum Zahlungseingang; der Abschlusstermin verschiebt sich "
            "dann entsprechend." if formal else
            "Das Projekt bringe ich wie vereinbart bis zum 29. Januar 2027 zu Ende. Kommt das Geld nicht "
            "bis zum 15. Dezember 2026 an, pausiere ich die Arbeit, bis es da ist. Der Termin verschiebt sich "
            "dann entsprechend.") in text, text
    # round 41 (r40a W1, r40b W1): the documents came back with the completion; round 46 (r45b W1)
    # tied them to the originally agreed date; round 47 (r46a W1, r46b W2) back to the completion
    assert own_documents(formal, True) in text and "vorausgesetzt" not in text, text
    assert "zu diesem Zeitpunkt" not in text
    for explain in (True, False):
        assert "bestätig" not in ending("capacity", RICH_PROJECT, formal, explain).lower()


def du_confirmation(date: str | bool) -> str:
    """Round 41 item 2 (r40a W2/I2, r40b I1), then r41a W2 / r41b W4 (both): a
    dated du letter gives its date „– oder, falls die Kündigungsfrist das nicht
    zulässt, zum nächstmöglichen Termin“, so it too asks for the date the notice
    leads to and never has the client confirm its own date as fact; r41a I9: no
    explanation after a dash. Round 44 (r43a I1, r43b I1, both; replacing r41's one
    sentence): a dated letter does not ask for the date it has just given; it asks to
    confirm the end, as the Sie letter does. Round 45 (r44a I2, I3; taken over r44b I6):
    one request in everyday words; undated: until when the contract runs, dated: that
    the date it names stands. Round 49 (r48a W1, r48b F1, both): the notice leaves its
    date open („– oder, falls …“), so a dated letter asks for the resulting date."""
    if date:
        return "Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das Vertragsende."
    return "Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das Enddatum, das sich aus unserer Kündigungsfrist ergibt."


@pytest.mark.parametrize("formal", [True, False])
def test_round41_1_project_nonpayment_returns_documents_with_the_completion(formal: bool) -> None:
    """Round 41 item 1 (r40a W1, r40b W1): the work rests while the money is
    late and the completion moves, so the client's own documents came back
    with the completion (earlier on request). Round 46 (r45b W1) replaced it
    with the originally agreed date; round 47 (r46a W1, r46b W2, both)
    returns to the completion: a fixed date could fall before the moved
    completion (see test_round47_1)."""
    for record in (PROJECT, RICH_PROJECT, {**RICH_PROJECT, "amount_due": "980", "currency": "USD"}):
        text = ending("nonpayment", record, formal)
        assert own_documents(formal, "end_date" in record) in text, (record, text)
        assert text.count("Unterlagen") == 1, text


@pytest.mark.parametrize("explain", [True, False])
def test_round41_2_du_confirmation_names_or_asks_for_the_end(explain: bool) -> None:
    """Round 41 item 2: undated du letters ask to which date the contract
    ends; dated ones name the record's date; never „das Enddatum“."""
    for reason in REASONS["client"]:
        for record, date in (({}, False), ({"amount_due": "980", "currency": "USD", "pay_by": "2026-12-22"}, False),
                             ({"end_date": "2027-03-31"}, "31. März 2027"),
                             ({"end_date": "2027-03-31", "notice": True}, "31. März 2027")):
            last = ending(reason, record, False, explain).split("\n\n")[-1]
            assert last == du_confirmation(date), (reason, record, last)
        # the Sie letter keeps its own request
        assert ending(reason, {}, True, explain).split("\n\n")[-1].startswith("Bitte bestätigen Sie")


@pytest.mark.parametrize("formal", [True, False])
def test_r41_no_explain_letters_carry_no_payment_line_of_their_own(formal: bool) -> None:
    """r41a W1 / r41b W1 (both; replacing round 41 item 3, r40b W3): a sentence
    reserving the invoices already due, in the no-explain letter only, hinted at
    money to a client who always paid. Every no-explain termination is the same
    for every reason, with or without an amount or house-style days, and says
    nothing about invoices beyond the final one and any amount given.
    Round 64 (r63a W3, the integrator's decision): except nonpayment, whose
    --no-explain drops the reason sentence only; its letter keeps the
    request to pay what is already due, with the reason-given letter's date."""
    for style in (None, Style(payment_days=30)):
        for record in ({}, {"amount_due": "1234.5", "currency": "EUR"}, RICH_CLIENT):
            letters = set()
            for reason in REASONS["client"]:
                text = ending(reason, record, formal, False, style)
                if reason == "nonpayment":
                    assert text == ending(reason, record, formal, True, style), (record, text)
                    assert "unberührt" in text if formal else "Kündigung" in text, (record, text)
                    continue
                assert "Bereits fällige" not in text and "unberührt" not in text, (reason, record, text)
                letters.add(text)
            assert len(letters) == 1, (record, letters)
            assert "Bereits fällige" not in ending("capacity", {**record, **PROJECT}, formal, False, style)


def test_round41_4_boundaries_du_prospect_in_du_words() -> None:
    """Round 41 item 4 (r40b W2): the du prospect hears the boundaries in du
    words, „Umfang“ once."""
    for record in ({}, RICH):
        reason = flat(draft("boundaries", {"name": "Kim Mayer", "formal": False, **record}, lang="de").parts["reason"])
        assert reason == ("Ich arbeite zu festen Zeiten und nur in einem Umfang, der vorher klar abgesprochen ist. "
                          "Was du dir an Erreichbarkeit und Aufwand vorstellst, geht darüber hinaus."), reason
        assert reason.count("Umfang") == 1 and "Vorstellungen" not in reason


def test_round41_capacity_du_prospect_has_no_gerade() -> None:
    """Round 41 (r40a I10, r40b I2): „gerade“ contradicts the time span; round 50:
    „auf absehbare Zeit“, not „auf längere Zeit“."""
    reason = flat(draft("capacity", {"name": "Kim Mayer", "formal": False}, lang="de").parts["reason"])
    # round 54 item 10 (r54b 8): the reason follows the refusal's dash
    assert reason.startswith("Ich bin auf absehbare Zeit komplett ausgebucht"), reason


# Letter round 44 (RULE44 N1–N3; reviews r43a-de, r43b-de); each fails on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_round44_1_nonpayment_work_goes_on_and_pauses_only_after_the_letters_deadline(formal: bool) -> None:
    """RULE44 N1 (r43a W1, r43b I7): a retainer's work goes on until the end
    with no condition on future invoices („sofern meine Rechnungen pünktlich
    bezahlt werden“ had already failed, by the letter's own reason); then, if
    the overdue amount is not paid by the letter's own deadline (pay_by, the
    house style's days, else 14 days), the work rests — as far as the contract
    allows — until payment. Never „continue“ and „pause“ in one sentence.
    N2: a project is completed as agreed first; the same pause moves the date."""
    style = Style(payment_days=10)
    cases = ((RICH_CLIENT, None, "22. Dezember 2026", True), ({}, None, "15. Dezember 2026", False),
             ({"amount_due": "980", "currency": "USD"}, style, "11. Dezember 2026", True),
             ({"end_date": "2026-12-31"}, None, "15. Dezember 2026", False))
    for record, house, date, amount in cases:
        text = ending("nonpayment", record, formal, style=house)
        # round 45 (M1): the payment paragraph first, with the letter's own deadline
        pay, work = text.split("\n\n")[:2]
        # session 11: the pause names the date again; nothing else in the work paragraph does
        assert f"bis zum {date}" in pay and date not in work.replace(de_pause(formal, date), ""), (record, text)
        if formal:
            goes_on = ("Bis zum Vertragsende" if "end_date" in record else "Bis zum Ende der Kündigungsfrist") + \
                " führe ich die laufenden Arbeiten im vereinbarten Umfang fort."
            pause = de_pause(True, date) + "."
        else:
            goes_on = ("Bis unser Vertrag endet," if "end_date" in record else "Bis die Kündigungsfrist um ist,") + \
                " arbeite ich im vereinbarten Umfang an den laufenden Aufgaben weiter."
            pause = de_pause(False, date) + "."
        # round 45 (M2): the pause only with an amount
        if amount:
            assert work == f"{goes_on} {pause}", (record, work)
        else:
            assert work.startswith(goes_on + " ") and "ruhen" not in text and "pausiere" not in text, (record, work)
        for hedge in ("pünktlich", "sofern", "vorausgesetzt", "fristgerecht bezahlt", "weitere Rechnungen"):
            assert hedge not in work, (record, hedge)
    project = ending("nonpayment", RICH_PROJECT, formal)
    completed = ("Das Projekt schließe ich wie vereinbart bis zum 29. Januar 2027 ab. " if formal else
                 "Das Projekt bringe ich wie vereinbart bis zum 29. Januar 2027 zu Ende. ")
    rests = de_pause(formal, "15. Dezember 2026") + ("; der Abschlusstermin verschiebt sich dann entsprechend."
                                                      if formal else ". Der Termin verschiebt sich dann entsprechend.")
    assert completed + rests in project, project


@pytest.mark.parametrize("formal", [True, False])
def test_round44_2_the_neutral_ending_ties_work_and_handover_to_the_contract_without_a_word_on_payment(
        formal: bool) -> None:
    """RULE44 N3 (r43a W2): a letter sent without its reason promises neither
    work nor delivery unconditionally: both on the contract's terms — and says
    nothing about late or missing payment (that would hint at the reason);
    still the same letter for every reason. r43a I17: no third „vereinbart“."""
    if formal:
        terms = ("führe ich die laufenden Arbeiten zu den vereinbarten Bedingungen fort. Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum Vertragsende. Von noch nicht abgeschlossenen Arbeiten erhalten Sie den zuletzt erreichten Stand.")  # round 47 (r46a I1, r46b I4)
        project_terms = "gemäß unserem Vertrag."  # round 58 (r59b F10): with or without „dann“
    else:
        terms = ("arbeite ich wie vereinbart an den laufenden Aufgaben weiter. Alles, was bis "  # round 47 (r46a I3)
                 "dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum Vertragsende. Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand.")
        project_terms = "Alle Ergebnisse bekommst du dann so, wie es im Vertrag steht."
    for record in ({}, RICH_CLIENT, PROJECT, RICH_PROJECT):
        want = project_terms if "contract" in record else terms
        quiet = set()
        for reason in REASONS["client"]:
            if reason == "nonpayment":  # round 64 (r63a W3): --no-explain keeps the payment request
                continue
            text = ending(reason, record, formal, explain=False)
            assert want in text, (reason, record, text)
            assert "im vereinbarten Umfang" not in text and "wie vertraglich vereinbart" not in text, text
            for money in ("bezahlt", "beglichen", "Zahlungseingang", "überfällig", "pünktlich", "ruhen", "auf Eis"):
                assert money not in text, (reason, record, money)
            quiet.add(flat(letter(reason, record, formal, explain=False).markdown))
        assert len(quiet) == 1, (record, quiet)


def test_round44_3_third_party_du_names_the_person_the_work_is_for() -> None:
    """r43b W1: „Ich arbeite nur für Leute, die sich selbst bei mir melden“
    — but the writer did contact me herself; the rule is about the person
    the work is for."""
    for record in ({}, {"request": "Relaunch der Firmenwebsite"}):
        body = flat(draft("third-party", {"name": "Kim Mayer", "formal": False, **record}, lang="de").markdown)
        assert ("Den Auftrag kann ich so leider nicht annehmen: Ich arbeite nur direkt mit der Person, um die es "
                "geht, und bespreche Ziele und Rahmen immer mit ihr selbst.") in body, body
        assert "Leute" not in body and "sich selbst bei mir melden" not in body


@pytest.mark.parametrize("rel", ["prospect", "client"])
def test_round44_4_emergencies_du_sets_a_boundary_and_concedes_nothing(rel: str) -> None:
    """r43b W2 = r43a I8: not „wie es zuletzt nötig war“ (it concedes that the
    emergencies were real) nor „schaffe ich nicht“ (a limit that invites
    „then we'll ask less often“)."""
    for record in ({}, RICH_CLIENT if rel == "client" else {"request": "Relaunch der Firmenwebsite"}):
        body = flat(draft("emergencies", {"name": "Kim Mayer", "formal": False, "relationship": rel, **record},
                          lang="de", today=TODAY).markdown)
        # round 56 (r56b I9, replacing r43b W2 for the prospect): „schaffe ich nicht“
        assert ("schaffe ich nicht" not in body or rel == "prospect") and "nötig war" not in body, body
        if rel == "client":
            # round 45 (r44a I16 = r44b I10): not „einspringen“ (standing in for someone)
            assert ("Meine Arbeit plane ich mit längerem Vorlauf, und so oft kurzfristig einzuspringen wie zuletzt, schaffe ich auf Dauer nicht.") in body, body


def test_round44_5_capacity_du_project_reason_has_its_verb_and_no_einfach() -> None:
    """r43b W3: „wie ich es gern würde“ lacks its infinitive; „einfach“
    sounds dismissive."""
    body = flat(letter("capacity", {"contract": "project", "request": "Relaunch der Firmenwebsite",
                                    "end_date": "2027-01-29"}, False).markdown)
    assert ("Mir fehlt künftig die Zeit, mich so um deine Themen zu kümmern, wie ich es gern tun würde.") in body
    assert "einfach" not in body and "gern würde" not in body


# Letter round 45 (RULE45 M1, M2; reviews r44a-de, r44b-de); each fails on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_round45_1_nonpayment_asks_for_the_money_before_it_pauses_and_only_with_an_amount(formal: bool) -> None:
    """M1 (r44a W1 = r44b W1): the payment paragraph (what is overdue, by when,
    the claim stays) comes first; then the work until the end, and the pause
    refers back to the payment date without repeating it. r44a I4: no „soweit
    unser Vertrag das zulässt“ (the right to withhold comes from the law); r44a
    I5, r44b I1: no „auf Eis“, no bare „nicht bei mir“. M2 (r44a W3): without an
    amount, no pause: all invoices still open by the date, claims kept. r44b I2:
    a project announces its final invoice after the completion and handover."""
    usd = {"amount_due": "980", "currency": "USD", "pay_by": "2026-12-22"}
    for record, date in ((RICH_CLIENT, "22. Dezember 2026"), (usd, "22. Dezember 2026"),
                         (RICH_PROJECT, "15. Dezember 2026")):
        text = ending("nonpayment", record, formal)
        paras = text.split("\n\n")
        assert re.search(r"\d,\d\d (€|USD)", paras[0]) and f"bis zum {date}" in paras[0], (record, text)
        # session 11: the pause names the date again (r61a/b-de W1)
        assert text.count(date) == 2 and de_pause(formal, date) in paras[1], (record, text)
        assert text.index("Bis" if "contract" not in record else "Das Projekt") > text.index(date), text
        for wrong in ("soweit unser Vertrag", "auf Eis", "nicht bei mir,", "überfällige Betrag"):
            assert wrong not in text, (record, wrong)
        # round 46 (r45a I9, r45b I7; replacing r44b I2): a project's final invoice too in the payment
        # paragraph, see test_round46_4
        assert "Schlussrechnung" in paras[0], text
    for record in ({}, {"end_date": "2026-12-31"}, {"access": True}):
        text = ending("nonpayment", record, formal)
        # round 46 (r45a W1): the invoices already due, not all open ones (test_round46_1)
        assert text.split("\n\n")[0].startswith(
            "Bitte gleichen Sie alle bereits fälligen Rechnungen bis zum 15. Dezember 2026 aus; meine Ansprüche "
            "daraus bleiben von dieser Kündigung unberührt." if formal else
            "Bitte überweise alle schon fälligen Beträge bis zum 15. Dezember 2026 – daran ändert die Kündigung "
            "nichts."), (record, text)
        assert "ruhen" not in text and "pausiere" not in text and text.count("15. Dezember") == 1, (record, text)
    project = ending("nonpayment", PROJECT, formal)
    assert project.startswith("Bitte gleichen Sie alle bereits fälligen Rechnungen bis zum 15. Dezember 2026 aus. "
                              if formal else "Bitte überweise alle schon fälligen Beträge bis zum 15. Dezember "
                              "2026. "), project
    assert "ruhen" not in project and "pausiere" not in project and "verschiebt" not in project, project


def test_round45_2_du_nonpayment_hands_over_the_rest_with_its_state_between_dashes() -> None:
    """r44a W2: „… bekommst du, sobald …, bei unfertigen Aufgaben mit dem
    aktuellen Stand“ read as getting everything else together with the state.
    r44a I6 = r44b I7: logins deleted by the end of the contract at the latest."""
    for record in ({}, RICH_CLIENT, {"amount_due": "980", "currency": "USD"}):
        text = flat(ending("nonpayment", record, False))
        assert ("Alles Übrige, bei unfertigen Aufgaben den aktuellen Stand, schicke ich dir, sobald die fälligen "
                "Rechnungen beglichen sind.") in text, (record, text)  # round 58 item 3
        assert "mit dem aktuellen Stand" not in text and "Ende unserer Zusammenarbeit" not in text, text
    assert "lösche ich dann ebenfalls." in flat(ending("nonpayment", RICH_CLIENT, False))
    assert "lösche ich spätestens zum Vertragsende." in flat(ending("nonpayment", RICH_CLIENT, True))


@pytest.mark.parametrize("explain", [True, False])
def test_round45_4_du_confirmation_asks_until_when_or_that_the_named_date_stands(explain: bool) -> None:
    """r44a I2 (taken over r44b I6): the undated du letter does not ask the
    client for „my own“ end date („zu welchem Datum unser Vertrag damit
    endet“) but until when it runs; r44a I3: the dated one makes one request,
    not „Gib mir … Bescheid …, und bestätige mir das Vertragsende“, and names
    the record's date. Round 49 (r48a W1, r48b F1): the dated one asks for the date the
    notice leads to (its date is given „– oder, falls …“), not to confirm it."""
    dated = ", und bestätige mir das Vertragsende."
    for reason in REASONS["client"]:
        # round 56 item 3 (r56a I1, r56b I2): the undated letter asks to confirm the date, too
        for record, want in (({}, "bestätige mir das Enddatum, das sich aus unserer Kündigungsfrist ergibt."),  # round 58 item 1
                             ({"end_date": "2026-12-31"}, dated),
                             (RICH_CLIENT, dated),
                             ({"end_date": "2027-01-31", "notice": True}, dated)):
            last = ending(reason, record, False, explain).split("\n\n")[-1]
            # round 54 item 10 (r54b 2): the dated letter asks to confirm the end it names
            assert last == (f"Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist{want}" if want == dated
                            else f"Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und {want}"), \
                (reason, record, last)
            assert ("bestätige" if want == dated else "bestätige mir das Enddatum") in last, last  # round 58 item 1


# Letter round 46 (reviews r45a-de, r45b-de; /work/wt/ROUND46-de.md); each fails on main before it.

@pytest.mark.parametrize("formal", [True, False])
def test_round46_1_nonpayment_without_an_amount_asks_only_for_invoices_already_due(formal: bool) -> None:
    """r45a W1: „alle noch offenen Rechnungen“ by a short date includes invoices
    still within their payment term, which the writer cannot shorten (and the du
    letter called them all „fällig“). Without an amount the letter asks for the
    invoices already due; du „– daran ändert die Kündigung nichts“."""
    ask = ("Bitte gleichen Sie alle bereits fälligen Rechnungen bis zum 15. Dezember 2026 aus" if formal else
           "Bitte überweise alle schon fälligen Beträge bis zum 15. Dezember 2026")
    for record in ({}, {"end_date": "2026-12-31"}, {"access": True}, PROJECT, {**PROJECT, "end_date": "2027-01-29"}):
        text = flat(ending("nonpayment", record, formal))
        assert ask in text, (record, text)
        assert "noch offen" not in text and "alle offenen" not in text, (record, text)
        if "contract" not in record:
            assert (ask + "; meine Ansprüche daraus bleiben von dieser Kündigung unberührt." if formal else
                    ask + " – daran ändert die Kündigung nichts.") in text, (record, text)
            assert "sie bleiben unabhängig von der Kündigung fällig" not in text
    # with an amount the amount itself is asked for, as before
    owed = flat(ending("nonpayment", RICH_CLIENT, formal))
    assert "fälligen Rechnungen bis" not in owed and "1.234,50 €" in owed, owed


@pytest.mark.parametrize("formal", [True, False])
def test_round47_1_project_nonpayment_returns_own_documents_with_the_completion_without_a_date(
        formal: bool) -> None:
    """Round 47 item 1 (r46a W1 + r46b W2, both; reverting round 46's r45b W1,
    whose test this replaces): the pause moves the completion, so a fixed date
    for the client's own documents („spätestens am 29. Januar 2027“) could
    fall before the work that needs them is done. They come back regardless
    of payment at the latest with the completion, on request any time
    earlier — no date, with or without end_date; r46a I9: the results
    „sobald“ (not „sofern“) the invoices due by then are paid."""
    back = ("Ihre eigenen Unterlagen und Daten erhalten Sie unabhängig davon auf Wunsch jederzeit zurück, "
            "spätestens mit dem Projektabschluss." if formal else  # round 66 (r65b-de W1): a pause moves the
            # completion, so only „auf Wunsch jederzeit“ makes the return independent of payment
            # (session 11, r59b-de F2, had dropped a „jederzeit früher“ beside the completion)
            "Deine eigenen Unterlagen und Daten bekommst du unabhängig davon auf Wunsch jederzeit zurück, spätestens zum Projektende.")
    for record in (RICH_PROJECT, {"contract": "project", "end_date": "2027-01-29"}, PROJECT,
                   {**PROJECT, "amount_due": "500", "currency": "EUR"}):
        text = flat(ending("nonpayment", record, formal))
        assert back in text, (record, text)
        documents = next(one for one in re.split(r"(?<=\.) ", text) if "Unterlagen" in one)
        assert "2027" not in documents and "ursprünglich" not in documents, documents
        if formal:
            # round 48 (r47a 2, r47b I4): „Sobald das Projekt abgeschlossen ist und alle bis dahin …“
            assert "nach dem Projektabschluss, sobald sämtliche bis dahin fälligen Rechnungen beglichen sind" \
                in text and "sofern" not in text, text


@pytest.mark.parametrize("formal", [True, False])
def test_round48_1_a_notice_period_end_keeps_the_fallback_in_the_du_letter(formal: bool) -> None:
    """Round 48 item 1 (r47a 1, r47b W2, both; reverting round 47 item 2,
    whose test this replaces): an end date computed from the record's
    notice_period gets the fallback like every dated du termination — the
    letter may arrive late, the period in the record may be wrong — and no
    „fristgerecht“ in a du letter. The formal „hilfsweise …“ stays."""
    period = {"notice_period": "1 month to the end of the month"}
    for reason in ("capacity", "nonpayment", "disrespect"):
        for explain in (True, False):
            given = flat(letter(reason, period, formal, explain).parts["refusal"])
            typed = flat(letter(reason, {"end_date": "2027-01-31", "notice": True}, formal,
                                explain).parts["refusal"])
            sure = ("Hiermit kündige ich unseren Vertrag fristgerecht zum 31. Januar 2027, hilfsweise zum "
                    "nächstmöglichen Zeitpunkt." if formal else
                    "Ich kündige unseren Vertrag zum 31. Januar 2027 – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin.")
            assert given.startswith(sure) and typed.startswith(sure), (reason, explain, given, typed)
            if not formal:
                assert "fristgerecht" not in given, given


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round48_2_formal_project_nonpayment_hands_over_at_one_moment(request_: dict[str, str]) -> None:
    """Round 48 item 2 (r47a 2, r47b I4): „Mit dem Abschluss … sobald …“
    named two moments; one clause names both conditions."""
    for extra in ({}, {"end_date": "2027-01-29"}, {"amount_due": "500", "currency": "EUR"}):
        text = flat(ending("nonpayment", {**PROJECT, **request_, **extra}, True))
        assert "Bereits bezahlte Arbeitsergebnisse erhalten Sie wie vereinbart; alle übrigen nach dem Projektabschluss, sobald sämtliche bis dahin fälligen Rechnungen beglichen sind." in text, text  # round 57 (r58b F12)
        assert "Mit dem Abschluss" not in text, text


def test_round48_3_du_final_invoice_names_the_agreed_term() -> None:
    """Round 48 item 3 (r47a 3, r47b W3): a termination is a legal
    statement: the agreed payment term („vereinbarte“), never „übliche“,
    and no phrase tacked on after a comma."""
    final = "Die Schlussrechnung schicke ich dir separat. Dafür gilt die vereinbarte Zahlungsfrist."
    for reason in REASONS["client"]:
        for explain in (True, False):
            for record in ({}, PROJECT, {"notice_period": "1 month to the end of the month"}):
                body = flat(letter(reason, record, False, explain).markdown)
                assert "üblich" not in body, (reason, explain, record, body)
                if reason != "nonpayment":
                    assert final in body, (reason, explain, record, body)


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round48_4_every_no_explain_prospect_letter_wishes_alles_gute(request_: dict[str, str]) -> None:
    """Round 48 item 4 (r47a 8, r47b W1, both; replacing round 47 item 3's
    wish for „Ihr Vorhaben“ / „dein Projekt“, whose test this replaces): the
    project may be someone else's (third-party), so every prospect letter
    without the reason closes with the one wish that fits anyone. The du
    letter stays a du letter; all are identical across reasons."""
    for formal in (True, False):
        quiet = {flat(draft(reason, {"name": "Kim Mayer", "formal": formal, **request_}, lang="de",
                            explain=False, today=TODAY).markdown) for reason in REASONS["prospect"]}
        assert len(quiet) == 1, quiet
        (body,) = quiet
        # round 54 item 9 (r54a I13, r54b 14; replacing this test's round-48 wish): a wish tied to the plans
        if formal:
            # round 56 item 8 (r56a I9): „alles Gute“ only
            assert body.endswith("Diesen Auftrag kann ich leider nicht übernehmen. Ich wünsche Ihnen "
                                 "alles Gute. "
                                 "Mit freundlichen Grüßen"), body
        else:
            # round 64 (r63b I6, r63a I8): a full stop after the thanks, one „!“ (the wish's)
            assert ("danke, dass du an mich gedacht hast." if not request_ else
                    "danke, dass du beim Projekt „Relaunch der Firmenwebsite“ an mich gedacht hast.") in body, body
            assert body.endswith("Den Auftrag kann ich leider nicht übernehmen. "
                                 "Ich wünsche dir alles Gute! Viele Grüße"), body  # round 56 items 1, 8
            assert "dafür, dass du" not in body, body


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round46_3_third_party_offer_names_the_person_with_one_gern(request_: dict[str, str]) -> None:
    """r45a W2 + r45b I2 (du): no „sie oder er“ without a referent, one „gern“,
    and who talks to whom is clear; r45a I1 + r45b I1 (Sie): not „bespreche …
    mit ihr“ twice running, one „gern“. Round 47 (r46a I5, r46b I8): no
    „wir“ (the reader took it as „you and I“): I settle the rest directly
    with her (this brief replaces round 46's „no second ‚mit ihr.‘“).
    Round 48 (r47a 9, r47b I5): no second „direkt mit ihr“ after the
    reason's; the reader passes my details on, the person writes."""
    offers = {
        True: "Geben Sie meine Kontaktdaten aber gern weiter – ich freue mich, wenn sich die betreffende Person "
              "selbst bei mir meldet.",
        False: "Gib meine Kontaktdaten aber gern weiter – dann kann sich die Person einfach direkt bei mir melden.",  # round 50
    }
    for formal, offer in offers.items():
        made = draft("third-party", {"name": "Kim Mayer", "formal": formal, **request_}, lang="de", today=TODAY)
        body = flat(made.markdown)
        assert offer in body, body
        # round 58 (r59a I9): the du offer „sie oder er“ (not „die Person“ twice)
        assert body.count("gern") == 1 and "wir alles Weitere" not in body, body
        # round 59 (r60a I7, r60b I5, brief wording): the du offer says „direkt“ itself, after the reason's
        assert body.count("direkt") <= (1 if formal else 2), body


@pytest.mark.parametrize("formal", [True, False])
def test_round46_4_both_reviewers_wording(formal: bool) -> None:
    """r45a I8 + r45b I6: „Alle übrigen Arbeitsergebnisse“, no elliptical
    „Alle übrigen –“; r45a I9 + r45b I7: a nonpayment project's final invoice
    right after the request to pay; r45a I11 + r45b I12: „Nach Abschluss
    dieses Projekts …“, not „Über … hinaus … keine weiteren“; r45a I2 +
    r45b I14: the guarantee prospect in the first person."""
    if formal:
        assert "Alle übrigen Arbeitsergebnisse – bei noch nicht abgeschlossenen Arbeiten" in flat(
            ending("nonpayment", RICH_CLIENT, formal))
    money = flat(ending("nonpayment", RICH_PROJECT, formal).split("\n\n")[0])
    assert money.endswith(
        "Bitte überweisen Sie diesen Betrag bis zum 15. Dezember 2026. Meine Schlussrechnung erhalten Sie gesondert; "
        "es gelten die vereinbarten Zahlungsbedingungen." if formal else
        "Bitte überweise den Betrag bis zum 15. Dezember 2026. Für die Schlussrechnung, die ich dir separat "
        "schicke, gilt die vereinbarte Zahlungsfrist."), money
    assert ending("nonpayment", RICH_PROJECT, formal).count("Schlussrechnung") == 1
    you = "Sie" if formal else "dich"
    for record, project in (({"contract": "project", "request": "Relaunch der Firmenwebsite"}, "dieses Projekts"),
                            (PROJECT, "des laufenden Projekts")):
        body = flat(letter("capacity", record, formal, explain=False).markdown)
        assert f"Nach Abschluss {project} kann ich leider keine weiteren Aufträge für {you} übernehmen." in body
        assert "hinaus" not in body, body
    guarantee = flat(draft("guarantee", {"name": "Kim Mayer", "formal": formal}, lang="de",
                           today=TODAY).parts["reason"])
    assert guarantee.startswith(
        "Eine Garantie für ein bestimmtes Ergebnis kann ich nicht geben, denn" if formal else
        "Eine Garantie für ein bestimmtes Ergebnis kann ich dir nicht geben: Dafür"), guarantee
    assert "lässt sich nicht" not in guarantee


@pytest.mark.parametrize("explain", [True, False])
def test_round49_a_dated_du_notice_does_not_have_its_open_date_confirmed(explain: bool) -> None:
    """Round 49 (r48a W1, r48b F1, both): a du notice that gives its date „– oder, falls die
    Kündigungsfrist das nicht zulässt, …“ asks for the resulting date, never to confirm that
    date as certain."""
    for reason, rel in every_reason():
        if rel != "client":
            continue
        text = " ".join(draft(reason, {**RICH_CLIENT, "name": "Anna Schmidt", "relationship": "client",
                                       "formal": False}, lang="de", explain=explain, today=TODAY).markdown.split())
        if "falls die Kündigungsfrist das nicht zulässt" in text:
            # round 54 (r54b 2) asks to confirm the end, as the Sie letter with „hilfsweise“ does;
            # round 64 (r63b W1) brings this fallback wording back, so the request is checked again
            assert "und bestätige mir das Vertragsende." in text, (reason, text)
            assert "damit zum 31." not in text, (reason, text)


def test_round49_the_formal_emergencies_notice_does_not_refuse_what_the_notice_period_owes() -> None:
    """Round 49 (r48a W2): „kann ich nicht leisten“ would also refuse the work still owed
    until the contract ends; „auf Dauer“, as the du letter says."""
    for record in ({}, RICH_CLIENT):
        text = " ".join(draft("emergencies", {**record, "name": "Kim Mayer", "relationship": "client"}, lang="de",
                              today=TODAY)
                        .markdown.split())
        # round 54 item 10 (r54b 6): not „ständige“
        # round 57 item 4 (r58a F12, r58b F8)
        assert "So viele kurzfristige Einsätze wie zuletzt kann ich auf Dauer nicht leisten." in text, text


@pytest.mark.parametrize(("reason", "record", "formal", "explain", "before", "after"), [
    pytest.param("scope-creep", {"relationship": "prospect"}, False, True,
                 "Den Job kann ich leider nicht übernehmen.",
                 "Den Auftrag kann ich leider nicht übernehmen.", id="1-scope-creep-du-auftrag"),
    pytest.param("unresponsive", {"relationship": "prospect"}, True, True,
                 "dass wir das gemeinsam nicht gut umsetzen könnten.",
                 "und nach unseren bisherigen Gesprächen bin ich nicht sicher, ob uns das bei diesem Projekt "
                 "gelingt.", id="2-unresponsive-sie-gelingen"),  # round 59 (r60a W2, r60b I2)  # round 58 (r59a I12)  # round 56 item 5, round 57 (r58b F13)
    pytest.param("capacity", {"relationship": "prospect"}, False, True,
                 "auf längere Zeit komplett ausgebucht",
                 "Ich bin auf absehbare Zeit komplett ausgebucht", id="3-capacity-du-absehbare-zeit"),  # round 54
    pytest.param("third-party", {"relationship": "prospect"}, False, True,
                 "dann kann sie sich einfach bei mir melden",
                 "Gib meine Kontaktdaten aber gern weiter – dann kann sich die Person einfach direkt bei mir melden.",
                 id="4-third-party-du-die-person"),
    pytest.param("guarantee", {"relationship": "client"}, True, True,
                 "Zuletzt ging es zunehmend um Garantien",
                 "In letzter Zeit wurden zunehmend Garantien für bestimmte Ergebnisse erwartet. Solche Zusagen kann ich nicht geben, denn", id="5-guarantee-sie-client"),
    pytest.param("capacity", {**RICH_CLIENT, "relationship": "client"}, False, True,
                 "lösche ich nach der Übergabe.",
                 "Die Zugangsdaten, die du mir gegeben hast, lösche ich, sobald alles übergeben ist.",
                 id="6-du-rich-logins"),  # round 56 item 7: not „spätestens … Vertragsende“ twice
    pytest.param("micromanagement", {"relationship": "client"}, False, True,
                 "Für die Zukunft wünsche ich dir alles Gute.", "Alles Gute für dich!", id="7-du-closing-stated"),
    pytest.param("nonpayment", {"relationship": "client"}, False, False,
                 "Für die Zukunft wünsche ich dir alles Gute.", "Alles Gute für dich!", id="7-du-closing-no-explain"),
    pytest.param("nonpayment", {"relationship": "client"}, False, True,
                 "Alles Gute für dich!", "Ich wünsche dir alles Gute.", id="7-cooler-closing-kept"),
])
def test_round50_wording_the_reviewers_named_again_and_again(reason: str, record: dict[str, object], formal: bool,
                                                            explain: bool, before: str, after: str) -> None:
    """Round 50 (reviews r43–r50, nobody arguing the other way): 1. „Auftrag“, not
    „Job“; 2. „gelingen“, not „umsetzen“ (round 58, r59a I12: the prospect „gut umsetzen können“); 3. „auf absehbare Zeit“; 4. „die Person“,
    not „sie“ (read as „she“); 5. guarantees „erwartet“ and „nicht geben“; 6. the du
    logins deleted „sobald alles übergeben ist, spätestens zum Vertragsende“; 7. the
    du closing „Alles Gute für dich!“ (disrespect/nonpayment/fee-disputes keep
    their cooler „Ich wünsche dir alles Gute.“)."""
    body = flat(letter(reason, record, formal, explain=explain).markdown)
    assert after in body, body
    assert before not in body, body


R54_LINK = {"referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de"}],
            "resources": [{"title": "Leitfaden Website-Relaunch", "url": "https://example.org/relaunch"}]}


@pytest.mark.parametrize("formal", [True, False])
def test_round54_1_the_project_subject_with_a_request_names_the_completion_once(formal: bool) -> None:
    """Round 54 item 1 (r54a W1, r54b I15): „Abschluss und Ende unserer
    Zusammenarbeit“ read as the same thing twice; „Projektabschluss“, as the
    line without a request, in both registers (the du subject equals the Sie one)."""
    for reason in ("capacity", "nonpayment"):
        for explain in (True, False):
            subject = letter(reason, {"contract": "project", "request": "Relaunch Website"}, formal, explain).subject
            assert subject == "Relaunch Website: Projektabschluss und Ende unserer Zusammenarbeit", subject


@pytest.mark.parametrize(("reason", "record", "formal", "explain", "after"), [
    pytest.param("capacity", RICH_CLIENT, True, True,
                 "Die Zugangsdaten, die Sie mir überlassen haben, lösche ich nach der Übergabe.",
                 id="2-sie-logins"),  # round 56 item 7
    pytest.param("micromanagement", RICH_CLIENT, False, True,
                 "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück. Die Zugangsdaten, die du mir "
                 "gegeben hast, lösche ich, sobald alles übergeben ist.",
                 id="2-du-logins"),  # round 56 item 7
    pytest.param("emergencies", RICH_CLIENT, False, True,
                 "zum 31. Dezember 2026 – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin. Meine Arbeit plane ich mit längerem "
                 "Vorlauf, und so oft kurzfristig einzuspringen wie zuletzt, schaffe ich auf Dauer nicht.", id="3-emergencies"),
    pytest.param("out-of-scope", RICH_CLIENT, False, True,
                 "zum nächstmöglichen Termin. Was bei dir künftig ansteht, ist nicht mein Fachgebiet. Bis",
                 id="3-out-of-scope"),
    pytest.param("scope-creep", RICH_CLIENT, False, True,
                 "zu oft kurzfristig geändert. So kann ich nicht verlässlich planen.", id="3-scope-creep"),
    pytest.param("shifting-requirements", RICH_CLIENT, False, True,
                 "Ich brauche klare Ziele, an denen ich mich orientieren kann. Bei uns haben sich die Ziele aber immer "
                 "wieder verschoben.", id="3-shifting-requirements"),
    pytest.param("guarantee", {}, True, True,
                 "erwartet. Solche Zusagen kann ich nicht geben, denn", id="4-guarantee"),
    pytest.param("capacity", R54_LINK, True, True, "Weiterhelfen können Ihnen zum Beispiel: - Jonas Weber",
                 id="5-sie-link"),
    pytest.param("out-of-scope", R54_LINK, False, True, "Weiterhelfen können dir zum Beispiel: - Jonas Weber",
                 id="5-du-link"),
    pytest.param("capacity", {"resources": R54_LINK["resources"]}, True, True,
                 "Vielleicht helfen Ihnen diese Informationen weiter: - [Leitfaden", id="5-sie-links-only"),
    pytest.param("out-of-scope", {}, True, True,
                 "Die Aufgaben, die künftig bei Ihnen anstehen, liegen außerhalb meines Fachgebiets. Bis", id="6-sie-reason"),
    pytest.param("out-of-scope", {}, True, True,
                 "Wenn Sie möchten, nenne ich Ihnen gern Kolleginnen und Kollegen mit der passenden "
                 "Spezialisierung.", id="6-sie-offer"),
    pytest.param("out-of-scope", {}, False, True,
                 "Wenn du magst, nenne ich dir gern Kolleginnen und Kollegen, die sich auf diese Themen spezialisiert haben.",
                 id="6-du-offer"),
    pytest.param("capacity", {}, False, False,
                 "Die Schlussrechnung schicke ich dir separat. Dafür gilt die vereinbarte Zahlungsfrist.",
                 id="7-du-final-invoice"),
    pytest.param("capacity", {}, False, False,
                 "Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum Vertragsende. "
                 "Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand.",
                 id="7-du-handover"),  # round 56 item 7, round 57 item 3
    pytest.param("capacity", {}, True, True,
                 "Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum Vertragsende. Von noch nicht abgeschlossenen "
                 "Arbeiten erhalten Sie den zuletzt erreichten Stand.", id="8-sie-handover"),  # session 11: not „bis dahin“ 3×
])
def test_round54_both_reviewers_wording(reason: str, record: dict[str, object], formal: bool, explain: bool,
                                        after: str) -> None:
    """Round 54 items 2–8 (r54a + r54b): „spätestens jedoch/aber“ and no four-comma
    chain; no second dash beside the du notice's, which is „, sonst …“; „Zusagen“
    after „Garantien“; a list with a link under „Weiterhelfen können …“; the
    out-of-scope reason without „besser aufgehoben“, the specialists in the offer;
    no semicolons in the du ending; the Sie handover in two whole sentences."""
    body = flat(letter(reason, {**record, "relationship": "client"}, formal, explain).markdown)
    assert after in body, body
    assert "besser aufgehoben" not in body and "ständige" not in body, body
    if not formal:
        assert ";" not in body.split("Gib mir")[0], body
        assert body.count(" – ") <= 1 + ("Zugangsdaten" in body), body


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round54_9_the_no_explain_prospect_letter_wishes_for_the_plans(request_: dict[str, str]) -> None:
    """Round 54 item 9 (r54a I13, r54b 14): the Sie letter wishes „Für Ihr Vorhaben …“;
    the du letter says no in du words and wishes success „damit“; all identical across reasons."""
    for formal in (True, False):
        quiet = {flat(draft(reason, {"name": "Kim Mayer", "formal": formal, **request_}, lang="de",
                            explain=False, today=TODAY).markdown) for reason in REASONS["prospect"]}
        assert len(quiet) == 1, quiet
        (body,) = quiet
        # round 56 items 1, 8 (replacing round 54's „Diesmal …“ and „viel Erfolg“)
        assert ("Diesen Auftrag kann ich leider nicht übernehmen. Ich wünsche Ihnen alles Gute." if formal else
                "an mich gedacht hast. Den Auftrag kann ich leider nicht "  # round 64 (r63b I6)
                "übernehmen. Ich wünsche dir alles Gute!") in body, body


@pytest.mark.parametrize(("reason", "record", "formal", "after"), [
    pytest.param("micromanagement", RICH_CLIENT, False,
                 "Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das Vertragsende.",
                 id="b2-du-confirmation"),
    pytest.param("unresponsive", {"relationship": "client"}, False,
                 "Damit ich gut arbeiten kann, brauche ich Infos, Feedback und Unterlagen rechtzeitig.", id="a4"),
    pytest.param("capacity", {}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die für Ihr Vorhaben infrage kommen.", id="a8"),
    pytest.param("disrespect", {}, True, "Diesen Auftrag übernehme ich nicht.", id="a9"),
    pytest.param("shifting-requirements", {}, True,
                 "und bei Ihrem Projekt ist noch einiges offen. Wenn die Eckpunkte feststehen, können Sie sich "
                 "gern wieder an mich wenden. Für Ihr Vorhaben wünsche ich Ihnen viel Erfolg. Mit freundlichen Grüßen",
                 id="a10"),  # round 57 (r58b F9)
    pytest.param("unresponsive", {}, True,
                 "Rückmeldungen, und nach unseren bisherigen Gesprächen bin ich nicht sicher, ob uns das bei "
                 "diesem Projekt gelingt.", id="a11"),  # round 59 (r60a W2, r60b I2)  # round 58 (r59a I12)  # round 56 item 5, round 57 (r58b F13)
    pytest.param("emergencies", {"relationship": "client"}, True,
                 "So viele kurzfristige Einsätze wie zuletzt kann ich auf Dauer nicht leisten.",
                 id="b6"),  # round 57 item 4
    pytest.param("scope-creep", {"relationship": "client"}, True,
                 "als dass eine verlässliche Planung noch möglich wäre.", id="b7"),
    pytest.param("capacity", {}, True,
                 "Neue Aufträge kann ich leider nicht annehmen: Ich bin auf absehbare Zeit ausgebucht", id="b8-sie"),
    pytest.param("capacity", {}, False,
                 "Neue Aufträge kann ich leider nicht annehmen: Ich bin auf absehbare Zeit komplett ausgebucht",
                 id="b8-du"),
    pytest.param("emergencies", {}, False, "Bei diesem Auftrag muss ich leider passen.", id="b9"),
    pytest.param("nonpayment", RICH_CLIENT, False,
                 "Kommt das Geld nicht bis zum 22. Dezember 2026 an, pausiere ich die Arbeit, bis es da ist.", id="b10"),
])
def test_round54_10_single_reviewer_wording(reason: str, record: dict[str, object], formal: bool, after: str) -> None:
    """Round 54 item 10: the points one reviewer named and nobody contested."""
    rel = "client" if record else "prospect"
    body = flat(letter(reason, {**record, "relationship": rel}, formal).markdown)
    assert after in body, body
    assert "derzeit leider" not in body and "wie sie zuletzt erwartet wurden" not in body, body


# Letter round 56 (reviews r56a + r56b of the letters after round 54), items 1–8.

R56_LINKS = [{"title": "Leitfaden Website-Relaunch", "url": "https://example.org/relaunch"},
             {"title": "Checkliste Website-Planung", "url": "https://example.org/planung"}]


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round56_1_8_the_no_explain_prospect_says_no_once_and_wishes_alles_gute(request_: dict[str, str]) -> None:
    """Round 56 item 1 (r56a W2, r56b W1): the du „no“ without „Diesmal“ (it invites the
    next inquiry) and without saying no twice; item 8 (r56a I9): the wish without „viel
    Erfolg“ (a third party has no project of the reader's); both identical across reasons."""
    for formal in (True, False):
        letters = {reason: draft(reason, {"name": "Kim Mayer", "formal": formal, **request_}, lang="de",
                                 explain=False, today=TODAY) for reason in REASONS["prospect"]}
        assert len({flat(made.markdown) for made in letters.values()}) == 1
        made = letters["third-party"]
        assert flat(made.parts["refusal"]) == ("Diesen Auftrag kann ich leider nicht übernehmen." if formal
                                               else "Den Auftrag kann ich leider nicht übernehmen.")
        assert flat(made.parts["encouragement"]) == ("Ich wünsche Ihnen alles Gute." if formal
                                                     else "Ich wünsche dir alles Gute!")
        body = flat(made.markdown)
        assert "Diesmal" not in body and "absagen" not in body and "Erfolg" not in body, body


@pytest.mark.parametrize(("reason", "record", "formal", "offer"), [
    pytest.param("capacity", {"relationship": "prospect"}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die für Ihr Vorhaben infrage kommen.",
                 id="capacity-plain"),
    pytest.param("capacity", {"relationship": "prospect", "request": "Relaunch der Firmenwebsite"}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die für Ihr Vorhaben infrage kommen.",
                 id="capacity-rich"),
    pytest.param("capacity", {"relationship": "prospect", "name": None}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die für Ihr Vorhaben infrage kommen.",
                 id="capacity-no-name"),
    pytest.param("out-of-scope", {"relationship": "prospect"}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die auf dieses Gebiet spezialisiert "
                 "sind.", id="out-of-scope-plain"),
    pytest.param("out-of-scope", {"relationship": "prospect", "request": "Relaunch der Firmenwebsite"}, True,
                 "Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die auf dieses Gebiet spezialisiert "
                 "sind.", id="out-of-scope-rich"),
    pytest.param("out-of-scope", {"relationship": "client"}, False,
                 "Wenn du magst, nenne ich dir gern Kolleginnen und Kollegen, die sich auf diese Themen "
                 "spezialisiert haben.", id="out-of-scope-du-client"),
])
def test_round56_2_the_colleagues_offer_refers_to_something(reason: str, record: dict[str, object], formal: bool,
                                                            offer: str) -> None:
    """Round 56 item 2 (r56a W1, I8, r56b I3, I4, I5): no „dabei“ that can only point at my
    own projects, no second „unterstützen“, „Auf Wunsch“ (no names follow), and no
    „darauf“ three paragraphs after what it means."""
    rec = {"name": "Kim Mayer", "formal": formal, **record}
    if rec["name"] is None:
        del rec["name"]
    made = draft(reason, rec, lang="de", today=TODAY)
    help_offer = flat(made.parts["encouragement"])
    assert help_offer.startswith(offer), help_offer
    assert "dabei" not in help_offer and "unterstützen" not in help_offer and "darauf" not in help_offer


@pytest.mark.parametrize("explain", [True, False])
def test_round56_3_4_the_du_notice_falls_back_with_a_dash_and_asks_to_confirm_the_date(explain: bool) -> None:
    """Round 56 item 3 (r56a I1, r56b I2): the undated du letter asks the client to confirm the
    date the contract ends, not „bis wann“ (as if I did not know); a dated one keeps „und
    bestätige mir das Vertragsende“. Item 4 (r56a I2, r56b I1): the fallback „– falls das nicht
    möglich ist, …“, not „sonst“; the next sentence (the reason's) has no second dash."""
    for reason in REASONS["client"]:
        undated = ending(reason, {}, False, explain).split("\n\n")[-1]
        # round 58 item 1 (r59a W1, r59b F3): confirm the end the notice period gives
        assert undated == ("Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das "
                           "Enddatum, das sich aus unserer Kündigungsfrist ergibt."), (reason, undated)
        for record in (RICH_CLIENT, {"end_date": "2026-12-31"}, {"end_date": "2027-01-31", "notice": True}):
            made = letter(reason, record, False, explain)
            assert flat(made.parts["ending"]).endswith(
                "Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das Vertragsende.")
            notice = flat(made.parts["refusal"] + " " + made.parts.get("reason", ""))
            assert " – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin." in notice, (reason, notice)
            assert "sonst" not in notice and notice.count(" – ") == 1, (reason, notice)


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round56_5_unresponsive_prospect_says_austausch_once(request_: dict[str, str]) -> None:
    """Round 56 item 5 (r56a I6, r56b I6): not „Austausch“ twice, not „schwierig würde“."""
    reason = flat(letter("unresponsive", {"relationship": "prospect", **request_}, True).parts["reason"])
    # round 57 (r58b F13): one sentence, no second „Auftrag“
    assert reason == ("Meine Arbeit lebt von regelmäßigem Austausch und zeitnahen Rückmeldungen, und nach unseren "
                      "bisherigen Gesprächen bin ich nicht sicher, ob uns das bei diesem Projekt "
                      "gelingt."), reason  # round 58 (r59a I12); round 59 (r60a W2, r60b I2)


@pytest.mark.parametrize("reason", ["capacity", "out-of-scope"])
@pytest.mark.parametrize("formal", [True, False])
def test_round56_6_a_client_list_of_links_only_is_introduced_as_links(reason: str, formal: bool) -> None:
    """Round 56 item 6 (r56a I12, r56b I18): links alone are not introduced as if people
    followed („Weiterhelfen können … zum Beispiel“); people and links keep that intro."""
    links = flat(letter(reason, {"resources": R56_LINKS}, formal).parts["encouragement"])
    assert links.startswith("Vielleicht helfen Ihnen diese Informationen weiter: - [Leitfaden" if formal
                            else "Vielleicht helfen dir diese Links weiter: - [Leitfaden"), links
    both = flat(letter(reason, {"resources": R56_LINKS, "referrals": [{"name": "Jonas Weber",
                                                                        "contact": "jonas@example.de"}]},
                       formal).parts["encouragement"])
    assert both.startswith("Weiterhelfen können Ihnen zum Beispiel:" if formal
                           else "Weiterhelfen können dir zum Beispiel:"), both


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_round56_7_the_handover_says_when_without_repeating_itself(formal: bool, explain: bool) -> None:
    """Round 56 item 7 (r56b W2, r56a I4, I5): the Sie results „spätestens zum
    Vertragsende“, the documents „gebe ich Ihnen ebenfalls zurück“ (not „erhalten Sie“
    three times, not „bis dahin“ three times); du „Von allem, was dann noch offen ist“ and
    the documents „spätestens zum Vertragsende“; the logins after them do not say that
    date again. The same for every reason (nonpayment stated has its own handover)."""
    handover = ("Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum Vertragsende. "
                "Von noch nicht abgeschlossenen Arbeiten erhalten Sie den zuletzt erreichten Stand. Ihre "
                "eigenen Unterlagen und Daten gebe ich Ihnen zum selben Zeitpunkt zurück." if formal else  # round 58 item 2, session 11
                "Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum "  # round 57 item 3
                "Vertragsende. Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand. "
                "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück.")
    for reason in REASONS["client"]:
        if reason == "nonpayment":
            continue
        for record in ({}, {"access": True}, RICH_CLIENT):
            text = ending(reason, record, formal, explain)
            assert handover in text, (reason, record, text)
            work = text.split("\n\n")[0]
            assert work.count("bis dahin") <= 2 and work.count("erhalten Sie") <= 2, work  # round 58 item 2
            assert work.count("spätestens") == 1 and work.count("Vertragsende") <= 2, work
            if record:
                assert ("lösche ich nach der Übergabe." if formal or "end_date" not in record
                        else "lösche ich, sobald alles übergeben ist.") in work, work


# Letter round 57 (reviews r58a-de, r58b-de; /work/wt/ROUND57-de.md); each fails on main before it.

@pytest.mark.parametrize("record", [{"access": True}, RICH_CLIENT], ids=["plain", "rich"])
def test_round57_1_du_nonpayment_hands_over_without_a_comma_chain(record: dict[str, object]) -> None:
    """Item 1 (r58a F1, r58b F5): „wie vereinbart – spätestens zum Vertragsende“, no
    „spätestens, wenn unser Vertrag endet“ chain, for the results and the logins."""
    text = flat(ending("nonpayment", record, False))
    assert "Was du schon bezahlt hast, bekommst du wie vereinbart spätestens zum Vertragsende." in text, text  # round 58
    assert "Die Zugangsdaten, die du mir gegeben hast, lösche ich dann ebenfalls." in text, text
    assert "spätestens, wenn" not in text, text


@pytest.mark.parametrize("record", [{}, {"request": "Relaunch der Firmenwebsite"}, {"name": ""}])
def test_round57_2_capacity_prospect_promises_nothing_for_colleagues(record: dict[str, object]) -> None:
    """Item 2 (r58a F2, r58b F10): colleagues „die für Ihr Vorhaben infrage kommen“,
    not „die Ihr Vorhaben übernehmen können“ (nobody can promise their time)."""
    body = flat(letter("capacity", {"relationship": "prospect", **record}, True).markdown)
    assert ("Auf Wunsch nenne ich Ihnen gern Kolleginnen und Kollegen, die für Ihr Vorhaben infrage "
            "kommen.") in body, body
    assert "übernehmen können" not in body, body


@pytest.mark.parametrize("explain", [True, False])
def test_round57_3_du_handover_dates_the_results_and_returns_documents_at_the_same_time(explain: bool) -> None:
    """Item 3 (r58a F10, r58b F4): the du results „spätestens zum Vertragsende“, „Bei
    allem, was dann noch nicht fertig ist“, the documents „zum selben Termin“ (no second
    date); with and without the reason, the same for every reason."""
    want = ("Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum "
            "Vertragsende. Bei allem, was dann noch nicht fertig ist, schicke ich dir den aktuellen Stand. "
            "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück.")
    for reason in REASONS["client"]:
        if reason == "nonpayment":
            continue
        for record in ({}, RICH_CLIENT):
            text = flat(ending(reason, record, False, explain))
            assert want in text, (reason, record, text)
            assert text.count("spätestens zum Vertragsende") == 1 and "Von allem" not in text, text


def test_round57_4_formal_emergencies_notice_concedes_nothing() -> None:
    """Item 4 (r58a F12, r58b F8): „So viele kurzfristige Einsätze wie zuletzt …“."""
    for record in ({}, RICH_CLIENT):
        reason = flat(letter("emergencies", record, True).parts["reason"])
        assert "So viele kurzfristige Einsätze wie zuletzt kann ich auf Dauer nicht leisten." in reason, reason
        assert "nötig wurden" not in reason, reason


@pytest.mark.parametrize("formal", [True, False])
def test_round57_5_nonpayment_reason_claims_no_count(formal: bool) -> None:
    """Item 5 (r58a F7, r58b F6): no „mehrere“/„mehrmals“, no „das Geld … gekommen“."""
    for record in ({}, RICH_CLIENT, PROJECT):
        reason = flat(letter("nonpayment", record, formal).parts["reason"])
        assert reason.endswith("Zuletzt wurden meine Rechnungen nicht pünktlich bezahlt." if formal
                               else "Zuletzt kam das Geld für meine Rechnungen leider nicht pünktlich."), reason
        # round 59 (r60a I12, brief wording): the du reason is „Zuletzt kam das Geld … leider nicht pünktlich.“
        assert "mehr" not in reason and ("Geld" not in reason if formal else "gekommen" not in reason), reason


@pytest.mark.parametrize("explain", [True, False])
def test_round57_6_formal_handover_refers_back_to_the_end(explain: bool) -> None:
    """Item 6 (r58b F2, F3, r58a): after „Bis zum Vertragsende / Bis zum Ende der
    Kündigungsfrist führe ich …“ the results „spätestens zu diesem Termin“ and the
    documents „zum selben Termin“ (not „ebenfalls zurück“)."""
    for reason in REASONS["client"]:
        if reason == "nonpayment":
            continue
        for record in ({}, RICH_CLIENT):
            work = flat(ending(reason, record, True, explain).split("\n\n")[0])
            # round 58 item 2 (r59a I6, r59b F4): the results „spätestens zum Vertragsende“, the
            # documents „zum selben Zeitpunkt“ (no „Termin“ never named); round 64 (r63a W1/I1, r63b
            # I1; replacing round 58's „Bis dahin“): the work „Bis zum Vertragsende“ after a dated notice
            assert work.startswith("Bis zum Vertragsende führe ich" if record else
                                   "Bis zum Ende der Kündigungsfrist führe ich"), work
            assert ("Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum "
                    "Vertragsende.") in work, work
            assert "Ihre eigenen Unterlagen und Daten gebe ich Ihnen zum selben Zeitpunkt zurück." in work, work
            assert "Termin" not in work and work.count("Vertragsende") <= (2 if record else 1), work


@pytest.mark.parametrize("explain", [True, False])
def test_round57_7_undated_du_notice_asks_for_the_date(explain: bool) -> None:
    """Item 7 (r58b F1): one does not confirm „zu welchem Datum“; „nenn mir das Datum“."""
    for reason in REASONS["client"]:
        last = ending(reason, {}, False, explain).split("\n\n")[-1]
        assert last == ("Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das "
                        "Enddatum, das sich aus unserer Kündigungsfrist ergibt."), (reason, last)  # round 58 item 1


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round57_8_du_prospect_opener_is_no_swapped_sie_formula(request_: dict[str, str]) -> None:
    """Item 8 (r58a F5): „– schön, dass du dich bei mir meldest!“, not „und dafür,
    dass du an mich gedacht hast“ (the Sie formula with the pronoun swapped)."""
    topic = " zum Projekt „Relaunch der Firmenwebsite“" if request_ else ""
    for reason in ("boundaries", "emergencies", "free-work", "guarantee", "micromanagement", "scope-creep",
                   "shifting-requirements", "unresponsive"):
        thanks = flat(letter(reason, {"relationship": "prospect", **request_}, False).parts["thanks"])
        assert thanks == f"danke für deine Nachricht{topic} – schön, dass du dich bei mir meldest!", (reason, thanks)


@pytest.mark.parametrize("reason, formal, want", [
    ("disrespect", True, "Diesen Auftrag übernehme ich nicht."),  # r58a F4
    ("guarantee", True, "Diesen Auftrag kann ich leider nicht annehmen."),  # r58b F7
    ("micromanagement", False, "Den Auftrag möchte ich nicht übernehmen."),  # r58b F7
    ("shifting-requirements", True, "Diesen Auftrag kann ich leider nicht übernehmen."),  # r58b F9
])
def test_round57_8_prospect_refusals(reason: str, formal: bool, want: str) -> None:
    """Item 8: single-reviewer refusal sentences, uncontested."""
    assert flat(letter(reason, {"relationship": "prospect"}, formal).parts["refusal"]) == want


def test_round57_8_single_reviewer_wording() -> None:
    """Item 8 (r58a F9, r58b F9, F12, F13)."""
    helped = flat(letter("already-helped", {"relationship": "prospect", "request": "X"}, True).markdown)
    assert "Die Grundlagen haben wir bereits gemeinsam erarbeitet, " in helped, helped
    shifting = flat(letter("shifting-requirements", {"relationship": "prospect"}, True).markdown)
    assert ("Wenn die Eckpunkte feststehen, können Sie sich gern wieder an mich wenden. Für Ihr Vorhaben "
            "wünsche ich Ihnen viel Erfolg. Mit freundlichen Grüßen") in shifting, shifting
    # round 58 (r59b F7, r59a I5)
    for formal, want in ((True, "Bereits bezahlte Arbeitsergebnisse erhalten Sie wie vereinbart; alle übrigen "
                                "nach dem Projektabschluss, sobald sämtliche bis dahin fälligen "
                                "Rechnungen beglichen sind."),
                         (False, "Was du schon bezahlt hast, bekommst du wie vereinbart; alles Übrige schicke ich "
                                 "dir, wenn das Projekt fertig ist und die offenen Rechnungen beglichen sind.")):
        for record in (PROJECT, RICH_PROJECT):
            assert want in flat(ending("nonpayment", record, formal)), (formal, record)
    unresponsive = flat(letter("unresponsive", {"relationship": "prospect"}, True).parts["reason"])
    assert unresponsive.endswith("Rückmeldungen, und nach unseren bisherigen Gesprächen bin ich nicht sicher, "
                                 "ob uns das bei diesem Projekt gelingt."), unresponsive  # round 58; round 59 (r60a W2)


# Letter round 58 (reviews r59a-de, r59b-de; /work/wt/ROUND58-de.md); each fails on main before it.

@pytest.mark.parametrize("explain", [True, False])
def test_round58_1_undated_du_notice_asks_to_confirm_the_end_the_notice_period_gives(explain: bool) -> None:
    """Item 1 (r59a W1, r59b F3): the undated du letter does not ask the client to name
    the end date („nenn mir das Datum“) but to confirm the one the notice period gives;
    a dated one keeps „… und bestätige mir das Vertragsende.“"""
    for reason in REASONS["client"]:
        undated = ending(reason, {}, False, explain).split("\n\n")[-1]
        assert undated == ("Gib mir bitte kurz Bescheid, dass die Kündigung angekommen ist, und bestätige mir das "
                           "Enddatum, das sich aus unserer Kündigungsfrist ergibt."), (reason, undated)
        dated = ending(reason, {"end_date": "2026-12-31"}, False, explain).split("\n\n")[-1]
        assert dated.endswith("und bestätige mir das Vertragsende."), (reason, dated)
        assert "nenn mir" not in undated + dated, reason


@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("formal", [True, False])
def test_round58_2_handover_names_no_termin_and_says_vertragsende_once_in_a_row(formal: bool, explain: bool) -> None:
    """Item 2 (r59a I6, r59b F4): no „zu diesem / zum selben Termin“ for a date nobody
    named; the documents „ebenfalls bis dahin“ / du „dann ebenfalls“; after the dated
    notice the work opens „Bis dahin führe ich“, not a second „Vertragsende“ in a row.
    Round 64 (r63a W1/I1, r63b I1, both): „Bis zum Vertragsende führe ich“ after all:
    „dahin“ pointed at the reason sentence between, and the named end is the clearer one."""
    for reason in REASONS["client"]:
        if reason == "nonpayment":
            continue
        for record in ({}, {"end_date": "2026-12-31"}):
            text = ending(reason, record, formal, explain)
            assert "Termin" not in text, (reason, record, text)
            if formal:
                assert ("Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens zum "
                        "Vertragsende.") in text, text
                assert "Ihre eigenen Unterlagen und Daten gebe ich Ihnen zum selben Zeitpunkt zurück." in text, text
                assert text.startswith("Bis zum Vertragsende führe ich" if record else
                                       "Bis zum Ende der Kündigungsfrist führe ich"), text
                notice = flat(letter(reason, record, formal, explain).parts["refusal"])
                assert not record or "31. Dezember 2026" in notice, notice
            else:
                assert "Deine eigenen Unterlagen und Daten bekommst du dann ebenfalls zurück." in text, text


@pytest.mark.parametrize("record", [{}, {"amount_due": "980", "currency": "USD", "pay_by": "2026-12-22"}],
                         ids=["plain", "usd"])
def test_round58_3_du_nonpayment_handover_without_dashes(record: dict[str, object]) -> None:
    """Item 3 (r59a I3, r59b F5): no dashes, not „bekommst du“ twice; the project
    letter the same way (r59a I5)."""
    text = flat(ending("nonpayment", record, False))
    assert ("Was du schon bezahlt hast, bekommst du wie vereinbart spätestens zum Vertragsende. Alles Übrige, bei "
            "unfertigen Aufgaben den aktuellen Stand, schicke ich dir, sobald die fälligen Rechnungen beglichen "
            "sind.") in text, text
    handover = next(p for p in ending("nonpayment", record, False).split("\n\n") if "bezahlt hast" in p)
    assert " – " not in handover and handover.count("bekommst du") == 1, handover
    project = flat(ending("nonpayment", {**record, "contract": "project"}, False))
    assert ("Was du schon bezahlt hast, bekommst du wie vereinbart; alles Übrige schicke ich dir, wenn das Projekt "
            "fertig ist und die offenen Rechnungen beglichen sind.") in project, project


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round58_4_shifting_requirements_wish_is_a_paragraph_of_its_own(request_: dict[str, str]) -> None:
    """Item 4 (r59a I11, r59b F11): the wish is not glued to „Wenn die Eckpunkte …“."""
    made = letter("shifting-requirements", {"relationship": "prospect", **request_}, True)
    paragraphs = [" ".join(p.split()) for p in made.markdown.split("\n\n")]
    assert "Wenn die Eckpunkte feststehen, können Sie sich gern wieder an mich wenden." in paragraphs, paragraphs
    assert "Für Ihr Vorhaben wünsche ich Ihnen viel Erfolg." in paragraphs, paragraphs


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round59_1_unresponsive_prospect_doubts_it_succeeds(request_: dict[str, str]) -> None:
    """Item 1 (r60a W2, r60b I2): „ob uns das … gelingt“, not the office-German
    „dass wir das … gut umsetzen können“."""
    text = flat(letter("unresponsive", {"relationship": "prospect", **request_}, True).markdown)
    assert ("Meine Arbeit lebt von regelmäßigem Austausch und zeitnahen Rückmeldungen, und nach unseren bisherigen "
            "Gesprächen bin ich nicht sicher, ob uns das bei diesem Projekt gelingt.") in text, text
    assert "umsetzen" not in text, text


@pytest.mark.parametrize("contract", [{}, {"contract": "project"}], ids=["ongoing", "project"])
def test_round59_2_capacity_client_formal_keeps_the_care_they_are_used_to(contract: dict[str, str]) -> None:
    """Item 2 (r60a I4, r60b I1): „wie Sie es von mir gewohnt sind“, not „wie es nötig
    wäre“ (which concedes the care falls short); the project one without „Leider“."""
    text = flat(letter("capacity", contract, True).markdown)
    said = "künftig die Zeit, Sie so zu betreuen, wie Sie es von mir gewohnt sind."
    assert ("Mir fehlt " + said if contract else "Leider fehlt mir " + said) in text, text
    assert "nötig wäre" not in text, text


@pytest.mark.parametrize("request_", [{}, {"request": "Relaunch der Firmenwebsite"}])
def test_round59_3_third_party_du_names_the_person_not_sie_oder_er(request_: dict[str, str]) -> None:
    """Item 3 (r60a I7, r60b I5): „dann kann sich die Person einfach direkt bei mir melden“."""
    text = flat(letter("third-party", {"relationship": "prospect", **request_}, False).markdown)
    assert ("Gib meine Kontaktdaten aber gern weiter – dann kann sich die Person einfach direkt bei mir "
            "melden.") in text, text
    assert "sie oder er" not in text, text


@pytest.mark.parametrize("formal", [True, False])
def test_round59_4_free_work_refusal_without_grundsaetzlich(formal: bool) -> None:
    """Item 4 (r60a I6, r60b I7): a plain no to unpaid preliminary work, no „grundsätzlich“;
    the paid-engagement sentence follows unchanged."""
    text = flat(letter("free-work", {"relationship": "prospect"}, formal).markdown)
    refusal = "Unentgeltliche Vorarbeiten biete ich nicht an." if formal else "Kostenlose Vorarbeiten mache ich nicht."
    # round 64 (r63a I4, r63b I2): not „biete … an“ twice in a row
    after = ("Entwürfe, Konzepte und ausführliche Vorgespräche sind bei mir immer Teil eines bezahlten Auftrags."
             if formal else
             "Entwürfe, Konzepte oder längere Vorgespräche gibt es bei mir nur als Teil eines bezahlten Auftrags.")
    assert refusal + " " + after in text, text
    assert "grundsätzlich" not in text, text


def test_round59_5_nonpayment_du_reason_first_mentions_and_handover_comma() -> None:
    """Item 5 (r60a I12; r60a I11; r60b I10, r60a I8): the du nonpayment reason in
    everyday words; no comma before „spätestens zum Vertragsende“; a formal prospect's
    first mention is „Diesen Auftrag“."""
    du = flat(letter("nonpayment", {}, False).markdown)
    assert "Zuletzt kam das Geld für meine Rechnungen leider nicht pünktlich." in du, du
    sie = flat(letter("nonpayment", {}, True).markdown)
    assert "erhalten Sie wie vereinbart spätestens zum Vertragsende." in sie, sie
    for reason, said in (("boundaries", "Diesen Auftrag kann ich leider nicht übernehmen."),
                         ("micromanagement", "Ich habe mich entschieden, diesen Auftrag nicht zu übernehmen."),
                         ("nonpayment", "Diesen Auftrag kann ich nicht übernehmen.")):
        text = flat(letter(reason, {"relationship": "prospect"}, True).markdown)
        assert said in text and "Den Auftrag" not in text, (reason, text)


# Letter round 64 (reviews r63a-de, r63b-de); each fails on main before it.

@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("formal", [True, False])
def test_round64_dated_work_until_the_end_and_the_du_notice_and_handover(formal: bool, explain: bool) -> None:
    """r63a W1/I1, r63b I1: „Bis zum Vertragsende“, not „Bis dahin“ after the reason sentence;
    r63b W1: the du fallback „oder, falls die Kündigungsfrist das nicht zulässt, …“ (a notice
    period does not „reach“); r63a W2, r63b W2: „bekommst du, wie im Vertrag festgelegt, …“."""
    for reason in REASONS["client"]:
        made = letter(reason, {"end_date": "2026-12-31"}, formal, explain)
        body = flat(made.markdown)
        assert "Bis dahin" not in body and "nicht reichen" not in body, (reason, body)
        if formal:
            assert "Bis zum Vertragsende führe ich die laufenden Arbeiten" in body, (reason, body)
        else:
            assert ("Ich kündige unseren Vertrag zum 31. Dezember 2026 – oder, falls die Kündigungsfrist das "
                    "nicht zulässt, zum nächstmöglichen Termin.") in body, (reason, body)
            assert reason == "nonpayment" or (
                "Alles, was bis dahin fertig ist, bekommst du, wie im Vertrag festgelegt, spätestens zum "
                "Vertragsende.") in body, (reason, body)
    unresponsive = flat(letter("unresponsive", {"end_date": "2026-12-31"}, True, explain).markdown)
    assert ("Bis zum Vertragsende führe ich die laufenden Arbeiten zu den vereinbarten Bedingungen fort"
            + (", soweit mir die dafür nötigen Unterlagen und Rückmeldungen vorliegen." if explain else ".")
            ) in unresponsive, unresponsive


@pytest.mark.parametrize("formal", [True, False])
def test_round64_nonpayment_without_its_reason_still_asks_to_be_paid(formal: bool) -> None:
    """r63a W3 (the integrator's decision for every language): --no-explain drops the reason
    sentence only; the request to pay what is already due (the same date as with the reason)
    and the handover of unpaid work once it is paid stay. Subject, thanks and wish stay neutral."""
    for record in ({"end_date": "2026-12-31"}, {}, RICH_CLIENT, PROJECT, RICH_PROJECT):
        stated, quiet = letter("nonpayment", record, formal), letter("nonpayment", record, formal, explain=False)
        other = letter("capacity", record, formal, explain=False)
        assert "reason" not in quiet.parts
        assert quiet.parts["ending"] == stated.parts["ending"], record
        assert quiet.subject == other.subject and quiet.parts["thanks"] == other.parts["thanks"], record
        assert quiet.parts["refusal"] == other.parts["refusal"], record
        text = flat(quiet.parts["ending"])
        assert "fälligen Rechnungen beglichen sind" in text or "offenen Rechnungen beglichen sind" in text, text
        assert "pünktlich" not in flat(quiet.markdown), record
        assert "Alle Arbeitsergebnisse übergebe ich Ihnen gemäß unserem Vertrag spätestens" not in text, text
    text = flat(letter("nonpayment", {"end_date": "2026-12-31"}, formal, explain=False).markdown)
    assert ("Bitte gleichen Sie alle bereits fälligen Rechnungen bis zum 15. Dezember 2026 aus" if formal else
            "Bitte überweise alle schon fälligen Beträge bis zum 15. Dezember 2026") in text, text


@pytest.mark.parametrize("formal", [True, False])
def test_round64_project_decision_without_es_ist_an_der_zeit(formal: bool) -> None:
    """r63a W4, r63b W3 (both): not „Für mich ist es an der Zeit, … keine … anzunehmen“."""
    for reason in ("never-satisfied", "micromanagement", "shifting-requirements"):
        for record, project in (({**PROJECT, "request": "Relaunch der Firmenwebsite"}, "dieses Projekts"),
                                (PROJECT, "des laufenden Projekts")):
            refusal = flat(letter(reason, record, formal).parts["refusal"])
            assert refusal.startswith(f"Nach Abschluss {project} werde ich keine weiteren Aufträge von Ihnen annehmen."
                                      if formal else
                                      f"Nach Abschluss {project} nehme ich keine weiteren Aufträge von dir an."), refusal
            assert "an der Zeit" not in refusal and "Zeit," not in refusal, refusal


@pytest.mark.parametrize("formal", [True, False])
def test_round64_list_intros_bridge_and_no_tipps(formal: bool) -> None:
    """r63a I9, r63b I4 (both): after an invitation to write or come back, a list with
    other people in it gets a bridge; r63a I7, r63b I3: no „Tipps“ for a studio's address."""
    lists = {"referrals": [{"name": "Studio Nord", "contact": "hallo@studio-nord.example"}],
             "resources": [{"title": "Leitfaden", "url": "https://example.org/leitfaden"}]}
    bridge = ("Falls Sie sich lieber anderweitig umsehen möchten, ist vielleicht Folgendes für Sie hilfreich:"
              if formal else "Falls du dich lieber anderweitig umsehen möchtest, hilft dir vielleicht das weiter:")
    plain = "Vielleicht ist Folgendes für Sie hilfreich:" if formal else "Vielleicht hilft dir das weiter:"
    for reason in ("third-party", "already-helped", "shifting-requirements", "free-work"):
        text = flat(letter(reason, {"relationship": "prospect", **lists}, formal).markdown)
        assert bridge in text, (reason, text)
        quiet = flat(letter(reason, {"relationship": "prospect", **lists}, formal, explain=False).markdown)
        assert bridge not in quiet and plain in quiet, (reason, quiet)
    # links only: nobody to look at instead, the plain intro
    text = flat(letter("third-party", {"relationship": "prospect", "resources": lists["resources"]}, formal).markdown)
    assert bridge not in text and plain in text, text
    for reason in ("nonpayment", "never-satisfied"):
        for one in ({"referrals": lists["referrals"]}, lists):
            text = flat(letter(reason, {"end_date": "2026-12-31", **one}, formal).markdown)
            assert "Tipp" not in text and plain in text and bridge not in text, (reason, text)


def test_round64_small_wording() -> None:
    """r63a I6: the clear goals did not shift, the goals did; r63b I6, r63a I8: one „!“ in the
    du no-explain prospect letter."""
    text = flat(letter("shifting-requirements", {"end_date": "2026-12-31"}, False).markdown)
    assert ("Ich brauche klare Ziele, an denen ich mich orientieren kann. Bei uns haben sich die Ziele aber "
            "immer wieder verschoben.") in text, text
    for reason in REASONS["prospect"]:
        quiet = flat(letter(reason, {"relationship": "prospect"}, False, explain=False).markdown)
        assert quiet.count("!") == 1 and quiet.endswith("Ich wünsche dir alles Gute! Viele Grüße"), (reason, quiet)
