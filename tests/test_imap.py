"""--to-drafts against a real IMAP server: Debian's dovecot, started on a free loopback port
with a throw-away config, passwd-file and Maildir (tests/imapserver.py).

Without dovecot the tests that need it are skipped with the reason; CI installs
dovecot-imapd and sets REFUSALKIT_REQUIRE_IMAP=1, so there they fail instead.
"""

from __future__ import annotations

import email
import email.utils
import os
import socket
import subprocess
import sys
import tempfile
from email import policy
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner, Result

from refusalkit import account
from refusalkit.cli import cli

from . import imapserver
from .imapserver import DRAFTS, Cut, Dovecot

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

PASSWORD = "Geheim-7392-xyz"
UMLAUT_PASSWORD = "Şifre-Grüße-7"


def _need_dovecot() -> None:
    reason = imapserver.available()
    if reason:
        if os.environ.get("REFUSALKIT_REQUIRE_IMAP"):
            pytest.fail(reason)
        pytest.skip(reason)


def _server(**kwargs: Any) -> Iterator[Dovecot]:
    _need_dovecot()
    folder = tempfile.mkdtemp(prefix="rk-dovecot-")
    server = Dovecot(folder, **kwargs)
    for i in range(40):
        server.add_user(f"user{i}", PASSWORD)
    server.add_user("umlaut", UMLAUT_PASSWORD)
    try:
        yield server.start()
    finally:
        server.stop()
        # its Maildirs hold a few thousand drafts: removed in the background (rm outlives
        # its shell), not on the suite's way to the next test
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" &', "sh", folder], check=False)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    yield from _server()


@pytest.fixture(scope="module")
def plain_dovecot() -> Iterator[Dovecot]:
    """A server that marks no folder \\Drafts; every user has one called "Vorlagen"."""
    yield from _server(special_use=False, drafts="Vorlagen")


@pytest.fixture(scope="module")
def single_dovecot() -> Iterator[Dovecot]:
    """A server without MULTIAPPEND (as Gmail): one APPEND per draft."""
    yield from _server(capability="IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS CHILDREN "
                                  "UNSELECT LIST-EXTENDED SPECIAL-USE")


@pytest.fixture(scope="module")
def small_dovecot() -> Iterator[Dovecot]:
    """A server that refuses (NO [LIMIT]) a message over 10 kB."""
    yield from _server(max_mail_size="10k")


class Box:
    """A fresh user on a server, with an account.toml for it."""

    def __init__(self, server: Dovecot, folder: Path, monkeypatch: pytest.MonkeyPatch,
                 password: str = PASSWORD) -> None:
        self.server, self.user, self.password = server, server.take_user(password), password
        self.account = folder / "account.toml"
        self.write()
        monkeypatch.setenv("REFUSALKIT_IMAP_PASSWORD", password)

    def write(self, **keys: Any) -> Path:
        table = {"host": "127.0.0.1", "port": self.server.port, "user": self.user, "security": "plain", **keys}
        lines = ["[imap]"] + [f"{k} = {v!r}" if isinstance(v, int | float) else f'{k} = "{v}"'
                              for k, v in table.items() if v is not None]
        self.account.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return self.account

    def client(self) -> Any:
        from imapclient import IMAPClient

        c = IMAPClient("127.0.0.1", self.server.port, ssl=False, timeout=10)
        if self.password.isascii():
            c.login(self.user, self.password)
        else:
            c.plain_login(self.user, self.password)
        return c

    def messages(self, folder: str = DRAFTS, part: str = "") -> list[tuple[tuple[bytes, ...],
                                                                           email.message.EmailMessage]]:
        """(flags, message) of each message in `folder`, by UID; part="HEADER": headers only."""
        with self.client() as c:
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            fetched = c.fetch(uids, ["FLAGS", f"BODY.PEEK[{part}]"]) if uids else {}
        key = f"BODY[{part}]".encode("ascii")
        # headers alone with the quick compat32 parser: policy.default costs 10 ms a message
        how = policy.compat32 if part == "HEADER" else policy.default
        return [(fetched[u][b"FLAGS"], email.message_from_bytes(fetched[u][key], policy=how))
                for u in sorted(fetched)]

    def count(self, folder: str = DRAFTS) -> int:
        """How many messages `folder` holds (what len(messages()) says, without fetching them)."""
        with self.client() as c:
            c.select_folder(folder, readonly=True)
            return len(c.search("ALL"))


