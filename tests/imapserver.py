"""A throw-away Dovecot IMAP server for the tests (and bench/imap).

`Dovecot(folder)` writes a config, a passwd-file, a self-signed certificate and
a Maildir root under `folder`, and starts Debian's dovecot in the foreground on
free loopback ports: `port` (plain, with STARTTLS) and `ssl_port` (implicit
TLS). Users are added before it starts (`add_user`) and handed out one by one
(`take_user`), so every test gets a mailbox of its own.

As root (CI), imap-login runs as `dovenull`, the internal processes as
`dovecot` and the mail processes as `nobody` (dovecot refuses uid 0 for mail):
`folder` must be reachable by them, so use `tempfile.mkdtemp()` (mode 0700 is
fine: it is given to nobody's group below) rather than pytest's tmp_path, whose
parents are private to root. As another user, every process runs as that user.

`Cut(port, after)` is a TCP proxy in a thread that drops the connection once,
when the client sends its `after`-th APPEND: a connection lost mid-batch.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import threading
import time

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DRAFTS = "Entwürfe"  # found by SPECIAL-USE \Drafts, whatever it is called


def available() -> str | None:
    """None if dovecot and openssl can run here, else why not."""
    if not os.path.exists(DOVECOT):
        return "dovecot is not installed (apt-get install dovecot-imapd)"
    if not os.path.exists("/usr/lib/dovecot/imap"):
        return "dovecot-imapd is not installed (apt-get install dovecot-imapd)"
    if shutil.which("openssl") is None:
        return "openssl is not installed"
    if os.getuid() == 0:
        for user in ("dovenull", "dovecot", "nobody"):
            try:
                pwd.getpwnam(user)
            except KeyError:
                return f"user {user} is missing (apt-get install dovecot-core creates it)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(folder: str, name: str = "localhost") -> tuple[str, str]:
    """A self-signed certificate for `name` and 127.0.0.1: (cert.pem, key.pem); the
    certificate is its own CA, so it is also the `cafile` that trusts it."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    # an EC key: made at once, where an RSA one took 0.1-1 s of CPU for each server
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2",
                    "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name},IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


CONFIG = """\
base_dir = {d}/run
state_dir = {d}/state
instance_name = rk-{port}
protocols = imap
listen = 127.0.0.1
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_cache_size = 0
auth_failure_delay = 0
mail_fsync = {fsync}
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mail_location = maildir:{d}/mail/%u
mail_privileged_group =
imap_capability = {capability}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # no authentication penalty: anvil would hold back each failed login from 127.0.0.1
  # 2, 4, 8 up to 15 s (auth_failure_delay = 0 covers only the first one)
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service auth {{
  user = {auth_user}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/passwd
}}
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
{quota}"""


# max_mail_size: the server refuses (NO) an APPEND of a larger message
QUOTA = """\
mail_plugins = $mail_plugins quota
plugin {{
  quota = maildir:User quota
  quota_max_mail_size = {size}
}}
"""


