"""Aggregation within and across pillars (METHODOLOGY.md section 8).

Within a pillar: weighted arithmetic mean of the available indicators (weights renormalised
over those present), provided at least ``MIN_PILLAR_WEIGHT`` of the pillar's weight is
present. Across pillars: weighted geometric mean (INFORM), so that a state with no legal
hook, or with fully independent courts, has no exposure; the arithmetic mean is the
alternative the audit varies.
"""

from __future__ import annotations

import numpy as np

MIN_PILLAR_WEIGHT = 0.5


def pillar_mean(risk: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pillar value, share of the pillar's weight present) per state."""
    w = weights / weights.sum()
    present = ~np.isnan(risk)
    pw = present * w
    share = pw.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(share >= MIN_PILLAR_WEIGHT - 1e-12,
                         (np.nan_to_num(risk) * pw).sum(axis=-1) / share, np.nan)
    return value, share


def composite(pillars: np.ndarray, weights: np.ndarray, method: str = "geometric"
              ) -> np.ndarray:
    """Combine pillar values (last axis) with weights; NaN where any pillar is missing."""
    w = weights / weights.sum()
    if method == "arithmetic":
        return (pillars * w).sum(axis=-1)
    if method != "geometric":
        raise ValueError(f"unknown aggregation {method!r}")
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(pillars > 0, np.log(np.where(pillars > 0, pillars, 1.0)), -np.inf)
        out = np.exp(np.where(w > 0, logs * w, 0.0).sum(axis=-1))
    return np.where(np.isnan(pillars).any(axis=-1), np.nan, out)
