"""The one place that builds the Jinja environment and renders a letter's Markdown.

Client (and house-style) text never enters a template as text. Each value is
replaced by a placeholder of private-use characters before rendering; the
rendered Markdown (with placeholders) is then converted per format, and only
at the very end is every placeholder replaced by its value, escaped for that
format (formats.py). So client text is never parsed as a template, as
Markdown or as HTML, whatever it contains.
"""

from __future__ import annotations

import marshal
import pickle
import re
from typing import Any, Callable, Mapping, MutableMapping

import jinja2
from jinja2.bccache import bc_magic
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import i18n
from .catalog import Language, SearchPath, template_name
from .errors import TemplateError, UsageError
from .memo import Memo
from .records import Client

TEXT, URL = "\ue000", "\ue002"
END = "\ue001"
SLOT_RE = re.compile("([\ue000\ue002])(\\d+)\ue001")
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


# Translators: a greeting may use any of {name}, {first_name}, {surname} and
# {title}, whichever the language's convention needs ("Ayşe Hanım," takes the
# first name where "Dear Ms Yılmaz," takes the surname).
GREETINGS = {
    ("ms", False): N_("Dear Ms {surname},"),
    ("mr", False): N_("Dear Mr {surname},"),
    ("none", False): N_("Dear {name},"),
    ("ms", True): N_("Dear Ms {title} {surname},"),
    ("mr", True): N_("Dear Mr {title} {surname},"),
    ("none", True): N_("Dear {title} {name},"),
}
INFORMAL_GREETING = N_("Hi {first_name},")
GREETING_FIELD = re.compile(r"\{(name|first_name|surname|title)\}")
CLOSINGS = {True: N_("Kind regards"), False: N_("Best wishes")}
TITLES = (N_("Prof. Dr."), N_("Prof."), N_("Dr."))


def academic_title(title: str | None) -> str | None:
    """The part of a title that belongs in a salutation (DIN 5008: only Dr. and Prof.).

    >>> academic_title("Dr. med.")
    'Dr.'
    >>> academic_title("Prof. Dr.-Ing.")
    'Prof. Dr.'
    >>> academic_title("Professorin")
    'Prof.'
    >>> academic_title("Dipl.-Kfm.") is None
    True
    """
    if not title:
        return None
    words = [w.strip(".,").lower() for w in re.split(r"[\s]+", title)]
    prof = any(w in ("prof", "professor", "professorin") for w in words)
    dr = any(w == "dr" or w.startswith("dr.") or w.startswith("dr-") for w in words)
    return "Prof. Dr." if prof and dr else "Prof." if prof else "Dr." if dr else None


# Texts with placeholders, split once: a batch fills the same ones letter after letter.
_PIECES: Memo = Memo(2048)


