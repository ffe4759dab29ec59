"""The team's house style: refusalkit.toml with sender, signatures, resources,
referrals, defaults and template folders.

Found, first match wins: --style PATH, $REFUSALKIT_STYLE, ./refusalkit.toml,
then the user's config folder (click.get_app_dir("refusalkit")). Its text is
data like a client record's: checked here, escaped in every letter.
"""

# No `from __future__ import annotations` here: with it, typing.NamedTuple compiles
# each field's annotation string at import (a ForwardRef), which costs a cold start
# about half a millisecond over the NamedTuples a letter needs.
import os
from typing import Any, Mapping, NamedTuple

from .errors import RecordError, StyleError, UsageError
from .records import Referral, Resource, clean_text, parse_name, parse_referrals, parse_resources

STYLE_FILE = "refusalkit.toml"
SENDER_FIELDS = ("name", "first_name", "role", "company", "email", "phone", "website")
FORMATS = ("md", "html", "text")


def _bad(path: str, field: str | None, detail: str) -> StyleError:
    """The error for key `field` of the house-style file `path`."""
    return StyleError(f"{path}: {detail}", file=path, field=field, detail=detail)


class Style(NamedTuple):
    path: str | None = None
    sender: Mapping[str, str] | None = None
    signatures: Mapping[str, tuple[str, ...]] = {}
    resources: tuple[tuple[str | None, Resource], ...] = ()  # (language or None for all, resource)
    referrals: tuple[tuple[str | None, Referral], ...] = ()
    lang: str | None = None
    format: str | None = None
    formal: bool | None = None
    payment_days: int | None = None  # "please pay within N days" when a record has no pay_by
    roles: Mapping[str, str] = {}  # [sender] role per language (role = {de = "Beraterin", en = "Consultant"})
    templates: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    currency: str | None = None  # [defaults] currency: for an amount without its own (a spreadsheet's "Betrag")

    def for_letter(self, lang: str) -> dict[str, Any]:
        """What a letter in `lang` takes from the house style (render.py)."""
        return {
            "sender": {k: self.roles.get(lang) if k == "role" and self.roles else self.sender.get(k)
                       for k in SENDER_FIELDS} if self.sender else None,
            "signature": list(self.signatures.get(lang, ())),
            "resources": [r._asdict() for code, r in self.resources if code in (None, lang)],
            "referrals": [r._asdict() for code, r in self.referrals if code in (None, lang)],
            "payment_days": self.payment_days,
        }


def given_name(sender: Mapping[str, str | None] | None) -> str | None:
    """The sender's given name, which an informal letter signs with under the closing
    ("Viele Grüße / Katrin"): [sender] first_name, else the given name(s) of [sender]
    name, split as a client's name is (records.parse_name: titles and particles are not
    a given name). None where the name does not tell one apart: a surname alone
    ("Dr. Berger") or a name that is one given name already ("Prince"), which the
    sender lines show as they are.

    >>> given_name({"name": "Dr. Anna-Lena von Müller"}), given_name({"name": "ŞEYMA IŞIK"})
    ('Anna-Lena', 'Şeyma')
    >>> given_name({"name": "Prince"}), given_name({"name": "Ali Kaya", "first_name": "Ali Rıza"})
    (None, 'Ali Rıza')
    """
    if not sender:
        return None
    if sender.get("first_name"):
        return sender["first_name"]
    name = sender.get("name")
    if not name:
        return None
    parsed = parse_name(name)
    return parsed.first_name if parsed.parts == "full" else None


def user_style_file() -> str:
    from .personal import personal_file  # the config folder, or $REFUSALKIT_CONFIG_DIR

    return personal_file()


def find(explicit: str | None = None) -> str | None:
    """The house-style file in effect, or None."""
    from .paths import named_file

    named = named_file(explicit, "--style", "REFUSALKIT_STYLE", "house-style")
    if named:
        return named
    for candidate in (STYLE_FILE, user_style_file()):
        if os.path.isfile(candidate):
            return candidate
    return None


