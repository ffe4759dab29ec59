"""Spreadsheets and contact files as people really have them: German and Turkish Excel,
Outlook and Google Contacts exports, vCards. Every row is a letter, with the right
salutation and To."""

from __future__ import annotations

import email
from decimal import Decimal
from email import policy
from pathlib import Path
from typing import Any

import pytest

from refusalkit import draft

from .helpers import run_in as run

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py

SHEETS = Path(__file__).parent / "data" / "sheets"
CARDS = Path(__file__).parent / "data" / "cards"


def drafts(folder: Path) -> list[tuple[str, str, str]]:
    """(To display name, To address, plain text) of every eml in `folder`, in file order."""
    out = []
    for path in sorted(folder.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        to = msg["To"].addresses[0] if msg["To"] else None
        out.append((to.display_name if to else "", to.addr_spec if to else "",
                    msg.get_body(("plain",)).get_content()))
    return out


def check(folder: Path, expected: list[tuple[dict[str, Any], str]], reason: str) -> None:
    """Each written draft goes to the expected client and greets as the same record typed
    the canonical way (ms/mr, true/false, 1234.50) does."""
    got = drafts(folder)
    assert len(got) == len(expected)
    for (name, address, text), (record, lang) in zip(got, expected):
        want = draft(reason, record, lang=lang)
        assert (name, address) == (want.client.name, record["email"])
        assert text.splitlines()[0] == want.text.splitlines()[0]
        if "amount_due" in record:
            # the line with the amount, compared word by word (however the text part wraps it)
            amount_line = next(line for line in want.text.splitlines() if any(c.isdigit() for c in line))
            assert " ".join(amount_line.split()) in " ".join(text.split())


def client(name: str, email: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "email": email, "relationship": "client", **fields}


def test_german_excel_export(tmp_path: Path) -> None:
    # Windows-1252, ";", CRLF, WAHR/FALSCH/ja/nein, Anrede Herr/Frau, Titel, E-Mail, Betrag 1.234,50, Kunde
    result = run("batch", str(SHEETS / "german-excel.csv"), "-r", "nonpayment", "-l", "de", "-d", "out",
                 "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("5 written, 0 failed")
    assert "column 'Kundennummer' is no field refusalkit knows" in result.stderr
    check(tmp_path / "out", [
        (client("Jürgen Müller", "juergen.mueller@example.de", salutation="mr", company="Müller & Söhne GmbH",
                amount_due=Decimal("1234.50"), currency="EUR"), "de"),
        # "1.234" in a German file is 1234, never 1.234
        (client("Inge Weiß", "inge.weiss@example.de", salutation="ms", title="Dr.", company="Weiß Consulting",
                amount_due=Decimal("1234"), currency="EUR"), "de"),
        (client("Anna Schäfer", "anna@example.de", salutation="ms", formal=False,
                amount_due=Decimal("99.90"), currency="EUR"), "de"),
        (client("Ludwig van Beethoven", "ludwig@example.de", salutation="mr",
                amount_due=Decimal("12500"), currency="EUR"), "de"),
        (client("Grete Öztürk", "grete@example.de", salutation="ms", formal=False,
                amount_due=Decimal("0.5"), currency="EUR"), "de"),
    ], "nonpayment")
    first = drafts(tmp_path / "out")[0][2]
    assert first.startswith("Sehr geehrter Herr Müller,") and "1.234,50\u00a0€" in first
    assert drafts(tmp_path / "out")[1][2].startswith("Sehr geehrte Frau Dr. Weiß,")


@pytest.mark.parametrize("sheet, lang, greeting", [("german-excel.csv", None, "Sehr geehrter Herr Müller,"),
                                                    ("german-excel.csv", "en", "Dear Mr Müller,"),
                                                    # ROUND56-tr item 3: a formal client letter names the
                                                    # addressee in full ("Ahmet Bey," to a prospect)
                                                    ("turkish-excel-cp1254.csv", None, "Sayın Ahmet Yılmaz,")])
def test_a_sheet_in_german_or_turkish_is_written_to_in_its_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     sheet: str, lang: str | None, greeting: str) -> None:
    """A sheet whose column names are German ("Anrede", "Betrag") or Turkish ("Hitap", "Tutar")
    gets letters in that language on a machine whose locale says nothing (C), unless --lang
    (or a row's language, or the house style) says otherwise."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")
    result = run("batch", str(SHEETS / sheet), "-r", "capacity", "-d", "out", "-f", "eml",
                 *(("-l", lang) if lang else ()), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert drafts(tmp_path / "out")[0][2].startswith(greeting)


@pytest.mark.parametrize("sheet", ["turkish-excel-cp1254.csv"])
def test_turkish_excel_export_in_windows_1254(tmp_path: Path, sheet: str) -> None:
    # Hitap Bay/Hanım/Bayan, Evet/Hayır in any case, E-posta, Şirket, Tutar 1.234,50
    result = run("batch", str(SHEETS / sheet), "-r", "nonpayment", "-l", "tr", "-d", "out", "-f", "eml",
                 cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Windows-1254 (Turkish)" in result.stderr and "warning" not in result.stderr
    check(tmp_path / "out", [
        (client("Ahmet Yılmaz", "ahmet.yilmaz@example.com.tr", salutation="mr", company="Yılmaz İnşaat",
                amount_due=Decimal("1234.50"), currency="TRY"), "tr"),
        (client("Ayşe Kılıç", "ayse@example.com.tr", salutation="ms", amount_due=Decimal("2500"), currency="TRY"), "tr"),
        (client("Çağrı Işık", "cagri@example.com.tr", salutation="mr", formal=False, company="Işık Yazılım",
                amount_due=Decimal("750.25"), currency="TRY"), "tr"),
        (client("Şule Güneş", "sule@example.com.tr", salutation="ms", formal=False,
                amount_due=Decimal("10000"), currency="TRY"), "tr"),
    ], "nonpayment")
    assert drafts(tmp_path / "out")[0][2].startswith("Sayın Ahmet Yılmaz,")  # ROUND56-tr item 3: a client, named in full


def test_turkish_excel_export_in_utf8_with_bom(tmp_path: Path) -> None:
    # one "Ad Soyad" column, Unvan, Dil, Hitap after the name's own words
    result = run("batch", str(SHEETS / "turkish-excel-utf8-bom.csv"), "-r", "capacity", "-d", "out", "-f", "eml",
                 cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    check(tmp_path / "out", [
        ({"name": "Mehmet Ali Birand", "email": "mehmet.ali@example.com.tr", "salutation": "mr"}, "tr"),
        ({"name": "Zeynep Çelik", "email": "zeynep@example.com.tr", "salutation": "ms", "title": "Doç. Dr."}, "tr"),
        ({"name": "İlker İnce", "email": "ilker@example.com.tr", "salutation": "mr", "formal": False}, "tr"),
        ({"name": "Gül Aydın", "email": "gul@example.com.tr", "salutation": "ms", "formal": False}, "tr"),
    ], "capacity")


def test_outlook_export(tmp_path: Path) -> None:
    # Outlook's 90 columns: Title (Mr./Dr./Ms.), First/Middle/Last Name, E-mail Address or only E-mail 2
    result = run("batch", str(SHEETS / "outlook-export.csv"), "-r", "capacity", "-l", "en", "-d", "out", "-f", "eml",
                 cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "'Suffix'" in warnings[0] and "more" in warnings[0]
    check(tmp_path / "out", [
        ({"name": "John Smith", "email": "john.smith@example.com", "salutation": "mr", "company": "Smith, Jones & Co"}, "en"),
        ({"name": "Jane Q. Doe", "first_name": "Jane", "surname": "Doe", "email": "jane@doe.example",
          "title": "Dr."}, "en"),
        ({"name": "María García", "email": "maria@garcia.example", "salutation": "ms"}, "en"),
    ], "capacity")
    assert [text.splitlines()[0] for _, _, text in drafts(tmp_path / "out")] == [
        "Dear Mr Smith,", "Dear Dr Doe,", "Dear Ms García,"]


def test_google_contacts_export(tmp_path: Path) -> None:
    # Name + Given/Family Name, Name Prefix, "E-mail 1 - Value" with two addresses joined by " ::: "
    result = run("batch", str(SHEETS / "google-contacts.csv"), "-r", "capacity", "-l", "en", "-d", "out", "-f", "eml",
                 cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    check(tmp_path / "out", [
        ({"name": "Kim Mayer", "email": "kim@mayer.example", "company": "Mayer Design"}, "en"),
        ({"name": "Priya Sharma", "email": "priya@sharma.example", "salutation": "ms"}, "en"),
        ({"name": "Tom O'Brien", "email": "tom@obrien.example", "salutation": "mr"}, "en"),
    ], "capacity")


def test_map_names_the_rest_and_a_wrong_map_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("Kundenname;Mail;Anrede\nJürgen Müller;jm@example.de;Herr\n", encoding="utf-8")
    result = run("batch", "c.csv", "-r", "capacity", "-l", "de", "-d", "out", "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 1 and "no name column" in result.stderr and "--map" in result.stderr
    result = run("batch", "c.csv", "-r", "capacity", "-l", "de", "-d", "out", "-f", "eml",
                 "--map", "Kundenname=name", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    ((name, address, text),) = drafts(tmp_path / "out")
    assert (name, address) == ("Jürgen Müller", "jm@example.de") and text.startswith("Sehr geehrter Herr Müller,")
    # a mapped field wins over a column that gives it by its name
    (tmp_path / "d.csv").write_text("Name;Kundenname;E-Mail\nMüller GmbH;Jürgen Müller;jm@example.de\n",
                                    encoding="utf-8")
    result = run("batch", "d.csv", "-r", "capacity", "-l", "de", "-d", "out3", "--map", "Kundenname=name",
                 "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert drafts(tmp_path / "out3")[0][:2] == ("Jürgen Müller", "jm@example.de")
    bad = run("batch", "c.csv", "-r", "capacity", "-d", "out2", "--map", "Kunde=name", cwd=tmp_path)
    assert bad.exit_code == 2 and len(bad.stderr.splitlines()) == 1 and "no column 'kunde'" in bad.stderr
    bad = run("batch", "c.csv", "-r", "capacity", "-d", "out2", "--map", "Kundenname=nam", cwd=tmp_path)
    assert bad.exit_code == 2 and "'nam' is not a field" in bad.stderr


def test_eml_rows_without_an_address_are_counted(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("name,email\nKim Mayer,kim@example.com\nAnna Roth,\nBen Weber,\n", encoding="utf-8")
    result = run("batch", "c.csv", "-r", "capacity", "-l", "en", "-d", "out", "-f", "eml", cwd=tmp_path)
    assert result.exit_code == 0
    assert "2 of the eml drafts have no recipient" in result.stderr


def test_an_ambiguous_amount_is_an_error_naming_field_and_row(tmp_path: Path) -> None:
    # an English header says nothing about how the file writes numbers: "1.234" could be either
    (tmp_path / "c.csv").write_text("name,relationship,amount_due,currency\nKim Mayer,client,1.234,EUR\n"
                                    "Ben Weber,client,\"1,234.50\",EUR\n", encoding="utf-8")
    result = run("batch", "c.csv", "-r", "nonpayment", "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "row 1" in errors[0] and "'amount_due' is ambiguous" in errors[0]
    assert result.stdout.startswith("1 written, 1 failed")


NO_CURRENCY = ("batch", str(SHEETS / "german-excel-no-currency.csv"), "-r", "nonpayment", "-l", "de", "-f", "eml")


def test_an_amount_column_without_currency_is_one_error_before_any_row(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # "Offener Betrag" but no "Währung", no --currency, no default: one line, never "currency required" per row
    monkeypatch.setenv("REFUSALKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("REFUSALKIT_STYLE", raising=False)
    result = run(*NO_CURRENCY, "-d", "out", cwd=tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("refusalkit: error:")]
    assert len(errors) == 1, result.stderr
    assert "'Offener Betrag'" in errors[0] and "'Währung'" in errors[0] and "--currency EUR" in errors[0]
    assert "setup --currency" in errors[0]
    assert not (tmp_path / "out").exists()  # nothing written, not even the folder


def test_batch_currency_and_the_setups_default_currency_give_every_row_its_amount(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSALKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("REFUSALKIT_STYLE", raising=False)
    expected = [
        (client("Jürgen Müller", "juergen.mueller@example.de", salutation="mr",
                amount_due=Decimal("1234.50"), currency="EUR"), "de"),
        (client("Anna Schäfer", "anna@example.de", salutation="ms", formal=False,
                amount_due=Decimal("99.90"), currency="EUR"), "de"),
        (client("Inge Weiß", "inge.weiss@example.de", salutation="ms"), "de"),
    ]
    result = run(*NO_CURRENCY, "-d", "out", "--currency", "eur", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout.startswith("3 written, 0 failed"), result.stderr
    check(tmp_path / "out", expected, "nonpayment")
    assert "1.234,50 €" in " ".join(drafts(tmp_path / "out")[0][2].split())
    bad = run(*NO_CURRENCY, "-d", "bad", "--currency", "EURO", cwd=tmp_path)
    assert bad.exit_code == 2 and "--currency 'EURO'" in bad.stderr and not (tmp_path / "bad").exists()
    # set once in the setup, every later batch (and draft) takes it
    assert run("setup", "--no-input", "--name", "Anna Berger", "--currency", "EUR", cwd=tmp_path).exit_code == 0
    again = run(*NO_CURRENCY, "-d", "again", cwd=tmp_path)
    assert again.exit_code == 0 and again.stdout.startswith("3 written, 0 failed"), again.stderr
    check(tmp_path / "again", expected, "nonpayment")
    record = tmp_path / "k.toml"
    record.write_text('name = "Kim"\nrelationship = "client"\namount_due = "1.234,50"\n', encoding="utf-8")
    one = run("draft", "-r", "nonpayment", "-l", "de", "-c", str(record), "-f", "text", cwd=tmp_path)
    assert one.exit_code == 0 and "1.234,50 €" in " ".join(one.stdout.split()), one.stderr
