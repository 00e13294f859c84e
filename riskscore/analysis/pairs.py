"""Uncertainty of the pair model (METHODOLOGY.md 14.1): each pair's risk and the headline
people counts across runs that vary what the pair risk rests on.

Each run draws, like the index's uncertainty analysis (13.1): weight multipliers, *d*,
the engagement values and one number placing every unknown offence category at one of its
feasible levels (the same draw the index uses, so R's serious categories and Q's criminal
law vary together with the index); and, for the pair model, its four component weights
(+-25%), whether each requested state whose law leaves it open refuses conduct it does not
punish (uniform over yes/no), the relief its refusal grounds give where some are unknown,
and each requesting state's record where it is unknown (both uniform between their
bounds) - each through one number per run and fixed offsets per state, as for the
categories. Risks are accumulated as a histogram per pair (1-point bins), so memory does
not grow with the number of runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..crossborder import (
    SAFEGUARD,
    _people,
    pair_components,
    pair_risk,
    parties,
    passing,
    shields,
)
from ..kernel import Choice, Kernel
from ..loading import Dataset
from ..weights import Weights
from .factors import DEFAULT_SPREAD, factor_space

BINS = 101  # risk 0-100 in 1-point bins


@dataclass
class PairUncertainty:
    states: list[str]
    runs: int
    seed: int
    histogram: np.ndarray  # R x Q x BINS, int32
    people_reachable: np.ndarray  # per run: people in pairs with risk > 0

    def risk_quantile(self, q: float) -> np.ndarray:
        """Per pair, the risk bin (lower edge, 0-100) below which a share q of runs fall."""
        cum = self.histogram.cumsum(axis=2)
        need = np.ceil(q * self.runs)
        return (cum >= need).argmax(axis=2).astype(float)

    def people_quantiles(self) -> dict[str, int]:
        p = np.percentile(self.people_reachable, [5, 50, 95])
        return {"p05": int(p[0]), "median": int(p[1]), "p95": int(p[2])}


def run_pair_uncertainty(dataset: Dataset, weights: Weights, runs: int = 1000, seed: int = 0,
                         scenario: str = "current", threshold: float = 4.0,
                         spread: float = DEFAULT_SPREAD,
                         kernel: Kernel | None = None) -> PairUncertainty:
    k = kernel if kernel is not None else Kernel(dataset)
    space = factor_space(weights, k, spread, scenario=scenario)
    rng = np.random.default_rng(seed)
    u = rng.random((runs, space.k))
    # 4 pair-component multipliers; one draw each for the dual-criminality demands left
    # open, the courts of states with too few indicators (uniform over 0-1, their bounds),
    # the relief of unknown refusal grounds and the unknown records
    extra = rng.random((runs, 8))
    sh = shields(dataset, k.p.states)
    r = space.to_runs(u)
    parts = k.categories(threshold)
    n, c = parts.known.shape
    hist = np.zeros((n, n, BINS), dtype=np.int32)
    people = _people(dataset, k.p.states)
    reached = np.empty(runs)
    offsets = np.random.default_rng(20261208).random(n)
    lvl_known = np.where(parts.serious, 2, np.where(parts.value > 0, 1, 0))
    level_ids = k.engagement_level(scenario)
    level_col = np.array([k.p.engagement_ids.index(x) for x in level_ids])
    for choice, idx in r.groups.items():
        choice = Choice(choice.aggregation, threshold, choice.missing_rule, choice.bounds,
                        scenario)
        pw, iw, cw, draws = r.take(idx)
        b = k.run(choice, pw, iw, cw, draws)
        courts = b.pillars[SAFEGUARD]  # n x m (NaN where too few indicators: 0 to 1 drawn)
        level = (k.unknown_levels(parts, draws.unknown) if draws.unknown is not None
                 else np.zeros((n, c, len(idx)), dtype=int))
        engagement = (draws.engagement if draws.engagement is not None
                      else np.tile(np.array([k.p.engagement_value[e]
                                             for e in k.p.engagement_ids]), (len(idx), 1)))
        for j, run in enumerate(idx):
            lv = np.where(parts.known, lvl_known, level[:, :, j])
            demands = sh.demands_surely | (sh.demands_maybe
                                           & (((extra[run, 4] + offsets) % 1.0) < 0.5))
            reach = passing(lv == 2, lv >= 1, demands) @ (cw[j] / cw[j].sum())
            court = courts[:, j]
            court = np.where(np.isnan(court), (extra[run, 5] + offsets) % 1.0, court)
            relief = sh.relief_low + (sh.relief_high - sh.relief_low) \
                * ((extra[run, 6] + offsets) % 1.0)
            record = sh.record_low + (sh.record_high - sh.record_low) \
                * ((extra[run, 7] + offsets) % 1.0)
            comp = pair_components(dataset, 1.0 + spread * (2.0 * extra[run, :4] - 1.0))
            risk = pair_risk(reach, court * (1.0 - relief),
                             parties(level_ids, engagement[j, level_col]), record, comp)
            bins = np.clip(np.floor(risk).astype(int), 0, BINS - 1)
            np.add.at(hist, (np.arange(n)[:, None], np.arange(n)[None, :], bins), 1)
            reached[run] = people[risk > 0].sum()
    return PairUncertainty(list(k.p.states), runs, seed, hist, reached)
