"""`refusalkit check`: passes on the built-in set, finds each problem kind in a
team folder that has exactly that one fault."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from refusalkit.api import Engine
from refusalkit.searchpath import SearchPath
from refusalkit.check import KINDS, WARNINGS, Report, check
from refusalkit.paths import data_dir

from .helpers import sharing_reads

BUILTIN = Path(data_dir("templates"))
BUILTIN_LOCALES = Path(data_dir("locales"))

# A team reason that fits prospects only; its subject is a msgid every catalog has.
META = 'title = "Moving"\ndescription = "You are moving abroad."\nrelationships = ["prospect"]\n' \
       '[subject]\nprospect = "Your enquiry"\n'
MOVING = {
    "de": '{% extends "_base/de.md.j2" %}\n{% block reason %}\nIch ziehe ins Ausland.\n{% endblock %}\n',
    "en": '{% extends "_base/en.md.j2" %}\n{% block reason %}\nI am moving abroad.\n{% endblock %}\n',
    "tr": '{% extends "_base/tr.md.j2" %}\n{% block reason %}\nYurt dışına taşınıyorum.\n{% endblock %}\n',
}


# The templates as check read them (Engine.analysed, keyed by path, mtime and size), shared by
# this module's engines and the other checks of the process (tests/helpers.py): the built-in
# ones are parsed once, not once a test (about 0.3 s of CPU each); every team file is new, so
# it is read afresh.


def engine_for(tmp_path: Path, templates: dict[str, str] | None = None,
               locales: dict[str, str] | None = None, *, fresh: bool = False) -> Engine:
    """An engine with a team folder (tmp_path/templates, tmp_path/locales) holding these files;
    `fresh`: one that has read no template yet."""
    for folder, files in (("templates", templates or {}), ("locales", locales or {})):
        (tmp_path / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            path = tmp_path / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    engine = Engine(SearchPath.builtin(extra_templates=[tmp_path / "templates"],
                                       extra_locales=[tmp_path / "locales"]))
    return engine if fresh else sharing_reads(engine)


def only(report: Report, kind: str) -> list:
    """The report's problems, all of which must be of `kind`."""
    assert report.problems, f"no {kind} found"
    assert {p.kind for p in report.problems} == {kind}, report.format_text()
    assert not report.ok
    return report.problems


def override(reason_block: str, lang: str = "en", reason: str = "capacity") -> dict[str, str]:
    return {f"{reason}/{lang}.md.j2": f'{{% extends "_base/{lang}.md.j2" %}}\n{reason_block}'}


# Each check() lints and renders the whole effective set, about 0.9 s of CPU: the default run
# has one test per kind of problem; the further cases of a kind are `slow` (CI's step 1a).
SECOND_CASE = pytest.mark.slow


@pytest.fixture(scope="module")
def builtin_report() -> Report:
    return check(sharing_reads(Engine(SearchPath.builtin())))


def test_builtin_set_passes(builtin_report: Report) -> None:
    assert builtin_report.ok, builtin_report.format_text()
    assert builtin_report.problems == []
    assert builtin_report.languages == ["de", "en", "tr"]
    cells = [status for langs in builtin_report.matrix.values() for rels in langs.values()
             for regs in rels.values() for status in regs.values()]
    assert set(cells) == {"ok", "n/a"}
    assert builtin_report.letters == cells.count("ok") > 100
    assert builtin_report.matrix["capacity"]["de"]["client"]["informal"] == "ok"
    assert builtin_report.matrix["fee-disputes"]["en"]["prospect"]["formal"] == "n/a"
    text = builtin_report.format_text()
    assert "capacity" in text and "P:fi C:fi" in text and "no problems" in text


def test_report_is_json(builtin_report: Report, tmp_path: Path) -> None:
    data = builtin_report.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["ok"] is True and data["problems"] == []
    broken = check(engine_for(tmp_path, override("{% block reason %}\nTODO\n{% endblock %}\n")))
    data = json.loads(json.dumps(broken.to_json()))
    assert data["ok"] is False
    assert data["problems"][0] == {"kind": "leftover", "severity": "error", "line": 3,
                                   "file": str(tmp_path / "templates" / "capacity" / "en.md.j2"),
                                   "message": data["problems"][0]["message"]}
    assert data["matrix"]["capacity"]["en"]["prospect"]["formal"] == "error"


