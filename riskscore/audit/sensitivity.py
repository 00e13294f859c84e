"""Sobol sensitivity of the index to each uncertain input (METHODOLOGY.md 13.2).

Outputs analysed: the mean absolute rank shift from the nominal ranking (one number per
run) and each state's exposure score. Weight multipliers and the discrete method choices
(aggregation, threshold, missing-data rules, bounds) are all factors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import sobol
from .engine import Engine, mean_abs_shift, ranks
from .factors import FactorSpace
from .uncertainty import _no_progress, nominal_run


@dataclass
class Sensitivity:
    factors: list[str]
    n: int
    seed: int
    shift: sobol.Indices  # indices of the mean absolute rank shift
    states: list[str]
    state_first: np.ndarray  # factors x states
    state_total: np.ndarray
    state_total_ci: np.ndarray  # 2 x factors x states

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({
            "factor": self.factors,
            "first_order": self.shift.first, "first_low": self.shift.first_ci[0],
            "first_high": self.shift.first_ci[1],
            "total": self.shift.total, "total_low": self.shift.total_ci[0],
            "total_high": self.shift.total_ci[1],
        }).sort_values("total", ascending=False).reset_index(drop=True)


def evaluate(engine: Engine, space: FactorSpace, u: np.ndarray, rank0: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """(mean |rank shift| per run, exposure runs x states) for points u."""
    groups, pw, iw, cw = space.to_runs(u)
    shift = np.full(u.shape[0], np.nan)
    exposure = np.full((u.shape[0], engine.n), np.nan)
    for choice, idx in groups.items():
        b = engine.run(choice, pw[idx], iw[idx], cw[idx])
        r = ranks(b.exposure, b.ranked)
        shift[idx] = mean_abs_shift(r, rank0)
        exposure[idx] = b.exposure.T
    return shift, exposure


def run_sensitivity(engine: Engine, space: FactorSpace, n: int = 1024, seed: int = 0,
                    resamples: int = 200, progress: Callable = _no_progress) -> Sensitivity:
    a, b = sobol.design(n, space.k, seed)
    _, rank0, _ = nominal_run(engine, space)
    sa, ea = evaluate(engine, space, a, rank0)
    sb, eb = evaluate(engine, space, b, rank0)
    sab = np.empty((space.k, n))
    eab = np.empty((space.k, n, engine.n), dtype=np.float32)
    for i in progress(range(space.k), "sensitivity factors"):
        sab[i], e = evaluate(engine, space, sobol.ab_matrix(a, b, i), rank0)
        eab[i] = e
    shift = sobol.indices(sa, sb, sab, resamples, seed)
    # Per-state indices: only for states ranked nominally (the others have no stable score).
    keep = np.flatnonzero(rank0 > 0)
    st = sobol.indices(ea[:, keep], eb[:, keep], eab[:, :, keep].astype(float),
                       resamples, seed)
    return Sensitivity([f.name for f in space.factors], n, seed, shift,
                       [engine.p.states[i] for i in keep], st.first, st.total, st.total_ci)
