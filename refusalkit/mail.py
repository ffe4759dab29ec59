"""Into the email client: an .eml draft and a mailto: link.

One builder, `Mail`, writes every .eml: draft's `-f eml` and `-o x.eml`, the
preview page's download and batch all call `Letter.eml()`, which uses the
Engine's `Mail`. It writes the headers and the quoted-printable parts as bytes
(the standard library's EmailMessage costs ~3 ms a letter, most of it parsing
headers), with these rules for every header that carries data (Subject, To,
From, Content-Language):

- the value holds no line break, control character, lone surrogate or bidi
  control (`header_value`), and an email address is exactly one address
  (`records.email_address`); else a one-line RecordError names the field;
- text goes into a header as it is only where every reader takes it back
  exactly (ASCII words); anything else, and any text with "=?" in it (which a
  reader would decode as an RFC 2047 encoded word: `=?utf-8?q?Kim=0D=0ABcc...?=`),
  is written as encoded words of its own, so it reads back as the literal text;
- a long header is folded only between words, never inside one: the standard
  library's parser reads the fold between two encoded words of a name as a
  space ("Großherzogtu m") where RFC 2047 says none, so a name's encoded word is
  never split;
- the guard: every such header is parsed back with `email.policy.default` and
  must give exactly the one header and the text, or the one address, that was
  meant. Verdicts are remembered by the header's shape (`_shape`), so letters
  whose headers differ only in letters and digits are parsed once.
"""

from __future__ import annotations

import binascii
import os
import re
import time
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .errors import RecordError
from .formats import flow_line, to_flowed
from .memo import LETTERS, Memo
from .records import BIDI_CONTROLS, LINE_BREAKS, email_address

if TYPE_CHECKING:
    from .api import Letter
    from .records import Client
    from .render import Slots

_CRLF = "\r\n"
_LINE = 78  # RFC 5322: a line SHOULD be at most 78 characters ...
_HARD_LINE = 998  # ... and MUST be at most 998


def header_value(value: str, field: str) -> str:
    """`value`, if it can go into an email header; else an error naming `field`.

    >>> header_value("Ayşe Yılmaz", "name")
    'Ayşe Yılmaz'
    >>> header_value("Hi\\n", "subject")
    Traceback (most recent call last):
    ...
    refusalkit.errors.RecordError: field 'subject' contains a line break (U+000A), which cannot go into an email header
    """
    if value.isprintable():  # no line break, control, surrogate or bidi control (all non-printable)
        return value
    import unicodedata

    for ch in value:
        if ch in LINE_BREAKS:
            raise RecordError(f"field '{field}' contains a line break (U+{ord(ch):04X}), "
                              "which cannot go into an email header", field=field)
        if ch in BIDI_CONTROLS:
            raise RecordError(f"field '{field}' contains a bidirectional control character (U+{ord(ch):04X}), "
                              "which makes a mail client show the text in another order: remove it", field=field)
        category = unicodedata.category(ch)
        if category == "Cs":
            raise RecordError(f"field '{field}' contains an invalid character (a lone surrogate, "
                              f"U+{ord(ch):04X}): retype it", field=field)
        if category == "Cc" and ch != "\t":
            raise RecordError(f"field '{field}' contains a control character (U+{ord(ch):04X}), "
                              "which cannot go into an email header: remove it", field=field)
    return value


def ascii_address(email: str, field: str) -> str:
    """`email` as it goes into a header: checked, its domain in ASCII (IDNA).

    >>> ascii_address("jürgen@bücher.example", "email")
    Traceback (most recent call last):
    ...
    refusalkit.errors.RecordError: field 'email' must be one address such as name@example.com, with only ASCII letters before the @ (got 'jürgen@bücher.example')
    >>> ascii_address("kim@bücher.example", "email")
    'kim@xn--bcher-kva.example'
    """
    email_address(header_value(email, field), "", field)
    if email.isascii():
        return email
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


# --- writing header values ------------------------------------------------------------------------

# A word of a display name that goes as it is: RFC 5322 atext (no specials, no
# quotes), and no "=?" (see _plain_word).
_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_LONGEST_PLAIN_WORD = 64


