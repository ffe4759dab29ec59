"""What the Turkish letters say where the templates decide: the payment deadline,
the agreed notice, no colleagues for clients nobody passes on, requests without
quotes, a refusal sentence per reason, and sen letters that are not siz letters."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .helpers import every_reason

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

def _spaced(text: str) -> str:
    """Dates carry a no-break space after the day (cldr.format_long_date): read it as a space."""
    return text.replace("\u00a0", " ")


def by_pay_day(formal: bool) -> str:
    """Review r14 (W7): sen letters say a date as people do ("15 Ocak 2027'ye kadar"),
    siz letters keep "… tarihine kadar"."""
    return "15 Ocak 2027 tarihine kadar" if formal else "15 Ocak 2027'ye kadar"


def ends_on(formal: bool) -> str:
    return "31 Aralık 2026 tarihinde sona erecek" if formal else "31 Aralık 2026'da bitiyor"


CLIENT = {"name": "Ayşe Yılmaz", "salutation": "ms", "relationship": "client",
          "amount_due": "1234.5", "currency": "EUR"}


@pytest.mark.parametrize("formal", [True, False])
def test_payment_deadline_from_pay_by_else_house_style(formal: bool) -> None:
    by_date = _spaced(draft("capacity", {**CLIENT, "formal": formal, "pay_by": "2027-01-15"}, lang="tr",
                            style=Style(payment_days=14)).markdown)
    # the outstanding balance by pay_by; the final invoice on the house terms
    assert by_date.count(by_pay_day(formal)) == 1 and by_date.count("14 gün içinde") == 1
    by_days = draft("capacity", {**CLIENT, "formal": formal}, lang="tr", style=Style(payment_days=14)).markdown
    assert "14 gün içinde" in by_days and "2027" not in by_days
    neither = draft("capacity", {**CLIENT, "formal": formal}, lang="tr").markdown
    assert "vadede" in neither and "gün içinde" not in neither


@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_is_named_only_when_the_record_says_so(formal: bool) -> None:
    record = {**CLIENT, "formal": formal, "end_date": "2026-12-31"}
    ends = ends_on(formal)
    kept = _spaced(draft("capacity", {**record, "notice": True}, lang="tr").parts["ending"])
    assert "bildirim süresi" + ("ne uygun olarak" if formal else " gereği") in kept and ends in kept
    plain = _spaced(draft("capacity", record, lang="tr").parts["ending"])
    assert "bildirim" not in plain and ends in plain


NONPAYMENT_EXTRAS = [{}, {"notice": True}, {"amount_due": "980", "currency": "USD"}, {"pay_by": "2027-01-15"},
                     {"end_date": "2026-12-31", "pay_by": "2027-01-15"}, {"end_date": "2026-12-31", "notice": True}]


def letter_of(extra: dict[str, object], formal: bool) -> str:
    return draft("nonpayment", {**CLIENT, **extra, "formal": formal}, lang="tr").markdown


def _nonpayment(extra: dict[str, object], formal: bool, explain: bool, style: Style | None = None) -> str:
    record = {**CLIENT, **extra, "formal": formal}
    return _spaced(draft("nonpayment", record, lang="tr", explain=explain, style=style).parts["ending"])


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("extra", NONPAYMENT_EXTRAS)
def test_nonpayment_terminates_never_with_immediate_effect(formal: bool, explain: bool, extra) -> None:
    """The review (r6, W3): "bugün itibarıyla" as a default invites a
    counter-claim. With the reason, the contract is terminated under its own
    terms, or to the end date with the first date the notice period allows as
    the fallback (review r8, I15)."""
    ending = _nonpayment(extra, formal, explain)
    assert "bugün" not in ending and "derhal" not in ending
    if not explain:
        return
    # review r13 / r14 decision 5: no legal termination formula, the end reads as in every other reason
    assert "fesh" not in ending and "fesih" not in ending and "itibarıyla" not in ending
    ends = ends_on(formal)
    if extra.get("end_date") and extra.get("notice"):
        assert ("bildirim süresine uygun olarak çalışmamız " if formal else "bildirim süresi gereği işimiz ") + ends in ending
    elif extra.get("end_date"):
        assert ends in ending and "bildirim" not in ending
    elif extra.get("notice"):
        assert ("bildirim süresinin dolmasıyla sona erecek" if formal else "bildirim süresi dolunca bitiyor") in ending
    else:
        # review r12 (N3): no cited "fesih hükümleri"; it ends when the work in hand is done
        assert "fesih" not in ending
        assert ("tamamladığımda çalışmamız sona erecek" if formal
                else "bitirdiğimde işimiz de sona erecek") in ending


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("extra", NONPAYMENT_EXTRAS)
@pytest.mark.parametrize("days", [None, 14])
def test_nonpayment_with_the_reason_keeps_working_and_the_debt_is_due(formal: bool, extra, days) -> None:
    """Integrator's decision after review r8 (W2, W3): no pause during the
    notice period; the overdue amount is already due ("vadesi geçmiş", pay_by
    is the latest date, not a deferral); finished work follows payment; the
    client's own documents come back in any case; the final invoice is a
    separate line (due as agreed / within payment_days)."""
    style = Style(payment_days=days) if days else None
    ending = _nonpayment(extra, formal, True, style)
    for pause in ("ara veriyorum", "ara vereceğim", "durduruyorum"):
        assert pause not in ending, pause
    assert "sürdüreceğim" in ending or "sona erecek" in ending
    # integrator's decision after r12: the record says only what is unpaid
    assert "vadesi geçmiş" not in ending and "ödenmemiş" in ending.lower()
    # r14 decision 1 (review r13): delivery is never conditional on payment, a lien the
    # contract may not give; completed work is handed over in line with our agreement
    for lien in ("ödendiğinde", "ödenince", "ödendikten", "ödeme tamamlan"):
        assert lien not in ending, lien
    assert ("anlaşmamızın koşulları doğrultusunda size teslim" if formal
            else "anlaşmamıza uygun şekilde sana teslim") in ending
    assert "Bunun nedeni" not in letter_of(extra, formal) and "vadesinde ödenme" in letter_of(extra, formal)
    assert ("çalışmamız sona erdiğinde" if formal else "işimiz bitince") + " kendi kayıtlarımdan sileceğim" in ending
    assert "her durumda" in ending and "şifreleri değiştirmen" in ending
    # one deadline: pay_by, else payment_days, else at once (review r12, N1)
    assert "en geç" not in ending
    if extra.get("pay_by"):
        assert by_pay_day(formal) in ending and "gecikmeden yap" not in ending
    elif days:
        assert "14 gün içinde" in ending
    else:
        assert ("en kısa sürede ödemenizi" if formal else "en kısa sürede ödersen") in ending
    letter = _spaced(draft("nonpayment", {**CLIENT, **extra, "formal": formal}, lang="tr", style=style).markdown)
    invoice = [line for line in letter.split("\n\n") if "son fatura" in line.lower()]
    assert len(invoice) == 1 and ("14 gün içinde" if days else "anlaştığımız vadede") in invoice[0]


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("extra", NONPAYMENT_EXTRAS)
@pytest.mark.parametrize("days", [None, 14])
def test_nonpayment_without_the_reason_reads_like_every_other_termination(formal: bool, extra, days) -> None:
    """Integrator's decision after review r8 (W2): without the reason, the
    nonpayment letter carries the neutral handover and the one neutral line
    about the final invoice and open invoices every termination has."""
    style = Style(payment_days=days) if days else None
    record = {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal,
              **{k: v for k, v in extra.items() if k != "amount_due"}}
    mine = draft("nonpayment", record, lang="tr", explain=False, style=style)
    other = draft("never-satisfied", record, lang="tr", explain=False, style=style)
    assert mine.parts["ending"] == other.parts["ending"]
    text = _spaced(mine.markdown)
    for leak in ("ara veriyorum", "yapıldıktan", "ödeme gelince", "her durumda", "en kısa sürede", "bir an önce",
                 "açık bakiye", "vadesi geçmiş"):
        assert leak not in text, leak
    # review r14 (W2): no invoice reminder of its own; a client who pays gets no dunning line either
    assert "ödenmemiş" not in text
    others = _spaced(other.markdown)
    assert "ödenmemiş" not in others and "varsa bekleyen" not in others
    if extra.get("pay_by"):
        assert by_pay_day(formal) in text
    elif days:
        assert "14 gün içinde" in text
    else:
        assert "anlaştığımız vadede" in text


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "emergencies", "micromanagement"])
def test_the_colleague_offer_comes_before_the_payment_line(formal: bool, reason: str) -> None:
    """Review r8 (I5): asking for the money, then going back to offering help
    reads stitched together."""
    for extra in ({}, {"referrals": [{"name": "Mehmet Kaya", "contact": "m@example.com"}]}):
        text = draft(reason, {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal, **extra},
                     lang="tr").markdown
        offer = text.index("Mehmet Kaya" if extra else "öner")
        assert offer < text.index("Son fatura") < text.index("dilerim")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["nonpayment", "disrespect", "fee-disputes", "never-satisfied", "guarantee",
                                    "micromanagement", "unresponsive"])
def test_no_good_luck_after_a_conflict(formal: bool, reason: str) -> None:
    """Review r8 (W5, I11, I12): "bol şans!" after a conflict reads as sarcasm."""
    for explain, rel in [(e, rel) for e in (True, False) for rid, rel in every_reason() if rid == reason]:
        text = draft(reason, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal}, lang="tr",
                     explain=explain).markdown
        assert "bol şans" not in text and "Kolay gelsin" not in text


def test_free_work_offers_a_price_quote_not_a_paid_proposal() -> None:
    """Review r8 (W1): "ücretli bir teklif" reads as a proposal I charge for."""
    for formal in (True, False):
        text = draft("free-work", {"name": "Ayşe Yılmaz", "formal": formal}, lang="tr").markdown
        assert "fiyat teklifi" in text and "ücretli bir teklif" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_no_explain_letters_leak_no_reason(formal: bool) -> None:
    """The review (r6, W4, W5, I9, I10): time words point to a full calendar,
    "bu alanda çalışan" to "not my field", "gerekiyor" to an outside cause,
    "yeniden/yine/bu kez" to "enough already"."""
    def quiet(reason: str, rel: str = "prospect") -> str:
        return draft(reason, {"name": "Ayşe Yılmaz", "formal": formal, "relationship": rel},
                     lang="tr", explain=False).markdown
    for rel in ("prospect", "client"):
        text = quiet("capacity", rel)
        for word in ("şu aşamada", "şu sıralar", "önümüzdeki dönem", "isterdim", "şimdilik"):
            assert word not in text, word
        assert "bu alanda" not in quiet("out-of-scope", rel)
        assert "gerekiyor" not in quiet("out-of-scope", rel) and "aşamada" not in quiet("out-of-scope", rel)
    text = quiet("already-helped")
    assert "yeniden" not in text and "yine" not in text and "bu kez" not in text
    assert "kendisine" not in quiet("third-party") and "ona da" not in quiet("third-party")


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["micromanagement", "guarantee"])
def test_no_thanks_for_trust_where_the_reason_is_distrust(formal: bool, reason: str) -> None:
    for explain in (True, False):
        thanks = draft(reason, {"name": "Ayşe Yılmaz", "formal": formal, "relationship": "client"},
                       lang="tr", explain=explain).parts["thanks"]
        assert "güven" not in thanks


def test_no_colleagues_for_a_client_who_is_never_satisfied() -> None:
    for formal in (True, False):
        for explain in (True, False):
            text = draft("never-satisfied", {"name": "Ayşe Yılmaz", "formal": formal, "relationship": "client"},
                         lang="tr", explain=explain).markdown
            assert "meslektaş" not in text and "isim önermek" not in text and "uzman" not in text


@pytest.mark.parametrize("reason,rel", [("disrespect", "prospect"), ("disrespect", "client"),
                                        ("nonpayment", "prospect"), ("nonpayment", "client"),
                                        ("free-work", "prospect"), ("fee-disputes", "client"),
                                        ("scope-creep", "prospect"), ("scope-creep", "client"),
                                        ("boundaries", "prospect"), ("boundaries", "client"),
                                        ("guarantee", "prospect")])
@pytest.mark.parametrize("explain", [True, False])
def test_no_colleagues_for_clients_nobody_passes_on(reason: str, rel: str, explain: bool) -> None:
    record = {"name": "Ayşe Yılmaz", "relationship": rel,
              "referrals": [{"name": "Deniz Arslan", "contact": "deniz@example.com"}],
              "resources": [{"title": "Rehber", "url": "https://example.org/rehber"}]}
    for formal in (True, False):
        text = draft(reason, {**record, "formal": formal}, lang="tr", explain=explain).markdown
        assert "meslektaş" not in text, text  # the record's contacts stay, under a neutral intro
        assert "Rehber" in text and "Deniz Arslan" in text
        bare = draft(reason, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal},
                     lang="tr", explain=explain).markdown
        assert "meslektaş" not in bare, bare


def test_list_intro_fits_people_links_one_or_several() -> None:
    person = {"name": "Deniz Arslan"}
    link = {"title": "Rehber", "url": "https://example.org/rehber"}

    def offer(**lists: object) -> str:
        return draft("capacity", {"name": "Ayşe Yılmaz", **lists}, lang="tr").parts["encouragement"]

    assert "bir meslektaşımın iletişim bilgilerini aşağıda" in offer(referrals=[person])
    assert "meslektaşlarımın iletişim bilgilerini aşağıda" in offer(referrals=[person, person])
    assert "Aşağıdaki kaynağın" in offer(resources=[link])
    assert "Aşağıdaki kaynakların" in offer(resources=[link, link])
    both = offer(referrals=[person], resources=[link, link])
    assert "bir meslektaşımın iletişim bilgilerini ve işinize yarayabilecek birkaç kaynağı" in both


def test_requests_are_not_put_in_quotes_and_start_no_sentence() -> None:
    for reason, rel in every_reason():
        for formal in (True, False):
            text = draft(reason, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal,
                                  "request": "web sitesi yenileme"}, lang="tr").markdown
            assert "web sitesi yenileme" in text
            assert not re.search(r"[“\"']web sitesi yenileme", text), text
            assert not re.search(r"(^|[.!?]\s+)web sitesi yenileme", text, re.M), text


def test_each_reason_chooses_its_own_refusal() -> None:
    for formal in (True, False):
        for rel in ("prospect", "client"):
            refusals = [draft(r, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal},
                              lang="tr").parts["refusal"] for r, fits in every_reason() if fits == rel]
            assert len(set(refusals)) == len(refusals), refusals
            assert not any("etraflıca" in r for r in refusals)


def test_sen_letters_are_written_not_swapped() -> None:
    for reason, rel in every_reason():
        record = {"name": "Emre Kaya", "relationship": rel}
        formal = draft(reason, {**record, "formal": True}, lang="tr")
        informal = draft(reason, {**record, "formal": False}, lang="tr")
        assert formal.parts["reason"] != informal.parts["reason"], reason
        siz = re.search(r"\b(siz|size|sizi|sizin|sizinle)\b|\w{2,}(ınız|iniz|unuz|ünüz)", informal.markdown, re.I)
        assert not siz, informal.markdown


@pytest.mark.parametrize("formal,closing", [(True, "Saygılarımla"), (False, "Selamlar")])
def test_one_wish_then_a_closing_that_is_not_a_second_wish(formal: bool, closing: str) -> None:
    for relationship in ("prospect", "client"):
        text = draft("capacity", {"name": "Emre Kaya", "formal": formal, "relationship": relationship},
                     lang="tr").markdown
        assert text.rstrip("\n").splitlines()[-1] == closing
        assert "İyi çalışmalar" not in text


def test_short_letters_to_prospects_nobody_passes_on_end_with_a_wish_not_thanks_again() -> None:
    # the letter opens with thanks; a second "thank you again" after a bare no reads as a form
    for reason in ("disrespect", "nonpayment", "free-work"):
        for formal in (True, False):
            text = draft(reason, {"name": "Ayşe Yılmaz", "formal": formal}, lang="tr", explain=False).markdown
            assert "tekrar teşekkür" not in text.lower(), text
            assert "dilerim" in text or "gönlünce" in text, text


def test_plain_client_letters_name_the_final_invoice() -> None:
    for formal in (True, False):
        ending = draft("capacity", {"relationship": "client", "formal": formal}, lang="tr").parts["encouragement"]
        assert ("Son faturamı" if formal else "Son faturayı") in ending and "vadede" in ending
        # the invoice comes with the handover, or when the work together ends: never "when the
        # work is done", which is unclear where the work can only be done as far as inputs allow
        assert "işlerle birlikte" in ending and "tamamlandığında" not in ending and "bitince gönder" not in ending
        dated = _spaced(draft("unresponsive", {"relationship": "client", "formal": formal, "end_date": "2026-12-31"},
                              lang="tr").parts["encouragement"])
        assert ("çalışmamız sona erdiğinde" if formal else "işimiz bitince") in dated


def test_openings_and_wishes_vary_between_reasons() -> None:
    for formal in (True, False):
        for rel in ("prospect", "client"):
            letters = [draft(r, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal}, lang="tr")
                       for r, fits in every_reason() if fits == rel]
            assert len({letter.parts["thanks"] for letter in letters}) >= 2
            assert len({letter.parts["encouragement"].splitlines()[-1] for letter in letters}) >= 2


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["capacity", "guarantee", "fee-disputes", "nonpayment"])
@pytest.mark.parametrize("extra", [{}, {"pay_by": "2027-01-15"}, {"end_date": "2026-12-31", "notice": True}])
def test_a_known_amount_is_the_outstanding_balance_the_final_invoice_follows(formal: bool, reason: str, extra) -> None:
    """Integrator's decision after review r12 (tr N1): the record's amount is
    the unpaid balance of invoices already issued, with one deadline; the
    final invoice follows separately and is never part of it (no "dâhil")."""
    record = {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal,
              "amount_due": "1234.50", "currency": "EUR", **extra}
    for explain in (True, False):
        text = _spaced(draft(reason, record, lang="tr", explain=explain).markdown)
        assert "1.234,50 €" in text and "ödenmemiş" in text and "ayrıca" in text
        for wrong in ("dahil", "dâhil", "toplam", "vadesi geçmiş", "en geç", "açık bakiye"):
            assert wrong not in text, wrong
    text = _spaced(draft(reason, record, lang="tr", explain=False).markdown)
    for vague in ("varsa diğer", "varsa bekleyen", "açık faturalar"):
        assert vague not in text, vague
    if extra.get("pay_by"):
        assert text.count("15 Ocak 2027") == 1


@pytest.mark.parametrize("formal", [True, False])
def test_unresponsive_without_the_reason_promises_delivery_as_agreed(formal: bool) -> None:
    """Review r10 (W2): "with the information I have" tells the reader that
    some never arrived, the reason the user chose not to state."""
    text = draft("unresponsive", {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal},
                 lang="tr", explain=False).markdown
    assert "elimdeki bilgi" not in text and "belgelerle" not in text
    assert ("kararlaştırdığımız şekilde" if formal else "konuştuğumuz şekilde") in text


RICH = {"request": "e-ticaret sitesi", "amount_due": "1234.50", "currency": "CHF", "end_date": "2026-12-31",
        "pay_by": "2027-01-15", "notice": True}


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("reason", ["nonpayment", "unresponsive"])
@pytest.mark.parametrize("record", [{}, RICH, {"amount_due": "980", "currency": "USD"}, {"notice": True}])
def test_no_explain_termination_is_the_one_every_reason_shares(formal: bool, reason: str, record) -> None:
    """Review r14 (W2, W3): without the reason, nonpayment and unresponsive end
    exactly as capacity does: no invoice reminder of their own, no unconditional
    promise to finish, completed work as agreed, the client's documents back."""
    def quiet(r: str) -> object:
        return draft(r, {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal, **record},
                     lang="tr", explain=False)
    mine, capacity = quiet(reason), quiet("capacity")
    assert mine.parts["ending"] == capacity.parts["ending"]
    def payment(letter) -> str:
        return next(p for p in letter.markdown.split("\n\n") if "Son fatura" in p)
    assert payment(mine) == payment(capacity)
    ending = _spaced(mine.parts["ending"])
    assert ("anlaşmamızın koşulları doğrultusunda" if formal else "anlaştığımız gibi") in ending
    assert "belge ve verileri" in ending and "tamamlayıp" not in ending
    for hint in ("her durumda", "elime ulaş", "ölçüde", "bugünden", "Bugünden", "ödeyebilir"):
        assert hint not in _spaced(mine.markdown), hint


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("reason", ["nonpayment", "capacity"])
def test_invoices_are_requested_never_permitted(formal: bool, explain: bool, reason: str) -> None:
    """Review r14 (W1, I1): "ödeyebilirsiniz" grants a permission."""
    for record in ({}, RICH):
        text = draft(reason, {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal, **record},
                     lang="tr", explain=explain).markdown
        payment = next(p for p in text.split("\n\n") if "Son fatura" in p)
        assert "ödeyebilir" not in payment
        assert "rica ed" in payment or "sevinirim" in payment


