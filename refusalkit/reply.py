"""Reply to a client's email: `refusalkit reply` and the function it calls.

    from refusalkit import reply

    prepared = reply.prepare(raw, "capacity", quote=True)  # raw: the message's bytes (RFC 5322)
    prepared.eml()            # the threaded draft (bytes, CRLF), X-Unsent: 1, a Message-ID of its own
    prepared.letter           # the Letter, made by api.draft()
    prepared.subject          # "Re: <original subject>", no stacked prefixes
    prepared.in_reply_to      # the message's Message-ID, or None
    prepared.references       # its References plus its Message-ID
    prepared.inquiry          # what was read from the message (Inquiry)

`prepare(raw, reason, *, record=None, lang=None, formal=None, explain=True, quote=False,
subject=None, engine=None, source="message")`: `record` holds the fields given explicitly
(a client record, --name, --email, ...); they win over what the message says, and so do
`lang` and `formal`. A message that cannot be replied to raises a RefusalkitError with one
line that names `source`.

What is read from the message (`read()`):

- the recipient: Reply-To, else From; the display name (RFC 2047 encoded words in any
  charset, decoded) is the client's name, the address their email;
- threading: In-Reply-To is the message's Message-ID, References its References plus
  its Message-ID; an id that is not one (mail.msg_id) is left out, never an error;
- the subject, without the reply and forward prefixes of mail clients (Re:, RE:, AW:,
  Aw:, Antw:, YNT:, Ynt:, Fwd:, FW:, WG:, İLT:, also Re[2]:), for "Re: ..." and as the
  letter's `request` when the record has none;
- the language: Content-Language, else detected from the client's own text (without
  quoted history and signature), restricted to the template languages; a short or
  mixed text gives none, and the usual fallback applies (house style, locale, en);
- the register: du/dich/dir/dein/euch or sen/senin/-misin forms with no Sie/Ihnen or
  siz/-siniz forms give an informal letter; English "Hey"/"Cheers" likewise;
- the text part (or the text of an HTML-only message) for --quote, with the Date and
  the sender for the attribution line.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

import click

from .errors import RecordError, RefusalkitError

if TYPE_CHECKING:
    import datetime
    from email.message import EmailMessage

    from .api import Engine, Letter

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

# The attribution line above a quote; the date comes from Babel (CLDR, the letter's locale).
_ATTRIBUTION = {
    "de": ("Am {date} schrieb {who}:", "{who} schrieb:"),
    "en": ("On {date}, {who} wrote:", "{who} wrote:"),
    "tr": ("{date} tarihinde {who} şunu yazdı:", "{who} şunu yazdı:"),
}


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


class Reply(NamedTuple):
    """A prepared reply: the letter and how it threads."""

    letter: Letter
    subject: str
    in_reply_to: str | None
    references: tuple[str, ...]
    inquiry: Inquiry

    def eml(self, linesep: str = "\r\n", *, message_id: str | None = None) -> bytes:
        """The draft: the letter's eml with this reply's Subject, In-Reply-To and References."""
        return self.letter.eml(self.subject, linesep, message_id=message_id, in_reply_to=self.in_reply_to,
                               references=self.references)


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
            display = re.sub(_UNSHOWN, " ", _fix_8bit(display or ""))
            display = " ".join(display.split()).strip("'\" ")
            if "@" in display or not display:  # "anna@example.com" <anna@example.com>: no name
                display = None
            return display, email
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


def _decoded(part: EmailMessage) -> str:
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
    """The message's text: its text/plain part, else the text of its text/html part."""
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001
        body = None
    if body is None:
        if msg.get_content_maintype() == "text" or not msg.is_multipart():
            body = msg
        else:
            return ""
    content = _decoded(body)
    if body.get_content_subtype() == "html":
        content = html_text(content)
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    # what a plain-text quote can show: no control characters but tab and line end
    content = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]", "", content)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in content.split("\n"))).strip("\n")


