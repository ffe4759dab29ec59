"""Hypothesis strategies and checks shared by the property tests: hostile text,
wild values, records, and what a letter or a clean error must look like."""

from __future__ import annotations

import json
import os
import re
import traceback
import unicodedata
from html.parser import HTMLParser
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st

from refusalkit.cli import cli

from .helpers import only_notes

FORMATS = ("md", "html", "text")
LANGS = ("de", "en", "tr")
REASONS = ("nonpayment", "capacity", "guarantee")
FIELDS = ("name", "first_name", "surname", "title", "salutation", "formal", "email", "company", "language",
          "relationship", "request", "amount_due", "currency", "end_date", "referrals", "resources",
          "extra_key", "client", "__class__", "")
TEXT_FIELDS = ("name", "first_name", "surname", "title", "company", "request")

PRIVATE = "".join(chr(c) for c in range(0xE000, 0xE012))  # the engine's placeholder characters
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
NASTY = ("\x00\x01\x07\x08\x1b\x7f\x85\x9b\u2028\u2029\ufeff\u200b\u200d\u00a0\u3000\u1680\t\r\n\x0b\x0c"
         "\x1c\x1d\x1e\x1f" + PRIVATE + BIDI + "{}%<>&[]()*_`#!|~\\\"'=-+.:/;@$^ ")
PAYLOADS = (
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</p><h1>x</h1>", "<!-- x -->", "<![CDATA[x]]>",
    "Eve [click](https://evil.example) **Boss**", "![x](https://evil.example/x.png)", "<https://evil.example>",
    "{{ 7*7 }}", "{% for x in range(9) %}x{% endfor %}", "{# c #}", "{{ client.__class__.__mro__ }}",
    "%(name)s", "%s %d", "{0}", "\ue0000\ue001", "\ue0001\ue001", "\ue0020\ue001", "\ue010signature\ue011",
    "\ue010greeting\ue011", "\ue000", "\ue001", "&amp; &lt;b&gt; &#60;", "# heading", "1. item", "- item",
    "> quote", "---", "===", "`code`", "~~del~~", "| a | b |", "a\\", "\\", "*", "_", "__init__",
    "[^1]", "[x]: https://evil.example", "<div markdown=1>*x*</div>", "  ", "javascript:alert(1)",
)

nasty_char = st.one_of(st.characters(), st.sampled_from(NASTY))
nasty_text = st.one_of(
    st.text(nasty_char, max_size=40),
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(nasty_char, max_size=8)), max_size=6).map(" ".join),
)
# Printable text, no control characters or line breaks: what a validator should accept.
clean_char = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
clean_text = st.one_of(
    st.text(clean_char, min_size=1, max_size=40),
    st.sampled_from([p for p in PAYLOADS if p.strip()]),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(clean_char, min_size=1, max_size=10)),
             min_size=1, max_size=5).map(" ".join),
).filter(lambda s: any(unicodedata.category(c) not in ("Cf", "Zs") for c in s))  # not only invisible


