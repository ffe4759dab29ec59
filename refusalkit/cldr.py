"""Babel's CLDR data for the letters: money, dates and lists, each through Babel's
public API, with the few letter conventions that differ from CLDR overridden here
(and only here). Babel is imported only by a letter that needs it.

Money at a cold start: Babel answers a currency's decimal places from its global
data (470 KB unpickled) and formats an amount from the locale's data, whose
unpickling imports babel.dates (and with it pytz, which checks every time zone
file): about 45 ms of a 190 ms `draft`. So the answers a letter needs (a
currency's places; where an amount's digits, separators and unit stand in
format_money's output, read off a probe amount that Babel formats) are kept in
a small JSON file in the user's cache folder, one per Babel data file (its size
and time), and an amount is laid out from them; everything else, and any answer
not kept yet, comes from Babel, which also fills the file. tests/test_money.py
checks that both ways write the same. REFUSALKIT_NO_CACHE=1: Babel every time.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

# A probe amount: its digits show where format_money puts the groups, the decimal
# separator and the unit; the fraction gets as many of these digits as the currency has places.
_PROBE, _PROBE_FRACTION = "1234567", "8912"


def locale(name: str) -> Locale:
    """Babel's Locale for `name` (de_DE)."""
    from babel import Locale

    language, _, territory = name.partition("_")
    return Locale(language, territory=territory or None)


def _answers_file() -> str | None:
    """The file of kept answers for the installed Babel's data, or None (no cache)."""
    import importlib.util

    from .paths import cache_dir

    folder = cache_dir("cldr-answers")
    spec = importlib.util.find_spec("babel")  # where Babel is, without importing it
    if folder is None or spec is None or not spec.origin:
        return None
    try:
        st = os.stat(os.path.join(os.path.dirname(spec.origin), "global.dat"))
    except OSError:
        return None
    return os.path.join(folder, f"{st.st_size}-{st.st_mtime_ns}.json")


def _answers(module: str = "babel.numbers", held: dict[str, Any] | None = None,
             ) -> tuple[str, dict[str, Any]] | None:
    """(the file, the answers kept in it); None when Babel's `module` is loaded already
    (it answers at once from its own data) or there is no cache folder. `held`: where an
    Engine holds what it read (render.py passes its Jinja environment's), so that its
    letters read the file once, not once per amount or date (~150 us each)."""
    import sys

    if module in sys.modules:
        return None
    if held is not None and "kept" in held:
        return held["kept"]
    kept = _read_answers()
    if held is not None:
        held["kept"] = kept
    return kept


def _read_answers() -> tuple[str, dict[str, Any]] | None:
    file = _answers_file()
    if file is None:
        return None
    import json

    try:
        with open(file, encoding="utf-8") as fh:
            answers = json.load(fh)
    except (OSError, ValueError):
        answers = {}
    return file, answers if isinstance(answers, dict) else {}


def _keep(kept: tuple[str, dict[str, Any]] | None, key: str, answer: Any) -> None:
    """Add `answer` to the file (best effort: a cache that cannot be written is skipped)."""
    if kept is None:
        return
    import json

    from .paths import keep_in_cache

    file, answers = kept
    answers[key] = answer
    keep_in_cache(file, json.dumps(answers).encode("utf-8"))


def currency(code: str) -> int | None:
    """The number of decimal places of an ISO 4217 currency, or None if `code` is none.

    >>> currency("EUR"), currency("JPY"), currency("ZZZ")
    (2, 0, None)
    """
    return _places(_answers(), code)


def _places(kept: tuple[str, dict[str, Any]] | None, code: str) -> int | None:
    key = f"places {code}"
    if kept is not None and key in kept[1] and (kept[1][key] is None or type(kept[1][key]) is int):
        return kept[1][key]
    from babel.numbers import get_currency_precision, list_currencies

    places = get_currency_precision(code) if code in list_currencies() else None
    _keep(kept, key, places)
    return places


def format_money(amount: Any, code: str, name: str, held: dict[str, Any] | None = None) -> str:
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
    kept = _answers(held=held)
    layout = _layout(kept, code, name) if kept is not None else None
    text = _laid_out(amount, layout) if layout is not None else None
    return text if text is not None else _babel_money(amount, code, name)


