"""The command line: parse, call the library, print; errors become one line on stderr."""

from __future__ import annotations

import functools
import gc
import os
import re
import sys
from collections.abc import Callable
from typing import Any, ClassVar

import click

from . import __version__
from .errors import RefusalkitError, UsageError

FORMATS = ("md", "html", "text", "eml", "mailto")
# What an --output file's extension says it holds: its format when --format is not given
# (before the house style's), and the formats --format may name for it. A .txt file takes
# any plain-text format; other extensions say nothing.
OUTPUT_EXTENSIONS = {".md": ("md",), ".markdown": ("md",), ".html": ("html",), ".htm": ("html",),
                     ".eml": ("eml",), ".txt": ("text", "md", "mailto")}
# Line breaks and terminal control codes from user input are shown escaped: one line, no ESC sequences.
# Compiled on the first error only: this class of characters costs half a millisecond to compile.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"


def _engine(style_path: str | None) -> Any:
    """The engine for the house style in effect (--style, $REFUSALKIT_STYLE, ./, config dir)."""
    from .api import Engine, default_engine
    from .personal import effective_style

    style = effective_style(style_path)  # the team's house style, the personal setup (`refusalkit setup`) under it
    return default_engine() if style is None else Engine(style=style)


def _salutation(value: str | None) -> str | None:
    """--salutation as people type it (Frau, Mr, Hanım ...), or a usage error naming the option."""
    if value is None:
        return None
    from .errors import RecordError
    from .records import SALUTATIONS, _choice

    try:
        return _choice(value, "", "salutation", SALUTATIONS, "none")
    except RecordError:
        raise click.BadParameter(f"{value!r} is not one of ms, mr, none (or Frau, Herr, Mrs, Mr, Bayan, Bay, "
                                 "Hanım, Bey)", param_hint="'--salutation'") from None


