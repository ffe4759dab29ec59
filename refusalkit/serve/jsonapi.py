"""The JSON API of `refusalkit serve`: a form becomes a letter through the front door
(`api.draft` with the server's Engine), a dropped record file becomes the form's fields, and
a problem becomes a message next to its field, in the page's language.

Which field a problem is about is known from where it arose, never read from a message: each
form field is checked on its own (so that all their problems show at once), the reason, the
letter language and the relationship are looked up before drafting, and an error of the
engine names its field in `field` (errors.py).
"""

from __future__ import annotations

import gettext
import os
import re
import secrets
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import ClientError
from .page import P_  # marks a page message for extraction (babel-page.cfg)

if TYPE_CHECKING:
    from ..errors import RefusalkitError

CLIENT_FIELDS = ("name", "title", "salutation", "email", "company", "request", "amount_due", "currency", "end_date")
KEEP_LETTERS = 64  # recent drafts kept in memory for the preview frame and the .eml link
# The form's fields checked one group at a time: the amount needs its currency.
_GROUPS = (("name",), ("title",), ("salutation",), ("email",), ("company",), ("request",),
           ("end_date",), ("currency",), ("amount_due", "currency"))
_BODY_RE = re.compile(r'<body style="([^"]*)">\n(.*)\n</body>', re.DOTALL)


class Problems:
    """The form's problems in the page's language (`trans`), for a letter in `locale`."""

    def __init__(self, trans: gettext.NullTranslations, locale: str = "en") -> None:
        self.trans = trans
        self.locale = locale
        self.found: list[dict[str, str | None]] = []

    def add(self, field: str | None, message: str, **values: Any) -> None:
        if field is None or all(p["field"] != field for p in self.found):
            self.found.append({"field": field, "message": self.trans.gettext(message).format(**values)})

    def general(self, detail: str) -> None:
        self.add(None, P_("The letter cannot be drafted: {detail}"), detail=detail)

    def field(self, field: str, record: Mapping[str, Any]) -> None:
        """What to enter in `field`, whose value the engine refused."""
        value = record.get(field)
        if isinstance(value, str) and not value.isprintable():
            if "\n" in value or "\r" in value:
                return self.add(field, P_("Keep this on one line."))
            return self.add(field, P_("This contains an invisible control character: retype it."))
        limit = _limit(field)
        if isinstance(value, str) and limit and len(value) > limit:
            return self.add(field, P_("This is too long: {count} characters, at most {limit}."),
                            count=len(value), limit=limit)
        if field == "amount_due":
            return self._amount(record)
        self.add(field, HINTS.get(field, P_("Check this entry.")))

    def _amount(self, record: Mapping[str, Any]) -> None:
        from babel.numbers import UnknownCurrencyError, get_currency_precision

        from .page import amount_example

        currency = str(record.get("currency") or "EUR").upper()
        try:
            places = get_currency_precision(currency)
        except UnknownCurrencyError:
            places = 2
        example = amount_example(self.locale, places)
        if places == 0:
            self.add("amount_due", P_("{currency} has no decimal places: enter a whole amount, such as {example}."),
                     currency=currency, example=example)
        else:
            self.add("amount_due", P_("Enter the amount as a number with at most {places} decimal places, "
                                     "such as {example}."), places=places, example=example)


HINTS = MappingProxyType({
    "name": P_("Enter the client's name: the letter needs someone to greet."),
    "email": P_("Enter one email address, such as name@example.com."),
    "currency": P_("Use a three-letter currency code such as EUR, USD or TRY."),
    "end_date": P_("Enter a date such as 2026-12-31."),
    "salutation": P_("Choose a salutation from the list."),
    "reason": P_("Choose a reason from the list."),
    "lang": P_("This language is not available: choose one from the list."),
})


def _limit(field: str) -> int | None:
    """The most characters a text field holds (records.py's limits); None for a code or a choice."""
    from ..records import _MAX, _MAX_TEXT

    if field not in ("name", "title", "email", "company", "request"):
        return None
    return _MAX.get(field, _MAX_TEXT)


def clipboard_html(letter_html: str) -> str:
    """The letter's body as one styled <div>: what an email editor keeps from a paste."""
    m = _BODY_RE.search(letter_html)
    return f'<div style="{m[1]}">\n{m[2]}\n</div>' if m else letter_html