@pytest.mark.parametrize("formal", [True, False])
def test_no_here_and_now_before_a_later_end(formal: bool) -> None:
    """Review r14 (W5, W7): "burada / bu noktada" reads as "with immediate effect"
    when the letter goes on to name a later end; sen letters say "… 'da"."""
    for reason, rel in every_reason():
        if rel != "client":
            continue
        for extra in ({"end_date": "2026-12-31"}, {"notice": True}):
            letter = draft(reason, {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal, **extra},
                           lang="tr")
            for now in ("burada", "bu noktada", "Bu noktada", "bu aşamada"):
                assert now not in letter.parts["refusal"], (reason, now)
            if not formal:
                assert "tarihinde" not in letter.markdown and "tarihine" not in letter.markdown


@pytest.mark.parametrize("formal", [True, False])
def test_nonpayment_without_the_reason_decides_neutrally(formal: bool) -> None:
    """Review r10 (W3): "Sizinle çalışmaya devam etmeyeceğim" makes the
    decision personal; the neutral "… sonlandırmaya karar verdim"/"… son
    vermeye karar verdim" of the other terminations."""
    refusal = draft("nonpayment", {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal},
                    lang="tr", explain=False).parts["refusal"]
    assert "Sizinle" not in refusal and "etmeyeceğim" not in refusal
    assert "karar verdim" in refusal


