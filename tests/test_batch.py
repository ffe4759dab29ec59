"""refusalkit batch: real-world CSV and JSON Lines in, one letter per client out, nothing lost."""

from __future__ import annotations

import email
import json
import os
import re
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from refusalkit import batch, draft
from refusalkit.api import Engine
from refusalkit.cli import cli
from refusalkit.style import load

from .helpers import DATA, every_reason



def run(*args: str, cwd: Path | None = None) -> Result:
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["batch", *args])
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def letters(folder: Path) -> dict[str, str]:
    """The letters in a folder by name; hidden (temporary) files left out."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
            if not p.name.startswith(".") and p.name != "errors.csv"}


def first_lines(folder: Path) -> dict[str, str]:
    return {name: text.splitlines()[0] for name, text in letters(folder).items()}


# --- dialects and encodings: the bytes are written as a spreadsheet saves them ---------------------

DIALECTS = {
    # UTF-8, comma, LF
    "utf8-comma": ((b"name,email,language\n"
                    b"J\xc3\xbcrgen M\xc3\xbcller,j@example.com,de\n"
                    b"\xc3\x96zlem \xc5\x9eahin,o@example.com,tr\n"), []),
    # UTF-8 with BOM, semicolon, CRLF (Excel "CSV UTF-8" in a German locale)
    "utf8-bom-semicolon": ((b"\xef\xbb\xbfname;email;language\r\n"
                            b"J\xc3\xbcrgen M\xc3\xbcller;j@example.com;de\r\n"
                            b"\xc3\x96zlem \xc5\x9eahin;o@example.com;tr\r\n"), []),
    # tab-separated UTF-8
    "utf8-tab": ((b"name\temail\tlanguage\n"
                  b"J\xc3\xbcrgen M\xc3\xbcller\tj@example.com\tde\n"
                  b"\xc3\x96zlem \xc5\x9eahin\to@example.com\ttr\n"), []),
    # Excel "CSV (separated by semicolons)", German Windows: cp1252, CRLF, trailing empty columns
    "cp1252-semicolon": ((b"Name;Email;Language;;\r\n"
                          b"J\xfcrgen M\xfcller;j@example.com;de;;\r\n"
                          b"Thomas Gro\xdf;t@example.com;de;;\r\n"), []),
    # Excel, Turkish Windows: cp1254
    "cp1254-semicolon": ((b"name;email;language\r\n"
                          b"\xd6zlem \xdeahin;o@example.com;tr\r\n"
                          b"\xddlker \xddnce;i@example.com;tr\r\n"
                          b"Ay\xfee Y\xfdlmaz;a@example.com;tr\r\n"), []),
    # Excel "Unicode text": UTF-16 LE with BOM, tab-separated
    "utf16-tab": (b"\xff\xfe" + "name\temail\tlanguage\r\nİlker İnce\ti@example.com\ttr\r\n".encode("utf-16-le"), []),
    # Icelandic letters look like Turkish ones to the detection: --encoding decides
    "cp1252-forced": (b"name,email,language\n\xde\xf3r \xd0\xf3rsson,t@example.com,en\n", ["--encoding", "cp1252"]),
}

EXPECTED = {
    "utf8-comma": {"0001-jurgen-muller.md": "Guten Tag Jürgen Müller,", "0002-ozlem-sahin.md": "Sayın Özlem Şahin,"},
    "utf8-bom-semicolon": {"0001-jurgen-muller.md": "Guten Tag Jürgen Müller,",
                           "0002-ozlem-sahin.md": "Sayın Özlem Şahin,"},
    "utf8-tab": {"0001-jurgen-muller.md": "Guten Tag Jürgen Müller,", "0002-ozlem-sahin.md": "Sayın Özlem Şahin,"},
    "cp1252-semicolon": {"0001-jurgen-muller.md": "Guten Tag Jürgen Müller,",
                         "0002-thomas-gross.md": "Guten Tag Thomas Groß,"},
    "cp1254-semicolon": {"0001-ozlem-sahin.md": "Sayın Özlem Şahin,", "0002-ilker-ince.md": "Sayın İlker İnce,",
                         "0003-ayse-yilmaz.md": "Sayın Ayşe Yılmaz,"},
    "utf16-tab": {"0001-ilker-ince.md": "Sayın İlker İnce,"},
    "cp1252-forced": {"0001-thor-dorsson.md": "Dear Þór Ðórsson,"},
}


@pytest.mark.parametrize("case", sorted(DIALECTS))
def test_each_dialect_and_encoding(tmp_path: Path, case: str) -> None:
    data, options = DIALECTS[case]
    (tmp_path / "clients.csv").write_bytes(data)
    result = run("clients.csv", "-r", "capacity", "-d", "out", *options, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert first_lines(tmp_path / "out") == EXPECTED[case]
    assert result.stdout.startswith(f"{len(EXPECTED[case])} written, 0 failed, 0 skipped in ")
    if case.startswith(("cp1252-semi", "cp1254")):  # a guessed code page is said once
        assert result.stderr.count("refusalkit: note: clients.csv: not UTF-8, read as Windows-125") == 1
    else:
        assert result.stderr == ""


def test_broken_utf8_is_an_error_naming_the_line(tmp_path: Path) -> None:
    # Line 2 is UTF-8, line 3 has a Latin-1 byte: re-reading the file as cp1252 would garble line 2.
    (tmp_path / "clients.csv").write_bytes(b"name,email\nJ\xc3\xbcrgen,j@example.com\nM\xfcller,m@example.com\n")
    result = run("clients.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == ("refusalkit: error: clients.csv, line 3, column 2 (bytes b'\\xfc'): not UTF-8 text, "
                             "though other lines are: fix that line, or pass --encoding\n")
    assert not (tmp_path / "out").exists()  # nothing is written before the file is known to be readable


def test_undecodable_in_the_chosen_or_guessed_encoding(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"name\nAnna\nBj\xf6rn\n")
    result = run("a.csv", "-r", "capacity", "-d", "out", "--encoding", "utf-8", cwd=tmp_path)
    assert result.exit_code == 1
    assert "a.csv, line 3, column 3 (bytes b'\\xf6'): not utf-8 text" in result.stderr
    # 0x81 is in neither UTF-8 nor Windows-1252
    (tmp_path / "b.csv").write_bytes(b"name\nAnna\nBj\x81rn\n")
    result = run("b.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "b.csv, line 3, column 3 (bytes b'\\x81'): not UTF-8 text, nor Windows-1252 (Western) (line 3)" \
        in result.stderr
    result = run("b.csv", "-r", "capacity", "-d", "out", "--encoding", "klingon", cwd=tmp_path)
    assert result.exit_code == 2 and "--encoding 'klingon': unknown encoding" in result.stderr


def test_excel_numbers_and_dates_in_a_semicolon_file(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_bytes(b"name;relationship;amount_due;currency;end_date;formal\r\n"
                                     b"Anna Schmidt;client;1.234,50;EUR;31.12.2026;nein\r\n"
                                     b"Anna Schmidt;client;1.234,50;EUR;31.12.2026;ja\r\n"
                                     b"Ben Weber;client;1.234,50;EUR;31.12.2026;false\r\n")
    result = run("c.csv", "-r", "nonpayment", "-l", "de", "-d", "out", "--name-pattern", "{row}", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    out = letters(tmp_path / "out")
    assert sorted(out) == ["1.md", "2.md", "3.md"]
    assert "1.234,50\u00a0€" in out["3.md"] and "31.\u00a0Dezember\u00a02026" in out["3.md"]
    assert out["1.md"].startswith("Hallo Anna,") and out["2.md"].startswith("Guten Tag Anna Schmidt,")


# --- nothing lost ---------------------------------------------------------------------------------

BAD_AMONG_GOOD = (
    "name,email,reason,language,relationship\n"
    "Anna Schmidt,anna@example.com,,,\n"  # 1: good (the options)
    "Bad Mail,not-an-email,,,\n"  # 2: bad field
    "Too,few\n"  # 3: too few fields
    "Too,many,capacity,de,prospect,extra\n"  # 4: too many
    "\n"  # a blank line is no row
    "Rea Son,r@example.com,no-such-reason,,\n"  # 5: unknown reason
    "Lang Uage,l@example.com,,xx,\n"  # 6: unknown language
    "Third Party,t@example.com,third-party,,client\n"  # 7: reason does not fit the relationship
    ",nobody@example.com,,,\n"  # 8: no name
    "Özlem Şahin,o@example.com,free-work,tr,\n"  # 9: good, its own reason and language
)


def test_bad_rows_are_reported_and_the_others_written(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text(BAD_AMONG_GOOD, encoding="utf-8")
    result = run("clients.csv", "-r", "capacity", "-l", "de", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert first_lines(tmp_path / "out") == {"0001-anna-schmidt.md": "Guten Tag Anna Schmidt,",
                                             "0009-ozlem-sahin.md": "Sayın Özlem Şahin,"}
    assert result.stderr.splitlines() == [
        ("refusalkit: error: clients.csv, row 2 (line 3): field 'email' must be one address such as "
         "name@example.com (got 'not-an-email')"),
        ("refusalkit: error: clients.csv, row 3 (line 4): has 2 fields, the header has 5: add the missing "
         "ones (they may be empty)"),
        ("refusalkit: error: clients.csv, row 4 (line 5): has 6 fields, the header has 5: a value with ',' in "
         "it needs double quotes"),
        ("refusalkit: error: clients.csv, row 5 (line 7): unknown reason 'no-such-reason': `refusalkit reasons` "
         "lists them all"),
        "refusalkit: error: clients.csv, row 6 (line 8): unknown language 'xx': available are de, en, tr",
        ("refusalkit: error: clients.csv, row 7 (line 9): reason 'third-party' fits only relationship prospect, "
         "not 'client'"),
        "refusalkit: error: clients.csv, row 8 (line 10): field 'name' is empty: every row needs the client's name",
    ]
    assert result.stdout.startswith("2 written, 7 failed, 0 skipped in ")
    assert result.stdout.rstrip().endswith("(errors in out/errors.csv)")
    report = (tmp_path / "out" / "errors.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert report[0] == "row,line,name,field,error"
    assert [line.split(",")[:4] for line in report[1:]] == [
        ["2", "3", "Bad Mail", "email"], ["3", "4", "", ""], ["4", "5", "", ""], ["5", "7", "Rea Son", "reason"],
        ["6", "8", "Lang Uage", "language"], ["7", "9", "Third Party", "relationship"], ["8", "10", "", "name"]]
    for text in letters(tmp_path / "out").values():
        assert "None" not in text


def test_errors_csv_follows_the_input_and_goes_when_all_is_well(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name;email\nAnna;nope\n", encoding="utf-8")
    assert run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path).exit_code == 1
    # UTF-8 with BOM and the input's delimiter, so that Excel opens it as it opened the input
    assert (tmp_path / "out/errors.csv").read_bytes().startswith(b"\xef\xbb\xbfrow;line;name;field;error\r\n1;2;")
    (tmp_path / "c.csv").write_text("name;email\nAnna;anna@example.com\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", "--force", cwd=tmp_path)
    assert result.exit_code == 0 and not (tmp_path / "out/errors.csv").exists()


def test_existing_letters_are_never_overwritten_without_force(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name\nAnna Schmidt\nBen Weber\n", encoding="utf-8")
    assert run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path).exit_code == 0
    mine = tmp_path / "out/0001-anna-schmidt.md"
    mine.write_text("my own edits\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "row 1 (line 2): 0001-anna-schmidt.md already exists: use --resume to skip it or --force to " \
           "overwrite it" in result.stderr
    assert mine.read_text(encoding="utf-8") == "my own edits\n"
    result = run("c.csv", "-r", "capacity", "-d", "out", "--force", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout.startswith("2 written, 0 failed")
    assert mine.read_text(encoding="utf-8").startswith("Guten Tag Anna Schmidt,") is False  # default: en
    assert mine.read_text(encoding="utf-8").startswith("Dear Anna Schmidt,")
    assert run("c.csv", "-r", "capacity", "-d", "out", "--force", "--resume", cwd=tmp_path).exit_code == 2
    assert sorted(os.listdir(tmp_path / "out")) == ["0001-anna-schmidt.md", "0002-ben-weber.md"]  # no temporary file


def test_resume_writes_only_what_is_missing(tmp_path: Path) -> None:
    rows = "".join(f"Client {i:02d},c{i}@example.com\n" for i in range(1, 11))
    (tmp_path / "c.csv").write_text("name,email\n" + rows, encoding="utf-8")
    assert run("c.csv", "-r", "capacity", "-d", "full", cwd=tmp_path).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    for name in ("0001-client-01.md", "0002-client-02.md", "0007-client-07.md"):
        (out / name).write_text("kept\n", encoding="utf-8")
    (out / "0003-client-03.md").write_bytes(b"")  # an empty letter is what a power cut leaves: taken over
    result = run("c.csv", "-r", "capacity", "-d", "out", "--resume", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("7 written, 0 failed, 3 skipped in ")
    got, full = letters(out), letters(tmp_path / "full")
    assert set(got) == set(full)
    for name in got:
        assert got[name] == ("kept\n" if name in ("0001-client-01.md", "0002-client-02.md", "0007-client-07.md")
                             else full[name])


def test_stale_temporary_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=False, capture_output=True, text=True)
    stale = out / f".0001-anna.md.rk{dead.stdout.strip()}.tmp"
    stale.write_text("half a let", encoding="utf-8")
    alive = out / f".0002-ben.md.rk{os.getpid()}.tmp"  # a run that is still going keeps its files
    alive.write_text("writing", encoding="utf-8")
    (tmp_path / "c.csv").write_text("name\nAnna\n", encoding="utf-8")
    assert run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path).exit_code == 0
    assert not stale.exists() and alive.exists()


# --- a run killed half-way -------------------------------------------------------------------------

def _big_file(path: Path, rows: int) -> None:
    path.write_text("name,email\n" + "".join(f"Client {i:05d},c{i}@example.com\n" for i in range(1, rows + 1)),
                    encoding="utf-8")


def _expected(row: int) -> str:
    """Every row has the same shape, so each letter is the first one with its own name."""
    return _REFERENCE.replace("Client 00001", f"Client {row:05d}")


_REFERENCE = draft("capacity", {"name": "Client 00001", "email": "c1@example.com"}, lang="en").markdown


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    return subprocess.Popen([sys.executable, "-m", "refusalkit", "batch", "big.csv", "-r", "capacity", "-l", "en",
                             "-d", "out", *args], cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_letters(out: Path, proc: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.is_dir() and sum(1 for e in os.scandir(out) if not e.name.startswith(".")) >= count:
            return
        assert proc.poll() is None, "the run ended before it could be interrupted: make big.csv bigger"
        time.sleep(0.01)
    raise AssertionError("no letters appeared")


def _check_whole(out: Path, total: int) -> int:
    found = letters(out)
    for name, text in found.items():
        assert text == _expected(int(name.split("-")[0])), name  # whole, and the right client's
    assert len(found) < total
    return len(found)


@pytest.mark.slow
def test_a_killed_run_leaves_whole_letters_and_resume_finishes_it(tmp_path: Path) -> None:
    total = 3000
    _big_file(tmp_path / "big.csv", total)
    proc = _start(tmp_path)
    _wait_for_letters(tmp_path / "out", proc, 300)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    written = _check_whole(tmp_path / "out", total)
    assert written >= 300
    result = subprocess.run([sys.executable, "-m", "refusalkit", "batch", "big.csv", "-r", "capacity", "-l", "en",
                             "-d", "out", "--resume"], cwd=tmp_path, check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{total - written} written, 0 failed, {written} skipped in ")
    names = sorted(os.listdir(tmp_path / "out"))
    assert len(names) == total and not [n for n in names if n.startswith(".")]  # temporary files cleaned up
    for name in names[:: 997]:
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == _expected(int(name.split("-")[0]))


@pytest.mark.parametrize("sig,args", [(signal.SIGINT, ()), (signal.SIGTERM, ()),
                                      (signal.SIGINT, ("--jobs", "2"))])  # --jobs is still taken, and ignored
def test_ctrl_c_or_kill_stops_cleanly_with_a_summary(tmp_path: Path, sig: int, args: tuple[str, ...]) -> None:
    total = 3000
    _big_file(tmp_path / "big.csv", total)
    proc = _start(tmp_path, *args)
    _wait_for_letters(tmp_path / "out", proc, 300)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # as the terminal sends Ctrl-C
    else:
        proc.send_signal(sig)  # as `kill PID` does
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.decode().endswith("refusalkit: error: interrupted\n")
    summary = stdout.decode()
    assert summary.startswith("interrupted: ") and " 0 failed, 0 skipped in " in summary
    written = _check_whole(tmp_path / "out", total)
    assert summary.startswith(f"interrupted: {written} written, ")  # every letter written is counted
    assert not [n for n in os.listdir(tmp_path / "out") if n.startswith(".")]


# --- JSON Lines, per-row columns, names ------------------------------------------------------------

def test_json_lines(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_bytes(
        b'{"name": "Anna Schmidt", "relationship": "client", "amount_due": 1234.5, "currency": "EUR", '
        b'"end_date": "2026-12-31", "language": "de", "reason": "nonpayment"}\n'
        b"\n"
        b'{"name": "\xc3\x96zlem \xc5\x9eahin", "formal": false, "lang": "tr", "referrals": '
        b'[{"name": "Deniz Kaya", "contact": "deniz@example.com"}]}\n'
        b"not json\n"
        b'["a", "list"]\n'
        b'{"name": "Kim", "formal": "vielleicht"}\n'
        b'{"name": "Ben Weber", "reason": 7}\n')
    result = run("c.jsonl", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    out = letters(tmp_path / "out")
    assert list(out) == ["0001-anna-schmidt.md", "0002-ozlem-sahin.md"]
    assert out["0001-anna-schmidt.md"] == draft("nonpayment", {
        "name": "Anna Schmidt", "relationship": "client", "amount_due": 1234.5, "currency": "EUR",
        "end_date": "2026-12-31"}, lang="de").markdown
    assert out["0002-ozlem-sahin.md"].startswith("Merhaba Özlem,")
    assert "Deniz Kaya" in out["0002-ozlem-sahin.md"]
    assert result.stderr.splitlines() == [
        "refusalkit: error: c.jsonl, row 3 (line 4): invalid JSON at column 1: Expecting value",
        "refusalkit: error: c.jsonl, row 4 (line 5): a line must be one JSON object {...}",
        "refusalkit: error: c.jsonl, row 5 (line 6): field 'formal' must be yes or no (ja/nein, evet/hayır, "
        "true/false, 1/0, x) (got 'vielleicht')",
        "refusalkit: error: c.jsonl, row 6 (line 7): field 'reason' must be text",
    ]


def test_row_columns_override_the_options(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name,reason,lang,relationship,formal\n"
                                    "Anna Schmidt,,,,\n"
                                    "Ben Weber,nonpayment,en,client,false\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-l", "de", "--relationship", "prospect", "--formal", "-d", "out",
                 "--name-pattern", "{row}-{reason}-{lang}-{relationship}", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert first_lines(tmp_path / "out") == {"1-capacity-de-prospect.md": "Guten Tag Anna Schmidt,",
                                             "2-nonpayment-en-client.md": "Hi Ben,"}


def test_the_house_style_comes_along(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name\nAnna Schmidt\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-l", "de", "-d", "out", "--style", str(DATA / "house/refusalkit.toml"),
                 cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    engine = Engine(style=load(str(DATA / "house/refusalkit.toml")))
    assert letters(tmp_path / "out") == {
        "0001-anna-schmidt.md": draft("capacity", {"name": "Anna Schmidt"}, lang="de", engine=engine).markdown}


def test_slugs() -> None:
    assert batch.slug("Özlem Şahin") == "ozlem-sahin"
    assert batch.slug("İlker İnce") == "ilker-ince"
    assert batch.slug("Thomas Groß") == "thomas-gross"
    assert batch.slug("Jürgen Müller") == "jurgen-muller"  # one rule for all languages: Turkish "Gül" is "gul"
    assert batch.slug("Çağla Doğan") == "cagla-dogan"
    assert batch.slug("Zoë O'Neil-Brontë") == "zoe-o-neil-bronte"
    assert batch.slug("..") == "client" and batch.slug("CON") == "con"
    assert len(batch.slug("x" * 500)) == 60


def test_never_two_clients_to_one_file(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name\nAnna Schmidt\nANNA SCHMIDT\nAnna Schmidt\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", "--name-pattern", "{slug}", cwd=tmp_path)
    assert result.exit_code == 1
    assert list(letters(tmp_path / "out")) == ["anna-schmidt.md"]
    assert result.stderr.splitlines() == [
        f"refusalkit: error: c.csv, row {row} (line {row + 1}): anna-schmidt.md is also the file of row 1: "
        "put {row} into --name-pattern so that every client gets a file of their own" for row in (2, 3)]
    # the default pattern gives each row its own file
    result = run("c.csv", "-r", "capacity", "-d", "default", cwd=tmp_path)
    assert list(letters(tmp_path / "default")) == ["0001-anna-schmidt.md", "0002-anna-schmidt.md",
                                                   "0003-anna-schmidt.md"]


@pytest.mark.parametrize("pattern,message", [
    ("{name}", "unknown field {name}"),
    ("{lang}", "needs {row} or {slug}"),
    ("../{slug}", "must not contain / or \\"),
    (".{row}", "start with a dot"),
    ("{row:x", "unmatched '{' in format spec"),
])
def test_bad_name_patterns(tmp_path: Path, pattern: str, message: str) -> None:
    (tmp_path / "c.csv").write_text("name\nAnna\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", "--name-pattern", pattern, cwd=tmp_path)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "out").exists()


def test_file_level_errors_are_one_line_and_write_nothing(tmp_path: Path) -> None:
    (tmp_path / "noname.csv").write_text("email\na@example.com\n", encoding="utf-8")
    (tmp_path / "twice.csv").write_text("name,Name\nA,B\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_bytes(b"\n\n")
    for name, code, message in [
        ("missing.csv", 2, "missing.csv: no such file"),
        ("noname.csv", 1, "noname.csv, line 1: the header has no name column (it has 'email')"),
        ("twice.csv", 1, "twice.csv, line 1: column 'name' appears twice in the header"),
        ("empty.csv", 1, "empty.csv: the file is empty: the first line must name the fields"),
    ]:
        result = run(name, "-r", "capacity", "-d", "out", cwd=tmp_path)
        assert result.exit_code == code and result.stderr.startswith(f"refusalkit: error: {message}"), result.stderr
        assert len(result.stderr.splitlines()) == 1 and not (tmp_path / "out").exists()
    for name, message in [("c.json", "a .json file holds one record (for draft): batch reads CSV, or JSON Lines"),
                          ("c.xlsx", "a spreadsheet: save it as CSV (File > Save as > CSV UTF-8) and pass that")]:
        (tmp_path / name).write_bytes(b"PK\x03\x04" if name.endswith("xlsx") else b'{"name": "Anna"}')
        result = run(name, "-r", "capacity", "-d", "out", cwd=tmp_path)
        assert result.exit_code == 2 and message in result.stderr and not (tmp_path / "out").exists()
    result = run("noname.csv", "-r", "no-such", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 2 and "unknown reason 'no-such'" in result.stderr


def test_quiet_when_piped_one_summary_line(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name\nAnna\nBen\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 0 and result.stderr == ""  # no progress bar: stderr is not a terminal
    assert len(result.stdout.splitlines()) == 1
    assert result.stdout.startswith("2 written, 0 failed, 0 skipped in ") and result.stdout.endswith(" -> out\n")


# --- the same letters as draft() --------------------------------------------------------------------

def same_message(one: bytes, other: bytes) -> bool:
    """Equal bytes but for the Date and Message-ID headers and the boundary, which change from message to message."""
    def settled(raw: bytes) -> bytes:
        raw = re.sub(rb"\r\n(Date|Message-ID): [^\r]*\r\n", rb"\r\n\1: -\r\n", raw)
        return re.sub(rb"=+[0-9a-f]{16}==", b"BOUNDARY", raw)

    return settled(one) == settled(other)


RECORDS = [
    {"name": "Ayşe Yılmaz", "email": "ayse@example.com"},
    {"name": "Prof. Dr. Max Huber", "salutation": "mr", "company": "Huber & Söhne <GmbH>"},
    {"name": "Dr. med. Eva Roth", "salutation": "ms", "formal": False, "request": "a *new* [website](x)"},
    {"name": "Kim Mayer", "title": "Dipl.-Kfm.", "amount_due": "1234.50", "currency": "EUR",
     "end_date": "2026-12-31", "referrals": [{"name": "Deniz Kaya", "contact": "d@example.com", "note": "SEO"}],
     "resources": [{"title": "Guide", "url": "https://example.com/a_b"}]},
    {"name": "Zoë O'Neil", "first_name": "Zoë", "surname": "O'Neil", "salutation": "ms", "amount_due": 99,
     "currency": "USD", "email": "zoe@example.com", "extra_note": "VIP", "tags": ["a", "b"]},
    {"name": "İlker İnce", "formal": False, "company": "", "request": "bir web sitesi " * 20},
    # the template contexts of the first three again, with other text: these come from the render memo
    {"name": "Jürgen Groß", "email": "j@example.com"},
    {"name": "Prof. Dr.-Ing. Ömer Çelik", "salutation": "mr", "company": "Çelik A.Ş."},
    {"name": "Dr. Ana Ruiz", "salutation": "ms", "formal": False, "request": "**bold** <b>not</b> _x_"},
    # the first two again with the other salutations
    {"name": "Kim Mayer", "email": "k@example.com", "salutation": "ms"},
    {"name": "Kim Mayer", "email": "k@example.com", "salutation": "mr"},
    {"name": "Prof. Dr. Eva Huber", "salutation": "ms", "company": "Huber & Töchter"},
    {"name": "Prof. Dr. Eva Huber", "salutation": "none", "company": "Huber & Töchter"},
]


# --- eml --------------------------------------------------------------------------------------------

def parsed(raw: bytes) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Headers (Date and the boundary aside) and decoded parts of a message."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert not msg.defects and all(not p.defects for p in msg.walk())
    headers = [(k, str(v)) for k, v in msg.items() if k not in ("Date", "Message-ID")]
    headers = [(k, v.split(";")[0] if k == "Content-Type" else v) for k, v in headers]
    assert msg["Date"] and email.utils.parsedate_to_datetime(msg["Date"])
    parts = [(p.get_content_type(), str(p.items()), p.get_content()) for p in msg.iter_parts()]
    return headers, parts


def test_eml_batch_and_addresses_only_mail_gets_right(tmp_path: Path) -> None:
    import csv

    rows = [("Özlem Şahin", "o@example.com", "tr"), ('Eve "x"', "eve+tag@example.com", "en"),
            ("Quoted Local", '"odd local"@example.com', "en"),  # not a dot-atom
            ("Jürgen Groß", "j@exämple.de", "de"),  # not ASCII: IDNA
            ("No Mail", "", "de")]
    with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("name", "email", "language"), *rows])
    result = run("c.csv", "-r", "capacity", "-d", "out", "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for row, (name, address, lang) in enumerate(rows, 1):
        path = tmp_path / "out" / f"{row:04d}-{batch.slug(name)}.eml"
        record = {"name": name, "email": address} if address else {"name": name}
        assert parsed(path.read_bytes()) == parsed(draft("capacity", record, lang=lang).eml()), path.name




def test_a_name_of_blanks_or_invisible_characters_is_an_empty_name(tmp_path: Path) -> None:
    rows = ['{"name": "   "}', '{"name": "\\u200b\\u00a0"}', '{"name": "Anna"}']
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("c.jsonl", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"refusalkit: error: c.jsonl, row {row} (line {row}): field 'name' is empty: every row needs the client's name"
        for row in (1, 2)]




# --- every letter through the front door -------------------------------------------------------------

def _uncached(engine: Engine) -> Engine:
    """The engine with empty caches: the next draft renders and converts from scratch."""
    from refusalkit.formats import Converter
    from refusalkit.memo import Memo

    engine.rendered, engine.converter = Memo(1024), Converter()
    return engine


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en", "tr"])
@pytest.mark.parametrize("style", ["none", "house"])
def test_batch_letters_are_draft_letters(tmp_path: Path, lang: str, style: str) -> None:
    """Every reason and record in one batch (whose engine keeps rendered letters and
    converted paragraphs): each letter is what draft() gives with empty caches."""
    import json

    args = ["--style", str(DATA / "house/refusalkit.toml")] if style == "house" else []
    engine = Engine(style=load(str(DATA / "house/refusalkit.toml"))) if style == "house" else Engine()
    rows = [{**record, "reason": reason, "relationship": relationship}
            for reason, relationship in every_reason() for record in RECORDS]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    for fmt in batch.FORMATS:
        result = run("c.jsonl", "-l", lang, "-d", fmt, "-f", fmt, *args, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
    for number, row in enumerate(rows, 1):
        record = {k: v for k, v in row.items() if k != "reason"}
        want = draft(row["reason"], record, lang=lang, engine=_uncached(engine))
        for fmt, ext in batch.FORMATS.items():
            path = tmp_path / fmt / f"{number:04d}-{batch.slug(want.client.name)}{ext}"
            if fmt == "eml":
                if number % 7 == 1:  # parsing a message is slow; mail.py's tests check more of them
                    assert parsed(path.read_bytes()) == parsed(want.eml()), path.name
            else:
                assert path.read_text(encoding="utf-8") == want.as_format(fmt), path.name


@pytest.mark.parametrize("block", ["{{ client.salutation }}", "{{ client['salutation'] }}", "{{ client.get('salutation') }}",
                                   "{% for k in client %}{{ k }}{% endfor %}", "{{ greeting|upper }}",
                                   "{% set g = greeting %}{{ g|length }}", "{{ client.name|length }}",
                                   "{{ client.amount_due }}"])
def test_the_render_memo_keeps_what_a_template_can_tell_apart(tmp_path: Path, block: str) -> None:
    """A team template that uses the salutation, a name's placeholder or an amount
    as it likes: one engine drafting many clients gives each the letter an empty
    engine gives."""
    (tmp_path / "templates/capacity").mkdir(parents=True)
    (tmp_path / "templates/capacity/en.md.j2").write_text(
        '{% extends "_base/en.md.j2" %}\n{% block reason %}\nNoted: ' + block + '\n{% endblock %}\n', encoding="utf-8")
    (tmp_path / "refusalkit.toml").write_text('templates = "templates"\n', encoding="utf-8")
    engine = Engine(style=load(str(tmp_path / "refusalkit.toml")))
    fresh = Engine(style=load(str(tmp_path / "refusalkit.toml")))
    for name in ("Kim Mayer", "Jo Lee", "Kim Mayer"):
        for salutation in ("none", "ms", "mr"):
            for amount in ("1.50", "2"):
                record = {"name": name, "salutation": salutation, "amount_due": amount, "currency": "EUR"}
                got = draft("capacity", record, lang="en", engine=engine)
                want = draft("capacity", record, lang="en", engine=_uncached(fresh))
                assert (got.markdown, got.html, got.text) == (want.markdown, want.html, want.text)
    assert 0 < len(engine.rendered) < 3 * 3 * 2  # the second Kim Mayer came from the memo


def test_threads_and_engines_draft_side_by_side() -> None:
    """The Markdown converter is one per thread and every cache is the Engine's: letters
    drafted by many threads with one engine, and by two engines, are each draft()'s."""
    import threading

    records = [{"name": f"Kim {i} *x*", "company": f"C{i} & <b>", "resources": [{"title": f"T{i}",
                "url": f"https://x.example/{i}"}]} for i in range(40)]
    want = {i: draft("capacity", r, lang="de", engine=_uncached(Engine())).html for i, r in enumerate(records)}
    shared, other = Engine(), Engine()
    got: dict[tuple[int, int], str] = {}

    def work(worker: int) -> None:
        engine = other if worker == 3 else shared
        for i, record in enumerate(records):
            got[(worker, i)] = draft("capacity", record, lang="de", engine=engine).html

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got[(w, i)] == want[i] for w in range(4) for i in range(len(records)))
    assert shared.converter.html is not other.converter.html and shared.rendered is not other.rendered


