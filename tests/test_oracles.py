"""Speed oracles: each shortcut the hot path takes (text wrapping, block-by-block
conversion, quoted-printable by lines and letter kinds, the clean-text check, HTML escaping) gives
what the full way gives. Thousands of examples each: marked slow (CI runs them in
a step of its own)."""

from __future__ import annotations

import html
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("shared_engine")]  # one built-in Engine: tests/conftest.py


def _textwrap_layout(prefix: str, text: str, width: int = 72) -> str:
    """formats._wrap as it was before its shortcut for lines that fit: textwrap for every line."""
    import textwrap

    out: list[str] = []
    indent = " " * len(prefix)
    for i, line in enumerate(text.split("\n")):
        first = prefix if i == 0 else indent
        out.extend(textwrap.wrap(line, width=width, initial_indent=first, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False) or [first.rstrip()])
    return "\n".join(out)


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(["", "- ", "12. "]),
       st.text(alphabet=st.sampled_from(list("ab ü\t\u00a0\u200bx.-\n")), max_size=90))
def test_wrapping_shortcut_is_textwrap(prefix: str, text: str) -> None:
    from refusalkit.formats import _break_long, _wrap, lay_out

    assert _wrap(prefix, text) == _textwrap_layout(prefix, text)
    # lay_out's own shortcut for a line that fits, against the way round it
    whole = "\n".join(piece for line in _textwrap_layout(prefix, text).split("\n") for piece in _break_long(line))
    assert lay_out(prefix, text) == whole


_INLINE = st.sampled_from(["Dank", "*Sie*", "**klar**", "`code`", "[Link](https://x.example/a_b)", "<b>x</b>",
                           "\\<img\\>", "a_b_c", "&amp;", "&copy", "1.", "-", "#", "Müller", "[x][ref]", "<https://a.b>",
                           "  ", "\\*", "~~", "|", "===", "---", "\ue0003\ue001"])
_LINE = st.lists(_INLINE, min_size=1, max_size=6).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    st.lists(_LINE, min_size=1, max_size=3).map("\n".join),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    _LINE.map(lambda line: "## " + line),
    _LINE.map(lambda line: line + "\n" + "=" * 3),
    st.sampled_from(["---", "* * *", "> quoted", "<div>raw</div>", "[ref]: https://x.example", "    code",
                     "- item\n  continued", "Gruß  \nAnna  \nBerater", "1986\\. Jahr"]),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCK, min_size=1, max_size=8))
def test_block_by_block_conversion_is_the_whole_letters(blocks: list[str]) -> None:
    from refusalkit.formats import Converter, _parse_text, independent_blocks

    text = "\n\n".join(blocks) + "\n"
    found = independent_blocks(text)
    event("block by block" if found is not None else "whole letter")
    converter = Converter()
    whole = converter.convert(text)
    if found is not None:
        assert "\n".join(converter.convert(b) for b in found) == whole
    assert converter.fragment(text) == whole
    assert converter.text_blocks(text) == _parse_text(whole)
    assert converter.text_blocks(text) == _parse_text(whole)  # again, from the kept blocks


def test_letters_convert_block_by_block_as_whole_letters() -> None:
    """Every reason, language, relationship and register: each letter's blocks are
    independent (so the kept paragraphs serve), and converted block by block they give
    what converting the whole letter gives."""
    from refusalkit.api import Engine, draft
    from refusalkit.formats import _parse_text, independent_blocks

    from .helpers import every_reason

    engine = Engine()
    records = [{"name": "Anna"},
               {"name": "Dr. Anna Öz", "company": "X & <Y>", "request": "a *b* [c](d)", "salutation": "ms",
                "email": "a@b.c", "referrals": [{"name": "R", "contact": "r@x.y"}],
                "resources": [{"title": "T", "url": "https://x.y/a_b"}]}]
    for reason, relationship in every_reason():
        for lang in ("de", "en", "tr"):
            for formal in (True, False):
                for record in records:
                    record = {**record, "relationship": relationship, "formal": formal}
                    markdown = draft(reason, record, lang=lang, engine=engine).rendered.markdown
                    assert independent_blocks(markdown) is not None, (reason, lang, relationship, formal)
                    whole = engine.converter.convert(markdown)
                    assert engine.converter.fragment(markdown) == whole
                    assert engine.converter.text_blocks(markdown) == _parse_text(whole)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab .=\t-üİ€\u00a0>F")), max_size=200), max_size=6))
