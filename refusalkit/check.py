"""`refusalkit check`: lint the effective template set of an Engine.

Every variant (reason x language x relationship x register, explain on) is
rendered through the engine with a synthetic record that sets every optional
field, and the templates, the team overrides and the catalogs are inspected.
Each problem names a file and, where it can be known, a line:

missing-variant   a reason has no template in a language that has a catalog
                  or that other reasons have (a hole in the matrix)
syntax            a template (or reason.toml) that does not parse
unknown-variable  a template uses a variable a letter does not have, found
                  by rendering and, for branches the synthetic record does not
                  take, by reading the template (any client.<key> is fine: a
                  record's extra keys reach the templates, and the synthetic
                  record sets each one the templates use)
missing-part      a letter renders no thanks, refusal, reason, encouragement
                  (or, for a client, ending)
language-gap      a reason's (or _base frame's) template in one language lacks
                  a {% block %} that its templates in other languages define
stale-override    a team copy made by `refusalkit init` whose built-in
                  original has changed since (the copy's first line keeps a
                  sha256 of the original)
catalog           an untranslated or fuzzy entry, an entry the built-in .pot
                  has, a reason's subject line missing from a catalog, or a
                  language that has templates but no catalog
leftover          {{, }}, {%, %}, {#, #}, TODO or FIXME in a rendered letter
outside           a link in a team's template or locales folder to a file or
                  folder outside it: refusalkit reads no such file
render            any other error while rendering (sandbox, its limits on
                  time and size, filters, ...), also of each letter drafted
                  again without a name (a template must not need it: "Dear Sir
                  or Madam,")
style-lang        (a warning) a house-style resource or referral without `lang`
                  while letters are written in more than one language: it
                  appears in every one of them ("Team guide" in a Turkish letter)
sender            a house style's [sender] that cannot go into an email's From
                  header as it is (not exactly one address, a bidi control), or
                  whose name holds "=?", which a reader might take for an
                  RFC 2047 encoded word (an .eml carries it as literal text)

    >>> from refusalkit.api import Engine
    >>> report = check(Engine())
    >>> report.ok, report.matrix["capacity"]["de"]["client"]["informal"]
    (True, 'ok')
    >>> report.matrix["free-work"]["de"]["client"]["formal"]
    'n/a'
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from .errors import LinkOutside, RefusalkitError, TemplateError, TemplateSyntaxError, TooSlow, UnknownVariable

if TYPE_CHECKING:
    from .api import Engine
    from .searchpath import Language
    from .reasons import Reason
    from .style import Style

KINDS = ("outside", "missing-variant", "syntax", "unknown-variable", "missing-part", "language-gap",
         "stale-override", "catalog", "leftover", "render", "style-lang", "sender")
WARNINGS = frozenset({"style-lang"})  # reported, but the check still passes
REGISTERS = ("formal", "informal")
REQUIRED_PARTS = ("thanks", "refusal", "reason", "encouragement")
CLIENT_PARTS = ("ending",)
FRAMES = "_base"
LAYOUT = "layout"

# The first line `refusalkit init` writes into each copy of a built-in template.
ORIGINAL_HEADER = re.compile(r"\{#- refusalkit-original: (?P<name>\S+) sha256:(?P<sha>[0-9a-f]{64}) -#\}")
HEADER_PREFIX = "{#- refusalkit-original:"

LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bTODO\b|\bFIXME\b")

# The names render.render() puts into every template's context. Names the
# built-in templates use and the environment's globals are added at run time,
# so a name render.py adds later is known as soon as a built-in template uses it.
CONTEXT_NAMES = frozenset({
    "_", "gettext", "ngettext", "pgettext", "npgettext", "client", "explain", "relationship",
    "formal", "lang", "locale", "greeting", "closing", "sender", "signature", "resources", "referrals",
    "payment_days", "today",
})

# The day check's letters are written on (render's `today`): fixed, so that a
# report does not change from one day to the next; before the sample record's dates.
SAMPLE_DATE = _dt.date(2030, 12, 1)

class Problem(NamedTuple):
    kind: str
    file: str
    line: int | None
    message: str

    def format(self, display: Any = None) -> str:
        where = (display or (lambda p: p))(self.file)
        if self.line is not None:
            where = f"{where}:{self.line}"
        kind = f"{self.kind} (warning)" if self.kind in WARNINGS else self.kind
        return f"{where}: {kind}: {self.message}"


class Report:
    """What `check` found: every problem, and the coverage matrix
    matrix[reason][language][relationship][register] -> "ok" | "missing" | "error" | "n/a"."""

    def __init__(self, problems: list[Problem], matrix: dict[str, dict[str, dict[str, dict[str, str]]]],
                 languages: list[str], letters: int) -> None:
        self.problems = problems
        self.matrix = matrix
        self.languages = languages
        self.letters = letters

    def __repr__(self) -> str:
        return f"Report(problems={len(self.problems)}, letters={self.letters})"

    @property
    def ok(self) -> bool:
        return all(p.kind in WARNINGS for p in self.problems)

    @property
    def reasons(self) -> list[str]:
        return list(self.matrix)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "letters": self.letters,
            "languages": list(self.languages),
            "reasons": self.reasons,
            "matrix": self.matrix,
            "problems": [{"kind": p.kind, "severity": "warning" if p.kind in WARNINGS else "error", "file": p.file, "line": p.line,
                          "message": p.message} for p in self.problems],
        }

    def format_text(self) -> str:
        """The matrix, one row per reason and a column per language, then each problem."""
        rels = (("prospect", "P"), ("client", "C"))
        marks = {"missing": "-", "error": "!", "n/a": "."}

        def cell(reason: str, lang: str) -> str:
            out = []
            for rel, letter in rels:
                cells = self.matrix[reason][lang][rel]
                out.append(letter + ":" + "".join(r[0] if cells[r] == "ok" else marks[cells[r]] for r in REGISTERS))
            return " ".join(out)

        width = max([len("reason"), *(len(r) for r in self.matrix)])
        col = max(len("P:fi C:fi"), *(len(lang) for lang in self.languages))
        lines = ["Coverage: P prospect, C client; f formal, i informal rendered; "
                 "! error, - missing, . does not fit", "",
                 "  ".join(["reason".ljust(width), *(lang.ljust(col) for lang in self.languages)]).rstrip()]
        for reason in self.matrix:
            lines.append("  ".join([reason.ljust(width), *(cell(reason, lang).ljust(col)
                                                           for lang in self.languages)]).rstrip())
        lines.append("")
        warned = sum(p.kind in WARNINGS for p in self.problems)
        n = len(self.problems) - warned
        note = f"{warned} warning{'s' if warned != 1 else ''}"
        lines.append(f"{self.letters} letters rendered; "
                     + ("no problems." if not n and not warned else f"no problems, {note}:" if not n
                        else f"{n} problem{'s' if n != 1 else ''}:" if not warned
                        else f"{n} problem{'s' if n != 1 else ''}, {note}:"))
        lines.extend(p.format(_display) for p in self.problems)
        return "\n".join(lines) + "\n"


def _display(path: str) -> str:
    """A path relative to the current folder when it lies inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if rel.startswith("..") else rel


