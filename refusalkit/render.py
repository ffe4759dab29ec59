"""The one place that builds the Jinja environment and renders a letter's Markdown.

Client (and house-style) text never enters a template as text. Each value is
replaced by a placeholder of private-use characters before rendering; the
rendered Markdown (with placeholders) is then converted per format, and only
at the very end is every placeholder replaced by its value, escaped for that
format (formats.py). So client text is never parsed as a template, as
Markdown or as HTML, whatever it contains.
"""

from __future__ import annotations

import datetime as _dt
import operator
import os
import re
from typing import Any, Callable, Mapping, MutableMapping

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError

from . import i18n, sandbox
from .searchpath import Language, SearchPath, outside, template_name
from .errors import EmptyValue, TemplateError, TemplateSyntaxError, TooSlow, UnknownVariable, UsageError
from .records import Client
from .sandbox import LimitError, Sandbox, TimeUp
from .style import given_name

TEXT, URL = "\ue000", "\ue002"
# Client text shown in a way that changes it, at the very end like escaping (so a
# batch's letters, filled from their shape, get it too): inside German quotes
# („…“ holds ‚…‘), or at the start of a line (a capital first letter).
QUOTED, CAPITAL, CAPITAL_TR = "\ue003", "\ue004", "\ue005"
END = "\ue001"
SLOT_RE = re.compile("([\ue000\ue002-\ue005])(\\d+)\ue001")
PART_OPEN, PART_CLOSE = "\ue010", "\ue011"
PART_RE = re.compile("\ue010([a-z_]+)\ue011")
_PRIVATE = re.compile("[\ue000-\ue011]")

# Parts whose line breaks are kept (a signature block), rather than joined into a paragraph.
LINE_PARTS = frozenset({"signature"})
_BLANKS = re.compile(r"[ \t]+")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s")


def N_(message: str) -> str:
    """Mark a msgid for `pybabel extract` without translating it here."""
    return message


def pgettext(context: str, message: str) -> str:
    """Mark a msgid with its msgctxt for `pybabel extract` (its default `pgettext`
    keyword) without translating it here, as N_ does without a context."""
    return message


# Translators: a greeting may use any of {name}, {first_name}, {surname} and
# {title}, whichever the language's convention needs ("Ayşe Hanım," takes the
# first name where "Dear Ms Yılmaz," takes the surname). Where only a given name
# is known, a greeting that takes the surname falls back to the one for "none"
# ("Dear Jane,", never "Dear Ms Jane,"); one that takes the first name stays.
GREETINGS = {
    ("ms", False): N_("Dear Ms {surname},"),
    ("mr", False): N_("Dear Mr {surname},"),
    ("none", False): N_("Dear {name},"),
    ("ms", True): N_("Dear Ms {title} {surname},"),
    ("mr", True): N_("Dear Mr {title} {surname},"),
    ("none", True): N_("Dear {title} {name},"),
}
INFORMAL_GREETING = N_("Hi {first_name},")
# Translators: the greeting of a letter without a name (formal, then informal):
# the language's convention for an unknown recipient.
UNKNOWN_GREETINGS = {True: N_("Dear Sir or Madam,"), False: N_("Hello,")}
# Translators: the greeting of a letter to an existing client whose name is not known
# but whose company is (formal, then informal), {company} being the company's name:
# British English writes to the team ("Dear Acme Ltd team,"), not to a stranger. A
# language without that convention repeats its unknown-recipient greeting above,
# without {company}; such a letter then also closes like one to an unknown recipient.
TEAM_GREETINGS = {True: N_("Dear {company} team,"), False: N_("Hi {company} team,")}
# r21-tr I8: Turkish writes "Sayın Yetkili," (the catalog's unknown-recipient greeting) to
# an organisation, i.e. an existing client, but "Sayın İlgili," to a person who wrote in
# about their own plans (a prospect). One language, one case: overridden here, not in
# the catalog, which has a single entry for both.
TR_FORMAL_UNKNOWN_PROSPECT = "Sayın İlgili,"
# Translators: the subject of a letter to a client whose contract is a project the writer
# completes (contract = "project": no notice is given, no further work follows), without and
# with what the project is ({request}). It names no reason. "Ending our work together" would
# read as ending the project itself. The informal letter has its own entries (msgctxt
# "informal", r53b-tr W1), as every other subject line; a language without that
# distinction repeats its formal one.
PROJECT_SUBJECTS = {"": N_("Our work together after this project"),
                    "request": N_("{request}: our work together after the project")}
# Never read: marks the informal copies of the msgids above for `pybabel extract`;
# subject_line looks them up with `trans.pgettext("informal", ...)`.
INFORMAL_PROJECT_SUBJECTS = (pgettext("informal", "Our work together after this project"),
                             pgettext("informal", "{request}: our work together after the project"))
