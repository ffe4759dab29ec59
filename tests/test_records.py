"""The record field `notice_period` (records.py): read as people type it in en, de and tr,
in every entry point (TOML, CSV columns in three languages, the CLI, batch), and the end
date it gives, counted from the letter's date (--date)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from refusalkit import batch, draft
from refusalkit.api import Engine
from refusalkit.errors import RecordError
from refusalkit.records import parse_record

from .helpers import run

CLIENT = {"name": "Kim Mayer", "relationship": "client"}


def flat(text: str) -> str:
    """A letter on one line, its dates' no-break spaces as spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def end_of(period: str, today: datetime.date, **record: Any) -> datetime.date | None:
    letter = draft("capacity", {**CLIENT, "notice_period": period, **record}, lang="en", today=today)
    assert letter.client is not None
    return letter.client.end_date


@pytest.mark.parametrize("typed, count, unit, month_end", [
    ("30 days", 30, "days", False), ("4 weeks", 4, "weeks", False), ("1 month", 1, "months", False),
    ("3 months", 3, "months", False), ("4 Wochen", 4, "weeks", False), ("1 Monat", 1, "months", False),
    ("3 Monate", 3, "months", False), ("30 gün", 30, "days", False), ("4 hafta", 4, "weeks", False),
    ("1 ay", 1, "months", False), ("1 month to the end of the month", 1, "months", True),
    ("3 Monate zum Monatsende", 3, "months", True), ("4 WOCHEN ZUM MONATSENDE", 4, "weeks", True),
    ("1 ay, ay sonunda", 1, "months", True), ("2 ay ay sonu", 2, "months", True),
    ("2 months, month-end", 2, "months", True), ("14 Tage", 14, "days", False),
])
def test_notice_periods_as_typed_in_three_languages(typed: str, count: int, unit: str, month_end: bool) -> None:
    period = parse_record({**CLIENT, "notice_period": typed}).notice_period
    assert period is not None and (period.length, period.unit, period.month_end) == (count, unit, month_end)


@pytest.mark.parametrize("typed", ["", "   ", None, "\u200b\ufeff"])
def test_an_empty_notice_period_is_none(typed: Any) -> None:
    assert parse_record({**CLIENT, "notice_period": typed}).notice_period is None


@pytest.mark.parametrize("typed, says", [
    ("-1 month", '"30 days", "4 weeks", "3 months"'), ("1 Monat zum Quartalsende", "zum Monatsende, ay sonu"),
    ("month", "(got 'month')"), ("3 ay sonunda", "gün, hafta, ay"), ("1 mois", "Tage, Wochen, Monate"),
    (30, "not a number"), (["1 month"], "not a list"), ("0 days", "must be longer than 0"),
    ("999999 months", "at most 36 months"), ("1" * 40 + " days", "at most 36 months"),
    ("1 month\n", "must be on one line")])
def test_an_unreadable_notice_period_names_the_field_and_what_to_write(typed: Any, says: str) -> None:
    with pytest.raises(RecordError) as caught:
        parse_record({**CLIENT, "notice_period": typed}, "kim.toml")
    message = str(caught.value)
    assert caught.value.field == "notice_period" and message.startswith("kim.toml: field 'notice_period' ")
    assert "\n" not in message and says in message


def test_the_end_is_the_letters_date_plus_the_period_in_calendar_months() -> None:
    day = datetime.date
    assert end_of("1 month", day(2026, 1, 31)) == day(2026, 2, 28)
    assert end_of("1 Monat", day(2028, 1, 31)) == day(2028, 2, 29)
    assert end_of("3 months", day(2026, 11, 30)) == day(2027, 2, 28)
    assert end_of("30 days", day(2026, 12, 15)) == day(2027, 1, 14)
    assert end_of("4 hafta", day(2026, 12, 15)) == day(2027, 1, 12)
    assert end_of("1 month to the end of the month", day(2026, 11, 2)) == day(2026, 12, 31)
    assert end_of("4 Wochen zum Monatsende", day(2026, 11, 15)) == day(2026, 12, 31)
    assert end_of("2 ay ay sonu", day(2026, 12, 31)) == day(2027, 2, 28)


@pytest.mark.parametrize("lang, formal, expected", [
    # r52b-en W1: the dated English notice names the day with no claim about the period
    # ROUND54-en item 3: one formal notice sentence, saying the agreement ends
    # ROUND55-en item 3: formally "that our agreement will end on <date>" (a computed date is a dated notice)
    ("en", True, "as formal notice that our agreement will end on 31 December 2026."),
    ("en", False, "notice that our agreement will end on 31 December 2026."),
    ("de", True, "Hiermit kündige ich unseren Vertrag fristgerecht zum 31. Dezember 2026, hilfsweise"),
    # round 48 (r47a-de 1, r47b-de W2; reverting round 47): the du letter keeps the fallback
    # ROUND54-de item 3 (r54a I1): shortened to „, sonst …“
    # ROUND56-de item 4, ROUND58-de (r59a I7): „– sollte die Kündigungsfrist dafür nicht reichen, …“, not „sonst“
    # ROUND64-de (r63b-de W1): a notice period does not fall short: „– oder, falls die Kündigungsfrist das nicht zulässt, …“
    ("de", False, "Ich kündige unseren Vertrag zum 31. Dezember 2026 – oder, falls die Kündigungsfrist das nicht zulässt, zum nächstmöglichen Termin."),
    # r51a-tr W2, r51b-tr W2: the Turkish notice names the day without a compliance claim
    ("tr", True, "bu yazıyla fesih bildirimimi iletiyorum; çalışmamız 31 Aralık 2026 tarihinde sona erecek"),  # round 56 item 9
    ("tr", False, "fesih bildirimimi iletiyorum; çalışmamız 31 Aralık 2026'da sona erecek"),
])
def test_the_letter_names_the_end_the_notice_period_gives(lang: str, formal: bool, expected: str) -> None:
    """Native reviewers in all three languages: "when the notice period expires" makes the
    client work the date out; with a notice period the letter names it."""
    record = {**CLIENT, "formal": formal, "notice_period": "1 Monat zum Monatsende"}
    text = flat(draft("capacity", record, lang=lang, today=datetime.date(2026, 11, 15)).markdown)
    assert expected in text


