"""The worst input within riskscore's limits, for the memory test and benchmark (issue 18.3).

An observations table just under the size limit whose every row is distinct and wrong in
several ways (unknown state, indicator and source; values out of range): nothing repeats to
share memory, every row fails, and every cross-table rule has something to report.
"""

from __future__ import annotations

import resource
import shutil
import sys
from pathlib import Path

from .csvio import MAX_TABLE_BYTES


def write_worst_data(src: Path, out: Path, size: int | None = None) -> Path:
    """A copy of the data folder ``src`` in ``out`` with the worst observations table."""
    shutil.copytree(src, out, dirs_exist_ok=True)
    target = out / "observations.csv"
    header = target.read_text(encoding="utf-8").splitlines()[0]
    limit = size or MAX_TABLE_BYTES
    with target.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        written, i = len(header) + 1, 0
        while True:
            chunk = "".join(f"X{j % 26:02d},ind{j},{1000 + j % 1000},{j}.{j % 7},s{j}\n"
                            for j in range(i, i + 1_000))
            if written + len(chunk) > limit:
                break
            fh.write(chunk)
            written += len(chunk)
            i += 1_000
    return out


def peak_validate_mb(data: Path, indicators: Path) -> float:
    """Validate ``data`` in this process and return the peak resident memory in MB."""
    from .errors import ValidationFailed
    from .loading import load

    try:
        load(data, indicators)
    except ValidationFailed:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024
