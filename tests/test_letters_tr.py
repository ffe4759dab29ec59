"""What the Turkish letters say where the templates decide: the payment deadline,
the agreed notice, no colleagues for clients nobody passes on, requests without
quotes, a refusal sentence per reason, and sen letters that are not siz letters."""

from __future__ import annotations

import re

import pytest

from refusalkit import draft
from refusalkit.style import Style

from .test_letters import every_reason

def _spaced(text: str) -> str:
    """Dates carry a no-break space after the day (cldr.format_long_date): read it as a space."""
    return text.replace("\u00a0", " ")


CLIENT = {"name": "Ayşe Yılmaz", "salutation": "ms", "relationship": "client",
          "amount_due": "1234.5", "currency": "EUR"}


@pytest.mark.parametrize("formal", [True, False])
def test_payment_deadline_from_pay_by_else_house_style(formal: bool) -> None:
    by_date = _spaced(draft("capacity", {**CLIENT, "formal": formal, "pay_by": "2027-01-15"}, lang="tr",
                            style=Style(payment_days=14)).markdown)
    assert "15 Ocak 2027 tarihine kadar" in by_date and "gün içinde" not in by_date
    by_days = draft("capacity", {**CLIENT, "formal": formal}, lang="tr", style=Style(payment_days=14)).markdown
    assert "14 gün içinde" in by_days and "tarihine kadar" not in by_days
    neither = draft("capacity", {**CLIENT, "formal": formal}, lang="tr").markdown
    assert "vadede" in neither and "gün içinde" not in neither


@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_is_named_only_when_the_record_says_so(formal: bool) -> None:
    record = {**CLIENT, "formal": formal, "end_date": "2026-12-31"}
    ends = "31 Aralık 2026 tarihinde " + ("sona erecek" if formal else "sona eriyor")
    kept = _spaced(draft("capacity", {**record, "notice": True}, lang="tr").parts["ending"])
    assert "bildirim süresine " + ("uygun olarak" if formal else "göre") in kept and ends in kept
    plain = _spaced(draft("capacity", record, lang="tr").parts["ending"])
    assert "bildirim" not in plain and ends in plain


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("extra", [{}, {"notice": True}, {"end_date": "2026-12-31", "pay_by": "2027-01-15"}])
def test_nonpayment_hands_over_the_work_done_once_paid(formal: bool, extra: dict[str, object]) -> None:
    ending = draft("nonpayment", {**CLIENT, **extra, "formal": formal}, lang="tr").parts["ending"]
    paid = "ödeme alındıktan sonra" if formal else "ödeme elime geçince"
    assert "tamamlanan işleri" in ending and paid in ending
    # the client's own documents and access data are never held back for the payment
    assert ("Size ait belgeleri" if formal else "Sana ait belgeleri") in ending
    # no new work is promised, and the payment is asked for (soon, when no date is known)
    assert "tamamlayacağım" not in ending and "tamamlayıp" not in ending
    assert ("yapılmasını rica ederim" if formal else "yapmanı rica ediyorum") in ending
    if not extra:
        assert "en kısa sürede" in ending
    # the work together ends whether or not the payment comes: never "after the handover"
    assert "Teslim" not in ending
    # without the reason the same terms hold, in neutral words ("açık bakiye")
    quiet = draft("nonpayment", {**CLIENT, **extra, "formal": formal}, lang="tr", explain=False).parts["ending"]
    assert "açık bakiye" in quiet and "vadesi geçmiş" not in quiet and "gecikmiş" not in quiet
    assert ("Size ait belgeleri" if formal else "Sana ait belgeleri") in quiet
    assert quiet.count("ileteceğim") == 1
    # for other reasons the work is not made to wait for the payment
    other = draft("capacity", {**CLIENT, "formal": formal}, lang="tr").parts["ending"]
    assert paid not in other and "açık bakiye" not in other and "işleri" in other


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


@pytest.mark.parametrize("formal", [True, False])
@pytest.mark.parametrize("explain", [True, False])
@pytest.mark.parametrize("extra", [{}, {"amount_due": "980", "currency": "USD"}, {"pay_by": "2027-01-15"},
                                   {"end_date": "2026-12-31", "notice": True}])
def test_nonpayment_client_endings_hold_together(formal: bool, explain: bool, extra: dict[str, object]) -> None:
    record = {"relationship": "client", "formal": formal, **extra}
    ending = _spaced(draft("nonpayment", record, lang="tr", explain=explain).parts["ending"])
    assert "Teslim" not in ending and "tamamlayacağım" not in ending
    # nothing about work during a notice period: no pause, and no ambiguous "yeni iş"
    assert "yeni iş" not in ending and "devam eden işleri" not in ending
    assert "belgeleri" in ending and "erişim bilgilerini" in ending
    if explain:
        assert "ait belgeleri" in ending and ("alındıktan sonra" if formal else "elime geçince") in ending
    else:
        assert "vadesi geçmiş" not in ending and "gecikmiş" not in ending and "alındıktan" not in ending
    if not formal and "end_date" not in extra:
        assert "bugün itibarıyla" in ending


def test_plain_client_letters_name_the_final_invoice() -> None:
    for formal in (True, False):
        ending = draft("capacity", {"relationship": "client", "formal": formal}, lang="tr").parts["ending"]
        assert ("Son faturamı" if formal else "Son faturayı") in ending and "vadede" in ending
        # the invoice comes with the handover, or when the work together ends: never "when the
        # work is done", which is unclear where the work can only be done as far as inputs allow
        assert "işlerle birlikte" in ending and "tamamlandığında" not in ending and "bitince gönder" not in ending
        dated = _spaced(draft("unresponsive", {"relationship": "client", "formal": formal, "end_date": "2026-12-31"},
                              lang="tr").parts["ending"])
        assert ("çalışmamız sona erdiğinde" if formal else "çalışmamız bitince") in dated


def test_openings_and_wishes_vary_between_reasons() -> None:
    for formal in (True, False):
        for rel in ("prospect", "client"):
            letters = [draft(r, {"name": "Ayşe Yılmaz", "relationship": rel, "formal": formal}, lang="tr")
                       for r, fits in every_reason() if fits == rel]
            assert len({letter.parts["thanks"] for letter in letters}) >= 2
            assert len({letter.parts["encouragement"].splitlines()[-1] for letter in letters}) >= 2
