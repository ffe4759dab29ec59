"""--to-drafts: drafts into the mailbox's Drafts folder over IMAP (IMAPClient).

`Mailbox(account)` connects (ssl, starttls, or plain to a loopback address
only), logs in and finds the Drafts folder by SPECIAL-USE (RFC 6154 \\Drafts,
whatever it is called: "Entwürfe", "Taslaklar", "[Gmail]/Drafts"); only when
no folder carries \\Drafts does it take account.toml's `drafts`, then a common
name. Drafts are appended with \\Draft and \\Seen; with MULTIAPPEND (RFC 3502)
many in one command, which the server takes whole or not at all.

`Queue` is batch's side: it knows the Message-IDs already in the folder (so a
rerun appends no duplicate), sends the drafts in chunks, and after a dropped
connection reconnects, looks again which drafts arrived, and goes on.

Every failure is one line (ImapError) that names the server and what to do;
the password never appears in one (`_scrub`), nor in a traceback of ours.
"""

from __future__ import annotations

import re
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from typing import Any

from . import account as accounts
from .account import Account
from .errors import RefusalkitError

FLAGS = (b"\\Draft", b"\\Seen")
# Looked for (case-insensitively) only when no folder carries \Drafts.
COMMON_DRAFTS = ("Drafts", "INBOX.Drafts", "INBOX/Drafts", "Draft", "Entwürfe", "INBOX.Entwürfe",
                 "Taslaklar", "INBOX.Taslaklar", "[Gmail]/Drafts", "Brouillons", "Concepten", "Borradores")
CHUNK = 64  # drafts per MULTIAPPEND ...
CHUNK_BYTES = 4 << 20  # ... or fewer, when they reach this size
RETRIES = (0.2, 1.0, 3.0)  # pauses before each reconnect after a dropped connection
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) ([0-9:,]+)\]", re.IGNORECASE)
_MESSAGE_ID = re.compile(rb"<[^<>\s]+>")


class ImapError(RefusalkitError):
    """The mailbox cannot be reached, logged into or written: one line, what to do."""


class Lost(Exception):
    """The connection broke (or timed out) in the middle of a command."""


class Rejected(Exception):
    """The server answered NO to an APPEND (quota, size, a message it refuses)."""


def _server_text(exc: BaseException) -> str:
    """An IMAPClient/imaplib error's text without the b'...' around the server's words."""
    text = str(exc)
    m = re.fullmatch(r"""(?s).*?b(['"])(.*)\1\]?""", text)
    if m:
        text = m.group(2)
    text = re.sub(r"^[a-z]+ failed: ", "", text)  # IMAPClient's "append failed: "
    text = re.sub(r"\s*\([0-9.+ ]+ secs\)", "", text)  # dovecot's timing of the command
    return " ".join(text.split())[:200]


def _uids(response: Any) -> list[int]:
    """The UIDs of an APPEND's [APPENDUID validity uid-set] (UIDPLUS), else []."""
    raw = response if isinstance(response, bytes) else b" ".join(
        r for r in (response or ()) if isinstance(r, bytes))
    m = _APPENDUID.search(raw)
    if not m:
        return []
    out: list[int] = []
    for part in m.group(2).split(b","):
        lo, _, hi = part.partition(b":")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


