"""Reading the client file of a batch: CSV as people really have it, or JSON Lines.

CSV: the delimiter sniffed from the header (`,` `;` tab), UTF-8 with or without
a BOM, UTF-16, or Excel's cp1252 / cp1254, detected or chosen; German numbers
and dates in the money and date columns. A row with too few or too many
fields, or an unreadable one, is a bad row (Row.problem), never a letter with
a gap; a file that cannot be read at all is an error naming the line.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from .errors import RecordError, UsageError

OVERRIDES = ("reason", "lang")  # columns that are not record fields, though a row may have them


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
    if field in ("end_date", "pay_by") and (m := _DOTTED_DATE.fullmatch(value)):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return value


def _header(cells: list[str], label: str, line: int) -> list[str]:
    from .records import KNOWN_FIELDS

    names = []
    for cell in cells:
        name = cell.strip().lstrip("\ufeff")
        if name.lower() in KNOWN_FIELDS or name.lower() in (*OVERRIDES, "language"):
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
        converted: list[str] = []  # the header's fields whose cells are numbers or dates
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
            if not "".join(cells).strip():
                continue  # a blank line, or a row of empty cells
            if header is None:
                header = _header(cells, label, start)
                width, raw_width = len(header), len(cells)
                converted = [name for name in header if name in ("amount_due", "end_date", "pay_by")]
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
            data = {name: cell for name, cell in zip(header, cells) if cell.strip()}
            for name in converted:
                if name in data:
                    data[name] = _csv_value(name, data[name].strip())
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
