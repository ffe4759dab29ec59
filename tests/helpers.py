from __future__ import annotations

import functools
import os
import traceback
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from refusalkit.cli import cli
from refusalkit.memo import Memo

DATA = Path(__file__).parent / "data"


def every_reason() -> list[tuple[str, str]]:
    """(reason id, relationship) for every reason and each relationship it fits."""
    return list(_every_builtin_reason())


# The built-in reason files do not change while the tests run: read once per process. A new
# Engine reads every reason.toml again (about 3 ms of CPU), and the letter modules ask ~300 times.
@functools.cache
def _every_builtin_reason() -> tuple[tuple[str, str], ...]:
    from refusalkit.api import Engine

    return tuple((r.id, rel) for r in Engine().all_reasons() for rel in r.relationships)


# The templates as check() read them (Engine.analysed, keyed by name, path, mtime and size),
# shared by the check()s of one test process (tests/test_check.py, test_headers.py,
# test_sandbox.py, test_today_contract.py): the 52 built-in templates are parsed once a
# process, not once a check (about 0.3 s of CPU each); a team file is a new path, read afresh.
CHECK_READS = Memo(1024)


def sharing_reads(engine: Any) -> Any:
    """`engine`, reading templates for check() through CHECK_READS."""
    engine.analysed = CHECK_READS
    return engine


def cli_letter(*args: str, input: str | None = None) -> str:
    """Run `refusalkit draft ARGS` and return the letter; fail on any error."""
    result = CliRunner().invoke(cli, ["draft", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def no_traceback(result: Result) -> None:
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        pytest.fail(f"uncaught exception (a traceback for the user):\n{detail}")
    assert "Traceback" not in result.output


def assert_error(result: Result, code: int, *needles: str) -> str:
    """Exit `code`, nothing on stdout, exactly one stderr line "refusalkit: error: ...",
    containing every needle (case-insensitive). Returns the line."""
    no_traceback(result)
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == "", f"stdout must stay empty on error, got {result.stdout!r}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one stderr line, got {result.stderr!r}"
    assert result.stderr.endswith("\n")
    line = lines[0]
    assert line.startswith("refusalkit: error: "), line
    assert len(line) > len("refusalkit: error: ") + 5, line
    for needle in needles:
        assert needle.lower() in line.lower(), f"{needle!r} not in {line!r}"
    return line


def only_notes(stderr: str) -> bool:
    """Whether stderr holds nothing but notes ("refusalkit: note: ..." lines, such as a
    notice that names no end date): what a letter may come with; no error, no warning."""
    return all(line.startswith("refusalkit: note: ") for line in stderr.splitlines())


def assert_letter(result: Result) -> str:
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert only_notes(result.stderr), result.stderr
    assert result.stdout.strip()
    return result.stdout


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return str(p)


def run_in(*args: str, cwd: Path | None = None) -> Result:
    """Run the CLI in-process from the folder `cwd` (the process's working folder is
    restored afterwards); an exception other than SystemExit fails the test."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
