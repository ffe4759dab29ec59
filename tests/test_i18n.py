"""i18n.py: a catalog without a .mo (a source checkout, a team's locales folder) is
compiled with Babel once and kept in the user's cache folder by the .po's bytes; the
letters are the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from refusalkit import i18n
from refusalkit.api import Engine, draft


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REFUSALKIT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "refusalkit" / "catalogs-1"


def letter() -> str:
    return draft("capacity", {"name": "Kim Mayer", "salutation": "ms"}, lang="de", engine=Engine()).markdown


def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    compile_po = i18n._compile

    def compile_counted(po: str) -> bytes:
        calls.append(po)
        return compile_po(po)

    monkeypatch.setattr(i18n, "_compile", compile_counted)
    return calls


def test_a_catalog_is_compiled_once_and_read_from_the_cache_after(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted(monkeypatch)
    first = letter()
    assert len(calls) == 1 and calls[0].endswith("refusalkit.po")
    assert [p.suffix for p in cache.iterdir()] == [".mo"]
    assert letter() == first  # a new Engine: the kept catalog, the same letter
    assert len(calls) == 1


def test_a_broken_kept_catalog_is_compiled_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = letter()
    calls = counted(monkeypatch)
    for garbage in (b"", b"\xde\x12\x04\x95" + b"\x00" * 10, b"not a catalog"):
        for kept in cache.iterdir():
            kept.write_bytes(garbage)
        assert letter() == first
    assert len(calls) == 3


def test_an_edited_catalog_is_compiled_again(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = tmp_path / "locales" / "de_DE" / "LC_MESSAGES" / "refusalkit.po"
    po.parent.mkdir(parents=True)
    entry = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "{}"\n'
    po.write_text(entry.format("Hallo"), encoding="utf-8")
    assert i18n._translations(str(po)).gettext("Hello") == "Hallo"
    po.write_text(entry.format("Servus"), encoding="utf-8")
    assert i18n._translations(str(po)).gettext("Hello") == "Servus"
    assert len(list(cache.iterdir())) == 2


def test_without_a_cache_nothing_is_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSALKIT_NO_CACHE", "1")
    calls = counted(monkeypatch)
    first = letter()
    assert letter() == first
    assert len(calls) == 2 and not cache.exists()
