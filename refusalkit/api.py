"""The front door: `draft()` turns a reason and a client record into a Letter.

The CLI, batch runs and the preview page all call this; so can your own code:

    >>> from refusalkit import draft
    >>> letter = draft("capacity", {"name": "Kim Mayer"}, lang="de")
    >>> letter.markdown.splitlines()[0]
    'Guten Tag Kim Mayer,'
"""

from __future__ import annotations

import datetime
import os
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple, Sequence

from . import reasons, searchpath
from .searchpath import Language, SearchPath
from .errors import UsageError
from .formats import Converter, md_escape, md_url, to_flowed, to_html, to_markdown, to_text
from .memo import Memo
from .records import Client, notice_end, overdue_paid_before_the_end, parse_record
from .render import Rendered, build_environment, render
from .sandbox import DEFAULT_TIME_LIMIT
from .style import Style

if TYPE_CHECKING:
    from .mail import Mail
    from .reasons import Reason


class Resolved(NamedTuple):
    """What a letter is drafted from: Engine.resolve()'s answer."""

    reason: Reason
    language: Language
    client: Client


class Engine:
    """Templates, catalogs and the Jinja environment for one search path, built once,
    and what drafting many letters keeps: the rendered Markdown of each template
    context met (render's memo), the converted paragraphs (formats.Converter) and
    the .eml builder (mail.Mail). All of it bounded (memo.Memo), and all of it here:
    two Engines never share a cache.

    `time_limit`: the seconds of CPU time a letter may take to render (None: no
    limit); a template that runs longer fails with a TemplateError naming its line.
    Every letter of the engine has it: draft, check, batch, serve.
    """

    def __init__(self, path: SearchPath | None = None, style: Style | None = None,
                 time_limit: float | None = DEFAULT_TIME_LIMIT) -> None:
        self.time_limit = time_limit
        self.style = style or Style()
        self.path = path or SearchPath.builtin(self.style.templates, self.style.locales)
        self.env = build_environment(self.path)
        self._languages: dict[str, Language] | None = None
        self._mail: Mail | None = None
        self.rendered = Memo(1024)  # (template, subject, context) -> (Markdown, parts)
        self.reason_files = Memo(256)  # reason.toml read: path -> ((mtime, size), Reason)
        self.pieces = Memo(2048)  # a text with placeholders -> its pieces (render.Slots)
        self.tidied = Memo(512)  # (part, rendered text) -> tidied (render.split_parts)
        self.analysed = Memo(512)  # (name, file, mtime, size) -> a template as check read it (check._parse)
        self.catalogs: dict[str, Any] = {}  # .po path -> its gettext catalog (i18n.translations)
        self.converter = Converter()

    @property
    def languages(self) -> dict[str, Language]:
        if self._languages is None:
            self._languages = searchpath.languages(self.path)
        return self._languages

    @property
    def mail(self) -> Mail:
        """The .eml builder of this engine's letters, with its bounded caches."""
        if self._mail is None:
            from .mail import Mail

            self._mail = Mail()
        return self._mail

    def language(self, code: str) -> Language:
        try:
            return self.languages[code.lower()]
        except KeyError:
            available = ", ".join(sorted(self.languages)) or "none"
            shown = code if len(code) <= 40 else code[:37] + "..."
            raise UsageError(f"unknown language {shown!r}: available are {available}", field="language") from None

    def reason(self, rid: str) -> Reason:
        """The reason with this id or alias (reasons.find), its file read once while unchanged."""
        return reasons.find(self.path, rid, self.reason_files)

    def all_reasons(self) -> list[Reason]:
        return reasons.all_reasons(self.path, self.reason_files)

    def asked_language(self, *wanted: Any, suggested: str | None = None) -> str | None:
        """The language code a letter is asked in, or None when nothing asks for one: the
        first of `wanted` that is given (text), else the house style's default, else
        `suggested` where the engine has letters in it (serve: the page's language, which
        the browser asked for), else the one the environment's locale negotiates.

        The one language order of the package: draft, batch, reply, serve and the
        amounts typed as text (records.parse_record) all come here."""
        code = next((c for c in wanted if c and isinstance(c, str)), None) or self.style.lang
        if code:
            return code
        if suggested and suggested.lower() in self.languages:
            return suggested.lower()
        return environment_language(sorted(self.languages))

    def pick_language(self, *wanted: Any, suggested: str | None = None) -> Language:
        """The language of asked_language(), else English."""
        return self.language(self.asked_language(*wanted, suggested=suggested) or "en")

    @property
    def formal(self) -> bool:
        """The register of a letter whose record has none: the house style's, else formal
        (records.Client's default)."""
        return Client._field_defaults["formal"] if self.style.formal is None else self.style.formal

    def with_defaults(self, record: Mapping[str, Any], formal: bool | None = None) -> Mapping[str, Any]:
        """`record` with the register filled in where it has none (no `formal`, or a blank one):
        `formal` (a command's --formal/--informal for every record), else the house style's.
        resolve() does this for a record mapping; a caller that checks records itself
        (batch, reply) calls it before records.parse_record."""
        if record.get("formal") not in (None, ""):
            return record
        value = self.style.formal if formal is None else formal
        return record if value is None else {**record, "formal": value}

    def resolve(self, reason: str | Reason, client: Client | Mapping[str, Any], lang: str | None = None, *,
                default_lang: str | None = None, source: str = "client record", strings: bool = False,
                today: datetime.date | None = None) -> Resolved:
        """The reason, language and client a letter is drafted from, each checked.

        `client` is a Client or a record mapping (checked by records.parse_record, with
        `source` naming it in errors and `strings` as there); a record without
        `formal` takes the house style's (with_defaults). The language is `lang`, else
        the record's, else `default_lang`, else the house style's, else the locale's,
        else English (pick_language). The reason must fit the client's relationship.
        A client's notice_period gives the end_date counted from `today`, the letter's
        date (None: the real day, now; records.notice_end).
        Each problem is a UsageError or RecordError naming its field.
        """
        named = "" if isinstance(client, Client) else source  # a Client's caller names its row (batch)
        if not isinstance(client, Client):
            client = self.with_defaults(client)
            # an amount typed as text ("1.234,50") is read as the letter's language writes it
            client = parse_record(client, source, strings=strings, locale=lang,
                                  default_locale=self.asked_language(default_lang)
                                  if isinstance(client.get("amount_due"), str) else None,
                                  default_currency=self.style.currency)
        found = self.reason(reason) if isinstance(reason, str) else reason
        language = self.pick_language(lang, client.language, default_lang)
        if not found.fits(client.relationship):
            fits = " or ".join(found.relationships)
            raise UsageError(f"reason {found.id!r} fits only relationship {fits}, not {client.relationship!r}",
                             field="relationship")
        given_end = client.end_date
        client = notice_end(client, today or datetime.date.today(), named)
        if found.id == "nonpayment":
            overdue_paid_before_the_end(client, named, derived=given_end is None)
        return Resolved(found, language, client)

    def render_variant(self, reason: Reason, language: Language, client: Client, *, explain: bool = True,
                       style: Mapping[str, Any] | None = None, today: datetime.date | None = None) -> Letter:
        """The letter for this reason, language and client, as given (no check that the
        reason fits: `check` renders every variant); `style` replaces what the house
        style gives a letter (Style.for_letter). `today` is the day the letter is
        written (templates: `today`, deadlines as `today|in_days(14)`); None: the
        real day, now."""
        rel = client.relationship
        rendered = render(self.env, language, reason.id, reason.subjects[rel], client, explain=explain,
                          today=today,
                          style=self.style.for_letter(language.code) if style is None else style,
                          subject_lines=reason.subject_lines(rel),
                          time_limit=self.time_limit, memo=self.rendered, pieces=self.pieces,
                          tidied=self.tidied, catalogs=self.catalogs)
        return Letter(reason=reason.id, lang=language.code, relationship=rel, rendered=rendered,
                      client=client, sender=self.style.sender, engine=self)