@pytest.fixture(autouse=True)
def short_reconnect_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconnecting tries as often as in use, after pauses of 10-100 ms instead of 0.2, 1
    and 3 s: the cut tests test that it reconnects and what it then sends, not how long
    it waits."""
    from refusalkit import imap

    monkeypatch.setattr(imap, "RETRIES", tuple(min(pause, 0.1) for pause in imap.RETRIES) or (0.01,))


@pytest.fixture
def box(dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Box:
    return Box(dovecot, tmp_path, monkeypatch)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("refusalkit: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return errors[0]


def csv_file(folder: Path, rows: int, start: int = 0) -> Path:
    reasons, langs = ("capacity", "nonpayment", "guarantee"), ("de", "en", "tr")
    names = ("Anna Schmidt", "Ayşe Yılmaz", "John Smith", "Jürgen Müller", "Mehmet Ali Birand")
    path = folder / "clients.csv"
    lines = ["name,email,reason,language"]
    for i in range(start, start + rows):
        lines.append(f"{names[i % 5]} {i},c{i}@example.com,{reasons[i % 3]},{langs[i % 3]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- draft --to-drafts ----------------------------------------------------------------------------

def test_draft_goes_into_the_special_use_drafts_folder_with_the_draft_flag(box: Box) -> None:
    with box.client() as c:  # a folder with the English name too: the \Drafts one must win
        c.create_folder("Drafts")
    result = run("draft", "-r", "capacity", "-l", "de", "--name", "Ayşe Yılmaz", "--email", "ayse@example.com",
                 "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"saved to {DRAFTS} ({box.user} at 127.0.0.1), UID 1\n"
    [(flags, msg)] = box.messages()
    assert set(flags) >= {b"\\Draft", b"\\Seen"}
    assert msg["To"].addresses[0].display_name == "Ayşe Yılmaz"
    assert msg["X-Unsent"] == "1" and msg["Message-ID"]
    assert "Guten Tag Ayşe Yılmaz," in msg.get_body(("plain",)).get_content()
    assert box.messages("Drafts") == []


def test_a_password_with_non_ascii_letters_logs_in(dovecot: Dovecot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    box = Box(dovecot, tmp_path, monkeypatch, password=UMLAUT_PASSWORD)
    result = run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.stderr
    assert len(box.messages()) == 1


def test_wrong_password_is_one_line_without_the_password_and_appends_nothing(
        box: Box, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "Falsch-8841-Passwort"
    monkeypatch.setenv("REFUSALKIT_IMAP_PASSWORD", wrong)
    result = run("draft", "-r", "capacity", "--name", "Kim", "--email", "kim@example.com",
                 "--to-drafts", "--account", str(box.account))
    line = one_line_error(result)
    assert f"login as {box.user} at 127.0.0.1 failed" in line and "password" in line
    assert wrong not in result.output and PASSWORD not in result.output
    result = run("batch", str(csv_file(box.account.parent, 3)), "-d", str(box.account.parent / "out"),
                 "--to-drafts", "--account", str(box.account))
    line = one_line_error(result)
    assert wrong not in result.output and "login as" in line
    assert box.messages() == []


def test_the_password_is_never_in_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSALKIT_IMAP_PASSWORD", "Visible-If-Leaked-55")
    for command in ("draft", "batch"):
        result = run(command, "--help")
        assert "--to-drafts" in result.stdout and "Visible-If-Leaked-55" not in result.output


def test_server_down_is_one_line(box: Box) -> None:
    box.write(port=imapserver.free_port())
    line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                              "--account", str(box.account)))
    assert "refused the connection" in line


def test_unknown_host_is_one_line(box: Box) -> None:
    box.write(host="no-such-host.invalid", security="ssl")
    line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                              "--account", str(box.account)))
    assert "no-such-host.invalid: unknown host" in line


def test_a_silent_server_times_out_in_one_line(box: Box) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never says a word
    try:
        box.write(port=silent.getsockname()[1], timeout=1)
        line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                                  "--account", str(box.account)))
    finally:
        silent.close()
    assert "did not answer within 1 s" in line


def test_plain_text_only_to_this_computer(box: Box) -> None:
    box.write(host="192.0.2.1")  # TEST-NET-1: never contacted
    line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                              "--account", str(box.account)))
    assert 'security = "plain" is allowed only to this computer' in line


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls_with_a_self_signed_certificate_through_cafile(box: Box, security: str) -> None:
    port = box.server.ssl_port if security == "ssl" else box.server.port
    box.write(host="localhost", port=port, security=security)
    line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                              "--account", str(box.account)))
    assert "the certificate of localhost is not trusted" in line and "cafile" in line
    assert box.messages() == []
    box.write(host="localhost", port=port, security=security, cafile=box.server.cafile)
    result = run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"saved to {DRAFTS} ") and len(box.messages()) == 1


def test_tls_to_a_plain_port_is_one_line(box: Box) -> None:
    box.write(host="localhost", security="ssl", cafile=box.server.cafile)  # port: the plain one
    line = one_line_error(run("draft", "-r", "capacity", "--name", "Kim", "--to-drafts",
                              "--account", str(box.account)))
    assert "TLS with localhost" in line


# --- finding the folder without SPECIAL-USE -------------------------------------------------------

def test_without_special_use_the_account_names_the_folder_else_a_common_name(
        plain_dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = Box(plain_dovecot, tmp_path, monkeypatch)
    args = ("draft", "-r", "capacity", "--name", "Kim", "--to-drafts", "--account", str(box.account))
    line = one_line_error(run(*args))
    assert "has no Drafts folder" in line and "drafts =" in line
    box.write(drafts="Vorlagen")
    result = run(*args)
    assert result.exit_code == 0 and result.stdout.startswith("saved to Vorlagen "), result.output
    with box.client() as c:
        c.create_folder("Taslaklar")
    box.write()
    result = run(*args)
    assert result.exit_code == 0 and result.stdout.startswith("saved to Taslaklar "), result.output
    assert len(box.messages("Vorlagen")) == 1 and len(box.messages("Taslaklar")) == 1


# --- batch --to-drafts ----------------------------------------------------------------------------

@pytest.mark.slow  # 1,000 drafts: the cut tests below save and rerun 300 in the default run
def test_a_thousand_drafts_in_one_run_and_a_rerun_adds_none(box: Box, tmp_path: Path) -> None:
    clients, out = csv_file(tmp_path, 1000), tmp_path / "out"
    result = run("batch", str(clients), "-d", str(out), "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"1000 drafts saved, 0 failed, 0 skipped (already there) in ")
    assert f"-> {DRAFTS} ({box.user} at 127.0.0.1), UIDs 1-1000" in result.stdout
    saved = box.messages(part="HEADER")
    assert len(saved) == 1000
    assert all({b"\\Draft", b"\\Seen"} <= set(flags) for flags, _ in saved)
    ids = {msg["Message-ID"] for _, msg in saved}
    assert len(ids) == 1000
    assert {email.utils.parseaddr(msg["To"])[1] for _, msg in saved} == {f"c{i}@example.com" for i in range(1000)}
    assert not any(p.suffix == ".eml" for p in out.iterdir())  # the letters went to the mailbox only
    result = run("batch", str(clients), "-d", str(out), "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("0 drafts saved, 0 failed, 1000 skipped (already there)")
    assert box.count() == 1000


def test_bad_rows_go_to_errors_csv_and_the_good_ones_to_the_folder(box: Box, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text("name,email,reason\nAnna Schmidt,anna@example.com,capacity\n"
                       "Bob,not-an-address,capacity\nCem,cem@example.com,no-such-reason\n"
                       "Dana,dana@example.com,guarantee\n", encoding="utf-8")
    result = run("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 1
    assert result.stdout.startswith("2 drafts saved, 2 failed, 0 skipped")
    report = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in report] == ["row", "2", "3"]
    assert sorted(msg["To"].addresses[0].display_name for _, msg in box.messages()) == ["Anna Schmidt", "Dana"]


def test_a_changed_row_is_a_new_draft_and_an_unchanged_one_is_not(box: Box, tmp_path: Path) -> None:
    clients = csv_file(tmp_path, 3)
    args = ("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts", "--account", str(box.account))
    assert run(*args).exit_code == 0
    clients.write_text(clients.read_text(encoding="utf-8").replace("c1@example.com", "new@example.com"),
                       encoding="utf-8")
    result = run(*args)
    assert result.stdout.startswith("1 drafts saved, 0 failed, 2 skipped"), result.output
    assert len(box.messages()) == 4


@pytest.mark.parametrize("mode", ["half", "reply"])
def test_a_connection_cut_mid_batch_reconnects_and_a_rerun_adds_no_duplicate(
        box: Box, tmp_path: Path, mode: str) -> None:
    """half: the broken APPEND never completes on the server and is sent again; reply: the
    server saved the drafts but its answer was lost, and they must not be sent again."""
    cut = Cut(box.server.port, after=4, mode=mode)
    try:
        box.write(port=cut.port)
        clients, out = csv_file(tmp_path, 400), tmp_path / "out"
        args = ("batch", str(clients), "-d", str(out), "--to-drafts", "--account", str(box.account))
        result = run(*args)
        assert cut.cuts == 1
        assert result.exit_code == 0, result.output
        assert "reconnecting" in result.stderr
        assert result.stdout.startswith("400 drafts saved, 0 failed, 0 skipped")
        ids = [msg["Message-ID"] for _, msg in box.messages(part="HEADER")]
        assert len(ids) == len(set(ids)) == 400
        result = run(*args)
        assert result.stdout.startswith("0 drafts saved, 0 failed, 400 skipped"), result.output
        assert box.count() == 400
    finally:
        cut.close()


def test_a_server_gone_for_good_mid_batch_is_one_line_and_a_rerun_goes_on(box: Box, tmp_path: Path) -> None:
    cut = Cut(box.server.port, after=3, stay_down=True)
    try:
        box.write(port=cut.port)
        clients = csv_file(tmp_path, 300)
        result = run("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts", "--account",
                     str(box.account))
    finally:
        cut.close()
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("refusalkit: error:")]
    assert len(errors) == 1 and "refused the connection" in errors[0], result.stderr
    assert "drafts were saved: rerun the same command to go on" in errors[0]
    saved = len(box.messages(part="HEADER"))
    assert 0 < saved < 300
    box.write()  # the server is back
    result = run("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts", "--account", str(box.account))
    assert result.stdout.startswith(f"{300 - saved} drafts saved, 0 failed, {saved} skipped"), result.output
    ids = [msg["Message-ID"] for _, msg in box.messages(part="HEADER")]
    assert len(ids) == len(set(ids)) == 300


def test_without_multiappend_one_append_each_survives_a_cut_too(
        single_dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = Box(single_dovecot, tmp_path, monkeypatch)
    cut = Cut(single_dovecot.port, after=40, mode="reply")
    try:
        box.write(port=cut.port)
        clients = csv_file(tmp_path, 120)
        args = ("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts", "--account", str(box.account))
        result = run(*args)
        assert cut.cuts == 1 and "reconnecting" in result.stderr
        assert result.stdout.startswith("120 drafts saved, 0 failed, 0 skipped"), result.output
        ids = [msg["Message-ID"] for _, msg in box.messages(part="HEADER")]
        assert len(ids) == len(set(ids)) == 120
        assert run(*args).stdout.startswith("0 drafts saved, 0 failed, 120 skipped")
    finally:
        cut.close()


def test_a_draft_the_server_refuses_fails_alone_and_the_others_are_saved(
        small_dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With MULTIAPPEND the server refuses the whole command: each draft of it is tried alone."""
    box = Box(small_dovecot, tmp_path, monkeypatch)
    clients = tmp_path / "clients.csv"
    # row 6's request makes its draft larger than the server's 10k (twice quoted-printable, in text
    # and HTML: a request this long stays out of the subject)
    rows = [f"Client {i},c{i}@example.com," + ("Überarbeitung " * 280 if i == 5 else "Logo") for i in range(10)]
    clients.write_text("name,email,request\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("batch", str(clients), "-r", "capacity", "-d", str(tmp_path / "out"), "--to-drafts",
                 "--account", str(box.account))
    assert result.exit_code == 1
    assert result.stdout.startswith("9 drafts saved, 1 failed, 0 skipped"), result.output
    assert "row 6 (line 7): the server refused the draft: [LIMIT] Mail size is larger" in result.stderr
    report = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(report) == 2 and report[1].startswith("6,7,Client 5,,")
    assert sorted(msg["To"].addresses[0].display_name for _, msg in box.messages()) == \
        [f"Client {i}" for i in range(10) if i != 5]
    big = tmp_path / "big.json"
    big.write_text('{"name": "Kim", "request": "%s"}' % ("Überarbeitung " * 280), encoding="utf-8")
    line = one_line_error(run("draft", "-r", "capacity", "--client", str(big), "--to-drafts",
                              "--account", str(box.account)))
    assert "127.0.0.1 refused the draft: [LIMIT] Mail size is larger" in line
    assert box.count() == 9


