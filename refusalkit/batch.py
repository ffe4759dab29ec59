"""One letter per client from a CSV or JSON Lines file: streaming, parallel, nothing lost.

Each row is checked, given its file name, drafted, formatted and written as it
is read: memory does not grow with the file. Large files are shared out among
one process per core (Linux): each reads the file itself and takes its share
(_Part), and the main process merges their reports, so row numbers, the error
report and the output never depend on how the work was split.

A bad row is reported (stderr and DIR/errors.csv) and the run goes on. Each
letter is written to a hidden temporary file and renamed into place, so a
run that is interrupted or killed leaves whole letters only.
"""

from __future__ import annotations

import binascii
import codecs
import contextlib
import csv
import errno
import heapq
import os
import pickle
import re
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Self

import click

# The command is loaded only when it runs (cli.py): everything a letter needs is
# imported here once, not inside the functions that run for every row.
from . import errors as errors_module
from . import formats
from .api import Letter, draft
from .errors import OutputError, RecordError, RefusalkitError, UsageError
from .mail import header_value
from .records import Referral, Resource, parse_record
from .render import SLOT_RE, Rendered, Slots, academic_title

if TYPE_CHECKING:
    from .api import Engine
    from .records import Client

FORMATS = {"md": ".md", "html": ".html", "text": ".txt", "eml": ".eml"}
DEFAULT_PATTERN = "{row:04d}-{slug}"
PATTERN_FIELDS = ("row", "slug", "reason", "lang", "relationship")
ERRORS_FILE = "errors.csv"
_OVERRIDES = ("reason", "lang")  # columns that are not record fields
_CHUNK = 32  # rows per task sent to a worker
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


# --- reading the client file ----------------------------------------------------------------------

class Row(NamedTuple):
    row: int  # the client's number: 1 for the first record after the header
    line: int  # where the record starts in the file
    data: dict[str, Any] | None
    problem: tuple[str, str] | None = None  # (field, what is wrong) when the row cannot be read


_TURKISH_BYTES = re.compile(rb"[\xd0\xdd\xde\xf0\xfd\xfe]")  # Ğ İ Ş ğ ı ş in cp1254, Ð Ý Þ ð ý þ in cp1252


def _codec(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"--encoding {name!r}: unknown encoding (try utf-8, cp1252, cp1254, latin-1)") from None
    return "utf-8-sig" if codec == "utf-8" else codec  # a BOM is never part of the first field name


def _first_bad_line(path: str, encoding: str) -> tuple[int, str] | None:
    """(line, where) of the first text that does not decode, or None; streams the file."""
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        decoder = codecs.getincrementaldecoder(encoding)()
        seen = 0
        with open(path, "rb") as fh:
            try:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    seen += decoder.decode(chunk).count("\n")
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return seen + 1, ""
        return None
    decode = codecs.getdecoder(encoding)
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            try:
                decode(line)
            except UnicodeDecodeError as exc:
                return number, f", column {exc.start + 1} (bytes {line[exc.start:exc.end]!r})"
    return None


