"""The sender's own setup: `refusalkit setup` writes it once into the user's config
folder, and every later letter, from any folder, is signed with it.

The file is an ordinary house-style file (refusalkit.toml) in the config folder
(click.get_app_dir("refusalkit"), or $REFUSALKIT_CONFIG_DIR). A team's house style
(--style, $REFUSALKIT_STYLE, ./refusalkit.toml) still wins where it sets a value;
what it leaves out (the sender's own name, a signature) comes from here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from .style import Style

CONFIG_ENV = "REFUSALKIT_CONFIG_DIR"
STYLE_FILE = "refusalkit.toml"
LANGUAGES = ("de", "en", "tr")
LANGUAGE_NAMES = {"de": "German", "en": "English", "tr": "Turkish"}
FORMATS = ("md", "html", "text")


def config_dir() -> str:
    """The user's refusalkit config folder: $REFUSALKIT_CONFIG_DIR, else the platform's
    (~/.config/refusalkit, ~/Library/Application Support/refusalkit, %APPDATA%\\refusalkit)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return env
    import click

    return click.get_app_dir("refusalkit")


def personal_file() -> str:
    return os.path.join(config_dir(), STYLE_FILE)


def layered(team: Style, personal: Style) -> Style:
    """`team` with what it leaves unset taken from `personal`: the team wins per value."""
    sender = dict(personal.sender or {})
    if team.sender and "name" in team.sender and "first_name" not in team.sender:
        sender.pop("first_name", None)  # the person's given name does not go with the team's sender name
    sender.update(team.sender or {})
    roles = dict(personal.roles)
    if team.sender and "role" in team.sender and not team.roles:
        roles = {}  # the team's one role for every language beats the person's per-language ones
    roles.update(team.roles)
    return team._replace(
        sender=sender or None,
        roles=roles,
        # a letter ends with a signature or else the sender block: a team that sets a sender block
        # has chosen its ending, and a person's signature would hide it
        signatures=team.signatures if team.sender else {**personal.signatures, **team.signatures},
        resources=team.resources or personal.resources,
        referrals=team.referrals or personal.referrals,
        lang=team.lang or personal.lang,
        format=team.format or personal.format,
        formal=team.formal if team.formal is not None else personal.formal,
        payment_days=team.payment_days if team.payment_days is not None else personal.payment_days,
        currency=team.currency or personal.currency,
        templates=team.templates + tuple(t for t in personal.templates if t not in team.templates),
        locales=team.locales + tuple(t for t in personal.locales if t not in team.locales),
    )


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def effective_style(explicit: str | None = None) -> Style | None:
    """The house style in effect with the personal setup under it, or None if there is neither."""
    from . import style as house

    found = house.find(explicit)
    if found is None:
        return None
    team = house.load(found)
    mine = personal_file()
    if os.path.isfile(mine) and not _same(found, mine):
        return layered(team, house.load(mine))
    return team


def _named(style: Style) -> bool:
    return bool(style.sender and (style.sender.get("name") or style.sender.get("first_name")))


def unsigned_hint(style: Style, lang: str | None = None) -> str | None:
    """The one-line note for a letter that would go out without a sender or signature
    (every time: an unsigned letter is a mistake each time it happens). $REFUSALKIT_NO_SIGNATURE_NOTE
    turns it off for those whose mail client adds their signature."""
    if os.environ.get("REFUSALKIT_NO_SIGNATURE_NOTE"):
        return None
    if lang is not None:
        signed = bool(style.signatures.get(lang)) or _named(style)
    else:
        signed = bool(style.signatures) or _named(style)
    if signed:
        return None
    where = f" for {lang}" if lang else ""
    return (f"refusalkit: note: the letter is unsigned (no sender name or signature{where}): "
            "run `refusalkit setup` once to sign every letter")


# --- writing the setup ------------------------------------------------------------------------------

