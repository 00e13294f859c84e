"""The curated offence-penalty rows (shared/data/offences), kept exactly as curated.

Each row keeps every value of its source file; ``row_id`` (file:line) ties it back to the
curated file so a reviewer can find it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problem, ValidationFailed
from ..schemas import OFFENCE_ANNOTATIONS, OFFENCES
from ..validate import read_table
from . import sources
from .common import ImportResult, read_source, replace_rows, upsert_source

COLUMNS = ["iso3", "country", "category", "offence", "law", "max_penalty_years",
           "life_imprisonment", "death_penalty", "source_title", "source_url", "source_date",
           "confidence", "notes"]


def import_offences(files: list[Path], data_dir: Path,
                    annotations: Path | None = None) -> ImportResult:
    """Import the curated rows; ``annotations`` (country_data/curation/
    offence_annotations.csv) adds the fields read out of their notes."""
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
    out = _annotate(out, annotations)
    upsert_source(data_dir, sources.OFFENCES)
    n = replace_rows(data_dir, OFFENCES, out, drop=lambda old: old["iso3"].notna(),
                     sort=["iso3", "category", "row_id"])
    return ImportResult(data_dir / OFFENCES.name, n)


def _annotate(out: pd.DataFrame, annotations: Path | None) -> pd.DataFrame:
    fields = ["in_force", "superseded_by", "requires_violence", "min_penalty_years",
              "sentence_imposed_years"]
    if annotations is None:
        return out.assign(**{f: None for f in fields}, annotation_basis=None)
    frame, problems = read_table(annotations, OFFENCE_ANNOTATIONS)
    if frame is None or problems:
        raise ValidationFailed(problems)
    unknown = frame[~frame["row_id"].isin(set(out["row_id"]))]
    if len(unknown):
        raise ValidationFailed([Problem(annotations.name, int(line), "row_id",
                                        f"{rid!r} is not a row of the imported files",
                                        "check the file name and line of the curated row")
                                for line, rid in unknown["row_id"].items()])
    ann = frame.rename(columns={"basis": "annotation_basis"}).set_index("row_id")
    merged = out.join(ann, on="row_id")
    for col in ("in_force", "requires_violence"):
        merged[col] = merged[col].map(lambda v: "" if pd.isna(v) else str(bool(v)).lower())
    return merged


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
