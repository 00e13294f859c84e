"""V-Dem v14 selected variables (judicial independence, media, internet censorship)."""

from __future__ import annotations

from pathlib import Path

from . import sources
from .common import ImportResult, import_observations, read_source

INDICATORS = {
    "v2juncind": "vdem_v2juncind",
    "v2juhcind": "vdem_v2juhcind",
    "v2jucomp": "vdem_v2jucomp",
    "v2meharjrn": "vdem_v2meharjrn",
    "v2mecenefi": "vdem_v2mecenefi",
}


def import_vdem(files: list[Path], data_dir: Path) -> ImportResult:
    frames = ((read_source(path, ["iso3", "country_name", "year", *INDICATORS]), path)
              for path in files)
    return import_observations(frames, INDICATORS, "year", "country_name", sources.VDEM,
                               data_dir)
