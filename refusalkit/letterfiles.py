"""A letter file appears whole or not at all, and never replaces one unless asked.

On Linux the letter is written to an unnamed file (O_TMPFILE) and given its name
with linkat(), which refuses an existing name; elsewhere, or on file systems
without it, to a hidden temporary file moved into place with renameat2's
RENAME_NOREPLACE, or linked. A run that is killed leaves no half letter; its
temporary files, if any, are removed by the next run (clean_stale_temps).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from typing import Any

from .errors import OutputError

_TMP = re.compile(r"^\..+\.rk(\d+)\.tmp$")
_RENAME_NOREPLACE: Any = None  # None: not looked up yet; False: not available


def _rename_noreplace(src: str, dst: str) -> bool | None:
    """Linux renameat2(RENAME_NOREPLACE): move src to dst unless dst exists, in one
    step. True if moved, False if dst exists, None where the system cannot do it."""
    global _RENAME_NOREPLACE
    if _RENAME_NOREPLACE is None:
        _RENAME_NOREPLACE = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None, use_errno=True)
                fn = libc.renameat2
                fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
                _RENAME_NOREPLACE = (fn, ctypes)
            except (OSError, AttributeError):  # no libc, or a glibc before 2.28
                pass
    if not _RENAME_NOREPLACE:
        return None
    fn, ctypes = _RENAME_NOREPLACE
    if fn(-100, os.fsencode(src), -100, os.fsencode(dst), 1) == 0:  # AT_FDCWD, RENAME_NOREPLACE
        return True
    err = ctypes.get_errno()
    if err == errno.EEXIST:
        return False
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):  # the file system cannot
        _RENAME_NOREPLACE = False
        return None
    raise OSError(err, os.strerror(err), dst)


_LINKAT: Any = None  # None: not looked up yet; False: not available; True: available
_FOLDER: tuple[str, int] | None = None  # the folder written to, and a descriptor of it


def prepare() -> None:
    """Find out whether unnamed files can be linked (batch: before it forks, for
    every process to share)."""
    global _LINKAT
    if _LINKAT is None:
        _LINKAT = sys.platform.startswith("linux") and hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


def _folder(folder: str) -> int:
    """A descriptor of `folder`, kept while letters go there: each letter is then
    created and named relative to it, without looking the path up again."""
    global _FOLDER
    if _FOLDER is not None:
        if _FOLDER[0] == folder:
            return _FOLDER[1]
        os.close(_FOLDER[1])
        _FOLDER = None
    # O_PATH: a folder one may write into but not list still serves (Linux, as O_TMPFILE)
    fd = os.open(folder, getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY | os.O_CLOEXEC)
    _FOLDER = (folder, fd)
    return fd


def release() -> None:
    """Close the folder's descriptor (the end of a batch)."""
    global _FOLDER
    if _FOLDER is not None:
        os.close(_FOLDER[1])
        _FOLDER = None


def write_unnamed(folder: str, name: str, data: bytes) -> bool | None:
    """Linux: `data` into an unnamed file in `folder` (O_TMPFILE), then given its
    name by linkat(), which never replaces. True if written, False if the name
    exists, None where the system cannot do it. Quicker than a temporary name and
    a rename, and a process killed halfway leaves nothing: an unnamed file goes
    with it."""
    global _LINKAT
    if _LINKAT is None:
        prepare()
    if not _LINKAT:
        return None
    try:
        where = _folder(folder)
        fd = os.open(".", os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666, dir_fd=where)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # a file system without it
            _LINKAT = False
            return None
        raise OutputError(f"{folder}: cannot write letters there ({exc.strerror})") from None
    try:
        written = os.write(fd, data)
        if written < len(data):  # a short write: rare, but allowed
            view = memoryview(data)[written:]
            while view:
                view = view[os.write(fd, view):]
        # linkat(folder, "/proc/self/fd/N", folder, name, AT_SYMLINK_FOLLOW): the absolute
        # /proc path names the open, unnamed file. (os.link takes linkat with its flag only
        # when given a dir_fd.)
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=where, dst_dir_fd=where)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP, errno.ENOENT, errno.EXDEV):
            _LINKAT = False
            return None
        raise
    finally:
        os.close(fd)


def write_new(folder: str, name: str, data: bytes, force: bool) -> bool:
    """Write DIR/name in one step (an unnamed file given its name, or a hidden
    temporary file and a rename that never replaces, or a link); False if the
    file exists and `force` is not set.

    No fsync per letter (it would double the time of a run): a letter appears
    whole or not at all if the run is interrupted or killed, and run() flushes
    the letters to disk at the end.
    """
    target = os.path.join(folder, name)
    if not force:
        try:
            done = write_unnamed(folder, name, data)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write it ({exc.strerror})") from None
        if done is not None:
            return done
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
        done = _rename_noreplace(tmp, target)
        if done is not None:
            moved = done
            return done
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


def clean_stale_temps(out_dir: str) -> None:
    """Remove temporary files of runs that were killed (their process is gone)."""
    with os.scandir(out_dir) as entries:
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