GREETING_FIELD = re.compile(r"\{(name|first_name|surname|title)\}")
CLOSINGS = {True: N_("Kind regards"), False: N_("Best wishes")}
# Translators: the formal closing of a letter to an unknown recipient (after "Dear Sir
# or Madam,"). British letters pair that greeting with "Yours faithfully"; a language
# that makes no such distinction repeats its usual formal closing.
UNKNOWN_CLOSING = N_("Yours faithfully")
# Translators: the formal closing of a letter to a client (a notice ending the agreement, or a
# project letter) addressed to a named person ("Dear Ms Smith,"). British letters close such a
# letter "Yours sincerely" (ROUND54-en item 4; r53a-en I2, r53b-en I-8); a language that makes no
# such distinction repeats its usual formal closing.
CLIENT_CLOSING = N_("Yours sincerely")
TITLES = (N_("Prof. Dr."), N_("Prof."), N_("Dr."))


# Compiled on first use (re's cache), not at import: most letters have no title.
_TITLE_TOKEN = (r"(?i)(?<!\w)(?:(?P<prof>prof(?:essor(?:in)?)?(?:\.|(?!\w)))|(?P<doc>do[çc]\.)|(?P<dr>dr\.?(?=$|[\s.,-]))"
                r"|(?P<ogr>öğr\.\s*üyesi)|(?P<yrd>yrd\.)|(?P<op>op\.)|(?P<uzm>uzm\.)|(?P<av>av\.))")
# Languages whose salutations keep the academic and professional titles as written
# ("Sayın Doç. Dr. Ahmet Kaya,", "Sayın Av. Ahmet Kaya,"); the others follow
# DIN 5008's "only Dr. and Prof." (German; English likewise: "Dear Dr Smith,").
KEEPS_TITLES = frozenset({"tr"})


def academic_title(title: str | None) -> str | None:
    """The titles in `title` that a salutation may use, in one written form that
    this function gives back unchanged; salutation_title() picks per language.

    >>> academic_title("Dr. med."), academic_title("Prof. Dr.-Ing."), academic_title("Professorin")
    ('Dr.', 'Prof. Dr.', 'Prof.')
    >>> academic_title("Doç. Dr."), academic_title("Av."), academic_title("Dr. Öğr. Üyesi")
    ('Doç. Dr.', 'Av.', 'Dr. Öğr. Üyesi')
    >>> academic_title("Dipl.-Kfm.") is None
    True
    """
    if not title:
        return None
    found = {k for m in re.finditer(_TITLE_TOKEN, title) for k, v in m.groupdict().items() if v}
    if found & {"ogr", "op", "uzm"}:  # Turkish titles that are written with "Dr." in them
        found.add("dr")
    if "prof" in found:
        main = "Prof. Dr." if "dr" in found else "Prof."
    elif "doc" in found:  # "Yrd. Doç." is a rank of its own (today's "Dr. Öğr. Üyesi")
        main = ("Yrd. " if "yrd" in found else "") + ("Doç. Dr." if "dr" in found else "Doç.")
    elif "ogr" in found:
        main = "Dr. Öğr. Üyesi"
    elif "op" in found:
        main = "Op. Dr."
    elif "uzm" in found:
        main = "Uzm. Dr."
    elif "dr" in found:
        main = "Dr."
    else:
        main = ""
    if "av" in found:
        main = f"Av. {main}".strip()
    return main or None


def salutation_title(title: str | None, lang: str) -> str | None:
    """The title a salutation in `lang` uses, from academic_title()'s form: Turkish
    keeps it whole; German and English only Dr. and Prof. (DIN 5008), which the
    catalog then writes ("Dr" in English).

    >>> salutation_title("Doç. Dr.", "tr"), salutation_title("Doç. Dr.", "de"), salutation_title("Av.", "de")
    ('Doç. Dr.', 'Dr.', None)
    """
    if not title:
        return None
    if lang in KEEPS_TITLES:
        return title
    words = title.split(" ")
    prof, dr = "Prof." in words, "Dr." in words
    return "Prof. Dr." if prof and dr else "Prof." if prof else "Dr." if dr else None


# Unicode's explicit bidirectional controls: embeddings and overrides (LRE RLE PDF
# LRO RLO) and isolates (LRI RLI FSI PDI). In client text they could reorder the
# letter's own sentence around the value ("Trojan Source").
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"


def isolate(value: str) -> str:
    """A value with bidi controls, made harmless to the text around it: each
    embedding or isolate it opens is closed at its end, a PDI that would close
    an isolate around it is dropped, and the whole sits in FSI ... PDI, so that
    it is laid out apart from the sentence it is in (UAX #9).

    >>> isolate("Eve\u202egnp.exe") == "\u2068Eve\u202egnp.exe\u202c\u2069"
    True
    >>> isolate("a\u2069b") == "\u2068ab\u2069"
    True
    """
    opened: list[str] = []  # PDF or PDI, for each embedding or isolate still open
    out: list[str] = []
    for ch in value:
        if "\u202a" <= ch <= "\u202e" and ch != PDF:
            opened.append(PDF)
        elif ch == PDF:
            if opened and opened[-1] == PDF:
                opened.pop()
        elif "\u2066" <= ch <= "\u2068":
            opened.append(PDI)
        elif ch == PDI:
            if PDI not in opened:
                continue  # it would end the isolate around the value
            while opened.pop() != PDI:  # a PDI also ends the embeddings inside its isolate
                pass
        out.append(ch)
    return FSI + "".join(out) + "".join(reversed(opened)) + PDI


