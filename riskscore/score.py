"""Exposure scores: the orchestration of legal reach, indicators and engagement.

``prepare`` turns a validated Dataset into arrays once; ``compute`` scores them for one set
of choices (weights, threshold, scenario, aggregation, missing-data rule) in vectorised
NumPy, so the audit can call it thousands of times; ``score`` is the friendly wrapper that
returns a DataFrame. Every step is in METHODOLOGY.md, sections 6-9.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import aggregate, legal, normalise
from .errors import UsageError
from .load import Dataset
from .weights import Weights, resolve

SCENARIOS = ("current", "latent")
AGGREGATIONS = ("geometric", "arithmetic")
MISSING_RULES = ("catalogue", "skip_and_reweight", "latest_earlier_year")
# A state is ranked only if data back at least this share of the total weight
# (METHODOLOGY.md section 9), like INFORM's reliability rule.
MIN_COVERAGE = 0.6
PILLARS_FROM_INDICATORS = ("safeguard_deficit", "repression_climate")


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
    engagement_value: dict[str, float]
    population: np.ndarray
    _risk: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False)

    def _matrices(self, rule: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if rule not in self._risk:
            values, years = normalise.value_matrix(self.ds.observations, self.ds.indicators,
                                                   self.states, rule)
            self._risk[rule] = (normalise.risk_matrix(values, self.ds.indicators), years,
                                values)
        return self._risk[rule]

    def risk(self, rule: str = "catalogue") -> tuple[np.ndarray, np.ndarray]:
        """(risk, year) matrices for a missing-data rule, computed once and kept."""
        risk, years, _ = self._matrices(rule)
        return risk, years

    def values(self, rule: str = "catalogue") -> np.ndarray:
        """The raw indicator values behind ``risk`` (states x indicators)."""
        return self._matrices(rule)[2]


def engagement_status(ds: Dataset, states: list[str]) -> np.ndarray:
    """Engagement level per state (METHODOLOGY.md section 6.4). A ratification counts as
    deposited only when a row says ``ratified``; reported or domestic steps are
    ``ratification_reported``; a signature is ``signed``; no row is ``none``."""
    st = ds.convention_status.set_index("iso3")
    out = np.full(len(states), "none", dtype=object)
    for i, iso3 in enumerate(states):
        if iso3 not in st.index:
            continue
        row = st.loc[iso3]
        event = row["ratification_event"]
        if event == "ratified":
            out[i] = "ratified"
        elif isinstance(event, str):
            out[i] = "ratification_reported"
        elif isinstance(row["signed"], str):
            out[i] = "signed"
    return out


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
    pop = ds.countries.set_index("iso3")["population"].reindex(states)
    return Prepared(
        ds=ds, states=states, pillar_ids=list(ds.pillars["id"]),
        indicator_ids=list(ds.indicators["id"]),
        indicator_pillar=ds.indicators["pillar"].to_numpy(),
        category_ids=cats,
        offences=legal.offence_arrays(ds.offences, states, cats),
        domestic_share=legal.domestic_share(ds.provisions),
        status=engagement_status(ds, states),
        engagement_value=ds.engagement.set_index("id")["value"].astype(float).to_dict(),
        population=pop.to_numpy(dtype=float),
    )


def compute(p: Prepared, weights: Weights, threshold: float = 4.0, scenario: str = "current",
            aggregation: str = "geometric", missing_rule: str = "catalogue",
            unknown_rule: str = "skip") -> dict[str, np.ndarray]:
    """Score every state for one set of choices. Returns arrays aligned on ``p.states``;
    pillar and composite values are on 0-1."""
    if scenario not in SCENARIOS:
        raise UsageError(f"scenario must be one of {', '.join(SCENARIOS)}, not {scenario!r}")
    if not threshold > 0:
        raise UsageError(f"threshold must be a positive number of years, not {threshold!r}")
    risk, _ = p.risk(missing_rule)
    out: dict[str, np.ndarray] = {}
    cw = weights.categories.reindex(p.category_ids).to_numpy(float)
    out.update(legal.reach(p.offences, cw, threshold, p.domestic_share, unknown_rule))
    iw = weights.indicators.reindex(p.indicator_ids).to_numpy(float)
    for pillar in PILLARS_FROM_INDICATORS:
        cols = p.indicator_pillar == pillar
        out[pillar], out[f"{pillar}_share"] = aggregate.pillar_mean(risk[:, cols], iw[cols])
    level = p.status if scenario == "current" else np.full(len(p.states), "ratified")
    out["convention_engagement"] = np.array([p.engagement_value[s] for s in level])
    out["engagement_level"] = level
    pw = weights.pillars.reindex(p.pillar_ids).to_numpy(float)
    pillars = np.column_stack([out[_pillar_key(k)] for k in p.pillar_ids])
    out["exposure"] = aggregate.composite(pillars, pw, aggregation)
    shares = np.column_stack([
        out["legal_known_share"], out["safeguard_deficit_share"],
        out["repression_climate_share"], np.ones(len(p.states))])
    out["coverage"] = (shares * (pw / pw.sum())).sum(axis=1)
    out["ranked"] = (~np.isnan(out["exposure"]) & (out["coverage"] >= MIN_COVERAGE)
                     & (out["legal_known_share"] >= legal.MIN_KNOWN_SHARE))
    return out


def _pillar_key(pillar: str) -> str:
    return pillar


def rank_desc(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rank 1 = highest value among ``mask``; ties share the best rank; NaN outside."""
    ranks = np.full(values.shape, np.nan)
    v = values[mask]
    order = (-v).argsort(kind="stable")
    r = np.empty(len(v))
    r[order] = np.arange(1, len(v) + 1)
    # ties: the smallest rank of equal values
    uniq, inv = np.unique(-v, return_inverse=True)
    mins = np.full(len(uniq), np.inf)
    np.minimum.at(mins, inv, r)
    ranks[mask] = mins[inv]
    return ranks