def synthetic_record(relationship: str, formal: bool) -> dict[str, Any]:
    """A client record that sets every optional field, so that every branch a
    field opens is rendered."""
    return {
        "name": "Alex Example",
        "title": "Dr.",
        "salutation": "ms",
        "email": "alex@example.com",
        "company": "Example Ltd",
        "request": "the website relaunch",
        "amount_due": "1250.50",
        "currency": "EUR",
        "end_date": "2031-03-31",
        "pay_by": "2031-01-15",
        "notice": True,
        "access": True,
        "referrals": [{"name": "Sam Colleague", "contact": "sam@example.com", "note": "Knows this field well"}],
        "resources": [{"title": "A useful guide", "url": "https://example.com/guide"}],
        "relationship": relationship,
        "formal": formal,
    }


class _Template(NamedTuple):
    name: str  # the loader's name, e.g. capacity/en.md.j2
    file: str  # normalised path
    root: int  # index of its folder on the search path (the last is the built-in one)


class _Parsed(NamedTuple):
    source: str
    ast: Any  # jinja2.nodes.Template, or None if it does not parse
    refs: tuple[str, ...]  # extends first, then includes and imports
    blocks: dict[str, int]  # block name -> line
    undeclared: frozenset[str] = frozenset()  # the names it reads from outside (jinja2.meta)


class _Collector:
    """Problems, each reported once; repeated findings count the letters they affect."""

    def __init__(self) -> None:
        self.found: dict[tuple[Any, ...], list[Any]] = {}

    def add(self, kind: str, file: str, line: int | None, message: str, *, key: Any = None,
            variant: str | None = None) -> None:
        k = (kind, file, line, key)
        entry = self.found.get(k)
        if entry is None:
            self.found[k] = entry = [kind, file, line, message, []]
        if variant is not None:
            entry[4].append(variant)

    def problems(self) -> list[Problem]:
        out = []
        for kind, file, line, message, variants in self.found.values():
            if variants:
                shown = variants[0] if len(variants) == 1 else \
                    f"{len(variants)} letters, e.g. {variants[0]}"
                message = f"{message} (in {shown})"
            out.append(Problem(kind, file, line, message))
        out.sort(key=lambda p: (KINDS.index(p.kind) if p.kind in KINDS else len(KINDS),
                                p.file, p.line or 0, p.message))
        return out


