"""refusalkit batch: real-world CSV and JSON Lines in, one letter per client out, nothing lost."""

from __future__ import annotations

import email
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

from refusalkit import batch, draft, letterfiles, mail, sharing
from refusalkit.api import Engine
from refusalkit.cli import cli
from refusalkit.records import parse_record
from refusalkit.style import Style, load

from .test_letters import every_reason

DATA = Path(__file__).parent / "data"


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
    assert result.exit_code == 1
    out = letters(tmp_path / "out")
    assert list(out) == ["3.md"]
    assert "1.234,50\u00a0€" in out["3.md"] and "31.\u00a0Dezember 2026" in out["3.md"]
    assert "row 1 (line 2): field 'formal' must be true or false (got 'nein')" in result.stderr


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


@pytest.mark.parametrize("way", ["unnamed file + linkat", "temporary name + renameat2", "temporary name + link"])
def test_existing_letters_are_never_overwritten_without_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              way: str) -> None:
    if way != "unnamed file + linkat":  # the ways taken where the system or file system cannot do the first
        monkeypatch.setattr(letterfiles, "_LINKAT", False)
    if way == "temporary name + link":
        monkeypatch.setattr(letterfiles, "_RENAME_NOREPLACE", False)
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
    if way == "unnamed file + linkat":
        assert letterfiles._LINKAT  # this system can: the test took the way it names


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
        if out.is_dir() and sum(1 for _ in os.scandir(out)) >= count:
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


@pytest.mark.parametrize("how", ["SIGKILL to every process", "SIGKILL to the main process"])
def test_a_killed_run_leaves_whole_letters_and_resume_finishes_it(tmp_path: Path, how: str) -> None:
    total = 3000
    _big_file(tmp_path / "big.csv", total)
    proc = _start(tmp_path, "--jobs", "2")
    _wait_for_letters(tmp_path / "out", proc, 300)
    if how.startswith("SIGKILL to every"):
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.send_signal(signal.SIGKILL)  # orphaned workers finish what they hold, then stop
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # wait for orphaned workers to go
        try:
            os.killpg(proc.pid, 0)
            time.sleep(0.05)
        except ProcessLookupError:
            break
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


@pytest.mark.parametrize("sig,jobs", [(signal.SIGINT, "1"), (signal.SIGINT, "2"), (signal.SIGTERM, "2")])
def test_ctrl_c_or_kill_stops_cleanly_with_a_summary(tmp_path: Path, sig: int, jobs: str) -> None:
    total = 3000
    _big_file(tmp_path / "big.csv", total)
    proc = _start(tmp_path, "--jobs", jobs)
    _wait_for_letters(tmp_path / "out", proc, 300)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # as the terminal sends Ctrl-C: to every process of the group
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
        b'{"name": "Kim", "formal": "no"}\n'
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
        "refusalkit: error: c.jsonl, row 5 (line 6): field 'formal' must be true or false (got 'no')",
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
        ("noname.csv", 1, "noname.csv, line 1: the header has no 'name' column (it has 'email')"),
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


def test_both_cores_give_the_same_letters_and_reports(tmp_path: Path) -> None:
    rows = []
    for i in range(1, 401):
        lang = ("de", "en", "tr")[i % 3]
        bad = "not-an-email" if i % 37 == 0 else f"c{i}@example.com"
        rows.append(f"Çağla Groß {i},{bad},{lang},{'true' if i % 2 else 'false'},{('ms', 'mr', 'none')[i % 3]}\n")
    (tmp_path / "c.csv").write_text("name,email,language,formal,salutation\n" + "".join(rows), encoding="utf-8")
    one = run("c.csv", "-r", "capacity", "-d", "one", "-j", "1", "-f", "text", cwd=tmp_path)
    two = run("c.csv", "-r", "capacity", "-d", "two", "-j", "2", "-f", "text", cwd=tmp_path)
    assert one.exit_code == two.exit_code == 1
    assert one.stderr == two.stderr and one.stderr.count("\n") == 10
    assert letters(tmp_path / "one") == letters(tmp_path / "two")
    assert len(letters(tmp_path / "one")) == 390
    assert (tmp_path / "one/errors.csv").read_bytes() == (tmp_path / "two/errors.csv").read_bytes()