def slug(text: str) -> str:
    """An ASCII file-name part.

    >>> slug("Ayşe Yılmaz <img>")
    'ayse-yilmaz-img'
    """
    ascii_text = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def _string(request: Mapping[str, Any], key: str) -> str:
    value = request.get(key, "")
    if not isinstance(value, str):
        raise ClientError(400, f"{key} must be text")
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def read_form(request: Any) -> tuple[str, str, dict[str, Any], bool]:
    """reason, letter language, the record and `explain` from a draft request; a request the
    page would never send is a 400."""
    if not isinstance(request, dict):
        raise ClientError(400, "the request must be a JSON object")
    reason, lang = _string(request, "reason"), _string(request, "lang")
    relationship = _string(request, "relationship")
    formal, explain = request.get("formal"), request.get("explain", True)
    if ("formal" in request and not isinstance(formal, bool)) or not isinstance(explain, bool):
        raise ClientError(400, "formal and explain must be true or false")
    client, extra = request.get("client", {}), request.get("extra", {})
    if not isinstance(client, dict) or not isinstance(extra, dict):
        raise ClientError(400, "client and extra must be JSON objects")
    record: dict[str, Any] = {k: v for k, v in extra.items() if k not in CLIENT_FIELDS}
    for key in CLIENT_FIELDS:
        value = client.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ClientError(400, f"client.{key} must be text")
        record[key] = value  # as typed: the record reads the amount by the letter's language
    # without them, the record's defaults as Engine.resolve() gives them: a prospect, the house style's register
    record.update({k: v for k, v in (("relationship", relationship), ("formal", formal)) if v not in (None, "")})
    return reason, lang, record, explain


