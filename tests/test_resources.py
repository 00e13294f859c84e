"""Bounded resources (issue 18.3): only regular files are read, the size limit holds while
reading, problems are capped with a count of the rest, and validating the worst input
within the limits stays under 500 MB."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run
from riskscore.validate import MAX_PROBLEMS_PER_TABLE
from riskscore.worst_input import write_worst_data

OBS = "observations.csv"


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink_to_device"])
def test_a_table_that_is_not_a_regular_file_is_refused_without_reading(shipped_copy, kind):
    data, meta = shipped_copy
    target = data / OBS
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)  # reading it would block forever
    else:
        os.symlink("/dev/zero", target)  # reading it would never end
    if kind == "device":
        target.unlink()
        os.symlink("/dev/null", target)
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"{OBS}: is not a regular file" in result.stderr


def test_problems_are_capped_with_a_count_of_the_rest(shipped_copy):
    data, meta = shipped_copy
    header = (data / OBS).read_text().splitlines()[0]
    rows = "".join(f"AFG,fiw_d4,year{i},x,fiw\n" for i in range(3 * MAX_PROBLEMS_PER_TABLE))
    (data / OBS).write_text(header + "\n" + rows)
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    listed = [line for line in result.stderr.splitlines() if line.startswith(f"{OBS}:")]
    assert len(listed) == MAX_PROBLEMS_PER_TABLE + 1
    assert any("more problems in this file, not listed" in line for line in listed)


def test_validating_the_worst_input_within_the_limits_stays_under_500_mb(tmp_path):
    root = Path(__file__).resolve().parents[1]
    data = write_worst_data(root / "country_data", tmp_path / "data")
    code = ("import sys; from pathlib import Path; "
            "from riskscore.worst_input import peak_validate_mb; "
            "print(peak_validate_mb(Path(sys.argv[1]), Path(sys.argv[2])))")
    out = subprocess.run([sys.executable, "-c", code, str(data), str(root / "indicators")],
                         capture_output=True, text=True, check=True, timeout=300,
                         env={**os.environ, "RISKSCORE_CACHE_DIR": "off"})
    assert float(out.stdout) < 500