def _lang_items(value: Any, path: str, key: str, parse: Any) -> tuple[tuple[str | None, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _bad(path, key, f"'{key}' must be a list of tables ([[{key}]])")
    out = []
    for i, item in enumerate(value, 1):
        code = item.get("lang")
        if code is not None and (not isinstance(code, str) or not code.isalpha()):
            raise _bad(path, f"{key}[{i}].lang", f"{key}[{i}].lang must be a language code such as de")
        rest = {k: v for k, v in item.items() if k != "lang"}
        (parsed,) = parse([rest], f"{path}: {key}[{i}]")
        out.append((code.lower() if code else None, parsed))
    return tuple(out)


def _folders(value: Any, path: str, key: str, base: str) -> tuple[str, ...]:
    if value is None:
        default = os.path.join(base, key)
        return (default,) if os.path.isdir(default) else ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _bad(path, key, f"'{key}' must be a folder or a list of folders")
    out = []
    for folder in value:
        full = os.path.normpath(os.path.join(base, os.path.expanduser(folder)))
        if not os.path.isdir(full):
            raise _bad(path, key, f"'{key}' folder {folder!r} does not exist ({full})")
        out.append(full)
    return tuple(out)


def load(path: str) -> Style:
    """Read and check a house-style file; every problem is one line naming the key."""
    try:
        return _load(path)
    except RecordError as exc:  # a value checked as a record's (records.clean_text): the file is this one
        if exc.file is None:
            exc.file, exc.source = path, None
        raise


def _load(path: str) -> Style:
    data = _read_toml(path)
    known = {"sender", "signature", "resources", "referrals", "defaults", "templates", "locales"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise _bad(path, unknown[0], f"unknown key {unknown[0]!r}: the keys are {', '.join(sorted(known))}")
    base = os.path.dirname(os.path.abspath(path))
    sender, roles = _sender(data["sender"], path) if "sender" in data else (None, {})
    signatures = _signatures(data.get("signature", {}), path)
    lang, fmt, formal, payment_days, currency = _defaults(data.get("defaults", {}), path)
    return Style(
        path=path,
        sender=sender or None,
        signatures=signatures,
        resources=_lang_items(data.get("resources"), path, "resources", parse_resources),
        referrals=_lang_items(data.get("referrals"), path, "referrals", parse_referrals),
        lang=lang.lower() if lang else None,
        format=fmt,
        formal=formal,
        payment_days=payment_days,
        roles=roles,
        templates=_folders(data.get("templates"), path, "templates", base),
        locales=_folders(data.get("locales"), path, "locales", base),
        currency=currency,
    )


def _read_toml(path: str) -> dict[str, Any]:
    """The house-style file's TOML; a file that cannot be read or parsed is one line."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.loads(fh.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _bad(path, None, "not UTF-8 text: save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise _bad(path, None, f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the house-style file ({exc.strerror})") from None


def _sender(table: Any, path: str) -> tuple[dict[str, str], dict[str, str]]:
    """[sender]: its fields, and its role per language (empty when role is one text)."""
    if not isinstance(table, dict):
        raise _bad(path, "sender", f"[sender] must be a table")
    bad = sorted(set(table) - set(SENDER_FIELDS))
    if bad:
        raise _bad(path, f"sender.{bad[0]}", f"[sender] has unknown key {bad[0]!r}: the keys are {', '.join(SENDER_FIELDS)}")
    role = table.get("role")
    roles = _roles(role, path) if isinstance(role, dict) else {}
    sender = {k: v for k in SENDER_FIELDS if not (k == "role" and isinstance(role, dict))
              if (v := clean_text(table.get(k), f"{path}: [sender]", k, one_line=True, limit=300))}
    if roles and not sender:
        sender = {"role": next(iter(roles.values()))}  # a sender block of a role alone, as a string would give
    return sender, roles


def _roles(role: dict[Any, Any], path: str) -> dict[str, str]:
    """One role per language: role = {de = "Beraterin", en = "Consultant"}."""
    for code, text in role.items():
        if not (isinstance(code, str) and code.isalpha()):
            raise _bad(path, "sender.role", f"[sender] role: {code!r} is not a language code such as de")
        if not isinstance(text, str):
            raise _bad(path, f"sender.role.{code}", f"[sender] role.{code} must be text")
    return {code.lower(): v for code, text in role.items()
            if (v := clean_text(text, f"{path}: [sender]", f"role.{code}", one_line=True, limit=300))}


def _signatures(sig: Any, path: str) -> dict[str, tuple[str, ...]]:
    """[signature]: the lines of each language's signature."""
    if not isinstance(sig, dict):
        raise _bad(path, "signature", f"[signature] must be a table of language = \"text\"")
    signatures: dict[str, tuple[str, ...]] = {}
    for code, text in sig.items():
        if not isinstance(text, str):
            raise _bad(path, f"signature.{code}", f"signature.{code} must be text")
        lines = [clean_text(line, f"{path}: [signature]", code, one_line=True, limit=300)
                 for line in text.strip("\n").split("\n")]
        signatures[code.lower()] = tuple(line or "" for line in lines)
    return signatures


def _defaults(defaults: Any, path: str) -> tuple[str | None, str | None, bool | None, int | None, str | None]:
    """[defaults]: lang, format, formal, payment_days and currency, each checked (None when not given)."""
    if not isinstance(defaults, dict):
        raise _bad(path, "defaults", f"[defaults] must be a table")
    bad = sorted(set(defaults) - {"lang", "format", "formal", "payment_days", "currency"})
    if bad:
        raise _bad(path, f"defaults.{bad[0]}", f"[defaults] has unknown key {bad[0]!r}: the keys are lang, format, formal, payment_days, currency")
    lang = defaults.get("lang")
    if lang is not None and not (isinstance(lang, str) and lang.isalpha()):
        raise _bad(path, "defaults.lang", f"defaults.lang must be a language code such as de")
    fmt = defaults.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise _bad(path, "defaults.format", f"defaults.format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    formal = defaults.get("formal")
    if formal is not None and not isinstance(formal, bool):
        raise _bad(path, "defaults.formal", f"defaults.formal must be true or false (got {formal!r})")
    payment_days = defaults.get("payment_days")
    if payment_days is not None and (type(payment_days) is not int or not 1 <= payment_days <= 365):
        raise _bad(path, "defaults.payment_days", f"defaults.payment_days must be a whole number of days from 1 to 365 (got {payment_days!r})")
    currency = defaults.get("currency")
    if currency is not None:
        from .records import currency_code

        currency = currency_code(currency, path, "defaults.currency")
    return lang, fmt, formal, payment_days, currency


STARTER = '''\
# refusalkit house style. Every key is optional; uncomment what your team needs.
# Put this folder in git and run `refusalkit check --style refusalkit.toml` in CI.

# Folders searched for templates before the built-in ones; relative to this
# file. Without this key, a `templates` folder beside this file is used.
# templates = ["templates"]
# Folders with gettext catalogs (<locale>/LC_MESSAGES/refusalkit.po), e.g. for
# a new language; without this key, a `locales` folder beside this file.
# locales = ["locales"]

# [sender]
# name = "Anna Berger"
# first_name = "Anna"  # signs informal letters under the closing; default: the given name(s) of `name`
# role = "Beraterin"   # or one per language: role = {de = "Beraterin", en = "Consultant", tr = "Danışman"}
# company = "Berger Consulting"
# email = "anna@berger.example"
# phone = "+49 30 1234567"
# website = "https://berger.example"

# A signature per language replaces the sender lines under the closing.
# [signature]
# de = """
# Anna Berger
# Berger Consulting · Berlin
# """
# en = """
# Anna Berger
# Berger Consulting · Berlin
# """

# Offered in every letter unless the client record brings its own; `lang`
# limits one to letters in that language.
# [[resources]]
# title = "Leitfaden: die passende Beratung finden"
# url = "https://berger.example/leitfaden"
# lang = "de"

# [[referrals]]
# name = "Kanzlei Weber"
# contact = "info@weber.example"
# note = "Vertragsrecht"

# [defaults]
# lang = "de"        # de | en | tr (or a language your team added)
# format = "md"      # md | html | text
# formal = true      # false: du / sen / first name
# currency = "EUR"   # for amounts given without a currency (a spreadsheet's "Betrag" column)
'''


def original_header(name: str, data: bytes) -> str:
    """The first line of a copy made by `init`: which built-in file, at which content.

    >>> original_header("_base/de.md.j2", b"x")[:52]
    '{#- refusalkit-original: _base/de.md.j2 sha256:2d711'
    """
    import hashlib

    return f"{{#- refusalkit-original: {name} sha256:{hashlib.sha256(data).hexdigest()} -#}}\n"


def init(folder: str, reason_ids: tuple[str, ...] = (), langs: tuple[str, ...] = (),
         templates: bool = True) -> list[str]:
    """Write FOLDER/refusalkit.toml and (with `templates`) editable copies of the built-in
    templates. Nothing is written if any of the files exists already.
    """
    from . import reasons, searchpath
    from .output import write_atomic

    builtin = searchpath.SearchPath.builtin()
    root = builtin.templates[-1]
    known_langs = sorted(searchpath.languages(builtin))
    for code in langs:
        if code not in known_langs:
            raise UsageError(f"unknown language {code!r}: available are {', '.join(known_langs)}")
    chosen_langs = list(langs) or known_langs
    if reason_ids:
        chosen = [reasons.find(builtin, rid).id for rid in reason_ids]
    else:
        chosen = [r.id for r in reasons.all_reasons(builtin)]

    files: list[tuple[str, bytes]] = []

    def template(name: str) -> None:
        with open(os.path.join(root, name), "rb") as fh:
            data = fh.read()
        files.append((name, original_header(name, data).encode() + data))

    template("_base/layout.md.j2")
    for code in chosen_langs:
        template(f"_base/{code}{searchpath.TEMPLATE_SUFFIX}")
    for rid in dict.fromkeys(chosen):
        with open(os.path.join(root, rid, reasons.META), "rb") as fh:
            files.append((f"{rid}/{reasons.META}", fh.read()))
        for code in chosen_langs:
            if os.path.isfile(os.path.join(root, rid, f"{code}{searchpath.TEMPLATE_SUFFIX}")):
                template(searchpath.template_name(rid, code))

    targets = [(os.path.join(folder, STYLE_FILE), STARTER.encode())]
    if not templates:
        files = []
    targets += [(os.path.join(folder, "templates", *name.split("/")), data) for name, data in files]
    for path, _ in targets:
        if os.path.exists(path):
            raise UsageError(f"{path}: already exists: refusalkit init never overwrites; "
                             "choose another folder or move the file away")
    for path, data in targets:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        write_atomic(path, data)
    return [path for path, _ in targets]
