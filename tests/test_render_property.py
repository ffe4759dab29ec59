"""Property tests of the output side (render.py, formats.py): client text is only ever
data; it never becomes markup, a template expression or an over-long line, in md,
html and text."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from .strategies import (
    FORMATS,
    LANGS,
    REASONS,
    SETTINGS,
    TEXT_FIELDS,
    check_clean,
    check_letter,
    clean_text,
    fold,
    invoke,
    parse,
)

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

# --------------------------------------------------------------------------- client text is only ever data


def _benign(record: dict[str, Any]) -> dict[str, Any]:
    """The same record with every text value replaced by plain words (same emptiness)."""
    out = dict(record)
    for key in ("name", "company", "request"):
        if isinstance(out.get(key), str) and out[key].strip():
            out[key] = "Plain Words"
    return out


def shown_name(record: dict[str, Any]) -> str:
    """The name as a letter writes it: as typed, but for what the name parser takes
    out of it (a typed salutation or title, the surname-first form, capitals)."""
    from refusalkit.records import parse_record

    return parse_record(record).name or ""


def shown_request(request: str, lang: str) -> str:
    """The request as a letter writes it: as typed, but quotes inside German quotes are single."""
    from refusalkit.render import inner_quotes

    return inner_quotes(request) if lang == "de" else request


@SETTINGS
@given(name=clean_text, company=clean_text, request=clean_text, lang=st.sampled_from(LANGS),
       reason=st.sampled_from(REASONS), relationship=st.sampled_from(["prospect", "client"]),
       formal=st.booleans())
def test_client_text_never_changes_the_html_structure(name: str, company: str, request: str, lang: str,
                                                      reason: str, relationship: str, formal: bool) -> None:
    record = {"name": name, "company": company, "request": request, "relationship": relationship,
              "formal": formal}
    result = invoke(record, "html", lang=lang, reason=reason)
    assume(check_clean(result))  # a too-long value is a fair error
    check_letter(result.stdout, "html", record)
    plain = invoke(_benign(record), "html", lang=lang, reason=reason)
    assert check_clean(plain)
    assert parse(result.stdout).tags == parse(plain.stdout).tags, "client text changed the markup"
    text = fold("".join(parse(result.stdout).text))
    if formal:
        assert fold(shown_name(record)) in text, "the name is not shown as written"
    if relationship == "prospect":  # an English client letter thanks for the work, not for the request
        assert fold(shown_request(request, lang)) in text, "the request is not shown as written"


@SETTINGS
@given(name=clean_text, request=clean_text, lang=st.sampled_from(LANGS), reason=st.sampled_from(REASONS),
       relationship=st.sampled_from(["prospect", "client"]))
def test_client_text_never_changes_the_markdown_structure(name: str, request: str, lang: str, reason: str,
                                                          relationship: str) -> None:
    import markdown

    record = {"name": name, "request": request, "relationship": relationship}
    result = invoke(record, "md", lang=lang, reason=reason)
    assume(check_clean(result))
    plain = invoke(_benign(record), "md", lang=lang, reason=reason)
    assert check_clean(plain)
    ours = parse(markdown.markdown(result.stdout))
    theirs = parse(markdown.markdown(plain.stdout))
    assert [t for t, _ in ours.tags] == [t for t, _ in theirs.tags], "client text became Markdown markup"
    assert len(result.stdout.split("\n\n")) == len(plain.stdout.split("\n\n")), "client text added a paragraph"


@SETTINGS
@given(name=clean_text, request=clean_text, company=clean_text, lang=st.sampled_from(LANGS),
       reason=st.sampled_from(REASONS))
@example(name="{{ 7*7 }}", request="{% if true %}yes{% endif %} {{ 6*7 }}", company="x", lang="en",
         reason="capacity")
@example(name="\ue0001\ue001 \ue010signature\ue011", request="\ue0000\ue001", company="\ue002", lang="de",
         reason="nonpayment")
def test_client_text_appears_in_the_text_letter_as_written(name: str, request: str, company: str, lang: str,
                                                           reason: str) -> None:
    record = {"name": name, "request": request, "company": company, "salutation": "none", "formal": True}
    result = invoke(record, "text", lang=lang, reason=reason)
    assume(check_clean(result))
    check_letter(result.stdout, "text", record)
    out = fold(result.stdout)
    assert fold(shown_name(record)) in out
    assert fold(shown_request(request, lang)) in out
    if "{{ 7*7 }}" in name:
        assert "49" not in out and "42" not in out


# --------------------------------------------------------------------------- the spec's own examples


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("field", TEXT_FIELDS + ("referral", "resource", "extra"))
def test_img_onerror_never_becomes_markup(fmt: str, field: str) -> None:
    payload = "<img src=x onerror=alert(1)>"
    record: dict[str, Any] = {"name": "Kim Mayer", "relationship": "client"}
    if field == "referral":
        record["referrals"] = [{"name": payload, "contact": payload, "note": payload}]
    elif field == "resource":
        record["resources"] = [{"title": payload, "url": "https://example.com/img?src=x&onerror=alert(1)"}]
    elif field == "extra":
        record["note"] = payload
    elif field == "name":
        record["name"] = "Kim " + payload
    else:
        record[field] = payload
    for lang in LANGS:
        result = invoke(record, fmt, lang=lang, reason="capacity")
        if field == "title":
            assert check_clean(result) or "title" in result.stderr
            continue
        assert check_clean(result), result.stderr
        check_letter(result.stdout, fmt, record)
        if fmt == "html":
            assert "<img" not in result.stdout
        if fmt == "md":
            assert not re.search(r"(?<!\\)<img", result.stdout), "unescaped <img in Markdown"
            import markdown

            assert "<img" not in markdown.markdown(result.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_name_stays_literal(lang: str) -> None:
    import markdown

    name = "Eve [click](https://evil.example) **Boss**"
    result = invoke({"name": name}, "md", lang=lang)
    assert check_clean(result)
    assert r"Eve \[click\](https://evil.example) \*\*Boss\*\*" in result.stdout
    rendered = markdown.markdown(result.stdout)
    assert "<a " not in rendered and "<strong>" not in rendered
    html_out = invoke({"name": name}, "html", lang=lang).stdout
    assert html.escape(name, quote=False) in html_out and "<a " not in html_out and "<strong>" not in html_out
    text_out = invoke({"name": name}, "text", lang=lang).stdout
    assert name in text_out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_template_syntax_in_a_name_is_printed_as_written(fmt: str, lang: str) -> None:
    result = invoke({"name": "Kim {{ 7*7 }} Mayer {% raw %}", "request": "{{ client.__class__ }}"}, fmt, lang=lang)
    assert check_clean(result), result.stderr
    out = html.unescape(result.stdout)
    if fmt == "md":
        out = re.sub(r"\\(.)", r"\1", out)  # Markdown backslash escapes show the character itself
    assert "{{ 7*7 }}" in out and "49" not in out
    assert "{% raw %}" in out
    assert "{{ client.__class__ }}" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_placeholder_characters_in_client_text_are_only_data(fmt: str) -> None:
    # The engine marks client values with U+E000..U+E011; a client value that
    # looks like a placeholder must not pull in another value or split a part.
    record = {"name": "Kim \ue0001\ue001 Mayer", "company": "\ue010signature\ue011",
              "request": "\ue0000\ue001\ue0020\ue001", "relationship": "prospect"}  # prospects see their request
    result = invoke(record, fmt, reason="nonpayment")
    if check_clean(result):
        out = result.stdout
        assert "\ue0001\ue001" in out and "\ue0000\ue001\ue0020\ue001" in out
        assert out.count("Kim") == invoke({**record, "name": "Kim Mayer"}, fmt, reason="nonpayment").stdout.count("Kim")


@pytest.mark.parametrize("lang", LANGS)
def test_long_words_and_long_values_wrap_in_text(lang: str) -> None:
    record = {"name": "K" * 200, "request": ("Supercalifragilistic" * 10 + " ") * 15, "relationship": "client",
              "referrals": [{"name": "R" * 200, "contact": "https://example.com/" + "p" * 250, "note": "n " * 200}],
              "resources": [{"title": "T" * 300, "url": "https://example.com/" + "u" * 1900}]}
    result = invoke(record, "text", lang=lang, reason="capacity")
    assert check_clean(result), result.stderr
    check_letter(result.stdout, "text", record)
