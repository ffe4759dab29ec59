"""From a rendered letter (Markdown with placeholders) to md, html and plain text.

Each conversion works on the placeholder form and fills in client values last,
escaped for the target: Markdown backslash escapes, HTML entities, or nothing
for plain text. Conversions are cached per placeholder form, so letters of the
same shape (batch) pay for the Markdown conversion once.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from .memo import Memo
from .render import SLOT_RE, Rendered

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


_MARKDOWN: Any = None


def _html_fragment(markdown_text: str) -> str:
    global _MARKDOWN
    if _MARKDOWN is None:
        import markdown  # only html needs it: about 50 ms to import

        _MARKDOWN = markdown.Markdown(output_format="html")
    return _MARKDOWN.reset().convert(markdown_text)


def prepare(fmt: str) -> None:
    """Import and build what converting to `fmt` needs now rather than on the first
    letter: batch does it before it forks its processes, which then share it. With
    blocks kept by earlier runs (BY_BLOCKS), the converters are imported only by a
    process that meets a block it does not know."""
    if fmt in ("text", "eml"):
        import textwrap  # noqa: F401 -- for lines that do not fit (_wrap)
    if BY_BLOCKS:
        if _STORE is None:
            _open_store()
        if _STORE:
            return
    if fmt in ("html", "text", "eml"):
        _html_fragment("")
    if fmt in ("text", "eml"):
        _text_parser()


def _fragment(letter: Rendered) -> str:
    if "html_fragment" not in letter.cache:
        letter.cache["html_fragment"] = _HTML_CACHE.get(letter.markdown) or _remember(letter.markdown)
    return letter.cache["html_fragment"]


_HTML_CACHE: Memo = Memo()
_STYLED: Memo = Memo()


# Block by block (batch): letters of one template share most of their paragraphs
# (the shapes differ in a greeting, a register, a company clause), so converting
# each distinct block once beats converting each distinct letter. python-markdown
# converts a block alone exactly as within the letter when no block can reach into
# another: no indented line (code, list continuation), no raw HTML or quote at a
# line's start (HTML blocks, merged quotes), no link reference definition (global).
# Blocks with a list that follow each other (items separated by blank lines, as a
# house style's resources are) can merge into one list, so such a run is converted
# as one. tests/test_property.py checks this against whole-letter conversion for
# arbitrary sequences of blocks.
BY_BLOCKS = False
_LIST_BLOCK = re.compile(r"^(?:[*+-]|\d+[.)])[ \t]", re.MULTILINE)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
_BLOCKS: Memo = Memo()  # a block -> [its HTML, its text blocks (or None: not yet)]


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


def _block(block: str) -> list[Any]:
    entry = _BLOCKS.get(block)
    if entry is None:
        if _STORE is None:
            _open_store()
        entry = _STORE.get(block) if _STORE else None
        entry = _BLOCKS[block] = list(entry) if _well_formed(entry) else [_html_fragment(block), None]
    return entry


def _well_formed(entry: Any) -> bool:
    """A kept block as keep_blocks() writes it: (its HTML, None or its text blocks)."""
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str)):
        return False
    found = entry[1]
    return found is None or (isinstance(found, list) and all(
        isinstance(b, tuple) and len(b) == 2 and isinstance(b[0], str) and isinstance(b[1], str) for b in found))


# The blocks of a batch, kept between runs (batch only) in the user's cache folder, as
# compiled templates are: a team drafts from the same templates run after run, and a run
# whose blocks are all known never imports python-markdown (about a tenth of a
# 1,000-letter run). A block holds placeholders, never client text; one with a digit
# outside them (an amount, a date from the record) is not kept. The file is named by
# what the conversion depends on: this module's code, python-markdown's version,
# Python's (html.parser, xml.etree), refusalkit's.
_STORE: dict[str, Any] | None = None  # None: not opened yet; {} also when there is no cache
_STORE_PATH: str | None = None
_STORE_LIMIT = 4096


def _store_path() -> str | None:
    import importlib.util
    import zlib

    from . import __version__
    from .paths import cache_dir

    try:
        spec = importlib.util.find_spec("markdown")
        folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
        if folder is None:
            return None
        with open(os.path.join(folder, "__meta__.py"), "rb") as fh:  # python-markdown's version
            key = zlib.crc32(fh.read())
        with open(__file__, "rb") as fh:
            key = zlib.crc32(fh.read(), key)
        key = zlib.crc32(sys.version.encode(), key)
    except (OSError, ImportError, ValueError):
        return None
    where = cache_dir(f"blocks-{__version__}-{key:08x}")
    return os.path.join(where, "blocks.marshal") if where else None


def _open_store() -> None:
    """The blocks kept by earlier runs (batch); empty if none or unreadable."""
    global _STORE, _STORE_PATH
    import marshal

    _STORE, _STORE_PATH = {}, _store_path()
    if _STORE_PATH is None:
        return
    try:
        with open(_STORE_PATH, "rb") as fh:
            kept = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if isinstance(kept, dict):
        _STORE = kept


def new_blocks() -> dict[str, Any]:
    """The blocks converted in this process that the store does not have yet."""
    if _STORE is None:
        return {}
    return {block: (entry[0], None if entry[1] is None else [tuple(b) for b in entry[1]])
            for block, entry in _BLOCKS.items()
            if (not _well_formed(_STORE.get(block)) or (entry[1] is not None and _STORE[block][1] is None))
            and not any(ch.isdigit() for ch in SLOT_RE.sub("", block))}


def keep_blocks(found: dict[str, Any]) -> None:
    """Add converted blocks (new_blocks() of this process and of others) to the store:
    written whole to a temporary file and moved into place; an error only means
    they are converted again next time."""
    global _STORE
    import marshal

    if not found or _STORE is None or _STORE_PATH is None:
        return
    kept = {} if len(_STORE) + len(found) > _STORE_LIMIT else dict(_STORE)  # full: start again
    kept.update(found)
    tmp = f"{_STORE_PATH}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(kept))
        os.replace(tmp, _STORE_PATH)
        _STORE = kept
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _remember(markdown_text: str) -> str:
    blocks = independent_blocks(markdown_text) if BY_BLOCKS else None
    if blocks is None:
        fragment = _html_fragment(markdown_text)
    else:
        fragment = "\n".join(_block(b)[0] for b in blocks)
    _HTML_CACHE[markdown_text] = fragment
    return fragment


def _style_block(fragment: str) -> str:
    # Email editors drop <style> blocks; inline styles are what survives a paste.
    return (fragment.replace("<p>", '<p style="margin:0 0 1em 0">')
            .replace("<ul>", '<ul style="margin:0 0 1em 0;padding-left:1.5em">')
            .replace("<ol>", '<ol style="margin:0 0 1em 0;padding-left:1.5em">'))


def html_document(letter: Rendered) -> tuple[str, str, str]:
    """The HTML document around its body, and the body with its placeholders, styled:
    to_html() is head + the body filled + foot."""
    if "html_styled" not in letter.cache:
        # Styled before the values go in (escaped, they hold no tag): once per shape in a batch.
        fragment = _fragment(letter)
        styled = _STYLED.get(fragment)
        if styled is None:
            styled = _STYLED[fragment] = _style_block(fragment)
        letter.cache["html_styled"] = styled
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_escape(letter.lang.code)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_escape(letter.subject)}</title>\n"  # the subject may hold the request: filled as the body
        "</head>\n"
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">\n'
    )
    return head, letter.cache["html_styled"], "\n</body>\n</html>\n"


def to_html(letter: Rendered) -> str:
    """A complete HTML document that pastes cleanly into an email editor."""
    head, body, foot = html_document(letter)
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


_PARSER: Any = None


def _text_parser() -> Any:
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser_class()
    return _PARSER()


def _parser_class() -> Any:
    from html.parser import HTMLParser

    class _TextBlocks(HTMLParser):
        """HTML fragment -> blocks of (first-line prefix, text), links as 'text (url)'."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.blocks: list[tuple[str, str]] = []
            self.buf: list[str] = []
            self.prefix = ""
            self.lists: list[list[int]] = []
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
            if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"):
                self.flush()
            elif tag in ("ul", "ol"):
                self.flush()
                self.lists.append([0 if tag == "ol" else -1])
            elif tag == "li":
                self.flush()
                counter = self.lists[-1] if self.lists else [-1]
                if counter[0] >= 0:
                    counter[0] += 1
                    self.prefix = f"{counter[0]}. "
                else:
                    self.prefix = "- "
            elif tag == "br":
                self.buf.append("\n")
            elif tag == "a":
                self.href.append(dict(attrs).get("href"))
                self.link_start.append(len("".join(self.buf)))

        def handle_endtag(self, tag: str) -> None:
            if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
                self.flush()
            elif tag in ("ul", "ol"):
                self.flush()
                if self.lists:
                    self.lists.pop()
            elif tag == "a" and self.href:
                href = self.href.pop()
                start = self.link_start.pop()
                label = "".join(self.buf)[start:]
                if href and href != label and href.removeprefix("mailto:") != label:
                    self.buf.append(f" ({href})")

        def handle_data(self, data: str) -> None:
            self.buf.append(data)

    return _TextBlocks


