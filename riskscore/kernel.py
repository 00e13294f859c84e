"""The scoring kernel: the one implementation of the method (METHODOLOGY.md sections 6-9).

``score``, ``explain``, the reports and the audit all call ``Kernel.run``; a single score
is a batch of one run. Everything that does not depend on the weights (offence status per
threshold, normalised indicator values per missing-data rule and bounds) is computed once
and cached; the weighted sums are matrix products over a whole batch of weight vectors, so
the audit's hundreds of thousands of runs cost seconds. Every per-pillar quantity is keyed
by pillar id, never by position, so the catalogue's row order cannot change a result.

Each run also gives the **bounds** of every score (METHODOLOGY.md 9.1): the lowest and
highest values consistent with the rows we hold, each unknown offence category at its lowest
and highest possible value, and a pillar with too few indicators anywhere in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import legal, normalise
from .loading import Dataset
from .vocab import (
    AGGREGATIONS,
    BOUNDS,
    DEFAULT_THRESHOLD,
    ENGAGEMENT,
    LEGAL,
    MISSING_RULES,
    PILLARS_FROM_INDICATORS,
    SCENARIOS,
    STANDINGS,
    check_choice,
    check_threshold,
)
from .weights import Weights

# A data pillar is computed only when indicators carrying at least this share of its weight
# are present (METHODOLOGY.md 6.2); otherwise it is missing.
MIN_PILLAR_WEIGHT = 0.5
# A state is placed in the ranking only if researched (cited, not survey-inferred) rows
# settle at least this share of the category weight (METHODOLOGY.md section 9.2).
MIN_KNOWN_SHARE = legal.MIN_KNOWN_SHARE


@dataclass(frozen=True)
class Choice:
    """One combination of the discrete method choices."""

    aggregation: str = "geometric"
    threshold: float = DEFAULT_THRESHOLD
    missing_rule: str = "catalogue"
    bounds: str = "catalogue"
    scenario: str = "current"

    def checked(self) -> Choice:
        check_choice("aggregation", self.aggregation, AGGREGATIONS)
        check_choice("missing_rule", self.missing_rule, MISSING_RULES)
        check_choice("bounds", self.bounds, BOUNDS)
        check_choice("scenario", self.scenario, SCENARIOS)
        return Choice(self.aggregation, check_threshold(self.threshold), self.missing_rule,
                      self.bounds, self.scenario)


@dataclass(frozen=True)
class Draws:
    """Per-run values of the inputs the audit varies besides the weights (m runs).

    ``unknown``: a number in [0, 1) per run that places every unknown offence category at
    one of its feasible values (METHODOLOGY.md 13.1); ``domestic_share``: d per run;
    ``engagement``: runs x engagement levels; ``min_known_share``: the ranking floor.
    Any field left None keeps its nominal value.
    """

    unknown: np.ndarray | None = None
    domestic_share: np.ndarray | None = None
    engagement: np.ndarray | None = None
    min_known_share: np.ndarray | None = None


@dataclass(frozen=True)
class Prepared:
    """Everything scoring needs, as arrays aligned on ``states``."""

    ds: Dataset
    states: list[str]
    pillar_ids: list[str]
    indicator_ids: list[str]
    indicator_pillar: np.ndarray
    category_ids: list[str]
    offences: legal.OffenceArrays
    domestic_share: float
    status: np.ndarray  # engagement level id per state
    status_reported: np.ndarray  # the same, taking unconfirmed reports at their word
    engagement_ids: list[str]
    engagement_value: dict[str, float]
    _values: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict,
                                                               repr=False)

    def values(self, rule: str = "catalogue") -> np.ndarray:
        """Raw indicator values (states x indicators) under a missing-data rule."""
        return self._matrices(rule)[0]

    def years(self, rule: str = "catalogue") -> np.ndarray:
        return self._matrices(rule)[1]

    def _matrices(self, rule: str) -> tuple[np.ndarray, np.ndarray]:
        if rule not in self._values:
            self._values[rule] = normalise.value_matrix(
                self.ds.observations, self.ds.indicators, self.states, rule)
        return self._values[rule]


def engagement_status(ds: Dataset, states: list[str], reported: bool = False) -> np.ndarray:
    """Engagement level per state (METHODOLOGY.md section 6.4). A ratification counts as
    deposited only when a row says ``ratified``; a domestic approval or a reported
    ratification is ``ratification_reported``; a signature, or a ratification procedure
    merely begun, is ``signed``; no row is ``none``. A step whose confidence is
    ``unconfirmed`` counts at the last confirmed level unless ``reported`` (the what-if
    scenario that takes every report at its word)."""
    st = ds.convention_status.set_index("iso3").reindex(states)
    event, signed = st["ratification_event"], st["signed"]
    trusted = (reported | (st["ratification_confidence"] != "unconfirmed")
               if "ratification_confidence" in st else True)
    out = np.where((event == "ratified") & trusted, "ratified",
                   np.where(event.isin(STEPS_REPORTED) & trusted, "ratification_reported",
                            np.where(signed.notna(), "signed", "none")))
    return out.astype(object)


# Ratification events that count as a reported ratification (below a deposit);
# "procedure_started" (a government says it has begun) stays at the signed level.
STEPS_REPORTED = ("domestic_approval", "ratification_reported", "ratified")


def scored_states(ds: Dataset) -> list[str]:
    """Independent states plus any country that has indicator or offence data."""
    c = ds.countries
    with_data = set(ds.observations["iso3"]) | set(ds.offences["iso3"]) \
        | set(ds.convention_status["iso3"])
    keep = c["independent"].astype(bool) | c["iso3"].isin(with_data)
    return sorted(c.loc[keep, "iso3"])


def prepare(ds: Dataset) -> Prepared:
    states = scored_states(ds)
    cats = list(ds.categories["id"])
    return Prepared(
        ds=ds, states=states, pillar_ids=list(ds.pillars["id"]),
        indicator_ids=list(ds.indicators["id"]),
        indicator_pillar=ds.indicators["pillar"].to_numpy(),
        category_ids=cats,
        offences=legal.offence_arrays(ds.offences, states, cats),
        domestic_share=legal.domestic_share(ds.provisions),
        status=engagement_status(ds, states),
        status_reported=engagement_status(ds, states, reported=True),
        engagement_ids=list(ds.engagement["id"]),
        engagement_value=ds.engagement.set_index("id")["value"].astype(float).to_dict(),
    )


@dataclass(frozen=True)
class Batch:
    """Scores of a batch of runs: arrays are states x runs; pillar dicts keyed by id.

    Pillar values are on 0-1, exposure on 0-100. ``*_lower``/``*_upper`` are the bounds
    (METHODOLOGY.md 9.1). ``in_ranking``: placed in the ranking (ranked or range);
    ``standing`` index into ``vocab.STANDINGS``.
    """

    exposure: np.ndarray
    exposure_lower: np.ndarray | None  # None when run with bounds=False
    exposure_upper: np.ndarray | None
    pillars: dict[str, np.ndarray]
    pillar_lower: dict[str, np.ndarray]
    pillar_upper: dict[str, np.ndarray]
    shares: dict[str, np.ndarray]  # share of each pillar's weight backed by data
    cross_border_reach: np.ndarray
    cross_border_lower: np.ndarray
    cross_border_upper: np.ndarray
    domestic_reach: np.ndarray
    legal_known_share: np.ndarray  # cited or inferred
    researched_share: np.ndarray  # cited rows of our own or shared research
    inferred_share: np.ndarray  # survey absences only
    reliability: np.ndarray | None  # 0-1; None when run with bounds=False
    class_lower: np.ndarray | None  # class index of the lower bound
    class_upper: np.ndarray | None
    standing: np.ndarray  # int: 0 ranked, 1 range, 2 too little known

    @property
    def in_ranking(self) -> np.ndarray:
        return self.standing < 2


class Kernel:
    """The method, batched. ``run`` scores every state for m weight sets at once."""

    def __init__(self, dataset: Dataset, prepared: Prepared | None = None):
        self.ds = dataset
        self.p = p = prepared if prepared is not None else prepare(dataset)
        self.n = len(p.states)
        self.pillar_ids = list(p.pillar_ids)
        self.indicator_ids = list(p.indicator_ids)
        self.category_ids = list(p.category_ids)
        ind = dataset.indicators
        self._lower = ind["lower"].to_numpy(float)
        self._upper = ind["upper"].to_numpy(float)
        alt_lo = ind["alt_lower"] if "alt_lower" in ind else ind["lower"]
        alt_hi = ind["alt_upper"] if "alt_upper" in ind else ind["upper"]
        self._alt_lower = alt_lo.astype(float).fillna(ind["lower"].astype(float)).to_numpy()
        self._alt_upper = alt_hi.astype(float).fillna(ind["upper"].astype(float)).to_numpy()
        self._safer = (ind["direction"] == "higher_is_safer").to_numpy()
        self._cols = {pillar: np.flatnonzero(p.indicator_pillar == pillar)
                      for pillar in PILLARS_FROM_INDICATORS}
        self._parts: dict[float, legal.CategoryParts] = {}
        self.memo: dict = {}  # per-kernel lookups that products build once (explain's rows)
        self._risk: dict[tuple[str, str], np.ndarray] = {}
        self._stacks: dict[tuple, np.ndarray] = {}
        self.classes = dataset.classes.sort_values("lower", kind="stable")
        self.class_ids = list(self.classes["id"])
        self._edges = self.classes["lower"].to_numpy(float)[1:]
        # Fixed offsets per state x category: with one number u per run, cell (s, c) sits at
        # frac(u + offset) - uniform for each cell, and a deterministic function of u, so
        # Monte Carlo and Sobol designs treat "what we do not know" as one factor.
        rng = np.random.default_rng(20261207)
        self._offsets = rng.random((self.n, len(self.category_ids)))
        level = np.asarray(p.status, dtype=object)
        self._level_index = {
            "current": np.array([p.engagement_ids.index(s) for s in level]),
            "latent": np.full(self.n, p.engagement_ids.index("ratified")),
            "reported": np.array([p.engagement_ids.index(s) for s in p.status_reported]),
        }
        self._engagement_nominal = np.array([p.engagement_value[e] for e in p.engagement_ids])

    # --- parts that do not depend on weights, cached per choice ------------------------
    def categories(self, threshold: float) -> legal.CategoryParts:
        t = float(threshold)
        if t not in self._parts:
            self._parts[t] = legal.category_parts(self.p.offences, t, self.p.domestic_share)
        return self._parts[t]

    def risk(self, missing_rule: str = "catalogue", bounds: str = "catalogue") -> np.ndarray:
        """Indicator risk on 0-1 (states x indicators) for a missing-data rule and bounds."""
        key = (missing_rule, bounds)
        if key not in self._risk:
            values = self.p.values(missing_rule)
            lo, hi = ((self._lower, self._upper) if bounds == "catalogue"
                      else (self._alt_lower, self._alt_upper))
            self._risk[key] = normalise.normalise(values, lo, hi, self._safer)
        return self._risk[key]

    def engagement_level(self, scenario: str) -> np.ndarray:
        return np.array(self.p.engagement_ids, dtype=object)[self._level_index[scenario]]

    def weights_matrix(self, w: Weights, m: int = 1) -> tuple[np.ndarray, ...]:
        """Weights repeated ``m`` times, in the kernel's id order."""
        return (np.tile(w.pillars.reindex(self.pillar_ids).to_numpy(float), (m, 1)),
                np.tile(w.indicators.reindex(self.indicator_ids).to_numpy(float), (m, 1)),
                np.tile(w.categories.reindex(self.category_ids).to_numpy(float), (m, 1)))

    def classify(self, exposure: np.ndarray) -> np.ndarray:
        """Class index of each value (0 = lowest class); NaN maps to the lowest. Values are
        rounded to 1e-9 first, so a score that lands on a cut-point lands there whatever
        order the catalogue's rows (and so the floating-point sums) come in."""
        values = np.round(np.nan_to_num(exposure, nan=-1.0), 9)
        return np.searchsorted(self._edges, values, side="right")

    # --- scoring a batch -----------------------------------------------------------------
    def run(self, choice: Choice, pillar_w: np.ndarray, indicator_w: np.ndarray,
            category_w: np.ndarray, draws: Draws | None = None, bounds: bool = True
            ) -> Batch:
        """Score every state for ``m`` weight sets (rows of the weight matrices).

        ``bounds=False`` skips the exposure bounds and classes (their fields are None):
        the audit's rank counting needs only the point and who is placed, which do not
        depend on them, and it saves two thirds of the aggregation.
        """
        draws = draws or Draws()
        m = pillar_w.shape[0]
        cw = category_w / category_w.sum(axis=1, keepdims=True)
        legal_parts = self._legal(choice.threshold, cw, draws, bounds)
        pillars = {LEGAL: legal_parts["point"]}
        lower = {LEGAL: legal_parts["lower"]}
        upper = {LEGAL: legal_parts["upper"]}
        shares = {LEGAL: legal_parts["researched"]}
        risk = self.risk(choice.missing_rule, choice.bounds)
        present = ~np.isnan(risk)
        filled = np.where(present, risk, 0.0)
        for pillar, cols in self._cols.items():
            w = indicator_w[:, cols]
            wn = w / w.sum(axis=1, keepdims=True)
            share = present[:, cols].astype(float) @ wn.T
            with np.errstate(invalid="ignore", divide="ignore"):
                value = (filled[:, cols] @ wn.T) / share
            value = np.where(share >= MIN_PILLAR_WEIGHT - 1e-12, value, np.nan)
            pillars[pillar] = value
            # A pillar with too few indicators could be anywhere: its bounds are 0 and 1.
            if bounds:
                lower[pillar] = np.where(np.isnan(value), 0.0, value)
                upper[pillar] = np.where(np.isnan(value), 1.0, value)
            shares[pillar] = share
        values = (self._engagement_nominal[None, :] if draws.engagement is None
                  else draws.engagement)
        eng = values[:, self._level_index[choice.scenario]].T  # states x runs (or x 1)
        eng = np.broadcast_to(eng, (self.n, m))
        pillars[ENGAGEMENT] = lower[ENGAGEMENT] = upper[ENGAGEMENT] = eng
        pw = pillar_w / pillar_w.sum(axis=1, keepdims=True)
        exposure = self._composite(pillars, pw, choice.aggregation)
        # A zero that rests on unknown categories (legal reach 0 from known zeros, with
        # categories still unknown) is not an estimate: only the interval is reported
        # (METHODOLOGY.md 9.1).
        exposure = np.where((exposure == 0) & (legal_parts["point"] == 0)
                            & (legal_parts["known"] < 1 - 1e-12), np.nan, exposure)
        reliability: np.ndarray | None = None
        if bounds:
            data = (LEGAL, *PILLARS_FROM_INDICATORS)
            data_w = pw[:, [self.pillar_ids.index(k) for k in data]]
            data_w = data_w / data_w.sum(axis=1, keepdims=True)
            reliability = sum(shares[k] * data_w[None, :, j] for j, k in enumerate(data))
        floor = (MIN_KNOWN_SHARE if draws.min_known_share is None
                 else draws.min_known_share[None, :])
        placed = ~np.isnan(exposure) & (legal_parts["researched"] >= floor - 1e-12)
        if bounds:
            exposure_lo = self._composite(lower, pw, choice.aggregation) * 100
            exposure_hi = self._composite(upper, pw, choice.aggregation) * 100
            c_lo, c_hi = self.classify(exposure_lo), self.classify(exposure_hi)
            standing = np.where(~placed, 2, np.where(c_lo == c_hi, 0, 1))
        else:
            exposure_lo = exposure_hi = c_lo = c_hi = None  # type: ignore[assignment]
            standing = np.where(placed, 0, 2)
        return Batch(
            exposure=exposure * 100, exposure_lower=exposure_lo,
            exposure_upper=exposure_hi, pillars=pillars, pillar_lower=lower,
            pillar_upper=upper, shares=shares,
            cross_border_reach=legal_parts["cross"], cross_border_lower=legal_parts["cross_lo"],
            cross_border_upper=legal_parts["cross_hi"],
            domestic_reach=legal_parts["domestic"], legal_known_share=legal_parts["known"],
            researched_share=legal_parts["researched"], inferred_share=legal_parts["inferred"],
            reliability=reliability, class_lower=c_lo, class_upper=c_hi, standing=standing)

    def _legal(self, threshold: float, cw: np.ndarray, draws: Draws, bounds: bool = True
               ) -> dict[str, np.ndarray]:
        """Legal reach with its bounds, and the shares behind it (METHODOLOGY.md 6.1, 9.1).

        Point estimate: known categories at their value; each unknown category at the mean
        of the state's known ones (the "skip and reweight" rule), raised to its proven floor
        so the estimate never falls below what the rows prove. Every weighted share is one
        row block of a single matrix product (``_stack``), so a batch costs one BLAS call.
        """
        n = self.n
        names = _BLOCKS if bounds else _POINT_BLOCKS
        prod = (self._stack(threshold, names) @ cw.T).reshape(len(names), n, cw.shape[0])
        get = dict(zip(names, prod, strict=True))
        d0 = self.p.domestic_share
        k_share = get["known"]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(k_share > 0, get["known_value"] / k_share, np.nan)
            if bounds:
                crim = get["has_rows"]
                domestic = np.where(crim > 0, get["prison"] / crim, np.nan)
                cross = np.where(k_share > 0, get["serious"] / k_share, np.nan)
            else:
                domestic = cross = None  # type: ignore[assignment]
        if draws.domestic_share is None and draws.unknown is None:
            point = get["known_value"] + get["floor_0"] * mean \
                + get["floor_d"] * np.maximum(d0, mean)
            lower, upper = get.get("lower"), get.get("upper")
        else:
            point, lower, upper = self._legal_drawn(self.categories(threshold), cw, draws,
                                                    bounds)
        return {"point": point, "lower": lower, "upper": upper, "known": k_share,
                "researched": get["researched"], "inferred": get.get("inferred"),
                "cross": cross, "cross_lo": get.get("serious"),
                "cross_hi": get["serious"] + get["unknown"] if bounds else None,
                "domestic": domestic}

    def _stack(self, threshold: float, names: tuple[str, ...] | None = None) -> np.ndarray:
        """The per-category indicator matrices named (default ``_BLOCKS``), stacked
        (blocks*n x C), cached per threshold."""
        names = names or _BLOCKS
        key = (float(threshold), names)
        if key not in self._stacks:
            parts = self.categories(threshold)
            known = parts.known.astype(float)
            unknown = 1.0 - known
            arrays = {
                "known": known,
                "researched": (parts.known & ~parts.inferred).astype(float),
                "inferred": parts.inferred.astype(float),
                "has_rows": parts.has_rows.astype(float),
                "prison": (parts.has_rows & parts.criminalised).astype(float),
                "serious": parts.serious.astype(float),
                "unknown": unknown,
                "known_value": known * parts.value,
                "floor_d": unknown * (parts.lower > 0),
                "floor_0": unknown * (parts.lower == 0),
                "lower": parts.lower,
                "upper": parts.upper,
            }
            self._stacks[key] = np.vstack([arrays[b] for b in names])
        return self._stacks[key]

    def _legal_drawn(self, parts: legal.CategoryParts, cw: np.ndarray, draws: Draws,
                     bounds: bool = True
                     ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """Legal reach when d or the unknown categories vary per run (states x runs)."""
        m = cw.shape[0]
        d = (np.full(m, self.p.domestic_share) if draws.domestic_share is None
             else draws.domestic_share)[None, None, :]
        imp = parts.criminalised[:, :, None]
        value = np.where(parts.serious[:, :, None], 1.0, np.where(imp, d, 0.0))
        lo = np.where(imp, d, 0.0)
        known = parts.known[:, :, None]
        lower = upper = None
        if bounds:
            lower = np.einsum("scm,mc->sm", np.where(known, value, lo), cw)
            upper = np.einsum("scm,mc->sm", np.where(known, value, 1.0), cw)
        if draws.unknown is None:
            kv = np.einsum("scm,mc->sm", known * value, cw)
            k_share = parts.known.astype(float) @ cw.T
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(k_share > 0, kv / k_share, np.nan)
            filled = np.where(known, value, np.maximum(lo, mean[:, None, :]))
            return np.einsum("scm,mc->sm", filled, cw), lower, upper
        level = self.unknown_levels(parts, draws.unknown)
        drawn = np.where(level == 0, 0.0, np.where(level == 1, d, 1.0))
        filled = np.where(known, value, drawn)
        return np.einsum("scm,mc->sm", filled, cw), lower, upper

    def unknown_levels(self, parts: legal.CategoryParts, u: np.ndarray) -> np.ndarray:
        """For draws u (m), the level each cell takes if unknown (states x categories x m):
        0 = not criminalised, 1 = criminalised below the threshold (value d), 2 = a serious
        crime. A cell with imprisonment of unknown length starts at 1 (its floor); each cell
        is uniform over its feasible levels (METHODOLOGY.md 13.1). Known cells are ignored
        by the callers."""
        imp = parts.criminalised[:, :, None]
        frac = (u[None, None, :] + self._offsets[:, :, None]) % 1.0
        n_levels = np.where(imp, 2, 3)
        pick = np.minimum((frac * n_levels).astype(int), n_levels - 1)
        return np.where(imp, 1, 0) + pick

    def _composite(self, pillars: dict[str, np.ndarray], pw: np.ndarray,
                   aggregation: str) -> np.ndarray:
        """Weighted geometric (or arithmetic) mean over pillars, one pillar at a time (no
        n x m x P stack); NaN where any pillar is missing; 0 where a weighted pillar is 0
        (METHODOLOGY.md 8). log(0) = -inf and NaN propagate through the weighted sum, so
        exp() gives 0 and NaN without separate masks; a pillar with weight 0 is skipped."""
        shape = (self.n, pw.shape[0])
        acc = np.zeros(shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            for j, key in enumerate(self.pillar_ids):
                v, w = pillars[key], pw[None, :, j]
                if not (w > 0).all():  # a zero weight: the pillar must not count, even at 0
                    v = np.where(w > 0, v, 1.0 if aggregation == "geometric" else 0.0)
                    v = np.where(np.isnan(pillars[key]), np.nan, v)
                acc += (v if aggregation == "arithmetic" else np.log(v)) * w
        return acc if aggregation == "arithmetic" else np.exp(acc)


# The weighted shares the legal pillar needs, in the row order of Kernel._stack.
_BLOCKS = ("known", "researched", "inferred", "has_rows", "prison", "serious", "unknown",
           "known_value", "floor_d", "floor_0", "lower", "upper")
# What the point estimate and the ranking floor alone need (runs without bounds).
_POINT_BLOCKS = ("known", "researched", "known_value", "floor_d", "floor_0")


def ranks(exposure: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Rank per state and run (1 = most exposed) among placed states; 0 = not placed.
    Equal scores share the best rank (``method='min'``)."""
    from scipy.stats import rankdata

    # Ranked along the last axis of a contiguous runs x states copy: much faster than
    # sorting down the strided state axis.
    vals = np.ascontiguousarray(np.where(placed, -exposure, np.inf).T)
    r = rankdata(vals, method="min", axis=1).T
    return np.where(placed, r, 0).astype(np.int64)


def rank_range(lower: np.ndarray, upper: np.ndarray, placed: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """(best, worst) rank each placed state can take given every placed state's bounds
    (METHODOLOGY.md 9.3): best = 1 + states certainly above (lower > my upper); worst =
    1 + other states possibly above (upper > my lower). NaN outside ``placed``."""
    lo, hi = np.round(lower[placed], 9), np.round(upper[placed], 9)
    sorted_lo, sorted_hi = np.sort(lo), np.sort(hi)
    above_certain = len(lo) - np.searchsorted(sorted_lo, hi, side="right")
    above_possible = len(hi) - np.searchsorted(sorted_hi, lo, side="right")
    self_counted = hi > lo  # a state's own upper bound lies above its own lower bound
    best = np.full(lower.shape, np.nan)
    worst = np.full(lower.shape, np.nan)
    best[placed] = 1 + above_certain
    worst[placed] = 1 + above_possible - self_counted
    return best, worst


def standing_names(standing: np.ndarray) -> np.ndarray:
    return np.asarray(np.array(STANDINGS, dtype=object)[standing])


def class_names(kernel: Kernel, index: np.ndarray, defined: np.ndarray) -> np.ndarray:
    ids = np.array(kernel.class_ids, dtype=object)
    return np.where(defined, ids[np.clip(index, 0, len(ids) - 1)], np.array(None))


__all__ = ["Batch", "Choice", "Draws", "Kernel", "Prepared", "engagement_status", "prepare",
           "rank_range", "ranks", "scored_states"]
