"""Contacts as people have them: vCard files (.vcf) as Outlook, Google, Apple and
Thunderbird export them (vCard 2.1, 3.0 and 4.0), read with vobject.

From each card: the name (FN, else N's parts), the given and family name (N), a
title in N's prefix ("Dr.", "Herr"), the first preferred EMAIL (else the first),
the company (ORG's first part), the job title (TITLE, as `job_title` for
templates) and the language (LANG) where the card gives one. Nothing else (no
phone, address or note) leaves the file. vobject is imported only when a card is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .clientfile import Row
from .errors import RecordError, UsageError

_BEGIN = re.compile(r"BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"END\s*:\s*VCARD\s*$", re.IGNORECASE)


def split_cards(text: str) -> Iterator[tuple[int, str | None, str]]:
    """(line where it starts, the card's text or None if it has no END, a problem) per card.

    vCard 2.1's quoted-printable soft line breaks ("=" at a line's end, the value going
    on in the next line without a leading space) are joined here: vobject reads only
    the folding of 3.0 and 4.0.
    """
    lines = text.splitlines()
    start, card, qp = 0, None, False
    for number, line in enumerate(lines, 1):
        if card is None:
            if _BEGIN.match(line.strip()):
                start, card, qp = number, [line.strip()], False
            elif line.strip():
                yield number, None, f"text outside a card ({line.strip()[:40]!r}): a card starts with BEGIN:VCARD"
            continue
        if qp:
            card[-1] = card[-1][:-1] + line  # a soft line break inside a quoted-printable value
        elif line[:1] in (" ", "\t") and card:
            card.append(line)
        else:
            if _BEGIN.match(line.strip()):  # a card without its END, and the next one begins
                yield start, None, "the card has no END:VCARD"
                start, card, qp = number, [line.strip()], False
                continue
            card.append(line)
        head = card[-1].split(":", 1)[0].upper()
        qp = "QUOTED-PRINTABLE" in head and card[-1].endswith("=")
        if _END.match(line.strip()):
            yield start, "\r\n".join(card) + "\r\n", ""
            card = None
    if card is not None:
        yield start, None, "the card has no END:VCARD"


def _value(line: Any) -> str:
    value = line.value
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return value.strip() if isinstance(value, str) else ""


def _preferred(lines: list[Any]) -> Any:
    """The line marked preferred (TYPE=pref in 3.0, PREF=1 in 4.0, a bare PREF in 2.1), else the first."""
    for line in lines:
        params = {k.upper(): [str(v).upper() for v in vs] for k, vs in line.params.items()}
        singles = [str(s).upper() for s in getattr(line, "singletonparams", [])]
        if "PREF" in params.get("TYPE", []) or "PREF" in params or "PREF" in singles:
            return line
    return lines[0] if lines else None


def card_record(card: Any) -> dict[str, Any]:
    """A record mapping from a parsed vCard (a vobject component)."""
    contents = card.contents
    data: dict[str, Any] = {}
    name = _value(contents["fn"][0]) if "fn" in contents else ""
    n = contents["n"][0].value if "n" in contents else None
    if n is not None and not isinstance(n, str):
        given = " ".join(x for x in (n.given if isinstance(n.given, list) else [n.given]) if x).strip()
        family = " ".join(x for x in (n.family if isinstance(n.family, list) else [n.family]) if x).strip()
        middle = " ".join(x for x in (n.additional if isinstance(n.additional, list) else [n.additional]) if x).strip()
        prefix = " ".join(x for x in (n.prefix if isinstance(n.prefix, list) else [n.prefix]) if x).strip()
        if given:
            data["first_name"] = given
        if family:
            data["surname"] = family
        if prefix:
            data["title"] = prefix  # "Dr.", "Herr", "Mrs.": records.py puts each part where it belongs
        if not name:
            name = " ".join(p for p in (given, middle, family) if p)
    if name:
        data["name"] = name
    email = _preferred(contents.get("email", []))
    if email is not None and _value(email):
        data["email"] = re.sub(r"^mailto:", "", _value(email), flags=re.IGNORECASE)
    if "org" in contents and _value(contents["org"][0]):
        data["company"] = _value(contents["org"][0])
    if "title" in contents and _value(contents["title"][0]):
        data["job_title"] = _value(contents["title"][0])
    lang = _preferred(contents.get("lang", []))
    if lang is not None and _value(lang):
        data["language"] = re.split(r"[-_]", _value(lang))[0].lower()
    return data


def _parse(text: str) -> Any:
    import vobject  # only when a card is read: draft's cold start does not pay for it

    card = vobject.readOne(text, ignoreUnreadable=False)
    if card.name.upper() != "VCARD":
        raise ValueError("not a vCard")
    return card


def _problem(exc: Exception) -> str:
    message = re.sub(r"^At line \d+: ", "", " ".join(str(exc).split())) or type(exc).__name__
    return f"cannot read the card: {message[:200]}"


def read_vcards(path: str, label: str, encoding: str) -> Iterator[Row]:
    """One Row per card of a .vcf file; a card that cannot be read is a bad row."""
    try:
        with open(path, encoding=encoding, newline="") as fh:
            text = fh.read()
    except OSError as exc:
        raise UsageError(f"{label}: cannot read it ({exc.strerror})") from None
    row = 0
    for start, card, problem in split_cards(text):
        row += 1
        if card is None:
            yield Row(row, start, None, ("", problem))
            continue
        try:
            data = card_record(_parse(card))
        except Exception as exc:  # noqa: BLE001 -- vobject raises many kinds; each is this card's problem
            yield Row(row, start, None, ("", _problem(exc)))
            continue
        yield Row(row, start, data)
    if row == 0:
        raise RecordError(f"{label}: no vCard in it: a card starts with BEGIN:VCARD")


def read_vcard_file(path: str, text: str) -> dict[str, Any]:
    """The one card of a --client .vcf file as a record mapping."""
    cards = list(split_cards(text))
    if not cards:
        raise RecordError(f"{path}: no vCard in it: a card starts with BEGIN:VCARD")
    if len(cards) > 1:
        raise RecordError(f"{path}: holds {len(cards)} cards: draft writes one letter; "
                          f"`refusalkit batch {path}` writes one per card")
    start, card, problem = cards[0]
    if card is None:
        raise RecordError(f"{path}, card 1 (line {start}): {problem}")
    try:
        return card_record(_parse(card))
    except Exception as exc:  # noqa: BLE001
        raise RecordError(f"{path}, card 1 (line {start}): {_problem(exc)}") from None


def count_cards(path: str, encoding: str) -> int:
    with open(path, encoding=encoding, newline="") as fh:
        return sum(1 for line in fh if _BEGIN.match(line.strip()))