def text_blocks(letter: Rendered) -> list[tuple[str, str]]:
    """The letter's blocks for plain text: (first-line prefix, text with placeholders);
    computed once per placeholder form."""
    if "text_blocks" not in letter.cache:
        blocks = independent_blocks(letter.markdown) if BY_BLOCKS else None
        if blocks is None:
            letter.cache["text_blocks"] = _parse_text(_fragment(letter))
        else:
            found: list[tuple[str, str]] = []
            for block in blocks:
                entry = _block(block)
                if entry[1] is None:
                    entry[1] = _parse_text(entry[0])
                found.extend(entry[1])
            letter.cache["text_blocks"] = found
    return letter.cache["text_blocks"]


def _parse_text(fragment: str) -> list[tuple[str, str]]:
    parser = _text_parser()
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


def to_text(letter: Rendered, width: int = 72) -> str:
    """A plain-text email body: no Markdown left, paragraphs wrapped at 72 columns."""
    out: list[str] = []
    previous_item = False
    for prefix, text in text_blocks(letter):
        item = bool(prefix)
        if out:
            out.append("\n" if item and previous_item else "\n\n")
        out.append(lay_out(prefix, letter.slots.fill(text, str, str), width))
        previous_item = item
    return "".join(out) + "\n"


FORMATS = ("md", "html", "text")


def convert(letter: Rendered, fmt: str) -> str:
    if fmt == "md":
        return to_markdown(letter)
    if fmt == "html":
        return to_html(letter)
    if fmt == "text":
        return to_text(letter)
    raise ValueError(f"unknown format {fmt!r}")
