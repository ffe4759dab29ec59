"""Reading a client's email: who wrote it, how it threads, what it asks, in which language
and register. `read(raw)` gives an Inquiry; `refusalkit reply` (reply.py) answers it.

- the recipient: Reply-To, else From; the display name (RFC 2047 encoded words in any
  charset, decoded) is the client's name, the address their email;
- threading: In-Reply-To is the message's Message-ID, References its References plus
  its Message-ID; an id that is not one (mail.msg_id) is left out, never an error;
- the subject, without the reply and forward prefixes of mail clients (Re:, RE:, AW:,
  Aw:, Antw:, YNT:, Ynt:, Fwd:, FW:, WG:, İLT:, also Re[2]:);
- the text part (or the text of an HTML-only message), and the client's own words in it
  (up to their closing; no quoted history, signature or disclaimer): for the language
  (detect_language: lingua, imported only here) and the register (informal).

Nothing here fails on a message that is odd but readable (a junk References, an unknown
charset, raw 8-bit headers); what is no email at all is one RecordError naming the source.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import RecordError, RefusalkitError

if TYPE_CHECKING:
    import datetime
    from email.message import EmailMessage, MIMEPart

MIN_WORDS = 4  # fewer words of the client's own text than this: no language is guessed
MAJORITY = 0.75  # the share of the sentences' words one language must have, else the text is mixed
MAX_REFERENCES = 20  # a long thread's References: the first id and the last ones (as mail clients trim)
MAX_MESSAGE = 50 * 1024 * 1024  # a message larger than this is refused, not parsed

# Reply and forward prefixes of mail clients, in the languages the letters speak and the
# common others: Re (Latin, everyone), AW/Antw (German Outlook), YNT/Yanıt/Cvp (Turkish
# Outlook and others), Fwd/FW, WG (German forward), İLT (Turkish forward); Re[2]: and
# Re(2): as some clients count.
_PREFIX = (r"^\s*(?:(?:re|aw|antw|antwort|ynt|yan[ıi]t|cvp|fwd?|wg|[iİ]lt)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+")
# The start of quoted history or a signature in the client's text: what follows is not theirs.
_HISTORY = (
    r"^(?:-- ?$"
    r"|_{8,}\s*$"
    r"|-{3,}\s*(?:original message|ursprüngliche nachricht|orijinal ileti|özgün ileti|forwarded message"
    r"|weitergeleitete nachricht|iletilen ileti)"
    r"|(?:sent from my|von meinem|gesendet von|.{0,20}'(?:u|d)an gönderildi).*)"
)
_ATTRIBUTED = r"^(?:(?:am|on)\s.{4,200}\s(?:schrieb|wrote)\b.*|.{4,200}\s(?:tarihinde|şunu yazdı|yazdı)\b.*):\s*$"
_HISTORY += "|" + _ATTRIBUTED
_CLOSING = (r"^(?:.{0,25}\b(?:grüße|grüßen|gruß)\b(?:\s+\S+){0,3}|.{0,25}\b(?:regards|wishes|cheers|thanks|thank you"
            r"|best|yours|saygılarımla|saygılar|sevgiler|selamlar|iyi çalışmalar|teşekkürler|görüşürüz|sağ ol))"
            r"[\s,.!:)]*$")
_QUOTED_FROM = r"^(?:von|from|kimden|gönderen)\s*:\s"
_QUOTED_HEADER = r"^(?:sent|gesendet|date|datum|gönderildi|gönderilme|tarih|to|an|kime|subject|betreff|konu)\s*:"
_INFORMAL = {
    "de": r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|eurem|eurer|eures)\b",
    "tr": (r"(?<!\w)(?:sen|seni|sana|senin|senden|sende|seninle|senle)(?!\w)"
           r"|\b[mM][iıuü]s[iıuü]n\b|(?:abil|ebil)ir\s+m[iı]s[iı]n\b"),
    "en": r"^\s*(?:hey|hiya|yo)\b|^\s*(?:cheers|ta|xx+)\b[\s,!.]*$",
}
_FORMAL = {
    # Sie, Ihnen, Ihr... in capitals where no sentence starts (there "Sie" may be "she"): _formal_de
    "de": r"(?i:\bsehr geehrte)",
    "tr": (r"(?<!\w)(?:siz|sizi|size|sizin|sizden|sizde|sizinle|sizler|sayın)(?!\w)"
           r"|\w(?:s[iıuü]n[iıuü]z|[iıuü]n[iıuü]z|[iıuü]n[iıuü]zde|[iıuü]n[iıuü]zden)\b|saygılarımla"),
    "en": r"\bdear\b|\bkind regards\b|\byours sincerely\b|\byours faithfully\b",
}
# A display name that is a company or association ("Schmidt GmbH", "Verein e.V.", "Kaya İnşaat
# Ltd. Şti."): the letter greets no one by it.
_LEGAL_FORM = (r"(?i)(?:^|\s)(?:gmbh|ag|kg|ohg|ug|e\.\s?v\.?|ev|gbr|mbh|ltd\.?|limited|llc|llp|inc\.?|plc|corp\.?"
               r"|a\.\s?ş\.?|ltd\.\s?şti\.?|şti\.?|s\.a\.|s\.r\.l\.|b\.v\.|sarl|gmbh\s&\sco\.?\s?kg)(?:$|[\s,])")
# Subjects that say only that a message came, not what is asked for ("Neue Nachricht über das
# Kontaktformular", "New enquiry from your website", "Yeni form mesajı"): no request.
_GENERIC = (r"(?i)kontaktformular|contact\s?form|web\s?form|iletişim formu|\bform mesaj|enquiry from your"
            r"|inquiry from your|\bnew (?:message|enquiry|inquiry)\b|\bneue (?:nachricht|anfrage)\b"
            r"|\byeni (?:mesaj|talep|form)")
# Words before what is asked for: "Anfrage: Relaunch ...", "Quick question about a logo",
# "Teklif talebi - kurumsal kimlik".
_ASKING = (r"(?i)^(?:(?:kurze\s)?(?:angebots)?anfrage|angebot|frage|(?:quick\s)?question|enquiry|inquiry|request"
           r"|quote|teklif talebi|teklif|talep|soru)\b\s*(?:(?:zu[mr]?|für|about|regarding|re|for|on|of)\b)?"
           r"\s*[:\-–]?\s*")


class Inquiry(NamedTuple):
    """What a client's message says, as read by read()."""

    name: str | None  # the display name of Reply-To, else From (decoded)
    email: str | None  # the address of Reply-To, else From
    message_id: str | None  # its Message-ID, if it is one
    references: tuple[str, ...]  # its References (valid ids only) plus its Message-ID
    subject: str  # the subject as written
    topic: str  # the subject without Re:/AW:/YNT:/Fwd: prefixes
    content_language: str | None  # the first tag of Content-Language, lower case
    text: str  # the text part, or the text of the HTML part
    own_text: str  # `text` without quoted history and signature: the client's own words
    date: datetime.datetime | None  # the Date header


