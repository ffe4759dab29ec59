"""Every reason x language x relationship x register x format, against reviewed files.

Regenerate on purpose with `pytest tests/test_golden.py --update-golden` and
read the diff: these files are the product.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refusalkit.api import default_engine
from refusalkit.reasons import all_reasons

from .helpers import DATA, cli_letter

GOLDEN = Path(__file__).parent / "golden"
EXT = {"md": "md", "html": "html", "text": "txt"}
RECORDS = {"formal": DATA / "formal.toml", "informal": DATA / "informal.json"}


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


def test_every_golden_file_is_still_produced() -> None:
    expected = set()
    for reason, lang, rel, register in combinations():
        stem = f"{reason}/{lang}-{rel}-{register}"
        expected |= {f"{stem}.{ext}" for ext in EXT.values()} | {f"{stem}-no-explain.md"}
    present = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert present - expected == set(), "stale golden files: delete them"
    assert expected - present == set()
