"""One letter per client from a CSV or JSON Lines file: streaming, nothing lost.

Each row is read (clientfile.py), checked and given its file name (_Planner),
drafted through the front door (api.draft, with the run's Engine, whose caches
make the letters after the first of a kind cheap) and written whole or not at
all (letterfiles.py), as it comes: memory does not grow with the file. A bad
row, or any failure while drafting, writing or reporting it, is reported
(stderr and DIR/errors.csv) and the run goes on.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
import signal
import string
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self

import click

from . import letterfiles
from .api import Letter
from .cli import DATE_OPTION
from .cli import _complete as complete  # shell completion: refusalkit.completion, imported when the shell asks
from .clientfile import Row, csv_delimiter, detect_encoding, read_csv, read_jsonl
from .errors import OutputError, RecordError, RefusalkitError, UsageError
from .records import parse_record

if TYPE_CHECKING:
    from .api import Engine, Resolved
    from .reasons import Reason

FORMATS = {"md": ".md", "html": ".html", "text": ".txt", "eml": ".eml"}
DEFAULT_PATTERN = "{row:04d}-{slug}"
PATTERN_FIELDS = ("row", "slug", "reason", "lang", "relationship")
ERRORS_FILE = "errors.csv"
NAME_BYTES = 200  # the longest file name a pattern may give (file systems allow 255)
SHOWN = 300  # the most characters of a value shown in an error line or an errors.csv cell
CHUNK = 32  # rows between two updates of the progress bar (drawing it costs more than a row)


def shown(value: Any, limit: int = SHOWN) -> str:
    r"""`value` as one line that any terminal, file and spreadsheet takes: control
    characters, line separators and lone surrogates as escapes, at most `limit`
    characters.

    >>> shown("Bad \ud800 row\n"), shown("x" * 10, 5)
    ('Bad \\ud800 row\\n', 'xx...')
    """
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


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
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    text = _NOT_SLUG.sub("-", text.encode("ascii", "ignore").decode("ascii").lower()).strip("-")
    return text[:limit].rstrip("-") or "client"


class NamePattern:
    """--name-pattern: str.format fields row, slug, reason, lang, relationship; the
    extension is added. A pattern that starts with the row number followed by a
    non-digit gives every row its own name; any other is checked for clashes."""

    def __init__(self, pattern: str, ext: str) -> None:
        self.pattern, self.ext = pattern, ext
        self.shown = shown(pattern, 80)
        try:
            parsed = list(string.Formatter().parse(pattern))
        except ValueError as exc:
            raise UsageError(f"--name-pattern {self.shown!r}: {shown(exc)}") from None
        for _, field, spec, _conv in parsed:
            if field is not None and field not in PATTERN_FIELDS:
                raise UsageError(f"--name-pattern {self.shown!r}: unknown field {{{shown(field, 40)}}}: "
                                 f"the fields are {', '.join('{' + f + '}' for f in PATTERN_FIELDS)}")
            if spec and "{" in spec:  # a width taken from a client's data ({row:{slug}})
                raise UsageError(f"--name-pattern {self.shown!r}: no field inside a format spec")
            # A width or precision beyond a file name's length would only build a huge string to refuse.
            if spec and any(len(n) > 3 or int(n) > NAME_BYTES for n in re.findall(r"\d+", spec)):
                raise UsageError(f"--name-pattern {self.shown!r}: the width in {{{field}:{shown(spec, 20)}}} is "
                                 f"more than a file name holds ({NAME_BYTES} bytes)")
        if not any(field in ("row", "slug") for _, field, _, _ in parsed):
            raise UsageError(f"--name-pattern {self.shown!r} needs {{row}} or {{slug}}, else every client "
                             "would get the same file")
        # Unique by construction: the name starts with the row number and the next
        # character is not a digit (or nothing follows), so no two rows can meet.
        first = parsed[0] if parsed else ("", None, "", None)
        after = parsed[1][0] if len(parsed) > 1 else None
        self.unique = (first[0] == "" and first[1] == "row" and first[3] is None
                       and re.fullmatch(r"0?\d*d?", first[2] or "") is not None
                       and (after is None or (after[:1] != "" and not after[:1].isdigit())))
        self.format({"row": 1, "slug": "x", "reason": "x", "lang": "x", "relationship": "x"})

    def format(self, fields: dict[str, Any]) -> str:
        try:
            name = self.pattern.format(**fields) + self.ext
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise UsageError(f"--name-pattern {self.shown!r}: {shown(exc)}") from None
        if "/" in name or "\\" in name or name.startswith(".") or not name.isprintable() \
                or len(name.encode("utf-8", "surrogatepass")) > NAME_BYTES:
            raise UsageError(f"--name-pattern {self.shown!r} gives {shown(name, 80)!r}: a file name must not "
                             f"contain / or \\, start with a dot or be longer than {NAME_BYTES} bytes")
        return name


# --- rows -----------------------------------------------------------------------------------------

class Job(NamedTuple):
    row: int
    letter: Resolved  # reason, language and client, checked
    file: str
    replace: bool = False  # an empty file left by a crash, taken over by --resume


class Failure(NamedTuple):
    row: int
    line: int
    name: str
    field: str
    message: str


class Summary(NamedTuple):
    written: int
    failed: int
    skipped: int
    seconds: float
    interrupted: bool
    errors_file: str | None
    no_address: int = 0  # eml drafts written without a To: (no email in their rows)


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
    mapping: tuple[str, ...] = ()  # --map 'Kundenname=name,Mail=email'
    mbox: str | None = None  # --mbox FILE: every draft into one mbox file instead of DIR
    currency: str | None = None  # --currency: for amounts without a currency (else the house style's)
    today: datetime.date | None = None  # --date: the day the letters are written (None: the day the run starts)


class _Planner:
    """Turns rows into jobs: record check, reason, language, file name."""

    def __init__(self, engine: Engine, options: Options, pattern: NamePattern, out_dir: str,
                 strings: bool = True) -> None:
        self.engine, self.options, self.pattern, self.out_dir = engine, options, pattern, out_dir
        self.strings = strings  # CSV cells are text: "yes" and "false" are booleans there, not in JSON
        self.reasons: dict[str, Reason | str] = {}
        self.names: dict[str, int] = {}  # only for patterns that can give two rows one name
        # for rows without a language: --lang, else what the Engine picks (house style, the
        # language of the file's column names (run), locale, en)
        self.default_lang = engine.pick_language(options.lang).code
        self.locale: str | None = None  # how the file writes numbers: its header's language (clientfile.Header)
        # for amounts typed as text: a language asked for, never English only because nothing was
        self.number_default = engine.asked_language(options.lang)
        self.no_address = 0  # eml drafts written without a To:

    def _reason(self, key: str) -> Reason | str:
        """The reason (looked up once per run: a lookup reads the file system), or why not."""
        key = key.strip().lower()
        if key not in self.reasons:
            if len(self.reasons) > 1000:  # a file of a million different typos stays small too
                self.reasons.clear()
            try:
                self.reasons[key] = self.engine.reason(key)
            except UsageError as exc:
                self.reasons[key] = str(exc)  # the message, never the exception and its traceback
        return self.reasons[key]

    def plan(self, item: Row) -> Job | tuple[str, str, str] | None:
        """A Job; (field, message, name) for a bad row; None to skip (--resume)."""
        data = dict(item.data or {})
        name: str = data["name"] if isinstance(data.get("name"), str) else ""
        reason_key = data.pop("reason", None) or self.options.reason
        if "lang" in data:
            if data.get("language") not in (None, "", data["lang"]):
                return "lang", "has both 'lang' and 'language': keep one", name
            data["language"] = data.pop("lang")
        if self.options.relationship and not data.get("relationship"):
            data["relationship"] = self.options.relationship
        data = dict(self.engine.with_defaults(data, self.options.formal))  # --formal/--informal, else the house style's
        if data.get("name") in (None, ""):  # records.py's hint ("pass --name") is for draft
            return "name", "field 'name' is empty: every row needs the client's name", name
        try:
            # no source: the report names the row, so the message begins with the field
            client = parse_record(data, "", strings=self.strings, locale=self.locale,
                                  default_locale=self.number_default, default_currency=self.options.currency)
        except RecordError as exc:
            return exc.field or "", str(exc), name
        if not client.name:  # only blanks or invisible characters: draft greets an unknown recipient, a batch row must not
            return "name", "field 'name' is empty: every row needs the client's name", name
        name = client.name
        if not reason_key:
            return "reason", "no reason: add a 'reason' column or pass --reason", name
        if not isinstance(reason_key, str):
            return "reason", "field 'reason' must be text", name
        reason = self._reason(reason_key)
        if isinstance(reason, str):
            return "reason", reason, name
        try:
            letter = self.engine.resolve(reason, client, default_lang=self.default_lang, today=self.options.today)
        except RefusalkitError as exc:
            return exc.field or "", str(exc), name
        try:
            file = self.pattern.format({"row": item.row, "slug": slug(client.name), "reason": reason.id,
                                        "lang": letter.language.code, "relationship": client.relationship})
        except UsageError as exc:
            return "", str(exc), name
        if not self.pattern.unique:
            key = unicodedata.normalize("NFC", file).casefold()  # case-insensitive file systems too
            if key in self.names:
                return "", (f"{file} is also the file of row {self.names[key]}: put {{row}} into "
                            "--name-pattern so that every client gets a file of their own"), name
            self.names[key] = item.row
        replace = False
        if self.options.resume:  # otherwise write_new() refuses an existing file, with the same message
            try:
                size = os.lstat(os.path.join(self.out_dir, file)).st_size
            except FileNotFoundError:
                size = None
            if size:
                return None
            replace = size == 0  # empty: a power cut after the run linked it, before the disk had it
        return Job(item.row, letter, file, replace)


def _payload(letter: Letter, fmt: str, subject: str | None) -> bytes:
    if fmt == "eml":
        return letter.eml(subject)
    text = letter.markdown if fmt == "md" else letter.html if fmt == "html" else letter.text
    return text.encode("utf-8")


def _outcome(item: Row, planner: _Planner, options: Options, out_dir: str,
             mbox: Any = None, queue: Any = None) -> Failure | Literal[True] | None | list[Any]:
    """Plan, draft and write one row (into `mbox`, an mbox.MboxWriter, if given): True if
    written, None if skipped, or its Failure; with `queue` (--to-drafts, _ToDrafts), the
    outcomes of the drafts the queue sent meanwhile."""
    if item.problem is not None:
        return Failure(item.row, item.line, "", *item.problem)
    planned = planner.plan(item)
    if planned is None:
        return None
    if not isinstance(planned, Job):
        field, message, name = planned
        return Failure(item.row, item.line, name, field, message)
    job = planned
    try:
        letter = planner.engine.render_variant(*job.letter, explain=options.explain, today=options.today)
        if queue is not None:
            message_id = queue.message_id(item.data, job.letter.reason.id, job.letter.language.code,
                                          options.explain, options.subject)
            data = letter.eml(options.subject, message_id=message_id)
        else:
            data = _payload(letter, options.fmt, options.subject)
    except RefusalkitError as exc:
        return Failure(item.row, item.line, job.letter.client.name or "", exc.field or "", str(exc))
    if queue is not None:
        return queue.add(message_id, data, (item, job))
    if mbox is not None:
        mbox.add(data)
    elif not letterfiles.write_new(out_dir, job.file, data, options.force or job.replace):
        return Failure(item.row, item.line, job.letter.client.name or "", "",
                       f"{job.file} already exists: use --resume to skip it or --force to overwrite it")
    if options.fmt == "eml" and not job.letter.client.email:
        planner.no_address += 1
    return True


def _guarded_outcome(item: Row, planner: _Planner, options: Options, out_dir: str,
                     mbox: Any = None, queue: Any = None) -> Failure | Literal[True] | None | list[Any]:
    """_outcome(), with a bug of ours reported as the row's failure: it must not cost the
    other rows. An OutputError (the folder or the disk, not the row) stops the run, and so
    does a mailbox gone for good (--to-drafts)."""
    try:
        return _outcome(item, planner, options, out_dir, mbox, queue)
    except OutputError:
        raise
    except Exception as exc:  # noqa: BLE001
        if queue is not None and queue.fatal(exc):
            raise
        return Failure(item.row, item.line, "", "", f"internal error ({type(exc).__name__}: {exc}): please report it")


# --- reports --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell of errors.csv: shown() (one line, no lone surrogate, bounded), and text
    that a spreadsheet would take for a formula prefixed with ' (OWASP, CSV injection).

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-dash"), csv_cell(12), csv_cell("Kim")
    ("'=HYPERLINK(1)", "'-dash", 12, 'Kim')
    """
    if isinstance(value, int):
        return value
    text = str(value)
    return shown("'" + text if text.startswith(_FORMULA_START) else text)