# --- reading the message ----------------------------------------------------------------------------

def reply_subject(subject: str) -> str:
    """ "Re: " and the subject without the prefixes it has (none stacked).

    >>> reply_subject("AW: Re: Angebot Website"), reply_subject("YNT: Teklif"), reply_subject("Re[3]: x")
    ('Re: Angebot Website', 'Re: Teklif', 'Re: x')
    """
    return "Re: " + topic(subject)


def topic(subject: str) -> str:
    """The subject without reply and forward prefixes, white space folded.

    >>> topic("RE: AW: Fwd:  Relaunch   unserer Website"), topic("Ynt: İLT: Logo"), topic("Reise")
    ('Relaunch unserer Website', 'Logo', 'Reise')
    """
    return re.sub(_PREFIX, "", " ".join(subject.split()), flags=re.IGNORECASE)


def request(subject: str, lang: str) -> str | None:
    """What the client asks for, from a subject without its prefixes (topic()): words such
    as "Anfrage:", "Quick question about", "Teklif talebi -" left out, a subject that says
    nothing (a web form's, "Angebot?") gives None, and in English and Turkish a first word
    in capitals as a sentence has it ("New website" -> "new website": the letter says it
    mid-sentence; German keeps it, a noun). The record's `request` always wins.

    >>> request("Anfrage: Relaunch der Website", "de"), request("Quick question about a logo", "en")
    ('Relaunch der Website', 'a logo')
    >>> request("Katalog tasarımı hakkında", "tr"), request("Neue Nachricht über das Kontaktformular", "de")
    ('katalog tasarımı', None)
    """
    if not subject or re.search(_GENERIC, subject):
        return None
    text = re.sub(_ASKING, "", subject).strip()
    text = re.sub(r"\s*(?:[:;]-?[)(DPp]|\(\?\)|\s)+$", "", text)  # a trailing smiley
    text = re.sub(r"\s+(?:hakkında|ile ilgili)$", "", text.strip(" :-–?!.,")) if lang == "tr" else text
    text = text.strip(" :-–?!.,")
    if not re.search(r"[^\W\d_]{2,}", text):
        return None
    first, _, rest = text.partition(" ")
    # (not a Turkish word in I: "Instagram" is no "ınstagram", and which one it is cannot be told)
    if lang in ("en", "tr") and rest and len(first) > 1 and first[0].isupper() and first[1:].islower() \
            and not (lang == "tr" and first[0] == "I"):
        first = ("i" if first[0] == "İ" else first[0].lower()) + first[1:]
        text = f"{first} {rest}"
    return text


