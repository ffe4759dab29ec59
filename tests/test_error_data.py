"""errors.py: every error says where it is as data (field, file, line, source), so that
batch, check and the preview page never read it out of the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from refusalkit.api import Engine, draft
from refusalkit.searchpath import SearchPath
from refusalkit.errors import (RecordError, StyleError, TemplateError, TemplateSyntaxError, TooSlow,
                               UnknownVariable, UsageError)
from refusalkit.records import parse_record, read_record_file
from refusalkit.style import load


def team_engine(tmp_path: Path, template: str, **kw: object) -> Engine:
    folder = tmp_path / "templates" / "capacity"
    folder.mkdir(parents=True)
    (folder / "en.md.j2").write_text(template, encoding="utf-8")
    return Engine(SearchPath.builtin(extra_templates=[tmp_path / "templates"]), **kw)  # type: ignore[arg-type]


def test_a_record_field_is_named_as_data() -> None:
    with pytest.raises(RecordError) as caught:
        parse_record({"name": "Kim", "email": "kim@example.com, bank.example"}, "row 3")
    exc = caught.value
    assert (exc.field, exc.source, exc.file, exc.line) == ("email", "row 3", None, None)
    assert str(exc) == f"row 3: field 'email' {exc.detail}"


def test_a_record_without_source_has_none() -> None:
    with pytest.raises(RecordError) as caught:
        parse_record({"name": "Kim", "formal": "vielleicht"}, "")
    assert (caught.value.field, caught.value.source) == ("formal", None)
    assert str(caught.value).startswith("field 'formal' ")


def test_a_record_file_names_file_and_line(tmp_path: Path) -> None:
    record = tmp_path / "kim.json"
    record.write_text('{\n  "name": "Kim",\n  "formal": tru\n}\n', encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_record_file(str(record))
    assert (caught.value.file, caught.value.line) == (str(record), 3)


def test_a_house_style_key_is_named_with_its_file(tmp_path: Path) -> None:
    style = tmp_path / "refusalkit.toml"
    style.write_text('[defaults]\nformal = "yes"\n', encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        load(str(style))
    assert (caught.value.file, caught.value.field) == (str(style), "defaults.formal")
    style.write_text('[sender]\nname = "Kim\\u0007"\n', encoding="utf-8")
    with pytest.raises(RecordError) as caught2:
        load(str(style))
    assert (caught2.value.file, caught2.value.field) == (str(style), "name")


def test_unknown_reason_language_and_relationship_name_their_field() -> None:
    for kwargs, field in (({"reason": "no-such-reason"}, "reason"), ({"lang": "xx"}, "language"),
                          ({"client": {"name": "Kim", "relationship": "client"}, "reason": "free-work"},
                           "relationship")):
        args = {"reason": "capacity", "client": {"name": "Kim"}, **kwargs}
        with pytest.raises(UsageError) as caught:
            draft(args.pop("reason"), args.pop("client"), **args)  # type: ignore[arg-type]
        assert caught.value.field == field


def test_a_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    engine = team_engine(tmp_path, '{% extends "_base/en.md.j2" %}\n\n{% block reason %}{{ x }\n{% endblock %}\n')
    with pytest.raises(TemplateSyntaxError) as caught:
        draft("capacity", {"name": "Kim"}, lang="en", engine=engine)
    exc = caught.value
    assert exc.file == str(tmp_path / "templates" / "capacity" / "en.md.j2")
    assert exc.line == 3 and exc.source == "capacity/en.md.j2"


def test_an_unknown_variable_is_the_field(tmp_path: Path) -> None:
    engine = team_engine(tmp_path, '{% extends "_base/en.md.j2" %}\n{% block reason %}\n{{ client.shoe_size }}\n'
                                   '{% endblock %}\n')
    with pytest.raises(UnknownVariable) as caught:
        draft("capacity", {"name": "Kim"}, lang="en", engine=engine)
    assert caught.value.field == "shoe_size"
    assert caught.value.line == 3 and caught.value.file.endswith("en.md.j2")


def test_a_slow_template_is_too_slow(tmp_path: Path) -> None:
    engine = team_engine(tmp_path, '{% extends "_base/en.md.j2" %}\n{% block reason %}\n'
                                   '{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}\n'
                                   '{% endblock %}\n', time_limit=0.2)
    with pytest.raises(TooSlow) as caught:
        draft("capacity", {"name": "Kim"}, lang="en", engine=engine)
    assert isinstance(caught.value, TemplateError) and caught.value.line == 3