def test_an_end_date_wins_unless_it_is_before_the_end_of_the_notice() -> None:
    today = datetime.date(2026, 11, 30)
    assert end_of("3 months", today, end_date="2027-03-31") == datetime.date(2027, 3, 31)
    assert end_of("3 months", today, end_date="2027-02-28") == datetime.date(2027, 2, 28)
    letter = draft("capacity", {**CLIENT, "notice_period": "3 months", "end_date": "2027-03-31"}, lang="en",
                   today=today)
    assert letter.client is not None and letter.client.notice  # the later end keeps to the notice too
    with pytest.raises(RecordError) as caught:
        draft("capacity", {**CLIENT, "notice_period": "3 months", "end_date": "2026-12-31"}, lang="en", today=today)
    assert caught.value.field == "end_date"
    assert str(caught.value) == ("client record: field 'end_date' is 2026-12-31, before 2027-02-28, when the notice "
                                 "period (3 months) ends if notice is given on 2026-11-30: set end_date on or after "
                                 "2027-02-28, or leave it out and the letter names 2027-02-28")


def test_notice_no_and_a_project_contradict_a_notice_period_and_a_prospect_ignores_it() -> None:
    with pytest.raises(RecordError) as caught:
        parse_record({**CLIENT, "notice_period": "3 months", "notice": "nein"})
    assert caught.value.field == "notice"
    with pytest.raises(RecordError) as caught:
        parse_record({**CLIENT, "notice_period": "3 months", "contract": "Werkvertrag"})
    assert caught.value.field == "notice_period" and "project" in str(caught.value)
    prospect = draft("capacity", {"name": "Kim Mayer", "notice_period": "3 months"}, lang="en")
    assert prospect.client is not None and prospect.client.end_date is None


def test_a_nonpayment_letter_checks_pay_by_against_the_derived_end() -> None:
    record = {**CLIENT, "notice_period": "1 month", "amount_due": "120", "currency": "EUR", "pay_by": "2027-01-05"}
    with pytest.raises(RecordError) as caught:
        draft("nonpayment", record, lang="en", today=datetime.date(2026, 11, 30))
    assert caught.value.field == "pay_by"
    assert "after end_date 2026-12-30 (the end notice_period gives)" in str(caught.value)
    assert draft("nonpayment", record, lang="en", today=datetime.date(2026, 12, 10)).markdown  # ends 2027-01-10


def test_one_engine_never_mixes_letters_written_on_different_days() -> None:
    """The render memo keys a letter by its context: the end a notice period gives is
    part of it, so the same record written a month later names a later end."""
    engine = Engine()
    record = {**CLIENT, "notice_period": "1 month"}
    first = flat(draft("capacity", record, lang="en", engine=engine, today=datetime.date(2026, 11, 2)).markdown)
    again = flat(draft("capacity", record, lang="en", engine=engine, today=datetime.date(2026, 12, 2)).markdown)
    # ROUND55-en item 3: "formal notice that our agreement will end on <date>."
    assert "will end on 2 December 2026." in first and "will end on 2 January 2027." in again


def test_the_command_line_counts_the_notice_from_date(tmp_path: Path) -> None:
    record = tmp_path / "kim.toml"
    record.write_text('name = "Kim Mayer"\nrelationship = "Kunde"\nnotice_period = "3 Monate"\n', encoding="utf-8")
    result = run("draft", "-r", "capacity", "-l", "de", "--client", str(record), "--date", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert "fristgerecht zum 28. Februar 2027" in flat(result.stdout)
    record.write_text('name = "Kim"\nrelationship = "client"\nnotice_period = "1 Monat zum Quartalsende"\n',
                      encoding="utf-8")
    result = run("draft", "-r", "capacity", "--client", str(record))
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"refusalkit: error: {record}: field 'notice_period' must be a notice period")


def test_batch_reads_the_notice_period_columns_in_three_languages(tmp_path: Path) -> None:
    sheets = {"de.csv": "Name;Beziehung;Kündigungsfrist\nAnna Müller;Kunde;3 Monate zum Monatsende\n"
                        "Ben Kurz;Kunde;-1 Monat\n",
              "tr.csv": "Ad Soyad,İlişki,Bildirim Süresi\nAyşe Yılmaz,müşteri,1 ay ay sonunda\n",
              "en.csv": "name,relationship,notice period\nAda Berg,client,30 days\n"}
    expected = {"de.csv": "zum 28. Februar 2027", "tr.csv": "31 Aralık 2026", "en.csv": "on 14 December 2026"}
    for sheet, text in sheets.items():
        (tmp_path / sheet).write_text(text, encoding="utf-8")
        out = tmp_path / sheet.replace(".csv", "")
        summary = batch.run(str(tmp_path / sheet), str(out), batch.Options(reason="capacity",
                            today=datetime.date(2026, 11, 14)), Engine())
        assert summary.written == 1
        assert expected[sheet] in flat((out / next(p for p in sorted(out.iterdir()) if p.suffix == ".md")).read_text(
            encoding="utf-8"))
    report = (tmp_path / "de" / "errors.csv").read_text(encoding="utf-8-sig")
    assert ";notice_period;" in report and "'-1 Monat'" in report
