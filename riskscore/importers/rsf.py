"""RSF World Press Freedom Index.

Reads two formats so that next year's file imports as published:
- RSF's own download: semicolon-separated, decimal commas, columns such as ``ISO``,
  ``Score`` (or ``Score 2025``), ``Legal Context``, ``Safety``, ``Year (N)``; Windows-1252
  or UTF-8;
- the tidy form in shared/data/rsf_press_freedom (``iso3, year, score, legal, safety``).
Importing a year replaces that year's RSF rows and leaves other years alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..csvio import read_bounded
from ..errors import Problem, ValidationFailed
from . import sources
from .common import ImportResult, import_observations, read_source

INDICATORS = {"score": "rsf_score", "legal": "rsf_legal", "safety": "rsf_safety"}


def _read(path: Path) -> pd.DataFrame:
    raw, (what, fix) = read_bounded(path)
    if raw is None:
        raise ValidationFailed([Problem(path.name, None, None, what, fix)])
    head = raw[:4096]
    if b";" in head.split(b"\n", 1)[0]:
        frame = read_source(path, ["ISO", "Legal Context", "Safety"], sep=";", decimal=",",
                            encodings=("utf-8-sig", "cp1252"))
        score = [c for c in frame.columns if re.fullmatch(r"Score( \d{4})?", c)]
        year = [c for c in frame.columns if c.startswith("Year")]
        if not score or not year:
            missing = ("Score" if not score else "Year (N)")
            raise ValidationFailed([Problem(path.name, 1, missing, "column is missing",
                                            "use RSF's yearly CSV as downloaded")])
        frame = frame.rename(columns={"ISO": "iso3", score[0]: "score", year[0]: "year",
                                      "Legal Context": "legal", "Safety": "safety",
                                      "Country_EN": "country_rsf"})
        for col in ("score", "legal", "safety"):  # pandas leaves decimal commas in str columns
            frame[col] = frame[col].str.replace(",", ".", regex=False)
        if "country_rsf" not in frame.columns:
            frame["country_rsf"] = frame["iso3"]
        return frame
    return read_source(path, ["iso3", "country_rsf", "year", "score", "legal", "safety"])


def import_rsf(files: list[Path], data_dir: Path) -> ImportResult:
    # RSF's yearly files carry one year each: no duplicate state-years to drop.
    return import_observations(((_read(path), path) for path in files), INDICATORS, "year",
                               "country_rsf", sources.RSF, data_dir)
