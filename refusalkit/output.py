"""Writing a letter to a file: atomically, and never over an existing file unless forced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one.

    The letter goes to a temporary file in the same folder first and is moved
    into place in one step; without `force`, an existing file is left alone.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder: give a file name to --output")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists: use --force to overwrite it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise OutputError(f"{target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if the file appeared meanwhile: no silent overwrite
            except FileExistsError:
                raise OutputError(f"{target}: already exists: use --force to overwrite it") from None
            except OSError:
                if target.exists():
                    raise OutputError(f"{target}: already exists: use --force to overwrite it") from None
                os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
