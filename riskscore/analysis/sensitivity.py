"""Sobol sensitivity of the index to each uncertain input (METHODOLOGY.md 13.2).

Output analysed: the mean absolute rank shift from the nominal ranking (one number per
run). Weight multipliers, the method choices and the unknown offence categories are all
factors (factors.py). Per-state indices were dropped: no report showed them.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from ..kernel import Kernel, ranks
from ..progress import Progress, no_progress
from . import sobol
from .factors import FactorSpace
from .uncertainty import mean_abs_shift, nominal_run


@dataclass
class Sensitivity:
    """Sobol indices of the mean absolute rank shift, one row per factor."""

    factors: list[str]
    n: int
    seed: int
    shift: sobol.Indices

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({
            "factor": self.factors,
            "first_order": self.shift.first, "first_low": self.shift.first_ci[0],
            "first_high": self.shift.first_ci[1],
            "total": self.shift.total, "total_low": self.shift.total_ci[0],
            "total_high": self.shift.total_ci[1],
        }).sort_values("total", ascending=False, kind="stable").reset_index(drop=True)


def evaluate(engine: Kernel, space: FactorSpace, u: np.ndarray, rank0: np.ndarray
             ) -> np.ndarray:
    """Mean |rank shift| per run for points u."""
    runs = space.to_runs(u)
    shift = np.full(u.shape[0], np.nan)
    for choice, idx in runs.groups.items():
        b = engine.run(choice, *runs.take(idx), bounds=False)
        shift[idx] = mean_abs_shift(ranks(b.exposure, b.in_ranking), rank0)
    return shift


def run_sensitivity(engine: Kernel, space: FactorSpace, n: int = 1024, seed: int = 0,
                    resamples: int = 200, progress: Progress = no_progress) -> Sensitivity:
    a, b = sobol.design(n, space.k, seed)
    _, rank0, _ = nominal_run(engine, space)
    # The k + 2 designs are scored on two threads, BLAS held to one thread each (as in the
    # uncertainty analysis); results come back in design order.
    designs = [a, b] + [sobol.ab_matrix(a, b, i) for i in range(space.k)]
    with threadpool_limits(1, user_api="blas"), \
            ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        shifts = list(progress(pool.map(lambda u: evaluate(engine, space, u, rank0), designs),
                               "sensitivity designs"))
    sa, sb, sab = shifts[0], shifts[1], np.array(shifts[2:])
    return Sensitivity([f.name for f in space.factors], n, seed,
                       sobol.indices(sa, sb, sab, resamples, seed))