def _inventory(templates: Iterable[str], out: _Collector | None = None) -> dict[str, _Template]:
    """Every template on the search path by loader name; the first folder that has one wins.
    A link to a file or folder outside its folder is reported (`outside`) and left out."""
    from .searchpath import outside

    found: dict[str, _Template] = {}
    for i, root in enumerate(templates):
        if not os.path.isdir(root):
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for entry in [*dirs, *files]:
                full = os.path.join(folder, entry)
                problem = outside(full, root) if os.path.islink(full) else None
                if problem:
                    if out is not None:
                        out.add("outside", os.path.normpath(full), None, problem.detail)
                    if entry in dirs:
                        dirs.remove(entry)
                    else:
                        files.remove(entry)
            for f in sorted(files):
                if f.endswith(".j2"):
                    full = os.path.join(folder, f)
                    name = os.path.relpath(full, root).replace(os.sep, "/")
                    found.setdefault(name, _Template(name, os.path.normpath(full), i))
    return found


def _parse(engine: Engine, tpl: _Template, out: _Collector) -> _Parsed:
    """The template's source and syntax tree, with what check reads from it. Kept on the
    engine (Engine.analysed) by path, modification time and size: a second check of an
    unchanged set parses nothing again, and an edited file is read afresh."""
    try:
        stat = os.stat(tpl.file)
    except OSError as exc:
        out.add("syntax", tpl.file, None, f"cannot read the template ({exc.strerror})")
        return _Parsed("", None, (), {})
    key = (tpl.name, tpl.file, stat.st_mtime_ns, stat.st_size)
    parsed = engine.analysed.get(key)
    if parsed is None:
        parsed = _read_and_parse(engine.env, tpl, out)
        if parsed.ast is not None:  # a file that fails is reported again on every check
            engine.analysed[key] = parsed
    return parsed


def _read_and_parse(env: Any, tpl: _Template, out: _Collector) -> _Parsed:
    import jinja2
    from jinja2 import meta, nodes

    try:
        with open(tpl.file, encoding="utf-8") as fh:
            source = fh.read()
    except UnicodeDecodeError:
        out.add("syntax", tpl.file, None, "not UTF-8 text: save the template as UTF-8")
        return _Parsed("", None, (), {})
    except OSError as exc:
        out.add("syntax", tpl.file, None, f"cannot read the template ({exc.strerror})")
        return _Parsed("", None, (), {})
    try:
        ast = env.parse(source, tpl.name, tpl.file)
    except jinja2.TemplateSyntaxError as exc:
        out.add("syntax", os.path.normpath(exc.filename or tpl.file), exc.lineno,
                f"template syntax error: {exc.message}")
        return _Parsed(source, None, (), {})
    refs: list[str] = []
    for node in ast.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        if isinstance(target, nodes.Const) and isinstance(target.value, str):
            if isinstance(node, nodes.Extends):
                refs.insert(0, target.value)
            else:
                refs.append(target.value)
    blocks: dict[str, int] = {}
    for block in ast.find_all(nodes.Block):
        blocks.setdefault(block.name, block.lineno)
    return _Parsed(source, ast, tuple(refs), blocks, frozenset(meta.find_undeclared_variables(ast)))


def _ref(node: Any) -> str | None:
    """`x`, `x.attr` or `x["key"]` as a string, for matching `is defined` guards."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) \
            and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return f"{node.node.name}.{node.arg.value}"
    return None


def _defined_tests(test: Any) -> set[str]:
    """What an `{% if %}` test proves defined: `x is defined`, also within `and`."""
    from jinja2 import nodes

    if isinstance(test, nodes.Test) and test.name == "defined":
        ref = _ref(test.node)
        return {ref} if ref else set()
    if isinstance(test, nodes.And):
        return _defined_tests(test.left) | _defined_tests(test.right)
    return set()


def _accesses(node: Any, guarded: frozenset[str] = frozenset()) -> Iterable[Any]:
    """Every Name, Getattr and Getitem node that is not inside an `is defined`
    test or an `{% if x is defined %}` body that guards it."""
    from jinja2 import nodes

    if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
        return
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and _ref(node) not in guarded:
        yield node
    if isinstance(node, nodes.If):
        yield from _accesses(node.test, guarded)
        inner = guarded | _defined_tests(node.test)
        for child in node.body:
            yield from _accesses(child, inner)
        for child in (*node.elif_, *node.else_):
            yield from _accesses(child, guarded)
        return
    for child in node.iter_child_nodes():
        yield from _accesses(child, guarded)


def _unknown_names(tpl: _Template, parsed: _Parsed, known: set[str], sender_fields: set[str],
                   out: _Collector) -> None:
    """Variables outside the letter's context, read from the template (also in branches
    the synthetic record does not take). Uses guarded by `is defined` are left alone;
    so is any `client.<key>`: a record's extra keys reach the templates."""
    from jinja2 import nodes

    undeclared = parsed.undeclared - known
    reported: set[str] = set()
    for node in _accesses(parsed.ast):
        if isinstance(node, nodes.Name):
            if node.ctx == "load" and node.name in undeclared and node.name not in reported:
                reported.add(node.name)
                out.add("unknown-variable", tpl.file, node.lineno,
                        f"{node.name!r} is not a variable of a letter: the record's fields are under client.",
                        key=node.name)
            continue
        ref = _ref(node)
        if ref is None:
            continue
        owner, _, attr = ref.partition(".")
        if owner != "sender" or owner in undeclared:
            continue
        if attr not in sender_fields:
            out.add("unknown-variable", tpl.file, node.lineno,
                    f"sender.{attr} is not a field of the house style's [sender] (the fields are "
                    f"{', '.join(sorted(sender_fields))})", key=attr)


