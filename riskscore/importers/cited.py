"""Cited research tables of the pair model (METHODOLOGY.md 14), imported like the offence
rows: the requested states' shields (country_data/curation/shields_riskscore.csv) and
Freedom House's transnational-repression findings
(country_data/curation/transnational_repression_riskscore.csv), and the criminal codes
replaced since rows cited them (country_data/curation/recodifications_riskscore.csv).

Every row keeps its citation and gets ``row_id`` (file:line) so a reviewer finds it in the
curated file; the state's name column is for the curator and is not kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schemas import RECODIFICATIONS, SHIELDS, TRANSNATIONAL_REPRESSION, TableSpec
from .common import ImportResult, read_source, record_lines, replace_rows


def _import(files: list[Path], data_dir: Path, spec: TableSpec, sort: list[str]
            ) -> ImportResult:
    needed = [c for c in spec.columns if c not in ("row_id", "retrieved")]
    parts = []
    for path in files:
        frame = read_source(path, needed)
        if "row_id" in spec.columns:
            frame["row_id"] = [f"{path.name}:{line}" for line in record_lines(path)]
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    if "retrieved" not in out:
        out["retrieved"] = None
    n = replace_rows(data_dir, spec, out[list(spec.columns)],
                     drop=lambda old: old["iso3"].notna(), sort=sort)
    return ImportResult(data_dir / spec.name, n)


def import_shields(files: list[Path], data_dir: Path) -> ImportResult:
    return _import(files, data_dir, SHIELDS, ["iso3", "feature", "row_id"])


def import_transnational_repression(files: list[Path], data_dir: Path) -> ImportResult:
    return _import(files, data_dir, TRANSNATIONAL_REPRESSION, ["iso3", "role", "row_id"])


def import_recodifications(files: list[Path], data_dir: Path) -> ImportResult:
    return _import(files, data_dir, RECODIFICATIONS, ["iso3", "new_in_force"])
