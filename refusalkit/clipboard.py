"""Putting a letter on the clipboard as HTML and plain text together, where the platform can.

A paste into a mail editor takes the HTML (paragraphs, links); a paste into a
terminal, a plain-text field or a chat takes the text. Each platform has its way:

- X11: our own small selection owner (xselection.py, libX11 through ctypes), which
  offers both; xclip and xsel hold one flavour per process, so they are the fallback.
- Wayland: wl-copy offers one content per call (bugaevc/wl-clipboard#71), so one
  flavour goes on, the one the chosen format asks for.
- macOS: osascript (JavaScript for Automation) puts both on the general pasteboard
  with NSPasteboard; pbcopy (plain text) is the fallback.
- Windows: PowerShell puts a DataObject with "HTML Format" (CF_HTML) and Unicode
  text on the clipboard; clip (plain text) is the fallback.

No clipboard is a note, never an error: the letter is on stdout all the same.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping

_TIMEOUT = 10

# JavaScript for Automation: the letter as JSON on stdin, both flavours on the pasteboard.
_MACOS_SCRIPT = """
ObjC.import('AppKit');
function run() {
  const input = $.NSFileHandle.fileHandleWithStandardInput.readDataToEndOfFile;
  const letter = JSON.parse($.NSString.alloc.initWithDataEncoding(input, $.NSUTF8StringEncoding).js);
  const board = $.NSPasteboard.generalPasteboard;
  board.clearContents;
  if (!board.setStringForType($(letter.html), $.NSPasteboardTypeHTML)
      || !board.setStringForType($(letter.text), $.NSPasteboardTypeString)) {
    throw new Error('the pasteboard refused the letter');
  }
  return '';
}
"""

# PowerShell: two lines of base64 on stdin (CF_HTML as UTF-8 bytes, the text as UTF-8),
# so no code page stands between us; the HTML goes on as bytes (a MemoryStream), as CF_HTML wants.
_WINDOWS_SCRIPT = (
    "$ErrorActionPreference = 'Stop'; Add-Type -AssemblyName System.Windows.Forms; "
    "$lines = [Console]::In.ReadToEnd().Split(\"`n\"); "
    "$html = [Convert]::FromBase64String($lines[0].Trim()); "
    "$text = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($lines[1].Trim())); "
    "$data = New-Object System.Windows.Forms.DataObject; "
    "$data.SetData('HTML Format', (New-Object System.IO.MemoryStream(,$html))); "
    "$data.SetData([System.Windows.Forms.DataFormats]::UnicodeText, $text); "
    "[System.Windows.Forms.Clipboard]::SetDataObject($data, $true)"
)


def cf_html(document: str) -> bytes:
    """`document` in the Windows clipboard's HTML Format (CF_HTML): a header with the byte
    offsets of the HTML and of the fragment to paste (the body's content), UTF-8.

    >>> data = cf_html('<html><body style="x"><p>Grüße</p></body></html>')
    >>> start = int(data.split(b"StartFragment:")[1][:10]); end = int(data.split(b"EndFragment:")[1][:10])
    >>> data[start:end].decode("utf-8")
    '<div style="x"><p>Grüße</p></div>'
    """
    import re

    body = re.search(r"<body\b([^>]*)>(.*)</body>", document, re.DOTALL | re.IGNORECASE)
    if body:
        style = re.search(r'style="([^"]*)"', body.group(1))
        fragment = f'<div style="{style.group(1)}">{body.group(2)}</div>' if style else body.group(2)
    else:
        fragment = document
    header = "Version:0.9\r\nStartHTML:{:010d}\r\nEndHTML:{:010d}\r\nStartFragment:{:010d}\r\nEndFragment:{:010d}\r\n"
    before = "<html><head><meta charset=\"utf-8\"></head><body>\r\n<!--StartFragment-->".encode("utf-8")
    middle = fragment.encode("utf-8")
    after = "<!--EndFragment-->\r\n</body></html>".encode("utf-8")
    start_html = len(header.format(0, 0, 0, 0))
    start_fragment = start_html + len(before)
    end_fragment = start_fragment + len(middle)
    end_html = end_fragment + len(after)
    return header.format(start_html, end_html, start_fragment, end_fragment).encode("ascii") + before + middle + after


class Way:
    """One way onto the clipboard: a command, what it gets on stdin, and which flavours."""

    def __init__(self, name: str, argv: list[str], data: bytes, flavours: str,
                 env: Mapping[str, str] | None = None, detached: bool = False) -> None:
        self.name = name
        self.argv = argv
        self.data = data
        self.flavours = flavours  # "HTML and plain text", "HTML only", "plain text only"
        self.env = env
        self.detached = detached  # a helper that forks and reports "ok" on stdout (xselection.py)

    def __repr__(self) -> str:
        return f"Way({self.name!r}, {self.flavours!r})"

    def run(self) -> bool:
        env = None if self.env is None else {**os.environ, **self.env}
        try:
            if not self.detached:
                subprocess.run(self.argv, input=self.data, check=True, timeout=_TIMEOUT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                return True
            return _run_detached(self.argv, self.data, env)
        except (OSError, subprocess.SubprocessError):
            return False


def _run_detached(argv: list[str], data: bytes, env: Mapping[str, str] | None) -> bool:
    import select

    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, cwd="/", start_new_session=True)
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(data)
        proc.stdin.close()
        proc.wait(timeout=_TIMEOUT)  # the helper forks at once; its child owns the clipboard
        ready, _, _ = select.select([proc.stdout], [], [], _TIMEOUT)
        answer = proc.stdout.readline() if ready else b""
        return proc.returncode == 0 and answer.strip() == b"ok"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False
    finally:
        if proc.stdout is not None:
            proc.stdout.close()


def ways(text: str, html: str | None, *, prefer_html: bool = True, platform: str | None = None,
         environ: Mapping[str, str] | None = None,
         which: Callable[[str], str | None] = shutil.which) -> list[Way]:
    """The ways to try, best first, for this platform (sys.platform) and environment.
    A way that holds one flavour takes the HTML if `prefer_html` (and there is HTML), else the text."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    utf8 = text.encode("utf-8")
    one = ("html", html) if html is not None and prefer_html else ("text", text)
    one_flavour = "HTML only" if one[0] == "html" else "plain text only"
    found: list[Way] = []
    if platform == "darwin":
        if html is not None and which("osascript"):
            found.append(Way("osascript", ["osascript", "-l", "JavaScript", "-e", _MACOS_SCRIPT],
                             json.dumps({"html": html, "text": text}).encode("utf-8"), "HTML and plain text"))
        if which("pbcopy"):  # pbcopy reads stdin in the locale's encoding
            found.append(Way("pbcopy", ["pbcopy"], utf8, "plain text only", env={"LC_ALL": "en_US.UTF-8"}))
    elif platform in ("win32", "cygwin"):
        if html is not None:
            payload = base64.b64encode(cf_html(html)) + b"\n" + base64.b64encode(utf8) + b"\n"
            for shell in ("powershell", "pwsh"):
                if which(shell):
                    found.append(Way(shell, [shell, "-NoProfile", "-NonInteractive", "-STA", "-Command",
                                             _WINDOWS_SCRIPT], payload, "HTML and plain text"))
                    break
        if which("clip"):  # UTF-16 with a byte-order mark: clip reads anything else in the OEM code page
            found.append(Way("clip", ["clip"], ("\ufeff" + text).encode("utf-16-le"), "plain text only"))
    else:
        if environ.get("WAYLAND_DISPLAY") and which("wl-copy"):
            kind = "text/html" if one[0] == "html" else "text/plain;charset=utf-8"
            found.append(Way("wl-copy", ["wl-copy", "--type", kind], one[1].encode("utf-8"), one_flavour))
        if environ.get("DISPLAY"):
            helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xselection.py")
            found.append(Way("X11", [sys.executable, "-I", helper],
                             json.dumps({"html": html, "text": text}).encode("utf-8"),
                             "HTML and plain text" if html is not None else "plain text", detached=True))
            if which("xclip"):
                kind = "text/html" if one[0] == "html" else "UTF8_STRING"
                found.append(Way("xclip", ["xclip", "-selection", "clipboard", "-t", kind],
                                 one[1].encode("utf-8"), one_flavour))
            if which("xsel"):
                found.append(Way("xsel", ["xsel", "--clipboard", "--input"], utf8, "plain text only"))
    return found


def copy(text: str, html: str | None = None, *, prefer_html: bool = True) -> str:
    """Put `text` (and `html`, where the platform can hold both) on the clipboard; returns
    a one-line note saying what went on, or that there is no clipboard."""
    found = ways(text, html, prefer_html=prefer_html)
    for way in found:
        if way.run():
            return f"refusalkit: copied the letter to the clipboard as {way.flavours} ({way.name})"
    return no_clipboard(sys.platform, os.environ, [way.name for way in found])


def no_clipboard(platform: str, environ: Mapping[str, str], tried: list[str]) -> str:
    """The one line that says why nothing went on the clipboard, and what would help.

    >>> no_clipboard("linux", {}, [])
    'refusalkit: note: no clipboard here (no desktop session: DISPLAY and WAYLAND_DISPLAY are unset); the letter is on stdout'
    """
    if tried:
        why = f"{', '.join(tried)} failed"
    elif platform == "darwin":
        why = "neither osascript nor pbcopy was found"
    elif platform in ("win32", "cygwin"):
        why = "neither PowerShell nor clip was found"
    elif not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        why = "no desktop session: DISPLAY and WAYLAND_DISPLAY are unset"
    else:
        why = "install wl-clipboard (Wayland) or xclip (X11)"
    return f"refusalkit: note: no clipboard here ({why}); the letter is on stdout"