class Dovecot:
    def __init__(self, folder: str, *, special_use: bool = True, drafts: str = DRAFTS,
                 capability: str = "", fsync: str = "never", max_mail_size: str = "") -> None:
        self.dir = folder
        self.port, self.ssl_port = free_port(), free_port()
        self.drafts = drafts
        self.cafile, _ = make_certificate(folder)
        root = os.getuid() == 0
        me = pwd.getpwuid(os.getuid()).pw_name
        if root:
            self.uid, self.gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
        use = ("special_use = \\Drafts\n    ", "special_use = \\Sent\n    ") if special_use else ("", "")
        mailboxes = (f'  mailbox "{drafts}" {{\n    {use[0]}auto = subscribe\n  }}\n'
                     f"  mailbox Sent {{\n    {use[1]}auto = subscribe\n  }}\n")
        for sub in ("run", "state", "mail"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
        self.passwd = os.path.join(folder, "passwd")
        open(self.passwd, "w").close()
        if root:  # mail processes (nobody) write the Maildirs, auth (dovecot) reads the passwd-file
            os.chmod(folder, 0o755)
            os.chown(os.path.join(folder, "mail"), self.uid, self.gid)
        self.config = os.path.join(folder, "dovecot.conf")
        with open(self.config, "w", encoding="utf-8") as fh:
            fh.write(CONFIG.format(d=folder, port=self.port, ssl_port=self.ssl_port,
                                   login_user="dovenull" if root else me,
                                   internal_user="dovecot" if root else me,
                                   auth_user="root" if root else me,
                                   capability=capability, mailboxes=mailboxes, fsync=fsync,
                                   quota=QUOTA.format(size=max_mail_size) if max_mail_size else ""))
        if not capability:  # keep dovecot's own list
            with open(self.config, encoding="utf-8") as fh:
                text = fh.read().replace("imap_capability = \n", "")
            with open(self.config, "w", encoding="utf-8") as fh:
                fh.write(text)
        self.proc: subprocess.Popen[bytes] | None = None
        self.users: list[tuple[str, str]] = []

    def start(self) -> Dovecot:
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", self.config], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot did not start: {self.proc.stderr.read().decode(errors='replace')}"
                                   f" {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def log(self) -> str:
        try:
            with open(os.path.join(self.dir, "dovecot.log"), encoding="utf-8", errors="replace") as fh:
                return fh.read()[-3000:]
        except OSError:
            return ""

    def add_user(self, user: str, password: str) -> None:
        """Add a user; best before start(): dovecot looks at a changed passwd-file at most
        once a second, so one added later is waited for until the next second."""
        home = os.path.join(self.dir, "mail", user)
        with open(self.passwd, "a", encoding="utf-8") as fh:
            fh.write(f"{user}:{{PLAIN}}{password}:{self.uid}:{self.gid}::{home}::\n")
        if self.proc is not None:
            time.sleep(1.05 - time.time() % 1)
        self.users.append((user, password))

    def take_user(self, password: str) -> str:
        """A user with `password` that no one has used yet."""
        for i, (user, secret) in enumerate(self.users):
            if secret == password:
                del self.users[i]
                return user
        user = f"late{os.urandom(4).hex()}"
        self.add_user(user, password)
        self.users.pop()
        return user

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            # a throw-away server whose folder goes next: killed at once (a SIGTERM made its
            # master wait for every login and imap process, 1-2 s a server)
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()


QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux


class Cut:
    """A proxy to 127.0.0.1:`port` that drops the client's connection once, at its
    `after`-th APPEND command; later connections pass through untouched.

    mode "half": only the first half of the bytes that carry that APPEND reach the
    server, which then drops the unfinished command. mode "reply": the whole command
    reaches the server, which saves the drafts, but its answer never reaches the
    client: the connection closes when that answer (or a "+" continuation the client would wait
    for) arrives, at the latest a second later. stay_down: after the cut the proxy
    accepts no connection any more (a server gone for good)."""

    def __init__(self, port: int, after: int, mode: str = "half", stay_down: bool = False) -> None:
        self.target, self.after, self.mode, self.stay_down = port, after, mode, stay_down
        self.appends = 0
        self.cuts = 0
        self.muted: set[int] = set()  # ids of the client sockets whose answers are swallowed
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            for s in (client, server):  # pass each piece on at once (no Nagle wait for an ACK)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pipe, args=(client, server, client), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, None), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, client: socket.socket | None) -> None:
        muted = b""  # the swallowed answer so far
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if QUICKACK is not None:
                    # acknowledge at once: the client sends a literal and its CRLF in two writes,
                    # and with Nagle the CRLF waits for this ACK (40 ms a command if delayed)
                    src.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
                if client is not None and not self.cuts:
                    self.appends += data.count(b" APPEND ")
                    if self.appends >= self.after:
                        self.cuts += 1
                        if self.stay_down:  # the server is gone: no new connection either
                            self.close()
                        if self.mode == "half":
                            dst.sendall(data[:len(data) // 2])
                            break
                        self.muted.add(id(dst))
                        threading.Timer(1.0, self._close, args=(src, dst)).start()
                if client is None and id(src) in self.muted:  # the server's answer is lost
                    muted += data
                    *lines, _ = muted.split(b"\r\n")
                    if any(not line.startswith(b"* ") for line in lines):
                        # the tagged answer (the drafts are saved) or a "+" the client waits for: the
                        # connection goes now, as the timer would have closed it a second later
                        break
                    continue
                dst.sendall(data)
        except OSError:
            pass
        self._close(src, dst)

    @staticmethod
    def _close(*sockets: socket.socket) -> None:
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the other thread
        except OSError:
            pass
        self.listener.close()