def default_engine(style: Style | None = None) -> Engine:
    """A new Engine for the built-in templates and the house style `style` (None: no
    house style). Nothing is kept between calls (no state lives in a module):
    building one costs a few milliseconds, and its first letter reads the templates
    and catalogs it needs (about 7 ms in all where the catalogs are compiled), so
    code that drafts more than one letter makes one Engine and passes it to every
    draft()."""
    return Engine(style=style)


def environment_language(available: list[str], environ: Mapping[str, str] | None = None) -> str | None:
    """The language the user's locale asks for, negotiated with Babel.

    >>> environment_language(["de", "en", "tr"], {"LANG": "de_AT.UTF-8"})
    'de'
    >>> environment_language(["de", "en", "tr"], {"LC_ALL": "tr_TR.UTF-8"})
    'tr'
    >>> environment_language(["de", "en", "tr"], {"LANG": "C"}) is None
    True
    """
    environ = os.environ if environ is None else environ
    wanted: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            wanted.extend(v.split(".")[0].split("@")[0] for v in value.split(":") if v)
            if var != "LANGUAGE":
                break
    wanted = [w for w in wanted if w and w not in ("C", "POSIX")]
    if not wanted:
        return None
    from babel.core import negotiate_locale

    return negotiate_locale(wanted, available, sep="_")


