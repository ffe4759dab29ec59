"""A batch shared out among processes: who takes which row, and the merged reports.

Every process reads the whole file and takes the rows that are its turn
(Part); the main process forks the others (Linux), works through its own
share, and merges everyone's reports (Merge) so that failures are reported in
row order however the work was split. Ctrl-C or SIGTERM (Stop): each process
finishes the letter in hand, so every letter written is counted.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from . import errors as errors_module
from .errors import RefusalkitError

if TYPE_CHECKING:
    from .clientfile import Row

CHUNK = 32  # rows between two reports of a process


class Failure(NamedTuple):
    row: int
    line: int
    name: str
    field: str
    message: str


class Stop:
    """Ctrl-C or SIGTERM ask the run to stop: the letters in hand are finished (so
    every letter written is counted), then the summary and errors.csv are written.
    A second signal stops at once; a letter is still never left half-written."""

    def __init__(self) -> None:
        self.requested = False
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> Self:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def request(self, signum: int = 0, frame: Any = None) -> None:
        """Asked by the main process (SIGUSR1): finish the letter in hand, then stop."""
        self.requested = True


# Record fields whose value (not just whether they are there) can change a letter's shape. Not the
# salutation: shapes that differ only in it go to one process, which drafts one of them and swaps
# the greeting line for the others (batch.Shapes).
_SHAPE_VALUES = frozenset({"reason", "lang", "language", "relationship", "formal", "title",
                           "amount_due", "currency", "end_date"})
_RUN_OF_A_SHAPE = 64  # rows of one shape that go to the same process before the next one takes over


class Part:
    """Process `index` of `count` takes a row if it is its turn for the row's likely shape.

    Every process reads every row and decides alike, without talking to the
    others: the shapes are dealt out in the order they first appear, so each
    process drafts about as many as the others (Shapes: the first letter of a
    shape is the costly one), and a shape's rows go to the same process in runs
    of 64, so that a file where all rows have one shape is still shared out.
    """

    def __init__(self, index: int, count: int) -> None:
        self.index, self.count = index, count
        self.shapes: dict[str, list[int]] = {}  # likely shape -> [order of appearance, rows so far]

    def mine(self, item: Row) -> bool:
        if self.count == 1:
            return True
        data = item.data
        if item.problem is not None or not data:
            return item.row % self.count == self.index
        key = "\x1f".join(f"{k}\x1e{v!r}" if k in _SHAPE_VALUES else k for k, v in data.items())
        seen = self.shapes.get(key)
        if seen is None:
            if len(self.shapes) >= 4096:  # every process forgets at the same row: they stay in step
                self.shapes.clear()
            seen = self.shapes[key] = [len(self.shapes), 0]
        else:
            seen[1] += 1
        return (seen[0] + seen[1] // _RUN_OF_A_SHAPE) % self.count == self.index


Report = Callable[[int, int, int, list[Failure]], None]
Outcome = Callable[["Row"], "Failure | bool | None"]  # one row done: True written, None skipped, or its Failure


def work_through(rows: Iterator[Row], outcome: Outcome, part: Part, report: Report, stop: Stop) -> None:
    """This process's rows: report(line, written, skipped, failures) every few rows, and at the end."""
    written = skipped = seen = line = 0
    failures: list[Failure] = []
    try:
        for item in rows:
            if stop.requested:
                break
            if part.mine(item):
                done = outcome(item)
                if done is True:
                    written += 1
                elif done is None:
                    skipped += 1
                else:
                    failures.append(done)
            line = item.line
            seen += 1
            if seen == CHUNK:
                report(line, written, skipped, failures)
                written = skipped = seen = 0
                failures = []
    finally:  # also on an error: what was done is reported
        report(line, written, skipped, failures)


class Merge:
    """The outcomes of all processes: counted, and failures reported in row order.

    Each process reports how far down the file it is; a failure is passed on
    once every process is past its line, so stderr and errors.csv list rows in
    order however the work was split. Only failures wait: memory stays small.
    """

    def __init__(self, parts: int, on_failure: Callable[[Failure], None], on_progress: Callable[[int], None]) -> None:
        self.lines = [0] * parts
        self.on_failure, self.on_progress = on_failure, on_progress
        self.waiting: list[Failure] = []  # a heap, by row
        self.written = self.failed = self.skipped = 0
        self.shown = self.last = 0

    def reporter(self, part: int) -> Report:
        return lambda line, written, skipped, failures: self.report(part, line, written, skipped, failures)

    def report(self, part: int, line: int, written: int, skipped: int, failures: list[Failure]) -> None:
        self.written += written
        self.skipped += skipped
        for failure in failures:
            heapq.heappush(self.waiting, failure)
        self.lines[part] = max(self.lines[part], line)
        self.last = max(self.last, line)
        self._flush(min(self.lines))

    def done(self, part: int) -> None:
        self.lines[part] = sys.maxsize
        self._flush(min(self.lines))

    def finish(self) -> None:
        self._flush(sys.maxsize)

    def _flush(self, settled: int) -> None:
        while self.waiting and self.waiting[0].line <= settled:
            failure = heapq.heappop(self.waiting)
            self.failed += 1
            self.on_failure(failure)
        settled = min(settled, self.last)
        if settled > self.shown:
            self.on_progress(settled - self.shown)  # once per few rows: drawing the bar costs more than a row
            self.shown = settled


