"""The search path module (refusalkit/searchpath.py) under its old name."""

from __future__ import annotations


def test_the_old_module_name_still_imports() -> None:
    # refusalkit.catalog was the search path's module: code written against it keeps working
    from refusalkit import catalog, searchpath

    assert catalog.SearchPath is searchpath.SearchPath
    assert catalog.Language is searchpath.Language
    assert catalog.languages is searchpath.languages
