"""Load and validate a client record (TOML, JSON, command-line fields) into a Client.

Client text is data: it is checked here (types, allowed values, no control
characters) and escaped later for the output format; it is never a template.
"""

# No `from __future__ import annotations` here: with it, typing.NamedTuple compiles
# each field's annotation string at import (a ForwardRef), which costs a cold start
# about half a millisecond over the NamedTuples a letter needs.
import datetime as _dt
import math
import os
import re
import numbers
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

from .errors import RecordError, UsageError

if TYPE_CHECKING:
    from decimal import Decimal

SALUTATIONS = ("ms", "mr", "none")
RELATIONSHIPS = ("prospect", "client")
CONTRACTS = ("ongoing", "project")

# Characters that end a line somewhere (str.splitlines, RFC 5322 header folding,
# Unicode): none of them may sit in a one-line field such as a name.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Bidirectional embeddings, overrides and isolates: in a name or address they make
# a mail client show text in another order than it has ("moc.elpmaxe@mik").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Patterns are compiled on first use (re's own cache), not at import: compiling
# them all costs a millisecond of every start, and most serve only some records
# or only errors.
_URL = r"(?:https?://[^\s<>\"'`\\]+|mailto:[^\s<>\"'`\\]+)"

# Longest accepted value per one-line field; a longer one is almost surely a paste error.
_MAX = {"name": 200, "first_name": 100, "surname": 150, "title": 60, "email": 254,
        "company": 200, "language": 35, "currency": 3}
_MAX_TEXT = 4000
_MAX_AMOUNT = 10**15
_MAX_DEPTH = 20  # nesting of lists and tables in extra keys
_TOML_WHERE = r" \(at (?:line (\d+), column (\d+)|end of document)\)$"

ONE_LINE_FIELDS = ("name", "first_name", "surname", "title", "email", "company")
KNOWN_FIELDS = frozenset(
    ONE_LINE_FIELDS
    + ("salutation", "formal", "language", "relationship", "request", "amount_due",
       "currency", "end_date", "pay_by", "notice", "access", "contract", "referrals", "resources",
       "notice_period")
)


# NamedTuples, not dataclasses: creating a dataclass costs about a millisecond
# at import, and a cold start is counted in milliseconds.
class Referral(NamedTuple):
    name: str
    contact: str | None = None
    note: str | None = None


class Resource(NamedTuple):
    title: str
    url: str


class NoticePeriod(NamedTuple):
    """The notice period agreed in a client's contract: `length` days, weeks or months
    (`unit`), and whether the end then moves to the last day of that month."""

    length: int
    unit: str  # "days", "weeks" or "months"
    month_end: bool = False

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.length == 1 else self.unit
        return f"{self.length} {unit}" + (" to the end of the month" if self.month_end else "")

    def end(self, start: _dt.date) -> _dt.date:
        """The day the period ends when notice is given on `start`: calendar months
        (31 January + 1 month is the last day of February), then the month's last day
        if asked. Raises OverflowError past the year 9999."""
        if self.unit == "months":
            years, month = divmod(start.month - 1 + self.length, 12)
            first = _dt.date(start.year + years, month + 1, 1)
            day = min(start.day, _last_day(first).day)
            ends = first.replace(day=day)
        else:
            ends = start + _dt.timedelta(days=self.length * (7 if self.unit == "weeks" else 1))
        return _last_day(ends) if self.month_end else ends


def _last_day(day: _dt.date) -> _dt.date:
    """The last day of `day`'s month."""
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - _dt.timedelta(days=1)


class Client(NamedTuple):
    """A validated client record. Every field is optional: without a name the
    letter goes to an unknown recipient."""

    name: str | None
    first_name: str | None
    surname: str | None
    title: str | None = None
    salutation: str = "none"
    formal: bool = True
    email: str | None = None
    company: str | None = None
    language: str | None = None
    relationship: str = "prospect"
    request: str | None = None
    amount_due: "Decimal | None" = None
    currency: str | None = None
    end_date: _dt.date | None = None
    pay_by: _dt.date | None = None  # the date by which amount_due is to be paid
    notice: bool = False  # the end (end_date) keeps to the notice period agreed in the contract
    access: bool = False  # the client gave the writer access data (logins): a termination says they are deleted
    # "ongoing": a retainer or service contract with a notice period; "project": a fixed deliverable,
    # agreed to be finished (request names it, end_date is its agreed completion). Prospects: unused.
    contract: str = "ongoing"
    referrals: tuple[Referral, ...] = ()
    resources: tuple[Resource, ...] = ()
    extra: Mapping[str, Any] = {}
    # what the name tells: "full", "given" (only a given name: "Dear Jane,") or "surname" ("Frau Müller")
    name_parts: str = "full"
    # the contract's notice period: Engine.resolve derives end_date from it and the letter's date (notice_end)
    notice_period: NoticePeriod | None = None


def _where(source: str, name: str) -> str:
    # repr: a key with a line break stays on one line; no source where mail.py checks a letter's field
    return f"{source}: field {name!r}" if source else f"field {name!r}"


def _bad(source: str, name: str, detail: str) -> RecordError:
    """The error for field `name` of the record from `source`: `detail` says what is wrong."""
    return RecordError(f"{_where(source, name)} {detail}", field=name, source=source or None, detail=detail)


def _check_chars(value: str, source: str, name: str, one_line: bool) -> str:
    if value.isprintable():  # no control character, surrogate or line break: nothing to look up
        return value
    import unicodedata

    for ch in value:
        cat = unicodedata.category(ch)
        if ch in LINE_BREAKS:
            if one_line:
                raise _bad(source, name, "must be on one line: remove the line break")
        elif cat == "Cs":
            raise _bad(source, name, f"contains an invalid character (a lone surrogate, U+{ord(ch):04X})")
        elif cat == "Cc" and ch != "\t":
            raise _bad(source, name, f"contains a control character (U+{ord(ch):04X}): remove it")
    return value