# The private-use characters render.py marks placeholders and parts with (U+E000-U+E011).
_PLACEHOLDER_CHARS = dict.fromkeys(range(0xE000, 0xE012))


class Letter:
    """A drafted letter; each format is produced on first access."""

    quoted: tuple[str, str] | None = None  # (attribution line, original text): see quote()

    def __init__(self, reason: str, lang: str, relationship: str, rendered: Rendered,
                 client: Client | None = None, sender: Mapping[str, str] | None = None,
                 engine: Engine | None = None, converter: Converter | None = None) -> None:
        # draft() passes its Engine: its .eml builder and its converted paragraphs
        self.converter = converter or (engine.converter if engine is not None else Converter())
        self.reason = reason
        self.lang = lang
        self.relationship = relationship
        self.rendered = rendered
        self.client = client  # for the email headers (To)
        self.sender = sender  # the house style's sender (From)
        self.engine = engine  # whose .eml builder (Engine.mail) writes eml()

    def __repr__(self) -> str:
        return f"Letter(reason={self.reason!r}, lang={self.lang!r}, relationship={self.relationship!r})"

    @property
    def greets_unknown_client(self) -> bool:
        """A letter to a client of whom neither a name nor a company is known: it greets
        an unknown recipient ("Dear Sir or Madam,"), which no client should read; draft
        notes it on stderr (the letter itself is as it is)."""
        client = self.client
        return self.relationship == "client" and client is not None and not client.name and not client.company

    @property
    def leaves_the_end_open(self) -> bool:
        """A letter to a client that names no end: the record has neither end_date nor
        notice_period, so a notice says the work ends "when the notice period expires" (and
        a project is completed "as agreed", with no date), and the client must work out the
        day; draft notes it on stderr (every native reviewer asks for the day)."""
        client = self.client
        return self.relationship == "client" and client is not None and client.end_date is None

    @property
    def subject(self) -> str:
        # the rendered subject may hold the record's request as a placeholder
        return self.rendered.slots.fill(self.rendered.subject, str)

    @property
    def parts(self) -> dict[str, str]:
        """The letter's parts (greeting, thanks, refusal, reason, ...), as Markdown."""
        return {k: self.rendered.slots.fill(v, md_escape, md_url) for k, v in self.rendered.parts.items()}

    @cached_property
    def markdown(self) -> str:
        if self.quoted is not None:
            from .formats import quote_markdown

            return to_markdown(self.rendered) + quote_markdown(*self.quoted)
        return to_markdown(self.rendered)

    @cached_property
    def html(self) -> str:
        if self.quoted is not None:
            from .formats import quote_html

            document, end, rest = to_html(self.rendered, self.converter).rpartition("</body>")
            return document + quote_html(*self.quoted) + end + rest
        return to_html(self.rendered, self.converter)

    @cached_property
    def text(self) -> str:
        """Plain text wrapped at 72 columns: `--format text`, for a terminal or a file."""
        if self.quoted is not None:
            from .formats import quote_text

            return to_text(self.rendered, self.converter) + quote_text(*self.quoted)
        return to_text(self.rendered, self.converter)

    @cached_property
    def unwrapped(self) -> str:
        """Plain text with each paragraph on one line, for what a mail program or a
        webmail window wraps itself: the mailto body and the clipboard."""
        if self.quoted is not None:
            from .formats import quote_text

            return to_text(self.rendered, self.converter, width=0) + quote_text(*self.quoted)
        return to_text(self.rendered, self.converter, width=0)

    @cached_property
    def flowed(self) -> str:
        """The text part of an .eml: `unwrapped` as RFC 3676 format=flowed (DelSp=no),
        lines of at most 72 columns that a mail program joins and wraps again."""
        if self.quoted is not None:  # the quote keeps its ">" marks (format=flowed quoting)
            from .formats import quote_flowed

            return to_flowed(to_text(self.rendered, self.converter, width=0)) + quote_flowed(*self.quoted)
        return to_flowed(self.unwrapped)

    def quote(self, attribution: str, original: str) -> Letter:
        """Quote `original` (a message's text) below the letter, after `attribution` ("On 30
        November 2026, Anna Schmidt wrote:"), in every format: a reply's --quote. The original
        is data: escaped for Markdown and HTML (a blockquote), behind "> " in plain text."""
        self.quoted = (attribution, original)
        for name in ("markdown", "html", "text", "unwrapped", "flowed"):
            self.__dict__.pop(name, None)
        return self

    def edited(self, markdown_text: str) -> Letter:
        """This letter with its Markdown replaced by `markdown_text` (edited by hand):
        its html, text and eml are made from it as from any drafted letter."""
        from .render import Rendered, Slots

        markdown_text = markdown_text.translate(_PLACEHOLDER_CHARS)  # no placeholder can be typed in
        rendered = Rendered(markdown_text, {}, self.subject, Slots(), self.rendered.lang,
                            self.rendered.template)
        return Letter(reason=self.reason, lang=self.lang, relationship=self.relationship, rendered=rendered,
                      client=self.client, sender=self.sender, engine=self.engine, converter=self.converter)

    def eml(self, subject: str | None = None, linesep: str = "\r\n", *, message_id: str | None = None,
            in_reply_to: str | None = None, references: Sequence[str] = ()) -> bytes:
        """An RFC 5322 draft: text and HTML alternatives, To, From, Subject, X-Unsent,
        Message-ID (`message_id`, else a random one), and In-Reply-To/References for a reply."""
        if self.engine is not None:
            mail = self.engine.mail
        else:
            from .mail import Mail

            mail = Mail()
        return mail.eml(self, subject, linesep, message_id=message_id, in_reply_to=in_reply_to,
                        references=references)

    def mailto(self, subject: str | None = None) -> str:
        """A mailto: URI (RFC 6068) with the subject and the plain-text body."""
        from .mail import to_mailto

        return to_mailto(self, subject=subject)

    def as_format(self, fmt: str, subject: str | None = None) -> str:
        if fmt == "eml":
            return self.eml(subject, linesep="\n").decode("ascii")
        if fmt == "mailto":
            return self.mailto(subject) + "\n"
        return {"md": lambda: self.markdown, "html": lambda: self.html, "text": lambda: self.text}[fmt]()


def draft(
    reason: str,
    client: Client | Mapping[str, Any],
    *,
    lang: str | None = None,
    explain: bool = True,
    style: Style | None = None,
    engine: Engine | None = None,
    today: datetime.date | None = None,
) -> Letter:
    """Draft the letter for `reason` to `client` (a Client or a record mapping).

    The language is `lang`, else the record's `language`, else the house
    style's default, else the one the environment's locale negotiates, else
    English. `style` (or `engine`, built once for many letters) brings the
    house style: sender, signature, resources, referrals, template folders.
    Without `engine`, each call builds one (see default_engine()).
    `today` is the day the letter is written, which deadlines it sets are
    counted from (templates: `today`); None: the real day, at draft time.
    """
    if engine is None:
        engine = default_engine(style)
    elif style is not None and style is not engine.style:
        # An Engine is built for one house style (its templates and catalogs come
        # from it), so a second style here would be silently ignored.
        raise ValueError("draft(): give the house style to Engine(style=...), not beside engine=")
    today = today or datetime.date.today()  # one day for the end a notice period gives and the letter
    return engine.render_variant(*engine.resolve(reason, client, lang, today=today), explain=explain, today=today)
