"""German wording the reviews asked for and templates alone decide (issue 14,
letter round r18): one neutral letter without the reason, real du letters,
what a termination says, and no colleagues offered for clients nobody passes
on."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .helpers import every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

CLIENT = {"name": "Kim Mayer", "relationship": "client", "amount_due": "1234.5", "currency": "EUR"}
REASONS = {rel: [r for r, fits in every_reason() if fits == rel] for rel in ("prospect", "client")}


def ending(reason: str, record: dict[str, object], formal: bool = True, explain: bool = True,
           style: Style | None = None) -> str:
    """The termination part, no-break spaces (1.234,50 €, dates) read as spaces,
    one line per paragraph."""
    rec = {"name": "Kim Mayer", "relationship": "client", "formal": formal, **record}
    text = draft(reason, rec, lang="de", explain=explain, style=style).parts["ending"].replace("\u00a0", " ")
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


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


PRONOUNS = re.compile(r"\b(Sie|Ihnen|Ihr\w*|du|dich|dir|dein\w*)\b")


def test_du_letters_are_not_sie_letters_with_the_pronouns_swapped() -> None:
    for reason, rel in every_reason():
        parts = [draft(reason, {"name": "Kim Mayer", "relationship": rel, "formal": formal}, lang="de").parts["reason"]
                 for formal in (True, False)]
        formal, informal = (PRONOUNS.sub("", p).lower() for p in parts)
        assert formal != informal, f"{reason}/{rel}: the du reason is the Sie reason"


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
                assert "!" not in letter.parts["thanks"] + letter.parts["encouragement"], reason


# Letter round r18: the decisions D1–D6 (LETTERS18.md), each failing on main before it.

RICH = {"request": "Relaunch der Firmenwebsite",
        "referrals": [{"name": "Jonas Weber", "contact": "jonas@example.de", "note": "Shop-Systeme"}],
        "resources": [{"title": "Leitfaden", "url": "https://example.org/leitfaden"}]}
RICH_CLIENT = {**RICH, "amount_due": "1234.50", "currency": "EUR", "end_date": "2026-12-31",
               "pay_by": "2027-01-15", "notice": True, "access": True}


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("rel", ["prospect", "client"])
@pytest.mark.parametrize("rich", [False, True])
def test_d1_without_the_reason_every_reason_writes_the_same_letter(formal: bool, rel: str, rich: bool) -> None:
    """D1: „reason not stated“ means the same letter whatever the reason:
    opening, refusal, ending, help offer and wish (r17-en W3: tiered openers
    are a hint). No reason is exempt in German."""
    record = {"name": "Kim Mayer", "relationship": rel, "formal": formal,
              **((RICH_CLIENT if rel == "client" else RICH) if rich else {})}
    for style in (None, Style(payment_days=14)):
        bodies = {reason: draft(reason, record, lang="de", explain=False, style=style).markdown
                  for reason in REASONS[rel]}
        first = bodies[REASONS[rel][0]]
        assert [r for r, body in bodies.items() if body != first] == []


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_d2_a_termination_without_end_date_is_the_notice(formal: bool, explain: bool) -> None:
    """D2: without end_date the letter gives notice to the next possible date,
    for every reason; with end_date it says first that the work ends then
    (never „Bis zum 31. Dezember … schließe ich … ab“, a delivery deadline:
    r17 W2), with the agreed notice when the record says so."""
    notice = ("Hiermit kündige ich unseren Vertrag fristgerecht zum nächstmöglichen Zeitpunkt." if formal
              else "Ich kündige unseren Vertrag fristgerecht zum nächstmöglichen Termin.")
    for reason in REASONS["client"]:
        assert ending(reason, {}, formal, explain).startswith(notice), reason
        dated = ending(reason, {"end_date": "2026-12-31"}, formal, explain)
        assert dated.startswith("Unsere Zusammenarbeit endet am 31. Dezember 2026. Bis dahin "), reason
        given = ending(reason, {"end_date": "2026-12-31", "notice": True}, formal, explain)
        assert given.startswith(("Hiermit kündige ich" if formal else "Ich kündige")
                                + " unseren Vertrag fristgerecht zum 31. Dezember 2026"), reason
        assert ("31. Dezember 2026, hilfsweise zum nächstmöglichen Zeitpunkt." if formal else
                "31. Dezember 2026 – falls die Kündigungsfrist später endet, zum nächstmöglichen Termin.") in given
        for text in (dated, given):
            assert "Bis zum 31." not in text and "danach endet" not in text, reason
            assert "Bis dahin" in text


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("days", [None, 14])
def test_d3_money_only_when_owed_and_always_with_a_by_when(formal: bool, explain: bool, days) -> None:
    """D3: without an amount no request to pay open invoices (a reminder to a
    client who pays), only the final invoice on the house style's days or the
    agreed terms; with an amount one by-when: pay_by, else payment_days, else
    the end of the work (its date when known) — never the invoices' own due
    dates, which may have passed."""
    style = Style(payment_days=days) if days else None
    ask = "Bitte begleichen" if formal else "Bitte überweise"
    for reason in REASONS["client"]:
        pressed = reason == "nonpayment" and explain
        plain = ending(reason, {}, formal, explain, style)
        assert "Schlussrechnung" in plain
        assert (ask in plain) == pressed, reason
        assert ("innerhalb von 14 Tagen" in plain) == bool(days)
        owed = {"amount_due": "1234.5", "currency": "EUR"}
        for extra, by_when in (({"pay_by": "2027-01-15"}, "bis zum 15. Januar 2027"),
                               ({}, "innerhalb von 14 Tagen" if days else "bis zum Vertragsende"),
                               ({"end_date": "2026-12-31"}, "innerhalb von 14 Tagen" if days else "bis zum 31. Dezember 2026")):
            text = ending(reason, {**owed, **extra}, formal, explain, style)
            money = text.split("\n\n")[-1]
            assert "1.234,50 €" in money and by_when in money, (reason, extra, money)
            assert "Fälligkeit" not in text, (reason, extra)
            assert ("umgehend" in money) == (pressed and not days and "pay_by" not in extra), (reason, extra)


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
    never a lien. Unresponsive with the reason: as far as the input allows,
    the unfinished part as it stands."""
    agreed = "gemäß unserer Vereinbarung" if formal else "so, wie wir es vereinbart haben"
    back = ("Ihre eigenen Unterlagen und Daten erhalten Sie zurück" if formal
            else "deine eigenen Unterlagen und Daten gebe ich dir zurück")
    for reason in REASONS["client"]:
        for record in ({}, RICH_CLIENT):
            text = ending(reason, record, formal, explain)
            assert agreed in text and back.lower() in text.lower(), reason
            for wrong in ("in jedem Fall", "auf jeden Fall", "Ausgleich", "sobald", "Sobald", "bezahlt sind",
                          "schließe ich", "abschließ", "zugesagt"):
                assert wrong not in text, (reason, wrong)
            waits = reason == "unresponsive" and explain
            assert ("soweit" in text) == waits, reason
            assert (("noch nicht abgeschlossene im dann erreichten Stand" if formal else "noch nicht fertig ist, im aktuellen Stand") in text) == waits


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
def test_d5_logins_only_when_the_client_gave_them(formal: bool, explain: bool) -> None:
    """D5: deleting access data and changing passwords appear only with
    `access`, for every reason, stated plainly (no „Falls/Sofern“); r17 I4:
    „Ich empfehle Ihnen …“, not the impersonal „es empfiehlt sich … danach“."""
    for reason in REASONS["client"]:
        without = ending(reason, {"end_date": "2026-12-31"}, formal, explain)
        assert "Zugangsdaten" not in without and "Passw" not in without, reason
        text = ending(reason, {"end_date": "2026-12-31", "access": True}, formal, explain)
        assert ("Die Zugangsdaten, die Sie mir überlassen haben, lösche ich nach der Übergabe. "
                "Ich empfehle Ihnen, die betreffenden Passwörter anschließend zu ändern." if formal else
                "Die Zugangsdaten, die du mir gegeben hast, lösche ich nach der Übergabe. "
                "Die Passwörter dazu änderst du am besten anschließend.") in text, reason
        assert "Falls" not in text and "Sofern" not in text and "empfiehlt sich" not in text


