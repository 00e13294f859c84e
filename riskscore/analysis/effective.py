"""Effective weights and statistical coherence (METHODOLOGY.md 13.3).

Effective weight (Paruolo, Saisana & Saltelli 2013): the main effect of an input X_i on an
output Y across states, S_i = Var(E[Y | X_i]) / Var(Y), the "correlation ratio". E[Y|X_i] is
estimated by a cubic polynomial in X_i (by group means when X_i takes five values or
fewer), on the nominally ranked states. It is measured at the two levels where weights
act: each pillar's effect on the composite, and each indicator's effect on its pillar.

At each level the S_i are compared as shares (S_i / sum S) with the nominal weight shares.
Correlated inputs share importance, so a gap is not an error in itself; a gap beyond
TOLERANCE must be recorded with its reason in indicators/audit_exceptions.csv, and no
input may reach DOMINANCE of its level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..kernel import Choice, Kernel
from ..weights import Weights

# An input's effective share may differ from its nominal share by this factor either way.
TOLERANCE = 3.0
# No single input may carry this much of the explained variance (it would dominate).
DOMINANCE = 0.5


def correlation_ratio(x: np.ndarray, y: np.ndarray) -> float:
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(y) < 5 or np.var(y) == 0 or np.var(x) == 0:
        return float("nan")
    uniq = np.unique(x)
    if len(uniq) <= 5:
        fitted = pd.Series(y).groupby(x).transform("mean").to_numpy()
    else:
        deg = min(3, len(uniq) - 1)
        fitted = np.polynomial.Polynomial.fit(x, y, deg)(x)
    return float(np.clip(np.var(fitted) / np.var(y), 0.0, 1.0))


@dataclass
class Effective:
    table: pd.DataFrame  # level, input, nominal_share, main_effect, effective_share, ratio
    correlations: pd.DataFrame  # each indicator vs its own pillar (Pearson)
    pillar_correlations: pd.DataFrame
    alpha: dict[str, float]  # Cronbach's alpha per pillar with >= 2 indicators


def _level(level: str, inputs: pd.DataFrame, y: pd.Series, nominal: pd.Series) -> pd.DataFrame:
    main = pd.Series({c: correlation_ratio(inputs[c].to_numpy(float), y.to_numpy(float))
                      for c in inputs.columns})
    t = pd.DataFrame({"level": level, "input": main.index,
                      "nominal_share": (nominal / nominal.sum()).reindex(main.index).to_numpy(),
                      "main_effect": main.to_numpy()})
    t["effective_share"] = t["main_effect"] / t["main_effect"].sum()
    t["ratio"] = t["effective_share"] / t["nominal_share"]
    return t


def effective_weights(engine: Kernel, weights: Weights) -> Effective:
    pw, iw, cw = engine.weights_matrix(weights, 1)
    batch = engine.run(Choice(), pw, iw, cw)
    ranked = batch.in_ranking[:, 0]
    states = engine.p.states
    y = pd.Series(batch.exposure[:, 0], index=states)[ranked]
    pillars = pd.DataFrame({k: np.broadcast_to(v, (engine.n, 1))[:, 0]
                            for k, v in batch.pillars.items()}, index=states)[ranked]
    pillars = pillars[engine.pillar_ids]
    tables = [_level("composite", pillars, y, weights.pillars.reindex(engine.pillar_ids))]
    risk = pd.DataFrame(engine.risk("catalogue", "catalogue"), index=states,
                        columns=engine.indicator_ids)[ranked]
    ind = engine.ds.indicators.set_index("id")["pillar"]
    corr, alpha = [], {}
    for pillar in ("safeguard_deficit", "repression_climate"):
        # An input with weight 0 is context, not part of the index: it has no nominal share
        # to compare with (METHODOLOGY.md 13.3).
        members = [m for m in ind[ind == pillar].index if weights.indicators[m] > 0]
        tables.append(_level(pillar, risk[members], pillars[pillar],
                             weights.indicators.reindex(members)))
        for m in members:
            r = risk[m].corr(pillars[pillar])
            corr.append({"input": m, "pillar": pillar, "r_with_pillar": r,
                         "negative": bool(r < 0)})
        alpha[pillar] = cronbach_alpha(risk[members].dropna().to_numpy(float))
    return Effective(pd.concat(tables, ignore_index=True), pd.DataFrame(corr),
                     pillars.corr(), alpha)


def cronbach_alpha(items: np.ndarray) -> float:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of the sum)."""
    k = items.shape[1]
    if k < 2 or items.shape[0] < 3:
        return float("nan")
    total = items.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / total))


def check(eff: Effective, exceptions: pd.DataFrame | None = None) -> list[str]:
    """Problems a reviewer must see: gaps beyond TOLERANCE without a recorded reason,
    any input at or above DOMINANCE, indicators negatively correlated with their pillar."""
    excused = set() if exceptions is None else set(exceptions["input"])
    name = {"composite": "the composite"}
    problems = []
    for r in eff.table.itertuples(index=False):
        if r.effective_share >= DOMINANCE:
            problems.append(f"{r.input} dominates {name.get(r.level, r.level)}: "
                            f"{r.effective_share:.0%} of the explained variance (limit "
                            f"{DOMINANCE:.0%}; nominal {r.nominal_share:.0%})")
        elif not (1 / TOLERANCE <= r.ratio <= TOLERANCE) and r.input not in excused:
            problems.append(f"{r.input}: effective share {r.effective_share:.1%} vs nominal "
                            f"{r.nominal_share:.1%} (ratio {r.ratio:.2f}, tolerance "
                            f"{1 / TOLERANCE:.2f}-{TOLERANCE:.2f}) and no recorded exception")
    for r in eff.correlations.itertuples(index=False):
        if r.negative:
            problems.append(f"{r.input} is negatively correlated with its pillar "
                            f"{r.pillar} (r = {r.r_with_pillar:.2f})")
    return problems