def detect_encoding(path: str, label: str, wanted: str | None) -> tuple[str, int, str | None]:
    """(codec, number of lines, a note when a Windows code page was guessed).

    UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else
    Windows-1254 when the Turkish letters ğ ı ş Ğ İ Ş appear, else Windows-1252.
    A file with valid UTF-8 in some lines and not in others is broken UTF-8,
    never re-read as a code page (that would garble every name in it).
    """
    lines, utf8_ok, turkish = 0, 0, False
    utf8_bad: tuple[int, str] | None = None
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            fh.seek(0)
            if wanted is None and head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                wanted = "utf-16"
            if wanted is not None and codecs.lookup(_codec(wanted)).name.startswith(("utf-16", "utf-32")):
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) + 1
            else:
                decode = codecs.getdecoder("utf-8")
                for lines, line in enumerate(fh, 1):
                    if wanted is not None or line.isascii():
                        continue
                    try:
                        decode(line)
                        utf8_ok += 1
                    except UnicodeDecodeError as exc:
                        if utf8_bad is None:
                            utf8_bad = (lines, f", column {exc.start + 1} (bytes {line[exc.start:exc.end]!r})")
                        turkish = turkish or _TURKISH_BYTES.search(line) is not None
    except FileNotFoundError:
        raise UsageError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{label}: is a folder, not a client file") from None
    except OSError as exc:
        raise UsageError(f"{label}: cannot read it ({exc.strerror})") from None
    if wanted is not None:
        codec = _codec(wanted)
        bad = _first_bad_line(path, codec)
        if bad:
            raise RecordError(f"{label}, line {bad[0]}{bad[1]}: not {wanted} text: "
                              "pass the encoding the file was saved in")
        return codec, lines, None
    if utf8_bad is None:
        return "utf-8-sig", lines, None
    if utf8_ok:
        raise RecordError(f"{label}, line {utf8_bad[0]}{utf8_bad[1]}: not UTF-8 text, though other lines "
                          "are: fix that line, or pass --encoding")
    codec, other = ("cp1254", "Windows-1254 (Turkish)") if turkish else ("cp1252", "Windows-1252 (Western)")
    bad = _first_bad_line(path, codec)
    if bad:
        raise RecordError(f"{label}, line {utf8_bad[0]}{utf8_bad[1]}: not UTF-8 text, nor {other} "
                          f"(line {bad[0]}): save the file as UTF-8 or pass --encoding")
    return codec, lines, f"{label}: not UTF-8, read as {other}; pass --encoding to choose another"


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: whichever of , ; and tab splits it into most fields.

    >>> sniff_delimiter("name;email;company"), sniff_delimiter("name\\temail"), sniff_delimiter("name")
    (';', '\\t', ',')
    """
    best, fields = ",", 1
    for candidate in (",", ";", "\t"):
        count = len(next(csv.reader([header_line], delimiter=candidate), []))
        if count > fields:
            best, fields = candidate, count
    return best


_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d+,\d+")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _csv_value(field: str, value: str) -> str:
    """Excel's German and Turkish forms of a number or a date, in the record's form.

    >>> _csv_value("amount_due", "1.234,50"), _csv_value("end_date", "31.12.2026")
    ('1234.50', '2026-12-31')
    """
    if field == "amount_due" and _DECIMAL_COMMA.fullmatch(value):
        return value.replace(".", "").replace(",", ".")
    if field == "end_date" and (m := _DOTTED_DATE.fullmatch(value)):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return value


def _header(cells: list[str], label: str, line: int) -> list[str]:
    from .records import KNOWN_FIELDS

    names = []
    for cell in cells:
        name = cell.strip().lstrip("\ufeff")
        if name.lower() in KNOWN_FIELDS or name.lower() in (*_OVERRIDES, "language"):
            name = name.lower()
        names.append(name)
    while names and not names[-1]:
        names.pop()  # Excel's trailing ";;;": checked row by row (they must stay empty)
    if "" in names:
        raise RecordError(f"{label}, line {line}: column {names.index('') + 1} of the header has no name")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise RecordError(f"{label}, line {line}: column {name!r} appears twice in the header")
        seen.add(name)
    if "lang" in seen and "language" in seen:
        raise RecordError(f"{label}, line {line}: the header has both 'lang' and 'language': keep one")
    if "name" not in seen:
        raise RecordError(f"{label}, line {line}: the header has no 'name' column "
                          f"(it has {', '.join(map(repr, names)) or 'nothing'})")
    return names


def csv_delimiter(path: str, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as fh:
        for line in fh:
            if line.strip():
                return sniff_delimiter(line)
    return ","


def read_csv(path: str, label: str, encoding: str, delimiter: str) -> Iterator[Row]:
    """The rows of a CSV file whose first non-blank row names the fields.

    Empty cells are left out of the record (never "None" in a letter); a row
    of empty cells is skipped; a row with too few or too many fields is a bad
    row. Excel's trailing empty columns (";;;") are allowed while they stay empty.
    """
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header: list[str] | None = None
        width = raw_width = 0
        row = end = 0
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if header is None or reader.line_num == end:  # no progress: give up rather than loop
                    raise RecordError(f"{label}, line {start}: cannot read the CSV: {exc}") from None
                end = reader.line_num
                row += 1
                yield Row(row, start, None, ("", f"cannot read this row: {exc}"))
                continue
            end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, or a row of empty cells
            if header is None:
                header = _header(cells, label, start)
                width, raw_width = len(header), len(cells)
                continue
            row += 1
            if len(cells) < width:
                yield Row(row, start, None, ("", (f"has {len(cells)} fields, the header has {width}: "
                                                  "add the missing ones (they may be empty)")))
                continue
            if len(cells) > width and (len(cells) > raw_width or any(c.strip() for c in cells[width:])):
                sep = "a tab" if delimiter == "\t" else repr(delimiter)
                yield Row(row, start, None, ("", (f"has {len(cells)} fields, the header has {width}: "
                                                  f"a value with {sep} in it needs double quotes")))
                continue
            data = {}
            for name, cell in zip(header, cells):
                if cell.strip():
                    data[name] = _csv_value(name, cell.strip()) if name in ("amount_due", "end_date") else cell
            yield Row(row, start, data)
        if header is None:
            raise RecordError(f"{label}: the file is empty: the first line must name the fields (name, email, ...)")


def read_jsonl(path: str, label: str, encoding: str) -> Iterator[Row]:
    import json

    row = 0
    with open(path, encoding=encoding, newline="") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row += 1
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Row(row, line_no, None, ("", f"invalid JSON at column {exc.colno}: {exc.msg}"))
                continue
            except (RecursionError, ValueError):
                yield Row(row, line_no, None, ("", "invalid JSON: nested too deeply or a number too long"))
                continue
            if not isinstance(data, dict):
                yield Row(row, line_no, None, ("", "a line must be one JSON object {...}"))
                continue
            yield Row(row, line_no, data)


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
_TEXT_PLANS: dict[str, Any] = {}
_LAID_OUT: dict[tuple[str, str], str] = {}  # most paragraphs recur in the letters of other shapes


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
        name=mark(client.name), first_name=mark(client.first_name), surname=mark(client.surname), title=title,
        email=mark(client.email), company=mark(client.company), request=mark(client.request),
        referrals=tuple(Referral(mark(r.name), mark(r.contact), mark(r.note)) for r in client.referrals),
        resources=tuple(Resource(mark(r.title), mark(r.url)) for r in client.resources),
        extra=mark(dict(client.extra)))
    return probe, values


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
        self.cache: dict[tuple[str, str, str], Any] = {}

    def letter(self, reason: str, client: Client, lang: str) -> Letter:
        probe, values = _probe(client)
        key = (reason, lang, repr(probe))  # repr, not ==: Decimal 1.5 == 1.50 and 1 == True
        first = self.cache.get(key)
        if first is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            try:
                first = draft(reason, probe, lang=lang, explain=self.explain, engine=self.engine)
            except RefusalkitError as exc:
                first = exc
            self.cache[key] = first
        if isinstance(first, RefusalkitError):
            raise first
        shape = first.rendered
        slots = Slots()
        slots.values = [values.get(v, v) for v in shape.slots.values]  # house-style texts stay
        rendered = Rendered(shape.markdown, shape.parts, shape.subject, slots, shape.lang, shape.template)
        return Letter(first.reason, first.lang, first.relationship, rendered, client=client, sender=first.sender)


_SHAPES: Shapes | None = None


def _text(letter: Letter) -> str:
    """letter.text, with the blocks that hold no client text laid out once per shape.

    The same blocks and the same layout as formats.to_text (tests/test_batch.py
    checks every reason and language): a block without a placeholder wraps the
    same way in every letter of the shape, so only the others are wrapped per letter.
    """
    rendered = letter.rendered
    plan = _TEXT_PLANS.get(rendered.markdown)
    if plan is None:
        plan = []
        previous_item = False
        for i, (prefix, body) in enumerate(formats.text_blocks(rendered)):
            item = bool(prefix)
            gap = ("\n" if item and previous_item else "\n\n") if i else ""
            previous_item = item
            if SLOT_RE.search(body):
                plan.append((gap, prefix, body))
            else:
                laid = _LAID_OUT.get((prefix, body))
                if laid is None:
                    if len(_LAID_OUT) > 4096:
                        _LAID_OUT.clear()
                    laid = _LAID_OUT[(prefix, body)] = formats.lay_out(prefix, body)
                plan.append(gap + laid)
        if len(_TEXT_PLANS) > 4096:
            _TEXT_PLANS.clear()
        _TEXT_PLANS[rendered.markdown] = plan
    fill = rendered.slots.fill
    return "".join(step if isinstance(step, str) else step[0] + formats.lay_out(step[1], fill(step[2], str, str))
                   for step in plan) + "\n"


class EmlWriter:
    """mail.to_eml's message, built straight to bytes: 0.05 ms instead of 1.8 ms.

    The same headers in the same order, the same parts, quoted-printable with
    CRLF; tests/test_batch.py checks that both parse to the same headers and
    decoded parts, for many names, senders, subjects and languages. What this
    cannot mirror exactly (an address that is not plain ASCII dot-atom, a
    non-ASCII sender) goes through mail.to_eml.
    """

    _ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
    _SPECIALS = re.compile(r'[][\\()<>@,:;".]')  # email.utils.specialsre

    def __init__(self, sender: Any, subject: str | None) -> None:
        from .mail import header_value

        self.subject = subject
        self.from_line: bytes | None = b""
        if sender and sender.get("email"):
            address = self.address(sender.get("name"), sender["email"], "sender")
            self.from_line = b"From: " + address + b"\r\n" if address is not None else None
        self.subjects: dict[str, bytes] = {}
        header_value(subject or "", "subject")

    @property
    def fast(self) -> bool:
        return self.from_line is not None

    def header(self, name: str, value: str) -> bytes:
        if value.isascii() and len(name) + len(value) < 76:
            return f"{name}: {value}\r\n".encode("ascii")
        from email.header import Header

        return f"{name}: {Header(value, 'utf-8', header_name=name).encode(linesep=chr(13) + chr(10))}\r\n".encode("ascii")

    def address(self, name: str | None, email: str, field: str) -> bytes | None:
        """`Name <local@domain>` for a header, or None where only mail.to_eml gets it right."""
        header_value(name or "", f"{field} name")
        header_value(email, f"{field} email")
        local, _, domain = email.rpartition("@")
        if not email.isascii() or not self._ATOM.fullmatch(local) or not self._ATOM.fullmatch(domain):
            return None
        if not name:
            return email.encode("ascii")
        if name.isascii():
            if not self._SPECIALS.search(name):  # what formataddr() leaves as it is
                return f"{name} <{email}>".encode("ascii")
            from email.utils import formataddr

            return formataddr((name, email)).encode("ascii")
        raw = name.encode("utf-8")
        if len(raw) <= 45:  # one encoded word of at most 72 characters: no folding needed
            return b"=?utf-8?b?" + binascii.b2a_base64(raw, newline=False) + b"?= <" + email.encode("ascii") + b">"
        from email.header import Header

        encoded = Header(name, "utf-8", header_name="From" if field == "sender" else "To")
        return f"{encoded.encode(linesep=chr(13) + chr(10))} <{email}>".encode("ascii")

    def message(self, letter: Letter) -> bytes:
        client = letter.client
        to = b""
        if client is not None and client.email:
            address = self.address(client.name, client.email, "client")
            if address is None:
                return letter.eml(self.subject)
            to = b"To: " + address + b"\r\n"
        subject = self.subject if self.subject is not None else letter.subject
        encoded = self.subjects.get(subject)
        if encoded is None:
            encoded = self.subjects[subject] = self.header("Subject", header_value(subject, "subject"))
        text = binascii.b2a_qp(_text(letter).replace("\n", "\r\n").encode("utf-8"), istext=True)
        html = binascii.b2a_qp(letter.html.replace("\n", "\r\n").encode("utf-8"), istext=True)
        boundary = f"==============={os.urandom(8).hex()}==".encode("ascii")  # "==" never occurs in QP
        lang = header_value(letter.lang, "language")
        # The headers and parts of mail.build(), in its order (even the html part's MIME-Version).
        dated = f"Date: {_date_header()}\r\nX-Unsent: 1\r\nMIME-Version: 1.0\r\n"
        return b"".join((
            encoded, to, self.from_line or b"", dated.encode("ascii"),
            b"Content-Type: multipart/alternative;\r\n boundary=\"", boundary, b"\"\r\n",
            self.header("Content-Language", lang), b"\r\n--", boundary,
            b"\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
            text, b"\r\n--", boundary,
            b"\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            b"MIME-Version: 1.0\r\n\r\n",
            html, b"\r\n--", boundary, b"--\r\n",
        ))


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATED: tuple[int, str] = (-1, "")


def _date_header() -> str:
    """Now, as email.utils.formatdate(localtime=True) writes it (RFC 5322), once a
    second: importing email.utils alone would cost a run more than its letters do."""
    global _DATED
    now = int(time.time())
    if _DATED[0] != now:
        t = time.localtime(now)
        offset = (t.tm_gmtoff or 0) // 60
        sign = "-" if offset < 0 else "+"
        hours, minutes = divmod(abs(offset), 60)
        text = (f"{_DAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year:04d} "
                f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} {sign}{hours:02d}{minutes:02d}")
        _DATED = (now, text)
    return _DATED[1]


_EML: EmlWriter | None = None


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
        _EML = EmlWriter(letter.sender, settings.subject)
    return _EML.message(letter) if _EML.fast else letter.eml(settings.subject)


_TMP = re.compile(r"^\..+\.rk(\d+)\.tmp$")
_RENAME_NOREPLACE: Any = None  # None: not looked up yet; False: not available


def _rename_noreplace(src: str, dst: str) -> bool | None:
    """Linux renameat2(RENAME_NOREPLACE): move src to dst unless dst exists, in one
    step. True if moved, False if dst exists, None where the system cannot do it."""
    global _RENAME_NOREPLACE
    if _RENAME_NOREPLACE is None:
        _RENAME_NOREPLACE = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None, use_errno=True)
                fn = libc.renameat2
                fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
                _RENAME_NOREPLACE = (fn, ctypes)
            except (OSError, AttributeError):  # no libc, or a glibc before 2.28
                pass
    if not _RENAME_NOREPLACE:
        return None
    fn, ctypes = _RENAME_NOREPLACE
    if fn(-100, os.fsencode(src), -100, os.fsencode(dst), 1) == 0:  # AT_FDCWD, RENAME_NOREPLACE
        return True
    err = ctypes.get_errno()
    if err == errno.EEXIST:
        return False
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):  # the file system cannot
        _RENAME_NOREPLACE = False
        return None
    raise OSError(err, os.strerror(err), dst)


_LINKAT: Any = None  # None: not looked up yet; False: not available


def _write_unnamed(folder: str, target: str, data: bytes, lookup_only: bool = False) -> bool | None:
    """Linux: `data` into an unnamed file in `folder` (O_TMPFILE), then given its
    name by linkat(), which never replaces. True if written, False if `target`
    exists, None where the system cannot do it. Quicker than a temporary name and
    a rename, and a process killed halfway leaves nothing: an unnamed file goes
    with it."""
    global _LINKAT
    if _LINKAT is None:
        _LINKAT = False
        if sys.platform.startswith("linux") and hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd"):
            try:
                import ctypes

                fn = ctypes.CDLL(None, use_errno=True).linkat
                fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
                _LINKAT = (fn, ctypes)
            except (OSError, AttributeError):
                pass
    if not _LINKAT or lookup_only:
        return None
    fn, ctypes = _LINKAT
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # a file system without it
            _LINKAT = False
            return None
        raise OutputError(f"{folder}: cannot write letters there ({exc.strerror})") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        # AT_FDCWD, AT_SYMLINK_FOLLOW: /proc/self/fd/N names the open, unnamed file
        if fn(-100, f"/proc/self/fd/{fd}".encode(), -100, os.fsencode(target), 0x400) == 0:
            return True
        err = ctypes.get_errno()
    finally:
        os.close(fd)
    if err == errno.EEXIST:
        return False
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP, errno.ENOENT, errno.EXDEV):
        _LINKAT = False
        return None
    raise OSError(err, os.strerror(err), target)


def write_new(folder: str, name: str, data: bytes, force: bool) -> bool:
    """Write DIR/name in one step (an unnamed file given its name, or a hidden
    temporary file and a rename that never replaces, or a link); False if the
    file exists and `force` is not set.

    No fsync per letter (it would double the time of a run): a letter appears
    whole or not at all if the run is interrupted or killed, and run() flushes
    the letters to disk at the end.
    """
    target = os.path.join(folder, name)
    if not force:
        try:
            done = _write_unnamed(folder, target, data)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write it ({exc.strerror})") from None
        if done is not None:
            return done
    tmp = os.path.join(folder, f".{name}.rk{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write letters there ({exc.strerror})") from None
    moved = False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, target)
            moved = True
            return True
        done = _rename_noreplace(tmp, target)
        if done is not None:
            moved = done
            return done
        try:
            os.link(tmp, target)  # fails if the file exists, even one made a moment ago
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if os.path.lexists(target):
                return False
            os.replace(tmp, target)
            moved = True
        return True
    except OSError as exc:
        raise OutputError(f"{target}: cannot write it ({exc.strerror})") from None
    finally:
        if not moved:  # also on Ctrl-C or SIGTERM halfway: no temporary file stays behind
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass


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
    if not write_new(settings.out_dir, job.file, data, settings.force or job.replace):
        return "", f"{job.file} already exists: use --resume to skip it or --force to overwrite it"
    return None


# --- the run --------------------------------------------------------------------------------------

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
        from . import reasons

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
        source = f"row {item.row} (line {item.line})"
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
            return _field_of(message), message, shown
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


def _clean_stale_temps(out_dir: str) -> None:
    """Remove temporary files of runs that were killed (their process is gone)."""
    with os.scandir(out_dir) as entries:
        for entry in entries:
            m = _TMP.match(entry.name)
            if m is None:
                continue
            try:
                os.kill(int(m.group(1)), 0)
            except ProcessLookupError:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
            except (PermissionError, OverflowError):
                pass


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
        from . import reasons

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
    _clean_stale_temps(out_dir)
    on_start(max(lines - (0 if jsonl else 1), 0), note)

    formats.BY_BLOCKS = True  # the letters of a batch share most of their paragraphs: convert each once
    planner = _Planner(engine, options, pattern, out_dir, strings=not jsonl)
    settings = Settings(out_dir, options.fmt, options.explain, options.subject, options.force)
    _ENGINE, _SETTINGS, _EML, _SHAPES = engine, settings, None, None
    errors = _ErrorLog(out_dir, delimiter)
    jobs = options.jobs or (min(_cpus(), 8) if lines > _PARALLEL_FROM else 1)
    if not (pattern.unique and _can_fork()):
        jobs = 1  # a pattern without {row} is checked for clashes across all rows, in one process
    merge = _Merge(jobs, errors, on_failure, on_progress)

    def reopen() -> Iterator[Row]:
        return read_jsonl(clients, label, encoding) if jsonl else read_csv(clients, label, encoding, delimiter)

    stop = _Stop()
    interrupted = False
    try:
        with stop:
            try:
                if jobs > 1:
                    # Once, for all processes: the converters, the reader of reason.toml, the file writer.
                    formats.prepare(options.fmt)
                    import tomllib  # noqa: F401

                    _write_unnamed(out_dir, "", b"", lookup_only=True)
                    _run_forked(_chain(first, rows), reopen, planner, jobs, merge, stop)
                else:
                    _work_through(_chain(first, rows), planner, _Part(0, 1), merge.reporter(0), stop)
            except KeyboardInterrupt:  # a second Ctrl-C, or no signal handler of ours (not the main thread)
                interrupted = True
        interrupted = interrupted or stop.requested
    finally:
        _EML = _SHAPES = None
        formats.BY_BLOCKS = False
        # Even when a run stops on an error (a full disk), the rows reported so far stay reported.
        merge.finish()
        errors_file = errors.close()
    if hasattr(os, "sync"):
        os.sync()  # the letters reach the disk once, at the end, rather than one fsync each
    return Summary(merge.written, merge.failed, merge.skipped, time.perf_counter() - started, interrupted,
                   errors_file)


class _Stop:
    """Ctrl-C or SIGTERM ask the run to stop: the letters in hand are finished (so
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

    def request(self, signum: int = 0, frame: Any = None) -> None:
        """Asked by the main process (SIGUSR1): finish the letter in hand, then stop."""
        self.requested = True


def _chain(first: Row | None, rows: Iterator[Row]) -> Iterator[Row]:
    if first is not None:
        yield first
        yield from rows


# --- which process drafts which row -----------------------------------------------------------------

# Record fields whose value (not just whether they are there) can change a letter's shape.
_SHAPE_VALUES = frozenset({"reason", "lang", "language", "relationship", "formal", "salutation", "title",
                           "amount_due", "currency", "end_date"})
_RUN_OF_A_SHAPE = 64  # rows of one shape that go to the same process before the next one takes over


class _Part:
    """Process `index` of `count` takes a row if it is its turn for the row's likely shape.

    Every process reads every row and decides alike, without talking to the
    others: the shapes are dealt out in the order they first appear, so each
    process drafts about as many as the others (Shapes: the first letter of a
    shape is the costly one), and a shape's rows go to the same process in runs
    of 64, so that a file where all rows have one shape is still shared out.
    """

    def __init__(self, index: int, count: int) -> None:
        self.index, self.count = index, count
        self.shapes: dict[str, list[int]] = {}  # likely shape -> [order of appearance, rows so far]

    def mine(self, item: Row) -> bool:
        if self.count == 1:
            return True
        data = item.data
        if item.problem is not None or not data:
            return item.row % self.count == self.index
        key = "\x1f".join(f"{k}\x1e{v!r}" if k in _SHAPE_VALUES else k for k, v in data.items())
        seen = self.shapes.get(key)
        if seen is None:
            if len(self.shapes) >= 4096:  # every process forgets at the same row: they stay in step
                self.shapes.clear()
            seen = self.shapes[key] = [len(self.shapes), 0]
        else:
            seen[1] += 1
        return (seen[0] + seen[1] // _RUN_OF_A_SHAPE) % self.count == self.index


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


Report = Callable[[int, int, int, list[Failure]], None]


def _work_through(rows: Iterator[Row], planner: _Planner, part: _Part, report: Report, stop: _Stop) -> None:
    """This process's rows: report(line, written, skipped, failures) every few rows, and at the end."""
    written = skipped = seen = line = 0
    failures: list[Failure] = []
    try:
        for item in rows:
            if stop.requested:
                break
            if part.mine(item):
                outcome = _outcome(item, planner)
                if outcome is True:
                    written += 1
                elif outcome is None:
                    skipped += 1
                else:
                    failures.append(outcome)
            line = item.line
            seen += 1
            if seen == _CHUNK:
                report(line, written, skipped, failures)
                written = skipped = seen = 0
                failures = []
    finally:  # also on an error: what was done is reported
        report(line, written, skipped, failures)


class _Merge:
    """The outcomes of all processes: counted, and failures reported in row order.

    Each process reports how far down the file it is; a failure is passed on
    once every process is past its line, so stderr and errors.csv list rows in
    order however the work was split. Only failures wait: memory stays small.
    """

    def __init__(self, parts: int, errors: _ErrorLog, on_failure: Callable[[Failure], None],
                 on_progress: Callable[[int], None]) -> None:
        self.lines = [0] * parts
        self.errors, self.on_failure, self.on_progress = errors, on_failure, on_progress
        self.waiting: list[Failure] = []  # a heap, by row
        self.written = self.failed = self.skipped = 0
        self.shown = self.last = 0

    def reporter(self, part: int) -> Report:
        return lambda line, written, skipped, failures: self.report(part, line, written, skipped, failures)

    def report(self, part: int, line: int, written: int, skipped: int, failures: list[Failure]) -> None:
        self.written += written
        self.skipped += skipped
        for failure in failures:
            heapq.heappush(self.waiting, failure)
        self.lines[part] = max(self.lines[part], line)
        self.last = max(self.last, line)
        self._flush(min(self.lines))

    def done(self, part: int) -> None:
        self.lines[part] = sys.maxsize
        self._flush(min(self.lines))

    def finish(self) -> None:
        self._flush(sys.maxsize)

    def _flush(self, settled: int) -> None:
        while self.waiting and self.waiting[0].line <= settled:
            failure = heapq.heappop(self.waiting)
            self.failed += 1
            self.errors.add(failure)
            self.on_failure(failure)
        settled = min(settled, self.last)
        if settled > self.shown:
            self.on_progress(settled - self.shown)  # once per few rows: drawing the bar costs more than a row
            self.shown = settled


# --- more processes -----------------------------------------------------------------------------------

def _can_fork() -> bool:
    """Worker processes are forked (the engine and its caches come along for free), on
    Linux only (macOS and Windows start them fresh) and from a single-threaded process."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 \
        and threading.current_thread() is threading.main_thread()


def _send(fd: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message)
    data = len(data).to_bytes(4, "big") + data
    while data:
        data = data[os.write(fd, data):]


def _child(part: _Part, reopen: Callable[[], Iterator[Row]], planner: _Planner, fd: int, stop: _Stop) -> None:
    """A forked worker: its share of the rows, reported through `fd`; never returns."""
    code = 0
    try:
        def report(line: int, written: int, skipped: int, failures: list[Failure]) -> None:
            _send(fd, ("r", line, written, skipped, [tuple(f) for f in failures]))

        _work_through(reopen(), planner, part, report, stop)
        _send(fd, ("d",))
    except BrokenPipeError:  # the main process is gone (killed): stop here
        code = 1
    except BaseException as exc:  # noqa: BLE001 -- reported to the main process, which decides
        code = 1
        kind = type(exc).__name__ if isinstance(exc, (RefusalkitError, KeyboardInterrupt)) else ""
        with contextlib.suppress(OSError):  # the main process may be gone
            _send(fd, ("x", kind, str(exc) if kind else f"{type(exc).__name__}: {exc}"))
    finally:
        os._exit(code)  # never back into the caller's code (click, or a test runner)


class _Worker:
    def __init__(self, pid: int, fd: int, part: int) -> None:
        self.pid, self.fd, self.part = pid, fd, part
        self.buffer = b""
        self.open = True
        self.finished = False
        self.error: tuple[str, str] | None = None


def _run_forked(rows: Iterator[Row], reopen: Callable[[], Iterator[Row]], planner: _Planner, jobs: int,
                merge: _Merge, stop: _Stop) -> None:
    """The rows shared out among this process and `jobs - 1` forked ones (see _Part),
    each reading the file itself; their reports merged here in row order. On a
    stop request every process finishes the letter in hand."""
    import select

    sys.stdout.flush()
    sys.stderr.flush()
    workers: dict[int, _Worker] = {}
    saved = signal.signal(signal.SIGUSR1, stop.request)  # the workers inherit it: how they are told to stop
    forwarded = False

    def tell_to_stop() -> None:
        nonlocal forwarded
        if not forwarded:
            forwarded = True
            for worker in workers.values():
                _signal(worker.pid, signal.SIGUSR1)

    def drain(timeout: float) -> None:
        if stop.requested:
            tell_to_stop()
        ready, _, _ = select.select([w.fd for w in workers.values() if w.open], [], [], timeout)
        for fd in ready:
            worker = workers[fd]
            chunk = os.read(fd, 65536)
            if not chunk:
                worker.open = False
                merge.done(worker.part)
                continue
            worker.buffer += chunk
            while len(worker.buffer) >= 4:
                size = int.from_bytes(worker.buffer[:4], "big")
                if len(worker.buffer) < 4 + size:
                    break
                message = pickle.loads(worker.buffer[4:4 + size])
                worker.buffer = worker.buffer[4 + size:]
                if message[0] == "r":
                    merge.report(worker.part, message[1], message[2], message[3],
                                 [Failure(*f) for f in message[4]])
                elif message[0] == "d":
                    worker.finished = True
                else:
                    worker.error = (message[1], message[2])
                    stop.requested = True

    try:
        for index in range(1, jobs):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                for worker in workers.values():
                    os.close(worker.fd)
                _child(_Part(index, jobs), reopen, planner, write_fd, stop)
            os.close(write_fd)
            workers[read_fd] = _Worker(pid, read_fd, index)

        def report(line: int, written: int, skipped: int, failures: list[Failure]) -> None:
            merge.report(0, line, written, skipped, failures)
            drain(0)  # the workers' reports, so that none of them waits on a full pipe

        _work_through(rows, planner, _Part(0, jobs), report, stop)
        merge.done(0)
        while any(w.open for w in workers.values()):
            drain(0.1)
    except BaseException:
        for worker in workers.values():
            _signal(worker.pid, signal.SIGTERM)  # they finish or drop the letter in hand
        raise
    finally:
        for worker in workers.values():
            os.close(worker.fd)  # a worker still writing gets a broken pipe and stops
            os.waitpid(worker.pid, 0)
        signal.signal(signal.SIGUSR1, saved)
    for worker in workers.values():
        if worker.error is not None:
            kind, message = worker.error
            if kind == "KeyboardInterrupt":
                raise KeyboardInterrupt
            if kind:
                raise getattr(errors_module, kind, RefusalkitError)(message)
            raise RuntimeError(f"in a worker process: {message}")
        if not worker.finished and not stop.requested:
            raise RefusalkitError("a worker process stopped before it finished (killed?): the letters written "
                                  "are whole; run the same command with --resume to write the rest")


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


# --- the command ----------------------------------------------------------------------------------

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    from .cli import _engine

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
        message = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], f.message)
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
