from __future__ import annotations

import os
import tempfile

# Keep the template and CLDR caches out of the user's home while testing; set
# before refusalkit is imported, so its one environment uses this folder.
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="refusalkit-test-cache-"))
# No house style from the machine running the tests (tests/test_style.py checks
# one on purpose).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="refusalkit-test-config-")
os.environ.pop("REFUSALKIT_STYLE", None)
os.environ.pop("REFUSALKIT_CONFIG_DIR", None)
# Letters drafted here are unsigned on purpose: no note about it on every stderr
# (tests/test_setup.py and tests/test_style.py check the note with this unset).
os.environ["REFUSALKIT_NO_SIGNATURE_NOTE"] = "1"

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from hypothesis import settings  # noqa: E402

# Hypothesis: CI (`CI=true bash .ci/run`) runs the header property of tests/test_headers.py
# with 10,000 examples, a machine of ours with a few hundred. The profiles set only the
# count; every other property test names its own count, so it runs alike in both.
settings.register_profile("ci", max_examples=10_000)
settings.register_profile("dev", max_examples=300)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
