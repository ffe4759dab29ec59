"""One letter per client from a CSV or JSON Lines file: streaming, parallel, nothing lost.

Each row is read (clientfile.py), checked, given its file name, drafted once
per shape (Shapes), formatted and written whole or not at all (letterfiles.py)
as it comes: memory does not grow with the file. Large files are shared out
among one process per core on Linux (sharing.py), so row numbers, the error
report and the output never depend on how the work was split. A bad row is
reported (stderr and DIR/errors.csv) and the run goes on.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import click
from jinja2 import nodes as jinja_nodes

# The command is loaded only when it runs (cli.py): everything a letter needs is
# imported here once, not inside the functions that run for every row.
from . import formats, letterfiles, reasons
from .api import Letter, draft
from .clientfile import Row, csv_delimiter, detect_encoding, read_csv, read_jsonl
from .errors import OutputError, RecordError, RefusalkitError, UsageError
from .letterfiles import clean_stale_temps
from .mail import FastEml
from .memo import Memo
from .paths import data_dir
from .records import SALUTATIONS, Referral, Resource, parse_record
from .render import SLOT_RE, Rendered, Slots, academic_title, greeting_line
from .sharing import Failure, Merge, Part, Stop, can_fork, run_forked, work_through

if TYPE_CHECKING:
    from .api import Engine
    from .records import Client

FORMATS = {"md": ".md", "html": ".html", "text": ".txt", "eml": ".eml"}
DEFAULT_PATTERN = "{row:04d}-{slug}"
PATTERN_FIELDS = ("row", "slug", "reason", "lang", "relationship")
ERRORS_FILE = "errors.csv"
_PARALLEL_FROM = 300  # rows (estimated) from which workers pay off


# --- file names ---------------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter plus a mark.
_TRANSLIT = str.maketrans({"ß": "ss", "ẞ": "ss", "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
                           "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                           "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str, limit: int = 60) -> str:
    """A file-name-safe ASCII form of a name: lower case, words joined by "-".

    Accents and dots are dropped (one rule for every language: Turkish "Gül" is
    "gul", never "guel"), letters without a base form are spelled out.

    >>> slug("Özlem Şahin"), slug("İlker İnce"), slug("Thomas Groß"), slug("Jürgen Müller")
    ('ozlem-sahin', 'ilker-ince', 'thomas-gross', 'jurgen-muller')
    >>> slug("Dr. Øyvind Ærø-Łukasz"), slug("王秀英"), slug("../../etc/passwd")
    ('dr-oyvind-aero-lukasz', 'client', 'etc-passwd')
    """
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
        text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = _NOT_SLUG.sub("-", text).strip("-")
    return text[:limit].rstrip("-") or "client"


class NamePattern:
    """--name-pattern: str.format fields row, slug, reason, lang, relationship; the
    extension is added. A pattern that starts with the row number followed by a
    non-digit gives every row its own name; any other is checked for clashes."""

    def __init__(self, pattern: str, ext: str) -> None:
        import string

        self.pattern, self.ext = pattern, ext
        try:
            parsed = list(string.Formatter().parse(pattern))
        except ValueError as exc:
            raise UsageError(f"--name-pattern {pattern!r}: {exc}") from None
        for _, field, _spec, _conv in parsed:
            if field is not None and field not in PATTERN_FIELDS:
                raise UsageError(f"--name-pattern {pattern!r}: unknown field {{{field}}}: "
                                 f"the fields are {', '.join('{' + f + '}' for f in PATTERN_FIELDS)}")
        if not any(field in ("row", "slug") for _, field, _, _ in parsed):
            raise UsageError(f"--name-pattern {pattern!r} needs {{row}} or {{slug}}, else every client "
                             "would get the same file")
        # Unique by construction: the name starts with the row number and the next
        # character is not a digit (or nothing follows), so no two rows can meet.
        first = parsed[0] if parsed else ("", None, "", None)
        after = parsed[1][0] if len(parsed) > 1 else None
        self.unique = (first[0] == "" and first[1] == "row" and first[3] is None
                       and re.fullmatch(r"0?\d*d?", first[2] or "") is not None
                       and (after is None or (after[:1] != "" and not after[:1].isdigit())))
        self.format({"row": 1, "slug": "x", "reason": "x", "lang": "x", "relationship": "x"})
        self.default = pattern == DEFAULT_PATTERN

    def format(self, fields: dict[str, Any]) -> str:
        try:
            name = self.pattern.format(**fields) + self.ext
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise UsageError(f"--name-pattern {self.pattern!r}: {exc}") from None
        if "/" in name or "\\" in name or name.startswith(".") or not name.isprintable() \
                or len(name.encode("utf-8")) > 200:
            raise UsageError(f"--name-pattern {self.pattern!r} gives {name!r}: a file name must not contain "
                             "/ or \\, start with a dot or be longer than 200 bytes")
        return name


# --- one letter -----------------------------------------------------------------------------------

class Job(NamedTuple):
    row: int
    client: Client
    reason: str
    lang: str
    file: str
    replace: bool = False  # an empty file left by a crash, taken over by --resume


class Settings(NamedTuple):
    out_dir: str
    fmt: str
    explain: bool
    subject: str | None
    force: bool


_ENGINE: Engine | None = None
_SETTINGS: Settings | None = None
_LAID_OUT = Memo()  # most paragraphs recur in the letters of other shapes
_TEXT_PLANS = Memo()  # (a shape's Markdown, its house-style values) -> its plain-text plan (_shape_text)
# A client's one-line and free texts, in the order _probe numbers their markers (after the title).
_MARKED = ("name", "first_name", "surname", "email", "company", "request")


def _probe(client: Client) -> tuple[Client, dict[str, str]]:
    """The client with every text replaced by a unique marker, and the markers' values.

    Two clients whose probes are equal differ only in their text. An academic
    title keeps its salutation form in front of its marker, because the
    greeting is chosen by it ("Dr.", "Prof. Dr.").
    """
    values: dict[str, str] = {}

    def mark(value: Any) -> Any:
        if isinstance(value, str):
            if not value:
                return value
            marker = f"\x00{len(values)}"  # records never hold a NUL: no marker is ever a real value
            values[marker] = value
            return marker
        if isinstance(value, list):
            return [mark(v) for v in value]
        if isinstance(value, tuple):
            return tuple(mark(v) for v in value)
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        return value

    title = client.title
    if title:
        academic = academic_title(title)
        marker = f"{academic} \x00{len(values)}" if academic else f"\x00{len(values)}"
        values[marker] = title
        title = marker
    probe = client._replace(
        **{field: mark(getattr(client, field)) for field in _MARKED}, title=title,
        referrals=tuple(Referral(mark(r.name), mark(r.contact), mark(r.note)) for r in client.referrals),
        resources=tuple(Resource(mark(r.title), mark(r.url)) for r in client.resources),
        extra=mark(dict(client.extra)))
    return probe, values


def _shape_key(client: Client) -> tuple[str, Any, list[str]]:
    """(salutation, the rest of the shape, the texts): what _probe gives, without
    building the probe. Two clients have the same shape, and their probes the same
    markers, if their salutation and rest are equal; the texts are the markers'
    values in the order of their numbers."""
    if client.referrals or client.resources or client.extra:
        probe, values = _probe(client)
        return client.salutation, repr(probe._replace(salutation="")), list(values.values())
    texts = []
    academic = None
    title = client.title
    if title:
        academic = _ACADEMIC.get(title, False)
        if academic is False:
            academic = _ACADEMIC[title] = academic_title(title)
        texts.append(title)
    present = []
    for field in _MARKED:
        value = getattr(client, field)
        if value:
            texts.append(value)
            present.append(True)
        else:
            present.append(value)  # None and "" stay apart, as in the probe
    amount = client.amount_due
    return client.salutation, (bool(title), academic, tuple(present), client.name_parts, client.formal, client.language,
                               client.relationship, None if amount is None else repr(amount), client.currency,
                               client.end_date, client.pay_by, client.notice), texts


_ACADEMIC = Memo()  # a title -> the part of it a salutation keeps


_BUILT_IN = os.path.abspath(data_dir("templates"))
_TEMPLATE_REFERENCE = re.compile(r'\{%-?\s*(?:extends|include|import|from)\s+"([^"]+)"')  # as built-in ones write it


def greeting_only(tree: Any) -> list[str] | None:
    """The templates a parsed template extends, includes or imports, if it uses the
    salutation only through `greeting` printed as it is: `client` only as
    client.<field> or client["field"] other than salutation, no `salutation`
    anywhere, `greeting` only in {{ greeting }}, and no template named at run
    time. None otherwise."""
    fine: set[int] = set()
    for node in tree.find_all((jinja_nodes.Getattr, jinja_nodes.Getitem)):
        if isinstance(node.node, jinja_nodes.Name) and node.node.name == "client":
            field = node.attr if isinstance(node, jinja_nodes.Getattr) else \
                node.arg.value if isinstance(node.arg, jinja_nodes.Const) else None
            if not isinstance(field, str) or field == "salutation":
                return None
            fine.add(id(node.node))
    for output in tree.find_all(jinja_nodes.Output):
        fine.update(id(n) for n in output.nodes if isinstance(n, jinja_nodes.Name) and n.name == "greeting")
    for node in tree.find_all(jinja_nodes.Name):
        if node.name == "salutation" or (node.name in ("client", "greeting") and id(node) not in fine):
            return None
    if any(node.value == "salutation" for node in tree.find_all(jinja_nodes.Const)):
        return None
    targets = []
    for node in tree.find_all((jinja_nodes.Extends, jinja_nodes.Include, jinja_nodes.Import,
                               jinja_nodes.FromImport)):
        if not (isinstance(node.template, jinja_nodes.Const) and isinstance(node.template.value, str)):
            return None
        targets.append(node.template.value)
    return targets


class Shapes:
    """Letters drafted once per shape and filled per client.

    Templates never see client text: each value enters as a placeholder
    (render.py). So clients whose records agree in everything but their text
    (reason, language, relationship, register, salutation, academic title,
    which fields are present, amounts, dates) get the same rendered Markdown,
    with other values behind the placeholders. The first client of a shape
    goes through draft() as a probe whose texts are markers; the others only
    swap in their values, and formats.py's per-shape caches do the rest.
    tests/test_batch.py checks every letter against draft()'s.
    """

    def __init__(self, engine: Engine, explain: bool) -> None:
        self.engine, self.explain = engine, explain
        self.cache = Memo()  # (reason, lang, salutation, rest of the shape) -> (drafted letter or its error, picks)
        self.greeting_only: dict[str, bool] = {}

    def _other_salutation(self, reason: str, probe: Client, lang: str, rest: Any) -> Letter | None:
        """The letter of a shape that differs from one already drafted only in the
        salutation: that letter with its greeting line swapped, where the templates
        use the salutation only through the greeting (_greeting_only). None where
        that does not hold: then the letter is drafted."""
        for other in SALUTATIONS:
            if other == probe.salutation:
                continue
            drafted = self.cache.get((reason, lang, other, rest))
            if drafted is not None and isinstance(drafted[0], Letter):  # (letter, picks, fixed)
                drafted = drafted[0]
                break
        else:
            return None
        shape = drafted.rendered
        if not self._greeting_only(shape.template):
            return None
        was = greeting_line(probe._replace(salutation=other), shape.lang)
        now = greeting_line(probe, shape.lang)
        if was != now:
            holders = [name for name, text in shape.parts.items() if was in text]
            if shape.markdown.count(was) != 1 or len(holders) != 1 or shape.parts[holders[0]].count(was) != 1:
                return None
            parts = dict(shape.parts)
            parts[holders[0]] = parts[holders[0]].replace(was, now)
            shape = Rendered(shape.markdown.replace(was, now), parts, shape.subject, shape.slots, shape.lang,
                             shape.template)
        return Letter(drafted.reason, drafted.lang, drafted.relationship, shape, client=probe, sender=drafted.sender)

    def _greeting_only(self, name: str) -> bool:
        """Whether a template (with those it extends, includes or imports) uses the
        salutation only through `greeting`, printed as it is (greeting_only()).
        Built-in templates are known to (tests/test_batch.py checks each), so only a
        team's own are parsed, once per run: parsing costs more than a draft."""
        known = self.greeting_only.get(name)
        if known is not None:
            return known
        self.greeting_only[name] = False  # also while looking: a template that extends itself
        env = self.engine.env
        try:
            source, filename, _ = env.loader.get_source(env, name)
            if os.path.dirname(os.path.dirname(os.path.abspath(filename or ""))) == _BUILT_IN:
                targets: list[str] | None = _TEMPLATE_REFERENCE.findall(source)
            else:
                targets = greeting_only(env.parse(source))
        except Exception:  # noqa: BLE001 -- whatever it is, draft() reports it properly
            return False
        if targets is None or not all(self._greeting_only(target) for target in targets):
            return False
        self.greeting_only[name] = True
        return True

    def letter(self, reason: str, client: Client, lang: str) -> Letter:
        salutation, rest, texts = _shape_key(client)
        key = (reason, lang, salutation, rest)
        known = self.cache.get(key)
        if known is None:
            probe, values = _probe(client)
            try:
                first: Letter | RefusalkitError = self._other_salutation(reason, probe, lang, rest) or draft(
                    reason, probe, lang=lang, explain=self.explain, engine=self.engine)
            except RefusalkitError as exc:
                first = exc
            # Where each placeholder's value comes from: the client's n-th text, or the
            # house style (a value that is no marker stays as it is).
            number = {marker: n for n, marker in enumerate(values)}
            picks = [] if isinstance(first, RefusalkitError) else \
                [(number[v], None) if v in number else (-1, v) for v in first.rendered.slots.values]
            # The house-style values by placeholder: with the Markdown, what the shape's
            # text and eml plans depend on (_shape_text, _eml).
            fixed = tuple((i, value) for i, (n, value) in enumerate(picks) if n < 0)
            known = self.cache[key] = (first, picks, fixed)
        first, picks, fixed = known
        if isinstance(first, RefusalkitError):
            raise first
        shape = first.rendered
        slots = Slots()
        slots.values = [texts[n] if n >= 0 else value for n, value in picks]
        rendered = Rendered(shape.markdown, shape.parts, shape.subject, slots, shape.lang, shape.template)
        rendered.cache["fixed"] = fixed
        return Letter(first.reason, first.lang, first.relationship, rendered, client=client, sender=first.sender)


