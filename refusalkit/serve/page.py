"""The page of `refusalkit serve` in the user's language: index.html, the words its script
says, and the options the form is built from.

The page's own words are the gettext domain `page` (locales/<locale>/LC_MESSAGES/page.po,
extracted with babel-page.cfg; English is the source and needs no catalog). Reason titles
and descriptions come from the letters' catalogs (`refusalkit`), in each letter language,
so that the form shows them in the language of the letter being written; a reason a house
style adds without translations keeps its English words.

The page's language: the `refusalkit-lang` cookie the page's switch sets, else the
browser's Accept-Language, negotiated with Babel, else English.
"""

from __future__ import annotations

import gettext
import os
import threading
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Mapping

DOMAIN = "page"
COOKIE = "refusalkit-lang"
SOURCE = "en"  # the msgids are English
STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")


def P_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


# What the page's script says, by key; {name} placeholders are filled in by the script.
SCRIPT_TEXTS = MappingProxyType({
    "fill_name": P_("Fill in the client's name to see the letter."),
    "unreachable": P_("The page cannot reach refusalkit serve: is it still running?"),
    "server_refused": P_("The server refused: {message} ({status})"),
    "up_to_date": P_("The draft shows what you entered."),
    "see_fields": P_("The letter cannot be drafted yet: see the fields marked ⚠."),
    "see_message": P_("The letter cannot be drafted yet: see the message above."),
    "copied_html": P_("Copied with formatting: paste it into your email."),
    "copied_plain_only": P_("Copied as plain text: this browser would not copy formatted text."),
    "copied_text": P_("Copied the plain text."),
    "copied_subject": P_("Copied the subject line."),
    "clipboard_refused": P_("The browser refused the clipboard: open the Plain text tab, select the letter "
                            "and press Ctrl+C (⌘C on a Mac)."),
    "record_too_large": P_("{file} is too large for a client record (at most 64 KB)."),
    "record_reading": P_("Reading {file}…"),
    "record_failed": P_("Could not use {file}: {problems}"),
    "record_extra": P_("Also from {file}, used in the letter: {keys}."),
    "record_filled": P_("Filled the form from {file}."),
    "record_unreadable": P_("Could not read {file}."),
    "style_file": P_("House style: {path}"),
    "style_sender": P_("(sender: {name})"),
    "style_none": P_("No sender yet: letters end with the closing, unsigned. Run {command} once to sign "
                     "every letter."),
    "options_failed": P_("The page could not load its options from refusalkit serve: {error}"),
    "fits_both": P_("For prospects and clients."),
    "fits_client": P_("For existing clients only."),
    "fits_prospect": P_("For prospects only."),
    "not_for_reason": P_("{label} (not for this reason)"),
    "no_letter": P_("{label} (no letter for this reason)"),
    "language_option": P_("{name} ({code})"),
    # what the register means in the letter's language, beside the register choice
    "formal_de": P_("Sie, surname"),
    "informal_de": P_("du, first name"),
    "formal_tr": P_("siz, full name"),
    "informal_tr": P_("sen, first name"),
    "formal_other": P_("surname"),
    "informal_other": P_("first name"),
})


def accepted_languages(header: str | None) -> list[str]:
    """The language tags of an Accept-Language header, the most wanted first.

    >>> accepted_languages("en;q=0.5, de-DE, tr;q=0.8, *;q=0.1, fr;q=0")
    ['de-de', 'tr', 'en']
    """
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        tag = tag.strip().lower()
        if tag and tag != "*" and weight > 0 and len(tag) <= 35:
            wanted.append((-weight, index, tag))
    return [tag for _, _, tag in sorted(wanted)]


def chosen_language(cookie_header: str | None) -> str | None:
    """The page language the switch stored in the cookie, if any.

    >>> chosen_language("a=1; refusalkit-lang=tr")
    'tr'
    """
    for part in (cookie_header or "").split(";"):
        name, _, value = part.partition("=")
        if name.strip() == COOKIE:
            return value.strip().lower() or None
    return None


def negotiate(available: list[str], accept: str | None, cookie: str | None = None) -> str:
    """The page language: the switch's choice, else the browser's, else English.

    >>> negotiate(["de", "en", "tr"], "tr-TR,tr;q=0.9,en;q=0.8")
    'tr'
    >>> negotiate(["de", "en", "tr"], "de-AT", "refusalkit-lang=en")
    'en'
    >>> negotiate(["de", "en", "tr"], "fr-FR, it")
    'en'
    """
    from babel.core import negotiate_locale

    chosen = chosen_language(cookie)
    if chosen in available:
        return chosen
    return negotiate_locale(accepted_languages(accept), available, sep="-") or SOURCE