_UNSHOWN = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"


def _fail(source: str, problem: str) -> RefusalkitError:
    return RecordError(f"{source}: {problem}")


def _message(raw: bytes, source: str) -> EmailMessage:
    """`raw` parsed (policy.default), or a one-line error for what is no email at all."""
    if len(raw) > MAX_MESSAGE:
        raise _fail(source, f"is larger than {MAX_MESSAGE // 1024 // 1024} MB: not a message to reply to")
    if raw.startswith(b"From "):  # an mbox From_ line (some mail clients pipe it along)
        raw = raw.partition(b"\n")[2]
    if not raw.strip():
        raise _fail(source, "is empty: give an email message (.eml), or pipe one into refusalkit reply")
    head = re.split(rb"\r?\n\r?\n", raw.lstrip(b"\r\n"), maxsplit=1)[0]
    if not re.match(rb"[!-9;-~]{1,76}:", head) or b"\x00" in head:
        raise _fail(source, "is not an email message (it does not start with headers such as From: or "
                            "Subject:): give the message as saved by the mail client (.eml)")
    try:
        head.decode("ascii")
    except UnicodeDecodeError:  # 8-bit headers are common (raw UTF-8); junk has control bytes too
        if re.search(rb"[\x00-\x08\x0e-\x1f\x7f]", head):
            raise _fail(source, "is not an email message (its headers hold binary data)") from None
    from email import policy
    from email.parser import BytesParser

    try:
        return BytesParser(policy=policy.default).parsebytes(raw.lstrip(b"\r\n"))
    except Exception as exc:  # noqa: BLE001 -- the parser on hostile input: one line, never a traceback
        raise _fail(source, f"cannot be read as an email message ({type(exc).__name__})") from None


def _header(msg: EmailMessage, name: str) -> Any:
    """A header as policy.default parses it, or None where it is missing or too broken to parse."""
    try:
        return msg[name]
    except Exception:  # noqa: BLE001 -- a malformed header is as good as none
        return None