def _bidi_url(url: str) -> str:
    """A URL's bidi controls percent-encoded (as a browser sends them): in a link
    they cannot be isolated, and they would reorder the text around it."""
    return _BIDI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


class Slots:
    """The values behind the placeholders of one letter, by index. `pieces`: the
    texts with placeholders already split (the Engine's): a batch fills the same
    ones letter after letter."""

    def __init__(self, pieces: MutableMapping[str, list[Any]] | None = None) -> None:
        self.values: list[str] = []
        self.pieces: MutableMapping[str, list[Any]] = {} if pieces is None else pieces

    def add(self, value: str, kind: str = TEXT) -> str:
        self.values.append(value)
        return f"{kind}{len(self.values) - 1}{END}"

    def fill(self, text: str, escape: Callable[[str], str], url: Callable[[str], str] | None = None) -> str:
        url = url or escape
        pieces = self.pieces.get(text)
        if pieces is None:
            split = SLOT_RE.split(text)  # text, kind, index, text, kind, index, ..., text
            pieces = self.pieces[text] = [split[0]] + [
                piece for i in range(1, len(split), 3)
                for piece in ((split[i], int(split[i + 1])), split[i + 2])]
        if len(pieces) == 1:
            return text
        values = self.values
        if _BIDI.search("".join(values)) is None:  # the usual case, in short
            return "".join(piece if isinstance(piece, str) else
                           escape(values[piece[1]]) if piece[0] == TEXT else
                           url(values[piece[1]]) if piece[0] == URL else
                           escape(_SHOWN[piece[0]](values[piece[1]])) for piece in pieces)

        def shown(kind: str, value: str) -> str:
            if kind == URL:
                return url(_bidi_url(value))
            if kind != TEXT:
                value = _SHOWN[kind](value)
            return escape(isolate(value) if _BIDI.search(value) else value)

        return "".join(piece if isinstance(piece, str) else shown(piece[0], values[piece[1]]) for piece in pieces)

    def wrap(self, value: Any) -> Any:
        """Replace every string in a (nested) value by a placeholder."""
        if isinstance(value, str):
            return self.add(value) if value else value
        if isinstance(value, list | tuple):
            return [self.wrap(v) for v in value]
        if isinstance(value, Mapping):
            return {k: self.wrap(v) for k, v in value.items()}
        return value


class Rendered:
    """A letter before formatting: Markdown with placeholders, split into parts."""

    def __init__(self, markdown: str, parts: dict[str, str], subject: str, slots: Slots,
                 lang: Language, template: str) -> None:
        self.markdown = markdown
        self.parts = parts
        self.subject = subject
        self.slots = slots
        self.lang = lang
        self.template = template
        self.cache: dict[str, Any] = {}


def inner_quotes(text: str) -> str:
    """Quotes inside a German quotation become single ones: a request „Website "Neu"“
    is shown „Website ‚Neu‘“. Opening or closing is told by what stands before.

    >>> inner_quotes('Relaunch "Neu" und „Alt“ und “Mitte”')
    'Relaunch ‚Neu‘ und ‚Alt‘ und ‚Mitte‘'
    """
    if not any(q in text for q in '"„“”'):
        return text
    out = []
    for i, ch in enumerate(text):
        if ch in '"„“”':
            before = text[i - 1] if i else " "
            opening = ch == "„" or (ch != "”" and (before.isspace() or before in "([{-–—/"))
            ch = "‚" if opening else "‘"
        out.append(ch)
    return "".join(out)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _capital_tr(text: str) -> str:
    return _upper(text[:1], True) + text[1:]


_SHOWN = {QUOTED: inner_quotes, CAPITAL: _capital, CAPITAL_TR: _capital_tr}
# Languages that quote with „…“ and so nest ‚…‘ (the templates put the request in „…“).
_LOW_QUOTES = frozenset({"de"})


def _client_context(client: Client, slots: Slots, lang: str = "") -> dict[str, Any]:
    ctx: dict[str, Any] = {k: slots.wrap(v) for k, v in client.extra.items()}
    for key in ("name", "first_name", "surname", "title", "email", "company", "request"):
        value = getattr(client, key)
        ctx[key] = slots.add(value, QUOTED if key == "request" and lang in _LOW_QUOTES else TEXT) if value else None
    ctx.update(
        salutation=client.salutation,
        formal=client.formal,
        language=client.language,
        relationship=client.relationship,
        amount_due=client.amount_due,
        currency=client.currency,
        end_date=client.end_date,
        pay_by=client.pay_by,
        notice=client.notice,
        access=client.access,
        contract=client.contract,
        referrals=[{"name": slots.add(r.name),
                    "contact": slots.add(r.contact) if r.contact else None,
                    "note": slots.add(r.note) if r.note else None} for r in client.referrals],
        resources=[{"title": slots.add(r.title), "url": slots.add(r.url, URL)} for r in client.resources],
    )
    return ctx


