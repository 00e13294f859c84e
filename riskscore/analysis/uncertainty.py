"""Monte Carlo uncertainty analysis (OECD/JRC Handbook 2008, step 7; METHODOLOGY.md 13.1).

All uncertain choices are drawn together in each run. Results are accumulated as counts
(rank x state, class x state), never as the runs themselves, so a million runs need no
more memory than a thousand.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from ..kernel import Batch, Choice, Kernel, ranks
from ..progress import Progress, no_progress
from .factors import FactorSpace

CHUNK = 5_000  # runs scored at once: bounds memory (~150 MB) without slowing down



@dataclass
class Uncertainty:
    states: list[str]
    names: list[str]
    class_ids: list[str]
    runs: int
    seed: int
    nominal_exposure: np.ndarray
    nominal_rank: np.ndarray  # 0 = not ranked
    nominal_class: np.ndarray  # class index; len(class_ids) = not ranked
    rank_counts: np.ndarray  # states x (states + 1); column 0 = not ranked
    class_counts: np.ndarray  # states x (classes + 1); last column = not ranked
    shift: np.ndarray  # per run: mean |rank - nominal rank| over states ranked in both

    def rank_quantile(self, q: float) -> np.ndarray:
        """Rank below which a share q of a state's ranked runs fall (nearest-rank rule)."""
        counts = self.rank_counts[:, 1:]
        total = counts.sum(axis=1)
        cum = counts.cumsum(axis=1)
        need = np.ceil(q * total).clip(min=1)
        idx = (cum >= need[:, None]).argmax(axis=1) + 1
        return np.where(total > 0, idx, np.nan)

    def share_ranked(self) -> np.ndarray:
        return 1.0 - self.rank_counts[:, 0] / self.runs

    def class_probabilities(self) -> np.ndarray:
        return self.class_counts / self.runs

    def share_rank_at_most(self, r: int) -> np.ndarray:
        return self.rank_counts[:, 1:r + 1].sum(axis=1) / self.runs

    def frame(self) -> pd.DataFrame:
        probs = self.class_probabilities()
        out = pd.DataFrame({
            "iso3": self.states, "name": self.names,
            "nominal_exposure": self.nominal_exposure,
            "nominal_rank": np.where(self.nominal_rank > 0, self.nominal_rank, np.nan),
            "median_rank": self.rank_quantile(0.5),
            "rank_p05": self.rank_quantile(0.05), "rank_p95": self.rank_quantile(0.95),
            "share_ranked": self.share_ranked(),
        })
        for j, cid in enumerate(self.class_ids):
            out[f"p_{cid}"] = probs[:, j]
        out["p_not_ranked"] = probs[:, -1]
        for col in ("nominal_rank", "median_rank", "rank_p05", "rank_p95"):
            out[col] = out[col].astype("Int64")
        return out.sort_values(["nominal_rank", "iso3"], na_position="last").reset_index(
            drop=True)


def mean_abs_shift(r: np.ndarray, rank0: np.ndarray) -> np.ndarray:
    """Per run: mean |rank - nominal rank| over states ranked both nominally and in the run."""
    both = (r > 0) & (rank0[:, None] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.abs(r - rank0[:, None]) * both).sum(axis=0) / both.sum(axis=0)


def run_classes(kernel: Kernel, b: Batch) -> np.ndarray:
    """Class index of each state's point score per run; len(class_ids) = not placed."""
    return np.where(b.in_ranking, kernel.classify(b.exposure), len(kernel.class_ids))


def nominal_run(engine: Kernel, space: FactorSpace) -> tuple[np.ndarray, np.ndarray,
                                                             np.ndarray]:
    pw, iw, cw = engine.weights_matrix(space.nominal, 1)
    b = engine.run(Choice(scenario=space.scenario), pw, iw, cw)
    r = ranks(b.exposure, b.in_ranking)[:, 0]
    return b.exposure[:, 0], r, run_classes(engine, b)[:, 0]


def run_uncertainty(engine: Kernel, space: FactorSpace, runs: int = 1000, seed: int = 0,
                    chunk: int = CHUNK, progress: Progress = no_progress) -> Uncertainty:
    """Draw ``runs`` points, score them in chunks, accumulate ranks and classes.

    Points are drawn in order from one generator (so results depend only on the seed);
    chunks are scored on up to two threads (NumPy releases the GIL in its array work) and
    their counts added in order."""
    n, n_cls = engine.n, len(engine.class_ids)
    exposure0, rank0, class0 = nominal_run(engine, space)
    rank_counts = np.zeros((n, n + 1), dtype=np.int64)
    class_counts = np.zeros((n, n_cls + 1), dtype=np.int64)
    shifts = np.empty(runs, dtype=np.float32)
    rng = np.random.default_rng(seed)
    state_idx = np.arange(n)[:, None]

    def score_chunk(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        runs_ = space.to_runs(u)
        ranks_c = np.zeros((n, n + 1), dtype=np.int64)
        classes_c = np.zeros((n, n_cls + 1), dtype=np.int64)
        shift = np.empty(u.shape[0], dtype=np.float32)
        for choice, idx in runs_.groups.items():
            b = engine.run(choice, *runs_.take(idx), bounds=False)
            r = ranks(b.exposure, b.in_ranking)
            cls = run_classes(engine, b)
            ranks_c += np.bincount((state_idx * (n + 1) + r).ravel(),
                                   minlength=n * (n + 1)).reshape(n, n + 1)
            classes_c += np.bincount((state_idx * (n_cls + 1) + cls).ravel(),
                                     minlength=n * (n_cls + 1)).reshape(n, n_cls + 1)
            shift[idx] = mean_abs_shift(r, rank0)
        return ranks_c, classes_c, shift

    sizes = [min(chunk, runs - s) for s in range(0, runs, chunk)]
    points = (rng.random((size, space.k)) for size in sizes)
    done = 0
    # Our two threads each run single-threaded BLAS: nested BLAS threads only contend.
    with threadpool_limits(1, user_api="blas"), \
            ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for ranks_c, classes_c, shift in progress(pool.map(score_chunk, points),
                                                  "uncertainty runs"):
            rank_counts += ranks_c
            class_counts += classes_c
            shifts[done:done + len(shift)] = shift
            done += len(shift)
    names = engine.ds.countries.set_index("iso3")["name"].reindex(engine.p.states).tolist()
    return Uncertainty(list(engine.p.states), names, list(engine.class_ids), runs, seed,
                       exposure0, rank0, class0, rank_counts, class_counts, shifts)
