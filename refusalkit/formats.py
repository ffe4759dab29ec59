"""From a rendered letter (Markdown with placeholders) to md, html and plain text.

Each conversion works on the placeholder form and fills in client values last,
escaped for the target: Markdown backslash escapes, HTML entities, or nothing
for plain text. What a conversion keeps lives on the Engine's Converter, so
a paragraph that many letters share is converted once.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from typing import Any

from .memo import LETTERS, Memo
from .render import Rendered

# CommonMark lets any ASCII punctuation be backslash-escaped; escape only what
# could open markup inside a line, plus what starts a block at a line's start.
# The patterns are compiled on first need (re's cache), not at every start.
_MD_INLINE = str.maketrans({ch: "\\" + ch for ch in "\\`*[]<>~|"})
_MD_UNDERSCORE = r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"
_MD_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"
_MD_LINE_START = r"^(\s*)([-+#=>]|\d+(?=[.)]))"
_MD_BLOCK_CHARS = "-+#=>"  # with a digit, what _MD_LINE_START can find after the leading space


def md_escape(text: str) -> str:
    r"""Escape client text so that Markdown shows it literally.

    >>> md_escape("Eve [click](https://evil.example) **Boss**")
    'Eve \\[click\\](https://evil.example) \\*\\*Boss\\*\\*'
    >>> md_escape("Müller & Söhne, snake_case")
    'Müller & Söhne, snake_case'
    >>> md_escape("<img src=x onerror=alert(1)>")
    '\\<img src=x onerror=alert(1)\\>'
    """
    text = text.translate(_MD_INLINE)
    if "_" in text:
        text = re.sub(_MD_UNDERSCORE, r"\\_", text)
    if "&" in text:
        text = re.sub(_MD_ENTITY, r"\\&", text)
    first = text.lstrip()[:1]  # \s is str.isspace, \d str.isdecimal
    m = re.match(_MD_LINE_START, text) if first and (first in _MD_BLOCK_CHARS or first.isdecimal()) else None
    if m:
        if m.group(2).isdigit():
            end = m.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = text[: m.start(2)] + "\\" + text[m.start(2):]
    return text


def html_escape(text: str) -> str:
    """html.escape(text): & < > " ' as entities. The same replacements in the same order,
    without importing the html module, whose table of named entities costs a batch
    process about a millisecond to load."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def md_url(url: str) -> str:
    """A link destination: characters that would end or break it are percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def to_markdown(letter: Rendered) -> str:
    return letter.slots.fill(letter.markdown, md_escape, md_url)


# python-markdown converts a block alone exactly as within the letter when no block
# can reach into another: no indented line (code, list continuation), no raw HTML or
# quote at a line's start (HTML blocks, merged quotes), no link reference definition
# (global). Blocks with a list that follow each other (items separated by blank lines,
# as a house style's resources are) can merge into one list, so such a run is one
# unit. tests/test_property.py checks this against whole-letter conversion.
_LIST_BLOCK = re.compile(r"^(?:[*+-]|\d+[.)])[ \t]", re.MULTILINE)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)


def independent_blocks(markdown_text: str) -> list[str] | None:
    """The letter's top-level blocks (a run of blocks with lists as one), if each
    converts alone as it does within the letter."""
    body = markdown_text.strip("\n")
    units: list[str] = []
    previous_list = False
    for block in body.split("\n\n"):
        if not block or block[0] in " \t\n<>" or "\n " in block or "\n\t" in block or "\n<" in block \
                or "\n>" in block:
            return None
        is_list = _LIST_BLOCK.search(block) is not None  # a list may also start below a heading
        if is_list and previous_list:
            units[-1] += "\n\n" + block
        else:
            units.append(block)
        previous_list = is_list
    if _REFERENCE.search(body):
        return None
    return units


class Converter:
    """What converting letters to html and text needs and keeps, one per Engine.

    The letters of a batch (or of a preview session) share most of their
    paragraphs: a paragraph's placeholders stand for the client text, which is
    filled in last. So the HTML and the text blocks of each paragraph are kept
    (bounded: memo.Memo) and converted once, and python-markdown runs only for a
    paragraph not met before. Each thread gets its own python-markdown instance
    (it keeps state while converting), so threads may draft side by side.
    """

    def __init__(self, limit: int = 1024) -> None:
        # A letter's Markdown -> [its HTML, its text blocks] (None: not yet). Letters from
        # the Engine's render memo share one Markdown string: found without hashing it again.
        self.letters: Memo = Memo(min(limit, LETTERS))
        self.html: Memo = Memo(limit)  # a block of Markdown -> its HTML
        self.text: Memo = Memo(limit)  # a block of Markdown -> its text blocks
        self.laid: Memo = Memo(limit)  # (prefix, text) -> the text laid out (lay_out)
        self._local = threading.local()

    def convert(self, markdown_text: str) -> str:
        """python-markdown's HTML for `markdown_text`."""
        md = getattr(self._local, "markdown", None)
        if md is None:
            md = self._local.markdown = self._new_markdown()
        return md.reset().convert(markdown_text)

    def _new_markdown(self) -> Any:
        """A python-markdown instance for one thread."""
        import markdown  # only html needs it: about 50 ms to import

        return markdown.Markdown(output_format="html")

    def block_html(self, block: str) -> str:
        found = self.html.get(block)
        if found is None:
            found = self.html[block] = self.convert(block)
        return found

    def _letter(self, markdown_text: str) -> list[Any]:
        entry = self.letters.get(markdown_text)
        if entry is None:
            entry = self.letters[markdown_text] = [None, None]
        return entry

    def fragment(self, markdown_text: str) -> str:
        """The HTML of a letter's Markdown: block by block where that gives the same."""
        entry = self._letter(markdown_text)
        if entry[0] is None:
            blocks = independent_blocks(markdown_text)
            entry[0] = self.convert(markdown_text) if blocks is None else \
                "\n".join(self.block_html(b) for b in blocks)
        return entry[0]

    def text_blocks(self, markdown_text: str) -> list[tuple[str, str]]:
        """The letter's blocks for plain text: (first-line prefix, text with placeholders)."""
        entry = self._letter(markdown_text)
        if entry[1] is None:
            blocks = independent_blocks(markdown_text)
            if blocks is None:
                entry[1] = _parse_text(self.fragment(markdown_text))
            else:
                found: list[tuple[str, str]] = []
                for block in blocks:
                    parsed = self.text.get(block)
                    if parsed is None:
                        parsed = self.text[block] = _parse_text(self.block_html(block))
                    found.extend(parsed)
                entry[1] = found
        return entry[1]

    def lay_out(self, prefix: str, text: str) -> str:
        """lay_out(prefix, text), kept: most paragraphs recur in other letters."""
        key = (prefix, text)
        found = self.laid.get(key)
        if found is None:
            found = self.laid[key] = lay_out(prefix, text)
        return found


