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
from typing import TYPE_CHECKING, Any

from ..errors import ClientError
from .page import P_  # marks a page message for extraction (babel-page.cfg)
from .problems import CLIENT_FIELDS, HINTS, Problems, file_error, file_refused, record_error

if TYPE_CHECKING:
    from ..errors import RefusalkitError

FORM_FIELDS = CLIENT_FIELDS + ("reason", "lang", "relationship")
KEEP_LETTERS = 64  # recent drafts kept in memory for the preview frame and the .eml link
# The form's fields checked one group at a time: the amount needs its currency.
_GROUPS = (("name",), ("title",), ("salutation",), ("email",), ("company",), ("request",),
           ("end_date",), ("currency",), ("amount_due", "currency"))
_BODY_RE = re.compile(r'<body style="([^"]*)">\n(.*)\n</body>', re.DOTALL)


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
        self.check_fields(problems, record, lang, self.engine.style.currency)
        if problems.found:
            return {"ok": False, "errors": problems.found}
        try:
            letter = draft(reason, record, lang=lang or None, explain=explain, engine=self.engine)
            html, markdown, text = letter.html, letter.markdown, letter.text
            letter.eml()  # a header problem is an error now, not a failed download later
        except RefusalkitError as exc:
            problems.engine(exc, record, style=self.engine.style)  # said from its data (errors.py)
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
        except RecordError as exc:  # a relationship the page does not offer: said from its field
            return problems.engine(exc, record, style=self.engine.style)
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
            problems.engine(exc, {}, style=self.engine.style)

    @staticmethod
    def check_fields(problems: Problems, record: Mapping[str, Any], lang: str = "", currency: str | None = None) -> None:
        """Every form field checked on its own, so that all their problems show at once
        (a whole record stops at its first). `currency`: the house style's default, for an
        amount without one."""
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
        if record.get("amount_due") is not None and record.get("currency") is None and not currency:
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

    def record(self, raw: bytes, filename: str, trans: gettext.NullTranslations | None = None,
               letter_lang: str = "") -> dict[str, Any]:
        """A dropped record file, split into the form's fields, its settings and the rest (kept as
        is); its problems in the page's language (`trans`). An amount typed as text is read as the
        record's language writes it, else as the letter's (`letter_lang`, the form's choice)."""
        from ..errors import RefusalkitError
        from ..records import read_record_file

        label = os.path.basename(filename.replace("\\", "/"))[:100] or "the file"
        kind = os.path.splitext(label)[1].lower()
        problems = Problems(trans or gettext.NullTranslations(), self._locale(letter_lang))
        if file_refused(problems, raw, kind):
            return {"ok": False, "errors": problems.found}
        shift = 1 if kind == ".toml" and _starts_like_json(raw) else 0
        if shift:  # read_record_file("-") reads JSON if the text starts with "{", else TOML; the name decides
            raw = b"#\n" + raw.removeprefix(b"\xef\xbb\xbf")
        try:
            data = read_record_file("-", raw)
        except RefusalkitError as exc:  # its syntax: said with the line it carries (errors.py)
            file_error(problems, exc, kind, shift)
            return {"ok": False, "errors": problems.found}
        language = data.get("language")
        reading = language if isinstance(language, str) and language.strip() else (
            letter_lang if letter_lang.lower() in self.engine.languages else "")
        problems.reading = reading or None
        try:
            _parse(data, reading, label, self.engine.style.currency)
        except RefusalkitError as exc:
            record_error(problems, exc, data)
            return {"ok": False, "errors": problems.found}
        fields = {k: str(_jsonable(data[k])) for k in CLIENT_FIELDS if data.get(k) is not None}
        settings = {k: data[k] for k in ("language", "relationship", "formal") if data.get(k) is not None}
        extra = {k: _jsonable(v) for k, v in data.items() if k not in CLIENT_FIELDS and k not in settings}
        return {"ok": True, "fields": fields, "settings": _jsonable(settings), "extra": extra, "name": label}


def _parse(record: Mapping[str, Any], lang: str, source: str = "client record", currency: str | None = None) -> Any:
    """The record as draft() reads it for a letter in `lang` (amounts as that language writes them)."""
    from ..records import parse_record

    return parse_record(record, source, locale=lang or None, default_currency=currency)


def _starts_like_json(raw: bytes) -> bool:
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
