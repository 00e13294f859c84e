"""Report speed (issue 4): the whole static site for every shipped state, and one PDF.

Targets on a 2-core machine: site under 10 s, one PDF under 3 s. Run by `make bench`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from timing import best_of

import riskscore
from riskscore.report import build_site, render_country, report_data


def main() -> None:
    start = time.perf_counter()
    ds = riskscore.load()
    rd = report_data(ds)
    prep = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        site = best_of(3, lambda: build_site(rd, Path(tmp) / "site"))
    states = len(rd.kernel.p.states)
    print(f"reports: load + score {prep:.2f} s; full site ({states} country pages + index, "
          f"methodology, sources) {site:.2f} s (target < 10 s); "
          f"load + score + site {prep + site:.2f} s")
    try:
        pdf = best_of(3, lambda: render_country(rd, "BLR", "pdf"))
        print(f"reports: one country PDF (BLR) {pdf:.2f} s (target < 3 s)")
    except riskscore.UsageError as exc:
        print(f"reports: PDF skipped: {exc}")


if __name__ == "__main__":
    main()
