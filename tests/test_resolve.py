"""One language order and one default register (Engine.resolve, Engine.pick_language,
Engine.with_defaults): the same record gets the same letter from draft, batch, reply and
serve, whichever of the record, --lang, the house style and the locale (the browser's
Accept-Language for serve) decides."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from refusalkit import batch, reply
from refusalkit.api import Engine, draft
from refusalkit.serve.app import App
from refusalkit.serve.page import negotiate
from refusalkit.style import Style

# (house style lang, house style formal, record language, record formal, --lang, locale)
CASES = [
    (None, None, None, None, None, "tr_TR.UTF-8"),  # the locale decides
    (None, None, None, None, None, "C"),  # nothing does: English, formal
    (None, False, None, None, None, "C"),  # the house style's register
    ("de", False, "tr", None, None, "en_GB.UTF-8"),  # the record's language over the house style's
    ("tr", None, None, None, "en", "de_DE.UTF-8"),  # --lang over the house style's
    ("tr", False, None, True, None, "de_DE.UTF-8"),  # the house style over the locale; the record's register
    (None, True, "de", False, None, "tr_TR.UTF-8"),
    (None, False, None, None, "de", "C"),
]

MESSAGE = (b"From: Anna Schmidt <anna@example.com>\r\nTo: me@example.com\r\nSubject: 42\r\n"
           b"Message-ID: <1@example.com>\r\n\r\n42\r\n")


def _locale(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)


def _record(language: str | None, formal: bool | None) -> dict[str, Any]:
    record: dict[str, Any] = {"name": "Anna Schmidt", "email": "anna@example.com"}
    if language is not None:
        record["language"] = language
    if formal is not None:
        record["formal"] = formal
    return record


def _batch(tmp_path: Path, engine: Engine, record: dict[str, Any], lang: str | None) -> tuple[str, str]:
    """(the letter's language, from its file name; the letter) as batch writes it from a CSV row."""
    rows = tmp_path / "clients.csv"
    with rows.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "email", "language", "formal"])
        formal = record.get("formal")
        writer.writerow([record["name"], record["email"], record.get("language", ""),
                         "" if formal is None else ("yes" if formal else "no")])
    out = tmp_path / "out"
    summary = batch.run(str(rows), str(out), batch.Options(reason="capacity", lang=lang, pattern="{lang}-{row}"),
                        engine)
    assert summary.written == 1, summary
    (letter,) = out.glob("*.md")
    return letter.stem.split("-")[0], letter.read_text(encoding="utf-8")


@pytest.mark.parametrize("style_lang, style_formal, language, formal, lang, locale", CASES)
def test_draft_batch_reply_and_serve_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style_lang: str | None,
                                           style_formal: bool | None, language: str | None, formal: bool | None,
                                           lang: str | None, locale: str) -> None:
    _locale(monkeypatch, locale)
    engine = Engine(style=Style(lang=style_lang, formal=style_formal))
    record = _record(language, formal)
    letter = draft("capacity", record, lang=lang, engine=engine)
    expected = (letter.lang, letter.client.formal if letter.client else None)

    # batch: --lang is the language of rows without one (the record's wins: it is per row)
    batch_lang, batch_letter = _batch(tmp_path, engine, record, None if language else lang)
    assert batch_lang == letter.lang
    assert batch_letter == letter.markdown

    # reply: the record and --lang over what the message says (it says nothing here)
    prepared = reply.prepare(MESSAGE, "capacity", record=record, lang=lang, engine=engine)
    assert (prepared.letter.lang, prepared.letter.client.formal) == expected
    assert prepared.letter.markdown == letter.markdown

    # serve: the form's defaults, with the browser asking for the locale's language
    if language is None and lang is None:
        app = App(engine)
        page = negotiate(app.page.languages, locale.split(".")[0].replace("_", "-"))
        defaults = app.options(page)["defaults"]
        assert defaults["lang"] == letter.lang
        if formal is None:
            assert defaults["formal"] == expected[1]
        sent = app.draft({"reason": "capacity", "lang": defaults["lang"],
                          "formal": defaults["formal"] if formal is None else formal,
                          "client": {"name": record["name"], "email": record["email"]}})
        assert sent["ok"], sent
        assert sent["markdown"] == letter.markdown


def test_a_team_language_the_style_names_is_every_callers_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The house style's language wins over the locale and the browser alike."""
    _locale(monkeypatch, "tr_TR.UTF-8")
    engine = Engine(style=Style(lang="de"))
    assert engine.pick_language().code == "de"
    assert engine.pick_language(suggested="tr").code == "de"
    assert App(engine).options("tr")["defaults"]["lang"] == "de"
    assert Engine().pick_language(suggested="de").code == "de"  # the browser's, over the locale's


def test_nonpayment_never_gives_the_arrears_until_after_the_work_ends(tmp_path: Path) -> None:
    """r32-de 1, r33-tr I17, r35-en F2: a nonpayment letter ends the work because fees are
    overdue; a pay_by after end_date would give them until after it has ended. draft, the
    command line and batch refuse that record with one line naming pay_by; other reasons
    (a final balance due after the end) and a pay_by on the end date still draft."""
    from refusalkit.errors import RecordError

    from .helpers import run

    record = {"name": "Kim Mayer", "relationship": "client", "amount_due": "120", "currency": "EUR",
              "end_date": "2026-12-31", "pay_by": "2027-01-05"}
    with pytest.raises(RecordError) as caught:
        draft("nonpayment", record, lang="en")
    assert caught.value.field == "pay_by" and "after end_date 2026-12-31" in str(caught.value)
    def flat(letter: Any) -> str:
        return " ".join(letter.markdown.split())

    assert "by 5 January 2027" in flat(draft("capacity", record, lang="en"))
    assert "by 31 December 2026" in flat(draft("nonpayment", {**record, "pay_by": "2026-12-31"}, lang="en"))
    assert draft("nonpayment", {**record, "end_date": None}, lang="en").markdown  # no end: the user's date

    (tmp_path / "kim.toml").write_text("\n".join(f'{k} = "{v}"' for k, v in record.items()), encoding="utf-8")
    result = run("draft", "-r", "nonpayment", "-l", "de", "--client", str(tmp_path / "kim.toml"))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"refusalkit: error: {tmp_path / 'kim.toml'}: field 'pay_by' is 2027-01-05, "
                                          "after end_date 2026-12-31: a nonpayment letter cannot give overdue fees "
                                          "until after the work ends; set pay_by on or before end_date, or leave it "
                                          "out (the letter then sets a date 14 days, or the house style's "
                                          "payment_days, from today)"]

    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=[*record, "reason"])
        out.writeheader()
        out.writerow({**record, "reason": "nonpayment"})
        out.writerow({**record, "name": "Ada Berg", "reason": "capacity"})
    summary = batch.run(str(rows), str(tmp_path / "out"), batch.Options(lang="en"), Engine())
    assert (summary.written, summary.failed) == (1, 1)
    report = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert report[1].split(",")[:4] == ["1", "2", "Kim Mayer", "pay_by"]
    assert ',"field \'pay_by\' is 2027-01-05, after end_date' in report[1]  # the row names it, no "client record:"
