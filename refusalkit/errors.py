"""The few exceptions refusalkit raises; the CLI prints their message as one line."""

from __future__ import annotations


class RefusalkitError(Exception):
    """Base class: a problem the user can fix, described in one actionable line."""

    exit_code = 1


class UsageError(RefusalkitError):
    """The command was asked for something that does not exist (reason, language, file)."""

    exit_code = 2


class RecordError(RefusalkitError):
    """A client record (file, stdin or options) has a missing, malformed or wrong field."""


class TemplateError(RefusalkitError):
    """A template or catalog is broken: the message names the file and line."""


class OutputError(RefusalkitError):
    """The letter could not be written where it was asked to go."""