def _layout(kept: tuple[str, dict[str, Any]], code: str, name: str) -> list[Any] | None:
    """[before, group separator, decimal separator, after, places] of format_money's output
    for `code` in `name`, read off a probe amount that Babel formats; None if its digits
    are not grouped in threes (then Babel formats every amount)."""
    key = f"money {code} {name}"
    if key in kept[1]:
        found = kept[1][key]
        return found if found is None or (isinstance(found, list) and len(found) == 5) else None
    from decimal import Decimal

    places = _places(kept, code)
    layout = None
    if places is not None and places <= len(_PROBE_FRACTION):
        fraction = _PROBE_FRACTION[:places]
        text = _babel_money(Decimal(_PROBE + ("." + fraction if places else "")), code, name)
        m = re.fullmatch(r"(\D*)1(\D+)234(?:\2)567" + (r"(\D+)" + fraction if places else "()") + r"(\D*)", text)
        if m:
            layout = [m[1], m[2], m[3], m[4], places]
    _keep(kept, key, layout)
    return layout


def _laid_out(amount: Any, layout: list[Any]) -> str | None:
    """`amount` in `layout` (see _layout), if it is a whole number of the currency's
    smallest units, not negative; else None (Babel rounds it as CLDR says)."""
    from decimal import Decimal

    before, group, decimal, after, places = layout
    if type(amount) not in (Decimal, int):
        return None
    try:
        value = Decimal(amount)
        if not value.is_finite() or value < 0 or value != value.quantize(Decimal(1).scaleb(-places)):
            return None
        digits = f"{value:,.{places}f}"
    except ArithmeticError:
        return None
    return before + digits.translate({ord(","): group, ord("."): decimal}) + after


def _babel_money(amount: Any, code: str, name: str) -> str:
    """format_money, by Babel."""
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


def format_long_date(value: Any, name: str, format: str = "long", held: dict[str, Any] | None = None) -> str:
    """A date as the letter's locale writes it (Babel), held together by no-break
    spaces ("31.\\u00a0Dezember\\u00a02026", "31\\u00a0Aralık\\u00a02026",
    "31\\u00a0December\\u00a02026"): a date is one unit and must never break
    across lines (DIN 5008; a day or a year alone at a line end reads as an
    error in a wrapped letter), and CLDR writes ordinary spaces there.

    A long date at a cold start comes from the kept answers, as money does (see
    the module's notes): importing babel.dates imports babel.localtime, which
    looks for the machine's time zone (and pytz, with its ~600 zone files), and
    unpickles the locale's data: about 35 ms of a `draft`, and 6 MB of a batch.

    >>> import datetime
    >>> format_long_date(datetime.date(2026, 12, 31), "de_DE")
    '31.\\xa0Dezember\\xa02026'
    >>> format_long_date(datetime.date(2026, 12, 31), "en_GB")
    '31\\xa0December\\xa02026'
    """
    text = None
    if format == "long" and type(value) is _dt.date and value.year >= 1000:
        kept = _answers("babel.dates", held)
        shapes = _date_shapes(kept, name) if kept is not None else None
        if shapes is not None:
            text = _dated(shapes[value.month - 1], value.day, value.year)
    if text is None:
        text = _babel_date(value, format, name)
    if format == "long":
        text = text.replace(" ", "\u00a0")
    return text


def _dated(shape: str, day: int, year: int) -> str:
    """A month's long date shape (_date_shapes) with the day and the year filled in."""
    return shape.replace("{d}", str(day)).replace("{y}", str(year))


def _date_shapes(kept: tuple[str, dict[str, Any]], name: str) -> list[str] | None:
    """Babel's long date in `name` for each month, as a shape with "{d}" for the day and
    "{y}" for the year, read off a probe date Babel formats (the 25th of that month in
    2034) and checked on two more (the 14th, a different weekday; the 5th of 1987, a
    day of one digit and another year); None if a shape does not give what Babel
    writes for them (then Babel formats every date in `name`)."""
    key = f"date long {name}"
    if key in kept[1]:
        found = kept[1][key]
        return found if found is None or (isinstance(found, list) and len(found) == 12
                                          and all(isinstance(s, str) for s in found)) else None
    shapes: list[str] = []
    for month in range(1, 13):
        text = _babel_date(_dt.date(2034, month, 25), "long", name)
        shape = text.replace("2034", "{y}").replace("25", "{d}")
        if text.count("2034") != 1 or text.count("25") != 1 \
                or _dated(shape, 14, 2034) != _babel_date(_dt.date(2034, month, 14), "long", name) \
                or _dated(shape, 5, 1987) != _babel_date(_dt.date(1987, month, 5), "long", name):
            break
        shapes.append(shape)
    answer = shapes if len(shapes) == 12 else None
    _keep(kept, key, answer)
    return answer


def _babel_date(value: Any, format: str, name: str) -> str:
    """A date by Babel's format_date."""
    from babel.dates import format_date

    return format_date(value, format=format, locale=locale(name))
