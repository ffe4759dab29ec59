"""render.py: the Jinja environment, here its cache of compiled templates (Jinja's
public BytecodeCache API): it never changes a letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from refusalkit.api import Engine, draft
from refusalkit.searchpath import SearchPath

TEMPLATE = '{% extends "_base/en.md.j2" %}\n{% block reason %}\nI am WORD.\n{% endblock %}\n'


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REFUSALKIT_NO_CACHE", raising=False)
    (tmp_path / "templates" / "capacity").mkdir(parents=True)
    return tmp_path


def letter(team: Path, word: str) -> str:
    (team / "templates" / "capacity" / "en.md.j2").write_text(TEMPLATE.replace("WORD", word), encoding="utf-8")
    engine = Engine(SearchPath.builtin(extra_templates=[team / "templates"]))
    return draft("capacity", {"name": "Kim"}, lang="en", engine=engine).markdown


def test_compiled_templates_are_cached_and_an_edit_is_compiled_again(team: Path) -> None:
    assert "I am busy." in letter(team, "busy")
    cached = list((team / "cache").rglob("*.cache"))
    assert cached  # the compiled templates were written
    assert "I am away." in letter(team, "away")  # same name, new source: not the cached code


def test_a_broken_cache_file_is_compiled_again(team: Path) -> None:
    letter(team, "busy")
    for file in (team / "cache").rglob("*.cache"):
        file.write_bytes(file.read_bytes()[:40])  # truncated
    assert "I am busy." in letter(team, "busy")
    for file in (team / "cache").rglob("*.cache"):
        file.write_bytes(b"not jinja")
    assert "I am busy." in letter(team, "busy")


def test_an_unwritable_cache_is_skipped(team: Path) -> None:
    (team / "cache").write_text("a file where the folder would be", encoding="utf-8")
    assert "I am busy." in letter(team, "busy")