def test_a_team_override_and_a_team_reason_pass(tmp_path: Path) -> None:
    templates = {f"moving/{lang}.md.j2": text for lang, text in MOVING.items()}
    templates["moving/reason.toml"] = META
    templates.update(override("{% block reason %}\nOur studio is full.\n{% endblock %}\n"))
    report = check(engine_for(tmp_path, templates))
    assert report.ok, report.format_text()
    assert report.matrix["moving"]["tr"] == {"prospect": {"formal": "ok", "informal": "ok"},
                                             "client": {"formal": "n/a", "informal": "n/a"}}


# 1. missing-variant
def test_missing_variant(tmp_path: Path) -> None:
    templates = {"moving/reason.toml": META, "moving/de.md.j2": MOVING["de"], "moving/en.md.j2": MOVING["en"]}
    report = check(engine_for(tmp_path, templates))
    (problem,) = only(report, "missing-variant")
    assert problem.file == str(tmp_path / "templates" / "moving" / "tr.md.j2")
    assert problem.line is None
    assert "'tr'" in problem.message
    assert report.matrix["moving"]["tr"]["prospect"] == {"formal": "missing", "informal": "missing"}
    assert report.matrix["moving"]["de"]["prospect"]["formal"] == "ok"
    assert "P:-- C:.." in report.format_text()


# 2. syntax
def test_syntax_error(tmp_path: Path) -> None:
    engine = engine_for(tmp_path, override("{% block reason %}\n{% if formal %}\nI am busy.\n{% endblock %}\n"))
    report = check(engine)
    (problem,) = only(report, "syntax")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 5
    assert "endblock" in problem.message
    assert report.matrix["capacity"]["en"]["client"]["formal"] == "error"
    assert report.matrix["capacity"]["de"]["client"]["formal"] == "ok"


@SECOND_CASE
def test_syntax_error_in_a_frame_is_reported_once(tmp_path: Path) -> None:
    frame = (BUILTIN / "_base" / "de.md.j2").read_text(encoding="utf-8")
    report = check(engine_for(tmp_path, {"_base/de.md.j2": frame.replace("{% endblock %}", "{% endblok %}", 1)}))
    (problem,) = only(report, "syntax")
    assert problem.file == str(tmp_path / "templates" / "_base" / "de.md.j2")
    assert problem.line is not None
    assert all(report.matrix[r]["de"]["prospect"]["formal"] in ("error", "n/a") for r in report.matrix)


# 3. unknown-variable
def test_unknown_variable(tmp_path: Path) -> None:
    report = check(engine_for(tmp_path, override(
        "{% block reason %}\nI am busy until {{ sender.busy_until }}.\n{% endblock %}\n")))
    (problem,) = only(report, "unknown-variable")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 3
    assert "busy_until" in problem.message


@SECOND_CASE
def test_a_record_key_the_readme_promises_passes(tmp_path: Path) -> None:
    """Extra record keys reach the templates as client.<key> (README), guarded or not:
    the record decides, so check renders them with a value and reports nothing."""
    report = check(engine_for(tmp_path, override(
        "{% block reason %}\nI am busy until {{ client.busy_until }}.\n"
        "{% if client.project is defined %}({{ client.project }}){% endif %}\n{% endblock %}\n")))
    assert report.ok and not report.problems, report.format_text()
    assert report.matrix["capacity"]["en"]["client"]["formal"] == "ok"


@SECOND_CASE
def test_unknown_variable_in_a_branch_the_synthetic_record_skips(tmp_path: Path) -> None:
    report = check(engine_for(tmp_path, override(
        "{% block reason %}\nI am busy.\n{% if not client.email %}\nWrite to {{ office_email }}.\n{% endif %}\n"
        "{% if client.vip is defined %}{{ client.vip }}{% endif %}\n{% endblock %}\n")))
    (problem,) = only(report, "unknown-variable")
    assert (problem.line, "office_email" in problem.message) == (5, True)
    assert report.matrix["capacity"]["en"]["client"]["formal"] == "ok"


