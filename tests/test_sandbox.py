"""Untrusted team templates: no file outside the team's folder (links), no runaway
template (time, size, depth), and client text whose bidi controls stay isolated.

Each attack must end in a TemplateError naming the template file (and line,
where the template is still running), never an internal error, and must be
refused before the big value exists (these tests would eat gigabytes otherwise).
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from refusalkit import draft, sandbox
from refusalkit.api import Engine
from refusalkit.searchpath import SearchPath
from refusalkit.check import check
from refusalkit.cli import cli
from refusalkit.errors import TemplateError
from refusalkit.paths import data_dir
from refusalkit.render import isolate

from .helpers import sharing_reads  # the built-in templates as check() read them, once a process

RECORD = {"name": "Kim Mayer"}
SECRET = "SECRET-KEY-DO-NOT-LEAK"


def team(tmp_path: Path, files: dict[str, str], time_limit: float | None = 10.0) -> Engine:
    """An engine with a team folder tmp_path/templates holding these files."""
    for name, text in files.items():
        path = tmp_path / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "locales").mkdir(exist_ok=True)
    return Engine(SearchPath.builtin(extra_templates=[tmp_path / "templates"],
                                     extra_locales=[tmp_path / "locales"]), time_limit=time_limit)


def reason_block(body: str) -> dict[str, str]:
    """capacity/en with `body` on line 3 of the template."""
    return {"capacity/en.md.j2": '{% extends "_base/en.md.j2" %}\n{% block reason %}\n' + body
            + "\nI am busy.\n{% endblock %}\n"}


def warm(engine: Engine) -> Engine:
    """Compile the built-in English frame and load Babel first, so that a short time
    limit is spent on the team's template alone, however busy the machine."""
    draft("guarantee", RECORD, lang="en", engine=engine)
    return engine


def fails(engine: Engine, *words: str) -> str:
    with pytest.raises(TemplateError) as info:
        draft("capacity", RECORD, lang="en", engine=engine)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


# -- finding 4: links out of a team's folder -------------------------------------------

@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_rsa").write_text(SECRET + "\n")
    (outside / "x.md.j2").write_text(SECRET + "\n")
    return outside


def test_a_linked_file_is_not_included(tmp_path: Path, secret: Path) -> None:
    engine = team(tmp_path, reason_block('{% include "leak.txt" %}'))
    link = tmp_path / "templates" / "leak.txt"
    link.symlink_to(secret / "id_rsa")
    message = fails(engine, str(link), "outside the folder")
    assert SECRET not in message


def test_a_linked_folder_is_not_read(tmp_path: Path, secret: Path) -> None:
    engine = team(tmp_path, reason_block('{% include "linked/x.md.j2" %}'))
    (tmp_path / "templates" / "linked").symlink_to(secret, target_is_directory=True)
    fails(engine, str(tmp_path / "templates" / "linked" / "x.md.j2"), "outside the folder")


def test_a_linked_letter_template_is_not_read(tmp_path: Path, secret: Path) -> None:
    engine = team(tmp_path, {})
    (tmp_path / "templates" / "capacity").mkdir()
    (tmp_path / "templates" / "capacity" / "en.md.j2").symlink_to(secret / "x.md.j2")
    fails(engine, "capacity/en.md.j2", "outside the folder")


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    engine = team(tmp_path, {**reason_block('{% include "shared.txt" %}'), "real.txt": "We share this."})
    (tmp_path / "templates" / "shared.txt").symlink_to(tmp_path / "templates" / "real.txt")
    assert "We share this." in draft("capacity", RECORD, lang="en", engine=engine).markdown


def test_a_linked_catalog_is_not_read(tmp_path: Path, secret: Path) -> None:
    engine = team(tmp_path, {})
    po = tmp_path / "locales" / "en_GB" / "LC_MESSAGES" / "refusalkit.po"
    po.parent.mkdir(parents=True)
    real = secret / "refusalkit.po"
    real.write_bytes((Path(data_dir("locales")) / "en_GB" / "LC_MESSAGES" / "refusalkit.po").read_bytes())
    po.symlink_to(real)
    fails(engine, str(po), "outside the folder")


def test_check_reports_links(tmp_path: Path, secret: Path) -> None:
    engine = team(tmp_path, reason_block('{% include "leak.txt" %}'))
    (tmp_path / "templates" / "leak.txt").symlink_to(secret / "id_rsa")
    (tmp_path / "templates" / "linked").symlink_to(secret, target_is_directory=True)
    po = tmp_path / "locales" / "tr_TR" / "LC_MESSAGES" / "refusalkit.po"
    po.parent.mkdir(parents=True)
    po.symlink_to(secret / "id_rsa")
    report = check(sharing_reads(engine))
    outside = {p.file for p in report.problems if p.kind == "outside"}
    assert outside == {str(tmp_path / "templates" / "leak.txt"), str(tmp_path / "templates" / "linked"),
                       str(po)}, report.format_text()
    assert not report.ok
    assert SECRET not in report.format_text()