def test_two_identical_rows_give_one_draft(box: Box, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text("name,email\nKim Mayer,kim@example.com\nKim Mayer,kim@example.com\n", encoding="utf-8")
    result = run("batch", str(clients), "-r", "capacity", "-d", str(tmp_path / "out"), "--to-drafts",
                 "--account", str(box.account))
    assert result.stdout.startswith("1 drafts saved, 0 failed, 1 skipped"), result.output
    assert len(box.messages()) == 1


def test_batch_to_drafts_refuses_what_contradicts_it(box: Box, tmp_path: Path) -> None:
    clients = csv_file(tmp_path, 1)
    for extra, words in ((["--format", "md"], "leave out --format md"), (["--force"], "--force does not apply"),
                         (["--mbox", str(tmp_path / "x.mbox")], "--to-drafts and --mbox")):
        result = run("batch", str(clients), "-d", str(tmp_path / "out"), "--to-drafts",
                     "--account", str(box.account), *extra)
        assert result.exit_code == 2 and words in result.stderr, result.output
    result = run("batch", str(clients), "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 2 and "--to-drafts needs --out-dir DIR" in result.stderr
    assert box.messages() == []


# --- the account file and the password (no server needed) -------------------------------------------

def test_the_account_file_is_found_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Path(account.user_account_file())
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[imap]\nhost = 'a'\nuser = 'u'\n", encoding="utf-8")
    try:
        monkeypatch.delenv("REFUSALKIT_ACCOUNT", raising=False)
        assert account.find(None) == str(config)
        env = tmp_path / "env.toml"
        env.write_text("[imap]\nhost = 'b'\nuser = 'u'\n", encoding="utf-8")
        monkeypatch.setenv("REFUSALKIT_ACCOUNT", str(env))
        assert account.find(None) == str(env)
        given = tmp_path / "given.toml"
        given.write_text("[imap]\nhost = 'c'\nuser = 'u'\n", encoding="utf-8")
        assert account.find(str(given)) == str(given)
        assert account.load(str(given)).port == 993
    finally:
        config.unlink()
    monkeypatch.delenv("REFUSALKIT_ACCOUNT")
    result = run("draft", "-r", "capacity", "--to-drafts")
    assert result.exit_code == 2 and "account.toml" in result.stderr and "--account PATH" in result.stderr


@pytest.mark.parametrize("text, words", [
    ("[imap]\nhost = 'h'\nuser = 'u'\npassword = 'Leaky-123'\n", "never reads a password from a file"),
    ("[imap]\nhost = 'h'\nuser = 'u'\nsecurty = 'ssl'\n", "unknown key 'securty'"),
    ("[imap]\nuser = 'u'\n", "[imap] host is missing"),
    ("[imap]\nhost = 'h'\nuser = 'u'\nsecurity = 'tls'\n", "security must be one of ssl, starttls, plain"),
    ("[imap]\nhost = 'h'\nuser = 'u'\nport = 99999\n", "port must be a number"),
    ("[smtp]\nhost = 'h'\n", "no [imap] table"),
    ("[imap\n", "not valid TOML"),
])
def test_a_bad_account_file_is_one_line_naming_file_and_key(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "account.toml"
    path.write_text(text, encoding="utf-8")
    result = run("draft", "-r", "capacity", "--to-drafts", "--account", str(path))
    line = one_line_error(result)
    assert str(path) in line and words in line, line
    assert "Leaky-123" not in result.output


def _account(tmp_path: Path, **keys: str) -> account.Account:
    path = tmp_path / "account.toml"
    path.write_text("[imap]\nhost = 'mail.example.org'\nuser = 'anna'\n"
                    + "".join(f"{k} = {v!r}\n" for k, v in keys.items()), encoding="utf-8")
    return account.load(str(path))


def test_password_order_env_then_command_then_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "secret.py"
    script.write_text("import sys; print('from command ' + sys.argv[1]); print('second line')\n", encoding="utf-8")
    acct = _account(tmp_path, password_command=f"{sys.executable} {script} '$HOME;x'")
    monkeypatch.setenv("REFUSALKIT_IMAP_PASSWORD", "from env")
    assert account.password(acct) == "from env"
    monkeypatch.delenv("REFUSALKIT_IMAP_PASSWORD")
    assert account.password(acct) == "from command $HOME;x"  # no shell: nothing expanded, first line only

    class FakeKeyring:
        errors = type("errors", (), {"KeyringError": RuntimeError})

        @staticmethod
        def get_password(service: str, user: str) -> str | None:
            return "from keyring" if (service, user) == ("refusalkit:mail.example.org", "anna") else None

    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring)
    monkeypatch.setitem(sys.modules, "keyring.errors", FakeKeyring.errors)
    assert account.password(_account(tmp_path)) == "from keyring"


def test_a_password_with_a_line_break_is_refused_without_showing_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSALKIT_IMAP_PASSWORD", "Secret-1\r\nA1 DELETE INBOX")
    with pytest.raises(account.AccountError) as info:
        account.password(_account(tmp_path))
    assert "line break" in str(info.value) and "Secret-1" not in str(info.value)


def test_draft_to_drafts_refuses_what_contradicts_it(tmp_path: Path) -> None:
    for extra, words in ((["-f", "md"], "leave out --format md"), (["-o", str(tmp_path / "x.eml")], "--output"),
                         (["--edit"], "--edit"), (["--copy"], "--copy")):
        result = run("draft", "-r", "capacity", "--to-drafts", *extra)
        assert result.exit_code == 2 and words in result.stderr, result.output


def test_no_password_anywhere_says_how_to_give_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFUSALKIT_IMAP_PASSWORD", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)  # the optional library is not installed
    with pytest.raises(account.AccountError) as info:
        account.password(_account(tmp_path))
    message = str(info.value)
    assert "password_command" in message and "REFUSALKIT_IMAP_PASSWORD" in message
    assert "refusalkit[keyring]" in message and "\n" not in message


def test_a_failing_password_command_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFUSALKIT_IMAP_PASSWORD", raising=False)
    for command, words in ((f"{sys.executable} -c 'import sys; sys.exit(3)'", "failed (exit status 3)"),
                           (f"{sys.executable} -c 'pass'", "printed no password"),
                           ("/no/such/program", "could not run")):
        with pytest.raises(account.AccountError) as info:
            account.password(_account(tmp_path, password_command=command))
        assert words in str(info.value)



# --- reply --to-drafts, reply --from-inbox ----------------------------------------------------------

INQUIRIES = Path(__file__).parent / "data" / "inquiries"


def test_reply_to_drafts_threads_the_draft_in_the_folder(box: Box) -> None:
    inquiry = INQUIRIES / "de-02-du-outlook-aw.eml"
    original = email.message_from_bytes(inquiry.read_bytes(), policy=policy.default)
    result = run("reply", str(inquiry), "-r", "free-work", "--to-drafts", "--account", str(box.account))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"saved to {DRAFTS} ({box.user} at 127.0.0.1), UID 1\n"
    [(flags, msg)] = box.messages()
    assert b"\\Draft" in flags
    assert msg["In-Reply-To"] == original["Message-ID"]
    assert msg["References"].split() == [*original["References"].split(), original["Message-ID"]]
    assert msg["Subject"] == "Re: Logo für meinen Foodtruck"  # AW: is not stacked
    assert msg["To"].addresses[0].addr_spec == "jonas.becker@foodtruck-example.de"
    assert msg["Message-ID"] != original["Message-ID"]
    assert msg.get_body(("plain",)).get_content().startswith("Hallo Jonas,")  # du: informal


def test_reply_from_inbox_takes_the_newest_message_of_exactly_that_address(box: Box) -> None:
    def inquiry(sender: str, subject: str, msgid: str) -> bytes:
        return (f"From: {sender}\r\nTo: {box.user}@example.org\r\nSubject: {subject}\r\n"
                f"Message-ID: <{msgid}@example.com>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                "Sehr geehrte Damen und Herren, könnten Sie uns bitte ein Angebot für die neue Website "
                "senden? Mit freundlichen Grüßen\r\n").encode("utf-8")

    with box.client() as c:
        c.append("INBOX", inquiry("Anna Schmidt <anna@example.com>", "Alte Anfrage", "old"))
        c.append("INBOX", inquiry("Anna Schmidt <ANNA@example.com>", "Relaunch", "new"))
        c.append("INBOX", inquiry("Hanna Roth <hanna@example.com>", "Später, andere Absenderin", "hanna"))
    result = run("reply", "-r", "capacity", "--from-inbox", "anna@example.com", "--to-drafts",
                 "--account", str(box.account))
    assert result.exit_code == 0, result.output
    [(_, msg)] = box.messages()
    assert msg["In-Reply-To"] == "<new@example.com>" and msg["Subject"] == "Re: Relaunch"
    assert msg.get_body(("plain",)).get_content().startswith("Guten Tag Anna Schmidt,")
    result = run("reply", "-r", "capacity", "--from-inbox", "anna@example.com", "--account", str(box.account))
    assert result.exit_code == 0 and "In-Reply-To: <new@example.com>" in result.stdout  # printed, not saved
    assert len(box.messages()) == 1
    line = one_line_error(run("reply", "-r", "capacity", "--from-inbox", "kim@example.com", "--to-drafts",
                              "--account", str(box.account)))
    assert "no message from kim@example.com in INBOX" in line
    result = run("reply", str(INQUIRIES / "de-02-du-outlook-aw.eml"), "-r", "capacity", "--from-inbox",
                 "anna@example.com", "--account", str(box.account))
    assert result.exit_code == 2 and "not both" in result.stderr
    assert len(box.messages()) == 1


def test_a_draft_without_a_sender_email_gets_its_message_id_at_the_account_domain(tmp_path: Path) -> None:
    from refusalkit.imap import message_id

    path = tmp_path / "account.toml"
    path.write_text("[imap]\nhost = 'imap.example.org'\nuser = 'anna@bücher.example'\n", encoding="utf-8")
    acct = account.load(str(path))
    assert (message_id(acct, None) or "").endswith("@xn--bcher-kva.example>")
    assert message_id(acct, {"email": "team@example.com"}) is None  # Letter.eml() takes the sender's domain
    assert message_id(acct._replace(user="anna"), None) is None
