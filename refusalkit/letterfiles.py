"""A letter file appears whole or not at all, and never replaces one unless asked.

Each letter is written to a hidden temporary file in its folder, then given its
name with a hard link, which refuses an existing name (or, with --force, moved
over it). A run that is killed leaves no half letter; its temporary files, if
any, are removed by the next run (clean_stale_temps).
"""

from __future__ import annotations

import os
import re
import sys

from .errors import OutputError

_TMP = re.compile(r"^\..+\.rk(\d+)\.tmp$")


def write_new(folder: str, name: str, data: bytes, force: bool) -> bool:
    """Write folder/name in one step; False if the file exists and `force` is not set.

    No fsync per letter (on this project's disk that alone costs 5 ms a letter):
    a letter appears whole or not at all if the run is interrupted or killed,
    and sync() flushes the letters to disk at the end of a batch.
    """
    target = os.path.join(folder, name)
    tmp = os.path.join(folder, f".{name}.rk{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write letters there ({exc.strerror})") from None
    moved = False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, target)
            moved = True
            return True
        try:
            os.link(tmp, target)  # fails if the file exists, even one made a moment ago
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if os.path.lexists(target):
                return False
            os.replace(tmp, target)
            moved = True
        return True
    except OSError as exc:
        raise OutputError(f"{target}: cannot write it ({exc.strerror})") from None
    finally:
        if not moved:  # also on Ctrl-C or SIGTERM halfway: no temporary file stays behind
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass


def sync(folder: str) -> None:
    """Flush what was written into `folder` to disk: on Linux its file system alone
    (syncfs), not every file system on the machine; then the folder's own entries.
    Best effort: a letter written is whole either way."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        if sys.platform.startswith("linux"):
            import ctypes

            try:
                ctypes.CDLL(None, use_errno=True).syncfs(fd)
            except (OSError, AttributeError):  # no syncfs in this C library
                pass
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def clean_stale_temps(out_dir: str) -> None:
    """Remove temporary files of runs that were killed (their process is gone)."""
    try:
        entries = os.scandir(out_dir)
    except OSError:  # a folder one may write into but not list
        return
    with entries:
        for entry in entries:
            m = _TMP.match(entry.name)
            if m is None:
                continue
            try:
                os.kill(int(m.group(1)), 0)
            except ProcessLookupError:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
            except (PermissionError, OverflowError):
                pass