def _greeting(client: Client, ctx: Mapping[str, Any], gettext: Callable[[str], str], lang: str) -> str:
    """The salutation line from the catalog; braces, not %, so that each language
    may use whichever of the name fields it needs."""
    if not client.name:  # an unknown recipient: "Sehr geehrte Damen und Herren," / "Hallo,"
        team = _team_greeting(client, gettext)
        if team:  # a client of whom only the company is known: "Dear Acme Ltd team,"
            return team.replace("{company}", ctx["company"])
        if lang == "tr" and client.formal and client.relationship != "client":
            return TR_FORMAL_UNKNOWN_PROSPECT
        return gettext(UNKNOWN_GREETINGS[client.formal])
    title = salutation_title(academic_title(client.title), lang)
    if not client.formal:
        pattern = gettext(INFORMAL_GREETING)
        if client.name_parts == "surname" and "{first_name}" in pattern:
            return gettext(UNKNOWN_GREETINGS[False])  # "Hallo Müller," would be rude; "Hallo," is not
    else:
        pattern = gettext(GREETINGS[(client.salutation, title is not None)])
        lacking = {"given": "{surname}", "surname": "{first_name}"}.get(client.name_parts)
        # r57a-tr I2, r57b-tr I9 (round 56 item 3): a Turkish letter to a client (a fesih bildirimi,
        # or the letter on a project) names the addressee in full, "Sayın Ayşe Yılmaz," (the
        # greeting for "none"), not "Ayşe Hanım," (a prospect's); a given name alone keeps that.
        in_full = lang == "tr" and client.relationship == "client" and client.name_parts == "full"
        if in_full or (lacking and lacking in pattern):  # "Dear Jane," rather than "Dear Ms Jane,"
            pattern = gettext(GREETINGS[("none", title is not None)])
    shown = "" if not title else title if lang in KEEPS_TITLES else gettext(title)
    fields = {"name": ctx["name"], "first_name": ctx["first_name"], "surname": ctx["surname"], "title": shown}
    return GREETING_FIELD.sub(lambda m: fields[m.group(1)], pattern)


def _team_greeting(client: Client, gettext: Callable[[str], str]) -> str | None:
    """The catalog's greeting to a client's team ("Dear {company} team,") for a client
    of whom only the company is known, where the language has one (the pattern names
    {company}); None for a prospect, without a company, or in a language without it."""
    if client.name or client.relationship != "client" or not client.company:
        return None
    pattern = gettext(TEAM_GREETINGS[client.formal])
    return pattern if "{company}" in pattern else None


def _closing(client: Client, gettext: Callable[[str], str]) -> str:
    """The closing line, chosen here only. A formal letter greets an unknown recipient
    exactly when there is no name and no team greeting (_greeting); such a letter
    ("Dear Sir or Madam,") takes the catalog's UNKNOWN_CLOSING ("Yours faithfully" in
    British English, the usual closing elsewhere); every other letter, "Dear Acme Ltd
    team," among them, the closing of its register."""
    if client.formal and not client.name and _team_greeting(client, gettext) is None:
        return gettext(UNKNOWN_CLOSING)
    usual = gettext(CLOSINGS[client.formal])
    # ROUND54-en item 4: a formal letter to a named client takes CLIENT_CLOSING ("Yours sincerely");
    # a prospect, a team greeting and an informal letter keep their register's closing. A team's
    # catalog that sets its own formal closing but not this one keeps its own (the house style wins,
    # and a catalog without the entry never shows the English msgid).
    if client.formal and client.name and client.relationship == "client":
        named = gettext(CLIENT_CLOSING)
        if named != CLIENT_CLOSING or usual == CLOSINGS[True]:
            return named
    return usual


def _upper(text: str, turkic: bool) -> str:
    return (text.replace("i", "İ") if turkic else text).upper()


def _lower(text: str, turkic: bool) -> str:
    return (text.replace("I", "ı").replace("İ", "i") if turkic else text).lower()


def _capitalize(text: str, turkic: bool) -> str:
    return _upper(text[:1], turkic) + _lower(text[1:], turkic)


def _title(text: str, turkic: bool) -> str:
    return re.sub(r"\w+", lambda m: _capitalize(m.group(0), turkic), text)


def _case_filter(fn: Callable[[str, bool], str]) -> Callable[..., str]:
    """Case filters that are right for Turkish and Azerbaijani (i/İ, ı/I):
    Python's str.upper() turns "istanbul" into "ISTANBUL".

    >>> _upper("istanbul", True), _lower("IRMAK", True), _title("izmir ılıca", True)
    ('İSTANBUL', 'ırmak', 'İzmir Ilıca')
    """

    @jinja2.pass_context
    def filt(context: Any, value: Any) -> str:
        return fn(str(value), str(context.get("locale", "")).startswith(("tr", "az")))

    return filt


@jinja2.pass_context
def _format_currency(context: Any, amount: Any, currency: str) -> str:
    from .cldr import format_money  # Babel, with the letter conventions that differ from CLDR

    return format_money(amount, currency, context["locale"], _answers(context))


@jinja2.pass_context
def _format_date(context: Any, value: Any, format: str = "long") -> str:
    from .cldr import format_long_date

    return format_long_date(value, context["locale"], format, _answers(context))


def _answers(context: Any) -> dict[str, Any] | None:
    """Where the Engine holds Babel's kept answers (cldr._answers): on its environment."""
    env = context.environment
    return env.answers if isinstance(env, Sandbox) else None