def _text(value: Any, source: str, name: str, *, one_line: bool, limit: int | None = None) -> str | None:
    """A clean string, or None for an empty value; whitespace runs fold to one space."""
    if value is None:
        return None
    if value.__class__ is str and value.isprintable():  # the usual case, in short
        # no control character or line break, and no white space but " "
        if value[:1] == " " or value[-1:] == " " or "  " in value:
            value = " ".join(value.split())
        limit = limit or _MAX.get(name, _MAX_TEXT)
        if len(value) > limit:
            raise _bad(source, name, f"is too long ({len(value)} characters; at most {limit})")
        return value or None
    if not isinstance(value, str):
        raise _bad(source, name, f"must be text, not {_kind(value)}")
    _check_chars(value, source, name, one_line)
    value = " ".join(value.split())  # runs of white space fold to one space; none at either end
    limit = limit or _MAX.get(name, _MAX_TEXT)
    if len(value) > limit:
        raise _bad(source, name, f"is too long ({len(value)} characters; at most {limit})")
    if value.isprintable():  # so no Cf, and no Zs but inner spaces: empty only if it is ""
        return value or None
    import unicodedata

    # Only invisible characters (zero-width, BOM, bidi marks) is as empty as only spaces: never "Dear ,".
    return value if any(unicodedata.category(ch) not in ("Cf", "Zs") for ch in value) else None


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a table", str: "text"}.get(type(value), type(value).__name__)


def _fold(text: str) -> str:
    """A typed word for comparison: case folded the Turkish way too (İ/ı), dots at the end kept.

    >>> _fold(" HAYIR "), _fold("Hayır"), _fold("EVET"), _fold("İlişki"), _fold("WAHR")
    ('hayir', 'hayir', 'evet', 'ilişki', 'wahr')
    """
    return " ".join(text.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold().split())


# Values as people type them, in de, en and tr, for the fields that take a choice.
# Keys are _fold()ed.
_CHOICE_WORDS = {
    "salutation": {"ms": "ms", "mr": "mr", "none": "none",
                   "frau": "ms", "fr.": "ms", "fr": "ms", "herr": "mr", "herrn": "mr", "hr.": "mr", "hr": "mr",
                   "mrs": "ms", "mrs.": "ms", "ms.": "ms", "miss": "ms", "mr.": "mr",
                   "bayan": "ms", "hanim": "ms", "hn.": "ms", "bay": "mr", "bey": "mr",
                   "divers": "none", "mx": "none", "mx.": "none", "keine": "none", "yok": "none", "-": "none"},
    "relationship": {"prospect": "prospect", "client": "client", "customer": "client",
                     "interessent": "prospect", "interessentin": "prospect", "anfrage": "prospect",
                     "kunde": "client", "kundin": "client", "bestandskunde": "client",
                     "aday": "prospect", "aday müşteri": "prospect", "potansiyel müşteri": "prospect",
                     "müşteri": "client"},
    "contract": {"ongoing": "ongoing", "retainer": "ongoing", "laufend": "ongoing", "dauerauftrag": "ongoing",
                 # German users name the contract by its BGB type: a Dienstvertrag is ended by
                 # notice, a Werkvertrag is a deliverable the writer completes (§ 648 BGB)
                 "dienstvertrag": "ongoing", "süresiz": "ongoing", "sürekli": "ongoing",
                 "project": "project", "projekt": "project", "werkvertrag": "project", "proje": "project"},
}


def _choice(value: Any, source: str, name: str, allowed: tuple[str, ...], default: str) -> str:
    if value is None:
        return default
    if isinstance(value, str):
        word = _fold(value)
        if not word:
            return default
        found = _CHOICE_WORDS.get(name, {}).get(word)
        if found is None and word in allowed:
            found = word
        if found is not None:
            return found
    shown = value if isinstance(value, str) else _kind(value)
    also = {"salutation": "; Herr, Frau, Mr, Mrs, Bay, Bayan, Hanım, Bey work too",
            "relationship": "; Kunde, Interessent, müşteri, aday work too",
            "contract": "; retainer, laufend, Dauerauftrag, Dienstvertrag, süresiz, sürekli or Projekt, Werkvertrag, proje work too",
            }.get(name, "")
    raise _bad(source, name, f"must be one of {', '.join(allowed)} (got {shown!r}){also}")


def _salutation_and_title(value: Any, source: str) -> tuple[str | None, str | None]:
    """A salutation typed with a title in one cell ("Herr Dr.", "Frau Prof.", "Mr." in an
    Outlook "Title" column): the salutation and the title apart; None for what is not there.

    >>> _salutation_and_title("Herr Dr.", "row 2"), _salutation_and_title("Mrs.", "row 2")
    (('mr', 'Dr.'), ('ms', None))
    >>> _salutation_and_title("Dr. med.", "row 2"), _salutation_and_title(None, "row 2")
    ((None, 'Dr. med.'), (None, None))
    """
    if not isinstance(value, str):
        return None, None
    words = value.split()
    salutation, rest = None, []
    for word in words:
        code = _CHOICE_WORDS["salutation"].get(_fold(word))
        if code is not None and salutation is None:
            salutation = code
        else:
            rest.append(word)
    return salutation, " ".join(rest) or None


# Booleans as people type them, in de, en and tr, and as Excel writes them (WAHR/FALSCH,
# DOĞRU/YANLIŞ); "x" marks a yes in a checkbox column. Keys are _fold()ed.
_TRUE = {"true", "yes", "1", "ja", "j", "wahr", "evet", "e", "doğru", "dogru", "x", "y", "✓", "✔"}
_FALSE = {"false", "no", "0", "nein", "n", "falsch", "hayir", "h", "yanliş", "yanlis"}
_BOOL_WORDS = _TRUE | _FALSE