class Mailbox:
    """One IMAP connection to the account's Drafts folder."""

    def __init__(self, account: Account, connect: bool = True, drafts: bool = True) -> None:
        self.account = account
        self._secret: str | None = None
        self.client: Any = None
        self.folder: str | None = None
        self.multiappend = False
        self.want_drafts = drafts  # find the Drafts folder on connecting (else: find_drafts())
        if connect:
            self.connect()

    # --- errors -------------------------------------------------------------------------------

    def _scrub(self, message: str) -> str:
        if self._secret:
            message = message.replace(self._secret, "*****")
        return message

    def error(self, exc: BaseException, doing: str) -> ImapError:
        """`exc` (raised while `doing`) as one line naming the server and what to do."""
        from imapclient import exceptions as ie

        a = self.account
        server = f"{a.host}:{a.port}"
        if isinstance(exc, ImapError):
            return exc
        if isinstance(exc, socket.gaierror):
            text = f"{a.host}: unknown host (check [imap] host in {a.path})"
        elif isinstance(exc, ConnectionRefusedError):
            text = (f"{server} refused the connection: is the server running, and are [imap] port and "
                    f"security right in {a.path}?")
        elif isinstance(exc, ssl.SSLCertVerificationError):
            text = (f"the certificate of {a.host} is not trusted ({exc.verify_message}): if the server uses "
                    f"its own CA or a self-signed certificate, set [imap] cafile in {a.path} to it")
        elif isinstance(exc, ssl.SSLError):
            text = (f"TLS with {server} failed ({exc.reason or exc.__class__.__name__}): check [imap] port and "
                    f"security in {a.path} (ssl is usually port 993, starttls port 143)")
        elif isinstance(exc, TimeoutError | socket.timeout):
            text = f"{server} did not answer within {a.timeout:g} s while {doing}"
        elif isinstance(exc, ie.LoginError):
            text = (f"login as {a.user} at {a.host} failed ({_server_text(exc)}): check [imap] user in {a.path} "
                    f"and the password")
        elif isinstance(exc, ie.IMAPClientAbortError | EOFError | ConnectionError):
            text = f"the connection to {server} broke while {doing} ({_server_text(exc) or type(exc).__name__})"
        elif isinstance(exc, OSError):
            text = f"cannot reach {server} while {doing} ({exc.strerror or type(exc).__name__})"
        elif isinstance(exc, ie.IMAPClientError):
            text = f"{a.host} refused {doing}: {_server_text(exc)}"
        else:
            text = f"{doing} at {server} failed ({type(exc).__name__})"
        return ImapError(self._scrub(text))

    # --- the connection -------------------------------------------------------------------------

    def connect(self) -> None:
        """Connect, log in, find the Drafts folder (once): an ImapError if any step fails."""
        from imapclient import IMAPClient

        a = self.account
        host = accounts.loopback_address(a) if a.security == "plain" else a.host
        secret = self._secret if self._secret is not None else accounts.password(a)
        self._secret = secret
        doing = "connecting"
        try:
            context = None
            if a.security != "plain":
                context = ssl.create_default_context(cafile=a.cafile)
            client = IMAPClient(host, port=a.port, ssl=a.security == "ssl", ssl_context=context,
                                timeout=a.timeout)
            try:
                if a.security == "starttls":
                    doing = "starting TLS"
                    if not client.has_capability("STARTTLS"):
                        raise ImapError(f"{a.host}:{a.port} offers no STARTTLS: set [imap] security = \"ssl\" "
                                        f"(and the port, usually 993) in {a.path}")
                    client.starttls(context)
                    client._cached_capabilities = None  # what the server offers may change after TLS
                doing = "logging in"
                if secret.isascii() or not client.has_capability("AUTH=PLAIN"):
                    if not secret.isascii():
                        raise ImapError(f"{a.host} offers no AUTH=PLAIN, and LOGIN cannot send a password "
                                        "with non-ASCII characters")
                    client.login(a.user, secret)
                else:
                    client.plain_login(a.user, secret)
                client._cached_capabilities = None
                self.multiappend = client.has_capability("MULTIAPPEND") and client.has_capability("LITERAL+")
                self.client = client
                if self.folder is None and self.want_drafts:
                    doing = "looking for the Drafts folder"
                    self.folder = self._find_drafts()
            except BaseException:
                self.client = None
                try:
                    client.shutdown()
                except Exception:  # noqa: BLE001 -- already broken
                    pass
                raise
        except ImapError:
            raise
        except Exception as exc:  # noqa: BLE001 -- every failure becomes one line
            raise self.error(exc, doing) from None

    def close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # noqa: BLE001 -- the connection may be gone already
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001
                pass

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reconnect(self) -> None:
        """After a dropped connection: a few tries, with pauses; an ImapError if none works."""
        self.close()
        last: ImapError | None = None
        for pause in RETRIES:
            time.sleep(pause)
            try:
                self.connect()
                return
            except ImapError as exc:
                last = exc
                if "login as" in str(exc):  # a refused password will not be accepted on the next try
                    break
        assert last is not None
        raise last

    # --- the Drafts folder ----------------------------------------------------------------------

    def _find_drafts(self) -> str:
        c, a = self.client, self.account
        listed = c.list_folders()
        for flags, _delim, name in listed:
            if b"\\Drafts" in flags or b"\\drafts" in (f.lower() for f in flags):
                return name
        if c.has_capability("SPECIAL-USE") and c.has_capability("LIST-EXTENDED"):
            # servers that give the attributes only when asked (RFC 6154 section 3)
            typ, data = c._imap._simple_command("LIST", "(SPECIAL-USE)", '""', '"*"')
            if typ == "OK":
                _, data = c._imap._untagged_response(typ, data, "LIST")
                for flags, _delim, name in c._proc_folder_list(data):
                    if b"\\Drafts" in flags:
                        return name
        if c.has_capability("XLIST") and not c.has_capability("SPECIAL-USE"):
            for flags, _delim, name in c.xlist_folders():
                if b"\\Drafts" in flags:
                    return name
        names = {name: name for _, _, name in listed}
        folded = {name.casefold(): name for name in names}
        if a.drafts:
            if a.drafts in names:
                return a.drafts
            raise ImapError(f"{a.host} has no folder {a.drafts!r} ([imap] drafts in {a.path}) and marks none "
                            "as \\Drafts: check the name (your mail client shows it)")
        for candidate in COMMON_DRAFTS:
            if candidate.casefold() in folded:
                return folded[candidate.casefold()]
        raise ImapError(f"{a.host} has no Drafts folder (none is marked \\Drafts, and none has a usual name): "
                        f"set [imap] drafts = \"FOLDER\" in {a.path}")

    def find_drafts(self) -> str:
        """The Drafts folder (found once)."""
        if self.folder is None:
            try:
                self.folder = self._find_drafts()
            except Exception as exc:  # noqa: BLE001
                raise self.error(exc, "looking for the Drafts folder") from None
            self.want_drafts = True
        return self.folder

    def newest_from(self, address: str) -> tuple[bytes, int]:
        """(the message, its UID): the newest message in INBOX (by arrival) whose From is
        `address` (exactly, without regard to case); an ImapError if there is none."""
        from email.utils import getaddresses

        c, a = self.client, self.account
        wanted = address.strip().casefold()
        try:
            c.select_folder("INBOX", readonly=True)
            # SEARCH FROM matches a part of the header ("anna@x" is in "hanna@x"): checked below
            candidates = c.search(["FROM", address], charset=None if address.isascii() else "UTF-8")
            best: tuple[Any, int] | None = None
            for start in range(0, len(candidates), 2000):
                fetched = c.fetch(candidates[start:start + 2000],
                                  ["INTERNALDATE", "BODY.PEEK[HEADER.FIELDS (FROM)]"])
                for uid, data in fetched.items():
                    header = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
                    text = header.decode("utf-8", "replace").partition(":")[2]
                    if any(addr.casefold() == wanted for _, addr in getaddresses([" ".join(text.split())])):
                        key = (data.get(b"INTERNALDATE"), uid)
                        if best is None or key > best:
                            best = key
            if best is None:
                raise ImapError(f"no message from {address} in INBOX ({a.user} at {a.host})")
            uid = best[1]
            raw = c.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
            c.unselect_folder() if c.has_capability("UNSELECT") else c.close_folder()
        except ImapError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self.error(exc, "reading INBOX") from None
        return raw, uid

    def message_ids(self) -> set[str]:
        """The Message-IDs of the drafts in the folder (not those marked deleted)."""
        c = self.client
        c.select_folder(self.folder, readonly=True)
        uids = c.search(["NOT", "DELETED"])
        found: set[str] = set()
        for start in range(0, len(uids), 2000):
            fetched = c.fetch(uids[start:start + 2000], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for data in fetched.values():
                for key, value in data.items():
                    if key.startswith(b"BODY[HEADER") and isinstance(value, bytes):
                        m = _MESSAGE_ID.search(value)
                        if m:
                            found.add(m.group().decode("ascii", "replace"))
        c.unselect_folder() if c.has_capability("UNSELECT") else c.close_folder()
        return found

    def append(self, messages: Sequence[bytes]) -> list[int]:
        """Append `messages` with \\Draft and \\Seen: all in one MULTIAPPEND where the server
        has it, else one by one. Their UIDs (UIDPLUS), else []. Lost or Rejected on failure;
        with MULTIAPPEND nothing of a rejected or broken command is in the folder."""
        from imapclient import exceptions as ie

        c, folder = self.client, self.folder
        if c is None:
            raise Lost("not connected")
        try:
            if self.multiappend and len(messages) > 1:
                typ, data = c.multiappend(folder, [{"msg": m, "flags": FLAGS} for m in messages])
                if typ != "OK":
                    raise Rejected(_server_text(data[0] if data else typ))
                return _uids(data)
            uids: list[int] = []
            for message in messages:
                uids.extend(_uids(c.append(folder, message, flags=FLAGS)))
            return uids
        except Rejected:
            raise
        except (ie.IMAPClientAbortError, OSError, EOFError) as exc:  # socket errors, timeouts, TLS
            raise Lost(self.error(exc, "appending drafts")) from None
        except ie.IMAPClientError as exc:
            if "NO" in str(exc)[:40] or "APPEND" in str(exc).upper()[:40]:
                raise Rejected(self._scrub(_server_text(exc))) from None
            raise Lost(self.error(exc, "appending drafts")) from None


def save(account: Account, message: bytes, box: Mailbox | None = None) -> tuple[str, int | None]:
    """Append one draft (over `box`, else a connection of its own): (folder, its UID or None)."""
    own = box is None
    box = box or Mailbox(account)
    try:
        box.find_drafts()
        try:
            uids = box.append([message])
        except Lost as exc:
            raise exc.args[0] if exc.args and isinstance(exc.args[0], ImapError) else \
                ImapError(f"the connection to {account.host} broke while appending the draft") from None
        except Rejected as exc:
            raise ImapError(f"{account.host} refused the draft: {exc}") from None
        assert box.folder is not None
        return box.folder, uids[0] if uids else None
    finally:
        if own:
            box.close()


def message_id(account: Account, sender: Any) -> str | None:
    """A random Message-ID at the account's domain when the house style has no sender
    email (else None: Letter.eml() takes the sender's domain), rather than refusalkit.invalid."""
    import os

    if (sender or {}).get("email") or "@" not in account.user:
        return None
    domain = account.user.rpartition("@")[2]
    try:
        from .mail import ascii_address

        domain = ascii_address(f"x@{domain}", "user").rpartition("@")[2]
    except RefusalkitError:
        return None
    return f"<{os.urandom(12).hex()}@{domain}>"


# --- batch -------------------------------------------------------------------------------------

class Queue:
    """Batch drafts on their way into the folder, resume-safe.

    `add(message_id, data, key)` queues one draft and returns the outcomes of any
    drafts sent meanwhile; `flush()` sends the rest. An outcome is (key, result):
    result True (appended), None (already in the folder, or the same draft as an
    earlier row) or a message (the server refused it). A dropped connection is
    reconnected (a few tries, else an ImapError); the drafts of the broken
    command that did arrive are found by their Message-IDs and not sent twice."""

    def __init__(self, box: Mailbox, chunk: int = CHUNK, chunk_bytes: int = CHUNK_BYTES,
                 on_reconnect: Callable[[str], None] = lambda why: None) -> None:
        self.box = box
        box.find_drafts()
        self.chunk, self.chunk_bytes = chunk, chunk_bytes
        self.on_reconnect = on_reconnect
        try:
            self.known = box.message_ids()
        except Exception as exc:  # noqa: BLE001
            raise box.error(exc, "reading the Drafts folder") from None
        self.run: set[str] = set()  # ids queued or appended by this run
        self.pending: list[tuple[str, bytes, Any]] = []
        self.size = 0
        self.appended = 0
        self.uids: list[int] = []
        self.reconnects = 0

    def add(self, message_id: str, data: bytes, key: Any) -> list[tuple[Any, Any]]:
        if message_id in self.known or message_id in self.run:
            return [(key, None)]
        self.run.add(message_id)
        self.pending.append((message_id, data, key))
        self.size += len(data)
        if len(self.pending) >= self.chunk or self.size >= self.chunk_bytes:
            return self.flush()
        return []

    def flush(self) -> list[tuple[Any, Any]]:
        out: list[tuple[Any, Any]] = []
        pending, self.pending, self.size = self.pending, [], 0
        while pending:
            try:
                self.uids.extend(self.box.append([data for _, data, _ in pending]))
            except Lost as exc:
                self._reconnect(exc)
                arrived = {mid for mid, _, _ in pending if mid in self.known}
                out.extend((key, True) for mid, _, key in pending if mid in arrived)
                self.appended += len(arrived)
                pending = [p for p in pending if p[0] not in arrived]
                continue
            except Rejected as exc:
                if len(pending) == 1 or not self.box.multiappend:
                    out.append((pending[0][2], f"the server refused the draft: {exc}"))
                    pending = pending[1:]
                    continue
                out.extend(self._one_by_one(pending))
                pending = []
                continue
            self.known.update(mid for mid, _, _ in pending)
            self.appended += len(pending)
            out.extend((key, True) for _, _, key in pending)
            pending = []
        return out

    def _one_by_one(self, pending: list[tuple[str, bytes, Any]]) -> list[tuple[Any, Any]]:
        """A chunk the server refused: each draft alone, so only the bad ones fail."""
        out: list[tuple[Any, Any]] = []
        for item in pending:
            saved, self.box.multiappend = self.box.multiappend, False
            try:
                out.extend(self._single(item))
            finally:
                self.box.multiappend = saved
        return out

    def _single(self, item: tuple[str, bytes, Any]) -> list[tuple[Any, Any]]:
        mid, data, key = item
        while True:
            try:
                self.uids.extend(self.box.append([data]))
            except Lost as exc:
                self._reconnect(exc)
                if mid in self.known:
                    self.appended += 1
                    return [(key, True)]
                continue
            except Rejected as exc:
                return [(key, f"the server refused the draft: {exc}")]
            self.known.add(mid)
            self.appended += 1
            return [(key, True)]

    def _reconnect(self, lost: Lost) -> None:
        why = str(lost.args[0]) if lost.args else "connection lost"
        self.on_reconnect(why)
        self.reconnects += 1
        if self.reconnects > 20:
            raise ImapError(f"{why}; gave up after {self.reconnects - 1} reconnections: rerun the same "
                            "command later (drafts already in the folder are skipped)")
        try:
            self.box.reconnect()
            self.known = self.box.message_ids()
        except ImapError as exc:
            raise ImapError(f"{exc}; {self.appended} drafts were saved: rerun the same command to go on "
                            "(drafts already in the folder are skipped)") from None
        except Exception as exc:  # noqa: BLE001
            raise self.box.error(exc, "reconnecting") from None


def batch_message_id(parts: Sequence[Any], domain: str) -> str:
    """A Message-ID that the same row, reason, language and account always get:
    "<rk.HASH@domain>" (a rerun recognises its drafts by it).

    >>> batch_message_id([{"name": "Kim"}, "capacity", "de", "anna"], "example.org")[:8]
    '<rk.7ec8'
    """
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(list(parts), sort_keys=True, ensure_ascii=True,
                                       default=str).encode("ascii")).hexdigest()[:32]
    return f"<rk.{digest}@{domain}>"
