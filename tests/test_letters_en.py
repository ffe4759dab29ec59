"""What the English templates decide: payment deadline, agreed notice, list intros,
and which reasons never pass a client on to colleagues."""

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
def test_payment_deadline_from_pay_by_else_house_style_else_as_agreed(reason: str, formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    days = Style(payment_days=14)
    assert "£1,234.50 by 15 January 2027" in body(reason, {**record, "pay_by": "2027-01-15"}, style=days)
    assert "£1,234.50 within 14 days" in body(reason, record, style=days)
    assert "£1,234.50 as agreed" in body(reason, record)
    assert "£1,234.50 within one day" in body(reason, record, style=Style(payment_days=1))


@pytest.mark.parametrize("formal", [True, False])
def test_agreed_notice_is_named_only_when_the_record_says_so(formal: bool) -> None:
    record = {**CLIENT, "formal": formal}
    assert "31 December 2026, in line with the notice period" in body("capacity", {**record, "notice": True})
    assert "notice period" not in body("capacity", record)
    assert "notice period" not in body("capacity", {**record, "notice": True, "end_date": None})


@pytest.mark.parametrize("formal", [True, False])
def test_nonpayment_completes_the_work_once_the_balance_is_settled(formal: bool) -> None:
    text = body("nonpayment", {**CLIENT, "formal": formal})
    assert "Once " in text and ("settled" in text or "done" in text)
    # without the reason and without an amount, nothing hints at payment
    quiet = body("nonpayment", {**CLIENT, "formal": formal, "amount_due": None}, explain=False)
    assert "settle" not in quiet and "invoice" not in quiet


@pytest.mark.parametrize("reason", ["disrespect", "nonpayment", "fee-disputes", "free-work"])
@pytest.mark.parametrize("formal", [True, False])
def test_no_colleagues_for_clients_nobody_passes_on(reason: str, formal: bool) -> None:
    rel = "prospect" if reason == "free-work" else "client"
    for explain in (True, False):
        text = body(reason, {"name": "Jane Smith", "relationship": rel, "formal": formal}, explain=explain)
        assert "colleague" not in text


REFERRAL = {"name": "Sam Patel", "contact": "sam@example.com"}
RESOURCE = {"title": "A guide", "url": "https://example.org/guide"}


@pytest.mark.parametrize("referrals,resources,intro", [
    ([REFERRAL], [], "I can recommend the following colleague,"),
    ([REFERRAL, REFERRAL], [], "I can recommend the following colleagues,"),
    ([], [RESOURCE], "You may find the following reading useful:"),
    ([REFERRAL], [RESOURCE], "Below is a colleague I can recommend, followed by further reading"),
    ([REFERRAL, REFERRAL], [RESOURCE], "Below are some colleagues I can recommend, followed by further reading"),
])
def test_list_intro_fits_what_follows(referrals: list[object], resources: list[object], intro: str) -> None:
    text = body("capacity", {"name": "Jane Smith", "referrals": referrals, "resources": resources})
    assert intro in text