def _one_letter(command: Callable[..., None]) -> Callable[..., None]:
    """Run a command that drafts one letter without the cyclic garbage collector.

    Drafting a letter imports Jinja, tomllib and often Babel: tens of thousands
    of objects that live until the process ends. The collector walks them
    again and again (about 6 ms of a 100 ms start) and finds almost nothing to
    free; reference counting frees the rest as before. Afterwards, what is
    still alive moves to the oldest generation (freeze, then unfreeze), so
    that switching collection back on (for callers in the same process) does
    not start with one long pass over it all; any cycles among it are freed by
    the next full collection, as they would have been.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        if not gc.isenabled() or gc.get_freeze_count():  # the caller manages the collector
            return command(*args, **kwargs)
        gc.disable()
        try:
            return command(*args, **kwargs)
        finally:
            gc.freeze()
            gc.unfreeze()
            gc.enable()

    return run


def _complete(name: str) -> Callable[..., Any]:
    """A shell_complete callback from refusalkit.completion, imported only when the shell asks."""

    def run(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
        from . import completion

        return getattr(completion, name)(ctx, param, incomplete)

    return run


def output_format(output: str | None, fmt: str | None) -> str | None:
    """The format for --output's extension, or `fmt` if it fits the extension (else an error).

    >>> output_format("letter.eml", None), output_format("a.TXT", "md"), output_format("a.doc", None)
    ('eml', 'md', None)
    """
    if not output or output == "-":
        return fmt
    ext = os.path.splitext(output)[1].lower()
    fits = OUTPUT_EXTENSIONS.get(ext)
    if fits is None:
        return fmt
    if fmt is None:
        return fits[0]
    if fmt not in fits:
        raise UsageError(f"--format {fmt} does not fit --output {output} (a {ext} file takes --format "
                         f"{', '.join(fits[:-1]) + ' or ' if len(fits) > 1 else ''}{fits[-1]}): change the format or the file name")
    return fmt


def _date(value: str | None) -> Any:
    """--date YYYY-MM-DD as a datetime.date, or a usage error naming the option."""
    if value is None:
        return None
    import datetime

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-12-01",
                                 param_hint="'--date'") from None


# draft, reply and batch: the day the letter is written (api.draft's `today`)
DATE_OPTION = click.option("--date", "today", metavar="YYYY-MM-DD", callback=lambda ctx, param, value: _date(value),
                           help="The day the letter is sent; deadlines the letter sets are counted from it "
                                "(default: today).")

_STYLE_OPTION = click.option("--style", "style_path", metavar="PATH", shell_complete=_complete("complete_file"),
                             help="House-style file (default: $REFUSALKIT_STYLE, ./refusalkit.toml, your config folder).")


def printable(message: str) -> str:
    """`message` with control characters and line separators shown as escapes:
    an error stays one line on the terminal."""
    return re.sub(_UNPRINTABLE, lambda m: repr(m.group())[1:-1], message)


def _fail(message: str, code: int) -> None:
    message = printable(message)
    click.echo(f"refusalkit: error: {message}", err=True)
    sys.exit(code)


class _Interrupted(Exception):
    """Ctrl-C inside a command; click would print a blank line and raise Abort."""


class _Group(click.Group):
    """A group whose every error is one line on stderr: exit 2 for usage, 1 otherwise."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            super().main(args=args, prog_name=prog_name or "refusalkit", complete_var=complete_var,
                         standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            _fail("aborted", 1)
        except _Interrupted:
            _fail("interrupted", 130)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _fail(f"{exc.format_message()}{hint}", 2)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except RefusalkitError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except Exception as exc:  # a bug of ours: still one line, and an exit code tests notice
            import os

            if os.environ.get("REFUSALKIT_DEBUG"):
                raise
            _fail(f"internal error ({type(exc).__name__}: {exc}): please report it; "
                  "REFUSALKIT_DEBUG=1 shows the traceback", 70)
        sys.exit(0)

    # Commands defined in their own modules, imported only when asked for, so
    # that `refusalkit draft` does not pay for them at start-up.
    LAZY: ClassVar[dict[str, tuple[str, str]]] = {
        "batch": ("refusalkit.batch", "batch_command"), "serve": ("refusalkit.serve", "serve_command"),
        "reply": ("refusalkit.reply", "reply_command"), "setup": ("refusalkit.personal", "setup_command")}
    # What `refusalkit --help` lists for them, so that listing does not import
    # them (tests/test_docs.py checks that it is the first line of their own help).
    LAZY_HELP: ClassVar[dict[str, str]] = {
        "batch": "One letter per client from a CSV, JSON Lines (.jsonl) or vCard (.vcf) file.",
        "serve": "Serve a local page to compose letters, copy them as rich text and download drafts.",
        "reply": "Reply to a client's email: a threaded draft in their language and register.",
        "setup": "Your own sender, signatures and defaults, for every letter from any folder."}
    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            if self._listing:
                return click.Command(name, help=self.LAZY_HELP[name])
            import importlib

            module, attr = self.LAZY[name]
            try:
                return getattr(importlib.import_module(module), attr)
            except ModuleNotFoundError:
                return None
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="refusalkit", message="%(prog)s %(version)s")
def cli() -> None:
    """Polite, clear refusal letters from a client record."""


