"""Money in the letter's language (issue 14, point 10): cldr.format_money, and in a letter."""

from __future__ import annotations

import pytest

from refusalkit import draft
from refusalkit.cldr import format_money

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

NBSP = "\u00a0"


@pytest.mark.parametrize("locale, code, expected", [
    # Turkish: the amount first, "TL" for the lira, a code for other foreign currencies
    ("tr_TR", "TRY", f"1.234,50{NBSP}TL"),
    ("tr_TR", "EUR", f"1.234,50{NBSP}€"),
    ("tr_TR", "USD", f"1.234,50{NBSP}USD"),
    ("tr_TR", "JPY", f"1.235{NBSP}JPY"),
    # German: the euro as CLDR writes it, a foreign currency with its code, never "$"
    ("de_DE", "EUR", f"1.234,50{NBSP}€"),
    ("de_DE", "USD", f"1.234,50{NBSP}USD"),
    ("de_DE", "GBP", f"1.234,50{NBSP}GBP"),
    ("de_DE", "CHF", f"1.234,50{NBSP}CHF"),
    # English (en_GB): CLDR, with a space after a symbol of letters
    ("en_GB", "EUR", "€1,234.50"),
    ("en_GB", "GBP", "£1,234.50"),
    ("en_GB", "USD", "US$1,234.50"),
    ("en_GB", "CHF", f"CHF{NBSP}1,234.50"),
    ("en_GB", "TRY", f"TRY{NBSP}1,234.50"),
])
def test_money_per_language(locale: str, code: str, expected: str) -> None:
    from decimal import Decimal

    amount = Decimal("1234.5") if code != "JPY" else Decimal("1235")
    assert format_money(amount, code, locale) == expected


@pytest.mark.parametrize("lang, currency, expected, never", [
    ("tr", "TRY", f"1.234,50{NBSP}TL", "₺"),
    ("tr", "EUR", f"1.234,50{NBSP}€", "€1"),
    ("de", "USD", f"1.234,50{NBSP}USD", "$"),
    ("en", "CHF", f"CHF{NBSP}1,234.50", "CHF1"),
])
def test_money_in_a_letter(lang: str, currency: str, expected: str, never: str) -> None:
    letter = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "amount_due": "1234.50",
                                  "currency": currency}, lang=lang)
    assert expected in letter.markdown and never not in letter.markdown
    assert expected.replace(NBSP, " ") in letter.text.replace("\n", " ").replace(NBSP, " ")


# the whole date holds together (cldr.format_long_date), not only the day
@pytest.mark.parametrize("lang, expected", [("de", f"31.{NBSP}Dezember{NBSP}2026"), ("tr", f"31{NBSP}Aralık{NBSP}2026")])
def test_no_break_after_the_day(lang: str, expected: str) -> None:
    letter = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "end_date": "2026-12-31"},
                   lang=lang)
    assert expected in letter.markdown
