"""Names as people type them, and the greetings they give (issue 14, points 1, 8, 9)."""

from __future__ import annotations

import pytest

from refusalkit import draft
from refusalkit.records import parse_record

from .helpers import cli_letter

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py


def greeting(lang: str, name: str | None, **record: object) -> str:
    data = {**record} if name is None else {"name": name, **record}
    return draft("capacity", data, lang=lang).markdown.splitlines()[0]


@pytest.mark.parametrize("typed, name, first, surname", [
    ("Müller, Anna", "Anna Müller", "Anna", "Müller"),  # the CRM / Outlook form
    ("VAN DER BERG, JAN", "Jan van der Berg", "Jan", "van der Berg"),
    ("O'Brien, Seán", "Seán O'Brien", "Seán", "O'Brien"),
    ("Frau Anna Müller", "Anna Müller", "Anna", "Müller"),
    ("Herr Dr. Jonas Weber", "Jonas Weber", "Jonas", "Weber"),
    ("Mrs. Jane Smith", "Jane Smith", "Jane", "Smith"),
    ("ŞEYMA IŞIK", "Şeyma Işık", "Şeyma", "Işık"),  # Turkish capitals: I is ı, never "Işik"
    ("JÜRGEN MÜLLER", "Jürgen Müller", "Jürgen", "Müller"),
    ("MEHMET ALİ BİRAND", "Mehmet Ali Birand", "Mehmet Ali", "Birand"),
    ("Mehmet Ali Birand", "Mehmet Ali Birand", "Mehmet Ali", "Birand"),
    ("Ayşe Nur Yılmaz", "Ayşe Nur Yılmaz", "Ayşe Nur", "Yılmaz"),
    ("Ludwig van Beethoven", "Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Johann Wolfgang von Goethe", "Johann Wolfgang von Goethe", "Johann Wolfgang", "von Goethe"),
    ("Van Morrison", "Van Morrison", "Van", "Morrison"),  # a first word is never a particle
    ("Dr. Öğr. Üyesi Zeynep Çelik", "Zeynep Çelik", "Zeynep", "Çelik"),
    ("Frau Prof. Dr. Inge Weiß", "Inge Weiß", "Inge", "Weiß"),
    ("Smith, Jr.", "Smith", "Smith", "Smith"),  # a suffix after the comma is no given name
])
def test_name_as_typed(typed: str, name: str, first: str, surname: str) -> None:
    client = parse_record({"name": typed})
    assert (client.name, client.first_name, client.surname) == (name, first, surname)


@pytest.mark.parametrize("typed, salutation, title", [
    ("Frau Anna Müller", "ms", None),
    ("Herr Dr. Jonas Weber", "mr", "Dr."),
    ("Mr John Smith", "mr", None),
    ("Ms. Jane Smith", "ms", None),
    ("Ayşe Hanım", "ms", None),
    ("Mehmet Ali Bey", "mr", None),
    ("Frau Prof. Dr. Inge Weiß", "ms", "Prof. Dr."),
    ("Doç. Dr. Ahmet Kaya", "none", "Doç. Dr."),
    ("Av. Ahmet Kaya", "none", "Av."),
    ("Sayın Op. Dr. Can Ak", "none", "Op. Dr."),
    ("Avery Smith", "none", None),  # "Av" needs its dot to be a title
])
def test_typed_salutation_and_title_are_taken_out(typed: str, salutation: str, title: str | None) -> None:
    client = parse_record({"name": typed})
    assert (client.salutation, client.title) == (salutation, title)


def test_record_fields_win_over_what_is_typed() -> None:
    client = parse_record({"name": "Frau Dr. Anna Müller", "salutation": "none", "title": "Prof."})
    assert (client.salutation, client.title, client.name) == ("none", "Prof.", "Anna Müller")
    client = parse_record({"name": "María José García", "first_name": "María José"})
    assert (client.first_name, client.surname) == ("María José", "García")
    client = parse_record({"name": "Ana García López", "surname": "García López"})
    assert (client.first_name, client.surname) == ("Ana", "García López")


@pytest.mark.parametrize("lang, typed, expected", [
    ("de", "Müller, Anna", "Guten Tag Anna Müller,"),
    ("de", "Frau Anna Müller", "Sehr geehrte Frau Müller,"),
    ("de", "Frau Müller", "Sehr geehrte Frau Müller,"),  # one word after "Frau" is a surname
    ("de", "Ludwig van Beethoven", "Guten Tag Ludwig van Beethoven,"),
    ("de", "Herr Ludwig van Beethoven", "Sehr geehrter Herr van Beethoven,"),
    ("de", "Frau Prof. Dr. Inge Weiß", "Sehr geehrte Frau Prof. Dr. Weiß,"),
    ("en", "Mrs Jane Smith", "Dear Ms Smith,"),
    ("en", "VAN DER BERG, JAN", "Dear Jan van der Berg,"),
    ("tr", "Mehmet Ali Birand Bey", "Mehmet Ali Birand Bey,"),
    ("tr", "Ayşe Hanım", "Ayşe Hanım,"),
    ("tr", "ŞEYMA IŞIK", "Sayın Şeyma Işık,"),
])
def test_greeting_from_a_typed_name(lang: str, typed: str, expected: str) -> None:
    assert greeting(lang, typed) == expected