def _plain_word(word: str) -> bool:
    return "=?" not in word and len(word) <= _LONGEST_PLAIN_WORD and _ATOM.fullmatch(word) is not None


def _b(text: str) -> str:
    """`text` as one RFC 2047 encoded word ("B": base64, whose alphabet holds nothing a
    header parser acts on)."""
    return "=?utf-8?b?" + binascii.b2a_base64(text.encode("utf-8"), newline=False).decode("ascii") + "?="


def _b_words(text: str, first: int, rest: int) -> list[str]:
    """`text` as encoded words of whole characters: the first of at most `first` bytes of
    UTF-8, the others of at most `rest`. For unstructured text (Subject) only: there
    adjacent encoded words join without the space between them, in RFC 2047 and in
    the standard library's parser alike."""
    words: list[str] = []
    start, size, room = 0, 0, first
    for i, ch in enumerate(text):
        n = 1 if ch < "\x80" else 2 if ch < "\u0800" else 3 if ch < "\U00010000" else 4
        if size + n > room and i > start:
            words.append(_b(text[start:i]))
            start, size, room = i, 0, rest
        size += n
    words.append(_b(text[start:]))
    return words


def _fold(name: str, tokens: list[str]) -> str:
    """`name: ` and the tokens, one space apart, a line break before a token where the
    line would grow past 78 characters (RFC 5322 folding: unfolding gives the space back)."""
    lines = [f"{name}:"]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > _LINE and len(lines[-1]) > len(name) + 1:
            lines.append("")
        lines[-1] += " " + token
    return (_CRLF.join(lines) + _CRLF) if tokens else f"{name}: {_CRLF}"


def unstructured(name: str, value: str) -> str:
    """The header `name: value` for unstructured text (Subject), folded.

    ASCII words one space apart go as they are; anything else as encoded words, so
    it reads back exactly: "=?...?=" too, and leading, trailing or repeated white space.

    >>> unstructured("Subject", "Your enquiry")
    'Subject: Your enquiry\\r\\n'
    >>> unstructured("Subject", "=?utf-8?q?Hi=0D=0ABcc:_x@y.z?=")
    'Subject: =?utf-8?b?PT91dGYtOD9xP0hpPTBEPTBBQmNjOl94QHkuej89?=\\r\\n'
    """
    if not value:
        return _fold(name, [])
    words = value.split(" ")
    if value.isascii() and value.isprintable() and "=?" not in value and all(words) \
            and max(map(len, words)) <= _LONGEST_PLAIN_WORD:
        return _fold(name, words)
    # Lines of at most 76 characters (RFC 2047) and encoded words of at most 75.
    first = (76 - len(name) - 2 - 12) // 4 * 3
    return _fold(name, _b_words(value, first, 45))


def mailbox(name: str | None, address: str) -> list[str]:
    """The tokens of `Name <address>` for To or From (folded by _fold between them).

    ASCII atoms go as they are, other ASCII as one quoted string; a run of words
    that are not atoms goes into ONE encoded word with the spaces inside it:
    the standard library reads the white space between two encoded words of a name
    as a space and RFC 2047 as none, so between two encoded words there is never a
    fold nor a space, and every fold is next to an atom or the address.

    >>> mailbox("Kim Mayer", "kim@example.com")
    ['Kim', 'Mayer', '<kim@example.com>']
    >>> mailbox('Eve "Boss" Smith', "e@example.com")
    ['"Eve \\\\"Boss\\\\" Smith"', '<e@example.com>']
    >>> mailbox("Mehmet Ali Öztürk Şahin", "m@example.com")
    ['Mehmet', 'Ali', '=?utf-8?b?w5Z6dMO8cmsgxZ5haGlu?=', '<m@example.com>']
    """
    if not name:
        return [address]
    words = name.split(" ")
    if not all(words):  # a space at either end: the whole name in one encoded word, which keeps it
        return [_b(name), f"<{address}>"]
    if name.isascii() and name.isprintable() and "=?" not in name and not all(map(_plain_word, words)):
        # specials such as , " ( . : as one quoted string, quotes and backslashes escaped
        return ['"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"', f"<{address}>"]
    tokens: list[str] = []
    run: list[str] = []
    for word in words:
        if _plain_word(word):
            if run:
                tokens.append(_b(" ".join(run)))
                run = []
            tokens.append(word)
        else:
            run.append(word)
    if run:
        tokens.append(_b(" ".join(run)))
    tokens.append(f"<{address}>")
    return tokens


