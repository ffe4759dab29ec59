"""The day a letter is written (`today`, --date, the filter in_days) and the record's
`contract` (ongoing or project), in every entry point: TOML, CSV in de/en/tr, the CLI,
batch, reply and check."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from refusalkit import draft
from refusalkit.api import Engine
from refusalkit.check import check
from refusalkit.errors import RecordError
from refusalkit.records import parse_record
from refusalkit.searchpath import SearchPath

from .helpers import assert_error, run, run_in, sharing_reads
from .helpers import assert_letter as _assert_letter


def assert_letter(result: object) -> str:
    """The letter, with the no-break spaces of dates ("15\u00a0December\u00a02026") as spaces."""
    return _assert_letter(result).replace("\u00a0", " ")  # type: ignore[arg-type]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\u00a0", " ")

# A team template that prints what this module is about: a deadline and the contract.
PROBE = ('{% extends "_base/en.md.j2" %}\n{% block reason %}\n'
         "Please reply by {{ today|in_days(14)|format_date }}. Contract: {{ client.contract }}.\n"
         "{% endblock %}\n")


def team(tmp_path: Path, template: str = PROBE) -> str:
    """A house style in tmp_path whose templates/ hold capacity/en as `template`; its path."""
    (tmp_path / "templates" / "capacity").mkdir(parents=True, exist_ok=True)
    (tmp_path / "templates" / "capacity" / "en.md.j2").write_text(template, encoding="utf-8")
    (tmp_path / "refusalkit.toml").write_text("", encoding="utf-8")
    return str(tmp_path / "refusalkit.toml")


def engine(tmp_path: Path, template: str = PROBE) -> Engine:
    team(tmp_path, template)
    return Engine(SearchPath.builtin(extra_templates=[tmp_path / "templates"]))


# --- contract ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, meant", [
    ("ongoing", "ongoing"), ("ONGOING", "ongoing"), ("retainer", "ongoing"), ("Laufend", "ongoing"),
    ("Dauerauftrag", "ongoing"), ("Dienstvertrag", "ongoing"), ("Werkvertrag", "project"), ("süresiz", "ongoing"), ("SÜREKLİ", "ongoing"), (" Sürekli ", "ongoing"),
    ("project", "project"), ("Project", "project"), ("Projekt", "project"), ("PROJE", "project"),
    ("proje", "project"), ("", "ongoing"),
])
def test_contract_as_typed_in_three_languages(typed: str, meant: str) -> None:
    assert parse_record({"name": "Kim", "relationship": "client", "contract": typed}, "row 2").contract == meant


def test_contract_is_ongoing_unless_the_record_says_so() -> None:
    assert parse_record({"name": "Kim", "relationship": "client"}).contract == "ongoing"


@pytest.mark.parametrize("typed", ["weekly", "Werkvertrag?", 3, True, ["project"]])
def test_a_wrong_contract_names_the_field_and_the_accepted_values(typed: object) -> None:
    with pytest.raises(RecordError) as caught:
        parse_record({"name": "Kim", "contract": typed}, "row 3")
    message = str(caught.value)
    assert message.startswith("row 3: field 'contract' must be one of ongoing, project")
    assert "Projekt" in message and "süresiz" in message and "\n" not in message
    assert caught.value.field == "contract"


def test_a_toml_record_brings_the_contract_to_the_template(tmp_path: Path) -> None:
    style = team(tmp_path)
    record = tmp_path / "client.toml"
    record.write_text('name = "Kim Mayer"\nrelationship = "client"\ncontract = "Projekt"\n', encoding="utf-8")
    out = assert_letter(run("draft", "-r", "capacity", "-l", "en", "-c", str(record), "--style", style))
    assert "Contract: project." in out
    out = assert_letter(run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--relationship", "client",
                            "--style", style))
    assert "Contract: ongoing." in out


def test_a_wrong_contract_in_a_file_is_one_line(tmp_path: Path) -> None:
    record = tmp_path / "client.toml"
    record.write_text('name = "Kim Mayer"\ncontract = "monthly"\n', encoding="utf-8")
    assert_error(run("draft", "-r", "capacity", "-c", str(record)), 1, "client.toml", "'contract'",
                 "ongoing, project", "'monthly'")


@pytest.mark.parametrize("header, values", [
    ("name,relationship,contract", ("project", "retainer")),
    ("Name;Beziehung;Vertragsart", ("Projekt", "laufend")),
    ("Name;Beziehung;Vertrag", ("projekt", "Dauerauftrag")),
    ("Ad Soyad;İlişki;Sözleşme Türü", ("Proje", "süresiz")),
    ("Ad Soyad;İlişki;Sözleşme", ("PROJE", "SÜREKLİ")),
])
def test_a_sheet_brings_the_contract_in_de_en_and_tr(tmp_path: Path, header: str, values: tuple[str, str]) -> None:
    style = team(tmp_path)
    sep = ";" if ";" in header else ","
    rel = "client" if sep == "," else "Kunde" if "Beziehung" in header else "müşteri"
    rows = [header] + [sep.join((f"Kim Mayer {i}", rel, v)) for i, v in enumerate(values)]
    (tmp_path / "clients.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_in("batch", "clients.csv", "-r", "capacity", "-l", "en", "-d", "out", "--style", style,
                    "--date", "2026-12-01", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    letters = sorted((tmp_path / "out").glob("*.md"))
    assert len(letters) == 2
    assert "Contract: project." in read(letters[0])
    assert "Contract: ongoing." in read(letters[1])


def test_a_wrong_contract_in_a_sheet_names_row_and_field(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text("Name;Vertragsart\nKim Mayer;Wartungsvertrag\n", encoding="utf-8")
    result = run_in("batch", "clients.csv", "-r", "capacity", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "row 1" in result.stderr and "'contract'" in result.stderr and "ongoing, project" in result.stderr


# --- today, in_days and --date -----------------------------------------------------------------------

def test_date_sets_the_day_deadlines_are_counted_from(tmp_path: Path) -> None:
    style = team(tmp_path)
    args = ("draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer", "--style", style)
    assert "Please reply by 15 December 2026." in assert_letter(run(*args, "--date", "2026-12-01"))
    assert "Please reply by 3 January 2027." in assert_letter(run(*args, "--date", "2026-12-20"))
    before = datetime.date.today()
    out = assert_letter(run(*args))  # default: the real day (either side of a midnight in between)
    days = {d + datetime.timedelta(days=14) for d in (before, datetime.date.today())}
    assert any(f"Please reply by {d.day} " in out for d in days), out


@pytest.mark.parametrize("command", ["draft", "batch", "reply"])
@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "01.12.2026", "20261201", "2026-02-30", ""])
def test_a_bad_date_is_one_line_naming_the_option(tmp_path: Path, command: str, value: str) -> None:
    args = {"draft": ["draft", "-r", "capacity", "--name", "Kim"],
            "batch": ["batch", str(tmp_path / "none.csv"), "-r", "capacity", "-d", str(tmp_path / "out")],
            "reply": ["reply", str(tmp_path / "none.eml"), "-r", "capacity"]}[command]
    assert_error(run(*args, "--date", value), 2, "'--date'", "YYYY-MM-DD")
    assert not (tmp_path / "out").exists()


def test_batch_and_reply_take_the_date(tmp_path: Path) -> None:
    style = team(tmp_path)
    (tmp_path / "clients.csv").write_text("name\nKim Mayer\n", encoding="utf-8")
    result = run_in("batch", "clients.csv", "-r", "capacity", "-l", "en", "-d", "out", "--style", style,
                    "--date", "2026-12-01", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Please reply by 15 December 2026." in read(next((tmp_path / "out").glob("*.md")))
    message = tmp_path / "in.eml"
    message.write_bytes(b"From: Kim Mayer <kim@example.com>\r\nSubject: Website\r\nMessage-ID: <1@x>\r\n\r\n"
                        b"Hello, could you build our website? Thanks, Kim\r\n")
    out = assert_letter(run("reply", str(message), "-r", "capacity", "-l", "en", "-f", "md", "--style", style,
                            "--date", "2026-12-20"))
    assert "Please reply by 3 January 2027." in out


def test_draft_takes_today_and_the_memo_keeps_days_apart(tmp_path: Path) -> None:
    eng = engine(tmp_path)
    record = {"name": "Kim Mayer"}
    first = draft("capacity", record, lang="en", engine=eng, today=datetime.date(2026, 12, 1)).text
    second = draft("capacity", record, lang="en", engine=eng, today=datetime.date(2027, 2, 20)).text
    assert "15\u00a0December\u00a02026" in first and "6\u00a0March\u00a02027" in second
    assert "15\u00a0December\u00a02026" in draft("capacity", record, lang="en", engine=eng,
                                                 today=datetime.date(2026, 12, 1)).text


@pytest.mark.parametrize("call", ['today|in_days("14")', "today|in_days(1.5)", "today|in_days(true)",
                                  '"2026-12-01"|in_days(14)', "today|in_days(10**9)"])
def test_in_days_with_a_wrong_value_is_a_template_error(tmp_path: Path, call: str) -> None:
    style = team(tmp_path, PROBE.replace("today|in_days(14)", call))
    line = assert_error(run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--style", style,
                            "--date", "2026-12-01"), 1, "capacity/en.md.j2", "in_days")
    assert ":3:" in line  # the template's line


def test_in_days_on_a_date_of_the_record(tmp_path: Path) -> None:
    style = team(tmp_path, PROBE.replace("today|in_days(14)", "client.end_date|in_days(-1)"))
    out = assert_letter(run("draft", "-r", "capacity", "-l", "en", "--name", "Kim", "--relationship", "client",
                            "-c", str(_record(tmp_path, 'end_date = "2026-12-31"')), "--style", style))
    assert "Please reply by 30 December 2026." in out


def _record(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "record.toml"
    path.write_text(body + "\n", encoding="utf-8")
    return path


# --- check: a fixed day, and a project variant ---------------------------------------------------

def test_check_renders_with_a_fixed_day_and_a_project_variant(tmp_path: Path) -> None:
    ok = sharing_reads(engine(tmp_path))  # the built-in templates as check() read them, once a process
    assert check(ok).ok, check(ok).format_text()
    broken = engine(tmp_path / "b", PROBE.replace(
        "{% endblock %}", '{% if client.contract == "project" %}{{ no_such_name }}{% endif %}\n{% endblock %}'))
    report = check(sharing_reads(broken))
    assert not report.ok
    text = report.format_text()
    assert "no_such_name" in text and "project" in text