def _in_days(value: Any, days: Any) -> _dt.date:
    """`value` (a date, such as `today`) plus `days` days: `{{ today|in_days(14)|format_date }}`."""
    if not isinstance(value, _dt.date):
        raise TypeError(f"in_days works on a date such as today, not {type(value).__name__}")
    if not isinstance(days, int) or isinstance(days, bool):
        raise TypeError(f"in_days takes a whole number of days, such as in_days(14), not {days!r}")
    try:
        return value + _dt.timedelta(days=days)
    except OverflowError:
        raise ValueError(f"in_days({days}) is beyond the calendar's years 1-9999") from None


@jinja2.pass_context
def _format_list(context: Any, items: Any, style: Any = "standard") -> str:
    from babel.lists import format_list

    from .cldr import locale

    return format_list(list(items), style=style, locale=locale(context["locale"]))


def _finalize(value: Any) -> Any:
    # StrictUndefined stops a missing field; this stops an empty one, so that
    # "None" never reaches a client ("Dear None,").
    if value is None:
        raise EmptyValue("prints a field that is empty in this record: test it with {% if %} first")
    sandbox.count_output(value)
    return value


def _part(name: str) -> str:
    return f"{PART_OPEN}{name}{PART_CLOSE}"


class _FolderCache(jinja2.BytecodeCache):
    """Compiled templates in a folder, through Jinja's public bucket API; a file
    that cannot be read or written is just skipped. Each file is read whole and
    handed to Bucket.bytecode_from_string, which checks Jinja's and Python's
    versions and the template source's checksum (and compiles again on a mismatch)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _file(self, bucket: jinja2.bccache.Bucket) -> str:
        return os.path.join(self.folder, f"{bucket.key}.cache")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._file(bucket), "rb") as fh:
                data = fh.read()
        except OSError:  # not cached yet, or unreadable
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # a truncated or foreign file: compile from source instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from .paths import keep_in_cache

        keep_in_cache(self._file(bucket), bucket.bytecode_to_string())


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates under the user's cache folder: compiling the three
    templates of a letter costs about 30 ms, a third of a cold start. The cache
    checks each template's source, so an edited template is compiled again."""
    from . import __version__
    from .paths import cache_dir

    # "guarded-1": the code the sandbox's code generator writes; a new version of
    # those checks must not load code compiled without them.
    folder = cache_dir(f"jinja-{__version__}-{jinja2.__version__}-guarded-1")
    return _FolderCache(folder) if folder else None


class FolderLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader that reads no file outside the folder it finds it in:
    a team's folder is untrusted, and a link in it (templates/leak.txt ->
    ~/.ssh/id_rsa, or a linked folder) must not put another file into a letter."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for root in self.searchpath:
            filename = "/".join([root, *pieces])  # as Jinja's: posixpath.join
            if os.path.isfile(filename):
                problem = outside(filename, root)
                if problem:
                    raise problem
                break
        return super().get_source(environment, template)


def build_environment(path: SearchPath) -> Sandbox:
    """The one Jinja environment: sandboxed and bounded (sandbox.py), strict, i18n, Babel filters."""
    env = Sandbox(
        bytecode_cache=_bytecode_cache(),
        loader=FolderLoader([str(p) for p in path.templates]),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_finalize,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        format_currency=_format_currency,
        format_date=_format_date,
        in_days=_in_days,
        format_list=_format_list,
        upper=_case_filter(_upper),
        lower=_case_filter(_lower),
        title=_case_filter(_title),
        capitalize=_case_filter(_capitalize),
    )
    env.globals["part"] = _part
    env.guard_filters()
    return env


def _template_line(exc: BaseException, templates: tuple[str, ...] = ()) -> tuple[str, int] | None:
    """(file, line) of the innermost template frame in a traceback, if any: a file
    ending in .j2, or one in a template folder (`{% include "x.txt" %}`)."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") or (templates and name.startswith(templates) and not name.endswith(".py")):
            where = (name, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _failed(exc: BaseException, name: str, detail: str, cls: type[TemplateError] = TemplateError,
            roots: tuple[str, ...] = (), note: bool = False, **data: Any) -> TemplateError:
    """`file:line: detail` where a template failed (else `name: detail`), as an error
    carrying them; with `note`, the letter's template is named at the end when the
    failing one is another (an include, or the frame it extends)."""
    where = _template_line(exc, roots)
    if where is None:
        return cls(f"{name}: {detail}", source=name, detail=detail, **data)
    file, line = where
    drafting = "" if not note or file.replace(os.sep, "/").endswith("/" + name) else f" (drafting {name})"
    return cls(f"{file}:{line}: {detail}{drafting}", file=file, line=line, source=name, detail=detail + drafting,
               **data)


def _stopped(exc: BaseException, env: jinja2.Environment, name: str, detail: str) -> TemplateError:
    """The error where a template was stopped by the sandbox or Python's limits."""
    loader = env.loader
    roots = tuple(loader.searchpath) if isinstance(loader, jinja2.FileSystemLoader) else ()
    return _failed(exc, name, detail, TooSlow if isinstance(exc, TimeUp) else TemplateError, roots, note=True)