# --- the guard ------------------------------------------------------------------------------------

_SPACE_RUN = re.compile(r" \s")
_EW = re.compile(r"=\?utf-8\?b\?[A-Za-z0-9+/]*={0,2}\?=")
_ALNUM = re.compile(r"[A-Za-z0-9]+")


def _shape(header: str) -> str:
    """`header` with each of our encoded words as one mark and each run of letters and
    digits as one "a", so that two headers of one shape parse alike:

    - the standard library's parser takes no decision on which letter or digit a run
      holds (they are atext, qtext and dtext alike);
    - an encoded word is decoded after the header is split into its parts, and its text
      is taken as it is, but for white space: in a display name, white space that starts
      with a space or tab reads as one space (" \u00a0" too), so Mail.address_header
      refuses a name with a tab or a space next to other white space (unstructured text
      such as a Subject keeps its white space exactly);
    - everything else (white space, line ends, specials, "=?", the charset and encoding
      of an encoded word) stays in the shape as it is.

    >>> _shape("To: Kim =?utf-8?b?w5Z6dMO8cms=?= <kim.mayer@example.com>")
    'a: a \\x00 <a.a@a.a>'
    """
    return _ALNUM.sub("a", _EW.sub("\x00", header))


def _parsed(header: str) -> list[tuple[str, Any]]:
    from email import message_from_bytes, policy

    msg = message_from_bytes(header.encode("ascii") + b"\r\n", policy=policy.default)
    if msg.defects:
        return []
    return [(name, msg[name]) for name in msg.keys()]


def _reads_back(header: str, name: str, meant: str | tuple[str, str]) -> bool:
    """Does `header` parse (policy.default) into exactly one header `name` holding `meant`:
    the text, or for To and From the (display name, address) of its one address?"""
    try:
        items = _parsed(header)
        if len(items) != 1 or items[0][0] != name or items[0][1].defects:
            return False
        value = items[0][1]
        if isinstance(meant, str):
            return str(value) == meant
        groups = value.groups
        if len(groups) != 1 or groups[0].display_name is not None or len(groups[0].addresses) != 1:
            return False
        address = groups[0].addresses[0]
        return (address.display_name, address.addr_spec) == meant
    except Exception:  # the parser itself failing on what we wrote is a failed check too
        return False