class _ErrorLog:
    """DIR/errors.csv, written as the run goes (to a temporary file) and moved into place
    at the end; UTF-8 with a BOM and the input's delimiter, so Excel opens it as it
    opened the input. A run without failures removes an old one."""

    def __init__(self, out_dir: str, delimiter: str, name: str = ERRORS_FILE) -> None:
        self.path = os.path.join(out_dir, name)
        self.tmp = os.path.join(out_dir, f".{name}.rk{os.getpid()}.tmp")
        self.delimiter = delimiter
        self.fh: Any = None
        self.writer: Any = None

    def add(self, failure: Failure) -> None:
        if self.fh is None:  # opened on the first failure, closed by close(): it lives across calls
            try:
                self.fh = open(self.tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write it ({exc.strerror})") from None
            self.writer = csv.writer(self.fh, delimiter=self.delimiter)
            self.writer.writerow(["row", "line", "name", "field", "error"])
        try:
            self.writer.writerow([csv_cell(value) for value in failure])
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write it ({exc.strerror})") from None

    def report(self, failure: Failure, on_failure: Callable[[Failure], None]) -> None:
        """Add the row's failure and tell `on_failure`; reporting a row must not stop the others."""
        try:
            self.add(failure)
            on_failure(failure)
        except OutputError:
            raise
        except Exception as exc:  # noqa: BLE001
            self.add(failure._replace(field="", message=f"internal error while reporting row "
                                                        f"{failure.row} ({type(exc).__name__}: {exc})"))

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


class Stop:
    """Ctrl-C or SIGTERM ask the run to stop: the letter in hand is finished (so
    every letter written is counted), then the summary and errors.csv are written.
    A second signal stops at once; a letter is still never left half-written."""

    def __init__(self) -> None:
        self.requested = False
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> Self:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


# --- the run --------------------------------------------------------------------------------------

def _rows(clients: str, label: str, options: Options, on_header: Callable[[Any], None] = lambda h: None,
          ) -> tuple[bool, str, int, str | None, Iterator[Row]]:
    """(JSON Lines?, delimiter, lines, encoding note, the rows) of the client file; a CSV's
    header (clientfile.Header) goes to `on_header` when it is read."""
    ext = os.path.splitext(clients)[1].lower()
    if ext == ".json":
        raise UsageError(f"{label}: a .json file holds one record (for draft): batch reads CSV, or JSON Lines "
                         "(one object per line) in a .jsonl file")
    if ext in (".xlsx", ".xls", ".ods", ".numbers"):
        raise UsageError(f"{label}: a spreadsheet: save it as CSV (File > Save as > CSV UTF-8) and pass that")
    jsonl = ext in (".jsonl", ".ndjson")
    encoding, lines, note = detect_encoding(clients, label, options.encoding)
    if ext == ".vcf":
        from .vcard import count_cards, read_vcards

        return True, ",", count_cards(clients, encoding), note, read_vcards(clients, label, encoding)
    if jsonl:
        return True, ",", lines, note, read_jsonl(clients, label, encoding)
    from .clientfile import parse_map

    mapping = parse_map(options.mapping)
    delimiter = {"tab": "\t"}.get(options.delimiter or "", options.delimiter) or csv_delimiter(clients, encoding)

    def header(found: Any) -> None:  # Turkish Excel's code page says how its numbers are written
        on_header(found if found.locale or encoding != "cp1254" else found._replace(locale="tr"))

    return False, delimiter, lines, note, read_csv(clients, label, encoding, delimiter, mapping, header)


def _check_options(options: Options, engine: Engine) -> NamePattern:
    """Stop on a bad option before any row is read; the name pattern."""
    if options.fmt not in FORMATS:
        raise UsageError(f"--format {options.fmt!r}: batch writes {', '.join(FORMATS)}")
    if options.force and options.resume:
        raise UsageError("--force and --resume contradict each other: choose one")
    pattern = NamePattern(options.pattern, FORMATS[options.fmt])
    if options.reason:
        engine.reason(options.reason)  # an unknown --reason stops here, before any row
    if options.lang:
        engine.language(options.lang)
    if options.currency is not None:
        from .records import currency_code

        try:
            currency_code(options.currency, "", "currency")
        except RecordError as exc:
            raise UsageError(f"--currency {options.currency!r}: {exc.detail}") from None
    if options.subject is not None:
        from .mail import header_value

        header_value(options.subject, "subject")
    if options.mbox and (options.resume or options.fmt != "eml"):
        raise UsageError("--mbox holds eml drafts, written whole or not at all: leave out "
                         + ("--resume" if options.resume else f"--format {options.fmt}"))
    return pattern


def _target(options: Options, out_dir: str, engine: Engine) -> tuple[str, Any]:
    """The folder the letters (or the mbox and its errors.csv) go to, made ready; the
    mbox.MboxWriter of --mbox, else None."""
    if options.mbox:  # errors.csv beside it, as FILE.errors.csv
        from .mbox import MboxWriter

        mbox = MboxWriter(options.mbox, force=options.force, sender=(engine.style.sender or {}).get("email"))
        return os.path.dirname(options.mbox), mbox
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise UsageError(f"{out_dir}: exists and is not a folder: give --out-dir a folder")
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the folder ({exc.strerror})") from None
    letterfiles.clean_stale_temps(out_dir)
    return out_dir, None


def run(clients: str, out_dir: str, options: Options, engine: Engine, *,
        on_failure: Callable[[Failure], None] = lambda f: None,
        on_progress: Callable[[int], None] = lambda n: None,
        on_start: Callable[[int, str | None], None] = lambda total, note: None,
        on_note: Callable[[str], None] = lambda note: None,
        queue: Any = None) -> Summary:
    """Write one letter per row of `clients` into `out_dir`; see the module docstring.
    With `queue` (_ToDrafts, --to-drafts) the letters go into the mailbox instead, and
    `out_dir` gets only errors.csv."""
    started = time.perf_counter()
    if queue is not None and (options.force or options.mbox):
        raise UsageError("--force and --mbox do not apply to --to-drafts: a draft already in the folder is "
                         "never appended twice (delete it there to have it again)")
    pattern = _check_options(options, engine)
    # amounts without a currency of their own: --currency, else the house style's (or setup's)
    options = options._replace(currency=options.currency or engine.style.currency,
                               today=options.today or datetime.date.today())  # one day for every row
    headers: list[Any] = []
    jsonl, delimiter, lines, note, rows = _rows(clients, clients, options, headers.append)
    first = next(rows, None)  # reads the header: a broken one stops here, before any file is written
    if headers:
        from .clientfile import no_currency

        no_currency(headers[0], clients, options.currency)
    out_dir, mbox = _target(options, out_dir, engine)
    on_start(max(lines - (0 if jsonl else 1), 0), note)

    planner = _Planner(engine, options, pattern, out_dir, strings=not jsonl)
    if headers:
        planner.locale = headers[0].locale
        # a sheet whose columns are German or Turkish ("Anrede", "Betrag") is written to in
        # that language where --lang, the row and the house style say none (before the locale)
        planner.default_lang = engine.pick_language(options.lang, suggested=planner.locale).code
        if headers[0].unknown:
            on_note(unknown_columns(headers[0].unknown))
    errors = _ErrorLog(out_dir, delimiter, os.path.basename(options.mbox) + ".errors.csv" if options.mbox
                       else ERRORS_FILE)
    tally = _Tally(errors, on_failure, queue)
    try:
        interrupted = _draft_rows(_chain(first, rows), tally, planner, options, out_dir, mbox, queue, on_progress)
        if mbox is not None and not interrupted:
            mbox.commit()  # whole: an interrupted run's mbox is discarded (finally), never half there
    finally:
        # Even when a run stops on an error (a full disk), the rows reported so far stay reported.
        errors_file = errors.close()
        if mbox is not None:
            mbox.discard()  # after commit() only the temporary name goes
        else:
            letterfiles.sync(out_dir)  # the letters reach the disk once, at the end, not one fsync each
    return Summary(tally.written, tally.failed, tally.skipped, time.perf_counter() - started, interrupted,
                   errors_file, planner.no_address)


class _Tally:
    """A run's counts; each failure reported (errors.csv and `on_failure`) as it comes."""

    def __init__(self, errors: _ErrorLog, on_failure: Callable[[Failure], None], queue: Any = None) -> None:
        self.errors, self.on_failure, self.queue = errors, on_failure, queue
        self.written = self.failed = self.skipped = 0

    def add(self, done: Any) -> None:
        if isinstance(done, list):  # --to-drafts: the drafts the queue has sent
            for one in done:
                self.add(self.queue.outcome(one))
        elif done is True:
            self.written += 1
        elif done is None:
            self.skipped += 1
        else:
            self.failed += 1
            self.errors.report(done, self.on_failure)


def _draft_rows(rows: Iterator[Row], tally: _Tally, planner: _Planner, options: Options, out_dir: str,
                mbox: Any, queue: Any, on_progress: Callable[[int], None]) -> bool:
    """Draft and write every row, until the last or until asked to stop (Stop); whether the
    run was interrupted. The progress bar moves every CHUNK rows, and for the rows done."""
    stop = Stop()
    pending = 0
    interrupted = False
    try:
        with stop:
            try:
                for item in rows:
                    if stop.requested:
                        break
                    tally.add(_guarded_outcome(item, planner, options, out_dir, mbox, queue))
                    pending += 1
                    if pending == CHUNK:
                        on_progress(pending)
                        pending = 0
                if queue is not None:
                    tally.add(queue.flush())
            except KeyboardInterrupt:  # a second Ctrl-C, or no signal handler of ours (not the main thread)
                interrupted = True
        return interrupted or stop.requested
    finally:
        if pending:
            on_progress(pending)


def unknown_columns(names: list[str], shown_at_most: int = 6) -> str:
    """The one warning line for columns that refusalkit does not know.

    >>> unknown_columns(["Kundennummer"])
    "column 'Kundennummer' is no field refusalkit knows: templates get it as an extra; --map 'Kundennummer=FIELD' makes it one"
    """
    listed = ", ".join(repr(shown(n, 40)) for n in names[:shown_at_most])
    if len(names) > shown_at_most:
        listed += f" and {len(names) - shown_at_most} more"
    if len(names) == 1:
        return (f"column {listed} is no field refusalkit knows: templates get it as an extra; "
                f"--map '{shown(names[0], 40)}=FIELD' makes it one")
    return (f"columns {listed} are no fields refusalkit knows: templates get them as extras; "
            "--map 'COLUMN=FIELD' makes one a field")


def _chain(first: Row | None, rows: Iterator[Row]) -> Iterator[Row]:
    if first is not None:
        yield first
        yield from rows


# --- --to-drafts: into the mailbox's Drafts folder (imap.py) --------------------------------------

class _ToDrafts:
    """imap.Queue for the rows of a run: a Message-ID per row that a rerun gives again (the
    row's fields, reason, language, --explain, --subject and the account's user), and
    the queue's outcomes as batch counts them."""

    def __init__(self, queue: Any, user: str, domain: str) -> None:
        self.queue, self.user, self.domain = queue, user, domain

    def message_id(self, data: Any, reason: str, lang: str, explain: bool, subject: str | None) -> str:
        from .imap import batch_message_id

        return batch_message_id([data, reason, lang, explain, subject, self.user], self.domain)

    def add(self, message_id: str, data: bytes, key: Any) -> list[Any]:
        return self.queue.add(message_id, data, key)

    def flush(self) -> list[Any]:
        return self.queue.flush()

    @staticmethod
    def outcome(pair: Any) -> Failure | bool | None:
        (item, job), result = pair
        if result is True or result is None:
            return result
        return Failure(item.row, item.line, job.letter.client.name or "", "", str(result))

    @staticmethod
    def fatal(exc: Exception) -> bool:
        from .imap import ImapError

        return isinstance(exc, ImapError)


def _to_drafts(account_path: str | None, engine: Engine, on_reconnect: Callable[[str], None]) -> Any:
    from . import account
    from .imap import Mailbox, Queue

    acct = account.load(account.find(account_path))
    sender = (engine.style.sender or {}).get("email") or ""
    domain = (sender or (acct.user if "@" in acct.user else "")).rpartition("@")[2]
    if domain:
        from .mail import ascii_address

        domain = ascii_address(f"x@{domain}", "sender email").rpartition("@")[2]
    box = Mailbox(acct)
    return acct, box, _ToDrafts(Queue(box, on_reconnect=on_reconnect), acct.user, domain or "refusalkit.invalid")


def _check_to_drafts(mbox: str | None, out_dir: str | None, fmt: str | None, force: bool) -> tuple[str, bool]:
    """What contradicts --to-drafts is an error before any connection; (its format, resume)."""
    if mbox:
        raise UsageError("--to-drafts and --mbox contradict each other: choose one "
                         "(with --to-drafts, --out-dir DIR gets errors.csv)")
    if not out_dir:
        raise UsageError("--to-drafts needs --out-dir DIR: the folder for errors.csv (nothing else is "
                         "written there)")
    if fmt not in (None, "eml"):
        raise UsageError(f"--to-drafts saves eml drafts: leave out --format {fmt}")
    if force:
        raise UsageError("--force does not apply to --to-drafts: a draft already in the folder is never "
                         "appended twice (delete it there to have it again)")
    return "eml", False  # always resume-safe: drafts already in the folder are skipped


def _drafts_summary(summary: Summary, rate: str, folder: str, acct: Any, uids: list[int]) -> str:
    return (f"{summary.written} drafts saved, {summary.failed} failed, {summary.skipped} skipped (already "
            f"there) in {summary.seconds:.1f} s{rate.replace('letters', 'drafts') if summary.written else ''} "
            f"-> {folder} ({acct.user} at {acct.host})" + (f", UIDs {min(uids)}-{max(uids)}" if uids else ""))


# --- the command ----------------------------------------------------------------------------------

@click.command("batch")
@click.argument("clients", metavar="CLIENTS", shell_complete=complete("complete_file"))
@click.option("--reason", "-r", metavar="ID", shell_complete=complete("complete_reason"), help="Why you say no; a 'reason' column overrides it per row.")
@click.option("--lang", "-l", metavar="LANG", shell_complete=complete("complete_language"), help="Letter language; a 'language' or 'lang' column overrides it.")
@click.option("--out-dir", "-d", metavar="DIR", shell_complete=complete("complete_dir"), help="Folder for the letters (created if needed).")
@click.option("--mbox", metavar="FILE", shell_complete=complete("complete_file"),
              help="All drafts (eml) in one mbox file instead of --out-dir; never replaced without --force.")
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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N", hidden=True,
              help="Ignored: a batch runs in one process (kept so that scripts that pass it still run).")
