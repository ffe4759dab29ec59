"""Every reason x language x relationship x register x format, against reviewed files;
each formal letter also as .eml, and a house style's letters in every format.

Regenerate on purpose with `pytest tests/test_golden.py --update-golden` and
read the diff: these files are the product.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refusalkit.api import default_engine
from refusalkit.reasons import all_reasons

from .helpers import DATA
from .helpers import cli_letter as _cli_letter

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

GOLDEN = Path(__file__).parent / "golden"
EXT = {"md": "md", "html": "html", "text": "txt"}
RECORDS = {"formal": DATA / "formal.toml", "informal": DATA / "informal.json"}
HOUSE = DATA / "house" / "refusalkit.toml"
HOUSE_LETTERS = [("capacity", "de", "prospect"), ("capacity", "fr", "prospect"), ("nonpayment", "en", "client"),
                 ("nonpayment", "tr", "client")]
# the same house style's sender under informal letters: the given name under the closing
HOUSE_INFORMAL = [("capacity", "de", "prospect"), ("nonpayment", "en", "client"), ("nonpayment", "tr", "client")]


# The day every golden letter is written on (--date): deadlines a letter sets are counted
# from it, so the files do not change from one day to the next.
GOLDEN_DATE = "2026-12-01"


def cli_letter(*args: str) -> str:
    """`refusalkit draft ARGS` on GOLDEN_DATE."""
    return _cli_letter(*args, "--date", GOLDEN_DATE)


def normalised_eml(eml: str) -> str:
    """An .eml with what differs from run to run (Date, the random Message-ID and
    multipart boundary) replaced by fixed text."""
    eml = re.sub(r"^Date: .*$", "Date: (normalised)", eml, count=1, flags=re.M)
    eml = re.sub(r"^Message-ID: <[^@>]+@", "Message-ID: <(normalised)@", eml, count=1, flags=re.M)
    boundaries = set(re.findall(r'boundary="([^"]+)"', eml))
    for i, boundary in enumerate(sorted(boundaries)):
        eml = eml.replace(boundary, f"(boundary {i})")
    return eml


def combinations() -> list[tuple[str, str, str, str]]:
    engine = default_engine()
    out = []
    for reason in all_reasons(engine.path):
        for lang in sorted(engine.languages):
            for rel in reason.relationships:
                for register in RECORDS:
                    out.append((reason.id, lang, rel, register))
    return out


def check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}: run pytest --update-golden and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (pytest --update-golden, then review the diff)"


@pytest.mark.parametrize("reason,lang,rel,register", combinations())
def test_golden(reason: str, lang: str, rel: str, register: str, update_golden: bool) -> None:
    for fmt, ext in EXT.items():
        out = cli_letter("--reason", reason, "--lang", lang, "--client", str(RECORDS[register]),
                         "--relationship", rel, "--format", fmt)
        check(GOLDEN / reason / f"{lang}-{rel}-{register}.{ext}", out, update_golden)
    quiet = cli_letter("--reason", reason, "--lang", lang, "--client", str(RECORDS[register]),
                       "--relationship", rel, "--no-explain")
    check(GOLDEN / reason / f"{lang}-{rel}-{register}-no-explain.md", quiet, update_golden)
    if register == "formal":  # the record with an email address: a draft with a recipient
        eml = cli_letter("--reason", reason, "--lang", lang, "--client", str(RECORDS[register]),
                         "--relationship", rel, "--format", "eml")
        check(GOLDEN / reason / f"{lang}-{rel}-{register}.eml", normalised_eml(eml), update_golden)


@pytest.mark.parametrize("reason,lang,rel", HOUSE_LETTERS)
def test_house_style_golden(reason: str, lang: str, rel: str, update_golden: bool) -> None:
    """A team's house style (sender, resources by language, an override, a new language)."""
    for fmt, ext in {**EXT, "eml": "eml"}.items():
        out = cli_letter("--reason", reason, "--lang", lang, "--client", str(RECORDS["formal"]),
                         "--relationship", rel, "--format", fmt, "--style", str(HOUSE))
        check(GOLDEN / "_house" / f"{reason}-{lang}-{rel}.{ext}", normalised_eml(out) if fmt == "eml" else out,
              update_golden)


@pytest.mark.parametrize("reason,lang,rel", HOUSE_INFORMAL)
def test_house_style_informal_golden(reason: str, lang: str, rel: str, update_golden: bool) -> None:
    for fmt, ext in EXT.items():
        out = cli_letter("--reason", reason, "--lang", lang, "--client", str(RECORDS["informal"]),
                         "--relationship", rel, "--format", fmt, "--style", str(HOUSE))
        check(GOLDEN / "_house" / f"{reason}-{lang}-{rel}-informal.{ext}", out, update_golden)


def test_every_golden_file_is_still_produced() -> None:
    expected = set()
    for reason, lang, rel, register in combinations():
        stem = f"{reason}/{lang}-{rel}-{register}"
        expected |= {f"{stem}.{ext}" for ext in EXT.values()} | {f"{stem}-no-explain.md"}
        if register == "formal":
            expected.add(f"{stem}.eml")
    for reason, lang, rel in HOUSE_LETTERS:
        expected |= {f"_house/{reason}-{lang}-{rel}.{ext}" for ext in (*EXT.values(), "eml")}
    for reason, lang, rel in HOUSE_INFORMAL:
        expected |= {f"_house/{reason}-{lang}-{rel}-informal.{ext}" for ext in EXT.values()}
    present = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert present - expected == set(), "stale golden files: delete them"
    assert expected - present == set()