def _toml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def toml_text(values: dict[str, Any]) -> str:
    """The setup as a refusalkit.toml text.

    >>> print(toml_text({"name": "Anna Berger", "lang": "de", "signature": {"de": "Anna Berger\\nBerlin"}}))
    # Your refusalkit setup, written by `refusalkit setup` (run it again with --force to change it).
    # A team's refusalkit.toml wins where it sets a value.
    <BLANKLINE>
    [sender]
    name = "Anna Berger"
    <BLANKLINE>
    [signature]
    de = "Anna Berger\\nBerlin"
    <BLANKLINE>
    [defaults]
    lang = "de"
    <BLANKLINE>
    """
    lines = ["# Your refusalkit setup, written by `refusalkit setup` (run it again with --force to change it).",
             "# A team's refusalkit.toml wins where it sets a value.", ""]
    sender = [(k, values[k]) for k in ("name", "first_name", "role", "company", "email", "phone", "website")
              if values.get(k)]
    if sender:
        lines.append("[sender]")
        lines += [f"{k} = {_toml_string(v)}" for k, v in sender]
        lines.append("")
    signatures = {k: v for k, v in (values.get("signature") or {}).items() if v}
    if signatures:
        lines.append("[signature]")
        lines += [f"{k} = {_toml_string(v)}" for k, v in sorted(signatures.items())]
        lines.append("")
    defaults = [(k, values[k]) for k in ("lang", "format", "currency") if values.get(k)]
    if defaults:
        lines.append("[defaults]")
        lines += [f"{k} = {_toml_string(v)}" for k, v in defaults]
        lines.append("")
    return "\n".join(lines)


def signature_text(typed: str) -> str:
    """A signature typed on one line, its lines split at " | " (or at a typed "\\n").

    >>> signature_text("Anna Berger | Berger Consulting"), signature_text("Anna\\\\nBerlin")
    ('Anna Berger\\nBerger Consulting', 'Anna\\nBerlin')
    """
    text = typed.replace("\\n", "\n")
    parts = [p.strip() for chunk in text.split("\n") for p in chunk.split(" | ")]
    return "\n".join(p for p in parts if p)