@click.option("--style", "style_path", metavar="PATH", shell_complete=complete("complete_file"),
              help="House-style file (default: $REFUSALKIT_STYLE, ./refusalkit.toml, your config folder).")
@click.option("--currency", metavar="CODE",
              help="Currency of amounts without one (a 'Betrag' column without 'Währung'), e.g. EUR "
                   "(default: the house style's or setup's).")
@click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD,...",
              help="Columns to read as fields, e.g. 'Kundenname=name,Mail=email' (common names are known).")
@click.option("--to-drafts", "to_drafts", is_flag=True,
              help="Save the drafts in your mailbox's Drafts folder over IMAP (DIR gets only errors.csv); "
                   "a rerun skips the drafts already there.")
@click.option("--account", "account_path", metavar="PATH",
              help="Your mail account for --to-drafts (default: $REFUSALKIT_ACCOUNT, account.toml in your config folder).")
@DATE_OPTION
def batch_command(clients: str, reason: str | None, lang: str | None, out_dir: str | None, mbox: str | None,
                  fmt: str | None,
                  name_pattern: str, encoding: str | None, delimiter: str | None, informal: bool | None,
                  relationship: str | None, explain: bool, subject: str | None, force: bool, resume: bool,
                  jobs: int | None, style_path: str | None, mapping: tuple[str, ...] = (), to_drafts: bool = False,
                  account_path: str | None = None, currency: str | None = None,
                  today: datetime.date | None = None) -> None:
    """One letter per client from a CSV, JSON Lines (.jsonl) or vCard (.vcf) file."""
    from .cli import _engine

    if to_drafts:
        fmt, resume = _check_to_drafts(mbox, out_dir, fmt, force)
    if bool(out_dir) == bool(mbox):
        raise click.UsageError("give --out-dir DIR (one file per client) or --mbox FILE (one mbox file), "
                               "not both" if out_dir else "Missing option '--out-dir' (or --mbox FILE).")
    engine = _engine(style_path)
    fmt = (fmt or "eml") if mbox else (fmt or engine.style.format or "md")  # style.FORMATS: all batch writes
    options = Options(reason=reason, lang=lang, fmt=fmt, pattern=name_pattern, encoding=encoding,
                      delimiter=delimiter, formal=None if informal is None else not informal,
                      relationship=relationship, explain=explain, subject=subject, force=force, resume=resume,
                      mbox=mbox, mapping=mapping, currency=currency, today=today)
    terminal = _Terminal(clients)
    acct = box = queue = None
    if to_drafts:
        acct, box, queue = _to_drafts(account_path, engine, terminal.on_reconnect)
    try:
        summary = run(clients, out_dir or "", options, engine, on_failure=terminal.on_failure,
                      on_progress=terminal.on_progress, on_start=terminal.on_start,
                      on_note=lambda note: click.echo(f"refusalkit: warning: {note}", err=True), queue=queue)
    finally:
        terminal.finish()
        if box is not None:
            box.close()
    click.echo(_summary_line(summary, out_dir or mbox or "", bool(mbox), queue, box, acct))
    _closing_notes(summary, engine)
    if summary.interrupted:
        raise KeyboardInterrupt
    if summary.failed:
        sys.exit(1)


