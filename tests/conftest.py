from __future__ import annotations

import os
import tempfile

# Keep the template and CLDR caches out of the user's home while testing; set
# before refusalkit is imported, so its one environment uses this folder.
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="refusalkit-test-cache-"))

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
