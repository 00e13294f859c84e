"""How often report sentences hold across the uncertainty analysis (METHODOLOGY.md 13.4).

A claim's robustness is the share of Monte Carlo runs in which it is true. Runs in which
the state has too little data to rank count as runs where a ranking claim does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .uncertainty import Uncertainty

TOP_N = 10


@dataclass(frozen=True)
class Robustness:
    """One state's result of the uncertainty analysis, as reports show it."""

    median_rank: float
    rank_low: float  # 5th percentile
    rank_high: float  # 95th percentile
    class_probabilities: dict[str, float]
    claims: list[tuple[str, float]]  # (sentence, share of runs in which it holds)


def robustness(u: Uncertainty, class_names: dict[str, str]) -> dict[str, Robustness]:
    """Per nominally ranked state: rank interval, class probabilities and claim shares."""
    probs = u.class_probabilities()
    top = len(u.class_ids) - 1  # classes are ordered low to high
    median, low, high = u.rank_quantile(0.5), u.rank_quantile(0.05), u.rank_quantile(0.95)
    within_top = u.share_rank_at_most(TOP_N)
    out = {}
    for i, iso3 in enumerate(u.states):
        if u.nominal_rank[i] == 0:
            continue
        nominal_class = int(u.nominal_class[i])
        claims = [("Among the highest-risk states (" + class_names[u.class_ids[top]].lower()
                   + " class)", float(probs[i, top]))]
        if nominal_class != top:
            claims.append((f"In the {class_names[u.class_ids[nominal_class]].lower()} class",
                           float(probs[i, nominal_class])))
        claims.append((f"Among the {TOP_N} most exposed states", float(within_top[i])))
        out[iso3] = Robustness(
            median_rank=float(median[i]), rank_low=float(low[i]), rank_high=float(high[i]),
            class_probabilities={c: float(probs[i, j]) for j, c in enumerate(u.class_ids)}
            | {"not_ranked": float(probs[i, -1])},
            claims=claims)
    return out


def median_abs_shift(u: Uncertainty) -> np.ndarray:
    """Per state: median over ranked runs of |rank - nominal rank| (NaN if never ranked)."""
    n = u.rank_counts.shape[1] - 1
    out = np.full(len(u.states), np.nan)
    for i in range(len(u.states)):
        counts = u.rank_counts[i, 1:]
        if u.nominal_rank[i] == 0 or counts.sum() == 0:
            continue
        shift = np.abs(np.arange(1, n + 1) - u.nominal_rank[i])
        order = np.argsort(shift, kind="stable")
        cum = counts[order].cumsum()
        out[i] = shift[order][np.searchsorted(cum, cum[-1] / 2)]
    return out
