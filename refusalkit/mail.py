"""Into the email client: an .eml draft and a mailto: link.

Built with the standard library's email package (policy.default). Every value
that reaches a header is checked for line breaks of any kind first: Python's
own check lets a trailing "\\n" through, and a header is no place for one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from .errors import RecordError
from .records import LINE_BREAKS

if TYPE_CHECKING:
    from .api import Letter

# Many mail clients cut a mailto: link somewhere above this length.
MAILTO_LIMIT = 1800


def header_value(value: str, field: str) -> str:
    """`value`, if it can go into an email header; else an error naming `field`.

    >>> header_value("Ayşe Yılmaz", "name")
    'Ayşe Yılmaz'
    >>> header_value("Hi\\n", "subject")
    Traceback (most recent call last):
    ...
    refusalkit.errors.RecordError: field 'subject' contains a line break (U+000A), which cannot go into an email header
    """
    if value.isprintable():  # no line break of any kind (nor any other control character)
        return value
    for ch in value:
        if ch in LINE_BREAKS:
            raise RecordError(f"field '{field}' contains a line break (U+{ord(ch):04X}), "
                              "which cannot go into an email header")
    return value


def _address(name: str | None, email: str, field: str) -> object:
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    header_value(name or "", f"{field} name")
    header_value(email, f"{field} email")
    try:
        local, _, domain = email.rpartition("@")
        address = Address(display_name=name or "", username=local, domain=domain)
        str(address)
        if not local.isascii():
            raise ValueError("non-ASCII local part")
        domain.encode("idna")
        return address
    except (ValueError, HeaderParseError, UnicodeError, IndexError):
        raise RecordError(f"field '{field} email' is not an address an email header can carry: {email!r}") from None


def build(letter: Letter, subject: str | None = None) -> object:
    """The draft as an email.message.EmailMessage (multipart/alternative)."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import formatdate

    msg = EmailMessage(policy=policy.default)
    msg["Subject"] = header_value(subject if subject is not None else letter.subject, "subject")
    client = letter.client
    if client is not None and client.email:
        msg["To"] = _address(client.name, client.email, "client")
    sender: Mapping[str, str] | None = letter.sender
    if sender and sender.get("email"):
        msg["From"] = _address(sender.get("name"), sender["email"], "sender")
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"  # Outlook opens the file as a draft to edit and send
    # quoted-printable keeps the file 7-bit ASCII: safe for every mail client
    msg.set_content(letter.text, cte="quoted-printable")
    msg.add_alternative(letter.html, subtype="html", cte="quoted-printable")
    # after the content: set_content() drops every Content-* header it finds
    msg["Content-Language"] = header_value(letter.lang, "language")
    return msg


def to_eml(letter: Letter, subject: str | None = None, linesep: str = "\r\n") -> bytes:
    """The draft as bytes; CRLF line endings for a file, as RFC 5322 wants."""
    from email import policy

    msg = build(letter, subject)
    return msg.as_bytes(policy=policy.default.clone(linesep=linesep))  # type: ignore[attr-defined]


def to_mailto(letter: Letter, subject: str | None = None) -> str:
    """One mailto: URI per RFC 6068: every value percent-encoded, %20 for a space,
    %0D%0A for a line break (never urlencode's "+")."""
    from urllib.parse import quote

    subject = header_value(subject if subject is not None else letter.subject, "subject")
    body = letter.text.rstrip("\n").replace("\n", "\r\n")
    to = ""
    if letter.client is not None and letter.client.email:
        to = quote(header_value(letter.client.email, "email"), safe="@")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
