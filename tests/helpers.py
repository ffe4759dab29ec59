from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from refusalkit.cli import cli

DATA = Path(__file__).parent / "data"


def every_reason() -> list[tuple[str, str]]:
    """(reason id, relationship) for every reason and each relationship it fits."""
    from refusalkit.api import Engine

    return [(r.id, rel) for r in Engine().all_reasons() for rel in r.relationships]


def cli_letter(*args: str, input: str | None = None) -> str:
    """Run `refusalkit draft ARGS` and return the letter; fail on any error."""
    result = CliRunner().invoke(cli, ["draft", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout
