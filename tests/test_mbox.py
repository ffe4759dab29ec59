"""batch --mbox FILE: every draft of a batch in one mbox file, whole or not at all."""

from __future__ import annotations

import mailbox
import os
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from refusalkit import batch
from refusalkit.api import default_engine, draft
from refusalkit.cli import cli
from refusalkit.mbox import mbox_message

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

ROWS = ("name,email,language,formal,reason\n"
        "Anna Schmidt,anna@example.de,de,yes,capacity\n"
        "Ayşe Yılmaz,ayse@example.com.tr,tr,no,capacity\n"
        "Kim Mayer,kim@example.com,en,yes,nonpayment\n"
        "Bad Row,not-an-email,en,yes,capacity\n"
        "Jürgen Groß,jg@example.de,de,no,free-work\n")


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["batch", *args])


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    path = tmp_path / "clients.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def messages(path: Path) -> list[Any]:
    box = mailbox.mbox(str(path), create=False)
    try:
        return [BytesParser(policy=policy.default).parsebytes(box.get_bytes(key)) for key in box.keys()]
    finally:
        box.close()


def test_every_good_row_is_one_draft_in_the_mbox(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts.mbox"
    result = run(str(clients), "--mbox", str(out))
    assert result.exit_code == 1  # the bad row
    assert "row 4" in result.stderr and f"-> {out}" in result.stdout
    drafts = messages(out)
    assert len(drafts) == 4
    assert [d["To"].addresses[0].addr_spec for d in drafts] == ["anna@example.de", "ayse@example.com.tr",
                                                                 "kim@example.com", "jg@example.de"]
    for d in drafts:
        assert not d.defects and d["X-Unsent"] == "1" and d["Message-ID"]
        assert d.get_body(("plain",)).get_content().strip() and "</html>" in d.get_body(("html",)).get_content()
    assert drafts[1].get_body(("plain",)).get_content().startswith("Merhaba Ayşe,")
    assert (tmp_path / "drafts.mbox.errors.csv").read_text(encoding="utf-8-sig").count("\n") == 2
    assert sorted(os.listdir(tmp_path)) == ["clients.csv", "drafts.mbox", "drafts.mbox.errors.csv"]
    with open(out, "rb") as fh:
        raw = fh.read()
    assert raw.startswith(b"From ") and raw.count(b"\nFrom ") == 3 and b"\r\n" not in raw


def test_an_existing_mbox_is_never_replaced_without_force(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts.mbox"
    out.write_bytes(b"From x Thu Jan  1 00:00:00 1970\nSubject: mine\n\nkeep me\n\n")
    result = run(str(clients), "--mbox", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"refusalkit: error: {out}: already exists: use --force to overwrite it\n"
    assert out.read_bytes().endswith(b"keep me\n\n")
    assert sorted(os.listdir(tmp_path)) == ["clients.csv", "drafts.mbox"]  # not even errors.csv
    assert run(str(clients), "--mbox", str(out), "--force").exit_code == 1
    assert len(messages(out)) == 4


def test_mbox_options_that_do_not_fit(clients: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "d.mbox")
    for args, words in ((["--mbox", out, "-d", str(tmp_path / "x")], "not both"),
                        ([], "--out-dir"),
                        (["--mbox", out, "--resume"], "--resume"),
                        (["--mbox", out, "-f", "md"], "--format md"),
                        (["--mbox", str(tmp_path / "nowhere" / "d.mbox")], "does not exist")):
        result = run(str(clients), *args)
        assert result.exit_code != 0 and words in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == ["clients.csv"]


def test_an_interrupted_run_writes_no_mbox(clients: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch._outcome

    def outcome(item: Any, *args: Any) -> Any:
        if item.row == 3:
            raise KeyboardInterrupt
        return real(item, *args)

    monkeypatch.setattr(batch, "_outcome", outcome)
    out = tmp_path / "drafts.mbox"
    summary = batch.run(str(clients), "", batch.Options(fmt="eml", mbox=str(out)), default_engine())
    assert summary.interrupted and summary.written == 2
    assert sorted(os.listdir(tmp_path)) == ["clients.csv"]


def test_a_line_starting_with_from_stays_the_letters_line() -> None:
    letter = draft("capacity", {"name": "Kim Mayer", "email": "kim@example.com"}, lang="en")
    letter.quote("Kim wrote:", "From next month on we need help.\n>From the old thread")
    entry = mbox_message(letter.eml(), "me@example.org") * 2
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"rk-mbox-{os.getpid()}.mbox"
    try:
        path.write_bytes(entry)
        drafts = messages(path)
    finally:
        path.unlink()
    assert len(drafts) == 2
    text = drafts[0].get_body(("plain",)).get_content()
    # the text part is format=flowed: quote marks, a space, the line (RFC 3676 4.5)
    assert "\n> From next month on we need help.\n>> From the old thread" in text.replace("\r\n", "\n")


def test_mbox_never_writes_through_a_link_or_into_a_folder(clients: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.mbox"
    target.write_bytes(b"")
    link = tmp_path / "link.mbox"
    link.symlink_to(target)
    result = run(str(clients), "--mbox", str(link), "--force")
    assert result.exit_code == 1 and "is a symbolic link" in result.stderr and "--mbox never writes" in result.stderr
    assert target.read_bytes() == b""
    folder = run(str(clients), "--mbox", str(tmp_path))
    assert folder.exit_code == 1 and "is a folder: give a file name to --mbox" in folder.stderr
