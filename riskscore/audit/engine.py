"""Batch scoring for the audit: many weight sets and method choices at once, in numpy.

``riskscore.score()`` scores one set of choices and builds a table; the audit needs
hundreds of thousands. The engine keeps everything that does not depend on the weights
(offence status per threshold, normalised indicator values per missing-data rule and
bounds) and turns the weighted sums into matrix products over a whole batch of weight
vectors. It computes exactly what ``score.compute`` computes (METHODOLOGY.md sections 6-9;
checked in tests/test_audit.py), so the audit audits the real index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import legal, normalise
from ..aggregate import MIN_PILLAR_WEIGHT
from ..load import Dataset
from ..score import MIN_COVERAGE, Prepared, classify, prepare
from ..weights import Weights

AGGREGATIONS = ("geometric", "arithmetic")
THRESHOLDS = (3.0, 4.0, 5.0)
MISSING_RULES = ("catalogue", "latest_earlier_year")
UNKNOWN_RULES = ("skip", "lower_bound")
BOUNDS = ("catalogue", "alternative")


@dataclass(frozen=True)
class Choice:
    """One combination of the discrete method choices the audit varies."""

    aggregation: str = "geometric"
    threshold: float = 4.0
    missing_rule: str = "catalogue"
    unknown_rule: str = "skip"
    bounds: str = "catalogue"


@dataclass(frozen=True)
class Batch:
    """Scores of a batch of runs: arrays are states x runs."""

    exposure: np.ndarray  # 0-100, NaN where a pillar is missing
    ranked: np.ndarray  # bool: enough data to rank in that run
    pillars: dict[str, np.ndarray]


class Engine:
    def __init__(self, dataset: Dataset, prepared: Prepared | None = None,
                 scenario: str = "current"):
        self.ds = dataset
        self.p = p = prepared if prepared is not None else prepare(dataset)
        self.n = len(p.states)
        self.pillar_ids = list(p.pillar_ids)
        self.indicator_ids = list(p.indicator_ids)
        self.category_ids = list(p.category_ids)
        level = p.status if scenario == "current" else np.full(self.n, "ratified")
        self.engagement = np.array([p.engagement_value[s] for s in level])
        ind = dataset.indicators
        self._lower = ind["lower"].to_numpy(float)
        self._upper = ind["upper"].to_numpy(float)
        alt_lo = ind["alt_lower"] if "alt_lower" in ind else ind["lower"]
        alt_hi = ind["alt_upper"] if "alt_upper" in ind else ind["upper"]
        self._alt_lower = alt_lo.astype(float).fillna(ind["lower"].astype(float)).to_numpy()
        self._alt_upper = alt_hi.astype(float).fillna(ind["upper"].astype(float)).to_numpy()
        self._safer = (ind["direction"] == "higher_is_safer").to_numpy()
        self._cols = {pillar: np.flatnonzero(p.indicator_pillar == pillar)
                      for pillar in ("safeguard_deficit", "repression_climate")}
        self._legal: dict[tuple[float, str], tuple[np.ndarray, np.ndarray]] = {}
        self._risk: dict[tuple[str, str], np.ndarray] = {}
        self.classes = dataset.classes.sort_values("lower")
        self.class_ids = list(self.classes["id"])
        self._edges = self.classes["lower"].to_numpy(float)[1:]

    # --- parts that do not depend on weights, cached per choice ------------------------
    def legal_parts(self, threshold: float, unknown_rule: str) -> tuple[np.ndarray, np.ndarray]:
        key = (float(threshold), unknown_rule)
        if key not in self._legal:
            value, known, _ = legal.category_values(self.p.offences, float(threshold),
                                                    self.p.domestic_share, unknown_rule)
            k = known.astype(float)
            self._legal[key] = (k * value, k)
        return self._legal[key]

    def risk(self, missing_rule: str, bounds: str) -> np.ndarray:
        key = (missing_rule, bounds)
        if key not in self._risk:
            values = self.p.values(missing_rule)
            lo, hi = ((self._lower, self._upper) if bounds == "catalogue"
                      else (self._alt_lower, self._alt_upper))
            self._risk[key] = normalise.normalise(values, lo, hi, self._safer)
        return self._risk[key]

    # --- scoring a batch -----------------------------------------------------------------
    def run(self, choice: Choice, pillar_w: np.ndarray, indicator_w: np.ndarray,
            category_w: np.ndarray) -> Batch:
        """Score every state for ``m`` weight sets (rows of the weight matrices)."""
        kv, k = self.legal_parts(choice.threshold, choice.unknown_rule)
        cw = category_w / category_w.sum(axis=1, keepdims=True)
        legal_share = k @ cw.T
        with np.errstate(invalid="ignore", divide="ignore"):
            legal_reach = np.where(legal_share > 0, (kv @ cw.T) / legal_share, np.nan)
        pillars = {"legal_reach": legal_reach}
        shares = {"legal_reach": legal_share}
        risk = self.risk(choice.missing_rule, choice.bounds)
        present = ~np.isnan(risk)
        filled = np.where(present, risk, 0.0)
        for pillar, cols in self._cols.items():
            w = indicator_w[:, cols]
            wn = w / w.sum(axis=1, keepdims=True)
            share = present[:, cols].astype(float) @ wn.T
            with np.errstate(invalid="ignore", divide="ignore"):
                value = (filled[:, cols] @ wn.T) / share
            pillars[pillar] = np.where(share >= MIN_PILLAR_WEIGHT - 1e-12, value, np.nan)
            shares[pillar] = share
        pillars["convention_engagement"] = self.engagement[:, None]
        shares["convention_engagement"] = np.ones((self.n, 1))
        pw = pillar_w / pillar_w.sum(axis=1, keepdims=True)
        # One pillar at a time (no n x m x P stack): same formulas as aggregate.composite.
        acc = np.zeros((self.n, pw.shape[0]))
        missing = np.zeros(acc.shape, dtype=bool)
        zero = np.zeros(acc.shape, dtype=bool)
        coverage = np.zeros(acc.shape)
        for j, key in enumerate(self.pillar_ids):
            v, w = pillars[key], pw[None, :, j]
            missing |= np.isnan(v)
            coverage += shares[key] * w
            if choice.aggregation == "arithmetic":
                acc += np.nan_to_num(v) * w
            else:
                positive = v > 0
                zero |= ~positive & ~np.isnan(v) & (w > 0)
                acc += np.log(np.where(positive, v, 1.0)) * w
        exposure = acc if choice.aggregation == "arithmetic" else np.exp(acc)
        exposure = np.where(missing, np.nan, np.where(zero, 0.0, exposure))
        ranked = (~missing & (coverage >= MIN_COVERAGE)
                  & (legal_share >= legal.MIN_KNOWN_SHARE))
        return Batch(exposure * 100, ranked, pillars)

    def weights_matrix(self, w: Weights, m: int = 1) -> tuple[np.ndarray, ...]:
        """Nominal (or given) weights repeated ``m`` times, in the engine's column order."""
        return (np.tile(w.pillars.reindex(self.pillar_ids).to_numpy(float), (m, 1)),
                np.tile(w.indicators.reindex(self.indicator_ids).to_numpy(float), (m, 1)),
                np.tile(w.categories.reindex(self.category_ids).to_numpy(float), (m, 1)))

    def classify(self, exposure: np.ndarray, ranked: np.ndarray) -> np.ndarray:
        """Class index per state and run; len(class_ids) = not ranked."""
        idx = np.searchsorted(self._edges, np.nan_to_num(exposure, nan=-1.0), side="right")
        return np.where(ranked, idx, len(self.class_ids))

    def nominal_classes(self, exposure: np.ndarray, ranked: np.ndarray) -> np.ndarray:
        return classify(np.where(ranked, exposure, np.nan), self.ds.classes)


def mean_abs_shift(r: np.ndarray, rank0: np.ndarray) -> np.ndarray:
    """Per run: mean |rank - nominal rank| over states ranked both nominally and in the run."""
    both = (r > 0) & (rank0[:, None] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.abs(r - rank0[:, None]) * both).sum(axis=0) / both.sum(axis=0)


def ranks(exposure: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Rank per state and run (1 = most exposed) among ranked states; 0 = not ranked.

    Equal scores share the best rank, as in the score table (score.rank_desc).
    """
    vals = np.where(ranked, exposure, -np.inf)
    order = np.argsort(-vals, axis=0, kind="stable")
    sorted_vals = np.take_along_axis(vals, order, axis=0)
    start = np.ones(vals.shape, dtype=bool)
    start[1:] = sorted_vals[1:] != sorted_vals[:-1]
    position = np.arange(vals.shape[0])[:, None]
    first = np.maximum.accumulate(np.where(start, position, 0), axis=0)
    out = np.empty_like(order)
    out[order, np.arange(vals.shape[1])[None, :]] = first + 1
    return np.where(ranked, out, 0)