WISHES = ("alles Gute", "viel Erfolg", "Daumen", "Unterstützung", "Rückmeldung")


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
                    assert sum(w in wish for w in WISHES) == 1, (reason, rel, formal, explain, wish)
                    assert "Für alles Weitere" not in letter.markdown
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
        # I7: free-work lectures no „grundsätzlich“ and refuses no paid job
        free = text("free-work", formal=formal)
        assert "grundsätzlich" not in free and "Auftrag" not in free and "Vorgespräche mache" not in free
        # I15: third-party is about who commissions the work
        assert "selbst beauftragen" in text("third-party", formal=formal)
        assert "um die es geht" not in text("third-party", formal=formal)
        # I12: no passive-aggressive „leider“ in the informal nonpayment reason
        assert "leider nicht mehr der Fall" not in text("nonpayment", "client", formal)
    # I5: a known balance is the writer's own invoices
    assert "Aus meinen bisherigen Rechnungen ist noch ein Betrag von" in text("capacity", "client", **CLIENT)
    assert "Von meinen bisherigen Rechnungen sind noch" in text("capacity", "client", False, **CLIENT)
    # I8, I9: no reference-letter formula, no coaching jargon for already-helped
    helped = text("already-helped", "client")
    assert "weiteren Weg" not in helped and "mitgenommen" not in helped
    # I13, I14: nothing „einhalten“ a fee; „Leistungsumfang“ for the prospect (one „leider“)
    assert "einhalten" not in text("scope-creep", "client")
    assert "Leistungsumfang lassen sich damit nicht in Einklang bringen" in text("scope-creep")
    # I17: a list intro has an object
    listed = text("capacity", **RICH)
    assert "Gern empfehle ich Ihnen Folgendes:" in listed and "empfehle ich Ihnen:" not in listed
