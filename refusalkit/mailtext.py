"""What `draft` does around a letter on its way into an email: the warning for an
unfinished template, --edit for eml and mailto, and what --copy puts on the clipboard."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

import click

from .errors import RefusalkitError
from .formats import Converter  # imported with every letter (api.py)

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


# The backslash escapes of the md format that python-markdown does not know: "|" and "~"
# (GFM tables, strikethrough), "<" and ">" (raw HTML). Escaped once in client text.
_FOREIGN_ESCAPE = r"\\([\\|~<>])"


def _plain(escaped: str) -> str:
    r"""Markdown-escaped client text (formats.md_escape) without the escapes only other Markdown
    dialects need: what a person editing the letter should see ("A|B <x> ~y", not
    "A\|B \<x\> \~y"). A ">" that starts the value keeps its escape (a quote block).

    >>> _plain(r"A\|B \<x\> \~y \*z\*"), _plain(r"\> a \\\| b")
    ('A|B <x> ~y \\*z\\*', '\\> a \\\\| b')
    """
    head = len(escaped) - len(escaped.lstrip())
    start = head + 2 if escaped.startswith("\\>", head) else head
    return escaped[:start] + re.sub(_FOREIGN_ESCAPE, lambda m: m[0] if m[1] == "\\" else m[1], escaped[start:])


def edit_markdown(letter: Letter) -> str:
    """The letter's Markdown as it is given to $EDITOR for an eml or mailto: client text
    escaped only where python-markdown, which makes the parts, reads an escape."""
    from .formats import md_escape, md_url, quote_markdown

    text = letter.rendered.slots.fill(letter.rendered.markdown, lambda v: _plain(md_escape(v)), md_url)
    if letter.quoted is not None:
        quote = quote_markdown(*letter.quoted).split("\n")
        text += "\n".join(line[:2] + _plain(line[2:]) if line.startswith("> ") else _plain(line) for line in quote)
    return text


def edited_letter(letter: Letter, markdown_text: str) -> Letter:
    """`letter` remade from Markdown edited by hand, with a converter (EditedConverter) for
    which "<" is always a character."""
    edited = letter.edited(markdown_text)
    edited.converter = EditedConverter()
    return edited


def edit_letter(letter: Letter) -> Letter:
    """The letter after its Markdown was edited in $EDITOR: its text and HTML parts (and so
    its eml or mailto) are made from the edited Markdown as from any drafted letter."""
    edited = click.edit(edit_markdown(letter), extension=".md", require_save=False)
    if edited is None or not edited.strip():
        raise RefusalkitError("cancelled: the edited letter is empty, nothing was output")
    return edited_letter(letter, edited if edited.endswith("\n") else edited + "\n")


class EditedConverter(Converter):
    """python-markdown for a letter edited by hand. The editor shows client text as typed
    ("<x>", "A|B"), so "<" is always a character here: no raw HTML, no <autolink>; the HTML
    part escapes it like any text. The escapes of the md format that python-markdown lacks
    (\\| \\~ \\< \\& \\=) are read as escapes, so an edited md letter (--edit -f md --copy)
    shows the plain characters too."""

    def _new_markdown(self) -> Any:
        md = super()._new_markdown()
        for name in ("html", "autolink", "automail"):
            md.inlinePatterns.deregister(name, strict=False)
        md.preprocessors.deregister("html_block", strict=False)
        md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, "|", "~", "<", "&", "="]
        return md


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
        letter = edited_letter(letter, edited)
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
