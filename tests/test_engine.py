"""api.Engine: all state lives on an Engine; two Engines share no cache, and no
module keeps one."""

from __future__ import annotations

import functools
import importlib
import pkgutil

import pytest

import refusalkit
from refusalkit.api import Engine, draft
from refusalkit.memo import Memo

CACHES = ("rendered", "pieces", "tidied", "catalogs", "reason_files", "converter")


def test_two_engines_share_no_cache() -> None:
    first, second = Engine(), Engine()
    for engine in (first, second):
        assert draft("capacity", {"name": "Kim Mayer"}, lang="de", engine=engine).text
    for name in CACHES:
        assert getattr(first, name) is not getattr(second, name), name
    assert first.pieces and first.tidied and first.catalogs and first.reason_files


def test_no_module_keeps_a_cache() -> None:
    """A Memo, an lru_cache or a dict of results at module level would be shared by
    every Engine of the process (serve.py is split elsewhere and left out here).
    formats._parser_class and inquiry._lines_parser cache a class definition, built on first
    need: no data."""
    found = []
    for info in pkgutil.iter_modules(refusalkit.__path__):
        if info.name in ("serve", "__main__"):
            continue
        module = importlib.import_module(f"refusalkit.{info.name}")
        for name, value in vars(module).items():
            if f"{info.name}.{name}" in ("formats._parser_class", "inquiry._lines_parser"):
                continue
            if isinstance(value, Memo) or (isinstance(value, functools._lru_cache_wrapper)
                                           and getattr(value, "__module__", "") == module.__name__):
                found.append(f"{info.name}.{name}")
    assert not found


def test_draft_without_an_engine_keeps_nothing() -> None:
    assert draft("capacity", {"name": "Kim"}, lang="en").markdown == \
        draft("capacity", {"name": "Kim"}, lang="en", engine=Engine()).markdown
    from refusalkit import api

    assert not any(isinstance(v, Engine) for v in vars(api).values())


def test_only_the_front_door_makes_letters() -> None:
    """Letter and Rendered are made in api.py alone (and Rendered by render.py, which only api.py calls)."""
    import ast
    from pathlib import Path

    makers = {"Letter": {"api.py"}, "Rendered": {"api.py", "render.py"}, "render": {"api.py", "render.py"}}
    found = []
    for path in sorted(Path(refusalkit.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else None
                if name in makers and path.name not in makers[name]:
                    found.append(f"{path.name}:{node.lineno} {name}()")
    assert not found


def test_draft_refuses_a_style_beside_an_engine_built_for_another():
    """A style next to an engine was silently ignored: the letter went out unsigned."""
    from refusalkit import api
    from refusalkit.style import Style
    signed = Style(sender={"name": "Katrin Vogel"})
    with pytest.raises(ValueError, match="Engine\\(style="):
        api.draft("capacity", {}, lang="de", style=signed, engine=api.Engine())
    engine = api.Engine(style=signed)
    assert "Katrin Vogel" in api.draft("capacity", {}, lang="de", style=signed, engine=engine).text


def test_default_engine_is_a_new_one_each_time_with_the_style_given() -> None:
    """draft() without engine= makes its Engine here (tests/conftest.py shares one per module)."""
    from refusalkit import api
    from refusalkit.style import Style

    signed = Style(sender={"name": "Katrin Vogel"})
    first, second = api.default_engine(signed), api.default_engine(signed)
    assert first is not second and first.style is signed and second.style is signed
    assert api.default_engine().style == Style()
    assert "Katrin Vogel" in draft("capacity", {}, lang="de", style=signed).text
