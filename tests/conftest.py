"""Shared test helpers. Test data made up for a test lives under tests/ and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from riskscore import paths
from riskscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "data"


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
def engine(ds):
    """The scoring kernel on the shipped dataset."""
    from riskscore.kernel import Kernel

    return Kernel(ds)


def run(*args: str):
    """Run the CLI in-process; return click's Result (stdout and stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
