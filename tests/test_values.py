"""Values as people type them, in every entry point: yes/no, salutations, relationships,
dates and amounts in German, English and Turkish."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from refusalkit import draft
from refusalkit.cli import cli
from refusalkit.errors import RecordError
from refusalkit.records import parse_record

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py


@pytest.mark.parametrize("typed, meant", [
    ("ja", True), ("Nein", False), ("WAHR", True), ("FALSCH", False), ("evet", True), ("EVET", True),
    ("Hayır", False), ("HAYIR", False), ("hayir", False), ("DOĞRU", True), ("YANLIŞ", False),
    ("yes", True), ("No", False), ("true", True), ("False", False), ("1", True), ("0", False),
    ("x", True), ("X", True), (" ja ", True),
])
def test_yes_and_no_in_three_languages(typed: str, meant: bool) -> None:
    assert parse_record({"name": "Kim", "formal": typed, "notice": typed}, "row 2")[5:6] == (meant,)
    assert parse_record({"name": "Kim", "notice": typed}).notice is meant
    assert parse_record({"name": "Kim", "access": typed}).access is meant


def test_access_is_off_unless_the_record_says_so_and_a_wrong_value_names_the_field() -> None:
    assert parse_record({"name": "Kim"}).access is False
    with pytest.raises(RecordError, match=r"^row 3: field 'access' must be yes or no .*'maybe'"):
        parse_record({"name": "Kim", "access": "maybe"}, "row 3")


def test_an_empty_yes_no_is_the_default_and_a_wrong_one_names_the_field() -> None:
    assert parse_record({"name": "Kim", "formal": "", "notice": " "}).formal is True
    with pytest.raises(RecordError, match=r"^row 4: field 'formal' must be yes or no .*'vielleicht'"):
        parse_record({"name": "Kim", "formal": "vielleicht"}, "row 4")


@pytest.mark.parametrize("typed, salutation, title", [
    ("Herr", "mr", None), ("Frau", "ms", None), ("Hr.", "mr", None), ("Fr.", "ms", None), ("Mr", "mr", None),
    ("Mrs.", "ms", None), ("Ms", "ms", None), ("Miss", "ms", None), ("Bay", "mr", None), ("Bayan", "ms", None),
    ("Hanım", "ms", None), ("HANIM", "ms", None), ("Bey", "mr", None), ("Herr Dr.", "mr", "Dr."),
    ("Frau Prof. Dr.", "ms", "Prof. Dr."), ("Dr.", "none", "Dr."), ("divers", "none", None),
])
def test_salutations_as_typed(typed: str, salutation: str, title: str | None) -> None:
    client = parse_record({"name": "Kim Mayer", "salutation": typed})
    assert (client.salutation, client.title) == (salutation, title)


def test_a_salutation_in_the_title_field_as_outlook_writes_it() -> None:
    assert parse_record({"name": "John Smith", "title": "Mr."})[3:5] == (None, "mr")
    assert parse_record({"name": "Inge Weiß", "title": "Frau Dr."})[3:5] == ("Dr.", "ms")


@pytest.mark.parametrize("typed, relationship", [("Kunde", "client"), ("müşteri", "client"),
                                                  ("Interessent", "prospect"), ("aday", "prospect")])
def test_relationships_as_typed(typed: str, relationship: str) -> None:
    assert parse_record({"name": "Kim", "relationship": typed}).relationship == relationship


@pytest.mark.parametrize("typed, locale, amount", [
    ("1.234,50", "de", "1234.50"), ("1.234", "de", "1234"), ("1.234", "tr", "1234"), ("1.234", "en", "1.234"),
    ("1,234.50", "en", "1234.50"), ("1234.50", "de", "1234.50"), ("1234,5", "de", "1234.5"),
    ("1.234,50", None, "1234.50"), ("1,234.50", None, "1234.50"), ("99,90", None, "99.90"), ("1234", None, "1234"),
    ("1,234.50", "de", "1234.50"),  # only one reading exists
])
def test_amounts_by_locale(typed: str, locale: str | None, amount: str) -> None:
    client = parse_record({"name": "Kim", "amount_due": typed, "currency": "KWD"}, locale=locale)
    assert client.amount_due == Decimal(amount)


@pytest.mark.parametrize("typed, german", [("1.234", "1234"), ("1,234", "1.234"), ("12.500", "12500")])
def test_an_ambiguous_amount_without_a_locale_is_an_error(typed: str, german: str) -> None:
    with pytest.raises(RecordError, match=r"^row 3: field 'amount_due' is ambiguous"):
        parse_record({"name": "Kim", "amount_due": typed, "currency": "KWD"}, "row 3")
    # the record's own language decides
    assert parse_record({"name": "Kim", "amount_due": typed, "currency": "KWD", "language": "de"}).amount_due \
        == Decimal(german)


def test_every_entry_point_reads_a_german_amount(tmp_path) -> None:
    letter = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "amount_due": "1.234,50",
                                  "currency": "EUR"}, lang="de")
    assert "1.234,50\u00a0€" in letter.text
    letter = draft("nonpayment", {"name": "Kim Mayer", "relationship": "client", "amount_due": "1.234",
                                  "currency": "EUR"}, lang="de")
    assert "1.234,00\u00a0€" in letter.text
    (tmp_path / "kim.toml").write_text('name = "Kim Mayer"\nrelationship = "Kunde"\nformal = "nein"\n'
                                       'amount_due = "1.234,50"\ncurrency = "EUR"\nsalutation = "Frau"\n'
                                       'end_date = "31.12.2026"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "-r", "nonpayment", "-l", "de", "-c", str(tmp_path / "kim.toml")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hallo Kim,") and "1.234,50\u00a0€" in result.stdout
    record = {"name": "Ayşe Yılmaz", "relationship": "müşteri", "formal": "HAYIR", "amount_due": "1.234",
              "currency": "TRY", "salutation": "Hanım"}
    result = CliRunner().invoke(cli, ["draft", "-r", "nonpayment", "-l", "tr", "-c", "-"], input=json.dumps(record))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Merhaba Ayşe,") and "1.234,00" in result.stdout
    result = CliRunner().invoke(cli, ["draft", "-r", "capacity", "-l", "en", "--name", "Kim Mayer",
                                      "--salutation", "Frau"])
    assert result.stdout.startswith("Dear Ms Mayer,")


@pytest.mark.parametrize("typed, code", [("Deutsch", "de"), ("de-DE", "de"), ("tr_TR", "tr"), ("TÜRKÇE", "tr"),
                                         ("Englisch", "en"), ("EN", "en")])
def test_languages_as_a_sheet_writes_them(typed: str, code: str) -> None:
    assert parse_record({"name": "Kim", "language": typed}).language == code
    letter = draft("capacity", {"name": "Kim Mayer", "language": typed})
    assert letter.lang == code
