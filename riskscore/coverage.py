"""What the data cover: how many states each table and indicator reaches.

Coverage is reported, never hidden: a state missing from a source is unknown there.
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset


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


def offence_coverage(ds: Dataset, signatories_only: bool = True) -> pd.DataFrame:
    """State x category: 'known' where at least one curated row exists, else 'unknown'."""
    states = (ds.convention_status.loc[ds.convention_status["signed"].notna(), "iso3"]
              if signatories_only else ds.countries["iso3"])
    cats = list(ds.categories["id"])
    have = ds.offences.groupby(["iso3", "category"]).size()
    grid = pd.DataFrame(
        [[("known" if (s, cat) in have.index else "unknown") for cat in cats] for s in states],
        index=pd.Index(list(states), name="iso3"), columns=cats)
    return grid


def share_fully_covered(grid: pd.DataFrame) -> tuple[float, float]:
    """(share of states with every category known, share of cells known)."""
    known = grid == "known"
    if grid.empty:
        return 0.0, 0.0
    return float(known.all(axis=1).mean()), float(known.to_numpy().mean())