class Mail:
    """The .eml builder of one Engine (Engine.mail), with its bounded caches: the
    guard's verdicts by header shape, and what the letters of one kind share (_Kind)."""

    def __init__(self) -> None:
        self.verdicts = Memo()  # (header name, shape) -> True
        self.kinds = Memo(LETTERS)  # (a letter's Markdown, subject, language) -> _Kind (False: none)

    # headers

    def guard(self, header: str, name: str, meant: str | tuple[str, str], field: str) -> str:
        """`header`, if it reads back as `meant` (see _reads_back); else an error naming `field`."""
        if len(header) > _HARD_LINE and any(len(line) > _HARD_LINE for line in header.split(_CRLF)):
            raise RecordError(f"field '{field}' is too long for an email header: shorten it", field=field)
        key = (name, _shape(header))
        if key in self.verdicts:
            return header
        if not _reads_back(header, name, meant):
            raise RecordError(f"field '{field}' cannot be written into the {name} header so that it reads back "
                              f"as it is (got {meant if isinstance(meant, str) else meant[0]!r}): change it", field=field)
        self.verdicts[key] = True
        return header

    def text_header(self, name: str, value: str, field: str) -> str:
        return self.guard(unstructured(name, header_value(value, field)), name, value, field)

    def address_header(self, name: str, display: str | None, email: str, field: str) -> str:
        """`name: Display <email>`; `field` names the display name's field ("name",
        "sender name"), the address's is that with "email" for "name"."""
        display = header_value(display or "", field)
        if "\t" in display or _SPACE_RUN.search(display):
            # the standard library reads white space that starts with a space, in a display name,
            # as one space (" \u00a0" too)
            raise RecordError(f"field '{field}' holds a tab, or a space next to other white space, which an "
                              "email header cannot keep as it is: use single spaces", field=field)
        address = ascii_address(email, field.replace("name", "email"))
        return self.guard(_fold(name, mailbox(display, address)), name, (display, address), field)

    def to(self, client: Client | None) -> bytes:
        if client is None or not client.email:
            return b""
        return self.address_header("To", client.name, client.email, "name").encode("ascii")

    def top(self, subject: str, sender: Mapping[str, str] | None, lang: str) -> tuple[bytes, bytes, bytes]:
        """(Subject, From, Content-Language)."""
        name, email = (sender.get("name"), sender.get("email")) if sender else (None, None)
        sender_line = self.address_header("From", name, email, "sender name") if email else ""
        return (self.text_header("Subject", subject, "subject").encode("ascii"), sender_line.encode("ascii"),
                self.text_header("Content-Language", lang, "language").encode("ascii"))

    @staticmethod
    def date_lines() -> bytes:
        """The Date header (as email.utils.formatdate(localtime=True) writes it) and the two after it."""
        return f"Date: {date_header(time.time())}\r\nX-Unsent: 1\r\nMIME-Version: 1.0\r\n".encode("ascii")

    def threading(self, letter: Letter, message_id: str | None, in_reply_to: str | None,
                  references: Sequence[str]) -> bytes:
        """Message-ID, and In-Reply-To and References for a reply (RFC 5322 3.6.4)."""
        if message_id is None:
            email = (letter.sender or {}).get("email")
            domain = ascii_address(email, "sender email").rpartition("@")[2] if email else "refusalkit.invalid"
            message_id = f"<{os.urandom(12).hex()}@{domain}>"
        lines = [f"Message-ID: {msg_id(message_id, 'message id')}"]
        if in_reply_to:
            lines.append(f"In-Reply-To: {msg_id(in_reply_to, 'In-Reply-To')}")
        head = _CRLF.join(lines) + _CRLF
        if references:
            head += _fold("References", [msg_id(r, "References") for r in references])
        return head.encode("ascii")

    # bodies

    @staticmethod
    def quoted_printable(text: str, flowed: bool = False) -> bytes:
        """binascii.b2a_qp of `text` (or, with `flowed`, of formats.to_flowed(text)) with CRLF
        line ends."""
        return _qp(to_flowed(text) if flowed else text)

    def text_part(self, letter: Letter) -> bytes:
        """letter.flowed, quoted-printable."""
        return self.quoted_printable(letter.flowed)

    # the message

    def eml(self, letter: Letter, subject: str | None = None, linesep: str = "\r\n", *,
            message_id: str | None = None, in_reply_to: str | None = None,
            references: Sequence[str] = ()) -> bytes:
        """The draft of `letter` as bytes: multipart/alternative (text as RFC 3676
        format=flowed, HTML), CRLF line ends
        (or `linesep`). It has a Message-ID: `message_id` (e.g. a deterministic one, so a
        rerun can recognise its drafts), else a random one; `in_reply_to` and `references`
        (message ids, "<...>") thread it as a reply."""
        kind = self.kind(letter)
        headers = self.headers(letter, subject, kind)  # first: a header's error names its field
        headers = (headers[0] + self.threading(letter, message_id, in_reply_to, references), headers[1])
        try:
            parts = kind.filled(letter.rendered.slots) if kind is not None else None
            text, html = parts if parts is not None else (self.text_part(letter), self.quoted_printable(letter.html))
        except UnicodeEncodeError as exc:  # only from a Client made without parse_record
            raise RecordError(f"the letter contains an invalid character (a lone surrogate, "
                              f"U+{ord(exc.object[exc.start]):04X}) that no email can carry: "
                              "check the client record's fields") from None
        raw = self.message(headers, text, html)
        return raw if linesep == "\r\n" else raw.replace(b"\r\n", linesep.encode("ascii"))

    def kind(self, letter: Letter) -> _Kind | None:
        """What `letter` shares with the letters of its kind (Mail.kinds): those from one
        Markdown of the render memo, with one subject and language. None for a reply's
        quote, and for a letter whose text has a bare CR (encoded as a whole)."""
        if letter.quoted is not None:
            return None
        rendered = letter.rendered
        key = (rendered.markdown, rendered.subject, rendered.lang.tag)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.kinds[key] = _Kind.of(letter) or False
        return kind if isinstance(kind, _Kind) else None

    def headers(self, letter: Letter, subject: str | None, kind: _Kind | None = None) -> tuple[bytes, bytes]:
        """(the headers up to Content-Type, Content-Language) of `letter`; Subject, From and
        Content-Language from its `kind` where they hold no client text (Mail.kind)."""
        shared = kind if kind is not None and subject is None and kind.subject_fixed else None
        if shared is not None and shared.top is not None and shared.top[0] is letter.sender:
            top = shared.top[1]
        else:
            top = self.top(letter.subject if subject is None else subject, letter.sender, letter.rendered.lang.tag)
            if shared is not None:
                shared.top = (letter.sender, top)
        return top[0] + self.to(letter.client) + top[1] + self.date_lines(), top[2]

    @staticmethod
    def message(headers: tuple[bytes, bytes], text: bytes, html: bytes) -> bytes:
        """The headers and the two quoted-printable bodies as one multipart/alternative message,
        in the order of the standard library's EmailMessage (even the html part's MIME-Version)."""
        boundary = f"==============={os.urandom(8).hex()}==".encode("ascii")  # "==" never occurs in QP
        return b"".join((
            headers[0],
            b"Content-Type: multipart/alternative;\r\n boundary=\"", boundary, b"\"\r\n",
            headers[1], b"\r\n--", boundary,
            b"\r\nContent-Type: text/plain; charset=\"utf-8\"; format=flowed; delsp=no\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n",
            text, b"\r\n--", boundary,
            b"\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            b"MIME-Version: 1.0\r\n\r\n",
            html, b"\r\n--", boundary, b"--\r\n",
        ))


