"""Where the built-in templates and catalogs are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The built-in `templates` or `locales` folder.

    In a wheel they sit inside the package; in a source checkout they are the
    top-level folders beside it, which is where the team edits them.
    """
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def cache_dir(name: str) -> str | None:
    """A private folder under the user's cache (XDG_CACHE_HOME, ~/.cache, %LOCALAPPDATA%),
    or None when caching is off (REFUSALKIT_NO_CACHE) or impossible."""
    import os

    if os.environ.get("REFUSALKIT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.path.join(os.path.expanduser("~"), ".cache"))
    if not base:
        return None
    folder = os.path.join(base, "refusalkit", name)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder
