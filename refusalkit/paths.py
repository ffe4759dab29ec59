"""Where things are: the built-in templates and catalogs (installed or in a checkout), the
cache, and a file the user names with an option or an environment variable."""

from __future__ import annotations

import os

# Plain os.path, not pathlib: importing pathlib costs about 2 ms of a cold start.
_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def data_dir(name: str) -> str:
    """The built-in `templates` or `locales` folder.

    In a wheel they sit inside the package; in a source checkout they are the
    top-level folders beside it, which is where the team edits them.
    """
    inside = os.path.join(_PACKAGE, name)
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(_PACKAGE), name)


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


def keep_in_cache(file: str, data: bytes) -> None:
    """Write a cache file whole or not at all (another process may read it meanwhile),
    best effort: a cache that cannot be written is simply not kept."""
    tmp = f"{file}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, file)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def named_file(explicit: str | None, option: str, env: str, what: str) -> str | None:
    """The file given with `option` (`explicit`), else the one in $`env`, checked to exist;
    None when neither names one (the caller looks in its default places)."""
    from .errors import UsageError

    for name, where in ((explicit, f"given with {option}"), (os.environ.get(env), f"from {env}")):
        if name:
            if not os.path.isfile(name):
                raise UsageError(f"{name}: no such {what} file ({where})")
            return name
    return None