def _qp(text: str) -> bytes:
    """`text` quoted-printable, its line ends CRLF. Text whose every line ends in a line
    end encodes line by line as it does whole (tests/test_oracles.py), so _Kind
    encodes the lines letters share once and only the others per letter."""
    return binascii.b2a_qp(text.replace("\n", "\r\n").encode("utf-8"), istext=True)


class _Kind:
    """The text and HTML parts of the letters of one kind (Mail.kinds), as
    Mail.quoted_printable encodes them: each run of lines without a placeholder
    encoded once (bytes), and the lines with one kept to be filled per letter (for the
    text part, a block's (prefix, text), as formats.blocks_text fills it with width 0;
    for HTML, a line of formats.to_html's document)."""

    def __init__(self, text: list[bytes | tuple[str, str]], html: list[bytes | str], subject_fixed: bool) -> None:
        self.text, self.html = text, html
        self.subject_fixed = subject_fixed  # no placeholder in the subject: every letter's Subject alike
        self.top: tuple[Mapping[str, str] | None, tuple[bytes, bytes, bytes]] | None = None  # (sender, Mail.top())

    @staticmethod
    def of(letter: Letter) -> _Kind | None:
        from .formats import html_document, unwrapped
        from .render import SLOT_RE

        rendered, converter = letter.rendered, letter.converter
        blocks = converter.text_blocks(rendered.markdown)
        head, body, foot = html_document(rendered, converter)
        if not blocks or any("\r" in text for _, text in blocks) or "\r" in head + body:
            return None  # encoded as a whole (Mail.quoted_printable)
        text: list[bytes | tuple[str, str]] = []
        fixed: list[str] = []  # the lines without a placeholder since the last block with one
        previous_item = False
        for i, (prefix, block) in enumerate(blocks):
            if i and not (prefix and previous_item):
                fixed.append("")  # blocks_text's blank line between two blocks
            previous_item = bool(prefix)
            if SLOT_RE.search(block) is None:
                fixed.extend(unwrapped(prefix, block).split("\n"))
            else:
                text += [_qp("".join(flow_line(line) + "\n" for line in fixed)), (prefix, block)]
                fixed = []
        text.append(_qp("".join(flow_line(line) + "\n" for line in fixed)))
        html: list[bytes | str] = []
        fixed = []
        for line in (head + body + foot).split("\n")[:-1]:
            if SLOT_RE.search(line) is None:
                fixed.append(line + "\n")
            else:
                html += [_qp("".join(fixed)), line]
                fixed = []
        html.append(_qp("".join(fixed)))
        return _Kind(text, html, SLOT_RE.search(rendered.subject) is None)

    def filled(self, slots: Slots) -> tuple[bytes, bytes] | None:
        """The parts with `slots` filled in (formats.to_text with width 0 and to_html), as
        Mail.quoted_printable encodes them; None if a value brings a bare CR."""
        from .formats import html_escape, unwrapped

        out: list[bytes] = []
        for piece in self.text:
            if isinstance(piece, bytes):
                out.append(piece)
                continue
            filled = unwrapped(piece[0], slots.fill(piece[1], str, str))
            if "\r" in filled:
                return None
            out.append(_qp(to_flowed(filled) + "\n"))
        text = b"".join(out)
        out = []
        for line in self.html:
            if isinstance(line, bytes):
                out.append(line)
                continue
            filled = slots.fill(line, html_escape)
            if "\r" in filled:
                return None
            out.append(_qp(filled + "\n"))
        return text, b"".join(out)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# RFC 5322 3.6.4: id-left "@" id-right, printable ASCII; id-right may be a [literal]
