"""Money in the letter's language (issue 14, point 10): cldr.format_money, and in a letter."""

from __future__ import annotations

import os
from pathlib import Path

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


# --- the kept answers (cldr.py): a cold draft lays an amount out without loading Babel --------------

from decimal import Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from refusalkit import cldr  # noqa: E402
from refusalkit.api import Engine  # noqa: E402

from .strategies import examples  # noqa: E402

_CURRENCIES = ["EUR", "TRY", "USD", "GBP", "CHF", "JPY", "KWD", "CLF", "INR"]
_LOCALES = ["de_DE", "en_GB", "tr_TR", "en_IN", "de_CH"]


@settings(max_examples=examples(60, 300), deadline=None)
@given(code=st.sampled_from(_CURRENCIES), name=st.sampled_from(_LOCALES),
       units=st.integers(0, 10**19 - 1), as_int=st.booleans())
def test_an_amount_laid_out_from_the_kept_answers_is_what_babel_writes(code: str, name: str, units: int,
                                                                      as_int: bool) -> None:
    kept: tuple[str, dict[str, object]] = ("/nonexistent/answers.json", {})  # _keep cannot write: a dict only
    layout = cldr._layout(kept, code, name)
    places = cldr.currency(code)
    assert places is not None
    amount: Decimal | int = units // 10**places if as_int else Decimal(units).scaleb(-places)
    if layout is None:  # digits not grouped in threes (en_IN "12,34,567", de_CH none): Babel formats them
        assert name in ("en_IN", "de_CH")
        return
    assert cldr._laid_out(amount, layout) == cldr._babel_money(amount, code, name)


def test_what_babel_must_round_is_left_to_babel() -> None:
    layout = cldr._layout(("/nonexistent/answers.json", {}), "EUR", "de_DE")
    assert layout is not None
    for amount in (Decimal("1.005"), 1.5, Decimal("-1"), Decimal("NaN"), "12"):
        assert cldr._laid_out(amount, layout) is None


def test_a_cold_draft_with_money_reads_the_kept_answers_and_never_imports_babel(tmp_path: Path) -> None:
    import subprocess
    import sys

    record = tmp_path / "anna.toml"
    record.write_text('name = "Anna Schmidt"\nrelationship = "client"\namount_due = 1234.5\ncurrency = "EUR"\n',
                      encoding="utf-8")
    # Since r28 A30 every letter with an open amount also sets a date (today + 14 days for its overdue
    # part), and formatting any date loads babel.dates (which loads babel.numbers); this test is about
    # money, so it asks right after the amount is formatted (records.py's currency check included)
    code = ("import sys; from refusalkit import cldr; from refusalkit.cli import main\n"
            "seen = []\nreal = cldr.format_money\n"
            "def spy(*args):\n    text = real(*args)\n    seen.append('babel.numbers' in sys.modules)\n    return text\n"
            "cldr.format_money = spy\n"
            "try:\n    main(['draft', '-r', 'capacity', '-l', 'de', '--client', sys.argv[1], '-f', 'md'])\n"
            "except SystemExit:\n    pass\n"
            # babel.numbers, not babel: a checkout without compiled .mo files
            # reads its .po catalogs with babel.messages (i18n.py), as CI's does
            "print(seen[0])\n"
            # and the letter's date (perf44): babel.dates imports babel.localtime (the machine's
            # time zone, pytz and its zone files), and Babel unpickles the locale's data; the
            # date comes from the kept answers too once Babel has given them
            "print('babel.dates' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("REFUSALKIT_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code, str(record)], capture_output=True, text=True, env=env,
                           check=True).stdout for _ in range(4)]
    letters = [out.rsplit("\n", 3)[0] for out in runs]
    assert f"1.234,50{NBSP}€" in letters[0] and len(set(letters)) == 1
    money, dates = zip(*(out.split("\n")[-3:-1] for out in runs))  # babel.numbers and babel.dates loaded?
    assert money[0] == "True" and money[2] == money[3] == "False"  # the first asks Babel and keeps the answers
    # Babel's money probe loads babel.dates as well, so the date's answers are kept a run later
    assert dates[0] == "True" and dates[3] == "False"


# --- dates from the kept answers too (perf44): a cold draft with a date imports no babel.dates ----------

import datetime  # noqa: E402

_DATE_LOCALES = ["de_DE", "en_GB", "tr_TR", "en_US", "de_AT", "de_CH", "en_IE"]


@settings(max_examples=examples(40, 200), deadline=None)
@given(value=st.dates(min_value=datetime.date(1000, 1, 1)), name=st.sampled_from(_DATE_LOCALES))
def test_a_date_laid_out_from_the_kept_answers_is_what_babel_writes(value: datetime.date, name: str) -> None:
    shapes = cldr._date_shapes(("/nonexistent/answers.json", {}), name)  # _keep cannot write: a dict only
    assert shapes is not None, name
    assert cldr._dated(shapes[value.month - 1], value.day, value.year) == cldr._babel_date(value, "long", name)


def test_dates_the_kept_answers_cannot_write_are_left_to_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = ("/nonexistent/answers.json", {"date long de_DE": ["{d}.{y}"] * 12})  # a shape Babel never gives
    monkeypatch.setattr(cldr, "_answers", lambda module="babel.numbers", held=None: kept)
    day = datetime.date(2026, 12, 31)
    assert cldr.format_long_date(day, "de_DE") == "31.2026"  # the kept shape is what a long date uses ...
    # ... and not another format, a datetime or a year of fewer than four digits: Babel writes those
    assert cldr.format_long_date(day, "de_DE", "medium") == "31.12.2026"
    assert cldr.format_long_date(datetime.datetime(2026, 12, 31, 9), "de_DE") == f"31.{NBSP}Dezember{NBSP}2026"
    assert cldr.format_long_date(datetime.date(999, 12, 31), "de_DE") == f"31.{NBSP}Dezember{NBSP}999"
    assert cldr._date_shapes(("/nonexistent/answers.json", {"date long de_DE": "x"}), "de_DE") is None


def test_an_engine_reads_the_kept_answers_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the answers file costs ~150 us (the cache folder, Babel's data file, JSON): an
    Engine holds what it read (its environment's `answers`), not reading it per amount or date."""
    import json
    import sys

    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"date long de_DE": ["{d}. Monat{y}"] * 12, "places EUR": 2,
                                "money EUR de_DE": ["", "'", ";", " Euro", 2]}), encoding="utf-8")
    opened: list[str] = []
    monkeypatch.setattr(cldr, "_answers_file", lambda: opened.append("x") or str(file))
    for module in ("babel.dates", "babel.numbers"):  # Babel not loaded yet, as at a cold start
        monkeypatch.delitem(sys.modules, module, raising=False)
    held: dict[str, object] = {}
    for day in (1, 2, 3):
        assert cldr.format_long_date(datetime.date(2026, 1, day), "de_DE", held=held) == f"{day}.{NBSP}Monat2026"
        assert cldr.format_money(Decimal(1234), "EUR", "de_DE", held) == "1'234;00 Euro"
    assert opened == ["x"]
    # a letter's filters use its Engine's (on its Jinja environment): here answers of its own
    engine = Engine()
    engine.env.answers["kept"] = (str(file), {"date long de_DE": ["{d}. Gehalten{y}"] * 12})
    letter = draft("nonpayment", {"name": "Anna Schmidt", "relationship": "client", "amount_due": 5,
                                  "currency": "EUR"}, lang="de", engine=engine, today=datetime.date(2026, 1, 1))
    assert f"15.{NBSP}Gehalten2026" in letter.markdown