_SHAPES: Shapes | None = None


def _house_fixed(rendered: Rendered) -> set[int]:
    """The placeholders whose value is the same in every letter of the shape (the
    house style's sender, signature, resources)."""
    return {i for i, _ in rendered.cache["fixed"]}


def _fixed_only(text: str, fixed: set[int]) -> bool:
    """Whether every placeholder in `text` (if any) holds house-style text."""
    if not fixed:
        return SLOT_RE.search(text) is None
    return all(int(index) in fixed for _, index in SLOT_RE.findall(text))


def _shape_text(rendered: Rendered) -> list[Any]:
    """The plain text of a letter's shape (Shapes) as runs of whole lines: a string
    where the lines are the same in every letter of the shape (no placeholder, or
    only house-style ones), (prefix, block, line ends) for a block with client text,
    laid out per letter. The same blocks and the same layout as formats.to_text
    (tests/test_batch.py checks every reason and language)."""
    key = (rendered.markdown, rendered.cache["fixed"])
    plan = _TEXT_PLANS.get(key)
    if plan is None:
        fixed, fill = _house_fixed(rendered), rendered.slots.fill
        blocks = formats.text_blocks(rendered)
        plan = []
        for i, (prefix, body) in enumerate(blocks):
            # blank line between blocks, none between two list items; one line end at the end
            ends = "\n" if i + 1 == len(blocks) or (prefix and blocks[i + 1][0]) else "\n\n"
            if not _fixed_only(body, fixed):
                plan.append((prefix, body, ends))
                continue
            if fixed and SLOT_RE.search(body):  # only house-style text: the same in every letter
                body = fill(body, str, str)
            laid = _LAID_OUT.get((prefix, body))
            if laid is None:
                laid = _LAID_OUT[(prefix, body)] = formats.lay_out(prefix, body)
            if plan and isinstance(plan[-1], str):
                plan[-1] += laid + ends
            else:
                plan.append(laid + ends)
        plan = _TEXT_PLANS[key] = plan or ["\n"]
    return plan


