"""The page of `refusalkit serve` in the user's language (refusalkit/serve/page.py): the language
it negotiates from Accept-Language and the switch's cookie, <html lang>, its texts and the
reasons in every letter language, and its catalogs in step with the sources.

The page end to end in Chromium, in de-DE and tr-TR, is in tests/test_serve.py."""

from __future__ import annotations

import http.client
import json
import re
import functools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from refusalkit import reasons
from refusalkit.api import default_engine
from refusalkit.i18n import translations
from refusalkit.serve import make_server
from refusalkit.serve.page import accepted_languages, negotiate

pytestmark = pytest.mark.usefixtures("shared_engine")  # one built-in Engine: tests/conftest.py
# shutdown() waits for the serving thread's next look at its flag: every 0.5 s by default
FAST_SHUTDOWN = {"poll_interval": 0.02}

ROOT = Path(__file__).resolve().parent.parent
PAGE_CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/page.po"))


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    srv = make_server(default_engine(), "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, kwargs=FAST_SHUTDOWN, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def get(server: Any, path: str, **headers: str) -> tuple[dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}", **headers})
        response = conn.getresponse()
        assert response.status == 200
        return {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8")
    finally:
        conn.close()


def html_lang(page: str) -> str:
    m = re.search(r'<html lang="([^"]+)">', page)
    assert m, page[:200]
    return m[1]


# --- which language --------------------------------------------------------------------------


@pytest.mark.parametrize("header,expected", [
    ("de-DE,de;q=0.9,en;q=0.8", "de"),
    ("tr-TR,tr;q=0.9", "tr"),
    ("de-AT", "de"),
    ("en;q=0.5, tr;q=0.9", "tr"),            # by weight, not by order
    ("fr-FR, tr;q=0.1", "tr"),              # the first the page has
    ("fr-FR, it", "en"),                    # none it has: English
    ("de;q=0, en-GB", "en"),                # q=0 means "not this one"
    ("", "en"),
    ("*", "en"),
    (";q=x,,de-DE;q=abc, tr", "tr"),        # broken parts are passed over
])
def test_the_page_follows_accept_language(server: Any, header: str, expected: str) -> None:
    assert negotiate(["de", "en", "tr"], header) == expected
    head, page = get(server, "/", **{"Accept-Language": header})
    assert html_lang(page) == expected and head["content-language"] == expected
    assert "Accept-Language" in head["vary"] and "Cookie" in head["vary"]


def test_accepted_languages_sort_by_weight() -> None:
    assert accepted_languages("en;q=0.5, de-DE, tr;q=0.8") == ["de-de", "tr", "en"]
    assert accepted_languages(None) == []


def test_the_switch_wins_over_the_browser(server: Any) -> None:
    head, page = get(server, "/", **{"Accept-Language": "de-DE", "Cookie": "x=1; refusalkit-lang=tr"})
    assert html_lang(page) == "tr" and '<option value="tr" lang="tr" selected>Türkçe</option>' in page
    # a language the page does not have is no choice: the browser's again
    _, page = get(server, "/", **{"Accept-Language": "de-DE", "Cookie": "refusalkit-lang=xx"})
    assert html_lang(page) == "de"
    # the options the script builds the form from follow the same choice
    _, body = get(server, "/api/options", **{"Accept-Language": "de-DE", "Cookie": "refusalkit-lang=tr"})
    assert json.loads(body)["page"]["lang"] == "tr"


# --- what it says ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "tr"])
def test_labels_hints_and_buttons_are_translated(server: Any, lang: str) -> None:
    catalog = read_po((ROOT / "locales" / f"{lang}_{lang.upper()}" / "LC_MESSAGES" / "page.po").open("rb"))
    _, page = get(server, "/", **{"Accept-Language": lang})
    for msgid in ("Reason", "Letter language", "Copy for email", "(TOML or JSON; or drop it anywhere on the page)"):
        translated = catalog.get(msgid).string
        assert translated and translated != msgid
        assert f">{translated}<" in page.replace("&#34;", '"').replace("&#39;", "'"), msgid
    # the page's words, never the English ones, and no hint naming every language's pronouns
    assert ">Copy for email<" not in page and "Sie, siz" not in page
    _, body = get(server, "/api/options", **{"Accept-Language": lang})
    texts = json.loads(body)["page"]["texts"]
    assert texts["up_to_date"] == catalog.get("The draft shows what you entered.").string


def test_language_names_are_in_the_page_language(server: Any) -> None:
    names = {lang: [item["name"] for item in json.loads(get(server, "/api/options", **{"Accept-Language": lang})[1])
                    ["languages"]] for lang in ("de", "en", "tr")}
    assert names == {"de": ["Deutsch", "Englisch", "Türkisch"], "en": ["German", "English", "Turkish"],
                     "tr": ["Almanca", "İngilizce", "Türkçe"]}


def test_reasons_come_in_every_letter_language(server: Any) -> None:
    engine = default_engine()
    options = json.loads(get(server, "/api/options")[1])
    for item in options["reasons"]:
        found = reasons.find(engine.path, item["id"])
        for code, language in engine.languages.items():
            trans = translations(language)
            assert item["titles"][code] == trans.gettext(found.title)
            assert item["descriptions"][code] == trans.gettext(found.description)
    capacity = next(item for item in options["reasons"] if item["id"] == "capacity")
    assert len({capacity["titles"][c] for c in ("de", "en", "tr")}) == 3  # translated, not English thrice


def test_a_reason_without_translations_keeps_its_english_words(tmp_path: Path) -> None:
    from refusalkit.api import Engine
    from refusalkit.serve.page import reason_options
    from refusalkit.style import Style

    folder = tmp_path / "templates" / "holiday"
    folder.mkdir(parents=True)
    (folder / "reason.toml").write_text('title = "Closed for the holidays"\ndescription = "Away until January."\n'
                                        'relationships = ["prospect"]\n[subject]\nprospect = "Your enquiry"\n',
                                        encoding="utf-8")
    engine = Engine(style=Style(templates=[str(tmp_path / "templates")]))
    holiday = next(item for item in reason_options(engine) if item["id"] == "holiday")
    assert set(holiday["titles"].values()) == {"Closed for the holidays"}


def test_the_letter_language_defaults_to_the_page_language() -> None:
    srv = make_server(default_engine(), "127.0.0.1", 0)
    try:
        assert srv.app.options("tr")["defaults"]["lang"] == "tr"
        assert srv.app.options("de")["defaults"]["lang"] == "de"
    finally:
        srv.server_close()


# --- its catalogs ----------------------------------------------------------------------------


@functools.cache  # the sources do not change during a run: extracted once, not once a catalog
def extracted() -> frozenset[str]:
    cfg = ROOT / "babel-page.cfg"
    with cfg.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(cfg))
    return frozenset(message for _f, _l, message, _c, _ctx in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={"_": None, "P_": None}, strip_comment_tags=True))