def _sha256(path: str) -> str | None:
    import hashlib

    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def _stale_overrides(inventory: dict[str, _Template], builtin_root: str, builtin_index: int,
                     out: _Collector) -> None:
    """Team copies made by `refusalkit init` whose built-in original has changed since."""
    for tpl in inventory.values():
        if tpl.root >= builtin_index:
            continue
        try:
            with open(tpl.file, encoding="utf-8", errors="replace") as fh:
                first = fh.readline().rstrip("\r\n")
        except OSError:
            continue
        if not first.startswith(HEADER_PREFIX):
            continue  # a team template of its own, or an override kept by hand
        m = ORIGINAL_HEADER.fullmatch(first)
        if not m:
            out.add("stale-override", tpl.file, 1, "the refusalkit-original line is malformed: it must read "
                    "{#- refusalkit-original: <reason>/<lang>.md.j2 sha256:<64 hex digits> -#}")
            continue
        name = m["name"]
        original = os.path.normpath(os.path.join(builtin_root, *name.split("/")))
        if os.path.isabs(name) or ".." in name.split("/") or not os.path.isfile(original):
            out.add("stale-override", tpl.file, 1, f"copied from the built-in {name}, which no longer "
                    "exists: compare with the built-in templates and remove or rewrite this copy")
            continue
        if _sha256(original) != m["sha"]:
            out.add("stale-override", tpl.file, 1, f"the built-in {name} has changed since this copy was "
                    f"made: merge its changes (see {_display(original)}), then update the sha256 on line 1 "
                    "(or copy it afresh with `refusalkit init`)")


def _read_catalog(po: str, out: _Collector) -> Any:
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(po, "rb") as fh:
            return read_po(fh, abort_invalid=True)
    except PoFileError as exc:
        out.add("catalog", po, getattr(exc, "lineno", None), f"broken catalog: {exc}")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        out.add("catalog", po, None, f"cannot read the catalog ({exc})")
    return None


def _msg_label(msgid: Any, context: str | None) -> str:
    text = msgid[0] if isinstance(msgid, (tuple, list)) else msgid
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def _catalog_problems(po: str, catalog: Any, reference: Any, all_reasons: list[Reason], builtin: bool,
                      out: _Collector) -> None:
    if catalog.fuzzy:
        line = None
        try:
            with open(po, encoding="utf-8", errors="replace") as fh:
                for i, text in enumerate(fh, 1):
                    if text.startswith("#,") and "fuzzy" in text:
                        line = i
                        break
                    if text.startswith("msgid") and i > 1:
                        break
        except OSError:
            pass
        out.add("catalog", po, line, "the catalog's header is marked fuzzy: `pybabel compile` skips the "
                "whole catalog; remove the '#, fuzzy' line once it is reviewed")
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        if not all(strings):
            out.add("catalog", po, msg.lineno, f"{_msg_label(msg.id, msg.context)} is not translated: "
                    "letters show it in English")
        elif msg.fuzzy:
            out.add("catalog", po, msg.lineno, f"{_msg_label(msg.id, msg.context)} is fuzzy: letters show "
                    "it in English until the translation is reviewed and the fuzzy flag removed")
    if reference is not None:
        for msg in reference:
            if msg.id and catalog.get(msg.id, context=msg.context) is None:
                out.add("catalog", po, None, f"has no entry for {_msg_label(msg.id, msg.context)}, which the "
                        "built-in refusalkit.pot has: letters show it in English", key=(msg.id, msg.context))
    where = " (copy this catalog into the team's locales folder and add it there)" if builtin else ""
    for reason in all_reasons:
        for subject in dict.fromkeys(reason.subjects.values()):
            lacking = [label for context, label in ((None, "formal"), ("informal", "informal, msgctxt \"informal\""))
                       if catalog.get(subject, context=context) is None]
            if lacking:
                out.add("catalog", po, None, f"has no entry for the subject line {subject!r} ({'; '.join(lacking)}) "
                        f"of reason {reason.id!r} ({_display(reason.meta)}): letters show it in English{where}",
                        key=("subject", subject))


def _load_reasons(engine: Engine, out: _Collector) -> list[Reason]:
    from . import reasons

    found, broken = reasons.read_all(engine.path, engine.reason_files)
    for exc in broken:
        out.add("outside" if isinstance(exc, LinkOutside) else "syntax", os.path.normpath(exc.file or ""),
                exc.line, exc.detail)
    return found


_KINDS = ((LinkOutside, "outside"), (TemplateSyntaxError, "syntax"), (UnknownVariable, "unknown-variable"))


def _classify(exc: RefusalkitError, inventory: dict[str, _Template],
              fallback: str) -> tuple[str, str, int | None, str, str | None]:
    """Kind, file, line, message and (for an unknown variable) its name, of an error render.py raised."""
    kind = next((k for cls, k in _KINDS if isinstance(exc, cls)), "render")
    file = fallback
    if exc.file is not None:  # a path, or (a syntax error in a template only Jinja knew) a loader name
        tpl = inventory.get(exc.file.replace(os.sep, "/"))
        file = tpl.file if tpl else os.path.normpath(exc.file)
    return kind, file, exc.line, exc.detail, exc.field if kind == "unknown-variable" else None


def _locate(snippet_sources: list[tuple[str, str]], segment: str, start: int, end: int,
            token: str) -> tuple[str, int] | None:
    """The template line a leftover in the output came from: look for the text
    around it, shrinking the window, in the templates of the letter."""
    folded = [(file, [re.sub(r"\s+", " ", ln) for ln in source.splitlines()]) for file, source in snippet_sources]
    windows = []
    for size in (30, 15, 8, 4):
        windows += [segment[max(0, start - size):end + size], segment[start:end + size], segment[max(0, start - size):end]]
    if token in ("TODO", "FIXME"):
        windows.append(token)
    for window in windows:
        window = re.sub(r"\s+", " ", window).strip()
        if len(window) < len(token) + (0 if token in ("TODO", "FIXME") else 3):
            continue
        for file, lines in folded:
            for i, text in enumerate(lines, 1):
                if window in text:
                    return file, i
    return None


class _Templates:
    """Every effective template of the engine's search path, parsed once."""

    def __init__(self, engine: Engine, out: _Collector) -> None:
        self.engine = engine
        self.env = engine.env
        self.builtin_root = engine.path.templates[-1]
        self.builtin_index = len(engine.path.templates) - 1  # the folders before it are the team's
        self.inventory = _inventory(engine.path.templates, out)
        self.parsed = {name: _parse(engine, tpl, out) for name, tpl in self.inventory.items()}

    def by_language(self, folder: str) -> dict[str, _Template]:
        """The templates directly in `folder`, by language code."""
        from .searchpath import TEMPLATE_SUFFIX

        prefix = folder + "/"
        return {name[len(prefix):-len(TEMPLATE_SUFFIX)]: tpl for name, tpl in self.inventory.items()
                if name.startswith(prefix) and name.endswith(TEMPLATE_SUFFIX) and "/" not in name[len(prefix):]}

    def chain(self, name: str, seen: set[str] | None = None) -> list[str]:
        """The template and every template it extends, includes or imports, child first."""
        seen = set() if seen is None else seen
        if name in seen or name not in self.parsed:
            return []
        seen.add(name)
        names = [name]
        for ref in self.parsed[name].refs:
            names += self.chain(ref, seen)
        return names

    def extends_chain(self, name: str) -> list[str]:
        from jinja2 import nodes

        names: list[str] = []
        while name in self.parsed and name not in names:
            names.append(name)
            ast = self.parsed[name].ast
            ext = next(iter(ast.find_all(nodes.Extends)), None) if ast is not None else None
            if ext is None or not isinstance(ext.template, nodes.Const):
                break
            name = ext.template.value
        return names

    def known_names(self) -> set[str]:
        """The names a template may use: the context's, the environment's globals, and
        whatever the built-in templates use."""
        known = set(CONTEXT_NAMES) | set(self.env.globals)
        for name, tpl in self.inventory.items():
            if tpl.root == self.builtin_index and self.parsed[name].ast is not None:
                known |= self.parsed[name].undeclared
            elif os.path.isfile(original := os.path.join(self.builtin_root, name)):
                # A team's copy of a built-in template (refusalkit init) may use what the built-in one
                # uses, including a {% set %} name that jinja2.meta reads as undeclared where a nested
                # branch uses it.
                known |= _parse(self.engine, _Template(name, os.path.normpath(original), self.builtin_index),
                                _Collector()).undeclared
        return known

    def client_extras(self) -> set[str]:
        """The names templates read from `client` beyond the record schema: a record's
        extra keys reach the templates (README), so the synthetic record sets them."""
        from .records import Client

        fields = set(Client._fields)
        from jinja2 import nodes

        extras: set[str] = set()
        for parsed in self.parsed.values():
            if parsed.ast is not None:  # guarded by `is defined` or not: the record decides
                extras.update(attr for node in parsed.ast.find_all((nodes.Getattr, nodes.Getitem))
                              if (ref := _ref(node)) and ref.startswith("client.")
                              and (attr := ref.partition(".")[2]) not in fields)
        return extras


