"""The personal mail account for --to-drafts: account.toml, table [imap].

Never the team's house style (that file is shared in git): a file of one's own,
found, first match wins, at --account PATH, $REFUSALKIT_ACCOUNT, then
account.toml in the user config folder (personal.config_dir():
$REFUSALKIT_CONFIG_DIR, else click.get_app_dir("refusalkit"), ~/.config/refusalkit/
on Linux, beside the personal refusalkit.toml of `refusalkit setup`).

The file holds no password. It comes from $REFUSALKIT_IMAP_PASSWORD, else the
output of `password_command` (run without a shell: "pass show mail"), else the
system keyring (service "refusalkit:HOST", user USER; the optional keyring
library, imported only then). No password is ever written, echoed or shown.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any, NamedTuple

from .errors import RecordError, UsageError

ACCOUNT_FILE = "account.toml"
PASSWORD_ENV = "REFUSALKIT_IMAP_PASSWORD"
SECURITY = ("ssl", "starttls", "plain")
DEFAULT_PORT = {"ssl": 993, "starttls": 143, "plain": 143}
KEYS = ("host", "port", "user", "security", "drafts", "cafile", "password_command", "timeout")
KEYRING_SERVICE = "refusalkit:{host}"


class AccountError(RecordError):
    """account.toml is missing, malformed or has a wrong key; or no password can be had."""


class Account(NamedTuple):
    path: str
    host: str
    user: str
    security: str = "ssl"
    port: int = 993
    drafts: str | None = None
    cafile: str | None = None
    password_command: str | None = None
    timeout: float = 30.0

    @property
    def where(self) -> str:
        """user@host:port, for messages."""
        return f"{self.user} at {self.host}:{self.port}"


def user_account_file() -> str:
    from .personal import config_dir  # click.get_app_dir("refusalkit"), or $REFUSALKIT_CONFIG_DIR

    return os.path.join(config_dir(), ACCOUNT_FILE)


def find(explicit: str | None = None) -> str:
    """The account file in effect; an error that says how to make one if there is none."""
    from .paths import named_file

    named = named_file(explicit, "--account", "REFUSALKIT_ACCOUNT", "account")
    if named:
        return named
    default = user_account_file()
    if os.path.isfile(default):
        return default
    raise UsageError(f"--to-drafts needs your mail account: create {default} with an [imap] table "
                     "(host, user; see the README, \"Reply from your mailbox\"), or pass --account PATH")


def _text(table: dict[str, Any], key: str, path: str, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise AccountError(f"{path}: [imap] {key} is missing: add it (e.g. {key} = \"...\")")
        return None
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise AccountError(f"{path}: [imap] {key} must be one line of text")
    return value.strip()


def load(path: str) -> Account:
    """The [imap] table of `path`, checked; every error names the file and the key."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.loads(fh.read().decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the account file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise AccountError(f"{path}: not UTF-8 text: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise AccountError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("imap")
    if not isinstance(table, dict):
        raise AccountError(f"{path}: no [imap] table: add one with host and user (see the README)")
    for key in table:
        if key in ("password", "pass", "passwd"):  # never read, never shown
            raise AccountError(f"{path}: [imap] {key}: refusalkit never reads a password from a file; remove it "
                               f"and use password_command, the keyring or ${PASSWORD_ENV}")
        if key not in KEYS:
            raise AccountError(f"{path}: [imap] has an unknown key {key!r}: the keys are {', '.join(KEYS)}")
    host = _text(table, "host", path, required=True)
    user = _text(table, "user", path, required=True)
    security = table.get("security", "ssl")
    if security not in SECURITY:
        raise AccountError(f"{path}: [imap] security must be one of {', '.join(SECURITY)} (ssl is the default)")
    port = table.get("port", DEFAULT_PORT[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise AccountError(f"{path}: [imap] port must be a number from 1 to 65535")
    timeout = table.get("timeout", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 600:
        raise AccountError(f"{path}: [imap] timeout must be a number of seconds from 1 to 600")
    cafile = _text(table, "cafile", path)
    if cafile:
        cafile = os.path.join(os.path.dirname(os.path.abspath(path)), os.path.expanduser(cafile))
        if not os.path.isfile(cafile):
            raise AccountError(f"{path}: [imap] cafile: no such file {cafile}")
    assert host is not None and user is not None
    return Account(path=path, host=host, user=user, security=security, port=port,
                   drafts=_text(table, "drafts", path), cafile=cafile,
                   password_command=_text(table, "password_command", path), timeout=float(timeout))


def loopback_address(account: Account) -> str:
    """The address to connect to for security = "plain": the host must resolve only to
    loopback addresses (plain text never leaves the machine). The checked address is the
    one used, so a second DNS answer cannot send it elsewhere."""
    try:
        infos = socket.getaddrinfo(account.host, account.port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise AccountError(f"{account.path}: [imap] host {account.host!r}: unknown host") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise AccountError(f"{account.path}: [imap] security = \"plain\" is allowed only to this computer "
                           f"(a loopback address), and {account.host!r} is not one: use ssl or starttls")
    return addresses[0]


def password(account: Account) -> str:
    """The account's password: $REFUSALKIT_IMAP_PASSWORD, password_command or the keyring."""
    env = os.environ.get(PASSWORD_ENV)
    if env:
        secret, source = env, f"${PASSWORD_ENV}"
    elif account.password_command:
        secret, source = _from_command(account), "password_command"
    else:
        secret, source = _from_keyring(account), "the keyring"
    if any(ch in secret for ch in "\r\n\0"):  # it would end the LOGIN command early
        raise AccountError(f"the password from {source} contains a line break or NUL character, "
                           "which IMAP cannot send: check it")
    return secret


def _from_command(account: Account) -> str:
    import shlex
    import subprocess

    try:
        argv = shlex.split(account.password_command or "")
    except ValueError as exc:
        raise AccountError(f"{account.path}: [imap] password_command: {exc}") from None
    if not argv:
        raise AccountError(f"{account.path}: [imap] password_command is empty")
    shown = account.password_command
    try:
        # No shell; stdin and stderr stay the terminal's, so gpg's pinentry can ask.
        done = subprocess.run(argv, stdout=subprocess.PIPE, check=False)
    except OSError as exc:
        raise AccountError(f"{account.path}: [imap] password_command {shown!r} could not run "
                           f"({exc.strerror})") from None
    if done.returncode != 0:
        raise AccountError(f"{account.path}: [imap] password_command {shown!r} failed "
                           f"(exit status {done.returncode})")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    first = lines[0].rstrip("\r\n") if lines else ""
    if not first:
        raise AccountError(f"{account.path}: [imap] password_command {shown!r} printed no password "
                           "(its first line is the password)")
    return first


def _from_keyring(account: Account) -> str:
    service = KEYRING_SERVICE.format(host=account.host)
    how = (f"set password_command in {account.path} (e.g. \"pass show mail\"), or "
           f"${PASSWORD_ENV}, or store it in the system keyring with `keyring set {service} {account.user}`")
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise AccountError(f"no password for {account.user} at {account.host}: {how} "
                           "(after `pip install 'refusalkit[keyring]'`)") from None
    try:
        secret = keyring.get_password(service, account.user)
    except keyring.errors.KeyringError as exc:  # e.g. no keyring backend on a headless machine
        raise AccountError(f"no password for {account.user} at {account.host}: the keyring cannot be "
                           f"used ({type(exc).__name__}): {how.split(', or store')[0]}") from None
    if not secret:
        raise AccountError(f"no password for {account.user} at {account.host}: {how}")
    return secret
