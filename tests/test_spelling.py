"""hunspell reads every letter: each reason x language x relationship x register.

Only the wording of templates and catalogs is checked: client values are left
out, so names and example data need no dictionary. Words that are right but
missing from Debian's dictionaries are in tests/data/spelling-<lang>.txt,
reviewed like code. CI installs hunspell with de_DE, en_GB and tr_TR and sets
REFUSALKIT_REQUIRE_SPELLCHECK=1, so there this check can never be skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from refusalkit import draft
from refusalkit.api import default_engine
from refusalkit.i18n import translations
from refusalkit.reasons import all_reasons

from .helpers import DATA

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

DICTS = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR"}
RECORD = {"name": "Kim Mayer", "request": "x", "amount_due": 10, "currency": "EUR", "end_date": "2026-12-31",
          "referrals": [{"name": "x", "contact": "x"}], "resources": [{"title": "x", "url": "https://example.org"}]}


def hunspell_or_skip(dictionary: str) -> str:
    exe = shutil.which("hunspell")
    reason = None
    if exe is None:
        reason = "hunspell is not installed (apt-get install hunspell hunspell-de-de hunspell-en-gb hunspell-tr)"
    else:
        probe = subprocess.run([exe, "-D"], input="", capture_output=True, text=True)
        if dictionary not in probe.stdout + probe.stderr:
            reason = f"the hunspell dictionary {dictionary} is not installed"
    if reason:
        if os.environ.get("REFUSALKIT_REQUIRE_SPELLCHECK"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert exe
    return exe


def wording(lang: str) -> str:
    """All template and catalog text of one language, without client values."""
    engine = default_engine()
    chunks = []
    for reason in all_reasons(engine.path):
        for rel in reason.relationships:
            for formal in (True, False):
                letter = draft(reason.id, {**RECORD, "relationship": rel, "formal": formal}, lang=lang)
                r = letter.rendered
                chunks.append(r.slots.fill(r.markdown, lambda v: " ", lambda v: " "))
                chunks.append(r.slots.fill(r.subject, lambda v: " "))  # the subject may hold the request
        trans = translations(engine.language(lang))
        chunks += [trans.gettext(reason.title), trans.gettext(reason.description)]
    text = "\n".join(chunks)
    text = re.sub(r"\]\([^)]*\)", " ", text)  # link destinations
    text = re.sub(r"(?<!\w)[-–](?!\w)", " ", text)  # list markers and dashes, not E-Mail
    return re.sub(r"[\\*_\[\]#>`]", " ", text)


@pytest.mark.parametrize("lang", sorted(DICTS))
def test_no_spelling_mistakes(lang: str) -> None:
    exe = hunspell_or_skip(DICTS[lang])
    words = DATA / f"spelling-{lang}.txt"
    cmd = [exe, "-d", DICTS[lang], "-l", "-i", "utf-8"]
    if words.is_file():
        cmd += ["-p", str(words)]
    result = subprocess.run(cmd, input=wording(lang), capture_output=True, text=True, check=True)
    unknown = sorted(set(result.stdout.split()))
    assert unknown == [], f"hunspell ({DICTS[lang]}) does not know: {unknown}"
