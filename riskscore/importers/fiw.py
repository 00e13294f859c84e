"""Freedom House, Freedom in the World: F1, F2 and D4 by edition year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schemas import OBSERVATIONS
from . import sources
from .common import (
    ImportResult,
    drop_unusable_codes,
    observation_rows,
    read_source,
    replace_rows,
    upsert_source,
)

INDICATORS = {"F1": "fiw_f1", "F2": "fiw_f2", "D4": "fiw_d4"}


def import_fiw(files: list[Path], data_dir: Path) -> ImportResult:
    skipped: list[str] = []
    rows = []
    for path in files:
        frame = read_source(path, ["country", "iso3", "edition", *INDICATORS])
        frame = drop_unusable_codes(frame, "country", skipped)
        rows.append(observation_rows(frame, INDICATORS, "edition", sources.FIW["id"], path.name))
    new = pd.concat(rows, ignore_index=True).drop_duplicates(["iso3", "indicator", "year"])
    years = set(new["year"])
    upsert_source(data_dir, sources.FIW)
    n = replace_rows(data_dir, OBSERVATIONS, new, drop=lambda old: (
        (old["source_id"] == sources.FIW["id"]) & old["year"].isin(years)))
    return ImportResult(data_dir / OBSERVATIONS.name, n, sorted(set(skipped)))