# -- finding 5: runaway templates ------------------------------------------------------

# Each of these would take minutes or gigabytes without the sandbox's bounds.
RUNAWAY = {
    "nested loops": "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
    "big range": "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "lipsum": "{{ lipsum(10**8) }}",
    "power": "{{ 3**(10**9) }}",
    "repeated text": "{{ 'x'*3000000000 }}",
    "repeated list": "{{ [1]*10**9 }}",
    "range list": "{{ range(10**9)|list }}",
    "str.format width": "{{ '{:>2000000000}'.format(1) }}",
    "str.format nested width": "{{ '{:>{}}'.format(1, 10**9) }}",
    "str.format repeats": "{{ ('{0}' * 20).format('x' * 9000) }}",
    "percent width": "{{ '%2000000000d' % 1 }}",
    "percent star": "{{ '%*d' % (10**9, 1) }}",
    "format filter": "{{ '%2000000000d'|format(1) }}",
    "gettext width": "{{ _('%(x)2000000000s', x=1) }}",
    "center": "{{ 'x'|center(10**9) }}",
    "indent": "{{ 'x'|indent(10**9, true) }}",
    "indent text": "{{ ('a\\n' * 5000)|indent('y' * 1000) }}",
    "wordwrap": "{{ 'x y'|wordwrap(10**9) }}",
    "wordwrap string": "{{ ('x ' * 40000)|wordwrap(2, wrapstring='y' * 1000) }}",
    "truncate": "{{ 'x'|truncate(10**9) }}",
    "join": "{{ range(10000)|join('x' * 1000) }}",
    "replace": "{{ ('x' * 99999)|replace('x', 'yy') }}",
    "batch": "{{ [1, 2, 3]|batch(10**9, 'x')|list }}",
    "slice": "{{ [1, 2, 3]|slice(10**9)|list }}",
    "sum of lists": "{{ [[1] * 1000] * 100|sum(start=[]) }}",
    "method ljust": "{{ 'x'.ljust(10**9) }}",
    "method replace": "{{ ('x' * 99999).replace('', 'y' * 99999) }}",
    "method join": "{{ ('x' * 50000).join(range(10000)|map('string')) }}",
    "method to_bytes": "{{ (5).to_bytes(10**9, 'big') }}",
    "fromkeys": "{{ {}.fromkeys(range(10000), 'x' * 1000) }}",
    "doubling ~": "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}",
    "doubling +": "{% macro f(s) %}{{ f(s + s) }}{% endmacro %}{{ f('x') }}",
    "doubling list": "{% set ns = namespace(x=['x'*1000]) %}{% for i in range(40) %}"
                     "{% set ns.x = [ns.x, ns.x] %}{% endfor %}{{ ns.x }}",
    "doubling namespace": "{% set ns = namespace(x=1) %}{% for i in range(60) %}"
                          "{% set ns.x = namespace(a=ns.x, b=ns.x) %}{% endfor %}{{ ns.x }}",
    "squaring": "{% macro f(n) %}{{ f(n * n) }}{% endmacro %}{{ f(3) }}",
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
    "recursive loop": "{% for i in [1] recursive %}{{ loop([1, 1]) }}{% endfor %}",
    "self include": '{% include "capacity/en.md.j2" %}',
    "include fan-out": '{% include "capacity/en.md.j2" %}{% include "capacity/en.md.j2" %}',
    "big output": "{% for i in range(10000) %}{% for j in range(10000) %}{{ 'y' * 99999 }}{% endfor %}{% endfor %}",
    "big set block": "{% set x %}{% for i in range(10000) %}{% for j in range(10000) %}{{ 'y' * 99999 }}"
                     "{% endfor %}{% endfor %}{% endset %}",
    "many made": "{{ range(10000)|map('center', 9999)|list|length }}",
    "deep list": "{{ " + "[" * 60 + "1" + "]" * 60 + " }}",
    "deep brackets": "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
    "deep ifs": "{% if true %}" * 120 + "x" + "{% endif %}" * 120,
}


# The attacks only the time limit ends (the others meet a bound first).
TIMED = ("nested loops", "self include", "include fan-out")


@pytest.mark.parametrize("attack", RUNAWAY)
def test_a_runaway_template_ends_in_a_template_error(tmp_path: Path, attack: str) -> None:
    engine = warm(team(tmp_path, reason_block(RUNAWAY[attack]), time_limit=0.5 if attack in TIMED else 10.0))
    template = str(tmp_path / "templates" / "capacity" / "en.md.j2")
    message = fails(engine, "capacity/en.md.j2")
    if "include" not in attack and attack not in ("deep brackets", "deep ifs"):  # those: no line (compiling)
        assert message.startswith(f"{template}:3: "), message
    if attack == "deep ifs":
        assert message.startswith(f"{template}: "), message