def html_text(html: str) -> str:
    """The text of an HTML message (html.parser of the standard library): paragraphs and line
    breaks kept, scripts, styles and the head left out, a blockquote's lines behind "> ".

    >>> html_text("<p>Hallo <b>Anna</b>,</p><p>a<br>b</p><blockquote>alt</blockquote><script>x</script>")
    'Hallo Anna,\\n\\na\\nb\\n\\n> alt'
    """
    from html.parser import HTMLParser

    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
              "ul", "ol", "pre", "hr", "section", "article", "header", "footer", "address"}
    skip = {"script", "style", "head", "title", "template", "noscript"}

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
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
            if tag in skip:
                self.skipping += 1
            elif tag == "br":
                self.flush(br=True)
            elif tag in blocks:
                self.flush(gap=tag in gaps)
                self.depth += tag == "blockquote"
                self.pre += tag == "pre"

        def handle_endtag(self, tag: str) -> None:
            if tag in skip:
                self.skipping = max(0, self.skipping - 1)
            elif tag in blocks:
                self.flush(gap=tag in gaps)
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

    gaps = {"p", "blockquote", "table", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
    parser = Parser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 -- html.parser is lenient; anything left is no reason to fail a reply
        pass
    parser.flush()
    out: list[str] = []
    blank: int | None = None  # the depth of a pending blank line
    for depth, text in parser.lines:
        if text is None:
            blank = depth if blank is None else min(blank, depth)
            continue
        if blank is not None and out:
            out.append(">" * min(blank, depth))
        blank = None
        out.append("> " * depth + text.replace("\u00a0", " ").rstrip())
    return "\n".join(out)


def own_words(text: str) -> str:
    """The client's own words in `text`: up to quoted history or a signature, without quoted
    lines ("> ...").

    >>> own_words("Hallo,\\nkönnen Sie helfen?\\n\\nAm 3. Mai schrieb Kim:\\n> alt\\n")
    'Hallo,\\nkönnen Sie helfen?'
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


def attribution(lang: str, locale: str, who: str, date: datetime.datetime | None) -> str:
    """The line above a quote: „Am 30. November 2026 schrieb Anna Schmidt:“ (the date in the
    sender's own time zone, as the Date header has it, formatted by Babel)."""
    with_date, without = _ATTRIBUTION.get(lang, _ATTRIBUTION["en"])
    if date is None:
        return without.format(who=who)
    from .cldr import format_long_date

    return with_date.format(date=format_long_date(date.date(), locale), who=who)


# --- the reply --------------------------------------------------------------------------------------

def prepare(raw: bytes, reason: str, *, record: Mapping[str, Any] | None = None, lang: str | None = None,
            formal: bool | None = None, explain: bool = True, quote: bool = False, subject: str | None = None,
            engine: Engine | None = None, source: str = "message") -> Reply:
    """The reply to the message `raw` (see the module docstring). `record`: the fields given
    explicitly; they, `lang` and `formal` win over what is read from the message."""
    from .api import default_engine, draft
    from .records import parse_record

    engine = engine or default_engine()
    inquiry = read(raw, source)
    data: dict[str, Any] = dict(record or {})
    if not data.get("email"):
        if inquiry.email is None:
            raise _fail(source, "has no usable sender: no From or Reply-To with an address such as "
                                "name@example.com (pass --email to reply all the same)")
        data["email"] = inquiry.email
        if inquiry.name and "name" not in data:
            if re.search(_LEGAL_FORM, inquiry.name):  # "Verein Grünfläche e.V.": no person to greet by name
                data.setdefault("company", inquiry.name)
            else:
                data["name"] = inquiry.name
    languages = sorted(engine.languages)
    text_lang: list[str | None] = []  # the language of the client's text, found when first needed

    def of_text() -> str | None:
        if not text_lang:
            text_lang.append(_message_language(inquiry, languages))
        return text_lang[0]

    code = lang or data.get("language") or of_text() or engine.style.lang
    if not code:
        from .api import environment_language

        code = environment_language(languages) or "en"
    if not data.get("request"):
        found = request(inquiry.topic, str(code).lower())
        if found:
            data["request"] = found
    if formal is not None:
        data["formal"] = formal
    elif "formal" not in data:
        if informal(inquiry.own_text, str(of_text() or code).lower()):
            data["formal"] = False
        elif engine.style.formal is not None:
            data["formal"] = engine.style.formal
    try:
        client = parse_record(data, source)
    except RecordError as exc:
        read_from = [k for k in ("name", "email", "request") if k not in (record or {})]
        hint = f" (read from the message: pass --{read_from[0]} to give it yourself)" if read_from and \
            any(f"field '{k}'" in str(exc) for k in read_from) else ""
        raise RecordError(f"{exc}{hint}") from None
    letter = draft(reason, client, lang=code, explain=explain, engine=engine)
    if quote and inquiry.text:
        # the sender as the letter names them ("Weber, Thomas" is Thomas Weber), unless --name differs
        who = client.name if client.name and data.get("name") == inquiry.name else inquiry.name
        letter.quote(attribution(letter.lang, letter.rendered.lang.locale, who or inquiry.email or "?",
                                 inquiry.date), inquiry.text)
    if subject is None:
        subject = reply_subject(inquiry.subject) if inquiry.topic else letter.subject
    return Reply(letter, subject, inquiry.message_id, inquiry.references, inquiry)


def _message_language(inquiry: Inquiry, languages: list[str]) -> str | None:
    if inquiry.content_language in languages:
        return inquiry.content_language
    return detect_language(inquiry.own_text, languages)


# --- the command ------------------------------------------------------------------------------------

def _draft_options() -> list[click.Parameter]:
    """draft's options, the same objects: every one of them applies to a reply."""
    from .cli import draft

    names = ("reason", "lang", "client_path", "name", "first_name", "email", "company", "title", "salutation",
             "informal", "relationship", "fmt", "output", "force", "explain", "subject", "copy_", "edit",
             "style_path")
    import copy

    params = {p.name: p for p in draft.params}
    help = {"lang": "Letter language (de, en, tr). Default: the record's, else the message's Content-Language, "
                    "else the language of its text, else your locale's, else en.",
            "fmt": "Output format (default: the --output file's extension, else eml).",
            "subject": "Subject line (default: Re: and the message's subject)."}
    found = []
    for name in names:
        if name in params:
            param = params[name]
            if name in help:
                param = copy.copy(param)
                param.help = help[name]
            found.append(param)
    return found


def _draft_params() -> list[click.Parameter]:
    from .cli import draft

    return list(draft.params)


def read_message(message: str) -> tuple[bytes, str]:
    """(the bytes, the name for errors) of MESSAGE: a file, or "-" for standard input."""
    from .errors import UsageError

    if message != "-":
        try:
            with open(message, "rb") as fh:
                return fh.read(MAX_MESSAGE + 1), message
        except FileNotFoundError:
            raise UsageError(f"{message}: no such file: give the path of a saved email (.eml), or - for "
                             "standard input") from None
        except IsADirectoryError:
            raise UsageError(f"{message}: is a folder: give the path of a saved email (.eml)") from None
        except OSError as exc:
            raise UsageError(f"{message}: cannot read it ({exc.strerror})") from None
    if sys.stdin is None:
        return b"", "<stdin>"
    if sys.stdin.isatty():  # nothing piped: an error now rather than a wait for Ctrl-D
        raise UsageError("no message: give the email's file (.eml), or pipe it in (refusalkit reply -r ID < mail.eml)")
    return sys.stdin.buffer.read(MAX_MESSAGE + 1), "<stdin>"


def emit(prepared: Reply, fmt: str, output: str | None, force: bool, edit: bool, copy_: bool) -> None:
    """Print or write (-o, as draft writes) the reply as `fmt`; --edit and --copy as draft has them."""
    letter = prepared.letter
    if fmt == "eml":
        text = prepared.eml("\n").decode("ascii")
    elif fmt == "mailto":
        text = letter.mailto(prepared.subject) + "\n"
    else:
        text = letter.as_format(fmt)
    if edit:
        edited = click.edit(text, extension={"md": ".md", "html": ".html"}.get(fmt, ".txt"), require_save=False)
        if edited is None or not edited.strip():
            raise RefusalkitError("cancelled: the edited letter is empty, nothing was output")
        text = edited if edited.endswith("\n") else edited + "\n"
    if output and output != "-":
        from .output import write_atomic

        write_atomic(output, prepared.eml() if fmt == "eml" else text, force=force)
    else:
        click.echo(text, nl=False)
    if copy_:
        from .clipboard import copy

        html = letter.html if fmt in ("html", "eml") and not edit else (text if fmt == "html" else None)
        click.echo(copy(text if fmt in ("md", "text", "mailto") else letter.text, html), err=True)


def _reply(message: str, quote: bool, reason: str, lang: str | None, client_path: str | None, fmt: str | None,
           output: str | None, force: bool, explain: bool, subject: str | None, copy_: bool, edit: bool,
           informal: bool | None, style_path: str | None, to_drafts: bool = False, account_path: str | None = None,
           from_inbox: str | None = None, **quick: Any) -> None:
    from .cli import output_format
    from .errors import UsageError

    if to_drafts:  # --to-drafts, --from-inbox: the mailbox over IMAP (imap.py)
        from .cli import check_to_drafts

        check_to_drafts(fmt, output, edit, copy_)
    if from_inbox and message != "-":
        raise UsageError("give the MESSAGE file or --from-inbox ADDRESS, not both")
    fmt = output_format(output, fmt) or "eml"
    if edit and fmt in ("eml", "mailto"):
        raise UsageError("--edit works with --format md, text or html; edit the draft in your mail client")
    if client_path == "-" and message == "-" and not from_inbox:
        raise UsageError("--client - and the message cannot both come from standard input: give one a file")
    box = acct = None
    if from_inbox or to_drafts:
        from . import account
        from .imap import Mailbox

        acct = account.load(account.find(account_path))
    if from_inbox:
        box = Mailbox(acct, drafts=to_drafts)
        raw, uid = box.newest_from(from_inbox)
        source = f"the newest message from {from_inbox} in INBOX (UID {uid})"
    else:
        raw, source = read_message(message)
    try:
        _reply_to(raw, source, quote, reason, lang, client_path, fmt, output, force, explain, subject, copy_, edit,
                  informal, style_path, acct if to_drafts else None, box, quick)
    finally:
        if box is not None:
            box.close()


def _reply_to(raw: bytes, source: str, quote: bool, reason: str, lang: str | None, client_path: str | None,
              fmt: str, output: str | None, force: bool, explain: bool, subject: str | None, copy_: bool,
              edit: bool, informal: bool | None, style_path: str | None, to_drafts: Any, box: Any,
              quick: dict[str, Any]) -> None:
    """The reply to `raw`, printed, written, or (`to_drafts`: the account) saved as a draft."""
    from .cli import _engine
    from .records import read_record_file

    record: dict[str, Any] = {}
    if client_path:
        stdin = (sys.stdin.buffer.read() if sys.stdin is not None else b"") if client_path == "-" else None
        record = read_record_file(client_path, stdin)
    record.update({k: v for k, v in quick.items() if v is not None})
    engine = _engine(style_path)
    prepared = prepare(raw, reason, record=record, lang=lang, formal=None if informal is None else not informal,
                       explain=explain, quote=quote, subject=subject, engine=engine, source=source)
    if prepared.in_reply_to is None and fmt == "eml":
        click.echo(f"refusalkit: note: {source} has no Message-ID, so the reply is not threaded to it", err=True)
    if to_drafts:
        from .imap import message_id, save

        acct = to_drafts
        folder, uid = save(acct, prepared.eml(message_id=message_id(acct, prepared.letter.sender)), box)
        click.echo(f"saved to {folder} ({acct.user} at {acct.host})" + (f", UID {uid}" if uid else ""))
        return
    emit(prepared, fmt, output, force, edit, copy_)


from .cli import _one_letter  # noqa: E402 -- draft's: one letter, without the cyclic collector on the way

reply_command = click.Command(
    "reply", callback=_one_letter(_reply),
    params=[click.Argument(["message"], default="-", required=False, metavar="[MESSAGE]"),
            *_draft_options(),
            click.Option(["--quote"], is_flag=True, help="Quote the client's message below the letter."),
            # the mailbox over IMAP (imap.py; the account as for draft --to-drafts)
            click.Option(["--from-inbox", "from_inbox"], metavar="ADDRESS",
                         help="Reply to the newest message in your INBOX from ADDRESS (instead of MESSAGE)."),
            *[p for p in _draft_params() if p.name in ("to_drafts", "account_path")]],
    help=("Reply to a client's email: a threaded draft in their language and register.\n\n"
          "MESSAGE is the email (.eml); - or nothing reads it from standard input (mutt: "
          "|refusalkit reply -r capacity). The eml goes to stdout or -o; what the options give "
          "wins over what the message says."),
    context_settings={"help_option_names": ["-h", "--help"]})
