from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from typing import Any

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

# Keep the compiled (and assertion-rewritten) test modules in __pycache__ even where the
# environment sets PYTHONDONTWRITEBYTECODE (this machine, CI): without them every pytest
# process, each xdist worker too, rewrites every test module again, 3-4 s of CPU a time.
sys.dont_write_bytecode = False

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

# Hypothesis: every property names its example count with strategies.examples(quick, deep):
# the default run tries the quick count, the slow step of CI (REFUSALKIT_DEEP_PROPERTIES=1
# pytest -m "slow or hypothesis", .ci/run 1a) runs every property again with the deep one.


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- one built-in Engine for the modules about what letters say --------------------------------
# draft(), reply.prepare() and the CLI without a house style build a new Engine per letter
# (api.default_engine): about 10 ms, against 0.4 ms for a letter of an engine that has read its
# templates and catalogs. Modules that test what letters say (not engines, caches or the cache
# folder) take `pytestmark = pytest.mark.usefixtures("shared_engine")`: every letter of the
# module then goes through the same front door with one built-in Engine. tests/test_engine.py
# keeps testing that default_engine() is a new one each time.


@pytest.fixture(scope="session")
def builtin_engine() -> Any:
    from refusalkit.api import Engine

    engine = Engine()
    # The letter modules draft some 20,000 letters through this one Engine, in about 11,000
    # template contexts: with the render memo's 1,024 (memo.py, sized for a batch's memory),
    # it forgets and renders again what an earlier test drafted (~1 s of CPU). Test processes
    # keep them all; what a key tells apart is the same at any size (tests/test_batch.py
    # checks the memo with engines of their own).
    engine.rendered.limit = engine.tidied.limit = engine.pieces.limit = 20_000
    return engine


# draft(style=Style(...)) builds an Engine for that house style per letter (default_engine(style)):
# 15 ms against 2 ms. In these modules, letters of equal styles that bring no template or locale
# folders (nothing a test may rewrite between two letters) share one Engine too, as a user's
# letters of one house style do in batch.


@pytest.fixture(scope="module")
def shared_engine(builtin_engine: Any) -> Iterator[Any]:
    from refusalkit import api

    made = api.default_engine
    by_style: list[tuple[Any, Any]] = []

    def engine(style: Any = None) -> Any:
        if style is None:
            return builtin_engine
        if style.templates or style.locales:
            return made(style)
        for known, built in by_style:
            if known == style:
                return built
        by_style.append((style, made(style)))
        return by_style[-1][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "default_engine", engine)
        yield builtin_engine


# --- each catalog compiled once per process -----------------------------------------------------
# A source checkout has no .mo files, so every new Engine compiles each .po it reads with Babel
# (i18n._compile, 5-10 ms a catalog), and the suite builds about a thousand Engines (each CLI
# call, check, team folder): some 15 s of CPU. The compiled catalog depends on the .po's bytes
# alone, so the tests keep it by those bytes; an edited or broken .po is compiled (and fails) as
# before. Engines still read their catalogs through i18n.translations, each into its own cache.


@pytest.fixture(scope="session", autouse=True)
def catalogs_compiled_once() -> Iterator[None]:
    from refusalkit import i18n

    compile_po = i18n._compile
    compiled: dict[bytes, Any] = {}

    def compile_known(po: str) -> Any:
        try:
            with open(po, "rb") as fh:
                text = fh.read()
        except OSError:
            return compile_po(po)  # the error as i18n words it
        if text not in compiled:
            compiled[text] = compile_po(po)
        return compiled[text]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "_compile", compile_known)
        yield


# --- each compiled template unmarshalled once per process ---------------------------------------
# Every new Engine loads the compiled templates it uses from the bytecode cache folder
# (render._FolderCache), and unmarshalling a sandboxed template's code takes 1-2 ms: some 6,000
# loads in the suite. The code depends on the cache file's bytes alone (they carry the source's
# checksum), so the tests keep it by those bytes; a new, edited or broken file goes the usual way.


@pytest.fixture(scope="session", autouse=True)
def templates_unmarshalled_once() -> Iterator[None]:
    from refusalkit import render

    load = render._FolderCache.load_bytecode
    loaded: dict[tuple[bytes, str], Any] = {}

    def load_known(cache: Any, bucket: Any) -> None:
        try:
            with open(cache._file(bucket), "rb") as fh:
                key = (fh.read(), bucket.checksum)
        except OSError:
            return load(cache, bucket)
        if key in loaded:
            bucket.code = loaded[key]
            return None
        load(cache, bucket)
        if bucket.code is not None:
            loaded[key] = bucket.code
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render._FolderCache, "load_bytecode", load_known)
        yield