def _unknown_variables(templates: _Templates, out: _Collector) -> None:
    from .style import SENDER_FIELDS

    known = templates.known_names()
    for name, tpl in templates.inventory.items():
        if templates.parsed[name].ast is not None:
            _unknown_names(tpl, templates.parsed[name], known, set(SENDER_FIELDS), out)


def _languages(engine: Engine, templates: _Templates, all_reasons: list[Reason],
               out: _Collector) -> tuple[list[str], dict[str, dict[str, _Template]]]:
    """Every language with a catalog or a template, and each reason's templates by
    language; a language with templates but no catalog is reported."""
    from .searchpath import DOMAIN

    catalogs = engine.languages
    by_reason = {r.id: templates.by_language(r.id) for r in all_reasons}
    languages = sorted(set(catalogs).union(*by_reason.values()) if by_reason else set(catalogs))
    for code in languages:
        if code not in catalogs:
            users = sorted(r for r, langs in by_reason.items() if code in langs)
            po = os.path.normpath(os.path.join(engine.path.locales[0], code, "LC_MESSAGES", f"{DOMAIN}.po"))
            out.add("catalog", po, None, f"language {code!r} has templates ({', '.join(users)}) but no catalog: "
                    f"add {code}/LC_MESSAGES/{DOMAIN}.po (copy one from the built-in locales and translate it)")
    return languages, by_reason


def _language_gaps(templates: _Templates, folders: Iterable[str], out: _Collector) -> None:
    """Blocks that one language's template of a reason (or frame) lacks."""
    for folder in [FRAMES, *folders]:
        langs = {code: tpl for code, tpl in templates.by_language(folder).items() if code != LAYOUT}
        readable = {code: templates.parsed[tpl.name] for code, tpl in langs.items()
                    if templates.parsed[tpl.name].ast is not None}
        every = set().union(*(p.blocks for p in readable.values())) if readable else set()
        for code, p in sorted(readable.items()):
            for block in sorted(every - set(p.blocks)):
                others = sorted(c for c, q in readable.items() if block in q.blocks)
                out.add("language-gap", langs[code].file, None,
                        f"defines no {{% block {block} %}}, which the {', '.join(others)} "
                        f"template{'s' if len(others) > 1 else ''} of {folder} define{'' if len(others) > 1 else 's'}",
                        key=block)


def _catalogs(engine: Engine, all_reasons: list[Reason], out: _Collector) -> tuple[set[str], dict[str, str]]:
    """Check every catalog; the languages whose catalog is broken, and each catalog's text."""
    from .searchpath import DOMAIN, outside

    reference = None
    pot = os.path.join(engine.path.locales[-1], f"{DOMAIN}.pot")
    if os.path.isfile(pot):
        reference = _read_catalog(pot, _Collector())
    broken: set[str] = set()
    texts: dict[str, str] = {}
    for code, language in sorted(engine.languages.items()):
        po = os.path.normpath(os.fspath(language.po))
        root = os.path.dirname(os.path.dirname(os.path.dirname(po)))
        linked = [error for p in (po, os.path.splitext(po)[0] + ".mo") if os.path.lexists(p)
                  and (error := outside(p, root))]
        for error in linked:
            out.add("outside", error.file or po, None, error.detail)
        cat = None if linked else _read_catalog(po, out)
        if cat is None:
            broken.add(code)
            continue
        _catalog_problems(po, cat, reference, all_reasons, root == os.path.normpath(engine.path.locales[-1]), out)
        try:
            with open(po, encoding="utf-8", errors="replace") as fh:
                texts[code] = fh.read()
        except OSError:
            pass
    return broken, texts


def _sender(style: Style, out: _Collector) -> None:
    """The house style's sender as a From header: what every eml would stop at, or would show."""
    if style.sender:
        from .mail import sender_problems

        for message in sender_problems(style.sender):
            out.add("sender", os.path.normpath(style.path or "refusalkit.toml"), None, message)


