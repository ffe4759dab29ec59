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


# Column names as people and their tools write them, each for a record field. Matched
# after column_key(): case, spaces, hyphens, dots, "_" and ":" do not count ("E-Mail-Adresse",
# "e-mail adresse" and "EMAILADRESSE" are one). The language says how the file writes
# its numbers (a German header: "1.234" is 1234). The README lists them all.
SYNONYMS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("name", None, ("name", "full name", "display name")),
    ("name", "de", ("vollständiger name", "kontakt", "ansprechpartner", "ansprechpartnerin")),
    ("name", "tr", ("ad soyad", "adı soyadı", "isim soyisim", "müşteri adı")),
    ("first_name", None, ("first_name", "first name", "given name", "firstname")),
    ("first_name", "de", ("vorname",)),
    ("first_name", "tr", ("ad", "adı", "isim")),
    ("middle_name", None, ("middle name", "additional name")),
    ("middle_name", "de", ("weitere vornamen", "zweiter vorname")),
    ("surname", None, ("surname", "last name", "family name", "lastname")),
    ("surname", "de", ("nachname", "familienname")),
    ("surname", "tr", ("soyad", "soyadı", "soyisim")),
    ("email", None, ("email", "e-mail", "mail", "email address", "e-mail address", "e-mail 1 - value",
                     "primary email")),
    ("email", "de", ("e-mail-adresse", "emailadresse", "e-mail adresse")),
    ("email", "tr", ("e-posta", "eposta", "e-posta adresi")),
    ("email_2", None, ("e-mail 2 address", "e-mail 2 - value")),
    ("email_2", "de", ("e-mail 2: adresse",)),
    ("company", None, ("company", "organization", "organisation", "organization name",
                       "organization 1 - name", "company name")),
    ("company", "de", ("firma", "unternehmen", "firmenname")),
    ("company", "tr", ("şirket", "sirket", "firma adı", "kurum")),
    ("title", None, ("title", "name prefix", "academic title")),
    ("title", "de", ("titel", "akademischer grad")),
    ("title", "tr", ("unvan", "ünvan")),
    ("job_title", None, ("job title", "organization title", "organization 1 - title", "position")),
    ("job_title", "de", ("funktion", "berufsbezeichnung")),
    ("job_title", "tr", ("görev", "pozisyon")),
    ("salutation", None, ("salutation",)),
    ("salutation", "de", ("anrede",)),
    ("salutation", "tr", ("hitap",)),
    ("language", None, ("language",)),
    ("language", "de", ("sprache", "briefsprache")),
    ("language", "tr", ("dil",)),
    ("lang", None, ("lang",)),
    ("reason", None, ("reason",)),
    ("reason", "de", ("grund", "absagegrund")),
    ("reason", "tr", ("neden", "sebep")),
    ("relationship", None, ("relationship",)),
    ("relationship", "de", ("beziehung", "kundenstatus")),
    ("relationship", "tr", ("ilişki",)),
    ("formal", None, ("formal",)),
    ("formal", "de", ("förmlich", "foermlich", "siezen")),
    ("formal", "tr", ("resmi", "resmî")),
    ("request", None, ("request",)),
    ("request", "de", ("anfrage", "anliegen")),
    ("request", "tr", ("talep", "istek")),
    ("amount_due", None, ("amount_due", "amount due", "amount")),
    ("amount_due", "de", ("betrag", "offener betrag")),
    ("amount_due", "tr", ("tutar", "borç")),
    ("currency", None, ("currency",)),
    ("currency", "de", ("währung", "waehrung")),
    ("currency", "tr", ("para birimi", "döviz")),
    ("end_date", None, ("end_date", "end date")),
    ("end_date", "de", ("enddatum", "vertragsende", "ende")),
    ("end_date", "tr", ("bitiş tarihi",)),
    ("pay_by", None, ("pay_by", "pay by", "due date")),
    ("pay_by", "de", ("zahlbar bis", "fällig am")),
    ("pay_by", "tr", ("son ödeme tarihi",)),
    ("notice", None, ("notice",)),
    ("notice", "de", ("fristgerecht",)),
    ("notice", "tr", ("süresinde",)),
    ("notice_period", None, ("notice_period", "notice period")),
    ("notice_period", "de", ("kündigungsfrist", "kuendigungsfrist")),
    ("notice_period", "tr", ("bildirim süresi", "ihbar süresi")),
    ("access", None, ("access", "access data", "logins")),
    ("access", "de", ("zugangsdaten", "zugang")),
    ("access", "tr", ("erişim bilgileri", "erişim")),
    ("contract", None, ("contract", "contract type")),
    ("contract", "de", ("vertragsart", "vertrag")),
    ("contract", "tr", ("sözleşme türü", "sözleşme")),
    ("referrals", None, ("referrals",)),
    ("resources", None, ("resources",)),
)
# Columns of the mapping that are no record field: combined into one, or passed on as an extra.
HELPER_COLUMNS = ("middle_name", "email_2", "job_title")