def _fragment(letter: Rendered, converter: Converter) -> str:
    if "html_fragment" not in letter.cache:
        letter.cache["html_fragment"] = converter.fragment(letter.markdown)
    return letter.cache["html_fragment"]


def _style_block(fragment: str) -> str:
    # Email editors drop <style> blocks; inline styles are what survives a paste.
    return (fragment.replace("<p>", '<p style="margin:0 0 1em 0">')
            .replace("<ul>", '<ul style="margin:0 0 1em 0;padding-left:1.5em">')
            .replace("<ol>", '<ol style="margin:0 0 1em 0;padding-left:1.5em">'))


def html_document(letter: Rendered, converter: Converter) -> tuple[str, str, str]:
    """The HTML document around its body, and the body with its placeholders, styled:
    to_html() is head + the body filled + foot."""
    if "html_styled" not in letter.cache:
        # Styled before the values go in (escaped, they hold no tag).
        letter.cache["html_styled"] = _style_block(_fragment(letter, converter))
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_escape(letter.lang.tag)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_escape(letter.subject)}</title>\n"  # the subject may hold the request: filled as the body
        "</head>\n"
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">\n'
    )
    return head, letter.cache["html_styled"], "\n</body>\n</html>\n"


def to_html(letter: Rendered, converter: Converter) -> str:
    """A complete HTML document that pastes cleanly into an email editor."""
    head, body, foot = html_document(letter, converter)
    return letter.slots.fill(head, html_escape) + letter.slots.fill(body, html_escape, html_escape) + foot


