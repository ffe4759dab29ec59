"""`draft -o`: what it may replace (a regular file, with --force, keeping its permissions;
never a device, a pipe, a socket or a symbolic link), the format an extension implies, and
the temporary files a killed run leaves behind. Devices and pipes are made in tmp_path:
no test goes near a system file."""

from __future__ import annotations

import email
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refusalkit.cli import cli

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

ROOT = Path(__file__).resolve().parent.parent
LETTER = ["draft", "--reason", "capacity", "--lang", "en", "--name", "Kim Mayer", "--email", "kim@example.com"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*LETTER, *args])


def one_error_line(result: Result, code: int, *needles: str) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("refusalkit: error: "), result.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])
    return lines[0]


# --- what -o may replace ----------------------------------------------------------------------


def fifo(path: Path) -> None:
    os.mkfifo(path)


def char_device(path: Path) -> None:
    try:  # a device like /dev/null (1, 3), made here: the real one is never a target
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs CAP_MKNOD")


def unix_socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))


def link_to_stdout(path: Path) -> None:
    path.symlink_to("/proc/self/fd/1")


KINDS: dict[str, tuple[Callable[[Path], None], str, Callable[[int], bool]]] = {
    "fifo": (fifo, "named pipe", stat.S_ISFIFO),
    "char-device": (char_device, "character device", stat.S_ISCHR),
    "socket": (unix_socket, "socket", stat.S_ISSOCK),
    "link-to-proc-self-fd-1": (link_to_stdout, "symbolic link", stat.S_ISLNK),
}


@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_only_a_regular_file_is_ever_replaced(tmp_path: Path, kind: str, force: bool) -> None:
    make, words, still = KINDS[kind]
    target = tmp_path / "letter"
    make(target)
    before = os.lstat(target)
    line = one_error_line(run("-o", str(target), *(["--force"] if force else [])), 1, str(target), words)
    if kind != "link-to-proc-self-fd-1":
        assert "not a regular file" in line
    after = os.lstat(target)
    assert still(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter"], "a temporary file was left behind"


@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
def test_a_symlink_to_a_regular_file_is_refused_and_both_stay(tmp_path: Path, force: bool) -> None:
    # The README's choice: refusal (never writing through a link, never replacing it).
    real = tmp_path / "real.md"
    real.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "letter.md"
    link.symlink_to(real)
    one_error_line(run("-o", str(link), *(["--force"] if force else [])), 1, "symbolic link", "--force")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "keep\n"


def test_force_keeps_the_replaced_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "letter.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)  # a letter to one client: readable by its writer only
    result = run("-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert "Kim Mayer" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o664)
    assert run("-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_force_as_root_keeps_the_replaced_files_owner(tmp_path: Path) -> None:
    target = tmp_path / "letter.md"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 65534, 65534)  # nobody
    assert run("-o", str(target), "--force").exit_code == 0
    assert "Kim Mayer" in target.read_text(encoding="utf-8")
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        assert run("-o", str(tmp_path / "letter.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "letter.md").stat().st_mode) == 0o600


# --- temporary files of a killed run -------------------------------------------------------------


def test_the_next_run_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    # SIGKILL at the worst moment: the letter written to its temporary file, not yet renamed.
    target = tmp_path / "letter.md"
    killed = ("import os, signal, sys\n"
              "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
              "from refusalkit.cli import cli\n"
              f"cli({[*LETTER, '-o', str(target)]!r})\n")
    proc = subprocess.run([sys.executable, "-c", killed], cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".letter.md.") and left[0].endswith(".tmp"), left
    # a temporary file of a process still running (this one) is not touched
    alive = tmp_path / f".other.md.abcdefgh.rk{os.getpid()}.tmp"
    alive.write_text("in progress", encoding="utf-8")
    result = run("-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "letter.md"])


# --- the format an extension implies -------------------------------------------------------------


def letter_on_stdout(fmt: str) -> str:
    result = run("--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name, fmt", [("letter.md", "md"), ("letter.markdown", "md"), ("letter.txt", "text"),
                                       ("letter.html", "html"), ("LETTER.HTM", "html")])
def test_the_extension_chooses_the_format(tmp_path: Path, name: str, fmt: str) -> None:
    target = tmp_path / name
    result = run("-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == letter_on_stdout(fmt)


def test_an_eml_file_is_an_email_draft_not_markdown(tmp_path: Path) -> None:
    target = tmp_path / "letter.eml"
    assert run("-o", str(target)).exit_code == 0
    raw = target.read_bytes()
    message = email.message_from_bytes(raw)
    assert message["To"] and "Kim Mayer" in message["To"] and message["Subject"]
    assert b"\r\n" in raw and not raw.startswith(b"Dear")


def test_the_extension_wins_over_the_house_styles_format(tmp_path: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text('[defaults]\nformat = "html"\n', encoding="utf-8")
    target = tmp_path / "letter.md"
    assert run("--style", str(style), "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == letter_on_stdout("md")
    other = tmp_path / "letter.out"  # an extension that says nothing: the house style's format
    assert run("--style", str(style), "-o", str(other)).exit_code == 0
    assert other.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name, fmt", [("letter.eml", "md"), ("letter.html", "text"), ("letter.md", "eml"),
                                       ("letter.txt", "html"), ("letter.EML", "mailto")])
def test_a_format_that_contradicts_the_extension_is_an_error(tmp_path: Path, name: str, fmt: str) -> None:
    one_error_line(run("-o", str(tmp_path / name), "--format", fmt), 2, f"--format {fmt}", name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, fmt", [("letter.txt", "md"), ("letter.txt", "mailto"), ("letter.eml", "eml"),
                                       ("letter", "html"), ("letter.out", "eml")])
def test_a_format_that_fits_the_extension_is_written(tmp_path: Path, name: str, fmt: str) -> None:
    target = tmp_path / name
    assert run("-o", str(target), "--format", fmt).exit_code == 0
    if fmt != "eml":  # stdout has the eml's text, the file its bytes
        assert target.read_text(encoding="utf-8") == letter_on_stdout(fmt)
    else:
        assert email.message_from_bytes(target.read_bytes())["Subject"]
