"""The curated offence-penalty rows (shared/data/offences), kept exactly as curated.

Each row keeps every value of its source file; ``row_id`` (file:line) ties it back to the
curated file so a reviewer can find it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schemas import OFFENCES
from . import sources
from .common import ImportResult, read_source, replace_rows, upsert_source

COLUMNS = ["iso3", "country", "category", "offence", "law", "max_penalty_years",
           "life_imprisonment", "death_penalty", "source_title", "source_url", "source_date",
           "confidence", "notes"]


def import_offences(files: list[Path], data_dir: Path) -> ImportResult:
    parts = []
    for path in files:
        frame = read_source(path, COLUMNS)
        # Line numbers as an editor shows them: header is line 1. Quoted newlines in notes
        # would shift them, so count them in the raw text instead of assuming one per row.
        frame["row_id"] = [f"{path.name}:{line}" for line in _record_lines(path)]
        parts.append(frame)
    src = pd.concat(parts, ignore_index=True)
    out = src.drop(columns=["country"]).assign(dataset_source_id=sources.OFFENCES["id"])
    out["life_imprisonment"] = out["life_imprisonment"].str.lower()
    out["death_penalty"] = out["death_penalty"].str.lower()
    upsert_source(data_dir, sources.OFFENCES)
    n = replace_rows(data_dir, OFFENCES, out, drop=lambda old: old["iso3"].notna(),
                     sort=["iso3", "category", "row_id"])
    return ImportResult(data_dir / OFFENCES.name, n)


def _record_lines(path: Path) -> list[int]:
    import csv
    import io

    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    next(reader)
    lines = []
    start = reader.line_num + 1
    for row in reader:
        if row:
            lines.append(start)
        start = reader.line_num + 1
    return lines
