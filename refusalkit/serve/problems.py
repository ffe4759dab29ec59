"""What the page says about a problem, in the page's language: a form field's, a dropped record
file's, or the engine's.

The engine's errors are English, for the command line. The page never shows them and never
reads them: it says what to do from the data each error carries (errors.py: `field`, `file`,
`line`) and from the value the record holds there, in words of the `page` catalog. Which kind
of file error it is, is known from where it arose (reading the file or checking its fields)
and from the file's name, not from the message.
"""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .page import P_  # marks a page message for extraction (babel-page.cfg)

# The form's boxes: a problem with one of these fields is shown next to it.
CLIENT_FIELDS = ("name", "title", "salutation", "email", "company", "request", "amount_due", "currency", "end_date")
BOXES = CLIENT_FIELDS + ("reason", "lang", "relationship")

HINTS = MappingProxyType({
    "name": P_("Enter the client's name: the letter needs someone to greet."),
    "email": P_("Enter one email address, such as name@example.com."),
    "currency": P_("Use a three-letter currency code such as EUR, USD or TRY."),
    "end_date": P_("Enter a date such as 2026-12-31."),
    "salutation": P_("Choose a salutation from the list."),
    "reason": P_("Choose a reason from the list."),
    "lang": P_("This language is not available: choose one from the list."),
})

# What to write in a record file's field (or an extra the form does not show), by field.
IN_A_FILE = MappingProxyType({
    "salutation": P_("Use ms, mr or none; Frau, Herr, Mrs, Mr, Bayan, Bay, Hanım or Bey work too."),
    "formal": P_("Enter yes or no (ja/nein, evet/hayır, true/false, 1/0)."),
    "notice": P_("Enter yes or no (ja/nein, evet/hayır, true/false, 1/0)."),
    "access": P_("Enter yes or no (ja/nein, evet/hayır, true/false, 1/0)."),
    "relationship": P_("Use prospect or client; Interessent, Kunde, aday or müşteri work too."),
    "contract": P_("Use ongoing or project; laufend, Dauerauftrag, Projekt, süresiz or proje work too."),
    "language": P_("Use a language code such as de, en or tr."),
    "pay_by": HINTS["end_date"],
    "end_date": HINTS["end_date"],
    "email": HINTS["email"],
    "currency": HINTS["currency"],
    "url": P_("Enter an http://, https:// or mailto: link without spaces."),
})


# Fields whose value is text in a record file (a number or a list there is a mistake).
TEXT_FIELDS = frozenset({"name", "first_name", "surname", "title", "salutation", "email", "company", "language",
                         "relationship", "contract", "request", "currency", "contact", "note", "url"})


