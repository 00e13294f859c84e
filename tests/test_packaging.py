"""A non-editable install finds the shipped indicators, country data and templates."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (whl,) = out.glob("riskscore-*.whl")
    return whl


def test_wheel_carries_the_shipped_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("riskscore/_shipped/indicators/indicators.csv",
                 "riskscore/_shipped/indicators/provisions.csv",
                 "riskscore/_shipped/country_data/observations.csv",
                 "riskscore/_shipped/country_data/offences.csv",
                 "riskscore/_shipped/templates/country.html.j2",
                 "riskscore/_shipped/templates/partials/macros.html.j2"):
        assert name in names


def test_installed_wheel_validates_its_own_data(wheel, tmp_path):
    """Install the wheel alone into a clean virtualenv (its dependencies come from this
    environment's site-packages through a .pth file, so no network is needed) and run it
    from a folder far from the checkout."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], check=True, capture_output=True, text=True)
    here = sysconfig.get_paths()["purelib"]
    (Path(site.stdout.strip()) / "deps_from_test_env.pth").write_text(here + "\n")
    result = subprocess.run([str(venv / "bin" / "riskscore"), "validate"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "_shipped" in result.stdout  # it used the copies inside the package
    assert str(ROOT / "country_data") not in result.stdout
    # The report templates travel in the wheel too: a country page renders from them.
    report = subprocess.run([str(venv / "bin" / "riskscore"), "report", "BLR", "--format",
                             "md", "--out", str(tmp_path / "rep")], cwd=tmp_path,
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert "Belarus" in (tmp_path / "rep" / "BLR.md").read_text()
