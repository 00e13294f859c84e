"""Freedom House, Freedom in the World: F1, F2 and D4 by edition year."""

from __future__ import annotations

from pathlib import Path

from . import sources
from .common import ImportResult, import_observations, read_source

INDICATORS = {"F1": "fiw_f1", "F2": "fiw_f2", "D4": "fiw_d4"}


def import_fiw(files: list[Path], data_dir: Path) -> ImportResult:
    frames = ((read_source(path, ["country", "iso3", "edition", *INDICATORS]), path)
              for path in files)
    return import_observations(frames, INDICATORS, "edition", "country", sources.FIW,
                               data_dir)
