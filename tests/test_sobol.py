"""The Sobol estimators against analytic values and against SALib on the same design."""

from __future__ import annotations

import numpy as np
import pytest

from riskscore.analysis.sobol import ab_matrix, design, indices


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    x = -np.pi + 2 * np.pi * x
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_analytic(a: float = 7.0, b: float = 0.1):
    # Ishigami & Homma (1990); e.g. Saltelli et al. (2008) Global Sensitivity Analysis, 4.7.
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def run(model, k: int, n: int, seed: int = 3):
    a, b = design(n, k, seed)
    fab = np.stack([model(ab_matrix(a, b, i)) for i in range(k)])
    return a, b, model(a), model(b), fab


def test_ishigami_matches_analytic_indices():
    first, total = ishigami_analytic()
    assert first == pytest.approx([0.3139, 0.4424, 0.0], abs=1e-4)  # the textbook values
    *_, fa, fb, fab = run(ishigami, 3, 2 ** 14)
    est = indices(fa, fb, fab, resamples=100)
    assert est.first == pytest.approx(first, abs=0.02)
    assert est.total == pytest.approx(total, abs=0.02)
    # The bootstrap intervals cover the truth.
    assert np.all(est.total_ci[0] <= total + 0.01) and np.all(total - 0.01 <= est.total_ci[1])


def test_linear_model_indices_are_squared_coefficient_shares():
    coef = np.array([4.0, 2.0, 1.0, 0.0])
    *_, fa, fb, fab = run(lambda x: x @ coef, 4, 2 ** 13)
    expected = coef ** 2 / (coef ** 2).sum()  # additive model, X_i ~ U(0,1): S_i = ST_i
    est = indices(fa, fb, fab, resamples=50)
    assert est.first == pytest.approx(expected, abs=0.01)
    assert est.total == pytest.approx(expected, abs=0.01)


def test_matches_salib_on_the_same_design():
    salib = pytest.importorskip("SALib.analyze.sobol")
    k, n = 3, 2 ** 12
    a, b, fa, fb, fab = run(ishigami, k, n)
    # SALib's layout without second order: for each row j, A_j, AB_1j..AB_kj, B_j.
    blocks = [a[:, None, :], np.stack([ab_matrix(a, b, i) for i in range(k)], axis=1),
              b[:, None, :]]
    x = np.concatenate(blocks, axis=1).reshape(-1, k)
    ref = salib.analyze({"num_vars": k, "names": ["x1", "x2", "x3"],
                         "bounds": [[0, 1]] * k}, ishigami(x), calc_second_order=False,
                        seed=1)
    ours = indices(fa, fb, fab, resamples=50)
    assert ours.first == pytest.approx(ref["S1"], abs=1e-3)
    assert ours.total == pytest.approx(ref["ST"], abs=1e-3)


def test_non_finite_rows_are_left_out_not_propagated():
    *_, fa, fb, fab = run(ishigami, 3, 2 ** 12)
    fa = fa.copy()
    fa[:7] = np.nan
    est = indices(fa, fb, fab, resamples=20)
    assert np.isfinite(est.first).all() and np.isfinite(est.total).all()


def test_same_seed_same_design_and_indices():
    a1, b1 = design(256, 4, seed=9)
    a2, b2 = design(256, 4, seed=9)
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)
    *_, fa, fb, fab = run(ishigami, 3, 2 ** 10, seed=9)
    assert np.array_equal(indices(fa, fb, fab, seed=2).total_ci,
                          indices(fa, fb, fab, seed=2).total_ci)