def _wrap(prefix: str, text: str, width: int = 72) -> str:
    import textwrap

    out = []
    indent = " " * len(prefix)
    for i, line in enumerate(text.split("\n")):
        first = prefix if i == 0 else indent
        if line and len(first) + len(line) <= width and line.isprintable() and not line.endswith(" "):
            out.append(first + line)  # what textwrap gives a line that fits, without its cost
            continue
        wrapped = textwrap.wrap(line, width=width, initial_indent=first, subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
        out.extend(wrapped)
    return "\n".join(out)


def _break_long(line: str, limit: int = 78) -> list[str]:
    """A word longer than a line (a URL, a pasted token) is cut so no line exceeds 78."""
    if len(line) <= limit:
        return [line]
    return [line[i : i + limit] for i in range(0, len(line), limit)]


_BREAKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")  # a tag that ends a block


class _TextBlocks:
    """HTML fragment -> blocks of (first-line prefix, text), links as 'text (url)': the
    handlers of an html.parser.HTMLParser, which _parser_class() adds."""

    def reset_blocks(self) -> None:
        self.blocks: list[tuple[str, str]] = []
        self.buf: list[str] = []
        self.prefix = ""
        self.lists: list[list[int]] = []  # per open list: [its last number], or [-1] for bullets
        self.href: list[str | None] = []
        self.link_start: list[int] = []

    def flush(self) -> None:
        text = "".join(self.buf)
        lines = [re.sub(r"[ \t\r]+", " ", line).strip(" ") for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append((self.prefix, text))
        self.buf, self.prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS or tag == "hr":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self.flush()
            self.prefix = self._item_prefix()
        elif tag == "br":
            self.buf.append("\n")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_start.append(len("".join(self.buf)))

    def _item_prefix(self) -> str:
        """The next item's "3. " in a numbered list, "- " in any other."""
        counter = self.lists[-1] if self.lists else [-1]
        if counter[0] < 0:
            return "- "
        counter[0] += 1
        return f"{counter[0]}. "

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS or tag == "li":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "a" and self.href:
            self._end_link()

    def _end_link(self) -> None:
        """A link's URL after its text, unless the text says it already."""
        href = self.href.pop()
        start = self.link_start.pop()
        label = "".join(self.buf)[start:]
        if href and href != label and href.removeprefix("mailto:") != label:
            self.buf.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.buf.append(data)


@functools.cache  # a class, built on first need: html.parser is imported only for text
def _parser_class() -> Any:
    from html.parser import HTMLParser

    class Parser(_TextBlocks, HTMLParser):
        def __init__(self) -> None:
            HTMLParser.__init__(self, convert_charrefs=True)
            self.reset_blocks()

    return Parser


def _parse_text(fragment: str) -> list[tuple[str, str]]:
    parser = _parser_class()()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.blocks


def lay_out(prefix: str, text: str, width: int = 72) -> str:
    """One block wrapped at `width`, list items indented under their marker; no line over 78."""
    if len(prefix) + len(text) <= width and text and "\n" not in text and text.isprintable() \
            and not text.endswith(" "):
        return prefix + text  # a line that fits: what _wrap and _break_long leave as it is
    return "\n".join(piece for line in _wrap(prefix, text, width).split("\n") for piece in _break_long(line))


def unwrapped(prefix: str, text: str) -> str:
    """One block as it is: a paragraph on one line (its own line breaks kept), list
    items' further lines indented under their marker."""
    return prefix + text.replace("\n", "\n" + " " * len(prefix)) if prefix else text


def to_text(letter: Rendered, converter: Converter, width: int = 72) -> str:
    """A plain-text body: no Markdown left, paragraphs wrapped at `width` columns (72,
    for a terminal or a file), or with `width=0` one line per paragraph (what goes
    into an email: the mail program wraps it; see to_flowed)."""
    if "text_blocks" not in letter.cache:
        letter.cache["text_blocks"] = converter.text_blocks(letter.markdown)
    return blocks_text(letter.cache["text_blocks"], lambda text: letter.slots.fill(text, str, str),
                       converter, width)


def blocks_text(blocks: list[tuple[str, str]], fill: Callable[[str], str], converter: Converter | None,
                width: int = 72) -> str:
    out: list[str] = []
    previous_item = False
    for prefix, text in blocks:
        item = bool(prefix)
        if out:
            out.append("\n" if item and previous_item else "\n\n")
        filled = fill(text)
        if width == 0:
            out.append(unwrapped(prefix, filled))
        else:
            out.append(converter.lay_out(prefix, filled) if width == 72 and converter is not None
                       else lay_out(prefix, filled, width))
        previous_item = item
    return "".join(out) + "\n"


def html_to_text(document: str) -> str:
    """The unwrapped plain text of an HTML letter (or of what is between its <body>
    tags), by the parser that makes every letter's text: for an HTML letter edited by hand."""
    start = re.search(r"<body\b[^>]*>", document, re.IGNORECASE)
    end = max((m.start() for m in re.finditer(r"</body\s*>", document, re.IGNORECASE)), default=len(document))
    body = document[start.end() if start else 0: end]
    return blocks_text(_parse_text(body), lambda text: text, None, width=0)


# --- RFC 3676 format=flowed (DelSp=no) ------------------------------------------------------------
# A line that ends in a space is soft: a reader that knows format=flowed joins it to the next
# and wraps the paragraph to its window; one that does not shows the lines as they are, at
# most `width` columns (a word longer than that, such as a URL, stays whole on its own line:
# with DelSp=no it cannot be cut). A line that starts with a space, ">" or "From " is
# space-stuffed (one space in front, which the reader removes).

def _stuffed(line: str) -> str:
    return " " + line if line.startswith((" ", ">", "From ")) else line


def flow_line(line: str, width: int = 72) -> str:
    r"""One hard line of text as format=flowed lines.

    >>> flow_line("From here on, a line > 30 columns long", 30).split("\n")
    [' From here on, a line > 30 ', 'columns long']
    >>> flow_line("a > b https://example.org/a/very/long/path", 10).split("\n")
    ['a > b ', 'https://example.org/a/very/long/path']
    """
    line = line.rstrip(" ")  # a hard line break: no space before it
    if len(line) <= width:
        return _stuffed(line)
    pieces: list[str] = []
    start = 0
    while len(line) - start > width:
        cut = line.rfind(" ", start + 1, start + width)
        if cut < 0:  # a word longer than a line: whole, up to the next space
            cut = line.find(" ", start + width)
            if cut < 0:
                break
        end = cut + 1
        while end < len(line) and line[end] == " ":  # the spaces stay at the end of the line
            end += 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return "\n".join(map(_stuffed, pieces))


def to_flowed(text: str, width: int = 72) -> str:
    """Unwrapped text (one line per paragraph) as format=flowed text, DelSp=no."""
    return "\n".join(flow_line(line, width) for line in text.split("\n"))


# --- a reply's quote: the client's message below the letter ---------------------------------------

def _quote_lines(original: str) -> list[str]:
    """The lines of `original` as a plain-text quote: "> " before each (">" before a line
    already quoted or empty). Lines are not wrapped again, as mail clients quote: the
    client's own line breaks stay where they were."""
    return [(">" if line.startswith(">") or not line else "> ") + line
            for line in (line.rstrip() for line in original.strip("\n").split("\n"))]


def quote_text(attribution: str, original: str) -> str:
    """The quote of a reply in plain text, after the letter: the attribution line, then the
    original's lines behind "> "."""
    return "\n" + attribution + "\n" + "\n".join(_quote_lines(original)) + "\n"


def quote_markdown(attribution: str, original: str) -> str:
    """The quote of a reply in Markdown: the attribution, then a quote block of the original,
    every line escaped and kept a line of its own (two spaces at its end: a hard break in
    CommonMark and Python-Markdown alike)."""
    lines = [md_escape(line.rstrip()) for line in original.strip("\n").split("\n")]
    body = "\n".join("> " + line + ("  " if line and i < len(lines) - 1 and lines[i + 1] else "")
                     if line else ">" for i, line in enumerate(lines))
    return "\n" + md_escape(attribution) + "\n\n" + body + "\n"


def quote_flowed(attribution: str, original: str, width: int = 72) -> str:
    """The quote of a reply in an .eml's format=flowed text part (RFC 3676, 4.5): the quoted
    lines carry their depth in ">" marks (a line already quoted one more), then a space, and
    a long line flows on lines of its own depth, which a mail program joins again."""
    out = [flow_line(attribution, width)]
    for line in original.strip("\n").split("\n"):
        line = line.rstrip()
        content = line.lstrip(">")
        marks = ">" * (len(line) - len(content) + 1)
        content = content[1:] if content.startswith(" ") else content  # "> x": its stuffing space
        if not content:
            out.append(marks)
            continue
        # flow_line's pieces without their stuffing: after the marks and a space none is needed
        pieces = flow_line(content, max(width - len(marks) - 1, 20)).split("\n")
        out.extend(f"{marks} {piece[1:] if piece.startswith(' ') else piece}" for piece in pieces)
    return "\n" + "\n".join(out) + "\n"


def quote_html(attribution: str, original: str) -> str:
    """The quote of a reply in HTML, to go before </body>: the attribution, then the original's
    text (escaped: the client's message is data) as a blockquote, line breaks kept."""
    lines = "<br>\n".join(html_escape(line.rstrip()) for line in original.strip("\n").split("\n"))
    return ('<p style="margin:1.5em 0 0.5em 0;color:#555">' + html_escape(attribution) + "</p>\n"
            '<blockquote style="margin:0 0 0 0.8ex;border-left:2px solid #ccc;'
            'padding-left:1ex;color:#555">\n' + lines + "\n</blockquote>\n")
