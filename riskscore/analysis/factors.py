"""The uncertain inputs the audit varies, and how a point in [0, 1)^k becomes a run.

Every factor is drawn as a uniform number in [0, 1) (METHODOLOGY.md section 13):

* weight factors scale their weight by a multiplier in [1 - spread, 1 + spread] (the group
  is renormalised by the kernel); so do the domestic share *d* and each engagement value
  (clipped to [0, 1]);
* ``unknown_categories`` places every unknown offence category at one of its feasible values
  (its floor, *d*, or 1), uniformly for each cell (kernel.Draws);
* discrete factors (aggregation, missing-data rule, normalisation bounds, the ranking
  floor) pick one of their levels with equal probability.

The serious-crime threshold is not a factor: art. 2(h) fixes four years; 3 and 5 years are
what-if scenarios in the reports. The same mapping serves Monte Carlo (pseudo-random points)
and Sobol analysis (quasi-random points).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..kernel import MIN_KNOWN_SHARE, Choice, Draws
from ..vocab import AGGREGATIONS, BOUNDS
from ..weights import Weights

DEFAULT_SPREAD = 0.25  # +-25 % around each nominal weight (JRC audit practice)
# The ranking floor on the researched share of the category weight, varied around its
# nominal value (METHODOLOGY.md 9.2).
MIN_KNOWN_LEVELS = (MIN_KNOWN_SHARE - 0.05, MIN_KNOWN_SHARE, MIN_KNOWN_SHARE + 0.05)

DISCRETE = {
    "aggregation": AGGREGATIONS,
    "missing_rule": ("catalogue", "latest_earlier_year"),
    "bounds": BOUNDS,
    "min_known_share": MIN_KNOWN_LEVELS,
}
CHOICE_FIELDS = ("aggregation", "missing_rule", "bounds")


@dataclass(frozen=True)
class Factor:
    name: str  # e.g. "pillar:legal_reach", "indicator:rsf_score", "aggregation"
    kind: str  # pillar | indicator | category | engagement | domestic_share | unknown | discrete
    levels: tuple = ()


@dataclass(frozen=True)
class Runs:
    """Points turned into runs: weight matrices and per-run draws (all m rows)."""

    groups: dict[Choice, np.ndarray]  # runs sharing one discrete choice
    pillar_w: np.ndarray
    indicator_w: np.ndarray
    category_w: np.ndarray
    draws: Draws

    def take(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, Draws]:
        def cut(a):
            return None if a is None else a[idx]
        d = self.draws
        return (self.pillar_w[idx], self.indicator_w[idx], self.category_w[idx],
                Draws(cut(d.unknown), cut(d.domestic_share), cut(d.engagement),
                      cut(d.min_known_share)))


@dataclass(frozen=True)
class FactorSpace:
    factors: list[Factor]
    nominal: Weights
    spread: float
    pillar_ids: list[str]
    indicator_ids: list[str]
    category_ids: list[str]
    engagement_ids: list[str]
    engagement_values: np.ndarray
    domestic_share: float
    scenario: str = "current"

    @property
    def k(self) -> int:
        return len(self.factors)

    def to_runs(self, u: np.ndarray) -> Runs:
        """Points u (m x k) -> runs grouped by discrete choice, weights and draws."""
        m = u.shape[0]
        mult = 1.0 + self.spread * (2.0 * u - 1.0)
        pw = np.tile(self.nominal.pillars.reindex(self.pillar_ids).to_numpy(float), (m, 1))
        iw = np.tile(self.nominal.indicators.reindex(self.indicator_ids).to_numpy(float), (m, 1))
        cw = np.tile(self.nominal.categories.reindex(self.category_ids).to_numpy(float), (m, 1))
        target = {"pillar": (pw, self.pillar_ids), "indicator": (iw, self.indicator_ids),
                  "category": (cw, self.category_ids)}
        names = list(DISCRETE)
        codes = np.full((m, len(names)), -1)
        unknown = dom = eng = floor = None
        for j, f in enumerate(self.factors):
            if f.kind == "discrete":
                codes[:, names.index(f.name)] = np.minimum(
                    (u[:, j] * len(f.levels)).astype(int), len(f.levels) - 1)
            elif f.kind == "unknown":
                unknown = u[:, j]
            elif f.kind == "domestic_share":
                dom = np.clip(self.domestic_share * mult[:, j], 0.0, 1.0)
            elif f.kind == "engagement":
                if eng is None:
                    eng = np.tile(self.engagement_values, (m, 1))
                col = self.engagement_ids.index(f.name.split(":", 1)[1])
                eng[:, col] = np.clip(eng[:, col] * mult[:, j], 0.0, 1.0)
            else:
                matrix, ids = target[f.kind]
                matrix[:, ids.index(f.name.split(":", 1)[1])] *= mult[:, j]
        floor_col = names.index("min_known_share")
        if (codes[:, floor_col] >= 0).any():
            floor = np.asarray(MIN_KNOWN_LEVELS)[codes[:, floor_col]]
        groups = {}
        choice_cols = [names.index(c) for c in CHOICE_FIELDS]
        combos, inverse = np.unique(codes[:, choice_cols], axis=0, return_inverse=True)
        for g, combo in enumerate(combos):
            kw = {name: DISCRETE[name][c] for name, c in zip(CHOICE_FIELDS, combo, strict=True)
                  if c >= 0}
            groups[Choice(scenario=self.scenario, **kw)] = np.flatnonzero(inverse.ravel() == g)
        return Runs(groups, pw, iw, cw, Draws(unknown, dom, eng, floor))


def factor_space(nominal: Weights, kernel, spread: float = DEFAULT_SPREAD,
                 vary_discrete: bool = True, vary_categories: bool = True,
                 vary_unknown: bool = True, scenario: str = "current") -> FactorSpace:
    """The audit's factors for a kernel. ``vary_discrete=False`` gives a weights-only
    space (no method choices, no missing-data draws)."""
    factors = [Factor(f"pillar:{p}", "pillar") for p in kernel.pillar_ids]
    factors += [Factor(f"indicator:{i}", "indicator") for i in kernel.indicator_ids]
    if vary_categories:
        factors += [Factor(f"category:{c}", "category") for c in kernel.category_ids]
    if vary_discrete:
        factors += [Factor(f"engagement:{e}", "engagement") for e in kernel.p.engagement_ids]
        factors += [Factor("domestic_share", "domestic_share")]
        factors += [Factor(name, "discrete", levels) for name, levels in DISCRETE.items()]
    if vary_discrete and vary_unknown:
        factors += [Factor("unknown_categories", "unknown")]
    values = np.array([kernel.p.engagement_value[e] for e in kernel.p.engagement_ids])
    return FactorSpace(factors, nominal, spread, kernel.pillar_ids, kernel.indicator_ids,
                       kernel.category_ids, list(kernel.p.engagement_ids), values,
                       kernel.p.domestic_share, scenario)