@pytest.mark.parametrize("formal", [True, False])
def test_capacity_termination_states_being_booked_not_a_new_business(formal: bool) -> None:
    """Integrator's decision after review r10: a capacity termination says
    the sender is fully booked, not that they take fewer jobs from now on."""
    text = draft("capacity", {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal}, lang="tr").markdown
    assert "daha az" not in text and "tamamen dolu" in text


@pytest.mark.parametrize("formal", [True, False])
def test_scope_creep_does_not_claim_changes_went_undiscussed(formal: bool) -> None:
    """Review r10 (W4): the changes were discussed; no agreement was reached."""
    text = draft("scope-creep", {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal}, lang="tr").markdown
    assert "konuşulmadan" not in text


@pytest.mark.parametrize("formal", [True, False])
def test_reviewed_phrasings_r12(formal: bool) -> None:
    """Review r12 (W1, W3, W4, I4): no "saygıyı yakalamak", no "Yine de" after a
    thank-you, no "yüzünden … bu yüzden", "devir" with its object; the
    termination handover comes in paragraphs."""
    def text(reason: str, rel: str = "prospect") -> str:
        return _spaced(draft(reason, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal},
                             lang="tr").markdown)
    assert "yakalayamad" not in text("disrespect")
    assert "Yine de" not in text("micromanagement")
    assert "bu yüzden" not in text("capacity", "client")
    assert "Devrin" not in text("scope-creep", "client")
    ending = draft("capacity", {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal},
                   lang="tr").parts["ending"]
    assert "\n\n" in ending