def _bool(value: Any, source: str, name: str, default: bool, strings: bool = True) -> bool:
    """True, False, or one of the words for them (any entry point: CSV, TOML, JSON, a form)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = _fold(value)
        if not word:
            return default
        if word in _BOOL_WORDS:
            return word in _TRUE
    raise _bad(source, name, f"must be yes or no (ja/nein, evet/hayır, true/false, 1/0, x) "
                      f"(got {value!r})")


def number_locale(code: Any) -> str | None:
    """The Babel locale whose numbers a language code stands for, or None if it is none.

    >>> number_locale("de-AT"), number_locale("tr"), number_locale("xx"), number_locale(None)
    ('de_AT', 'tr', None, None)
    """
    if not isinstance(code, str) or not code.strip():
        return None
    from babel.core import Locale, UnknownLocaleError

    name = code.strip().replace("-", "_")
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return name


_MACHINE_NUMBER = r"\d+(?:\.\d+)?"
_EXAMPLE = {"de": "1.234,50", "tr": "1.234,50", "en": "1,234.50"}


def parse_amount(text: str, locale: str | None) -> "Decimal":
    """An amount typed as a person writes it, read by `locale`'s rules (Babel's
    parse_decimal); the plain form "1234.50" is read in every locale where it cannot
    mean anything else. Without a locale, a value that de and en would read as two
    different numbers ("1.234", "1,234") is refused, never guessed. Raises ValueError
    with what to write instead.

    >>> parse_amount("1.234,50", "de"), parse_amount("1.234", "de"), parse_amount("1,234.50", "en")
    (Decimal('1234.50'), Decimal('1234'), Decimal('1234.50'))
    >>> parse_amount("1.234,50", "en"), parse_amount("1.234", "en")  # one reading only; the locale's
    (Decimal('1234.50'), Decimal('1.234'))
    >>> parse_amount("1234.50", "de"), parse_amount("1.234,50", None), parse_amount("12,5", None)
    (Decimal('1234.50'), Decimal('1234.50'), Decimal('12.5'))
    >>> parse_amount("1.234", None)
    Traceback (most recent call last):
    ...
    ValueError: is ambiguous: 1234 in German or Turkish, 1.234 in English; write it without the thousands separator, or give the letter's language
    """
    from decimal import Decimal

    from babel.numbers import NumberFormatError, parse_decimal

    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    if locale is not None:
        try:
            return parse_decimal(text, locale, strict=True)
        except NumberFormatError:
            pass
        if re.fullmatch(_MACHINE_NUMBER, text):  # not this locale's form, and only one number's
            return Decimal(text)
    readings = {}
    for candidate in ("en", "de"):
        try:
            readings[candidate] = parse_decimal(text, candidate, strict=True)
        except NumberFormatError:
            pass
    if locale is not None and len(readings) == 1:  # "1,234.50" in a German letter: one number only
        return next(iter(readings.values()))
    if locale is not None:
        example = _EXAMPLE.get(locale.split("_")[0], "1234.50")
        raise ValueError(f"is not a number as {locale} writes it (such as {example} or 1234.50)")
    if len(readings) == 2 and readings["en"] != readings["de"]:
        raise ValueError(f"is ambiguous: {readings['de']} in German or Turkish, {readings['en']} in English; "
                         "write it without the thousands separator, or give the letter's language")
    if not readings:
        raise ValueError("must be a number such as 1234.50")
    return next(iter(readings.values()))


def _amount_locale(candidates: tuple[Any, ...]) -> str | None:
    """The first of (the letter's or file's locale, the record's language, the default) that is one."""
    for code in candidates:
        found = number_locale(language_code(code) if isinstance(code, str) else None)
        if found:
            return found
    return None


def _amount(value: Any, source: str, locales: tuple[Any, ...] = ()) -> "Decimal | None":
    if value is None or value == "":
        return None
    from decimal import Decimal, InvalidOperation  # only records with money pay for it

    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise _bad(source, 'amount_due', f"must be a number such as 1234.50, not {_kind(value)}")
    if isinstance(value, str):
        if not value.strip():
            return None
        if re.fullmatch(r"\d+", value.strip()):
            amount = Decimal(value.strip())
        else:
            try:
                amount = parse_amount(value, _amount_locale(locales))  # only text amounts need a locale
            except ValueError as exc:
                raise _bad(source, 'amount_due', f"{exc} (got {value!r})") from None
    else:
        try:
            amount = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
        except InvalidOperation:
            raise _bad(source, 'amount_due', f"must be a number such as 1234.50 (got {value!r})") from None
    if isinstance(value, float) and not math.isfinite(value) or not amount.is_finite():
        raise _bad(source, 'amount_due', f"must be a finite number (got {value!r})")
    if amount < 0 or amount >= _MAX_AMOUNT:
        raise _bad(source, 'amount_due', f"must be between 0 and 10^15 (got {value!r})")
    return amount


def _date(value: Any, source: str, name: str) -> _dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        # 31.12.2026, as German and Turkish write a date (and Excel saves it): day first, never ambiguous
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if m:
            text = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _bad(source, name, f"must be a date such as 2026-12-31 or 31.12.2026 (got {value!r})")


# Notice-period units and "to the end of the month" as people write them in en, de and tr
# (keys _fold()ed; a hyphen between letters reads as a space: "month-end").
_PERIOD_UNITS = {"day": "days", "days": "days", "tag": "days", "tage": "days", "tagen": "days",
                 "kalendertag": "days", "kalendertage": "days", "gün": "days", "gun": "days",
                 "week": "weeks", "weeks": "weeks", "woche": "weeks", "wochen": "weeks", "hafta": "weeks",
                 "month": "months", "months": "months", "monat": "months", "monate": "months",
                 "monaten": "months", "monats": "months", "ay": "months"}
_MONTH_END = frozenset({
    "to the end of the month", "to the end of a month", "to the end of the calendar month",
    "to the end of a calendar month", "to the month end", "to month end", "month end", "end of month",
    "end of the month", "to end of month", "at the end of the month", "at month end",
    "zum monatsende", "monatsende", "zum ende des monats", "zum ende eines monats",
    "zum ende des kalendermonats", "zum ende eines kalendermonats", "zum schluss eines kalendermonats",
    "zum schluss des kalendermonats", "zum monatsschluss",
    "ay sonu", "ay sonunda", "ay sonuna", "ay sonuna kadar", "ayin sonu", "ayin sonunda", "ayin sonuna",
    "ayin sonuna kadar"})
# The longest period taken: a longer one is almost surely a typo ("999999 months").
_PERIOD_MAX = {"days": 1096, "weeks": 157, "months": 36}
_PERIOD_FORMS = ('such as "30 days", "4 weeks", "3 months" (also Tage, Wochen, Monate; gün, hafta, ay), '
                 'optionally "to the end of the month" (zum Monatsende, ay sonu)')


def _notice_period(value: Any, source: str) -> NoticePeriod | None:
    """A notice period as typed ("30 days", „3 Monate zum Monatsende“, "1 ay, ay sonu"),
    or None for an empty value; anything else a RecordError naming the accepted forms.

    >>> _notice_period("3 Monate zum Monatsende", ""), _notice_period("4 hafta", "")
    (NoticePeriod(length=3, unit='months', month_end=True), NoticePeriod(length=4, unit='weeks', month_end=False))
    """
    if value is None or isinstance(value, str) and not value.strip():
        return None
    if not isinstance(value, str):
        raise _bad(source, "notice_period", f"must be text {_PERIOD_FORMS}, not {_kind(value)}")
    text = _text(value, source, "notice_period", one_line=True, limit=100)
    if text is None:  # only invisible characters: as empty as only spaces
        return None
    m = re.fullmatch(r"(\d+)\s*([^\W\d_]+)\.?\s*(?:,\s*)?(.*)", _fold(re.sub(r"(?<=\w)-(?=\w)", " ", text)))
    unit = _PERIOD_UNITS.get(m[2]) if m else None
    rest = " ".join(m[3].split()) if m else ""
    if m is None or unit is None or rest and rest not in _MONTH_END:
        raise _bad(source, "notice_period", f"must be a notice period {_PERIOD_FORMS} (got {value!r}); "
                   "for any other end, give end_date instead")
    count = int(m[1]) if len(m[1]) < 10 else _PERIOD_MAX[unit] + 1
    if count < 1:
        raise _bad(source, "notice_period", f"must be longer than 0 (got {value!r}): without a notice period, "
                   "leave it out and give end_date")
    if count > _PERIOD_MAX[unit]:
        raise _bad(source, "notice_period", f"is longer than a notice period can be here (at most 36 months, "
                   f"157 weeks or 1096 days; got {value!r}): check it, or give end_date instead")
    return NoticePeriod(count, unit, bool(rest))


def notice_end(client: Client, today: _dt.date, source: str = "") -> Client:
    """`client` with the end its notice period gives when notice is given on `today` (the
    letter's date): end_date, unless the record has one, and notice (the end keeps to the
    agreed notice). An end_date before that end is a RecordError on end_date. Prospect
    letters end nothing: their record is returned as it is."""
    period = client.notice_period
    if period is None or client.relationship != "client":
        return client
    try:
        ends = period.end(today)
    except (OverflowError, ValueError):
        raise _bad(source, "notice_period", f"ends after the year 9999 from {today.isoformat()}: "
                   "check the letter's date (--date)") from None
    if client.end_date is None:
        return client._replace(end_date=ends, notice=True)
    if client.end_date < ends:
        raise _bad(source, "end_date", f"is {client.end_date.isoformat()}, before {ends.isoformat()}, when the "
                   f"notice period ({period}) ends if notice is given on {today.isoformat()}: set end_date on or "
                   f"after {ends.isoformat()}, or leave it out and the letter names {ends.isoformat()}")
    return client._replace(notice=True)


def _table_list(value: Any, source: str, name: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _bad(source, name, f"must be a list of tables (TOML [[{name}]], JSON [{{...}}])")
    return value


def _referrals(value: Any, source: str) -> tuple[Referral, ...]:
    out = []
    for i, item in enumerate(_table_list(value, source, "referrals"), 1):
        label = f"referrals[{i}]"
        name = _text(item.get("name"), source, f"{label}.name", one_line=True, limit=200)
        if not name:
            raise _bad(source, label + '.name', "is required")
        out.append(Referral(
            name=name,
            contact=_text(item.get("contact"), source, f"{label}.contact", one_line=True, limit=300),
            note=_text(item.get("note"), source, f"{label}.note", one_line=False, limit=500),
        ))
    return tuple(out)


def _resources(value: Any, source: str) -> tuple[Resource, ...]:
    out = []
    for i, item in enumerate(_table_list(value, source, "resources"), 1):
        label = f"resources[{i}]"
        title = _text(item.get("title"), source, f"{label}.title", one_line=True, limit=300)
        url = _text(item.get("url"), source, f"{label}.url", one_line=True, limit=2000)
        if not title:
            raise _bad(source, label + '.title', "is required")
        if not url or not re.fullmatch(_URL, url, re.IGNORECASE):
            raise _bad(source, label + '.url', "must be an http(s):// or mailto: link without spaces")
        out.append(Resource(title=title, url=url))
    return tuple(out)


def _extra(value: Any, source: str, name: str, depth: int = 0) -> Any:
    """Extra keys reach the templates; their text is cleaned like any other field."""
    if depth > _MAX_DEPTH:
        raise _bad(source, name, f"is nested too deeply (at most {_MAX_DEPTH} levels)")
    if isinstance(value, str):
        return _text(value, source, name, one_line=False) or ""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad(source, name, "must be a finite number")
        return value
    # numbers.Number takes a Decimal without importing decimal at every start
    if isinstance(value, (bool, int, _dt.date, _dt.time, numbers.Number)) or value is None:
        return value
    if isinstance(value, list):
        return [_extra(v, source, f"{name}[{i}]", depth + 1) for i, v in enumerate(value, 1)]
    if isinstance(value, dict):
        return {str(k): _extra(v, source, f"{name}.{k}", depth + 1) for k, v in value.items()}
    raise _bad(source, name, f"has an unsupported type ({type(value).__name__})")


# Titles typed in front of a name, as each language writes them. German (DIN 5008)
# keeps only Dr. and Prof. in a salutation, Turkish keeps its academic and
# professional titles (render.salutation_title); this only finds them.
_TITLE_WORDS = ("Prof", "Dr", "Doç", "Doc", "Dipl", "Mag", "Op", "Uzm", "Av", "Yrd", "Öğr")
_LEADING_TITLES = (
    r"^((?:(?:Prof|Professor|Professorin|Dr|Doç|Doc|Dipl|Mag|Op|Uzm|Av|Yrd|Öğr\.?\s*Üyesi|Öğr)\.?"
    r"(?:-[A-Za-z]+\.?)?(?:\s+(?:med|rer\.\s*nat|phil|jur|habil|Öğr\.?\s*Üyesi)\.?)?\s+)+)(?=\S)")


def leading_title(name: str) -> tuple[str | None, str]:
    """Titles typed into the name itself, and the name without them.

    >>> leading_title("Prof. Dr. Max Huber")
    ('Prof. Dr.', 'Max Huber')
    >>> leading_title("Dr. med. Eva Roth")
    ('Dr. med.', 'Eva Roth')
    >>> leading_title("Dr. Öğr. Üyesi Zeynep Çelik")
    ('Dr. Öğr. Üyesi', 'Zeynep Çelik')
    >>> leading_title("Av. Ahmet Kaya")
    ('Av.', 'Ahmet Kaya')
    >>> leading_title("Drew Barrymore"), leading_title("Avery Smith")
    ((None, 'Drew Barrymore'), (None, 'Avery Smith'))
    """
    m = re.match(_LEADING_TITLES, name) if name.startswith(_TITLE_WORDS) else None
    if not m:
        return None, name
    found = m.group(1).strip()
    # "Op", "Av", "Mag" ... without their dot are names ("Av Kaya" is not a lawyer): a title needs its dot
    # unless it is spelt out ("Professor").
    if any(w in ("Op", "Av", "Uzm", "Doç", "Doc", "Yrd", "Mag", "Öğr") for w in found.split()):
        return None, name
    return found, name[m.end():]


# Salutations typed into a name: "Frau Anna Müller", "Mr John Smith", "Ayşe Hanım".
_BEFORE = {"frau": "ms", "fr.": "ms", "herr": "mr", "hr.": "mr", "hrn.": "mr", "herrn": "mr",
           "ms": "ms", "ms.": "ms", "mrs": "ms", "mrs.": "ms", "miss": "ms", "mr": "mr", "mr.": "mr",
           "bayan": "ms", "bay": "mr"}
_AFTER = {"hanım": "ms", "hanim": "ms", "hn.": "ms", "bey": "mr"}
_BARE = ("sayın", "sayin", "mx", "mx.", "dear")  # said to anyone: dropped, no salutation
# Particles that belong to the surname: "Ludwig van Beethoven" is Herr van Beethoven.
PARTICLES = frozenset({"von", "van", "vom", "zu", "zum", "zur", "de", "der", "den", "des", "del", "della",
                       "di", "da", "du", "dos", "le", "la", "ter", "ten", "te", "af", "av", "y"})
_TURKISH_LETTERS = "İıŞşĞğ"
# After a comma, these end a name rather than begin the given name ("Smith, Jr.").
_SUFFIXES = frozenset({"jr", "sr", "phd", "mba", "md", "ii", "iii", "iv", "msc", "bsc", "ma", "ba", "llm", "esq"})


class Name(NamedTuple):
    """A name as people type it, taken apart."""
    name: str | None  # the full name without salutation or title, as it is written in a letter
    first_name: str | None
    surname: str | None
    parts: str  # "full", "given" (only a given name is known) or "surname" (only a surname)
    salutation: str | None  # typed "Frau", "Mr", "Hanım" ...: ms / mr
    title: str | None  # typed "Dr.", "Doç. Dr." ...


def _case_word(word: str, turkic: bool) -> str:
    lower = word.replace("I", "ı").replace("İ", "i").lower() if turkic else word.lower()
    # a capital after the start, a hyphen or an apostrophe: Müller-Lüdenscheidt, O'Brien
    out, up = [], True
    for ch in lower:
        out.append(("İ" if turkic and ch == "i" else ch.upper()) if up and ch.isalpha() else ch)
        up = ch in "-'’"
    return "".join(out)


def name_case(text: str) -> str:
    """A name typed in capitals, written as a name; particles in lower case. Turkish
    rules (i/İ, ı/I) when the name has a letter only Turkish has, never str.title().

    >>> name_case("ŞEYMA IŞIK"), name_case("JÜRGEN MÜLLER"), name_case("JAN VAN DER BERG")
    ('Şeyma Işık', 'Jürgen Müller', 'Jan van der Berg')
    >>> name_case("SEÁN O'BRIEN"), name_case("Anna Müller"), name_case("MEHMET ALİ BİRAND")
    ("Seán O'Brien", 'Anna Müller', 'Mehmet Ali Birand')
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or any(not ch.isupper() for ch in letters if ch.lower() != ch.upper()):
        return text  # not all capitals: written as the person wrote it
    turkic = any(ch in _TURKISH_LETTERS for ch in text)
    words = text.split(" ")
    return " ".join(w.lower() if i and w.lower() in PARTICLES else _case_word(w, turkic)
                    for i, w in enumerate(words))


def _peel(words: list[str]) -> tuple[str | None, str | None, list[str], bool]:
    """(salutation, title, the words of the name, whether the salutation came after
    them as in Turkish) from a typed name's words; the last word is always kept."""
    salutation, titles, after = None, [], False
    while len(words) > 1:
        word = words[0].lower()
        if word in _BARE:
            words = words[1:]
        elif word in _BEFORE and salutation is None:
            salutation, words = _BEFORE[word], words[1:]
        else:
            title, rest = leading_title(" ".join(words))
            if title is None:
                break
            titles.append(title)
            words = rest.split(" ")
    if salutation is None and len(words) > 1 and words[-1].lower() in _AFTER:
        salutation, words, after = _AFTER[words[-1].lower()], words[:-1], True
    return salutation, " ".join(titles) or None, words, after


def split_name(name: str) -> tuple[str, str]:
    """Given name(s) and surname of a full name: the surname is the last word with
    the particles before it; one word serves as both.

    >>> split_name("Ayşe Yılmaz"), split_name("Mehmet Ali Birand")
    (('Ayşe', 'Yılmaz'), ('Mehmet Ali', 'Birand'))
    >>> split_name("Ludwig van Beethoven"), split_name("Jan van der Berg")
    (('Ludwig', 'van Beethoven'), ('Jan', 'van der Berg'))
    >>> split_name("Madonna")
    ('Madonna', 'Madonna')
    """
    words = name.split(" ")
    if len(words) == 1:
        return name, name
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def parse_name(raw: str | None, first_name: str | None = None, surname: str | None = None) -> Name:
    """Take apart a name as people type it: "Müller, Anna" (surname first), a
    salutation ("Frau", "Mr", "… Hanım"), titles ("Doç. Dr."), capitals. The
    record's own first_name / surname win over the split.

    >>> parse_name("Müller, Anna")[:4]
    ('Anna Müller', 'Anna', 'Müller', 'full')
    >>> parse_name("Frau Prof. Dr. Inge Weiß")
    Name(name='Inge Weiß', first_name='Inge', surname='Weiß', parts='full', salutation='ms', title='Prof. Dr.')
    >>> parse_name("Ayşe Nur Hanım")[:5]
    ('Ayşe Nur', 'Ayşe Nur', 'Ayşe Nur', 'given', 'ms')
    >>> parse_name("Jane").parts, parse_name("Mr Smith").parts, parse_name("Dr. Smith").parts
    ('given', 'surname', 'surname')
    >>> parse_name(None).name is None
    True
    """
    name = raw or ""
    if name.count(",") == 1:  # "Müller, Anna": the CRM and Outlook form
        found = _surname_first(name, first_name, surname)
        if isinstance(found, Name):
            return found
        name = found
    salutation, title, words, after = _peel([w for w in name.split(" ") if w])
    name = name_case(" ".join(words)) if words else ""
    if not name:
        if first_name or surname:
            name = " ".join(p for p in (first_name, surname) if p)
            parts = "full" if first_name and surname else "given" if first_name else "surname"
            return Name(name, first_name or surname, surname or first_name, parts, salutation, title)
        return Name(None, None, None, "full", salutation, title)
    if after:  # "Ayşe Nur Hanım", "Mehmet Ali Bey": Turkish puts the salutation after the given name(s)
        given, last, parts = name, name, "given"
    elif " " not in name:  # one word: a surname after "Frau"/"Mr"/"Dr.", else a given name
        given, last = name, name
        parts = "surname" if salutation or title else "given"
    else:
        given, last = split_name(name)
        parts = "full"
    given, last, parts = _given_parts(name, given, last, parts, first_name, surname)
    return Name(name, first_name or given, surname or last, parts, salutation, title)


def _surname_first(name: str, first_name: str | None, surname: str | None) -> Name | str:
    """A name with one comma: "Müller, Anna" as a Name; else ("Smith, Jr.", "Müller,") the
    part of it to read as a name written the usual way round."""
    last, _, given = (part.strip() for part in name.partition(","))
    sal_last, title_last, last_words, _ = _peel(last.split(" "))
    sal_given, title_given, given_words, _ = _peel(given.split(" "))
    if not (last and given):
        return last or given  # "Müller," or ", Anna": a stray comma
    cased = name_case(" ".join(given_words + last_words)).split(" ")  # capitals as one name: particles too
    given, last = " ".join(cased[:len(given_words)]), " ".join(cased[len(given_words):])
    title = " ".join(t for t in (title_last, title_given) if t) or None
    if given.replace(".", "").lower() not in _SUFFIXES:
        return Name(f"{given} {last}", first_name or given, surname or last, "full",
                    sal_last or sal_given, title)
    return last  # "Smith, Jr.", "Anna Müller, PhD": not the surname-first form


def _given_parts(name: str, given: str, last: str, parts: str, first_name: str | None,
                 surname: str | None) -> tuple[str, str, str]:
    """(given name, surname, parts) once the record's own first_name / surname are taken in."""
    if first_name and surname:
        parts = "full"
    elif first_name:
        given = first_name
        if name.startswith(first_name + " "):
            last, parts = name[len(first_name) + 1:], "full"
        elif parts == "surname":
            parts = "full"
    elif surname:
        last = surname
        if name.endswith(" " + surname):
            given, parts = name[: -len(surname) - 1], "full"
        elif parts == "given":
            parts = "surname" if name == surname else "full"
    return given, last, parts


# Language names as a spreadsheet or contacts export writes them, in de, en and tr (keys _fold()ed).
_LANGUAGE_NAMES = {"deutsch": "de", "german": "de", "almanca": "de", "englisch": "en", "english": "en",
                   "ingilizce": "en", "türkisch": "tr", "turkish": "tr", "türkçe": "tr", "turkce": "tr"}


def language_code(value: str | None) -> str | None:
    """A letter language as people write it: a code ("de"), a tag ("de-DE", "tr_TR") or a name
    ("Deutsch", "English", "Türkçe"); anything else as typed, for the language check to name.

    >>> language_code("de-DE"), language_code("TÜRKÇE"), language_code("English"), language_code("fr")
    ('de', 'tr', 'en', 'fr')
    """
    if not value:
        return None
    word = _fold(value)
    if word in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[word]
    m = re.fullmatch(r"([a-z]{2,3})[-_][a-z0-9]{2,8}", word)
    return m[1] if m else value.lower()


def currency_code(value: Any, source: str, name: str = "currency") -> str:
    """An ISO 4217 code as typed ("eur" too), checked; a RecordError naming `name` if it is none.

    >>> currency_code("eur", "row 2")
    'EUR'
    """
    if not isinstance(value, str):
        raise _bad(source, name, f"must be a three-letter ISO 4217 code such as EUR, not {_kind(value)}")
    code = value.strip().upper()
    if len(code) != 3 or not all("A" <= ch <= "Z" for ch in code):
        raise _bad(source, name, f"must be a three-letter ISO 4217 code such as EUR (got {code!r})")
    if _currency_places(code) is None:
        raise _bad(source, name, f"is not an ISO 4217 currency code such as EUR, USD or TRY (got {code!r})")
    return code


def _currency_places(code: str) -> int | None:
    from .cldr import currency as currency_places  # Babel: only records with money pay for it

    return currency_places(code)


def parse_record(data: Mapping[str, Any], source: str = "client record", *, strings: bool = True,
                 locale: str | None = None, default_locale: str | None = None,
                 default_currency: str | None = None) -> Client:
    """Validate a mapping into a Client; `source` names the file or row in errors.

    Values may be typed as people type them, in de, en and tr: booleans (ja/nein,
    WAHR/FALSCH, evet/hayır, yes/no, 1/0, x), salutations (Herr, Frau, Mrs, Bay,
    Hanım ...), relationships (Kunde, müşteri ...), dates (31.12.2026) and amounts
    ("1.234,50"). An amount is read by `locale` (the letter's language, or a file's),
    else the record's own language, else `default_locale`; without any, only a
    value that cannot be read two ways is taken. An amount without a currency takes
    `default_currency` (the house style's [defaults] currency, or batch --currency),
    if one is given. `strings` is kept for callers of older versions: words are
    booleans in every entry point now.
    """
    _check_field_names(data, source)
    parsed = parse_name(no_bidi(_text(data.get("name"), source, "name", one_line=True), source, "name"),
                        _text(data.get("first_name"), source, "first_name", one_line=True),
                        _text(data.get("surname"), source, "surname", one_line=True))
    amount = _amount(data.get("amount_due"), source, (locale, data.get("language"), default_locale))
    currency = _currency(data, amount, source, default_currency)
    email = _text(data.get("email"), source, "email", one_line=True)
    if email is not None:
        email = email_address(email, source, "email")
    language = _text(data.get("language"), source, "language", one_line=True)
    extra = {k: _extra(v, source, k) for k, v in data.items() if k not in KNOWN_FIELDS}
    typed_salutation, title = _salutation_and_title_fields(data, source)
    client = Client(
        name=parsed.name,
        first_name=parsed.first_name,
        surname=parsed.surname,
        title=title or parsed.title,
        salutation=_choice(typed_salutation, source, "salutation", SALUTATIONS, parsed.salutation or "none"),
        formal=_bool(data.get("formal"), source, "formal", True),
        email=email,
        company=no_bidi(_text(data.get("company"), source, "company", one_line=True), source, "company"),
        language=language_code(language),
        relationship=_choice(data.get("relationship"), source, "relationship", RELATIONSHIPS, "prospect"),
        request=_text(data.get("request"), source, "request", one_line=False),
        amount_due=amount,
        currency=currency,
        end_date=_date(data.get("end_date"), source, "end_date"),
        pay_by=_date(data.get("pay_by"), source, "pay_by"),
        notice=_bool(data.get("notice"), source, "notice", False),
        access=_bool(data.get("access"), source, "access", False),
        contract=_choice(data.get("contract"), source, "contract", CONTRACTS, "ongoing"),
        referrals=_referrals(data.get("referrals"), source),
        resources=_resources(data.get("resources"), source),
        extra=extra,
        name_parts=parsed.parts,
        notice_period=_notice_period(data.get("notice_period"), source),
    )
    if client.notice_period is not None:
        _check_period(client, data, source)
    return client


def _check_period(client: Client, data: Mapping[str, Any], source: str) -> None:
    """A notice period against what else the record says: not beside notice = no (only the
    record tells that "no" from a notice left out), not for a project."""
    if _bool(data.get("notice"), source, "notice", True) is False:
        raise _bad(source, "notice", "is no, but notice_period is given, so the end keeps to the notice: "
                   "leave out one of them")
    if client.relationship == "client" and client.contract == "project":
        raise _bad(source, "notice_period", "is given for a project, which ends on its agreed completion "
                   "(end_date), not by notice: leave notice_period out, or set contract = \"ongoing\"")


def overdue_paid_before_the_end(client: Client, source: str = "", derived: bool = False) -> None:
    """For a nonpayment letter (Engine.resolve): it ends the work because fees are
    overdue and asks for them by pay_by, so a pay_by after end_date would give the
    arrears until after the work has ended, which undoes the letter's own condition
    and reads as a deferral (reviewers in all three languages, r32-de 1, r33-tr I17,
    r35-en F2). Other reasons may give a final balance a later date. `derived`: the
    end_date is the one the notice period gives (notice_end), not the record's."""
    if client.amount_due is not None and client.pay_by and client.end_date and client.pay_by > client.end_date:
        end = f"end_date {client.end_date.isoformat()}" + (" (the end notice_period gives)" if derived else "")
        raise _bad(source, "pay_by", f"is {client.pay_by.isoformat()}, after {end}: "
                   "a nonpayment letter cannot give overdue fees until after the work ends; set pay_by on or "
                   "before end_date, or leave it out (the letter then sets a date 14 days, or the house "
                   "style's payment_days, from today)")


def _check_field_names(data: Mapping[str, Any], source: str) -> None:
    """Field names are text; a "Name" or "NAME" key is a name meant, not an extra field."""
    for key in data:
        if not isinstance(key, str):
            raise RecordError(f"{source + ': ' if source else ''}field names must be text (got {key!r})",
                              source=source or None,
                              detail=f"field names must be text (got {key!r})")
    # No name is a letter to an unknown recipient ("Sehr geehrte Damen und Herren,"), but a
    # "Name" or "NAME" key is a name meant, not an extra field.
    if "name" not in data:
        for key in data:
            if key.lower() in ("name", "first_name", "surname"):
                raise RecordError(f"{_where(source, key)}: field names are lower case: write {key.lower()!r}", field=key,
                                  source=source or None, detail=f"field names are lower case: write {key.lower()!r}")


def _currency(data: Mapping[str, Any], amount: Any, source: str, default: str | None = None) -> str | None:
    """The record's currency code, checked, and the amount checked against it; an amount
    without a currency takes `default` (the house style's or setup's [defaults] currency,
    or batch --currency), if one is given."""
    currency = _text(data.get("currency"), source, "currency", one_line=True)
    if amount is not None and currency is None and default:
        currency = default
    if amount is not None and currency is None:
        raise _bad(source, 'currency', f"is required with amount_due: add currency = \"EUR\" (or USD, TRY, ...)")
    if currency is not None:
        currency = currency_code(currency, source, "currency")
        places = _currency_places(currency)
        if amount is not None and places is not None and amount != amount.quantize(amount.__class__(1).scaleb(-places)):
            # The letter prints the amount in the currency's units: 0.001 EUR would ask for €0.00.
            raise _bad(source, 'amount_due', f"has more decimal places than {currency} has "
                              f"({places}; got {data.get('amount_due')!r})")
    return currency


def _salutation_and_title_fields(data: Mapping[str, Any], source: str) -> tuple[Any, str | None]:
    """(salutation as typed, title): "Herr Dr." in a salutation, "Mr." or "Frau" in a title
    (Outlook's "Title" column), each part to its field."""
    title = _text(data.get("title"), source, "title", one_line=True)
    typed_salutation = data.get("salutation")
    salutation_in_title, title = _salutation_and_title(title, source) if title else (None, None)
    if isinstance(typed_salutation, str) and _fold(typed_salutation) not in _CHOICE_WORDS["salutation"]:
        word, rest = _salutation_and_title(typed_salutation, source)
        # German Outlook's "Anrede" holds "Herr Dr." or "Dr.": a title there is a title
        if rest is None or leading_title(rest + " X")[0] == rest:
            typed_salutation, title = word, title or rest
    if typed_salutation is None or (isinstance(typed_salutation, str) and not typed_salutation.strip()):
        typed_salutation = salutation_in_title
    return typed_salutation, title


def no_bidi(value: str | None, source: str, name: str) -> str | None:
    """`value`, unless it holds a bidirectional control (U+202A-U+202E, U+2066-U+2069).

    >>> no_bidi("Kim \u202egnp.exe", "row 2", "name")
    Traceback (most recent call last):
    ...
    refusalkit.errors.RecordError: row 2: field 'name' contains a bidirectional control character (U+202E), which makes a mail client show the text in another order: remove it
    """
    if value is None or value.isprintable():  # the bidi controls are not printable (Cf)
        return value
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise _bad(source, name, f"contains a bidirectional control character "
                              f"(U+{ord(ch):04X}), which makes a mail client show the text in another order: remove it")
    return value


# A plain address: a dot-atom, "@", and a domain of letters, digits and hyphens. The
# email package's parser reads each one back exactly (a property test checks it), so
# the usual address does not import it (email.headerregistry costs a cold start ~10 ms).
_PLAIN_EMAIL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"


def email_address(value: str, source: str, name: str = "email") -> str:
    """`value`, if it is exactly one address (RFC 5322 addr-spec) that an email header
    can carry as it is: what the email package's parser reads, without a display name,
    angle brackets, comments, encoded words or a second address; the part before "@"
    in ASCII, the domain ASCII or an internationalized (IDNA) one.

    >>> email_address("kim@bücher.example", "row 2")
    'kim@bücher.example'
    >>> email_address("kim@example.com,bank.example", "row 2")
    Traceback (most recent call last):
    ...
    refusalkit.errors.RecordError: row 2: field 'email' must be one address such as name@example.com (got 'kim@example.com,bank.example')
    """
    no_bidi(value, source, name)
    if "=?" not in value and re.fullmatch(_PLAIN_EMAIL, value):
        return value
    if not value.rpartition("@")[0].isascii():  # an .eml header can carry only ASCII there
        raise _bad(source, name, f"must be one address such as name@example.com, with only "
                          f"ASCII letters before the @ (got {value!r})")
    error = _bad(source, name, f"must be one address such as name@example.com (got {value!r})")
    from email.headerregistry import Address

    try:
        # Address() parses with the email package's addr-spec parser and refuses what it
        # leaves over (", bank.example") or finds defective ("a.@b.c", an encoded word).
        address = Address(addr_spec=value)
        same = address.addr_spec == value  # no comment dropped, no word decoded, no quotes undone
    except Exception:  # HeaderParseError, a defect, ValueError, or a crash inside the parser
        raise error from None
    if not same:
        raise error
    if not address.domain.isascii():
        try:
            address.domain.encode("idna")
        except UnicodeError:
            raise _bad(source, name, f"must be one address such as name@example.com: "
                              f"its domain is not a valid internationalized domain name (got {value!r})") from None
    return value


def _at(label: str, line: int | None = None) -> dict[str, Any]:
    """Where a record file's error is: the file, or the source when it is stdin."""
    return {"source": label, "line": line} if label == "<stdin>" else {"file": label, "line": line}


def _decode(raw: bytes, label: str) -> str:
    try:  # as "utf-8-sig" decodes (error offsets too), without importing that codec at every start
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(f"{label}, line {line}: not UTF-8 text: save the file as UTF-8", **_at(label, line),
                          detail="not UTF-8 text: save the file as UTF-8") from None


def read_record_file(path: str, stdin: str | bytes | None = None) -> dict[str, Any]:
    """Read a TOML or JSON record (by extension; `-` is stdin, JSON if it starts with `{`: TOML may
    start with `[table]` or `[[referrals]]`)."""
    if path == "-":
        label = "<stdin>"
        text = _decode(stdin, label) if isinstance(stdin, bytes) else (stdin or "").removeprefix("\ufeff")
        kind: str | None = "json" if text.lstrip().startswith("{") else "toml"
    else:
        label = path
        kind = {".toml": "toml", ".json": "json", ".vcf": "vcf"}.get(os.path.splitext(path)[1].lower())
        if kind is None:
            raise UsageError(f"{path}: a client record must end in .toml, .json or .vcf (a vCard)")
        text = _decode(_read_bytes(path), label)
    if kind == "vcf":
        from .vcard import read_vcard_file  # imports vobject: only for a card

        return read_vcard_file(label, text)
    if kind == "toml":
        return _toml_record(text, label, stdin=path == "-")
    return _json_record(text, label)


def _read_bytes(path: str) -> bytes:
    """The record file's bytes; a file that cannot be read is one line naming it."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file: check the path given to --client") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a client record file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror})") from None
    except ValueError:  # a NUL in the path
        raise UsageError(f"{path!r}: not a valid file name") from None


def _toml_record(text: str, label: str, stdin: bool) -> dict[str, Any]:
    """A TOML record; invalid TOML is a RecordError with its line and column."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, where, line = str(exc), "", None
        m = re.search(_TOML_WHERE, message)  # Python < 3.14 has the position only in the message
        if m:
            message = message[: m.start()]
            line = int(m[1]) if m[1] else text.rstrip().count(chr(10)) + 1
            where = f", line {line}, column {m[2]}" if m[1] else f", line {line}"
        if stdin and text.lstrip().startswith("["):  # not TOML: perhaps a JSON array?
            _not_a_json_array(text, label)
        raise RecordError(f"{label}{where}: invalid TOML: {message}", **_at(label, line),
                          detail=f"invalid TOML: {message}") from None
    except RecursionError:
        raise RecordError(f"{label}: invalid TOML: nested too deeply", **_at(label)) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise RecordError(f"{label}: invalid TOML: a number has too many digits", **_at(label)) from None


def _json_record(text: str, label: str) -> dict[str, Any]:
    """A JSON record, which must be an object; invalid JSON is a RecordError with its line and column."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{label}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}",
                          **_at(label, exc.lineno), detail=f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise RecordError(f"{label}: invalid JSON: nested too deeply", **_at(label)) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise RecordError(f"{label}: invalid JSON: a number has too many digits", **_at(label)) from None
    if not isinstance(data, dict):
        raise RecordError(f"{label}: a JSON client record must be an object {{...}}, not {_kind(data)}", **_at(label))
    return data


def _not_a_json_array(text: str, label: str) -> None:
    """Stdin that is not TOML but a JSON array: say that a record is an object."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    raise RecordError(f"{label}: a JSON client record must be an object {{...}}, not {_kind(data)}", **_at(label))


# The same checks serve the house-style file (style.py).
parse_referrals = _referrals
parse_resources = _resources
clean_text = _text