class Drafts:
    """Letters drafted with one engine; the last KEEP_LETTERS kept for the preview and the .eml link."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        # Guards the letters kept; drafts run side by side (the engine's caches are safe for
        # threads, its Markdown converter one per thread).
        self.lock = threading.Lock()
        self.letters: OrderedDict[str, Any] = OrderedDict()

    def draft(self, request: Any, trans: gettext.NullTranslations) -> dict[str, Any]:
        from ..api import draft
        from ..errors import RefusalkitError

        reason, lang, record, explain = read_form(request)
        problems = Problems(trans, self._locale(lang))
        self.check_choices(problems, reason, lang, record)
        self.check_fields(problems, record, lang)
        if problems.found:
            return {"ok": False, "errors": problems.found}
        try:
            letter = draft(reason, record, lang=lang or None, explain=explain, engine=self.engine)
            html, markdown, text = letter.html, letter.markdown, letter.text
            letter.eml()  # a header problem is an error now, not a failed download later
        except RefusalkitError as exc:
            field = "lang" if exc.field == "language" else exc.field  # the form's name for it
            if field in CLIENT_FIELDS:
                problems.field(field, record)
            elif field in ("reason", "lang"):
                problems.add(field, HINTS[field])
            else:
                problems.general(str(exc))
            return {"ok": False, "errors": problems.found}
        token, filename = self.keep(letter)
        return {
            "ok": True, "subject": letter.subject, "html": html, "markdown": markdown, "text": text,
            "clipboard_html": clipboard_html(html), "lang": letter.lang,
            "preview": f"/letter/{token}.html", "eml": f"/letter/{token}.eml", "filename": filename,
        }

    def _locale(self, lang: str) -> str:
        language = self.engine.languages.get(lang.lower()) if lang else None
        return language.locale if language else "en"

    def keep(self, letter: Any) -> tuple[str, str]:
        name = slug(letter.client.name) if letter.client and letter.client.name else ""
        filename = "-".join(p for p in ("refusal", letter.reason, name) if p) + ".eml"
        token = secrets.token_urlsafe(18)
        with self.lock:
            self.letters[token] = (letter, filename)
            while len(self.letters) > KEEP_LETTERS:
                self.letters.popitem(last=False)
        return token, filename

    def check_choices(self, problems: Problems, reason: str, lang: str, record: Mapping[str, Any]) -> None:
        """The reason, the letter language and the relationship as Engine.resolve() checks them
        (with the record's relationship and register alone: check_fields has the rest), a
        problem as its field's; and that the reason has a letter in the language."""
        from ..errors import RecordError, RefusalkitError
        from ..searchpath import template_languages

        choices = {k: record[k] for k in ("relationship", "formal") if k in record}
        try:
            found, language, _client = self.engine.resolve(reason, choices, lang or None)
        except RecordError as exc:  # a relationship the page does not offer: said above the letter
            return problems.general(str(exc))
        except RefusalkitError as exc:
            return self._choice_problem(problems, exc, reason)
        if lang and language.code not in template_languages(self.engine.path, found.id):
            problems.add("lang", P_("This reason has no letter in this language yet: choose another language "
                                   "or reason."))

    def _choice_problem(self, problems: Problems, exc: RefusalkitError, reason: str) -> None:
        """What to choose instead, for the field Engine.resolve() refused."""
        field = exc.field
        if field == "relationship":  # the reason does not fit it
            fits = self.engine.reason(reason).relationships
            problems.add("relationship", P_("This reason is only for existing clients: change the relationship "
                                           "or choose another reason.") if "client" in fits else
                         P_("This reason is only for prospects (people who have not hired you yet): change the "
                           "relationship or choose another reason."))
        elif field in ("reason", "language"):
            form_field = "lang" if field == "language" else field
            problems.add(form_field, HINTS[form_field])
        else:
            problems.general(str(exc))

    @staticmethod
    def check_fields(problems: Problems, record: Mapping[str, Any], lang: str = "") -> None:
        """Every form field checked on its own, so that all their problems show at once
        (a whole record stops at its first)."""
        from ..errors import RefusalkitError

        for group in _GROUPS:
            if record.get(group[0]) is None:
                continue
            probe = {"name": "N", **{k: record[k] for k in group if record.get(k) is not None}}
            if group[0] == "amount_due" and "currency" not in probe:
                probe["currency"] = "EUR"  # a missing currency is the currency field's problem
            try:
                _parse(probe, lang)
            except RefusalkitError:
                problems.field(group[0], record)
        if all(p["field"] != "name" for p in problems.found) and (
                record.get("name") is None or _parse({"name": record["name"]}, lang).name is None):
            # only blanks: a draft greets an unknown recipient, the page asks for a name
            problems.add("name", HINTS["name"])
        if record.get("amount_due") is not None and record.get("currency") is None:
            problems.add("currency", P_("Choose the currency of the amount, such as EUR."))

    def letter(self, token: str) -> tuple[Any, str]:
        """A recent letter and its .eml file name."""
        with self.lock:
            found = self.letters.get(token)
        if found is None:
            raise ClientError(404, "this letter is no longer in memory: change any field to draft it again")
        return found

    def eml(self, token: str) -> bytes:
        letter, _filename = self.letter(token)
        return letter.eml()

    def record(self, raw: bytes, filename: str) -> dict[str, Any]:
        """A dropped record file, split into the form's fields, its settings and the rest (kept as is)."""
        from ..errors import RefusalkitError
        from ..records import read_record_file

        label = os.path.basename(filename.replace("\\", "/"))[:100] or "the file"
        kind = os.path.splitext(label)[1].lower()
        refused = record_refused(raw, label, kind)
        if refused:
            return {"ok": False, "errors": [{"field": None, "message": refused}]}
        shift = 1 if kind == ".toml" and _starts_like_json(raw) else 0
        if shift:  # read_record_file("-") reads JSON if the text starts with "{", else TOML; the name decides
            raw = b"#\n" + raw.removeprefix(b"\xef\xbb\xbf")
        try:
            data = read_record_file("-", raw)
            language = data.get("language")
            _parse(data, language if isinstance(language, str) else "", label)
        except RefusalkitError as exc:
            message = str(exc).replace("<stdin>", label, 1)
            if shift and exc.line is not None:  # the line as the user's file counts it
                message = message.replace(f"line {exc.line}", f"line {exc.line - shift}", 1)
            return {"ok": False, "errors": [{"field": None, "message": message}]}
        fields = {k: str(_jsonable(data[k])) for k in CLIENT_FIELDS if data.get(k) is not None}
        settings = {k: data[k] for k in ("language", "relationship", "formal") if data.get(k) is not None}
        extra = {k: _jsonable(v) for k, v in data.items() if k not in CLIENT_FIELDS and k not in settings}
        return {"ok": True, "fields": fields, "settings": _jsonable(settings), "extra": extra, "name": label}


def _parse(record: Mapping[str, Any], lang: str, source: str = "client record") -> Any:
    """The record as draft() reads it for a letter in `lang` (amounts as that language writes them)."""
    from ..records import parse_record

    return parse_record(record, source, locale=lang or None)


def _starts_like_json(raw: bytes) -> bool:
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def record_refused(raw: bytes, label: str, kind: str) -> str | None:
    """Why a file cannot be a client record by its name and first byte, or None."""
    if kind not in (".toml", ".json"):
        return f"{label}: a client record is a .toml or .json file"
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if kind == ".json" and start == b"[":
        return f"{label}: a JSON client record must be an object {{...}}, not a list"
    if kind == ".json" and start != b"{":
        return f"{label}: invalid JSON: a client record is an object {{...}}"
    return None