class Problems:
    """The form's problems in the page's language (`trans`), for a letter in `locale`."""

    def __init__(self, trans: gettext.NullTranslations, locale: str = "en", reading: str | None = "en") -> None:
        self.trans = trans
        self.locale = locale  # how the page writes an example amount
        self.reading = reading  # the locale amounts were read with (None: none, as a file without a language)
        self.found: list[dict[str, Any]] = []

    def say(self, message: str, /, **values: Any) -> str:
        return self.trans.gettext(message).format(**values)

    def add(self, box: str | None, message: str, **values: Any) -> None:
        """`message` next to the form's box `box` (None: above the letter), once per box."""
        if box is None or all(p["field"] != box for p in self.found):
            self.found.append({"field": box, "message": self.say(message, **values)})

    def field(self, field: str, record: Mapping[str, Any]) -> None:
        """What to enter in the form's box `field`, whose value the engine refused."""
        message, values = self.hint(field, record, box=True)
        self.add(field, message, **values)

    def hint(self, field: str, record: Mapping[str, Any], box: bool = False) -> tuple[str, dict[str, Any]]:
        """(message, its values) saying what to enter in `field` of `record`: from the value
        itself (a line break, a control character, too long, not text), else by the field."""
        from ..records import _MAX, _MAX_TEXT

        value = value_at(record, field)
        base = field.rsplit(".", 1)[-1]
        if isinstance(value, str) and not value.isprintable():
            if "\n" in value or "\r" in value:
                return P_("Keep this on one line."), {}
            return P_("This contains an invisible control character: retype it."), {}
        limit = _MAX.get(base, _MAX_TEXT) if base in ("name", "title", "email", "company", "request") else None
        if isinstance(value, str) and limit and len(value) > limit:
            return P_("This is too long: {count} characters, at most {limit}."), {"count": len(value), "limit": limit}
        if base == "amount_due":
            return self.amount(record)
        if base == "currency" and value in (None, ""):
            return P_("Choose the currency of the amount, such as EUR."), {}
        if field != field.lower() and field.lower() in ("name", "first_name", "surname"):
            return P_("Write field names in lower case: {name}."), {"name": field.lower()}
        if re.fullmatch(r"(?:referrals|resources)\[\d+\]\.(?:name|title)", field) and value in (None, ""):
            return (P_("Each referral needs a name.") if base == "name" else P_("Each resource needs a title.")), {}
        if field in ("referrals", "resources"):
            return P_("Write this as a list of tables: [[{field}]] in TOML, [{example}] in JSON."), \
                {"field": field, "example": "{...}"}
        if value is not None and not isinstance(value, str) and base in TEXT_FIELDS:
            return P_("Write this as text, in quotes."), {}
        if box and field in HINTS:
            return HINTS[field], {}
        if base in IN_A_FILE:
            return IN_A_FILE[base], {}
        return HINTS.get(field, P_("Check this entry.")), {}

    def amount(self, record: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        from ..cldr import currency as places_of
        from ..records import parse_amount
        from .page import amount_example

        value = record.get("amount_due")
        if isinstance(value, str) and value.strip().startswith("-") or isinstance(value, (int, float)) \
                and not isinstance(value, bool) and value < 0:
            return P_("Enter an amount of 0 or more, without a minus sign."), {}
        if isinstance(value, str) and self.reading is None:
            try:
                parse_amount(value, None)
            except ValueError:
                readings = set()
                for locale in ("de", "en"):
                    try:
                        readings.add(parse_amount(value, locale))
                    except ValueError:
                        pass
                if len(readings) == 2:  # "1.234": 1234 in German, 1.234 in English
                    return P_("This can be read as two different amounts: write it without a thousands "
                              "separator, such as 1234.50, or give the record a language."), {}
        currency = str(record.get("currency") or "EUR").upper()
        places = places_of(currency)
        if places is None:  # not a currency: the example shows two places
            places = 2
        example = amount_example(self.locale, places)
        if places == 0:
            return P_("{currency} has no decimal places: enter a whole amount, such as {example}."), \
                {"currency": currency, "example": example}
        return P_("Enter the amount as a number with at most {places} decimal places, such as {example}."), \
            {"places": places, "example": example}

    def engine(self, exc: Exception, record: Mapping[str, Any], boxes: bool = True, style: Any = None) -> None:
        """An error of the engine while drafting `record` with the house style `style`, said from
        its data: next to its box (`boxes`), else above the letter, naming the field."""
        from ..errors import EmptyValue, TemplateError

        field = getattr(exc, "field", None)
        if isinstance(field, str) and field.startswith("sender ") and style is not None:
            # a header from the house style's [sender] (mail.py names it "sender name", "sender email")
            key = field.split(" ", 1)[1]
            message, values = self.hint(key, (style.sender or {}))
            return self.general(P_("In the house style {file}, [sender] {key}: {problem}"),
                                file=style.path or "-", key=key, problem=self.say(message, **values))
        field = "lang" if field == "language" and boxes else field
        if isinstance(exc, TemplateError):
            file, line = getattr(exc, "file", None), getattr(exc, "line", None)
            where = (self.say(P_("{file}, line {line}"), file=file, line=line) if file and line else file)
            if where:
                return self.add(None, P_("A template cannot write this letter ({where}): run refusalkit check "
                                         "to see what to fix."), where=where)
            return self.add(None, P_("A template cannot write this letter: run refusalkit check to see what to fix."))
        if isinstance(exc, EmptyValue) and field:
            if boxes and field in CLIENT_FIELDS:
                return self.add(field, P_("This letter needs this: fill it in."))
            return self.general(P_("The letter needs the field “{field}”: add it to the record."), field=field)
        if field and boxes and field in BOXES:
            if field in ("reason", "lang"):
                return self.add(field, HINTS[field])
            message, values = self.hint(field, record, box=True)
            return self.add(field, message, **values)
        if field:
            message, values = self.hint(field, record)
            return self.general(P_("Field “{field}”: {problem}"), field=field, problem=self.say(message, **values))
        # An error that carries no field: the command line says it in full (in English).
        print(f"refusalkit: note: the page could not draft a letter: {exc}", file=sys.stderr)
        self.add(None, P_("The letter cannot be drafted: refusalkit draft with the same values says why."))

    def general(self, message: str, /, **values: Any) -> None:
        self.add(None, P_("The letter cannot be drafted: {problem}"), problem=self.say(message, **values))


def value_at(record: Mapping[str, Any], field: str) -> Any:
    """The value a field path such as "referrals[1].url" names in `record`, or None.

    >>> value_at({"referrals": [{"url": "x"}]}, "referrals[1].url"), value_at({}, "a.b")
    ('x', None)
    """
    value: Any = record
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if part.startswith("["):
            index = int(part[1:-1]) - 1
            value = value[index] if isinstance(value, list) and 0 <= index < len(value) else None
        else:
            value = value.get(part) if isinstance(value, Mapping) else None
    return value


# --- a dropped record file ----------------------------------------------------------------------

def file_refused(problems: Problems, raw: bytes, kind: str) -> bool:
    """Whether a dropped file cannot be a client record by its name, its first byte or its
    encoding; if so, the problem is added."""
    if kind not in (".toml", ".json"):
        problems.add(None, P_("A client record is a .toml or .json file."))
        return True
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if kind == ".json" and start == b"[":
        problems.add(None, P_("A JSON client record is one object {example}, not a list."), example="{...}")
        return True
    if kind == ".json" and start != b"{":
        problems.add(None, syntax(kind), example=JSON_EXAMPLE)
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(None, P_("Line {line}: {problem}"), line=line,
                     problem=problems.say(P_("This is not UTF-8 text: save the file as UTF-8.")))
        return True
    return False


JSON_EXAMPLE = '{"name": "Anna Schmidt", "email": "anna@example.com"}'


def syntax(kind: str) -> str:
    return (P_("This is not valid JSON: write the record as {example}, with double quotes and a comma "
               "between fields.") if kind == ".json" else
            P_('This is not valid TOML: write each field as key = "value", with text in double quotes.'))


def file_error(problems: Problems, exc: Exception, kind: str, shift: int = 0) -> None:
    """An error reading a record file (its syntax: it has no field), said with its line."""
    line = getattr(exc, "line", None)
    problem = problems.say(syntax(kind), example=JSON_EXAMPLE)
    if isinstance(line, int) and line - shift >= 1:
        problems.add(None, P_("Line {line}: {problem}"), line=line - shift, problem=problem)
    else:
        problems.add(None, syntax(kind), example=JSON_EXAMPLE)


def record_error(problems: Problems, exc: Exception, data: Mapping[str, Any]) -> None:
    """An error checking a record file's fields: the field and what to write there."""
    field = getattr(exc, "field", None)
    if not field:
        return problems.add(None, P_("Check the file: refusalkit draft --client with it says what is wrong."))
    message, values = problems.hint(field, data)
    problems.add(None, P_("Field “{field}”: {problem}"), field=field, problem=problems.say(message, **values))