def test_there_are_page_catalogs_for_de_and_tr() -> None:
    assert {p.parent.parent.name for p in PAGE_CATALOGS} >= {"de_DE", "tr_TR"}


@pytest.mark.parametrize("po", PAGE_CATALOGS, ids=lambda p: p.parent.parent.name)
def test_page_catalog_is_complete_and_current(po: Path) -> None:
    catalog = read_po(po.open("rb"))
    messages = [m for m in catalog if m.id]
    assert not [m.id for m in messages if m.fuzzy or not m.string], f"{po}: fuzzy or untranslated entries"
    assert not [(m.id, errors) for m, errors in catalog.check()], f"{po}: placeholders"
    for m in messages:  # {name} placeholders are filled by the script and by jsonapi.py
        assert set(re.findall(r"\{\w+\}", m.id)) == set(re.findall(r"\{\w+\}", m.string)), (po, m.id)
    have = {m.id for m in messages}
    want = extracted()
    assert want - have == set(), f"{po}: missing msgids: pybabel extract -F babel-page.cfg + update -D page"
    assert have - want == set(), f"{po}: obsolete msgids: pybabel update -D page"


# The words a new user found unclear ("Relationship", "Register", "Last day of work", "Up to
# date.", "Nothing you type is saved"): what each label means is said in the page's language.
CLEAR_WORDS = {
    "en": ("Who is the letter to?", "A prospect: decline their enquiry", "A client: end the collaboration",
           "Tone", "Collaboration ends on", "Nothing you enter is written to disk or sent anywhere else"),
    "de": ("An wen geht der Brief?", "Interessent: Anfrage ablehnen", "Bestehender Kunde: Zusammenarbeit beenden",
           "Ton", "Zusammenarbeit endet am", "Ihre Eingaben werden weder auf der Festplatte gespeichert"),
    "tr": ("Mektup kime gidiyor?", "Potansiyel müşteri: talebini geri çevir", "Mevcut müşteri: iş birliğini sonlandır",
           "Üslup", "İş birliğinin bitiş tarihi", "Girdiğiniz hiçbir şey diske yazılmaz"),
}
STATUS = {"en": "The draft shows what you entered.", "de": "Der Entwurf zeigt Ihre aktuellen Angaben.",
          "tr": "Taslak, girdiğiniz bilgilerle güncel."}


@pytest.mark.parametrize("lang", ["en", "de", "tr"])
def test_the_labels_a_new_user_found_unclear_say_what_they_mean(server: Any, lang: str) -> None:
    _, page = get(server, "/", **{"Accept-Language": lang})
    for words in CLEAR_WORDS[lang]:
        assert words in page, words
    for unclear in (">Relationship<", ">Register<", "Last day of work", "Nothing you type is saved", "Art der Absage"):
        assert unclear not in page
    texts = json.loads(get(server, "/api/options", **{"Accept-Language": lang})[1])["page"]["texts"]
    assert texts["up_to_date"] == STATUS[lang]