# --- one bad row never kills a batch, nor bloats it ------------------------------------------------------

def test_a_lone_surrogate_is_one_failed_row(tmp_path: Path) -> None:
    rows = [f'{{"name": "Client {i}"}}' for i in range(1, 1002)]
    rows[499] = '{"name": "Bad \\ud800 row", "company": "=1+1"}'
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("c.jsonl", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith("1000 written, 1 failed, 0 skipped")
    assert len(letters(tmp_path / "out")) == 1000
    [line] = result.stderr.splitlines()
    assert line.startswith("refusalkit: error: c.jsonl, row 500 (line 500): ")
    report = (tmp_path / "out/errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(report) == 2 and report[1].startswith("500,500,Bad \\ud800 row,"), report


def test_a_failure_while_reporting_a_row_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name,email\nAnna,nope\nBen,ben@example.com\nCem,bad\nDora,\n", encoding="utf-8")

    def on_failure(failure: batch.Failure) -> None:
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "a terminal that cannot show it")

    summary = batch.run(str(tmp_path / "c.csv"), str(tmp_path / "out"), batch.Options(reason="capacity"),
                        Engine(), on_failure=on_failure)
    assert (summary.written, summary.failed) == (2, 2)
    report = (tmp_path / "out/errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in report] == ["row", "1", "1", "3", "3"]
    assert "internal error while reporting row 1 (UnicodeEncodeError" in report[2]


def test_errors_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    names = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Plain"]
    (tmp_path / "c.jsonl").write_text("".join(f'{{"name": {json.dumps(n)}, "email": "nope"}}\n' for n in names),
                                      encoding="utf-8")
    result = run("c.jsonl", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    import csv

    with open(tmp_path / "out/errors.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [row[2] for row in csv.reader(fh)][1:]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\\tTab", "Plain"]
    assert batch.csv_cell("\rx") == "'\\rx" and batch.csv_cell(-1) == -1


@pytest.mark.parametrize("pattern", ["{row:0>1000000000}", "{slug:.999999999999999999999}", "{row:>201}",
                                     "{row}-" + "x" * 100_000, "{row:{slug}}"])
def test_huge_name_patterns_are_a_short_error(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "c.csv").write_text("name\n999999999\n", encoding="utf-8")  # a slug that is a width
    result = run("c.csv", "-r", "capacity", "-d", "out", "--name-pattern", pattern, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("refusalkit: error: --name-pattern ")
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 400
    assert not (tmp_path / "out").exists()


def test_a_batch_syncs_its_folder_not_the_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no(*args: Any) -> None:
        raise AssertionError("os.sync flushes every file system on the machine")

    monkeypatch.setattr(os, "sync", no)
    (tmp_path / "c.csv").write_text("name\nAnna\n", encoding="utf-8")
    result = run("c.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr


def _retained(tracemalloc: Any, gc: Any) -> int:
    """Traced memory still reachable: cyclic garbage (an exception and its traceback's
    frames) is collected first, so what is left is what the run keeps."""
    gc.collect()
    return int(tracemalloc.get_traced_memory()[0])


def _memory_while_running(tmp_path: Path, rows: list[str], template: str | None,
                          monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Traced memory (bytes) kept after every 32 rows of a batch of `rows` (JSON Lines), with
    every bounded cache (memo.Memo) made small, so that they are full after a few rows."""
    import gc
    import tracemalloc

    from refusalkit.memo import Memo

    style = None
    if template is not None:
        (tmp_path / "templates/capacity").mkdir(parents=True)
        (tmp_path / "templates/capacity/en.md.j2").write_text(template, encoding="utf-8")
        (tmp_path / "refusalkit.toml").write_text('templates = "templates"\n', encoding="utf-8")
        style = load(str(tmp_path / "refusalkit.toml"))
    engine = Engine(style=style)
    for memo in [o for o in gc.get_objects() if isinstance(o, Memo)]:  # the engine's, and render.py's
        monkeypatch.setattr(memo, "limit", 32)
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    samples: list[int] = []
    tracemalloc.start()
    try:
        batch.run(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), batch.Options(reason="capacity", lang="en"),
                  engine, on_progress=lambda n: samples.append(_retained(tracemalloc, gc)))
    finally:
        tracemalloc.stop()
    return samples


@pytest.mark.slow
@pytest.mark.parametrize("case", ["a broken team template", "every amount different"])
def test_memory_does_not_grow_with_the_rows(tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a run keeps is bounded: no error kept per row (nor its traceback), nothing
    per distinct value beyond the bounded caches. Once those are full, the memory in
    use after the last rows is no more than after the first ones."""
    if case == "a broken team template":
        template = '{% extends "_base/en.md.j2" %}{% block reason %}{{ client.no_such_field }}{% endblock %}'
        rows = [f'{{"name": "Client {i}"}}' for i in range(900)]
    else:
        template = None
        rows = [f'{{"name": "Client {i}", "relationship": "client", "amount_due": "{i}.{i % 100:02d}", '
                f'"currency": "EUR"}}' for i in range(900)]
    samples = _memory_while_running(tmp_path, rows, template, monkeypatch)
    third = len(samples) // 3
    assert max(samples[2 * third:]) <= max(samples[third:2 * third]) + 100_000, (samples[third], samples[-1])


def test_a_letter_and_the_render_memo_share_one_markdown_string() -> None:
    """The Converter's and Mail's caches are keyed by a letter's Markdown: the first letter of a
    kind hands them the string the render memo keeps, so a kind's Markdown is held once."""
    engine = Engine()
    letter = draft("capacity", {"name": "Anna Schmidt"}, lang="de", engine=engine)
    (kept,) = engine.rendered.values()
    assert kept[0] is letter.rendered.markdown


@pytest.mark.slow
def test_what_a_batch_of_different_letters_keeps_stays_small(tmp_path: Path) -> None:
    """A batch whose every letter differs (an amount of its own) fills the caches that keep a
    converted letter (Converter.letters, Mail.kinds: memo.LETTERS) and the tidied parts: they
    hold a few hundred, not a thousand and four thousand (which took the batch's peak RSS to
    70 MB at 10,000 rows; bench/README.md, perf44). 900 rows kept 17.7 MB before, 9.2 MB after."""
    import gc
    import tracemalloc

    rows = [f'{{"name": "Client {i}", "email": "c{i}@example.com", "relationship": "client", '
            f'"amount_due": "{i // 100 + 1}.{i % 100:02d}", "currency": "EUR"}}' for i in range(900)]
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    engine = Engine()
    draft("nonpayment", {"name": "Warm", "relationship": "client", "amount_due": "1", "currency": "EUR"},
          lang="en", engine=engine).eml()  # imports, templates, catalogs: not what the rows keep
    tracemalloc.start()
    try:
        before = _retained(tracemalloc, gc)
        summary = batch.run(str(tmp_path / "c.jsonl"), str(tmp_path / "out"),
                            batch.Options(reason="nonpayment", lang="en", fmt="eml"), engine)
        kept = _retained(tracemalloc, gc) - before
    finally:
        tracemalloc.stop()
    assert summary.written == 900
    assert kept < 12_000_000, kept


def test_main_called_from_python_never_ends_the_host_process(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text("name\nAnna\nBen\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("name,email\nAnna,nope\nBen,ben@example.com\n", encoding="utf-8")
    script = ("import sys\n"
              "from refusalkit.cli import main\n"
              "try:\n"
              "    main(sys.argv[1:])\n"
              "except SystemExit as exc:\n"
              "    print(f'the host goes on after exit status {exc.code}', flush=True)\n")
    for clients, status in (("good.csv", 0), ("bad.csv", 1), ("missing.csv", 2)):
        done = subprocess.run([sys.executable, "-c", script, "batch", clients, "-r", "capacity", "-d",
                               f"out-{clients}"], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith(f"the host goes on after exit status {status}\n"), done.stdout


def test_every_format_a_house_style_may_set_is_one_batch_writes() -> None:
    # batch takes the house style's format without a check of its own
    from refusalkit import batch, style

    assert set(style.FORMATS) <= set(batch.FORMATS)
