"""Exposure scores as a table: one kernel run, with bounds, standing and rank range.

The method itself lives in ``kernel.py``; this module turns one run into the DataFrame a
user reads (METHODOLOGY.md sections 6-9).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .kernel import (
    MIN_KNOWN_SHARE,
    Batch,
    Choice,
    Kernel,
    Prepared,
    class_names,
    rank_range,
    standing_names,
)
from .loading import Dataset
from .vocab import DEFAULT_THRESHOLD, PILLARS_FROM_INDICATORS, RANKED, TOO_LITTLE
from .weights import Weights, resolve

PILLAR_COLUMNS = ("legal_reach", *PILLARS_FROM_INDICATORS, "convention_engagement")


def run_once(kernel: Kernel, weights: Weights, choice: Choice) -> Batch:
    """The kernel for one set of weights and choices: a batch of one run."""
    pw, iw, cw = kernel.weights_matrix(weights, 1)
    return kernel.run(choice.checked(), pw, iw, cw)


def score(dataset: Dataset, weights: Weights | str | None = None,
          threshold: float = DEFAULT_THRESHOLD, scenario: str = "current",
          aggregation: str = "geometric", missing_rule: str = "catalogue",
          prepared: Prepared | None = None, kernel: Kernel | None = None) -> pd.DataFrame:
    """Score every state; one row per state, most exposed first.

    Columns: iso3, name, region, subregion, income_group, population; standing (ranked:
    its whole interval lies in one class; range: placed, with a range of classes;
    too_little_known), rank (point estimate among placed states), rank_best, rank_worst,
    class (when the interval lies in one class), class_lower, class_upper; exposure with
    exposure_lower and exposure_upper (0-100); legal_reach (with its bounds),
    safeguard_deficit, repression_climate, convention_engagement (0-100 each);
    engagement_level; cross_border_reach (with bounds) and domestic_reach (shares 0-1);
    researched_share, inferred_share, unknown_share of the offence categories' weight;
    reliability (0-1); ranked (placed in the ranking); flag (what limits the standing).
    """
    k = kernel if kernel is not None else Kernel(dataset, prepared)
    w = resolve(dataset, weights)
    choice = Choice(aggregation, threshold, missing_rule, "catalogue", scenario).checked()
    b = run_once(k, w, choice)
    return frame(k, b, choice)


def frame(k: Kernel, b: Batch, choice: Choice) -> pd.DataFrame:
    """The score table of one run (column 0 of ``b``)."""
    countries = k.ds.countries.set_index("iso3").reindex(k.p.states)
    col = {name: v[:, 0] for name, v in vars(b).items() if isinstance(v, np.ndarray)}
    placed = b.in_ranking[:, 0]
    standing = standing_names(b.standing[:, 0])
    lower, upper = col["exposure_lower"], col["exposure_upper"]
    best, worst = rank_range(lower, upper, placed)
    defined = ~np.isnan(lower)
    out = pd.DataFrame({
        "iso3": k.p.states,
        "name": countries["name"].to_numpy(),
        "region": countries["m49_region"].to_numpy(),
        "subregion": countries["m49_subregion"].to_numpy(),
        "income_group": countries["income_group"].to_numpy(),
        "population": countries["population"].to_numpy(),
        "standing": standing,
        # pandas' rank, not the batch helper: a single table must not import scipy
        # rounded to 1e-9 so equal scores tie whatever the order of floating-point sums
        "rank": pd.Series(np.where(placed, np.round(col["exposure"], 9), np.nan)).rank(
            method="min", ascending=False).to_numpy(),
        "rank_best": best, "rank_worst": worst,
        "class": np.where(standing == RANKED,
                          class_names(k, col["class_lower"], defined), np.array(None)),
        "class_lower": class_names(k, col["class_lower"], defined),
        "class_upper": class_names(k, col["class_upper"], defined),
        "exposure": col["exposure"], "exposure_lower": lower, "exposure_upper": upper,
    })
    for key in PILLAR_COLUMNS:
        out[key] = b.pillars[key][:, 0] * 100
    out["legal_reach_lower"] = b.pillar_lower["legal_reach"][:, 0] * 100
    out["legal_reach_upper"] = b.pillar_upper["legal_reach"][:, 0] * 100
    out["engagement_level"] = k.engagement_level(choice.scenario)
    for name in ("cross_border_reach", "cross_border_lower", "cross_border_upper",
                 "domestic_reach", "legal_known_share", "researched_share", "inferred_share",
                 "reliability"):
        out[name] = col[name]
    out["unknown_share"] = 1.0 - out["legal_known_share"]
    out["ranked"] = placed
    out["rank"] = out["rank"].where(placed)
    for c in ("rank", "rank_best", "rank_worst", "population"):
        out[c] = out[c].round().astype("Int64")
    out["flag"] = [flag_text(r) for r in out.itertuples(index=False)]
    out.attrs.update(threshold=choice.threshold, scenario=choice.scenario,
                     aggregation=choice.aggregation, missing_rule=choice.missing_rule)
    return out.sort_values(["rank", "reliability", "iso3"], ascending=[True, False, True],
                           na_position="last", kind="stable").reset_index(drop=True)


def flag_text(row) -> str:
    """What limits a state's standing, in words (METHODOLOGY.md section 9.2); used by the
    score table, ``explain`` and the reports alike. Empty for a state ranked in one class."""
    if row.standing == RANKED:
        return ""
    if row.standing != TOO_LITTLE:
        return (f"class range {row.class_lower} to {row.class_upper}: unknown offence "
                f"categories ({row.unknown_share:.0%} of their weight) could move it")
    reasons = []
    if np.isnan(row.legal_reach) or row.researched_share < MIN_KNOWN_SHARE:
        reasons.append(f"offence categories researched for {row.researched_share:.0%} of "
                       f"their weight (needs {MIN_KNOWN_SHARE:.0%}; survey absences "
                       f"alone never place a state)")
    for pillar in PILLARS_FROM_INDICATORS:
        if np.isnan(getattr(row, pillar)):
            reasons.append(f"{pillar.replace('_', ' ')}: too few indicators")
    return "too little known: " + "; ".join(reasons)