# Jinja's UndefinedError says the name only in its message ("'x' is undefined",
# "'dict object' has no attribute 'x'"): the one message read, to give `field`.
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '([^']+)'")


def _undefined(exc: jinja2.UndefinedError, name: str) -> TemplateError:
    found = _UNDEFINED_NAME.search(exc.message or "")
    field = next((g for g in found.groups() if g), None) if found else None
    return _failed(exc, name, f"{exc.message}: the template uses a field the record does not have",
                   UnknownVariable, field=field)


def _tidy_part(name: str, text: str) -> str:
    """Tidy one part: each paragraph on one line, list items one per line with a
    blank line around the list, signature lines kept as hard line breaks."""
    blocks: list[str] = []
    ended_with_list = False  # the last chunk's last line was a list item
    for chunk in re.split(r"\n\s*\n", text):
        # Only ASCII blanks fold: Babel's no-break spaces (1.234,50\u00a0€) must stay.
        lines = [_BLANKS.sub(" ", line).strip(" \t") for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if name in LINE_PARTS:
            blocks.append("  \n".join(lines))
            continue
        start = len(blocks)
        para: list[str] = []
        items: list[str] = []
        for line in lines:
            if _LIST_ITEM.match(line):
                if para:
                    blocks.append(" ".join(para))
                    para = []
                items.append(line)
            else:
                if items:
                    blocks.append("\n".join(items))
                    items = []
                para.append(line)
        if para:
            blocks.append(" ".join(para))
        if items:
            blocks.append("\n".join(items))
        if ended_with_list and start and _LIST_ITEM.match(lines[0]):
            # Items apart by a blank line (a template's {% for %} over resources or
            # referrals) are one tight list: a loose one became <li><p> in HTML and
            # lost its bullets in plain text.
            blocks[start - 1] += "\n" + blocks.pop(start)
        ended_with_list = bool(_LIST_ITEM.match(lines[-1]))
    return "\n\n".join(blocks)


def split_parts(rendered: str, tidied: MutableMapping[tuple[str, str], str] | None = None) -> dict[str, str]:
    """The rendered letter's parts, each tidied (_tidy_part). With `tidied` (the
    Engine's), each part is tidied once: the parts of letters of one reason and
    language repeat from letter to letter (client text is only placeholders here)."""
    tidied = {} if tidied is None else tidied

    def tidy(name: str, text: str) -> str:
        done = tidied.get((name, text))
        if done is None:
            done = tidied[(name, text)] = _tidy_part(name, text)
        return done

    pieces = PART_RE.split(rendered)
    parts: dict[str, str] = {}
    if pieces[0].strip():
        parts["preamble"] = tidy("preamble", pieces[0])
    for name, body in zip(pieces[1::2], pieces[2::2]):
        text = tidy(name, body)
        parts[name] = (parts[name] + "\n\n" + text).strip() if name in parts else text
    return parts


def join_parts(parts: Mapping[str, str]) -> str:
    """The letter's body from its parts, a blank line between them, except that the
    refusal and the reason share a paragraph: "No. Because." reads as one thought,
    and one-sentence paragraphs in a row read like a form; and an informal letter's
    given name stands on the line under the closing (a hard line break)."""
    blocks: list[str] = []
    previous = ""
    for name, text in parts.items():
        if not text:
            continue
        if name == "reason" and previous == "refusal" and blocks and not _LIST_ITEM.match(text) \
                and not _LIST_ITEM.match(blocks[-1].rsplit("\n\n", 1)[-1]):
            first, sep, rest = text.partition("\n\n")
            blocks[-1] += " " + first
            if rest:
                blocks.append(rest)
        elif name == "given_name" and previous == "closing" and blocks:
            blocks[-1] += "  \n" + text  # "Viele Grüße" and "Katrin" on two lines of one block
        else:
            blocks.append(text)
        previous = name
    return "\n\n".join(blocks)


# The longest subject that names what the record knows; mail clients cut a subject in
# their message list at about 60-70 characters.
SUBJECT_LIMIT = 70


def _fits_a_header(text: str) -> bool:
    """Whether client text may stand in a Subject: no line break, control or bidi control
    (mail.header_value refuses them; in the letter's body they are escaped or isolated)."""
    if text.isprintable():
        return True
    import unicodedata

    return not _BIDI.search(text) and all(
        ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp") for ch in text)


_ARTICLE_EN = re.compile(r"(?i)\A(?:a|an|the)\s+")


def subject_line(client: Client, trans: Any, subject_msgid: str, lines: Mapping[str, str], slots: Slots,
                 lang: str, locale: str) -> str:
    """The subject: the reason's line for the relationship, or one of its optional
    `lines` (reasons.Reason.subject_lines) that names what the record knows.

    The rule: the most specific line that stays within SUBJECT_LIMIT characters,
    in this order: request and end date, request, end date, neither. The request
    comes before the date because it tells a client with several engagements
    which one ends; the letter says the date in its notice sentence anyway. A
    request too long for any line is left to the letter's first paragraph. No
    line names a reason (all reasons of a relationship share them), so
    `--no-explain` gives nothing away.

    The request goes in as a placeholder, like all client text: it is data, filled
    in for each format. The date is Babel's long date (cldr.format_long_date, with
    its no-break spaces), as in the letter."""
    request = client.request if client.request and _fits_a_header(client.request) else None
    project = client.relationship == "client" and client.contract == "project"
    if project:  # the reason's termination lines would say the project ends; it is completed
        subject_msgid, lines = PROJECT_SUBJECTS[""], {"request": PROJECT_SUBJECTS["request"]}
    date = None
    if client.end_date is not None and ("end" in lines or "request_end" in lines):
        from .cldr import format_long_date

        date = format_long_date(client.end_date, locale)
    known = {"request_end": request and date, "request": request, "end": date}
    subject = ""
    for key in [k for k in ("request_end", "request", "end") if known[k] and k in lines] + [""]:
        msgid = lines[key] if key else subject_msgid
        # Turkish writes "siz" to a recipient without a name, whatever the register
        # (r18-tr W5; the body does the same in templates/_base/tr.md.j2). The informal
        # client lines ("Birlikte çalışmamız sona eriyor") name no person and suit that
        # semi-formal siz letter; the formal "İş birliğimizin …" would not (r20-tr W6).
        # Round 64 (r63a/b-tr W1, a sen subject asked for): kept, as the body is siz too.
        siz = client.formal or (lang == "tr" and not client.name and client.relationship != "client")
        subject = trans.gettext(msgid) if siz else trans.pgettext("informal", msgid)
        if date and "{date}" in subject:
            subject = subject.replace("{date}", date)
        if not key or len(subject.replace("{request}", request or "")) <= SUBJECT_LIMIT:
            break
    if request and "{request}" in subject:
        first = subject.startswith("{request}")
        if first and lang == "en":
            # A headline drops the article ("New company website – ending …", not
            # "A new company website: …"); the letter's own sentences keep it.
            bare = _ARTICLE_EN.sub("", request, count=1)
            request = bare if bare.strip() else request
        kind = TEXT if not first else CAPITAL_TR if lang in ("tr", "az") else CAPITAL
        subject = subject.replace("{request}", slots.add(request, kind))
    return subject


def _placed(client: Client, cctx: dict[str, Any], slots: Slots, style: Mapping[str, Any]) -> dict[str, Any]:
    """What a template sees of the house style, its text as placeholders (added to `slots`
    in this order, after the client's)."""
    sender = slots.wrap(style["sender"]) if style.get("sender") else None
    given = None if client.formal else given_name(style.get("sender"))  # parsed only where it is shown
    return {
        "sender": sender,
        "signature": slots.wrap(style.get("signature") or []),
        # the sender's given name, under an informal letter's closing ("Viele Grüße / Katrin")
        "given_name": slots.add(given) if given else None,
        "resources": cctx["resources"] or slots.wrap(style.get("resources") or []),
        "referrals": cctx["referrals"] or slots.wrap(style.get("referrals") or []),
        "payment_days": style.get("payment_days"),
    }


def _context(client: Client, cctx: dict[str, Any], placed: dict[str, Any], lang: Language, trans: Any,
             explain: bool, today: _dt.date) -> dict[str, Any]:
    """What a template sees: the client (placeholders), the house style (_placed), the
    language's gettext functions, greeting and closing."""
    gettext_fns = i18n.newstyle(trans)
    return {
        **gettext_fns,
        "client": cctx,
        "explain": explain,
        "relationship": client.relationship,
        "formal": client.formal,
        "lang": lang.code,
        "locale": lang.locale,
        "greeting": _greeting(client, cctx, trans.gettext, lang.code),
        "closing": _closing(client, trans.gettext),
        **placed,
        "today": today,
    }


# The client fields a template sees as they are (not as placeholders), and `title`, whose
# text the greeting shows ("Sehr geehrte Frau Dr. …"); name_parts chooses the greeting.
_AS_THEY_ARE = ("salutation", "formal", "language", "relationship", "amount_due", "currency", "end_date",
                "pay_by", "notice", "access", "contract", "title", "name_parts")
_as_they_are = operator.attrgetter(*_AS_THEY_ARE)
_PLACEHOLDERS = ("name", "first_name", "surname", "title", "email", "company", "request")


def _memo_key(name: str, subject: str, client: Client, cctx: dict[str, Any], placed: dict[str, Any],
              lang: Language, explain: bool, today: _dt.date) -> tuple[Any, ...]:
    """The render memo's key: what _context() makes a letter's template context from (the
    engine's catalogs aside, which an Engine reads once). Two letters with equal keys have
    equal contexts: the client's text is in it only as placeholders, whose numbers follow
    from which fields are given; the values a template sees as they are go in with their
    types, so that True and 1 stay apart, and the amount by repr(), so that 1.50 and 1.5
    do. (It replaces repr() of the whole context: 17-22 us a letter.)"""
    values = (*_as_they_are(client), explain, today)
    extra = repr([(k, cctx[k]) for k in client.extra]) if client.extra else ""
    lists = repr((cctx["referrals"], cctx["resources"])) if client.referrals or client.resources else ""
    return (name, subject, lang.code, lang.locale, extra, lists,
            tuple(cctx[k] for k in _PLACEHOLDERS),
            values, tuple(map(type, values)), repr(client.amount_due),
            # without a house style (each value of _placed() is None or empty then: no repr)
            repr(placed) if any(placed.values()) else "")


def _run(env: jinja2.Environment, name: str, context: dict[str, Any], time_limit: float | None, reason_id: str,
         lang: str) -> str:
    """Render template `name` within the sandbox's bounds; every way it can fail is a
    TemplateError (or, for a missing template, a UsageError) naming file and line."""
    budget = sandbox.start(time_limit)
    try:
        return env.get_template(name).render(context)
    except LimitError as exc:
        raise _stopped(exc, env, name, str(exc)) from None
    except RecursionError as exc:
        raise _stopped(exc, env, name, "nested too deeply: a macro, include or extends that calls itself "
                       "without end, or brackets nested hundreds deep") from None
    except SyntaxError as exc:  # Python's own limit on the code a template compiles to (nested blocks)
        detail = "nested too deeply: blocks, loops or ifs nested dozens deep"
        raise TemplateError(f"{exc.filename or name}: {detail}", file=exc.filename, source=name,
                            detail=detail) from None
    except MemoryError:
        detail = "the template needs more memory than there is"
        raise TemplateError(f"{name}: {detail}", source=name, detail=detail) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise UsageError(f"reason {reason_id!r} has no {lang!r} template ({name})", field="language",
                             source=name) from None
        detail = f"includes or extends {exc.name!r}, which does not exist"
        raise TemplateError(f"{name}: {detail}", source=name, detail=detail) from None
    except jinja2.TemplateSyntaxError as exc:
        detail = f"template syntax error: {exc.message}"
        raise TemplateSyntaxError(f"{exc.filename or exc.name}:{exc.lineno}: {detail}", file=exc.filename or exc.name,
                                  line=exc.lineno, source=name, detail=detail) from None
    except jinja2.UndefinedError as exc:
        raise _undefined(exc, name) from None
    except SecurityError as exc:
        raise _failed(exc, name, f"blocked by the sandbox: {exc}") from None
    except EmptyValue as exc:
        raise _failed(exc, name, str(exc)) from None
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as exc:
        raise _failed(exc, name, f"{type(exc).__name__}: {exc}") from None
    finally:
        sandbox.stop(budget)


def render(env: jinja2.Environment, lang: Language, reason_id: str, subject_msgid: str,
           client: Client, *, explain: bool, style: Mapping[str, Any] | None = None,
           request_subject: str | None = None, subject_lines: Mapping[str, str] | None = None,
           time_limit: float | None = sandbox.DEFAULT_TIME_LIMIT,
           memo: MutableMapping[Any, Any] | None = None, pieces: MutableMapping[str, Any] | None = None,
           tidied: MutableMapping[Any, str] | None = None,
           catalogs: MutableMapping[str, Any] | None = None, today: _dt.date | None = None) -> Rendered:
    """The letter's Markdown with placeholders. `subject_msgid` is the reason's
    subject line for the relationship, `subject_lines` its optional lines by what
    they need ("request", "end", "request_end": Reason.subject_lines; `request_subject`
    is the "request" one alone), for a record that has a request or an end date. A template that runs longer
    than `time_limit` seconds (None: no limit), or past the sandbox's bounds,
    fails with a TemplateError naming its file and line. With `memo` (the
    Engine's), a letter whose template context and subject equal an earlier
    one's (client text is only placeholders there) takes that letter's Markdown
    with its own values: a template sees nothing but its context. `pieces`,
    `tidied` and `catalogs` are the Engine's other caches (Slots, split_parts,
    i18n.translations). `today` is the day the letter is written (None: the real
    day, now): the template's `today`, and part of the memo's key."""
    name = template_name(reason_id, lang.code)
    trans = i18n.translations(lang, catalogs)
    slots = Slots(pieces)
    cctx = _client_context(client, slots, lang.code)
    placed = _placed(client, cctx, slots, style or {})
    today = today if today is not None else _dt.date.today()  # the template's `today`, in the memo's key
    # The subject after the context's placeholders: it may add one (the request), as the memo's letter did.
    lines = dict(subject_lines or {})
    if request_subject:
        lines["request"] = request_subject
    subject = subject_line(client, trans, subject_msgid, lines, slots, lang.code, lang.locale)
    key = None
    if memo is not None:
        key = _memo_key(name, subject, client, cctx, placed, lang, explain, today)
        known = memo.get(key)
        if known is not None:
            return Rendered(known[0], known[1], subject, slots, lang, name)
    context = _context(client, cctx, placed, lang, trans, explain, today)
    output = _run(env, name, context, time_limit, reason_id, lang.code)
    parts = split_parts(output, tidied)
    body = join_parts(parts)
    if _PRIVATE.search(SLOT_RE.sub("", body)):
        detail = "a template changed a client value (sliced or transformed it): use it whole"
        raise TemplateError(f"{name}: {detail}", source=name, detail=detail)
    markdown = body + "\n"
    if key is not None and memo is not None:
        # the very string the letter gets: the Converter's and Mail's caches, keyed by it,
        # then hold one copy, not two
        memo[key] = (markdown, parts)  # never an error: nothing kept grows with the rows
    return Rendered(markdown=markdown, parts=parts, subject=subject, slots=slots, lang=lang, template=name)
