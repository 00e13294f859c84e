"""Audit speed and memory (issue 5), printed by `make bench`.

Targets (2-core machine): 1,000-run uncertainty analysis on all shipped states < 1 s;
Sobol with N = 4,096 base samples < 10 s; 10^6 weight-only runs with peak memory < 1 GB;
and the speed-up over calling riskscore.score() once per sample (expect >= 100x).
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

import riskscore
from riskscore.analysis.factors import factor_space
from riskscore.analysis.sensitivity import run_sensitivity
from riskscore.analysis.uncertainty import run_uncertainty
from riskscore.kernel import Kernel
from riskscore.weights import Weights, nominal


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    ds = riskscore.load()
    engine, build = timed(lambda: Kernel(ds))
    space = factor_space(nominal(ds), engine)
    _, cold = timed(lambda: run_uncertainty(engine, space, 1000, seed=0))
    warm = min(timed(lambda s=s: run_uncertainty(engine, space, 1000, seed=s))[1]
               for s in range(3))
    print(f"audit: 1,000-run uncertainty analysis, {engine.n} states, {space.k} factors: "
          f"{build + cold:.3f} s cold (engine {build:.3f} s), {warm:.3f} s warm "
          f"(target < 1 s)")
    _, sobol_time = timed(lambda: run_sensitivity(engine, space, 4096, seed=0))
    print(f"audit: Sobol N = 4,096 ({4096 * (space.k + 2):,} model runs, bootstrap CIs): "
          f"{sobol_time:.2f} s (target < 10 s)")

    weights_only = factor_space(nominal(ds), engine, vary_discrete=False)
    tracemalloc.start()
    _, million = timed(lambda: run_uncertainty(engine, weights_only, 1_000_000, seed=0))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"audit: 10^6 weight-only runs: {million:.1f} s, peak traced memory "
          f"{peak / 2**20:.0f} MiB (target < 1 GiB)")

    from riskscore.analysis.pairs import run_pair_uncertainty

    tracemalloc.start()
    _, pair_time = timed(lambda: run_pair_uncertainty(ds, nominal(ds), 1000, 0, kernel=engine))
    pair_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"pairs: 1,000 uncertainty runs over all {engine.n * (engine.n - 1):,} ordered pairs "
          f"{pair_time:.1f} s (target < 30 s), peak traced memory {pair_peak / 2**20:.0f} MiB "
          "(target < 2 GiB)")

    # Baseline: the public API once per sample, same kind of weight draw.
    rng = np.random.default_rng(0)
    w0 = nominal(ds)
    kernel = Kernel(ds)  # shared, so the baseline pays only for scoring
    samples = 30
    start = time.perf_counter()
    for _ in range(samples):
        m = lambda s: s * rng.uniform(0.75, 1.25, len(s))  # noqa: E731
        riskscore.score(ds, Weights(m(w0.pillars), m(w0.indicators), m(w0.categories)),
                        kernel=kernel)
    per_sample = (time.perf_counter() - start) / samples
    per_run = million / 1_000_000
    print(f"audit: baseline riskscore.score() per sample {per_sample * 1000:.1f} ms vs "
          f"engine {per_run * 1e6:.1f} us per run: {per_sample / per_run:,.0f}x faster "
          "(target >= 100x)")


if __name__ == "__main__":
    main()
