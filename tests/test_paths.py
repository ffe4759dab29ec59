"""paths.py: a file named with an option or an environment variable (style.find, account.find)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refusalkit import account, style
from refusalkit.errors import UsageError


@pytest.mark.parametrize("find, option, env, what", [
    (style.find, "--style", "REFUSALKIT_STYLE", "house-style"),
    (account.find, "--account", "REFUSALKIT_ACCOUNT", "account"),
])
def test_an_option_then_the_environment_name_the_file(find, option, env, what, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    given, from_env = tmp_path / "given.toml", tmp_path / "env.toml"
    given.write_text(""), from_env.write_text("")
    monkeypatch.setenv(env, str(from_env))
    assert find(str(given)) == str(given)
    assert find(None) == str(from_env)
    with pytest.raises(UsageError, match=rf"^{tmp_path}/nope.toml: no such {what} file \(given with {option}\)$"):
        find(str(tmp_path / "nope.toml"))
    monkeypatch.setenv(env, str(tmp_path / "gone.toml"))
    with pytest.raises(UsageError, match=rf"^{tmp_path}/gone.toml: no such {what} file \(from {env}\)$"):
        find(None)