# --- the same letters as draft() --------------------------------------------------------------------

def same_message(one: bytes, other: bytes) -> bool:
    """Equal bytes but for the Date header and the boundary, which change from message to message."""
    def settled(raw: bytes) -> bytes:
        raw = re.sub(rb"\r\nDate: [^\r]*\r\n", b"\r\nDate: -\r\n", raw)
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
    # the shapes of the first three again, with other text: these take the filled-in path
    {"name": "Jürgen Groß", "email": "j@example.com"},
    {"name": "Prof. Dr.-Ing. Ömer Çelik", "salutation": "mr", "company": "Çelik A.Ş."},
    {"name": "Dr. Ana Ruiz", "salutation": "ms", "formal": False, "request": "**bold** <b>not</b> _x_"},
    # the shapes of the first two again with the other salutations: their greeting is swapped, not drafted
    {"name": "Kim Mayer", "email": "k@example.com", "salutation": "ms"},
    {"name": "Kim Mayer", "email": "k@example.com", "salutation": "mr"},
    {"name": "Prof. Dr. Eva Huber", "salutation": "ms", "company": "Huber & Töchter"},
    {"name": "Prof. Dr. Eva Huber", "salutation": "none", "company": "Huber & Töchter"},
]
SHARED = 3  # records whose shape an earlier record has
VARIANTS = 4  # records whose shape differs from an earlier one's only in the salutation