def _fix_8bit(text: str) -> str:
    """Raw 8-bit bytes in a header (surrogate escapes): UTF-8 if they are, else Windows-1252."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    data = text.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _recipient(msg: EmailMessage) -> tuple[str | None, str | None]:
    """(display name, address) of the first usable address of Reply-To, else From."""
    from .mail import ascii_address

    for name in ("Reply-To", "From"):
        for display, email in _addresses(msg, name):
            email = _fix_8bit(email or "").strip()
            try:
                ascii_address(email, "email")  # one address, as an email header can carry it
            except RecordError:
                continue
            # a name is data: control characters, line breaks and bidi controls (a header
            # injection from a decoded "=0D=0A", a name shown backwards) are dropped, not obeyed
            name = " ".join(re.sub(_UNSHOWN, " ", _fix_8bit(display or "")).split()).strip("'\" ")
            # "anna@example.com" <anna@example.com>: no name
            return (name if name and "@" not in name else None), email
    return None, None


def _addresses(msg: EmailMessage, name: str) -> list[tuple[str, str]]:
    """(display name, address) of each address in the header `name`. Where the standard
    library refuses the header (a display name whose encoded words decode to a line break,
    as a header injection would have it), it is read again by email.utils."""
    header = _header(msg, name)
    if header is not None:
        try:
            return [(a.display_name, a.addr_spec) for a in header.addresses]
        except Exception:  # noqa: BLE001
            pass
    from email.header import decode_header, make_header
    from email.utils import getaddresses

    raw = [str(value) for key, value in msg.raw_items() if key.lower() == name.lower()][:1]
    one = re.fullmatch(r"\s*([^<>]*)<([^<>\s]+)>\s*", raw[0]) if raw else None
    found = []
    for display, email in [one.groups()] if one else getaddresses(raw):
        try:
            display = str(make_header(decode_header(display)))
        except Exception:  # noqa: BLE001 -- an unknown charset: the name as written
            pass
        found.append((display, email))
    return found


def _ids(value: Any) -> list[str]:
    """The message ids in a header's value that mail.msg_id accepts."""
    from .mail import msg_id

    found = []
    for candidate in re.findall(r"<[^<>\s]*>", _fix_8bit(str(value or ""))):
        try:
            found.append(msg_id(candidate, "id"))
        except RecordError:
            continue
    return found


def _content_language(msg: EmailMessage) -> str | None:
    value = str(_header(msg, "Content-Language") or "")
    for tag in re.split(r"[,\s]+", value):
        primary = tag.split("-")[0].split("_")[0].strip().lower()
        if primary.isalpha():
            return primary
    return None


def _decoded(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError):  # an unknown or false charset
        payload = part.get_payload(decode=True) or b""
        content = _guess_decode(payload) if isinstance(payload, bytes) else str(payload)
    if isinstance(content, str) and "\ufffd" in content and part.get_content_charset() in (None, "us-ascii",
                                                                                           "unknown-8bit"):
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            content = _guess_decode(payload)
    return content if isinstance(content, str) else ""


def _guess_decode(data: bytes) -> str:
    """Text of unknown charset: UTF-8 if it is, else Windows-1254 where it has Turkish letters
    (ğ ı ş İ Ş Ğ), else Windows-1252, as batch reads the files Excel writes."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if re.search(rb"[\xd0\xdd\xde\xf0\xfd\xfe]", data):
        return data.decode("cp1254", "replace")
    return data.decode("cp1252", "replace")


def _text(msg: EmailMessage) -> str:
    """The message's text: its text/plain part, else (or where that is empty, as some clients
    send it) the text of its text/html part; "" for a message without either."""
    for kind in ("plain", "html"):
        try:
            body = msg.get_body(preferencelist=(kind,))
        except Exception:  # noqa: BLE001
            body = None
        if body is None:
            continue
        content = _decoded(body)
        if kind == "html":
            content = html_text(content)
        content = content.replace("\r\n", "\n").replace("\r", "\n")
        # what a plain-text quote can show: no control characters but tab and line end
        content = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]", "", content)
        content = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in content.split("\n"))).strip("\n")
        if content.strip():
            return content
    return ""


def html_text(html: str) -> str:
    """The text of an HTML message (html.parser of the standard library): paragraphs and line
    breaks kept, scripts, styles and the head left out, a blockquote's lines behind "> ".

    >>> html_text("<p>Hallo <b>Anna</b>,</p><p>a<br>b</p><blockquote>alt</blockquote><script>x</script>")
    'Hallo Anna,\\n\\na\\nb\\n\\n> alt'
    """
    parser = _lines_parser()()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 -- html.parser is lenient; anything left is no reason to fail a reply
        pass
    parser.flush()
    return _quoted_text(parser.lines)


def _quoted_text(lines: list[tuple[int, str | None]]) -> str:
    """(blockquote depth, text or None for a blank line) as text, each line behind a "> " per
    depth, runs of blank lines as one."""
    out: list[str] = []
    blank: int | None = None  # the depth of a pending blank line
    for depth, text in lines:
        if text is None:
            blank = depth if blank is None else min(blank, depth)
            continue
        if blank is not None and out:
            out.append(">" * min(blank, depth))
        blank = None
        out.append("> " * depth + text.replace("\u00a0", " ").rstrip())
    return "\n".join(out)


_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
                     "ul", "ol", "pre", "hr", "section", "article", "header", "footer", "address"})
_GAPS = frozenset({"p", "blockquote", "table", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})


class _MessageLines:
    """The handlers of an html.parser.HTMLParser (_lines_parser() adds it) that collect a
    message's lines with their blockquote depth."""

    def reset_lines(self) -> None:
        self.lines: list[tuple[int, str | None]] = []  # (blockquote depth, text; None: a blank line)
        self.line: list[str] = []
        self.depth = 0  # blockquote nesting
        self.skipping = 0
        self.pre = 0

    def flush(self, gap: bool = False, br: bool = False) -> None:
        text = "".join(self.line) if self.pre else " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.lines.append((self.depth, text))
        elif br:  # <br> on an empty line (Gmail's <div><br></div>): a blank line
            self.lines.append((self.depth, None))
        if gap:
            self.lines.append((self.depth, None))

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.flush(br=True)
        elif tag in _BLOCKS:
            self.flush(gap=tag in _GAPS)
            self.depth += tag == "blockquote"
            self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush(gap=tag in _GAPS)
            if tag == "blockquote":
                self.depth = max(0, self.depth - 1)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:
            parts = data.split("\n")
            for part in parts[:-1]:
                self.line.append(part)
                self.flush(br=True)
            self.line.append(parts[-1])
        else:
            self.line.append(data)


