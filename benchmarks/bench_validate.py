"""Peak memory of validating the worst input within the limits (issue 18.3). Run by
`make bench`. Target: under 500 MB on the 2-core machine."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from riskscore import paths
from riskscore.worst_input import write_worst_data


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = write_worst_data(paths.default_data_dir(), Path(tmp) / "data")
        size = (data / "observations.csv").stat().st_size / 1e6
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; "
             "from riskscore.worst_input import peak_validate_mb; "
             "print(peak_validate_mb(Path(sys.argv[1]), Path(sys.argv[2])))",
             str(data), str(paths.default_indicators_dir())],
            capture_output=True, text=True, check=True,
            env={**os.environ, "RISKSCORE_CACHE_DIR": "off"})
        took = time.perf_counter() - start
    peak = float(out.stdout.strip())
    print(f"validate, worst input within limits ({size:.1f} MB of distinct bad rows): "
          f"peak {peak:.0f} MB (target < 500 MB), {took:.1f} s")


if __name__ == "__main__":
    main()