@pytest.mark.parametrize("lang", ["de", "en", "tr"])
@pytest.mark.parametrize("style", ["none", "house"])
def test_shapes_give_the_letters_of_draft(lang: str, style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(style=load(str(DATA / "house/refusalkit.toml"))) if style == "house" else Engine()
    drafted: list[str] = []

    def counting_draft(reason: str, *args: Any, **kwargs: Any) -> Any:
        drafted.append(reason)
        return draft(reason, *args, **kwargs)

    monkeypatch.setattr(batch, "draft", counting_draft)
    writer = mail.FastEml(engine.style.sender, None)
    for explain in (True, False):
        drafted.clear()
        shapes = batch.Shapes(engine, explain)
        for reason, relationship in every_reason():
            for record in RECORDS:
                client = parse_record({**record, "relationship": relationship})
                got = shapes.letter(reason, client, lang)
                want = draft(reason, client, lang=lang, explain=explain, engine=engine)
                assert (got.markdown, got.html, got.subject) == (want.markdown, want.html, want.subject), \
                    (reason, record)
                assert batch._text(got) == want.text, (reason, record)
                assert batch._text(got) == want.text  # the second letter of a shape takes the fast path
                # eml: the shape's encoded lines with this client's filled in, byte for byte as
                # encoding the whole letter (Date and boundary aside)
                assert same_message(batch._eml(got, writer), writer.message(want, want.text)), (reason, record)
        assert len(shapes.cache) == len(every_reason()) * (len(RECORDS) - SHARED)
        assert len(drafted) == len(every_reason()) * (len(RECORDS) - SHARED - VARIANTS)


# --- eml --------------------------------------------------------------------------------------------

def parsed(raw: bytes) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Headers (Date and the boundary aside) and decoded parts of a message."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert not msg.defects and all(not p.defects for p in msg.walk())
    headers = [(k, str(v)) for k, v in msg.items() if k != "Date"]
    headers = [(k, v.split(";")[0] if k == "Content-Type" else v) for k, v in headers]
    assert msg["Date"] and email.utils.parsedate_to_datetime(msg["Date"])
    parts = [(p.get_content_type(), str(p.items()), p.get_content()) for p in msg.iter_parts()]
    return headers, parts


EML_NAMES = ["Özlem Şahin", "Jürgen Groß", "İlker İnce", "Anna Schmidt", 'Eve "Boss" Smith', "Müller, Hans",
             "Ayşe (Yılmaz)", "Dr. Anna O'Neil", "Çağla Doğan-Öztürk Karadeniz Büyükşehir Belediyesi",
             "Kim"]


@pytest.mark.parametrize("sender", [None, {"name": "Jürgen Groß", "email": "jg@example.com"},
                                    {"name": "Anna Berger", "email": "anna@berger.example"},
                                    {"email": "office@example.com"}])
def test_fast_eml_parses_like_mail_to_eml(sender: dict[str, str] | None) -> None:
    engine = Engine(style=Style(sender=sender))
    for subject in (None, "Ihre Anfrage vom 3. Mai – Rückmeldung"):
        writer = mail.FastEml(sender, subject)
        assert writer.fast
        for lang in ("de", "en", "tr"):
            for i, name in enumerate(EML_NAMES):
                record = {"name": name, "formal": i % 2 == 0}
                if i != 3:
                    record["email"] = f"client.{i}@example.com"
                letter = draft(("capacity", "nonpayment", "free-work")[i % 3], record, lang=lang, engine=engine)
                fast, slow = writer.message(letter, letter.text), letter.eml(subject)
                assert parsed(fast) == parsed(slow), (lang, name)
                assert b"\n" not in fast.replace(b"\r\n", b"")  # CRLF throughout
                assert max(len(line) for line in fast.split(b"\r\n")) <= 78
                assert fast.isascii()


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


def test_rows_are_shared_out_once_each_and_evenly() -> None:
    rows = [batch.Row(i, i + 1, {"name": f"C {i}", "reason": ("capacity", "guarantee")[i % 2],
                                 "language": ("de", "en", "tr")[i % 3], **({"company": "X"} if i % 5 else {})})
            for i in range(1, 3001)]
    rows[10] = batch.Row(11, 12, None, ("", "has 3 fields, the header has 4"))
    same = [batch.Row(i, i + 1, {"name": f"C {i}"}) for i in range(1, 1001)]
    for count in (2, 3):
        parts = [sharing.Part(i, count) for i in range(count)]
        for file in (rows, same):
            owners = [[p.index for p in parts if p.mine(row)] for row in file]
            assert all(len(o) == 1 for o in owners)  # every row once, bad rows too
            share = [sum(o == [i] for o in owners) for i in range(count)]
            assert max(share) - min(share) <= 64 * count, share
        shapes = [{k for k, (order, _) in p.shapes.items() if order % count == p.index} for p in parts]
        assert max(map(len, shapes)) - min(map(len, shapes)) <= 1


def test_a_name_of_blanks_or_invisible_characters_is_an_empty_name(tmp_path: Path) -> None:
    rows = ['{"name": "   "}', '{"name": "\\u200b\\u00a0"}', '{"name": "Anna"}']
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("c.jsonl", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"refusalkit: error: c.jsonl, row {row} (line {row}): field 'name' is empty: every row needs the client's name"
        for row in (1, 2)]


@pytest.mark.parametrize("block", ["{{ client.salutation }}", "{{ client['salutation'] }}", "{{ client.get('salutation') }}",
                                   "{% for k in client %}{{ k }}{% endfor %}", "{{ greeting|upper }}",
                                   "{% set g = greeting %}{{ g|length }}"])
def test_templates_that_use_the_salutation_are_drafted_for_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  block: str) -> None:
    (tmp_path / "templates/capacity").mkdir(parents=True)
    (tmp_path / "templates/capacity/en.md.j2").write_text(
        '{% extends "_base/en.md.j2" %}\n{% block reason %}\nNoted: ' + block + '\n{% endblock %}\n', encoding="utf-8")
    (tmp_path / "refusalkit.toml").write_text('templates = "templates"\n', encoding="utf-8")
    engine = Engine(style=load(str(tmp_path / "refusalkit.toml")))
    drafted: list[str] = []

    def counting_draft(reason: str, *args: Any, **kwargs: Any) -> Any:
        drafted.append(reason)
        return draft(reason, *args, **kwargs)

    monkeypatch.setattr(batch, "draft", counting_draft)
    shapes = batch.Shapes(engine, True)
    for salutation in ("none", "ms", "mr"):
        client = parse_record({"name": "Kim Mayer", "salutation": salutation})
        got = shapes.letter("capacity", client, "en")
        want = draft("capacity", client, lang="en", engine=engine)
        assert (got.markdown, got.html, batch._text(got)) == (want.markdown, want.html, want.text)
    assert len(drafted) == 3  # none of them swapped


