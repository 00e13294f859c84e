"""UNHCR refugee population statistics: people by country of origin x country of asylum.

The latest year in the file (or the one given) becomes country_data/displacement.csv:
refugees, asylum-seekers and other people in need of international protection (``oip``),
the people a cross-border request could reach (METHODOLOGY.md 14). Non-state origins
(UNK unknown, XXA stateless, TIB Tibetan) are kept and marked ``non_state``: they count in
totals and are never a requesting state. An asylum code that is not a state is kept the
same way. Nothing is dropped; the import says what it marked.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problem, ValidationFailed
from ..schemas import DISPLACEMENT, NON_STATE_ORIGINS
from . import sources
from .common import ImportResult, read_source, replace_rows, upsert_source

COUNTS = ("refugees", "asylum_seekers", "oip")


def import_unhcr(files: list[Path], data_dir: Path, year: int | None = None) -> ImportResult:
    frames = [read_source(p, ["year", "coo_iso", "coa_iso", *COUNTS]) for p in files]
    frame = pd.concat(frames, ignore_index=True)
    years = pd.to_numeric(frame["year"], errors="coerce")
    chosen = int(years.max()) if year is None else int(year)
    rows = frame[years == chosen].copy()
    if rows.empty:
        raise ValidationFailed([Problem(files[0].name, None, "year",
                                        f"no rows for {chosen}", "give a year the file holds")])
    rows = rows[rows[list(COUNTS)].notna().any(axis=1)]
    out = pd.DataFrame({"year": chosen, "origin": rows["coo_iso"], "asylum": rows["coa_iso"]})
    for col in COUNTS:
        out[col] = pd.to_numeric(rows[col], errors="coerce").round().astype("Int64")
    out = out[(out[list(COUNTS)].fillna(0) > 0).any(axis=1)]
    out["origin_kind"] = ["non_state" if c in NON_STATE_ORIGINS else "state"
                          for c in out["origin"]]
    out["asylum_kind"] = ["non_state" if c in NON_STATE_ORIGINS else "state"
                          for c in out["asylum"]]
    out["source_id"] = sources.UNHCR["id"]
    out = out.groupby(["year", "origin", "origin_kind", "asylum", "asylum_kind", "source_id"],
                      as_index=False)[list(COUNTS)].sum(min_count=1)
    marked = [f"{code} ({NON_STATE_ORIGINS[code]}): "
              f"{int(out.loc[out['origin'] == code, list(COUNTS)].sum().sum()):,} people, "
              "marked non-state (counted in totals, never a requesting state)"
              for code in NON_STATE_ORIGINS if (out["origin"] == code).any()]
    upsert_source(data_dir, sources.UNHCR)
    n = replace_rows(data_dir, DISPLACEMENT, out[list(DISPLACEMENT.columns)],
                     drop=lambda old: old["source_id"] == sources.UNHCR["id"],
                     sort=["year", "origin", "asylum"])
    return ImportResult(data_dir / DISPLACEMENT.name, n, notes=marked)