class Slots:
    """The values behind the placeholders of one letter, by index."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def add(self, value: str, kind: str = TEXT) -> str:
        self.values.append(value)
        return f"{kind}{len(self.values) - 1}{END}"

    def fill(self, text: str, escape: Callable[[str], str], url: Callable[[str], str] | None = None) -> str:
        url = url or escape
        pieces = _PIECES.get(text)
        if pieces is None:
            split = SLOT_RE.split(text)  # text, kind, index, text, kind, index, ..., text
            pieces = _PIECES[text] = [split[0]] + [
                piece for i in range(1, len(split), 3)
                for piece in ((split[i] == URL, int(split[i + 1])), split[i + 2])]
        if len(pieces) == 1:
            return text
        values = self.values
        return "".join(piece if isinstance(piece, str) else
                       url(values[piece[1]]) if piece[0] else escape(values[piece[1]]) for piece in pieces)

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


def _client_context(client: Client, slots: Slots) -> dict[str, Any]:
    ctx: dict[str, Any] = {k: slots.wrap(v) for k, v in client.extra.items()}
    for key in ("name", "first_name", "surname", "title", "email", "company", "request"):
        value = getattr(client, key)
        ctx[key] = slots.add(value) if value else None
    ctx.update(
        salutation=client.salutation,
        formal=client.formal,
        language=client.language,
        relationship=client.relationship,
        amount_due=client.amount_due,
        currency=client.currency,
        end_date=client.end_date,
        referrals=[{"name": slots.add(r.name),
                    "contact": slots.add(r.contact) if r.contact else None,
                    "note": slots.add(r.note) if r.note else None} for r in client.referrals],
        resources=[{"title": slots.add(r.title), "url": slots.add(r.url, URL)} for r in client.resources],
    )
    return ctx


def _greeting(client: Client, ctx: Mapping[str, Any], gettext: Callable[[str], str]) -> str:
    """The salutation line from the catalog; braces, not %, so that each language
    may use whichever of the name fields it needs."""
    title = academic_title(client.title)
    if not client.formal:
        pattern = gettext(INFORMAL_GREETING)
    else:
        pattern = gettext(GREETINGS[(client.salutation, title is not None)])
    fields = {"name": ctx["name"], "first_name": ctx["first_name"], "surname": ctx["surname"],
              "title": gettext(title) if title else ""}
    return GREETING_FIELD.sub(lambda m: fields[m.group(1)], pattern)


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
    from babel.numbers import format_currency

    from .cldr import locale

    return format_currency(amount, currency, locale=locale(context["locale"], "numbers"))


@jinja2.pass_context
def _format_date(context: Any, value: Any, format: str = "long") -> str:
    from babel.dates import format_date

    from .cldr import locale

    return format_date(value, format=format, locale=locale(context["locale"], "dates"))


@jinja2.pass_context
def _format_list(context: Any, items: Any, style: str = "standard") -> str:
    from babel.lists import format_list

    from .cldr import locale

    return format_list(list(items), style=style, locale=locale(context["locale"], "lists"))


class EmptyValue(ValueError):
    """A template printed a field that this record leaves empty."""


def _finalize(value: Any) -> Any:
    # StrictUndefined stops a missing field; this stops an empty one, so that
    # "None" never reaches a client ("Dear None,").
    if value is None:
        raise EmptyValue("prints a field that is empty in this record: test it with {% if %} first")
    return value


def _part(name: str) -> str:
    return f"{PART_OPEN}{name}{PART_CLOSE}"


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache; a cache that cannot be read or written is just skipped.

    Files are Jinja's own (its dump_bytecode writes them). They are read whole
    and unmarshalled from memory: Jinja's loader unmarshals from the open file
    in many small reads, about four times as slow (half a millisecond a letter).
    """

    def load_bytecode(self, bucket: Any) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as fh:
                data = fh.read()
        except OSError:  # not cached yet, or unreadable
            return
        # What Bucket.write_bytecode puts before the code: Jinja's and Python's
        # versions, then the template source's checksum.
        header = bc_magic + pickle.dumps(bucket.checksum, 2)
        if not data.startswith(header):  # another version, or the template changed
            bucket.reset()
            return
        try:
            bucket.code = marshal.loads(memoryview(data)[len(header):])
        except Exception:  # a truncated or foreign file: compile from source instead
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates under the user's cache folder: compiling the three
    templates of a letter costs about 30 ms, a third of a cold start. The cache
    checks each template's source, so an edited template is compiled again."""
    from . import __version__
    from .paths import cache_dir

    folder = cache_dir(f"jinja-{__version__}-{jinja2.__version__}")
    return _QuietCache(folder) if folder else None


def build_environment(path: SearchPath) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, i18n, Babel filters."""
    env = ImmutableSandboxedEnvironment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FileSystemLoader([str(p) for p in path.templates]),
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
        format_list=_format_list,
        upper=_case_filter(_upper),
        lower=_case_filter(_lower),
        title=_case_filter(_title),
        capitalize=_case_filter(_capitalize),
    )
    env.globals["part"] = _part
    return env


def _template_line(exc: BaseException) -> str:
    """`file:line` of the innermost template frame in a traceback, if any."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


_NORMALISED: Memo = Memo()


