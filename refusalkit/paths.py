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
