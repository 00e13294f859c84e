"""Population exposed and group summaries of a score table (METHODOLOGY.md section 9.4).

Every count is a range: the lowest counts only states whose whole interval lies in a class
or above, the highest also counts states whose interval reaches it (including states too
little known to place, whose bounds are still defined).
"""

from __future__ import annotations

import pandas as pd

from .vocab import RANKED


def _order(classes: pd.DataFrame) -> list[str]:
    return classes.sort_values("lower", kind="stable")["id"].tolist()


def population_exposed(scores: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """For each class: states ranked in it, and the people living in states at or above it,
    as a lowest-highest range."""
    ordered = _order(classes)
    level = {c: i for i, c in enumerate(ordered)}
    lo = scores["class_lower"].map(level)
    hi = scores["class_upper"].map(level)
    pop = scores["population"].astype("Float64")
    rows = []
    for i, cls in enumerate(ordered):
        surely, maybe = lo >= i, hi >= i
        rows.append({
            "class": cls,
            "states_in_class": int(((scores["standing"] == RANKED)
                                    & (scores["class"] == cls)).sum()),
            "states_at_or_above_lowest": int(surely.sum()),
            "states_at_or_above_highest": int(maybe.sum()),
            "population_at_or_above_lowest": int(pop[surely].fillna(0).sum()),
            "population_at_or_above_highest": int(pop[maybe].fillna(0).sum()),
            "states_without_population": int(pop[maybe].isna().sum()),
        })
    return pd.DataFrame(rows)


def group_summary(scores: pd.DataFrame, by: str, classes: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Per region or income group: states scored and placed, median and population-weighted
    mean exposure of the placed ones, and people in states whose class is high or above
    (lowest-highest: the top two classes of the catalogue)."""
    top_two = (_order(classes)[-2:] if classes is not None else ["high", "very_high"])
    frame = scores.assign(group=scores[by].fillna("(not classified)"))
    rows = []
    for group, g in frame.groupby("group", sort=True):
        r = g[g["ranked"]]
        pop = r["population"].astype(float)
        weighted = (r["exposure"] * pop).sum() / pop.sum() if pop.sum() > 0 else float("nan")
        surely = g["class_lower"].isin(top_two)
        maybe = g["class_upper"].isin(top_two)
        rows.append({
            by: group, "states": len(g), "placed": len(r),
            "median_exposure": r["exposure"].median() if len(r) else float("nan"),
            "population_weighted_exposure": weighted,
            "population_high_or_above_lowest": int(g.loc[surely, "population"].fillna(0).sum()),
            "population_high_or_above_highest": int(g.loc[maybe, "population"].fillna(0).sum()),
        })
    return pd.DataFrame(rows)