def test_a_decimal_cannot_grow_without_end(tmp_path: Path) -> None:
    engine = team(tmp_path, reason_block("{{ client.amount_due ** 100000 }}"))
    with pytest.raises(TemplateError, match="number beyond"):
        draft("capacity", {**RECORD, "amount_due": 12.5, "currency": "EUR", "relationship": "client"},
              lang="en", engine=engine)


def test_the_time_limit_ends_a_letter_in_any_thread(tmp_path: Path) -> None:
    # serve drafts in threads: the limit must not rest on signals
    engine = warm(team(tmp_path, reason_block(RUNAWAY["nested loops"]), time_limit=0.5))
    caught: list[BaseException] = []

    def run() -> None:
        try:
            draft("capacity", RECORD, lang="en", engine=engine)
        except BaseException as exc:  # noqa: BLE001 -- handed to the test
            caught.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert len(caught) == 1 and isinstance(caught[0], TemplateError)
    assert "took longer than 0.5 s" in str(caught[0])


def test_a_letter_kept_waiting_by_a_busy_machine_still_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is CPU time: on a loaded machine (CI, a batch beside `check`) the wall
    # clock runs on while a letter waits for a core. Here each reading of the wall clock
    # is a second later than the last, so any letter that loops "takes" seconds of wall
    # time while using milliseconds of CPU.
    engine = warm(team(tmp_path, reason_block("{% for i in range(50) %}{{ i }}{% endfor %}"), time_limit=0.5))
    start = time.monotonic()
    readings = itertools.count()
    monkeypatch.setattr(sandbox.time, "monotonic", lambda: start + next(readings))
    letter = draft("capacity", RECORD, lang="en", engine=engine)
    assert "4849" in letter.markdown and next(readings) > 5  # the clock was read past the deadline


def test_the_default_time_limit() -> None:
    assert Engine().time_limit == 2.0


def test_ordinary_template_features_still_work(tmp_path: Path) -> None:
    body = ("{% set ns = namespace(n=0) %}{% for r in range(3) %}{% set ns.n = ns.n + r %}{% endfor %}"
            "{{ ns.n }} {{ 'ab' * 2 }} {{ [1, 2] + [3] }} {{ '%05.1f' % 2.5 }} {{ '{:>4}'.format(7) }} "
            "{{ 'a' ~ 1 }} {{ 'x y'|wordwrap(3) }} {{ 'c'|center(3) }}|{{ ['a', 'b']|join(', ') }} "
            "{{ 2 ** 10 }} {% for a, b in [(1, 2)] %}{{ a + b }}{% endfor %} {{ lipsum(1, false, 2, 3)|length > 0 }} "
            "{{ _('%(n)s days', n=3) }} {{ [1, 2, 3]|sum }} {{ 'a-b'.replace('-', '+') }}")
    text = draft("capacity", RECORD, lang="en", engine=team(tmp_path, reason_block(body))).markdown
    assert "3 abab [1, 2, 3] 002.5 7 a1 x y c |a, b 1024 3 True 3 days 6 a+b" in " ".join(text.split()), text