_MSG_ID = re.compile(r"<[!#-;=?-~]+@(?:[!#-'*-9=?A-Z^-~]+|\[[!-Z^-~]*\])>")


def msg_id(value: str, field: str) -> str:
    """`value` if it is one message id ("<left@right>"); else a RecordError naming `field`.

    >>> msg_id("<abc.1@example.org>", "In-Reply-To")
    '<abc.1@example.org>'
    """
    value = value.strip()
    if len(value) > 250 or not _MSG_ID.fullmatch(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise RecordError(f"{field} {shown!r} is not a message id like <id@example.org>: leave it out or fix it")
    return value


def date_header(now: float) -> str:
    """`now` as email.utils.formatdate(now, localtime=True) writes it (RFC 5322), without
    importing email.utils (which would cost a run more than its letters do)."""
    t = time.localtime(now)
    offset = (t.tm_gmtoff or 0) // 60
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return (f"{_DAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year:04d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} {sign}{hours:02d}{minutes:02d}")


def sender_problems(sender: Mapping[str, str] | None) -> list[str]:
    """What `refusalkit check` says about a house style's [sender] as a From header:
    an error that every eml would stop at, or a name with "=?" in it, which goes
    into the header as literal text where a reader might have expected it decoded."""
    if not sender or not sender.get("email"):
        return []
    problems = []
    try:
        Mail().address_header("From", sender.get("name"), sender["email"], "sender name")
    except RecordError as exc:
        problems.append(f"[sender] cannot go into an email's From header: {exc}")
    name = sender.get("name") or ""
    if "=?" in name:
        problems.append(f"[sender] name {name!r} holds '=?', the start of an RFC 2047 encoded word: an .eml "
                        "carries it as literal text, never decoded; write the name itself")
    return problems


def to_mailto(letter: Letter, subject: str | None = None) -> str:
    """One mailto: URI per RFC 6068: every value percent-encoded, %20 for a space,
    %0D%0A for a line break (never urlencode's "+")."""
    from urllib.parse import quote

    subject = header_value(subject if subject is not None else letter.subject, "subject")
    body = letter.unwrapped.rstrip("\n").replace("\n", "\r\n")  # the mail program wraps it
    to = ""
    if letter.client is not None and letter.client.email:
        to = quote(ascii_address(letter.client.email, "email"), safe="@")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
