"""The gettext catalogs: complete, not fuzzy, placeholders intact, in step with the sources.

This is the translator workflow's guard: a msgid added to a template or to the
code without `pybabel update` (README, "Translations") fails here.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/refusalkit.po"))


@functools.cache  # the sources do not change during a run: extracted once, not once a catalog
def extracted() -> frozenset[tuple[str | None, str]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                "npgettext": ((1, "c"), 2, 3), "N_": None}
    out: set[tuple[str | None, str]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords, strip_comment_tags=True):
        msgid = message[0] if isinstance(message, (tuple, list)) else message
        out.add((context, msgid))
    return frozenset(out)


def test_greetings_use_only_the_name_fields() -> None:
    from refusalkit.render import GREETING_FIELD, GREETINGS, INFORMAL_GREETING, UNKNOWN_GREETINGS

    for po in CATALOGS:
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for msgid in [*GREETINGS.values(), INFORMAL_GREETING, *UNKNOWN_GREETINGS.values()]:
            translated = catalog.get(msgid).string
            leftover = GREETING_FIELD.sub("", translated)
            assert "{" not in leftover and "%" not in leftover, f"{po}: {translated!r}"
            assert translated.endswith(","), f"{po}: {translated!r}"


def test_there_are_catalogs_for_de_en_tr() -> None:
    assert {p.parent.parent.name for p in CATALOGS} >= {"de_DE", "en_GB", "tr_TR"}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_catalog_is_complete_and_current(po: Path) -> None:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    messages = [m for m in catalog if m.id]
    assert not [m.id for m in messages if m.fuzzy], f"{po}: fuzzy entries"
    assert not [m.id for m in messages if not m.string], f"{po}: untranslated entries"
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, f"{po}: {problems}"
    have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in messages}
    want = extracted()
    assert want - have == set(), f"{po}: missing msgids, run pybabel extract + update"
    assert have - want == set(), f"{po}: obsolete msgids, run pybabel update"
