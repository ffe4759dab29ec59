"""What `draft` does around a letter on its way into an email: the warning for an
unfinished template, --edit for eml and mailto, and what --copy puts on the clipboard."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

import click

from .errors import RefusalkitError

if TYPE_CHECKING:
    from .api import Letter

# What an unfinished template leaves in a letter: a note to self, or a Jinja
# expression that reached the text unrendered (e.g. from a translation).
_UNFINISHED = r"\b(?:TODO|FIXME)\b|\{\{"


def draft_warning(letter: Letter) -> str | None:
    """One line for stderr if the letter's templates (never the client's values, which are
    placeholders at this point) left TODO, FIXME or "{{" in the letter or its subject."""
    rendered = letter.rendered
    for where, text in (("subject", rendered.subject), ("letter", rendered.markdown)):
        if "TODO" not in text and "FIXME" not in text and "{{" not in text:
            continue  # the usual case, without compiling the pattern
        found = re.search(_UNFINISHED, text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            place = "the subject" if where == "subject" else f"line {line} of the letter"
            return (f"refusalkit: warning: {place} contains {found.group()!r}, left by a template "
                    f"({rendered.template}): finish the template, or edit the letter before you send it")
    return None


def edit_letter(letter: Letter) -> Letter:
    """The letter after its Markdown was edited in $EDITOR: its text and HTML parts (and so
    its eml or mailto) are made from the edited Markdown as from any drafted letter."""
    edited = click.edit(letter.markdown, extension=".md", require_save=False)
    if edited is None or not edited.strip():
        raise RefusalkitError("cancelled: the edited letter is empty, nothing was output")
    return letter.edited(edited if edited.endswith("\n") else edited + "\n")


def to_clipboard(letter: Letter, fmt: str, edited: str | None, markdown_on_purpose: bool) -> str:
    """Put the letter on the clipboard; returns the note for stderr.

    HTML and the plain text with unwrapped paragraphs, whatever the format, but Markdown
    (as plain text) with an explicit --format md. A letter edited as md, html or text:
    the edited Markdown becomes HTML and text as a drafted letter does; edited HTML goes
    on as it is, with its text; edited plain text goes on as it is."""
    from .clipboard import copy

    prefer_html = fmt not in ("text", "mailto")  # what a one-flavour clipboard (wl-copy, pbcopy) gets
    if fmt == "md" and markdown_on_purpose:
        return copy(edited if edited is not None else letter.markdown, None)
    if edited is None:
        return copy(letter.unwrapped, letter.html, prefer_html=prefer_html)
    if fmt == "md":
        letter = letter.edited(edited)
        return copy(letter.unwrapped, letter.html, prefer_html=prefer_html)
    if fmt == "html":
        from .formats import html_to_text

        return copy(html_to_text(edited), edited)
    return copy(edited, None)


def deliver(letter: Letter, text: str, fmt: str, eml: Callable[[], bytes], output: str | None, force: bool,
            edit: bool, open_: bool, copy_: bool, markdown_on_purpose: bool) -> None:
    """The end of `draft` and `reply`: --edit for md/html/text, then stdout or -o (an .eml
    written as `eml()` gives it, CRLF), --open for a mailto link, --copy."""
    edited: str | None = None
    if edit and fmt not in ("eml", "mailto"):
        edited = click.edit(text, extension={"md": ".md", "html": ".html"}.get(fmt, ".txt"), require_save=False)
        if edited is None or not edited.strip():
            raise RefusalkitError("cancelled: the edited letter is empty, nothing was output")
        text = edited = edited if edited.endswith("\n") else edited + "\n"
    if output and output != "-":
        from .output import write_atomic

        write_atomic(output, eml() if fmt == "eml" else text, force=force)
    else:
        click.echo(text, nl=False)
    if open_ and click.launch(text.strip()) != 0:
        click.echo("refusalkit: note: no program here opens mailto: links (xdg-open, open, start); "
                   "the link is on stdout", err=True)
    if copy_:
        click.echo(to_clipboard(letter, fmt, edited, markdown_on_purpose), err=True)