def page_catalogs(locales: str) -> dict[str, gettext.NullTranslations]:
    """The page's catalogs by language code: every locales/<locale>/LC_MESSAGES/page.po, and English."""
    from ..i18n import _translations

    found: dict[str, gettext.NullTranslations] = {SOURCE: gettext.NullTranslations()}
    try:
        names = sorted(os.listdir(locales))
    except OSError:
        names = []
    for locale in names:
        po = os.path.join(locales, locale, "LC_MESSAGES", f"{DOMAIN}.po")
        code = locale.split("_")[0].lower()
        if os.path.isfile(po) and code not in found:
            found[code] = _translations(po)
    return found


def language_name(locale: str, in_locale: str) -> str:
    """A language's name as CLDR gives it in another language, capitalised for a list.

    >>> language_name("de_DE", "tr"), language_name("tr_TR", "de"), language_name("en", "en")
    ('Almanca', 'Türkisch', 'English')
    """
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(locale).get_language_name(in_locale) or locale
    except (ValueError, UnknownLocaleError):  # a team's language Babel does not know: its code is name enough
        return locale
    return name[:1].upper() + name[1:]


def amount_example(locale: str, places: int) -> str:
    """1234.50 written as a user of `locale` types it.

    >>> amount_example("de_DE", 2), amount_example("en_GB", 2), amount_example("tr_TR", 0)
    ('1.234,50', '1,234.50', '1.234')
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal("1234.50"), format=pattern, locale=locale, decimal_quantization=True)


class Page:
    """The page for one engine: index.html and the options per page language, built once each."""

    def __init__(self, engine: Any, locales: str | None = None) -> None:
        from ..paths import data_dir

        self.engine = engine
        self.catalogs = page_catalogs(locales or data_dir("locales"))
        self.languages = sorted(self.catalogs)
        self._lock = threading.Lock()
        self._built: dict[tuple[str, str], Any] = {}

    def language(self, accept: str | None, cookie: str | None) -> str:
        return negotiate(self.languages, accept, cookie)

    def catalog(self, code: str) -> gettext.NullTranslations:
        return self.catalogs.get(code) or self.catalogs[SOURCE]

    def _once(self, kind: str, code: str, build: Any) -> Any:
        with self._lock:
            if (kind, code) not in self._built:
                self._built[kind, code] = build(code)
            return self._built[kind, code]

    def html(self, code: str) -> bytes:
        """index.html in the page language `code`."""
        return self._once("html", code, self._render)

    def options(self, code: str) -> dict[str, Any]:
        """What the script builds the form from, with its texts in the page language `code`."""
        return self._once("options", code, self._options)

    def _render(self, code: str) -> bytes:
        import jinja2
        from markupsafe import Markup

        from ..records import _MAX, _MAX_TEXT

        env = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
        trans = self.catalog(code)

        def _(message: str, **values: Any) -> Any:
            text = trans.gettext(message)
            return Markup.escape(text) % values if values else text  # values: Markup, or escaped

        switch = [(c, language_name(c, c)) for c in self.languages]

        return env.get_template("index.html").render(
            _=_, Markup=Markup, lang=code, page_languages=switch, limits={**_MAX, "request": _MAX_TEXT},
        ).encode("utf-8")

    def _options(self, code: str) -> dict[str, Any]:
        from .. import __version__

        engine = self.engine
        langs = sorted(engine.languages)
        trans = self.catalog(code)
        reasons = reason_options(engine)
        return {
            "version": __version__,
            "page": {"lang": code, "texts": {k: trans.gettext(v) for k, v in SCRIPT_TEXTS.items()}},
            "reasons": reasons,
            "languages": [{"code": c, "name": language_name(engine.languages[c].locale, code)} for c in langs],
            "defaults": self._defaults(code, langs, reasons),
            "style": {"path": os.path.abspath(engine.style.path) if engine.style.path else None,
                      "sender": (engine.style.sender or {}).get("name")},
        }

    def _defaults(self, code: str, langs: list[str], reasons: list[dict[str, Any]]) -> dict[str, Any]:
        from ..errors import UsageError

        try:  # the page's language stands in for the locale's: it is what the browser asked for
            lang = self.engine.pick_language(suggested=code).code
        except UsageError:  # the house style's language, or English, has no letters here
            lang = langs[0] if langs else SOURCE
        return {"lang": lang,
                "formal": self.engine.formal,
                "reason": "capacity" if any(r["id"] == "capacity" for r in reasons) else
                (reasons[0]["id"] if reasons else "")}


def reason_options(engine: Any) -> list[dict[str, Any]]:
    """Every reason with its title and description in each letter language (English where a
    catalog has none), the relationships it fits and the languages it has letters in."""
    from ..searchpath import template_languages
    from ..i18n import translations

    catalogs: Mapping[str, gettext.GNUTranslations] = {
        c: translations(lang, engine.catalogs) for c, lang in engine.languages.items()}
    return [{
        "id": r.id,
        "title": r.title,
        "description": r.description,
        "titles": {c: t.gettext(r.title) for c, t in catalogs.items()},
        "descriptions": {c: t.gettext(r.description) for c, t in catalogs.items()},
        "relationships": list(r.relationships),
        "languages": sorted(template_languages(engine.path, r.id)),
    } for r in engine.all_reasons()]
