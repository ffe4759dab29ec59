"""Putting a letter on the clipboard with what the platform offers.

HTML goes on as HTML where the tool can say so (wl-copy --type, xclip -t),
so a paste into a mail editor keeps paragraphs and links; everywhere else the
plain text goes on. No clipboard is a note, never an error: the letter is on
stdout all the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def _tools(html: bool) -> list[list[str]]:
    kind = ["text/html"] if html else ["text/plain;charset=utf-8"]
    tools: list[list[str]] = []
    if sys.platform == "darwin":
        tools.append(["pbcopy"])
    elif os.name == "nt":
        tools.append(["clip"])
    else:
        if os.environ.get("WAYLAND_DISPLAY"):
            tools.append(["wl-copy", "--type", *kind])
        if os.environ.get("DISPLAY"):
            tools.append(["xclip", "-selection", "clipboard", "-t", *kind])
            tools.append(["xsel", "--clipboard", "--input"])
    return [t for t in tools if shutil.which(t[0])]


def copy(text: str, html: str | None = None) -> str:
    """Copy; returns a one-line note saying what happened."""
    for with_html in ([True, False] if html else [False]):
        for tool in _tools(with_html):
            payload = html if with_html and html else text
            if os.name == "nt":
                data = payload.encode("utf-16-le")
            else:
                data = payload.encode("utf-8")
            try:
                subprocess.run(tool, input=data, check=True, timeout=10,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except (OSError, subprocess.SubprocessError):
                continue
            what = "as HTML" if with_html else "as plain text"
            return f"refusalkit: copied the letter to the clipboard {what} ({tool[0]})"
    return ("refusalkit: note: no clipboard here (install wl-clipboard or xclip, or run on a desktop); "
            "the letter is on stdout")