@st.composite
def huge_text(draw: Any) -> str:
    unit = draw(st.one_of(st.text(nasty_char, min_size=1, max_size=5), st.sampled_from(PAYLOADS[:4])))
    n = draw(st.sampled_from([70, 79, 150, 201, 1000, 4001, 20_000, 100_000]))
    return (unit * (n // len(unit) + 1))[:n]


scalar = st.one_of(
    nasty_text, st.none(), st.booleans(),
    st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([float("nan"), float("inf"), -0.0, 1e308]),
    st.sampled_from(["ms", "MR ", "none", "Mrs", "client", " Prospect", "friend", "true", "yes", "de", "TR",
                     "en-GB", "EUR", "eur", "ZZZ", "€", "2026-12-31", "20261231", "2026-02-30", "0001-01-01",
                     "9999-12-31T23:59:59", "1234.50", "1e-999999999", "0.001", "1e14", "-0", "1_000", "NaN",
                     "sNaN", "Infinity", "١٢٣", "kim@example.com", "@", "a@b@c", "Prof. Dr.-Ing.", "Dr. med."]),
)
wild = st.recursive(
    st.one_of(scalar, huge_text()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(nasty_char, max_size=8),
                                                                          inner, max_size=4)),
    max_leaves=12,
)
referral = st.fixed_dictionaries({"name": clean_text}, optional={"contact": scalar, "note": scalar, "x": wild})
resource = st.fixed_dictionaries(
    {"title": clean_text, "url": st.one_of(st.sampled_from(
        ["https://example.com/a_(b)?c=<d>&e", "mailto:kim@example.com", "https://e.x/\ue0000\ue001",
         "https://evil.example/\"onmouseover=alert(1)", "http://x/" + "a" * 300, "javascript:alert(1)"]),
        scalar)})
field_value = st.one_of(wild, st.lists(referral, max_size=3), st.lists(resource, max_size=3))
# Well-typed values (with hostile text) per field, so that many examples reach a letter.
PLAUSIBLE = {
    **{f: st.one_of(clean_text, nasty_text) for f in TEXT_FIELDS},
    "salutation": st.sampled_from(["ms", "mr", "none", " MS ", "Mr"]),
    "formal": st.booleans(),
    "email": st.one_of(st.emails(), st.sampled_from(["kim@example.com", "\"<b>\"@example.com"])),
    "language": st.sampled_from(["de", "en", "tr", "DE", " tr "]),
    "relationship": st.sampled_from(["prospect", "client", " Client "]),
    "amount_due": st.one_of(st.decimals(min_value=0, max_value=10**15 - 1, places=2, allow_nan=False).map(str),
                            st.integers(0, 10**15 - 1), st.floats(0, 1e6).map(lambda f: round(f, 2))),
    "currency": st.sampled_from(["EUR", "usd", "TRY", "GBP", "CHF"]),
    "end_date": st.dates().map(lambda d: d.isoformat()),
    "referrals": st.lists(referral, max_size=3),
    "resources": st.lists(resource, max_size=3),
}
plausible_record = st.fixed_dictionaries({"name": clean_text}, optional={
    **{k: v for k, v in PLAUSIBLE.items() if k != "name"}, "extra_key": wild, "client": wild})

# The default run tries a property with its quick count of examples; CI's slow step runs every
# property (pytest -m "slow or hypothesis") with REFUSALKIT_DEEP_PROPERTIES=1: the deep count.
DEEP = os.environ.get("REFUSALKIT_DEEP_PROPERTIES") == "1"


def examples(quick: int, deep: int) -> int:
    return deep if DEEP else quick


SETTINGS = settings(max_examples=examples(15, 120), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.large_base_example])


# --------------------------------------------------------------------------- running and checking


def invoke(record: dict[str, Any], fmt: str, *, lang: str | None = "en", reason: str = "capacity",
           args: tuple[str, ...] = ()) -> Result:
    argv = ["draft", "--reason", reason, "--format", fmt, "--client", "-", *args]
    if lang:
        argv += ["--lang", lang]
    return CliRunner().invoke(cli, argv, input=json.dumps(record).encode("utf-8"))


def check_clean(result: Result) -> bool:
    """A letter or one clean error line; returns True for a letter."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        pytest.fail(f"uncaught exception (a traceback for the user):\n{detail}")
    assert "Traceback" not in result.output
    if currently_in_test_context():
        event(f"exit {result.exit_code}")
    if result.exit_code == 0:
        assert only_notes(result.stderr), result.stderr
        assert result.stdout.strip(), "exit 0 but no letter"
        return True
    assert result.exit_code in (1, 2), (result.exit_code, result.stderr)
    assert result.stdout == "", "an error must not print a (partial) letter"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {result.stderr!r}"
    assert lines[0].startswith("refusalkit: error: "), lines[0]
    assert "\x1b" not in result.stderr
    return False


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}={value!r}"
            if name == "href":
                assert value and re.match(r"(https?://|mailto:)", value), f"href {value!r}"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.tags.append(("!" + decl.lower(), ()))

    def unknown_decl(self, data: str) -> None:
        self.tags.append(("![" + data, ()))


def parse(doc: str) -> Tags:
    p = Tags()
    p.feed(doc)
    p.close()
    return p


ALLOWED_TAGS = {"!doctype html", "html", "head", "meta", "title", "body", "p", "ul", "ol", "li", "a", "br",
                "strong", "em"}


def check_letter(out: str, fmt: str, record: dict[str, Any]) -> None:
    supplied = json.dumps(record, ensure_ascii=False)
    if not re.search(f"[{PRIVATE}]", supplied):
        assert not re.search(f"[{PRIVATE}]", out), "an internal placeholder leaked into the letter"
    if fmt == "text":
        long = [line for line in out.splitlines() if len(line) > 78]
        assert not long, f"text lines longer than 78: {long[:2]!r}"
    elif fmt == "html":
        doc = parse(out)
        assert {t for t, _ in doc.tags} <= ALLOWED_TAGS, doc.tags
        assert not doc.comments, doc.comments
        assert "<img" not in out.lower() and "<script" not in out.lower() and "<h1" not in out.lower()


def fold(value: str) -> str:
    return " ".join(value.split())
