"""Indicator values to a 0-1 risk scale with fixed bounds (METHODOLOGY.md section 4).

``risk = (x - lower) / (upper - lower)`` for indicators where higher is riskier and
``(upper - x) / (upper - lower)`` where higher is safer, clipped to [0, 1]. Bounds come from
the catalogue, never from the data, so a state's value does not depend on the other states
(INFORM; OECD/JRC Handbook 2008, section 5 "min-max with fixed bounds").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# How far back "latest_earlier_year" may reach for a missing value (METHODOLOGY.md 7).
MAX_FALLBACK_YEARS = 3


def normalise(values: np.ndarray, lower: np.ndarray, upper: np.ndarray,
              higher_is_safer: np.ndarray) -> np.ndarray:
    scaled = (values - lower) / (upper - lower)
    risk = np.where(higher_is_safer, 1.0 - scaled, scaled)
    return np.clip(risk, 0.0, 1.0)


def value_matrix(observations: pd.DataFrame, indicators: pd.DataFrame, states: list[str],
                 rule: str = "catalogue") -> tuple[np.ndarray, np.ndarray]:
    """(values, years): states x indicators, for each indicator's catalogue year.

    ``rule`` "catalogue" applies each indicator's own ``missing_rule``; "skip_and_reweight"
    or "latest_earlier_year" force one rule for all (the uncertainty analysis varies it).
    A value from an earlier year is used only under "latest_earlier_year", at most
    ``MAX_FALLBACK_YEARS`` before the catalogue year, and its year is reported.
    """
    n, k = len(states), len(indicators)
    values = np.full((n, k), np.nan)
    years = np.full((n, k), np.nan)
    pos = pd.Index(states)
    for j, ind in enumerate(indicators.itertuples(index=False)):
        mine = observations[(observations["indicator"] == ind.id)
                            & (observations["year"] <= ind.year)]
        use_rule = ind.missing_rule if rule == "catalogue" else rule
        if use_rule == "latest_earlier_year":
            mine = mine[mine["year"] >= ind.year - MAX_FALLBACK_YEARS]
            mine = mine.sort_values("year").drop_duplicates("iso3", keep="last")
        else:
            mine = mine[mine["year"] == ind.year]
        idx = pos.get_indexer(mine["iso3"])
        ok = idx >= 0
        values[idx[ok], j] = mine["value"].to_numpy(dtype=float)[ok]
        years[idx[ok], j] = mine["year"].to_numpy(dtype=float)[ok]
    return values, years