@functools.cache  # a class, built on first need: html.parser is imported only for an HTML message
def _lines_parser() -> Any:
    from html.parser import HTMLParser

    class Parser(_MessageLines, HTMLParser):
        def __init__(self) -> None:
            HTMLParser.__init__(self, convert_charrefs=True)
            self.reset_lines()

    return Parser


def own_words(text: str) -> str:
    """The client's own words in `text`: up to the closing, quoted history or a signature,
    without quoted lines ("> ...").

    >>> own_words("Hallo,\\nkönnen Sie helfen?\\n\\nAm 3. Mai schrieb Kim:\\n> alt\\n")
    'Hallo,\\nkönnen Sie helfen?'
    >>> own_words("Hallo Kim,\\nhast du Zeit?\\nViele Grüße\\nTom\\nSie erreichen uns unter ...")
    'Hallo Kim,\\nhast du Zeit?\\nViele Grüße'
    """
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        # an attribution may be wrapped onto a second line ("On ..., Alex <\nalex@example.org> wrote:")
        if re.match(_HISTORY, line.strip(), flags=re.IGNORECASE) or (
                i + 1 < len(lines) and re.match(_ATTRIBUTED, f"{line.strip()} {lines[i + 1].strip()}", flags=re.I)):
            break
        # Outlook's block of the quoted message's headers: From:/Von:/Kimden: and Sent:/Gesendet:/...
        if re.match(_QUOTED_FROM, line.strip(), flags=re.IGNORECASE) and any(
                re.match(_QUOTED_HEADER, later.strip(), flags=re.IGNORECASE) for later in lines[i + 1:i + 5]):
            break
        if not line.lstrip().startswith(">"):
            out.append(line)
            # the closing ("Viele Grüße", "Kind regards,"): the name, signature and disclaimer
            # after it (often in another language) are not the client's words
            if len(line.strip()) <= 40 and any(o.strip() for o in out[:-1]) \
                    and re.match(_CLOSING, line.strip(), flags=re.IGNORECASE):
                break
    return "\n".join(out).strip()


