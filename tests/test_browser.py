"""The HTML letter in a real browser: headless Chromium renders it, and the text
a reader sees has the greeting, the body and the closing; hostile client text
creates no element.

Needs Debian's chromium (/usr/bin/chromium). Without it the test is skipped
with the reason; CI installs it and sets REFUSALKIT_REQUIRE_BROWSER=1, so
there it can only be skipped where the browser cannot be installed (and
.ci/run says so loudly).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from refusalkit import draft

# a real Chromium (about a second of CPU to start, 5 s of wall on a busy machine): `slow`, run by
# CI's step 1a (pytest -m "slow or hypothesis") with REFUSALKIT_REQUIRE_BROWSER=1
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("shared_engine")]  # one built-in Engine: tests/conftest.py

# One Chromium run renders every letter of this module, each in a frame of its own: a
# launch costs about a second of CPU, the letters a fraction of that.
HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>harness</title></head><body>
%s<pre id="out"></pre>
<script>
// the window's load event comes after every frame's
window.addEventListener("load", function () {
  var seen = {};
  document.querySelectorAll("iframe").forEach(function (frame) {
    var d = frame.contentDocument;
    seen[frame.id] = {
      text: d.body.innerText, title: d.title, lang: d.documentElement.lang,
      elements: Array.from(d.body.querySelectorAll("*")).map(function (e) { return e.tagName.toLowerCase(); }),
      handlers: Array.from(d.querySelectorAll("*")).filter(function (e) {
        return Array.from(e.attributes).some(function (a) { return a.name.indexOf("on") === 0; }); }).length
    };
  });
  document.getElementById("out").textContent = JSON.stringify(seen);
});
</script></body></html>"""

ANNA = {"name": "Anna Schmidt", "title": "Dr.", "salutation": "ms", "relationship": "client", "amount_due": 1234.5,
        "currency": "EUR", "resources": [{"title": "Guide", "url": "https://example.org/guide"}]}
HOSTILE = {"name": "<img src=x onerror=alert(1)> <script>alert(2)</script>", "company": '"><svg onload=alert(3)>',
           "request": "<iframe src=javascript:alert(4)>"}
LETTERS = {lang: ("nonpayment", ANNA, lang) for lang in ("de", "en", "tr")}
LETTERS["hostile"] = ("capacity", HOSTILE, "en")


def browser() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        reason = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("REFUSALKIT_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return exe


def rendered(folder: Path, letters: dict[str, str]) -> dict[str, dict[str, object]]:
    """What Chromium shows of each HTML letter (by key): its text, title, lang, elements and handlers."""
    exe = browser()
    for key, letter_html in letters.items():
        (folder / f"letter-{key}.html").write_text(letter_html, encoding="utf-8")
    frames = "".join(f'<iframe id="{key}" src="letter-{key}.html"></iframe>' for key in letters)
    (folder / "harness.html").write_text(HARNESS % frames, encoding="utf-8")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--allow-file-access-from-files", f"--user-data-dir={folder / 'profile'}",
           "--virtual-time-budget=5000", "--dump-dom", (folder / "harness.html").as_uri()]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="out">(.*?)</pre>', out, re.S)
    assert m and m.group(1), f"the browser rendered nothing: {out[:500]!r}"
    return json.loads(html.unescape(m.group(1)))


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """Every letter of LETTERS as Chromium rendered it, by key."""
    letters = {key: draft(reason, record, lang=lang).html for key, (reason, record, lang) in LETTERS.items()}
    return rendered(tmp_path_factory.mktemp("chromium"), letters)


@pytest.mark.parametrize("lang,greeting,closing", [
    ("de", "Sehr geehrte Frau Dr. Schmidt,", "Mit freundlichen Grüßen"),
    ("en", "Dear Dr Schmidt,", "Yours sincerely,"),  # ROUND50-en item 7; r54: a formal letter to a named client
    ("tr", "Sayın Dr. Anna Schmidt,", "Saygılarımla"),
])
def test_letter_renders_in_chromium(chromium: dict[str, dict[str, object]], lang: str, greeting: str,
                                    closing: str) -> None:
    letter = draft("nonpayment", ANNA, lang=lang)
    seen = chromium[lang]
    text = str(seen["text"])
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == greeting and lines[-1] == closing
    refusal = letter.parts["refusal"]
    assert refusal in text and letter.parts["ending"].split(";")[0] in text
    assert seen["lang"] == {"de": "de-DE", "en": "en-GB", "tr": "tr-TR"}[lang] and seen["title"] == letter.subject


def test_hostile_text_creates_no_element_in_chromium(chromium: dict[str, dict[str, object]]) -> None:
    seen = chromium["hostile"]
    assert set(seen["elements"]) <= {"p", "ul", "li", "a", "br", "strong", "em"}  # type: ignore[arg-type]
    assert seen["handlers"] == 0
    assert "<img src=x onerror=alert(1)>" in str(seen["text"])
