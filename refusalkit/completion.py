"""Shell completion (bash, zsh, fish) through click: what each option's value can be.

Completion runs on every Tab press, so it is quick and never fails: a house style
that does not load (broken TOML, a missing folder, a broken reason.toml) falls back
to the built-in reasons and languages, and anything else gives no candidates rather
than a traceback in the user's shell. Nothing is written to stderr.
"""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem


def _search_path(ctx: click.Context) -> Any:
    """The search path of the house style in effect (--style, if typed before), else the built-in one."""
    from .searchpath import SearchPath

    try:
        from . import style as house

        found = house.find(ctx.params.get("style_path"))
        if found is not None:
            style = house.load(found)
            return SearchPath.builtin(style.templates, style.locales)
    except Exception:  # a broken house style: complete what is built in
        pass
    return SearchPath.builtin()


def _reasons(path: Any) -> list[CompletionItem]:
    from . import reasons

    items: list[CompletionItem] = []
    for rid in sorted(reasons.reason_ids(path)):
        try:
            reason = reasons.find(path, rid)
        except Exception:  # a broken reason.toml: its id alone
            items.append(CompletionItem(rid))
            continue
        items.append(CompletionItem(reason.id, help=reason.title))
        items.extend(CompletionItem(alias, help=f"= {reason.id}") for alias in reason.aliases)
    return items


def complete_reason(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Reason ids and their aliases, with the reason's title as the help zsh and fish show."""
    try:
        try:
            items = _reasons(_search_path(ctx))
        except Exception:
            from .searchpath import SearchPath

            items = _reasons(SearchPath.builtin())
    except Exception:
        return []
    wanted = incomplete.lower()
    return [item for item in items if item.value.startswith(wanted)]


def complete_language(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The letter languages the templates' catalogs have (de, en, tr, and a team's own)."""
    from .searchpath import SearchPath, languages

    try:
        try:
            found = sorted(languages(_search_path(ctx)))
        except Exception:
            found = sorted(languages(SearchPath.builtin()))
    except Exception:
        found = ["de", "en", "tr"]
    return [CompletionItem(code) for code in found if code.startswith(incomplete.lower())]


def complete_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """File names: the shell completes them itself (as click.Path does)."""
    return [CompletionItem(incomplete, type="file")]


def complete_dir(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Folder names, completed by the shell."""
    return [CompletionItem(incomplete, type="dir")]
