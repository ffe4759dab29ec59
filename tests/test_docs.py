"""The README documents every command, option and record field, and keeps its two commands."""

from __future__ import annotations

import re
from pathlib import Path

import click

from refusalkit.cli import cli
from refusalkit.records import KNOWN_FIELDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        # a lazily loaded command whose module does not load is a failure, never a skip
        assert command is not None, f"command {name} cannot be loaded"
        assert f"refusalkit {name}" in README, name
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    if opt.startswith("--"):
                        assert opt in README, f"{name} {opt} is not in the README"


def test_every_record_field_is_documented() -> None:
    for field in KNOWN_FIELDS:
        assert f"`{field}`" in README, field


def test_exactly_two_fresh_machine_commands_and_ci_runs_the_second() -> None:
    commands = re.findall(r"^    (python3 -m venv .*)$", README, re.M)
    assert len(commands) == 2, commands
    assert "refusalkit draft" in commands[0] and "pytest" in commands[1]
    assert "pip install ." in commands[0] and "-e" not in commands[0].split()
    assert (ROOT / "tests/data/anna.toml").is_file()
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "README.md" in ci and "bash -c \"$test_cmd\"" in ci


def test_the_command_list_shows_the_lazy_commands_own_help_without_importing_them() -> None:
    import subprocess
    import sys

    for name in cli.LAZY:
        real = cli.get_command(click.Context(cli), name)
        assert real is not None and real.help is not None
        assert real.help.splitlines()[0] == cli.LAZY_HELP[name], name
    code = ("import sys; from click.testing import CliRunner; from refusalkit.cli import cli; "
            "out = CliRunner().invoke(cli, ['--help']).output; "
            "print(sorted(m for m in sys.modules if m in ('refusalkit.batch', 'refusalkit.serve', 'http.server'))); "
            "print(out)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, _, listing = result.stdout.partition("\n")
    assert loaded == "[]"
    for name in cli.LAZY:
        assert re.search(rf"^  {name} +{re.escape(cli.LAZY_HELP[name][:30])}", listing, re.MULTILINE), listing
