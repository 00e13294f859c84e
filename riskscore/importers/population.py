"""Population (World Bank SP.POP.TOTL): the latest year with a value, per country."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import Problem, ValidationFailed
from ..schemas import COUNTRIES
from . import sources
from .common import ImportResult, _as_text, read_existing, read_source, upsert_source, write_checked


def import_population(files: list[Path], data_dir: Path) -> ImportResult:
    (path,) = files
    src = read_source(path, ["iso3"])
    years = sorted((int(m.group(1)), c) for c in src.columns if (m := re.match(r"pop_(\d{4})$", c)))
    if not years:
        raise ValidationFailed([Problem(path.name, 1, None, "no pop_YYYY columns found",
                                        "use the World Bank wide file (iso3, pop_2015, ...)")])
    target = data_dir / COUNTRIES.name
    countries = read_existing(target, COUNTRIES)
    if not len(countries):
        raise ValidationFailed([Problem(COUNTRIES.name, None, None, "no country table yet",
                                        "run 'riskscore import groups' first")])
    latest = pd.DataFrame({"iso3": src["iso3"], "population": None, "population_year": None})
    for year, col in years:  # later years overwrite earlier ones where present
        has = src[col].notna()
        latest.loc[has, "population"] = src.loc[has, col].astype(float).round().astype(int)
        latest.loc[has, "population_year"] = year
    latest = latest[latest["population"].notna()]
    skipped = [f"{c}: not in countries.csv" for c in latest["iso3"]
               if c not in set(countries["iso3"])]
    merged = countries.drop(columns=["population", "population_year", "population_source_id"])
    merged = merged.merge(latest, on="iso3", how="left")
    merged["population_source_id"] = merged["population"].map(
        lambda v: None if pd.isna(v) else sources.POPULATION["id"])
    merged["population"] = merged["population"].astype("Int64")
    merged["population_year"] = merged["population_year"].astype("Int64")
    upsert_source(data_dir, sources.POPULATION)
    write_checked(_as_text(merged), target, COUNTRIES)
    return ImportResult(target, int(merged["population"].notna().sum()), skipped)