def _text(letter: Letter) -> str:
    """letter.text of a letter from Shapes, with the blocks that hold no client text
    laid out once per shape."""
    fill = letter.rendered.slots.fill
    return "".join(step if isinstance(step, str) else formats.lay_out(step[0], fill(step[1], str, str)) + step[2]
                   for step in _shape_text(letter.rendered))


_EML: FastEml | None = None
_EML_PLANS = Memo()  # (a shape's Markdown, subject, language, house-style values) -> its _EmlPlan, or None


class _EmlPlan(NamedTuple):
    """A shape's two bodies, quoted-printable: bytes for the runs of lines that are the
    same in every letter of the shape, and what is filled in and encoded per letter
    (text: (prefix, block, line ends); html: a line). Quoted-printable encodes line by
    line (FastEml.quoted_printable), so the runs join as the whole would encode."""
    text: list[Any]
    html: list[Any]


def _eml_plan(rendered: Rendered, eml: FastEml) -> _EmlPlan | None:
    steps = _shape_text(rendered)
    text = [eml.quoted_printable(step) if isinstance(step, str) else step for step in steps]
    head, body, foot = formats.html_document(rendered)
    fixed, escape = _house_fixed(rendered), formats.html_escape
    html: list[Any] = [head if not SLOT_RE.search(head) else (head,)]  # a subject may hold the request
    for line in body.split("\n"):  # foot starts with the body's last line end
        if not _fixed_only(line, fixed):
            html.append((line + "\n",))
            continue
        if fixed and SLOT_RE.search(line):  # only house-style text: the same in every letter
            line = rendered.slots.fill(line, escape, escape)
        if isinstance(html[-1], str):
            html[-1] += line + "\n"
        else:
            html.append(line + "\n")
    if isinstance(html[-1], str):
        html[-1] += foot[1:]
    else:
        html.append(foot[1:])
    if any("\r" in step for step in html if isinstance(step, str)) or \
            any("\r" in step for step in steps if isinstance(step, str)):
        return None  # a bare CR is encoded with what follows it: not line by line
    return _EmlPlan(text, [eml.quoted_printable(step) if isinstance(step, str) else step[0] for step in html])


