"""Cold command times and the scoring's own costs (issues 12 and 13). Run by `make bench`.

Targets on a 2-core machine: `riskscore --help` under 0.3 s and `riskscore explain ISO3`
under 0.5 s as fresh processes (after one run has filled the cache of validated data);
explain for every state under 2 s; bounds for every state under 0.2 s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from timing import best_of

import riskscore
from riskscore.explanation import explain
from riskscore.kernel import Choice, Kernel
from riskscore.scoring import score
from riskscore.weights import nominal

BIN = Path(sys.executable).parent / "riskscore"


def cold(args: list[str], n: int = 5) -> float:
    """Best wall time of ``n`` fresh processes."""
    exe = str(BIN) if BIN.exists() else shutil.which("riskscore") or "riskscore"
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([exe, *args], check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)



def main() -> None:
    cold(["explain", "UKR"], 1)  # fills the cache of validated data
    print(f"cli: cold `riskscore --help` {cold(['--help']):.2f} s (target < 0.3 s)")
    print(f"cli: cold `riskscore explain UKR` {cold(['explain', 'UKR']):.2f} s "
          "(target < 0.5 s)")
    ds = riskscore.load()
    k = Kernel(ds)
    pw, iw, cw = k.weights_matrix(nominal(ds), 1)
    bounds = best_of(5, lambda: k.run(Choice(), pw, iw, cw))
    print(f"scoring: every state with its bounds, one run {bounds * 1000:.1f} ms "
          "(target < 200 ms)")

    def all_states() -> None:
        k2 = Kernel(ds)
        computed = (score(ds, kernel=k2).set_index("iso3"),
                    score(ds, scenario="latent", kernel=k2).set_index("iso3"))
        for iso3 in k2.p.states:
            explain(ds, iso3, kernel=k2, computed=computed)

    print(f"explain: all {k.n} states {best_of(2, all_states):.2f} s (target < 2 s)")

    from riskscore.crossborder import pairs

    n_pairs = k.n * (k.n - 1)
    print(f"pairs: all {n_pairs:,} ordered pairs with bounds, as a table "
          f"{best_of(3, lambda: pairs(ds, kernel=k)):.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
