"""The uncertain inputs the audit varies, and how a point in [0, 1)^k becomes a run.

Every factor is drawn as a uniform number in [0, 1): weight factors scale their weight by a
multiplier in [1 - spread, 1 + spread] (the group is then renormalised by the engine);
discrete factors (aggregation, threshold, missing-data rules, bounds) pick one of their
levels with equal probability. The same mapping serves Monte Carlo (pseudo-random points)
and Sobol analysis (quasi-random points), so discrete choices are first-class factors
(METHODOLOGY.md section 13).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..weights import Weights
from .engine import AGGREGATIONS, BOUNDS, MISSING_RULES, THRESHOLDS, UNKNOWN_RULES, Choice

DEFAULT_SPREAD = 0.25  # +-25 % around each nominal weight (issue 5)

DISCRETE = {
    "aggregation": AGGREGATIONS,
    "threshold": THRESHOLDS,
    "missing_rule": MISSING_RULES,
    "unknown_rule": UNKNOWN_RULES,
    "bounds": BOUNDS,
}


@dataclass(frozen=True)
class Factor:
    name: str  # e.g. "pillar:legal_reach", "indicator:rsf_score", "threshold"
    kind: str  # pillar | indicator | category | discrete
    levels: tuple = ()


@dataclass(frozen=True)
class FactorSpace:
    factors: list[Factor]
    nominal: Weights
    spread: float
    pillar_ids: list[str]
    indicator_ids: list[str]
    category_ids: list[str]
    vary_discrete: bool

    @property
    def k(self) -> int:
        return len(self.factors)

    def to_runs(self, u: np.ndarray) -> tuple[dict[Choice, np.ndarray], np.ndarray,
                                                np.ndarray, np.ndarray]:
        """Points u (m x k) -> runs grouped by discrete choice, and weight matrices."""
        m = u.shape[0]
        mult = 1.0 + self.spread * (2.0 * u - 1.0)
        pw = np.tile(self.nominal.pillars.reindex(self.pillar_ids).to_numpy(float), (m, 1))
        iw = np.tile(self.nominal.indicators.reindex(self.indicator_ids).to_numpy(float), (m, 1))
        cw = np.tile(self.nominal.categories.reindex(self.category_ids).to_numpy(float), (m, 1))
        target = {"pillar": (pw, self.pillar_ids), "indicator": (iw, self.indicator_ids),
                  "category": (cw, self.category_ids)}
        names = list(DISCRETE)
        codes = np.full((m, len(names)), -1)
        for j, f in enumerate(self.factors):
            if f.kind == "discrete":
                codes[:, names.index(f.name)] = np.minimum(
                    (u[:, j] * len(f.levels)).astype(int), len(f.levels) - 1)
            else:
                matrix, ids = target[f.kind]
                matrix[:, ids.index(f.name.split(":", 1)[1])] *= mult[:, j]
        groups = {}
        combos, inverse = np.unique(codes, axis=0, return_inverse=True)
        nominal = Choice()
        for g, combo in enumerate(combos):
            kw = {name: DISCRETE[name][c] for name, c in zip(names, combo, strict=True)
                  if c >= 0}
            groups[Choice(**{**nominal.__dict__, **kw})] = np.flatnonzero(inverse.ravel() == g)
        return groups, pw, iw, cw


def factor_space(nominal: Weights, pillar_ids: list[str], indicator_ids: list[str],
                 category_ids: list[str], spread: float = DEFAULT_SPREAD,
                 vary_discrete: bool = True, vary_categories: bool = True) -> FactorSpace:
    factors = [Factor(f"pillar:{p}", "pillar") for p in pillar_ids]
    factors += [Factor(f"indicator:{i}", "indicator") for i in indicator_ids]
    if vary_categories:
        factors += [Factor(f"category:{c}", "category") for c in category_ids]
    if vary_discrete:
        factors += [Factor(name, "discrete", levels) for name, levels in DISCRETE.items()]
    return FactorSpace(factors, nominal, spread, pillar_ids, indicator_ids, category_ids,
                       vary_discrete)