class _Terminal:
    """What a run shows on stderr as it goes: notes, each failed row, the progress bar (on a
    terminal only), a line written over the bar."""

    def __init__(self, clients: str) -> None:
        self.clients = clients
        self.tty = sys.stderr.isatty()
        self.bar: Any = None

    def _clear_bar(self) -> None:
        if self.bar is not None:
            click.echo("\r\x1b[K", nl=False, err=True)

    def on_reconnect(self, why: str) -> None:
        self._clear_bar()
        click.echo(f"refusalkit: note: {shown(why)}; reconnecting", err=True)

    def on_failure(self, f: Failure) -> None:
        self._clear_bar()
        click.echo(f"refusalkit: error: {shown(self.clients, 100)}, row {f.row} (line {f.line}): {shown(f.message)}",
                   err=True)

    def on_start(self, total: int, note: str | None) -> None:
        if note:
            click.echo(f"refusalkit: note: {note}", err=True)
        if self.tty and total:
            self.bar = click.progressbar(length=total, label="letters", file=sys.stderr, show_eta=True)
            self.bar.__enter__()

    def on_progress(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def _summary_line(summary: Summary, target: str, to_mbox: bool, queue: Any, box: Any, acct: Any) -> str:
    """The run's last line on stdout: what was written where, and how fast."""
    rate = f", {summary.written / summary.seconds:,.0f} letters/s" if summary.seconds >= 0.5 else ""
    line = (f"{summary.written} written, {summary.failed} failed, {summary.skipped} skipped "
            f"in {summary.seconds:.1f} s{rate} -> {target}")
    if to_mbox and summary.interrupted:
        line = f"{summary.written} drafted, none written to {target} (an mbox is written whole or not at all)"
    if queue is not None and box is not None:
        line = _drafts_summary(summary, rate, box.folder, acct, queue.queue.uids)
    if summary.errors_file:
        line += f" (errors in {summary.errors_file})"
    return ("interrupted: " if summary.interrupted else "") + line


def _closing_notes(summary: Summary, engine: Engine) -> None:
    """The notes after the summary: unsigned letters, eml drafts without a recipient."""
    from .personal import unsigned_hint

    hint = unsigned_hint(engine.style) if summary.written else None
    if hint:
        click.echo(hint.replace("the letter is unsigned", "the letters are unsigned"), err=True)
    if summary.no_address:
        click.echo(f"refusalkit: note: {summary.no_address} of the eml drafts have no recipient (To:): "
                   "their rows have no email address", err=True)