# 4. missing-part
def test_missing_part(tmp_path: Path) -> None:
    report = check(engine_for(tmp_path, override(
        "{% block reason %}\n{% if relationship == 'client' %}\nI am focusing on fewer projects.\n"
        "{% endif %}\n{% endblock %}\n")))
    (problem,) = only(report, "missing-part")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 2
    assert "'reason'" in problem.message
    cells = report.matrix["capacity"]["en"]
    assert cells == {"prospect": {"formal": "error", "informal": "error"},
                     "client": {"formal": "ok", "informal": "ok"}}


# 5. language-gap
def test_language_gap(tmp_path: Path) -> None:
    wish = "{% block wish %}\nGood luck with the move.\n{% endblock %}\n"
    templates = {"moving/reason.toml": META, "moving/de.md.j2": MOVING["de"] + wish.replace(
        "Good luck with the move.", "Viel Glück."), "moving/en.md.j2": MOVING["en"] + wish,
        "moving/tr.md.j2": MOVING["tr"]}
    report = check(engine_for(tmp_path, templates))
    (problem,) = only(report, "language-gap")
    assert problem.file == str(tmp_path / "templates" / "moving" / "tr.md.j2")
    assert "block wish" in problem.message and "de, en" in problem.message


# 6. stale-override
def header(name: str, digest: str) -> str:
    return f"{{#- refusalkit-original: {name} sha256:{digest} -#}}\n"


def test_stale_override(tmp_path: Path) -> None:
    original = (BUILTIN / "capacity" / "en.md.j2").read_bytes()
    frame = (BUILTIN / "_base" / "de.md.j2").read_bytes()
    report = check(engine_for(tmp_path, {
        # copied from an older capacity/en.md.j2: stale
        "capacity/en.md.j2": header("capacity/en.md.j2", hashlib.sha256(b"an older version").hexdigest())
        + original.decode(),
        # copied from the current _base/de.md.j2: fresh
        "_base/de.md.j2": header("_base/de.md.j2", hashlib.sha256(frame).hexdigest()) + frame.decode(),
        # an override without the line: the team's own
        "capacity/tr.md.j2": (BUILTIN / "capacity" / "tr.md.j2").read_text(encoding="utf-8"),
    }))
    (problem,) = only(report, "stale-override")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 1
    assert "capacity/en.md.j2" in problem.message and "changed" in problem.message


# 7. catalog
def test_catalog_fuzzy_and_untranslated(tmp_path: Path) -> None:
    po = (BUILTIN_LOCALES / "de_DE" / "LC_MESSAGES" / "refusalkit.po").read_text(encoding="utf-8")
    po = po.replace('msgid "Kind regards"\nmsgstr "Mit freundlichen Grüßen"',
                    '#, fuzzy\nmsgid "Kind regards"\nmsgstr "Mit freundlichen Grüßen"')
    po = po.replace('msgid "Best wishes"\nmsgstr "Viele Grüße"', 'msgid "Best wishes"\nmsgstr ""')
    assert '#, fuzzy\nmsgid "Kind regards"' in po and 'msgid "Best wishes"\nmsgstr ""\n' in po
    report = check(engine_for(tmp_path, locales={"de_DE/LC_MESSAGES/refusalkit.po": po}))
    problems = only(report, "catalog")
    lines = po.splitlines()
    expected = {(lines.index('msgid "Kind regards"') + 1, "fuzzy"),
                (lines.index('msgid "Best wishes"') + 1, "not translated")}
    assert {(p.line, "fuzzy" if "fuzzy" in p.message else "not translated") for p in problems} == expected
    assert {p.file for p in problems} == {str(tmp_path / "locales" / "de_DE" / "LC_MESSAGES" / "refusalkit.po")}