def read(raw: bytes, source: str = "message") -> Inquiry:
    """What the message `raw` (RFC 5322 bytes) says; a one-line error naming `source` for
    what is no email at all. A message without a usable sender gives email None."""
    msg = _message(raw, source)
    if not msg.keys():
        raise _fail(source, "is not an email message (it has no headers)")
    name, email = _recipient(msg)
    ids = _ids(_header(msg, "Message-ID"))
    message_id = ids[0] if len(ids) == 1 else None
    references = _ids(_header(msg, "References"))
    if not references:  # some clients put the thread into In-Reply-To only
        references = _ids(_header(msg, "In-Reply-To"))[:1]
    if message_id is not None:
        references = [r for r in references if r != message_id] + [message_id]
    if len(references) > MAX_REFERENCES:
        references = references[:1] + references[-(MAX_REFERENCES - 1):]
    subject = " ".join(_fix_8bit(str(_header(msg, "Subject") or "")).split())
    subject = " ".join(re.sub(_UNSHOWN, " ", subject).split())
    date = None
    header = _header(msg, "Date")
    if header is not None:
        try:
            date = header.datetime
        except Exception:  # noqa: BLE001
            date = None
    text = _text(msg)
    return Inquiry(name=name, email=email, message_id=message_id, references=tuple(references),
                   subject=subject, topic=topic(subject), content_language=_content_language(msg),
                   text=text, own_text=own_words(text), date=date)


# --- language and register ------------------------------------------------------------------------

def detect_language(text: str, languages: list[str]) -> str | None:
    """The language of `text` among `languages` (codes such as "de"), or None when the text
    is short (fewer than MIN_WORDS words) or mixed (no language has MAJORITY of the words of
    its sentences). Uses lingua (imported here only: drafting never pays for it), in its
    low-accuracy mode, which loads in some 40 ms and is right on sentences."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < MIN_WORDS:
        return None
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    known = {}
    for code in languages:
        try:
            known[Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))] = code
        except (AttributeError, ValueError):
            continue
    if not known:
        return None
    if len(known) == 1:
        return next(iter(known.values()))
    detector = LanguageDetectorBuilder.from_languages(*known).with_low_accuracy_mode().build()
    counts: dict[str, int] = {}
    for sentence in re.split(r"[.!?;\n]+", text):
        n = len(re.findall(r"[^\W\d_]{2,}", sentence))
        if n < 3:  # a greeting, a name, "Danke!": says nothing reliable
            continue
        values = detector.compute_language_confidence_values(sentence)
        if values and values[0].value >= 0.6:
            code = known[values[0].language]
            counts[code] = counts.get(code, 0) + n
    if not counts:  # only short sentences: the text as a whole, if it is sure
        values = detector.compute_language_confidence_values(text)
        return known[values[0].language] if values and values[0].value >= 0.9 else None
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= MAJORITY * sum(counts.values()) else None


def informal(text: str, lang: str) -> bool:
    """Does the client write in the informal register: du/dich/dir/dein/euch (de) or
    sen/senin/-misin (tr) with no Sie/Ihnen or siz/-siniz forms; in English a "Hey" or a
    "Cheers" with no "Dear" or "Kind regards".

    >>> informal("Hallo Anna, kannst du mir helfen?", "de"), informal("Können Sie mir helfen? Danke dir", "de")
    (True, False)
    >>> informal("Selam, bana logo yapabilir misin?", "tr"), informal("Teklifinizi bekliyorum", "tr")
    (True, False)
    """
    pattern = _INFORMAL.get(lang)
    if pattern is None or not re.search(pattern, text, flags=re.IGNORECASE | re.MULTILINE):
        return False
    if lang == "de" and _formal_de(text):
        return False
    formal = _FORMAL.get(lang, "")
    return not (formal and re.search(formal, text.lower() if lang == "tr" else text, flags=re.MULTILINE | re.I))


def _formal_de(text: str) -> bool:
    """Sie, Ihnen, Ihr(e/en/em/er/es) in capitals where no sentence or line starts."""
    for m in re.finditer(r"\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b", text):
        before = text[:m.start()].rstrip(" \t")
        if before and before[-1] not in ".!?:\n\"„“»«-–":
            return True
    return False


def is_company(name: str) -> bool:
    """Is the display name a company or association ("Schmidt GmbH", "Verein e.V.")?

    >>> is_company("Verein Grünfläche e.V."), is_company("Kaya İnşaat Ltd. Şti."), is_company("Anna Schmidt")
    (True, True, False)
    """
    return re.search(_LEGAL_FORM, name) is not None