def _eml(letter: Letter, eml: FastEml) -> bytes:
    """The message of a letter from Shapes: its shape's bodies with this client's lines encoded."""
    rendered = letter.rendered
    key = (rendered.markdown, rendered.subject, rendered.lang.code, rendered.cache["fixed"])
    plan = _EML_PLANS.get(key, False)
    if plan is False:
        plan = _EML_PLANS[key] = _eml_plan(rendered, eml)
    if plan is not None:
        fill, encode, escape = rendered.slots.fill, eml.quoted_printable, formats.html_escape
        parts: list[bytes] = []
        for step in plan.text:
            if step.__class__ is not bytes:
                step = formats.lay_out(step[0], fill(step[1], str, str)) + step[2]
                if "\r" in step:
                    break
                step = encode(step)
            parts.append(step)
        else:
            text = b"".join(parts)
            parts = []
            for step in plan.html:
                if step.__class__ is not bytes:
                    step = fill(step, escape, escape)
                    if "\r" in step:
                        break
                    step = encode(step)
                parts.append(step)
            else:
                return eml.assemble(letter, text, b"".join(parts))
    return eml.message(letter, _text(letter))


def _payload(letter: Letter, settings: Settings) -> bytes:
    global _EML
    fmt = settings.fmt
    if fmt == "md":
        return letter.markdown.encode("utf-8")
    if fmt == "html":
        return letter.html.encode("utf-8")
    if fmt == "text":
        return _text(letter).encode("utf-8")
    if _EML is None:
        _EML = FastEml(letter.sender, settings.subject)
    return _eml(letter, _EML) if _EML.fast else letter.eml(settings.subject)