def write(values: dict[str, Any], force: bool = False) -> str:
    """Check `values` as a house style would be checked, then write the personal file
    (atomically; an existing one only with `force`). Returns its path."""
    import tempfile

    from . import style as house
    from .output import write_atomic

    text = toml_text(values)
    path = personal_file()
    if os.path.exists(path) and not force:
        raise UsageError(f"{path}: already exists: pass --force to replace it "
                         "(`refusalkit setup --force` shows your current values as defaults)")
    # the same checks as every later letter makes, before anything is written
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, STYLE_FILE)
        with open(probe, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            house.load(probe)
        except UsageError:
            raise
        except Exception as exc:
            raise type(exc)(str(exc).replace(probe, "setup")) from None
    email = values.get("email")
    if email:
        from .records import email_address

        email_address(email, "setup", "email")
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    except OSError as exc:
        from .errors import OutputError

        raise OutputError(f"{os.path.dirname(path)}: cannot create the config folder ({exc.strerror})") from None
    write_atomic(path, text, force=force)
    return path


def current_values() -> dict[str, Any]:
    """What the personal file holds now, as setup's defaults (empty if there is none)."""
    from . import style as house

    path = personal_file()
    if not os.path.isfile(path):
        return {}
    try:
        found = house.load(path)
    except Exception:  # noqa: BLE001 -- a broken file: start again from nothing
        return {}
    values: dict[str, Any] = dict(found.sender or {})
    if found.roles:
        values["role"] = found.roles.get(found.lang or "en") or next(iter(found.roles.values()))
    values["signature"] = {k: "\n".join(v) for k, v in found.signatures.items()}
    values["lang"], values["format"], values["currency"] = found.lang, found.format, found.currency
    return values


# --- the command ----------------------------------------------------------------------------------

import click  # noqa: E402 -- the command is imported only when `refusalkit setup` runs


def _default_lang() -> str:
    from .api import default_engine

    return default_engine().pick_language().code  # the built-in templates' language for your locale, else en


@click.command("setup")
@click.option("--name", help="Your name, as it signs your letters.")
@click.option("--first-name", "first_name",
              help="Your given name, under the closing of informal letters (default: from --name).")
@click.option("--role", help="Your role or job title (e.g. Beraterin, Consultant).")
@click.option("--company", help="Your company.")
@click.option("--email", help="Your email address (the From: of eml drafts).")
@click.option("--phone", help="Your phone number.")
@click.option("--website", help="Your website.")
@click.option("--lang", "-l", type=click.Choice(LANGUAGES), help="Your default letter language.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), help="Your default output format.")
@click.option("--currency", metavar="CODE",
              help="The currency of amounts given without one (a spreadsheet's 'Betrag' column), e.g. EUR.")
@click.option("--signature", "signatures", multiple=True, metavar="LANG=TEXT",
              help="A signature for letters in LANG; ' | ' separates its lines (repeatable).")
@click.option("--no-input", is_flag=True, help="Ask nothing: take only the values given as options.")
@click.option("--force", is_flag=True, help="Replace an existing setup.")
def setup_command(name: str | None, role: str | None, company: str | None, email: str | None,
                  phone: str | None, website: str | None, lang: str | None, fmt: str | None,
                  signatures: tuple[str, ...], no_input: bool, force: bool, currency: str | None = None,
                  first_name: str | None = None) -> None:
    """Your own sender, signatures and defaults, for every letter from any folder."""
    path = personal_file()
    if os.path.exists(path) and not force:
        raise UsageError(f"{path}: already exists: pass --force to change it "
                         "(setup then offers your current values as defaults)")
    current = current_values() if force else {}
    given: dict[str, Any] = {"name": name, "first_name": first_name, "role": role, "company": company,
                             "email": email, "phone": phone, "website": website, "lang": lang, "format": fmt}
    signature: dict[str, str] = dict(current.get("signature") or {})
    typed_signatures: set[str] = set()
    for item in signatures:
        code, sep, text = item.partition("=")
        code = code.strip().lower()
        if not sep or not code.isalpha():
            raise UsageError(f"--signature {item!r}: write LANG=TEXT, e.g. --signature 'de=Anna Berger | Berlin'")
        signature[code] = signature_text(text)
        typed_signatures.add(code)
    values: dict[str, Any] = {}
    prompts = {"name": "Your name (as it signs your letters)", "role": "Your role (e.g. Beraterin)",
               "company": "Your company", "email": "Your email address"}
    for key in ("name", "first_name", "role", "company", "email", "phone", "website"):
        value = given[key] if given[key] is not None else current.get(key)
        if key == "first_name" and given[key] is None and values.get("name") != current.get("name"):
            value = None  # a given name kept from before would not go with the new name
        if given[key] is None and not no_input and key in prompts:
            value = click.prompt(prompts[key], default=value or "", show_default=bool(value)).strip() or None
        values[key] = value
    values["lang"] = given["lang"] or current.get("lang")
    if given["lang"] is None and not no_input:
        values["lang"] = click.prompt("Default letter language", type=click.Choice(LANGUAGES),
                                      default=values["lang"] or _default_lang())
    values["format"] = given["format"] or current.get("format")
    if given["format"] is None and not no_input:
        values["format"] = click.prompt("Default format (html: rich text)", type=click.Choice(FORMATS),
                                        default=values["format"] or "md")
    values["currency"] = currency.strip().upper() if currency and currency.strip() else current.get("currency")
    if currency is None and not no_input:
        typed = click.prompt("Currency of amounts given without one (EUR, USD, TRY, ...; empty: none)",
                             default=values["currency"] or "", show_default=bool(values["currency"]))
        values["currency"] = typed.strip().upper() or None
    if not no_input:
        click.echo("Signatures: the lines under the closing; separate lines with ' | '. "
                   "Empty: your name, role and company.")
        for code in LANGUAGES:
            if code in typed_signatures:
                continue
            shown = signature.get(code, "").replace("\n", " | ")
            typed = click.prompt(f"Signature for {LANGUAGE_NAMES[code]} letters", default=shown,
                                 show_default=bool(shown))
            signature[code] = signature_text(typed)
    values["signature"] = signature
    written = write(values, force=force)
    click.echo(f"wrote {click.format_filename(written)}")
    if not values.get("name") and not any(signature.values()):
        click.echo("refusalkit: note: no name and no signature: your letters stay unsigned", err=True)
    click.echo("next: refusalkit draft --reason capacity --name 'Kim Mayer'  (every letter is signed now)")