def column_key(name: str) -> str:
    """A column name as it is compared: letters and digits only, case folded the
    Turkish way too.

    >>> column_key("E-Mail-Adresse"), column_key("E-mail 1 - Value"), column_key("SOYADI")
    ('emailadresse', 'email1value', 'soyadi')
    """
    folded = name.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold()
    return "".join(ch for ch in folded if ch.isalnum())


_COLUMNS: dict[str, tuple[str, str | None]] | None = None


def known_columns() -> dict[str, tuple[str, str | None]]:
    """column_key -> (field, language or None), built on first use."""
    global _COLUMNS
    if _COLUMNS is None:
        _COLUMNS = {column_key(n): (field, lang) for field, lang, names in SYNONYMS for n in names}
    return _COLUMNS


def parse_map(values: tuple[str, ...] | list[str] | str | None) -> dict[str, str]:
    """--map 'Kundenname=name,Mail=email' (repeatable) as {column_key: field}.

    >>> parse_map("Kundenname=name, Mail = email")
    {'kundenname': 'name', 'mail': 'email'}
    """
    from .records import KNOWN_FIELDS

    if isinstance(values, str):
        values = [values]
    fields = sorted(KNOWN_FIELDS | {*OVERRIDES, *HELPER_COLUMNS})
    out: dict[str, str] = {}
    for value in values or ():
        for pair in value.split(","):
            if not pair.strip():
                continue
            column, sep, field = pair.partition("=")
            column, field = column.strip(), field.strip().lower()
            if not sep or not column or not field:
                raise UsageError(f"--map {pair.strip()!r}: write COLUMN=FIELD, e.g. --map 'Kundenname=name'")
            if field not in fields:
                raise UsageError(f"--map {pair.strip()!r}: {field!r} is not a field: the fields are {', '.join(fields)}")
            out[column_key(column)] = field
    return out


class Header(NamedTuple):
    fields: list[str]  # per column: the field it fills, or its own name (an extra for the templates)
    unknown: list[str]  # columns neither known nor mapped, as the file names them
    locale: str | None  # the language its known column names are in (how it writes numbers), if one
    names: tuple[str, ...] = ()  # the columns as the file names them


def read_header(cells: list[str], label: str, line: int, mapping: dict[str, str] | None = None) -> Header:
    """What each column of a header row fills; a clear error if none gives a name."""
    known = known_columns()
    mapping = mapping or {}
    names, fields, unknown, langs = [], [], [], set()
    for cell in cells:
        names.append(cell.strip().lstrip("\ufeff").strip())
    while names and not names[-1]:
        names.pop()  # Excel's trailing ";;;": checked row by row (they must stay empty)
    if "" in names:
        raise RecordError(f"{label}, line {line}: column {names.index('') + 1} of the header has no name")
    keys = [column_key(name) for name in names]
    for column in mapping:
        if column not in keys:
            raise UsageError(f"--map: {label} has no column {column!r} "
                             f"(it has {', '.join(map(repr, names))})")
    for name, key in zip(names, keys):
        if key in mapping:
            fields.append(mapping[key])
        elif key in known:
            field, lang = known[key]
            fields.append(field)
            if lang:
                langs.add(lang)
        else:
            fields.append(name)
            unknown.append(name)
    # a field chosen with --map: a column that would give it by its name only is an extra then
    chosen = set(mapping.values())
    for at, (name, key) in enumerate(zip(names, keys)):
        if key not in mapping and fields[at] in chosen:
            fields[at] = name
    # "Name;Vorname" (a German habit): there "Name" is the surname
    if "first_name" in fields and "surname" not in fields and "name" in fields:
        at = fields.index("name")
        if keys[at] == "name" and keys[at] not in mapping:
            fields[at] = "surname"
    seen: dict[str, str] = {}
    for name, field in zip(names, fields):
        if field in seen:
            if column_key(seen[field]) == column_key(name):  # "name" and "Name" are one column name
                raise RecordError(f"{label}, line {line}: column {seen[field]!r} appears twice in the header")
            raise RecordError(f"{label}, line {line}: columns {seen[field]!r} and {name!r} both give "
                              f"{field!r}: rename one, or choose with --map '{name}={field}'")
        seen[field] = name
    if "lang" in seen and "language" in seen:
        raise RecordError(f"{label}, line {line}: the header has both 'lang' and 'language': keep one")
    if not {"name", "first_name", "surname"} & set(seen):
        raise RecordError(f"{label}, line {line}: the header has no name column "
                          f"(it has {', '.join(map(repr, names)) or 'nothing'}): name one 'name' (or 'Vorname' "
                          "and 'Nachname', 'First Name' and 'Last Name'), or pass --map 'COLUMN=name'")
    return Header(fields, unknown, langs.pop() if len(langs) == 1 else None, tuple(names))


