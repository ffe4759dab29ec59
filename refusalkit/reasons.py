"""The reasons: ids, aliases, titles, subjects and the relationships each fits.

A reason is a folder `templates/<id>/` with a `reason.toml` and one template per
language. Adding a reason needs only those files and catalog entries, no code.
Titles, descriptions and subject lines in reason.toml are English msgids,
translated through the gettext catalogs like every shared phrase.
"""

# No `from __future__ import annotations` here: with it, typing.NamedTuple compiles
# each field's annotation string at import (a ForwardRef), which costs a cold start
# about half a millisecond over the NamedTuples a letter needs.
import os
from typing import Any, MutableMapping, NamedTuple

from .searchpath import SearchPath, outside
from .errors import TemplateError, UsageError
from .records import RELATIONSHIPS

META = "reason.toml"
# The optional subject lines of a relationship: with the request, the end date, or both.
SUBJECT_SUFFIXES = ("_request", "_end", "_request_end")


class Reason(NamedTuple):
    id: str
    title: str
    description: str
    subjects: dict[str, str]
    relationships: tuple[str, ...]
    aliases: tuple[str, ...]
    meta: str

    def fits(self, relationship: str) -> bool:
        return relationship in self.relationships

    def subject_lines(self, relationship: str) -> dict[str, str]:
        """The optional subject lines for `relationship`, by what they need:
        "request", "end", "request_end" (render.subject_line)."""
        return {suffix[1:]: self.subjects[relationship + suffix] for suffix in SUBJECT_SUFFIXES
                if relationship + suffix in self.subjects}


# What a caller keeps of the reason files read (the Engine's): path -> ((mtime, size), Reason).
Cache = MutableMapping[str, Any]


def _load(meta: str, cache: Cache | None) -> Reason:
    """The reason described by `meta`; with a `cache`, read again only when the file has
    changed (a batch drafts hundreds of letters; serve keeps running while a team edits)."""
    try:
        st = os.stat(meta)
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    known = cache.get(meta) if cache is not None else None
    if known is not None and known[0] == stamp:
        return known[1]
    reason = _read(meta)
    if stamp is not None and cache is not None:
        cache[meta] = (stamp, reason)
    return reason


def _bad(meta: str, detail: str) -> TemplateError:
    return TemplateError(f"{meta}: {detail}", file=meta, detail=detail)


def _read(meta: str) -> Reason:
    import tomllib

    try:
        with open(meta, encoding="utf-8") as fh:
            data: dict[str, Any] = tomllib.loads(fh.read())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _bad(meta, f"cannot read the reason description: {exc}") from None
    rid = os.path.basename(os.path.dirname(meta))

    def need(key: str, kind: type) -> Any:
        value = data.get(key)
        if not isinstance(value, kind) or not value:
            raise _bad(meta, f"'{key}' is missing or not a {kind.__name__}")
        return value

    rels = tuple(need("relationships", list))
    if any(r not in RELATIONSHIPS for r in rels):
        raise _bad(meta, f"relationships must be among {', '.join(RELATIONSHIPS)}")
    subjects = need("subject", dict)
    # Optional lines for what the record knows, each with its placeholders:
    # "<relationship>_request" ({request}: "Your enquiry about {request}"),
    # "<relationship>_end" ({date}: "Ending our work together on {date}") and
    # "<relationship>_request_end" (both). render.subject_line picks among them.
    optional = {f"{r}{suffix}" for r in rels for suffix in SUBJECT_SUFFIXES}
    if not set(rels) <= set(subjects) <= set(rels) | optional \
            or not all(isinstance(s, str) and s for s in subjects.values()):
        raise _bad(meta, f"[subject] needs one line for each of {', '.join(rels)} "
                         f"(and may have {', '.join(sorted(optional))} with {{request}} and/or {{date}} in it)")
    for key in sorted(optional & set(subjects)):
        for field, needed in (("request", "_request" in key), ("date", key.endswith("_end"))):
            if needed and f"{{{field}}}" not in subjects[key]:
                raise _bad(meta, f"[subject] line {key!r} must contain {{{field}}}")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _bad(meta, "'aliases' must be a list of names")
    return Reason(
        id=rid,
        title=need("title", str),
        description=need("description", str),
        subjects=dict(subjects),
        relationships=rels,
        aliases=tuple(aliases),
        meta=meta,
    )


def _meta_file(path: SearchPath, rid: str) -> str | None:
    if not rid or len(rid) > 100 or rid.startswith(("_", ".")) or not rid.isprintable() \
            or any(c in rid for c in "/\\:\0"):
        return None
    for root in path.templates:
        meta = os.path.join(root, rid, META)
        try:
            if os.path.isfile(meta):
                why = outside(meta, root)  # a team's folder is untrusted: no link out of it
                if why is not None:
                    raise why
                return meta
        except (OSError, ValueError):  # a name the file system cannot hold is no reason id
            return None
    return None


def reason_ids(path: SearchPath) -> set[str]:
    """Every folder on the search path that holds a reason.toml."""
    ids: set[str] = set()
    for root in path.templates:
        try:
            names = os.listdir(root)
        except OSError:
            continue
        ids.update(n for n in names if os.path.isfile(os.path.join(root, n, META)))
    return ids


def all_reasons(path: SearchPath, cache: Cache | None = None) -> list[Reason]:
    return [_load(m, cache) for rid in sorted(reason_ids(path)) if (m := _meta_file(path, rid))]


def read_all(path: SearchPath, cache: Cache | None = None) -> tuple[list[Reason], list[TemplateError]]:
    """Every reason that can be read, and the error of each one that cannot (for `check`)."""
    found: list[Reason] = []
    broken: list[TemplateError] = []
    for rid in sorted(reason_ids(path)):
        try:
            meta = _meta_file(path, rid)
            if meta is not None:
                found.append(_load(meta, cache))
        except TemplateError as exc:
            broken.append(exc)
    return found, broken


def find(path: SearchPath, rid: str, cache: Cache | None = None) -> Reason:
    """The reason with this id or alias; an unknown one suggests the closest ids."""
    key = rid.strip().lower()
    meta = _meta_file(path, key)
    if meta is not None:
        return _load(meta, cache)
    every = all_reasons(path, cache)
    for reason in every:
        if key in reason.aliases:
            return reason
    import difflib

    names = {r.id: r.id for r in every} | {a: r.id for r in every for a in r.aliases}
    close = list(dict.fromkeys(names[m] for m in difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)))
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    shown = rid if len(rid) <= 60 else rid[:57] + "..."
    raise UsageError(f"unknown reason {shown!r}{hint}: `refusalkit reasons` lists them all", field="reason")
