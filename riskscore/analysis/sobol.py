"""Variance-based sensitivity indices (METHODOLOGY.md 13.2).

Design (Saltelli 2010): two independent quasi-random matrices A and B (N x k, the two
halves of one scrambled Sobol' sequence in 2k dimensions) and, for each factor i, AB_i =
A with column i taken from B. Estimators, for output y with V = Var([f(A); f(B)]):

* first order (Saltelli et al. 2010, Table 2 (b)):  S_i  = mean(f(B) * (f(AB_i) - f(A))) / V
* total effect (Jansen 1999):                       ST_i = mean((f(A) - f(AB_i))^2) / (2V)

Confidence intervals: bootstrap over the N rows (percentile method). Each bootstrap
resample is a row of counts, so all resamples are one matrix product.

References: Saltelli A. et al. (2010) Computer Physics Communications 181, 259-270;
Jansen M.J.W. (1999) Computer Physics Communications 117, 35-43.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def design(n: int, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A and B (n x k each) from one scrambled Sobol' sequence; n should be a power of 2."""
    from scipy.stats import qmc  # imported here: scipy is slow to import, and only this needs it

    points = qmc.Sobol(d=2 * k, scramble=True, seed=seed).random(n)
    return points[:, :k], points[:, k:]


def ab_matrix(a: np.ndarray, b: np.ndarray, i: int) -> np.ndarray:
    ab = a.copy()
    ab[:, i] = b[:, i]
    return ab


@dataclass(frozen=True)
class Indices:
    first: np.ndarray  # k (x outputs)
    total: np.ndarray
    first_ci: np.ndarray  # 2 x k (x outputs): low, high
    total_ci: np.ndarray


def _resample_counts(n: int, resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    counts = np.zeros((resamples, n))
    np.add.at(counts, (np.arange(resamples)[:, None], idx), 1.0)
    return counts


def indices(fa: np.ndarray, fb: np.ndarray, fab: np.ndarray, resamples: int = 200,
            seed: int = 0, level: float = 0.95) -> Indices:
    """Sobol indices from model outputs.

    ``fa``, ``fb``: N (x outputs); ``fab``: k x N (x outputs). Rows where any of the
    three is not finite are left out for that output.
    """
    fa = np.asarray(fa, float)
    fb = np.asarray(fb, float)
    fab = np.asarray(fab, float)
    squeeze = fa.ndim == 1
    if squeeze:
        fa, fb, fab = fa[:, None], fb[:, None], fab[:, :, None]
    k, n = fab.shape[0], fa.shape[0]
    ok = np.isfinite(fa) & np.isfinite(fb) & np.isfinite(fab).all(axis=0)
    a, b = np.where(ok, fa, 0.0), np.where(ok, fb, 0.0)
    ab = np.where(ok[None], fab, 0.0)
    w = ok.astype(float)

    def estimate(weights: np.ndarray):
        # weights: r x N (bootstrap counts, or ones) -> indices r x k x outputs
        cnt = weights @ w  # r x out
        mean = (weights @ (a + b)) / (2 * cnt)
        var = (weights @ (a * a + b * b)) / (2 * cnt) - mean ** 2
        first = np.stack([(weights @ (b * (ab[i] - a))) / cnt for i in range(k)], axis=1)
        total = np.stack([(weights @ ((a - ab[i]) ** 2)) / (2 * cnt) for i in range(k)],
                         axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return first / var[:, None, :], total / var[:, None, :]

    s1, st = estimate(np.ones((1, n)))
    boot = _resample_counts(n, resamples, seed)
    b1, bt = estimate(boot)
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    ci1 = np.nanpercentile(b1, [lo, hi], axis=0)
    cit = np.nanpercentile(bt, [lo, hi], axis=0)
    out = Indices(s1[0], st[0], ci1, cit)
    if squeeze:
        out = Indices(out.first[:, 0], out.total[:, 0], out.first_ci[..., 0],
                      out.total_ci[..., 0])
    return out
