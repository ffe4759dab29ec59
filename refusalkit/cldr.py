"""Babel's CLDR data, loaded in a way one letter can afford.

Formatting one amount makes Babel unpickle its whole locale file (de: 180 KB)
and its global data (460 KB): about 15 ms, more than a tenth of a cold start.
A letter needs a few of those keys. So the first run writes the keys money,
dates and lists use to a small file under the user's cache, and later runs
hand Babel that subset. The subset is a dict that loads Babel's full data the
moment anything asks for a key it lacks, so Babel's answers never change; only
the time to reach them does. The formatting itself is always Babel's.
"""

from __future__ import annotations

import os
import pickle
from typing import Any, Callable

from babel import Locale, __version__ as babel_version, core, localedata

from .paths import cache_dir

# Kept apart so that a letter without a date never unpickles date patterns
# (which imports babel.dates).
LOCALE_KEYS = {
    "numbers": ("currency_formats", "currency_names", "currency_names_plural", "currency_symbols",
                "number_symbols", "plural_form", "default_numbering_system", "decimal_formats"),
    "dates": ("date_formats", "days", "months", "eras"),
    "lists": ("list_patterns",),
}
GLOBAL_KEYS = ("currency_fractions", "parent_exceptions", "all_currencies")


class _Subset(dict):  # type: ignore[type-arg]
    """Some of Babel's data; the rest is loaded on first need."""

    def __init__(self, subset: dict[str, Any], load_all: Callable[[], dict[str, Any]]) -> None:
        super().__init__(subset)
        self._load_all: Callable[[], dict[str, Any]] | None = load_all

    def _complete(self) -> None:
        if self._load_all is not None:
            load, self._load_all = self._load_all, None
            for key, value in load().items():
                dict.setdefault(self, key, value)

    def __missing__(self, key: str) -> Any:
        self._complete()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        if not dict.__contains__(self, key):
            self._complete()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if not dict.__contains__(self, key):
            self._complete()
        return dict.__contains__(self, key)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._complete()
        return dict.__iter__(self)

    def keys(self):  # type: ignore[no-untyped-def]
        self._complete()
        return dict.keys(self)

    def items(self):  # type: ignore[no-untyped-def]
        self._complete()
        return dict.items(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._complete()
        return dict.values(self)


def _full_locale(name: str) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        mine = localedata._cache.pop(name, None)
        try:
            return localedata.load(name)
        finally:
            if mine is not None:
                localedata._cache[name] = mine
    return load


def _full_global() -> dict[str, Any]:
    mine = core._global_data
    core._global_data = None
    try:
        core.get_global("currency_fractions")
        return dict(core._global_data or {})
    finally:
        core._global_data = mine


def _read(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        return data if isinstance(data, dict) else None
    except Exception:  # missing, truncated or from another Babel: build it again
        return None


def _write(path: str, data: dict[str, Any]) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


_PRIMED: set[tuple[str, str]] = set()


def locale(name: str, group: str) -> Locale:
    """Babel's Locale for `name` (de_DE), its `group` of data (numbers, dates,
    lists) taken from the cache when possible."""
    if (name, group) not in _PRIMED:
        _PRIMED.add((name, group))
        folder = _folder()
        if folder is not None:
            try:
                _prime(folder, name, group)
            except Exception:  # the cache is only a shortcut; Babel alone still works
                pass
    language, _, territory = name.partition("_")
    return Locale(language, territory=territory or None)


def _folder() -> str | None:
    # The folder is named by Babel's version and by the keys kept, so a cache
    # written with another key list is never taken for this one.
    import zlib

    keys = zlib.crc32(repr((GLOBAL_KEYS, sorted(LOCALE_KEYS.items()))).encode())
    return cache_dir(f"cldr-{babel_version}-{keys:08x}")


def _prime_global(folder: str) -> None:
    if core._global_data is not None:
        return
    gpath = os.path.join(folder, "global.pickle")
    subset = _read(gpath)
    if subset is None:
        full = _full_global()
        _write(gpath, {k: full[k] for k in GLOBAL_KEYS if k in full})
        core._global_data = full
    else:
        core._global_data = _Subset(subset, _full_global)


def _prime(folder: str, name: str, group: str) -> None:
    _prime_global(folder)
    current = localedata._cache.get(name)
    lpath = os.path.join(folder, f"{os.path.basename(name)}.{group}.pickle")
    subset = _read(lpath)
    if subset is None:  # first use of this group: take it from Babel's whole data, keep it
        if current is None:
            full = localedata.load(name)
        elif isinstance(current, _Subset):
            full = _full_locale(name)()
        else:
            full = current
        subset = {k: full[k] for k in LOCALE_KEYS[group] if k in full}
        _write(lpath, subset)
        if current is None:
            return  # Babel now holds the whole locale anyway
    if current is None:
        localedata._cache[name] = _Subset(subset, _full_locale(name))
    elif isinstance(current, _Subset):
        for key, value in subset.items():
            dict.setdefault(current, key, value)


def currency(code: str) -> int | None:
    """The number of decimal places of an ISO 4217 currency, or None if `code` is none.

    >>> currency("EUR"), currency("JPY"), currency("ZZZ")
    (2, 0, None)
    """
    folder = _folder()
    if folder is not None:
        try:
            _prime_global(folder)
        except Exception:  # the cache is only a shortcut
            pass
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

    loc = locale(name, "numbers")
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

    text = format_date(value, format=format, locale=locale(name, "dates"))
    if format == "long":
        text = text.replace(" ", "\u00a0")
    return text
