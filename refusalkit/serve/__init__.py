"""`refusalkit serve`: a local page to compose a letter, see every format live, copy it as
rich text and download the .eml draft.

The standard library's ThreadingHTTPServer is enough for one page and a small JSON API on
the loopback interface; a web framework would earn nothing here but a dependency. Three
parts: the page in the user's language (page.py), the JSON API that drafts through the
front door, `api.draft` with the house style the CLI would use (jsonapi.py), and the HTTP
plumbing with its security rules (httpd.py); app.py ties them to one Engine. Letters live
in memory only, the last few of them, so the preview and the .eml download can be fetched
by URL.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

import click

from .app import App
from .httpd import LETTER_CSP, MAX_BODY, Server, _host_port, is_loopback
from .jsonapi import ClientError

__all__ = ["App", "ClientError", "LETTER_CSP", "MAX_BODY", "Server", "make_server", "serve_command"]


def make_server(engine: Any, host: str = "127.0.0.1", port: int = 0, app: App | None = None) -> Server:
    """A server for `engine` (port 0: any free port); call serve_forever() on it."""
    app = app or App(engine)
    _ = app.csp  # a broken reason.toml or catalog is an error now, not on the page
    return Server(host, port, app)


def _announce(engine: Any, server: Server, host: str) -> None:
    if not is_loopback(host):
        click.echo(f"refusalkit: warning: --host {host} is not loopback: anyone who can reach this machine "
                   f"on port {server.port} can use the page; there is no login", err=True)
    style = engine.style.path
    click.echo(f"refusalkit: house style: {os.path.abspath(style) if style else 'none (refusalkit setup signs every letter)'}",
               err=True)
    click.echo(f"refusalkit: serving the page at {server.url} (Ctrl-C stops it)")
    sys.stdout.flush()


@click.command("serve")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST",
              help="Address to listen on; anything but loopback lets others reach the page.")
@click.option("--style", "style_path", metavar="PATH",
              help="House-style file (default: $REFUSALKIT_STYLE, ./refusalkit.toml, your config folder).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def serve_command(port: int, host: str, style_path: str | None, open_browser: bool) -> None:
    """Serve a local page to compose letters, copy them as rich text and download drafts."""
    import signal

    from ..cli import _engine
    from ..errors import RefusalkitError

    engine = _engine(style_path)
    try:
        server = make_server(engine, host, port)
    except OSError as exc:
        raise RefusalkitError(f"cannot listen on {_host_port(host, port)}: {exc.strerror or exc}: "
                              "choose another --port or --host") from None

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    main_thread = threading.current_thread() is threading.main_thread()  # only it may set handlers
    previous = signal.signal(signal.SIGTERM, stop) if main_thread else None
    try:  # from here on, Ctrl-C (or SIGTERM) at any moment stops the server cleanly
        _announce(engine, server, host)
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("refusalkit: stopped", err=True)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        server.server_close()