def test_built_in_templates_use_the_salutation_only_through_the_greeting() -> None:
    """What Shapes takes for granted about the built-in templates, without parsing them
    at run time: each passes the analysis a team's template gets, and names the
    templates it builds on the way the run-time shortcut reads them."""
    engine = Engine()
    env = engine.env
    names = [n for n in env.loader.list_templates() if n.endswith(".md.j2")]
    assert len(names) > 40
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)
        assert filename.startswith(batch._BUILT_IN + os.sep)
        targets = batch.greeting_only(env.parse(source))
        assert targets is not None, name
        assert targets == batch._TEMPLATE_REFERENCE.findall(source), name
    shapes = batch.Shapes(engine, True)
    parsed: list[str] = []
    real_parse = env.parse
    env.parse = lambda *a, **k: parsed.append("x") or real_parse(*a, **k)  # type: ignore[method-assign]
    try:
        assert shapes._greeting_only("capacity/de.md.j2")
    finally:
        del env.parse
    assert parsed == []  # known, not parsed


# --- blocks kept between runs ------------------------------------------------------------------------

_RUN_AND_SAY_IF_MARKDOWN = (
    "import sys\n"
    "from refusalkit.cli import cli\n"
    "try:\n"
    "    cli.main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    sys.stderr.write(f\"\\nmarkdown imported: {'markdown' in sys.modules}\\n\")\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_blocks_kept_from_an_earlier_run_give_the_same_letters(tmp_path: Path, jobs: str) -> None:
    rows = "".join(f"Kim Öz {i},k{i}@example.com,{lang},{reason},{salutation},{formal},{amount},EUR,"
                   f"{'client' if reason == 'nonpayment' else 'prospect'}\n"
                   for i, (lang, reason, salutation, formal, amount) in enumerate(
                       [(lang, reason, salutation, formal, amount)
                        for lang in ("de", "en", "tr") for reason in ("capacity", "nonpayment")
                        for salutation in ("ms", "none") for formal in ("true", "false")
                        for amount in ("", "1234.50")
                        if reason == "nonpayment" or not amount] * 12))
    (tmp_path / "c.csv").write_text("name,email,language,reason,salutation,formal,amount_due,currency,relationship\n"
                                    + rows,
                                    encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k != "REFUSALKIT_NO_CACHE"}
    cache = tmp_path / "cache"

    def batch_run(out: str, **env: str) -> str:
        done = subprocess.run([sys.executable, "-c", _RUN_AND_SAY_IF_MARKDOWN, "batch", "c.csv", "-d", out,
                               "-f", "eml", "--jobs", jobs], cwd=tmp_path, capture_output=True, text=True,
                              env={**base, "XDG_CACHE_HOME": str(cache), **env})
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "markdown imported: True" in batch_run("none", REFUSALKIT_NO_CACHE="1")
    assert not cache.exists()
    assert "markdown imported: True" in batch_run("first")  # converts, and keeps the blocks
    [store] = cache.glob("refusalkit/blocks-*/blocks.marshal")
    import marshal

    kept = marshal.loads(store.read_bytes())
    assert kept and all(not any(ch.isdigit() for ch in re.sub("[\ue000\ue002][0-9]+\ue001", "", block))
                        for block in kept)  # no amount from a record
    assert any("1.234,50" in text for text in letters(tmp_path / "first").values())  # though the letters had one
    second = batch_run("second")
    if jobs == "1":  # the blocks with an amount in them are converted again (by whichever process meets them)
        assert "markdown imported: True" in second
    assert letters(tmp_path / "second").keys() == letters(tmp_path / "none").keys()
    for name in letters(tmp_path / "second"):
        assert same_message((tmp_path / "second" / name).read_bytes(), (tmp_path / "none" / name).read_bytes()), name
    store.write_bytes(marshal.dumps({block: ("<p>wrong</p>", [("", 1)]) for block in kept}))  # not as written
    batch_run("ill-formed")
    for name in letters(tmp_path / "ill-formed"):
        assert same_message((tmp_path / "ill-formed" / name).read_bytes(), (tmp_path / "none" / name).read_bytes()), name
    store.write_bytes(b"\x00not marshal")  # a damaged store is only a slower run
    batch_run("damaged")
    for name in letters(tmp_path / "damaged"):
        assert same_message((tmp_path / "damaged" / name).read_bytes(), (tmp_path / "none" / name).read_bytes()), name


def test_a_run_whose_blocks_are_all_kept_does_not_import_markdown(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name,language,salutation\n" + "".join(
        f"Kim {i},{('de', 'en', 'tr')[i % 3]},{('ms', 'mr', 'none')[i % 2]}\n" for i in range(40)), encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if k != "REFUSALKIT_NO_CACHE"},
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = []
    for out in ("first", "second"):
        done = subprocess.run([sys.executable, "-c", _RUN_AND_SAY_IF_MARKDOWN, "batch", "c.csv", "-r", "capacity",
                               "-d", out, "-f", "eml"], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        said.append(done.stderr.strip().splitlines()[-1])
    assert said == ["markdown imported: True", "markdown imported: False"]
    for name in letters(tmp_path / "second"):
        assert same_message((tmp_path / "second" / name).read_bytes(), (tmp_path / "first" / name).read_bytes()), name


def test_the_console_script_ends_a_batch_as_the_interpreter_would(tmp_path: Path) -> None:
    """cli.main ends a batch without the interpreter's teardown: atexit handlers still
    run, the output is all there, and the exit status is the command's."""
    (tmp_path / "good.csv").write_text("name\nAnna\nBen\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("name,email\nAnna,nope\nBen,ben@example.com\n", encoding="utf-8")
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('atexit ran', flush=True))\n"
              "from refusalkit.cli import main\n"
              "main(sys.argv[1:])\n")
    for clients, status in (("good.csv", 0), ("bad.csv", 1), ("missing.csv", 2)):
        done = subprocess.run([sys.executable, "-c", script, "batch", clients, "-r", "capacity", "-d",
                               f"out-{clients}"], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == status, done.stderr
        assert done.stdout.endswith("atexit ran\n")
        if status < 2:
            assert f"{2 - status} written, {status} failed" in done.stdout
        if status:
            assert done.stderr.startswith("refusalkit: error: ") and done.stderr.count("\n") == 1, done.stderr


def test_the_default_file_name_is_the_patterns() -> None:
    """plan() writes the default pattern's name directly: the same as formatting it."""
    pattern = batch.NamePattern(batch.DEFAULT_PATTERN, ".eml")
    assert pattern.default and not batch.NamePattern("{row}-{slug}", ".eml").default
    for row, name in enumerate(EML_NAMES + ["../../etc/passwd", "王秀英", "." * 300, "Ω" * 90], 1):
        for number in (row, row * 1000, row * 10**6):
            fields = {"row": number, "slug": batch.slug(name), "reason": "x", "lang": "de", "relationship": "x"}
            assert pattern.format(fields) == f"{number:04d}-{batch.slug(name)}.eml"