# 8. leftover
@pytest.mark.parametrize("block,token", [
    ("{% block reason %}\nI am fully booked. TODO: better wording\n{% endblock %}\n", "TODO"),
    pytest.param("{% block reason %}\nI am fully booked, {% raw %}{{ name }}{% endraw %}.\n{% endblock %}\n", "{{",
                 marks=SECOND_CASE),
])
def test_leftover(tmp_path: Path, block: str, token: str) -> None:
    report = check(engine_for(tmp_path, override(block)))
    problems = only(report, "leftover")
    assert {(p.file, p.line) for p in problems} == {(str(tmp_path / "templates" / "capacity" / "en.md.j2"), 3)}
    assert any(repr(token) in p.message for p in problems)
    assert report.matrix["capacity"]["en"]["prospect"]["formal"] == "error"


# and anything else render.py refuses
def test_render_error_sandbox(tmp_path: Path) -> None:
    report = check(engine_for(tmp_path, override(
        "{% block reason %}\nI am busy. {{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}\n")))
    (problem,) = only(report, "render")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 3
    assert "sandbox" in problem.message


def test_style_item_without_lang_is_a_warning(tmp_path: Path) -> None:
    from refusalkit import style as house

    path = tmp_path / "refusalkit.toml"
    path.write_text('[[resources]]\ntitle = "Team guide"\nurl = "https://example.com/guide"\n\n'
                    '[[resources]]\ntitle = "Leitfaden"\nurl = "https://example.com/l"\nlang = "de"\n\n'
                    '[[referrals]]\nname = "Kanzlei Weber"\n', encoding="utf-8")
    report = check(sharing_reads(Engine(style=house.load(str(path)))))
    warned = [p for p in report.problems if p.kind == "style-lang"]
    assert [(p.line, p.kind in WARNINGS) for p in warned] == [(2, True), (11, True)]
    assert "Team guide" in warned[0].message and "Kanzlei Weber" in warned[1].message
    assert report.ok and "no problems, 2 warnings:" in report.format_text()
    assert report.to_json()["problems"][0]["severity"] == "warning"


@SECOND_CASE
def test_a_template_that_needs_the_name_is_found(tmp_path: Path) -> None:
    report = check(engine_for(tmp_path, override("{% block reason %}\nI am busy, {{ client.name }}.\n{% endblock %}\n")))
    (problem,) = only(report, "render")
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2") and problem.line == 3
    assert "without a name" in problem.message


def test_every_kind_is_tested() -> None:
    assert set(KINDS) == {"outside", "missing-variant", "syntax", "unknown-variable", "missing-part", "language-gap",
                          "stale-override", "catalog", "leftover", "render", "style-lang", "sender"}


def test_a_fresh_init_passes_check(tmp_path: Path) -> None:
    """What `refusalkit init` copies is the built-in set: check finds nothing in it (a {% set %}
    used in a nested branch once read as an unknown variable in the team's copy)."""
    from refusalkit import style as house

    house.init(str(tmp_path / "house"))
    report = check(sharing_reads(Engine(style=house.load(str(tmp_path / "house" / "refusalkit.toml")))))
    assert report.ok and not [p for p in report.problems if p.kind == "unknown-variable"], report.format_text()


def test_a_second_check_of_one_engine_reads_only_what_changed(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine keeps each template as check read it (by path, mtime and size): the
    second check of an unchanged set parses nothing again, and a template edited on
    disk in between is read afresh, its new fault found."""
    template = tmp_path / "templates" / "capacity" / "en.md.j2"
    engine = engine_for(tmp_path, override("{% block reason %}\nI am fully booked.\n{% endblock %}\n"), fresh=True)
    assert check(engine).ok
    parsed: list[str | None] = []
    real_parse = engine.env.parse
    monkeypatch.setattr(engine.env, "parse", lambda source, name=None, filename=None:
                        parsed.append(name) or real_parse(source, name, filename))
    assert check(engine).ok
    assert parsed == []
    template.write_text(override("{% block reason %}\nI am {{ busy_until }}.\n{% endblock %}\n")["capacity/en.md.j2"],
                        encoding="utf-8")
    report = check(engine)
    assert parsed == ["capacity/en.md.j2"]
    (problem,) = only(report, "unknown-variable")
    assert problem.file == str(template) and "busy_until" in problem.message
