"""Gettext catalogs: shared phrases (salutations, closings, subjects, reason titles).

An installed wheel carries compiled .mo files, read with the standard library's
GNUTranslations (Babel's `support.Translations` is a subclass of it, and the
same files); importing Babel's message tools would cost every start. In a source
checkout, a .po without a fresh .mo beside it is compiled with Babel, once: the
result is kept in the user's cache folder (REFUSALKIT_NO_CACHE=1: never kept).
"""

from __future__ import annotations

import gettext
import io
import os
from typing import Any, Iterator, MutableMapping

from .searchpath import Language, outside
from .errors import TemplateError
from .sandbox import percent_format


def _translations(po: str) -> gettext.GNUTranslations:
    mo = os.path.splitext(po)[0] + ".mo"
    # <root>/<locale>/LC_MESSAGES/refusalkit.po: neither it nor the .mo beside it
    # may lead out of the locales folder it was found in (a team's is untrusted).
    root = os.path.dirname(os.path.dirname(os.path.dirname(po)))
    for path in (po, mo):
        problem = outside(path, root) if os.path.lexists(path) else None
        if problem:
            raise problem
    try:
        if os.path.isfile(mo) and os.stat(mo).st_mtime >= os.stat(po).st_mtime:
            with open(mo, "rb") as fh:
                return gettext.GNUTranslations(fh)
        return _compiled(po)
    except FileNotFoundError:
        raise TemplateError(f"{po}: the catalog is missing: run `pybabel compile -d locales -D refusalkit`",
                            file=po, detail="the catalog is missing: run `pybabel compile -d locales -D refusalkit`"
                            ) from None
    except OSError as exc:
        raise TemplateError(f"{po}: cannot read the catalog ({exc})", file=po,
                            detail=f"cannot read the catalog ({exc})") from None


def _compiled(po: str) -> gettext.GNUTranslations:
    """A .po without a fresh .mo, compiled (_compile) and kept in the user's cache folder
    by the .po's bytes: importing Babel's message tools costs a run 40-100 ms, and a
    batch reads up to three catalogs (bench/README.md, "compiled catalogs"). The
    kept file is what _compile wrote; one that is unreadable, truncated or foreign
    is compiled again."""
    with open(po, "rb") as fh:
        source = fh.read()
    kept = _kept_file(source)
    if kept is not None:
        try:
            with open(kept, "rb") as fh:
                return gettext.GNUTranslations(fh)
        except Exception:  # noqa: BLE001 - not kept yet, or not a catalog: compile it
            pass
    mo = _compile(po)
    if kept is not None:
        from .paths import keep_in_cache

        keep_in_cache(kept, mo)
    return gettext.GNUTranslations(io.BytesIO(mo))


def _kept_file(source: bytes) -> str | None:
    from hashlib import sha256

    from .paths import cache_dir

    folder = cache_dir("catalogs-1")  # "-1": the files are Babel's write_mo without fuzzy entries
    return os.path.join(folder, sha256(source).hexdigest() + ".mo") if folder else None


def _compile(po: str) -> bytes:
    """The .mo file of `po`, compiled with Babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(po, "rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except PoFileError as exc:
        raise TemplateError(f"{po}: broken catalog: {exc}", file=po, line=getattr(exc, "lineno", None),
                            detail=f"broken catalog: {exc}") from None
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def translations(lang: Language,
                 cache: MutableMapping[str, gettext.GNUTranslations] | None = None) -> gettext.GNUTranslations:
    """The catalog for `lang`; a missing one is an error, never an English fallback.
    With `cache` (the Engine's), each catalog is read once."""
    po = os.fspath(lang.po)
    known = cache.get(po) if cache is not None else None
    if known is not None:
        return known
    if not os.path.isfile(po):
        raise TemplateError(f"{po}: no catalog for language {lang.code!r}", file=po,
                            detail=f"no catalog for language {lang.code!r}")
    trans = _translations(po)
    if cache is not None:
        cache[po] = trans
    return trans


def newstyle(trans: gettext.GNUTranslations) -> dict[str, object]:
    """Jinja's newstyle gettext callables (`_`, `gettext`, `ngettext`, `pgettext`).

    The i18n extension resolves these names from the render context, so each
    letter gets the functions of its own language. Like Jinja's own newstyle
    wrappers, the result is always %-formatted with the keyword arguments.
    """

    def _gettext(__s: str, **variables: object) -> str:
        return percent_format(trans.gettext(__s), variables)

    def _ngettext(__s: str, __p: str, __n: int, **variables: object) -> str:
        variables.setdefault("num", __n)
        return percent_format(trans.ngettext(__s, __p, __n), variables)

    def _pgettext(__c: str, __s: str, **variables: object) -> str:
        return percent_format(trans.pgettext(__c, __s), variables)

    def _npgettext(__c: str, __s: str, __p: str, __n: int, **variables: object) -> str:
        variables.setdefault("num", __n)
        return percent_format(trans.npgettext(__c, __s, __p, __n), variables)

    return {"_": _gettext, "gettext": _gettext, "ngettext": _ngettext,
            "pgettext": _pgettext, "npgettext": _npgettext}


def extract_reason_toml(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for templates/<reason>/reason.toml (registered in babel.cfg).

    Yields the title, the description and the subject lines; subjects also with
    the "informal" context, since "Your enquiry" is "Ihre" or "Deine Anfrage".
    """
    import tomllib

    text = fileobj.read().decode("utf-8")
    data = tomllib.loads(text)
    lines = text.splitlines()

    def line_of(value: str) -> int:
        return next((i for i, line in enumerate(lines, 1) if value in line), 1)

    for key in ("title", "description"):
        if isinstance(data.get(key), str):
            yield line_of(data[key]), "gettext", data[key], [f"reason {key}"]
    for rel, subject in (data.get("subject") or {}).items():
        yield line_of(subject), "gettext", subject, [f"subject line ({rel}, formal)"]
        yield line_of(subject), "pgettext", ("informal", subject), [f"subject line ({rel}, informal)"]