def _field_of(message: str) -> str:
    m = re.match(r"field '([^']*)'", message)
    return m.group(1) if m else ""


def make_letter(job: Job) -> tuple[str, str] | None:
    """Draft, format and write one letter: None, or (field, what is wrong)."""
    global _SHAPES
    assert _ENGINE is not None and _SETTINGS is not None
    settings = _SETTINGS
    try:
        if _SHAPES is None:
            _SHAPES = Shapes(_ENGINE, settings.explain)
        letter = _SHAPES.letter(job.reason, job.client, job.lang)
        data = _payload(letter, settings)
    except OutputError:
        raise
    except RefusalkitError as exc:
        return _field_of(str(exc)), str(exc)
    except Exception as exc:  # noqa: BLE001 -- a bug of ours must not cost the other rows their letters
        return "", f"internal error ({type(exc).__name__}: {exc}): please report it"
    if not letterfiles.write_new(settings.out_dir, job.file, data, settings.force or job.replace):
        return "", f"{job.file} already exists: use --resume to skip it or --force to overwrite it"
    return None


# --- the run --------------------------------------------------------------------------------------

class Summary(NamedTuple):
    written: int
    failed: int
    skipped: int
    seconds: float
    interrupted: bool
    errors_file: str | None


class Options(NamedTuple):
    reason: str | None = None
    lang: str | None = None
    fmt: str = "md"
    pattern: str = DEFAULT_PATTERN
    encoding: str | None = None
    delimiter: str | None = None
    formal: bool | None = None
    relationship: str | None = None
    explain: bool = True
    subject: str | None = None
    force: bool = False
    resume: bool = False
    jobs: int | None = None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _Planner:
    """Turns rows into jobs in the main process: record check, reason, language, file name."""

    def __init__(self, engine: Engine, options: Options, pattern: NamePattern, out_dir: str,
                 strings: bool = True) -> None:
        self.engine, self.options, self.pattern, self.out_dir = engine, options, pattern, out_dir
        self.strings = strings  # CSV cells are text: "yes" and "false" are booleans there, not in JSON
        self.reasons: dict[str, Any] = {}
        self.languages: dict[str, Any] = {}
        self.names: dict[str, int] = {}  # only for patterns that can give two rows one name
        self.default_lang = (options.lang or engine.style.lang or None)
        self.formal = options.formal if options.formal is not None else engine.style.formal

    def _reason(self, key: str) -> Any:
        key = key.strip().lower()
        if key not in self.reasons:
            if len(self.reasons) > 1000:  # a file of a million different typos stays small too
                self.reasons.clear()
            try:
                self.reasons[key] = reasons.find(self.engine.path, key)
            except UsageError as exc:
                self.reasons[key] = exc
        return self.reasons[key]

    def _language(self, code: str) -> Any:
        code = code.strip().lower()
        if code not in self.languages:
            if len(self.languages) > 1000:
                self.languages.clear()
            try:
                self.languages[code] = self.engine.language(code)
            except UsageError as exc:
                self.languages[code] = exc
        return self.languages[code]

    def plan(self, item: Row) -> Job | tuple[str, str, str] | None:
        """A Job; (field, message, name) for a bad row; None to skip (--resume)."""
        data = dict(item.data or {})
        source = "row"  # parse_record's messages begin with it, and lose it here: the report names the row
        shown: str = data["name"] if isinstance(data.get("name"), str) else ""
        reason_key = data.pop("reason", None) or self.options.reason
        if "lang" in data:
            if data.get("language") not in (None, "", data["lang"]):
                return "lang", "has both 'lang' and 'language': keep one", shown
            data["language"] = data.pop("lang")
        if self.options.relationship and not data.get("relationship"):
            data["relationship"] = self.options.relationship
        if self.formal is not None and data.get("formal") in (None, ""):
            data["formal"] = self.formal
        if data.get("name") in (None, ""):  # records.py's hint ("pass --name") is for draft
            return "name", "field 'name' is empty: every row needs the client's name", shown
        try:
            client = parse_record(data, source, strings=self.strings)
        except RecordError as exc:
            message = str(exc).removeprefix(source + ": ")
            if message.startswith("field 'name' is required"):  # only blanks or invisible characters
                message = "field 'name' is empty: every row needs the client's name"
            return _field_of(message), message, shown
        if not client.name:  # only blanks or invisible characters: draft greets an unknown recipient, a batch row must not
            return "name", "field 'name' is empty: every row needs the client's name", shown
        shown = client.name
        if not reason_key:
            return "reason", "no reason: add a 'reason' column or pass --reason", shown
        if not isinstance(reason_key, str):
            return "reason", "field 'reason' must be text", shown
        reason = self._reason(reason_key)
        if isinstance(reason, UsageError):
            return "reason", str(reason), shown
        if not reason.fits(client.relationship):
            return "relationship", (f"reason {reason.id!r} fits only relationship "
                                    f"{' or '.join(reason.relationships)}, not {client.relationship!r}"), shown
        if client.language:
            code = client.language
        elif self.default_lang:
            code = self.default_lang
        else:
            from .api import environment_language

            code = self.default_lang = environment_language(sorted(self.engine.languages)) or "en"
        language = self._language(code)
        if isinstance(language, UsageError):
            return "language", str(language), shown
        if self.pattern.default:
            name = f"{item.row:04d}-{slug(client.name)}{self.pattern.ext}"  # a slug is always a safe name
        else:
            try:
                name = self.pattern.format({"row": item.row, "slug": slug(client.name), "reason": reason.id,
                                            "lang": language.code, "relationship": client.relationship})
            except UsageError as exc:
                return "", str(exc), shown
        if not self.pattern.unique:
            key = unicodedata.normalize("NFC", name).casefold()  # case-insensitive file systems too
            if key in self.names:
                return "", (f"{name} is also the file of row {self.names[key]}: put {{row}} into "
                            "--name-pattern so that every client gets a file of their own"), shown
            self.names[key] = item.row
        replace = False
        if self.options.resume:  # otherwise write_new() refuses an existing file, with the same message
            try:
                size = os.lstat(os.path.join(self.out_dir, name)).st_size
            except FileNotFoundError:
                size = None
            if size:
                return None
            replace = size == 0  # empty: a power cut after the run linked it, before the disk had it
        return Job(item.row, client, reason.id, language.code, name, replace)


