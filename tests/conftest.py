"""Shared test helpers. Test data made up for a test lives under tests/ and says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from riskscore import paths
from riskscore.cli import main

# Hypothesis profiles: "ci" (the default, what make test and CI run) and "dev" (quick
# local iterations), "thorough" for an occasional long run. Choose with HYPOTHESIS_PROFILE.
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow],
               derandomize=False, print_blob=True)
settings.register_profile("ci", max_examples=30, **_COMMON)
settings.register_profile("dev", max_examples=8, **_COMMON)
settings.register_profile("thorough", max_examples=300, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
# The invented example index (tests/example) and the CLI options that point at it.
EXAMPLE = Path(__file__).resolve().parent / "example"
EX = ("--data", EXAMPLE / "country_data", "--indicators", EXAMPLE / "indicators")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's cache of validated datasets."""
    os.environ["RISKSCORE_CACHE_DIR"] = str(tmp_path_factory.mktemp("riskscore-cache"))


@pytest.fixture
def shipped_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A private, writable copy of the shipped data and indicator folders."""
    data = tmp_path / "country_data"
    meta = tmp_path / "indicators"
    shutil.copytree(paths.default_data_dir(), data, ignore=shutil.ignore_patterns("*.sh", "*.md"))
    shutil.copytree(paths.default_indicators_dir(), meta)
    return data, meta


@pytest.fixture(scope="session")
def ds():
    """The shipped dataset, loaded once. Modules about other data define their own ``ds``."""
    import riskscore

    return riskscore.load()


@pytest.fixture(scope="session")
def example_ds():
    """The invented example dataset, loaded once."""
    import riskscore

    return riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators")


@pytest.fixture(scope="session")
def engine(ds):
    """The scoring kernel on the shipped dataset."""
    from riskscore.kernel import Kernel

    return Kernel(ds)


def run(*args: str):
    """Run the CLI in-process; return click's Result (stdout and stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