def test_surname_first_form() -> None:
    assert greeting("de", "Müller, Anna", salutation="ms") == "Sehr geehrte Frau Müller,"  # not "Frau Anna,"
    assert greeting("de", "Müller, Anna", formal=False) == "Hallo Anna,"  # not "Hallo Müller,,"


@pytest.mark.parametrize("lang, salutation, expected", [
    ("tr", "mr", "Mehmet Ali Bey,"),  # the given name is everything before the surname
    ("tr", "ms", "Mehmet Ali Hanım,"),
    ("de", "mr", "Sehr geehrter Herr Birand,"),
])
def test_double_given_name(lang: str, salutation: str, expected: str) -> None:
    assert greeting(lang, "Mehmet Ali Birand", salutation=salutation) == expected
    assert greeting("tr", "Ayşe Nur Yılmaz", salutation="ms") == "Ayşe Nur Hanım,"


def test_first_name_option_for_the_exceptions() -> None:
    out = cli_letter("-r", "capacity", "-l", "tr", "--name", "Ali Rıza Kaya Demir", "--first-name", "Ali Rıza",
                     "--salutation", "mr")
    assert out.startswith("Ali Rıza Bey,\n")
    out = cli_letter("-r", "capacity", "-l", "de", "--name", "Ali Rıza Kaya Demir", "--first-name", "Ali Rıza",
                     "--salutation", "mr")
    assert out.startswith("Sehr geehrter Herr Kaya Demir,\n")


@pytest.mark.parametrize("lang, salutation, expected", [
    ("en", "ms", "Dear Jane,"),  # never "Dear Ms Jane,"
    ("en", "none", "Dear Jane,"),
    ("de", "ms", "Guten Tag Jane,"),  # never "Sehr geehrte Frau Jane,"
    ("tr", "ms", "Jane Hanım,"),  # Hanım / Bey go with the given name anyway
    ("tr", "none", "Sayın Jane,"),
])
def test_only_a_given_name(lang: str, salutation: str, expected: str) -> None:
    assert greeting(lang, "Jane", salutation=salutation) == expected


def test_only_a_surname_informal_greets_without_it() -> None:
    assert greeting("de", "Frau Müller", formal=False) == "Hallo,"  # never "Hallo Müller,"


@pytest.mark.parametrize("typed, expected", [
    ("Doç. Dr. Ahmet Kaya", "Sayın Doç. Dr. Ahmet Kaya,"),
    ("Doç. Ahmet Kaya", "Sayın Doç. Ahmet Kaya,"),
    ("Av. Ahmet Kaya", "Sayın Av. Ahmet Kaya,"),
    ("Prof. Dr. Ayşe Yılmaz", "Sayın Prof. Dr. Ayşe Yılmaz,"),
    ("Dr. Öğr. Üyesi Zeynep Çelik", "Sayın Dr. Öğr. Üyesi Zeynep Çelik,"),
    ("Op. Dr. Can Ak", "Sayın Op. Dr. Can Ak,"),
    ("Uzm. Dr. Elif Su", "Sayın Uzm. Dr. Elif Su,"),
    ("Dr. Elif Su", "Sayın Dr. Elif Su,"),
])
def test_turkish_titles_are_kept_in_turkish(typed: str, expected: str) -> None:
    for salutation in ("none", "ms", "mr"):
        assert greeting("tr", typed, salutation=salutation) == expected


@pytest.mark.parametrize("lang, title, expected", [
    ("de", "Doç. Dr.", "Sehr geehrter Herr Dr. Kaya,"),  # DIN 5008: only Dr. and Prof.
    ("de", "Av.", "Sehr geehrter Herr Kaya,"),
    ("de", "Doç.", "Sehr geehrter Herr Kaya,"),
    ("en", "Doç. Dr.", "Dear Dr Kaya,"),  # British: no dot
    ("en", "Op. Dr.", "Dear Dr Kaya,"),
])
def test_other_languages_keep_their_own_title_rule(lang: str, title: str, expected: str) -> None:
    assert greeting(lang, "Ahmet Kaya", salutation="mr", title=title) == expected