def test_quoted_printable_by_lines_is_b2a_qp_of_the_whole(lines: list[str]) -> None:
    """mail._Kind encodes runs of lines (each ending in a line end, none with a CR) apart:
    as the whole text would be, plain and format=flowed."""
    from refusalkit.formats import flow_line, to_flowed
    from refusalkit.mail import Mail, _qp

    text = "".join(line + "\n" for line in lines)
    assert b"".join(_qp(line + "\n") for line in lines) == Mail.quoted_printable(text)
    assert b"".join(_qp(flow_line(line) + "\n") for line in lines) == Mail.quoted_printable(text, flowed=True)


_VALUE = st.text(alphabet=st.sampled_from(list("ab =\t\r-üİ€\u00a0>*_<&\u202e")), min_size=1, max_size=90)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["capacity", "free-work", "guarantee"]), st.sampled_from(["de", "en", "tr"]),
       _VALUE, _VALUE, st.one_of(st.none(), _VALUE), st.booleans(), st.one_of(st.none(), _VALUE),
       st.one_of(st.none(), _VALUE))
def test_an_eml_from_its_letters_kind_is_the_whole_way(reason: str, lang: str, first: str, last: str,
                                                       company: str | None, formal: bool, request: str | None,
                                                       subject: str | None) -> None:
    """Mail.kinds: the parts of letters of one kind (one Markdown of the render memo), their
    client-free lines encoded once, and its Subject, From and Content-Language lines where
    the subject holds no client text, are the bytes of the whole way (Mail.text_part,
    quoted_printable of Letter.html, Mail.top), for client text with white space, CRs,
    QP's '=' and bidi controls, a request in the subject and a subject given; the
    second letter of a kind is made from the kept kind."""
    import re

    from refusalkit.api import Engine, draft
    from refusalkit.errors import RecordError

    def same(raw: bytes) -> bytes:
        raw = re.sub(rb"Date: [^\r]*\r\n|Message-ID: [^\r]*\r\n", b"", raw)
        return re.sub(rb"===============[0-9a-f]+==", b"BOUNDARY", raw)

    engine = Engine()
    whole = Engine()
    whole.mail.kind = lambda letter: None  # type: ignore[method-assign]
    made = 0
    for name in ("Kim Mayer", f"{first} {last}"):  # the first of the kind, then one from it (mostly)
        record = {"name": name, "company": company, "formal": formal, "email": "kim@example.com", "request": request}
        try:
            letters = [draft(reason, record, lang=lang, engine=e) for e in (engine, whole)]
            emls = [same(letter.eml(subject)) for letter in letters]
        except RecordError:
            continue  # a value no letter takes (a bidi control in a name): refused alike by both
        assert emls[0] == emls[1]
        made += 1
    assert len(engine.mail.kinds) >= min(made, 1)  # the letters came from kinds


def _clean_text_as_it_was(value: Any, one_line: bool, limit: int) -> Any:
    """records._text before its shortcut for printable text: what it returned, or the error."""
    from refusalkit.errors import RecordError
    from refusalkit.records import _check_chars

    try:
        _check_chars(value, "row 1", "name", one_line)
    except RecordError as exc:
        return str(exc)
    value = " ".join(value.split())
    if len(value) > limit:
        return f"row 1: field 'name' is too long ({len(value)} characters; at most {limit})"
    if value.isprintable():
        return value or None
    return value if any(unicodedata.category(ch) not in ("Cf", "Zs") for ch in value) else None


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Ü.\t\n\u00a0\u200b\u2028\x1f\x85\ue000\u3000")), max_size=12),
       st.booleans(), st.sampled_from([5, 200]))
def test_clean_text_shortcut_is_the_full_check(value: str, one_line: bool, limit: int) -> None:
    from refusalkit.errors import RecordError
    from refusalkit.records import _text

    try:
        got: Any = _text(value, "row 1", "name", one_line=one_line, limit=limit)
    except RecordError as exc:
        got = str(exc)
    assert got == _clean_text_as_it_was(value, one_line, limit)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a&<>\"' ;#xü\ue000")), max_size=30))
def test_html_escape_is_the_standard_librarys(text: str) -> None:
    from refusalkit.formats import html_escape

    assert html_escape(text) == html.escape(text)
