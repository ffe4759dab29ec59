"""Babel's CLDR data for the letters: money, dates and lists, each through Babel's
public API, with the few letter conventions that differ from CLDR overridden here
(and only here). Babel is imported only by a letter that needs it.
"""

from __future__ import annotations

from typing import Any

from babel import Locale


def locale(name: str) -> Locale:
    """Babel's Locale for `name` (de_DE)."""
    language, _, territory = name.partition("_")
    return Locale(language, territory=territory or None)


def currency(code: str) -> int | None:
    """The number of decimal places of an ISO 4217 currency, or None if `code` is none.

    >>> currency("EUR"), currency("JPY"), currency("ZZZ")
    (2, 0, None)
    """
    from babel.numbers import get_currency_precision, list_currencies

    if code not in list_currencies():
        return None
    return get_currency_precision(code)


def format_money(amount: Any, code: str, name: str) -> str:
    """`amount` of currency `code` as a letter in locale `name` (de_DE) writes it.

    Babel (CLDR) formats the number; where a letter's convention differs from
    CLDR's currency pattern, it is overridden here, and only here:
    - Turkish letters and invoices put the amount first ("1.234,50 TL",
      "1.234,50 €"): CLDR's tr pattern "₺1.234,50" reads like an English price
      tag, and "₺" is rarer in letters than "TL".
    - German letters write a foreign currency with its ISO code ("1.234,50 USD"):
      CLDR's "$" does not say which dollar (DIN 5008 uses the codes).
    - Turkish letters do the same for currencies other than the lira and the euro.
    - English keeps CLDR (en_GB "€1,234.50", "£1,234.50", "US$1,234.50"), with
      CLDR's currency spacing, which Babel does not apply: a symbol that ends
      in a letter is parted from the number ("CHF 1,234.50", not "CHF1,234.50").

    >>> format_money(1234.5, "EUR", "tr_TR"), format_money(1234.5, "TRY", "tr_TR")
    ('1.234,50\\xa0€', '1.234,50\\xa0TL')
    >>> format_money(1234.5, "USD", "de_DE"), format_money(1234.5, "CHF", "en_GB")
    ('1.234,50\\xa0USD', 'CHF\\xa01,234.50')
    """
    from babel.numbers import format_currency

    loc = locale(name)
    language = name.partition("_")[0]
    if language in ("de", "tr"):
        number = format_currency(amount, code, format="#,##0.00", locale=loc)
        unit = {"EUR": "€", "TRY": "TL" if language == "tr" else "TRY"}.get(code, code)
        return f"{number}\u00a0{unit}"
    text = format_currency(amount, code, locale=loc)
    symbol = loc.currency_symbols.get(code, code)
    if text.startswith(symbol) and symbol[-1:].isalpha():
        text = symbol + "\u00a0" + text[len(symbol):]
    elif text.endswith(symbol) and symbol[:1].isalpha() and not text[: -len(symbol)].endswith(("\u00a0", " ")):
        text = text[: -len(symbol)] + "\u00a0" + symbol
    return text


def format_long_date(value: Any, name: str, format: str = "long") -> str:
    """A date as the letter's locale writes it (Babel), held together by no-break
    spaces ("31.\\u00a0Dezember\\u00a02026", "31\\u00a0Aralık\\u00a02026",
    "31\\u00a0December\\u00a02026"): a date is one unit and must never break
    across lines (DIN 5008; a day or a year alone at a line end reads as an
    error in a wrapped letter), and CLDR writes ordinary spaces there.

    >>> import datetime
    >>> format_long_date(datetime.date(2026, 12, 31), "de_DE")
    '31.\\xa0Dezember\\xa02026'
    >>> format_long_date(datetime.date(2026, 12, 31), "en_GB")
    '31\\xa0December\\xa02026'
    """
    from babel.dates import format_date

    text = format_date(value, format=format, locale=locale(name))
    if format == "long":
        text = text.replace(" ", "\u00a0")
    return text