def can_fork() -> bool:
    """Worker processes are forked (the engine and its caches come along for free), on
    Linux only (macOS and Windows start them fresh) and from a single-threaded process."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 \
        and threading.current_thread() is threading.main_thread()


def _send(fd: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message)
    data = len(data).to_bytes(4, "big") + data
    while data:
        data = data[os.write(fd, data):]


def _child(part: Part, reopen: Callable[[], Iterator[Row]], outcome: Outcome, fd: int, stop: Stop,
           farewell: Callable[[], Any] | None) -> None:
    """A forked worker: its share of the rows, reported through `fd`; never returns."""
    code = 0
    try:
        def report(line: int, written: int, skipped: int, failures: list[Failure]) -> None:
            _send(fd, ("r", line, written, skipped, [tuple(f) for f in failures]))

        work_through(reopen(), outcome, part, report, stop)
        parting = farewell() if farewell is not None else None
        if parting:
            _send(fd, ("f", parting))
        _send(fd, ("d",))
    except BrokenPipeError:  # the main process is gone (killed): stop here
        code = 1
    except BaseException as exc:  # noqa: BLE001 -- reported to the main process, which decides
        code = 1
        kind = type(exc).__name__ if isinstance(exc, (RefusalkitError, KeyboardInterrupt)) else ""
        with contextlib.suppress(OSError):  # the main process may be gone
            _send(fd, ("x", kind, str(exc) if kind else f"{type(exc).__name__}: {exc}"))
    finally:
        os._exit(code)  # never back into the caller's code (click, or a test runner)


class _Worker:
    def __init__(self, pid: int, fd: int, part: int) -> None:
        self.pid, self.fd, self.part = pid, fd, part
        self.buffer = b""
        self.open = True
        self.finished = False
        self.error: tuple[str, str] | None = None


def run_forked(rows: Iterator[Row], reopen: Callable[[], Iterator[Row]], outcome: Outcome, jobs: int,
               merge: Merge, stop: Stop, farewell: Callable[[], Any] | None = None,
               on_farewell: Callable[[Any], None] = lambda parting: None) -> None:
    """The rows shared out among this process and `jobs - 1` forked ones (see Part),
    each reading the file itself; their reports merged here in row order. On a
    stop request every process finishes the letter in hand. A worker that finishes
    sends what farewell() gives it (if anything) to on_farewell()."""
    import select

    sys.stdout.flush()
    sys.stderr.flush()
    workers: dict[int, _Worker] = {}
    saved = signal.signal(signal.SIGUSR1, stop.request)  # the workers inherit it: how they are told to stop
    forwarded = False

    def tell_to_stop() -> None:
        nonlocal forwarded
        if not forwarded:
            forwarded = True
            for worker in workers.values():
                _signal(worker.pid, signal.SIGUSR1)

    def drain(timeout: float) -> None:
        if stop.requested:
            tell_to_stop()
        ready, _, _ = select.select([w.fd for w in workers.values() if w.open], [], [], timeout)
        for fd in ready:
            worker = workers[fd]
            chunk = os.read(fd, 65536)
            if not chunk:
                worker.open = False
                merge.done(worker.part)
                continue
            worker.buffer += chunk
            while len(worker.buffer) >= 4:
                size = int.from_bytes(worker.buffer[:4], "big")
                if len(worker.buffer) < 4 + size:
                    break
                message = pickle.loads(worker.buffer[4:4 + size])
                worker.buffer = worker.buffer[4 + size:]
                if message[0] == "r":
                    merge.report(worker.part, message[1], message[2], message[3],
                                 [Failure(*f) for f in message[4]])
                elif message[0] == "d":
                    worker.finished = True
                elif message[0] == "f":
                    on_farewell(message[1])
                else:
                    worker.error = (message[1], message[2])
                    stop.requested = True

    try:
        for index in range(1, jobs):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                for worker in workers.values():
                    os.close(worker.fd)
                _child(Part(index, jobs), reopen, outcome, write_fd, stop, farewell)
            os.close(write_fd)
            workers[read_fd] = _Worker(pid, read_fd, index)

        def report(line: int, written: int, skipped: int, failures: list[Failure]) -> None:
            merge.report(0, line, written, skipped, failures)
            drain(0)  # the workers' reports, so that none of them waits on a full pipe

        work_through(rows, outcome, Part(0, jobs), report, stop)
        merge.done(0)
        while any(w.open for w in workers.values()):
            drain(0.1)
    except BaseException:
        for worker in workers.values():
            _signal(worker.pid, signal.SIGTERM)  # they finish or drop the letter in hand
        raise
    finally:
        for worker in workers.values():
            os.close(worker.fd)  # a worker still writing gets a broken pipe and stops
            os.waitpid(worker.pid, 0)
        signal.signal(signal.SIGUSR1, saved)
    for worker in workers.values():
        if worker.error is not None:
            kind, message = worker.error
            if kind == "KeyboardInterrupt":
                raise KeyboardInterrupt
            if kind:
                raise getattr(errors_module, kind, RefusalkitError)(message)
            raise RuntimeError(f"in a worker process: {message}")
        if not worker.finished and not stop.requested:
            raise RefusalkitError("a worker process stopped before it finished (killed?): the letters written "
                                  "are whole; run the same command with --resume to write the rest")


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