def classify(values_100: np.ndarray, classes: pd.DataFrame) -> np.ndarray:
    ordered = classes.sort_values("lower")
    edges = ordered["lower"].to_numpy(float)[1:]
    idx = np.searchsorted(edges, values_100, side="right")
    names = ordered["id"].to_numpy(dtype=object)
    return np.where(np.isnan(values_100), None, names[np.clip(idx, 0, len(names) - 1)])


def score(dataset: Dataset, weights: Weights | str | None = None, threshold: float = 4,
          scenario: str = "current", aggregation: str = "geometric",
          missing_rule: str = "catalogue", prepared: Prepared | None = None) -> pd.DataFrame:
    """Score every state; one row per state, best first (highest exposure = rank 1).

    Columns: iso3, name, region, subregion, income_group, population, rank, class,
    exposure (0-100), legal_reach, safeguard_deficit, repression_climate,
    convention_engagement (0-100 each), engagement_level, cross_border_reach and
    domestic_reach (shares 0-1), coverage (0-1), ranked (bool), flag (why not ranked).
    """
    if aggregation not in AGGREGATIONS:
        raise UsageError(f"aggregation must be one of {', '.join(AGGREGATIONS)}")
    if missing_rule not in MISSING_RULES:
        raise UsageError(f"missing_rule must be one of {', '.join(MISSING_RULES)}")
    p = prepared if prepared is not None else prepare(dataset)
    w = resolve(dataset, weights)
    r = compute(p, w, float(threshold), scenario, aggregation, missing_rule)
    countries = dataset.countries.set_index("iso3").reindex(p.states)
    exposure = r["exposure"] * 100
    frame = pd.DataFrame({
        "iso3": p.states,
        "name": countries["name"].to_numpy(),
        "region": countries["m49_region"].to_numpy(),
        "subregion": countries["m49_subregion"].to_numpy(),
        "income_group": countries["income_group"].to_numpy(),
        "population": countries["population"].to_numpy(),
        "rank": rank_desc(exposure, r["ranked"]),
        "class": classify(np.where(r["ranked"], exposure, np.nan), dataset.classes),
        "exposure": exposure,
        "legal_reach": r["legal_reach"] * 100,
        "safeguard_deficit": r["safeguard_deficit"] * 100,
        "repression_climate": r["repression_climate"] * 100,
        "convention_engagement": r["convention_engagement"] * 100,
        "engagement_level": r["engagement_level"],
        "cross_border_reach": r["cross_border_reach"],
        "domestic_reach": r["domestic_reach"],
        "legal_known_share": r["legal_known_share"],
        "coverage": r["coverage"],
        "ranked": r["ranked"],
    })
    frame["flag"] = [_flag(row) for row in frame.itertuples(index=False)]
    frame["rank"] = frame["rank"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    frame.attrs.update(threshold=float(threshold), scenario=scenario, aggregation=aggregation,
                       missing_rule=missing_rule)
    return frame.sort_values(["rank", "coverage", "iso3"], ascending=[True, False, True],
                             na_position="last", kind="stable").reset_index(drop=True)


def flag_text(legal_reach: float, legal_known_share: float, pillars: dict[str, float],
              coverage: float) -> str:
    """Why a state is not ranked, in words (METHODOLOGY.md section 9); used by the score
    table, ``explain`` and the reports alike."""
    reasons = []
    if np.isnan(legal_reach) or legal_known_share < legal.MIN_KNOWN_SHARE:
        reasons.append("offence penalties known for too few categories")
    for pillar in PILLARS_FROM_INDICATORS:
        if np.isnan(pillars[pillar]):
            reasons.append(f"{pillar.replace('_', ' ')}: too few indicators")
    if coverage < MIN_COVERAGE:
        reasons.append(f"coverage {coverage:.0%} < {MIN_COVERAGE:.0%}")
    return "insufficient data: " + "; ".join(reasons)


def _flag(row) -> str:
    if row.ranked:
        return ""
    return flag_text(row.legal_reach, row.legal_known_share,
                     {k: getattr(row, k) for k in PILLARS_FROM_INDICATORS}, row.coverage)
