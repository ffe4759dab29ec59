"""Writing a letter to a file: atomically, never over an existing file unless forced, and
never over anything but a regular file (a device, a pipe or a symbolic link stays as it is)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from .errors import OutputError

_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one.

    The letter goes to a temporary file in the same folder first and is moved
    into place in one step; without `force`, an existing file is left alone.
    Only a regular file is ever replaced, and it keeps its permissions (and, where
    allowed, its owner); a symbolic link is refused, never followed nor replaced.
    Temporary files of runs that were killed are removed afterwards.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with AtomicFile(path, force=force) as fh:
        fh.write(payload)


class AtomicFile:
    """A file written as write_atomic writes one, for what is written piece by piece (a batch's
    mbox): the target is checked when it is opened (an existing file without `force` is an
    error before anything is written), the pieces go to a temporary file in the same folder,
    and commit() moves it into place; discard() (or an exception inside `with`) removes it."""

    def __init__(self, path: str | os.PathLike[str], *, force: bool = False, option: str = "-o") -> None:
        self.target = target = os.fspath(path)
        self.force = force
        try:
            self.old: os.stat_result | None = os.lstat(target)
        except (FileNotFoundError, NotADirectoryError):  # the folder is checked when writing into it
            self.old = None
        except ValueError:  # a NUL in the path
            raise OutputError(f"{target!r}: not a valid file name") from None
        except OSError as exc:
            raise OutputError(f"{target}: cannot write there ({exc.strerror})") from None
        if self.old is not None:
            _check_replaceable(target, self.old, force, option)
        folder, name = os.path.split(target)
        self.folder = folder or "."
        try:
            # named as batch names its temporary files, so that either cleans up after the other
            # (the name shortened: a long one plus the suffix could exceed the system's limit)
            fd, self.tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name[:100]}.", suffix=f".rk{os.getpid()}.tmp")
        except FileNotFoundError:
            raise OutputError(f"{target}: the folder {self.folder} does not exist") from None
        except OSError as exc:
            raise OutputError(f"{target}: cannot write there ({exc.strerror})") from None
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.target}: cannot write it ({exc.strerror})") from None

    def commit(self) -> None:
        """Move the whole file into place (never over an existing file without `force`)."""
        target, old, tmp = self.target, self.old, self.tmp
        try:
            fh = self.file
            fh.flush()
            if old is not None:
                _keep_owner(fh.fileno(), old)
            os.fsync(fh.fileno())
            fh.close()
            # a letter is never a program: the old file's permission bits without set-id or sticky
            os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777 if old is not None else 0o644 & ~_umask())
            if self.force:
                os.replace(tmp, target)
            else:
                try:
                    os.link(tmp, target)  # fails if the file appeared meanwhile: no silent overwrite
                except FileExistsError:
                    raise OutputError(f"{target}: already exists: use --force to overwrite it") from None
                except OSError:
                    if os.path.lexists(target):
                        raise OutputError(f"{target}: already exists: use --force to overwrite it") from None
                    os.replace(tmp, target)
        except BaseException:
            self.discard()
            raise
        self.discard()  # the temporary name of a hard-linked file
        _clean_stale_temps(self.folder)

    def discard(self) -> None:
        """Remove the temporary file: nothing is written."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _check_replaceable(target: str, old: os.stat_result, force: bool, option: str = "-o") -> None:
    """Refuse what -o (or `option`) must not replace: a folder, a symbolic link, anything not
    a regular file (even with --force), and an existing file without --force."""
    if stat.S_ISLNK(old.st_mode):
        try:
            where = f" (to {os.readlink(target)})"
        except OSError:
            where = ""
        raise OutputError(f"{target}: is a symbolic link{where}: {option} never writes through one nor replaces it, "
                          "even with --force; give the path of the file itself")
    if stat.S_ISDIR(old.st_mode):
        raise OutputError(f"{target}: is a folder: give a file name to {'--output' if option == '-o' else option}")
    if not stat.S_ISREG(old.st_mode):
        kind = next((words for test, words in _KINDS if test(old.st_mode)), "not a regular file")
        raise OutputError(f"{target}: is {kind}, not a regular file: {option} never replaces one, even with --force; "
                          + ("leave out -o (or use -o -) to print the letter" if option == "-o" else "give another file"))
    if not force:
        raise OutputError(f"{target}: already exists: use --force to overwrite it")


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """The replaced file's owner and group for the new one, where the system allows it (root
    may give a file to anyone; others only to a group they are in)."""
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)


def _clean_stale_temps(folder: str) -> None:
    """Remove the temporary files of runs that were killed (SIGKILL gives no chance to tidy up).
    Best effort: a folder one may write into but not list keeps them."""
    if os.name != "posix":  # os.kill(pid, 0) asks whether a process lives only on POSIX; elsewhere it ends it
        return
    from .letterfiles import clean_stale_temps

    with contextlib.suppress(OSError):
        clean_stale_temps(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
