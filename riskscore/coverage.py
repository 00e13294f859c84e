"""What the data cover: how many states each table and indicator reaches.

Coverage is reported, never hidden: a state missing from a source is unknown there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .loading import Dataset
from .vocab import DEFAULT_THRESHOLD


def indicator_coverage(ds: Dataset) -> pd.DataFrame:
    """Per catalogue indicator: states with a value in the scoring year and in any year."""
    obs = ds.observations
    rows = []
    for ind in ds.indicators.itertuples():
        mine = obs[obs["indicator"] == ind.id]
        rows.append({
            "indicator": ind.id, "pillar": ind.pillar, "year": ind.year,
            "states_in_year": int(mine.loc[mine["year"] == ind.year, "iso3"].nunique()),
            "states_any_year": int(mine["iso3"].nunique()),
            "years": f"{mine['year'].min()}-{mine['year'].max()}" if len(mine) else "",
        })
    return pd.DataFrame(rows)


def table_coverage(ds: Dataset) -> pd.DataFrame:
    """How many countries each table covers."""
    c, st = ds.countries, ds.convention_status
    return pd.DataFrame([
        {"table": "countries", "countries": len(c),
         "detail": f"{int(c['independent'].sum())} independent states; population for "
                   f"{int(c['population'].notna().sum())}"},
        {"table": "observations", "countries": int(ds.observations["iso3"].nunique()),
         "detail": f"{len(ds.observations)} values, {ds.observations['indicator'].nunique()} "
                   "indicators"},
        {"table": "offences", "countries": int(ds.offences["iso3"].nunique()),
         "detail": f"{len(ds.offences)} rows, {ds.offences['category'].nunique()} categories"},
        {"table": "convention_status", "countries": len(st),
         "detail": f"{int(st['signed'].notna().sum())} signed; "
                   f"{int(st['ratification_event'].notna().sum())} with a ratification step"},
    ])


# G20 member states (the EU and the African Union are members but not states). The shipped
# country groups flag G20 and EU states together, so the list is kept here.
G20 = ("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
       "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF")
# RSF's "very serious" situation: a global score below 40 (RSF 2022 methodology, classes
# 0-40 / 40-55 / 55-70 / 70-85 / 85-100).
RSF_VERY_SERIOUS = 40.0

# Cell status, from best to worst known (issue 6).
VALUE = "value"  # a cited maximum, life/death, a minimum at or above the threshold, or a
#                  cited "not criminalised"
OPEN = "open"  # criminalised, but the maximum was not found
SEARCHED = "searched"  # a search note: searched, nothing found
NONE = "none"  # no row: not yet searched
SYMBOLS = {VALUE: "V", OPEN: "?", SEARCHED: "s", NONE: "."}


def target_states(ds: Dataset) -> pd.DataFrame:
    """The states the offence table must cover: convention signatories, the G20, and the
    states RSF rates "very serious", with why each is targeted."""
    st = ds.convention_status
    signatories = set(st.loc[st["signed"].notna(), "iso3"])
    obs = ds.observations
    rsf = obs[(obs["indicator"] == "rsf_score")]
    latest = rsf[rsf["year"] == rsf["year"].max()]
    very_serious = set(latest.loc[latest["value"] < RSF_VERY_SERIOUS, "iso3"])
    known = set(ds.countries["iso3"])
    rows = []
    for iso3 in sorted((signatories | set(G20) | very_serious) & known):
        why = [w for w, group in (("signatory", signatories), ("G20", set(G20)),
                                  ("RSF very serious", very_serious)) if iso3 in group]
        rows.append({"iso3": iso3, "why": ", ".join(why), "signatory": iso3 in signatories})
    return pd.DataFrame(rows)


def offence_cells(ds: Dataset, states: list[str], threshold: float = DEFAULT_THRESHOLD
                  ) -> pd.DataFrame:
    """State x category status: value, open, searched or none (see SYMBOLS)."""
    from . import legal

    cats = list(ds.categories["id"])
    arr = legal.offence_arrays(ds.offences, states, cats)
    serious, known = legal.category_status(arr, threshold)
    grid = np.where(known, VALUE, np.where(arr.has_rows, OPEN,
                                           np.where(arr.searched, SEARCHED, NONE)))
    return pd.DataFrame(grid, index=pd.Index(states, name="iso3"), columns=cats)


def offence_coverage(ds: Dataset, signatories_only: bool = True) -> pd.DataFrame:
    """The cell grid for the signatories (or every target state)."""
    targets = target_states(ds)
    if signatories_only:
        targets = targets[targets["signatory"]]
    return offence_cells(ds, list(targets["iso3"]))


def share_fully_covered(grid: pd.DataFrame) -> tuple[float, float]:
    """(share of states with a value in every category, share of cells with a value)."""
    known = grid == VALUE
    if grid.empty:
        return 0.0, 0.0
    return float(known.all(axis=1).mean()), float(known.to_numpy().mean())


def remaining_unknown(grid: pd.DataFrame) -> pd.DataFrame:
    """One row per state: the categories still without a cited value, by status."""
    rows = []
    for iso3, row in grid.iterrows():
        missing = {status: [c for c in grid.columns if row[c] == status]
                   for status in (OPEN, SEARCHED, NONE)}
        if any(missing.values()):
            rows.append({"iso3": iso3, **{k: ", ".join(v) for k, v in missing.items()}})
    return pd.DataFrame(rows, columns=["iso3", OPEN, SEARCHED, NONE])


# Research targets (issue 14): shares of scored state x category cells that hold a cited value.
TARGETS = {"signatories": 0.90, "all scored states": 0.75}
# Categories where the two lowest classes may not leave a cell unsearched (issue 14.1).
SPEECH_AND_ASSEMBLY = ("speech", "assembly")


def coverage_summary(ds: Dataset) -> pd.DataFrame:
    """One row per population of cells: the scored categories (weight > 0) for the
    signatories, every target state and every scored state, with the research targets; and
    the categories shown but not yet scored (weight 0) for the target states, where a search
    note counts as researched."""
    from .kernel import scored_states

    weight = ds.categories.set_index("id")["weight"].astype(float)
    scored = [c for c in weight.index if weight[c] > 0]
    context = [c for c in weight.index if weight[c] == 0]
    targets = target_states(ds)
    grid = offence_cells(ds, list(targets["iso3"]))
    groups = [("signatories", grid.loc[targets.loc[targets["signatory"], "iso3"]]),
              ("all target states", grid),
              ("all scored states", offence_cells(ds, scored_states(ds)))]
    rows = []
    for label, g in groups:
        full, cells = share_fully_covered(g[scored])
        target = TARGETS.get(label)
        rows.append({"cells": label, "categories": "scored", "states": len(g),
                     "n_categories": len(scored), "with_value": cells,
                     "researched": float((g[scored] != NONE).to_numpy().mean()),
                     "fully_covered": full, "target": target,
                     "met": None if target is None else bool(cells >= target)})
    if context:
        g = grid[context]
        rows.append({"cells": "all target states", "categories": "not yet scored: "
                     + ", ".join(context), "states": len(g), "n_categories": len(context),
                     "with_value": float((g == VALUE).to_numpy().mean()),
                     "researched": float((g != NONE).to_numpy().mean()),
                     "fully_covered": float((g == VALUE).all(axis=1).mean()),
                     "target": 1.0, "met": bool((g != NONE).to_numpy().all())})
    return pd.DataFrame(rows)


def unsearched_in_lowest_classes(ds: Dataset, scores: pd.DataFrame) -> pd.DataFrame:
    """Speech and assembly cells never searched in states placed (or listed with a range
    reaching) into the two lowest classes: issue 14 allows none."""
    lowest = list(ds.classes.sort_values("lower")["id"])[:2]
    low = scores[(scores["standing"] != "too_little_known")
                 & (scores["class_lower"].isin(lowest) | scores["class"].isin(lowest))]
    cat = ds.categories
    cats = list(cat.loc[cat["group"].isin(SPEECH_AND_ASSEMBLY) & (cat["weight"] > 0), "id"])
    grid = offence_cells(ds, list(low["iso3"]))[cats]
    missing = grid.stack()
    missing = missing[missing == NONE]
    return pd.DataFrame([{"iso3": s, "category": c} for s, c in missing.index],
                        columns=["iso3", "category"])
