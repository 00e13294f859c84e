"""Country list, regions, income groups and memberships (shared/data/country_groups)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import iso
from ..schemas import COUNTRIES
from . import sources
from .common import ImportResult, _as_text, read_existing, upsert_source, write_checked

NEEDED = ["iso3", "iso2", "name", "independent", "m49_region", "m49_subregion",
          "wb_income_level", "un_member_since", "eu_member", "oecd_member_since",
          "g20_incl_eu_states"]
_POP = ["population", "population_year", "population_source_id"]


def import_groups(files: list[Path], data_dir: Path) -> ImportResult:
    from .common import read_source

    (path,) = files
    src = read_source(path, NEEDED)
    flag = {"True": True, "False": False}
    out = pd.DataFrame({
        "iso3": src["iso3"],
        "iso2": src["iso2"],
        # The name readers use, by one policy (riskscore/iso.py reader_name); the source's
        # name is kept where ISO has no better one.
        "name": [iso.reader_name(c, n) for c, n in zip(src["iso3"], src["name"], strict=True)],
        "independent": src["independent"].map(flag),
        "m49_region": src["m49_region"],
        "m49_subregion": src["m49_subregion"],
        "income_group": src["wb_income_level"],
        "un_member": src["un_member_since"].notna(),
        "eu_member": src["eu_member"].map(flag),
        "oecd_member": src["oecd_member_since"].notna(),
        "g20_or_eu": src["g20_incl_eu_states"].map(flag),
        "groups_source_id": sources.GROUPS["id"],
    })
    # Keep population already imported: the two importers each own their columns.
    old = read_existing(data_dir / COUNTRIES.name, COUNTRIES)
    out = out.merge(old[["iso3", *_POP]], on="iso3", how="left") if len(old) else \
        out.assign(**{c: None for c in _POP})
    out = out.sort_values("iso3").reset_index(drop=True)
    upsert_source(data_dir, sources.GROUPS)
    target = data_dir / COUNTRIES.name
    write_checked(_as_text(out), target, COUNTRIES)
    return ImportResult(target, len(out))