# The currency column a file in each language would have, for the hint when it has none.
_CURRENCY_COLUMN = {"de": "Währung", "tr": "Para Birimi"}


def no_currency(header: Header, label: str, default: str | None) -> None:
    """Stop a file with an amount column but no currency column, when there is no default
    currency: one error before any row, never "currency required" on every row. The
    currency is never guessed from the locale."""
    if default or "amount_due" not in header.fields or "currency" in header.fields:
        return
    column = header.names[header.fields.index("amount_due")] if header.names else "amount_due"
    add = _CURRENCY_COLUMN.get(header.locale or "", "currency")
    raise RecordError(f"{label}: column {column!r} holds amounts, but no column gives their currency: "
                      f"add a column {add!r} (EUR, USD, TRY, ...), pass --currency EUR, or set your "
                      "default once with `refusalkit setup --currency EUR`", file=label, field="currency",
                      detail="amounts without a currency")


def combine(data: dict[str, Any]) -> dict[str, Any]:
    """A row's helper columns folded into the record: the name from its parts, the
    first of several addresses ("a@x ::: b@y", as Google Contacts writes them).

    >>> combine({"first_name": "Anna", "middle_name": "Lena", "surname": "Müller"})["name"]
    'Anna Lena Müller'
    >>> combine({"name": "Kim", "email": "kim@a.example ::: k@b.example", "email_2": "x@c.example"})
    {'name': 'Kim', 'email': 'kim@a.example'}
    """
    middle = data.pop("middle_name", None)
    second = data.pop("email_2", None)
    email = data.get("email")
    if isinstance(email, str) and ":::" in email:
        data["email"] = email.split(":::")[0].strip()
    elif not email and isinstance(second, str) and second.strip():
        data["email"] = second.split(":::")[0].strip()
    if not data.get("name"):
        parts = [data.get(k) for k in ("first_name",)] + [middle, data.get("surname")]
        text = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        if text:
            data["name"] = text
    return data


def csv_delimiter(path: str, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as fh:
        for line in fh:
            if line.strip():
                return sniff_delimiter(line)
    return ","


def read_csv(path: str, label: str, encoding: str, delimiter: str, mapping: dict[str, str] | None = None,
             on_header: Any = None) -> Iterator[Row]:
    """The rows of a CSV file whose first non-blank row names the fields.

    Empty cells are left out of the record (never "None" in a letter); a row
    of empty cells is skipped; a row with too few or too many fields is a bad
    row. Excel's trailing empty columns (";;;") are allowed while they stay empty.
    """
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header: list[str] | None = None
        helpers = False
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
                read = read_header(cells, label, start, mapping)
                if on_header is not None:
                    on_header(read)
                header = read.fields
                width, raw_width = len(header), len(cells)
                converted = [name for name in header if name in ("end_date", "pay_by")]
                helpers = any(name in header for name in (*HELPER_COLUMNS, "first_name", "surname"))
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
            if helpers:
                data = combine(data)
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
