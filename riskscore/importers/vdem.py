"""V-Dem v14 selected variables (judicial independence, media, internet censorship)."""

from __future__ import annotations

from pathlib import Path

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

INDICATORS = {
    "v2juncind": "vdem_v2juncind",
    "v2juhcind": "vdem_v2juhcind",
    "v2x_jucon": "vdem_v2x_jucon",
    "v2meharjrn": "vdem_v2meharjrn",
    "v2mecenefi": "vdem_v2mecenefi",
}


def import_vdem(files: list[Path], data_dir: Path) -> ImportResult:
    skipped: list[str] = []
    rows = []
    for path in files:
        frame = read_source(path, ["iso3", "country_name", "year", *INDICATORS])
        frame = drop_unusable_codes(frame, "country_name", skipped)
        rows.append(observation_rows(frame, INDICATORS, "year", sources.VDEM["id"], path.name))
    import pandas as pd

    new = pd.concat(rows, ignore_index=True).drop_duplicates(["iso3", "indicator", "year"])
    years = set(new["year"])
    upsert_source(data_dir, sources.VDEM)
    n = replace_rows(data_dir, OBSERVATIONS, new, drop=lambda old: (
        (old["source_id"] == sources.VDEM["id"]) & old["year"].isin(years)))
    return ImportResult(data_dir / OBSERVATIONS.name, n, sorted(set(skipped)))
