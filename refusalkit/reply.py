"""Reply to a client's email: `refusalkit reply` and the function it calls.

    from refusalkit import reply

    prepared = reply.prepare(raw, "capacity", quote=True)  # raw: the message's bytes (RFC 5322)
    prepared.eml()            # the threaded draft (bytes, CRLF), X-Unsent: 1, a Message-ID of its own
    prepared.letter           # the Letter, made by api.draft()
    prepared.subject          # "Re: <original subject>", no stacked prefixes
    prepared.in_reply_to      # the message's Message-ID, or None
    prepared.references       # its References plus its Message-ID
    prepared.inquiry          # what was read from the message (Inquiry)

`prepare(raw, reason, *, record=None, lang=None, formal=None, explain=True, quote=False,
subject=None, engine=None, source="message")`: `record` holds the fields given explicitly
(a client record, --name, --email, ...); they win over what the message says, and so do
`lang` and `formal`. A message that cannot be replied to raises a RefusalkitError with one
line that names `source`.

What is read from the message is inquiry.read()'s (see there). The language: `lang`, else
the record's, else the message's Content-Language, else the language of the client's own
words, detected among the template languages (a short or mixed text is not guessed), else
the usual fallback (house style, locale, en). The register: `formal`, else the record's,
else informal where the client writes du/sen forms and no Sie/siz ones, else the house
style's. The request: the record's, else what the subject asks for (inquiry.request).
--quote quotes the message's text below the letter (Letter.quote), after a localised
attribution line whose date Babel formats.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

import click

from .errors import RecordError, RefusalkitError
from .inquiry import MAX_MESSAGE, Inquiry, detect_language, informal, is_company, read, reply_subject, request

if TYPE_CHECKING:
    import datetime

    from .api import Engine, Letter

# The attribution line above a quote; the date comes from Babel (CLDR, the letter's locale).
_ATTRIBUTION = {
    "de": ("Am {date} schrieb {who}:", "{who} schrieb:"),
    "en": ("On {date}, {who} wrote:", "{who} wrote:"),
    "tr": ("{date} tarihinde {who} şunu yazdı:", "{who} şunu yazdı:"),
}


class Reply(NamedTuple):
    """A prepared reply: the letter and how it threads."""

    letter: Letter
    subject: str
    in_reply_to: str | None
    references: tuple[str, ...]
    inquiry: Inquiry

    def eml(self, linesep: str = "\r\n", *, message_id: str | None = None) -> bytes:
        """The draft: the letter's eml with this reply's Subject, In-Reply-To and References."""
        return self.letter.eml(self.subject, linesep, message_id=message_id, in_reply_to=self.in_reply_to,
                               references=self.references)


def attribution(lang: str, locale: str, who: str, date: datetime.datetime | None) -> str:
    """The line above a quote: „Am 30. November 2026 schrieb Anna Schmidt:“ (the date in the
    sender's own time zone, as the Date header has it, formatted by Babel)."""
    with_date, without = _ATTRIBUTION.get(lang, _ATTRIBUTION["en"])
    if date is None:
        return without.format(who=who)
    from .cldr import format_long_date

    return with_date.format(date=format_long_date(date.date(), locale), who=who)


# --- the reply --------------------------------------------------------------------------------------

def prepare(raw: bytes, reason: str, *, record: Mapping[str, Any] | None = None, lang: str | None = None,
            formal: bool | None = None, explain: bool = True, quote: bool = False, subject: str | None = None,
            engine: Engine | None = None, source: str = "message", today: datetime.date | None = None) -> Reply:
    """The reply to the message `raw` (see the module docstring). `record`: the fields given
    explicitly; they, `lang` and `formal` win over what is read from the message. `today`: the
    day the letter is written (api.draft)."""
    from .api import default_engine, draft

    engine = engine or default_engine()
    inquiry = read(raw, source)
    data = _with_sender(dict(record or {}), inquiry, source)
    languages = sorted(engine.languages)
    text_lang: list[str | None] = []  # the language of the client's text, found when first needed

    def of_text() -> str | None:
        if not text_lang:
            text_lang.append(_message_language(inquiry, languages))
        return text_lang[0]

    # the message's language comes after the record's and before the house style's (Engine.pick_language)
    code = engine.pick_language(lang or data.get("language") or of_text()).code
    if not data.get("request"):
        found = request(inquiry.topic, code)
        if found:
            data["request"] = found
    if formal is not None:
        data["formal"] = formal
    elif data.get("formal") in (None, "") and informal(inquiry.own_text, of_text() or code):
        data["formal"] = False
    client = _client(dict(engine.with_defaults(data)), record or {}, source)
    letter = draft(reason, client, lang=code, explain=explain, engine=engine, today=today)
    if quote and inquiry.text:
        # the sender as the letter names them ("Weber, Thomas" is Thomas Weber), unless --name differs
        who = client.name if client.name and data.get("name") == inquiry.name else inquiry.name
        letter.quote(attribution(letter.lang, letter.rendered.lang.locale, who or inquiry.email or "?",
                                 inquiry.date), inquiry.text)
    if subject is None:
        subject = reply_subject(inquiry.subject) if inquiry.topic else letter.subject
    return Reply(letter, subject, inquiry.message_id, inquiry.references, inquiry)


def _with_sender(data: dict[str, Any], inquiry: Inquiry, source: str) -> dict[str, Any]:
    """The record with the message's sender as its email and name (or company) where it has none."""
    if data.get("email"):
        return data
    if inquiry.email is None:
        raise RecordError(f"{source}: has no usable sender: no From or Reply-To with an address such as "
                          "name@example.com (pass --email to reply all the same)")
    data["email"] = inquiry.email
    if inquiry.name and "name" not in data:
        if is_company(inquiry.name):  # "Verein Grünfläche e.V.": no person to greet by name
            data.setdefault("company", inquiry.name)
        else:
            data["name"] = inquiry.name
    return data


def _client(data: dict[str, Any], given: Mapping[str, Any], source: str) -> Any:
    """The record checked; a request read from the subject that no letter can name is left
    out, and a problem with what was read from the sender says how to give it instead."""
    from .records import parse_record

    try:
        return parse_record(data, source)
    except RecordError as exc:
        field = exc.field if exc.field in ("request", "name", "company") and exc.field not in given else None
        if field != "request":
            hint = f" (read from the message's sender: pass --{field} to give it yourself)" if field else ""
            raise RecordError(f"{exc}{hint}", field=exc.field, file=exc.file, line=exc.line, source=exc.source,
                              detail=f"{exc.detail}{hint}") from None
        del data["request"]  # a subject no letter can name: the letter goes without it
        return parse_record(data, source)


def _message_language(inquiry: Inquiry, languages: list[str]) -> str | None:
    if inquiry.content_language in languages:
        return inquiry.content_language
    return detect_language(inquiry.own_text, languages)


# --- the command ------------------------------------------------------------------------------------

def _draft_options() -> list[click.Parameter]:
    """draft's options, the same objects: every one of them applies to a reply."""
    from .cli import draft

    names = ("reason", "lang", "client_path", "name", "first_name", "email", "company", "title", "salutation",
             "informal", "relationship", "fmt", "output", "force", "explain", "subject", "copy_", "edit",
             "open_", "style_path", "today")
    import copy

    params = {p.name: p for p in draft.params}
    help = {"lang": "Letter language (de, en, tr). Default: the record's, else the message's Content-Language, "
                    "else the language of its text, else your locale's, else en.",
            "fmt": "Output format (default: the --output file's extension, else eml).",
            "subject": "Subject line (default: Re: and the message's subject)."}
    found = []
    for name in names:
        if name in params:
            param = params[name]
            if name in help:
                param = copy.copy(param)
                param.help = help[name]
            found.append(param)
    return found


def _draft_params() -> list[click.Parameter]:
    from .cli import draft

    return list(draft.params)


def read_message(message: str) -> tuple[bytes, str]:
    """(the bytes, the name for errors) of MESSAGE: a file, or "-" for standard input."""
    from .errors import UsageError

    if message != "-":
        try:
            with open(message, "rb") as fh:
                return fh.read(MAX_MESSAGE + 1), message
        except FileNotFoundError:
            raise UsageError(f"{message}: no such file: give the path of a saved email (.eml), or - for "
                             "standard input") from None
        except IsADirectoryError:
            raise UsageError(f"{message}: is a folder: give the path of a saved email (.eml)") from None
        except OSError as exc:
            raise UsageError(f"{message}: cannot read it ({exc.strerror})") from None
    if sys.stdin is None:
        return b"", "<stdin>"
    if sys.stdin.isatty():  # nothing piped: an error now rather than a wait for Ctrl-D
        raise UsageError("no message: give the email's file (.eml), or pipe it in (refusalkit reply -r ID < mail.eml)")
    return sys.stdin.buffer.read(MAX_MESSAGE + 1), "<stdin>"


def emit(prepared: Reply, fmt: str, output: str | None, force: bool, edit: bool, copy_: bool,
         open_: bool = False, markdown_on_purpose: bool = False) -> None:
    """Print or write (-o) the reply as `fmt`, in the order and with the helpers draft uses
    (mailtext: the template warning, --edit, --copy; output.write_atomic; --open)."""
    from .errors import UsageError
    from .mailtext import deliver, draft_warning, edit_letter

    if open_ and fmt != "mailto":
        raise UsageError("--open works with --format mailto (it opens the link in your mail program)")
    warning = draft_warning(prepared.letter)
    if warning:
        click.echo(warning, err=True)
    if edit and fmt in ("eml", "mailto"):  # both parts from the edited Markdown
        letter = prepared.letter
        quoted = letter.quoted
        if quoted is not None:  # the letter alone is edited; the client's message is quoted as before
            from .formats import to_markdown

            letter = letter.edited(to_markdown(letter.rendered))
        letter = edit_letter(letter)
        prepared = prepared._replace(letter=letter if quoted is None else letter.quote(*quoted))
    letter = prepared.letter
    if fmt == "eml":
        text = prepared.eml("\n").decode("ascii")
    elif fmt == "mailto":
        text = letter.mailto(prepared.subject) + "\n"
    else:
        text = letter.as_format(fmt)
    deliver(letter, text, fmt, prepared.eml, output, force, edit, open_, copy_, markdown_on_purpose)


def _reply(message: str, quote: bool, reason: str, lang: str | None, client_path: str | None, fmt: str | None,
           output: str | None, force: bool, explain: bool, subject: str | None, copy_: bool, edit: bool,
           informal: bool | None, style_path: str | None, open_: bool = False, to_drafts: bool = False,
           account_path: str | None = None, from_inbox: str | None = None, today: datetime.date | None = None,
           **quick: Any) -> None:
    from .cli import output_format
    from .errors import UsageError

    if to_drafts:  # --to-drafts, --from-inbox: the mailbox over IMAP (imap.py)
        from .cli import check_to_drafts

        check_to_drafts(fmt, output, edit, copy_)
    if from_inbox and message != "-":
        raise UsageError("give the MESSAGE file or --from-inbox ADDRESS, not both")
    markdown_on_purpose = fmt == "md"  # as for draft: Markdown on the clipboard only when asked for
    fmt = output_format(output, fmt) or "eml"
    if client_path == "-" and message == "-" and not from_inbox:
        raise UsageError("--client - and the message cannot both come from standard input: give one a file")
    box = acct = None
    if from_inbox or to_drafts:
        from . import account
        from .imap import Mailbox

        acct = account.load(account.find(account_path))
    if from_inbox:
        assert acct is not None
        box = Mailbox(acct, drafts=to_drafts)
        raw, uid = box.newest_from(from_inbox)
        source = f"the newest message from {from_inbox} in INBOX (UID {uid})"
    else:
        raw, source = read_message(message)
    try:
        _reply_to(raw, source, quote, reason, lang, client_path, fmt, output, force, explain, subject, copy_, edit,
                  informal, style_path, acct if to_drafts else None, box, quick, open_, markdown_on_purpose, today)
    finally:
        if box is not None:
            box.close()


def _reply_to(raw: bytes, source: str, quote: bool, reason: str, lang: str | None, client_path: str | None,
              fmt: str, output: str | None, force: bool, explain: bool, subject: str | None, copy_: bool,
              edit: bool, informal: bool | None, style_path: str | None, to_drafts: Any, box: Any,
              quick: dict[str, Any], open_: bool = False, markdown_on_purpose: bool = False,
              today: datetime.date | None = None) -> None:
    """The reply to `raw`, printed, written, or (`to_drafts`: the account) saved as a draft."""
    from .cli import _engine
    from .records import read_record_file

    record: dict[str, Any] = {}
    if client_path:
        stdin = (sys.stdin.buffer.read() if sys.stdin is not None else b"") if client_path == "-" else None
        record = read_record_file(client_path, stdin)
    record.update({k: v for k, v in quick.items() if v is not None})
    engine = _engine(style_path)
    prepared = prepare(raw, reason, record=record, lang=lang, formal=None if informal is None else not informal,
                       explain=explain, quote=quote, subject=subject, engine=engine, source=source, today=today)
    if prepared.in_reply_to is None and fmt == "eml":
        click.echo(f"refusalkit: note: {source} has no Message-ID, so the reply is not threaded to it", err=True)
    if to_drafts:
        from .imap import message_id, save

        acct = to_drafts
        folder, uid = save(acct, prepared.eml(message_id=message_id(acct, prepared.letter.sender)), box)
        click.echo(f"saved to {folder} ({acct.user} at {acct.host})" + (f", UID {uid}" if uid else ""))
        return
    emit(prepared, fmt, output, force, edit, copy_, open_, markdown_on_purpose)


from .cli import _one_letter  # noqa: E402 -- draft's: one letter, without the cyclic collector on the way

reply_command = click.Command(
    "reply", callback=_one_letter(_reply),
    params=[click.Argument(["message"], default="-", required=False, metavar="[MESSAGE]"),
            *_draft_options(),
            click.Option(["--quote"], is_flag=True, help="Quote the client's message below the letter."),
            # the mailbox over IMAP (imap.py; the account as for draft --to-drafts)
            click.Option(["--from-inbox", "from_inbox"], metavar="ADDRESS",
                         help="Reply to the newest message in your INBOX from ADDRESS (instead of MESSAGE)."),
            *[p for p in _draft_params() if p.name in ("to_drafts", "account_path")]],
    help=("Reply to a client's email: a threaded draft in their language and register.\n\n"
          "MESSAGE is the email (.eml); - or nothing reads it from standard input (mutt: "
          "|refusalkit reply -r capacity). The eml goes to stdout or -o; what the options give "
          "wins over what the message says."),
    context_settings={"help_option_names": ["-h", "--help"]})
