"""Where templates and catalogs are found, which languages exist, and template names.

The search path is a list of folders, a team's first and the built-in one last,
so a team template with the same name wins (Jinja's FileSystemLoader semantics).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple, Sequence

from .paths import data_dir

DOMAIN = "refusalkit"
TEMPLATE_SUFFIX = ".md.j2"


class Language(NamedTuple):
    """A letter language: `code` as users type it (de), `locale` for CLDR (de_DE)."""

    code: str
    locale: str
    po: Path


class SearchPath(NamedTuple):
    templates: tuple[Path, ...]
    locales: tuple[Path, ...]

    @classmethod
    def builtin(cls, extra_templates: Sequence[Path] = (), extra_locales: Sequence[Path] = ()) -> SearchPath:
        return cls(
            templates=(*extra_templates, data_dir("templates")),
            locales=(*extra_locales, data_dir("locales")),
        )


def template_name(reason: str, lang: str) -> str:
    return f"{reason}/{lang}{TEMPLATE_SUFFIX}"


def languages(path: SearchPath) -> dict[str, Language]:
    """Every language with a catalog, by code; the first folder that has one wins."""
    found: dict[str, Language] = {}
    for root in path.locales:
        try:
            names = sorted(os.listdir(root))
        except OSError:
            continue
        for locale in names:
            po = root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
            if po.is_file():
                code = locale.split("_")[0].lower()
                found.setdefault(code, Language(code=code, locale=locale, po=po))
    return found


def template_languages(path: SearchPath, reason: str) -> set[str]:
    """Languages in which `reason` has a template somewhere on the search path."""
    out: set[str] = set()
    for root in path.templates:
        folder = root / reason
        if folder.is_dir():
            out.update(p.name[: -len(TEMPLATE_SUFFIX)] for p in folder.glob("*" + TEMPLATE_SUFFIX))
    return out