class _Renderer:
    """Renders every variant of the matrix through the engine and reports what is wrong."""

    def __init__(self, engine: Engine, templates: _Templates, broken: set[str], catalog_text: dict[str, str],
                 out: _Collector) -> None:
        from .records import parse_record
        from .style import SENDER_FIELDS

        self.engine, self.templates, self.broken, self.catalog_text, self.out = \
            engine, templates, broken, catalog_text, out
        extras = {key: f"Example {key}" for key in templates.client_extras()}
        self.records = {(rel, formal): parse_record({**extras, **synthetic_record(rel, formal)}, "synthetic record")
                        for rel in ("prospect", "client") for formal in (True, False)}
        self.nameless = {key: parse_record({**extras, **synthetic_record(*key), "name": None}, "synthetic record")
                         for key in self.records}
        # a client's fixed project (contract = "project"), beside the ongoing contract of self.records
        self.projects = {key: parse_record({**extras, **synthetic_record(*key), "contract": "project"},
                                           "synthetic record") for key in self.records if key[0] == "client"}
        self.sender = {k: f"Sender {k}" for k in SENDER_FIELDS}
        self.sender.update(email="sender@example.com", website="https://example.com")
        # A team template that ran out of time: the other letters that use it are
        # reported with it rather than rendered, each for the whole time limit again.
        self.slow: dict[str, tuple[str, str, int | None, str, Any]] = {}
        self.team_files = {tpl.file for tpl in templates.inventory.values() if tpl.root < templates.builtin_index}
        self.letters = 0

    def row(self, reason: Reason, languages: list[str],
            by_reason: dict[str, dict[str, _Template]]) -> dict[str, dict[str, dict[str, str]]]:
        """The matrix row of `reason`: each language's cells, each rendered variant's status."""
        from .searchpath import TEMPLATE_SUFFIX, template_name

        catalogs = self.engine.languages
        row: dict[str, dict[str, dict[str, str]]] = {}
        for code in languages:
            tpl = self.templates.inventory.get(template_name(reason.id, code))
            missing = tpl is None or code not in catalogs
            row[code] = {rel: {reg: "n/a" if not reason.fits(rel) else "missing" if missing
                               else "error" if code in self.broken else "pending" for reg in REGISTERS}
                         for rel in ("prospect", "client")}
            if tpl is None:
                others = sorted(r for r, langs in by_reason.items() if code in langs)
                why = f"the {code} catalog" if code in catalogs else f"reasons {', '.join(others[:3])}"
                file = os.path.join(self.engine.path.templates[0], reason.id, code + TEMPLATE_SUFFIX)
                self.out.add("missing-variant", os.path.normpath(file), None,
                             f"reason {reason.id!r} has no {code!r} template, though {why} "
                             f"{'has' if code in catalogs else 'have'} that language")
            elif code in catalogs and code not in self.broken:
                for rel in filter(reason.fits, ("prospect", "client")):
                    for register, formal in zip(REGISTERS, (True, False)):
                        row[code][rel][register] = self.variant(reason, catalogs[code], tpl, rel, formal)
        return row

    def variant(self, reason: Reason, language: Language, tpl: _Template, rel: str, formal: bool) -> str:
        """Render one variant (then the same without a name); its status."""
        self.letters += 1
        variant = f"{reason.id} {language.code} {rel} {REGISTERS[not formal]}"
        sources = [(self.templates.inventory[n].file, self.templates.parsed[n].source)
                   for n in self.templates.chain(tpl.name)]
        known = next((self.slow[f] for f, _ in sources if f in self.slow), None)
        if known is not None:  # it would take the whole time limit again
            self.out.add(*known[:4], key=known[4], variant=variant)
            return "error"
        if language.code in self.catalog_text:
            sources.append((os.path.normpath(os.fspath(language.po)), self.catalog_text[language.code]))
        style = {"sender": self.sender, "resources": [], "referrals": [],
                 "signature": self.engine.style.for_letter(language.code)["signature"]}
        try:
            letter = self.engine.render_variant(reason, language, self.records[(rel, formal)], style=style,
                                                today=SAMPLE_DATE)
            parts = letter.parts
        except RefusalkitError as exc:
            self._failed(exc, tpl, variant)
            return "error"
        except Exception as exc:  # noqa: BLE001 -- a broken team template must not stop the check
            self.out.add("render", tpl.file, None, f"{type(exc).__name__}: {exc}", variant=variant)
            return "error"
        ok = self._parts(parts, tpl, rel, variant) & self._leftovers(letter.rendered.markdown, sources, tpl, variant)
        if not ok:
            return "error"
        if not self._also(reason, language, tpl, self.nameless[(rel, formal)], style, variant, "without a name",
                          "a letter without a name"):
            return "error"
        project = self.projects.get((rel, formal))
        if project is not None and not self._also(reason, language, tpl, project, style, variant,
                                                  "for a project", "a letter ending a fixed project"):
            return "error"
        return "ok"

    def _also(self, reason: Reason, language: Language, tpl: _Template, client: Any, style: dict[str, Any],
              variant: str, suffix: str, what: str) -> bool:
        """Render the variant once more for another record (the same letter prepared before
        anyone's name is known, "Dear Sir or Madam,"; a fixed project); False if it fails."""
        try:
            self.engine.render_variant(reason, language, client, style=style, today=SAMPLE_DATE)
        except RefusalkitError as exc:
            self._failed(exc, tpl, f"{variant} {suffix}", f" ({what})")
            return False
        except Exception as exc:  # noqa: BLE001 -- reported like any render error
            self.out.add("render", tpl.file, None, f"{exc} ({what})", variant=f"{variant} {suffix}")
            return False
        return True

    def _failed(self, exc: RefusalkitError, tpl: _Template, variant: str, note: str = "") -> None:
        kind, file, line, message, key = _classify(exc, self.templates.inventory, tpl.file)
        self.out.add(kind, file, line, message + note, key=key, variant=variant)
        if isinstance(exc, TooSlow) and file in self.team_files:
            self.slow[file] = (kind, file, line, message, key)

    def _parts(self, parts: dict[str, str], tpl: _Template, rel: str, variant: str) -> bool:
        """Every part a letter needs is there (reported where its block is)."""
        ok = True
        for part in REQUIRED_PARTS + (CLIENT_PARTS if rel == "client" else ()):
            if parts.get(part, "").strip():
                continue
            ok = False
            file, line = tpl.file, None
            for n in self.templates.extends_chain(tpl.name)[:-1]:  # the root layout only marks the part
                if part in self.templates.parsed[n].blocks:
                    file, line = self.templates.inventory[n].file, self.templates.parsed[n].blocks[part]
                    break
            self.out.add("missing-part", file, line, f"the letter has no {part!r} part: "
                         f"fill {{% block {part} %}} for every relationship and register", key=part, variant=variant)
        return ok

    def _leftovers(self, markdown: str, sources: list[tuple[str, str]], tpl: _Template, variant: str) -> bool:
        """No template syntax, TODO or FIXME reached the letter (reported at its template line)."""
        from .render import SLOT_RE

        ok = True
        for out_line in SLOT_RE.sub("\ue000", markdown).splitlines():
            for m in LEFTOVER.finditer(out_line):
                ok = False
                token = m.group()
                # the stretch of template text around it, between client values
                seg_start = out_line.rfind("\ue000", 0, m.start()) + 1
                seg_end = out_line.find("\ue000", m.end())
                segment = out_line[seg_start:seg_end if seg_end >= 0 else len(out_line)]
                file, line = _locate(sources, segment, m.start() - seg_start, m.end() - seg_start, token) \
                    or (tpl.file, None)
                self.out.add("leftover", file, line, f"{token!r} in the rendered letter: "
                             "unfinished text or template syntax reached the output", key=token, variant=variant)
        return ok