def _normalise_part(name: str, text: str) -> str:
    """Tidy one part: each paragraph on one line, list items one per line with a
    blank line around the list, signature lines kept as hard line breaks.

    Remembered: the parts of letters of one reason and language repeat from
    letter to letter (client text is only placeholders here).
    """
    key = (name, text)
    done = _NORMALISED.get(key)
    if done is None:
        done = _NORMALISED[key] = _tidy_part(name, text)
    return done


def _tidy_part(name: str, text: str) -> str:
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        # Only ASCII blanks fold: Babel's no-break spaces (1.234,50\u00a0€) must stay.
        lines = [_BLANKS.sub(" ", line).strip(" \t") for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if name in LINE_PARTS:
            blocks.append("  \n".join(lines))
            continue
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
    return "\n\n".join(blocks)


def split_parts(rendered: str) -> dict[str, str]:
    pieces = PART_RE.split(rendered)
    parts: dict[str, str] = {}
    if pieces[0].strip():
        parts["preamble"] = _normalise_part("preamble", pieces[0])
    for name, body in zip(pieces[1::2], pieces[2::2]):
        text = _normalise_part(name, body)
        parts[name] = (parts[name] + "\n\n" + text).strip() if name in parts else text
    return parts


def render(env: jinja2.Environment, lang: Language, reason_id: str, subject_msgid: str,
           client: Client, *, explain: bool, style: Mapping[str, Any] | None = None,
           memo: MutableMapping[Any, Any] | None = None) -> Rendered:
    """The letter's Markdown with placeholders. With `memo` (the Engine's), a letter
    whose template context equals an earlier one's (client text is only placeholders
    there) takes that letter's Markdown with its own values: a template sees nothing
    but its context."""
    name = template_name(reason_id, lang.code)
    trans = i18n.translations(lang)
    gettext_fns = i18n.newstyle(trans)
    gettext = gettext_fns["gettext"]
    slots = Slots()
    cctx = _client_context(client, slots)
    style = dict(style or {})
    sender = slots.wrap(style["sender"]) if style.get("sender") else None
    context = {
        **gettext_fns,
        "client": cctx,
        "explain": explain,
        "relationship": client.relationship,
        "formal": client.formal,
        "lang": lang.code,
        "locale": lang.locale,
        "greeting": _greeting(client, cctx, trans.gettext),
        "closing": gettext(CLOSINGS[client.formal]),
        "sender": sender,
        "signature": slots.wrap(style.get("signature") or []),
        "resources": cctx["resources"] or slots.wrap(style.get("resources") or []),
        "referrals": cctx["referrals"] or slots.wrap(style.get("referrals") or []),
    }
    key = None
    if memo is not None:
        key = (name, subject_msgid, repr([(k, v) for k, v in context.items() if not callable(v)]))
        known = memo.get(key)
        if known is not None:
            return Rendered(known[0], known[1], known[2], slots, lang, name)
    try:
        template = env.get_template(name)
        output = template.render(context)
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise UsageError(f"reason {reason_id!r} has no {lang.code!r} template ({name})") from None
        raise TemplateError(f"{name}: includes or extends {exc.name!r}, which does not exist") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_template_line(exc) or name}: {exc.message}: the template uses a field "
                            "the record does not have") from None
    except SecurityError as exc:
        raise TemplateError(f"{_template_line(exc) or name}: blocked by the sandbox: {exc}") from None
    except EmptyValue as exc:
        raise TemplateError(f"{_template_line(exc) or name}: {exc}") from None
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as exc:
        raise TemplateError(f"{_template_line(exc) or name}: {type(exc).__name__}: {exc}") from None
    parts = split_parts(output)
    body = "\n\n".join(p for p in parts.values() if p)
    if _PRIVATE.search(SLOT_RE.sub("", body)):
        raise TemplateError(f"{name}: a template changed a client value (sliced or transformed it): use it whole")
    subject = trans.gettext(subject_msgid) if client.formal else trans.pgettext("informal", subject_msgid)
    if key is not None:
        memo[key] = (body + "\n", parts, subject)  # never an error: nothing kept grows with the rows
    return Rendered(markdown=body + "\n", parts=parts, subject=subject, slots=slots, lang=lang, template=name)
