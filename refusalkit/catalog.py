"""The old name of refusalkit.searchpath, kept so that code written against earlier
versions (`from refusalkit.catalog import SearchPath` for Engine(path=...)) still runs.
Nothing in refusalkit imports it: "catalog" names the gettext catalogs only."""

from .searchpath import (DOMAIN, TEMPLATE_SUFFIX, Language, PathLike, SearchPath, languages, outside,
                         template_languages, template_name)

__all__ = ["DOMAIN", "TEMPLATE_SUFFIX", "Language", "PathLike", "SearchPath", "languages", "outside",
           "template_languages", "template_name"]