class _ErrorLog:
    """DIR/errors.csv, written as the run goes (to a temporary file) and moved into place
    at the end; UTF-8 with a BOM and the input's delimiter, so Excel opens it as it
    opened the input. A run without failures removes an old one."""

    def __init__(self, out_dir: str, delimiter: str) -> None:
        self.path = os.path.join(out_dir, ERRORS_FILE)
        self.tmp = os.path.join(out_dir, f".{ERRORS_FILE}.rk{os.getpid()}.tmp")
        self.delimiter = delimiter
        self.fh: Any = None
        self.writer: Any = None

    def add(self, failure: Failure) -> None:
        if self.fh is None:  # opened on the first failure, closed by close(): it lives across calls
            self.fh = open(self.tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self.writer = csv.writer(self.fh, delimiter=self.delimiter)
            self.writer.writerow(["row", "line", "name", "field", "error"])
        self.writer.writerow(list(failure))

    def close(self) -> str | None:
        try:
            if self.fh is None:
                try:
                    os.unlink(self.path)
                except FileNotFoundError:
                    pass
                return None
            self.fh.close()
            os.replace(self.tmp, self.path)
            return self.path
        except OSError:  # the report must not hide the error that stopped the run
            return None


def run(clients: str, out_dir: str, options: Options, engine: Engine, *,
        on_failure: Callable[[Failure], None] = lambda f: None,
        on_progress: Callable[[int], None] = lambda n: None,
        on_start: Callable[[int, str | None], None] = lambda total, note: None) -> Summary:
    """Write one letter per row of `clients` into `out_dir`; see the module docstring."""
    global _ENGINE, _SETTINGS, _EML, _SHAPES
    started = time.perf_counter()
    label = clients
    if options.fmt not in FORMATS:
        raise UsageError(f"--format {options.fmt!r}: batch writes {', '.join(FORMATS)}")
    if options.force and options.resume:
        raise UsageError("--force and --resume contradict each other: choose one")
    pattern = NamePattern(options.pattern, FORMATS[options.fmt])
    if options.reason:
        reasons.find(engine.path, options.reason)  # an unknown --reason stops here, before any row
    if options.lang:
        engine.language(options.lang)
    if options.subject is not None:
        from .mail import header_value

        header_value(options.subject, "subject")
    ext = os.path.splitext(clients)[1].lower()
    if ext == ".json":
        raise UsageError(f"{clients}: a .json file holds one record (for draft): batch reads CSV, or JSON Lines "
                         "(one object per line) in a .jsonl file")
    if ext in (".xlsx", ".xls", ".ods", ".numbers"):
        raise UsageError(f"{clients}: a spreadsheet: save it as CSV (File > Save as > CSV UTF-8) and pass that")
    jsonl = ext in (".jsonl", ".ndjson")
    encoding, lines, note = detect_encoding(clients, label, options.encoding)
    if jsonl:
        delimiter, rows = ",", read_jsonl(clients, label, encoding)
    else:
        delimiter = {"tab": "\t"}.get(options.delimiter or "", options.delimiter) or csv_delimiter(clients, encoding)
        rows = read_csv(clients, label, encoding, delimiter)
    first = next(rows, None)  # reads the header: a broken one stops here, before any file is written
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise UsageError(f"{out_dir}: exists and is not a folder: give --out-dir a folder")
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the folder ({exc.strerror})") from None
    clean_stale_temps(out_dir)
    letterfiles.release()  # a folder of an earlier run in this process may have been replaced
    on_start(max(lines - (0 if jsonl else 1), 0), note)

    formats.BY_BLOCKS = True  # the letters of a batch share most of their paragraphs: convert each once
    planner = _Planner(engine, options, pattern, out_dir, strings=not jsonl)
    settings = Settings(out_dir, options.fmt, options.explain, options.subject, options.force)
    _ENGINE, _SETTINGS, _EML, _SHAPES = engine, settings, None, None
    errors = _ErrorLog(out_dir, delimiter)
    jobs = options.jobs or (min(_cpus(), 8) if lines > _PARALLEL_FROM else 1)
    if not (pattern.unique and can_fork()):
        jobs = 1  # a pattern without {row} is checked for clashes across all rows, in one process
    def failed(failure: Failure) -> None:
        errors.add(failure)
        on_failure(failure)

    merge = Merge(jobs, failed, on_progress)

    def outcome(item: Row) -> Failure | bool | None:
        return _outcome(item, planner)

    def reopen() -> Iterator[Row]:
        return read_jsonl(clients, label, encoding) if jsonl else read_csv(clients, label, encoding, delimiter)

    stop = Stop()
    interrupted = False
    found: dict[str, Any] = {}  # blocks converted in this run, for the next ones (formats.keep_blocks)
    try:
        with stop:
            try:
                if jobs > 1:
                    # Once, for all processes: the converters, the reader of reason.toml, the file writer.
                    formats.prepare(options.fmt)
                    import tomllib  # noqa: F401

                    letterfiles.prepare()
                    with _frozen():
                        run_forked(_chain(first, rows), reopen, outcome, jobs, merge, stop,
                                   farewell=formats.new_blocks, on_farewell=found.update)
                else:
                    work_through(_chain(first, rows), outcome, Part(0, 1), merge.reporter(0), stop)
                found.update(formats.new_blocks())
                formats.keep_blocks(found)
            except KeyboardInterrupt:  # a second Ctrl-C, or no signal handler of ours (not the main thread)
                interrupted = True
        interrupted = interrupted or stop.requested
    finally:
        _EML = _SHAPES = None
        formats.BY_BLOCKS = False
        letterfiles.release()
        # Even when a run stops on an error (a full disk), the rows reported so far stay reported.
        merge.finish()
        errors_file = errors.close()
    if hasattr(os, "sync"):
        os.sync()  # the letters reach the disk once, at the end, rather than one fsync each
    return Summary(merge.written, merge.failed, merge.skipped, time.perf_counter() - started, interrupted,
                   errors_file)


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """What is alive before the processes fork is left out of garbage collection
    (gc.freeze) while they run: a collection would write to every object it
    walks, and so copy into each process the memory it could share."""
    import gc

    if gc.get_freeze_count():  # the caller manages the collector
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _chain(first: Row | None, rows: Iterator[Row]) -> Iterator[Row]:
    if first is not None:
        yield first
        yield from rows


def _outcome(item: Row, planner: _Planner) -> Failure | bool | None:
    """Plan, draft and write one row: True if written, None if skipped, or its Failure."""
    if item.problem is not None:
        return Failure(item.row, item.line, "", *item.problem)
    planned = planner.plan(item)
    if planned is None:
        return None
    if not isinstance(planned, Job):
        field, message, name = planned
        return Failure(item.row, item.line, name, field, message)
    failed = make_letter(planned)
    return True if failed is None else Failure(item.row, item.line, planned.client.name, *failed)


# --- the command ----------------------------------------------------------------------------------

@click.command("batch")
@click.argument("clients", metavar="CLIENTS")
@click.option("--reason", "-r", metavar="ID", help="Why you say no; a 'reason' column overrides it per row.")
@click.option("--lang", "-l", metavar="LANG", help="Letter language; a 'language' or 'lang' column overrides it.")
@click.option("--out-dir", "-d", required=True, metavar="DIR", help="Folder for the letters (created if needed).")
@click.option("--format", "-f", "fmt", type=click.Choice(list(FORMATS)),
              help="Output format (default: the house style's, else md).")
@click.option("--name-pattern", default=DEFAULT_PATTERN, show_default=True, metavar="PATTERN",
              help="File name: {row}, {slug}, {reason}, {lang}, {relationship}; the extension is added.")
@click.option("--encoding", metavar="CODEC", help="Encoding of CLIENTS (default: detected: UTF-8, cp1252, cp1254).")
@click.option("--delimiter", type=click.Choice([",", ";", "tab"]), help="CSV delimiter (default: sniffed).")
@click.option("--informal/--formal", default=None, help="Register for rows without a 'formal' column.")
@click.option("--relationship", type=click.Choice(["prospect", "client"]),
              help="For rows without a 'relationship' column.")
@click.option("--explain/--no-explain", default=True, show_default=True, help="State the reason in the letters.")
@click.option("--subject", help="Subject line of every eml (default: the reason's, in the letter's language).")
@click.option("--force", is_flag=True, help="Overwrite existing letters.")
@click.option("--resume", is_flag=True, help="Skip clients whose letter exists (to finish an interrupted run).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N",
              help="Processes that share the rows, on Linux (default: one per core above 300 lines).")
@click.option("--style", "style_path", metavar="PATH",
              help="House-style file (default: $REFUSALKIT_STYLE, ./refusalkit.toml, your config folder).")
def batch_command(clients: str, reason: str | None, lang: str | None, out_dir: str, fmt: str | None,
                  name_pattern: str, encoding: str | None, delimiter: str | None, informal: bool | None,
                  relationship: str | None, explain: bool, subject: str | None, force: bool, resume: bool,
                  jobs: int | None, style_path: str | None) -> None:
    """One letter per client from a CSV or JSON Lines (.jsonl) file."""
    from . import cli
    from .cli import _engine, printable

    cli.QUICK_EXIT = True  # its files are closed by the time it returns or fails (cli.main)

    engine = _engine(style_path)
    fmt = fmt or engine.style.format or "md"
    if fmt not in FORMATS:
        raise UsageError(f"the house style's format {fmt!r} is not one batch writes: pass --format")
    options = Options(reason=reason, lang=lang, fmt=fmt, pattern=name_pattern, encoding=encoding,
                      delimiter=delimiter, formal=None if informal is None else not informal,
                      relationship=relationship, explain=explain, subject=subject, force=force,
                      resume=resume, jobs=jobs)
    tty = sys.stderr.isatty()
    bar: Any = None

    def clear() -> None:
        if bar is not None:
            click.echo("\r\x1b[K", nl=False, err=True)

    def on_failure(f: Failure) -> None:
        clear()
        message = printable(f.message)
        click.echo(f"refusalkit: error: {clients}, row {f.row} (line {f.line}): {message}", err=True)

    def on_start(total: int, note: str | None) -> None:
        nonlocal bar
        if note:
            click.echo(f"refusalkit: note: {note}", err=True)
        if tty and total:
            bar = click.progressbar(length=total, label="letters", file=sys.stderr, show_eta=True)
            bar.__enter__()

    try:
        summary = run(clients, out_dir, options, engine, on_failure=on_failure,
                      on_progress=lambda n: bar.update(n) if bar is not None else None, on_start=on_start)
    finally:
        if bar is not None:
            bar.render_finish()
    rate = f", {summary.written / summary.seconds:,.0f} letters/s" if summary.seconds >= 0.5 else ""
    line = (f"{summary.written} written, {summary.failed} failed, {summary.skipped} skipped "
            f"in {summary.seconds:.1f} s{rate} -> {out_dir}")
    if summary.errors_file:
        line += f" (errors in {summary.errors_file})"
    click.echo(("interrupted: " if summary.interrupted else "") + line)
    if summary.interrupted:
        raise KeyboardInterrupt
    if summary.failed:
        sys.exit(1)