def _record(client_path: str | None, quick: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The record of --client (a file, or - for stdin) with the quick options over it, and
    what to call it in errors."""
    from .records import read_record_file

    data: dict[str, Any] = {}
    source = "command line"
    if client_path:
        stdin = None
        if client_path == "-":  # bytes: records.py decodes (and reports non-UTF-8 by line)
            stdin = sys.stdin.buffer.read() if sys.stdin is not None else b""
        data = read_record_file(client_path, stdin)
        source = "<stdin>" if client_path == "-" else client_path
    data.update({k: v for k, v in quick.items() if v is not None})
    return data, source


@cli.command()
@click.option("--reason", "-r", required=True, metavar="ID", shell_complete=_complete("complete_reason"),
              help="Why you say no; `refusalkit reasons` lists the ids.")
@click.option("--lang", "-l", metavar="LANG", shell_complete=_complete("complete_language"),
              help="Letter language (de, en, tr). Default: the record's, else your locale's, else en.")
@click.option("--client", "-c", "client_path", metavar="PATH", shell_complete=_complete("complete_file"),
              help="Client record, .toml, .json or a vCard (.vcf); - reads stdin.")
@click.option("--name", help="Client's full name (overrides the record); without one the letter greets an unknown recipient.")
@click.option("--first-name", "first_name", help="Client's given name(s), where the name does not show them (\"Mehmet Ali\").")
@click.option("--email", help="Client's email address.")
@click.option("--company", help="Client's company.")
@click.option("--title", help="Academic title, e.g. Dr. or Prof.")
@click.option("--salutation", metavar="ms|mr|none", callback=lambda ctx, param, value: _salutation(value),
              shell_complete=lambda ctx, param, incomplete: [
                  click.shell_completion.CompletionItem(v) for v in ("ms", "mr", "none") if v.startswith(incomplete)],
              help="Form of address (also Frau/Herr, Mrs/Mr, Hanım/Bey); none is gender-neutral.")
@click.option("--informal/--formal", default=None, help="du/sen/first name instead of Sie/siz.")
@click.option("--relationship", type=click.Choice(["prospect", "client"]),
              help="prospect: decline an inquiry; client: end a running collaboration.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: the --output file's extension, else the house style's, else md).")
@click.option("--output", "-o", metavar="PATH", shell_complete=_complete("complete_file"),
              help="Write to a file instead of stdout; its extension (.md, .html, .txt, .eml) sets the format.")
@click.option("--force", is_flag=True,
              help="Overwrite an existing --output file (a regular file only: never a link, device or pipe).")
@click.option("--explain/--no-explain", default=True, show_default=True, help="State the reason in the letter.")
@click.option("--subject", help="Subject line for eml and mailto (default: the reason's, in the letter's language).")
@click.option("--copy", "copy_", is_flag=True,
              help="Also put the letter on the clipboard, as HTML and plain text where the platform can "
                   "(Markdown only with an explicit --format md).")
@click.option("--edit", is_flag=True, help="Open the letter in $EDITOR before it is output "
                                           "(eml and mailto: its Markdown, then both parts are made from it).")
@click.option("--open", "open_", is_flag=True,
              help="With --format mailto: open the link in your mail program.")
@_STYLE_OPTION
@DATE_OPTION
@click.option("--to-drafts", "to_drafts", is_flag=True,
              help="Save the draft (eml) in your mailbox's Drafts folder over IMAP, instead of printing it.")
@click.option("--account", "account_path", metavar="PATH",
              help="Your mail account for --to-drafts (default: $REFUSALKIT_ACCOUNT, account.toml in your config folder).")
@_one_letter
def draft(reason: str, lang: str | None, client_path: str | None, name: str | None, first_name: str | None,
          email: str | None,
          company: str | None, title: str | None, salutation: str | None, informal: bool | None,
          relationship: str | None, fmt: str | None, output: str | None, force: bool, explain: bool,
          subject: str | None, copy_: bool, edit: bool, open_: bool, style_path: str | None,
          to_drafts: bool = False, account_path: str | None = None, today: Any = None) -> None:
    """Draft one refusal letter and print it (or write it with -o)."""
    if to_drafts:
        check_to_drafts(fmt, output, edit, copy_)
    markdown_on_purpose = fmt == "md"  # only -f/--format md on the command line puts Markdown on the clipboard
    fmt = output_format(output, fmt)
    quick = {"name": name, "first_name": first_name, "email": email, "company": company, "title": title,
             "salutation": salutation, "relationship": relationship,
             "formal": None if informal is None else not informal}
    data, source = _record(client_path, quick)
    engine = _engine(style_path)
    found = engine.resolve(reason, data, lang, source=source, today=today)
    client = found.client
    fmt = fmt or engine.style.format or "md"
    if open_ and fmt != "mailto":
        raise UsageError("--open works with --format mailto (it opens the link in your mail program)")
    letter = engine.render_variant(*found, explain=explain, today=today)
    from .mailtext import deliver, draft_warning, edit_letter

    warning = draft_warning(letter)
    if warning:
        click.echo(warning, err=True)
    _record_notes(letter, client, explain)
    if to_drafts:
        save_to_drafts(letter, subject, account_path)
        return
    if fmt in ("eml", "mailto") and not client.email:
        click.echo("refusalkit: note: the record has no email address, so the draft has no recipient",
                   err=True)
    from .personal import unsigned_hint

    hint = unsigned_hint(engine.style, letter.lang)
    if hint:
        click.echo(hint, err=True)
    if edit and fmt in ("eml", "mailto"):
        letter = edit_letter(letter)  # its Markdown, edited; both parts are made from it
    text = letter.as_format(fmt, subject=subject)
    if fmt == "mailto" and len(text) > 1800:
        click.echo(f"refusalkit: note: this link is {len(text) - 1} characters long and many mail clients "
                   "cut links above about 1,800; use --format eml instead", err=True)
    deliver(letter, text, fmt, lambda: letter.eml(subject), output, force, edit, open_, copy_,
            markdown_on_purpose)


# --- --to-drafts (draft, reply): the draft goes into the mailbox's Drafts folder over IMAP (imap.py)

def check_to_drafts(fmt: str | None, output: str | None, edit: bool, copy_: bool = False) -> None:
    """--to-drafts saves an eml draft: a contradicting option is an error before anything is done."""
    if copy_:
        raise UsageError("--to-drafts and --copy: the draft goes to your mailbox; leave out --copy")
    if fmt not in (None, "eml"):
        raise UsageError(f"--to-drafts saves an eml draft: leave out --format {fmt}")
    if output:
        raise UsageError("--to-drafts and --output contradict each other: choose one")
    if edit:
        raise UsageError("--to-drafts and --edit: edit the draft in your mail client instead")


# Languages whose nonpayment notice asks for the invoices already due with --no-explain too
# (round 64: only the reason sentence is left out).
ASKS_WITHOUT_ITS_REASON = frozenset({"de", "tr"})


def _record_notes(letter: Any, client: Any, explain: bool) -> None:
    """One stderr note for each thing the record leaves the letter without: a client's name,
    the end of a notice or project, the sum of a nonpayment notice (the letter is as it is)."""
    if letter.greets_unknown_client:
        click.echo("refusalkit: note: this letter to a client greets an unknown recipient; give --name "
                   "(or a record's name or company)", err=True)
    if letter.reason == "nonpayment" and letter.relationship == "client" and client.amount_due is None:
        # Without its reason the letter is the same for every reason (no hint), so it asks for
        # no overdue payment; with it, it asks for "the overdue invoices" without a sum. Native
        # reviewers (r45b-tr I8, r49b-de F1; r49a-tr I6, r50a-de 13) want the user told.
        # Round 64 (r63a-de W3, the integrator's decision for every language): --no-explain drops
        # the reason sentence only; a language whose letter keeps the payment request without
        # it is listed in ASKS_WITHOUT_ITS_REASON and gets the reason-given note.
        asks = explain or letter.lang in ASKS_WITHOUT_ITS_REASON
        click.echo("refusalkit: note: " + ("without its reason this notice asks for no overdue payment and hands "
                   "over as for any reason" if not asks else "this notice asks for the overdue invoices "
                   "without naming the sum") + "; give the record amount_due (and pay_by) to ask for it", err=True)
    if letter.leaves_the_end_open:
        click.echo("refusalkit: note: " + ('this notice names no end date, only the end of the agreed notice period; '
                   'give the record end_date or notice_period ("1 month") to name the day'
                   if client.contract == "ongoing" else "this letter names no completion date for the project; "
                   "give the record end_date to name it"), err=True)


def save_to_drafts(letter: Any, subject: str | None, account_path: str | None) -> None:
    """Append `letter` as an eml draft to the account's Drafts folder; print where it went."""
    from . import account
    from .imap import message_id, save

    if not letter.client.email:
        click.echo("refusalkit: note: the record has no email address, so the draft has no recipient",
                   err=True)
    acct = account.load(account.find(account_path))
    data = letter.eml(subject, message_id=message_id(acct, letter.sender))
    folder, uid = save(acct, data)
    click.echo(f"saved to {folder} ({acct.user} at {acct.host})" + (f", UID {uid}" if uid else ""))


@cli.command()
@click.option("--lang", "-l", metavar="LANG", shell_complete=_complete("complete_language"),
              help="Language of the titles and descriptions.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for scripts.")
@_STYLE_OPTION
def reasons(lang: str | None, as_json: bool, style_path: str | None) -> None:
    """List the reasons: id, title, what it is for, the relationships it fits and its aliases."""
    from .searchpath import template_languages
    from .i18n import translations

    engine = _engine(style_path)
    language = engine.pick_language(lang)
    trans = translations(language, engine.catalogs)
    items = engine.all_reasons()
    if as_json:
        import json

        click.echo(json.dumps([{
            "id": r.id,
            "title": trans.gettext(r.title),
            "description": trans.gettext(r.description),
            "relationships": list(r.relationships),
            "aliases": list(r.aliases),
            "languages": sorted(template_languages(engine.path, r.id)),
        } for r in items], ensure_ascii=False, indent=2))
        return
    _print_reasons([(r.id, trans.gettext(r.title), trans.gettext(r.description), r.relationships, r.aliases)
                    for r in items])


def _print_reasons(items: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]) -> None:
    """Each reason as a block: id and title, the description, what it fits and its aliases,
    wrapped between words to the terminal's width (at most 100 columns, for reading)."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size((80, 24)).columns - 1, 100))

    def wrap(text: str, first: str = "  ") -> str:
        return textwrap.fill(text, width, initial_indent=first, subsequent_indent="  ",
                             break_long_words=False, break_on_hyphens=False)

    for rid, title, description, fits, aliases in items:
        click.echo(wrap(f"{rid} — {title}", first=""))
        click.echo(wrap(description))
        more = f"for: {', '.join(fits)}" + (f"; aliases: {', '.join(aliases)}" if aliases else "")
        click.echo(wrap(more))


@cli.command()
@click.argument("folder", default=".", metavar="[DIR]", shell_complete=_complete("complete_dir"))
@click.option("--reason", "-r", "reason_ids", multiple=True, metavar="ID", shell_complete=_complete("complete_reason"),
              help="Copy only this reason (repeatable).")
@click.option("--lang", "-l", "langs", multiple=True, metavar="LANG", shell_complete=_complete("complete_language"),
              help="Copy only this language (repeatable).")
@click.option("--templates", "copy_templates", is_flag=True,
              help="Also copy the templates to edit (--reason and --lang imply it).")
def init(folder: str, reason_ids: tuple[str, ...], langs: tuple[str, ...], copy_templates: bool) -> None:
    """Start a team's house style: DIR/refusalkit.toml (and DIR/templates/ with --templates).

    For your own name and signature, use `refusalkit setup`."""
    from .style import init as write_starter

    written = write_starter(folder, reason_ids, langs, copy_templates or bool(reason_ids or langs))
    if len(written) == 1:
        click.echo(f"wrote {click.format_filename(written[0])}")
    else:
        click.echo(f"wrote {written[0]} and {len(written) - 1} files under "
                   f"{click.format_filename(folder.rstrip('/') + '/templates')}/")
    templates = "edit the templates" if len(written) > 1 else "copy templates to edit with --templates"
    click.echo(f"next: fill in [sender] in refusalkit.toml, {templates}, "
               "then run `refusalkit check --style " + click.format_filename(written[0]) + "`")


@cli.command()
@_STYLE_OPTION
@click.option("--json", "as_json", is_flag=True, help="The report as JSON, for CI.")
def check(style_path: str | None, as_json: bool) -> None:
    """Lint the effective templates: coverage matrix and every problem with file:line."""
    from .check import check as run_check

    report = run_check(_engine(style_path))
    if as_json:
        import json

        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_text(), nl=False)
    if not report.ok:
        sys.exit(1)


def main(*args: Any, **kwargs: Any) -> Any:
    """The console script and `python -m refusalkit`: one command, then the process ends.

    As the interpreter exits, its collector walks every object still alive once
    more, looking for garbage cycles to free: after a draft that pass alone
    takes about a tenth of the run, and the process is about to give all its
    memory back anyway. Objects frozen here (gc.freeze) are left out of it.
    The rest of exit is unchanged: atexit handlers run, the standard streams
    are flushed; refusalkit closes its files itself (Python never promised
    __del__ at exit). Only this entry point does it, never `cli` called in-process.
    """
    try:
        return cli(*args, **kwargs)
    finally:
        gc.freeze()