def test_cli_reports_a_runaway_template_in_one_line(tmp_path: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text("")
    team(tmp_path, reason_block(RUNAWAY["power"]))
    result = CliRunner().invoke(cli, ["draft", "--style", str(style), "-r", "capacity", "-l", "en",
                                      "--name", "Kim Mayer"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"refusalkit: error: {tmp_path / 'templates' / 'capacity' / 'en.md.j2'}:3: ")


def test_check_reports_a_runaway_template(tmp_path: Path) -> None:
    engine = team(tmp_path, reason_block(RUNAWAY["nested loops"]), time_limit=0.5)  # as the TIMED attacks above
    report = check(sharing_reads(engine))
    (problem,) = [p for p in report.problems if p.kind == "render"]
    assert problem.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert problem.line == 3
    assert "took longer" in problem.message


# -- bidi controls in client text -----------------------------------------------------

RLO, PDF, LRI, PDI, FSI = "\u202e", "\u202c", "\u2066", "\u2069", "\u2068"
# Name and company go into email headers too, where bidi controls are refused (test_headers.py);
# the letter-only fields take them, isolated.
HOSTILE = {"name": "Eve Example", "request": f"a {LRI}site{RLO}",
           "referrals": [{"name": f"Eve {RLO}evil", "note": f"ACME{PDI}{RLO} Ltd"}],
           "resources": [{"title": f"Guide{RLO}", "url": f"https://example.com/{RLO}x"}]}


@pytest.mark.parametrize("fmt", ["md", "html", "text", "eml", "mailto"])
def test_bidi_controls_in_client_text_are_isolated(fmt: str) -> None:
    letter = draft("capacity", HOSTILE, lang="en")
    out = letter.as_format(fmt)
    if fmt == "eml":
        import email

        msg = email.message_from_string(out)
        out = "".join(part.get_payload(decode=True).decode() for part in msg.walk() if not part.is_multipart())
    elif fmt == "mailto":
        from urllib.parse import unquote

        out = unquote(out)
    assert f"{FSI}Eve {RLO}evil{PDF}{PDI}" in out
    assert f"{FSI}a {LRI}site{RLO}{PDF}{PDI}{PDI}" in out if "site" in out else True
    assert f"{RLO}x" not in out  # in a link: percent-encoded
    # every line's controls are balanced: nothing the client typed reaches past its value
    for line in out.splitlines():
        assert line.count(RLO) <= line.count(PDF)


def test_isolate() -> None:
    assert isolate(f"a{RLO}b") == f"{FSI}a{RLO}b{PDF}{PDI}"
    assert isolate(f"a{PDI}{RLO}b") == f"{FSI}a{RLO}b{PDF}{PDI}"  # a stray PDI would end the isolate
    assert isolate(f"{LRI}a{RLO}b{PDI}c") == f"{FSI}{LRI}a{RLO}b{PDI}c{PDI}"  # the PDI ends both
    assert isolate(f"{RLO}a{PDF}{PDF}") == f"{FSI}{RLO}a{PDF}{PDF}{PDI}"


def test_a_value_without_controls_is_unchanged() -> None:
    letter = draft("capacity", {"name": "Ayşe Yılmaz", "company": "שלום Ltd"}, lang="en")
    assert FSI not in letter.markdown and "Ayşe Yılmaz" in letter.markdown


def test_links_to_files_are_refused_from_the_cli(tmp_path: Path, secret: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text("")
    team(tmp_path, reason_block('{% include "leak.txt" %}'))
    (tmp_path / "templates" / "leak.txt").symlink_to(secret / "id_rsa")
    result = CliRunner().invoke(cli, ["draft", "--style", str(style), "-r", "capacity", "-l", "en",
                                      "--name", "Kim Mayer"])
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert "leak.txt: is a link to" in result.stderr and result.stderr.count("\n") == 1


if os.name == "nt":  # pragma: no cover - links need privileges there
    pytestmark = pytest.mark.skip("symbolic links")


def test_check_renders_a_slow_team_template_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import refusalkit.render

    frame = (Path(data_dir("templates")) / "_base" / "en.md.j2").read_text(encoding="utf-8")
    engine = team(tmp_path, {"_base/en.md.j2": RUNAWAY["nested loops"] + "\n" + frame}, time_limit=0.5)
    calls = []
    real = refusalkit.render.render

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(refusalkit.render, "render", counting)
    report = check(sharing_reads(engine))
    problems = [p for p in report.problems if p.kind == "render"]
    assert len(problems) == 1, report.format_text()
    problem = problems[0]
    assert problem.file == str(tmp_path / "templates" / "_base" / "en.md.j2") and problem.line == 1
    english = sum(cell == "error" for row in report.matrix.values() for rel in row["en"].values()
                  for cell in rel.values())
    assert f"in {english} letters" in problem.message
    # every other letter is rendered twice (with a name, and without one: "Dear Sir or Madam,");
    # the English ones, which hit the time limit, once in all
    assert len(calls) < 20 + 2 * (report.letters - english)


def test_a_linked_reason_toml_is_refused(tmp_path: Path) -> None:
    """reason.toml is a team file too: a link out of the team's folder is not read."""
    secret = tmp_path / "elsewhere" / "reason.toml"
    secret.parent.mkdir()
    secret.write_text('title = "Leaked"\ndescription = "x"\nrelationships = ["prospect"]\n'
                      '[subject]\nprospect = "Your enquiry"\n', encoding="utf-8")
    folder = tmp_path / "house" / "templates" / "leaky"
    folder.mkdir(parents=True)
    (folder / "reason.toml").symlink_to(secret)
    (folder / "en.md.j2").write_text('{% extends "_base/en.md.j2" %}\n', encoding="utf-8")
    from refusalkit.api import Engine as _Engine
    from refusalkit.searchpath import SearchPath as _SearchPath
    from refusalkit.errors import TemplateError as _TemplateError

    engine = _Engine(path=_SearchPath.builtin([str(tmp_path / "house" / "templates")]))
    with pytest.raises(_TemplateError, match="outside the folder"):
        draft("leaky", {"name": "Kim"}, lang="en", engine=engine)
