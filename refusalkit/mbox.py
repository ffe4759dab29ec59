"""One mbox file with many drafts (`batch --mbox FILE`), for Thunderbird, mutt or a ticket.

The format is mboxrd, as mutt, Thunderbird and Python's mailbox module read it: each
message starts with a From_ line ("From sender@example.org Tue Dec  1 17:45:58 2026"),
has LF line ends, and ends with an empty line. A line of a message that would start with
"From " is never there to be taken for a new message: in a quoted-printable body (where
all the drafts' text is) it is written "=46rom " (and ">From " "=3EFrom "), which a mail
client decodes to what it was, exactly; elsewhere such a line gets a ">" in front (mboxrd's
quoting, which mboxrd readers undo).

The file is written as `draft -o` writes (output.AtomicFile): into a temporary file
beside it, moved into place whole at the end; an existing file is an error before any
letter is drafted, unless --force.
"""

from __future__ import annotations

import os
import re
import time

from .output import AtomicFile

_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


def mbox_message(eml: bytes, sender: str | None = None, when: float | None = None) -> bytes:
    r"""`eml` (one message, any line ends) as an entry of an mbox file.

    >>> eml = b"Content-Transfer-Encoding: quoted-printable\r\n\r\nFrom here\r\n>From there\r\n"
    >>> print(mbox_message(eml, "me@example.org", 0).decode())
    From me@example.org Thu Jan  1 00:00:00 1970
    Content-Transfer-Encoding: quoted-printable
    <BLANKLINE>
    =46rom here
    =3EFrom there
    <BLANKLINE>
    <BLANKLINE>
    >>> print(mbox_message(b"Subject: x\n\nFrom here\n>From there", None, 0).decode())
    From MAILER-DAEMON Thu Jan  1 00:00:00 1970
    Subject: x
    <BLANKLINE>
    >From here
    >>From there
    <BLANKLINE>
    <BLANKLINE>
    """
    body = eml.replace(b"\r\n", b"\n")
    # In a quoted-printable body "=46" is "F" and "=3E" is ">": the line decodes to what it was,
    # in every reader, whether it undoes mboxrd's quoting or not. (Every body of a
    # draft is quoted-printable, mail.Mail; no header line starts with "From ".)
    if b"quoted-printable" in body.lower():
        body = _FROM_LINE.sub(lambda m: b"=%02X" % m.group(1)[0] + m.group(1)[1:], body)
    body = _FROM_LINE.sub(rb">\1", body)
    if not body.endswith(b"\n"):
        body += b"\n"
    address = sender if sender and sender.isascii() and " " not in sender else "MAILER-DAEMON"
    stamp = time.asctime(time.gmtime(time.time() if when is None else when))
    return f"From {address} {stamp}\n".encode("ascii") + body + b"\n"


class MboxWriter:
    """An mbox file being written: add() each draft, then commit() (or discard())."""

    def __init__(self, path: str | os.PathLike[str], *, force: bool = False, sender: str | None = None) -> None:
        self.path = os.fspath(path)
        self.sender = sender
        self.count = 0
        self.file = AtomicFile(self.path, force=force, option="--mbox")  # an existing file is refused here

    def add(self, eml: bytes) -> None:
        self.file.write(mbox_message(eml, self.sender))
        self.count += 1

    def commit(self) -> None:
        self.file.commit()

    def discard(self) -> None:
        self.file.discard()
