"""An X11 clipboard owner that offers the letter as HTML and as plain text at once.

xclip and xsel own the clipboard with one target per process, and a second call
takes the clipboard from the first (astrand/xclip#32), so a mail editor would get
HTML and a terminal nothing, or the other way round. This helper does what a
browser does when you copy: it owns CLIPBOARD and answers each paste with the
flavour asked for (TARGETS, text/html, UTF8_STRING, text/plain, STRING, TEXT),
through libX11 with ctypes: nothing to install beyond what xclip needs.

`clipboard.py` runs it as a script: `python -I xselection.py`, the letter as JSON
({"html": ..., "text": ...}) on stdin. It forks, the child owns the clipboard and
writes "ok" (or "error: ...") on stdout, and stays until another program takes the
clipboard (SelectionClear) or the X server goes away, as xclip does.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

_SELECTION_CLEAR, _SELECTION_REQUEST, _SELECTION_NOTIFY = 29, 30, 31
_XA_ATOM = 4
_PROP_MODE_REPLACE = 0


class _SelectionRequest(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("owner", ctypes.c_ulong), ("requestor", ctypes.c_ulong),
                ("selection", ctypes.c_ulong), ("target", ctypes.c_ulong), ("property", ctypes.c_ulong),
                ("time", ctypes.c_ulong)]


class _Selection(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("requestor", ctypes.c_ulong), ("selection", ctypes.c_ulong),
                ("target", ctypes.c_ulong), ("property", ctypes.c_ulong), ("time", ctypes.c_ulong)]


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xselectionrequest", _SelectionRequest),
                ("xselection", _Selection), ("pad", ctypes.c_long * 24)]


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    x = ctypes.CDLL(name)
    vp, ul = ctypes.c_void_p, ctypes.c_ulong
    x.XOpenDisplay.restype, x.XOpenDisplay.argtypes = vp, [ctypes.c_char_p]
    x.XDefaultRootWindow.restype, x.XDefaultRootWindow.argtypes = ul, [vp]
    x.XCreateSimpleWindow.restype = ul
    x.XCreateSimpleWindow.argtypes = [vp, ul, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                      ctypes.c_uint, ul, ul]
    x.XInternAtom.restype, x.XInternAtom.argtypes = ul, [vp, ctypes.c_char_p, ctypes.c_int]
    x.XSetSelectionOwner.argtypes = [vp, ul, ul, ul]
    x.XGetSelectionOwner.restype, x.XGetSelectionOwner.argtypes = ul, [vp, ul]
    x.XNextEvent.argtypes = [vp, ctypes.POINTER(_Event)]
    x.XChangeProperty.argtypes = [vp, ul, ul, ul, ctypes.c_int, ctypes.c_int, vp, ctypes.c_int]
    x.XSendEvent.argtypes = [vp, ul, ctypes.c_int, ctypes.c_long, ctypes.POINTER(_Event)]
    x.XFlush.argtypes = [vp]
    x.XMaxRequestSize.restype, x.XMaxRequestSize.argtypes = ctypes.c_long, [vp]
    x.XExtendedMaxRequestSize.restype, x.XExtendedMaxRequestSize.argtypes = ctypes.c_long, [vp]
    return x


# An X error (a requestor window that went away) must not end the owner: Xlib's default
# handler would exit. Kept at module level, so it is never collected while installed.
_IGNORE_ERRORS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda display, event: 0)


def flavours(html: str | None, text: str) -> dict[str, tuple[str, bytes]]:
    """target -> (property type, bytes) for a letter.

    >>> sorted(flavours("<p>Grüß</p>", "Grüß"))
    ['STRING', 'TEXT', 'UTF8_STRING', 'text/html', 'text/plain', 'text/plain;charset=utf-8']
    >>> flavours(None, "Şahin")["STRING"]
    ('STRING', b'?ahin')
    """
    utf8 = text.encode("utf-8")
    offered = {
        "UTF8_STRING": ("UTF8_STRING", utf8),
        "text/plain;charset=utf-8": ("text/plain;charset=utf-8", utf8),
        "text/plain": ("text/plain", utf8),
        "TEXT": ("UTF8_STRING", utf8),
        "STRING": ("STRING", text.encode("latin-1", "replace")),  # ICCCM: STRING is Latin-1
    }
    if html is not None:
        offered["text/html"] = ("text/html", html.encode("utf-8"))
    return offered


def own(offered: dict[str, tuple[str, bytes]], report: Callable[[str], None]) -> int:
    """Own CLIPBOARD with `offered` and answer requests until it is taken from us."""
    try:
        x = _xlib()
    except OSError as exc:
        report(f"error: no libX11 ({exc})")
        return 1
    x.XSetErrorHandler(_IGNORE_ERRORS)
    display = x.XOpenDisplay(None)
    if not display:
        report("error: cannot open the X display")
        return 1
    limit = max(x.XExtendedMaxRequestSize(display), x.XMaxRequestSize(display)) * 4 - 1024
    if any(len(data) > limit for _, data in offered.values()):
        report("error: the letter is too large for one X request")
        return 1

    def atom(name: str) -> int:
        return int(x.XInternAtom(display, name.encode("ascii"), 0))

    clipboard, targets_atom, timestamp = atom("CLIPBOARD"), atom("TARGETS"), atom("TIMESTAMP")
    by_atom = {atom(target): (atom(kind), data) for target, (kind, data) in offered.items()}
    window = x.XCreateSimpleWindow(display, x.XDefaultRootWindow(display), 0, 0, 1, 1, 0, 0, 0)
    x.XSetSelectionOwner(display, clipboard, window, 0)
    if x.XGetSelectionOwner(display, clipboard) != window:
        report("error: could not take the clipboard")
        return 1
    x.XFlush(display)
    report("ok")
    target_list = (ctypes.c_ulong * (len(by_atom) + 2))(targets_atom, timestamp, *by_atom)
    event = _Event()
    while True:
        x.XNextEvent(display, ctypes.byref(event))
        if event.type == _SELECTION_CLEAR:
            return 0
        if event.type != _SELECTION_REQUEST:
            continue
        request = event.xselectionrequest
        prop = request.property or request.target  # an obsolete requestor names no property
        if request.target == targets_atom:
            x.XChangeProperty(display, request.requestor, prop, _XA_ATOM, 32, _PROP_MODE_REPLACE,
                              target_list, len(target_list))
        elif request.target == timestamp:
            stamp = (ctypes.c_ulong * 1)(0)
            x.XChangeProperty(display, request.requestor, prop, atom("INTEGER"), 32, _PROP_MODE_REPLACE, stamp, 1)
        elif request.target in by_atom:
            kind, data = by_atom[request.target]
            x.XChangeProperty(display, request.requestor, prop, kind, 8, _PROP_MODE_REPLACE, data, len(data))
        else:
            prop = 0  # refused: a flavour we do not have
        reply = _Event()
        reply.xselection.type = _SELECTION_NOTIFY
        reply.xselection.display = display
        reply.xselection.requestor = request.requestor
        reply.xselection.selection = request.selection
        reply.xselection.target = request.target
        reply.xselection.property = prop
        reply.xselection.time = request.time
        x.XSendEvent(display, request.requestor, 0, 0, ctypes.byref(reply))
        x.XFlush(display)


def main() -> int:
    letter = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    offered = flavours(letter.get("html"), letter["text"])
    if os.fork():  # the caller waits for this process; the child stays and serves pastes
        return 0
    os.setsid()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.chdir("/")

    def report(line: str) -> None:
        out.write(line + "\n")
        out.close()

    return own(offered, report)


if __name__ == "__main__":
    sys.exit(main())