def check(engine: Engine) -> Report:
    """Lint the engine's effective template set and catalogs; see the module's docstring."""
    out = _Collector()
    templates = _Templates(engine, out)
    _unknown_variables(templates, out)
    _stale_overrides(templates.inventory, templates.builtin_root, templates.builtin_index, out)
    all_reasons = _load_reasons(engine, out)
    languages, by_reason = _languages(engine, templates, all_reasons, out)
    _language_gaps(templates, by_reason, out)
    broken, catalog_text = _catalogs(engine, all_reasons, out)
    _sender(engine.style, out)
    renderer = _Renderer(engine, templates, broken, catalog_text, out)
    matrix = {reason.id: renderer.row(reason, languages, by_reason) for reason in all_reasons}
    if len(languages) > 1:
        _untagged_style_items(engine.style, languages, out)
    return Report(out.problems(), matrix, languages, renderer.letters)


def _untagged_style_items(style: Style, languages: list[str], out: _Collector) -> None:
    """Warn about house-style resources and referrals without `lang`: they appear
    in letters of every language."""
    path = style.path
    if not path:
        return
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except OSError:
        lines = []
    for key, label in (("resources", "title"), ("referrals", "name")):
        for i, (code, item) in enumerate(getattr(style, key, ()), 1):
            if code is not None:
                continue
            shown = getattr(item, label)
            line = next((n for n, text in enumerate(lines, 1)
                         if text.strip().startswith(label) and repr(shown)[1:-1] in text), None)
            out.add("style-lang", os.path.normpath(path), line,
                    f"{key}[{i}] ({shown!r}) has no lang, so it appears in letters in every language "
                    f"({', '.join(languages)}): add lang = \"de\" (or the language it is written in)",
                    key=(key, i))