@pytest.mark.parametrize("formal", [True, False])
def test_reviewed_phrasings_r13(formal: bool) -> None:
    """Review r13 and the r14 decisions: no order "ödenecektir", no "kalan …
    ödenmemiş bakiye" or "ödemesini … yapmanızı" padding, no promise of a
    "sorunsuz" handover, the agreed term not twice in one payment paragraph,
    no prospect told that their expectations or emails fall short."""
    rich = {"name": "Ayşe Yılmaz", "relationship": "client", "formal": formal, "amount_due": "1234.50",
            "currency": "CHF", "end_date": "2026-12-31", "request": "e-ticaret sitesi"}
    for reason, rel in every_reason():
        if rel != "client":
            continue
        for explain in (True, False):
            for extra in ({}, {"pay_by": "2027-01-15", "notice": True}):
                text = _spaced(draft(reason, {**rich, **extra}, lang="tr", explain=explain).markdown)
                for wrong in ("ödenecektir", "kalan 1.234,50", "ödemesini", "sorunsuz", "feshe", "Bunun nedeni"):
                    assert wrong not in text, (reason, wrong)
                payment = next(p for p in text.split("\n\n") if "Son fatura" in p)
                assert payment.count("anlaştığımız vadede") <= 1, payment
    def prospect(reason: str) -> str:
        return draft(reason, {"name": "Ayşe Yılmaz", "formal": formal}, lang="tr").parts["reason"]
    assert "örtüşmüyor" not in prospect("boundaries") and "beklentiler" not in prospect("boundaries")
    assert "yazışmalarımız" not in prospect("unresponsive")
    wish = draft("already-helped", {"name": "Ayşe Yılmaz", "formal": formal}, lang="tr").parts["encouragement"]
    assert "kendi başına" not in wish


@pytest.mark.parametrize("year,on,until", [(2026, "'da", "'ya"), (2027, "'de", "'ye"), (2023, "'te", "'e"),
                                           (2029, "'da", "'a"), (2030, "'da", "'a"), (2040, "'ta", "'a"),
                                           (2050, "'de", "'ye"), (2100, "'de", "'e"), (3000, "'de", "'e")])
def test_sen_letters_say_the_year_with_its_suffix(year: int, on: str, until: str) -> None:
    """Review r14 (W7): the suffix follows the year's last spoken word."""
    record = {"name": "Ayşe Yılmaz", "relationship": "client", "formal": False, "amount_due": "100",
              "currency": "EUR", "end_date": f"{year}-03-31", "pay_by": f"{year}-04-30"}
    text = _spaced(draft("capacity", record, lang="tr").markdown)
    assert f"31 Mart {year}{on} bitiyor" in text and f"30 Nisan {year}{until} kadar" in text
