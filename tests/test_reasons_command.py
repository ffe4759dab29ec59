"""`refusalkit reasons`: each reason's id, its title and description in the chosen language,
the relationships it fits and its aliases, wrapped between words to the terminal's width."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from refusalkit import reasons
from refusalkit.api import default_engine
from refusalkit.cli import cli
from refusalkit.i18n import translations


def listing(lang: str, columns: int) -> str:
    result = CliRunner().invoke(cli, ["reasons", "--lang", lang], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def blocks(text: str) -> dict[str, list[str]]:
    """The listing by reason id: its lines (a reason starts at a line that is not indented)."""
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if not line.startswith(" "):
            current = out.setdefault(line.split()[0], [])
        current.append(line)
    return out


def every_reason() -> list[Any]:
    return reasons.all_reasons(default_engine().path)


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
@pytest.mark.parametrize("columns", [80, 50])
def test_reasons_fit_the_terminal_and_wrap_between_words(lang: str, columns: int) -> None:
    text = listing(lang, columns)
    assert max(len(line) for line in text.splitlines()) < columns
    trans = translations(default_engine().languages[lang])
    found = blocks(text)
    for reason in every_reason():
        lines = found[reason.id]
        joined = " ".join(line.strip() for line in lines)
        # the description's words, whole and in order: no word cut in two at the line's end
        assert trans.gettext(reason.description) in joined, (reason.id, lines)


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
def test_reasons_show_the_title_in_the_chosen_language(lang: str) -> None:
    trans = translations(default_engine().languages[lang])
    found = blocks(listing(lang, 200))
    for reason in every_reason():
        assert found[reason.id][0] == f"{reason.id} — {trans.gettext(reason.title)}"
    if lang != "en":  # translated, not the English title
        capacity = reasons.find(default_engine().path, "capacity")
        assert trans.gettext(capacity.title) != capacity.title


def test_reasons_list_their_aliases_and_relationships() -> None:
    found = blocks(listing("en", 200))
    for reason in every_reason():
        last = found[reason.id][-1].strip()
        assert last.startswith("for: " + ", ".join(reason.relationships))
        if reason.aliases:
            assert last.endswith("aliases: " + ", ".join(reason.aliases))
    assert any(reason.aliases for reason in every_reason())
