"""The search path: where templates and gettext catalogs are found, which letter
languages exist, and template names.

The search path is a list of folders, a team's first and the built-in one last,
so a team template with the same name wins (Jinja's FileSystemLoader semantics).
"""

# No `from __future__ import annotations` here: with it, typing.NamedTuple compiles
# each field's annotation string at import (a ForwardRef), which costs a cold start
# about half a millisecond over the NamedTuples a letter needs.
import os
from typing import NamedTuple, Sequence, Union

from .errors import LinkOutside
from .paths import data_dir

PathLike = Union[str, "os.PathLike[str]"]
DOMAIN = "refusalkit"
TEMPLATE_SUFFIX = ".md.j2"


class Language(NamedTuple):
    """A letter language: `code` as users type it (de), `locale` for CLDR (de_DE)."""

    code: str
    locale: str
    po: str

    @property
    def tag(self) -> str:
        """The BCP 47 tag an HTML lang attribute and a Content-Language header take:
        the locale's, so that an English letter says en-GB (British spelling), not en.

        >>> Language("en", "en_GB", "").tag
        'en-GB'
        """
        return self.locale.replace("_", "-")


class SearchPath(NamedTuple):
    templates: tuple[str, ...]
    locales: tuple[str, ...]

    @classmethod
    def builtin(cls, extra_templates: Sequence[PathLike] = (), extra_locales: Sequence[PathLike] = ()) -> "SearchPath":
        return cls(
            templates=(*(os.fspath(p) for p in extra_templates), data_dir("templates")),
            locales=(*(os.fspath(p) for p in extra_locales), data_dir("locales")),
        )


def outside(path: str, root: str) -> "LinkOutside | None":
    """The error to raise (or report) when `path`, found in the folder `root`, must not
    be read: it resolves (through a link to a file or a folder) to a place outside
    `root`; None when it is inside. Team folders are untrusted: a link must not put
    another file into a letter."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
        return None
    detail = (f"is a link to {real}, outside the folder {root}: refusalkit reads no file outside "
              "the folder it finds it in; copy the file into the folder instead")
    return LinkOutside(f"{path}: {detail}", file=path, detail=detail)


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
            po = os.path.join(root, locale, "LC_MESSAGES", f"{DOMAIN}.po")
            if os.path.isfile(po):
                code = locale.split("_")[0].lower()
                found.setdefault(code, Language(code=code, locale=locale, po=po))
    return found


def template_languages(path: SearchPath, reason: str) -> set[str]:
    """Languages in which `reason` has a template somewhere on the search path."""
    out: set[str] = set()
    for root in path.templates:
        try:
            names = os.listdir(os.path.join(root, reason))
        except OSError:
            continue
        out.update(n[: -len(TEMPLATE_SUFFIX)] for n in names if n.endswith(TEMPLATE_SUFFIX))
    return out
