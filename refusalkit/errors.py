"""The exceptions refusalkit raises; the CLI prints their message as one line.

Each carries where the problem is as data, so that a caller (batch's
errors.csv, check's report, the preview page's form) never reads it out of
the message:

- `field`: the record or house-style field (``"email"``, ``"referrals[1].url"``),
  or the name a template used that the letter does not have;
- `file`: the file (a client record, a template, a catalog, a house style);
- `line`: the line in `file`, counted from 1;
- `source`: what the value came from when that is not a file (``"row"``,
  ``"<stdin>"``, ``"--name"``), or the template a letter was drafting.

Each is None when unknown. `detail` is the message without where it happened
(``"must be true or false (got 'ja')"``), for a caller that shows the place itself.
"""

from __future__ import annotations


class RefusalkitError(Exception):
    """Base class: a problem the user can fix, described in one actionable line."""

    exit_code = 1

    def __init__(self, message: str = "", *, field: str | None = None, file: str | None = None,
                 line: int | None = None, source: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.file = file
        self.line = line
        self.source = source
        self.detail = message if detail is None else detail


class UsageError(RefusalkitError):
    """The command was asked for something that does not exist (reason, language, file)."""

    exit_code = 2


class RecordError(RefusalkitError):
    """A client record (file, stdin or options) has a missing, malformed or wrong field."""


class StyleError(RecordError):
    """The house-style file has a missing, malformed or wrong key (`file` is the house style)."""


class TemplateError(RefusalkitError):
    """A template, reason description or catalog is broken: `file` and `line` say where."""


class TemplateSyntaxError(TemplateError):
    """A template does not parse."""


class UnknownVariable(TemplateError):
    """A template uses a name (`field`) that the letter's context does not have."""


class TooSlow(TemplateError):
    """A template ran longer than the engine's time limit."""


class LinkOutside(TemplateError):
    """A team's file is a link to a place outside its folder, so it is not read."""


class EmptyValue(RefusalkitError, ValueError):
    """A template printed a field that this record leaves empty (render.py adds file and line)."""


class OutputError(RefusalkitError):
    """The letter could not be written where it was asked to go."""


class ClientError(Exception):
    """A request the preview page refuses: an HTTP status and a short message for the page
    (`field`: the form field it is about, if any). Not a RefusalkitError: it is the
    page's answer to a request, not a problem of a letter."""

    def __init__(self, status: int, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.file: str | None = None
        self.line: int | None = None
        self.source: str | None = None
        self.detail = message
