"""Population exposed and group summaries of a score table (METHODOLOGY.md section 9)."""

from __future__ import annotations

import pandas as pd


def population_exposed(scores: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """For each class: ranked states in it, and people living in states in it or above."""
    ordered = classes.sort_values("lower")["id"].tolist()
    ranked = scores[scores["ranked"]]
    rows = []
    for i, cls in enumerate(ordered):
        at_or_above = ranked["class"].isin(ordered[i:])
        pop = ranked.loc[at_or_above, "population"]
        rows.append({
            "class": cls,
            "states_in_class": int((ranked["class"] == cls).sum()),
            "states_in_class_or_above": int(at_or_above.sum()),
            "population_in_class_or_above": int(pop.fillna(0).sum()),
            "states_without_population": int(pop.isna().sum()),
        })
    return pd.DataFrame(rows)


def group_summary(scores: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per region or income group: states scored and ranked, median and population-weighted
    mean exposure of the ranked ones, and people in high or very high classes."""
    frame = scores.assign(group=scores[by].fillna("(not classified)"))
    rows = []
    for group, g in frame.groupby("group", sort=True):
        r = g[g["ranked"]]
        pop = r["population"].astype(float)
        weighted = (r["exposure"] * pop).sum() / pop.sum() if pop.sum() > 0 else float("nan")
        rows.append({
            by: group, "states": len(g), "ranked": len(r),
            "median_exposure": r["exposure"].median() if len(r) else float("nan"),
            "population_weighted_exposure": weighted,
            "population_high_or_above": int(
                r.loc[r["class"].isin(["high", "very_high"]), "population"].fillna(0).sum()),
        })
    return pd.DataFrame(rows)
